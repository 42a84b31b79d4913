//! sea-orm entities of the koers plan model: one module per table, shared enums and the exact decimal type.
//!
//! Entities carry no GraphQL: the API wraps them in its own types (see `api/src/graphql/types`).

pub mod enums;
pub mod exact;
pub mod search;
pub mod stamp;

pub mod api_token;
pub mod baseline;
pub mod baseline_milestone;
pub mod change_record;
pub mod commitment;
pub mod commitment_letter;
pub mod commitment_milestone;
pub mod data_infra_task;
pub mod data_quality_assessment;
pub mod data_source;
pub mod idempotency_key;
pub mod kpi;
pub mod kpi_data_source;
pub mod kpi_measurement;
pub mod kpi_target;
pub mod milestone;
pub mod milestone_dependency;
pub mod milestone_kpi;
pub mod milestone_task;
pub mod organisation;
pub mod phase;
pub mod programme;
pub mod progress_report;
pub mod recess_period;
pub mod report_document;
pub mod risk;
pub mod task_kpi;
pub mod web_session;
pub mod workstream;

pub use enums::*;
pub use exact::Exact;
pub use stamp::{StampColumns, Stamped};
