//! The schedule: what the plan's dates and dependencies mean for each milestone.
//!
//! Everything here is derived, never stored: projected dates (finish-to-start with lags), slip,
//! slack, critical paths, computed health with its reasons, and the risk of each commitment to
//! the Kamer. [`Schedule::compute`] is a pure function of the plan (see [`Input`]), so the same
//! code serves the live plan, an as-of view rebuilt from history, and the report of a peildatum.

pub mod baseline_dates;
pub mod baselines;
pub mod bench;
mod compute;
mod critical;
mod input;
mod load;
mod reasons;
pub mod status_date;

pub use critical::{CriticalPath, Scope, Step};
pub use input::{CommitmentInput, Edge, Input, Node, Override, is_overdue};
pub use load::live;
pub use reasons::{Reason, ReasonCode};

use chrono::NaiveDate;
use entity::{CommitmentStatus, Health};
use std::collections::HashMap;

/// The rules of the schedule, and the day it is computed for.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// A milestone with less slack than this to its deadline is at risk; so is one pushed by
    /// its predecessors, or projected past its latest baseline, by more than this.
    pub at_risk_days: i64,
    /// The status date: "today" for the schedule (see `service::schedule::status_date`). Work that is not
    /// done cannot finish before it: a milestone whose own date is earlier is overdue and
    /// projected on this day; a commitment whose deadline is earlier and that is not fulfilled
    /// is missed; an actual date after it is refused.
    pub status_date: NaiveDate,
}

impl Settings {
    /// The default rules (at risk below 14 days), computed for `status_date`.
    pub fn at(status_date: NaiveDate) -> Self {
        Self {
            at_risk_days: 14,
            status_date,
        }
    }

    /// The same rules for another status date.
    pub fn on(self, status_date: NaiveDate) -> Self {
        Self {
            status_date,
            ..self
        }
    }
}

/// Where a deadline comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeadlineSource {
    /// The milestone's own (for example parliamentary) deadline.
    Own,
    /// An open commitment to the Kamer the milestone is linked to.
    Commitment {
        /// The commitment's id.
        id: i32,
        /// Its register number.
        number: String,
    },
}

/// A deadline and where it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline {
    /// The last day that meets it.
    pub date: NaiveDate,
    /// Where it comes from.
    pub source: DeadlineSource,
}

/// The tightest deadline a milestone works towards: its own, or one further down its successors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeadlineSlack {
    /// Days between the projected date and the latest date that still meets the deadline
    /// (negative: the deadline will be missed by that many days).
    pub days: i64,
    /// The milestone whose deadline it is (this one or a successor).
    pub milestone: i32,
    /// That deadline.
    pub deadline: Deadline,
}

/// What the schedule says about one milestone.
#[derive(Clone, Debug)]
pub struct Projection {
    /// The milestone.
    pub id: i32,
    /// When it is expected: its actual date when done, else the latest of its own date
    /// (forecast, or planned without one), each predecessor's projection plus lag, and (when
    /// not cancelled) the status date.
    pub projected: NaiveDate,
    /// Its own date: forecast, or planned without one.
    pub own: NaiveDate,
    /// The earliest date its predecessors allow (none without live predecessors).
    pub earliest: Option<NaiveDate>,
    /// The predecessor that sets `earliest`.
    pub driver: Option<i32>,
    /// Its own date is earlier than its predecessors allow.
    pub infeasible: bool,
    /// Days between its own date and the status date when it is overdue: not done or
    /// cancelled, and its own date is before the status date (None otherwise).
    pub overdue_days: Option<i64>,
    /// Days between its baseline date (as first promised) and its projected date.
    pub slip_days: i64,
    /// Its own effective deadline: the earliest of its own and its open commitments'.
    pub deadline: Option<Deadline>,
    /// The tightest deadline it works towards (own or downstream), with the slack to it.
    pub deadline_slack: Option<DeadlineSlack>,
    /// Days it can slip without moving its programme's end or missing a deadline (null when done
    /// or cancelled).
    pub slack_days: Option<i64>,
    /// Health as computed from the schedule.
    pub computed: Health,
    /// Why, most important first.
    pub reasons: Vec<Reason>,
    /// The health that counts: a manager's override, else the computed one.
    pub health: Health,
    /// The reason of a manager's override, when one counts.
    pub override_reason: Option<String>,
    /// A manager's override is set but no longer counts: it was better than the computed
    /// health and its `until` day has passed (see [`Override::counts`]).
    pub override_lapsed: bool,
}

/// Whether a commitment to the Kamer will be met.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommitmentState {
    /// Fulfilled by a letter.
    Fulfilled,
    /// Its linked milestones are projected in time with room to spare, or are all done by the
    /// deadline (only the fulfilment letter is to come).
    OnTrack,
    /// In time, but with less slack than the at-risk threshold; or nothing is linked to fulfil
    /// it and its deadline is that near.
    AtRisk,
    /// A linked milestone is projected past the deadline: the Kamer needs a postponement letter.
    NeedsPostponementLetter,
    /// The deadline is before the status date and no fulfilment letter was recorded: the
    /// commitment was not kept (a postponement letter with a new deadline reopens it).
    Missed,
}

impl CommitmentState {
    /// Whether the Kamer must be sent a postponement letter: a projected miss, or a missed
    /// deadline while the work is not done (see [`CommitmentRisk::needs_postponement_letter`]).
    fn letter_needed(self, work_done: bool) -> bool {
        match self {
            CommitmentState::NeedsPostponementLetter => true,
            CommitmentState::Missed => !work_done,
            _ => false,
        }
    }

    /// How bad it is, for ordering (missed first).
    fn severity(self) -> u8 {
        match self {
            CommitmentState::Missed => 0,
            CommitmentState::NeedsPostponementLetter => 1,
            CommitmentState::AtRisk => 2,
            CommitmentState::OnTrack => 3,
            CommitmentState::Fulfilled => 4,
        }
    }
}

/// The schedule's verdict on one commitment.
#[derive(Clone, Debug)]
pub struct CommitmentRisk {
    /// The commitment.
    pub id: i32,
    /// The verdict.
    pub state: CommitmentState,
    /// The status date it was judged on.
    pub status_date: NaiveDate,
    /// Its deadline.
    pub deadline: NaiveDate,
    /// The latest projected date of its live linked milestones.
    pub projected: Option<NaiveDate>,
    /// Days late: for a missed commitment, from the deadline to the status date; otherwise
    /// from the deadline to the latest projected date (positive: late; None without linked
    /// milestones).
    pub days_late: Option<i64>,
    /// The linked milestone with the latest projection (the one that decides).
    pub caused_by: Option<i32>,
    /// Where the delay starts: following the predecessors that push `caused_by`, the first
    /// milestone whose own date sets its projection.
    pub root_cause: Option<i32>,
    /// Every live, not cancelled linked milestone is done (and there is at least one): what is
    /// missing is the letter to the Kamer, not the work.
    pub work_done: bool,
}

impl CommitmentRisk {
    /// Whether the Kamer needs a postponement letter: a linked milestone is projected past the
    /// deadline, or the deadline has passed (MISSED) while the work is not done. A missed
    /// commitment whose work is done needs its fulfilment letter instead.
    pub fn needs_postponement_letter(&self) -> bool {
        self.state.letter_needed(self.work_done)
    }
}

/// The letters the schedule's verdict `risk` on a commitment calls for (none without one).
pub fn letters_called_for(
    risk: Option<&CommitmentRisk>,
) -> crate::service::accounts::access::LettersCalledFor {
    crate::service::accounts::access::LettersCalledFor {
        postponement: risk.is_some_and(CommitmentRisk::needs_postponement_letter),
        fulfilment: risk.is_some_and(|r| r.work_done),
    }
}

/// The computed schedule of a plan.
pub struct Schedule {
    pub(crate) nodes: Vec<Node>,
    pub(crate) index: HashMap<i32, usize>,
    /// Live edges into each node: (predecessor index, lag).
    pub(crate) preds: Vec<Vec<(usize, i64)>>,
    /// Live edges out of each node: (successor index, lag).
    pub(crate) succs: Vec<Vec<(usize, i64)>>,
    /// Nodes in dependency order (predecessors first).
    pub(crate) order: Vec<usize>,
    pub(crate) projections: Vec<Projection>,
    pub(crate) commitments: Vec<CommitmentInput>,
    pub(crate) settings: Settings,
}

impl Schedule {
    /// The projection of milestone `id` (None for a deleted or unknown milestone).
    pub fn get(&self, id: i32) -> Option<&Projection> {
        self.index.get(&id).map(|&i| &self.projections[i])
    }

    /// The title of milestone `id`.
    pub fn title(&self, id: i32) -> Option<&str> {
        self.index.get(&id).map(|&i| self.nodes[i].title.as_str())
    }

    /// Every milestone with its projection, in dependency order.
    pub fn nodes(&self) -> impl Iterator<Item = (&Node, &Projection)> {
        self.order
            .iter()
            .map(|&i| (&self.nodes[i], &self.projections[i]))
    }

    /// Every projection, in dependency order.
    pub fn projections(&self) -> impl Iterator<Item = &Projection> {
        self.order.iter().map(|&i| &self.projections[i])
    }

    /// The rules it was computed with.
    pub fn settings(&self) -> Settings {
        self.settings
    }

    /// The verdict on commitment `id` (None for a deleted or unknown one).
    pub fn commitment(&self, id: i32) -> Option<CommitmentRisk> {
        let c = self.commitments.iter().find(|c| c.id == id)?;
        Some(self.risk_of(c))
    }

    /// Every live commitment that is not fulfilled and missed, needing a postponement letter
    /// or at risk: missed ones first, then by days late (most first), deadline and id.
    pub fn commitments_at_risk(&self) -> Vec<CommitmentRisk> {
        let mut risks: Vec<CommitmentRisk> = self
            .commitments
            .iter()
            .map(|c| self.risk_of(c))
            .filter(|r| {
                matches!(
                    r.state,
                    CommitmentState::Missed
                        | CommitmentState::AtRisk
                        | CommitmentState::NeedsPostponementLetter
                )
            })
            .collect();
        risks.sort_by_key(|r| {
            (
                r.state.severity(),
                std::cmp::Reverse(r.days_late),
                r.deadline,
                r.id,
            )
        });
        risks
    }

    fn risk_of(&self, c: &CommitmentInput) -> CommitmentRisk {
        let linked: Vec<&Projection> = c
            .milestones
            .iter()
            .filter_map(|id| self.get(*id))
            .filter(|p| self.nodes[self.index[&p.id]].status != entity::WorkStatus::Cancelled)
            .collect();
        let work_done = !linked.is_empty()
            && linked
                .iter()
                .all(|p| self.nodes[self.index[&p.id]].status == entity::WorkStatus::Done);
        // The one projected latest decides; on a tie, open work before done work.
        let latest = linked.iter().copied().max_by_key(|p| {
            let open = self.nodes[self.index[&p.id]].status != entity::WorkStatus::Done;
            (p.projected, open, p.id)
        });
        let projected = latest.map(|p| p.projected);
        let status_date = self.settings.status_date;
        let missed = c.status != CommitmentStatus::Fulfilled && c.deadline < status_date;
        let days_late = if missed {
            Some((status_date - c.deadline).num_days())
        } else {
            projected.map(|d| (d - c.deadline).num_days())
        };
        let state = match (c.status, days_late) {
            (CommitmentStatus::Fulfilled, _) => CommitmentState::Fulfilled,
            _ if missed => CommitmentState::Missed,
            // The work is done by the deadline: only the fulfilment letter is to come.
            _ if work_done => CommitmentState::OnTrack,
            (_, Some(late)) if late > 0 => CommitmentState::NeedsPostponementLetter,
            (_, Some(late)) if -late < self.settings.at_risk_days => CommitmentState::AtRisk,
            // Nothing linked to fulfil it, and its deadline is near.
            (_, None) if (c.deadline - status_date).num_days() < self.settings.at_risk_days => {
                CommitmentState::AtRisk
            }
            _ => CommitmentState::OnTrack,
        };
        let caused_by = latest.map(|p| p.id);
        CommitmentRisk {
            id: c.id,
            state,
            status_date,
            deadline: c.deadline,
            projected,
            days_late,
            caused_by,
            root_cause: caused_by.map(|id| self.root_cause(id)),
            work_done,
        }
    }

    /// Follow the predecessors that push `id` back to where the delay starts.
    pub fn root_cause(&self, id: i32) -> i32 {
        let mut current = id;
        // A chain is at most as long as the plan; the bound only guards against a bad graph.
        for _ in 0..self.nodes.len() {
            match self.get(current) {
                // Follow a predecessor only where it sets the projection (not where the status
                // date does: an overdue milestone is its own root cause).
                Some(p) if p.projected > p.own && p.earliest == Some(p.projected) => match p.driver
                {
                    Some(driver) => current = driver,
                    None => break,
                },
                _ => break,
            }
        }
        current
    }
}

#[cfg(test)]
mod tests;
