//! Create, update and delete for every entity; versions and conflicts; soft delete.

use crate::support::{TestApp, code, kpi, milestone, programme, version};
use serde_json::{Value, json};

/// Create with `create`, update one field with `update`, delete; check each step through `node`.
async fn crud_round_trip(
    app: &TestApp,
    entity: &str,
    create_input: Value,
    field: &str,
    new_value: Value,
) {
    let create = format!(
        "mutation($input: Create{entity}Input!) {{ create{entity}(input: $input) {{ __typename }} }}"
    );
    // Payload field names differ per entity; ask for the id through the payload's only object field.
    let response = app.gql(&create, json!({ "input": create_input })).await;
    assert!(
        response.get("errors").is_none(),
        "create{entity}: {response}"
    );
    let created = first_object_id(app, entity, &create_input).await;
    let v = version(app, &created).await;
    assert_eq!(v, 1);

    let update = format!(
        "mutation($input: Update{entity}Input!) {{ update{entity}(input: $input) {{ status }} }}"
    );
    let mut input = json!({ "id": created, "version": v });
    input[field] = new_value.clone();
    let data = app.ok(&update, json!({ "input": input })).await;
    assert_eq!(data[format!("update{entity}")]["status"], "OK");
    assert_eq!(version(app, &created).await, 2);

    let node = app
        .ok("query($id: ID!) { node(id: $id) { id ... on Milestone { deletedAt } ... on Kpi { deletedAt } ... on Programme { deletedAt } ... on Phase { deletedAt } ... on Workstream { deletedAt } ... on Organisation { deletedAt } ... on DataSource { deletedAt } ... on DataQualityAssessment { deletedAt } ... on DataInfraTask { deletedAt } ... on RecessPeriod { deletedAt } ... on Commitment { deletedAt } ... on KpiTarget { deletedAt } ... on KpiMeasurement { deletedAt } } }", json!({ "id": created }))
        .await;
    assert!(node["node"]["deletedAt"].is_null());

    let delete_name = if entity == "KpiMeasurement" {
        "Measurement".to_owned()
    } else {
        entity.to_owned()
    };
    let delete = format!(
        "mutation($input: DeleteInput!) {{ delete{delete_name}(input: $input) {{ status }} }}"
    );
    let data = app
        .ok(&delete, json!({ "input": { "id": created, "version": 2 } }))
        .await;
    assert_eq!(data[format!("delete{delete_name}")]["status"], "OK");
    let node = app
        .ok("query($id: ID!) { node(id: $id) { ... on Milestone { deletedAt } ... on Kpi { deletedAt } ... on Programme { deletedAt } ... on Phase { deletedAt } ... on Workstream { deletedAt } ... on Organisation { deletedAt } ... on DataSource { deletedAt } ... on DataQualityAssessment { deletedAt } ... on DataInfraTask { deletedAt } ... on RecessPeriod { deletedAt } ... on Commitment { deletedAt } ... on KpiTarget { deletedAt } } }", json!({ "id": created }))
        .await;
    assert!(
        node["node"]["deletedAt"].is_string(),
        "{entity} is soft-deleted and still resolves by id"
    );
}

/// The id of the newest object of `entity` (found through its list or change history).
async fn first_object_id(app: &TestApp, entity: &str, _input: &Value) -> String {
    let data = app
        .ok(
            "query($e: String!) { changeRecords(entity: $e, last: 1) { edges { node { entityId action } } } }",
            json!({ "e": entity }),
        )
        .await;
    let node = &data["changeRecords"]["edges"][0]["node"];
    assert_eq!(node["action"], "CREATE");
    node["entityId"].as_str().expect("id").to_owned()
}

#[tokio::test]
async fn every_entity_can_be_created_updated_and_deleted() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    crud_round_trip(
        &app,
        "Organisation",
        json!({ "name": "Provincie Utrecht", "layer": "PROVINCIE" }),
        "tooiId",
        json!("pv26"),
    )
    .await;
    crud_round_trip(
        &app,
        "Programme",
        json!({ "name": "Ander programma", "goal": "Doel" }),
        "goal",
        json!("Nieuw doel"),
    )
    .await;
    crud_round_trip(&app, "Phase", json!({ "programmeId": p, "number": 1, "name": "Fase 1", "plannedStart": "2024-01-01", "plannedEnd": "2024-03-29" }), "status", json!("IN_PROGRESS")).await;
    crud_round_trip(
        &app,
        "Workstream",
        json!({ "programmeId": p, "name": "Datagovernance" }),
        "description",
        json!("Eigenaarschap"),
    )
    .await;
    crud_round_trip(&app, "Milestone", json!({ "programmeId": p, "title": "Concept", "kind": "DELIVERY", "plannedDate": "2026-02-27" }), "forecastDate", json!("2026-03-13")).await;
    crud_round_trip(&app, "Kpi", json!({ "programmeId": p, "code": "T-1", "name": "Test", "definition": "D", "unit": "%", "direction": "HIGHER_IS_BETTER", "level": "OUTPUT", "frequency": "YEARLY" }), "themes", json!(["CLIMATE"])).await;
    let k = kpi(&app, &p, "T-2", &[]).await;
    crud_round_trip(
        &app,
        "KpiTarget",
        json!({ "kpiId": k, "year": 2027, "value": "90" }),
        "value",
        json!("95.5"),
    )
    .await;
    crud_round_trip(
        &app,
        "DataSource",
        json!({ "name": "TenderNed", "updateFrequency": "HALF_YEARLY", "access": "OPEN" }),
        "licence",
        json!("CC0"),
    )
    .await;
    let source = app.ok("mutation { createDataSource(input: { name: \"MVI-tool\", updateFrequency: YEARLY, access: RESTRICTED }) { dataSource { id } } }", json!({})).await;
    let s = source["createDataSource"]["dataSource"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    crud_round_trip(&app, "DataQualityAssessment", json!({ "dataSourceId": s, "dimension": "COMPLETENESS", "score": 2, "assessedOn": "2025-09-01", "finding": "Velden leeg" }), "score", json!(3)).await;
    crud_round_trip(&app, "DataInfraTask", json!({ "programmeId": p, "title": "Velden verplicht", "kind": "DATA_QUALITY", "dueDate": "2026-10-01" }), "status", json!("IN_PROGRESS")).await;
    crud_round_trip(&app, "RecessPeriod", json!({ "kind": "SUMMER", "year": 2026, "name": "Zomerreces 2026", "firstDay": "2026-07-03", "lastDay": "2026-08-31", "confidence": "THIRD_PARTY" }), "confidence", json!("OFFICIAL")).await;
    crud_round_trip(&app, "Commitment", json!({ "programmeId": p, "number": "TZ-1", "text": "Informeren", "madeBy": "minister van BZK", "madeOn": "2025-04-16", "deadlineDate": "2026-07-02" }), "status", json!("FULFILLED")).await;
}

#[tokio::test]
async fn recorded_measurements_keep_exact_decimals() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let k = kpi(&app, &p, "CO2", &["CLIMATE"]).await;
    let exact = "482754.1234567890123456789";
    let data = app
        .ok(
            "mutation($k: ID!, $v: Decimal!) { recordMeasurement(input: { kpiId: $k, periodStart: \"2019-01-01\", periodEnd: \"2019-12-31\", value: $v }) { measurement { id value period } } }",
            json!({ "k": k, "v": exact }),
        )
        .await;
    assert_eq!(data["recordMeasurement"]["measurement"]["value"], exact);
    assert_eq!(data["recordMeasurement"]["measurement"]["period"], "2019");
    let read = app
        .ok(
            "query($k: ID!) { node(id: $k) { ... on Kpi { latestMeasurement { value } } } }",
            json!({ "k": k }),
        )
        .await;
    assert_eq!(
        read["node"]["latestMeasurement"]["value"], exact,
        "read back unrounded"
    );
    let id = data["recordMeasurement"]["measurement"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let updated = app
        .ok("mutation($id: ID!) { updateMeasurement(input: { id: $id, version: 1, value: \"0.1\" }) { status measurement { value } } }", json!({ "id": id }))
        .await;
    assert_eq!(updated["updateMeasurement"]["measurement"]["value"], "0.1");
    let deleted = app
        .ok(
            "mutation($id: ID!) { deleteMeasurement(input: { id: $id, version: 2 }) { status } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(deleted["deleteMeasurement"]["status"], "OK");
    let read = app.ok("query($k: ID!) { node(id: $k) { ... on Kpi { latestMeasurement { value } measurements { value } } } }", json!({ "k": k })).await;
    assert!(
        read["node"]["latestMeasurement"].is_null(),
        "a deleted measurement is gone from the KPI"
    );
}

#[tokio::test]
async fn a_stale_version_is_a_conflict_that_changes_nothing() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let m = milestone(
        &app,
        &p,
        "Concept meerjarenplan",
        Some("RIJK"),
        "2026-02-27",
    )
    .await;
    let update = "mutation($input: UpdateMilestoneInput!) { updateMilestone(input: $input) { status milestone { title version } } }";
    let first = app
        .ok(
            update,
            json!({ "input": { "id": m, "version": 1, "title": "Eerste" } }),
        )
        .await;
    assert_eq!(first["updateMilestone"]["status"], "OK");
    let records = app.count("change_record").await;

    let stale = app
        .ok(
            update,
            json!({ "input": { "id": m, "version": 1, "title": "Tweede" } }),
        )
        .await;
    assert_eq!(stale["updateMilestone"]["status"], "CONFLICT");
    assert_eq!(
        stale["updateMilestone"]["milestone"]["title"], "Eerste",
        "hands back the current object"
    );
    assert_eq!(stale["updateMilestone"]["milestone"]["version"], 2);
    assert_eq!(
        app.count("change_record").await,
        records,
        "a conflict writes no history"
    );

    let delete = app.ok("mutation($id: ID!) { deleteMilestone(input: { id: $id, version: 1 }) { status milestone { deletedAt } } }", json!({ "id": m })).await;
    assert_eq!(delete["deleteMilestone"]["status"], "CONFLICT");
    assert!(delete["deleteMilestone"]["milestone"]["deletedAt"].is_null());
}

#[tokio::test]
async fn concurrent_updates_with_one_version_have_exactly_one_winner() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let m = milestone(&app, &p, "Race", None, "2026-05-01").await;
    let update =
        "mutation($input: UpdateMilestoneInput!) { updateMilestone(input: $input) { status } }";
    let attempts = (0..8).map(|i| {
        let input =
            json!({ "input": { "id": m, "version": 1, "title": format!("Schrijver {i}") } });
        app.gql(update, input)
    });
    let results = futures::future::join_all(attempts).await;
    let winners = results
        .iter()
        .filter(|r| r["data"]["updateMilestone"]["status"] == "OK")
        .count();
    assert_eq!(winners, 1, "results: {results:?}");
    assert_eq!(version(&app, &m).await, 2);
}

#[tokio::test]
async fn soft_deleted_objects_leave_lists_but_stay_cited() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let phase = app
        .ok("mutation($p: ID!) { createPhase(input: { programmeId: $p, number: 3, name: \"Fase 3\", plannedStart: \"2025-06-01\", plannedEnd: \"2026-12-31\" }) { phase { id } } }", json!({ "p": p }))
        .await["createPhase"]["phase"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let m = app
        .ok("mutation($p: ID!, $f: ID!) { createMilestone(input: { programmeId: $p, phaseId: $f, title: \"M\", kind: DECISION, plannedDate: \"2026-04-15\" }) { milestone { id } } }", json!({ "p": p, "f": phase }))
        .await["createMilestone"]["milestone"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    app.ok(
        "mutation($id: ID!) { deletePhase(input: { id: $id, version: 1 }) { status } }",
        json!({ "id": phase }),
    )
    .await;
    let data = app
        .ok("query($m: ID!) { phases { totalCount } milestone(id: $m) { phase { name deletedAt } } }", json!({ "m": m }))
        .await;
    assert_eq!(data["phases"]["totalCount"], 0);
    assert_eq!(data["milestone"]["phase"]["name"], "Fase 3");
    assert!(data["milestone"]["phase"]["deletedAt"].is_string());
    assert_eq!(app.count("phase").await, 1, "the row is kept");

    let again = app
        .err(
            "mutation($id: ID!) { deletePhase(input: { id: $id, version: 2 }) { status } }",
            json!({ "id": phase }),
        )
        .await;
    assert_eq!(
        code(&again),
        "NOT_FOUND",
        "a deleted object cannot be deleted again"
    );
    let edit = app.err("mutation($id: ID!) { updatePhase(input: { id: $id, version: 2, name: \"x\" }) { status } }", json!({ "id": phase })).await;
    assert_eq!(code(&edit), "NOT_FOUND");
}

#[tokio::test]
async fn concurrent_writers_on_a_sqlite_file_all_succeed() {
    let dir = std::env::temp_dir().join(format!("koers-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let url = format!("sqlite://{}?mode=rwc", dir.join("koers.db").display());
    let db = koers::db::connect(&url).await.expect("sqlite file");
    let app = TestApp::on(db, koers::config::ApiConfig::default()).await;
    let p = programme(&app).await;
    let create = "mutation($input: CreateMilestoneInput!) { createMilestone(input: $input) { milestone { id } } }";
    let writes = (0..16).map(|i| {
        let input = json!({ "input": { "programmeId": p, "title": format!("M{i}"), "kind": "DELIVERY", "plannedDate": "2026-05-01" } });
        app.gql(create, input)
    });
    let results = futures::future::join_all(writes).await;
    let failures: Vec<_> = results
        .iter()
        .filter(|r| r.get("errors").is_some())
        .collect();
    assert!(failures.is_empty(), "{failures:?}");
    assert_eq!(app.count("milestone").await, 16);
    std::fs::remove_dir_all(&dir).ok();
}
