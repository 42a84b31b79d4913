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

/// Every list filter of the API, one query each (the cost limit would refuse them together),
/// with values from the demo plan (`$p` a programme, `$ph` a phase, `$w` a workstream, `$ds` a
/// data source, `$m` a milestone and `$c` a commitment).
const FILTERS: &[&str] = &[
    "mProgramme: milestones(first: 100, asOf: $t, filter: { programmeId: $p }) { ...M }",
    "mRijk: milestones(first: 100, asOf: $t, filter: { layer: RIJK }) { ...M }",
    "mGemeenteJoint: milestones(first: 100, asOf: $t, filter: { layer: GEMEENTE, joint: true }) { ...M }",
    "mJoint: milestones(first: 100, asOf: $t, filter: { joint: true }) { ...M }",
    "mNotJoint: milestones(first: 100, asOf: $t, filter: { joint: false }) { ...M }",
    "mPhase: milestones(first: 100, asOf: $t, filter: { phaseId: $ph }) { ...M }",
    "mWorkstream: milestones(first: 100, asOf: $t, filter: { workstreamId: $w }) { ...M }",
    "mStatus: milestones(first: 100, asOf: $t, filter: { status: [IN_PROGRESS, DONE] }) { ...M }",
    "mNoStatus: milestones(first: 100, asOf: $t, filter: { status: [] }) { ...M }",
    "mHealth: milestones(first: 100, asOf: $t, filter: { health: [AT_RISK, OFF_TRACK] }) { ...M }",
    "mComputed: milestones(first: 100, asOf: $t, filter: { computedHealth: [OFF_TRACK] }) { ...M }",
    "mBoth: milestones(first: 100, asOf: $t, filter: { health: [OFF_TRACK], computedHealth: [AT_RISK, OFF_TRACK] }) { ...M }",
    "mFrom: milestones(first: 100, asOf: $t, filter: { plannedFrom: \"2026-07-01\" }) { ...M }",
    "mTo: milestones(first: 100, asOf: $t, filter: { plannedTo: \"2026-07-01\" }) { ...M }",
    "mDeadlineFrom: milestones(first: 100, asOf: $t, filter: { deadlineFrom: \"2026-07-01\" }) { ...M }",
    "mDeadlineTo: milestones(first: 100, asOf: $t, filter: { deadlineTo: \"2026-07-02\" }) { ...M }",
    "mSearch: milestones(first: 100, asOf: $t, filter: { search: \"DATA\" }) { ...M }",
    "mOverdue: milestones(first: 100, asOf: $t, filter: { overdue: true }) { ...M }",
    "mOnTime: milestones(first: 100, asOf: $t, filter: { overdue: false, layer: PROVINCIE }) { ...M }",
    "kProgramme: kpis(first: 100, asOf: $t, filter: { programmeId: $p }) { ...K }",
    "kTheme: kpis(first: 100, asOf: $t, filter: { theme: CLIMATE }) { ...K }",
    "kLayer: kpis(first: 100, asOf: $t, filter: { layer: GEMEENTE }) { ...K }",
    "kWaterschap: kpis(first: 100, asOf: $t, filter: { layer: WATERSCHAP }) { ...K }",
    "kLevel: kpis(first: 100, asOf: $t, filter: { level: OUTCOME }) { ...K }",
    "kSearch: kpis(first: 100, asOf: $t, filter: { search: \"CO2-UITSTOOT\" }) { ...K }",
    "tProgramme: dataInfraTasks(first: 100, asOf: $t, filter: { programmeId: $p }) { ...T }",
    "tLayer: dataInfraTasks(first: 100, asOf: $t, filter: { layer: RIJK }) { ...T }",
    "tStatus: dataInfraTasks(first: 100, asOf: $t, filter: { status: [PLANNED] }) { ...T }",
    "tKind: dataInfraTasks(first: 100, asOf: $t, filter: { kind: DATA_QUALITY }) { ...T }",
    "tSource: dataInfraTasks(first: 100, asOf: $t, filter: { dataSourceId: $ds }) { ...T }",
    "tDue: dataInfraTasks(first: 100, asOf: $t, filter: { dueBefore: \"2026-09-30\" }) { ...T }",
    "rLayer: risks(first: 100, asOf: $t, filter: { layer: GEMEENTE }) { ...R }",
    "rStatus: risks(first: 100, asOf: $t, filter: { status: [OPEN] }) { ...R }",
    "rMilestone: risks(first: 100, asOf: $t, filter: { milestoneId: $m }) { ...R }",
    "rCommitment: risks(first: 100, asOf: $t, filter: { commitmentId: $c }) { ...R }",
    "sSearch: dataSources(first: 100, asOf: $t, search: \"tender\") { totalCount edges { node { id } } }",
    "recessYear: recessPeriods(first: 100, asOf: $t, year: 2026) { totalCount edges { node { id } } }",
    "recessKind: recessPeriods(first: 100, asOf: $t, kind: SUMMER) { totalCount edges { node { id } } }",
    "cStatus: commitments(first: 100, asOf: $t, status: OPEN) { totalCount edges { node { id } } }",
    "phases(first: 100, asOf: $t, programmeId: $p, status: IN_PROGRESS) { totalCount edges { node { id } } }",
    "workstreams(first: 100, asOf: $t, programmeId: $p) { totalCount edges { node { id } } }",
    "organisations(first: 100, asOf: $t, layer: PROVINCIE) { totalCount edges { node { id } } }",
    "programmes(first: 100, asOf: $t) { totalCount edges { node { id } } }",
];

/// The fields each filtered list gives (cursors included: pages agree too), by fragment name.
const FRAGMENTS: &[(&str, &str)] = &[
    (
        "M",
        "fragment M on MilestoneConnection { totalCount edges { cursor node { id version } } }",
    ),
    (
        "K",
        "fragment K on KpiConnection { totalCount edges { cursor node { id version } } }",
    ),
    (
        "T",
        "fragment T on DataInfraTaskConnection { totalCount edges { cursor node { id version } } }",
    ),
    (
        "R",
        "fragment R on RiskConnection { totalCount edges { node { id version } } }",
    ),
];

/// The variables the filters use, with their types.
const VARIABLES: &[(&str, &str)] = &[
    ("t", "DateTime"),
    ("p", "ID"),
    ("ph", "ID"),
    ("w", "ID"),
    ("ds", "ID"),
    ("m", "ID"),
    ("c", "ID"),
];

/// The lists of [`FILTERS`], by alias, live (`$t` null) or as of `$t`: one query each, with the
/// variables and fragment it uses (GraphQL refuses unused ones).
async fn filtered(app: &TestApp, variables: &Value) -> Value {
    let mut out = serde_json::Map::new();
    for list in FILTERS {
        let used: Vec<&(&str, &str)> = VARIABLES
            .iter()
            .filter(|(name, _)| {
                list.split(|c: char| !c.is_alphanumeric() && c != '$')
                    .any(|word| word == format!("${name}"))
            })
            .collect();
        let declared: Vec<String> = used.iter().map(|(n, t)| format!("${n}: {t}")).collect();
        let fragment = FRAGMENTS
            .iter()
            .find(|(name, _)| list.contains(&format!("...{name} ")))
            .map_or("", |(_, f)| f);
        let query = format!("query({}) {{ {list} }} {fragment}", declared.join(", "));
        let mut vars = serde_json::Map::new();
        for (name, _) in &used {
            vars.insert((*name).to_owned(), variables[*name].clone());
        }
        let data = app.ok(&query, Value::Object(vars)).await;
        for (alias, value) in data.as_object().cloned().unwrap_or_default() {
            out.insert(alias, value);
        }
    }
    Value::Object(out)
}

/// The filters' arguments from the demo plan, `$t` added.
async fn filter_arguments(app: &TestApp, t: Value) -> Value {
    let data = app
        .ok(
            "{ programmes { edges { node { id } } } phases(first: 1) { edges { node { id } } }
               workstreams(first: 1) { edges { node { id } } } dataSources(first: 1, search: \"tender\") { edges { node { id } } }
               risks(first: 100) { edges { node { milestone { id } commitment { id } } } } }",
            json!({}),
        )
        .await;
    let first = |list: &str| data[list]["edges"][0]["node"]["id"].clone();
    let risks = data["risks"]["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let about = |what: &str| {
        risks
            .iter()
            .map(|r| r["node"][what]["id"].clone())
            .find(|id| !id.is_null())
            .unwrap_or(Value::Null)
    };
    json!({ "t": t, "p": first("programmes"), "ph": first("phases"), "w": first("workstreams"),
            "ds": first("dataSources"), "m": about("milestone"), "c": about("commitment") })
}

#[tokio::test]
async fn every_list_filter_reads_the_same_rows_live_and_as_of() {
    let app = TestApp::with_demo().await;
    // Half a year on, some of the demo's work is overdue.
    app.clock.advance(chrono::Duration::days(180));
    let live = filter_arguments(&app, Value::Null).await;
    assert!(
        ["p", "ph", "w", "ds", "m", "c"]
            .iter()
            .all(|k| !live[*k].is_null()),
        "the demo plan gives every argument: {live}"
    );
    let before = filtered(&app, &live).await;
    // Every filter selects something on the demo plan, and the selective ones not everything,
    // so a filter that drops or keeps every row in one of the two readings shows.
    for (name, list) in before.as_object().expect("an object") {
        let n = list["totalCount"].as_i64().unwrap_or_default();
        if name == "mNoStatus" {
            assert_eq!(n, 0, "an empty status list matches nothing");
        } else {
            assert!(n > 0, "{name} selects nothing on the demo plan");
        }
    }
    let moment = app.clock.now().to_rfc3339();
    // Changes after the moment: a milestone moves layer and status, a risk closes, a KPI
    // target for the water boards appears, and a task is deleted.
    let later = app
        .ok(
            "{ milestones(first: 1, filter: { layer: RIJK, status: [PLANNED] }) { edges { node { id version } } }
               risks(first: 1, filter: { status: [OPEN] }) { edges { node { id version } } }
               kpis(first: 1) { edges { node { id } } }
               dataInfraTasks(first: 1) { edges { node { id version } } } }",
            json!({}),
        )
        .await;
    app.clock.advance(chrono::Duration::hours(2));
    let node = |list: &str| later[list]["edges"][0]["node"].clone();
    for (mutation, input) in [
        (
            "mutation($i: UpdateMilestoneInput!) { updateMilestone(input: $i) { status } }",
            json!({ "id": node("milestones")["id"], "version": node("milestones")["version"],
                    "layer": "GEMEENTE", "status": "IN_PROGRESS" }),
        ),
        (
            "mutation($i: UpdateRiskInput!) { updateRisk(input: $i) { status } }",
            json!({ "id": node("risks")["id"], "version": node("risks")["version"], "status": "CLOSED" }),
        ),
        (
            "mutation($i: CreateKpiTargetInput!) { createKpiTarget(input: $i) { target { id } } }",
            json!({ "kpiId": node("kpis")["id"], "year": 2027, "layer": "WATERSCHAP", "value": "12.5" }),
        ),
        (
            "mutation($i: DeleteInput!) { deleteDataInfraTask(input: $i) { status } }",
            json!({ "id": node("dataInfraTasks")["id"], "version": node("dataInfraTasks")["version"] }),
        ),
    ] {
        app.ok(mutation, json!({ "i": input })).await;
    }
    let now = filtered(&app, &live).await;
    assert_ne!(now, before, "the changes show in the live lists");
    let mut then = live.clone();
    then["t"] = json!(moment);
    assert_eq!(
        filtered(&app, &then).await,
        before,
        "each filter as of the moment (in memory) lists what it listed live (SQL) then"
    );
    let mut current = live;
    current["t"] = json!(app.clock.now().to_rfc3339());
    assert_eq!(
        filtered(&app, &current).await,
        now,
        "each filter as of now lists what it lists live"
    );
}
