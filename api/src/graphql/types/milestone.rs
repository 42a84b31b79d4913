//! `Milestone`: a milestone of the plan, with its relations.

use super::{
    Commitment, DataInfraTask, Kpi, MilestoneDependency, Organisation, Phase, Programme,
    RecessPeriod, Workstream, date, plan_object,
};
use crate::graphql::enums::{GovernmentLayer, Health, MilestoneKind, WorkStatus};
use crate::graphql::loaders::{self, DepEnd};
use crate::graphql::scalars::Date;
use async_graphql::Context;
use entity::milestone::Model;

/// A milestone of one government layer, or joint (no layer), with its dates, status and health.
#[derive(Clone)]
pub struct Milestone(
    pub std::sync::Arc<Model>,
    pub std::sync::Arc<crate::graphql::batch::Siblings<Model>>,
);

plan_object!(
    /// A milestone of one government layer, or joint (no layer), with its dates, status and health.
    Milestone,
    "Milestone", {
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
    /// The recess of the Tweede Kamer its expected date (forecast, else planned) falls in, or null.
    async fn recess(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<RecessPeriod>> {
        use crate::graphql::batch::Batched;
        use crate::graphql::context::ContextExt;
        let db = ctx.db()?;
        let all = self.1.memo("recesses".to_owned(), |_| async move { Ok(crate::service::calendar::all(db).await?) }).await?;
        let day = self.0.forecast_date.unwrap_or(self.0.planned_date);
        Ok(crate::service::calendar::recess_on(&all, day).cloned().map(RecessPeriod::one))
    }
    /// The programme.
    async fn programme(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Programme>> {
        self.1
            .to_one::<entity::programme::Entity, Programme>(
                ctx,
                "programme_id",
                |m| Some(m.programme_id),
                Some(self.0.programme_id),
            )
            .await
    }
    /// The phase it belongs to.
    async fn phase(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Phase>> {
        self.1
            .to_one::<entity::phase::Entity, Phase>(
                ctx,
                "phase_id",
                |m| m.phase_id,
                self.0.phase_id,
            )
            .await
    }
    /// The workstream it belongs to.
    async fn workstream(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Workstream>> {
        self.1
            .to_one::<entity::workstream::Entity, Workstream>(
                ctx,
                "workstream_id",
                |m| m.workstream_id,
                self.0.workstream_id,
            )
            .await
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
    /// KPIs this milestone contributes to.
    async fn kpis(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Kpi>> {
        self.1
            .linked::<entity::milestone_kpi::Entity, entity::kpi::Entity, Kpi>(
                ctx,
                ("milestone_id", "kpi_id"),
                |m| m.id,
                self.0.id,
            )
            .await
    }
    /// Data-infrastructure tasks linked to this milestone.
    async fn tasks(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<DataInfraTask>> {
        self.1.linked::<entity::milestone_task::Entity, entity::data_infra_task::Entity, DataInfraTask>(ctx, ("milestone_id", "task_id"), |m| m.id, self.0.id).await
    }
    /// Finish-to-start dependencies on earlier milestones.
    async fn predecessors(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<MilestoneDependency>> {
        self.dependencies(ctx, DepEnd::Predecessors).await
    }
    /// Milestones that depend on this one.
    async fn successors(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<MilestoneDependency>> {
        self.dependencies(ctx, DepEnd::Successors).await
    }
    /// Commitments to the Kamer that this milestone fulfils.
    async fn commitments(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Commitment>> {
        self.1
            .linked::<entity::commitment_milestone::Entity, entity::commitment::Entity, Commitment>(
                ctx,
                ("milestone_id", "commitment_id"),
                |m| m.id,
                self.0.id,
            )
            .await
    }
});

impl Milestone {
    /// Dependency edges at one end of this milestone, loaded once for all siblings.
    async fn dependencies(
        &self,
        ctx: &Context<'_>,
        end: DepEnd,
    ) -> async_graphql::Result<Vec<MilestoneDependency>> {
        self.1
            .grouped(
                format!("dependencies:{end:?}"),
                self.0.id,
                |models| async move {
                    let ids = crate::graphql::batch::unique(models.iter().map(|m| m.id));
                    loaders::dependencies_of(ctx, end, &ids).await
                },
            )
            .await
    }
}
