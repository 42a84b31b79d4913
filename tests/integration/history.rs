//! The change history: written with every change, in the same transaction, never by a failure.

use crate::support::{TestApp, milestone, programme};
use serde_json::{Value, json};

#[tokio::test]
async fn create_update_delete_and_links_write_change_records() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let m = milestone(&app, &p, "Bestuurlijk overleg", None, "2026-04-15").await;
    app.clock.advance(chrono::Duration::days(1));
    app.ok(
        "mutation($id: ID!) { updateMilestone(input: { id: $id, version: 1, forecastDate: \"2026-06-03\", healthOverride: { health: AT_RISK, reason: \"Agenda's vol\" } }) { status } }",
        json!({ "id": m }),
    )
    .await;
    let data = app
        .ok("query($id: ID!) { changeRecords(entityId: $id, first: 100) { edges { node { action field oldValue newValue actor changedAt requestId } } } }", json!({ "id": m }))
        .await;
    let records: Vec<_> = data["changeRecords"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"].clone())
        .collect();
    let created: Vec<_> = records.iter().filter(|r| r["action"] == "CREATE").collect();
    assert!(
        created
            .iter()
            .any(|r| r["field"] == "title" && r["newValue"] == "Bestuurlijk overleg")
    );
    assert!(created.iter().all(|r| r["oldValue"].is_null()));
    let updated: Vec<_> = records.iter().filter(|r| r["action"] == "UPDATE").collect();
    let fields: Vec<_> = updated
        .iter()
        .map(|r| r["field"].as_str().unwrap_or_default())
        .collect();
    // The override's last day is its default (30 days after the status date).
    assert_eq!(fields.len(), 4, "only changed fields: {fields:?}");
    for f in [
        "forecast_date",
        "health_override",
        "health_override_reason",
        "health_override_until",
    ] {
        assert!(fields.contains(&f), "{f} missing in {fields:?}");
    }
    let health = updated
        .iter()
        .find(|r| r["field"] == "health_override")
        .expect("health override recorded");
    assert!(health["oldValue"].is_null());
    assert_eq!(health["newValue"], "AT_RISK");
    assert_eq!(health["actor"], "tester", "the account of the token");
    assert_eq!(
        health["changedAt"], "2026-06-02T09:00:00+00:00",
        "time from the injected clock"
    );
    assert_ne!(health["requestId"], "", "the request id is recorded");
    let create_request = created[0]["requestId"].as_str().unwrap_or_default();
    assert_ne!(
        create_request,
        health["requestId"].as_str().unwrap_or_default(),
        "one id per request"
    );

    app.ok(
        "mutation($id: ID!) { deleteMilestone(input: { id: $id, version: 2 }) { status } }",
        json!({ "id": m }),
    )
    .await;
    let data = app
        .ok("query($id: ID!) { changeRecords(entityId: $id, last: 1) { edges { node { action field } } } }", json!({ "id": m }))
        .await;
    assert_eq!(
        data["changeRecords"]["edges"][0]["node"]["action"],
        "DELETE"
    );
    assert_eq!(
        data["changeRecords"]["edges"][0]["node"]["field"],
        "deleted_at"
    );
}

#[tokio::test]
async fn a_failed_mutation_leaves_no_change_records() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let m = milestone(&app, &p, "M", Some("GEMEENTE"), "2026-05-01").await;
    let before = app.count("change_record").await;
    // Valid fields with an invalid one: nothing may be written.
    let error = app
        .err(
            "mutation($id: ID!) { updateMilestone(input: { id: $id, version: 1, title: \"Nieuw\", healthOverride: { health: OFF_TRACK, reason: \" \" } }) { status } }",
            json!({ "id": m }),
        )
        .await;
    assert_eq!(crate::support::code(&error), "BAD_USER_INPUT");
    // A reference to something that does not exist fails inside the transaction.
    let error = app
        .err(
            "mutation($id: ID!) { updateMilestone(input: { id: $id, version: 1, phaseId: \"UGhhc2U6OTk5\" }) { status } }",
            json!({ "id": m }),
        )
        .await;
    assert_eq!(crate::support::code(&error), "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.phaseId");
    assert_eq!(app.count("change_record").await, before);
    let data = app
        .ok(
            "query($id: ID!) { milestone(id: $id) { title version } }",
            json!({ "id": m }),
        )
        .await;
    assert_eq!(data["milestone"]["title"], "M");
    assert_eq!(data["milestone"]["version"], 1);
}

#[tokio::test]
async fn history_can_be_filtered_by_actor_entity_and_period() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    app.clock.advance(chrono::Duration::days(10));
    milestone(&app, &p, "Later", None, "2026-09-01").await;
    let data = app
        .ok(
            "{ all: changeRecords(first: 100) { totalCount }
               programmes: changeRecords(entity: \"Programme\") { totalCount }
               recent: changeRecords(since: \"2026-06-05T00:00:00Z\", first: 100) { totalCount edges { node { entity } } }
               nobody: changeRecords(actor: \"nobody\") { totalCount } }",
            json!({}),
        )
        .await;
    let all = data["all"]["totalCount"].as_i64().expect("n");
    let programmes = data["programmes"]["totalCount"].as_i64().expect("n");
    let recent = data["recent"]["totalCount"].as_i64().expect("n");
    assert_eq!(programmes, 2, "name and goal");
    assert_eq!(all, programmes + recent);
    assert!(
        data["recent"]["edges"]
            .as_array()
            .expect("e")
            .iter()
            .all(|e| e["node"]["entity"] == "Milestone")
    );
    assert_eq!(data["nobody"]["totalCount"], 0);
}

/// Every update takes a one-line reason ("toelichting"), stored with each change record of
/// that update; a bad one is refused and nothing is written.
#[tokio::test]
async fn an_update_carries_its_reason_into_every_change_record() {
    use crate::support::{code, kpi, milestone, programme, version};
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let m = milestone(&app, &p, "Rapportage", None, "2026-09-01").await;
    let v = version(&app, &m).await;
    let q = "query($id: ID!) { changeRecords(entityId: $id, first: 100) { edges { node { action field changeReason } } } }";
    let update = "mutation($id: ID!, $v: Int!, $r: String) { updateMilestone(input: { id: $id, version: $v, forecastDate: \"2026-10-01\", description: \"Later\", changeReason: $r }) { status } }";
    let before = app.count("change_record").await;
    for bad in ["twee\nregels", &"x".repeat(501)] {
        let error = app.err(update, json!({ "id": m, "v": v, "r": bad })).await;
        assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
        assert_eq!(error["extensions"]["field"], "input.changeReason");
    }
    assert_eq!(app.count("change_record").await, before, "nothing written");
    app.ok(
        update,
        json!({ "id": m, "v": v, "r": " Wacht op de provincies " }),
    )
    .await;
    let records = app.ok(q, json!({ "id": m })).await["changeRecords"]["edges"].clone();
    let updates: Vec<&Value> = records
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| &e["node"])
        .filter(|n| n["action"] == "UPDATE")
        .collect();
    assert_eq!(updates.len(), 2, "{records}");
    assert!(
        updates
            .iter()
            .all(|n| n["changeReason"] == "Wacht op de provincies"),
        "{records}"
    );
    // The create had none; the same for other kinds of object.
    assert!(
        records
            .as_array()
            .expect("edges")
            .iter()
            .filter(|e| e["node"]["action"] == "CREATE")
            .all(|e| e["node"]["changeReason"].is_null())
    );
    let k = kpi(&app, &p, "K-1", &[]).await;
    let kv = version(&app, &k).await;
    app.ok(
        "mutation($id: ID!, $v: Int!) { updateKpi(input: { id: $id, version: $v, name: \"Nieuwe naam\", changeReason: \"Definitie aangescherpt\" }) { status } }",
        json!({ "id": k, "v": kv }),
    )
    .await;
    let kpi_records = app.ok(q, json!({ "id": k })).await;
    assert!(
        kpi_records["changeRecords"]["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .any(|e| e["node"]["changeReason"] == "Definitie aangescherpt"),
        "{kpi_records}"
    );
}

/// A change record names the objects its values stand for: a reference field's old and new
/// target, a link's other side (the new object of a link, the old one of an unlink), a
/// dependency's predecessor and lag; `object` is the changed object itself (a dependency's
/// successor). Other records name none.
#[tokio::test]
async fn change_records_name_the_objects_their_values_stand_for() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let phase = |number: i32| {
        json!({ "input": { "programmeId": p, "number": number, "name": format!("Fase {number}"),
                           "plannedStart": "2026-01-01", "plannedEnd": "2026-12-31" } })
    };
    let mut phases = Vec::new();
    for number in [1, 2] {
        let data = app
            .ok(
                "mutation($input: CreatePhaseInput!) { createPhase(input: $input) { phase { id } } }",
                phase(number),
            )
            .await;
        phases.push(
            data["createPhase"]["phase"]["id"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        );
    }
    let m = milestone(&app, &p, "Opvolger", None, "2026-09-01").await;
    let before = milestone(&app, &p, "Voorganger", None, "2026-08-01").await;
    let k = crate::support::kpi(&app, &p, "MVOI-09", &["CLIMATE"]).await;
    for phase in &phases {
        let v = crate::support::version(&app, &m).await;
        app.ok(
            "mutation($i: UpdateMilestoneInput!) { updateMilestone(input: $i) { status } }",
            json!({ "i": { "id": m, "version": v, "phaseId": phase } }),
        )
        .await;
    }
    for verb in ["linkMilestoneKpi", "unlinkMilestoneKpi"] {
        app.ok(
            &format!("mutation($m: ID!, $k: ID!) {{ {verb}(input: {{ milestoneId: $m, kpiId: $k }}) {{ changed }} }}"),
            json!({ "m": m, "k": k }),
        )
        .await;
    }
    app.ok(
        "mutation($p: ID!, $s: ID!) { addMilestoneDependency(input: { predecessorId: $p, successorId: $s, lagDays: 5 }) { dependency { lagDays } } }",
        json!({ "p": before, "s": m }),
    )
    .await;
    let data = app
        .ok(
            "query($id: ID!) { changeRecords(entityId: $id, first: 100) { nodes { entity action field lagDays
               object { id } oldObject { __typename id } newObject { __typename id } } } }",
            json!({ "id": m }),
        )
        .await;
    let records = data["changeRecords"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let find = |entity: &str, action: &str, field: &str| -> Value {
        records
            .iter()
            .rev()
            .find(|r| r["entity"] == entity && r["action"] == action && r["field"] == field)
            .cloned()
            .unwrap_or_else(|| panic!("no {entity} {action} {field} in {records:?}"))
    };
    let moved = find("Milestone", "UPDATE", "phase_id");
    assert_eq!(moved["oldObject"]["id"], phases[0].as_str());
    assert_eq!(moved["newObject"]["id"], phases[1].as_str());
    assert_eq!(moved["newObject"]["__typename"], "Phase");
    assert_eq!(moved["object"]["id"], m.as_str());
    let linked = find("MilestoneKpi", "LINK", "kpi_id");
    assert_eq!(linked["newObject"]["id"], k.as_str());
    assert!(linked["oldObject"].is_null());
    let unlinked = find("MilestoneKpi", "UNLINK", "kpi_id");
    assert_eq!(unlinked["oldObject"]["id"], k.as_str());
    assert!(unlinked["newObject"].is_null());
    let dependency = find("MilestoneDependency", "LINK", "predecessor_id");
    assert_eq!(dependency["newObject"]["id"], before.as_str());
    assert_eq!(dependency["lagDays"], 5);
    assert_eq!(dependency["object"]["id"], m.as_str());
    let titled = find("Milestone", "CREATE", "title");
    assert!(titled["oldObject"].is_null() && titled["newObject"].is_null());
    assert!(titled["lagDays"].is_null());
}
