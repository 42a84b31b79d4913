//! The languages koers writes text for users in (Dutch first, English second), and their
//! words: [`Words`] chooses every word by the one [`Language`] type.

mod reasons;
mod vocabulary;

pub use entity::Language;

/// The words of a language: the texts koers writes for users are chosen here (dates, day
/// counts, the schedule's reasons) and in the report's `words` module, by the language alone,
/// so the code that works out the facts does not branch on it. A copy of the language, free to
/// pass around.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Words(Language);

impl From<Language> for Words {
    fn from(language: Language) -> Self {
        Words(language)
    }
}

impl Words {
    /// The words of `language`.
    pub const fn new(language: Language) -> Self {
        Words(language)
    }

    /// The language these are the words of.
    pub fn language(self) -> Language {
        self.0
    }

    /// The language's tag for documents (BCP 47): "nl-NL", "en-GB".
    pub fn tag(self) -> &'static str {
        match self.0 {
            Language::Nl => "nl-NL",
            Language::En => "en-GB",
        }
    }

    /// A date as people write it: "2 juli 2026", "2 July 2026".
    pub fn date(self, day: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let month = day.month0() as usize;
        let name = match self.0 {
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
        let names = match self.0 {
            Language::Nl => NL,
            Language::En => EN,
        };
        names.get(month0 as usize).copied().unwrap_or_default()
    }

    /// `text` between the language's typographic quotes: „…” in Dutch, “…” in English.
    pub fn quote(self, text: &str) -> String {
        match self.0 {
            Language::Nl => format!("\u{201E}{text}\u{201D}"),
            Language::En => format!("\u{201C}{text}\u{201D}"),
        }
    }

    /// "1 dag", "13 dagen".
    pub fn days(self, n: i64) -> String {
        match (self.0, n.abs() == 1) {
            (Language::Nl, true) => format!("{n} dag"),
            (Language::Nl, false) => format!("{n} dagen"),
            (Language::En, true) => format!("{n} day"),
            (Language::En, false) => format!("{n} days"),
        }
    }
}

/// The language an `Accept-Language` header asks for: the first of Dutch and English in
/// the client's order of preference (quality values respected, regions ignored: `nl-BE`
/// is Dutch, `en-GB` English); Dutch when it names neither or is absent.
pub fn from_accept_language(header: Option<&str>) -> Language {
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
    use super::{Language, from_accept_language};

    #[test]
    fn accept_language_picks_dutch_or_english_in_the_clients_order() {
        assert_eq!(from_accept_language(None), Language::Nl);
        assert_eq!(from_accept_language(Some("en")), Language::En);
        assert_eq!(from_accept_language(Some("en-GB,en;q=0.9")), Language::En);
        assert_eq!(
            from_accept_language(Some("nl-NL,nl;q=0.9,en;q=0.8")),
            Language::Nl
        );
        assert_eq!(
            from_accept_language(Some("de, en;q=0.5, nl;q=0.7")),
            Language::Nl
        );
        assert_eq!(
            from_accept_language(Some("de, en;q=0.9, nl;q=0.2")),
            Language::En
        );
        assert_eq!(from_accept_language(Some("fr")), Language::Nl);
        assert_eq!(from_accept_language(Some("")), Language::Nl);
        assert_eq!(from_accept_language(Some("nl;q=0, EN")), Language::En);
    }
}
