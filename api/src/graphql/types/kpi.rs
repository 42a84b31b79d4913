//! `Kpi`: a key performance indicator with targets and measurements.

use super::{
    DataInfraTask, DataSource, KpiMeasurement, KpiTarget, Milestone, PlanFields, PlanObject,
};
use crate::graphql::enums::{
    Frequency, GovernmentLayer, KpiAggregation, KpiDirection, KpiLevel, Theme,
};
use crate::graphql::loaders::MeasurementScope;
use crate::graphql::scalars::Date;
use crate::graphql::scalars::Decimal;
use crate::service::data::kpis::themes_from_text;
use async_graphql::{Context, Object};
use entity::kpi::Model;
use std::sync::Arc;

/// A KPI: definition, unit, direction, themes; with targets and measurements over time.
#[derive(Clone)]
pub struct Kpi(
    pub std::sync::Arc<Model>,
    pub std::sync::Arc<crate::graphql::batch::Siblings<Model>>,
);

super::batched!(Kpi);

/// A KPI: definition, unit, direction, themes; with targets and measurements over time.
#[Object]
impl Kpi {
    #[graphql(flatten)]
    async fn plan_fields(&self) -> PlanFields<'_, Self> {
        PlanFields(self)
    }

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

    /// How its layers add up to the whole of all governments (`NONE`: they do not).
    async fn aggregation(&self) -> KpiAggregation {
        self.0.aggregation.into()
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
        self.0.baseline_value.map(Into::into)
    }
    /// Period of the baseline value, e.g. "2019".
    async fn baseline_period(&self) -> Option<&str> {
        self.0.baseline_period.as_deref()
    }
    /// Targets, by year.
    async fn targets(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<KpiTarget>> {
        let mut rows: Vec<KpiTarget> = self
            .1
            .children::<entity::kpi_target::Entity, _>(ctx, "kpi_id", |m| m.id, self.0.id)
            .await?;
        rows.sort_by_key(|t| (t.0.year, t.0.layer, t.0.id));
        Ok(rows)
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
        self.measurements_in(ctx, scope).await
    }
    /// The totals of all governments its four layers add up to, oldest period first: only for
    /// a KPI whose aggregation is `SUM`, one per period in which every layer was measured and
    /// no total was (a measured total, in `measurements`, always wins). Each is computed, never
    /// stored: its qualifier follows from its parts (plain when all are; at least when each is
    /// plain or at least, and so for at most; else an estimate). The rule the progress report
    /// uses for its "Alle overheden" series. Empty for aggregation `NONE`.
    async fn layer_totals(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<KpiTotal>> {
        let scope = MeasurementScope {
            layer: None,
            from: None,
            to: None,
            limit: TOTALS_FROM,
        };
        let measurements = self.measurements_in(ctx, scope).await?;
        let models: Vec<&entity::kpi_measurement::Model> =
            measurements.iter().map(|m| m.0.as_ref()).collect();
        let mut totals = crate::service::data::kpis::layer_totals(self.0.aggregation, &models);
        totals.sort_by_key(|m| (m.period_end, m.period_start));
        Ok(totals.into_iter().map(KpiTotal).collect())
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
        Ok(self.measurements_in(ctx, scope).await?.into_iter().next())
    }
    /// Data sources the KPI is computed from.
    async fn data_sources(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<DataSource>> {
        self.1
            .linked::<entity::kpi_data_source::Entity, entity::data_source::Entity, DataSource>(
                ctx,
                ("kpi_id", "data_source_id"),
                |m| m.id,
                self.0.id,
            )
            .await
    }
    /// Milestones that contribute to this KPI.
    async fn milestones(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Milestone>> {
        self.1
            .linked::<entity::milestone_kpi::Entity, entity::milestone::Entity, Milestone>(
                ctx,
                ("kpi_id", "milestone_id"),
                |m| m.id,
                self.0.id,
            )
            .await
    }
    /// Data-infrastructure tasks that must be done before this KPI can be reported.
    async fn blocking_tasks(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<DataInfraTask>> {
        self.1
            .linked::<entity::task_kpi::Entity, entity::data_infra_task::Entity, DataInfraTask>(
                ctx,
                ("kpi_id", "task_id"),
                |m| m.id,
                self.0.id,
            )
            .await
    }
}

impl PlanObject for Kpi {}

/// How many of a KPI's newest measurements its layer totals are computed from (a KPI measured
/// yearly per layer has some tens).
const TOTALS_FROM: u32 = 1000;

/// A total of all governments that a KPI's four layers add up to for one period: computed from
/// their measurements, never stored (so it has no id).
pub struct KpiTotal(entity::kpi_measurement::Model);

/// A total of all governments that a KPI's four layers add up to for one period (aggregation
/// `SUM`): computed from the layers' measurements, never stored.
#[Object]
impl KpiTotal {
    /// First day of the period.
    async fn period_start(&self) -> Date {
        self.0.period_start.into()
    }
    /// Last day of the period.
    async fn period_end(&self) -> Date {
        self.0.period_end.into()
    }
    /// The period as people write it: "2023", "2019-2020", "2025-H1", or the two dates.
    async fn period(&self) -> String {
        crate::service::data::measurements::period_label(self.0.period_start, self.0.period_end)
    }
    /// The sum of the four layers' values (exact decimal, in the KPI's unit).
    async fn value(&self) -> Decimal {
        self.0.value.into()
    }
    /// What the sum is when it is not plain (from its parts' qualifiers); null when every part
    /// is a plain value.
    async fn qualifier(&self) -> Option<crate::graphql::enums::MeasurementQualifier> {
        self.0.qualifier.map(Into::into)
    }
}

impl Kpi {
    /// Measurements of this KPI in `scope`, loaded once for all sibling KPIs.
    async fn measurements_in(
        &self,
        ctx: &Context<'_>,
        scope: MeasurementScope,
    ) -> async_graphql::Result<Vec<KpiMeasurement>> {
        let set: &Arc<crate::graphql::batch::Siblings<Model>> = &self.1;
        let source = set.source().clone();
        set.grouped_paged(
            format!("measurements:{scope:?}"),
            self.0.id,
            |models| async move {
                let ids = crate::graphql::batch::unique(models.iter().map(|m| m.id));
                source.measurements(ctx, &ids, scope).await
            },
        )
        .await
    }
}
