//! `Baseline` and `BaselineVariance`: the plan's dates as they stood when a baseline was taken,
//! and how far each milestone has moved since.

use crate::graphql::ids;
use crate::graphql::scalars::Date;
use crate::service::schedule::baselines::variance_days;
use async_graphql::{ID, Object};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{baseline, baseline_milestone};
use std::sync::Arc;

/// A named, dated copy of the plan's dates (e.g. "plan as sent to the Kamer, June 2025").
/// Never changed once taken.
#[derive(Clone)]
pub struct Baseline {
    pub model: Arc<baseline::Model>,
    /// Whether it is the first baseline (the original plan).
    pub original: bool,
}

impl Baseline {
    /// Baselines in the order they were taken, the first marked as the original.
    pub fn listed<'a>(models: impl IntoIterator<Item = &'a baseline::Model>) -> Vec<Baseline> {
        models
            .into_iter()
            .enumerate()
            .map(|(i, b)| Baseline {
                model: Arc::new(b.clone()),
                original: i == 0,
            })
            .collect()
    }
}

/// A named, dated copy of the plan's dates (e.g. "plan as sent to the Kamer, June 2025").
/// Never changed once taken.
#[Object]
impl Baseline {
    /// Global id.
    async fn id(&self) -> ID {
        ids::encode("Baseline", self.model.id)
    }
    /// Its name.
    async fn name(&self) -> &str {
        &self.model.name
    }
    /// Why it was taken (e.g. the approved re-plan and its reason).
    async fn reason(&self) -> &str {
        &self.model.reason
    }
    /// Who took it.
    async fn created_by(&self) -> &str {
        &self.model.created_by
    }
    /// When it was taken (UTC).
    async fn created_at(&self) -> DateTime<Utc> {
        self.model.created_at
    }
    /// True for the first baseline: the original plan; later ones are re-baselines.
    async fn original(&self) -> bool {
        self.original
    }
}

/// How far a milestone has moved against one baseline.
pub struct BaselineVariance {
    pub baseline: Baseline,
    pub row: baseline_milestone::Model,
    pub projected: NaiveDate,
}

/// How far a milestone has moved against one baseline.
#[Object]
impl BaselineVariance {
    /// The baseline.
    async fn baseline(&self) -> &Baseline {
        &self.baseline
    }
    /// The date the baseline holds: its projected date when the baseline was taken (what the
    /// plan then said, and what slip is measured against).
    async fn baseline_date(&self) -> Date {
        self.row.projected_date.into()
    }
    /// Its planned date when the baseline was taken.
    async fn baseline_planned_date(&self) -> Date {
        self.row.planned_date.into()
    }
    /// Its forecast when the baseline was taken, if any.
    async fn baseline_forecast_date(&self) -> Option<Date> {
        self.row.forecast_date.map(Into::into)
    }
    /// The projected date now.
    async fn projected_date(&self) -> Date {
        self.projected.into()
    }
    /// Days between the baseline date and the projected date now; positive is later.
    async fn variance_days(&self) -> i64 {
        variance_days(self.row.projected_date, self.projected)
    }
}
