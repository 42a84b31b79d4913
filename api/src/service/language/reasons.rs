//! The words of the schedule's reasons: why a milestone has the health it has, the same
//! sentence for the API, the report and any other reader.

use super::{Language, Words};
use crate::service::schedule::{Reason, ReasonCode};

impl Words {
    /// One line on the health that counts of a milestone projected as `p`: its manager's
    /// override's reason, or its first computed reason in this language.
    pub fn projection_reason(self, p: &crate::service::schedule::Projection) -> Option<String> {
        match &p.override_reason {
            Some(why) => Some(why.clone()),
            None => p.reasons.first().map(|r| self.health_reason(r)),
        }
    }

    /// Why a milestone has its health, as a clause: e.g. "gepland 30 oktober 2026, niet
    /// gereed: 31 dagen over tijd" or "planned 30 October 2026, not done: 31 days overdue".
    pub fn health_reason(self, reason: &Reason) -> String {
        let lang = self;
        let nl = self.0 == Language::Nl;
        let n = reason.days.unwrap_or_default();
        let days = lang.days(n.abs());
        let date = reason.date.map(|d| lang.date(d)).unwrap_or_default();
        let title = reason.title.as_deref().unwrap_or_default();
        let source = match (&reason.commitment, nl) {
            (Some(number), true) => format!(" (toezegging {number})"),
            (Some(number), false) => format!(" (commitment {number})"),
            (None, _) => String::new(),
        };
        match (reason.code, nl) {
            (ReasonCode::Done, true) if reason.date.is_some() => format!("gereed op {date}"),
            (ReasonCode::Done, true) => "gereed".to_owned(),
            (ReasonCode::Done, false) if reason.date.is_some() => format!("done on {date}"),
            (ReasonCode::Done, false) => "done".to_owned(),
            (ReasonCode::Cancelled, true) => "vervallen".to_owned(),
            (ReasonCode::Cancelled, false) => "cancelled".to_owned(),
            (ReasonCode::Overdue, true) => {
                let kind = if reason.forecast.is_some() {
                    "prognose"
                } else {
                    "gepland"
                };
                format!("{kind} {date}, niet gereed: {days} over tijd")
            }
            (ReasonCode::Overdue, false) => {
                let kind = if reason.forecast.is_some() {
                    "forecast"
                } else {
                    "planned"
                };
                format!("{kind} {date}, not done: {days} overdue")
            }
            (ReasonCode::PassesDeadline, true) => {
                format!("verwacht {days} na de termijn van {date}{source}")
            }
            (ReasonCode::PassesDeadline, false) => {
                format!("projected {days} past its deadline of {date}{source}")
            }
            (ReasonCode::PushesPastDeadline, true) => {
                format!(
                    "hierdoor haalt {} de termijn van {date}{source} niet: {days} te laat",
                    lang.quote(title)
                )
            }
            (ReasonCode::PushesPastDeadline, false) => {
                format!(
                    "makes {} miss its deadline of {date}{source} by {days}",
                    lang.quote(title)
                )
            }
            (ReasonCode::DeadlineSlack, true) if reason.title.is_none() && n == 0 => {
                format!("geen marge meer tot de termijn van {date}{source}")
            }
            (ReasonCode::DeadlineSlack, false) if reason.title.is_none() && n == 0 => {
                format!("no margin left to its deadline of {date}{source}")
            }
            (ReasonCode::DeadlineSlack, true) if reason.title.is_none() => {
                format!("nog {days} marge tot de termijn van {date}{source}")
            }
            (ReasonCode::DeadlineSlack, false) if reason.title.is_none() => {
                format!("only {days} of margin to its deadline of {date}{source}")
            }
            (ReasonCode::DeadlineSlack, true) => {
                format!(
                    "laat {} nog {days} marge tot de termijn van {date}{source}",
                    lang.quote(title)
                )
            }
            (ReasonCode::DeadlineSlack, false) => {
                format!(
                    "leaves {} only {days} of margin to its deadline of {date}{source}",
                    lang.quote(title)
                )
            }
            (ReasonCode::PredecessorOffTrack, true) if reason.judged => format!(
                "voorgaande mijlpaal {} ligt volgens de beheerder achter op schema",
                lang.quote(title)
            ),
            (ReasonCode::PredecessorOffTrack, true) => {
                format!(
                    "voorgaande mijlpaal {} ligt achter op schema",
                    lang.quote(title)
                )
            }
            (ReasonCode::PredecessorOffTrack, false) if reason.judged => format!(
                "predecessor {} is off track by its manager's judgement",
                lang.quote(title)
            ),
            (ReasonCode::PredecessorOffTrack, false) => {
                format!("predecessor {} is off track", lang.quote(title))
            }
            (ReasonCode::PushedByPredecessor, true) => format!(
                "voorgaande mijlpaal {} schuift hem {days} op, voorbij de geplande datum (naar {date})",
                lang.quote(title)
            ),
            (ReasonCode::PushedByPredecessor, false) => format!(
                "predecessor {} pushes it {days} past its planned date (to {date})",
                lang.quote(title)
            ),
            (ReasonCode::InfeasibleForecast, true) => format!(
                "prognose {} is eerder dan voorgaande mijlpaal {} toelaat ({date})",
                reason.forecast.map(|d| lang.date(d)).unwrap_or_default(),
                lang.quote(title)
            ),
            (ReasonCode::InfeasibleForecast, false) => format!(
                "forecast {} is earlier than predecessor {} allows ({date})",
                reason.forecast.map(|d| lang.date(d)).unwrap_or_default(),
                lang.quote(title)
            ),
            (ReasonCode::BehindBaseline, true) => {
                format!("wordt {days} later verwacht dan in de laatste basislijn ({date})")
            }
            (ReasonCode::BehindBaseline, false) => {
                format!("is expected {days} later than in its latest baseline ({date})")
            }
        }
    }
}
