//! The words of the report's frame and its changes: the period, the programme's goal, the
//! earlier letters, why a date moved, what changed since the previous report, and the next
//! moment the Kamer is informed.

use crate::service::reports::document::facts::{
    EarlierLetter, Expected, Explanation, Moved, NextMoment, Period,
};
use crate::service::reports::document::words::{Language, Words, full_stop, lower_first, sentence};
use chrono::NaiveDate;
use entity::{Health, LetterKind, QualityDimension};

impl Words {
    /// The period covered: "3 juni 2026 tot en met 15 december 2026", or "tot en met 15 juni
    /// 2026 (eerste rapportage)".
    pub fn report_period(self, period: Period) -> String {
        let until = self.date(period.until);
        match (period.after, self.language()) {
            (Some(after), Language::Nl) => format!("{} tot en met {until}", self.date(after)),
            (Some(after), Language::En) => format!("{} to {until}", self.date(after)),
            (None, Language::Nl) => {
                format!("tot en met {until} (sinds de start van het programma)")
            }
            (None, Language::En) => format!("up to {until} (since the programme started)"),
        }
    }

    /// The end of a coming period: "tot en met 15 december 2026".
    pub fn up_to(self, day: NaiveDate) -> String {
        match self.language() {
            Language::Nl => format!("tot en met {}", self.date(day)),
            Language::En => format!("up to {}", self.date(day)),
        }
    }

    /// The programme's goal as a sentence of the Aanleiding: "Doel van het programma: betere
    /// stuur- en monitoringsinformatie …" (a goal is often written as a phrase, not a sentence);
    /// empty when none is recorded.
    pub fn goal(self, goal: &str) -> String {
        let goal = goal.trim();
        if goal.is_empty() {
            return String::new();
        }
        let goal = full_stop(&lower_first(goal));
        match self.language() {
            Language::Nl => format!("Doel van het programma: {goal}"),
            Language::En => format!("The programme's goal: {goal}"),
        }
    }

    /// An earlier letter to the Kamer: "uitstelbrief van 20 maart 2025 over toezegging
    /// TZ202410-031 (kenmerk)", "voortgangsrapportage „…” (peildatum 15 juni 2026)".
    pub fn earlier_letter(self, letter: &EarlierLetter) -> String {
        match letter {
            EarlierLetter::Commitment {
                kind,
                sent_on,
                number,
                reference,
            } => {
                let day = self.date(*sent_on);
                let kenmerk = reference
                    .as_deref()
                    .map_or(String::new(), |r| format!(" ({r})"));
                match (kind, self.language()) {
                    (LetterKind::Postponement, Language::Nl) => {
                        format!("uitstelbrief van {day} over toezegging {number}{kenmerk}")
                    }
                    (LetterKind::Postponement, Language::En) => {
                        format!("postponement letter of {day} on commitment {number}{kenmerk}")
                    }
                    (LetterKind::Fulfilment, Language::Nl) => {
                        format!("brief van {day} waarmee toezegging {number} is nagekomen{kenmerk}")
                    }
                    (LetterKind::Fulfilment, Language::En) => {
                        format!("letter of {day} fulfilling commitment {number}{kenmerk}")
                    }
                }
            }
            EarlierLetter::Report {
                title,
                as_of,
                sent_on,
                fulfilled,
            } => {
                let day = self.date(*as_of);
                let sent = self.date(*sent_on);
                let numbers = self.enumerate(fulfilled);
                let fulfilling = match (fulfilled.len(), self.language()) {
                    (0, _) => String::new(),
                    (1, Language::Nl) => format!(", waarmee toezegging {numbers} is nagekomen"),
                    (_, Language::Nl) => {
                        format!(", waarmee de toezeggingen {numbers} zijn nagekomen")
                    }
                    (1, Language::En) => format!(", fulfilling commitment {numbers}"),
                    (_, Language::En) => format!(", fulfilling commitments {numbers}"),
                };
                match self.language() {
                    Language::Nl => format!(
                        "voortgangsrapportage {} van {sent} (peildatum {day}){fulfilling}",
                        self.quote(title)
                    ),
                    Language::En => {
                        format!(
                            "progress report {} of {sent} (as of {day}){fulfilling}",
                            self.quote(title)
                        )
                    }
                }
            }
        }
    }

    /// Why a milestone's date moved, as a sentence.
    pub fn explanation(self, why: &Explanation) -> String {
        match (why, self.language()) {
            (Explanation::Given(why), Language::Nl) => {
                format!("Toelichting: {}", lower_first(why))
            }
            (Explanation::Given(why), Language::En) => format!("Reason: {}", lower_first(why)),
            (Explanation::Postponed(sent, why), _) => {
                let day = self.date(*sent);
                // The letter's reason as a sentence of its own.
                let why = full_stop(&sentence(why.trim()));
                match self.language() {
                    Language::Nl => format!("Uitgesteld met de uitstelbrief van {day}. {why}"),
                    Language::En => format!("Postponed by the letter of {day}. {why}"),
                }
            }
            (Explanation::Schedule(reason), _) => self.health_reason(reason),
            (Explanation::Manager(why), Language::Nl) => {
                format!("Toelichting van de beheerder: {}", lower_first(why))
            }
            (Explanation::Manager(why), Language::En) => {
                format!("The manager's explanation: {}", lower_first(why))
            }
        }
    }

    /// When an open milestone is expected, as a phrase: "op 24 juni 2026", or "op zijn vroegst
    /// op 7 december 2026".
    pub fn expected(self, expected: Expected) -> String {
        let day = self.date(expected.day);
        match (expected.at_earliest, self.language()) {
            (true, Language::Nl) => format!("op zijn vroegst op {day}"),
            (true, Language::En) => format!("at the earliest on {day}"),
            (false, Language::Nl) => format!("op {day}"),
            (false, Language::En) => format!("on {day}"),
        }
    }

    /// A data source's score on one dimension with its finding: "Compleetheid: 2 van 5.
    /// MVOI-velden zijn optioneel."
    pub fn quality_score(self, dimension: QualityDimension, score: i32, finding: &str) -> String {
        full_stop(&format!(
            "{}: {}. {}",
            sentence(self.dimension(dimension)),
            self.score(score),
            sentence(finding.trim())
        ))
    }

    /// A planned or forecast date that moved: "prognose van 3 juni 2026 naar 24 juni 2026;
    /// toelichting: …" (a move to a later date without a reason says that none was given).
    pub fn moved(self, moved: &Moved) -> String {
        let show = |d: Option<NaiveDate>| d.map_or_else(|| "-".to_owned(), |d| self.date(d));
        let what = match (moved.forecast, self.language()) {
            (true, Language::Nl) => "prognose",
            (true, Language::En) => "forecast",
            (false, Language::Nl) => "planning",
            (false, Language::En) => "plan",
        };
        let later = match (moved.from, moved.to) {
            (Some(from), Some(to)) => to > from,
            (None, Some(_)) => true,
            _ => false,
        };
        let why = match (&moved.why, later, self.language()) {
            (Some(reason), _, Language::Nl) => format!("; toelichting: {reason}"),
            (Some(reason), _, Language::En) => format!("; reason: {reason}"),
            (None, true, Language::Nl) => "; geen toelichting gegeven".to_owned(),
            (None, true, Language::En) => "; no explanation given".to_owned(),
            (None, false, _) => String::new(),
        };
        let (from, to) = (show(moved.from), show(moved.to));
        match self.language() {
            Language::Nl => format!("{what} van {from} naar {to}{why}"),
            Language::En => format!("{what} from {from} to {to}{why}"),
        }
    }

    /// A milestone's health that changed: "van op schema naar risico".
    pub fn health_change(self, from: Health, to: Health) -> String {
        let (from, to) = (self.health(from), self.health(to));
        match self.language() {
            Language::Nl => format!("van {from} naar {to}"),
            Language::En => format!("from {from} to {to}"),
        }
    }

    /// The next moment the Kamer is informed, as a sentence.
    pub fn next_moment(self, next: &NextMoment) -> String {
        match (next, self.language()) {
            (NextMoment::Letter(title, expected), Language::Nl) => format!(
                "Het volgende Kamermoment is {}, verwacht {}.",
                self.quote(title),
                self.expected(*expected)
            ),
            (NextMoment::Letter(title, expected), Language::En) => format!(
                "The Kamer is next informed by {}, expected {}.",
                self.quote(title),
                self.expected(*expected)
            ),
            (NextMoment::Deadline(number, text, day), Language::Nl) => format!(
                "Het volgende Kamermoment is de termijn van toezegging {number}: {}.",
                self.deadline(text.as_deref(), *day)
            ),
            (NextMoment::Deadline(number, text, day), Language::En) => format!(
                "The Kamer is next informed by the deadline of commitment {number}: {}.",
                self.deadline(text.as_deref(), *day)
            ),
            // Nothing planned: say so, rather than guess a moment.
            (NextMoment::NonePlanned(true), Language::Nl) => "Er is nog geen volgend Kamermoment gepland: er staat geen andere toezegging open en er is geen andere Kamerbrief gepland.".to_owned(),
            (NextMoment::NonePlanned(true), Language::En) => "No next moment to inform the Kamer is planned yet: no other commitment is open and no other letter to the Kamer is planned.".to_owned(),
            (NextMoment::NonePlanned(false), Language::Nl) => "Er is nog geen volgend Kamermoment gepland: er staat geen toezegging open en er is geen Kamerbrief gepland.".to_owned(),
            (NextMoment::NonePlanned(false), Language::En) => "No next moment to inform the Kamer is planned yet: no commitment is open and no letter to the Kamer is planned.".to_owned(),
        }
    }

    /// A row of the timeline that shows only the most urgent of a crowded layer's milestones:
    /// "Rijk (15 van 22)".
    pub fn crowded_row(self, name: &str, shown: usize, total: usize) -> String {
        format!(
            "{name} ({} {} {})",
            self.number(&shown.to_string()),
            self.of(),
            self.number(&total.to_string())
        )
    }
}
