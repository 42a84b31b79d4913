//! Critical paths: the chain of milestones that decides when a programme or phase ends.

use super::Schedule;
use super::compute::shift;
use chrono::NaiveDate;

/// Which part of the plan a critical path is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// A whole programme.
    Programme(i32),
    /// One phase.
    Phase(i32),
}

/// One milestone on a critical path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The milestone.
    pub milestone: i32,
    /// Its projected date.
    pub projected: NaiveDate,
    /// Days it can slip without moving the end of the scope or missing a deadline (null when done).
    pub slack_days: Option<i64>,
    /// The lag after the previous step (0 for the first).
    pub lag_days: i64,
}

/// The chain that decides the projected end of a programme or phase, first milestone first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CriticalPath {
    /// The projected end: the latest projected date in the scope (None for an empty scope).
    pub end: Option<NaiveDate>,
    /// The chain, ending with the milestone that ends the scope: each step is the predecessor
    /// that sets the next one's projection or, where a step's own date sets it, the open
    /// predecessor with the least slack. Steps with no slack drive the end.
    pub steps: Vec<Step>,
}

impl Schedule {
    /// The critical path of `scope`.
    pub fn critical_path(&self, scope: Scope) -> CriticalPath {
        let inside: Vec<bool> = self
            .nodes
            .iter()
            .map(|n| {
                !n.cancelled()
                    && match scope {
                        Scope::Programme(id) => n.programme_id == id,
                        Scope::Phase(id) => n.phase_id == Some(id),
                    }
            })
            .collect();
        let Some(last) = (0..self.nodes.len())
            .filter(|&i| inside[i])
            .max_by_key(|&i| (self.projections[i].projected, self.nodes[i].id))
        else {
            return CriticalPath::default();
        };
        let end = self.projections[last].projected;
        let slack = self.slack_within(&inside, end);

        // Walk back from the end: to the predecessor that sets each projection, or, where the
        // milestone's own date sets it, to the open predecessor with the least slack (the chain
        // that moves the end first when it slips). Done milestones end the chain.
        let mut chain = vec![(last, 0)];
        let mut current = last;
        while !self.nodes[current].done() {
            let p = &self.projections[current];
            let binding = self.preds[current].iter().find(|&&(q, lag)| {
                Some(self.nodes[q].id) == p.driver
                    && shift(self.projections[q].projected, lag) == p.projected
            });
            let next = binding.copied().or_else(|| {
                self.preds[current]
                    .iter()
                    .filter(|&&(q, _)| inside[q] && !self.nodes[q].done())
                    .min_by_key(|&&(q, lag)| {
                        (
                            slack[q].unwrap_or(i64::MAX),
                            std::cmp::Reverse(shift(self.projections[q].projected, lag)),
                            self.nodes[q].id,
                        )
                    })
                    .copied()
            });
            let Some((driver, lag)) = next else { break };
            if !inside[driver] || chain.iter().any(|&(i, _)| i == driver) {
                break;
            }
            if let Some(step) = chain.last_mut() {
                step.1 = lag;
            }
            chain.push((driver, 0));
            current = driver;
        }
        chain.reverse();
        // Each entry holds the lag from the step before it (0 for the first).
        let steps = chain
            .into_iter()
            .map(|(i, lag)| Step {
                milestone: self.nodes[i].id,
                projected: self.projections[i].projected,
                slack_days: slack[i],
                lag_days: lag,
            })
            .collect();
        CriticalPath {
            end: Some(end),
            steps,
        }
    }

    /// Slack of every open milestone inside a scope ending on `end`: days to the latest date
    /// that moves neither the end (through successors inside the scope) nor any deadline.
    fn slack_within(&self, inside: &[bool], end: NaiveDate) -> Vec<Option<i64>> {
        let n = self.nodes.len();
        let mut latest: Vec<Option<NaiveDate>> = vec![None; n];
        let mut slack = vec![None; n];
        for &i in self.order.iter().rev() {
            if !inside[i] || self.nodes[i].done() {
                continue;
            }
            let mut date = end;
            for &(s, lag) in &self.succs[i] {
                if let Some(later) = latest[s] {
                    date = date.min(shift(later, -lag));
                }
            }
            latest[i] = Some(date);
            let p = &self.projections[i];
            let to_end = (date - p.projected).num_days();
            slack[i] = Some(match &p.deadline_slack {
                Some(d) => to_end.min(d.days),
                None => to_end,
            });
        }
        slack
    }
}
