//! Domain rules beyond single fields: references, deletion, no-op edits, atomicity, uniqueness.

use crate::support::{TestApp, code, kpi, milestone, programme, version};
use serde_json::json;

#[tokio::test]
async fn deleting_a_parent_does_not_freeze_its_children() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let phase = app
        .ok("mutation($p: ID!) { createPhase(input: { programmeId: $p, number: 2, name: \"Fase 2\", plannedStart: \"2024-06-01\", plannedEnd: \"2025-07-03\" }) { phase { id } } }", json!({ "p": p }))
        .await["createPhase"]["phase"]["id"]
        .clone();
    let m = app
        .ok("mutation($p: ID!, $f: ID!) { createMilestone(input: { programmeId: $p, phaseId: $f, title: \"Eindproducten\", kind: DELIVERY, plannedDate: \"2025-07-03\" }) { milestone { id } } }", json!({ "p": p, "f": phase }))
        .await["createMilestone"]["milestone"]["id"]
        .clone();
    app.ok(
        "mutation($id: ID!) { deletePhase(input: { id: $id, version: 1 }) { status } }",
        json!({ "id": phase }),
    )
    .await;
    // The milestone still cites the deleted phase, and can still be edited.
    let data = app
        .ok("mutation($id: ID!) { updateMilestone(input: { id: $id, version: 1, forecastDate: \"2025-09-30\" }) { status milestone { phase { name } } } }", json!({ "id": m }))
        .await;
    assert_eq!(data["updateMilestone"]["status"], "OK");
    assert_eq!(
        data["updateMilestone"]["milestone"]["phase"]["name"],
        "Fase 2"
    );
    // But it cannot be moved to a deleted phase anew.
    let other = milestone(&app, &p, "Ander", None, "2025-08-01").await;
    let error = app.err("mutation($id: ID!, $f: ID!) { updateMilestone(input: { id: $id, version: 1, phaseId: $f }) { status } }", json!({ "id": other, "f": phase })).await;
    assert_eq!(code(&error), "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.phaseId");
}

#[tokio::test]
async fn a_milestone_cannot_use_another_programmes_phase() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let other = programme(&app).await;
    let phase = app
        .ok("mutation($p: ID!) { createPhase(input: { programmeId: $p, number: 1, name: \"F\", plannedStart: \"2024-01-01\", plannedEnd: \"2024-12-31\" }) { phase { id } } }", json!({ "p": other }))
        .await["createPhase"]["phase"]["id"]
        .clone();
    let error = app
        .err("mutation($p: ID!, $f: ID!) { createMilestone(input: { programmeId: $p, phaseId: $f, title: \"M\", kind: DELIVERY, plannedDate: \"2024-05-01\" }) { milestone { id } } }", json!({ "p": p, "f": phase }))
        .await;
    assert_eq!(error["extensions"]["field"], "input.phaseId");
}

#[tokio::test]
async fn an_update_that_changes_nothing_keeps_the_version() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let m = milestone(&app, &p, "Gelijk", Some("PROVINCIE"), "2026-03-01").await;
    let records = app.count("change_record").await;
    let data = app
        .ok("mutation($id: ID!) { updateMilestone(input: { id: $id, version: 1, title: \"Gelijk\", layer: PROVINCIE }) { status milestone { version } } }", json!({ "id": m }))
        .await;
    assert_eq!(data["updateMilestone"]["status"], "OK");
    assert_eq!(data["updateMilestone"]["milestone"]["version"], 1);
    assert_eq!(app.count("change_record").await, records);
}

#[tokio::test]
async fn a_write_is_undone_when_its_history_cannot_be_written() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let before = app.count("milestone").await;
    sea_orm::ConnectionTrait::execute_unprepared(&app.db, "DROP TABLE change_record")
        .await
        .expect("drop");
    let response = app
        .gql("mutation($p: ID!) { createMilestone(input: { programmeId: $p, title: \"Wees\", kind: PILOT, plannedDate: \"2026-01-01\" }) { milestone { id } } }", json!({ "p": p }))
        .await;
    assert_eq!(code(&response["errors"][0]), "INTERNAL");
    assert_eq!(response["errors"][0]["message"], "internal error");
    assert_eq!(
        app.count("milestone").await,
        before,
        "the milestone insert was rolled back"
    );
}

#[tokio::test]
async fn deleted_milestones_leave_dependencies_and_cycle_checks() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let a = milestone(&app, &p, "A", None, "2026-01-01").await;
    let b = milestone(&app, &p, "B", None, "2026-02-01").await;
    let c = milestone(&app, &p, "C", None, "2026-03-01").await;
    let add = "mutation($p: ID!, $s: ID!) { addMilestoneDependency(input: { predecessorId: $p, successorId: $s }) { dependency { lagDays } } }";
    app.ok(add, json!({ "p": a, "s": b })).await;
    app.ok(add, json!({ "p": b, "s": c })).await;
    app.ok(
        "mutation($id: ID!) { deleteMilestone(input: { id: $id, version: 1 }) { status } }",
        json!({ "id": b }),
    )
    .await;
    let data = app
        .ok("query($a: ID!, $c: ID!) { a: milestone(id: $a) { successors { successor { title } } } c: milestone(id: $c) { predecessors { predecessor { title } } } }", json!({ "a": a, "c": c }))
        .await;
    assert_eq!(data["a"]["successors"].as_array().map(Vec::len), Some(0));
    assert_eq!(data["c"]["predecessors"].as_array().map(Vec::len), Some(0));
    // c -> a no longer closes a cycle through the deleted b.
    app.ok(add, json!({ "p": c, "s": a })).await;
}

#[tokio::test]
async fn history_of_an_object_includes_its_links_from_both_sides() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let m = milestone(&app, &p, "M", None, "2026-01-01").await;
    let n = milestone(&app, &p, "N", None, "2026-02-01").await;
    let k = kpi(&app, &p, "K", &[]).await;
    app.ok("mutation($m: ID!, $k: ID!) { linkMilestoneKpi(input: { milestoneId: $m, kpiId: $k }) { changed } }", json!({ "m": m, "k": k })).await;
    app.ok("mutation($m: ID!, $n: ID!) { addMilestoneDependency(input: { predecessorId: $m, successorId: $n, lagDays: 3 }) { dependency { lagDays } } }", json!({ "m": m, "n": n })).await;
    let entities = |data: &serde_json::Value| -> Vec<String> {
        data["changeRecords"]["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| e["node"]["entity"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let q = "query($id: ID!) { changeRecords(entityId: $id, first: 100) { edges { node { entity entityId } } } }";
    let of_kpi = app.ok(q, json!({ "id": k })).await;
    assert!(
        entities(&of_kpi).contains(&"MilestoneKpi".to_owned()),
        "the KPI's side of the link"
    );
    let of_m = app.ok(q, json!({ "id": m })).await;
    let names = entities(&of_m);
    assert!(
        names.contains(&"MilestoneKpi".to_owned())
            && names.contains(&"MilestoneDependency".to_owned()),
        "{names:?}"
    );
    let of_n = app.ok(q, json!({ "id": n })).await;
    assert!(entities(&of_n).contains(&"MilestoneDependency".to_owned()));
    let link = of_kpi["changeRecords"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|e| e["node"]["entity"] == "MilestoneKpi")
        .expect("link record");
    assert_eq!(
        link["node"]["entityId"],
        json!(m),
        "a link record points at its left side"
    );
}

#[tokio::test]
async fn one_value_per_kpi_period_and_layer() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let k = kpi(&app, &p, "K", &[]).await;
    let record = "mutation($k: ID!, $l: GovernmentLayer) { recordMeasurement(input: { kpiId: $k, periodStart: \"2025-01-01\", periodEnd: \"2025-12-31\", layer: $l, value: \"1\" }) { measurement { id } } }";
    app.ok(record, json!({ "k": k, "l": null })).await;
    app.ok(record, json!({ "k": k, "l": "GEMEENTE" })).await;
    let again = app.err(record, json!({ "k": k, "l": "GEMEENTE" })).await;
    assert_eq!(code(&again), "CONFLICT");
    let again = app.err(record, json!({ "k": k, "l": null })).await;
    assert_eq!(code(&again), "CONFLICT");
}

#[tokio::test]
async fn codes_and_numbers_stay_taken_after_deletion() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let k = kpi(&app, &p, "MVOI-01", &[]).await;
    app.ok(
        "mutation($id: ID!) { deleteKpi(input: { id: $id, version: 1 }) { status } }",
        json!({ "id": k }),
    )
    .await;
    let error = app
        .err("mutation($p: ID!) { createKpi(input: { programmeId: $p, code: \"MVOI-01\", name: \"N\", definition: \"D\", unit: \"%\", direction: HIGHER_IS_BETTER, level: OUTPUT, frequency: YEARLY }) { kpi { id } } }", json!({ "p": p }))
        .await;
    assert_eq!(code(&error), "CONFLICT");
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .contains("deleted"),
        "{error}"
    );
    let commitment = "mutation($p: ID!) { createCommitment(input: { programmeId: $p, number: \"TZ202504-057\", text: \"T\", madeBy: \"BZK\", madeOn: \"2025-04-16\", deadlineDate: \"2026-07-02\" }) { commitment { id } } }";
    app.ok(commitment, json!({ "p": p })).await;
    assert_eq!(
        code(&app.err(commitment, json!({ "p": p })).await),
        "CONFLICT"
    );
}

#[tokio::test]
async fn demo_is_only_loaded_into_an_empty_database() {
    let app = TestApp::new().await;
    programme(&app).await;
    assert!(
        !app.load_demo().await,
        "a database with a programme is left alone"
    );
    assert_eq!(app.count("milestone").await, 0);
}

#[tokio::test]
async fn more_date_rules() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let phase = app
        .err("mutation($p: ID!) { createPhase(input: { programmeId: $p, number: 1, name: \"F\", plannedStart: \"2024-01-01\", plannedEnd: \"2024-12-31\", actualEnd: \"2024-12-01\" }) { phase { id } } }", json!({ "p": p }))
        .await;
    assert_eq!(
        phase["extensions"]["field"], "input.actualEnd",
        "a planned phase has no actual end"
    );
    let phase = app
        .err("mutation($p: ID!) { createPhase(input: { programmeId: $p, number: 1, name: \"F\", plannedStart: \"2024-01-01\", plannedEnd: \"2024-12-31\", baselineStart: \"2024-02-01\", baselineEnd: \"2024-01-31\" }) { phase { id } } }", json!({ "p": p }))
        .await;
    assert_eq!(phase["extensions"]["field"], "input.baselineEnd");
    let task = app
        .err("mutation($p: ID!) { createDataInfraTask(input: { programmeId: $p, title: \"T\", kind: DATA_GOVERNANCE, dueDate: \"2026-01-01\", completedOn: \"2025-12-01\" }) { task { id } } }", json!({ "p": p }))
        .await;
    assert_eq!(task["extensions"]["field"], "input.completedOn");
    let recess = app
        .err("mutation { createRecessPeriod(input: { kind: CHRISTMAS, year: 2025, name: \"Kerstreces 2024\", firstDay: \"2024-12-20\", lastDay: \"2025-01-13\", confidence: ESTIMATE }) { recessPeriod { id } } }", json!({}))
        .await;
    assert_eq!(
        recess["extensions"]["field"], "input.year",
        "a recess belongs to the year it starts in"
    );
    let m = milestone(&app, &p, "M", None, "2026-01-01").await;
    let n = milestone(&app, &p, "N", None, "2026-02-01").await;
    let lag = app
        .err("mutation($m: ID!, $n: ID!) { addMilestoneDependency(input: { predecessorId: $m, successorId: $n, lagDays: -366 }) { dependency { lagDays } } }", json!({ "m": m, "n": n }))
        .await;
    assert_eq!(lag["extensions"]["field"], "input.lagDays");
    let far = app.err("mutation($p: ID!) { createMilestone(input: { programmeId: $p, title: \"Ver\", kind: PILOT, plannedDate: \"12026-01-01\" }) { milestone { id } } }", json!({ "p": p })).await;
    assert_eq!(code(&far), "BAD_USER_INPUT");
    assert_eq!(version(&app, &m).await, 1);
}
