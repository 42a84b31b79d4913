//! The words of a report in its language: Dutch by default ("2 juli 2026", "6,8"), or English.
//! Every text of a report is chosen here, from the typed facts `build` composes
//! ([`crate::service::reports::document::facts`]): no other module of the report branches on the language.

mod commitments;
pub use commitments::LetterFacts;
mod kern;
mod kpis;
mod labels;
mod milestones;
mod pictures;
mod plan;

use entity::{GovernmentLayer, Health, QualityDimension};

pub use crate::service::language::{Language, Words};

/// `text` with its first letter in lower case when it is an ordinary word ("Minister niet
/// eerder beschikbaar" → "minister niet eerder beschikbaar"), for text after a colon; a word
/// in capitals or with a capital inside ("VNG", "TenderNed") stays as it is.
pub fn lower_first(text: &str) -> String {
    let word = text.split_whitespace().next().unwrap_or_default();
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let ordinary =
        letters.next().is_some_and(char::is_uppercase) && letters.all(|c| !c.is_uppercase());
    let mut chars = text.chars();
    match (ordinary, chars.next()) {
        (true, Some(first)) => first.to_lowercase().chain(chars).collect(),
        _ => text.to_owned(),
    }
}

/// `text` ending a sentence: a full stop added unless it ends with one, "!" or "?".
pub fn full_stop(text: &str) -> String {
    if text.ends_with(['.', '!', '?']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// `text` with its first letter in upper case ("gepland 2 juli" → "Gepland 2 juli"; the Dutch
/// digraph too: "ijkpunt" → "IJkpunt").
pub fn sentence(text: &str) -> String {
    if let Some(rest) = text.strip_prefix("ij") {
        return format!("IJ{rest}");
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Words {
    /// The warning about a character the PDF has no glyph for.
    pub fn unsupported_character(self, code_point: &str, excerpt: &str) -> String {
        match self.language() {
            Language::Nl => format!(
                "Het teken {code_point} in „{excerpt}” kan de PDF niet tonen (geen van haar lettertypen heeft het, of het is een teken voor eigen gebruik); in de PDF staat op die plaats �."
            ),
            Language::En => format!(
                "The PDF cannot show the character {code_point} in “{excerpt}” (none of its fonts has it, or it is a private-use character); the PDF shows � in its place."
            ),
        }
    }

    /// "van" / "of", as in "15 van 2.500".
    pub fn of(self) -> &'static str {
        match self.language() {
            Language::Nl => "van",
            Language::En => "of",
        }
    }

    /// The language's decimal sign: ',' in Dutch, '.' in English.
    pub fn decimal_point(self) -> char {
        match self.language() {
            Language::Nl => ',',
            Language::En => '.',
        }
    }

    /// A decimal number as written: "482.754" and "6,8" in Dutch, "482,754" and "6.8" in English.
    pub fn number(self, text: &str) -> String {
        let (sign, digits) = text
            .strip_prefix('-')
            .map_or(("", text), |rest| ("-", rest));
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let fraction = fraction.trim_end_matches('0');
        let point = self.decimal_point();
        let group = if point == ',' { '.' } else { ',' };
        let mut grouped = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(group);
            }
            grouped.push(c);
        }
        if fraction.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}{point}{fraction}")
        }
    }

    /// An exact measured value as written ("337.013", "6,8").
    pub fn exact(self, value: &entity::Exact) -> String {
        self.number(&value.0.normalize().to_string())
    }

    /// A measured value with its qualifier: "ten minste 6,8", "ten hoogste 5", "naar schatting
    /// 12" (English: "at least", "at most", "an estimated"), or the plain value.
    pub fn measured(
        self,
        value: &entity::Exact,
        qualifier: Option<entity::MeasurementQualifier>,
    ) -> String {
        use entity::MeasurementQualifier::*;
        let number = self.exact(value);
        let word = match (self.language(), qualifier) {
            (_, None) => return number,
            (Language::Nl, Some(AtLeast)) => "ten minste",
            (Language::Nl, Some(AtMost)) => "ten hoogste",
            (Language::Nl, Some(Estimate)) => "naar schatting",
            (Language::En, Some(AtLeast)) => "at least",
            (Language::En, Some(AtMost)) => "at most",
            (Language::En, Some(Estimate)) => "an estimated",
        };
        format!("{word} {number}")
    }

    /// A measurement period as a reader writes it: "2023", "2019-2020", "tweede helft 2025",
    /// "derde kwartaal 2025", else "1 maart 2025 tot en met 31 mei 2025" (English: "second half
    /// of 2025", "third quarter of 2025", "1 March 2025 to 31 May 2025").
    pub fn period(self, start: chrono::NaiveDate, end: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let whole_year = |d: chrono::NaiveDate| d.month() == 1 && d.day() == 1;
        let year_end = end.month() == 12 && end.day() == 31;
        if whole_year(start) && year_end {
            return if start.year() == end.year() {
                start.year().to_string()
            } else {
                format!("{}-{}", start.year(), end.year())
            };
        }
        let month_end = end.succ_opt().is_some_and(|next| next.day() == 1);
        if start.year() == end.year() && start.day() == 1 && month_end {
            let months = end.month() - start.month() + 1;
            let year = start.year();
            if months == 6 && (start.month() == 1 || start.month() == 7) {
                let nth = (start.month() / 6) as usize;
                return match self.language() {
                    Language::Nl => format!("{} helft {year}", ["eerste", "tweede"][nth]),
                    Language::En => format!("{} half of {year}", ["first", "second"][nth]),
                };
            }
            if months == 3 && (start.month() - 1).is_multiple_of(3) {
                let nth = ((start.month() - 1) / 3) as usize;
                return match self.language() {
                    Language::Nl => format!(
                        "{} kwartaal {year}",
                        ["eerste", "tweede", "derde", "vierde"][nth]
                    ),
                    Language::En => format!(
                        "{} quarter of {year}",
                        ["first", "second", "third", "fourth"][nth]
                    ),
                };
            }
        }
        match self.language() {
            Language::Nl => format!("{} tot en met {}", self.date(start), self.date(end)),
            Language::En => format!("{} to {}", self.date(start), self.date(end)),
        }
    }

    /// A count in words at the start of a sentence ("Dertien", "Geen"; English "Thirteen",
    /// "No"), where style guides want no figure: up to twenty in words, above it the figure.
    pub fn count_opening(self, n: usize) -> String {
        const NL: [&str; 21] = [
            "geen",
            "één",
            "twee",
            "drie",
            "vier",
            "vijf",
            "zes",
            "zeven",
            "acht",
            "negen",
            "tien",
            "elf",
            "twaalf",
            "dertien",
            "veertien",
            "vijftien",
            "zestien",
            "zeventien",
            "achttien",
            "negentien",
            "twintig",
        ];
        const EN: [&str; 21] = [
            "no",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ];
        let word = match self.language() {
            Language::Nl => NL.get(n),
            Language::En => EN.get(n),
        };
        match word {
            // A capital drops the accent: "Eén", not "Één".
            Some(&"één") => "Eén".to_owned(),
            Some(word) => sentence(word),
            None => self.number(&n.to_string()),
        }
    }

    /// Items as a reader lists them: "a", "a en b", "a, b en c" ("a, b and c").
    pub fn enumerate(self, items: &[String]) -> String {
        let and = match self.language() {
            Language::Nl => "en",
            Language::En => "and",
        };
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
        }
    }

    /// A count in words inside a sentence ("dertien", "één", "geen"): up to twenty in words,
    /// above it the figure.
    pub fn count_word(self, n: usize) -> String {
        match (self.language(), n) {
            (Language::Nl, 1) => "één".to_owned(),
            (_, n) if n <= 20 => self.count_opening(n).to_lowercase(),
            _ => self.number(&n.to_string()),
        }
    }

    /// A score of the data-quality framework: "2 van 5", "2 of 5".
    pub fn score(self, score: i32) -> String {
        format!("{score} {} 5", self.of())
    }

    /// How far a milestone slipped, as a clause: "74 dagen later dan oorspronkelijk gepland"
    /// and, when it also moved since the latest re-plan, "en 9 dagen later dan bij de laatste
    /// herplanning" (English: "74 days later than first planned and 9 days later than at the
    /// latest re-plan").
    pub fn slip(self, original: i64, latest: Option<i64>) -> String {
        let first = match self.language() {
            Language::Nl => format!("{} later dan oorspronkelijk gepland", self.days(original)),
            Language::En => format!("{} later than first planned", self.days(original)),
        };
        match (latest.filter(|d| *d > 0), self.language()) {
            (None, _) => first,
            // The same slip against both: said once.
            (Some(d), Language::Nl) if d == original => format!(
                "{} later dan oorspronkelijk en bij de laatste herplanning gepland",
                self.days(d)
            ),
            (Some(d), Language::En) if d == original => format!(
                "{} later than both the first plan and the latest re-plan",
                self.days(d)
            ),
            (Some(d), Language::Nl) => format!(
                "{first} en {} later dan bij de laatste herplanning",
                self.days(d)
            ),
            (Some(d), Language::En) => {
                format!(
                    "{first} and {} later than at the latest re-plan",
                    self.days(d)
                )
            }
        }
    }

    /// The line that says which document this is: "Kenmerk 2026-0001234 · Versie 2 · Concept
    /// · 15 juni 2026" (without a kenmerk: "Kenmerk nog niet toegekend").
    pub fn stamp(self, stamp: &crate::service::reports::document::content::Stamp) -> String {
        let nl = self.language() == Language::Nl;
        let reference = match (&stamp.reference, nl) {
            (Some(r), true) => format!("Kenmerk {r}"),
            (Some(r), false) => format!("Reference {r}"),
            (None, true) => "Kenmerk nog niet toegekend".to_owned(),
            (None, false) => "No reference yet".to_owned(),
        };
        let status = match (stamp.definitive, nl) {
            (true, true) => "Definitief",
            (true, false) => "Final",
            (false, true) => "Concept",
            (false, false) => "Draft",
        };
        let version = if nl { "Versie" } else { "Version" };
        format!(
            "{reference} \u{B7} {version} {} \u{B7} {status} \u{B7} {}",
            stamp.edition,
            self.date(stamp.date)
        )
    }

    /// A risk's likelihood and impact: "kans hoog, impact middel" ("likelihood high, impact
    /// medium").
    pub fn risk_levels(self, likelihood: entity::RiskLevel, impact: entity::RiskLevel) -> String {
        let level = |l: entity::RiskLevel| self.risk_level(l);
        match self.language() {
            Language::Nl => format!("kans {}, impact {}", level(likelihood), level(impact)),
            Language::En => format!("likelihood {}, impact {}", level(likelihood), level(impact)),
        }
    }

    /// A health value.
    pub fn health(self, health: Health) -> &'static str {
        match (self.language(), health) {
            (Language::Nl, Health::OnTrack) => "op schema",
            (Language::Nl, Health::AtRisk) => "risico",
            (Language::Nl, Health::OffTrack) => "achter op schema",
            (Language::En, Health::OnTrack) => "on track",
            (Language::En, Health::AtRisk) => "at risk",
            (Language::En, Health::OffTrack) => "off track",
        }
    }

    /// A government layer, or the joint milestones (None).
    pub fn layer(self, layer: Option<GovernmentLayer>) -> &'static str {
        match (self.language(), layer) {
            (Language::Nl, Some(GovernmentLayer::Rijk)) => "Rijk",
            (Language::Nl, Some(GovernmentLayer::Provincie)) => "Provincies",
            (Language::Nl, Some(GovernmentLayer::Gemeente)) => "Gemeenten",
            (Language::Nl, Some(GovernmentLayer::Waterschap)) => "Waterschappen",
            (Language::Nl, None) => "Gezamenlijk",
            (Language::En, Some(GovernmentLayer::Rijk)) => "Central government",
            (Language::En, Some(GovernmentLayer::Provincie)) => "Provinces",
            (Language::En, Some(GovernmentLayer::Gemeente)) => "Municipalities",
            (Language::En, Some(GovernmentLayer::Waterschap)) => "Water boards",
            (Language::En, None) => "Joint",
        }
    }

    /// A dimension of the NORA data-quality framework.
    pub fn dimension(self, d: QualityDimension) -> &'static str {
        use QualityDimension::*;
        match (self.language(), d) {
            (Language::Nl, Accuracy) => "juistheid",
            (Language::Nl, Completeness) => "compleetheid",
            (Language::Nl, Validity) => "validiteit",
            (Language::Nl, Consistency) => "consistentie",
            (Language::Nl, Timeliness) => "actualiteit",
            (Language::Nl, Precision) => "precisie",
            (Language::Nl, Plausibility) => "plausibiliteit",
            (Language::Nl, Traceability) => "traceerbaarheid",
            (Language::Nl, Understandability) => "begrijpelijkheid",
            (Language::En, Accuracy) => "accuracy",
            (Language::En, Completeness) => "completeness",
            (Language::En, Validity) => "validity",
            (Language::En, Consistency) => "consistency",
            (Language::En, Timeliness) => "timeliness",
            (Language::En, Precision) => "precision",
            (Language::En, Plausibility) => "plausibility",
            (Language::En, Traceability) => "traceability",
            (Language::En, Understandability) => "understandability",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    const NL: Words = Words::new(Language::Nl);
    const EN: Words = Words::new(Language::En);

    #[test]
    fn dutch_dates_and_numbers() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 7, 2).unwrap_or_default();
        assert_eq!(NL.date(d), "2 juli 2026");
        assert_eq!(EN.date(d), "2 July 2026");
        assert_eq!(NL.number("482754"), "482.754");
        assert_eq!(NL.number("6.80"), "6,8");
        assert_eq!(NL.number("-1234.5"), "-1.234,5");
        assert_eq!(EN.number("482754.25"), "482,754.25");
        assert_eq!(NL.number("45"), "45");
        assert_eq!(NL.days(1), "1 dag");
    }

    #[test]
    fn counts_periods_slips_and_stamps_read_as_written() {
        assert_eq!(NL.count_opening(1), "Eén");
        assert_eq!(NL.count_word(1), "één");
        assert_eq!(NL.count_opening(13), "Dertien");
        assert_eq!(NL.count_word(0), "geen");
        assert_eq!(NL.count_opening(22), "22");
        assert_eq!(EN.count_opening(3), "Three");
        let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap_or_default();
        assert_eq!(
            NL.period(d("2025-07-01"), d("2025-12-31")),
            "tweede helft 2025"
        );
        assert_eq!(
            EN.period(d("2025-07-01"), d("2025-09-30")),
            "third quarter of 2025"
        );
        assert_eq!(NL.period(d("2023-01-01"), d("2023-12-31")), "2023");
        assert_eq!(
            NL.period(d("2025-03-01"), d("2025-05-31")),
            "1 maart 2025 tot en met 31 mei 2025"
        );
        assert_eq!(
            NL.slip(9, Some(9)),
            "9 dagen later dan oorspronkelijk en bij de laatste herplanning gepland"
        );
        assert_eq!(
            NL.slip(70, Some(21)),
            "70 dagen later dan oorspronkelijk gepland en 21 dagen later dan bij de laatste herplanning"
        );
        assert_eq!(
            NL.slip(5, Some(0)),
            "5 dagen later dan oorspronkelijk gepland"
        );
        let stamp = crate::service::reports::document::content::Stamp {
            definitive: true,
            edition: 2,
            reference: Some("2026-0000123456".into()),
            date: d("2026-07-01"),
        };
        assert_eq!(
            NL.stamp(&stamp),
            "Kenmerk 2026-0000123456 · Versie 2 · Definitief · 1 juli 2026"
        );
        assert_eq!(
            EN.stamp(&crate::service::reports::document::content::Stamp::draft(
                d("2026-07-01")
            )),
            "No reference yet · Version 1 · Draft · 1 July 2026"
        );
        assert_eq!(
            NL.enumerate(&["a".into(), "b".into(), "c".into()]),
            "a, b en c"
        );
    }

    #[test]
    fn a_sentence_starts_with_a_capital() {
        use super::sentence;
        assert_eq!(sentence("gepland 2 juli 2026"), "Gepland 2 juli 2026");
        assert_eq!(sentence("ijkpunt gemist"), "IJkpunt gemist");
        assert_eq!(sentence("éénmalig"), "Éénmalig");
        assert_eq!(sentence("Al hoofdletter"), "Al hoofdletter");
        assert_eq!(sentence(""), "");
        use super::full_stop;
        assert_eq!(
            full_stop("Geen toelichting gegeven"),
            "Geen toelichting gegeven."
        );
        assert_eq!(full_stop("Kost meer tijd."), "Kost meer tijd.");
        use super::lower_first;
        assert_eq!(
            lower_first("Minister niet beschikbaar"),
            "minister niet beschikbaar"
        );
        assert_eq!(lower_first("VNG stemt later in"), "VNG stemt later in");
        assert_eq!(lower_first("TenderNed vertraagd"), "TenderNed vertraagd");
        assert_eq!(lower_first("Één dag"), "één dag");
    }
}
