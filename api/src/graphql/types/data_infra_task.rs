//! `DataInfraTask`: a data-infrastructure or data-governance task.

use super::{DataSource, Kpi, Milestone, Organisation, date, plan_object};
use crate::graphql::enums::{GovernmentLayer, TaskKind, WorkStatus};
use crate::graphql::loaders;
use crate::graphql::scalars::Date;
use async_graphql::Context;
use entity::data_infra_task::Model;

/// A data-infrastructure or data-governance task, e.g. "MVOI-velden verplicht in TenderNed".
pub struct DataInfraTask(pub Model);

plan_object!(DataInfraTask, "DataInfraTask", {
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
        let Some(id) = self.0.owner_organisation_id else {
            return Ok(None);
        };
        Ok(loaders::one::<entity::organisation::Entity>(ctx, id)
            .await?
            .map(Organisation))
    }
    /// The data source it improves.
    async fn data_source(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<DataSource>> {
        let Some(id) = self.0.data_source_id else {
            return Ok(None);
        };
        Ok(loaders::one::<entity::data_source::Entity>(ctx, id)
            .await?
            .map(DataSource))
    }
    /// KPIs that can be reported only once this task is done.
    async fn unblocks(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Kpi>> {
        let rows = loaders::linked::<entity::task_kpi::Entity, entity::kpi::Entity>(
            ctx, "task_id", "kpi_id", self.0.id,
        )
        .await?;
        Ok(rows.into_iter().map(Kpi).collect())
    }
    /// Milestones this task belongs to.
    async fn milestones(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Milestone>> {
        let rows = loaders::linked::<entity::milestone_task::Entity, entity::milestone::Entity>(
            ctx,
            "task_id",
            "milestone_id",
            self.0.id,
        )
        .await?;
        Ok(rows.into_iter().map(Milestone).collect())
    }
});
