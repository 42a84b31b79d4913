//! Mijn overzicht (`/`): what needs attention first in one government layer (and the joint
//! milestones it takes part in) or in the whole programme: overdue, off-track and at-risk
//! milestones with their one-line reasons, the commitments to the Kamer with their state, and
//! the deadlines until the next recess; and what others changed to those milestones and the ones
//! they wait for (`recent_changes.rs`). A layer manager sees their own layer first.
//!
//! `?laag=gemeente` chooses the layer (`rijk`, `provincie`, `gemeente`, `waterschap`; `alle` or
//! nothing: the whole programme). Its data is `overview.graphql`.

use super::text::{Text, say};
use super::words::{deadline, health_class, health_label};
use super::{Api, page, problem_for, query, reader};
use crate::http::Peer;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use chrono::NaiveDate;
use entity::{GovernmentLayer, Health};
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use tower_sessions::Session;

const DOCUMENT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/web/queries/overview.graphql"
));

/// The layer a query string names: `rijk`, `provincie(s)`, `gemeente(n)`, `waterschap(pen)`
/// in any case; `alle` or empty for the whole programme. `Err` for any other name.
pub(super) fn layer_named(name: &str) -> Result<Option<GovernmentLayer>, ()> {
    match name.trim().to_lowercase().as_str() {
        "" | "alle" => Ok(None),
        "rijk" => Ok(Some(GovernmentLayer::Rijk)),
        "provincie" | "provincies" => Ok(Some(GovernmentLayer::Provincie)),
        "gemeente" | "gemeenten" => Ok(Some(GovernmentLayer::Gemeente)),
        "waterschap" | "waterschappen" => Ok(Some(GovernmentLayer::Waterschap)),
        _ => Err(()),
    }
}

/// `GET /`: the page.
pub async fn show(
    State(api): State<Api>,
    peer: Peer,
    session: Session,
    uri: Uri,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> Response {
    let reader = match reader(&api, &headers, &peer, &session, &uri).await {
        Ok(reader) => reader,
        Err(refused) => return refused,
    };
    let text = reader.text;
    // The first `laag` counts (a form sends one; a hand-made address may repeat it).
    let chosen = params.iter().find(|(key, _)| key == "laag").map(|(_, v)| v);
    let layer = match chosen.map(|name| layer_named(name)) {
        None => reader.caller.layer,
        Some(Ok(layer)) => layer,
        Some(Err(())) => {
            return problem_for(
                &reader,
                StatusCode::BAD_REQUEST,
                say!(text, "overview-unknown-layer"),
                say!(text, "overview-unknown-layer-more"),
            );
        }
    };
    let scope = match layer {
        Some(layer) => serde_json::json!({ "layer": layer.as_str(), "joint": true }),
        None => serde_json::json!({}),
    };
    let answer: Answer = match query(
        &api,
        &headers,
        &reader,
        (DOCUMENT, "Overview"),
        scope.clone(),
    )
    .await
    {
        Ok(answer) => answer,
        Err(refused) => return refused,
    };
    let next_recess = answer
        .recess_periods
        .nodes
        .iter()
        .filter(|r| r.first_day > answer.status_date)
        .min_by_key(|r| r.first_day);
    // The deadlines that have passed, and those from the status date to the last sitting day
    // before the next recess (none without a next recess).
    let today = answer.status_date;
    let eve = next_recess
        .and_then(|r| r.first_day.pred_opt())
        .filter(|eve| *eve >= today);
    let mut variables = scope;
    variables["before"] = today.pred_opt().unwrap_or(today).to_string().into();
    variables["from"] = today.to_string().into();
    // An empty window (`to` before `from`) when there is no next recess.
    variables["to"] = eve
        .unwrap_or_else(|| today.pred_opt().unwrap_or(today))
        .to_string()
        .into();
    let operation = (DOCUMENT, "OverviewDeadlines");
    let deadlines = match query::<Deadlines>(&api, &headers, &reader, operation, variables).await {
        Ok(deadlines) => deadlines,
        Err(refused) => return refused,
    };
    let title = match layer {
        Some(layer) => say!(
            text,
            "overview-title-layer",
            layer = text.words().layer(Some(layer))
        ),
        None => say!(text, "overview-title"),
    };
    let until = reader
        .view
        .as_of
        .as_ref()
        .map_or_else(|| api.state().clock.now(), |a| a.moment);
    let changes = match super::recent_changes::read(&api, &headers, &reader, layer, until).await {
        Ok(changes) => changes,
        Err(refused) => return refused,
    };
    page(
        "overview.html",
        &title,
        "overzicht",
        &reader,
        WithChanges {
            overview: Overview::of(text, &answer, next_recess, &deadlines, layer),
            changes,
        },
    )
}

/// The overview with what others changed.
#[derive(Serialize)]
struct WithChanges {
    #[serde(flatten)]
    overview: Overview,
    changes: super::recent_changes::RecentChanges,
}

// ---------------------------------------------------------------------------------------------
// The answer, as `overview.graphql` asks for it
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Answer {
    status_date: NaiveDate,
    attention: Page<MilestoneRow>,
    judged: Page<MilestoneRow>,
    overdue: Page<MilestoneRow>,
    open: Page<CommitmentRow>,
    fulfilled: Count,
    recess_periods: Page<RecessRow>,
}

/// How many a list holds.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Count {
    total_count: usize,
}

/// Open milestones whose deadline has passed, and those with one before the next recess.
#[derive(Deserialize)]
struct Deadlines {
    passed: Page<DeadlineRow>,
    coming: Page<DeadlineRow>,
}

/// A page of a list: its items and, where asked, how many the whole list holds.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Page<T> {
    #[serde(default)]
    total_count: usize,
    nodes: Vec<T>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DeadlineRow {
    id: String,
    title: String,
    layer: Option<GovernmentLayer>,
    deadline_date: Option<NaiveDate>,
    deadline_text: Option<String>,
    projected_date: NaiveDate,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MilestoneRow {
    id: String,
    title: String,
    layer: Option<GovernmentLayer>,
    health: Health,
    health_reason: Option<String>,
    health_overridden: bool,
    computed_health: Computed,
    overdue: bool,
    overdue_days: Option<i64>,
    projected_date: Option<NaiveDate>,
    deadline_date: Option<NaiveDate>,
    deadline_text: Option<String>,
}

#[derive(Deserialize)]
struct Computed {
    health: Health,
    reasons: Vec<ComputedReason>,
}

#[derive(Deserialize)]
struct ComputedReason {
    message: String,
}

impl MilestoneRow {
    /// The health the page shows (see `words::shown_health`).
    fn shown(&self) -> Health {
        super::words::shown_health(self.health, self.computed_health.health)
    }

    /// The one-line reason: the schedule's first, then a manager's judgement where one counts
    /// (with its own reason), so an old judgement never stands in for what the plan says now.
    fn reason(&self, text: Text) -> String {
        let schedule = self
            .computed_health
            .reasons
            .first()
            .map(|r| super::words::capital(&r.message));
        if !self.health_overridden {
            return self.health_reason.clone().or(schedule).unwrap_or_default();
        }
        let judgement = say!(
            text,
            "overview-judgement",
            health = text.words().health(self.health),
            reason = self.health_reason.clone().unwrap_or_default()
        );
        match schedule {
            Some(schedule) => format!("{schedule}. {judgement}"),
            None => judgement,
        }
    }

    /// Whether a manager's judgement is better than what the schedule finds.
    fn overruled(&self) -> bool {
        self.health_overridden && self.health != self.shown()
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CommitmentRow {
    number: String,
    text: String,
    deadline_date: NaiveDate,
    deadline_text: Option<String>,
    needs_postponement_letter: bool,
    risk: super::commitment_state::Risk,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RecessRow {
    #[serde(flatten)]
    recess: super::words::RecessName,
    first_day: NaiveDate,
    last_day: NaiveDate,
}

// ---------------------------------------------------------------------------------------------
// What the page shows
// ---------------------------------------------------------------------------------------------

#[derive(Serialize)]
struct Overview {
    scope: String,
    status_date: String,
    layers: Vec<LayerOption>,
    attention: Vec<AttentionItem>,
    attention_summary: String,
    commitments: Vec<CommitmentItem>,
    commitments_summary: String,
    next_recess: Option<String>,
    passed: Vec<DeadlineItem>,
    deadlines: Vec<DeadlineItem>,
    deadlines_cut: Option<String>,
}

#[derive(Serialize)]
struct LayerOption {
    value: &'static str,
    label: String,
    selected: bool,
}

#[derive(Serialize)]
struct AttentionItem {
    title: String,
    /// The milestone's page.
    link: String,
    layer: &'static str,
    health: String,
    health_class: &'static str,
    overridden: bool,
    /// "12 dagen over tijd", or empty: shown whatever the health says.
    overdue: String,
    reason: String,
    projected: String,
    deadline: String,
}

#[derive(Serialize)]
struct CommitmentItem {
    number: String,
    text: String,
    deadline: String,
    state: String,
    state_class: &'static str,
    detail: String,
}

#[derive(Serialize)]
struct DeadlineItem {
    date: String,
    title: String,
    link: String,
    layer: &'static str,
    /// The deadline as promised, between quotes.
    text: Option<String>,
    /// "verwacht 9 juli 2026, 7 dagen na de termijn" when the milestone is expected after it.
    late: String,
}

const LAYERS: [(&str, Option<GovernmentLayer>); 5] = [
    ("alle", None),
    ("rijk", Some(GovernmentLayer::Rijk)),
    ("provincie", Some(GovernmentLayer::Provincie)),
    ("gemeente", Some(GovernmentLayer::Gemeente)),
    ("waterschap", Some(GovernmentLayer::Waterschap)),
];

impl Overview {
    fn of(
        text: Text,
        answer: &Answer,
        next_recess: Option<&RecessRow>,
        deadlines: &Deadlines,
        layer: Option<GovernmentLayer>,
    ) -> Self {
        let words = text.words();
        let scope = match layer {
            Some(layer) => say!(
                text,
                "overview-scope-layer",
                layer = words.layer(Some(layer))
            ),
            None => say!(text, "overview-scope-all"),
        };
        let layers = LAYERS
            .iter()
            .map(|(value, l)| LayerOption {
                value,
                label: match l {
                    None => say!(text, "overview-all-layers"),
                    Some(_) => words.layer(*l).to_owned(),
                },
                selected: *l == layer,
            })
            .collect();

        // Off track, at risk or overdue, each once; overdue first (longest overdue first),
        // then off track, then at risk; the earliest projected date first within each.
        let mut attention: Vec<&MilestoneRow> = answer.overdue.nodes.iter().collect();
        for m in answer.attention.nodes.iter().chain(&answer.judged.nodes) {
            if !attention.iter().any(|a| a.id == m.id) {
                attention.push(m);
            }
        }
        attention.sort_by_key(|m| {
            (
                !m.overdue,
                Reverse(m.overdue_days.unwrap_or(0)),
                m.shown() != Health::OffTrack,
                m.projected_date.is_none(),
                m.projected_date,
            )
        });
        // Each milestone counted once, under the first of these it is. When a list was cut
        // at 100, the page says so and counts from the lists' totals instead.
        let cut = answer.attention.total_count > answer.attention.nodes.len()
            || answer.judged.total_count > answer.judged.nodes.len()
            || answer.overdue.total_count > answer.overdue.nodes.len();
        let attention_summary = if cut {
            let counts = say!(
                text,
                "overview-attention-cut",
                overdue = say!(text, "frame-milestones", count = answer.overdue.total_count),
                attention = answer.attention.total_count
            );
            let first = if layer.is_some() {
                say!(text, "overview-attention-cut-first")
            } else {
                say!(text, "overview-attention-cut-first-choose")
            };
            format!("{counts} {first}")
        } else {
            let overdue = attention.iter().filter(|m| m.overdue).count();
            let of_health = |health: Health| {
                attention
                    .iter()
                    .filter(|m| !m.overdue && m.shown() == health)
                    .count()
            };
            say!(
                text,
                "overview-attention-summary",
                overdue = say!(text, "frame-milestones", count = overdue),
                off = of_health(Health::OffTrack),
                risk = of_health(Health::AtRisk)
            )
        };
        let attention = attention
            .into_iter()
            .map(|m| AttentionItem {
                title: m.title.clone(),
                link: super::milestone::address(&m.id),
                layer: words.layer(m.layer),
                health: health_label(text, m.shown()),
                health_class: health_class(m.shown()),
                overridden: m.health_overridden && !m.overruled(),
                overdue: super::words::overdue(text, m.overdue, m.overdue_days),
                // A manager's judgement is said after what the schedule finds.
                reason: m.reason(text),
                projected: m.projected_date.map(|d| words.date(d)).unwrap_or_default(),
                deadline: deadline(text, m.deadline_date, m.deadline_text.as_deref()),
            })
            .collect();

        let open = &answer.open;
        let mut commitments_summary = match answer.fulfilled.total_count {
            0 => String::new(),
            n => say!(text, "overview-fulfilled", count = n),
        };
        if open.total_count > open.nodes.len() {
            commitments_summary.push(' ');
            commitments_summary.push_str(&say!(
                text,
                "overview-open-cut",
                total = open.total_count,
                shown = open.nodes.len()
            ));
        }
        let mut commitments: Vec<&CommitmentRow> = open.nodes.iter().collect();
        commitments.sort_by_key(|c| (c.risk.state, c.deadline_date));
        let commitments = commitments
            .into_iter()
            .map(|c| CommitmentItem {
                number: c.number.clone(),
                text: c.text.clone(),
                deadline: deadline(text, Some(c.deadline_date), c.deadline_text.as_deref()),
                state: c.risk.state.label(text),
                state_class: c.risk.state.class(),
                detail: super::commitment_state::detail(
                    text,
                    &c.risk.facts(c.needs_postponement_letter, None),
                ),
            })
            .collect();

        let next_recess = next_recess.map(|r| {
            say!(
                text,
                "overview-next-recess",
                recess = r.recess.in_sentence(text),
                first = words.date(r.first_day),
                last = words.date(r.last_day)
            )
        });
        let cut = |page: &Page<DeadlineRow>| page.total_count > page.nodes.len();
        let deadlines_cut = (cut(&deadlines.passed) || cut(&deadlines.coming))
            .then(|| say!(text, "overview-deadlines-cut"));
        let items = |page: &Page<DeadlineRow>| {
            let mut rows: Vec<&DeadlineRow> = page.nodes.iter().collect();
            rows.sort_by_key(|m| m.deadline_date);
            rows.into_iter()
                .map(|m| DeadlineItem {
                    date: m.deadline_date.map(|d| words.date(d)).unwrap_or_default(),
                    title: m.title.clone(),
                    link: super::milestone::address(&m.id),
                    layer: words.layer(m.layer),
                    text: m
                        .deadline_text
                        .as_deref()
                        .filter(|t| !t.is_empty())
                        .map(|t| words.quote(t)),
                    late: match m.deadline_date {
                        Some(d) if m.projected_date > d => say!(
                            text,
                            "overview-expected-late",
                            day = words.date(m.projected_date),
                            days = words.days((m.projected_date - d).num_days())
                        ),
                        _ => String::new(),
                    },
                })
                .collect::<Vec<_>>()
        };
        let passed = items(&deadlines.passed);
        let deadlines = items(&deadlines.coming);

        Overview {
            scope,
            status_date: words.date(answer.status_date),
            layers,
            attention,
            attention_summary,
            commitments,
            commitments_summary,
            next_recess,
            passed,
            deadlines,
            deadlines_cut,
        }
    }
}
