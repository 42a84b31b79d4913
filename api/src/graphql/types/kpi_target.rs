//! `KpiTarget`: a target value of a KPI for a year.

use super::{Kpi, PlanFields, PlanObject};
use crate::graphql::enums::GovernmentLayer;
use crate::graphql::scalars::Decimal;
use async_graphql::{Context, Object};
use entity::kpi_target::Model;

/// A target of a KPI for one year, overall or for one layer.
#[derive(Clone)]
pub struct KpiTarget(
    pub std::sync::Arc<Model>,
    pub std::sync::Arc<crate::graphql::batch::Siblings<Model>>,
);

super::batched!(KpiTarget);

/// A target of a KPI for one year, overall or for one layer.
#[Object]
impl KpiTarget {
    #[graphql(flatten)]
    async fn plan_fields(&self) -> PlanFields<'_, Self> {
        PlanFields(self)
    }

    /// The year the target applies to.
    async fn year(&self) -> i32 {
        self.0.year
    }
    /// The layer it applies to; null for the overall target.
    async fn layer(&self) -> Option<GovernmentLayer> {
        self.0.layer.map(Into::into)
    }
    /// Target value (exact decimal, in the KPI's unit).
    async fn value(&self) -> Decimal {
        self.0.value.into()
    }
    /// Remark, e.g. the source of the target.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    /// The KPI.
    async fn kpi(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Kpi>> {
        self.1
            .to_one::<entity::kpi::Entity, Kpi>(
                ctx,
                "kpi_id",
                |m| Some(m.kpi_id),
                Some(self.0.kpi_id),
            )
            .await
    }
}

impl PlanObject for KpiTarget {}
