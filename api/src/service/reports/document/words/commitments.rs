//! The words of "stand van zaken per toezegging": deadlines, where a commitment stands, and
//! the letters sent about it.

use crate::service::reports::document::facts::{LateReport, OpenCommitment};
use crate::service::reports::document::words::{Language, Words, full_stop, lower_first};
use crate::service::schedule::CommitmentState;
use chrono::NaiveDate;
use entity::{LetterKind, commitment_letter};

/// What a sentence about a letter to the Kamer needs: from a stored letter, or from what a
/// page read of it through the API.
pub struct LetterFacts<'a> {
    /// Fulfilment or postponement.
    pub kind: LetterKind,
    /// When it was sent.
    pub sent_on: NaiveDate,
    /// Its kenmerk.
    pub reference: Option<&'a str>,
    /// Why the deadline moved (a postponement).
    pub reason: Option<&'a str>,
    /// The new deadline (a postponement).
    pub new_deadline_date: Option<NaiveDate>,
    /// The new deadline as promised.
    pub new_deadline_text: Option<&'a str>,
}

impl<'a> From<&'a commitment_letter::Model> for LetterFacts<'a> {
    fn from(l: &'a commitment_letter::Model) -> Self {
        LetterFacts {
            kind: l.kind,
            sent_on: l.sent_on,
            reference: l.reference.as_deref(),
            reason: l.reason.as_deref(),
            new_deadline_date: l.new_deadline_date,
            new_deadline_text: l.new_deadline_text.as_deref(),
        }
    }
}

impl Words {
    /// A deadline as promised with its date: "voor het zomerreces 2026 (2 juli 2026)"; the date
    /// alone when there is no text, and the text alone when it already names the date
    /// ("uiterlijk 1 oktober 2025").
    pub fn deadline(self, text: Option<&str>, day: NaiveDate) -> String {
        let date = self.date(day);
        match text.map(str::trim).filter(|t| !t.is_empty()) {
            Some(text) if text.contains(&date) => text.to_owned(),
            Some(text) => format!("{text} ({date})"),
            None => date,
        }
    }

    /// The state of a commitment this report answers; when the plan has the report reach the
    /// Kamer after the deadline, that a postponement letter is needed all the same.
    pub fn answered(self, late: Option<&LateReport>) -> String {
        let mut state = match self.language() {
            Language::Nl => "Deze rapportage geeft invulling aan de toezegging.".to_owned(),
            Language::En => "This report fulfils the commitment.".to_owned(),
        };
        if let Some(late) = late {
            let (day, days) = (self.date(late.day), self.days(late.days_late));
            state.push(' ');
            if late.missed {
                state.push_str(&match self.language() {
                    Language::Nl => format!(
                        "De termijn is verstreken: zij komt ten minste {days} na de termijn."
                    ),
                    Language::En => {
                        format!("The deadline has passed: it comes at least {days} after it.")
                    }
                });
                return state;
            }
            state.push_str(&match self.language() {
                Language::Nl => format!(
                    "Volgens de planning gaat zij pas op {day} naar de Kamer, {days} na de termijn; daarvoor is een uitstelbrief nodig."
                ),
                Language::En => format!(
                    "By the plan it reaches the Kamer only on {day}, {days} after the deadline; that needs a postponement letter."
                ),
            });
        }
        state
    }

    /// The state of a fulfilled commitment: "Nagekomen met de brief van 30 september 2025.";
    /// a letter after the deadline says how late it came ("…, 151 dagen na de termijn.").
    pub fn fulfilled(self, letter_of: Option<(NaiveDate, i64)>) -> String {
        match (letter_of, self.language()) {
            (Some((day, late)), Language::Nl) if late > 0 => format!(
                "Nagekomen met de brief van {}, {} na de termijn.",
                self.date(day),
                self.days(late)
            ),
            (Some((day, late)), Language::En) if late > 0 => format!(
                "Fulfilled by the letter of {}, {} after the deadline.",
                self.date(day),
                self.days(late)
            ),
            (Some((day, _)), Language::Nl) => {
                format!("Nagekomen met de brief van {}.", self.date(day))
            }
            (Some((day, _)), Language::En) => {
                format!("Fulfilled by the letter of {}.", self.date(day))
            }
            (None, Language::Nl) => "Nagekomen.".to_owned(),
            (None, Language::En) => "Fulfilled.".to_owned(),
        }
    }

    /// One letter about a commitment, as a sentence: "Uitstelbrief van 20 maart 2025
    /// (kenmerk), met als nieuwe termijn uiterlijk 1 oktober 2025. Reden: …".
    pub fn letter(self, l: LetterFacts<'_>) -> String {
        let day = self.date(l.sent_on);
        let reference = l
            .reference
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map_or(String::new(), |r| format!(" ({r})"));
        let new_deadline = l
            .new_deadline_date
            .map(|d| self.deadline(l.new_deadline_text, d));
        let reason = l.reason.map(str::trim).filter(|r| !r.is_empty());
        let nl = self.language() == Language::Nl;
        let mut text = match (l.kind, nl) {
            (LetterKind::Fulfilment, true) => {
                format!("Brief van {day}{reference}, waarmee de toezegging is nagekomen")
            }
            (LetterKind::Fulfilment, false) => {
                format!("Letter of {day}{reference}, fulfilling the commitment")
            }
            (LetterKind::Postponement, true) => format!("Uitstelbrief van {day}{reference}"),
            (LetterKind::Postponement, false) => format!("Postponement letter of {day}{reference}"),
        };
        if l.kind == LetterKind::Postponement {
            if let Some(d) = new_deadline {
                text.push_str(&match nl {
                    true => format!(", met als nieuwe termijn {d}"),
                    false => format!(", with the new deadline {d}"),
                });
            }
            if let Some(why) = reason {
                let label = if nl { "Reden" } else { "Reason" };
                text.push_str(&format!(". {label}: {}", lower_first(why)));
            }
        }
        full_stop(&text)
    }

    /// Where an open commitment stands by the schedule, as sentences.
    pub fn open_commitment(self, c: &OpenCommitment) -> String {
        let nl = self.language() == Language::Nl;
        let cause = c
            .cause
            .as_deref()
            .map(|t| self.quote(t))
            .unwrap_or_default();
        let expected = c.expected.map(|e| self.expected(e)).unwrap_or_default();
        let done_on = c.done_on.map(|d| self.date(d)).unwrap_or_default();
        let late = self.days(c.days_late);
        let left = self.days(c.days_left);
        let work_done = c.work_done;
        use CommitmentState::*;
        match (c.state, nl) {
            (Some(Missed), true) if cause.is_empty() => format!(
                "De termijn is verstreken; de toezegging is {late} over tijd en niet nagekomen."
            ),
            (Some(Missed), false) if cause.is_empty() => format!(
                "The deadline has passed; the commitment is {late} overdue and has not been kept."
            ),
            (Some(Missed), true) if work_done => format!(
                "De termijn is verstreken; de toezegging is {late} over tijd. {cause} is gereed sinds {done_on}, maar er is geen brief aan de Kamer vastgelegd."
            ),
            (Some(Missed), false) if work_done => format!(
                "The deadline has passed; the commitment is {late} overdue. {cause} has been done since {done_on}, but no letter to the Kamer was recorded."
            ),
            (Some(Missed), true) => format!(
                "De termijn is verstreken; de toezegging is {late} over tijd en niet nagekomen. {cause} wordt nu {expected} verwacht."
            ),
            (Some(Missed), false) => format!(
                "The deadline has passed; the commitment is {late} overdue and has not been kept. {cause} is now expected {expected}."
            ),
            (Some(NeedsPostponementLetter), true) => format!(
                "{cause} wordt {expected} verwacht, {late} na de termijn; daarvoor is een uitstelbrief nodig."
            ),
            (Some(NeedsPostponementLetter), false) => format!(
                "{cause} is expected {expected}, {late} after the deadline; that needs a postponement letter."
            ),
            (Some(AtRisk), true) if expected.is_empty() => format!(
                "De termijn valt over {left} en er is nog geen mijlpaal aan de toezegging gekoppeld; dat is een risico."
            ),
            (Some(AtRisk), false) if expected.is_empty() => format!(
                "The deadline is {left} away and no milestone is linked to the commitment yet; that is a risk."
            ),
            (Some(AtRisk), true) => format!(
                "{cause} wordt {expected} verwacht, met weinig marge tot de termijn; dat is een risico."
            ),
            (Some(AtRisk), false) => format!(
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
}
