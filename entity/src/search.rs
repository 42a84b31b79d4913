//! The searchable text of milestones, KPIs and data sources: one folded form, stored in the
//! `search_text` column on every write and computed the same way for as-of views, so a search
//! finds the same objects on SQLite, on PostgreSQL and in the plan as it stood at a moment.
//!
//! Folding decomposes (NFKD: the ligature "ĳ" becomes "ij", "㎒" becomes "MHz"), lower-cases
//! all of Unicode (SQLite's `lower()` only folds ASCII; lowering after decomposing also lowers
//! what decomposing brought), drops the combining marks and writes a final sigma as σ. So "een"
//! finds "Één", "cafe" finds "café" and "mhz" finds "㎒": in Dutch, accents are for stress and
//! pronunciation, and a search for a word should not depend on them.
//!
//! What is stored depends on this function: a change to it needs a migration that fills
//! `search_text` again (as `m20261130_000010_search_text` first did).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `text` folded for search: compatibility-decomposed, lower case, without combining marks,
/// a final sigma as σ.
pub fn fold(text: &str) -> String {
    let lowered = text.nfkd().collect::<String>().to_lowercase();
    lowered
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c == 'ς' { 'σ' } else { c })
        .collect()
}

/// The stored search text of an object's searchable fields (folded, one per line).
pub fn search_text(parts: &[&str]) -> String {
    fold(&parts.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the list filters test in memory (`Filter::search`): the folded text holds the
    /// trimmed, folded needle.
    fn matches(search_text: &str, needle: &str) -> bool {
        search_text.contains(&fold(needle.trim()))
    }

    #[test]
    fn folding_ignores_case_and_accents_in_all_of_unicode() {
        assert_eq!(fold("Één loket"), "een loket");
        assert_eq!(fold("ÉÉN"), "een");
        assert_eq!(fold("Ĳsselmeer"), "ijsselmeer");
        assert_eq!(fold("Café Crème"), "cafe creme");
        assert_eq!(fold("ΣΟΦΊΑ"), "σοφια");
        assert_eq!(fold("ΣΟΦΟΣ"), "σοφοσ", "a final sigma is a sigma");
        assert_eq!(fold("5 ㎒ ™ №"), "5 mhz tm no");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert!(matches(
            &search_text(&["Één loket voor data", ""]),
            " één LOKET "
        ));
        assert!(matches(&search_text(&["Één loket voor data", ""]), "een"));
        assert!(
            !matches(&search_text(&["Eén", "x"]), "eenx"),
            "fields stay apart"
        );
    }
}
