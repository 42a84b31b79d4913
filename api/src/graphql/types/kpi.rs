//! `Kpi`: a key performance indicator with targets and measurements.

use super::{DataInfraTask, DataSource, KpiMeasurement, KpiTarget, Milestone, plan_object};
use crate::graphql::enums::{Frequency, GovernmentLayer, KpiDirection, KpiLevel, Theme};
use crate::graphql::loaders::{self, MeasurementScope};
use crate::graphql::scalars::Date;
use crate::service::kpis::themes_from_text;
use async_graphql::Context;
use entity::kpi::Model;
use rust_decimal::Decimal;

/// A KPI: definition, unit, direction, themes; with targets and measurements over time.
pub struct Kpi(pub Model);

plan_object!(Kpi, "Kpi", {
    /// Code, e.g. "MVOI-01".
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Exact definition (what is counted, how).
    async fn definition(&self) -> &str {
        &self.0.definition
    }
    /// Unit, e.g. "%" or "ton CO2-eq".
    async fn unit(&self) -> &str {
        &self.0.unit
    }
    /// Which way is better.
    async fn direction(&self) -> KpiDirection {
        self.0.direction.into()
    }
    /// Level in the results chain.
    async fn level(&self) -> KpiLevel {
        self.0.level.into()
    }
    /// How often it is measured.
    async fn frequency(&self) -> Frequency {
        self.0.frequency.into()
    }
    /// MVOI themes it covers.
    async fn themes(&self) -> Vec<Theme> {
        themes_from_text(&self.0.themes)
            .into_iter()
            .map(Into::into)
            .collect()
    }
    /// Baseline value.
    async fn baseline_value(&self) -> Option<Decimal> {
        self.0.baseline_value.map(|v| v.0)
    }
    /// Period of the baseline value, e.g. "2019".
    async fn baseline_period(&self) -> Option<&str> {
        self.0.baseline_period.as_deref()
    }
    /// Targets, by year.
    async fn targets(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<KpiTarget>> {
        let mut rows =
            loaders::children::<entity::kpi_target::Entity>(ctx, "kpi_id", self.0.id).await?;
        rows.sort_by_key(|t| (t.year, t.layer, t.id));
        Ok(rows.into_iter().map(KpiTarget).collect())
    }
    /// Measurements, newest period first.
    async fn measurements(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only this layer (default: all layers and overall figures).")]
        layer: Option<GovernmentLayer>,
        #[graphql(desc = "Only periods ending on or after this date.")] period_from: Option<Date>,
        #[graphql(desc = "Only periods ending on or before this date.")] period_to: Option<Date>,
        #[graphql(
            desc = "At most this many (1-100).",
            default = 20,
            validator(minimum = 1, maximum = 100)
        )]
        first: u32,
    ) -> async_graphql::Result<Vec<KpiMeasurement>> {
        let scope = MeasurementScope {
            layer: layer.map(Into::into),
            from: period_from.map(Into::into),
            to: period_to.map(Into::into),
            limit: first,
        };
        let rows = loaders::measurements(ctx, self.0.id, scope).await?;
        Ok(rows.into_iter().map(KpiMeasurement).collect())
    }
    /// The most recent measurement (by period end).
    async fn latest_measurement(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only this layer (default: any layer or overall).")] layer: Option<
            GovernmentLayer,
        >,
    ) -> async_graphql::Result<Option<KpiMeasurement>> {
        let scope = MeasurementScope {
            layer: layer.map(Into::into),
            from: None,
            to: None,
            limit: 1,
        };
        let rows = loaders::measurements(ctx, self.0.id, scope).await?;
        Ok(rows.into_iter().next().map(KpiMeasurement))
    }
    /// Data sources the KPI is computed from.
    async fn data_sources(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<DataSource>> {
        let rows = loaders::linked::<entity::kpi_data_source::Entity, entity::data_source::Entity>(
            ctx,
            "kpi_id",
            "data_source_id",
            self.0.id,
        )
        .await?;
        Ok(rows.into_iter().map(DataSource).collect())
    }
    /// Milestones that contribute to this KPI.
    async fn milestones(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Milestone>> {
        let rows = loaders::linked::<entity::milestone_kpi::Entity, entity::milestone::Entity>(
            ctx,
            "kpi_id",
            "milestone_id",
            self.0.id,
        )
        .await?;
        Ok(rows.into_iter().map(Milestone).collect())
    }
    /// Data-infrastructure tasks that must be done before this KPI can be reported.
    async fn blocking_tasks(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<DataInfraTask>> {
        let rows = loaders::linked::<entity::task_kpi::Entity, entity::data_infra_task::Entity>(
            ctx, "kpi_id", "task_id", self.0.id,
        )
        .await?;
        Ok(rows.into_iter().map(DataInfraTask).collect())
    }
});
