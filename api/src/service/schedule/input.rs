//! What the schedule is computed from: milestones, dependencies and open commitments.

use chrono::NaiveDate;
use entity::{
    CommitmentStatus, Health, WorkStatus, commitment, commitment_milestone, milestone,
    milestone_dependency,
};

/// A milestone, as far as the schedule is concerned.
#[derive(Clone, Debug)]
pub struct Node {
    /// Its id.
    pub id: i32,
    /// Its programme.
    pub programme_id: i32,
    /// Its phase.
    pub phase_id: Option<i32>,
    /// Its title (reasons name milestones by title).
    pub title: String,
    /// Date as first promised.
    pub baseline: NaiveDate,
    /// Planned date.
    pub planned: NaiveDate,
    /// Forecast date.
    pub forecast: Option<NaiveDate>,
    /// Actual date.
    pub actual: Option<NaiveDate>,
    /// Progress.
    pub status: WorkStatus,
    /// Its own hard deadline.
    pub deadline: Option<NaiveDate>,
    /// A manager's override of the computed health.
    pub health_override: Option<Override>,
    /// Its projected date in the latest baseline that includes it (None without one).
    pub latest_baseline: Option<NaiveDate>,
}

/// A manager's override of a milestone's computed health.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    /// The health it sets.
    pub health: Health,
    /// Why (the manager's words).
    pub reason: String,
    /// The last day it counts when it is better than the computed health.
    pub until: Option<NaiveDate>,
}

impl Override {
    /// Whether it counts on `status_date` against the `computed` health: an override no better
    /// than the computed health always does (a manager may warn more than the schedule); a
    /// better one only up to and including its `until` day, and only with a reason of at least a
    /// sentence (issue 15: a judgement that hides a computed problem is explained and lapses,
    /// and the computed health counts again; also when the schedule worsened after a short
    /// reason was given for an override that was no better then).
    pub fn counts(&self, computed: Health, status_date: NaiveDate) -> bool {
        self.health >= computed
            || (self.until.is_some_and(|until| status_date <= until)
                && crate::service::plan::overrides::is_a_sentence(&self.reason))
    }
}

impl Node {
    /// Its own date: the forecast, or the planned date without one.
    pub fn own(&self) -> NaiveDate {
        self.forecast.unwrap_or(self.planned)
    }

    /// Done: its projection is its actual date, and nothing moves it any more.
    pub fn done(&self) -> bool {
        self.status == WorkStatus::Done
    }

    /// Cancelled: it neither moves nor holds up anything.
    pub fn cancelled(&self) -> bool {
        self.status == WorkStatus::Cancelled
    }

    /// Overdue on `status_date` (see [`is_overdue`]).
    pub fn overdue_on(&self, status_date: NaiveDate) -> bool {
        is_overdue(self.status, self.own(), status_date)
    }
}

impl From<&milestone::Model> for Node {
    fn from(m: &milestone::Model) -> Self {
        Self {
            id: m.id,
            programme_id: m.programme_id,
            phase_id: m.phase_id,
            title: m.title.clone(),
            baseline: m.baseline_date,
            planned: m.planned_date,
            forecast: m.forecast_date,
            actual: m.actual_date,
            status: m.status,
            deadline: m.deadline_date,
            health_override: m.health_override.map(|health| Override {
                health,
                reason: m.health_override_reason.clone().unwrap_or_default(),
                until: m.health_override_until,
            }),
            latest_baseline: None,
        }
    }
}

/// A finish-to-start dependency with a lag in days.
#[derive(Clone, Copy, Debug)]
pub struct Edge {
    /// The milestone that must finish first.
    pub predecessor: i32,
    /// The milestone that waits for it.
    pub successor: i32,
    /// Days between the two (may be negative: an overlap).
    pub lag_days: i32,
}

impl From<&milestone_dependency::Model> for Edge {
    fn from(d: &milestone_dependency::Model) -> Self {
        Self {
            predecessor: d.predecessor_id,
            successor: d.successor_id,
            lag_days: d.lag_days,
        }
    }
}

/// A live commitment to the Kamer and the milestones that fulfil it.
#[derive(Clone, Debug)]
pub struct CommitmentInput {
    /// Its id.
    pub id: i32,
    /// Its register number.
    pub number: String,
    /// Its deadline.
    pub deadline: NaiveDate,
    /// Open or fulfilled (only open ones impose their deadline).
    pub status: CommitmentStatus,
    /// The milestones that fulfil it.
    pub milestones: Vec<i32>,
}

impl CommitmentInput {
    /// Commitments (id, number, deadline, status) with the milestones that `links`
    /// (commitment, milestone) give each.
    pub fn linked(
        commitments: impl IntoIterator<Item = (i32, String, NaiveDate, CommitmentStatus)>,
        links: impl IntoIterator<Item = (i32, i32)>,
    ) -> Vec<Self> {
        let mut milestones: std::collections::HashMap<i32, Vec<i32>> = Default::default();
        for (commitment, milestone) in links {
            milestones.entry(commitment).or_default().push(milestone);
        }
        commitments
            .into_iter()
            .map(|(id, number, deadline, status)| CommitmentInput {
                id,
                number,
                deadline,
                status,
                milestones: milestones.remove(&id).unwrap_or_default(),
            })
            .collect()
    }
}

/// The plan the schedule is computed from (live objects only: deleted ones are left out).
#[derive(Clone, Debug, Default)]
pub struct Input {
    /// Milestones.
    pub nodes: Vec<Node>,
    /// Dependencies.
    pub edges: Vec<Edge>,
    /// Commitments with their milestones.
    pub commitments: Vec<CommitmentInput>,
}

impl Input {
    /// Give each milestone its date in the latest baseline that includes it (milestone id →
    /// projected date then, from `baseline_dates::latest_dates`).
    pub fn with_latest_baselines(
        mut self,
        latest: &std::collections::HashMap<i32, NaiveDate>,
    ) -> Self {
        for node in &mut self.nodes {
            node.latest_baseline = latest.get(&node.id).copied();
        }
        self
    }

    /// Build from stored rows: live milestones and commitments, their dependencies and links.
    pub fn from_models(
        milestones: &[milestone::Model],
        dependencies: &[milestone_dependency::Model],
        commitments: &[commitment::Model],
        links: &[commitment_milestone::Model],
    ) -> Self {
        let commitments = CommitmentInput::linked(
            commitments
                .iter()
                .filter(|c| c.deleted_at.is_none())
                .map(|c| (c.id, c.number.clone(), c.deadline_date, c.status)),
            links.iter().map(|l| (l.commitment_id, l.milestone_id)),
        );
        Self {
            nodes: milestones
                .iter()
                .filter(|m| m.deleted_at.is_none())
                .map(Node::from)
                .collect(),
            edges: dependencies.iter().map(Edge::from).collect(),
            commitments,
        }
    }
}

/// The overdue rule: not done or cancelled, and its own date (forecast, else planned) is before
/// the status date. [`Node::overdue_on`] and the list filter (`milestones::overdue_on`, a unit
/// test holds it to this rule) writes the same condition, for SQL and in memory (`status NOT IN (DONE, CANCELLED) AND
/// COALESCE(forecast_date, planned_date) < status date`), and the as-of property test checks
/// that both agree.
pub fn is_overdue(
    status: WorkStatus,
    own: chrono::NaiveDate,
    status_date: chrono::NaiveDate,
) -> bool {
    !matches!(status, WorkStatus::Done | WorkStatus::Cancelled) && own < status_date
}
