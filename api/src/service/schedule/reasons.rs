//! Why a milestone has the health it has: reasons a manager can read, with their facts.

use chrono::NaiveDate;

/// What a reason is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReasonCode {
    /// It is done.
    Done,
    /// It is cancelled.
    Cancelled,
    /// Its projected date passes its own deadline.
    PassesDeadline,
    /// Little or no slack to its deadline, or to a successor's deadline.
    DeadlineSlack,
    /// A predecessor is off track.
    PredecessorOffTrack,
    /// A predecessor pushes it past its own date.
    PushedByPredecessor,
    /// Its forecast is earlier than its predecessors allow.
    InfeasibleForecast,
}

/// One reason, with the facts it rests on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    /// What it is about.
    pub code: ReasonCode,
    /// The other milestone it names (a predecessor, or the successor whose deadline it is).
    pub milestone: Option<i32>,
    /// The number of days it names.
    pub days: Option<i64>,
    /// The date it names (a deadline, or the date predecessors allow).
    pub date: Option<NaiveDate>,
    /// The sentence.
    pub message: String,
}

impl Reason {
    pub(super) fn new(code: ReasonCode, message: String) -> Self {
        Self {
            code,
            milestone: None,
            days: None,
            date: None,
            message,
        }
    }

    pub(super) fn about(mut self, milestone: i32) -> Self {
        self.milestone = Some(milestone);
        self
    }

    pub(super) fn days(mut self, days: i64) -> Self {
        self.days = Some(days);
        self
    }

    pub(super) fn date(mut self, date: NaiveDate) -> Self {
        self.date = Some(date);
        self
    }
}

/// "1 day", "23 days".
pub(super) fn days(n: i64) -> String {
    if n.abs() == 1 {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}
