//! As-of views: a property test that applies random edits at increasing times and checks that
//! the view at each time equals the plan as it was then (relations and schedule included).

use crate::support::{TestApp, kpi, programme};
use koers::clock::Clock;
use serde_json::{Value, json};

/// Everything the test compares, live (`$t` null) or as of `$t`.
const PLAN: &str = "query($t: DateTime) {
  milestones(first: 100, asOf: $t) { totalCount edges { cursor node {
    id title layer plannedDate forecastDate actualDate status version createdAt updatedAt deletedAt
    projectedDate slipDays health healthReason slackDays healthOverride { health reason }
    statusDate overdue overdueDays computedHealth { health reasons { code days date } }
    predecessors { lagDays predecessor { id title } }
    successors { successor { id } }
    kpis { code name version measurements(first: 3) { periodEnd value } }
    commitments { number } } } }
  kpis(first: 100, asOf: $t) { totalCount edges { node { id code name version milestones { id } } } }
  commitments(asOf: $t) { edges { node { number deadlineDate needsPostponementLetter risk { state daysLate causedBy { id } } } } }
  late: milestones(first: 100, asOf: $t, filter: { health: [AT_RISK, OFF_TRACK] }) { totalCount }
  overdue: milestones(first: 100, asOf: $t, filter: { overdue: true }) { totalCount edges { node { id } } }
  onTime: milestones(first: 100, asOf: $t, filter: { overdue: false }) { totalCount }
  statusDate(asOf: $t)
  commitmentsAtRisk(asOf: $t) { state statusDate daysLate projectedDate causedBy { id } }
}";

/// A small deterministic generator (xorshift64*), so a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn date(&mut self) -> String {
        format!("2026-{:02}-{:02}", 1 + self.below(12), 1 + self.below(28))
    }
}

/// Live milestones and KPIs, by id.
async fn ids(app: &TestApp) -> (Vec<(String, i64)>, Vec<String>) {
    let data = app
        .ok("{ milestones(first: 100) { edges { node { id version } } } kpis(first: 100) { edges { node { id } } } }", json!({}))
        .await;
    let milestones = data["milestones"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            (
                e["node"]["id"].as_str().unwrap_or_default().to_owned(),
                e["node"]["version"].as_i64().unwrap_or_default(),
            )
        })
        .collect();
    let kpis = data["kpis"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    (milestones, kpis)
}

/// One random edit; mutations that a rule refuses (a cycle, say) change nothing, which the
/// comparison covers as well.
async fn edit(app: &TestApp, rng: &mut Rng, p: &str, step: usize) {
    let (milestones, kpis) = ids(app).await;
    let pick = |rng: &mut Rng| milestones[rng.below(milestones.len())].clone();
    let update =
        "mutation($input: UpdateMilestoneInput!) { updateMilestone(input: $input) { status } }";
    match (rng.below(10), milestones.is_empty()) {
        (0..=2, _) | (_, true) => {
            let layer = ["RIJK", "PROVINCIE", "GEMEENTE", "WATERSCHAP"][rng.below(4)];
            app.gql(
                "mutation($input: CreateMilestoneInput!) { createMilestone(input: $input) { milestone { id } } }",
                json!({ "input": { "programmeId": p, "title": format!("Mijlpaal {step}"), "kind": "DELIVERY",
                                   "layer": if rng.below(3) == 0 { Value::Null } else { json!(layer) },
                                   "plannedDate": rng.date() } }),
            )
            .await;
        }
        (3, _) => {
            let (id, v) = pick(rng);
            app.gql(
                update,
                json!({ "input": { "id": id, "version": v, "forecastDate": rng.date() } }),
            )
            .await;
        }
        (4, _) => {
            let (id, v) = pick(rng);
            let change = match rng.below(4) {
                0 => json!({ "title": format!("Hernoemd {step}") }),
                1 => json!({ "status": "DONE", "actualDate": rng.date() }),
                2 => {
                    json!({ "healthOverride": { "health": "AT_RISK", "reason": format!("Reden {step}") } })
                }
                _ => json!({ "deadlineDate": rng.date(), "forecastDate": null }),
            };
            let mut input = change;
            input["id"] = json!(id);
            input["version"] = json!(v);
            app.gql(update, json!({ "input": input })).await;
        }
        (5, _) => {
            let ((a, _), (b, _)) = (pick(rng), pick(rng));
            app.gql(
                "mutation($p: ID!, $s: ID!, $l: Int!) { addMilestoneDependency(input: { predecessorId: $p, successorId: $s, lagDays: $l }) { dependency { lagDays } } }",
                json!({ "p": a, "s": b, "l": rng.below(30) as i64 - 5 }),
            )
            .await;
        }
        (6, _) => {
            let ((a, _), (b, _)) = (pick(rng), pick(rng));
            app.gql(
                "mutation($p: ID!, $s: ID!) { removeMilestoneDependency(input: { predecessorId: $p, successorId: $s }) { changed } }",
                json!({ "p": a, "s": b }),
            )
            .await;
        }
        (7, _) => {
            let (m, _) = pick(rng);
            let k = &kpis[rng.below(kpis.len())];
            let verb = if rng.below(3) == 0 {
                "unlinkMilestoneKpi"
            } else {
                "linkMilestoneKpi"
            };
            app.gql(
                &format!("mutation($m: ID!, $k: ID!) {{ {verb}(input: {{ milestoneId: $m, kpiId: $k }}) {{ changed }} }}"),
                json!({ "m": m, "k": k }),
            )
            .await;
        }
        (8, _) => {
            let k = &kpis[rng.below(kpis.len())];
            let day = rng.date();
            app.gql(
                "mutation($k: ID!, $d: Date!, $v: Decimal!) { recordMeasurement(input: { kpiId: $k, periodStart: $d, periodEnd: $d, value: $v }) { measurement { id } } }",
                json!({ "k": k, "d": day, "v": format!("{}.{}", rng.below(100), rng.below(10)) }),
            )
            .await;
        }
        _ => {
            let (id, v) = pick(rng);
            app.gql(
                "mutation($id: ID!, $v: Int!) { deleteMilestone(input: { id: $id, version: $v }) { status } }",
                json!({ "id": id, "v": v }),
            )
            .await;
        }
    }
}

#[tokio::test]
async fn the_view_as_of_each_moment_equals_the_plan_at_that_moment() {
    for seed in [7_u64, 2026, 424_242] {
        let app = TestApp::new().await;
        let mut rng = Rng(seed);
        let p = programme(&app).await;
        kpi(&app, &p, "K1", &["CLIMATE"]).await;
        kpi(&app, &p, "K2", &["CIRCULAR"]).await;
        app.ok(
            "mutation($p: ID!) { createCommitment(input: { programmeId: $p, number: \"TZ-1\", text: \"Toezegging\", madeBy: \"BZK\", madeOn: \"2025-01-01\", deadlineDate: \"2026-07-02\" }) { commitment { id } } }",
            json!({ "p": p }),
        )
        .await;
        let mut seen: Vec<(String, Value)> = Vec::new();
        for step in 0..30 {
            app.clock
                .advance(chrono::Duration::hours(1 + rng.below(72) as i64));
            edit(&app, &mut rng, &p, step).await;
            if step == 3 {
                // Link the commitment once there are milestones.
                let (milestones, _) = ids(&app).await;
                let c = app
                    .ok("{ commitments { edges { node { id } } } }", json!({}))
                    .await["commitments"]["edges"][0]["node"]["id"]
                    .clone();
                app.ok(
                    "mutation($c: ID!, $m: ID!) { linkCommitmentMilestone(input: { commitmentId: $c, milestoneId: $m }) { changed } }",
                    json!({ "c": c, "m": milestones[0].0 }),
                )
                .await;
            }
            let at = app.clock.now().to_rfc3339();
            seen.push((at, app.ok(PLAN, json!({ "t": null })).await));
        }
        // The run crosses status dates where work is overdue, so the comparison covers it.
        assert!(
            seen.iter()
                .any(|(_, plan)| plan["overdue"]["totalCount"].as_i64() > Some(0)),
            "seed {seed}: no moment with overdue work"
        );
        for (at, then) in &seen {
            let view = app.ok(PLAN, json!({ "t": at })).await;
            assert_eq!(
                &view, then,
                "seed {seed}: the view as of {at} differs from the plan then"
            );
        }
        // Before the first record there was nothing.
        let before = app.ok(PLAN, json!({ "t": "2000-01-01T00:00:00Z" })).await;
        assert_eq!(before["milestones"]["totalCount"], 0);
        assert_eq!(before["kpis"]["totalCount"], 0);
    }
}
