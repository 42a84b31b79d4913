//! The words of the Kern: the counts, the main risk, the managers' judgements, the end of the
//! programme and its critical path, and where the commitments to the Kamer stand.

use crate::service::reports::document::facts::{
    CommitmentTally, HealthCounts, Judged, Judgement, KeyRisk, LateReport, Tally,
};
use crate::service::reports::document::words::{Language, Words, full_stop, lower_first, sentence};
use crate::service::schedule::{Reason, ReasonCode};
use chrono::NaiveDate;

impl Words {
    /// How many milestones are done: "Sinds de start van het programma zijn 13 van de 22
    /// mijlpalen gerealiseerd."; that none are recorded for an empty plan.
    pub fn tally(self, t: Tally) -> String {
        let (total, done) = (t.total, t.done);
        let is = if done == 1 { "is" } else { "zijn" };
        match (self.language(), t.done_in_period) {
            // A plan without milestones has nothing done, open or at risk to count.
            (Language::Nl, _) if total == 0 => "Er zijn nog geen mijlpalen vastgelegd.".to_owned(),
            (Language::En, _) if total == 0 => "No milestones have been recorded yet.".to_owned(),
            (Language::Nl, None) if done == 0 => format!(
                "Sinds de start van het programma is nog geen van de {total} mijlpalen gerealiseerd."
            ),
            (Language::Nl, None) => format!(
                "Sinds de start van het programma {is} {done} van de {total} mijlpalen gerealiseerd."
            ),
            (Language::Nl, Some(since)) => format!(
                "Van de {total} mijlpalen {is} er {done} gerealiseerd, waarvan {} in deze periode.",
                self.count_word(since)
            ),
            (Language::En, None) => format!(
                "Since the programme started, {done} of its {total} milestones have been done."
            ),
            (Language::En, Some(since)) => format!(
                "Of the {total} milestones, {done} have been done, {} of them in this period.",
                self.count_word(since)
            ),
        }
    }

    /// "mijlpaal" or "mijlpalen" by count.
    fn milestones(self, n: usize) -> &'static str {
        match (self.language(), n == 1) {
            (Language::Nl, true) => "mijlpaal",
            (Language::Nl, false) => "mijlpalen",
            (Language::En, true) => "milestone",
            (Language::En, false) => "milestones",
        }
    }

    /// How many open milestones are not on track: "Twee mijlpalen lopen risico; geen enkele
    /// ligt achter op schema."
    pub fn health_counts(self, c: HealthCounts) -> String {
        let (r, l) = (c.at_risk, c.off_track);
        let nl = self.language() == Language::Nl;
        let verb =
            |n: usize, one: &'static str, more: &'static str| if n == 1 { one } else { more };
        match (nl, r, l) {
            (true, 0, 0) => "Alle openstaande mijlpalen liggen op schema.".to_owned(),
            (false, 0, 0) => "All open milestones are on track.".to_owned(),
            (true, r, 0) => format!(
                "{} {} {} risico; geen enkele ligt achter op schema.",
                self.count_opening(r),
                self.milestones(r),
                verb(r, "loopt", "lopen")
            ),
            (false, r, 0) => format!(
                "{} {} {} at risk; none is off track.",
                self.count_opening(r),
                self.milestones(r),
                verb(r, "is", "are")
            ),
            (true, 0, l) => format!(
                "{} {} {} achter op schema; de andere liggen op schema.",
                self.count_opening(l),
                self.milestones(l),
                verb(l, "ligt", "liggen")
            ),
            (false, 0, l) => format!(
                "{} {} {} off track; the others are on track.",
                self.count_opening(l),
                self.milestones(l),
                verb(l, "is", "are")
            ),
            (true, r, l) => format!(
                "{} {} {} achter op schema en {} {} risico.",
                self.count_opening(l),
                self.milestones(l),
                verb(l, "ligt", "liggen"),
                self.count_word(r),
                verb(r, "loopt", "lopen")
            ),
            (false, r, l) => format!(
                "{} {} {} off track and {} {} at risk.",
                self.count_opening(l),
                self.milestones(l),
                verb(l, "is", "are"),
                self.count_word(r),
                verb(r, "is", "are")
            ),
        }
    }

    /// The main risk: "Het grootste risico ligt bij „…”, verwacht op 24 juni 2026."
    pub fn key_risk(self, key: &KeyRisk) -> String {
        let title = self.quote(&key.title);
        match (key.overdue_since, self.language()) {
            (Some(own), Language::Nl) => format!(
                "Het grootste risico ligt bij {title}, {} {} en nog niet gereed.",
                if own.forecast {
                    "met als prognose"
                } else {
                    "gepland op"
                },
                self.date(own.day)
            ),
            (Some(own), Language::En) => format!(
                "The main risk is {title}, {} {} and not done yet.",
                if own.forecast {
                    "forecast for"
                } else {
                    "planned on"
                },
                self.date(own.day)
            ),
            (None, Language::Nl) => format!(
                "Het grootste risico ligt bij {title}, verwacht {}.",
                self.expected(key.expected)
            ),
            (None, Language::En) => {
                format!(
                    "The main risk is {title}, expected {}.",
                    self.expected(key.expected)
                )
            }
        }
    }

    /// A reason of the main risk as a sentence of its own; the margin it leaves a later
    /// deadline and its slip with the milestone as its subject ("Deze mijlpaal laat „…” nog 1
    /// dag marge …").
    pub fn key_reason(self, reason: &Reason) -> String {
        let message = self.health_reason(reason);
        let with_subject = matches!(
            (reason.code, &reason.title),
            (ReasonCode::DeadlineSlack, Some(_)) | (ReasonCode::BehindBaseline, _)
        );
        full_stop(&match (with_subject, self.language()) {
            (true, Language::Nl) => format!("Deze mijlpaal {message}"),
            (true, Language::En) => format!("It {message}"),
            (false, _) => sentence(&message),
        })
    }

    /// That a milestone makes this report (its own Kamerbrief) miss the deadline, as a sentence:
    /// "Hierdoor komt deze rapportage na de termijn van 2 juli 2026 (toezegging …)."
    pub fn makes_this_report_late(self, reason: &Reason) -> String {
        let date = reason.date.map(|d| self.date(d)).unwrap_or_default();
        let source = match (&reason.commitment, self.language()) {
            (Some(number), Language::Nl) => format!(" (toezegging {number})"),
            (Some(number), Language::En) => format!(" (commitment {number})"),
            (None, _) => String::new(),
        };
        match self.language() {
            Language::Nl => {
                format!("Hierdoor komt deze rapportage na de termijn van {date}{source}.")
            }
            Language::En => {
                format!("Because of it this report comes after the deadline of {date}{source}.")
            }
        }
    }

    /// A reason of a milestone's computed health, as a sentence.
    pub fn reason(self, reason: &Reason) -> String {
        full_stop(&sentence(&self.health_reason(reason)))
    }

    /// A manager's judgement that differs from the computed health, as a sentence.
    pub fn judgement(self, j: &Judgement) -> String {
        let health = self.health(j.health);
        full_stop(&match (self.language(), j.why.as_deref()) {
            (Language::Nl, Some(why)) => format!(
                "De beheerder beoordeelt de mijlpaal als {health}: {}",
                lower_first(why)
            ),
            (Language::Nl, None) => {
                format!("De beheerder beoordeelt de mijlpaal als {health}, zonder toelichting")
            }
            (Language::En, Some(why)) => {
                format!("The manager judges it {health}: {}", lower_first(why))
            }
            (Language::En, None) => format!("The manager judges it {health}, without explanation"),
        })
    }

    /// The Kern's sentence on the managers' judgements that differ from the schedule.
    pub fn judged(self, judged: &Judged) -> String {
        match (judged, self.language()) {
            (Judged::One(title, judged, computed), Language::Nl) => format!(
                "De beheerder schat {} in als {}, terwijl de planning {} aangeeft; de tellingen in deze rapportage volgen de planning.",
                self.quote(title),
                self.health(*judged),
                self.health(*computed)
            ),
            (Judged::One(title, judged, computed), Language::En) => format!(
                "The manager judges {} {}, while the schedule gives {}; the counts in this report follow the schedule.",
                self.quote(title),
                self.health(*judged),
                self.health(*computed)
            ),
            (Judged::Many(n), Language::Nl) => format!(
                "Bij {n} mijlpalen schat de beheerder de stand anders in dan de planning aangeeft; de tellingen in deze rapportage volgen de planning."
            ),
            (Judged::Many(n), Language::En) => format!(
                "For {n} milestones the manager's judgement differs from the schedule; the counts in this report follow the schedule."
            ),
        }
    }

    /// "De laatste mijlpaal van het programma wordt verwacht op 15 december 2026."
    pub fn programme_end(self, day: NaiveDate) -> String {
        match self.language() {
            Language::Nl => format!(
                "De laatste mijlpaal van het programma wordt verwacht op {}.",
                self.date(day)
            ),
            Language::En => format!(
                "The programme's last milestone is expected on {}.",
                self.date(day)
            ),
        }
    }

    /// The open chain that moves the end first when it slips, each with its slack (slack to a
    /// deadline counts too, so a step with slack does not yet move the end): "Het kritieke pad
    /// naar die mijlpaal loopt via „a” (1 dag marge), „b” (geen marge) en „c” (18 dagen
    /// marge)."
    pub fn critical_path(
        self,
        steps: &[crate::service::reports::document::facts::PathStep],
    ) -> String {
        let chain: Vec<String> = steps
            .iter()
            .map(|s| {
                let slack = match (s.slack, self.language()) {
                    (0, Language::Nl) => "geen marge".to_owned(),
                    (0, Language::En) => "no margin".to_owned(),
                    (n, Language::Nl) => format!("{} marge", self.days(n)),
                    (n, Language::En) => format!("{} of margin", self.days(n)),
                };
                format!("{} ({slack})", self.quote(s.title.trim()))
            })
            .collect();
        let chain = self.enumerate(&chain);
        match self.language() {
            Language::Nl => format!(
                "Het kritieke pad naar die mijlpaal, de keten die het einde het eerst verschuift, loopt via {chain}."
            ),
            Language::En => format!(
                "The critical path to it, the chain that moves the end first, runs through {chain}."
            ),
        }
    }

    /// "Deze rapportage geeft invulling aan toezegging TZ202504-057."
    pub fn report_fulfils(self, numbers: &[String]) -> String {
        let list = self.enumerate(numbers);
        match (self.language(), numbers.len() > 1) {
            (Language::Nl, false) => {
                format!("Deze rapportage geeft invulling aan toezegging {list}.")
            }
            (Language::Nl, true) => {
                format!("Deze rapportage geeft invulling aan de toezeggingen {list}.")
            }
            (Language::En, false) => format!("This report fulfils commitment {list}."),
            (Language::En, true) => format!("This report fulfils commitments {list}."),
        }
    }

    /// The report itself reaching the Kamer after a commitment's deadline, as the Kern says it.
    pub fn late_report(self, late: &LateReport) -> String {
        let (day, days) = (self.date(late.day), self.days(late.days_late));
        match (late.missed, self.language()) {
            (true, Language::Nl) => {
                return format!(
                    "De termijn van toezegging {} is verstreken: deze rapportage komt ten minste {days} na de termijn.",
                    late.number
                );
            }
            (true, Language::En) => {
                return format!(
                    "The deadline of commitment {} has passed: this report comes at least {days} after it.",
                    late.number
                );
            }
            _ => {}
        }
        match self.language() {
            Language::Nl => format!(
                "Volgens de planning gaat deze rapportage pas op {day} naar de Kamer, {days} na de termijn van toezegging {}; daarvoor is een uitstelbrief nodig.",
                late.number
            ),
            Language::En => format!(
                "By the plan this report reaches the Kamer only on {day}, {days} after the deadline of commitment {}; that needs a postponement letter.",
                late.number
            ),
        }
    }

    /// The Kern's sentences on the open commitments the report does not answer: none open, what
    /// was missed (and whether only the letter is missing), what needs a postponement letter.
    /// Each names the commitments it is about ("De openstaande toezegging TZ202504-057 vraagt om
    /// een uitstelbrief.").
    pub fn commitment_tally(self, t: &CommitmentTally) -> Vec<String> {
        let nl = self.language() == Language::Nl;
        let other = match (t.besides_own, nl) {
            (false, _) => "",
            (true, true) => " andere",
            (true, false) => " other",
        };
        let open = t.open;
        let mut out = Vec::new();
        if open == 0 {
            out.push(if nl {
                format!("Er staan geen{other} toezeggingen aan de Kamer open.")
            } else {
                format!("There are no{other} open commitments to the Kamer.")
            });
            return out;
        }
        let missed = t.missed.len();
        let missed_numbers = self.enumerate(&t.missed);
        if missed > 0 {
            out.push(match (nl, missed, open) {
                (true, 1, 1) => format!(
                    "De termijn van de{other} openstaande toezegging {missed_numbers} is verstreken zonder dat die is nagekomen."
                ),
                (true, n, _) => format!(
                    "Van {n} van de {open}{other} openstaande toezeggingen ({missed_numbers}) is de termijn verstreken zonder dat ze zijn nagekomen."
                ),
                (false, 1, 1) => format!(
                    "The deadline of the{other} open commitment {missed_numbers} has passed without it being kept."
                ),
                (false, n, _) => format!(
                    "{} of the {open}{other} open commitments ({missed_numbers}) have passed their deadline without being kept.",
                    self.count_opening(n)
                ),
            });
            let done = t.missed_work_done;
            if done > 0 {
                out.push(match (nl, done == missed) {
                    (true, true) => {
                        "Het werk daarvoor is gereed; de brief aan de Kamer ontbreekt nog.".to_owned()
                    }
                    (true, false) => format!(
                        "Voor {done} daarvan is het werk gereed en ontbreekt alleen de brief aan de Kamer."
                    ),
                    (false, true) => "The work for it is done; the letter to the Kamer is missing.".to_owned(),
                    (false, false) => format!(
                        "For {done} of them the work is done and only the letter to the Kamer is missing."
                    ),
                });
            }
        }
        let letters = t.need_letter.len();
        let letter_numbers = self.enumerate(&t.need_letter);
        if letters > 0 || missed == 0 {
            out.push(match (nl, letters, open) {
                (true, 0, 1) => format!("De{other} openstaande toezegging vraagt nu geen uitstelbrief."),
                (true, 1, 1) => format!("De{other} openstaande toezegging {letter_numbers} vraagt om een uitstelbrief."),
                (true, 0, _) => format!(
                    "Geen van de {open}{other} openstaande toezeggingen vraagt nu om een uitstelbrief."
                ),
                (true, n, _) => format!(
                    "Van de {open}{other} openstaande toezeggingen {} er {n} om een uitstelbrief: {letter_numbers}.",
                    if n == 1 { "vraagt" } else { "vragen" }
                ),
                (false, 0, 1) => format!("The{other} open commitment does not need a postponement letter now."),
                (false, 1, 1) => format!("The{other} open commitment {letter_numbers} needs a postponement letter."),
                (false, 0, _) => format!(
                    "None of the {open}{other} open commitments needs a postponement letter now."
                ),
                (false, n, _) => format!(
                    "Of the {open}{other} open commitments, {n} {} a postponement letter: {letter_numbers}.",
                    if n == 1 { "needs" } else { "need" }
                ),
            });
        }
        out
    }
}
