//! The KPI section: one table row per series (a layer, or the whole where it was measured as
//! one or its layers add up), the KPIs that cannot be reported yet and why, and a chart per series of two or more
//! values.

use crate::error::ApiResult;
use crate::service::history::as_of::Snapshot;
use crate::service::plan::links;
use crate::service::reports::document::build::{LAYERS, Plan};
use crate::service::reports::document::content::{KpiChart, KpiRow, Unreportable};
use crate::service::reports::document::facts::{Blocker, SourceQuality, Trend};
use chrono::NaiveDate;
use entity::{
    GovernmentLayer, KpiDirection, data_infra_task, data_source, kpi, kpi_measurement, kpi_target,
};
use rust_decimal::prelude::ToPrimitive;
use std::collections::HashMap;

pub(super) type KpiSections = (Vec<KpiRow>, Vec<Unreportable>, Vec<KpiChart>);

/// The KPI section as of the peildatum. A total of all governments is what was measured as one
/// (layer: none), or, for a KPI whose layers add up (aggregation `SUM`), the sum of the four
/// layers' values of one period ([`crate::service::data::kpis::layer_totals`]).
pub(super) async fn kpis(plan: &Plan, now: &Snapshot) -> ApiResult<KpiSections> {
    let lang = plan.lang;
    let mut kpis = now.live::<kpi::Entity>().await?;
    kpis.sort_by(|a, b| a.code.cmp(&b.code));
    let measurements = now.live::<kpi_measurement::Entity>().await?;
    let targets = now.live::<kpi_target::Entity>().await?;
    let sources: HashMap<i32, data_source::Model> = now
        .live::<data_source::Entity>()
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let kpi_sources = now.links(&links::KPI_DATA_SOURCE).await?;
    let task_kpis = now.links(&links::TASK_KPI).await?;
    let tasks: HashMap<i32, data_infra_task::Model> = now
        .live::<data_infra_task::Entity>()
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let year = chrono::Datelike::year(&plan.as_of);
    let (mut rows, mut blocked, mut charts) = (Vec::new(), Vec::new(), Vec::new());
    for k in kpis {
        let mut mine: Vec<&kpi_measurement::Model> = measurements
            .iter()
            .filter(|m| m.kpi_id == k.id && m.period_end <= plan.as_of)
            .collect();
        mine.sort_by_key(|m| (m.period_end, m.id));
        let mine_sources: Vec<i32> = kpi_sources
            .iter()
            .filter(|(kid, _)| *kid == k.id)
            .map(|(_, s)| *s)
            .collect();
        // Reportable only when its sources are usable and the tasks that unblock it are done.
        let scores = mine_sources.iter().flat_map(|source_id| {
            let name = sources
                .get(source_id)
                .map(|s| s.name.clone())
                .unwrap_or_default();
            plan.quality
                .iter()
                .filter(move |((s, _), _)| s == source_id)
                .map(move |((_, d), q)| (name.clone(), *d, q.score))
        });
        let waits_for = task_kpis
            .iter()
            .filter(|(_, kid)| *kid == k.id)
            .filter_map(|(task_id, _)| tasks.get(task_id))
            .map(|t| (t.title.clone(), t.due_date, t.status));
        let why = Blocker::of_kpi(scores, waits_for, !mine.is_empty(), plan.as_of);
        // Either reported with its values or listed as not reportable, never both.
        if !why.is_empty() {
            blocked.push(Unreportable {
                code: k.code.clone(),
                name: k.name.clone(),
                why: why.iter().map(|b| lang.blocker(b)).collect(),
            });
            continue;
        }
        // The data sources with their weakest assessed dimension.
        let source = lang.sources(
            &mine_sources
                .iter()
                .filter_map(|id| sources.get(id).map(|s| (id, s)))
                .map(|(id, s)| SourceQuality {
                    name: s.name.clone(),
                    weakest: plan
                        .quality
                        .iter()
                        .filter(|((sid, _), _)| sid == id)
                        .min_by_key(|((_, d), q)| (q.score, *d))
                        .map(|((_, d), q)| (*d, q.score)),
                })
                .collect::<Vec<_>>(),
        );
        // The totals the layers add up to, where the KPI says they do (computed: id 0).
        let summed = crate::service::data::kpis::layer_totals(k.aggregation, &mine);
        let mut all = mine.clone();
        all.extend(summed.iter());
        all.sort_by_key(|m| (m.period_end, m.id));
        // One series per layer measured, and one for the whole, in LAYERS order (the whole
        // last).
        let series: Vec<(Option<GovernmentLayer>, Vec<&kpi_measurement::Model>)> = LAYERS
            .iter()
            .map(|layer| {
                let of: Vec<&kpi_measurement::Model> =
                    all.iter().copied().filter(|m| m.layer == *layer).collect();
                (*layer, of)
            })
            .filter(|(_, of)| !of.is_empty())
            .collect();
        // The target of a series: its layer's for the peildatum's year or the nearest later
        // one, else its latest.
        let target_of = |layer: Option<GovernmentLayer>| {
            let mut set: Vec<&kpi_target::Model> = targets
                .iter()
                .filter(|t| t.kpi_id == k.id && t.layer == layer)
                .collect();
            set.sort_by_key(|t| t.year);
            set.iter().find(|t| t.year >= year).or(set.last()).copied()
        };
        let single = series.len() == 1;
        for (layer, of) in &series {
            let (Some(first), Some(last)) = (of.first(), of.last()) else {
                continue;
            };
            let value = |m: &kpi_measurement::Model| lang.kpi_value(m, &k.unit);
            // The KPI's own nulmeting belongs to the series that is the KPI's figure: the
            // whole, or its only series; another series starts from its first measurement.
            let own = match (&k.baseline_value, &k.baseline_period) {
                (Some(v), Some(period)) if single || layer.is_none() => {
                    Some((v, k.unit.as_str(), period.as_str()))
                }
                _ => None,
            };
            let baseline = lang.kpi_baseline(own, (of.len() > 1).then(|| value(first)).as_deref());
            let trend = of
                .len()
                .checked_sub(2)
                .and_then(|i| of.get(i))
                .map(|before| {
                    use std::cmp::Ordering::{Equal, Greater, Less};
                    let better = |order: std::cmp::Ordering| match k.direction {
                        KpiDirection::HigherIsBetter => order,
                        KpiDirection::LowerIsBetter => order.reverse(),
                    };
                    match compare(before, last).map(better) {
                        Some(Greater) => Trend::Better,
                        Some(Equal) => Trend::Same,
                        Some(Less) => Trend::Worse,
                        None => Trend::Unknown,
                    }
                });
            let target = lang.kpi_target(
                target_of(*layer).map(|t| (&t.value, k.unit.as_str(), t.year, t.note.as_deref())),
            );
            rows.push(KpiRow {
                kpi: format!("{} {}", k.code, k.name),
                layer: lang.series(*layer),
                baseline,
                target,
                realised: lang.realised(last, &k.unit),
                trend: lang.trend(trend),
                source: source.clone(),
            });
            // A chart for every series of two or more values.
            if of.len() > 1 {
                charts.push(KpiChart {
                    code: match layer {
                        None => k.code.clone(),
                        Some(_) => format!("{} ({})", k.code, lang.layer(*layer)),
                    },
                    unit: k.unit.clone(),
                    points: of
                        .iter()
                        .filter_map(|m| Some((m.period_end, m.value.0.to_f64()?)))
                        .collect::<Vec<(NaiveDate, f64)>>(),
                    target: target_of(*layer).and_then(|t| t.value.0.to_f64()),
                    values: of
                        .iter()
                        .filter(|m| m.value.0.to_f64().is_some())
                        .map(|m| lang.chart_value(m))
                        .collect(),
                });
            }
        }
    }
    Ok((rows, blocked, charts))
}

/// How `last` compares with `before` (Greater: higher), where that is certain: a lower bound
/// ("ten minste") may be anything above its value and an upper bound anything below, so two
/// values compare only when their ranges do not overlap (or both are plain, or both estimates
/// taken as they are). None: it cannot be told.
fn compare(
    before: &kpi_measurement::Model,
    last: &kpi_measurement::Model,
) -> Option<std::cmp::Ordering> {
    use entity::MeasurementQualifier::{AtLeast, AtMost};
    use rust_decimal::Decimal;
    let range = |m: &kpi_measurement::Model| -> (Option<Decimal>, Option<Decimal>) {
        match m.qualifier {
            Some(AtLeast) => (Some(m.value.0), None),
            Some(AtMost) => (None, Some(m.value.0)),
            _ => (Some(m.value.0), Some(m.value.0)),
        }
    };
    let ((b_lo, b_hi), (l_lo, l_hi)) = (range(before), range(last));
    let above = |lo: Option<Decimal>, hi: Option<Decimal>| matches!((lo, hi), (Some(lo), Some(hi)) if lo > hi);
    if above(l_lo, b_hi) {
        Some(std::cmp::Ordering::Greater)
    } else if above(b_lo, l_hi) {
        Some(std::cmp::Ordering::Less)
    } else if (l_lo, l_hi) == (b_lo, b_hi) && l_lo == l_hi {
        Some(std::cmp::Ordering::Equal)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::compare;
    use entity::MeasurementQualifier::{AtLeast, AtMost};
    use std::cmp::Ordering::{Equal, Greater, Less};

    fn m(
        value: i64,
        qualifier: Option<entity::MeasurementQualifier>,
    ) -> entity::kpi_measurement::Model {
        entity::kpi_measurement::Model {
            id: 1,
            kpi_id: 1,
            period_start: chrono::NaiveDate::default(),
            period_end: chrono::NaiveDate::default(),
            layer: None,
            value: entity::Exact(rust_decimal::Decimal::from(value)),
            qualifier,
            data_source_id: None,
            note: None,
            version: 1,
            created_at: chrono::DateTime::default(),
            updated_at: chrono::DateTime::default(),
            deleted_at: None,
        }
    }

    #[test]
    fn a_trend_against_a_bound_is_told_only_where_it_is_certain() {
        assert_eq!(compare(&m(1, None), &m(2, None)), Some(Greater));
        assert_eq!(compare(&m(2, None), &m(2, None)), Some(Equal));
        // At least 450, then at least 587: the first may have been 600.
        assert_eq!(
            compare(&m(450, Some(AtLeast)), &m(587, Some(AtLeast))),
            None
        );
        // At least 1, then at most 1.5 (here 2): anything.
        assert_eq!(compare(&m(1, Some(AtLeast)), &m(2, Some(AtMost))), None);
        // Exactly 3, then at least 4: certainly higher; at most 2: certainly lower.
        assert_eq!(compare(&m(3, None), &m(4, Some(AtLeast))), Some(Greater));
        assert_eq!(compare(&m(3, None), &m(2, Some(AtMost))), Some(Less));
        // Exactly 3, then at least 3: not equal for certain.
        assert_eq!(compare(&m(3, None), &m(3, Some(AtLeast))), None);
    }
}
