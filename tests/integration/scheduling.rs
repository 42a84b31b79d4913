//! Scheduling through GraphQL: projections after every kind of edit, slip, health and its
//! overrides, critical paths, and the demo plan's summer-recess commitment.

use crate::support::{TestApp, changes, code, milestone, programme, recess, version};
use serde_json::{Value, json};

const SCHEDULE: &str = "query($id: ID!) { node(id: $id) { ... on Milestone { version plannedDate forecastDate projectedDate slipDays feasible blockedBy { title } earliestPossibleDate slackDays health healthReason(language: EN) reden: healthReason computedHealth { health reasons { code message(language: EN) days milestone { title } } } healthOverride { health reason } } } }";

async fn schedule_of(app: &TestApp, id: &str) -> Value {
    app.ok(SCHEDULE, json!({ "id": id })).await["node"].clone()
}

async fn depend(app: &TestApp, predecessor: &str, successor: &str, lag: i64) {
    app.ok(
        "mutation($p: ID!, $s: ID!, $l: Int!) { addMilestoneDependency(input: { predecessorId: $p, successorId: $s, lagDays: $l }) { dependency { lagDays } } }",
        json!({ "p": predecessor, "s": successor, "l": lag }),
    )
    .await;
}

async fn update(app: &TestApp, id: &str, changes: Value) -> Value {
    let mut input = changes;
    input["id"] = json!(id);
    input["version"] = json!(version(app, id).await);
    app.ok(
        "mutation($input: UpdateMilestoneInput!) { updateMilestone(input: $input) { status milestone { projectedDate successors { successor { title projectedDate } } } } }",
        json!({ "input": input }),
    )
    .await["updateMilestone"]
        .clone()
}

#[tokio::test]
async fn projections_follow_every_kind_of_edit() {
    let app = TestApp::new().await;
    // Before the plan's dates: nothing is overdue yet.
    app.on_day("2026-02-01");
    let p = programme(&app).await;
    let a = milestone(&app, &p, "A", None, "2026-03-01").await;
    let b = milestone(&app, &p, "B", None, "2026-03-10").await;
    let c = milestone(&app, &p, "C", None, "2026-03-20").await;
    depend(&app, &a, &b, 7).await;
    depend(&app, &b, &c, 0).await;
    assert_eq!(schedule_of(&app, &c).await["projectedDate"], "2026-03-20");

    // A forecast moves: the successors follow in the same request's answer.
    let moved = update(&app, &a, json!({ "forecastDate": "2026-03-20" })).await;
    assert_eq!(moved["milestone"]["projectedDate"], "2026-03-20");
    assert_eq!(
        moved["milestone"]["successors"][0]["successor"]["projectedDate"],
        "2026-03-27"
    );
    let b_now = schedule_of(&app, &b).await;
    assert_eq!(b_now["projectedDate"], "2026-03-27");
    assert_eq!(b_now["slipDays"], 17);
    assert_eq!(b_now["feasible"], false);
    assert_eq!(b_now["blockedBy"]["title"], "A");
    assert_eq!(b_now["earliestPossibleDate"], "2026-03-27");
    assert_eq!(schedule_of(&app, &c).await["projectedDate"], "2026-03-27");

    // A longer lag pushes further; removing the dependency releases B.
    depend(&app, &a, &b, 14).await;
    assert_eq!(schedule_of(&app, &c).await["projectedDate"], "2026-04-03");
    app.ok(
        "mutation($p: ID!, $s: ID!) { removeMilestoneDependency(input: { predecessorId: $p, successorId: $s }) { changed } }",
        json!({ "p": a, "s": b }),
    )
    .await;
    assert_eq!(schedule_of(&app, &b).await["projectedDate"], "2026-03-10");
    assert_eq!(schedule_of(&app, &c).await["projectedDate"], "2026-03-20");

    // Done: the actual date counts, whatever the forecast said (recorded on that day).
    app.on_day("2026-03-15");
    depend(&app, &a, &b, 0).await;
    update(
        &app,
        &a,
        json!({ "status": "DONE", "actualDate": "2026-03-15" }),
    )
    .await;
    assert_eq!(schedule_of(&app, &b).await["projectedDate"], "2026-03-15");
    // A later plan of B itself wins again.
    update(&app, &b, json!({ "plannedDate": "2026-04-01" })).await;
    assert_eq!(schedule_of(&app, &c).await["projectedDate"], "2026-04-01");
    // Cancelling B releases C; deleting B leaves C on its own date as well.
    app.on_day("2026-03-16");
    update(
        &app,
        &b,
        json!({ "status": "CANCELLED", "actualDate": "2026-03-16" }),
    )
    .await;
    assert_eq!(schedule_of(&app, &c).await["projectedDate"], "2026-03-20");
    let v = version(&app, &b).await;
    app.ok(
        "mutation($id: ID!, $v: Int!) { deleteMilestone(input: { id: $id, version: $v }) { status } }",
        json!({ "id": b, "v": v }),
    )
    .await;
    assert_eq!(schedule_of(&app, &c).await["projectedDate"], "2026-03-20");
}

#[tokio::test]
async fn health_is_computed_with_reasons_and_overrides_are_recorded() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let prep = milestone(&app, &p, "Voorbereiding", None, "2026-06-20").await;
    let letter = milestone(&app, &p, "Kamerbrief", Some("RIJK"), "2026-07-02").await;
    depend(&app, &prep, &letter, 7).await;
    // A deadline given as a recess needs that recess in the calendar: an input error naming it.
    let v = version(&app, &letter).await;
    let error = app
        .err(
            "mutation($id: ID!, $v: Int!) { updateMilestone(input: { id: $id, version: $v, deadlineText: \"voor het zomerreces 2026\", changeReason: \"Toezegging aan de Kamer\" }) { status } }",
            json!({ "id": letter, "v": v }),
        )
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.deadlineText");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("summer 2026")),
        "{error}"
    );

    recess(
        &app,
        "SUMMER",
        2026,
        "Zomerreces 2026",
        "2026-07-03",
        "2026-08-31",
    )
    .await;
    update(
        &app,
        &letter,
        json!({ "deadlineText": "voor het zomerreces 2026", "changeReason": "Toezegging aan de Kamer" }),
    )
    .await;
    let s = schedule_of(&app, &letter).await;
    assert_eq!(s["health"], "AT_RISK", "{s}");
    assert_eq!(s["computedHealth"]["reasons"][0]["code"], "DEADLINE_SLACK");
    let prep_now = schedule_of(&app, &prep).await;
    assert_eq!(prep_now["health"], "AT_RISK");
    assert_eq!(
        prep_now["healthReason"],
        "leaves “Kamerbrief” only 5 days of margin to its deadline of 2 July 2026"
    );
    // Without a language, Dutch (the request named none).
    assert_eq!(
        prep_now["reden"],
        "laat „Kamerbrief” nog 5 dagen marge tot de termijn van 2 juli 2026"
    );

    // The preparation slips 13 days: the letter passes its deadline, named with the cause.
    update(&app, &prep, json!({ "forecastDate": "2026-07-03" })).await;
    let s = schedule_of(&app, &letter).await;
    assert_eq!(s["health"], "OFF_TRACK");
    assert_eq!(s["projectedDate"], "2026-07-10");
    assert_eq!(
        s["healthReason"],
        "projected 8 days past its deadline of 2 July 2026"
    );
    // The preparation pushes the letter past its deadline: it is off track too, naming it.
    let prep_now = schedule_of(&app, &prep).await;
    assert_eq!(prep_now["health"], "OFF_TRACK");
    assert_eq!(
        prep_now["computedHealth"]["reasons"][0]["code"],
        "PUSHES_PAST_DEADLINE"
    );
    assert_eq!(
        prep_now["computedHealth"]["reasons"][0]["milestone"]["title"],
        "Kamerbrief"
    );
    assert_eq!(
        prep_now["reden"],
        "hierdoor haalt „Kamerbrief” de termijn van 2 juli 2026 niet: 8 dagen te laat"
    );
    let reasons = s["computedHealth"]["reasons"].as_array().expect("reasons");
    assert!(
        reasons.iter().any(|r| r["code"] == "PUSHED_BY_PREDECESSOR"
            && r["message"] == "predecessor “Voorbereiding” pushes it 8 days past its planned date (to 10 July 2026)"
            && r["milestone"]["title"] == "Voorbereiding"),
        "{reasons:?}"
    );

    // An override needs a reason; with one it counts, the computed health stays visible, and
    // it is in the change history.
    let v = version(&app, &letter).await;
    let error = app
        .err(
            "mutation($id: ID!, $v: Int!) { updateMilestone(input: { id: $id, version: $v, healthOverride: { health: AT_RISK, reason: \"\" } }) { status } }",
            json!({ "id": letter, "v": v }),
        )
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.healthOverride.reason");
    update(
        &app,
        &letter,
        json!({ "healthOverride": { "health": "AT_RISK", "reason": "Brief kan desnoods op 3 juli per post" } }),
    )
    .await;
    let s = schedule_of(&app, &letter).await;
    assert_eq!(s["health"], "AT_RISK");
    assert_eq!(s["healthReason"], "Brief kan desnoods op 3 juli per post");
    assert_eq!(s["computedHealth"]["health"], "OFF_TRACK");
    assert_eq!(s["healthOverride"]["health"], "AT_RISK");
    assert!(
        changes(&app, &letter)
            .await
            .iter()
            .any(|r| r["field"] == "health_override" && r["newValue"] == "AT_RISK")
    );
    // null removes the override.
    update(&app, &letter, json!({ "healthOverride": null })).await;
    assert_eq!(schedule_of(&app, &letter).await["health"], "OFF_TRACK");

    // Filtering on health uses the computed (or overridden) health.
    let filtered = app
        .ok(
            "{ milestones(filter: { health: [OFF_TRACK] }) { totalCount edges { node { title } } } }",
            json!({}),
        )
        .await;
    assert_eq!(filtered["milestones"]["totalCount"], 2);
    assert_eq!(
        filtered["milestones"]["edges"][0]["node"]["title"],
        "Voorbereiding"
    );
    assert_eq!(
        filtered["milestones"]["edges"][1]["node"]["title"],
        "Kamerbrief"
    );
}

#[tokio::test]
async fn a_configurable_threshold_decides_at_risk() {
    let config = koers::config::ApiConfig {
        at_risk_days: 3,
        ..Default::default()
    };
    let app = TestApp::with_config(config).await;
    let p = programme(&app).await;
    let m = milestone(&app, &p, "M", None, "2026-06-25").await;
    update(
        &app,
        &m,
        json!({ "deadlineDate": "2026-07-02", "changeReason": "Toezegging aan de Kamer" }),
    )
    .await;
    assert_eq!(schedule_of(&app, &m).await["health"], "ON_TRACK");
    update(&app, &m, json!({ "forecastDate": "2026-06-30" })).await;
    assert_eq!(schedule_of(&app, &m).await["health"], "AT_RISK");
}

#[tokio::test]
async fn critical_paths_of_programme_and_phase() {
    let app = TestApp::new().await;
    // Before the plan's dates: nothing is overdue yet.
    app.on_day("2025-12-01");
    let p = programme(&app).await;
    let a = milestone(&app, &p, "A", None, "2026-01-10").await;
    let b = milestone(&app, &p, "B", None, "2026-02-01").await;
    let c = milestone(&app, &p, "C", None, "2026-01-20").await;
    let d = milestone(&app, &p, "D", None, "2026-01-01").await;
    depend(&app, &a, &b, 0).await;
    depend(&app, &a, &c, 0).await;
    depend(&app, &b, &d, 10).await;
    depend(&app, &c, &d, 10).await;
    let q = "query($id: ID!) { node(id: $id) { ... on Programme { criticalPath { projectedEnd steps { milestone { title } projectedDate slackDays lagDays } } } } }";
    let path = app.ok(q, json!({ "id": p })).await["node"]["criticalPath"].clone();
    assert_eq!(path["projectedEnd"], "2026-02-11");
    let steps: Vec<(String, Value, Value)> = path["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| {
            (
                s["milestone"]["title"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                s["slackDays"].clone(),
                s["lagDays"].clone(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        vec![
            ("A".to_owned(), json!(22), json!(0)),
            ("B".to_owned(), json!(0), json!(0)),
            ("D".to_owned(), json!(0), json!(10)),
        ]
    );
    // C has 12 days of slack: it may slip to 2026-02-01 without moving D.
    let slack = app
        .ok(
            "query($id: ID!) { node(id: $id) { ... on Milestone { slackDays } } }",
            json!({ "id": c }),
        )
        .await;
    assert_eq!(slack["node"]["slackDays"], 12);

    // A phase has its own path.
    let phase = app
        .ok(
            "mutation($p: ID!) { createPhase(input: { programmeId: $p, number: 1, name: \"Fase 1\", plannedStart: \"2026-01-01\", plannedEnd: \"2026-01-31\" }) { phase { id } } }",
            json!({ "p": p }),
        )
        .await["createPhase"]["phase"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    update(&app, &c, json!({ "phaseId": phase })).await;
    let q = "query($id: ID!) { node(id: $id) { ... on Phase { criticalPath { projectedEnd steps { milestone { title } } } } } }";
    let path = app.ok(q, json!({ "id": phase })).await["node"]["criticalPath"].clone();
    assert_eq!(path["projectedEnd"], "2026-01-20");
    assert_eq!(path["steps"][0]["milestone"]["title"], "C");
    assert_eq!(path["steps"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn the_demo_plan_shows_its_schedule_and_moving_an_early_milestone_needs_a_letter() {
    let app = TestApp::with_demo().await;
    let q = "{ programmes { edges { node { criticalPath { projectedEnd steps { milestone { title } slackDays } } } } }
               commitmentsAtRisk { state daysLate causedBy { title } rootCause { title } commitment { number } }
               milestones(first: 100, filter: { plannedFrom: \"2026-06-01\", plannedTo: \"2026-07-31\" }) { edges { node { id title slipDays health healthReason originalVariance { varianceDays } latestVariance { varianceDays baseline { name } } } } } }";
    let data = app.ok(q, json!({})).await;
    let steps: Vec<&str> = data["programmes"]["edges"][0]["node"]["criticalPath"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| s["milestone"]["title"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(steps.len(), 4, "{steps:?}");
    assert!(steps[0].starts_with("Bestuurlijk overleg"), "{steps:?}");
    assert!(
        steps[1].starts_with("Kamerbrief voortgang fase 3"),
        "{steps:?}"
    );
    let risk = &data["commitmentsAtRisk"][0];
    assert_eq!(risk["commitment"]["number"], "TZ202504-057");
    assert_eq!(risk["state"], "AT_RISK");
    assert_eq!(risk["daysLate"], 0);
    let milestones = data["milestones"]["edges"].as_array().expect("edges");
    let consultation = milestones
        .iter()
        .map(|e| &e["node"])
        .find(|n| {
            n["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Bestuurlijk overleg"))
        })
        .expect("consultation");
    // Slip against the original baseline and against the re-plan of March 2026.
    assert_eq!(consultation["slipDays"], 70);
    assert_eq!(consultation["originalVariance"]["varianceDays"], 70);
    assert_eq!(consultation["latestVariance"]["varianceDays"], 21);
    assert_eq!(
        consultation["health"], "OFF_TRACK",
        "the manager's override"
    );
    let letter = milestones
        .iter()
        .map(|e| &e["node"])
        .find(|n| {
            n["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Kamerbrief voortgang"))
        })
        .expect("letter");
    assert_eq!(letter["health"], "AT_RISK");

    // Move the consultation two weeks: the letter and everything after it move along, and the
    // commitment now needs a postponement letter.
    let id = consultation["id"].as_str().expect("id");
    let moved = update(&app, id, json!({ "forecastDate": "2026-07-08" })).await;
    assert_eq!(
        moved["milestone"]["successors"][0]["successor"]["projectedDate"],
        "2026-07-15"
    );
    let data = app.ok(q, json!({})).await;
    let risk = &data["commitmentsAtRisk"][0];
    assert_eq!(risk["state"], "NEEDS_POSTPONEMENT_LETTER");
    assert_eq!(risk["daysLate"], 13);
    assert!(
        risk["causedBy"]["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("Kamerbrief voortgang"))
    );
    assert!(
        risk["rootCause"]["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("Bestuurlijk overleg"))
    );
    let letter = data["milestones"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| &e["node"])
        .find(|n| {
            n["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Kamerbrief voortgang"))
        })
        .expect("letter")
        .clone();
    assert_eq!(letter["health"], "OFF_TRACK");
    assert_eq!(
        letter["healthReason"],
        "verwacht 13 dagen na de termijn van 2 juli 2026"
    );
}
