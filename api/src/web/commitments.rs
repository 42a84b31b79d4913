//! Toezeggingen (`/toezeggingen`): every commitment to the Kamer, grouped by its state (termijn
//! gemist, uitstelbrief nodig, risico, op schema, nagekomen; the gravest first, each by
//! deadline), each with who made it and when, its deadline as promised, what the state means
//! in days, the milestones that fulfil it (the one that decides marked, each linking to its
//! page) and its letters to the Kamer. Its data is `commitments.graphql`.

use super::commitment_state::{self, CommitmentState};
use super::text::{Text, say};
use super::words::deadline;
use super::{Api, every_page, page, reader};
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
    let split = |a: &mut Answer| {
        (
            std::mem::take(&mut a.commitments.nodes),
            std::mem::take(&mut a.commitments.page_info),
        )
    };
    let operation = (DOCUMENT, "Commitments");
    let variables = serde_json::json!({});
    let (last, commitments) =
        match every_page(&api, &headers, &reader, operation, variables, MOST, split).await {
            Ok(read) => read,
            Err(refused) => return refused,
        };
    let (status_date, total) = (last.status_date, last.commitments.total_count);
    let text = reader.text;
    page(
        "commitments.html",
        &say!(text, "commitments-title"),
        "toezeggingen",
        &reader,
        CommitmentsPage::of(text, &commitments, total, status_date),
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
    page_info: super::PageInfo,
    nodes: Vec<Commitment>,
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
    #[serde(flatten)]
    verdict: commitment_state::Risk,
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

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Letter {
    kind: entity::LetterKind,
    sent_on: NaiveDate,
    reference: Option<String>,
    reason: Option<String>,
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
    title: String,
    meaning: String,
    items: Vec<Item>,
}

#[derive(Serialize)]
struct Item {
    number: String,
    text: String,
    made: String,
    deadline: String,
    state: String,
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
    fn of(text: Text, commitments: &[Commitment], total: usize, status_date: NaiveDate) -> Self {
        let groups = commitment_state::ALL
            .into_iter()
            .filter_map(|state| {
                let mut members: Vec<&Commitment> = commitments
                    .iter()
                    .filter(|c| c.risk.verdict.state == state)
                    .collect();
                if members.is_empty() {
                    return None;
                }
                members.sort_by_key(|c| (c.deadline_date, c.number.clone()));
                Some(Group {
                    id: anchor(state),
                    title: state.label(text),
                    meaning: state.meaning(text),
                    items: members.into_iter().map(|c| item(text, c)).collect(),
                })
            })
            .collect();
        let open = commitments
            .iter()
            .filter(|c| c.risk.verdict.state != CommitmentState::Fulfilled)
            .count();
        let letters_owed = commitments
            .iter()
            .filter(|c| c.needs_postponement_letter)
            .count();
        let mut summary = super::words::capital(&say!(
            text,
            "commitments-summary",
            count = total,
            open = open
        ));
        if letters_owed > 0 {
            summary.push(' ');
            summary.push_str(&say!(
                text,
                "commitments-letters-owed",
                count = letters_owed
            ));
        }
        CommitmentsPage {
            summary,
            status_date: text.words().date(status_date),
            cut: (commitments.len() < total).then(|| {
                say!(
                    text,
                    "commitments-cut",
                    shown = commitments.len(),
                    total = total
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

fn item(text: Text, c: &Commitment) -> Item {
    let words = text.words();
    let open = c.risk.verdict.state != CommitmentState::Fulfilled;
    let live: Vec<&Milestone> = c
        .milestones
        .iter()
        .filter(|m| m.status != entity::WorkStatus::Cancelled)
        .collect();
    // The milestone that decides, where there is a choice and it is still open.
    let decides = c
        .risk
        .caused_by
        .as_ref()
        .map(|m| m.id.as_str())
        .filter(|_| open && live.len() > 1);
    // When the fulfilment letter came, and how late.
    let fulfilled_by = c
        .letters
        .iter()
        .filter(|l| l.kind == entity::LetterKind::Fulfilment)
        .map(|l| (l.sent_on, (l.sent_on - c.deadline_date).num_days()))
        .next_back();
    Item {
        number: c.number.clone(),
        text: c.text.clone(),
        made: say!(
            text,
            "commitments-made",
            who = c.made_by.as_str(),
            day = words.date(c.made_on)
        ),
        deadline: deadline(text, Some(c.deadline_date), c.deadline_text.as_deref()),
        state: c.risk.verdict.state.label(text),
        state_class: c.risk.verdict.state.class(),
        detail: commitment_state::detail(
            text,
            &c.risk
                .verdict
                .facts(c.needs_postponement_letter, fulfilled_by),
        ),
        milestones: c
            .milestones
            .iter()
            .map(|m| Fulfiller {
                title: m.title.clone(),
                link: super::milestone::address(&m.id),
                projected: match m.status {
                    entity::WorkStatus::Cancelled => say!(text, "commitments-milestone-cancelled"),
                    entity::WorkStatus::Done => say!(
                        text,
                        "commitments-milestone-reached",
                        day = words.date(m.projected_date)
                    ),
                    _ => say!(
                        text,
                        "commitments-milestone-expected",
                        day = words.date(m.projected_date)
                    ),
                },
                decides: decides == Some(m.id.as_str()),
            })
            .collect(),
        letters: c.letters.iter().map(|l| letter(text, l)).collect(),
    }
}

/// A letter in a sentence, as the progress report writes it: "Uitstelbrief van 20 maart 2025
/// (kenmerk), met als nieuwe termijn uiterlijk 1 oktober 2025. Reden: ...".
fn letter(text: Text, l: &Letter) -> String {
    text.words()
        .letter(crate::service::reports::document::words::LetterFacts {
            kind: l.kind,
            sent_on: l.sent_on,
            reference: l.reference.as_deref(),
            reason: l.reason.as_deref(),
            new_deadline_date: l.new_deadline_date,
            new_deadline_text: l.new_deadline_text.as_deref(),
        })
}
