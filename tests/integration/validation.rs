//! Input validation: each rule gives BAD_USER_INPUT (or CONFLICT) with the field path, and
//! changes nothing.

use crate::support::{TestApp, code, kpi, milestone, programme};
use serde_json::{Value, json};

async fn rejected(app: &TestApp, mutation: &str, input: Value, field: &str) {
    let before = app.count("change_record").await;
    let error = app.err(mutation, json!({ "input": input })).await;
    assert_eq!(code(&error), "BAD_USER_INPUT", "{input}: {error}");
    assert_eq!(
        error["extensions"]["field"],
        format!("input.{field}"),
        "{input}: {error}"
    );
    assert_eq!(
        app.count("change_record").await,
        before,
        "nothing written for {input}"
    );
}

const CREATE_MILESTONE: &str = "mutation($input: CreateMilestoneInput!) { createMilestone(input: $input) { milestone { id } } }";

#[tokio::test]
async fn milestone_rules() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let base = |extra: Value| {
        let mut input = json!({ "programmeId": p, "title": "Mijlpaal", "kind": "DELIVERY", "plannedDate": "2026-01-01" });
        for (k, v) in extra.as_object().expect("object") {
            input[k] = v.clone();
        }
        input
    };
    rejected(
        &app,
        CREATE_MILESTONE,
        base(json!({ "title": "" })),
        "title",
    )
    .await;
    rejected(
        &app,
        CREATE_MILESTONE,
        base(json!({ "title": "   " })),
        "title",
    )
    .await;
    rejected(
        &app,
        CREATE_MILESTONE,
        base(json!({ "title": "x".repeat(201) })),
        "title",
    )
    .await;
    rejected(
        &app,
        CREATE_MILESTONE,
        base(json!({ "title": "twee\nregels" })),
        "title",
    )
    .await;
    rejected(
        &app,
        CREATE_MILESTONE,
        base(json!({ "description": "x".repeat(10_001) })),
        "description",
    )
    .await;
    rejected(
        &app,
        CREATE_MILESTONE,
        base(json!({ "healthOverride": { "health": "AT_RISK", "reason": " " } })),
        "healthOverride.reason",
    )
    .await;
    rejected(
        &app,
        CREATE_MILESTONE,
        base(json!({ "healthOverride": { "health": "OFF_TRACK", "reason": "a\nb" } })),
        "healthOverride.reason",
    )
    .await;
    rejected(
        &app,
        CREATE_MILESTONE,
        base(json!({ "status": "DONE" })),
        "actualDate",
    )
    .await;
    rejected(
        &app,
        CREATE_MILESTONE,
        base(json!({ "actualDate": "2026-01-01" })),
        "actualDate",
    )
    .await;
    rejected(
        &app,
        CREATE_MILESTONE,
        base(json!({ "phaseId": "UGhhc2U6NDI" })),
        "phaseId",
    )
    .await;
    rejected(
        &app,
        CREATE_MILESTONE,
        base(json!({ "phaseId": p })),
        "phaseId",
    )
    .await;
    rejected(
        &app,
        CREATE_MILESTONE,
        base(json!({ "programmeId": "UHJvZ3JhbW1lOjQy" })),
        "programmeId",
    )
    .await;
    rejected(
        &app,
        CREATE_MILESTONE,
        base(json!({ "ownerOrganisationId": "bm9wZQ" })),
        "ownerOrganisationId",
    )
    .await;
    // And an accepted one, to show the base input is valid.
    app.ok(
        CREATE_MILESTONE,
        json!({ "input": base(json!({ "status": "DONE", "actualDate": "2026-01-03" })) }),
    )
    .await;
}

#[tokio::test]
async fn phase_task_recess_and_commitment_rules() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let phase =
        "mutation($input: CreatePhaseInput!) { createPhase(input: $input) { phase { id } } }";
    rejected(&app, phase, json!({ "programmeId": p, "number": 0, "name": "F", "plannedStart": "2025-01-01", "plannedEnd": "2025-02-01" }), "number").await;
    rejected(&app, phase, json!({ "programmeId": p, "number": 1, "name": "F", "plannedStart": "2025-03-01", "plannedEnd": "2025-02-01" }), "plannedEnd").await;
    rejected(&app, phase, json!({ "programmeId": p, "number": 1, "name": "F", "plannedStart": "2025-01-01", "plannedEnd": "2025-02-01", "actualStart": "2025-02-01", "actualEnd": "2025-01-01" }), "actualEnd").await;
    rejected(&app, phase, json!({ "programmeId": p, "number": 1, "name": "F", "plannedStart": "2025-01-01", "plannedEnd": "2025-02-01", "status": "DONE" }), "actualEnd").await;

    let task = "mutation($input: CreateDataInfraTaskInput!) { createDataInfraTask(input: $input) { task { id } } }";
    rejected(&app, task, json!({ "programmeId": p, "title": "T", "kind": "DATA_GOVERNANCE", "dueDate": "2026-01-01", "status": "DONE" }), "completedOn").await;
    rejected(&app, task, json!({ "programmeId": p, "title": "T", "kind": "DATA_GOVERNANCE", "dueDate": "2026-01-01", "dataSourceId": "RGF0YVNvdXJjZTo5" }), "dataSourceId").await;

    let recess = "mutation($input: CreateRecessPeriodInput!) { createRecessPeriod(input: $input) { recessPeriod { id } } }";
    rejected(&app, recess, json!({ "kind": "SUMMER", "year": 2026, "name": "Zomerreces 2026", "firstDay": "2026-08-31", "lastDay": "2026-07-03", "confidence": "ESTIMATE" }), "lastDay").await;
    app.ok(recess, json!({ "input": { "kind": "SUMMER", "year": 2026, "name": "Zomerreces 2026", "firstDay": "2026-07-03", "lastDay": "2026-08-31", "confidence": "ESTIMATE" } })).await;
    rejected(&app, recess, json!({ "kind": "AUTUMN", "year": 2026, "name": "Overlap", "firstDay": "2026-08-30", "lastDay": "2026-09-02", "confidence": "ESTIMATE" }), "firstDay").await;
    rejected(&app, recess, json!({ "kind": "AUTUMN", "year": 1800, "name": "Oud", "firstDay": "1800-10-01", "lastDay": "1800-10-02", "confidence": "ESTIMATE" }), "year").await;

    let commitment = "mutation($input: CreateCommitmentInput!) { createCommitment(input: $input) { commitment { id } } }";
    rejected(&app, commitment, json!({ "programmeId": p, "number": "TZ-1", "text": "T", "madeBy": "BZK", "madeOn": "2026-01-01", "deadlineDate": "2025-12-31" }), "deadlineDate").await;
    rejected(&app, commitment, json!({ "programmeId": p, "number": "", "text": "T", "madeBy": "BZK", "madeOn": "2026-01-01", "deadlineDate": "2026-12-31" }), "number").await;
}

#[tokio::test]
async fn kpi_source_and_measurement_rules() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let create_kpi =
        "mutation($input: CreateKpiInput!) { createKpi(input: $input) { kpi { id } } }";
    let kpi_input = |code: &str| json!({ "programmeId": p, "code": code, "name": "N", "definition": "D", "unit": "%", "direction": "LOWER_IS_BETTER", "level": "IMPACT", "frequency": "BIENNIAL" });
    rejected(&app, create_kpi, kpi_input("met spatie"), "code").await;
    let k = kpi(&app, &p, "MVOI-01", &[]).await;
    let duplicate = app
        .err(create_kpi, json!({ "input": kpi_input("MVOI-01") }))
        .await;
    assert_eq!(code(&duplicate), "CONFLICT");

    let target = "mutation($input: CreateKpiTargetInput!) { createKpiTarget(input: $input) { target { id } } }";
    rejected(
        &app,
        target,
        json!({ "kpiId": k, "year": 3000, "value": "1" }),
        "year",
    )
    .await;
    app.ok(
        target,
        json!({ "input": { "kpiId": k, "year": 2027, "value": "90" } }),
    )
    .await;
    app.ok(
        target,
        json!({ "input": { "kpiId": k, "year": 2027, "layer": "RIJK", "value": "100" } }),
    )
    .await;
    let same = app
        .err(
            target,
            json!({ "input": { "kpiId": k, "year": 2027, "value": "80" } }),
        )
        .await;
    assert_eq!(code(&same), "CONFLICT", "one overall target per year");

    let measurement = "mutation($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { measurement { id } } }";
    rejected(
        &app,
        measurement,
        json!({ "kpiId": k, "periodStart": "2024-12-31", "periodEnd": "2024-01-01", "value": "1" }),
        "periodEnd",
    )
    .await;
    rejected(&app, measurement, json!({ "kpiId": "S3BpOjk5OQ", "periodStart": "2024-01-01", "periodEnd": "2024-12-31", "value": "1" }), "kpiId").await;
    let bad_decimal = app.err(measurement, json!({ "input": { "kpiId": k, "periodStart": "2024-01-01", "periodEnd": "2024-12-31", "value": "veel" } })).await;
    assert_eq!(code(&bad_decimal), "BAD_USER_INPUT");
    assert!(
        bad_decimal["message"]
            .as_str()
            .unwrap_or_default()
            .contains("not a decimal number"),
        "{bad_decimal}"
    );
    let float = app.err(measurement, json!({ "input": { "kpiId": k, "periodStart": "2024-01-01", "periodEnd": "2024-12-31", "value": 6.8 } })).await;
    assert_eq!(
        code(&float),
        "BAD_USER_INPUT",
        "fractions must come as strings: {float}"
    );

    let assessment = "mutation($input: CreateDataQualityAssessmentInput!) { createDataQualityAssessment(input: $input) { assessment { id } } }";
    let source = app.ok("mutation { createDataSource(input: { name: \"Bron\", updateFrequency: YEARLY, access: OPEN }) { dataSource { id } } }", json!({})).await;
    let s = source["createDataSource"]["dataSource"]["id"].clone();
    rejected(&app, assessment, json!({ "dataSourceId": s, "dimension": "VALIDITY", "score": 6, "assessedOn": "2025-01-01", "finding": "F" }), "score").await;
    rejected(&app, assessment, json!({ "dataSourceId": s, "dimension": "VALIDITY", "score": 0, "assessedOn": "2025-01-01", "finding": "F" }), "score").await;
    rejected(&app, assessment, json!({ "dataSourceId": s, "dimension": "VALIDITY", "score": 3, "assessedOn": "2025-01-01", "finding": "" }), "finding").await;
}

#[tokio::test]
async fn enums_dates_and_ids_are_checked_before_anything_runs() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let m = milestone(&app, &p, "M", None, "2026-01-01").await;
    let bad_enum = app.err(CREATE_MILESTONE, json!({ "input": { "programmeId": p, "title": "T", "kind": "PARTY", "plannedDate": "2026-01-01" } })).await;
    assert_eq!(code(&bad_enum), "BAD_USER_INPUT", "{bad_enum}");
    assert!(
        bad_enum["message"]
            .as_str()
            .unwrap_or_default()
            .contains("PARTY"),
        "{bad_enum}"
    );
    let bad_date = app.err(CREATE_MILESTONE, json!({ "input": { "programmeId": p, "title": "T", "kind": "PILOT", "plannedDate": "2026-02-30" } })).await;
    assert_eq!(code(&bad_date), "BAD_USER_INPUT", "{bad_date}");
    assert!(
        bad_date["message"]
            .as_str()
            .unwrap_or_default()
            .contains("not a date"),
        "{bad_date}"
    );
    let unknown = app.err("{ milestones { nonsense } }", json!({})).await;
    assert_eq!(code(&unknown), "GRAPHQL_VALIDATION_FAILED", "{unknown}");
    let wrong_kind = app.err("mutation($id: ID!) { updateKpi(input: { id: $id, version: 1, name: \"x\" }) { status } }", json!({ "id": m })).await;
    assert_eq!(code(&wrong_kind), "BAD_USER_INPUT");
    assert!(
        wrong_kind["message"]
            .as_str()
            .unwrap_or_default()
            .contains("expected a Kpi id")
    );
}

#[tokio::test]
async fn required_texts_are_checked_on_every_entity() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let cases: Vec<(&str, &str, Value, &str)> = vec![
        (
            "Organisation",
            "organisation",
            json!({ "name": " " }),
            "name",
        ),
        (
            "Organisation",
            "organisation",
            json!({ "name": "BZK", "abbreviation": "x".repeat(21) }),
            "abbreviation",
        ),
        (
            "Programme",
            "programme",
            json!({ "name": "", "goal": "Doel" }),
            "name",
        ),
        (
            "Programme",
            "programme",
            json!({ "name": "P", "goal": "" }),
            "goal",
        ),
        (
            "Workstream",
            "workstream",
            json!({ "programmeId": p, "name": "" }),
            "name",
        ),
        (
            "DataSource",
            "dataSource",
            json!({ "name": "", "updateFrequency": "YEARLY", "access": "OPEN" }),
            "name",
        ),
        (
            "DataSource",
            "dataSource",
            json!({ "name": "Bron", "updateFrequency": "YEARLY", "access": "OPEN", "url": "a\nb" }),
            "url",
        ),
        (
            "Kpi",
            "kpi",
            json!({ "programmeId": p, "code": "K", "name": "", "definition": "D", "unit": "%", "direction": "HIGHER_IS_BETTER", "level": "OUTPUT", "frequency": "YEARLY" }),
            "name",
        ),
        (
            "Kpi",
            "kpi",
            json!({ "programmeId": p, "code": "K", "name": "N", "definition": " ", "unit": "%", "direction": "HIGHER_IS_BETTER", "level": "OUTPUT", "frequency": "YEARLY" }),
            "definition",
        ),
        (
            "Kpi",
            "kpi",
            json!({ "programmeId": p, "code": "K", "name": "N", "definition": "D", "unit": "", "direction": "HIGHER_IS_BETTER", "level": "OUTPUT", "frequency": "YEARLY" }),
            "unit",
        ),
        (
            "DataInfraTask",
            "task",
            json!({ "programmeId": p, "title": "", "kind": "DATA_GOVERNANCE", "dueDate": "2026-01-01" }),
            "title",
        ),
        (
            "Commitment",
            "commitment",
            json!({ "programmeId": p, "number": "TZ-9", "text": "", "madeBy": "BZK", "madeOn": "2025-01-01", "deadlineDate": "2026-01-01" }),
            "text",
        ),
        (
            "Commitment",
            "commitment",
            json!({ "programmeId": p, "number": "TZ-9", "text": "T", "madeBy": "", "madeOn": "2025-01-01", "deadlineDate": "2026-01-01" }),
            "madeBy",
        ),
        (
            "RecessPeriod",
            "recessPeriod",
            json!({ "kind": "MAY", "year": 2026, "name": "", "firstDay": "2026-04-24", "lastDay": "2026-05-11", "confidence": "THIRD_PARTY" }),
            "name",
        ),
    ];
    for (entity, field, input, path) in cases {
        let mutation = format!(
            "mutation($input: Create{entity}Input!) {{ create{entity}(input: $input) {{ {field} {{ id }} }} }}"
        );
        rejected(&app, &mutation, input, path).await;
    }
}

#[tokio::test]
async fn updates_enforce_the_same_rules_as_creates() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let m = milestone(&app, &p, "M", None, "2026-01-01").await;
    let update =
        "mutation($input: UpdateMilestoneInput!) { updateMilestone(input: $input) { status } }";
    rejected(
        &app,
        update,
        json!({ "id": m, "version": 1, "title": "" }),
        "title",
    )
    .await;
    rejected(
        &app,
        update,
        json!({ "id": m, "version": 1, "status": "DONE" }),
        "actualDate",
    )
    .await;
    rejected(
        &app,
        update,
        json!({ "id": m, "version": 1, "healthOverride": { "health": "OFF_TRACK", "reason": "" } }),
        "healthOverride.reason",
    )
    .await;
    rejected(
        &app,
        update,
        json!({ "id": m, "version": 1, "workstreamId": "V29ya3N0cmVhbTo5OQ" }),
        "workstreamId",
    )
    .await;
    let k = kpi(&app, &p, "K-1", &[]).await;
    kpi(&app, &p, "K-2", &[]).await;
    let renamed = app.err("mutation($id: ID!) { updateKpi(input: { id: $id, version: 1, code: \"K-2\" }) { status } }", json!({ "id": k })).await;
    assert_eq!(code(&renamed), "CONFLICT", "a code taken by another KPI");
    // Null clears an optional field; an absent field stays as it is.
    let data = app
        .ok("mutation($id: ID!) { updateMilestone(input: { id: $id, version: 1, forecastDate: \"2026-02-01\", deadlineText: \"voor het zomerreces 2026\", deadlineDate: \"2026-07-02\", changeReason: \"Toezegging\" }) { milestone { forecastDate deadlineText } } }", json!({ "id": m }))
        .await;
    assert_eq!(
        data["updateMilestone"]["milestone"]["forecastDate"],
        "2026-02-01"
    );
    let data = app
        .ok("mutation($id: ID!) { updateMilestone(input: { id: $id, version: 2, forecastDate: null }) { milestone { forecastDate deadlineText } } }", json!({ "id": m }))
        .await;
    assert!(data["updateMilestone"]["milestone"]["forecastDate"].is_null());
    assert_eq!(
        data["updateMilestone"]["milestone"]["deadlineText"],
        "voor het zomerreces 2026"
    );
}
