//! A manager's override of a milestone's computed health (issue 15).
//!
//! A layer manager may set one, but it is always shown as an override next to the computed
//! health. One that is *better* than the computed health hides a problem the schedule sees, so
//! it needs a reason of at least a sentence ([`MIN_WORDS`] words, [`MIN_CHARS`] characters) and
//! lapses: it counts up to and including its `until` day (by default [`DEFAULT_DAYS`] days after
//! the status date it was set on, at most [`MAX_DAYS`]), after which the computed health counts
//! again (`schedule::Override::counts`).

use crate::error::{ApiError, ApiResult};
use crate::service::Actor;
use entity::milestone;

/// Days an override lasts when no `until` is given.
pub const DEFAULT_DAYS: i64 = 30;
/// The furthest `until` may lie after the status date.
pub const MAX_DAYS: i64 = 90;
/// Words a reason for a better-than-computed override needs at least.
pub const MIN_WORDS: usize = 5;
/// Characters such a reason needs at least.
pub const MIN_CHARS: usize = 30;

/// Whether `next` sets an override that differs from the one `before` had (its health, reason
/// or end).
pub fn changed(before: Option<&milestone::Model>, next: &milestone::Model) -> bool {
    next.health_override.is_some()
        && before.is_none_or(|b| {
            (
                b.health_override,
                &b.health_override_reason,
                b.health_override_until,
            ) != (
                next.health_override,
                &next.health_override_reason,
                next.health_override_until,
            )
        })
}

/// Fill the override's defaults: an override set or sent again without `until` lasts
/// [`DEFAULT_DAYS`] days; a removed override takes its reason and end with it.
pub fn prepare(actor: &Actor, before: Option<&milestone::Model>, next: &mut milestone::Model) {
    if next.health_override.is_none() {
        next.health_override_reason = None;
        next.health_override_until = None;
        return;
    }
    // Set anew, or sent again without its end: it lasts the default from now. An override
    // the change did not touch keeps what it had.
    let renewed = before.is_none_or(|b| {
        (b.health_override, &b.health_override_reason)
            != (next.health_override, &next.health_override_reason)
            || b.health_override_until.is_some()
    });
    if renewed
        && next.health_override_until.is_none()
        && let Some(until) = actor
            .rules
            .status_date
            .checked_add_signed(chrono::Duration::days(DEFAULT_DAYS))
    {
        next.health_override_until = Some(until);
    }
}

/// The rules of an override's end on a new or changed override: not before the status date,
/// at most [`MAX_DAYS`] after it (`healthOverride.until`).
pub fn check_until(
    actor: &Actor,
    before: Option<&milestone::Model>,
    next: &milestone::Model,
) -> ApiResult<()> {
    if !changed(before, next) {
        return Ok(());
    }
    let Some(until) = next.health_override_until else {
        return Ok(());
    };
    let today = actor.rules.status_date;
    let latest = today
        .checked_add_signed(chrono::Duration::days(MAX_DAYS))
        .unwrap_or(today);
    if until < today || until > latest {
        return Err(ApiError::invalid(
            "healthOverride.until",
            format!(
                "an override lasts from the status date ({today}) to at most {MAX_DAYS} days later ({latest}); {until} is outside that"
            ),
        ));
    }
    Ok(())
}

/// Whether `reason` is at least a sentence.
pub fn is_a_sentence(reason: &str) -> bool {
    let reason = reason.trim();
    reason.chars().count() >= MIN_CHARS && reason.split_whitespace().count() >= MIN_WORDS
}

/// Refuse a new or changed override better than the health computed for the plan as it now
/// stands (`computed`) whose reason is not a sentence (`healthOverride.reason`).
pub fn check_reason(
    before: Option<&milestone::Model>,
    next: &milestone::Model,
    computed: entity::Health,
) -> ApiResult<()> {
    let Some(health) = next.health_override else {
        return Ok(());
    };
    if !changed(before, next) || health >= computed {
        return Ok(());
    }
    if is_a_sentence(next.health_override_reason.as_deref().unwrap_or_default()) {
        return Ok(());
    }
    Err(ApiError::invalid(
        "healthOverride.reason",
        format!(
            "the override is better than the computed health ({}): explain why in at least a sentence ({MIN_WORDS} words, {MIN_CHARS} characters)",
            computed.as_str()
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_has_words_and_length() {
        assert!(!is_a_sentence("loopt goed"));
        assert!(!is_a_sentence("ééééééééééééééééééééééééééééééééééé"));
        assert!(is_a_sentence(
            "De leverancier heeft de levering schriftelijk toegezegd."
        ));
    }
}
