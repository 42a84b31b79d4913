//! A commitment's state as every page writes it: the schedule's verdict (`CommitmentRisk.state`)
//! in the reader's language, its colour class, and what it means in days and letters.

use super::text::{Text, say};
use chrono::NaiveDate;
use serde::Deserialize;

/// `CommitmentState`, in the order pages list them: the gravest first.
#[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub(super) enum CommitmentState {
    Missed,
    NeedsPostponementLetter,
    AtRisk,
    OnTrack,
    Fulfilled,
}

/// Every state, gravest first.
pub(super) const ALL: [CommitmentState; 5] = [
    CommitmentState::Missed,
    CommitmentState::NeedsPostponementLetter,
    CommitmentState::AtRisk,
    CommitmentState::OnTrack,
    CommitmentState::Fulfilled,
];

impl CommitmentState {
    /// The state in a word or two, with a capital: "Termijn gemist", "Uitstelbrief nodig".
    pub fn label(self, text: Text) -> String {
        match self {
            CommitmentState::Missed => say!(text, "commitments-state-missed"),
            CommitmentState::NeedsPostponementLetter => {
                say!(text, "commitments-state-needs-postponement-letter")
            }
            CommitmentState::AtRisk => say!(text, "commitments-state-at-risk"),
            CommitmentState::OnTrack => say!(text, "commitments-state-on-track"),
            CommitmentState::Fulfilled => say!(text, "commitments-state-fulfilled"),
        }
    }

    /// The CSS modifier that colours it (`koers-health--…`).
    pub fn class(self) -> &'static str {
        match self {
            CommitmentState::Missed | CommitmentState::NeedsPostponementLetter => "achter",
            CommitmentState::AtRisk => "risico",
            CommitmentState::OnTrack => "op-schema",
            CommitmentState::Fulfilled => "klaar",
        }
    }

    /// What the state means for the Kamer, in a sentence (the Toezeggingen page's headings).
    pub fn meaning(self, text: Text) -> String {
        match self {
            CommitmentState::Missed => say!(text, "commitments-meaning-missed"),
            CommitmentState::NeedsPostponementLetter => {
                say!(text, "commitments-meaning-needs-postponement-letter")
            }
            CommitmentState::AtRisk => say!(text, "commitments-meaning-at-risk"),
            CommitmentState::OnTrack => say!(text, "commitments-meaning-on-track"),
            CommitmentState::Fulfilled => say!(text, "commitments-meaning-fulfilled"),
        }
    }
}

/// `CommitmentRisk` as the pages ask for it (`state daysLate projectedDate workDone`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Risk {
    pub state: CommitmentState,
    pub days_late: Option<i64>,
    pub projected_date: Option<NaiveDate>,
    pub work_done: bool,
}

impl Risk {
    /// What [`detail`] needs: this verdict, whether a postponement letter is owed, and the
    /// fulfilment letter's date and days late (if any).
    pub fn facts(&self, needs_letter: bool, fulfilled_by: Option<(NaiveDate, i64)>) -> Facts {
        Facts {
            state: self.state,
            days_late: self.days_late,
            projected: self.projected_date,
            needs_letter,
            work_done: self.work_done,
            fulfilled_by,
        }
    }
}

/// What a page knows of a commitment's state (from `CommitmentRisk`, and its fulfilment
/// letter).
pub(super) struct Facts {
    pub state: CommitmentState,
    /// `daysLate`: to the status date when missed, else to the projected date.
    pub days_late: Option<i64>,
    /// The latest projected date of its linked milestones; none without any.
    pub projected: Option<NaiveDate>,
    pub needs_letter: bool,
    /// Whether its linked milestones are all done (only the letter is missing).
    pub work_done: bool,
    /// The fulfilment letter's date and how many days after the deadline it came.
    pub fulfilled_by: Option<(NaiveDate, i64)>,
}

/// What the state means, in sentences: days late or left, a commitment without milestones,
/// work done with only the letter missing, a late fulfilment, and whether the Kamer is owed a
/// postponement letter ("De termijn is 151 dagen voorbij (op de peildatum). Een uitstelbrief aan
/// de Kamer is nodig.").
pub(super) fn detail(text: Text, f: &Facts) -> String {
    let words = text.words();
    let mut sentences: Vec<String> = Vec::new();
    match (f.state, f.days_late, f.projected) {
        (CommitmentState::Fulfilled, _, _) => sentences.push(words.fulfilled(f.fulfilled_by)),
        (CommitmentState::Missed, Some(days), _) if days > 0 => sentences.push(say!(
            text,
            "commitments-detail-missed-days",
            days = words.days(days)
        )),
        (CommitmentState::Missed, _, _) => sentences.push(say!(text, "commitments-detail-missed")),
        (_, _, None) => sentences.push(say!(text, "commitments-detail-no-milestone")),
        (_, Some(days), Some(projected)) if days > 0 => sentences.push(say!(
            text,
            "commitments-detail-expected-late",
            day = words.date(projected),
            days = words.days(days)
        )),
        (_, Some(days), Some(projected)) => sentences.push(say!(
            text,
            "commitments-detail-expected-early",
            day = words.date(projected),
            days = words.days(-days)
        )),
        (_, None, Some(projected)) => sentences.push(say!(
            text,
            "commitments-detail-expected",
            day = words.date(projected)
        )),
    }
    if f.work_done && f.state != CommitmentState::Fulfilled {
        sentences.push(say!(text, "commitments-detail-work-done"));
    }
    if f.needs_letter {
        sentences.push(say!(text, "commitments-detail-letter-needed"));
    }
    sentences.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::language::Language;

    const NL: Text = Text::DUTCH;
    const EN: Text = Text::new(Language::En);

    fn facts(state: CommitmentState) -> Facts {
        Facts {
            state,
            days_late: None,
            projected: None,
            needs_letter: false,
            work_done: false,
            fulfilled_by: None,
        }
    }

    #[test]
    fn each_state_says_what_it_means() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 1).expect("a day");
        let missed = Facts {
            days_late: Some(151),
            needs_letter: true,
            ..facts(CommitmentState::Missed)
        };
        assert_eq!(
            detail(NL, &missed),
            "De termijn is 151 dagen voorbij (op de peildatum). Een uitstelbrief aan de Kamer is nodig."
        );
        let late = Facts {
            fulfilled_by: Some((day, 61)),
            ..facts(CommitmentState::Fulfilled)
        };
        assert_eq!(
            detail(NL, &late),
            "Nagekomen met de brief van 1 november 2026, 61 dagen na de termijn."
        );
        let unlinked = facts(CommitmentState::OnTrack);
        assert!(detail(NL, &unlinked).starts_with("Er is nog geen mijlpaal"));
        let done = Facts {
            days_late: Some(20),
            work_done: true,
            ..facts(CommitmentState::Missed)
        };
        assert!(detail(NL, &done).contains("wat nog ontbreekt is de brief"));
        let early = Facts {
            days_late: Some(-6),
            projected: Some(day),
            ..facts(CommitmentState::AtRisk)
        };
        assert_eq!(
            detail(NL, &early),
            "Verwacht 1 november 2026, 6 dagen voor de termijn."
        );
        assert_eq!(
            detail(EN, &early),
            "Expected 1 November 2026, 6 days before the deadline."
        );
        assert_eq!(
            detail(EN, &missed),
            "The deadline passed 151 days ago (as at the status date). A postponement letter to the Kamer is needed."
        );
        assert_eq!(CommitmentState::Missed.label(EN), "Deadline missed");
        assert_eq!(CommitmentState::Missed.label(NL), "Termijn gemist");
    }
}
