//! GraphQL object types: each wraps an entity model and adds its relations through the loaders.

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
mod programme;
mod progress_report;
mod recess_period;
mod risk;
mod schedule;
mod workstream;

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
        }
    };
}
pub(crate) use batched;

/// `#[Object]` impl of a plan-entity wrapper with the fields every plan entity has
/// (`id`, `version`, `createdAt`, `updatedAt`, `deletedAt`) followed by its own.
macro_rules! plan_object {
    ($(#[$doc:meta])* $ty:ident, $name:literal, { $($body:tt)* }) => {
        crate::graphql::types::batched!($ty);

        $(#[$doc])*
        #[async_graphql::Object]
        impl $ty {
            /// Global id (use with `node(id:)` and in mutation inputs).
            pub async fn id(&self) -> async_graphql::ID {
                crate::graphql::ids::encode($name, self.0.id)
            }
            /// Version of this object; send it back with an update or delete.
            async fn version(&self) -> i32 {
                self.0.version
            }
            /// When it was created (UTC).
            async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
                self.0.created_at
            }
            /// When it last changed (UTC).
            async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
                self.0.updated_at
            }
            /// When it was deleted (UTC), or null. Deleted objects still resolve where they are cited.
            async fn deleted_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
                self.0.deleted_at
            }
            $($body)*
        }
    };
}
pub(crate) use plan_object;

/// Convert an optional stored date to the GraphQL scalar.
pub(crate) fn date(d: Option<chrono::NaiveDate>) -> Option<crate::graphql::scalars::Date> {
    d.map(Into::into)
}
