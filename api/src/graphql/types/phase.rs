//! `Phase`: a phase of the programme.

use super::{Milestone, PlanFields, PlanObject, Programme, date};
use crate::graphql::enums::WorkStatus;
use crate::graphql::scalars::Date;
use async_graphql::{Context, Object};
use entity::phase::Model;

/// A phase of the programme (fase 1, 2, 3), with baseline, planned, forecast and actual dates.
#[derive(Clone)]
pub struct Phase(
    pub std::sync::Arc<Model>,
    pub std::sync::Arc<crate::graphql::batch::Siblings<Model>>,
);

super::batched!(Phase);

/// A phase of the programme (fase 1, 2, 3), with baseline, planned, forecast and actual dates.
#[Object]
impl Phase {
    #[graphql(flatten)]
    async fn plan_fields(&self) -> PlanFields<'_, Self> {
        PlanFields(self)
    }

    /// Phase number (1, 2, 3, ...).
    async fn number(&self) -> i32 {
        self.0.number
    }
    /// Name, e.g. "Fase 3: meerjarenplan".
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// What the phase delivers.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// Start as first promised.
    async fn baseline_start(&self) -> Date {
        self.0.baseline_start.into()
    }
    /// End as first promised.
    async fn baseline_end(&self) -> Date {
        self.0.baseline_end.into()
    }
    /// Currently planned start.
    async fn planned_start(&self) -> Date {
        self.0.planned_start.into()
    }
    /// Currently planned end.
    async fn planned_end(&self) -> Date {
        self.0.planned_end.into()
    }
    /// Expected start, when it differs from the plan.
    async fn forecast_start(&self) -> Option<Date> {
        date(self.0.forecast_start)
    }
    /// Expected end, when it differs from the plan.
    async fn forecast_end(&self) -> Option<Date> {
        date(self.0.forecast_end)
    }
    /// Actual start.
    async fn actual_start(&self) -> Option<Date> {
        date(self.0.actual_start)
    }
    /// Actual end.
    async fn actual_end(&self) -> Option<Date> {
        date(self.0.actual_end)
    }
    /// Progress.
    async fn status(&self) -> WorkStatus {
        self.0.status.into()
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
    /// Milestones in this phase, by planned date.
    async fn milestones(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Milestone>> {
        let mut rows: Vec<Milestone> = self
            .1
            .children::<entity::milestone::Entity, _>(ctx, "phase_id", |m| m.id, self.0.id)
            .await?;
        rows.sort_by_key(|m| (m.0.planned_date, m.0.id));
        Ok(rows)
    }
    /// The chain of milestones that decides the phase's projected end, with each one's slack
    /// (dependencies on milestones outside the phase still move its dates).
    async fn critical_path(&self, ctx: &Context<'_>) -> async_graphql::Result<super::CriticalPath> {
        let schedule = self.1.schedule(ctx).await?;
        Ok(super::CriticalPath(
            schedule.critical_path(crate::service::schedule::Scope::Phase(self.0.id)),
            self.1.source().clone(),
        ))
    }
}

impl PlanObject for Phase {}
