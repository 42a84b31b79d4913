//! Why a milestone has the health it has: reasons a manager can read, with their facts.
//!
//! A reason holds facts only; `language::Words::health_reason` writes the sentence in Dutch or English, so
//! the API, the report and any other reader say the same thing in the reader's language.

use chrono::NaiveDate;

/// What a reason is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReasonCode {
    /// It is done.
    Done,
    /// It is cancelled.
    Cancelled,
    /// Not done, and its own date (forecast, else planned) is before the status date.
    Overdue,
    /// Its projected date passes its own deadline.
    PassesDeadline,
    /// Its projection makes a successor miss that successor's deadline.
    PushesPastDeadline,
    /// Little or no slack to its deadline, or to a successor's deadline.
    DeadlineSlack,
    /// A predecessor is off track.
    PredecessorOffTrack,
    /// A predecessor pushes it past its own date.
    PushedByPredecessor,
    /// Its forecast is earlier than its predecessors allow.
    InfeasibleForecast,
    /// Its projected date is later than its latest baseline by more than the threshold.
    BehindBaseline,
}

/// One reason, with the facts it rests on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    /// What it is about.
    pub code: ReasonCode,
    /// The other milestone it names (a predecessor, or the successor whose deadline it is).
    pub milestone: Option<i32>,
    /// That milestone's title.
    pub title: Option<String>,
    /// The number of days it names (always counted so that more is worse: days overdue, late,
    /// pushed or behind; days of slack for `DeadlineSlack`).
    pub days: Option<i64>,
    /// The date it names: a deadline, the date predecessors allow, the baseline date, or (for
    /// `Overdue` and `Done`) the milestone's own or actual date.
    pub date: Option<NaiveDate>,
    /// The register number of the commitment a deadline comes from.
    pub commitment: Option<String>,
    /// The milestone's own date is a forecast (not its planned date).
    pub forecast: Option<NaiveDate>,
    /// For `PredecessorOffTrack`: the predecessor is off track by its manager's judgement, not
    /// by the schedule.
    pub judged: bool,
}

impl Reason {
    pub(super) fn new(code: ReasonCode) -> Self {
        Self {
            code,
            milestone: None,
            title: None,
            days: None,
            date: None,
            commitment: None,
            forecast: None,
            judged: false,
        }
    }

    pub(super) fn judged(mut self, judged: bool) -> Self {
        self.judged = judged;
        self
    }

    pub(super) fn about(mut self, milestone: i32, title: &str) -> Self {
        self.milestone = Some(milestone);
        self.title = Some(title.to_owned());
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

    pub(super) fn commitment(mut self, number: Option<&str>) -> Self {
        self.commitment = number.map(str::to_owned);
        self
    }

    pub(super) fn forecast(mut self, forecast: Option<NaiveDate>) -> Self {
        self.forecast = forecast;
        self
    }
}
