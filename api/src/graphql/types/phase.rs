//! `Phase`: a phase of the programme.

use super::{Milestone, Programme, date, plan_object};
use crate::graphql::enums::WorkStatus;
use crate::graphql::loaders;
use crate::graphql::scalars::Date;
use async_graphql::Context;
use entity::phase::Model;

/// A phase of the programme (fase 1, 2, 3), with baseline, planned, forecast and actual dates.
pub struct Phase(pub Model);

plan_object!(Phase, "Phase", {
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
        Ok(
            loaders::one::<entity::programme::Entity>(ctx, self.0.programme_id)
                .await?
                .map(Programme),
        )
    }
    /// Milestones in this phase, by planned date.
    async fn milestones(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Milestone>> {
        let mut rows =
            loaders::children::<entity::milestone::Entity>(ctx, "phase_id", self.0.id).await?;
        rows.sort_by_key(|m| (m.planned_date, m.id));
        Ok(rows.into_iter().map(Milestone).collect())
    }
});
