//! `KpiMeasurement`: a measured value of a KPI over a period.

use super::{DataSource, Kpi, PlanFields, PlanObject};
use crate::graphql::enums::{GovernmentLayer, MeasurementQualifier};
use crate::graphql::scalars::Date;
use crate::graphql::scalars::Decimal;
use async_graphql::{Context, Object};
use entity::kpi_measurement::Model;

/// A measured value of a KPI over a period, overall or for one layer.
#[derive(Clone)]
pub struct KpiMeasurement(
    pub std::sync::Arc<Model>,
    pub std::sync::Arc<crate::graphql::batch::Siblings<Model>>,
);

super::batched!(KpiMeasurement);

/// A measured value of a KPI over a period, overall or for one layer.
#[Object]
impl KpiMeasurement {
    #[graphql(flatten)]
    async fn plan_fields(&self) -> PlanFields<'_, Self> {
        PlanFields(self)
    }

    /// First day of the measured period.
    async fn period_start(&self) -> Date {
        self.0.period_start.into()
    }
    /// Last day of the measured period.
    async fn period_end(&self) -> Date {
        self.0.period_end.into()
    }
    /// The period as people write it: "2023", "2019-2020", "2025-H1", or the two dates.
    async fn period(&self) -> String {
        crate::service::data::measurements::period_label(self.0.period_start, self.0.period_end)
    }
    /// The layer measured; null for the overall figure.
    async fn layer(&self) -> Option<GovernmentLayer> {
        self.0.layer.map(Into::into)
    }
    /// Measured value (exact decimal, in the KPI's unit).
    async fn value(&self) -> Decimal {
        self.0.value.into()
    }
    /// What the value is when it is not plain: a lower bound (AT_LEAST), an upper bound
    /// (AT_MOST) or an estimate (ESTIMATE); null for a plain value.
    async fn qualifier(&self) -> Option<MeasurementQualifier> {
        self.0.qualifier.map(Into::into)
    }
    /// Remark on the value or its quality.
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
    /// Where the value comes from.
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
}

impl PlanObject for KpiMeasurement {}
