//! Mijlpaal (`/mijlpalen/{id}`, the milestone's global id): everything about one milestone. Its
//! dates (baseline, planned, forecast, projected, actual, deadlines) and what they mean (slip,
//! slack); its health with every computed reason and whether a manager's judgement counts
//! instead; what it waits for and what waits for it, with lag, and which of them pushes it or
//! is pushed by it; its commitments to the Kamer, KPIs, tasks and risks; and its story: who
//! changed what, from which value to which, and why (`history.rs`).
//!
//! Its data is `milestone.graphql`. An address that is no milestone's id gets a 404 in the
//! reader's language. Every word the page writes follows the reader's language; the plan's data
//! (titles, reasons, the deadline as promised) stays as it was written.

use super::history::{self, HistoryItem};
use super::text::{Text, say};
use super::words::{self, capital, deadline, health_class, health_label, later, overdue};
use super::{Api, page, problem_for, query, reader};
use crate::http::Peer;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use chrono::{DateTime, NaiveDate, Utc};
use entity::{GovernmentLayer, Health, MilestoneKind, RiskLevel, RiskStatus, WorkStatus};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

/// The page's document, with the fragment of a change record its history reads.
const DOCUMENT: &str = concat!(
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/web/queries/milestone.graphql"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/web/queries/fragments/change.graphql"
    )),
);

/// The address of a milestone's page.
pub(super) fn address(id: &str) -> String {
    format!("/mijlpalen/{id}")
}

/// `?voor=` (a history cursor): the page of history before it.
#[derive(Deserialize)]
pub struct Params {
    voor: Option<String>,
}

/// `GET /mijlpalen/{id}`: the page.
pub async fn show(
    State(api): State<Api>,
    peer: Peer,
    session: Session,
    uri: Uri,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> Response {
    let reader = match reader(&api, &headers, &peer, &session, &uri).await {
        Ok(reader) => reader,
        Err(refused) => return refused,
    };
    let is_milestone = crate::graphql::ids::decode_any(&async_graphql::ID(id.clone()))
        .is_some_and(|(kind, _)| kind == "Milestone");
    if !is_milestone {
        return missing(&reader);
    }
    let variables = serde_json::json!({ "id": id });
    let answer: Answer = match query(
        &api,
        &headers,
        &reader,
        (DOCUMENT, "Milestone"),
        variables.clone(),
    )
    .await
    {
        Ok(answer) => answer,
        Err(refused) => return refused,
    };
    let Some(milestone) = answer.milestone else {
        return missing(&reader);
    };
    let mut variables = variables;
    variables["before"] = params.voor.clone().into();
    // In an as-of view, the history up to and including the view's moment.
    if let Some(as_of) = &reader.view.as_of {
        let until = as_of.moment + chrono::Duration::microseconds(1);
        variables["until"] = until.to_rfc3339().into();
    }
    let changes: history::Answer = match query(
        &api,
        &headers,
        &reader,
        (DOCUMENT, "MilestoneHistory"),
        variables,
    )
    .await
    {
        Ok(changes) => changes,
        Err(refused) => return refused,
    };
    let title = milestone.title.clone();
    page(
        "milestone.html",
        &title,
        "",
        &reader,
        MilestonePage::of(reader.text, &milestone, answer.status_date, &changes),
    )
}

fn missing(reader: &super::Reader) -> Response {
    let text = reader.text;
    let message = match &reader.view.as_of {
        Some(as_of) => say!(
            text,
            "milestone-not-found-then",
            day = text.words().date(as_of.day)
        ),
        None => say!(text, "milestone-not-found-more"),
    };
    problem_for(
        reader,
        StatusCode::NOT_FOUND,
        say!(text, "milestone-not-found"),
        message,
    )
}

// ---------------------------------------------------------------------------------------------
// The answer, as `milestone.graphql` asks for it
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Answer {
    status_date: NaiveDate,
    milestone: Option<Milestone>,
}

#[derive(Deserialize)]
struct Id {
    id: String,
}

#[derive(Deserialize)]
struct Named {
    name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Milestone {
    id: String,
    title: String,
    description: String,
    kind: MilestoneKind,
    layer: Option<GovernmentLayer>,
    joint: bool,
    participating_layers: Vec<GovernmentLayer>,
    status: WorkStatus,
    deleted_at: Option<DateTime<Utc>>,
    baseline_date: NaiveDate,
    planned_date: NaiveDate,
    forecast_date: Option<NaiveDate>,
    actual_date: Option<NaiveDate>,
    projected_date: NaiveDate,
    earliest_possible_date: Option<NaiveDate>,
    feasible: bool,
    slip_days: i64,
    slack_days: Option<i64>,
    deadline_date: Option<NaiveDate>,
    deadline_text: Option<String>,
    effective_deadline: Option<NaiveDate>,
    deadline_slack_days: Option<i64>,
    overdue: bool,
    overdue_days: Option<i64>,
    health: Health,
    health_overridden: bool,
    computed_health: Assessment,
    health_override: Option<Override>,
    blocked_by: Option<Id>,
    recess: Option<super::words::RecessName>,
    variances: Vec<Variance>,
    programme: Option<Named>,
    phase: Option<Phase>,
    workstream: Option<Named>,
    owner: Option<Named>,
    predecessors: Vec<Dependency>,
    successors: Vec<Dependency>,
    commitments: Vec<Commitment>,
    kpis: Vec<Kpi>,
    tasks: Vec<Task>,
    risks: Vec<Risk>,
}

#[derive(Deserialize)]
struct Computed {
    health: Health,
}

#[derive(Deserialize)]
struct Assessment {
    health: Health,
    reasons: Vec<Reason>,
}

#[derive(Deserialize)]
struct Reason {
    message: String,
    milestone: Option<Titled>,
}

#[derive(Deserialize)]
struct Titled {
    id: String,
    title: String,
}

#[derive(Deserialize)]
struct Override {
    health: Health,
    reason: String,
    until: Option<NaiveDate>,
    counts: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Variance {
    baseline: Baseline,
    baseline_date: NaiveDate,
    variance_days: i64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Baseline {
    name: String,
    original: bool,
    created_at: DateTime<Utc>,
}

#[derive(Deserialize)]
struct Phase {
    name: String,
}

/// A dependency seen from this milestone: the other end is `predecessor` or `successor`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Dependency {
    lag_days: i64,
    #[serde(alias = "predecessor", alias = "successor")]
    other: Option<Neighbour>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Neighbour {
    id: String,
    title: String,
    layer: Option<GovernmentLayer>,
    status: WorkStatus,
    health: Health,
    health_overridden: bool,
    computed_health: Computed,
    overdue: bool,
    overdue_days: Option<i64>,
    projected_date: NaiveDate,
    deleted_at: Option<DateTime<Utc>>,
    blocked_by: Option<Id>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Commitment {
    number: String,
    text: String,
    deadline_date: NaiveDate,
    deadline_text: Option<String>,
    needs_postponement_letter: bool,
    risk: super::commitment_state::Risk,
}

#[derive(Deserialize)]
struct Kpi {
    code: String,
    name: String,
    unit: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Task {
    title: String,
    layer: Option<GovernmentLayer>,
    due_date: NaiveDate,
    completed_on: Option<NaiveDate>,
    status: WorkStatus,
}

#[derive(Deserialize)]
struct Risk {
    title: String,
    likelihood: RiskLevel,
    impact: RiskLevel,
    score: i32,
    mitigation: String,
    status: RiskStatus,
}

// ---------------------------------------------------------------------------------------------
// What the page shows
// ---------------------------------------------------------------------------------------------

#[derive(Serialize)]
struct MilestonePage {
    title: String,
    description: String,
    deleted: Option<String>,
    status_date: String,
    about: Vec<Fact>,
    dates: Vec<Fact>,
    health: String,
    health_class: &'static str,
    /// Whether the health shown is a manager's judgement that counts.
    overridden: bool,
    /// A manager's judgement better than what the schedule finds, in words: the page shows
    /// the schedule's health, and this beside it.
    overruled: Option<String>,
    overdue: String,
    judgement: Option<String>,
    computed: String,
    computed_class: &'static str,
    reasons: Vec<Line>,
    variances: Vec<Fact>,
    pushed_by: Option<Line>,
    pushes: Vec<Line>,
    predecessors: Vec<Neighbouring>,
    successors: Vec<Neighbouring>,
    commitments: Vec<Fact>,
    kpis: Vec<String>,
    tasks: Vec<Fact>,
    risks: Vec<Fact>,
    history: Vec<HistoryItem>,
    history_summary: String,
    older: Option<String>,
}

/// A labelled value: "Gepland" — "30 juni 2026".
#[derive(Serialize)]
struct Fact {
    label: String,
    value: String,
}

fn fact(label: impl Into<String>, value: impl Into<String>) -> Fact {
    Fact {
        label: label.into(),
        value: value.into(),
    }
}

/// A sentence, with a link to the milestone it names (if any).
#[derive(Serialize)]
struct Line {
    text: String,
    link: Option<String>,
    link_text: Option<String>,
}

#[derive(Serialize)]
struct Neighbouring {
    title: String,
    link: String,
    layer: &'static str,
    lag: String,
    projected: String,
    state: String,
    health_class: &'static str,
    drives: bool,
}

impl MilestonePage {
    fn of(text: Text, m: &Milestone, status_date: NaiveDate, changes: &history::Answer) -> Self {
        let id = m.id.as_str();
        let plan = text.words();
        let shown = words::shown_health(m.health, m.computed_health.health);
        let layer = if m.joint && !m.participating_layers.is_empty() {
            let names: Vec<String> = m
                .participating_layers
                .iter()
                .map(|l| plan.layer(Some(*l)).to_owned())
                .collect();
            say!(text, "milestone-joint", layers = names.join(", "))
        } else {
            plan.layer(m.layer).to_owned()
        };
        let mut facts = vec![
            fact(say!(text, "milestone-layer"), layer),
            fact(
                say!(text, "milestone-kind"),
                capital(plan.milestone_kind(m.kind)),
            ),
            fact(
                say!(text, "milestone-progress"),
                capital(plan.work_status(m.status)),
            ),
        ];
        if let Some(phase) = &m.phase {
            facts.push(fact(say!(text, "milestone-phase"), &phase.name));
        }
        if let Some(workstream) = &m.workstream {
            facts.push(fact(say!(text, "milestone-workstream"), &workstream.name));
        }
        if let Some(owner) = &m.owner {
            facts.push(fact(say!(text, "milestone-owner"), &owner.name));
        }
        if let Some(programme) = &m.programme {
            facts.push(fact(say!(text, "milestone-programme"), &programme.name));
        }
        let (health, health_class_shown) = words::standing(text, m.status, shown);

        MilestonePage {
            title: m.title.clone(),
            description: m.description.clone(),
            deleted: m.deleted_at.map(|at| {
                say!(
                    text,
                    "milestone-deleted",
                    moment = super::words::moment(text, at)
                )
            }),
            status_date: plan.date(status_date),
            about: facts,
            dates: dates(text, m),
            health,
            health_class: health_class_shown,
            overridden: m.health_overridden,
            overruled: (m.health_overridden && m.health != shown)
                .then(|| plan.health(m.health).to_owned()),
            overdue: overdue(text, m.overdue, m.overdue_days),
            judgement: judgement(text, m),
            computed: health_label(text, m.computed_health.health),
            computed_class: health_class(m.computed_health.health),
            reasons: m
                .computed_health
                .reasons
                .iter()
                .map(|r| Line {
                    text: capital(&r.message),
                    link: r.milestone.as_ref().map(|n| address(&n.id)),
                    link_text: r.milestone.as_ref().map(|n| n.title.clone()),
                })
                .collect(),
            variances: m
                .variances
                .iter()
                .map(|v| {
                    let name = if v.baseline.original {
                        say!(
                            text,
                            "milestone-variance-original",
                            name = v.baseline.name.as_str()
                        )
                    } else {
                        v.baseline.name.clone()
                    };
                    fact(
                        say!(
                            text,
                            "milestone-variance-label",
                            name = name,
                            day = plan.date(v.baseline.created_at.date_naive())
                        ),
                        say!(
                            text,
                            "milestone-variance-value",
                            day = plan.date(v.baseline_date),
                            later = later(text, v.variance_days)
                        ),
                    )
                })
                .collect(),
            pushed_by: pushed_by(text, m),
            pushes: m
                .successors
                .iter()
                .filter_map(|d| d.other.as_ref())
                .filter(|s| s.blocked_by.as_ref().is_some_and(|b| b.id == m.id))
                .map(|s| Line {
                    text: say!(text, "milestone-pushes"),
                    link: Some(address(&s.id)),
                    link_text: Some(s.title.clone()),
                })
                .collect(),
            predecessors: neighbours(text, &m.predecessors, |n| {
                m.blocked_by.as_ref().is_some_and(|b| b.id == n.id)
            }),
            successors: neighbours(text, &m.successors, |n| {
                n.blocked_by.as_ref().is_some_and(|b| b.id == m.id)
            }),
            commitments: m.commitments.iter().map(|c| commitment(text, c)).collect(),
            kpis: m
                .kpis
                .iter()
                .map(|k| format!("{} {} ({})", k.code, k.name, k.unit))
                .collect(),
            tasks: m
                .tasks
                .iter()
                .map(|t| {
                    let progress = match (t.status, t.completed_on) {
                        (WorkStatus::Done, Some(on)) => {
                            say!(text, "milestone-task-done-on", day = plan.date(on))
                        }
                        (status, _) => plan.work_status(status).to_owned(),
                    };
                    fact(
                        &t.title,
                        say!(
                            text,
                            "milestone-task",
                            layer = plan.layer(t.layer),
                            day = plan.date(t.due_date),
                            progress = progress
                        ),
                    )
                })
                .collect(),
            risks: m
                .risks
                .iter()
                .map(|r| {
                    let mitigation = if r.mitigation.trim().is_empty() {
                        say!(text, "milestone-no-mitigation")
                    } else {
                        say!(
                            text,
                            "milestone-mitigation",
                            mitigation = r.mitigation.as_str()
                        )
                    };
                    fact(
                        &r.title,
                        say!(
                            text,
                            "milestone-risk",
                            status = capital(plan.risk_status(r.status)),
                            levels = plan.risk_levels(r.likelihood, r.impact),
                            score = r.score.to_string(),
                            mitigation = mitigation
                        ),
                    )
                })
                .collect(),
            history: history::items(text, &changes.change_records.nodes, id),
            history_summary: history::summary(text, &changes.change_records),
            older: history::older(&changes.change_records)
                .map(|cursor| format!("{}?voor={cursor}", address(id))),
        }
    }
}

/// The dates, each once, with what they mean.
fn dates(text: Text, m: &Milestone) -> Vec<Fact> {
    let plan = text.words();
    let mut dates = vec![fact(
        say!(text, "milestone-baseline"),
        plan.date(m.baseline_date),
    )];
    dates.push(fact(
        say!(text, "milestone-planned"),
        plan.date(m.planned_date),
    ));
    if let Some(forecast) = m.forecast_date {
        dates.push(fact(say!(text, "milestone-forecast"), plan.date(forecast)));
    }
    if let Some(earliest) = m.earliest_possible_date {
        let note = if m.feasible {
            String::new()
        } else {
            format!(" {}", say!(text, "milestone-earliest-infeasible"))
        };
        dates.push(fact(
            say!(text, "milestone-earliest"),
            format!("{}{note}", plan.date(earliest)),
        ));
    }
    let recess = m
        .recess
        .as_ref()
        .map(|r| {
            format!(
                ", {}",
                say!(text, "milestone-in-recess", recess = r.in_sentence(text))
            )
        })
        .unwrap_or_default();
    dates.push(fact(
        if m.actual_date.is_some() {
            say!(text, "milestone-actual")
        } else {
            say!(text, "milestone-projected")
        },
        format!("{}{recess}", plan.date(m.projected_date)),
    ));
    dates.push(fact(say!(text, "milestone-slip"), later(text, m.slip_days)));
    let own = deadline(text, m.deadline_date, m.deadline_text.as_deref());
    dates.push(fact(
        say!(text, "milestone-deadline"),
        if own.is_empty() {
            say!(text, "milestone-no-deadline")
        } else {
            own
        },
    ));
    if let Some(effective) = m.effective_deadline
        && Some(effective) != m.deadline_date
    {
        dates.push(fact(
            say!(text, "milestone-deadline-that-counts"),
            plan.date(effective),
        ));
    }
    if let Some(slack) = m.deadline_slack_days {
        dates.push(fact(
            say!(text, "milestone-deadline-slack"),
            words::slack(text, slack, |days| {
                say!(text, "milestone-deadline-slack-late", days = days)
            }),
        ));
    }
    if let Some(slack) = m.slack_days {
        dates.push(fact(
            say!(text, "milestone-plan-slack"),
            words::slack(text, slack, |days| {
                say!(text, "milestone-plan-slack-short", days = days)
            }),
        ));
    }
    dates
}

/// The manager's override in words, and whether it counts.
fn judgement(text: Text, m: &Milestone) -> Option<String> {
    let o = m.health_override.as_ref()?;
    let plan = text.words();
    let health = plan.health(o.health);
    let reason = plan.quote(o.reason.trim());
    let said = match o.until {
        Some(until) => say!(
            text,
            "milestone-judgement-until",
            health = health,
            day = plan.date(until),
            reason = reason
        ),
        None => say!(
            text,
            "milestone-judgement",
            health = health,
            reason = reason
        ),
    };
    let counts = if !o.counts {
        say!(text, "milestone-judgement-lapsed")
    } else if o.health < m.computed_health.health {
        say!(text, "milestone-judgement-outweighed")
    } else {
        say!(text, "milestone-judgement-counts")
    };
    Some(format!("{said} {counts}"))
}

/// The predecessor that pushes this milestone past its own date.
fn pushed_by(text: Text, m: &Milestone) -> Option<Line> {
    let driver = &m.blocked_by.as_ref()?.id;
    let title = m
        .predecessors
        .iter()
        .filter_map(|d| d.other.as_ref())
        .find(|p| &p.id == driver)
        .map(|p| p.title.clone())?;
    Some(Line {
        text: say!(text, "milestone-pushed-by"),
        link: Some(address(driver)),
        link_text: Some(title),
    })
}

fn neighbours(
    text: Text,
    list: &[Dependency],
    drives: impl Fn(&Neighbour) -> bool,
) -> Vec<Neighbouring> {
    list.iter()
        .filter_map(|d| d.other.as_ref().map(|n| (d.lag_days, n)))
        .map(|(lag, n)| {
            let (mut state, health_class) = words::milestone_state(
                text,
                n.status,
                n.health,
                n.computed_health.health,
                n.health_overridden,
                (n.overdue, n.overdue_days),
            );
            if n.deleted_at.is_some() {
                state.push_str(&format!(" {}", say!(text, "milestone-neighbour-deleted")));
            }
            Neighbouring {
                title: n.title.clone(),
                link: address(&n.id),
                layer: text.words().layer(n.layer),
                lag: words::lag(text, lag).unwrap_or_else(|| say!(text, "milestone-no-lag")),
                projected: text.words().date(n.projected_date),
                health_class,
                state,
                drives: drives(n),
            }
        })
        .collect()
}

/// A commitment in a line: its deadline, its state and what that means (as on Toezeggingen).
fn commitment(text: Text, c: &Commitment) -> Fact {
    let deadline = deadline(text, Some(c.deadline_date), c.deadline_text.as_deref());
    let state = c.risk.state.label(text);
    // A fulfilled one is said by its state alone: this page does not read its letter, and
    // "Nagekomen." again would only repeat it.
    let line = if c.risk.state == super::commitment_state::CommitmentState::Fulfilled {
        say!(
            text,
            "milestone-commitment-fulfilled",
            deadline = deadline,
            state = state
        )
    } else {
        let detail =
            super::commitment_state::detail(text, &c.risk.facts(c.needs_postponement_letter, None));
        say!(
            text,
            "milestone-commitment",
            deadline = deadline,
            state = state,
            detail = detail
        )
    };
    fact(format!("{} {}", c.number, c.text), line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::language::Language;

    #[test]
    fn a_date_in_a_recess_says_which_in_the_readers_language() {
        let summer = super::super::words::RecessName {
            name: "Zomerreces 2026".to_owned(),
            kind: entity::RecessKind::Summer,
            year: 2026,
        };
        let english = Text::new(Language::En);
        assert_eq!(
            say!(
                english,
                "milestone-in-recess",
                recess = summer.in_sentence(english)
            ),
            "during the summer recess 2026"
        );
        assert_eq!(
            say!(
                Text::DUTCH,
                "milestone-in-recess",
                recess = summer.in_sentence(Text::DUTCH)
            ),
            "in het zomerreces 2026"
        );
    }
}
