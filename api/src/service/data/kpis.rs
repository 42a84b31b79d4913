//! Rules of KPIs and their targets, and the stored form of a KPI's themes.

use crate::error::{ApiError, ApiResult};
use crate::service::store::crud::{New, Rules, refers};
use crate::service::store::filter::{Filter, Pick};
use crate::service::store::validate as v;
use entity::{
    Exact, Frequency, GovernmentLayer, KpiAggregation, KpiDirection, KpiLevel, Theme, kpi,
    kpi_measurement, kpi_target, programme,
};
use futures::future::BoxFuture;
use sea_orm::Iterable;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use std::sync::Arc;

/// Store a set of themes as `,CLIMATE,CIRCULAR,` (sorted, so equal sets compare equal and a
/// theme filter is one `LIKE '%,CLIMATE,%'`).
pub fn themes_to_text(themes: &[Theme]) -> String {
    let mut names: Vec<String> = themes.iter().map(Theme::as_str).collect();
    names.sort();
    names.dedup();
    if names.is_empty() {
        String::new()
    } else {
        format!(",{},", names.join(","))
    }
}

/// Read the stored themes back.
pub fn themes_from_text(text: &str) -> Vec<Theme> {
    use sea_orm::ActiveEnum;
    text.split(',')
        .filter(|s| !s.is_empty())
        .filter_map(|s| Theme::try_from_value(&s.to_owned()).ok())
        .collect()
}

impl Rules for kpi::Entity {
    fn validate(m: &kpi::Model) -> ApiResult<()> {
        v::line("code", &m.code, 32)?;
        if !m
            .code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        {
            return Err(ApiError::invalid(
                "code",
                "code may hold letters, digits, '-', '_' and '.' only",
            ));
        }
        v::line("name", &m.name, 200)?;
        v::text("definition", &m.definition, 5000)?;
        v::line("unit", &m.unit, 50)?;
        v::opt_line("baselinePeriod", m.baseline_period.as_deref(), 50)
    }

    fn check<'a>(
        txn: &'a DatabaseTransaction,
        m: &'a kpi::Model,
        before: Option<&'a kpi::Model>,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async move {
            refers::<programme::Entity>(
                txn,
                "programmeId",
                Some(m.programme_id),
                before.map(|b| Some(b.programme_id)),
            )
            .await?;
            // Codes are never reused, not even those of deleted KPIs: reports and history cite them.
            let clash = kpi::Entity::find()
                .filter(kpi::Column::Code.eq(m.code.clone()))
                .filter(kpi::Column::Id.ne(m.id))
                .one(txn)
                .await?;
            if let Some(other) = clash {
                let deleted = if other.deleted_at.is_some() {
                    " (deleted; codes are not reused)"
                } else {
                    ""
                };
                return Err(ApiError::Conflict(format!(
                    "a KPI with code {} already exists{deleted}",
                    m.code
                )));
            }
            Ok(())
        })
    }
}

impl Rules for kpi_target::Entity {
    fn validate(m: &kpi_target::Model) -> ApiResult<()> {
        v::year("year", m.year)?;
        v::opt_line("note", m.note.as_deref(), 500)
    }

    fn check<'a>(
        txn: &'a DatabaseTransaction,
        m: &'a kpi_target::Model,
        before: Option<&'a kpi_target::Model>,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async move {
            refers::<kpi::Entity>(txn, "kpiId", Some(m.kpi_id), before.map(|b| Some(b.kpi_id)))
                .await?;
            // One target per KPI, year and layer (NULL layers would slip past a unique index).
            crate::service::lock(txn, &format!("kpi_target:{}", m.kpi_id)).await?;
            let same = kpi_target::Entity::find()
                .filter(kpi_target::Column::KpiId.eq(m.kpi_id))
                .filter(kpi_target::Column::Year.eq(m.year))
                .filter(kpi_target::Column::Id.ne(m.id))
                .filter(kpi_target::Column::DeletedAt.is_null())
                .all(txn)
                .await?;
            if same.iter().any(|t| t.layer == m.layer) {
                let scope = m
                    .layer
                    .map_or("overall".to_owned(), |l: GovernmentLayer| l.as_str());
                return Err(ApiError::Conflict(format!(
                    "KPI {} already has a target for {} ({scope})",
                    m.kpi_id, m.year
                )));
            }
            Ok(())
        })
    }
}

/// The totals of all governments that a `SUM` KPI's layers add up to: one per period
/// (`period_start`, `period_end`) in which every one of the four layers was measured and no
/// total was measured (a measured total always wins); of two values of one layer in a period, the
/// latest recorded counts. `measurements` are one KPI's, in any order.
///
/// A computed total has `id` 0 and no source. Its qualifier follows from its parts: plain when
/// all are, "at least" when each part is plain or at least (and so for "at most"), else an
/// estimate. A KPI with aggregation `NONE` has no computed totals: a percentage of one layer and
/// one of another do not add up.
pub fn layer_totals(
    aggregation: entity::KpiAggregation,
    measurements: &[&kpi_measurement::Model],
) -> Vec<kpi_measurement::Model> {
    use entity::MeasurementQualifier::{AtLeast, AtMost, Estimate};
    if aggregation != entity::KpiAggregation::Sum {
        return Vec::new();
    }
    let mut periods: Vec<(chrono::NaiveDate, chrono::NaiveDate)> = measurements
        .iter()
        .map(|m| (m.period_start, m.period_end))
        .collect();
    periods.sort();
    periods.dedup();
    let mut totals = Vec::new();
    for (start, end) in periods {
        let of: Vec<&&kpi_measurement::Model> = measurements
            .iter()
            .filter(|m| m.period_start == start && m.period_end == end)
            .collect();
        if of.iter().any(|m| m.layer.is_none()) {
            continue;
        }
        // Per layer its latest recorded value of the period (the highest id), whatever order
        // the measurements come in.
        let parts: Vec<&&kpi_measurement::Model> = GovernmentLayer::iter()
            .filter_map(|layer| {
                of.iter()
                    .copied()
                    .filter(|m| m.layer == Some(layer))
                    .max_by_key(|m| m.id)
            })
            .collect();
        let (Some(first), 4) = (parts.first(), parts.len()) else {
            continue;
        };
        let qualifiers: Vec<_> = parts.iter().map(|m| m.qualifier).collect();
        let within = |bound| qualifiers.iter().all(|q| q.is_none() || *q == Some(bound));
        let qualifier = if qualifiers.iter().all(Option::is_none) {
            None
        } else if within(AtLeast) {
            Some(AtLeast)
        } else if within(AtMost) {
            Some(AtMost)
        } else {
            Some(Estimate)
        };
        totals.push(kpi_measurement::Model {
            id: 0,
            layer: None,
            value: entity::Exact(parts.iter().map(|m| m.value.0).sum()),
            qualifier,
            data_source_id: None,
            note: None,
            ..(**first).clone()
        });
    }
    totals
}

/// A KPI to create (`crud::create_new`): the fields of [`kpi::Model`], without the
/// bookkeeping and derived columns the service sets.
#[derive(Clone, Debug)]
pub struct NewKpi {
    pub programme_id: i32,
    pub code: String,
    pub name: String,
    pub definition: String,
    pub unit: String,
    pub direction: KpiDirection,
    /// How its layers add up to the whole (`NONE`: they do not). History recorded before the
    /// column existed rebuilds it as `null`: that reads as `NONE`.
    pub aggregation: KpiAggregation,
    pub level: KpiLevel,
    pub frequency: Frequency,
    pub themes: String,
    pub baseline_value: Option<Exact>,
    pub baseline_period: Option<String>,
}

#[async_trait::async_trait]
impl New<kpi::Entity> for NewKpi {
    async fn into_row(self, _txn: &DatabaseTransaction) -> ApiResult<kpi::Model> {
        Ok(kpi::Model {
            id: 0,
            programme_id: self.programme_id,
            code: self.code,
            name: self.name,
            definition: self.definition,
            unit: self.unit,
            direction: self.direction,
            aggregation: self.aggregation,
            level: self.level,
            frequency: self.frequency,
            themes: self.themes,
            baseline_value: self.baseline_value,
            baseline_period: self.baseline_period,
            version: 0,
            created_at: Default::default(),
            updated_at: Default::default(),
            deleted_at: None,
            search_text: String::new(),
        })
    }
}

/// A target of a KPI to create (`crud::create_new`): the fields of [`kpi_target::Model`], without the
/// bookkeeping and derived columns the service sets.
#[derive(Clone, Debug)]
pub struct NewKpiTarget {
    pub kpi_id: i32,
    pub year: i32,
    pub layer: Option<GovernmentLayer>,
    pub value: Exact,
    pub note: Option<String>,
}

#[async_trait::async_trait]
impl New<kpi_target::Entity> for NewKpiTarget {
    async fn into_row(self, _txn: &DatabaseTransaction) -> ApiResult<kpi_target::Model> {
        Ok(kpi_target::Model {
            id: 0,
            kpi_id: self.kpi_id,
            year: self.year,
            layer: self.layer,
            value: self.value,
            note: self.note,
            version: 0,
            created_at: Default::default(),
            updated_at: Default::default(),
            deleted_at: None,
        })
    }
}

/// Whether a measured `value` reaches `target` by the KPI's `direction` (at or above it when
/// higher is better, at or below when lower is better): `Some(true)` or `Some(false)` where the
/// value settles it, `None` where it cannot: a lower bound (at least) below a target that
/// higher must reach, or an upper bound (at most) above one that lower must reach, and so on.
/// An estimate is compared as its value (the words say it is an estimate).
pub fn reaches(
    direction: KpiDirection,
    value: rust_decimal::Decimal,
    qualifier: Option<entity::MeasurementQualifier>,
    target: rust_decimal::Decimal,
) -> Option<bool> {
    use entity::MeasurementQualifier::{AtLeast, AtMost, Estimate};
    let reached = match direction {
        KpiDirection::HigherIsBetter => value >= target,
        KpiDirection::LowerIsBetter => value <= target,
    };
    match (qualifier, direction) {
        (None | Some(Estimate), _) => Some(reached),
        // The true value is at least `value`: settled when it already reaches a "higher" target
        // or already misses a "lower" one.
        (Some(AtLeast), KpiDirection::HigherIsBetter) => reached.then_some(true),
        (Some(AtLeast), KpiDirection::LowerIsBetter) => (!reached).then_some(false),
        // The true value is at most `value`.
        (Some(AtMost), KpiDirection::LowerIsBetter) => reached.then_some(true),
        (Some(AtMost), KpiDirection::HigherIsBetter) => (!reached).then_some(false),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_bound_settles_a_target_only_on_its_own_side() {
        use super::reaches;
        use entity::KpiDirection::{HigherIsBetter, LowerIsBetter};
        use entity::MeasurementQualifier::{AtLeast, AtMost, Estimate};
        let n = |v: i64| rust_decimal::Decimal::from(v);
        assert_eq!(reaches(HigherIsBetter, n(82), None, n(100)), Some(false));
        assert_eq!(reaches(HigherIsBetter, n(100), None, n(100)), Some(true));
        assert_eq!(reaches(LowerIsBetter, n(5), None, n(0)), Some(false));
        assert_eq!(
            reaches(LowerIsBetter, n(0), Some(Estimate), n(0)),
            Some(true)
        );
        // At least 82 of a target of 100: could be either.
        assert_eq!(reaches(HigherIsBetter, n(82), Some(AtLeast), n(100)), None);
        assert_eq!(
            reaches(HigherIsBetter, n(120), Some(AtLeast), n(100)),
            Some(true)
        );
        assert_eq!(
            reaches(LowerIsBetter, n(7), Some(AtLeast), n(5)),
            Some(false)
        );
        assert_eq!(reaches(LowerIsBetter, n(3), Some(AtLeast), n(5)), None);
        assert_eq!(reaches(LowerIsBetter, n(3), Some(AtMost), n(5)), Some(true));
        assert_eq!(reaches(LowerIsBetter, n(7), Some(AtMost), n(5)), None);
        assert_eq!(
            reaches(HigherIsBetter, n(7), Some(AtMost), n(10)),
            Some(false)
        );
        assert_eq!(reaches(HigherIsBetter, n(12), Some(AtMost), n(10)), None);
    }
    use super::*;

    #[test]
    fn themes_round_trip_sorted_and_deduplicated() {
        let text = themes_to_text(&[Theme::Circular, Theme::Climate, Theme::Circular]);
        assert_eq!(text, ",CIRCULAR,CLIMATE,");
        assert_eq!(
            themes_from_text(&text),
            vec![Theme::Circular, Theme::Climate]
        );
        assert_eq!(themes_to_text(&[]), "");
        assert!(themes_from_text("").is_empty());
    }

    #[test]
    fn a_sum_kpi_totals_only_periods_every_layer_measured() {
        use entity::KpiAggregation::{None as Separate, Sum};
        use entity::MeasurementQualifier::{AtLeast, Estimate};
        let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap_or_default();
        let m = |layer: Option<GovernmentLayer>, year: i32, value: i64, q| kpi_measurement::Model {
            id: 1,
            kpi_id: 1,
            period_start: day(&format!("{year}-01-01")),
            period_end: day(&format!("{year}-12-31")),
            layer,
            value: entity::Exact(rust_decimal::Decimal::from(value)),
            qualifier: q,
            data_source_id: Some(3),
            note: None,
            version: 1,
            created_at: chrono::DateTime::default(),
            updated_at: chrono::DateTime::default(),
            deleted_at: None,
        };
        use GovernmentLayer::*;
        let all = [
            // 2023: all four layers, one at least: the total is at least their sum.
            m(Some(Rijk), 2023, 10, None),
            m(Some(Provincie), 2023, 20, Some(AtLeast)),
            m(Some(Gemeente), 2023, 30, None),
            m(Some(Waterschap), 2023, 40, None),
            // 2024: the water boards are missing: no total.
            m(Some(Rijk), 2024, 11, None),
            m(Some(Provincie), 2024, 21, None),
            m(Some(Gemeente), 2024, 31, None),
            // 2025: all four, but a total was measured: that one counts.
            m(Some(Rijk), 2025, 1, None),
            m(Some(Provincie), 2025, 1, None),
            m(Some(Gemeente), 2025, 1, Some(Estimate)),
            m(Some(Waterschap), 2025, 1, None),
            m(None, 2025, 5, None),
        ];
        let refs: Vec<&kpi_measurement::Model> = all.iter().collect();
        let totals = layer_totals(Sum, &refs);
        assert_eq!(totals.len(), 1, "{totals:?}");
        assert_eq!(totals[0].value.0, rust_decimal::Decimal::from(100));
        assert_eq!(totals[0].qualifier, Some(AtLeast));
        assert_eq!(totals[0].layer, None);
        assert_eq!(totals[0].data_source_id, None);
        assert_eq!(totals[0].period_end, day("2023-12-31"));
        assert!(
            layer_totals(Separate, &refs).is_empty(),
            "percentages never add up"
        );
    }
}

/// Which KPIs a list shows.
#[derive(Clone, Debug, Default)]
pub struct KpiFilter {
    /// Only this programme.
    pub programme_id: Option<i32>,
    /// Only KPIs carrying this theme.
    pub theme: Option<Theme>,
    /// Only KPIs with a target or measurement for this layer.
    pub layer: Option<GovernmentLayer>,
    /// Only this level.
    pub level: Option<entity::KpiLevel>,
    /// Text in the code, name or definition.
    pub search: Option<String>,
}

impl KpiFilter {
    /// The filter as one predicate over the live KPIs (SQL for the plan as it is, in memory
    /// for an as-of view, whose targets and measurements are read as of the same moment). An
    /// over-long search is BAD_USER_INPUT on `filter.search`.
    pub fn predicate(&self) -> ApiResult<Filter<kpi::Entity>> {
        use kpi::Column;
        // A target or a measurement for the layer.
        let layer = match self.layer {
            None => Filter::every(),
            Some(layer) => Filter::Any(vec![
                Filter::Within(
                    Column::Id,
                    Arc::new(Pick::<kpi_target::Entity>::live(
                        kpi_target::Column::KpiId,
                        Filter::eq(kpi_target::Column::Layer, layer),
                    )?),
                ),
                Filter::Within(
                    Column::Id,
                    Arc::new(Pick::<kpi_measurement::Entity>::live(
                        kpi_measurement::Column::KpiId,
                        Filter::eq(kpi_measurement::Column::Layer, layer),
                    )?),
                ),
            ]),
        };
        let mut filter = Filter::live()
            .and_opt(self.programme_id, |id| Filter::eq(Column::ProgrammeId, id))
            .and_opt(self.theme, |t| {
                Filter::Contains(Column::Themes, format!(",{},", t.as_str()))
            })
            .and_opt(self.level, |l| Filter::eq(Column::Level, l))
            .and(layer);
        if let Some(text) = &self.search {
            filter = filter.and(Filter::search("filter.search", Column::SearchText, text)?);
        }
        Ok(filter)
    }
}

/// The live KPIs matching `filter`, by code.
pub fn list(filter: &KpiFilter) -> ApiResult<crate::service::store::page::Listing<kpi::Entity>> {
    Ok(crate::service::store::page::Listing {
        filter: filter.predicate()?,
        order: crate::service::store::page::Order {
            key: Some((
                kpi::Column::Code,
                crate::service::store::page::KeyKind::Text,
            )),
            id: kpi::Column::Id,
        },
    })
}

/// The live KPI with this code, or none.
pub async fn by_code<C: sea_orm::ConnectionTrait>(
    db: &C,
    code: &str,
) -> ApiResult<Option<kpi::Model>> {
    let filter = Filter::<kpi::Entity>::live().and(Filter::eq(kpi::Column::Code, code));
    Ok(kpi::Entity::find()
        .filter(filter.sql(db.get_database_backend()))
        .one(db)
        .await?)
}
