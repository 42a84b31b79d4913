//! GraphQL object types: each wraps an entity model and adds its relations through the loaders.

mod api_token;
mod baseline;
mod change_record;
mod commitment;
mod commitment_letter;
mod data_infra_task;
mod data_quality_assessment;
mod data_source;
mod dependency;
mod kpi;
mod kpi_measurement;
mod kpi_target;
mod milestone;
mod organisation;
mod phase;
mod plan_fields;
mod programme;
mod progress_report;
mod recess_period;
mod risk;
mod schedule;
mod workstream;

pub use api_token::ApiToken;
pub use baseline::{Baseline, BaselineVariance};
pub use change_record::ChangeRecord;
pub use commitment::Commitment;
pub use commitment_letter::CommitmentLetter;
pub use data_infra_task::DataInfraTask;
pub use data_quality_assessment::DataQualityAssessment;
pub use data_source::DataSource;
pub use dependency::MilestoneDependency;
pub use kpi::Kpi;
pub use kpi_measurement::KpiMeasurement;
pub use kpi_target::KpiTarget;
pub use milestone::Milestone;
pub use organisation::Organisation;
pub use phase::Phase;
pub use plan_fields::{GlobalId, PlanFields, PlanObject};
pub use programme::Programme;
pub use progress_report::{ProgressReport, ReportDocument};
pub use recess_period::RecessPeriod;
pub use risk::Risk;
pub use schedule::{
    CommitmentRisk, CriticalPath, HealthAssessment, HealthOverride, HealthReason, milestone_by_id,
};
pub use workstream::Workstream;

/// A wrapper `T(Arc<Model>, Arc<Siblings<Model>>)` joins sibling sets (see `batch.rs`).
macro_rules! batched {
    ($ty:ident) => {
        impl crate::graphql::batch::Batched for $ty {
            type Model = Model;
            fn wrap(
                model: std::sync::Arc<Model>,
                set: std::sync::Arc<crate::graphql::batch::Siblings<Model>>,
            ) -> Self {
                Self(model, set)
            }
            fn model(&self) -> &Model {
                &self.0
            }
            fn siblings(&self) -> &crate::graphql::batch::Siblings<Model> {
                &self.1
            }
        }
    };
}
pub(crate) use batched;

/// Convert an optional stored date to the GraphQL scalar.
pub(crate) fn date(d: Option<chrono::NaiveDate>) -> Option<crate::graphql::scalars::Date> {
    d.map(Into::into)
}
