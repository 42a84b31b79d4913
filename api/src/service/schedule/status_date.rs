//! The status date and the Dutch calendar day: what "today" is for the plan.
//!
//! koers works in calendar days of the Netherlands (`Europe/Amsterdam`, summer and winter time),
//! never in UTC days: a peildatum ends at 24:00 Dutch time, and the status date of a live read
//! is the Dutch calendar day of the injected clock's moment. This module is the one place a
//! moment becomes a day ([`dutch_day`]) and a day becomes a moment ([`end_of_day`]).

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;

/// The calendar day in the Netherlands at moment `at` (23:30 UTC on 15 June is 16 June). At the
/// very end of the calendar, where the Dutch time would not fit, the UTC day.
pub fn dutch_day(at: DateTime<Utc>) -> NaiveDate {
    use chrono::{Offset, TimeZone as _};
    let utc = at.naive_utc();
    let offset = Amsterdam.offset_from_utc_datetime(&utc).fix();
    utc.checked_add_offset(offset)
        .map_or(utc.date(), |local| local.date())
}

/// The first moment of `day` in the Netherlands (00:00 Dutch time, as UTC).
pub fn start_of_day(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    // Dutch clocks change at 02:00 or 03:00, never at midnight, so midnight always exists once;
    // `earliest` covers a calendar that would say otherwise.
    Amsterdam
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

/// The last moment of `day` in the Netherlands: one microsecond before 24:00 Dutch time (the
/// finest step both databases store). What an as-of view of a day, a report of a peildatum and
/// a token valid until a date see: a change made at 01:30 on 16 June (23:30 UTC on 15 June) is
/// after the end of 15 June.
pub fn end_of_day(day: NaiveDate) -> DateTime<Utc> {
    match day.succ_opt() {
        Some(next) => start_of_day(next) - Duration::microseconds(1),
        None => DateTime::<Utc>::MAX_UTC,
    }
}

/// Where the status date comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusDate {
    /// Today in the Netherlands, from the clock (production).
    #[default]
    Today,
    /// A fixed day (training, demo and replay instances: `--status-date`).
    Fixed(NaiveDate),
}

impl StatusDate {
    /// The status date of a live read at moment `now`.
    pub fn at(self, now: DateTime<Utc>) -> NaiveDate {
        match self {
            StatusDate::Today => dutch_day(now),
            StatusDate::Fixed(day) => day,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .expect("moment")
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("day")
    }

    #[test]
    fn a_summer_night_belongs_to_the_next_dutch_day() {
        // 23:30 UTC on 15 June is 01:30 on 16 June in summer time (UTC+2).
        assert_eq!(dutch_day(utc(2026, 6, 15, 23, 30)), day(2026, 6, 16));
        assert_eq!(dutch_day(utc(2026, 6, 15, 21, 59)), day(2026, 6, 15));
        assert_eq!(dutch_day(utc(2026, 6, 15, 22, 0)), day(2026, 6, 16));
    }

    #[test]
    fn a_winter_night_turns_at_23_utc() {
        assert_eq!(dutch_day(utc(2026, 11, 30, 22, 59)), day(2026, 11, 30));
        assert_eq!(dutch_day(utc(2026, 11, 30, 23, 0)), day(2026, 12, 1));
    }

    #[test]
    fn a_day_ends_at_dutch_midnight() {
        let summer = end_of_day(day(2026, 6, 15));
        assert_eq!(summer, utc(2026, 6, 15, 22, 0) - Duration::microseconds(1));
        let winter = end_of_day(day(2026, 12, 15));
        assert_eq!(winter, utc(2026, 12, 15, 23, 0) - Duration::microseconds(1));
        assert_eq!(dutch_day(summer), day(2026, 6, 15));
        assert_eq!(
            dutch_day(summer + Duration::microseconds(1)),
            day(2026, 6, 16)
        );
        // The day the clocks go back (25 October 2026) has 25 hours.
        assert_eq!(
            end_of_day(day(2026, 10, 25)) - end_of_day(day(2026, 10, 24)),
            Duration::hours(25)
        );
        assert_eq!(end_of_day(NaiveDate::MAX), DateTime::<Utc>::MAX_UTC);
        // The ends of the calendar do not panic.
        assert_eq!(dutch_day(DateTime::<Utc>::MAX_UTC), NaiveDate::MAX);
        assert_eq!(dutch_day(DateTime::<Utc>::MIN_UTC), NaiveDate::MIN);
    }

    #[test]
    fn a_fixed_status_date_ignores_the_clock() {
        let now = utc(2026, 11, 30, 12, 0);
        assert_eq!(StatusDate::Today.at(now), day(2026, 11, 30));
        assert_eq!(
            StatusDate::Fixed(day(2026, 6, 15)).at(now),
            day(2026, 6, 15)
        );
    }
}
