//! KPI's (`/kpis`): each KPI's series per government layer (and of all governments together)
//! against its targets, as a chart (`chart.rs`) and as tables; where each series stands against
//! its target; whether the progress report can report it yet and why not; and the quality of
//! the data sources per dimension. Its data is `kpis.graphql`.
//!
//! "Alle overheden" is what was measured as one, and for a KPI whose layers add up
//! (aggregation `SUM`) the totals the API computes from the four layers (`layerTotals`), as the
//! progress report counts them.

mod chart;

use super::text::{Text, say};
use super::words::{capital, layer_phrase};
use super::{Api, every_page, page, reader};
use crate::http::Peer;
use crate::service::data::kpis::reaches;
use crate::service::reports::document::facts::{Blocker, USABLE_SCORE};
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use chrono::{Datelike, NaiveDate};
use entity::{
    DataAccess, Frequency, GovernmentLayer, KpiAggregation, KpiDirection, MeasurementQualifier,
    QualityDimension, WorkStatus, kpi_measurement,
};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use tower_sessions::Session;

const DOCUMENT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/web/queries/kpis.graphql"
));

/// How many KPIs and data sources the page lists at most (a programme has tens).
const MOST: usize = 1000;

/// The series in the order the page shows them: the four layers, then all governments.
const SERIES: [Option<GovernmentLayer>; 5] = [
    Some(GovernmentLayer::Rijk),
    Some(GovernmentLayer::Provincie),
    Some(GovernmentLayer::Gemeente),
    Some(GovernmentLayer::Waterschap),
    None,
];

/// `GET /kpis`: the page.
pub async fn show(
    State(api): State<Api>,
    peer: Peer,
    session: Session,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let reader = match reader(&api, &headers, &peer, &session, &uri).await {
        Ok(reader) => reader,
        Err(refused) => return refused,
    };
    let split = |a: &mut Answer| {
        (
            std::mem::take(&mut a.kpis.nodes),
            std::mem::take(&mut a.kpis.page_info),
        )
    };
    let variables = serde_json::json!({});
    let operation = (DOCUMENT, "Kpis");
    let (last, kpis) = match every_page(
        &api,
        &headers,
        &reader,
        operation,
        variables.clone(),
        MOST,
        split,
    )
    .await
    {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let split = |a: &mut SourcesAnswer| {
        (
            std::mem::take(&mut a.data_sources.nodes),
            std::mem::take(&mut a.data_sources.page_info),
        )
    };
    let operation = (DOCUMENT, "DataSources");
    let (_, sources) =
        match every_page(&api, &headers, &reader, operation, variables, MOST, split).await {
            Ok(read) => read,
            Err(refused) => return refused,
        };
    let text = reader.text;
    page(
        "kpis.html",
        &say!(text, "kpis-title"),
        "kpis",
        &reader,
        KpisPage::of(
            text,
            &kpis,
            last.kpis.total_count,
            &sources,
            last.status_date,
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// The answer, as `kpis.graphql` asks for it
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Answer {
    status_date: NaiveDate,
    kpis: Connection<Kpi>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SourcesAnswer {
    data_sources: Connection<Source>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Connection<T> {
    total_count: usize,
    page_info: super::PageInfo,
    nodes: Vec<T>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Kpi {
    code: String,
    name: String,
    definition: String,
    unit: String,
    direction: KpiDirection,
    aggregation: KpiAggregation,
    frequency: Frequency,
    baseline_value: Option<Decimal>,
    baseline_period: Option<String>,
    targets: Vec<Target>,
    measurements: Vec<Measurement>,
    layer_totals: Vec<Measurement>,
    data_sources: Vec<Named>,
    blocking_tasks: Vec<Task>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Target {
    year: i32,
    layer: Option<GovernmentLayer>,
    value: Decimal,
    note: Option<String>,
}

/// A measurement, or a total of all governments the layers add up to (no layer, no note).
#[derive(Deserialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Measurement {
    period_start: NaiveDate,
    period_end: NaiveDate,
    #[serde(default)]
    layer: Option<GovernmentLayer>,
    value: Decimal,
    qualifier: Option<MeasurementQualifier>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
struct Named {
    id: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Task {
    title: String,
    status: WorkStatus,
    due_date: NaiveDate,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Source {
    id: String,
    name: String,
    description: String,
    update_frequency: Frequency,
    access: DataAccess,
    owner: Option<Owner>,
    assessments: Vec<Assessment>,
}

#[derive(Deserialize)]
struct Owner {
    name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Assessment {
    dimension: QualityDimension,
    score: i32,
    assessed_on: NaiveDate,
    finding: String,
}

impl Measurement {
    /// As the report's words take it; `summed` marks a total the layers add up to (id 0).
    fn model(&self, summed: bool) -> kpi_measurement::Model {
        kpi_measurement::Model {
            id: if summed { 0 } else { 1 },
            kpi_id: 0,
            period_start: self.period_start,
            period_end: self.period_end,
            layer: self.layer,
            value: entity::Exact(self.value),
            qualifier: self.qualifier,
            data_source_id: None,
            note: self.note.clone(),
            version: 0,
            created_at: chrono::DateTime::default(),
            updated_at: chrono::DateTime::default(),
            deleted_at: None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// What the page shows
// ---------------------------------------------------------------------------------------------

#[derive(Serialize)]
struct KpisPage {
    summary: String,
    /// The lowest score a source may have on a dimension for its KPIs to be reported.
    usable_score: i32,
    status_date: String,
    cut: Option<String>,
    kpis: Vec<KpiView>,
    sources: Vec<SourceView>,
}

#[derive(Serialize)]
struct KpiView {
    anchor: String,
    code: String,
    name: String,
    definition: String,
    unit: String,
    facts: Vec<(String, String)>,
    chart: Option<String>,
    standings: Vec<String>,
    reportable: Option<String>,
    measured: Option<Table>,
    targets: Option<Table>,
    sources: Vec<SourceLink>,
}

/// A table of periods (or years) by series.
#[derive(Serialize)]
struct Table {
    columns: Vec<String>,
    rows: Vec<TableRow>,
}

#[derive(Serialize)]
struct TableRow {
    head: String,
    cells: Vec<String>,
}

#[derive(Serialize)]
struct SourceLink {
    name: String,
    link: String,
    weakest: String,
}

#[derive(Serialize)]
struct SourceView {
    anchor: String,
    name: String,
    description: String,
    facts: Vec<(String, String)>,
    scores: Vec<ScoreRow>,
    unassessed: Option<String>,
}

#[derive(Serialize)]
struct ScoreRow {
    dimension: String,
    score: String,
    low: bool,
    assessed: String,
    finding: String,
    earlier: String,
}

/// A KPI's series: its layer (None: all governments) with its measurements, oldest first, each
/// marked when it is a total the layers add up to.
struct Series<'a> {
    layer: Option<GovernmentLayer>,
    values: Vec<(&'a Measurement, bool)>,
}

impl KpisPage {
    fn of(text: Text, kpis: &[Kpi], total: usize, sources: &[Source], status: NaiveDate) -> Self {
        let mut anchors = HashSet::new();
        let source_anchors: Vec<(String, String)> = sources
            .iter()
            .map(|s| (s.id.clone(), anchor(&mut anchors, "bron", &s.name)))
            .collect();
        let anchor_of = |id: &str| {
            source_anchors
                .iter()
                .find(|(sid, _)| sid == id)
                .map(|(_, a)| format!("#{a}"))
                .unwrap_or_default()
        };
        let views: Vec<KpiView> = kpis
            .iter()
            .map(|k| {
                KpiView::of(
                    text,
                    k,
                    sources,
                    status,
                    anchor(&mut anchors, "kpi", &k.code),
                    &anchor_of,
                )
            })
            .collect();
        let blocked = views.iter().filter(|k| k.reportable.is_some()).count();
        let summary = if kpis.is_empty() {
            say!(text, "kpis-none")
        } else {
            say!(text, "kpis-summary", count = kpis.len(), blocked = blocked)
        };
        KpisPage {
            summary,
            usable_score: USABLE_SCORE,
            status_date: text.words().date(status),
            cut: (total > kpis.len())
                .then(|| say!(text, "kpis-cut", shown = kpis.len(), total = total)),
            kpis: views,
            sources: sources
                .iter()
                .zip(&source_anchors)
                .map(|(s, (_, a))| SourceView::of(text, s, a.clone()))
                .collect(),
        }
    }
}

impl KpiView {
    fn of(
        text: Text,
        k: &Kpi,
        sources: &[Source],
        status: NaiveDate,
        anchor: String,
        anchor_of: &dyn Fn(&str) -> String,
    ) -> Self {
        // What counts on the peildatum: periods that have ended by then, as the progress report
        // counts them (a period still under way is not a measurement yet).
        let counted = |m: &&Measurement| m.period_end <= status;
        let later = k.measurements.iter().filter(|m| !counted(m)).count();
        let series: Vec<Series> = SERIES
            .iter()
            .map(|layer| {
                // The API gives the newest first (by period end, then the latest recorded):
                // reversed, the latest recorded of two in one period comes last, as the
                // report takes it.
                let mut values: Vec<(&Measurement, bool)> = k
                    .measurements
                    .iter()
                    .rev()
                    .filter(counted)
                    .filter(|m| m.layer == *layer)
                    .map(|m| (m, false))
                    .collect();
                if layer.is_none() {
                    values.extend(k.layer_totals.iter().filter(counted).map(|m| (m, true)));
                }
                values.sort_by_key(|(m, _)| (m.period_end, m.period_start));
                Series {
                    layer: *layer,
                    values,
                }
            })
            .collect();
        let targets_of = |layer: Option<GovernmentLayer>| {
            let mut of: Vec<&Target> = k.targets.iter().filter(|t| t.layer == layer).collect();
            of.sort_by_key(|t| t.year);
            of
        };
        // The target a series is held to: its layer's for the status date's year or the
        // nearest later one, else its latest (the progress report's rule).
        let target_of = |layer: Option<GovernmentLayer>| {
            let of = targets_of(layer);
            of.iter()
                .find(|t| t.year >= status.year())
                .or(of.last())
                .copied()
        };
        let unit = k.unit.as_str();
        let words = text.words();
        let value_words =
            |(m, summed): (&Measurement, bool)| words.kpi_value(&m.model(summed), unit);

        // The chart: every series with a value or a target.
        let drawn: Vec<chart::Series> = series
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.values.is_empty() || !targets_of(s.layer).is_empty())
            .map(|(i, s)| chart::Series {
                style: i,
                name: words.series(s.layer),
                points: s
                    .values
                    .iter()
                    .filter_map(|(m, summed)| {
                        Some((
                            m.period_start,
                            m.period_end,
                            m.value.to_f64()?,
                            value_words((m, *summed)),
                        ))
                    })
                    .collect(),
                targets: targets_of(s.layer)
                    .iter()
                    .filter_map(|t| Some((t.year, t.value.to_f64()?, target_words(text, t, unit))))
                    .collect(),
            })
            .collect();
        let title = say!(
            text,
            "kpis-chart-title",
            code = k.code.as_str(),
            name = k.name.as_str()
        );
        let chart = chart::draw(text, &drawn, unit, &title, status);

        // Where each series stands against its target: measured ones by their latest value,
        // those with a target only by that target.
        let mut standings: Vec<String> = series
            .iter()
            .filter_map(|s| {
                let &(last, summed) = s.values.last()?;
                Some(standing(
                    text,
                    k,
                    s.layer,
                    (last, value_words((last, summed))),
                    target_of(s.layer),
                    status,
                ))
            })
            .collect();
        for s in series.iter().filter(|s| s.values.is_empty()) {
            if let Some(t) = target_of(s.layer) {
                standings.push(say!(
                    text,
                    "kpis-standing-unmeasured",
                    series = words.series(s.layer),
                    target = target_words(text, t, unit).trim_end_matches('.').to_owned()
                ));
            }
        }
        if later > 0 {
            standings.push(say!(text, "kpis-later", count = later));
        }

        // Whether the progress report can report it: the report's own rule.
        let scores = k.data_sources.iter().flat_map(|named| {
            latest_scores(sources.iter().find(|s| s.id == named.id))
                .into_iter()
                .map(|(d, a)| (named.name.clone(), d, a.score))
        });
        let tasks = k
            .blocking_tasks
            .iter()
            .map(|t| (t.title.clone(), t.due_date, t.status));
        let measured = series
            .iter()
            .any(|s| s.values.iter().any(|(_, summed)| !summed));
        let why = Blocker::of_kpi(scores, tasks, measured, status);
        let reportable = (!why.is_empty()).then(|| {
            let clauses: Vec<String> = why.iter().map(|b| words.blocker(b)).collect();
            say!(text, "kpis-not-reportable", reasons = clauses.join("; "))
        });

        // The measurements as a table: a row per period, a column per series measured.
        let measured_series: Vec<&Series> =
            series.iter().filter(|s| !s.values.is_empty()).collect();
        let mut periods: Vec<(NaiveDate, NaiveDate)> = measured_series
            .iter()
            .flat_map(|s| s.values.iter().map(|(m, _)| (m.period_start, m.period_end)))
            .collect();
        periods.sort_by_key(|(start, end)| (*end, *start));
        periods.dedup();
        let measured = (!measured_series.is_empty()).then(|| Table {
            columns: measured_series
                .iter()
                .map(|s| words.series(s.layer))
                .collect(),
            rows: periods
                .iter()
                .map(|&(start, end)| TableRow {
                    head: words.period(start, end),
                    cells: measured_series
                        .iter()
                        .map(|s| {
                            let cell: Vec<String> = s
                                .values
                                .iter()
                                .filter(|(m, _)| (m.period_start, m.period_end) == (start, end))
                                .map(|&(m, summed)| cell_words(text, m, summed))
                                .collect();
                            if cell.is_empty() {
                                "-".to_owned()
                            } else {
                                cell.join("; ")
                            }
                        })
                        .collect(),
                })
                .collect(),
        });

        // The targets as a table: a row per year, a column per series with a target.
        let targeted: Vec<Option<GovernmentLayer>> = SERIES
            .iter()
            .copied()
            .filter(|l| !targets_of(*l).is_empty())
            .collect();
        let mut years: Vec<i32> = k.targets.iter().map(|t| t.year).collect();
        years.sort_unstable();
        years.dedup();
        let targets = (!targeted.is_empty()).then(|| Table {
            columns: targeted.iter().map(|l| words.series(*l)).collect(),
            rows: years
                .iter()
                .map(|&year| TableRow {
                    head: year.to_string(),
                    cells: targeted
                        .iter()
                        .map(|l| {
                            targets_of(*l)
                                .iter()
                                .filter(|t| t.year == year)
                                .map(|t| target_words(text, t, unit))
                                .collect::<Vec<_>>()
                                .join("; ")
                        })
                        .map(|c| if c.is_empty() { "-".to_owned() } else { c })
                        .collect(),
                })
                .collect(),
        });

        let mut facts = vec![
            (say!(text, "kpis-unit"), k.unit.clone()),
            (
                say!(text, "kpis-direction"),
                capital(words.kpi_direction(k.direction)),
            ),
            (
                say!(text, "kpis-frequency"),
                capital(words.frequency(k.frequency)),
            ),
        ];
        if let (Some(value), Some(period)) = (&k.baseline_value, &k.baseline_period) {
            facts.push((
                say!(text, "kpis-baseline"),
                words.kpi_baseline(Some((&entity::Exact(*value), unit, period)), None),
            ));
        }
        facts.push((
            words.series(None),
            match k.aggregation {
                KpiAggregation::Sum => say!(text, "kpis-aggregation-sum"),
                KpiAggregation::None => say!(text, "kpis-aggregation-none"),
            },
        ));

        KpiView {
            anchor,
            code: k.code.clone(),
            name: k.name.clone(),
            definition: k.definition.clone(),
            unit: k.unit.clone(),
            facts,
            chart,
            standings,
            reportable,
            measured,
            targets,
            sources: k
                .data_sources
                .iter()
                .map(|named| SourceLink {
                    name: named.name.clone(),
                    link: anchor_of(&named.id),
                    weakest: weakest(text, sources.iter().find(|s| s.id == named.id)),
                })
                .collect(),
        }
    }
}

/// Where `series` of `k` stands on `status`: its latest measurement (with its words) against
/// `target`, the one the progress report holds it to. Reached or not only where the value
/// settles it ([`reaches`]); "al" when the measurement is of a year before the target's, and
/// said outright when the target's year has passed without a measurement of it.
fn standing(
    text: Text,
    k: &Kpi,
    series: Option<GovernmentLayer>,
    (last, latest): (&Measurement, String),
    target: Option<&Target>,
    status: NaiveDate,
) -> String {
    let name = text.words().series(series);
    let Some(t) = target else {
        let whose = series.map_or_else(
            || say!(text, "kpis-all-together"),
            |layer| layer_phrase(text, layer),
        );
        return say!(
            text,
            "kpis-standing-no-target",
            series = name,
            latest = latest,
            whose = whose
        );
    };
    let against = say!(
        text,
        "kpis-standing-target",
        series = name,
        latest = latest,
        value = text.words().exact(&entity::Exact(t.value)),
        unit = k.unit.as_str(),
        year = t.year.to_string()
    );
    let measured_year = last.period_end.year();
    let before = measured_year < t.year;
    let unmeasured = if before && t.year < status.year() {
        format!(
            " {}",
            say!(text, "kpis-unmeasured-year", year = t.year.to_string())
        )
    } else {
        String::new()
    };
    let estimated = if last.qualifier == Some(MeasurementQualifier::Estimate) {
        format!(" {}", say!(text, "kpis-estimated"))
    } else {
        String::new()
    };
    let verdict = match (
        reaches(k.direction, last.value, last.qualifier, t.value),
        before,
    ) {
        (Some(true), true) => say!(text, "kpis-reached-already", estimated = estimated),
        (Some(true), false) => say!(text, "kpis-reached", estimated = estimated),
        (Some(false), true) => say!(text, "kpis-not-reached-yet", estimated = estimated),
        (Some(false), false) => say!(text, "kpis-not-reached", estimated = estimated),
        (None, _) => say!(text, "kpis-reached-unknown"),
    };
    format!("{against}{unmeasured} {verdict}")
}

/// A value in the measurements table: "ten minste 6,8", "(opgeteld)" for a total the layers add
/// up to, and the measurement's note.
fn cell_words(text: Text, m: &Measurement, summed: bool) -> String {
    let mut words = text.words().measured(&entity::Exact(m.value), m.qualifier);
    if summed {
        words.push_str(&format!(" {}", say!(text, "kpis-summed")));
    }
    if let Some(note) = m.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        words.push_str(&format!(" ({note})"));
    }
    words
}

/// A target in words: "100 % in 2025", with its note.
fn target_words(text: Text, t: &Target, unit: &str) -> String {
    text.words().kpi_target(Some((
        &entity::Exact(t.value),
        unit,
        t.year,
        t.note.as_deref(),
    )))
}

/// The latest assessment per dimension of `source` (its assessments come newest first; the
/// first per dimension counts), in the dimensions' order.
fn latest_scores(source: Option<&Source>) -> BTreeMap<QualityDimension, &Assessment> {
    let mut latest: BTreeMap<QualityDimension, &Assessment> = BTreeMap::new();
    for a in source.map(|s| s.assessments.as_slice()).unwrap_or_default() {
        latest
            .entry(a.dimension)
            .and_modify(|known| {
                if a.assessed_on > known.assessed_on {
                    *known = a;
                }
            })
            .or_insert(a);
    }
    latest
}

/// A source's weakest dimension, as the report names it: "compleetheid 2 van 5"; or that it
/// has not been assessed.
fn weakest(text: Text, source: Option<&Source>) -> String {
    let words = text.words();
    latest_scores(source)
        .into_iter()
        .min_by_key(|(d, a)| (a.score, *d))
        .map(|(d, a)| {
            say!(
                text,
                "kpis-weakest",
                dimension = words.dimension(d),
                score = words.score(a.score)
            )
        })
        .unwrap_or_else(|| say!(text, "kpis-not-assessed"))
}

impl SourceView {
    fn of(text: Text, s: &Source, anchor: String) -> Self {
        let words = text.words();
        let latest = latest_scores(Some(s));
        let scores = latest
            .iter()
            .map(|(d, a)| {
                let earlier: Vec<String> = s
                    .assessments
                    .iter()
                    .filter(|e| e.dimension == *d && !std::ptr::eq(*e, *a))
                    .map(|e| {
                        say!(
                            text,
                            "kpis-earlier",
                            score = e.score.to_string(),
                            day = words.date(e.assessed_on)
                        )
                    })
                    .collect();
                ScoreRow {
                    dimension: capital(words.dimension(*d)),
                    score: words.score(a.score),
                    low: a.score < USABLE_SCORE,
                    assessed: words.date(a.assessed_on),
                    finding: a.finding.trim().to_owned(),
                    earlier: earlier.join("; "),
                }
            })
            .collect();
        let missing: Vec<String> = <QualityDimension as sea_orm::Iterable>::iter()
            .filter(|d| !latest.contains_key(d))
            .map(|d| words.dimension(d).to_owned())
            .collect();
        let mut facts = Vec::new();
        if let Some(owner) = &s.owner {
            facts.push((say!(text, "kpis-owner"), owner.name.clone()));
        }
        facts.push((
            say!(text, "kpis-updated"),
            capital(words.frequency(s.update_frequency)),
        ));
        facts.push((
            say!(text, "kpis-access"),
            capital(words.data_access(s.access)),
        ));
        SourceView {
            anchor,
            name: s.name.clone(),
            description: s.description.clone(),
            facts,
            scores,
            unassessed: (!missing.is_empty()).then(|| {
                say!(
                    text,
                    "kpis-unassessed",
                    dimensions = words.enumerate(&missing)
                )
            }),
        }
    }
}

/// An id for the page's anchors, from `text` ("MVOI-01" → "kpi-mvoi-01"), unique on the page.
fn anchor(taken: &mut HashSet<String>, prefix: &str, text: &str) -> String {
    let slug: String = text
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let slug = slug
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let base = format!("{prefix}-{slug}");
    let mut candidate = base.clone();
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_plain_and_unique() {
        let mut taken = HashSet::new();
        assert_eq!(anchor(&mut taken, "kpi", "MVOI-01"), "kpi-mvoi-01");
        assert_eq!(anchor(&mut taken, "kpi", "mvoi 01"), "kpi-mvoi-01-2");
        assert_eq!(anchor(&mut taken, "bron", "Één <bron>"), "bron-n-bron");
    }
}
