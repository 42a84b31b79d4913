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
/// (`id`, `version`, `createdAt`, `updatedAt`, `deletedAt`, and what the caller may do with it:
/// `viewerCanUpdate`, `viewerCanDelete`, `viewerCanRestore`) followed by its own. With
/// `guarded`, the type has `update_blocked(&self, ctx)` and `delete_blocked(&self, ctx)` (each
/// `-> Result<bool>`) of its own: what else keeps the caller from changing or deleting it (a
/// published report, a letter, a milestone others depend on).
macro_rules! plan_object {
    ($(#[$doc:meta])* $ty:ident, $name:literal, guarded, { $($body:tt)* }) => {
        crate::graphql::types::plan_object!(@ $(#[$doc])* $ty, $name, guarded, { $($body)* });
    };
    ($(#[$doc:meta])* $ty:ident, $name:literal, { $($body:tt)* }) => {
        crate::graphql::types::plan_object!(@ $(#[$doc])* $ty, $name, open, { $($body)* });
    };
    (@ $(#[$doc:meta])* $ty:ident, $name:literal, $guard:ident, { $($body:tt)* }) => {
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
            /// Whether the caller may change it (some of it: a layer manager taking part in a
            /// joint milestone changes its dates, status, description and health only): false
            /// when deleted and in an as-of view. From the same access rules as the mutations.
            async fn viewer_can_update(&self, ctx: &async_graphql::Context<'_>) -> async_graphql::Result<bool> {
                use crate::graphql::context::ContextExt;
                use crate::service::crud::PlanEntity;
                Ok(self.0.deleted_at.is_none()
                    && self.1.as_of().is_none()
                    && <<Model as sea_orm::ModelTrait>::Entity as PlanEntity>::may_edit(&ctx.caller(), &self.0).is_ok()
                    && !crate::graphql::types::update_blocked!($guard, self, ctx))
            }
            /// Whether the caller may delete it: false when deleted, in an as-of view, and
            /// where what depends on it keeps the caller from it (a layer manager's milestone
            /// that other layers' milestones or a commitment depend on).
            async fn viewer_can_delete(&self, ctx: &async_graphql::Context<'_>) -> async_graphql::Result<bool> {
                use crate::graphql::context::ContextExt;
                use crate::service::crud::PlanEntity;
                Ok(self.0.deleted_at.is_none()
                    && self.1.as_of().is_none()
                    && <<Model as sea_orm::ModelTrait>::Entity as PlanEntity>::may_delete(&ctx.caller(), &self.0).is_ok()
                    && !crate::graphql::types::delete_blocked!($guard, self, ctx))
            }
            /// Whether the caller may bring it back (`restore…`): it is deleted, this is the
            /// live plan, and the caller may delete it (what depends on it included).
            async fn viewer_can_restore(&self, ctx: &async_graphql::Context<'_>) -> async_graphql::Result<bool> {
                use crate::graphql::context::ContextExt;
                use crate::service::crud::PlanEntity;
                Ok(self.0.deleted_at.is_some()
                    && self.1.as_of().is_none()
                    && <<Model as sea_orm::ModelTrait>::Entity as PlanEntity>::may_delete(&ctx.caller(), &self.0).is_ok()
                    && !crate::graphql::types::delete_blocked!($guard, self, ctx))
            }
            $($body)*
        }
    };
}
pub(crate) use plan_object;

/// Whether more than the access rules keeps the caller from changing an object (see
/// `plan_object!`'s `guarded`: a published report is frozen, a letter is never edited).
macro_rules! update_blocked {
    (guarded, $this:tt, $ctx:tt) => {
        $this.update_blocked($ctx).await?
    };
    (open, $this:tt, $ctx:tt) => {
        false
    };
}
pub(crate) use update_blocked;

/// Whether more than the access rules keeps the caller from deleting an object (see
/// `plan_object!`'s `guarded`).
macro_rules! delete_blocked {
    (guarded, $this:tt, $ctx:tt) => {
        $this.delete_blocked($ctx).await?
    };
    (open, $this:tt, $ctx:tt) => {
        false
    };
}
pub(crate) use delete_blocked;

/// Convert an optional stored date to the GraphQL scalar.
pub(crate) fn date(d: Option<chrono::NaiveDate>) -> Option<crate::graphql::scalars::Date> {
    d.map(Into::into)
}
