//! Toezeggingen (`/toezeggingen`): every commitment to the Kamer, grouped by its state (termijn
//! gemist, uitstelbrief nodig, risico, op schema, nagekomen; the gravest first, each by
//! deadline), each with who made it and when, its deadline as promised, what the state means
//! in days, the milestones that fulfil it (the one that decides marked, each linking to its
//! page) and its letters to the Kamer. Its data is `commitments.graphql`.

use super::commitment_state::{self, CommitmentState};
use super::words::{DUTCH, count, deadline};
use super::{Api, page, query, reader};
use crate::http::Peer;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

const DOCUMENT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/web/queries/commitments.graphql"
));

/// How many commitments the page lists at most (a programme has tens).
const MOST: usize = 1000;

/// `GET /toezeggingen`: the page.
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
    let mut variables = serde_json::json!({});
    let mut commitments: Vec<Commitment> = Vec::new();
    let (status_date, total) = loop {
        let answer: Answer = match query(
            &api,
            &headers,
            &reader,
            (DOCUMENT, "Commitments"),
            variables.clone(),
        )
        .await
        {
            Ok(answer) => answer,
            Err(refused) => return refused,
        };
        commitments.extend(answer.commitments.nodes);
        let info = answer.commitments.page_info;
        if !info.has_next_page || commitments.len() >= MOST {
            break (answer.status_date, answer.commitments.total_count);
        }
        variables["after"] = info.end_cursor.into();
    };
    commitments.truncate(MOST);
    page(
        "commitments.html",
        "Toezeggingen",
        "toezeggingen",
        &reader,
        CommitmentsPage::of(&commitments, total, status_date),
    )
}

// ---------------------------------------------------------------------------------------------
// The answer, as `commitments.graphql` asks for it
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Answer {
    status_date: NaiveDate,
    commitments: Commitments,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Commitments {
    total_count: usize,
    page_info: PageInfo,
    nodes: Vec<Commitment>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageInfo {
    has_next_page: bool,
    end_cursor: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Commitment {
    number: String,
    text: String,
    made_by: String,
    made_on: NaiveDate,
    deadline_date: NaiveDate,
    deadline_text: Option<String>,
    needs_postponement_letter: bool,
    risk: Risk,
    milestones: Vec<Milestone>,
    letters: Vec<Letter>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Risk {
    state: CommitmentState,
    days_late: Option<i64>,
    projected_date: Option<NaiveDate>,
    caused_by: Option<Titled>,
}

#[derive(Deserialize)]
struct Titled {
    id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Milestone {
    id: String,
    title: String,
    status: entity::WorkStatus,
    projected_date: NaiveDate,
}

/// A letter's kind, as the schema names it.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum LetterKind {
    Fulfilment,
    Postponement,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Letter {
    kind: LetterKind,
    sent_on: NaiveDate,
    reference: Option<String>,
    reason: Option<String>,
    previous_deadline_date: NaiveDate,
    new_deadline_date: Option<NaiveDate>,
    new_deadline_text: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// What the page shows
// ---------------------------------------------------------------------------------------------

#[derive(Serialize)]
struct CommitmentsPage {
    summary: String,
    status_date: String,
    cut: Option<String>,
    groups: Vec<Group>,
}

#[derive(Serialize)]
struct Group {
    id: &'static str,
    title: &'static str,
    meaning: &'static str,
    items: Vec<Item>,
}

#[derive(Serialize)]
struct Item {
    number: String,
    text: String,
    made: String,
    deadline: String,
    state: &'static str,
    state_class: &'static str,
    detail: String,
    milestones: Vec<Fulfiller>,
    letters: Vec<String>,
}

#[derive(Serialize)]
struct Fulfiller {
    title: String,
    link: String,
    projected: String,
    decides: bool,
}

impl CommitmentsPage {
    fn of(commitments: &[Commitment], total: usize, status_date: NaiveDate) -> Self {
        let groups = commitment_state::ALL
            .into_iter()
            .filter_map(|state| {
                let mut members: Vec<&Commitment> = commitments
                    .iter()
                    .filter(|c| c.risk.state == state)
                    .collect();
                if members.is_empty() {
                    return None;
                }
                members.sort_by_key(|c| (c.deadline_date, c.number.clone()));
                Some(Group {
                    id: anchor(state),
                    title: state.label(),
                    meaning: state.meaning(),
                    items: members.into_iter().map(item).collect(),
                })
            })
            .collect();
        let open = commitments
            .iter()
            .filter(|c| c.risk.state != CommitmentState::Fulfilled)
            .count();
        let letters_owed = commitments
            .iter()
            .filter(|c| c.needs_postponement_letter)
            .count();
        let mut summary = format!(
            "{} aan de Kamer, waarvan {open} open.",
            super::words::capital(&count(total, "toezegging", "toezeggingen"))
        );
        if letters_owed > 0 {
            summary.push_str(&format!(
                " Voor {} is een uitstelbrief nodig.",
                count(letters_owed, "toezegging", "toezeggingen")
            ));
        }
        CommitmentsPage {
            summary,
            status_date: DUTCH.date(status_date),
            cut: (commitments.len() < total).then(|| {
                format!(
                    "Hier staan de eerste {} van de {total} toezeggingen, op termijn.",
                    commitments.len()
                )
            }),
            groups,
        }
    }
}

/// The section's anchor for a state.
fn anchor(state: CommitmentState) -> &'static str {
    match state {
        CommitmentState::Missed => "gemist",
        CommitmentState::NeedsPostponementLetter => "uitstelbrief-nodig",
        CommitmentState::AtRisk => "risico",
        CommitmentState::OnTrack => "op-schema",
        CommitmentState::Fulfilled => "nagekomen",
    }
}

fn item(c: &Commitment) -> Item {
    let decides = c.risk.caused_by.as_ref().map(|m| m.id.as_str());
    Item {
        number: c.number.clone(),
        text: c.text.clone(),
        made: format!("door {} op {}", c.made_by, DUTCH.date(c.made_on)),
        deadline: deadline(Some(c.deadline_date), c.deadline_text.as_deref()),
        state: c.risk.state.label(),
        state_class: c.risk.state.class(),
        detail: commitment_state::detail(
            c.risk.state,
            c.risk.days_late,
            c.risk.projected_date,
            c.needs_postponement_letter,
        ),
        milestones: c
            .milestones
            .iter()
            .map(|m| Fulfiller {
                title: m.title.clone(),
                link: super::milestone::address(&m.id),
                projected: format!(
                    "{} {}",
                    if m.status == entity::WorkStatus::Done {
                        "bereikt"
                    } else {
                        "verwacht"
                    },
                    DUTCH.date(m.projected_date)
                ),
                decides: decides == Some(m.id.as_str()) && c.milestones.len() > 1,
            })
            .collect(),
        letters: c.letters.iter().map(letter).collect(),
    }
}

/// A letter in a sentence: "12 maart 2025: uitstelbrief (kenmerk 2025-0000123456): de termijn
/// van 1 april 2025 naar voor het zomerreces 2025 (3 juli 2025), omdat „...”".
fn letter(l: &Letter) -> String {
    let reference = l
        .reference
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(|r| format!(" (kenmerk {r})"))
        .unwrap_or_default();
    let reason = l
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(|r| format!(", omdat {}", DUTCH.quote(r)))
        .unwrap_or_default();
    match l.kind {
        LetterKind::Fulfilment => format!(
            "{}: brief waarmee de toezegging is nagekomen{reference}{reason}",
            DUTCH.date(l.sent_on)
        ),
        LetterKind::Postponement => format!(
            "{}: uitstelbrief{reference}: de termijn van {} naar {}{reason}",
            DUTCH.date(l.sent_on),
            DUTCH.date(l.previous_deadline_date),
            match deadline(l.new_deadline_date, l.new_deadline_text.as_deref()) {
                d if d.is_empty() => "een nog onbekende datum".to_owned(),
                d => d,
            }
        ),
    }
}
