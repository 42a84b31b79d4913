//! `RecessPeriod`: a recess of the Tweede Kamer.

use super::{PlanFields, PlanObject};
use crate::graphql::enums::{DateConfidence, RecessKind};
use crate::graphql::scalars::Date;
use async_graphql::Object;
use entity::recess_period::Model;

/// A recess of the Tweede Kamer: it does not meet from the first to the last day.
/// "Before the recess" means by the day before `firstDay`.
#[derive(Clone)]
pub struct RecessPeriod(
    pub std::sync::Arc<Model>,
    pub std::sync::Arc<crate::graphql::batch::Siblings<Model>>,
);

super::batched!(RecessPeriod);

/// A recess of the Tweede Kamer: it does not meet from the first to the last day.
/// "Before the recess" means by the day before `firstDay`.
#[Object]
impl RecessPeriod {
    #[graphql(flatten)]
    async fn plan_fields(&self) -> PlanFields<'_, Self> {
        PlanFields(self)
    }

    /// Which recess.
    async fn kind(&self) -> RecessKind {
        self.0.kind.into()
    }
    /// The year it belongs to (a Christmas recess belongs to the year it starts in).
    async fn year(&self) -> i32 {
        self.0.year
    }
    /// Name, e.g. "Zomerreces 2026".
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// First day without sittings (a Friday).
    async fn first_day(&self) -> Date {
        self.0.first_day.into()
    }
    /// Last day without sittings (a Monday).
    async fn last_day(&self) -> Date {
        self.0.last_day.into()
    }
    /// The last sitting day before the recess: what "voor het ... reces" resolves to.
    async fn last_sitting_day_before(&self) -> Option<Date> {
        self.0.first_day.pred_opt().map(Into::into)
    }
    /// How certain these dates are.
    async fn confidence(&self) -> DateConfidence {
        self.0.confidence.into()
    }
}

impl PlanObject for RecessPeriod {}
