//! The words of the milestone tables and the risks: a milestone's status and current date,
//! what a risk concerns, and what the tables say when there is nothing to say.

use crate::service::reports::document::facts::{Concerns, Current, OwnDate, RowStatus};
use crate::service::reports::document::words::{Language, Words, full_stop, sentence};
use entity::{Health, RiskLevel};

impl Words {
    /// The heading of the milestones without a phase.
    pub fn other_milestones(self) -> String {
        match self.language() {
            Language::Nl => "Overige mijlpalen",
            Language::En => "Other milestones",
        }
        .to_owned()
    }

    /// "Eén mijlpaal van deze fase was al eerder gerealiseerd.", "Drie mijlpalen …".
    pub fn done_earlier(self, n: usize) -> String {
        match (self.language(), n == 1) {
            (Language::Nl, true) => {
                "Eén mijlpaal van deze fase was al eerder gerealiseerd.".to_owned()
            }
            (Language::Nl, false) => format!(
                "{} mijlpalen van deze fase waren al eerder gerealiseerd.",
                self.count_opening(n)
            ),
            (Language::En, true) => {
                "One milestone of this phase was done before this period.".to_owned()
            }
            (Language::En, false) => format!(
                "{} milestones of this phase were done before this period.",
                self.count_opening(n)
            ),
        }
    }

    /// A milestone's status in its table: "gerealiseerd", "over tijd", or its health.
    pub fn row_status(self, status: RowStatus) -> String {
        match (status, self.language()) {
            (RowStatus::Done, Language::Nl) => "gerealiseerd".to_owned(),
            (RowStatus::Done, Language::En) => "done".to_owned(),
            (RowStatus::Overdue, Language::Nl) => "over tijd".to_owned(),
            (RowStatus::Overdue, Language::En) => "overdue".to_owned(),
            (RowStatus::Open(health), _) => self.health(health).to_owned(),
        }
    }

    /// A milestone's current date in its table: the day, "nog niet gereed (gepland …)", or "op
    /// zijn vroegst …".
    pub fn current(self, current: Current) -> String {
        match (current, self.language()) {
            (Current::On(day), _) => self.date(day),
            (Current::NotDone(own, earliest), _) => {
                let kind = match (own.forecast, self.language()) {
                    (true, Language::Nl) => "prognose",
                    (false, Language::Nl) => "gepland",
                    (true, Language::En) => "forecast",
                    (false, Language::En) => "planned",
                };
                let not_done = match self.language() {
                    Language::Nl => "nog niet gereed",
                    Language::En => "not done yet",
                };
                let text = format!("{not_done} ({kind} {})", self.date(own.day));
                match (earliest, self.language()) {
                    (Some(day), Language::Nl) => {
                        format!("{text}; op zijn vroegst {}", self.date(day))
                    }
                    (Some(day), Language::En) => {
                        format!("{text}; at the earliest {}", self.date(day))
                    }
                    (None, _) => text,
                }
            }
            (Current::ThisReport(day), Language::Nl) => {
                format!("met deze rapportage (peildatum {})", self.date(day))
            }
            (Current::ThisReport(day), Language::En) => {
                format!("with this report (as of {})", self.date(day))
            }
            (Current::Earliest(day), Language::Nl) => format!("op zijn vroegst {}", self.date(day)),
            (Current::Earliest(day), Language::En) => format!("at the earliest {}", self.date(day)),
        }
    }

    /// When an overdue milestone of the coming period was due, in a list: "over tijd, gepland
    /// 26 juni 2026" (with "op zijn vroegst 7 december 2026" when overdue work before it pushes
    /// it further).
    pub fn overdue(self, own: OwnDate, earliest: Option<chrono::NaiveDate>) -> String {
        let (overdue, kind, at_earliest) = match (own.forecast, self.language()) {
            (true, Language::Nl) => ("over tijd", "prognose", "op zijn vroegst"),
            (false, Language::Nl) => ("over tijd", "gepland", "op zijn vroegst"),
            (true, Language::En) => ("overdue", "forecast", "at the earliest"),
            (false, Language::En) => ("overdue", "planned", "at the earliest"),
        };
        let text = format!("{overdue}, {kind} {}", self.date(own.day));
        match earliest {
            Some(day) => format!("{text}, {at_earliest} {}", self.date(day)),
            None => text,
        }
    }

    /// What a slip without any known reason says.
    pub fn no_explanation(self) -> String {
        match self.language() {
            Language::Nl => "Geen toelichting gegeven.",
            Language::En => "No explanation given.",
        }
        .to_owned()
    }

    /// The note on the Kamerbrief milestone that is this report.
    pub fn this_report(self) -> String {
        match self.language() {
            Language::Nl => "Deze rapportage.",
            Language::En => "This report.",
        }
        .to_owned()
    }

    /// A milestone's computed health in the risk table's assessment column: "risico
    /// (planning)" ("at risk (schedule)"), next to a recorded risk's likelihood and impact.
    pub fn scheduled_health(self, health: Health) -> String {
        match self.language() {
            Language::Nl => format!("{} (planning)", self.health(health)),
            Language::En => format!("{} (schedule)", self.health(health)),
        }
    }

    /// A recorded risk to a milestone, as a reason: "Bestuurlijk overleg schuift opnieuw (kans
    /// middel, impact hoog)."
    pub fn recorded_risk(self, title: &str, likelihood: RiskLevel, impact: RiskLevel) -> String {
        full_stop(&sentence(&format!(
            "{} ({})",
            title.trim(),
            self.risk_levels(likelihood, impact)
        )))
    }

    /// What a risk of the register concerns: "Raakt „…” en toezegging TZ…"; empty for neither.
    pub fn concerns(self, c: &Concerns) -> String {
        let milestone = c.milestone.as_deref().map(|t| self.quote(t));
        match (milestone, c.commitment.as_deref(), self.language()) {
            (Some(m), Some(n), Language::Nl) => format!("Raakt {m} en toezegging {n}."),
            (Some(m), None, Language::Nl) => format!("Raakt {m}."),
            (None, Some(n), Language::Nl) => format!("Raakt toezegging {n}."),
            (Some(m), Some(n), Language::En) => format!("Concerns {m} and commitment {n}."),
            (Some(m), None, Language::En) => format!("Concerns {m}."),
            (None, Some(n), Language::En) => format!("Concerns commitment {n}."),
            (None, None, _) => String::new(),
        }
    }

    /// The note of a data-infrastructure task: its layer, and that it is overdue ("Rijk, over
    /// tijd").
    pub fn task_note(self, layer: Option<entity::GovernmentLayer>, overdue: bool) -> String {
        match (overdue, self.language()) {
            (false, _) => self.layer(layer).to_owned(),
            (true, Language::Nl) => format!("{}, over tijd", self.layer(layer)),
            (true, Language::En) => format!("{}, overdue", self.layer(layer)),
        }
    }

    /// The mitigation column of a risk without one recorded.
    pub fn no_mitigation(self) -> String {
        match self.language() {
            Language::Nl => "Nog geen beheersmaatregel vastgelegd.",
            Language::En => "No mitigation recorded yet.",
        }
        .to_owned()
    }
}
