//! A commitment's state as every page writes it: the schedule's verdict (`CommitmentRisk.state`)
//! in Dutch, its colour class, and what it means in days and letters.

use super::words::DUTCH;
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
    pub fn label(self) -> &'static str {
        match self {
            CommitmentState::Missed => "Termijn gemist",
            CommitmentState::NeedsPostponementLetter => "Uitstelbrief nodig",
            CommitmentState::AtRisk => "Risico",
            CommitmentState::OnTrack => "Op schema",
            CommitmentState::Fulfilled => "Nagekomen",
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
    pub fn meaning(self) -> &'static str {
        match self {
            CommitmentState::Missed => "De termijn is voorbij en de toezegging is niet nagekomen.",
            CommitmentState::NeedsPostponementLetter => {
                "Een mijlpaal die de toezegging nakomt, wordt pas na de termijn verwacht: de Kamer moet een uitstelbrief krijgen."
            }
            CommitmentState::AtRisk => "Nog op tijd, maar met weinig speling tot de termijn.",
            CommitmentState::OnTrack => "De mijlpalen worden op tijd verwacht.",
            CommitmentState::Fulfilled => "Nagekomen: de Kamer heeft de brief gekregen.",
        }
    }
}

/// The state in days, and whether the Kamer is owed a postponement letter: "de termijn is
/// 151 dagen voorbij (op de peildatum); een uitstelbrief aan de Kamer is nodig".
pub(super) fn detail(
    state: CommitmentState,
    days_late: Option<i64>,
    projected: Option<NaiveDate>,
    needs_letter: bool,
) -> String {
    let days = match (state, days_late, projected) {
        (CommitmentState::Missed, Some(days), _) if days > 0 => {
            format!(
                "de termijn is {} voorbij (op de peildatum)",
                DUTCH.days(days)
            )
        }
        (CommitmentState::NeedsPostponementLetter, Some(days), Some(projected)) if days > 0 => {
            format!(
                "verwacht {} na de termijn ({})",
                DUTCH.days(days),
                DUTCH.date(projected)
            )
        }
        _ => String::new(),
    };
    match (needs_letter, days.is_empty()) {
        (true, true) => "Een uitstelbrief aan de Kamer is nodig.".to_owned(),
        (true, false) => format!("{days}; een uitstelbrief aan de Kamer is nodig."),
        (false, _) => days,
    }
}
