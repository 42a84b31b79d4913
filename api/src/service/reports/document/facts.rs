//! The facts a report states, typed: what is late, by how much, why, against which target.
//! `build` composes them from the plan as of the peildatum; `words` puts each into the report's
//! language. A fact holds dates, counts and the plan's own texts (titles, reasons given), never
//! words of the report's language.

use crate::service::schedule::{CommitmentState, Reason};
use chrono::NaiveDate;
use entity::{Health, LetterKind, QualityDimension, WorkStatus};

/// The period a report covers: since the previous report's peildatum, or from the start.
#[derive(Clone, Copy, Debug)]
pub struct Period {
    /// The previous report's peildatum; none for the first report.
    pub after: Option<NaiveDate>,
    /// The peildatum.
    pub until: NaiveDate,
}

/// When an open milestone is expected.
#[derive(Clone, Copy, Debug)]
pub struct Expected {
    /// Its projected date.
    pub day: NaiveDate,
    /// Whether that is only the earliest it can still happen: it is overdue, or overdue work
    /// before it pushes it.
    pub at_earliest: bool,
}

/// A milestone's own date: its forecast, or its planned date without one.
#[derive(Clone, Copy, Debug)]
pub struct OwnDate {
    /// The day.
    pub day: NaiveDate,
    /// Whether it is a forecast (else the planned date).
    pub forecast: bool,
}

/// One milestone of the critical path, with its slack.
#[derive(Clone, Debug)]
pub struct PathStep {
    /// Its title.
    pub title: String,
    /// Days it can slip without moving the end or missing a deadline.
    pub slack: i64,
}

/// An earlier letter to the Kamer about the programme.
#[derive(Clone, Debug)]
pub enum EarlierLetter {
    /// A commitment's letter: a postponement or its fulfilment.
    Commitment {
        /// Postponement or fulfilment.
        kind: LetterKind,
        /// The day it was sent.
        sent_on: NaiveDate,
        /// The commitment's register number.
        number: String,
        /// The letter's kenmerk, if recorded.
        reference: Option<String>,
    },
    /// A published progress report (of an earlier peildatum, or an earlier edition of this
    /// one).
    Report {
        /// Its title.
        title: String,
        /// Its peildatum.
        as_of: NaiveDate,
        /// The day it was published (its date).
        sent_on: NaiveDate,
        /// The commitments its publication fulfilled (their numbers).
        fulfilled: Vec<String>,
    },
}

/// Why a milestone's date moved.
#[derive(Clone, Debug)]
pub enum Explanation {
    /// The reason given with its move to a later date.
    Given(String),
    /// The postponement letter of a commitment it fulfils: sent on, reason.
    Postponed(NaiveDate, String),
    /// What the schedule knows: a predecessor pushes it, or its forecast cannot be met.
    Schedule(Reason),
    /// The reason its manager gave with a judgement of its health that the schedule shares
    /// (so it is not stated as a differing judgement).
    Manager(String),
}

/// A manager's judgement of a milestone's health that differs from the computed one.
#[derive(Clone, Debug)]
pub struct Judgement {
    /// The health the manager set.
    pub health: Health,
    /// The reason given, if any.
    pub why: Option<String>,
}

/// How many milestones there are and how many are done.
#[derive(Clone, Copy, Debug)]
pub struct Tally {
    /// All but the cancelled ones.
    pub total: usize,
    /// Done.
    pub done: usize,
    /// Done in the period since the previous report; none for the first report.
    pub done_in_period: Option<usize>,
}

/// The open milestones not on track (by computed health).
#[derive(Clone, Copy, Debug)]
pub struct HealthCounts {
    /// At risk.
    pub at_risk: usize,
    /// Off track.
    pub off_track: usize,
}

/// The main risk of the plan.
#[derive(Clone, Debug)]
pub struct KeyRisk {
    /// The milestone's title.
    pub title: String,
    /// Its own date when it is overdue (not done by then); none when it is not.
    pub overdue_since: Option<OwnDate>,
    /// When it is expected.
    pub expected: Expected,
}

/// Milestones whose manager judges their health otherwise than the schedule.
#[derive(Clone, Debug)]
pub enum Judged {
    /// One: its title, the manager's health and the computed one.
    One(String, Health, Health),
    /// Several: how many.
    Many(usize),
}

/// The report itself reaching the Kamer after a commitment's deadline.
#[derive(Clone, Debug)]
pub struct LateReport {
    /// The day the plan has it reach the Kamer (its Kamerbrief milestone's projection), or the
    /// peildatum when the deadline has already passed.
    pub day: NaiveDate,
    /// Days after the deadline.
    pub days_late: i64,
    /// The commitment's register number.
    pub number: String,
    /// The deadline had passed by the peildatum: the report is late, no postponement letter
    /// can help any more.
    pub missed: bool,
}

/// The open commitments this report does not answer, by state.
#[derive(Clone, Debug)]
pub struct CommitmentTally {
    /// How many are open.
    pub open: usize,
    /// The numbers of those past their deadline, not kept.
    pub missed: Vec<String>,
    /// How many of those have their work done (only the letter is missing).
    pub missed_work_done: usize,
    /// The numbers of those needing a postponement letter.
    pub need_letter: Vec<String>,
    /// Whether the report answers commitments itself (the others are then "other" ones).
    pub besides_own: bool,
}

/// Where an open commitment stands by the schedule.
#[derive(Clone, Debug)]
pub struct OpenCommitment {
    /// The schedule's state; none when it has no view on it.
    pub state: Option<CommitmentState>,
    /// The title of the milestone that decides it, if any.
    pub cause: Option<String>,
    /// When that milestone is expected (none: no milestone is linked).
    pub expected: Option<Expected>,
    /// Whether its work is done (only the letter is missing).
    pub work_done: bool,
    /// The day the work that decides it is (or was) done, by the schedule.
    pub done_on: Option<NaiveDate>,
    /// Days past the deadline (missed, or expected after it).
    pub days_late: i64,
    /// Days from the peildatum to the deadline.
    pub days_left: i64,
}

/// A milestone's status in the milestone table.
#[derive(Clone, Copy, Debug)]
pub enum RowStatus {
    /// Done.
    Done,
    /// Not done by its planned date.
    Overdue,
    /// Open, with its computed health.
    Open(Health),
}

/// A milestone's current date in the milestone table.
#[derive(Clone, Copy, Debug)]
pub enum Current {
    /// Done on this day, or expected on it.
    On(NaiveDate),
    /// Not done by its own date; and the earliest it can now be done, when that is later than
    /// the peildatum (overdue work before it pushes it).
    NotDone(OwnDate, Option<NaiveDate>),
    /// At the earliest on this day: overdue work before it pushes it.
    Earliest(NaiveDate),
    /// This report's own Kamerbrief, overdue: it goes with this report (of this peildatum).
    ThisReport(NaiveDate),
}

/// What a risk of the register concerns.
#[derive(Clone, Debug, Default)]
pub struct Concerns {
    /// The milestone's title.
    pub milestone: Option<String>,
    /// The commitment's register number.
    pub commitment: Option<String>,
}

/// A planned or forecast date that moved, from the change history.
#[derive(Clone, Debug)]
pub struct Moved {
    /// Whether the forecast moved (else the plan).
    pub forecast: bool,
    /// The date before; none if there was none.
    pub from: Option<NaiveDate>,
    /// The date after; none if it was cleared.
    pub to: Option<NaiveDate>,
    /// The reason given with the change.
    pub why: Option<String>,
}

/// The next moment the Kamer is informed after this report.
#[derive(Clone, Debug)]
pub enum NextMoment {
    /// A planned Kamerbrief milestone: its title and when it is expected.
    Letter(String, Expected),
    /// The deadline of an open commitment: its number, deadline text and date.
    Deadline(String, Option<String>, NaiveDate),
    /// Nothing is planned; whether this report answers commitments itself (the open ones are
    /// then "other" ones).
    NonePlanned(bool),
}

/// The lowest score (on the scale of 1 to 5) at which a data source is good enough on a
/// dimension to report a KPI computed from it.
pub const USABLE_SCORE: i32 = 3;

/// What keeps a KPI from being reported.
#[derive(Clone, Debug)]
pub enum Blocker {
    /// A data source scores below 3 on a dimension: the source, the dimension, the score.
    Quality(String, QualityDimension, i32),
    /// A data-infrastructure task it waits for is not done: its title, due date, and whether
    /// that date has passed.
    Task(String, NaiveDate, bool),
    /// There is no measurement yet.
    NoMeasurement,
}

impl Blocker {
    /// Everything that keeps a KPI from being reported on `day`, the one rule for the progress
    /// report and the web app: each latest score (source name, dimension, score) of its data
    /// sources below [`USABLE_SCORE`], each task it waits for (title, due date, progress) that
    /// is not done, and having no measurement. Empty: it can be reported.
    pub fn of_kpi(
        scores: impl IntoIterator<Item = (String, QualityDimension, i32)>,
        tasks: impl IntoIterator<Item = (String, NaiveDate, WorkStatus)>,
        measured: bool,
        day: NaiveDate,
    ) -> Vec<Blocker> {
        let mut why: Vec<Blocker> = scores
            .into_iter()
            .filter(|(_, _, score)| *score < USABLE_SCORE)
            .map(|(name, dimension, score)| Blocker::Quality(name, dimension, score))
            .collect();
        why.extend(
            tasks
                .into_iter()
                .filter(|(_, _, status)| *status != WorkStatus::Done)
                .map(|(title, due, _)| Blocker::Task(title, due, due < day)),
        );
        if !measured {
            why.push(Blocker::NoMeasurement);
        }
        why
    }
}

/// How the latest value of a series compares with the one before, by the KPI's direction.
#[derive(Clone, Copy, Debug)]
pub enum Trend {
    /// Better.
    Better,
    /// The same.
    Same,
    /// Worse.
    Worse,
    /// Not certain: one of the two is a bound ("ten minste").
    Unknown,
}

/// A data source of a KPI with its weakest assessed dimension (none: not assessed).
#[derive(Clone, Debug)]
pub struct SourceQuality {
    /// The source's name.
    pub name: String,
    /// Its weakest dimension and score.
    pub weakest: Option<(QualityDimension, i32)>,
}
