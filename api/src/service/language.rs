//! The languages koers writes text for users in: Dutch first, English second.

use serde::Serialize;

/// A language of text for users: reports, health reasons, messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Dutch (the default: what reaches the Kamer and the programme's managers).
    #[default]
    Nl,
    /// English.
    En,
}

impl Language {
    /// A date as people write it: "2 juli 2026", "2 July 2026".
    pub fn date(self, day: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let month = day.month0() as usize;
        let name = match self {
            Language::Nl => MONTHS_NL[month],
            Language::En => MONTHS_EN[month],
        };
        format!("{} {name} {}", day.day(), day.year())
    }

    /// A month's short name, for the axis of a picture: "mrt", "okt"; "Mar", "Oct".
    /// `month0` counts from 0 (January); out of range gives "".
    pub fn month_short(self, month0: u32) -> &'static str {
        const NL: [&str; 12] = [
            "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
        ];
        const EN: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let names = match self {
            Language::Nl => NL,
            Language::En => EN,
        };
        names.get(month0 as usize).copied().unwrap_or_default()
    }

    /// `text` between the language's typographic quotes: „…” in Dutch, “…” in English.
    pub fn quote(self, text: &str) -> String {
        match self {
            Language::Nl => format!("\u{201E}{text}\u{201D}"),
            Language::En => format!("\u{201C}{text}\u{201D}"),
        }
    }

    /// "1 dag", "13 dagen".
    pub fn days(self, n: i64) -> String {
        match (self, n.abs() == 1) {
            (Language::Nl, true) => format!("{n} dag"),
            (Language::Nl, false) => format!("{n} dagen"),
            (Language::En, true) => format!("{n} day"),
            (Language::En, false) => format!("{n} days"),
        }
    }

    /// The language an `Accept-Language` header asks for: the first of Dutch and English in
    /// the client's order of preference (quality values respected, regions ignored: `nl-BE`
    /// is Dutch, `en-GB` English); Dutch when it names neither or is absent.
    pub fn from_accept_language(header: Option<&str>) -> Self {
        let Some(header) = header else {
            return Language::Nl;
        };
        accept_language::parse_with_quality(header)
            .into_iter()
            .filter(|(_, quality)| *quality > 0.0)
            .find_map(|(tag, _)| {
                let primary = tag.split('-').next().unwrap_or_default();
                if primary.eq_ignore_ascii_case("nl") {
                    Some(Language::Nl)
                } else if primary.eq_ignore_ascii_case("en") {
                    Some(Language::En)
                } else {
                    None
                }
            })
            .unwrap_or(Language::Nl)
    }
}

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[cfg(test)]
mod tests {
    use super::Language;

    #[test]
    fn accept_language_picks_dutch_or_english_in_the_clients_order() {
        assert_eq!(Language::from_accept_language(None), Language::Nl);
        assert_eq!(Language::from_accept_language(Some("en")), Language::En);
        assert_eq!(
            Language::from_accept_language(Some("en-GB,en;q=0.9")),
            Language::En
        );
        assert_eq!(
            Language::from_accept_language(Some("nl-NL,nl;q=0.9,en;q=0.8")),
            Language::Nl
        );
        assert_eq!(
            Language::from_accept_language(Some("de, en;q=0.5, nl;q=0.7")),
            Language::Nl
        );
        assert_eq!(
            Language::from_accept_language(Some("de, en;q=0.9, nl;q=0.2")),
            Language::En
        );
        assert_eq!(Language::from_accept_language(Some("fr")), Language::Nl);
        assert_eq!(Language::from_accept_language(Some("")), Language::Nl);
        assert_eq!(
            Language::from_accept_language(Some("nl;q=0, EN")),
            Language::En
        );
    }
}
