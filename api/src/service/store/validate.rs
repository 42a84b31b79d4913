//! Input rules shared by the services: lengths, ranges, date order. Field names are the
//! camelCase names of the GraphQL input, so errors point at what the client sent.

use crate::error::{ApiError, ApiResult};
use chrono::NaiveDate;

/// A required single-line text of `min..=max` characters (after trimming).
pub fn line(field: &str, value: &str, max: usize) -> ApiResult<()> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(ApiError::invalid(
            field,
            format!("{field} must not be empty"),
        ));
    }
    length(field, value, max)?;
    if value.contains(['\n', '\r', '\t']) {
        return Err(ApiError::invalid(
            field,
            format!("{field} must be a single line (no line breaks or tabs)"),
        ));
    }
    Ok(())
}

/// An optional single line.
pub fn opt_line(field: &str, value: Option<&str>, max: usize) -> ApiResult<()> {
    value.map_or(Ok(()), |v| line(field, v, max))
}

/// A text of at most `max` characters (may be empty), without the characters no text may hold
/// (`service::store::text`).
pub fn length(field: &str, value: &str, max: usize) -> ApiResult<()> {
    crate::service::store::text::check(field, value)?;
    let n = value.chars().count();
    if n > max {
        return Err(ApiError::invalid(
            field,
            format!("{field} is {n} characters; at most {max} allowed"),
        ));
    }
    Ok(())
}

/// A required text of at most `max` characters.
pub fn text(field: &str, value: &str, max: usize) -> ApiResult<()> {
    if value.trim().is_empty() {
        return Err(ApiError::invalid(
            field,
            format!("{field} must not be empty"),
        ));
    }
    length(field, value, max)
}

/// An integer in `min..=max`.
pub fn range(field: &str, value: i32, min: i32, max: i32) -> ApiResult<()> {
    if value < min || value > max {
        return Err(ApiError::invalid(
            field,
            format!("{field} must be between {min} and {max}, got {value}"),
        ));
    }
    Ok(())
}

/// `start` on or before `end`; the error names `end_field`.
pub fn date_order(
    start_field: &str,
    start: NaiveDate,
    end_field: &str,
    end: NaiveDate,
) -> ApiResult<()> {
    if start > end {
        return Err(ApiError::invalid(
            end_field,
            format!("{end_field} ({end}) must not be before {start_field} ({start})"),
        ));
    }
    Ok(())
}

/// Like `date_order` when both dates are present.
pub fn opt_date_order(
    start_field: &str,
    start: Option<NaiveDate>,
    end_field: &str,
    end: Option<NaiveDate>,
) -> ApiResult<()> {
    match (start, end) {
        (Some(s), Some(e)) => date_order(start_field, s, end_field, e),
        _ => Ok(()),
    }
}

/// A finished piece of work has its completion date, and only finished work has one:
/// DONE needs `date`, PLANNED and IN_PROGRESS must not have it (CANCELLED may, or not).
pub fn completion(
    field: &str,
    status: entity::WorkStatus,
    date: Option<NaiveDate>,
    what: &str,
) -> ApiResult<()> {
    use entity::WorkStatus::*;
    match (status, date) {
        (Done, None) => Err(ApiError::invalid(
            field,
            format!("a done {what} needs {field}"),
        )),
        (Planned | InProgress, Some(_)) => Err(ApiError::invalid(
            field,
            format!("only a done or cancelled {what} has {field}"),
        )),
        _ => Ok(()),
    }
}

/// The reason given with an update (`changeReason`): one line of at most 500 characters, kept
/// trimmed; blank is the same as none.
pub fn change_reason(reason: Option<String>) -> ApiResult<Option<String>> {
    let Some(reason) = reason else {
        return Ok(None);
    };
    let trimmed = reason.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    line("changeReason", trimmed, 500)?;
    Ok(Some(trimmed.to_owned()))
}

/// A year the plan can sensibly talk about.
pub fn year(field: &str, value: i32) -> ApiResult<()> {
    range(field, value, 1990, 2100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn lines_reject_blank_multiline_and_long_text() {
        assert!(line("title", "Fase 1 afgerond", 200).is_ok());
        assert!(line("title", "   ", 200).is_err());
        assert!(line("title", "a\nb", 200).is_err());
        assert!(line("title", "a\tb", 200).is_err());
        assert!(line("title", "a\u{B}b", 200).is_err());
        assert!(text("description", "a\n\tb", 200).is_ok());
        assert!(text("description", "a\u{0}b", 200).is_err());
        assert!(line("title", &"x".repeat(201), 200).is_err());
        assert!(line("title", &"é".repeat(200), 200).is_ok());
    }

    #[test]
    fn ranges_and_dates() {
        assert!(range("score", 0, 1, 5).is_err());
        assert!(range("score", 5, 1, 5).is_ok());
        assert!(
            date_order(
                "plannedStart",
                d("2026-01-01"),
                "plannedEnd",
                d("2025-12-31")
            )
            .is_err()
        );
        assert!(
            date_order(
                "plannedStart",
                d("2026-01-01"),
                "plannedEnd",
                d("2026-01-01")
            )
            .is_ok()
        );
        assert!(opt_date_order("a", None, "b", Some(d("2020-01-01"))).is_ok());
    }
}
