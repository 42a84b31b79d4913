//! Tijdlijn (`/tijdlijn`): the programme's milestones on a Gantt-style timeline, by government
//! layer or by phase. Each milestone sits at its projected date with a line back to its
//! baseline date (the slip), its deadline marked; dependencies are arrows; the status date,
//! today and the recesses of the Kamer run across; health is a shape and a colour, in a legend.
//! The same milestones follow as a table, for reading aloud and for copying.
//!
//! Filters in the address, as the form sends them: `laag` (`rijk`, `provincie`, `gemeente`,
//! `waterschap`: that layer and the joint milestones), `fase` (a phase's id), `stand`
//! (`op-schema`, `risico`, `achter`; repeatable), `overtijd=ja`, `zoom` (`jaren`, the
//! default: the whole programme at a glance, or `kwartalen`) and `groep` (`laag`, the default, or `fase`). A value koers does not
//! know is a 400 page in the reader's language. The values stay Dutch in either language
//! (they are addresses); the words the page writes follow the reader's language, the plan's
//! data (titles, phase names) stays as written. Drawn by `draw.rs`; its data is
//! `timeline.graphql`.

mod draw;

use super::text::{Text, say};
use super::words::health_label;
use super::{Api, every_page, page, problem_for, query, reader};
use crate::http::Peer;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use chrono::NaiveDate;
use entity::{GovernmentLayer, Health, WorkStatus};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

const DOCUMENT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/web/queries/timeline.graphql"
));

/// How many milestones one timeline draws at most; a larger selection asks for a filter.
const MOST: usize = 1000;

/// How the axis is divided, and how many pixels a day takes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Zoom {
    Quarters,
    Years,
}

/// How the rows are grouped.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Grouping {
    Layer,
    Phase,
}

/// The filters, as read from the address.
struct Filters {
    layer: Option<GovernmentLayer>,
    phase: Option<String>,
    health: Vec<Health>,
    overdue: bool,
    zoom: Zoom,
    grouping: Grouping,
}

/// The filter of a value koers does not know, to name it on the 400 page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unknown {
    Layer,
    Health,
    Overdue,
    Zoom,
    Grouping,
    Phase,
}

impl Unknown {
    /// The filter's name inside the 400 page's sentence: "overheidslaag", "government layer".
    fn name(self, text: Text) -> String {
        match self {
            Unknown::Layer => say!(text, "timeline-unknown-layer"),
            Unknown::Health => say!(text, "timeline-unknown-health"),
            Unknown::Overdue => say!(text, "timeline-unknown-overdue"),
            Unknown::Zoom => say!(text, "timeline-unknown-zoom"),
            Unknown::Grouping => say!(text, "timeline-unknown-grouping"),
            Unknown::Phase => say!(text, "timeline-unknown-phase"),
        }
    }
}

/// The 400 page for a value of `what` koers does not know.
fn refuse(reader: &super::Reader, what: Unknown) -> Response {
    let text = reader.text;
    problem_for(
        reader,
        StatusCode::BAD_REQUEST,
        say!(text, "frame-unknown-choice"),
        say!(text, "timeline-unknown-choice", what = what.name(text)),
    )
}

/// Read the address's filters; the first filter with a value koers does not know. Without
/// `laag`, a layer manager sees their own layer (`own`), as on Mijn overzicht.
fn filters(params: &[(String, String)], own: Option<GovernmentLayer>) -> Result<Filters, Unknown> {
    // The first of a repeated key counts (a form sends one; a hand-made address may repeat it).
    let raw = |key: &str| {
        params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim().to_owned())
    };
    let first = |key: &str| raw(key).map(|v| v.to_lowercase());
    let layer = match first("laag") {
        None => own,
        Some(name) => super::overview::layer_named(&name).map_err(|()| Unknown::Layer)?,
    };
    let mut health = Vec::new();
    for (_, value) in params.iter().filter(|(k, _)| k == "stand") {
        let h = match value.trim().to_lowercase().as_str() {
            "op-schema" => Health::OnTrack,
            "risico" => Health::AtRisk,
            "achter" => Health::OffTrack,
            _ => return Err(Unknown::Health),
        };
        if !health.contains(&h) {
            health.push(h);
        }
    }
    let overdue = match first("overtijd").as_deref() {
        None | Some("" | "nee") => false,
        Some("ja") => true,
        Some(_) => return Err(Unknown::Overdue),
    };
    let zoom = match first("zoom").as_deref() {
        None | Some("" | "jaren") => Zoom::Years,
        Some("kwartalen") => Zoom::Quarters,
        Some(_) => return Err(Unknown::Zoom),
    };
    let grouping = match first("groep").as_deref() {
        None | Some("" | "laag") => Grouping::Layer,
        Some("fase") => Grouping::Phase,
        Some(_) => return Err(Unknown::Grouping),
    };
    // A phase's id is case-sensitive: read as given.
    let phase = raw("fase").filter(|p| !p.is_empty() && p != "alle");
    if let Some(p) = &phase {
        let is_phase = crate::graphql::ids::decode_any(&async_graphql::ID(p.clone()))
            .is_some_and(|(kind, _)| kind == "Phase");
        if !is_phase {
            return Err(Unknown::Phase);
        }
    }
    Ok(Filters {
        layer,
        phase,
        health,
        overdue,
        zoom,
        grouping,
    })
}

/// `GET /tijdlijn`: the page.
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
    let chosen = match filters(&params, reader.caller.layer) {
        Ok(chosen) => chosen,
        Err(what) => return refuse(&reader, what),
    };
    let frame: Frame = match query(
        &api,
        &headers,
        &reader,
        (DOCUMENT, "TimelineFrame"),
        serde_json::json!({}),
    )
    .await
    {
        Ok(frame) => frame,
        Err(refused) => return refused,
    };
    if let Some(p) = &chosen.phase
        && !frame.phases.nodes.iter().any(|known| &known.id == p)
    {
        return refuse(&reader, Unknown::Phase);
    }
    let variables = serde_json::json!({
        "layer": chosen.layer.map(|l| l.as_str()),
        "joint": chosen.layer.map(|_| true),
        "phaseId": chosen.phase,
        "overdue": chosen.overdue.then_some(true),
    });
    let split = |a: &mut Answer| {
        (
            std::mem::take(&mut a.milestones.nodes),
            std::mem::take(&mut a.milestones.page_info),
        )
    };
    let operation = (DOCUMENT, "Timeline");
    let (last, mut milestones) =
        match every_page(&api, &headers, &reader, operation, variables, MOST, split).await {
            Ok(read) => read,
            Err(refused) => return refused,
        };
    let total = last.milestones.total_count;
    let fetched = milestones.len();
    // The health filter is on the health the page shows (the worse of the judged and the
    // computed one), so a favourable judgement cannot hide a milestone from "achter". Health
    // is a question about open work: done and cancelled milestones have none to show.
    if !chosen.health.is_empty() {
        milestones.retain(|m| {
            matches!(m.status, WorkStatus::Planned | WorkStatus::InProgress)
                && chosen.health.contains(&m.shown_health())
        });
    }
    let total = if fetched < total {
        total
    } else {
        milestones.len()
    };
    let today = api.today();
    page(
        "timeline.html",
        &title(text, &chosen),
        "tijdlijn",
        &reader,
        Timeline::of(
            text,
            &chosen,
            &frame,
            &milestones,
            total,
            today,
            reader.view.param().as_deref(),
        ),
    )
}

/// The page's title: "Tijdlijn", and the layer when one is chosen.
fn title(text: Text, chosen: &Filters) -> String {
    match chosen.layer {
        Some(layer) => say!(
            text,
            "timeline-title-layer",
            layer = text.words().layer(Some(layer))
        ),
        None => say!(text, "timeline-title"),
    }
}

// ---------------------------------------------------------------------------------------------
// The answer, as `timeline.graphql` asks for it
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Frame {
    status_date: NaiveDate,
    phases: Nodes<PhaseRow>,
    recess_periods: Nodes<draw::Recess>,
}

#[derive(Deserialize)]
struct Nodes<T> {
    nodes: Vec<T>,
}

#[derive(Deserialize)]
struct PhaseRow {
    id: String,
    number: i32,
    name: String,
}

#[derive(Deserialize)]
struct Answer {
    milestones: Milestones,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Milestones {
    total_count: usize,
    page_info: super::PageInfo,
    nodes: Vec<Row>,
}

/// A milestone as the timeline asks for it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Row {
    pub id: String,
    pub title: String,
    pub layer: Option<GovernmentLayer>,
    pub status: WorkStatus,
    pub health: Health,
    pub health_overridden: bool,
    pub computed_health: Computed,
    pub overdue: bool,
    pub overdue_days: Option<i64>,
    pub baseline_date: NaiveDate,
    pub projected_date: NaiveDate,
    /// The deadline that counts: its own or an open commitment's, the earliest.
    pub effective_deadline: Option<NaiveDate>,
    pub phase: Option<PhaseOf>,
    pub predecessors: Vec<Predecessor>,
}

#[derive(Deserialize)]
pub(super) struct Computed {
    pub health: Health,
}

impl Row {
    /// The health the timeline shows: see [`super::words::shown_health`].
    pub fn shown_health(&self) -> Health {
        super::words::shown_health(self.health, self.computed_health.health)
    }
}

#[derive(Deserialize)]
pub(super) struct PhaseOf {
    pub number: i32,
    pub name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Predecessor {
    pub lag_days: i64,
    pub predecessor: Option<draw::Id>,
}

// ---------------------------------------------------------------------------------------------
// What the page shows
// ---------------------------------------------------------------------------------------------

#[derive(Serialize)]
struct Timeline {
    status_date: String,
    summary: String,
    layers: Vec<Choice>,
    phases: Vec<Choice>,
    health: Vec<Choice>,
    overdue: bool,
    zooms: Vec<Choice>,
    groupings: Vec<Choice>,
    svg: String,
    legend: Vec<draw::LegendItem>,
    rows: Vec<TableRow>,
}

/// One option of a filter.
#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

fn choice(value: impl Into<String>, label: impl Into<String>, selected: bool) -> Choice {
    Choice {
        value: value.into(),
        label: label.into(),
        selected,
    }
}

#[derive(Serialize)]
struct TableRow {
    group: String,
    title: String,
    link: String,
    baseline: String,
    projected: String,
    deadline: String,
    state: String,
}

impl Timeline {
    fn of(
        text: Text,
        chosen: &Filters,
        frame: &Frame,
        milestones: &[Row],
        total: usize,
        today: NaiveDate,
        keep: Option<&str>,
    ) -> Self {
        let layers = [
            ("alle", None),
            ("rijk", Some(GovernmentLayer::Rijk)),
            ("provincie", Some(GovernmentLayer::Provincie)),
            ("gemeente", Some(GovernmentLayer::Gemeente)),
            ("waterschap", Some(GovernmentLayer::Waterschap)),
        ]
        .into_iter()
        .map(|(value, l)| {
            let label = match l {
                None => say!(text, "timeline-all-layers"),
                Some(_) => text.words().layer(l).to_owned(),
            };
            choice(value, label, l == chosen.layer)
        })
        .collect();
        let mut phases = vec![choice(
            "alle",
            say!(text, "timeline-all-phases"),
            chosen.phase.is_none(),
        )];
        let mut known: Vec<&PhaseRow> = frame.phases.nodes.iter().collect();
        known.sort_by_key(|p| p.number);
        phases.extend(known.into_iter().map(|p| {
            choice(
                &p.id,
                p.name.clone(),
                chosen.phase.as_deref() == Some(&p.id),
            )
        }));
        let health = [
            ("op-schema", Health::OnTrack),
            ("risico", Health::AtRisk),
            ("achter", Health::OffTrack),
        ]
        .into_iter()
        .map(|(value, h)| choice(value, health_label(text, h), chosen.health.contains(&h)))
        .collect();
        let zooms = vec![
            choice(
                "jaren",
                say!(text, "timeline-zoom-years"),
                chosen.zoom == Zoom::Years,
            ),
            choice(
                "kwartalen",
                say!(text, "timeline-zoom-quarters"),
                chosen.zoom == Zoom::Quarters,
            ),
        ];
        let groupings = vec![
            choice(
                "laag",
                say!(text, "timeline-group-layer"),
                chosen.grouping == Grouping::Layer,
            ),
            choice(
                "fase",
                say!(text, "timeline-group-phase"),
                chosen.grouping == Grouping::Phase,
            ),
        ];

        let groups = group(text, milestones, chosen.grouping);
        let picture = draw::Picture {
            text,
            groups: &groups,
            status_date: frame.status_date,
            today,
            recesses: &frame.recess_periods.nodes,
            zoom: chosen.zoom,
            keep,
        };
        let shown = milestones.len();
        let summary = if shown < total {
            say!(text, "timeline-summary-cut", total = total, shown = shown)
        } else if total == 0 {
            say!(text, "timeline-summary-none")
        } else {
            say!(text, "timeline-summary", count = total)
        };
        let rows = groups
            .iter()
            .flat_map(|(name, rows)| {
                rows.iter().map(move |m| TableRow {
                    group: name.clone(),
                    title: m.title.clone(),
                    link: super::milestone::address(&m.id),
                    baseline: text.words().date(m.baseline_date),
                    projected: text.words().date(m.projected_date),
                    deadline: m
                        .effective_deadline
                        .map(|d| text.words().date(d))
                        .unwrap_or_default(),
                    state: draw::state(text, m),
                })
            })
            .collect();
        Timeline {
            status_date: text.words().date(frame.status_date),
            summary,
            layers,
            phases,
            health,
            overdue: chosen.overdue,
            zooms,
            groupings,
            svg: if total == 0 {
                String::new()
            } else {
                draw::timeline(&picture)
            },
            legend: draw::legend(text),
            rows,
        }
    }
}

/// The milestones in their groups, in the groups' fixed order (the layers as the plan lists
/// them, the joint ones last; phases by number, those without a phase last), each group by
/// projected date.
fn group(text: Text, milestones: &[Row], grouping: Grouping) -> Vec<(String, Vec<&Row>)> {
    let mut groups: Vec<((i32, String), Vec<&Row>)> = Vec::new();
    for m in milestones {
        let key = match grouping {
            Grouping::Layer => {
                let order = match m.layer {
                    Some(GovernmentLayer::Rijk) => 0,
                    Some(GovernmentLayer::Provincie) => 1,
                    Some(GovernmentLayer::Gemeente) => 2,
                    Some(GovernmentLayer::Waterschap) => 3,
                    None => 4,
                };
                (order, text.words().layer(m.layer).to_owned())
            }
            Grouping::Phase => match &m.phase {
                Some(p) => (p.number, p.name.clone()),
                None => (i32::MAX, say!(text, "timeline-no-phase")),
            },
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, rows)) => rows.push(m),
            None => groups.push((key, vec![m])),
        }
    }
    groups.sort_by_key(|(k, _)| k.0);
    for (_, rows) in &mut groups {
        rows.sort_by_key(|m| (m.projected_date, m.title.clone()));
    }
    groups
        .into_iter()
        .map(|((_, name), rows)| (name, rows))
        .collect()
}
