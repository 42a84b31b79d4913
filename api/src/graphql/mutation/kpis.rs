//! Mutations of KPIs, their targets and measurements.

use super::{
    DeleteInput, create, delete, input_id, input_id_opt, payloads, set, set_opt, set_ref, update,
};
use crate::graphql::batch::Batched;
use crate::graphql::enums::{
    Frequency, GovernmentLayer, KpiAggregation, KpiDirection, KpiLevel, MeasurementQualifier, Theme,
};
use crate::graphql::scalars::Date;
use crate::graphql::scalars::Decimal;
use crate::graphql::types::{Kpi, KpiMeasurement, KpiTarget};
use crate::service::data::kpis::themes_to_text;
use crate::service::data::{
    kpis::{NewKpi, NewKpiTarget},
    measurements::NewMeasurement,
};
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object};
use entity::{Exact, kpi, kpi_measurement, kpi_target};

payloads!(
    Kpi,
    kpi,
    CreateKpiPayload,
    UpdateKpiPayload,
    DeleteKpiPayload
);
payloads!(
    KpiTarget,
    target,
    CreateKpiTargetPayload,
    UpdateKpiTargetPayload,
    DeleteKpiTargetPayload
);
payloads!(
    KpiMeasurement,
    measurement,
    RecordMeasurementPayload,
    UpdateMeasurementPayload,
    DeleteMeasurementPayload
);

fn themes(list: Vec<Theme>) -> String {
    themes_to_text(&list.into_iter().map(Into::into).collect::<Vec<_>>())
}

/// A new KPI.
#[derive(InputObject)]
pub struct CreateKpiInput {
    /// The programme.
    pub programme_id: ID,
    /// Unique code, e.g. "MVOI-01" (letters, digits, '-', '_', '.').
    pub code: String,
    /// Name.
    pub name: String,
    /// Exact definition.
    pub definition: String,
    /// Unit, e.g. "%".
    pub unit: String,
    /// Which way is better.
    pub direction: KpiDirection,
    /// How its layers add up to the whole: `SUM` for amounts and counts, `NONE` (the default)
    /// for percentages and ratios.
    #[graphql(default_with = "KpiAggregation::None")]
    pub aggregation: KpiAggregation,
    /// Level in the results chain.
    pub level: KpiLevel,
    /// How often it is measured.
    pub frequency: Frequency,
    /// MVOI themes.
    #[graphql(default)]
    pub themes: Vec<Theme>,
    /// Baseline value.
    pub baseline_value: Option<Decimal>,
    /// Period of the baseline, e.g. "2019".
    pub baseline_period: Option<String>,
}

/// Changes to a KPI.
#[derive(InputObject)]
pub struct UpdateKpiInput {
    /// The KPI.
    pub id: ID,
    /// The version the client last saw.
    pub version: i32,
    /// Why (one line, at most 500 characters: the "toelichting"), stored with the change
    /// records of this update and shown in reports that explain a moved date.
    pub change_reason: Option<String>,
    /// New code.
    pub code: Option<String>,
    /// New name.
    pub name: Option<String>,
    /// New definition.
    pub definition: Option<String>,
    /// New unit.
    pub unit: Option<String>,
    /// New direction.
    pub direction: Option<KpiDirection>,
    /// New aggregation.
    pub aggregation: Option<KpiAggregation>,
    /// New level.
    pub level: Option<KpiLevel>,
    /// New frequency.
    pub frequency: Option<Frequency>,
    /// New set of themes (replaces the old set).
    pub themes: Option<Vec<Theme>>,
    /// New baseline value, or null.
    pub baseline_value: MaybeUndefined<Decimal>,
    /// New baseline period, or null.
    pub baseline_period: MaybeUndefined<String>,
}

/// A new target of a KPI.
#[derive(InputObject)]
pub struct CreateKpiTargetInput {
    /// The KPI.
    pub kpi_id: ID,
    /// Year (1990-2100).
    pub year: i32,
    /// The layer; leave out for the overall target.
    pub layer: Option<GovernmentLayer>,
    /// Target value (exact decimal).
    pub value: Decimal,
    /// Remark.
    pub note: Option<String>,
}

/// Changes to a KPI target.
#[derive(InputObject)]
pub struct UpdateKpiTargetInput {
    /// The target.
    pub id: ID,
    /// The version the client last saw.
    pub version: i32,
    /// Why (one line, at most 500 characters: the "toelichting"), stored with the change
    /// records of this update and shown in reports that explain a moved date.
    pub change_reason: Option<String>,
    /// New year.
    pub year: Option<i32>,
    /// New layer, or null for overall.
    pub layer: MaybeUndefined<GovernmentLayer>,
    /// New value.
    pub value: Option<Decimal>,
    /// New remark, or null.
    pub note: MaybeUndefined<String>,
}

/// A measured value of a KPI.
#[derive(InputObject)]
pub struct RecordMeasurementInput {
    /// The KPI.
    pub kpi_id: ID,
    /// First day of the measured period.
    pub period_start: Date,
    /// Last day of the measured period (not before the first).
    pub period_end: Date,
    /// The layer measured; leave out for the overall figure.
    pub layer: Option<GovernmentLayer>,
    /// The value (exact decimal).
    pub value: Decimal,
    /// What the value is when it is not plain: a lower or upper bound, or an estimate.
    pub qualifier: Option<MeasurementQualifier>,
    /// Where the value comes from.
    pub data_source_id: Option<ID>,
    /// Remark on the value or its quality.
    pub note: Option<String>,
}

/// Changes to a measurement.
#[derive(InputObject)]
pub struct UpdateMeasurementInput {
    /// The measurement.
    pub id: ID,
    /// The version the client last saw.
    pub version: i32,
    /// Why (one line, at most 500 characters: the "toelichting"), stored with the change
    /// records of this update and shown in reports that explain a moved date.
    pub change_reason: Option<String>,
    /// New first day.
    pub period_start: Option<Date>,
    /// New last day.
    pub period_end: Option<Date>,
    /// New layer, or null for overall.
    pub layer: MaybeUndefined<GovernmentLayer>,
    /// New value.
    pub value: Option<Decimal>,
    /// New qualifier (a lower or upper bound, or an estimate), or null for a plain value.
    pub qualifier: MaybeUndefined<MeasurementQualifier>,
    /// New data source, or null.
    pub data_source_id: MaybeUndefined<ID>,
    /// New remark, or null.
    pub note: MaybeUndefined<String>,
}

#[derive(Default)]
pub struct KpiMutation;

#[Object]
impl KpiMutation {
    /// Create a KPI.
    async fn create_kpi(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new KPI.")] input: CreateKpiInput,
    ) -> async_graphql::Result<CreateKpiPayload> {
        let new = NewKpi {
            programme_id: input_id::<entity::programme::Entity>(
                &input.programme_id,
                "programmeId",
            )?,
            code: input.code,
            name: input.name,
            definition: input.definition,
            unit: input.unit,
            direction: input.direction.into(),
            aggregation: input.aggregation.into(),
            level: input.level.into(),
            frequency: input.frequency.into(),
            themes: themes(input.themes),
            baseline_value: input.baseline_value.map(Exact::from),
            baseline_period: input.baseline_period,
        };
        Ok(CreateKpiPayload(Kpi::one(
            create::<kpi::Entity>(ctx, new).await?,
        )))
    }

    /// Update a KPI.
    async fn update_kpi(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The changes.")] input: UpdateKpiInput,
    ) -> async_graphql::Result<UpdateKpiPayload> {
        let (id, version) = (input.id.clone(), input.version);
        let (status, model) =
            update::<kpi::Entity, _>(ctx, &id, version, input.change_reason.clone(), move |m| {
                set(&mut m.code, input.code);
                set(&mut m.name, input.name);
                set(&mut m.definition, input.definition);
                set(&mut m.unit, input.unit);
                set(&mut m.direction, input.direction);
                set(&mut m.aggregation, input.aggregation);
                set(&mut m.level, input.level);
                set(&mut m.frequency, input.frequency);
                set(&mut m.themes, input.themes.map(themes));
                set_opt(
                    &mut m.baseline_value,
                    input.baseline_value.map_value(Exact::from),
                );
                set_opt(&mut m.baseline_period, input.baseline_period);
                Ok(())
            })
            .await?;
        Ok(UpdateKpiPayload(status, Kpi::one(model)))
    }

    /// Delete a KPI (soft).
    async fn delete_kpi(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The KPI and the version you last saw.")] input: DeleteInput,
    ) -> async_graphql::Result<DeleteKpiPayload> {
        let (status, model) = delete::<kpi::Entity>(ctx, &input).await?;
        Ok(DeleteKpiPayload(status, Kpi::one(model)))
    }

    /// Set a target of a KPI (one per KPI, year and layer).
    async fn create_kpi_target(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new target.")] input: CreateKpiTargetInput,
    ) -> async_graphql::Result<CreateKpiTargetPayload> {
        let new = NewKpiTarget {
            kpi_id: input_id::<entity::kpi::Entity>(&input.kpi_id, "kpiId")?,
            year: input.year,
            layer: input.layer.map(Into::into),
            value: Exact::from(input.value),
            note: input.note,
        };
        Ok(CreateKpiTargetPayload(KpiTarget::one(
            create::<kpi_target::Entity>(ctx, new).await?,
        )))
    }

    /// Update a KPI target.
    async fn update_kpi_target(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The changes.")] input: UpdateKpiTargetInput,
    ) -> async_graphql::Result<UpdateKpiTargetPayload> {
        let (id, version) = (input.id.clone(), input.version);
        let (status, model) = update::<kpi_target::Entity, _>(
            ctx,
            &id,
            version,
            input.change_reason.clone(),
            move |m| {
                set(&mut m.year, input.year);
                set_opt(&mut m.layer, input.layer);
                set(&mut m.value, input.value.map(Exact::from));
                set_opt(&mut m.note, input.note);
                Ok(())
            },
        )
        .await?;
        Ok(UpdateKpiTargetPayload(status, KpiTarget::one(model)))
    }

    /// Delete a KPI target (soft).
    async fn delete_kpi_target(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The target and the version you last saw.")] input: DeleteInput,
    ) -> async_graphql::Result<DeleteKpiTargetPayload> {
        let (status, model) = delete::<kpi_target::Entity>(ctx, &input).await?;
        Ok(DeleteKpiTargetPayload(status, KpiTarget::one(model)))
    }

    /// Record a measured value of a KPI.
    async fn record_measurement(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The measurement.")] input: RecordMeasurementInput,
    ) -> async_graphql::Result<RecordMeasurementPayload> {
        let new = NewMeasurement {
            kpi_id: input_id::<entity::kpi::Entity>(&input.kpi_id, "kpiId")?,
            period_start: input.period_start.into(),
            period_end: input.period_end.into(),
            layer: input.layer.map(Into::into),
            value: Exact::from(input.value),
            qualifier: input.qualifier.map(Into::into),
            data_source_id: input_id_opt::<entity::data_source::Entity>(
                input.data_source_id.as_ref(),
                "dataSourceId",
            )?,
            note: input.note,
        };
        Ok(RecordMeasurementPayload(KpiMeasurement::one(
            create::<kpi_measurement::Entity>(ctx, new).await?,
        )))
    }

    /// Correct a measurement.
    async fn update_measurement(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The changes.")] input: UpdateMeasurementInput,
    ) -> async_graphql::Result<UpdateMeasurementPayload> {
        let (id, version) = (input.id.clone(), input.version);
        let (status, model) = update::<kpi_measurement::Entity, _>(
            ctx,
            &id,
            version,
            input.change_reason.clone(),
            move |m| {
                set(&mut m.period_start, input.period_start);
                set(&mut m.period_end, input.period_end);
                set_opt(&mut m.layer, input.layer);
                set(&mut m.value, input.value.map(Exact::from));
                set_opt(&mut m.qualifier, input.qualifier);
                set_ref::<entity::data_source::Entity>(
                    &mut m.data_source_id,
                    input.data_source_id,
                    "dataSourceId",
                )?;
                set_opt(&mut m.note, input.note);
                Ok(())
            },
        )
        .await?;
        Ok(UpdateMeasurementPayload(status, KpiMeasurement::one(model)))
    }

    /// Delete a measurement (soft).
    async fn delete_measurement(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The measurement and the version you last saw.")] input: DeleteInput,
    ) -> async_graphql::Result<DeleteMeasurementPayload> {
        let (status, model) = delete::<kpi_measurement::Entity>(ctx, &input).await?;
        Ok(DeleteMeasurementPayload(status, KpiMeasurement::one(model)))
    }
}
