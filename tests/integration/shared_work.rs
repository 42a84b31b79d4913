//! How the layers work together (issue 15), beyond allow-or-deny: what a refusal says, what a
//! delete records, what a restore brings back, how an override lapses, what `viewerCan…` tells,
//! and tokens through the API. The allow-or-deny of every mutation is in `authorization.rs`.

use crate::support::{TestApp, changes, code, milestone, programme};
use entity::GovernmentLayer::{Gemeente, Rijk};
use entity::Role;
use serde_json::{Value, json};

const UPDATE: &str = "mutation($i: UpdateMilestoneInput!) { updateMilestone(input: $i) { status milestone { version baselineDate slipDays health healthOverridden healthOverride { health until counts } computedHealth { health } } } }";
const DELETE: &str = "mutation($i: DeleteInput!) { deleteMilestone(input: $i) { status milestone { version deletedAt } } }";
const RESTORE: &str = "mutation($i: RestoreInput!) { restoreMilestone(input: $i) { status milestone { version deletedAt predecessors { predecessor { title } } successors { successor { title } } kpis { code } } } }";
const DEPEND: &str = "mutation($p: ID!, $s: ID!) { addMilestoneDependency(input: { predecessorId: $p, successorId: $s, lagDays: 0 }) { __typename } }";

async fn version(app: &TestApp, id: &str) -> i64 {
    app.ok(
        "query($id: ID!) { milestone(id: $id) { version } }",
        json!({ "id": id }),
    )
    .await["milestone"]["version"]
        .as_i64()
        .expect("version")
}

#[tokio::test]
async fn a_layer_manager_records_what_its_milestone_waits_for_from_another_layer() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let rijk = milestone(&app, &p, "Wetsvoorstel", Some("RIJK"), "2026-09-01").await;
    let mine = milestone(
        &app,
        &p,
        "Invoering gemeenten",
        Some("GEMEENTE"),
        "2026-08-01",
    )
    .await;
    let vng = app.token("vng", Role::LayerManager, Some(Gemeente)).await;
    let answer = app
        .gql_as(&vng, DEPEND, json!({ "p": rijk, "s": mine }))
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let projected = app
        .ok(
            "query($id: ID!) { milestone(id: $id) { projectedDate predecessors { predecessor { title } } } }",
            json!({ "id": mine }),
        )
        .await;
    assert_eq!(projected["milestone"]["projectedDate"], "2026-09-01");
    // The RIJK milestone's own successors stay RIJK's to decide.
    let refused = app
        .gql_as(&vng, DEPEND, json!({ "p": mine, "s": rijk }))
        .await;
    assert_eq!(code(&refused["errors"][0]), "FORBIDDEN", "{refused}");
    let message = refused["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("wait for"), "{message}");
}

#[tokio::test]
async fn the_baseline_is_the_programmes_and_moving_it_needs_a_reason() {
    let app = TestApp::new().await;
    app.on_day("2026-06-01");
    let p = programme(&app).await;
    let mine = milestone(&app, &p, "Pilot", Some("GEMEENTE"), "2026-07-01").await;
    let v = version(&app, &mine).await;
    // Slipped: planned later than first promised.
    let moved = app
        .ok(
            UPDATE,
            json!({ "i": { "id": mine, "version": v, "plannedDate": "2026-07-22" } }),
        )
        .await;
    assert_eq!(moved["updateMilestone"]["milestone"]["slipDays"], 21);
    let v = v + 1;
    let vng = app.token("vng", Role::LayerManager, Some(Gemeente)).await;
    let hidden = app
        .gql_as(
            &vng,
            UPDATE,
            json!({ "i": { "id": mine, "version": v, "baselineDate": "2026-07-22", "changeReason": "gelijktrekken" } }),
        )
        .await;
    assert_eq!(code(&hidden["errors"][0]), "FORBIDDEN", "{hidden}");
    assert_eq!(version(&app, &mine).await, v, "nothing changed");
    let lead = app.token("bzk", Role::ProgrammeManager, None).await;
    let silent = app
        .gql_as(
            &lead,
            UPDATE,
            json!({ "i": { "id": mine, "version": v, "baselineDate": "2026-07-22" } }),
        )
        .await;
    assert_eq!(code(&silent["errors"][0]), "BAD_USER_INPUT", "{silent}");
    assert_eq!(
        silent["errors"][0]["extensions"]["field"], "input.changeReason",
        "{silent}"
    );
    let rebased = app
        .gql_as(
            &lead,
            UPDATE,
            json!({ "i": { "id": mine, "version": v, "baselineDate": "2026-07-22", "changeReason": "Herijking na bestuurlijk overleg" } }),
        )
        .await;
    assert_eq!(
        rebased["data"]["updateMilestone"]["milestone"]["slipDays"], 0,
        "{rebased}"
    );
    let history = changes(&app, &mine).await;
    assert!(
        history.iter().any(|c| c["field"] == "baseline_date"),
        "{history:?}"
    );
}

#[tokio::test]
async fn a_milestone_others_depend_on_is_the_programmes_to_delete_and_its_dependents_are_recorded()
{
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let mine = milestone(
        &app,
        &p,
        "Monitor gemeenten",
        Some("GEMEENTE"),
        "2026-08-01",
    )
    .await;
    let rijk = milestone(&app, &p, "Kamerbrief", Some("RIJK"), "2026-09-01").await;
    app.ok(DEPEND, json!({ "p": mine, "s": rijk })).await;
    let vng = app.token("vng", Role::LayerManager, Some(Gemeente)).await;
    let can = "query($id: ID!) { milestone(id: $id) { viewerCanUpdate viewerCanDelete viewerCanRestore } }";
    let seen = app.gql_as(&vng, can, json!({ "id": mine })).await;
    assert_eq!(
        seen["data"]["milestone"],
        json!({ "viewerCanUpdate": true, "viewerCanDelete": false, "viewerCanRestore": false }),
        "{seen}"
    );
    let v = version(&app, &mine).await;
    let refused = app
        .gql_as(&vng, DELETE, json!({ "i": { "id": mine, "version": v } }))
        .await;
    assert_eq!(code(&refused["errors"][0]), "CONFLICT", "{refused}");
    let message = refused["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("\"Kamerbrief\" (RIJK)"), "{message}");
    assert_eq!(version(&app, &mine).await, v, "nothing changed");

    let lead = app.token("bzk", Role::ProgrammeManager, None).await;
    let seen = app.gql_as(&lead, can, json!({ "id": mine })).await;
    assert_eq!(seen["data"]["milestone"]["viewerCanDelete"], true, "{seen}");
    let deleted = app
        .gql_as(&lead, DELETE, json!({ "i": { "id": mine, "version": v } }))
        .await;
    assert_eq!(
        deleted["data"]["deleteMilestone"]["status"], "OK",
        "{deleted}"
    );
    let history = changes(&app, &mine).await;
    let listed = history
        .iter()
        .find(|c| c["field"] == "dependents")
        .expect("the dependents are in the history");
    assert_eq!(listed["action"], "DELETE");
    let value: Value =
        serde_json::from_str(listed["newValue"].as_str().unwrap_or_default()).expect("json");
    assert_eq!(value[0]["title"], "Kamerbrief", "{value}");
    assert_eq!(value[0]["layer"], "RIJK", "{value}");
    // The layer manager does not undo the programme manager's decision.
    let seen = app.gql_as(&vng, can, json!({ "id": mine })).await;
    assert_eq!(
        seen["data"]["milestone"]["viewerCanRestore"], false,
        "{seen}"
    );
    let undone = app
        .gql_as(
            &vng,
            RESTORE,
            json!({ "i": { "id": mine, "version": v + 1 } }),
        )
        .await;
    assert_eq!(code(&undone["errors"][0]), "CONFLICT", "{undone}");
    let seen = app.gql_as(&lead, can, json!({ "id": mine })).await;
    assert_eq!(
        seen["data"]["milestone"]["viewerCanRestore"], true,
        "{seen}"
    );
    let back = app
        .gql_as(
            &lead,
            RESTORE,
            json!({ "i": { "id": mine, "version": v + 1 } }),
        )
        .await;
    assert_eq!(back["data"]["restoreMilestone"]["status"], "OK", "{back}");
}

#[tokio::test]
async fn a_restore_brings_links_and_dependencies_back_and_is_in_the_history() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let first = milestone(&app, &p, "Eerst", Some("GEMEENTE"), "2026-07-01").await;
    let mine = milestone(&app, &p, "Daarna", Some("GEMEENTE"), "2026-08-01").await;
    let last = milestone(&app, &p, "Laatst", Some("GEMEENTE"), "2026-09-01").await;
    let kpi = crate::support::kpi(&app, &p, "K-1", &[]).await;
    app.ok(DEPEND, json!({ "p": first, "s": mine })).await;
    app.ok(DEPEND, json!({ "p": mine, "s": last })).await;
    app.ok(
        "mutation($m: ID!, $k: ID!) { linkMilestoneKpi(input: { milestoneId: $m, kpiId: $k }) { __typename } }",
        json!({ "m": mine, "k": kpi }),
    )
    .await;
    let vng = app.token("vng", Role::LayerManager, Some(Gemeente)).await;
    let v = version(&app, &mine).await;
    let gone = app
        .gql_as(&vng, DELETE, json!({ "i": { "id": mine, "version": v } }))
        .await;
    assert_eq!(gone["data"]["deleteMilestone"]["status"], "OK", "{gone}");
    // Deleted, it is out of the plan: the last one no longer waits for it.
    let listed = app
        .ok(
            "query($id: ID!) { milestone(id: $id) { predecessors { predecessor { title } } } }",
            json!({ "id": last }),
        )
        .await;
    assert_eq!(listed["milestone"]["predecessors"], json!([]), "{listed}");
    let stale = app
        .gql_as(&vng, RESTORE, json!({ "i": { "id": mine, "version": v } }))
        .await;
    assert_eq!(
        stale["data"]["restoreMilestone"]["status"], "CONFLICT",
        "{stale}"
    );
    let back = app
        .gql_as(
            &vng,
            RESTORE,
            json!({ "i": { "id": mine, "version": v + 1 } }),
        )
        .await;
    let restored = &back["data"]["restoreMilestone"];
    assert_eq!(restored["status"], "OK", "{back}");
    assert_eq!(restored["milestone"]["deletedAt"], Value::Null);
    assert_eq!(
        restored["milestone"]["predecessors"][0]["predecessor"]["title"],
        "Eerst"
    );
    assert_eq!(
        restored["milestone"]["successors"][0]["successor"]["title"],
        "Laatst"
    );
    assert_eq!(restored["milestone"]["kpis"][0]["code"], "K-1");
    let history = changes(&app, &mine).await;
    assert!(
        history
            .iter()
            .any(|c| c["action"] == "RESTORE" && c["field"] == "deleted_at"),
        "{history:?}"
    );
    // Restoring what is not deleted is a CONFLICT: there is nothing to bring back.
    let again = app
        .gql_as(
            &vng,
            RESTORE,
            json!({ "i": { "id": mine, "version": v + 2 } }),
        )
        .await;
    assert_eq!(code(&again["errors"][0]), "CONFLICT", "{again}");
}

#[tokio::test]
async fn a_restore_that_would_close_a_dependency_cycle_is_refused() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let a = milestone(&app, &p, "A", Some("RIJK"), "2026-07-01").await;
    let b = milestone(&app, &p, "B", Some("RIJK"), "2026-08-01").await;
    let c = milestone(&app, &p, "C", Some("RIJK"), "2026-09-01").await;
    app.ok(DEPEND, json!({ "p": a, "s": b })).await;
    app.ok(DEPEND, json!({ "p": b, "s": c })).await;
    let v = version(&app, &b).await;
    app.ok(DELETE, json!({ "i": { "id": b, "version": v } }))
        .await;
    // With B gone, C may come before A.
    app.ok(DEPEND, json!({ "p": c, "s": a })).await;
    let before = app.count("change_record").await;
    let refused = app
        .err(RESTORE, json!({ "i": { "id": b, "version": v + 1 } }))
        .await;
    assert_eq!(code(&refused), "CONFLICT", "{refused}");
    let message = refused["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("\"B\" -> \"C\" -> \"A\" -> \"B\""),
        "{message}"
    );
    assert_eq!(app.count("change_record").await, before, "nothing changed");
}

#[tokio::test]
async fn a_recess_that_overlaps_one_added_meanwhile_does_not_come_back() {
    let app = TestApp::new().await;
    let input = |name: &str| json!({ "kind": "SUMMER", "year": 2030, "name": name, "firstDay": "2030-07-05", "lastDay": "2030-09-01", "confidence": "OFFICIAL" });
    let create = "mutation($i: CreateRecessPeriodInput!) { createRecessPeriod(input: $i) { recessPeriod { id version } } }";
    let made = app.ok(create, json!({ "i": input("Zomer") })).await;
    let id = made["createRecessPeriod"]["recessPeriod"]["id"].clone();
    app.ok(
        "mutation($i: DeleteInput!) { deleteRecessPeriod(input: $i) { status } }",
        json!({ "i": { "id": id, "version": 1 } }),
    )
    .await;
    app.ok(create, json!({ "i": input("Zomer (nieuw)") })).await;
    let refused = app
        .err(
            "mutation($i: RestoreInput!) { restoreRecessPeriod(input: $i) { status } }",
            json!({ "i": { "id": id, "version": 2 } }),
        )
        .await;
    assert_eq!(code(&refused), "BAD_USER_INPUT", "{refused}");
}

#[tokio::test]
async fn a_joint_milestone_is_changed_by_the_layers_that_take_part_in_it() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let made = app
        .ok(
            "mutation($i: CreateMilestoneInput!) { createMilestone(input: $i) { milestone { id participatingLayers } } }",
            json!({ "i": { "programmeId": p, "title": "Bestuurlijk overleg", "kind": "CONSULTATION", "plannedDate": "2026-06-03", "participatingLayers": ["WATERSCHAP", "GEMEENTE", "GEMEENTE"] } }),
        )
        .await;
    assert_eq!(
        made["createMilestone"]["milestone"]["participatingLayers"],
        json!(["GEMEENTE", "WATERSCHAP"])
    );
    let joint = made["createMilestone"]["milestone"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let vng = app.token("vng", Role::LayerManager, Some(Gemeente)).await;
    let rijk = app.token("bzk-laag", Role::LayerManager, Some(Rijk)).await;
    let can = "query($id: ID!) { milestone(id: $id) { viewerCanUpdate viewerCanDelete } }";
    let seen = app.gql_as(&vng, can, json!({ "id": joint })).await;
    assert_eq!(
        seen["data"]["milestone"],
        json!({ "viewerCanUpdate": true, "viewerCanDelete": false })
    );
    let seen = app.gql_as(&rijk, can, json!({ "id": joint })).await;
    assert_eq!(seen["data"]["milestone"]["viewerCanUpdate"], false);
    let moved = app
        .gql_as(
            &vng,
            UPDATE,
            json!({ "i": { "id": joint, "version": 1, "forecastDate": "2026-06-24", "status": "IN_PROGRESS" } }),
        )
        .await;
    assert_eq!(moved["data"]["updateMilestone"]["status"], "OK", "{moved}");
    let renamed = app
        .gql_as(
            &vng,
            UPDATE,
            json!({ "i": { "id": joint, "version": 2, "title": "Ander overleg" } }),
        )
        .await;
    assert_eq!(code(&renamed["errors"][0]), "FORBIDDEN", "{renamed}");
    // Only a joint milestone names the layers that take part.
    let bad = app
        .err(
            "mutation($i: CreateMilestoneInput!) { createMilestone(input: $i) { milestone { id } } }",
            json!({ "i": { "programmeId": p, "title": "Eigen", "kind": "DELIVERY", "layer": "RIJK", "plannedDate": "2026-06-03", "participatingLayers": ["GEMEENTE"] } }),
        )
        .await;
    assert_eq!(
        bad["extensions"]["field"], "input.participatingLayers",
        "{bad}"
    );
}

#[tokio::test]
async fn a_better_override_needs_a_sentence_and_lapses_after_its_last_day() {
    let app = TestApp::new().await;
    app.on_day("2026-06-01");
    let p = programme(&app).await;
    let created = app
        .ok(
            "mutation($i: CreateMilestoneInput!) { createMilestone(input: $i) { milestone { id } } }",
            json!({ "i": { "programmeId": p, "title": "Kamerbrief", "kind": "PARLIAMENT", "layer": "GEMEENTE", "plannedDate": "2026-07-20", "deadlineDate": "2026-07-01" } }),
        )
        .await;
    let id = created["createMilestone"]["milestone"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let vng = app.token("vng", Role::LayerManager, Some(Gemeente)).await;
    let set = |reason: &str, until: Value| json!({ "i": { "id": id, "version": 1, "healthOverride": { "health": "ON_TRACK", "reason": reason, "until": until } } });
    let short = app
        .gql_as(&vng, UPDATE, set("Komt goed", Value::Null))
        .await;
    assert_eq!(code(&short["errors"][0]), "BAD_USER_INPUT", "{short}");
    assert_eq!(
        short["errors"][0]["extensions"]["field"],
        "input.healthOverride.reason"
    );
    let far = app
        .gql_as(
            &vng,
            UPDATE,
            set(
                "De griffie heeft uitstel tot na het reces al toegezegd.",
                json!("2026-12-31"),
            ),
        )
        .await;
    assert_eq!(
        far["errors"][0]["extensions"]["field"], "input.healthOverride.until",
        "{far}"
    );
    let ok = app
        .gql_as(
            &vng,
            UPDATE,
            set(
                "De griffie heeft uitstel tot na het reces al toegezegd.",
                Value::Null,
            ),
        )
        .await;
    let m = &ok["data"]["updateMilestone"]["milestone"];
    assert_eq!(m["health"], "ON_TRACK", "{ok}");
    assert_eq!(m["computedHealth"]["health"], "OFF_TRACK");
    assert_eq!(m["healthOverridden"], true);
    assert_eq!(
        m["healthOverride"],
        json!({ "health": "ON_TRACK", "until": "2026-07-01", "counts": true })
    );
    let read = "query($id: ID!) { milestone(id: $id) { health healthReason healthOverridden healthOverride { counts } } }";
    app.on_day("2026-07-01");
    let last_day = app.ok(read, json!({ "id": id })).await;
    assert_eq!(last_day["milestone"]["health"], "ON_TRACK", "{last_day}");
    app.on_day("2026-07-02");
    let lapsed = app.ok(read, json!({ "id": id })).await;
    assert_eq!(
        lapsed["milestone"]["health"], "OFF_TRACK",
        "the computed health counts again: {lapsed}"
    );
    assert_eq!(lapsed["milestone"]["healthOverridden"], false);
    assert_eq!(lapsed["milestone"]["healthOverride"]["counts"], false);
    // A warning worse than the schedule's needs one line only, and does not lapse.
    let planned = milestone(&app, &p, "Pilot", Some("GEMEENTE"), "2026-12-01").await;
    let warned = app
        .gql_as(
            &vng,
            UPDATE,
            json!({ "i": { "id": planned, "version": 1, "healthOverride": { "health": "AT_RISK", "reason": "Onrust" } } }),
        )
        .await;
    assert_eq!(
        warned["data"]["updateMilestone"]["milestone"]["health"], "AT_RISK",
        "{warned}"
    );
    app.on_day("2026-11-01");
    let later = app.ok(read, json!({ "id": planned })).await;
    assert_eq!(later["milestone"]["health"], "AT_RISK", "{later}");
}

#[tokio::test]
async fn tokens_are_made_listed_and_revoked_through_the_api_by_admins_only() {
    let app = TestApp::new().await;
    let made = app
        .ok(
            "mutation { createApiToken(input: { name: \"Gemeenten\", role: LAYER_MANAGER, layer: GEMEENTE }) { token apiToken { id name role layer prefix active revokedAt } } }",
            json!({}),
        )
        .await;
    let token = made["createApiToken"]["token"]
        .as_str()
        .expect("token")
        .to_owned();
    let listed = &made["createApiToken"]["apiToken"];
    assert!(token.starts_with("koers_") && token.len() > 40, "{token}");
    assert!(token.starts_with(listed["prefix"].as_str().expect("prefix")));
    assert_eq!(listed["active"], true);
    let viewer = "{ viewer { name role layer } }";
    let me = app.gql_as(&token, viewer, json!({})).await;
    assert_eq!(
        me["data"]["viewer"],
        json!({ "name": "Gemeenten", "role": "LAYER_MANAGER", "layer": "GEMEENTE" })
    );
    // The list never holds a secret.
    let list = app
        .ok("{ apiTokens { id name prefix active } }", json!({}))
        .await;
    assert!(!list.to_string().contains(&token), "{list}");
    assert!(
        list["apiTokens"]
            .as_array()
            .expect("tokens")
            .iter()
            .any(|t| t["id"] == listed["id"])
    );
    // Not an admin: neither the list nor a new token.
    let refused = app.gql_as(&token, "{ apiTokens { id } }", json!({})).await;
    assert_eq!(code(&refused["errors"][0]), "FORBIDDEN", "{refused}");
    let before = app.count("api_token").await;
    let refused = app
        .gql_as(
            &token,
            "mutation { createApiToken(input: { name: \"Ik\", role: ADMIN }) { token } }",
            json!({}),
        )
        .await;
    assert_eq!(code(&refused["errors"][0]), "FORBIDDEN", "{refused}");
    assert_eq!(app.count("api_token").await, before);
    // A layer manager needs its layer.
    let bad = app
        .err(
            "mutation { createApiToken(input: { name: \"X\", role: LAYER_MANAGER }) { token } }",
            json!({}),
        )
        .await;
    assert_eq!(bad["extensions"]["field"], "input.layer", "{bad}");
    let past = app
        .err(
            "mutation { createApiToken(input: { name: \"X\", role: VIEWER, expiresAt: \"2020-01-01T00:00:00Z\" }) { token } }",
            json!({}),
        )
        .await;
    assert_eq!(past["extensions"]["field"], "input.expiresAt", "{past}");
    // A name is one account: a second token under it has its role and layer (a rotation).
    let clash = app
        .err(
            "mutation { createApiToken(input: { name: \"Gemeenten\", role: PROGRAMME_MANAGER }) { token } }",
            json!({}),
        )
        .await;
    assert_eq!(code(&clash), "CONFLICT", "{clash}");
    let rotated = app
        .ok(
            "mutation { createApiToken(input: { name: \"Gemeenten\", role: LAYER_MANAGER, layer: GEMEENTE }) { apiToken { name } } }",
            json!({}),
        )
        .await;
    assert_eq!(rotated["createApiToken"]["apiToken"]["name"], "Gemeenten");
    let revoked = app
        .ok(
            "mutation($id: ID!) { revokeApiToken(input: { id: $id }) { apiToken { active revokedAt } } }",
            json!({ "id": listed["id"] }),
        )
        .await;
    assert_eq!(revoked["revokeApiToken"]["apiToken"]["active"], false);
    let request = axum::http::Request::post("/graphql")
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {token}"))
        .body(axum::body::Body::from(
            json!({ "query": viewer }).to_string(),
        ))
        .expect("request");
    let (status, gone) = app.send(request).await;
    assert_eq!(status, axum::http::StatusCode::UNAUTHORIZED, "{gone}");
    assert_eq!(code(&gone["errors"][0]), "UNAUTHENTICATED", "{gone}");
    let twice = app
        .err(
            "mutation($id: ID!) { revokeApiToken(input: { id: $id }) { apiToken { active } } }",
            json!({ "id": listed["id"] }),
        )
        .await;
    assert_eq!(code(&twice), "CONFLICT", "{twice}");
}

#[tokio::test]
async fn a_reporter_records_the_letter_a_report_calls_for_but_not_the_rest_of_a_commitment() {
    let app = TestApp::new().await;
    app.on_day("2026-06-01");
    let p = programme(&app).await;
    let made = app
        .ok(
            "mutation($p: ID!) { createCommitment(input: { programmeId: $p, number: \"TZ-1\", text: \"Plan\", madeBy: \"Minister\", madeOn: \"2026-01-01\", deadlineDate: \"2026-12-01\" }) { commitment { id version } } }",
            json!({ "p": p }),
        )
        .await;
    let c = made["createCommitment"]["commitment"].clone();
    let reporter = app.token("rapporteur", Role::Reporter, None).await;
    let edit = app
        .gql_as(
            &reporter,
            "mutation($id: ID!, $v: Int!) { updateCommitment(input: { id: $id, version: $v, text: \"Anders\" }) { status } }",
            json!({ "id": c["id"], "v": c["version"] }),
        )
        .await;
    assert_eq!(code(&edit["errors"][0]), "FORBIDDEN", "{edit}");
    let letter = |kind: &str| json!({ "i": { "commitmentId": c["id"], "version": c["version"], "kind": kind, "sentOn": "2026-05-20", "newDeadlineDate": if kind == "POSTPONEMENT" { json!("2027-03-01") } else { Value::Null }, "reason": "Meer tijd nodig" } });
    let record = "mutation($i: RecordCommitmentLetterInput!) { recordCommitmentLetter(input: $i) { status commitment { deadlineDate status } } }";
    let can = "query($id: ID!) { commitment(id: $id) { viewerCanRecordLetter } }";
    // On track: no report calls for a letter, so the reporter records none.
    let seen = app.gql_as(&reporter, can, json!({ "id": c["id"] })).await;
    assert_eq!(
        seen["data"]["commitment"]["viewerCanRecordLetter"], false,
        "{seen}"
    );
    let before = app.count("commitment_letter").await;
    for kind in ["POSTPONEMENT", "FULFILMENT"] {
        let refused = app.gql_as(&reporter, record, letter(kind)).await;
        assert_eq!(
            code(&refused["errors"][0]),
            "FORBIDDEN",
            "{kind}: {refused}"
        );
    }
    assert_eq!(app.count("commitment_letter").await, before);
    // The work that fulfils it is projected past the deadline: the Kamer needs a postponement
    // letter, and the reporter records it.
    let late = milestone(&app, &p, "Eindrapport", Some("RIJK"), "2027-01-15").await;
    app.ok(
        "mutation($c: ID!, $m: ID!) { linkCommitmentMilestone(input: { commitmentId: $c, milestoneId: $m }) { __typename } }",
        json!({ "c": c["id"], "m": late }),
    )
    .await;
    let seen = app.gql_as(&reporter, can, json!({ "id": c["id"] })).await;
    assert_eq!(
        seen["data"]["commitment"]["viewerCanRecordLetter"], true,
        "{seen}"
    );
    let fulfil = app.gql_as(&reporter, record, letter("FULFILMENT")).await;
    assert_eq!(code(&fulfil["errors"][0]), "FORBIDDEN", "{fulfil}");
    let postponed = app.gql_as(&reporter, record, letter("POSTPONEMENT")).await;
    assert_eq!(
        postponed["data"]["recordCommitmentLetter"]["commitment"]["deadlineDate"], "2027-03-01",
        "{postponed}"
    );
}

/// A milestone deleted and restored within a report's period was neither added nor removed; one
/// created in it was added, one deleted in it removed.
#[tokio::test]
async fn a_report_does_not_call_a_milestone_deleted_and_restored_in_its_period_added_or_removed() {
    let app = TestApp::new().await;
    app.on_day("2026-06-01");
    let p = programme(&app).await;
    milestone(&app, &p, "Blijft", Some("RIJK"), "2026-09-01").await;
    let back = milestone(&app, &p, "Even weg", Some("RIJK"), "2026-09-02").await;
    let gone = milestone(&app, &p, "Vervalt", Some("RIJK"), "2026-09-03").await;
    // The first report, published: the next one reports the changes since it.
    let first = app
        .ok(
            "mutation { generateProgressReport(input: { asOf: \"2026-06-01\", title: \"Juni\" }) { report { id version } } }",
            json!({}),
        )
        .await["generateProgressReport"]["report"]
        .clone();
    let approved = app.approve(&first["id"], &first["version"]).await;
    let published = app
        .ok(
            "mutation($id: ID!, $v: Int!) { publishProgressReport(input: { id: $id, version: $v }) { status } }",
            json!({ "id": first["id"], "v": approved }),
        )
        .await;
    assert_eq!(published["publishProgressReport"]["status"], "OK");
    app.on_day("2026-06-10");
    let v = version(&app, &back).await;
    app.ok(DELETE, json!({ "i": { "id": back, "version": v } }))
        .await;
    app.ok(RESTORE, json!({ "i": { "id": back, "version": v + 1 } }))
        .await;
    let v = version(&app, &gone).await;
    app.ok(DELETE, json!({ "i": { "id": gone, "version": v } }))
        .await;
    milestone(&app, &p, "Nieuw", Some("RIJK"), "2026-09-04").await;
    app.on_day("2026-06-20");
    let md = crate::support::report_markdown(&app, "2026-06-20").await;
    let changes = md
        .split("## Wijzigingen sinds de vorige rapportage")
        .nth(1)
        .expect("changes section");
    assert!(changes.contains("Toegevoegd:\n\n- Nieuw ("), "{changes}");
    assert!(changes.contains("Vervallen:\n\n- Vervalt ("), "{changes}");
    assert!(!changes.contains("Even weg"), "{changes}");
}

/// `viewerCanUpdate` and `viewerCanDelete` say what the mutations then do, for every milestone of
/// the demo plan and every role: an update that changes nothing is refused exactly where
/// `viewerCanUpdate` is false, and a delete (restored again after) is allowed exactly where
/// `viewerCanDelete` is true.
#[tokio::test]
async fn what_the_viewer_may_do_is_what_the_mutations_allow() {
    let app = TestApp::with_demo().await;
    let list = "{ milestones(first: 100) { nodes { id version title viewerCanUpdate viewerCanDelete viewerCanRestore } } }";
    let mut tokens = vec![app.token.clone()];
    for (name, role, layer) in [
        ("lezer", Role::Viewer, None),
        ("rapporteur", Role::Reporter, None),
        ("vng", Role::LayerManager, Some(Gemeente)),
        ("bzk", Role::ProgrammeManager, None),
    ] {
        tokens.push(app.token(name, role, layer).await);
    }
    let mut seen = (0, 0, 0);
    for token in &tokens {
        let listed = app.gql_as(token, list, json!({})).await;
        let nodes = listed["data"]["milestones"]["nodes"]
            .as_array()
            .expect("milestones")
            .clone();
        assert!(nodes.len() > 20, "{listed}");
        for m in nodes {
            assert_eq!(m["viewerCanRestore"], false, "{m}");
            let noop = app
                .gql_as(
                    token,
                    "mutation($i: UpdateMilestoneInput!) { updateMilestone(input: $i) { status } }",
                    json!({ "i": { "id": m["id"], "version": m["version"] } }),
                )
                .await;
            assert_eq!(
                m["viewerCanUpdate"] == true,
                noop.get("errors").is_none(),
                "{m} {noop}"
            );
            if m["viewerCanUpdate"] == true {
                seen.0 += 1;
            }
            let delete = app
                .gql_as(
                    token,
                    DELETE,
                    json!({ "i": { "id": m["id"], "version": m["version"] } }),
                )
                .await;
            let deleted = delete.get("errors").is_none();
            assert_eq!(m["viewerCanDelete"] == true, deleted, "{m} {delete}");
            if deleted {
                seen.1 += 1;
                let version = delete["data"]["deleteMilestone"]["milestone"]["version"].clone();
                let can = app
                    .gql_as(
                        token,
                        "query($id: ID!) { milestone(id: $id) { viewerCanRestore } }",
                        json!({ "id": m["id"] }),
                    )
                    .await;
                assert_eq!(can["data"]["milestone"]["viewerCanRestore"], true, "{can}");
                let back = app
                    .gql_as(
                        token,
                        RESTORE,
                        json!({ "i": { "id": m["id"], "version": version } }),
                    )
                    .await;
                assert_eq!(back["data"]["restoreMilestone"]["status"], "OK", "{back}");
            } else if m["viewerCanUpdate"] == true {
                // Refused though it may change it: others depend on it.
                seen.2 += 1;
            }
        }
    }
    assert!(
        seen.0 > 0 && seen.1 > 0 && seen.2 > 0,
        "every kind of answer occurred: {seen:?}"
    );
}
