//! The schedule benchmark: projection and critical path of a synthetic plan, timed in memory.
//!
//! The plan has the shape `koers generate` gives (milestones spread over phases, each depending
//! on up to `per` earlier ones with small lags, some forecasts later than planned, a share done,
//! deadlines on one in fifty), built deterministically from a seed.

use super::{CommitmentInput, Edge, Input, Node, Schedule, Scope, Settings};
use chrono::{Duration, NaiveDate};
use entity::{CommitmentStatus, WorkStatus};
use std::time::Instant;

/// The status date of the synthetic plans: about a quarter into their span (2026 to 2029), so
/// that overdue milestones and the work they push are part of what is timed.
pub const STATUS_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 30) {
    Some(day) => day,
    None => NaiveDate::MIN,
};

/// A synthetic plan of `milestones` milestones and `dependencies` dependencies.
pub fn synthetic(milestones: usize, dependencies: usize, seed: u64) -> Input {
    let mut state = seed.max(1);
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let nodes: Vec<Node> = (0..milestones)
        .map(|i| {
            let planned = start + Duration::days((i * 3 / 2 % 1400) as i64);
            let done = i < milestones / 5;
            Node {
                id: i as i32 + 1,
                programme_id: 1,
                phase_id: Some((i * 5 / milestones.max(1)) as i32 + 1),
                title: format!("Mijlpaal {}", i + 1),
                baseline: planned,
                planned,
                forecast: (next(4) == 0).then(|| planned + Duration::days(next(40) as i64)),
                actual: done.then_some(planned),
                status: if done {
                    WorkStatus::Done
                } else {
                    WorkStatus::Planned
                },
                deadline: (next(50) == 0).then(|| planned + Duration::days(30)),
                health_override: None,
                latest_baseline: (next(2) == 0).then_some(planned),
            }
        })
        .collect();
    let mut edges = Vec::with_capacity(dependencies);
    let mut seen = std::collections::HashSet::new();
    let mut tries = 0;
    while edges.len() < dependencies && milestones > 1 && tries < dependencies * 10 {
        tries += 1;
        let successor = 1 + next(milestones - 1);
        let predecessor = successor.saturating_sub(1 + next(50));
        if seen.insert((predecessor, successor)) {
            edges.push(Edge {
                predecessor: predecessor as i32 + 1,
                successor: successor as i32 + 1,
                lag_days: next(15) as i32,
            });
        }
    }
    let commitments = (0..milestones / 500)
        .map(|i| CommitmentInput {
            id: i as i32 + 1,
            number: format!("TZ-{i}"),
            deadline: start + Duration::days(200 + i as i64 * 20),
            status: CommitmentStatus::Open,
            milestones: vec![(i * 500 + 250) as i32],
        })
        .collect();
    Input {
        nodes,
        edges,
        commitments,
    }
}

/// Timings in milliseconds of `runs` computations (projection, slack, health, commitment risk
/// and the programme's critical path), sorted.
pub fn time(input: &Input, runs: usize, settings: Settings) -> Vec<f64> {
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let copy = input.clone();
            let started = Instant::now();
            let schedule = Schedule::compute(copy, settings);
            let path = schedule.critical_path(Scope::Programme(1));
            let risks = schedule.commitments_at_risk();
            let elapsed = started.elapsed().as_secs_f64() * 1000.0;
            std::hint::black_box((path, risks));
            elapsed
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times
}

/// The median of sorted timings.
pub fn median(sorted: &[f64]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}
