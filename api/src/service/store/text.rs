//! Which characters koers text may hold, checked once for every text a client sends, and the
//! cleaning of text stored before the rule existed, applied when a document is rendered.
//!
//! Refused: the control characters other than tab, line feed and carriage return (C0, DEL and
//! C1, which holds U+0085 NEXT LINE), the line and paragraph separators U+2028 and U+2029, and
//! the Unicode non-characters (U+FDD0-U+FDEF and the last two code points of every plane),
//! and the explicit bidirectional embeddings, overrides and isolates (U+202A-U+202E,
//! U+2066-U+2069), which make text display in another order than it is stored.
//! They are never meant as text: XML 1.0 cannot hold most of them (the ODT and the SVG pictures
//! would not be well-formed, even escaped), typst refuses them, PostgreSQL refuses U+0000, and
//! a word processor's paste brings U+000B for a line break.

use crate::error::{ApiError, ApiResult};
use std::borrow::Cow;

/// Whether `c` may never appear in a text.
pub fn forbidden(c: char) -> bool {
    let n = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{2028}' | '\u{2029}')
        || bidi_control(c)
        || (0xFDD0..=0xFDEF).contains(&n)
        || (n & 0xFFFE) == 0xFFFE
}

/// Whether `c` is an explicit bidirectional embedding, override or isolate (U+202A-U+202E,
/// U+2066-U+2069): it makes text display in another order than it is stored ("Trojan Source",
/// CVE-2021-42574), so a kenmerk or title could show one thing and be another. The marks
/// U+200E, U+200F and U+061C, which only give a direction, stay allowed.
fn bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` is a line break other than `\n` (text in documents is normalised to `\n`).
fn line_break(c: char) -> bool {
    matches!(
        c,
        '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The code point as it is written in messages: `U+000B`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// Refuse a text holding a forbidden character; the error names the field, the character and
/// its position (counted in characters from 1), with `BAD_USER_INPUT`.
pub fn check(field: &str, value: &str) -> ApiResult<()> {
    match value.chars().enumerate().find(|(_, c)| forbidden(*c)) {
        None => Ok(()),
        Some((i, c)) => Err(ApiError::invalid(
            field,
            format!(
                "{field} contains the control character, direction override or non-character {} \
                 at position {}; remove it (a text that may span lines breaks them with a plain \
                 line feed)",
                code_point(c),
                i + 1
            ),
        )),
    }
}

/// `value` with every line break written as `\n` and every other forbidden character left out.
/// Borrowed when there is nothing to clean (nearly always).
pub fn clean(value: &str) -> Cow<'_, str> {
    if !value.chars().any(|c| forbidden(c) || c == '\r') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if line_break(c) {
            out.push('\n');
        } else if !forbidden(c) {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_separators_and_non_characters_are_forbidden() {
        for c in [
            '\u{0}',
            '\u{7}',
            '\u{B}',
            '\u{C}',
            '\u{1B}',
            '\u{7F}',
            '\u{85}',
            '\u{9F}',
            '\u{2028}',
            '\u{2029}',
            '\u{FDD0}',
            '\u{FDEF}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{1FFFE}',
            '\u{10FFFF}',
            '\u{202A}',
            '\u{202E}',
            '\u{2066}',
            '\u{2069}',
        ] {
            assert!(forbidden(c), "{}", code_point(c));
        }
        for c in [
            '\t', '\n', '\r', ' ', 'é', '€', '\u{A0}', '\u{FDCF}', '\u{FFFD}', '🚀', '中',
            '\u{200E}', '\u{200F}', '\u{061C}', 'ש',
        ] {
            assert!(!forbidden(c), "{}", code_point(c));
        }
    }

    #[test]
    fn check_names_the_field_character_and_position() {
        assert!(check("title", "Één loket\tmet tab\nen regel").is_ok());
        let Err(ApiError::Invalid { field, message }) = check("title", "ab\u{B}c") else {
            panic!("refused");
        };
        assert_eq!(field, "title");
        assert!(
            message.contains("U+000B") && message.contains("position 3"),
            "{message}"
        );
    }

    #[test]
    fn clean_normalises_breaks_and_drops_the_rest() {
        assert_eq!(clean("plain"), Cow::Borrowed("plain"));
        assert_eq!(clean("a\r\nb\rc\u{B}d\u{2028}e\u{85}f"), "a\nb\nc\nd\ne\nf");
        assert_eq!(clean("x\u{0}y\u{7}z\u{1B}[0m\u{FFFE}"), "xyz[0m");
        assert_eq!(clean("KN-2026/\u{202E}evil\u{202C}-1"), "KN-2026/evil-1");
    }
}
