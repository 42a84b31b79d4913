//! `DataInfraTask`: a data-infrastructure or data-governance task.

use super::{DataSource, Kpi, Milestone, Organisation, PlanFields, PlanObject, date};
use crate::graphql::enums::{GovernmentLayer, TaskKind, WorkStatus};
use crate::graphql::scalars::Date;
use async_graphql::{Context, Object};
use entity::data_infra_task::Model;

/// A data-infrastructure or data-governance task, e.g. "MVOI-velden verplicht in TenderNed".
#[derive(Clone)]
pub struct DataInfraTask(
    pub std::sync::Arc<Model>,
    pub std::sync::Arc<crate::graphql::batch::Siblings<Model>>,
);

super::batched!(DataInfraTask);

/// A data-infrastructure or data-governance task, e.g. "MVOI-velden verplicht in TenderNed".
#[Object]
impl DataInfraTask {
    #[graphql(flatten)]
    async fn plan_fields(&self) -> PlanFields<'_, Self> {
        PlanFields(self)
    }

    /// Title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// What must be done.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// Kind of task.
    async fn kind(&self) -> TaskKind {
        self.0.kind.into()
    }
    /// The layer responsible; null for a joint task.
    async fn layer(&self) -> Option<GovernmentLayer> {
        self.0.layer.map(Into::into)
    }
    /// Due date.
    async fn due_date(&self) -> Date {
        self.0.due_date.into()
    }
    /// Date it was completed.
    async fn completed_on(&self) -> Option<Date> {
        date(self.0.completed_on)
    }
    /// Progress.
    async fn status(&self) -> WorkStatus {
        self.0.status.into()
    }
    /// The organisation that owns it.
    async fn owner(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organisation>> {
        self.1
            .to_one::<entity::organisation::Entity, Organisation>(
                ctx,
                "owner_organisation_id",
                |m| m.owner_organisation_id,
                self.0.owner_organisation_id,
            )
            .await
    }
    /// The data source it improves.
    async fn data_source(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<DataSource>> {
        self.1
            .to_one::<entity::data_source::Entity, DataSource>(
                ctx,
                "data_source_id",
                |m| m.data_source_id,
                self.0.data_source_id,
            )
            .await
    }
    /// KPIs that can be reported only once this task is done.
    async fn unblocks(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Kpi>> {
        self.1
            .linked::<entity::task_kpi::Entity, entity::kpi::Entity, Kpi>(
                ctx,
                ("task_id", "kpi_id"),
                |m| m.id,
                self.0.id,
            )
            .await
    }
    /// Milestones this task belongs to.
    async fn milestones(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Milestone>> {
        self.1
            .linked::<entity::milestone_task::Entity, entity::milestone::Entity, Milestone>(
                ctx,
                ("task_id", "milestone_id"),
                |m| m.id,
                self.0.id,
            )
            .await
    }
}

impl PlanObject for DataInfraTask {}
