//! `Milestone`: a milestone of the plan, with its relations.

use super::{
    Commitment, DataInfraTask, Kpi, MilestoneDependency, Organisation, Phase, Programme,
    Workstream, date, plan_object,
};
use crate::graphql::enums::{GovernmentLayer, Health, MilestoneKind, WorkStatus};
use crate::graphql::loaders::{self, DepEnd};
use crate::graphql::scalars::Date;
use async_graphql::Context;
use entity::milestone::Model;

/// A milestone of one government layer, or joint (no layer), with its dates, status and health.
pub struct Milestone(pub Model);

plan_object!(Milestone, "Milestone", {
    /// Short title, e.g. "Concept meerjarenplan gereed".
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// What is delivered or decided.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// Kind of milestone.
    async fn kind(&self) -> MilestoneKind {
        self.0.kind.into()
    }
    /// The government layer it belongs to; null for a joint milestone of all layers.
    async fn layer(&self) -> Option<GovernmentLayer> {
        self.0.layer.map(Into::into)
    }
    /// Whether it is a joint milestone of all layers.
    async fn joint(&self) -> bool {
        self.0.layer.is_none()
    }
    /// Date as first promised (slip is measured against it).
    async fn baseline_date(&self) -> Date {
        self.0.baseline_date.into()
    }
    /// Currently planned date.
    async fn planned_date(&self) -> Date {
        self.0.planned_date.into()
    }
    /// Expected date when it differs from the plan.
    async fn forecast_date(&self) -> Option<Date> {
        date(self.0.forecast_date)
    }
    /// Date it was actually reached.
    async fn actual_date(&self) -> Option<Date> {
        date(self.0.actual_date)
    }
    /// Progress.
    async fn status(&self) -> WorkStatus {
        self.0.status.into()
    }
    /// Health.
    async fn health(&self) -> Health {
        self.0.health.into()
    }
    /// One line on why it is at risk or off track.
    async fn health_reason(&self) -> Option<&str> {
        self.0.health_reason.as_deref()
    }
    /// A hard deadline, e.g. a parliamentary one.
    async fn deadline_date(&self) -> Option<Date> {
        date(self.0.deadline_date)
    }
    /// The deadline as promised, e.g. "voor het zomerreces 2026".
    async fn deadline_text(&self) -> Option<&str> {
        self.0.deadline_text.as_deref()
    }
    /// The programme.
    async fn programme(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Programme>> {
        Ok(
            loaders::one::<entity::programme::Entity>(ctx, self.0.programme_id)
                .await?
                .map(Programme),
        )
    }
    /// The phase it belongs to.
    async fn phase(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Phase>> {
        let Some(id) = self.0.phase_id else {
            return Ok(None);
        };
        Ok(loaders::one::<entity::phase::Entity>(ctx, id)
            .await?
            .map(Phase))
    }
    /// The workstream it belongs to.
    async fn workstream(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Workstream>> {
        let Some(id) = self.0.workstream_id else {
            return Ok(None);
        };
        Ok(loaders::one::<entity::workstream::Entity>(ctx, id)
            .await?
            .map(Workstream))
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
    /// KPIs this milestone contributes to.
    async fn kpis(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Kpi>> {
        let rows = loaders::linked::<entity::milestone_kpi::Entity, entity::kpi::Entity>(
            ctx,
            "milestone_id",
            "kpi_id",
            self.0.id,
        )
        .await?;
        Ok(rows.into_iter().map(Kpi).collect())
    }
    /// Data-infrastructure tasks linked to this milestone.
    async fn tasks(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<DataInfraTask>> {
        let rows =
            loaders::linked::<entity::milestone_task::Entity, entity::data_infra_task::Entity>(
                ctx,
                "milestone_id",
                "task_id",
                self.0.id,
            )
            .await?;
        Ok(rows.into_iter().map(DataInfraTask).collect())
    }
    /// Finish-to-start dependencies on earlier milestones.
    async fn predecessors(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<MilestoneDependency>> {
        let rows = loaders::dependencies(ctx, DepEnd::Predecessors, self.0.id).await?;
        Ok(rows.into_iter().map(MilestoneDependency).collect())
    }
    /// Milestones that depend on this one.
    async fn successors(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<MilestoneDependency>> {
        let rows = loaders::dependencies(ctx, DepEnd::Successors, self.0.id).await?;
        Ok(rows.into_iter().map(MilestoneDependency).collect())
    }
    /// Commitments to the Kamer that this milestone fulfils.
    async fn commitments(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Commitment>> {
        let rows = loaders::linked::<
            entity::commitment_milestone::Entity,
            entity::commitment::Entity,
        >(ctx, "milestone_id", "commitment_id", self.0.id)
        .await?;
        Ok(rows.into_iter().map(Commitment).collect())
    }
});
