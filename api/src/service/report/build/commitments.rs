//! Stand van zaken per toezegging: every commitment to the Kamer as of the peildatum, open or
//! fulfilled, where it stands, and the letters sent about it.

use super::{Plan, full_stop};
use crate::error::ApiResult;
use crate::service::as_of::Snapshot;
use crate::service::report::content::CommitmentLine;
use crate::service::report::words::Language;
use crate::service::schedule::CommitmentState;
use entity::{CommitmentStatus, LetterKind, commitment, commitment_letter};

/// Every live commitment made by the peildatum, by deadline, with its line. The state of an
/// open commitment is the schedule's; the commitments this report answers are restated by the
/// caller ([`answered`]).
pub(super) async fn commitments(
    plan: &Plan,
    now: &Snapshot,
) -> ApiResult<Vec<(commitment::Model, CommitmentLine)>> {
    let lang = plan.lang;
    let mut all: Vec<commitment::Model> = now
        .live::<commitment::Entity>()
        .await?
        .into_iter()
        .filter(|c| c.made_on <= plan.as_of)
        .collect();
    all.sort_by_key(|c| (c.deadline_date, c.id));
    let mut letters = now.live::<commitment_letter::Entity>().await?;
    letters.retain(|l| l.sent_on <= plan.as_of);
    letters.sort_by_key(|l| (l.sent_on, l.id));
    Ok(all
        .into_iter()
        .map(|c| {
            let mine: Vec<&commitment_letter::Model> =
                letters.iter().filter(|l| l.commitment_id == c.id).collect();
            let state = match c.status {
                CommitmentStatus::Fulfilled => fulfilled(lang, &mine),
                CommitmentStatus::Open => open_state(plan, &c),
            };
            let line = CommitmentLine {
                number: c.number.clone(),
                text: c.text.clone(),
                deadline: deadline(lang, c.deadline_text.as_deref(), c.deadline_date),
                state,
                letters: mine.iter().map(|l| letter(lang, l)).collect(),
            };
            (c, line)
        })
        .collect())
}

/// A deadline as promised and as a date: "voor het zomerreces 2026 (2 juli 2026)".
/// A deadline as promised with its date: "voor het zomerreces 2026 (2 juli 2026)"; the date
/// alone when there is no text, and the text alone when it already names the date ("uiterlijk
/// 1 oktober 2025").
pub(super) fn deadline(lang: Language, text: Option<&str>, day: chrono::NaiveDate) -> String {
    let date = lang.date(day);
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) if text.contains(&date) => text.to_owned(),
        Some(text) => format!("{text} ({date})"),
        None => date,
    }
}

/// The state of a commitment this report answers: the report itself gives it substance; when
/// the plan has the report reach the Kamer after the deadline, that a postponement letter is
/// needed all the same.
pub(super) fn answered(plan: &Plan, c: &commitment::Model) -> String {
    let lang = plan.lang;
    let mut state = match lang {
        Language::Nl => "Deze rapportage geeft invulling aan de toezegging.".to_owned(),
        Language::En => "This report fulfils the commitment.".to_owned(),
    };
    if let Some(day) = late_report(plan, c) {
        let late = lang.days((day - c.deadline_date).num_days());
        state.push(' ');
        state.push_str(&match lang {
            Language::Nl => format!(
                "Volgens de planning gaat zij pas op {} naar de Kamer, {late} na de termijn; daarvoor is een uitstelbrief nodig.",
                lang.date(day)
            ),
            Language::En => format!(
                "By the plan it reaches the Kamer only on {}, {late} after the deadline; that needs a postponement letter.",
                lang.date(day)
            ),
        });
    }
    state
}

/// The day the plan has this report (its Kamerbrief milestones for `c`) reach the Kamer, when
/// that is after `c`'s deadline.
pub(super) fn late_report(plan: &Plan, c: &commitment::Model) -> Option<chrono::NaiveDate> {
    plan.own_letters
        .iter()
        .filter_map(|id| plan.p(*id).map(|p| p.projected))
        .max()
        .filter(|day| *day > c.deadline_date)
}

fn fulfilled(lang: Language, letters: &[&commitment_letter::Model]) -> String {
    let last = letters
        .iter()
        .rev()
        .find(|l| l.kind == LetterKind::Fulfilment);
    match (last, lang) {
        (Some(l), Language::Nl) => format!("Nagekomen met de brief van {}.", lang.date(l.sent_on)),
        (Some(l), Language::En) => format!("Fulfilled by the letter of {}.", lang.date(l.sent_on)),
        (None, Language::Nl) => "Nagekomen.".to_owned(),
        (None, Language::En) => "Fulfilled.".to_owned(),
    }
}

/// One letter about a commitment, as a sentence.
fn letter(lang: Language, l: &commitment_letter::Model) -> String {
    let day = lang.date(l.sent_on);
    let reference = l
        .reference
        .as_deref()
        .map_or(String::new(), |r| format!(" ({r})"));
    let new_deadline = l
        .new_deadline_date
        .map(|d| deadline(lang, l.new_deadline_text.as_deref(), d));
    let reason = l.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    let text = match (l.kind, lang) {
        (LetterKind::Fulfilment, Language::Nl) => {
            format!("Brief van {day}{reference}, waarmee de toezegging is nagekomen")
        }
        (LetterKind::Fulfilment, Language::En) => {
            format!("Letter of {day}{reference}, fulfilling the commitment")
        }
        (LetterKind::Postponement, Language::Nl) => {
            let mut text = format!("Uitstelbrief van {day}{reference}");
            if let Some(d) = new_deadline {
                text.push_str(&format!(", met als nieuwe termijn {d}"));
            }
            if let Some(why) = reason {
                text.push_str(&format!(". Reden: {}", super::lower_first(why)));
            }
            text
        }
        (LetterKind::Postponement, Language::En) => {
            let mut text = format!("Postponement letter of {day}{reference}");
            if let Some(d) = new_deadline {
                text.push_str(&format!(", with the new deadline {d}"));
            }
            if let Some(why) = reason {
                text.push_str(&format!(". Reason: {}", super::lower_first(why)));
            }
            text
        }
    };
    full_stop(&text)
}

/// Where an open commitment stands by the schedule, as sentences.
fn open_state(plan: &Plan, c: &commitment::Model) -> String {
    let lang = plan.lang;
    let nl = lang == Language::Nl;
    let risk = plan.schedule.commitment(c.id);
    // When the work that decides it is expected: at the earliest, when overdue work sets it.
    let expected = risk
        .as_ref()
        .and_then(|r| r.projected)
        .map(|d| match risk.as_ref().and_then(|r| r.caused_by) {
            Some(id) if !risk.as_ref().is_some_and(|r| r.work_done) => plan.expected(id),
            _ => format!("{} {}", if nl { "op" } else { "on" }, lang.date(d)),
        })
        .unwrap_or_default();
    let done_on = risk
        .as_ref()
        .and_then(|r| r.projected)
        .map(|d| lang.date(d))
        .unwrap_or_default();
    let cause = risk
        .as_ref()
        .and_then(|r| r.caused_by)
        .and_then(|id| plan.schedule.title(id))
        .map(|t| lang.quote(t))
        .unwrap_or_default();
    let late = lang.days(risk.as_ref().and_then(|r| r.days_late).unwrap_or_default());
    let work_done = risk.as_ref().is_some_and(|r| r.work_done);
    let left = lang.days((c.deadline_date - plan.as_of).num_days());
    match (risk.as_ref().map(|r| r.state), nl) {
        (Some(CommitmentState::Missed), true) if cause.is_empty() => format!(
            "De termijn is verstreken; de toezegging is {late} over tijd en niet nagekomen."
        ),
        (Some(CommitmentState::Missed), false) if cause.is_empty() => format!(
            "The deadline has passed; the commitment is {late} overdue and has not been kept."
        ),
        (Some(CommitmentState::Missed), true) if work_done => format!(
            "De termijn is verstreken; de toezegging is {late} over tijd. {cause} is gereed sinds {done_on}, maar er is geen brief aan de Kamer vastgelegd."
        ),
        (Some(CommitmentState::Missed), false) if work_done => format!(
            "The deadline has passed; the commitment is {late} overdue. {cause} has been done since {done_on}, but no letter to the Kamer was recorded."
        ),
        (Some(CommitmentState::Missed), true) => format!(
            "De termijn is verstreken; de toezegging is {late} over tijd en niet nagekomen. {cause} wordt nu {expected} verwacht."
        ),
        (Some(CommitmentState::Missed), false) => format!(
            "The deadline has passed; the commitment is {late} overdue and has not been kept. {cause} is now expected {expected}."
        ),
        (Some(CommitmentState::NeedsPostponementLetter), true) => format!(
            "{cause} wordt {expected} verwacht, {late} na de termijn; daarvoor is een uitstelbrief nodig."
        ),
        (Some(CommitmentState::NeedsPostponementLetter), false) => format!(
            "{cause} is expected {expected}, {late} after the deadline; that needs a postponement letter."
        ),
        (Some(CommitmentState::AtRisk), true) if expected.is_empty() => format!(
            "De termijn valt over {left} en er is nog geen mijlpaal aan de toezegging gekoppeld; dat is een risico."
        ),
        (Some(CommitmentState::AtRisk), false) if expected.is_empty() => format!(
            "The deadline is {left} away and no milestone is linked to the commitment yet; that is a risk."
        ),
        (Some(CommitmentState::AtRisk), true) => format!(
            "{cause} wordt {expected} verwacht, met weinig marge tot de termijn; dat is een risico."
        ),
        (Some(CommitmentState::AtRisk), false) => format!(
            "{cause} is expected {expected}, with little margin to the deadline; that is a risk."
        ),
        (_, true) if expected.is_empty() => {
            "Er is nog geen mijlpaal aan de toezegging gekoppeld.".to_owned()
        }
        (_, false) if expected.is_empty() => {
            "No milestone is linked to the commitment yet.".to_owned()
        }
        (_, true) if work_done => format!(
            "Op schema. {cause} is gereed sinds {done_on}; de brief aan de Kamer is nog niet vastgelegd."
        ),
        (_, false) if work_done => format!(
            "On track. {cause} has been done since {done_on}; the letter to the Kamer is not recorded yet."
        ),
        (_, true) => format!("Op schema. {cause} wordt {expected} verwacht."),
        (_, false) => format!("On track. {cause} is expected {expected}."),
    }
}
