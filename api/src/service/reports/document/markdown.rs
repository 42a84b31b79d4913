//! Text from the plan as literal Markdown: whatever a title, a note or a KPI name holds, it is
//! shown as written and never becomes markup (emphasis, links, HTML, a table cell, a heading or
//! a list). Applied to every value the Markdown template prints (`render.rs` sets it as the
//! template's escaping), so no field can be forgotten.
//!
//! CommonMark lets any ASCII punctuation be escaped with a backslash; only the characters that
//! can start markup are, so the Markdown stays readable: `\ ` * _ [ ] < > | & # ~` anywhere,
//! and `-`, `+`, `=` and an ordered-list number's `.` or `)` at the start of a value (where a
//! value can begin a line). Line breaks and tabs become spaces: a value never starts a block.

/// `text` escaped for CommonMark with GitHub's tables and strikethrough. Spaces around it are
/// left out (four at the start of a line would make a code block, two at the end a line break).
pub fn escape(text: &str) -> String {
    let chars: Vec<char> = text.trim_matches(' ').chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    // Where the value's first word begins, and how many digits it
    // opens with: "12. " or "3) " there would start an ordered list.
    let first = chars.iter().position(|c| *c != ' ').unwrap_or(chars.len());
    let digits = chars[first..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    for (i, &c) in chars.iter().enumerate() {
        let list_number_end = digits > 0
            && i == first + digits
            && matches!(c, '.' | ')')
            && chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if i == first => {
                out.push('\\');
                out.push(c);
            }
            _ if list_number_end => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_plain_text_is_left_alone() {
        assert_eq!(escape("Fase 1 afgerond (2024)."), "Fase 1 afgerond (2024).");
        assert_eq!(escape("MVOI-01 68 %"), "MVOI-01 68 %");
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("*x* _y_"), "\\*x\\* \\_y\\_");
        assert_eq!(
            escape("[a](javascript:alert(1))"),
            "\\[a\\](javascript:alert(1))"
        );
        assert_eq!(
            escape("<img src=x onerror=alert(1)>"),
            "\\<img src=x onerror=alert(1)\\>"
        );
        assert_eq!(escape("# kop"), "\\# kop");
        assert_eq!(escape("- lijst"), "\\- lijst");
        assert_eq!(escape("2026. Jaar"), "2026\\. Jaar");
        assert_eq!(escape("337.013 (2021)"), "337.013 (2021)");
        assert_eq!(escape("12"), "12");
        assert_eq!(escape("3) punt"), "3\\) punt");
        assert_eq!(escape("a\nb\tc"), "a b c");
        assert_eq!(escape("a - b"), "a - b");
        assert_eq!(escape("    code?  "), "code?");
    }
}
