//! Hand-checked plans: chains, diamonds, lags, long chains, slack, health and commitments.

use super::compute::shift;
use super::*;
use entity::WorkStatus;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn node(id: i32, planned: &str) -> Node {
    Node {
        id,
        programme_id: 1,
        phase_id: None,
        title: format!("M{id}"),
        baseline: day(planned),
        planned: day(planned),
        forecast: None,
        actual: None,
        status: WorkStatus::Planned,
        deadline: None,
        health_override: None,
        latest_baseline: None,
    }
}

fn edge(predecessor: i32, successor: i32, lag_days: i32) -> Edge {
    Edge {
        predecessor,
        successor,
        lag_days,
    }
}

/// A status date before every date of the plans below: nothing is overdue.
fn before_the_plan() -> Settings {
    Settings::at(day("2025-01-01"))
}

fn run(nodes: Vec<Node>, edges: Vec<Edge>) -> Schedule {
    run_on(nodes, edges, before_the_plan())
}

fn run_on(nodes: Vec<Node>, edges: Vec<Edge>, settings: Settings) -> Schedule {
    Schedule::compute(
        Input {
            nodes,
            edges,
            commitments: vec![],
        },
        settings,
    )
}

fn en(p: &Projection) -> Option<String> {
    crate::service::language::Words::from(crate::service::language::Language::En)
        .projection_reason(p)
}

fn projected(s: &Schedule, id: i32) -> NaiveDate {
    s.get(id).expect("milestone").projected
}

#[test]
fn a_chain_with_lags_pushes_every_successor() {
    let mut a = node(1, "2026-01-10");
    a.forecast = Some(day("2026-02-01"));
    let s = run(
        vec![a, node(2, "2026-01-20"), node(3, "2026-03-01")],
        vec![edge(1, 2, 5), edge(2, 3, 30)],
    );
    assert_eq!(projected(&s, 1), day("2026-02-01"));
    assert_eq!(projected(&s, 2), day("2026-02-06"));
    assert_eq!(projected(&s, 3), day("2026-03-08"));
    let two = s.get(2).expect("2");
    assert_eq!(two.driver, Some(1));
    assert!(two.infeasible);
    assert_eq!(two.slip_days, 17);
    assert_eq!(two.reasons[0].code, ReasonCode::PushedByPredecessor);
    assert_eq!(
        en(two).as_deref(),
        Some("predecessor “M1” pushes it 17 days past its planned date (to 6 February 2026)")
    );
    // Pushed by more than the at-risk threshold (14 days): at risk.
    assert_eq!(two.computed, Health::AtRisk);
    // Its own date later than what the predecessors need: not pushed.
    let first = run(
        vec![node(1, "2026-01-10"), node(2, "2026-03-01")],
        vec![edge(1, 2, 5)],
    );
    assert_eq!(projected(&first, 2), day("2026-03-01"));
    assert!(!first.get(2).expect("2").infeasible);
}

#[test]
fn a_diamond_takes_the_latest_branch_and_a_negative_lag_overlaps() {
    let s = run(
        vec![
            node(1, "2026-01-01"),
            node(2, "2026-02-01"),
            node(3, "2026-03-01"),
            node(4, "2026-01-15"),
        ],
        vec![edge(1, 2, 0), edge(1, 3, 0), edge(2, 4, 10), edge(3, 4, -5)],
    );
    assert_eq!(projected(&s, 4), day("2026-02-24"));
    assert_eq!(s.get(4).expect("4").driver, Some(3));
}

#[test]
fn a_done_milestone_is_its_actual_date_and_a_cancelled_one_holds_nothing_up() {
    let mut a = node(1, "2026-01-10");
    a.status = WorkStatus::Done;
    a.actual = Some(day("2026-01-31"));
    let mut b = node(2, "2026-06-01");
    b.status = WorkStatus::Cancelled;
    let s = run(
        vec![a, b, node(3, "2026-01-20")],
        vec![edge(1, 3, 0), edge(2, 3, 0)],
    );
    assert_eq!(projected(&s, 1), day("2026-01-31"));
    assert_eq!(projected(&s, 3), day("2026-01-31"));
    assert_eq!(s.get(1).expect("1").reasons[0].code, ReasonCode::Done);
}

#[test]
fn a_long_chain_is_linear_and_exact() {
    let n = 5000;
    let nodes = (1..=n).map(|i| node(i, "2026-01-01")).collect();
    let edges = (1..n).map(|i| edge(i, i + 1, 1)).collect();
    let s = run(nodes, edges);
    assert_eq!(projected(&s, n), shift(day("2026-01-01"), i64::from(n - 1)));
    let path = s.critical_path(Scope::Programme(1));
    assert_eq!(path.steps.len(), n as usize);
    assert!(path.steps.iter().all(|step| step.slack_days == Some(0)));
}

#[test]
fn critical_path_and_slack_of_a_hand_checked_plan() {
    // 1 -> 2 -> 4 (end) and 1 -> 3 -> 4; 3 finishes 10 days before it is needed.
    let s = run(
        vec![
            node(1, "2026-01-01"),
            node(2, "2026-02-01"),
            node(3, "2026-01-15"),
            node(4, "2026-01-01"),
            node(5, "2026-02-10"),
        ],
        vec![edge(1, 2, 0), edge(1, 3, 0), edge(2, 4, 7), edge(3, 4, 7)],
    );
    // 4 = max(2 + 7, 3 + 7) = 2026-02-08; 5 (unrelated) ends the programme on 2026-02-10.
    assert_eq!(projected(&s, 4), day("2026-02-08"));
    let path = s.critical_path(Scope::Programme(1));
    assert_eq!(path.end, Some(day("2026-02-10")));
    assert_eq!(
        path.steps.iter().map(|s| s.milestone).collect::<Vec<_>>(),
        vec![5]
    );
    // Slack: 4 may move 2 days (to the end); 2 as well; 3 has 17 more; 1 has 2 + (2026-02-01 - 01-01)?
    // No: 1 is not pushing 2 (2 has its own later date), so 1 may slip until 2026-02-03.
    let slack = |id| s.get(id).expect("m").slack_days;
    assert_eq!(slack(4), Some(2));
    assert_eq!(slack(2), Some(2));
    assert_eq!(slack(3), Some(19));
    assert_eq!(slack(1), Some(33));
    assert_eq!(slack(5), Some(0));

    // Moving 2 by 10 days makes 1 -> 2 -> 4 the critical path.
    let mut two = node(2, "2026-02-01");
    two.forecast = Some(day("2026-02-11"));
    let s = run(
        vec![
            node(1, "2026-01-01"),
            two,
            node(3, "2026-01-15"),
            node(4, "2026-01-01"),
            node(5, "2026-02-10"),
        ],
        vec![edge(1, 2, 0), edge(1, 3, 0), edge(2, 4, 7), edge(3, 4, 7)],
    );
    let path = s.critical_path(Scope::Programme(1));
    assert_eq!(path.end, Some(day("2026-02-18")));
    assert_eq!(
        path.steps
            .iter()
            .map(|s| (s.milestone, s.lag_days, s.slack_days))
            .collect::<Vec<_>>(),
        vec![(1, 0, Some(41)), (2, 0, Some(0)), (4, 7, Some(0))]
    );
}

#[test]
fn a_phase_has_its_own_critical_path() {
    let mut a = node(1, "2026-01-01");
    a.phase_id = Some(10);
    let mut b = node(2, "2026-03-01");
    b.phase_id = Some(10);
    let mut c = node(3, "2026-06-01");
    c.phase_id = Some(20);
    let s = run(vec![a, b, c], vec![edge(1, 2, 0), edge(2, 3, 0)]);
    let path = s.critical_path(Scope::Phase(10));
    assert_eq!(path.end, Some(day("2026-03-01")));
    // 2's own date sets it; 1 is its least-slack predecessor (59 days to spare).
    assert_eq!(
        path.steps
            .iter()
            .map(|s| (s.milestone, s.slack_days))
            .collect::<Vec<_>>(),
        vec![(1, Some(59)), (2, Some(0))]
    );
    assert_eq!(s.critical_path(Scope::Phase(99)), CriticalPath::default());
}

#[test]
fn health_follows_deadlines_slack_and_predecessors() {
    let mut late = node(1, "2026-06-01");
    late.deadline = Some(day("2026-05-20"));
    let mut tight = node(2, "2026-06-01");
    tight.deadline = Some(day("2026-06-10"));
    let mut roomy = node(3, "2026-06-01");
    roomy.deadline = Some(day("2026-06-15"));
    let after_late = node(4, "2026-07-01");
    let s = run(vec![late, tight, roomy, after_late], vec![edge(1, 4, 0)]);
    let one = s.get(1).expect("1");
    assert_eq!(one.health, Health::OffTrack);
    assert_eq!(
        en(one).as_deref(),
        Some("projected 12 days past its deadline of 20 May 2026")
    );
    let two = s.get(2).expect("2");
    assert_eq!(two.health, Health::AtRisk);
    assert_eq!(two.reasons[0].days, Some(9));
    // Exactly the threshold (14 days) is not below it.
    assert_eq!(s.get(3).expect("3").health, Health::OnTrack);
    let four = s.get(4).expect("4");
    assert_eq!(four.health, Health::AtRisk);
    assert_eq!(en(four).as_deref(), Some("predecessor “M1” is off track"));
}

#[test]
fn a_milestone_upstream_of_a_deadline_carries_it_less_the_lags() {
    let mut letter = node(2, "2026-07-02");
    letter.deadline = Some(day("2026-07-02"));
    let s = run(vec![node(1, "2026-06-24"), letter], vec![edge(1, 2, 7)]);
    let one = s.get(1).expect("1");
    assert_eq!(one.deadline_slack.as_ref().map(|d| d.days), Some(1));
    assert_eq!(one.health, Health::AtRisk);
    assert_eq!(
        en(one).as_deref(),
        Some("leaves “M2” only 1 day of margin to its deadline of 2 July 2026")
    );
}

#[test]
fn an_override_wins_but_the_computed_health_stays_visible() {
    let mut a = node(1, "2026-06-01");
    a.deadline = Some(day("2026-05-01"));
    a.health_override = Some(Override {
        health: Health::AtRisk,
        reason: "de Kamer is al per brief over de nieuwe datum geïnformeerd".into(),
        until: Some(day("2026-07-01")),
    });
    let s = run(vec![a, node(2, "2026-07-01")], vec![edge(1, 2, 0)]);
    let one = s.get(1).expect("1");
    assert_eq!(one.health, Health::AtRisk);
    assert_eq!(one.computed, Health::OffTrack);
    assert!(!one.override_lapsed);
    assert_eq!(
        en(one).as_deref(),
        Some("de Kamer is al per brief over de nieuwe datum geïnformeerd")
    );
    // Successors see the health that counts.
    assert_eq!(s.get(2).expect("2").health, Health::OnTrack);
}

#[test]
fn a_better_override_lapses_after_its_last_day_and_a_worse_one_does_not() {
    let better = |until: Option<&str>| Override {
        health: Health::OnTrack,
        reason: "De leverancier heeft de levering schriftelijk toegezegd.".into(),
        until: until.map(day),
    };
    let mut late = node(1, "2026-06-01");
    late.deadline = Some(day("2026-05-01"));
    for (until, status_date, counts) in [
        (Some("2026-03-31"), "2026-03-31", true),
        (Some("2026-03-31"), "2026-04-01", false),
        (None, "2026-01-01", false),
    ] {
        let mut m = late.clone();
        m.health_override = Some(better(until));
        let s = run_on(vec![m], vec![], Settings::at(day(status_date)));
        let p = s.get(1).expect("1");
        assert_eq!(p.computed, Health::OffTrack);
        let expected = if counts {
            Health::OnTrack
        } else {
            Health::OffTrack
        };
        assert_eq!(p.health, expected, "until {until:?} on {status_date}");
        assert_eq!(p.override_lapsed, !counts);
        assert_eq!(p.override_reason.is_some(), counts);
    }
    // A better override with a short reason (given when it was no better) does not count.
    let mut m = late.clone();
    m.health_override = Some(Override {
        reason: "loopt".into(),
        ..better(Some("2026-12-31"))
    });
    let s = run_on(vec![m], vec![], Settings::at(day("2026-01-01")));
    assert_eq!(s.get(1).expect("1").health, Health::OffTrack);
    // Warning more than the schedule does never lapses.
    let mut m = node(1, "2026-09-01");
    m.health_override = Some(Override {
        health: Health::AtRisk,
        reason: "Bestuurlijke onrust".into(),
        until: Some(day("2026-01-31")),
    });
    let s = run_on(vec![m], vec![], Settings::at(day("2026-06-01")));
    let p = s.get(1).expect("1");
    assert_eq!((p.computed, p.health), (Health::OnTrack, Health::AtRisk));
    assert!(!p.override_lapsed);
}

#[test]
fn a_commitment_needs_a_postponement_letter_when_a_milestone_passes_its_deadline() {
    let mut early = node(1, "2026-06-03");
    early.forecast = Some(day("2026-06-24"));
    let nodes = vec![early, node(2, "2026-07-02")];
    let commitment = CommitmentInput {
        id: 7,
        number: "TZ202504-057".into(),
        deadline: day("2026-07-02"),
        status: CommitmentStatus::Open,
        milestones: vec![2],
    };
    let compute = |nodes: Vec<Node>| {
        Schedule::compute(
            Input {
                nodes,
                edges: vec![edge(1, 2, 7)],
                commitments: vec![commitment.clone()],
            },
            before_the_plan(),
        )
    };
    let s = compute(nodes.clone());
    let risk = s.commitment(7).expect("risk");
    assert_eq!(risk.state, CommitmentState::AtRisk);
    assert_eq!(risk.days_late, Some(0));
    assert_eq!(s.get(2).expect("2").health, Health::AtRisk);

    let mut moved = nodes;
    moved[0].forecast = Some(day("2026-07-08"));
    let s = compute(moved);
    let risk = s.commitment(7).expect("risk");
    assert_eq!(risk.state, CommitmentState::NeedsPostponementLetter);
    assert_eq!(risk.days_late, Some(13));
    assert_eq!(risk.caused_by, Some(2));
    assert_eq!(risk.root_cause, Some(1));
    assert_eq!(s.commitments_at_risk().len(), 1);
    let two = s.get(2).expect("2");
    assert_eq!(two.health, Health::OffTrack);
    assert_eq!(
        en(two).as_deref(),
        Some("projected 13 days past its deadline of 2 July 2026 (commitment TZ202504-057)")
    );
    // The root cause is never healthier than the milestone it pushes past the deadline.
    let one = s.get(1).expect("1");
    assert_eq!(one.computed, Health::OffTrack);
    assert_eq!(one.reasons[0].code, ReasonCode::PushesPastDeadline);
    assert_eq!(one.reasons[0].milestone, Some(2));
    assert_eq!(one.reasons[0].days, Some(13));
    assert_eq!(
        en(one).as_deref(),
        Some("makes “M2” miss its deadline of 2 July 2026 (commitment TZ202504-057) by 13 days")
    );
}

#[test]
fn a_cycle_in_stored_data_does_not_lose_milestones() {
    let s = run(
        vec![node(1, "2026-01-01"), node(2, "2026-02-01")],
        vec![edge(1, 2, 0), edge(2, 1, 0)],
    );
    assert!(s.get(1).is_some() && s.get(2).is_some());
}

/// The status-date fixture, computed by hand: status date 30 November 2026.
mod status_date {
    use super::*;
    use crate::service::language::Language::{En, Nl};

    fn fixture() -> Schedule {
        let a = node(1, "2026-10-30"); // overdue 31 days
        let b = node(2, "2026-12-05"); // after A + 10 days: 10 December, pushed 5 days
        let mut c = node(3, "2026-12-12"); // after B: own date, 3 days to its deadline
        c.deadline = Some(day("2026-12-15"));
        let mut d = node(4, "2026-06-20"); // done late, for a missed commitment
        d.status = WorkStatus::Done;
        d.actual = Some(day("2026-06-25"));
        let e = node(5, "2026-12-01"); // after A + 20 days: 20 December, pushed 19 days
        let mut f = node(6, "2027-01-31"); // forecast 28 days past its latest baseline
        f.forecast = Some(day("2027-03-01"));
        f.latest_baseline = Some(day("2027-02-01"));
        let mut g = node(7, "2026-09-01"); // forecast in the past: overdue 29 days
        g.forecast = Some(day("2026-11-01"));
        let mut h = node(8, "2026-08-01"); // cancelled: never overdue
        h.status = WorkStatus::Cancelled;
        let missed = CommitmentInput {
            id: 70,
            number: "TZ202504-057".into(),
            deadline: day("2026-07-02"),
            status: CommitmentStatus::Open,
            milestones: vec![4],
        };
        let kept = CommitmentInput {
            id: 71,
            number: "TZ-kept".into(),
            deadline: day("2026-07-02"),
            status: CommitmentStatus::Fulfilled,
            milestones: vec![4],
        };
        let ahead = CommitmentInput {
            id: 72,
            number: "TZ-ahead".into(),
            deadline: day("2026-12-20"),
            status: CommitmentStatus::Open,
            milestones: vec![3],
        };
        Schedule::compute(
            Input {
                nodes: vec![a, b, c, d, e, f, g, h],
                edges: vec![edge(1, 2, 10), edge(2, 3, 0), edge(1, 5, 20)],
                commitments: vec![missed, kept, ahead],
            },
            Settings::at(day("2026-11-30")),
        )
    }

    #[test]
    fn work_not_done_cannot_finish_in_the_past() {
        let s = fixture();
        let a = s.get(1).expect("a");
        assert_eq!(a.overdue_days, Some(31));
        assert_eq!(a.projected, day("2026-11-30"));
        assert_eq!(a.slip_days, 31);
        assert_eq!(a.computed, Health::OffTrack);
        assert_eq!(a.reasons[0].code, ReasonCode::Overdue);
        assert_eq!(
            crate::service::language::Words::from(Nl)
                .projection_reason(a)
                .as_deref(),
            Some("gepland 30 oktober 2026, niet gereed: 31 dagen over tijd")
        );
        assert_eq!(
            crate::service::language::Words::from(En)
                .projection_reason(a)
                .as_deref(),
            Some("planned 30 October 2026, not done: 31 days overdue")
        );
        // Its successors move with it.
        assert_eq!(projected(&s, 2), day("2026-12-10"));
        assert_eq!(projected(&s, 3), day("2026-12-12"));
        assert_eq!(projected(&s, 5), day("2026-12-20"));
        let g = s.get(7).expect("g");
        assert_eq!(g.overdue_days, Some(29));
        assert_eq!(
            crate::service::language::Words::from(Nl)
                .projection_reason(g)
                .as_deref(),
            Some("prognose 1 november 2026, niet gereed: 29 dagen over tijd")
        );
        // Done and cancelled work is never overdue; done work keeps its actual date.
        assert_eq!(s.get(4).expect("d").overdue_days, None);
        assert_eq!(projected(&s, 4), day("2026-06-25"));
        assert_eq!(s.get(8).expect("h").overdue_days, None);
        // Due today is not overdue.
        let today = run_on(
            vec![node(1, "2026-11-30")],
            vec![],
            Settings::at(day("2026-11-30")),
        );
        assert_eq!(today.get(1).expect("1").overdue_days, None);
        assert_eq!(today.get(1).expect("1").computed, Health::OnTrack);
    }

    #[test]
    fn pushed_and_behind_baseline_are_at_risk_beyond_the_threshold() {
        let s = fixture();
        // B: pushed 5 days (within the threshold), but its predecessor is off track.
        let b = s.get(2).expect("b");
        assert_eq!(b.computed, Health::AtRisk);
        assert!(
            b.reasons
                .iter()
                .any(|r| r.code == ReasonCode::PredecessorOffTrack)
        );
        // E: pushed 19 days, more than 14.
        let e = s.get(5).expect("e");
        assert_eq!(e.computed, Health::AtRisk);
        let pushed = e
            .reasons
            .iter()
            .find(|r| r.code == ReasonCode::PushedByPredecessor)
            .expect("pushed");
        assert_eq!(pushed.days, Some(19));
        assert_eq!(
            crate::service::language::Words::from(Nl).health_reason(pushed),
            "voorgaande mijlpaal „M1” schuift hem 19 dagen op, voorbij de geplande datum (naar 20 december 2026)"
        );
        // F: 28 days later than in its latest baseline.
        let f = s.get(6).expect("f");
        assert_eq!(f.computed, Health::AtRisk);
        assert_eq!(f.reasons[0].code, ReasonCode::BehindBaseline);
        assert_eq!(f.reasons[0].days, Some(28));
        assert_eq!(
            crate::service::language::Words::from(En)
                .projection_reason(f)
                .as_deref(),
            Some("is expected 28 days later than in its latest baseline (1 February 2027)")
        );
        // Exactly the threshold is not beyond it.
        let mut edge_case = node(1, "2027-01-01");
        edge_case.forecast = Some(day("2027-01-15"));
        edge_case.latest_baseline = Some(day("2027-01-01"));
        let s = run_on(vec![edge_case], vec![], Settings::at(day("2026-11-30")));
        assert_eq!(s.get(1).expect("1").computed, Health::OnTrack);
    }

    #[test]
    fn a_passed_deadline_is_missed_counted_to_the_status_date() {
        let s = fixture();
        let missed = s.commitment(70).expect("missed");
        assert_eq!(missed.state, CommitmentState::Missed);
        assert_eq!(missed.days_late, Some(151));
        assert_eq!(missed.status_date, day("2026-11-30"));
        assert_eq!(
            s.commitment(71).expect("kept").state,
            CommitmentState::Fulfilled
        );
        // C is projected 12 December, 8 days before the 20 December deadline: at risk.
        let ahead = s.commitment(72).expect("ahead");
        assert_eq!(ahead.state, CommitmentState::AtRisk);
        assert_eq!(ahead.days_late, Some(-8));
        let listed: Vec<i32> = s.commitments_at_risk().iter().map(|r| r.id).collect();
        assert_eq!(listed, vec![70, 72]);
        // The day before the deadline's next day it is not missed yet.
        let on_time = Schedule::compute(
            Input {
                nodes: vec![node(1, "2026-07-02")],
                edges: vec![],
                commitments: vec![CommitmentInput {
                    id: 1,
                    number: "T".into(),
                    deadline: day("2026-07-02"),
                    status: CommitmentStatus::Open,
                    milestones: vec![1],
                }],
            },
            Settings::at(day("2026-07-02")),
        );
        assert_eq!(
            on_time.commitment(1).expect("1").state,
            CommitmentState::AtRisk
        );
    }

    #[test]
    fn pushed_days_count_what_the_predecessors_push_and_small_pushes_stay_on_track() {
        // Own date 1 October, its predecessor allows 5 October, status date 30 November: it is
        // overdue 60 days, and pushed 4 (not 60) by the predecessor.
        let mut before = node(1, "2026-09-20");
        before.status = WorkStatus::Done;
        before.actual = Some(day("2026-09-25"));
        let s = Schedule::compute(
            Input {
                nodes: vec![before, node(2, "2026-10-01")],
                edges: vec![edge(1, 2, 10)],
                commitments: vec![],
            },
            Settings::at(day("2026-11-30")),
        );
        let two = s.get(2).expect("2");
        assert_eq!(two.overdue_days, Some(60));
        let pushed = two
            .reasons
            .iter()
            .find(|r| r.code == ReasonCode::PushedByPredecessor)
            .expect("pushed");
        assert_eq!(pushed.days, Some(4));
        // The status date, not the predecessor, holds it: it is its own root cause.
        assert_eq!(s.root_cause(2), 2);
        // A push within the threshold by a healthy predecessor is informative only.
        let s = run_on(
            vec![node(1, "2027-01-10"), node(2, "2027-01-12")],
            vec![edge(1, 2, 10)],
            Settings::at(day("2026-11-30")),
        );
        let two = s.get(2).expect("2");
        assert_eq!(two.reasons[0].code, ReasonCode::PushedByPredecessor);
        assert_eq!(two.reasons[0].days, Some(8));
        assert_eq!(two.computed, Health::OnTrack);
    }

    #[test]
    fn missed_comes_first_and_missed_work_done_needs_no_postponement() {
        let mut done = node(1, "2026-06-20");
        done.status = WorkStatus::Done;
        done.actual = Some(day("2026-06-25"));
        let commitment = |id: i32, deadline: &str, milestones: Vec<i32>| CommitmentInput {
            id,
            number: format!("TZ-{id}"),
            deadline: day(deadline),
            status: CommitmentStatus::Open,
            milestones,
        };
        let s = Schedule::compute(
            Input {
                nodes: vec![done, node(2, "2027-03-01"), node(3, "2026-11-01")],
                edges: vec![],
                commitments: vec![
                    // Projected 88 days past its deadline: needs a letter, many days late.
                    commitment(1, "2026-12-03", vec![2]),
                    // Missed by 2 days, its work overdue.
                    commitment(2, "2026-11-28", vec![3]),
                    // Missed, but its work was done in time: a fulfilment letter is missing.
                    commitment(3, "2026-07-02", vec![1]),
                    // Nothing linked and due in 5 days: at risk.
                    commitment(4, "2026-12-05", vec![]),
                    // Nothing linked and due in 60 days: on track.
                    commitment(5, "2027-01-29", vec![]),
                ],
            },
            Settings::at(day("2026-11-30")),
        );
        let order: Vec<(i32, CommitmentState)> = s
            .commitments_at_risk()
            .iter()
            .map(|r| (r.id, r.state))
            .collect();
        assert_eq!(
            order,
            vec![
                (3, CommitmentState::Missed),
                (2, CommitmentState::Missed),
                (1, CommitmentState::NeedsPostponementLetter),
                (4, CommitmentState::AtRisk),
            ]
        );
        let kept_late = s.commitment(3).expect("3");
        assert!(kept_late.work_done);
        assert!(!kept_late.needs_postponement_letter());
        assert_eq!(kept_late.days_late, Some(151));
        let missed = s.commitment(2).expect("2");
        assert!(!missed.work_done);
        assert!(missed.needs_postponement_letter());
        assert!(s.commitment(1).expect("1").needs_postponement_letter());
        assert_eq!(s.commitment(5).expect("5").state, CommitmentState::OnTrack);
    }

    #[test]
    fn the_status_date_turns_at_dutch_midnight() {
        use crate::service::schedule::status_date::dutch_day;
        use chrono::{TimeZone, Utc};
        // The status date of a moment in 2026 (UTC).
        let at = |month: u32, day: u32, h: u32, m: u32| {
            let moment = Utc
                .with_ymd_and_hms(2026, month, day, h, m, 0)
                .single()
                .expect("moment");
            Settings::at(dutch_day(moment))
        };
        let plan = || vec![node(1, "2026-06-15")];
        // 23:59 in Amsterdam (21:59 UTC, summer time): still 15 June, due today.
        let before = run_on(plan(), vec![], at(6, 15, 21, 59));
        assert_eq!(before.get(1).expect("1").overdue_days, None);
        // 00:30 on 16 June in Amsterdam (22:30 UTC): a day overdue.
        let after = run_on(plan(), vec![], at(6, 15, 22, 30));
        assert_eq!(after.get(1).expect("1").overdue_days, Some(1));
        // In winter (UTC+1) the day turns at 23:00 UTC.
        let plan = || vec![node(1, "2026-12-15")];
        let before = run_on(plan(), vec![], at(12, 15, 22, 30));
        assert_eq!(before.get(1).expect("1").overdue_days, None);
        let after = run_on(plan(), vec![], at(12, 15, 23, 0));
        assert_eq!(after.get(1).expect("1").overdue_days, Some(1));
    }
}
