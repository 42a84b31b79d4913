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
    }
}

fn edge(predecessor: i32, successor: i32, lag_days: i32) -> Edge {
    Edge {
        predecessor,
        successor,
        lag_days,
    }
}

fn run(nodes: Vec<Node>, edges: Vec<Edge>) -> Schedule {
    Schedule::compute(
        Input {
            nodes,
            edges,
            commitments: vec![],
        },
        Settings::default(),
    )
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
        two.reasons[0].message,
        "predecessor \"M1\" moved 22 days and pushes it 17 days past its planned date"
    );
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
        one.reason.as_deref(),
        Some("projected 2026-06-01 passes its deadline 2026-05-20 by 12 days")
    );
    let two = s.get(2).expect("2");
    assert_eq!(two.health, Health::AtRisk);
    assert_eq!(two.reasons[0].days, Some(9));
    // Exactly the threshold (14 days) is not below it.
    assert_eq!(s.get(3).expect("3").health, Health::OnTrack);
    let four = s.get(4).expect("4");
    assert_eq!(four.health, Health::AtRisk);
    assert_eq!(
        four.reason.as_deref(),
        Some("predecessor \"M1\" is off track")
    );
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
        one.reason.as_deref(),
        Some("only 1 day of slack to the deadline 2026-07-02 of \"M2\"")
    );
}

#[test]
fn an_override_wins_but_the_computed_health_stays_visible() {
    let mut a = node(1, "2026-06-01");
    a.deadline = Some(day("2026-05-01"));
    a.health_override = Some((Health::AtRisk, "de Kamer is al geïnformeerd".into()));
    let s = run(vec![a, node(2, "2026-07-01")], vec![edge(1, 2, 0)]);
    let one = s.get(1).expect("1");
    assert_eq!(one.health, Health::AtRisk);
    assert_eq!(one.computed, Health::OffTrack);
    assert_eq!(one.reason.as_deref(), Some("de Kamer is al geïnformeerd"));
    // Successors see the health that counts.
    assert_eq!(s.get(2).expect("2").health, Health::OnTrack);
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
            Settings::default(),
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
        two.reason.as_deref(),
        Some(
            "projected 2026-07-15 passes its deadline 2026-07-02 (commitment TZ202504-057) by 13 days"
        )
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
