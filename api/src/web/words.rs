//! The words every page uses for the same values, written once: a deadline, a health with its
//! colour class, a count, a moment. The plan's vocabulary itself (layers, health, progress,
//! dates) is `service::language`; this is how the pages put it in a cell.

use super::text::{Text, say};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{GovernmentLayer, Health, RecessKind, WorkStatus};

/// A deadline as promised and as a date: "voor het zomerreces 2026 (2 juli 2026)"; a text that
/// is only blanks counts as none. The promise is quoted as it was made, in its own language.
pub(super) fn deadline(lang: Text, date: Option<NaiveDate>, text: Option<&str>) -> String {
    match (date, text.filter(|t| !t.trim().is_empty())) {
        // As the progress report writes it (a text that names its date stands alone).
        (Some(date), text) => lang.words().deadline(text, date),
        (None, Some(text)) => text.to_owned(),
        (None, None) => String::new(),
    }
}

/// A layer inside a sentence: "het Rijk", "de gemeenten"; "the municipalities".
pub(super) fn layer_phrase(lang: Text, layer: GovernmentLayer) -> String {
    match layer {
        GovernmentLayer::Rijk => say!(lang, "frame-layer-rijk"),
        GovernmentLayer::Provincie => say!(lang, "frame-layer-provincie"),
        GovernmentLayer::Gemeente => say!(lang, "frame-layer-gemeente"),
        GovernmentLayer::Waterschap => say!(lang, "frame-layer-waterschap"),
    }
}

/// `word` with a capital, for the start of a cell: "Achter op schema".
pub(super) fn capital(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A health, with a capital for the table ("Achter op schema").
pub(super) fn health_label(lang: Text, health: Health) -> String {
    capital(lang.words().health(health))
}

/// The CSS modifier that colours a health's underline (`koers-health--…`); the word itself
/// always says it, colour only adds to it.
pub(super) fn health_class(health: Health) -> &'static str {
    match health {
        Health::OnTrack => "op-schema",
        Health::AtRisk => "risico",
        Health::OffTrack => "achter",
    }
}

/// The health a page shows for an open milestone: the worse of the health that counts (a
/// manager's override, when set) and the schedule's computed health. A favourable judgement
/// is said in words beside it, but never hides what the schedule finds: overdue, or past a
/// deadline, stays off track on every page.
pub(super) fn shown_health(counts: Health, computed: Health) -> Health {
    counts.max(computed)
}

/// Where a milestone stands, in a word and its colour class: done or cancelled work says so
/// ("Gereed", class `klaar`); open work its shown health.
pub(super) fn standing(lang: Text, status: WorkStatus, health: Health) -> (String, &'static str) {
    match status {
        WorkStatus::Done | WorkStatus::Cancelled => {
            (capital(lang.words().work_status(status)), "klaar")
        }
        WorkStatus::Planned | WorkStatus::InProgress => {
            (health_label(lang, health), health_class(health))
        }
    }
}

/// Where a milestone stands, in words and its colour class: done or cancelled work says so;
/// open work the health it shows ([`shown_health`]), how overdue it is, and a more favourable
/// judgement beside it ("Achter op schema, 12 dagen over tijd; oordeel van de manager: op
/// schema"). `counts` is the health that counts, `overridden` whether that is a judgement.
pub(super) fn milestone_state(
    lang: Text,
    status: WorkStatus,
    counts: Health,
    computed: Health,
    overridden: bool,
    (late, days): (bool, Option<i64>),
) -> (String, &'static str) {
    let shown = shown_health(counts, computed);
    let (mut words, class) = standing(lang, status, shown);
    if matches!(status, WorkStatus::Done | WorkStatus::Cancelled) {
        return (words, class);
    }
    let late = overdue(lang, late, days);
    if !late.is_empty() {
        words.push_str(&format!(", {}", late.to_lowercase()));
    }
    if overridden && counts != shown {
        let judgement = say!(
            lang,
            "frame-manager-judgement",
            health = lang.words().health(counts)
        );
        words.push_str(&format!("; {judgement}"));
    }
    (words, class)
}

/// A moment as the Netherlands reads it, in its own time zone: "12 juni 2026, 14:03" (in
/// English too: the time is Dutch time, whoever reads it).
pub(super) fn moment(lang: Text, at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&chrono_tz::Europe::Amsterdam);
    format!(
        "{}, {}",
        lang.words().date(local.date_naive()),
        local.format("%H:%M")
    )
}

/// A number of days with its sign spelled out for a plan: "3 dagen later", "2 dagen eerder",
/// "op de dag".
pub(super) fn later(lang: Text, days: i64) -> String {
    let words = lang.words();
    match days {
        0 => say!(lang, "frame-on-the-day"),
        d if d > 0 => say!(lang, "frame-days-later", days = words.days(d)),
        d => say!(lang, "frame-days-earlier", days = words.days(-d)),
    }
}

/// "12 dagen over tijd" for an overdue milestone (whatever its health), "Over tijd" when the
/// days are unknown; empty when it is not overdue.
pub(super) fn overdue(lang: Text, overdue: bool, days: Option<i64>) -> String {
    match (overdue, days) {
        (true, Some(days)) => say!(lang, "frame-days-overdue", days = lang.words().days(days)),
        (true, None) => say!(lang, "frame-overdue"),
        (false, _) => String::new(),
    }
}

/// A dependency's lag: "14 dagen wachttijd", "5 dagen overlap" (a negative lag); None for none.
pub(super) fn lag(lang: Text, days: i64) -> Option<String> {
    let words = lang.words();
    match days {
        0 => None,
        d if d > 0 => Some(say!(lang, "frame-lag-wait", days = words.days(d))),
        d => Some(say!(lang, "frame-lag-overlap", days = words.days(-d))),
    }
}

/// Slack in days, and what a negative one means: "3 dagen", "2 dagen te laat" (`short`, the
/// page's message for a shortfall, takes the days as `days`).
pub(super) fn slack(lang: Text, days: i64, short: impl Fn(String) -> String) -> String {
    if days < 0 {
        short(lang.words().days(-days))
    } else {
        lang.words().days(days)
    }
}

/// A recess as the API gives it: the calendar's name, its kind and year.
#[derive(serde::Deserialize, Clone, Debug)]
pub(super) struct RecessName {
    pub name: String,
    pub kind: RecessKind,
    pub year: i32,
}

impl RecessName {
    /// Its name on its own, in `lang`: in Dutch the calendar's own ("Zomerreces 2026"), in
    /// English by its kind and year ("Summer recess 2026").
    pub(super) fn alone(&self, lang: Text) -> String {
        if lang.language() == crate::service::language::Language::Nl {
            return self.name.clone();
        }
        let year = i64::from(self.year);
        match self.kind {
            RecessKind::Spring => say!(lang, "frame-recess-spring", year = year),
            RecessKind::May => say!(lang, "frame-recess-may", year = year),
            RecessKind::Summer => say!(lang, "frame-recess-summer", year = year),
            RecessKind::Autumn => say!(lang, "frame-recess-autumn", year = year),
            RecessKind::Christmas => say!(lang, "frame-recess-christmas", year = year),
            RecessKind::Election => say!(lang, "frame-recess-election", year = year),
        }
    }

    /// Its name inside a sentence, after an article: "zomerreces 2026", "summer recess 2026"
    /// (a month's or a feast's name keeps its capital: "Christmas recess 2026").
    pub(super) fn in_sentence(&self, lang: Text) -> String {
        let alone = self.alone(lang);
        let proper = lang.language() == crate::service::language::Language::En
            && matches!(self.kind, RecessKind::May | RecessKind::Christmas);
        if proper {
            alone
        } else {
            crate::service::reports::document::words::lower_first(&alone)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::language::Language;

    const NL: Text = Text::DUTCH;
    const EN: Text = Text::new(Language::En);

    fn late(days: String) -> String {
        format!("{days} te laat")
    }

    #[test]
    fn a_moment_is_read_in_dutch_time_summer_and_winter() {
        let summer = "2026-06-12T22:30:00Z".parse().expect("a moment");
        assert_eq!(moment(NL, summer), "13 juni 2026, 00:30");
        let winter = "2026-12-01T22:30:00Z".parse().expect("a moment");
        assert_eq!(moment(NL, winter), "1 december 2026, 23:30");
    }

    #[test]
    fn a_favourable_judgement_never_hides_what_the_schedule_finds() {
        use Health::*;
        assert_eq!(shown_health(OnTrack, OffTrack), OffTrack);
        assert_eq!(shown_health(OffTrack, AtRisk), OffTrack);
        assert_eq!(shown_health(AtRisk, OnTrack), AtRisk);
        assert_eq!(shown_health(OnTrack, OnTrack), OnTrack);
        assert_eq!(standing(NL, WorkStatus::Done, OffTrack).0, "Gereed");
        assert_eq!(standing(NL, WorkStatus::Planned, AtRisk).0, "Risico");
        assert_eq!(
            milestone_state(
                NL,
                WorkStatus::Planned,
                OnTrack,
                OffTrack,
                true,
                (true, Some(12))
            ),
            (
                "Achter op schema, 12 dagen over tijd; oordeel van de manager: op schema"
                    .to_owned(),
                "achter"
            )
        );
        assert_eq!(
            milestone_state(NL, WorkStatus::Done, OnTrack, OnTrack, false, (false, None)).0,
            "Gereed"
        );
    }

    #[test]
    fn lag_and_slack_say_which_way() {
        assert_eq!(lag(NL, 0), None);
        assert_eq!(lag(NL, 14).as_deref(), Some("14 dagen wachttijd"));
        assert_eq!(lag(NL, -5).as_deref(), Some("5 dagen overlap"));
        assert_eq!(slack(NL, 3, late), "3 dagen");
        assert_eq!(slack(NL, -1, late), "1 dag te laat");
        assert_eq!(overdue(NL, true, Some(12)), "12 dagen over tijd");
        assert_eq!(overdue(NL, false, Some(12)), "");
    }

    #[test]
    fn days_say_which_way() {
        assert_eq!(later(NL, 0), "op de dag");
        assert_eq!(later(NL, 1), "1 dag later");
        assert_eq!(later(NL, -14), "14 dagen eerder");
        assert_eq!(later(EN, -14), "14 days earlier");
        assert_eq!(later(EN, 0), "on the day");
        assert_eq!(lag(EN, 14).as_deref(), Some("lag of 14 days"));
        assert_eq!(overdue(EN, true, Some(1)), "1 day overdue");
        assert_eq!(
            layer_phrase(EN, GovernmentLayer::Gemeente),
            "the municipalities"
        );
        assert_eq!(layer_phrase(NL, GovernmentLayer::Rijk), "het Rijk");
        assert_eq!(
            milestone_state(
                EN,
                WorkStatus::Planned,
                Health::OnTrack,
                Health::OffTrack,
                true,
                (true, Some(2))
            )
            .0,
            "Off track, 2 days overdue; manager's judgement: on track"
        );
    }

    #[test]
    fn a_recess_is_named_by_the_calendar_in_dutch_and_by_its_kind_in_english() {
        let recess = |name: &str, kind, year| RecessName {
            name: name.to_owned(),
            kind,
            year,
        };
        let summer = recess("Zomerreces 2026", RecessKind::Summer, 2026);
        assert_eq!(summer.alone(NL), "Zomerreces 2026");
        assert_eq!(summer.in_sentence(NL), "zomerreces 2026");
        assert_eq!(summer.alone(EN), "Summer recess 2026");
        assert_eq!(summer.in_sentence(EN), "summer recess 2026");
        let christmas = recess("Kerstreces 2025-2026", RecessKind::Christmas, 2025);
        assert_eq!(christmas.alone(NL), "Kerstreces 2025-2026");
        assert_eq!(christmas.in_sentence(EN), "Christmas recess 2025");
        let may = recess("Meireces 2027", RecessKind::May, 2027);
        assert_eq!(may.in_sentence(EN), "May recess 2027");
    }

    #[test]
    fn a_blank_deadline_text_is_no_text() {
        let day = NaiveDate::from_ymd_opt(2026, 7, 2).expect("a day");
        assert_eq!(deadline(NL, Some(day), Some("  ")), "2 juli 2026");
        assert_eq!(
            deadline(NL, Some(day), Some("voor het zomerreces 2026")),
            "voor het zomerreces 2026 (2 juli 2026)"
        );
        assert_eq!(deadline(NL, None, None), "");
        let first = NaiveDate::from_ymd_opt(2025, 10, 1).expect("a day");
        assert_eq!(
            deadline(NL, Some(first), Some("uiterlijk 1 oktober 2025")),
            "uiterlijk 1 oktober 2025"
        );
    }
}
