//! `KpiMeasurement`: a measured value of a KPI over a period.

use super::{DataSource, Kpi, plan_object};
use crate::graphql::enums::GovernmentLayer;
use crate::graphql::loaders;
use crate::graphql::scalars::Date;
use async_graphql::Context;
use entity::kpi_measurement::Model;
use rust_decimal::Decimal;

/// A measured value of a KPI over a period, overall or for one layer.
pub struct KpiMeasurement(pub Model);

plan_object!(KpiMeasurement, "KpiMeasurement", {
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
        crate::service::measurements::period_label(self.0.period_start, self.0.period_end)
    }
    /// The layer measured; null for the overall figure.
    async fn layer(&self) -> Option<GovernmentLayer> {
        self.0.layer.map(Into::into)
    }
    /// Measured value (exact decimal, in the KPI's unit).
    async fn value(&self) -> Decimal {
        self.0.value.0
    }
    /// Remark on the value or its quality.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    /// The KPI.
    async fn kpi(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Kpi>> {
        Ok(loaders::one::<entity::kpi::Entity>(ctx, self.0.kpi_id)
            .await?
            .map(Kpi))
    }
    /// Where the value comes from.
    async fn data_source(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<DataSource>> {
        let Some(id) = self.0.data_source_id else {
            return Ok(None);
        };
        Ok(loaders::one::<entity::data_source::Entity>(ctx, id)
            .await?
            .map(DataSource))
    }
});
