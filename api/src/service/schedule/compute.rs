//! Computing the schedule: a forward pass for projections, a backward pass for slack, then health.

use super::{
    Deadline, DeadlineSlack, DeadlineSource, Input, Projection, Reason, ReasonCode, Schedule,
    Settings,
};
use chrono::{Duration, NaiveDate};
use entity::{CommitmentStatus, Health};
use std::collections::{HashMap, VecDeque};

/// `day` moved by `n` days (saturating at the ends of the calendar).
pub(super) fn shift(day: NaiveDate, n: i64) -> NaiveDate {
    day.checked_add_signed(Duration::days(n))
        .unwrap_or(if n < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
}

impl Schedule {
    /// Compute the schedule of `input`: O(milestones + dependencies).
    pub fn compute(input: Input, settings: Settings) -> Self {
        let started = std::time::Instant::now();
        let Input {
            nodes,
            edges,
            commitments,
        } = input;
        let index: HashMap<i32, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
        let mut preds = vec![Vec::new(); nodes.len()];
        let mut succs = vec![Vec::new(); nodes.len()];
        for edge in &edges {
            if let (Some(&p), Some(&s)) = (index.get(&edge.predecessor), index.get(&edge.successor))
                && p != s
            {
                preds[s].push((p, i64::from(edge.lag_days)));
                succs[p].push((s, i64::from(edge.lag_days)));
            }
        }
        let order = topological(&preds, &succs);
        let mut schedule = Schedule {
            nodes,
            index,
            preds,
            succs,
            order,
            projections: Vec::new(),
            commitments,
            settings,
        };
        schedule.projections = schedule.forward();
        schedule.backward();
        schedule.assess();
        tracing::debug!(
            target: "koers::schedule",
            milestones = schedule.nodes.len(),
            dependencies = edges.len(),
            us = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX),
            "schedule computed"
        );
        schedule
    }

    /// Projected dates, drivers and slip, predecessors first.
    fn forward(&self) -> Vec<Projection> {
        let deadlines = self.deadlines();
        let mut projected: Vec<Option<NaiveDate>> = vec![None; self.nodes.len()];
        let mut out: Vec<Option<Projection>> = vec![None; self.nodes.len()];
        for &i in &self.order {
            let node = &self.nodes[i];
            let own = node.own();
            // The earliest date the (live, not cancelled) predecessors allow, and which one.
            let mut earliest: Option<(NaiveDate, usize)> = None;
            if !node.done() && !node.cancelled() {
                for &(p, lag) in &self.preds[i] {
                    if self.nodes[p].cancelled() {
                        continue;
                    }
                    let Some(date) = projected[p] else { continue };
                    let allowed = shift(date, lag);
                    let better = match earliest {
                        None => true,
                        Some((best, q)) => {
                            allowed > best
                                || (allowed == best && self.nodes[p].id < self.nodes[q].id)
                        }
                    };
                    if better {
                        earliest = Some((allowed, p));
                    }
                }
            }
            let overdue = node
                .overdue_on(self.settings.status_date)
                .then(|| (self.settings.status_date - own).num_days());
            // A cancelled milestone has no `earliest` (its predecessors are not read) and keeps
            // its own date; open work cannot finish before the status date.
            let date = if node.done() {
                node.actual.unwrap_or(own)
            } else if node.cancelled() {
                own
            } else {
                earliest
                    .map_or(own, |(e, _)| e.max(own))
                    .max(self.settings.status_date)
            };
            projected[i] = Some(date);
            out[i] = Some(Projection {
                id: node.id,
                projected: date,
                own,
                earliest: earliest.map(|(e, _)| e),
                driver: earliest.map(|(_, p)| self.nodes[p].id),
                infeasible: earliest.is_some_and(|(e, _)| e > own),
                overdue_days: overdue,
                slip_days: (date - node.baseline).num_days(),
                deadline: deadlines[i].clone(),
                deadline_slack: None,
                slack_days: None,
                computed: Health::OnTrack,
                reasons: Vec::new(),
                health: Health::OnTrack,
                override_reason: None,
                override_lapsed: false,
            });
        }
        out.into_iter().flatten().collect()
    }

    /// Each milestone's own effective deadline: its own, or an open commitment's, the earliest.
    fn deadlines(&self) -> Vec<Option<Deadline>> {
        let mut out: Vec<Option<Deadline>> = self
            .nodes
            .iter()
            .map(|n| {
                n.deadline.map(|date| Deadline {
                    date,
                    source: DeadlineSource::Own,
                })
            })
            .collect();
        for c in self
            .commitments
            .iter()
            .filter(|c| c.status == CommitmentStatus::Open)
        {
            for id in &c.milestones {
                let Some(&i) = self.index.get(id) else {
                    continue;
                };
                if out[i].as_ref().is_none_or(|d| c.deadline < d.date) {
                    out[i] = Some(Deadline {
                        date: c.deadline,
                        source: DeadlineSource::Commitment {
                            id: c.id,
                            number: c.number.clone(),
                        },
                    });
                }
            }
        }
        out
    }

    /// Slack: to the end of the programme and to every deadline downstream, successors first.
    fn backward(&mut self) {
        let open = |s: &Self, i: usize| !s.nodes[i].done() && !s.nodes[i].cancelled();
        let mut ends: HashMap<i32, NaiveDate> = HashMap::new();
        for (node, p) in self.nodes.iter().zip(&self.projections) {
            if !node.cancelled() {
                let end = ends.entry(node.programme_id).or_insert(p.projected);
                *end = (*end).max(p.projected);
            }
        }
        let n = self.nodes.len();
        // Latest date without moving the programme's end, and without missing a deadline.
        let mut latest_end: Vec<Option<NaiveDate>> = vec![None; n];
        let mut latest_deadline: Vec<Option<(NaiveDate, usize, Deadline)>> = vec![None; n];
        for &i in self.order.iter().rev() {
            if !open(self, i) {
                continue;
            }
            let programme = self.nodes[i].programme_id;
            let mut end = ends.get(&programme).copied();
            let mut deadline = self.projections[i].deadline.clone().map(|d| (d.date, i, d));
            for &(s, lag) in &self.succs[i] {
                if !open(self, s) {
                    continue;
                }
                if self.nodes[s].programme_id == programme
                    && let Some(later) = latest_end[s]
                {
                    let allowed = shift(later, -lag);
                    end = Some(end.map_or(allowed, |e| e.min(allowed)));
                }
                if let Some((later, m, d)) = &latest_deadline[s] {
                    let allowed = shift(*later, -lag);
                    if deadline.as_ref().is_none_or(|(best, _, _)| allowed < *best) {
                        deadline = Some((allowed, *m, d.clone()));
                    }
                }
            }
            latest_end[i] = end;
            latest_deadline[i] = deadline;
        }
        for i in 0..n {
            let projected = self.projections[i].projected;
            let to_deadline = latest_deadline[i]
                .as_ref()
                .map(|(d, _, _)| (*d - projected).num_days());
            let to_end = latest_end[i].map(|d| (d - projected).num_days());
            self.projections[i].slack_days = match (to_end, to_deadline) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            self.projections[i].deadline_slack =
                latest_deadline[i]
                    .take()
                    .map(|(latest, m, deadline)| DeadlineSlack {
                        days: (latest - projected).num_days(),
                        milestone: self.nodes[m].id,
                        deadline,
                    });
        }
    }

    /// Computed health and its reasons, predecessors first (a successor looks at their health).
    fn assess(&mut self) {
        for k in 0..self.order.len() {
            let i = self.order[k];
            let (computed, reasons) = self.assess_one(i);
            let node = &self.nodes[i];
            let status_date = self.settings.status_date;
            let counting = node
                .health_override
                .as_ref()
                .filter(|o| o.counts(computed, status_date));
            let (health, reason) = match counting {
                Some(o) => (o.health, Some(o.reason.clone())),
                None => (computed, None),
            };
            let lapsed = node.health_override.is_some() && counting.is_none();
            let p = &mut self.projections[i];
            p.computed = computed;
            p.reasons = reasons;
            p.health = health;
            p.override_reason = reason;
            p.override_lapsed = lapsed;
        }
    }

    fn assess_one(&self, i: usize) -> (Health, Vec<Reason>) {
        let node = &self.nodes[i];
        let p = &self.projections[i];
        if node.done() {
            let mut done = Reason::new(ReasonCode::Done);
            if let Some(day) = node.actual {
                done = done.date(day);
            }
            return (Health::OnTrack, vec![done]);
        }
        if node.cancelled() {
            return (Health::OnTrack, vec![Reason::new(ReasonCode::Cancelled)]);
        }
        let at_risk = self.settings.at_risk_days;
        let mut health = Health::OnTrack;
        let mut reasons = Vec::new();
        let mut worsen = |h: Health| {
            if h > health {
                health = h;
            }
        };
        if let Some(overdue) = p.overdue_days {
            worsen(Health::OffTrack);
            reasons.push(
                Reason::new(ReasonCode::Overdue)
                    .days(overdue)
                    .date(p.own)
                    // A forecast equal to the plan is the plan: "gepland".
                    .forecast(node.forecast.filter(|f| *f != node.planned)),
            );
        }
        if let Some(deadline) = &p.deadline
            && p.projected > deadline.date
        {
            worsen(Health::OffTrack);
            reasons.push(
                Reason::new(ReasonCode::PassesDeadline)
                    .days((p.projected - deadline.date).num_days())
                    .date(deadline.date)
                    .commitment(number(&deadline.source)),
            );
        } else if let Some(slack) = &p.deadline_slack
            && slack.milestone != node.id
            && slack.days < 0
        {
            // Its projection makes a successor miss its deadline: the root cause of a missed
            // deadline is never healthier than the milestone it pushes.
            worsen(Health::OffTrack);
            reasons.push(
                Reason::new(ReasonCode::PushesPastDeadline)
                    .about(
                        slack.milestone,
                        self.title(slack.milestone).unwrap_or_default(),
                    )
                    .days(-slack.days)
                    .date(slack.deadline.date)
                    .commitment(number(&slack.deadline.source)),
            );
        } else if let Some(slack) = &p.deadline_slack
            && slack.days < at_risk
        {
            worsen(Health::AtRisk);
            let mut reason = Reason::new(ReasonCode::DeadlineSlack)
                .days(slack.days)
                .date(slack.deadline.date)
                .commitment(number(&slack.deadline.source));
            if slack.milestone != node.id {
                reason = reason.about(
                    slack.milestone,
                    self.title(slack.milestone).unwrap_or_default(),
                );
            }
            reasons.push(reason);
        }
        let mut late_preds: Vec<usize> = self.preds[i]
            .iter()
            .map(|&(q, _)| q)
            .filter(|&q| !self.nodes[q].cancelled())
            .filter(|&q| self.projections[q].health == Health::OffTrack)
            .collect();
        late_preds.sort_by_key(|&q| self.nodes[q].id);
        late_preds.dedup();
        for q in late_preds {
            worsen(Health::AtRisk);
            reasons.push(
                Reason::new(ReasonCode::PredecessorOffTrack)
                    .about(self.nodes[q].id, &self.nodes[q].title)
                    // Successors see the health that counts; said so when it is a judgement.
                    .judged(self.projections[q].computed != Health::OffTrack),
            );
        }
        if let (Some(driver), Some(earliest)) = (p.driver, p.earliest)
            && p.infeasible
        {
            // What the predecessors push, not what the status date adds to an overdue one.
            let pushed = (earliest - p.own).num_days();
            if pushed > at_risk {
                worsen(Health::AtRisk);
            }
            let code = if node.forecast.is_some() {
                ReasonCode::InfeasibleForecast
            } else {
                ReasonCode::PushedByPredecessor
            };
            reasons.push(
                Reason::new(code)
                    .about(driver, self.title(driver).unwrap_or_default())
                    .days(pushed)
                    .date(earliest)
                    .forecast(node.forecast),
            );
        }
        if let Some(baseline) = node.latest_baseline {
            let behind = (p.projected - baseline).num_days();
            if behind > at_risk {
                worsen(Health::AtRisk);
                reasons.push(
                    Reason::new(ReasonCode::BehindBaseline)
                        .days(behind)
                        .date(baseline),
                );
            }
        }
        (health, reasons)
    }
}

/// The register number of the commitment a deadline comes from.
fn number(source: &DeadlineSource) -> Option<&str> {
    match source {
        DeadlineSource::Own => None,
        DeadlineSource::Commitment { number, .. } => Some(number),
    }
}

/// Kahn's order: predecessors before successors. Nodes on a cycle (the service refuses cycles,
/// but a database edited by hand may hold one) come last, in id order, so nothing is lost.
fn topological(preds: &[Vec<(usize, i64)>], succs: &[Vec<(usize, i64)>]) -> Vec<usize> {
    let n = preds.len();
    let mut waiting: Vec<usize> = preds.iter().map(Vec::len).collect();
    let mut ready: VecDeque<usize> = (0..n).filter(|&i| waiting[i] == 0).collect();
    let mut order = Vec::with_capacity(n);
    let mut placed = vec![false; n];
    while let Some(i) = ready.pop_front() {
        order.push(i);
        placed[i] = true;
        for &(s, _) in &succs[i] {
            waiting[s] -= 1;
            if waiting[s] == 0 {
                ready.push_back(s);
            }
        }
    }
    order.extend((0..n).filter(|&i| !placed[i]));
    order
}
