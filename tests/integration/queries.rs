//! The query root on the demo plan: every list, its filters, lookups and relations.

use crate::support::TestApp;
use serde_json::{Value, json};

fn count(data: &Value, field: &str) -> i64 {
    data[field]["totalCount"].as_i64().unwrap_or(-1)
}

#[tokio::test]
async fn every_root_list_answers_on_the_demo_plan() {
    let app = TestApp::with_demo().await;
    let data = app
        .ok(
            "{ programmes { totalCount } phases { totalCount } workstreams { totalCount } organisations(first: 100) { totalCount }
               milestones { totalCount } kpis { totalCount } dataSources { totalCount } dataInfraTasks { totalCount }
               commitments { totalCount } recessPeriods { totalCount } changeRecords { totalCount } }",
            json!({}),
        )
        .await;
    for field in [
        "programmes",
        "phases",
        "workstreams",
        "organisations",
        "milestones",
        "kpis",
        "dataSources",
        "dataInfraTasks",
        "commitments",
        "recessPeriods",
        "changeRecords",
    ] {
        assert!(count(&data, field) > 0, "{field} is empty");
    }
    assert_eq!(count(&data, "phases"), 3);
}

#[tokio::test]
async fn milestone_filters() {
    let app = TestApp::with_demo().await;
    let q = "query($f: MilestoneFilterInput) { milestones(filter: $f, first: 100) { totalCount edges { node { layer status health plannedDate title description } } } }";
    let all = app.ok(q, json!({ "f": null })).await;
    let total = count(&all, "milestones");
    let nodes = |d: &Value| {
        d["milestones"]["edges"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e["node"].clone())
            .collect::<Vec<_>>()
    };

    let rijk = app.ok(q, json!({ "f": { "layer": "RIJK" } })).await;
    assert!(nodes(&rijk).iter().all(|n| n["layer"] == "RIJK"));
    let joint = app.ok(q, json!({ "f": { "joint": true } })).await;
    assert!(nodes(&joint).iter().all(|n| n["layer"].is_null()));
    let rijk_and_joint = app
        .ok(q, json!({ "f": { "layer": "RIJK", "joint": true } }))
        .await;
    assert_eq!(
        count(&rijk_and_joint, "milestones"),
        count(&rijk, "milestones") + count(&joint, "milestones")
    );
    let layered = app.ok(q, json!({ "f": { "joint": false } })).await;
    assert_eq!(
        count(&layered, "milestones") + count(&joint, "milestones"),
        total
    );

    let done = app.ok(q, json!({ "f": { "status": ["DONE"] } })).await;
    assert!(count(&done, "milestones") > 0 && nodes(&done).iter().all(|n| n["status"] == "DONE"));
    let unhealthy = app
        .ok(q, json!({ "f": { "health": ["AT_RISK", "OFF_TRACK"] } }))
        .await;
    assert!(
        count(&unhealthy, "milestones") > 0
            && nodes(&unhealthy).iter().all(|n| n["health"] != "ON_TRACK")
    );
    let in_2026 = app
        .ok(
            q,
            json!({ "f": { "plannedFrom": "2026-01-01", "plannedTo": "2026-12-31" } }),
        )
        .await;
    assert!(count(&in_2026, "milestones") > 0);
    assert!(nodes(&in_2026).iter().all(|n| {
        n["plannedDate"]
            .as_str()
            .unwrap_or_default()
            .starts_with("2026")
    }));
    let kamerbrief = app.ok(q, json!({ "f": { "search": "KAMERBRIEF" } })).await;
    assert!(count(&kamerbrief, "milestones") >= 1);
    assert!(nodes(&kamerbrief).iter().all(|n| {
        let text = format!("{} {}", n["title"], n["description"]).to_lowercase();
        text.contains("kamerbrief")
    }));
    let percent = app.ok(q, json!({ "f": { "search": "%" } })).await;
    assert_eq!(count(&percent, "milestones"), 0, "% is matched literally");
}

#[tokio::test]
async fn kpi_and_task_filters() {
    let app = TestApp::with_demo().await;
    let kpis = "query($f: KpiFilterInput) { kpis(filter: $f, first: 100) { totalCount edges { node { code themes targets { layer } measurements(first: 100) { layer } } } } }";
    let climate = app.ok(kpis, json!({ "f": { "theme": "CLIMATE" } })).await;
    assert!(count(&climate, "kpis") > 0);
    for e in climate["kpis"]["edges"].as_array().into_iter().flatten() {
        assert!(
            e["node"]["themes"]
                .as_array()
                .expect("themes")
                .contains(&json!("CLIMATE"))
        );
    }
    let water = app
        .ok(kpis, json!({ "f": { "layer": "WATERSCHAP" } }))
        .await;
    for e in water["kpis"]["edges"].as_array().into_iter().flatten() {
        let has = |list: &str| {
            e["node"][list]
                .as_array()
                .into_iter()
                .flatten()
                .any(|x| x["layer"] == "WATERSCHAP")
        };
        assert!(has("targets") || has("measurements"), "{e}");
    }
    let by_code = app
        .ok("{ kpiByCode(code: \"MVOI-01\") { code name } }", json!({}))
        .await;
    assert_eq!(by_code["kpiByCode"]["code"], "MVOI-01");

    let tasks = "query($f: DataInfraTaskFilterInput) { dataInfraTasks(filter: $f, first: 100) { totalCount edges { node { layer status } } } }";
    let all = app.ok(tasks, json!({ "f": null })).await;
    let done = app.ok(tasks, json!({ "f": { "status": ["DONE"] } })).await;
    assert!(
        count(&done, "dataInfraTasks") > 0
            && count(&done, "dataInfraTasks") < count(&all, "dataInfraTasks")
    );
    assert!(
        done["dataInfraTasks"]["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|e| e["node"]["status"] == "DONE")
    );
    let rijk = app.ok(tasks, json!({ "f": { "layer": "RIJK" } })).await;
    assert!(
        rijk["dataInfraTasks"]["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|e| e["node"]["layer"] == "RIJK")
    );
}

#[tokio::test]
async fn measurements_filter_by_period_and_layer_newest_first() {
    let app = TestApp::with_demo().await;
    let data = app
        .ok(
            "{ kpis(first: 50) { edges { node { code
                 all: measurements(first: 100) { periodEnd layer }
                 recent: measurements(periodFrom: \"2024-01-01\") { periodEnd }
                 old: measurements(periodTo: \"2021-12-31\") { periodEnd }
                 latest: latestMeasurement { periodEnd }
                 gemeente: measurements(layer: GEMEENTE) { layer } } } } }",
            json!({}),
        )
        .await;
    let mut checked = 0;
    for e in data["kpis"]["edges"].as_array().into_iter().flatten() {
        let n = &e["node"];
        let ends: Vec<&str> = n["all"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|m| m["periodEnd"].as_str().unwrap_or_default())
            .collect();
        let mut sorted = ends.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(ends, sorted, "newest first for {}", n["code"]);
        if let Some(first) = ends.first() {
            assert_eq!(n["latest"]["periodEnd"], *first);
            checked += 1;
        }
        assert!(
            n["recent"]
                .as_array()
                .into_iter()
                .flatten()
                .all(|m| m["periodEnd"].as_str().unwrap_or_default() >= "2024-01-01")
        );
        assert!(
            n["old"]
                .as_array()
                .into_iter()
                .flatten()
                .all(|m| m["periodEnd"].as_str().unwrap_or_default() <= "2021-12-31")
        );
        assert!(
            n["gemeente"]
                .as_array()
                .into_iter()
                .flatten()
                .all(|m| m["layer"] == "GEMEENTE")
        );
    }
    assert!(checked >= 5);
}

#[tokio::test]
async fn lookups_node_and_relations_resolve() {
    let app = TestApp::with_demo().await;
    let data = app
        .ok(
            "{ programmes { edges { node { id name leadOrganisation { abbreviation } workstreams { id name milestones { title } }
                 phases { id number programme { name } milestones { title } } } } }
               organisations(layer: GEMEENTE) { edges { node { id name isUmbrellaBody } } }
               dataSources { edges { node { id name owner { name } assessments { id dimension score dataSource { name } } tasks { title } } } }
               recessPeriods(year: 2026, kind: SUMMER) { edges { node { id name firstDay lastDay lastSittingDayBefore confidence } } }
               commitments(status: OPEN) { edges { node { id number programme { name } } } } }",
            json!({}),
        )
        .await;
    let programme = &data["programmes"]["edges"][0]["node"];
    assert_eq!(programme["leadOrganisation"]["abbreviation"], "BZK");
    let summer = &data["recessPeriods"]["edges"][0]["node"];
    assert_eq!(summer["firstDay"], "2026-07-03");
    assert_eq!(summer["lastSittingDayBefore"], "2026-07-02");
    assert_eq!(
        data["organisations"]["edges"][0]["node"]["isUmbrellaBody"],
        true
    );

    // Every object found above resolves by id, through its own lookup and through node().
    let lookups = [
        ("programme", programme["id"].clone()),
        ("phase", programme["phases"][0]["id"].clone()),
        ("workstream", programme["workstreams"][0]["id"].clone()),
        (
            "organisation",
            data["organisations"]["edges"][0]["node"]["id"].clone(),
        ),
        (
            "dataSource",
            data["dataSources"]["edges"][0]["node"]["id"].clone(),
        ),
        (
            "dataQualityAssessment",
            data["dataSources"]["edges"][0]["node"]["assessments"][0]["id"].clone(),
        ),
        ("recessPeriod", summer["id"].clone()),
        (
            "commitment",
            data["commitments"]["edges"][0]["node"]["id"].clone(),
        ),
    ];
    for (field, id) in lookups {
        assert!(id.is_string(), "{field} id missing");
        let q = format!("query($id: ID!) {{ {field}(id: $id) {{ id }} node(id: $id) {{ id }} }}");
        let found = app.ok(&q, json!({ "id": id })).await;
        assert_eq!(found[field]["id"], id, "{field}");
        assert_eq!(found["node"]["id"], id, "node({field})");
    }
    let k = app
        .ok(
            "{ kpis(first: 1) { edges { node { id targets { id kpi { code } } } } } }",
            json!({}),
        )
        .await;
    let target = k["kpis"]["edges"][0]["node"]["targets"][0]["id"].clone();
    let found = app.ok("query($id: ID!) { kpiTarget(id: $id) { id } node(id: $id) { ... on KpiTarget { value } } }", json!({ "id": target })).await;
    assert_eq!(found["kpiTarget"]["id"], target);
    let m = app.ok("{ kpis(first: 100) { edges { node { latestMeasurement { id kpi { code } dataSource { name } } } } } }", json!({})).await;
    let measurement = m["kpis"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .find_map(|e| {
            e["node"]["latestMeasurement"]["id"]
                .as_str()
                .map(str::to_owned)
        })
        .expect("a measurement");
    let found = app.ok("query($id: ID!) { kpiMeasurement(id: $id) { id } node(id: $id) { ... on KpiMeasurement { value } } }", json!({ "id": measurement })).await;
    assert_eq!(found["kpiMeasurement"]["id"], json!(measurement));
    let t = app
        .ok(
            "{ dataInfraTasks { edges { node { id owner { name } dataSource { name } } } } }",
            json!({}),
        )
        .await;
    let task = t["dataInfraTasks"]["edges"][0]["node"]["id"].clone();
    assert_eq!(
        app.ok(
            "query($id: ID!) { dataInfraTask(id: $id) { id } }",
            json!({ "id": task })
        )
        .await["dataInfraTask"]["id"],
        task
    );
}

#[tokio::test]
async fn the_remaining_filters() {
    let app = TestApp::with_demo().await;
    let ids = app
        .ok("{ programmes { edges { node { id phases { id number } workstreams { id } } } } dataSources(search: \"TenderNed\") { edges { node { id } } } }", json!({}))
        .await;
    let programme = &ids["programmes"]["edges"][0]["node"];
    let phase3 = programme["phases"]
        .as_array()
        .expect("phases")
        .iter()
        .find(|p| p["number"] == 3)
        .expect("phase 3")["id"]
        .clone();
    let workstream = programme["workstreams"][0]["id"].clone();
    let tenderned = ids["dataSources"]["edges"][0]["node"]["id"].clone();
    let q = "query($f: MilestoneFilterInput) { milestones(filter: $f, first: 100) { totalCount edges { node { phase { id } workstream { id } programme { id } } } } }";
    let in_phase = app.ok(q, json!({ "f": { "phaseId": phase3 } })).await;
    assert!(count(&in_phase, "milestones") > 0);
    assert!(
        in_phase["milestones"]["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|e| e["node"]["phase"]["id"] == phase3)
    );
    let in_ws = app
        .ok(q, json!({ "f": { "workstreamId": workstream } }))
        .await;
    assert!(
        in_ws["milestones"]["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|e| e["node"]["workstream"]["id"] == workstream)
    );
    let in_programme = app
        .ok(q, json!({ "f": { "programmeId": programme["id"] } }))
        .await;
    let all = app.ok(q, json!({ "f": null })).await;
    assert_eq!(
        count(&in_programme, "milestones"),
        count(&all, "milestones")
    );

    let tasks = "query($f: DataInfraTaskFilterInput) { dataInfraTasks(filter: $f, first: 100) { totalCount edges { node { kind dueDate dataSource { id } } } } }";
    let governance = app
        .ok(tasks, json!({ "f": { "kind": "DATA_GOVERNANCE" } }))
        .await;
    assert!(
        governance["dataInfraTasks"]["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|e| e["node"]["kind"] == "DATA_GOVERNANCE")
    );
    let on_tenderned = app
        .ok(tasks, json!({ "f": { "dataSourceId": tenderned } }))
        .await;
    assert!(count(&on_tenderned, "dataInfraTasks") > 0);
    assert!(
        on_tenderned["dataInfraTasks"]["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|e| e["node"]["dataSource"]["id"] == tenderned)
    );
    let due = app
        .ok(tasks, json!({ "f": { "dueBefore": "2025-12-31" } }))
        .await;
    assert!(
        due["dataInfraTasks"]["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|e| e["node"]["dueDate"].as_str().unwrap_or_default() <= "2025-12-31")
    );

    let kpis = "query($f: KpiFilterInput) { kpis(filter: $f, first: 100) { totalCount edges { node { code name level } } } }";
    let outcome = app.ok(kpis, json!({ "f": { "level": "OUTCOME" } })).await;
    assert!(
        outcome["kpis"]["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|e| e["node"]["level"] == "OUTCOME")
    );
    let co2 = app.ok(kpis, json!({ "f": { "search": "co2" } })).await;
    assert!(count(&co2, "kpis") >= 1);

    let phases = app
        .ok(
            "{ done: phases(status: DONE) { totalCount } all: phases { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(phases["done"]["totalCount"], 2);
    let ws = app
        .ok(
            "query($p: ID!) { workstreams(programmeId: $p) { totalCount } }",
            json!({ "p": programme["id"] }),
        )
        .await;
    assert_eq!(ws["workstreams"]["totalCount"], 7);
    let history = app
        .ok(
            "{ before: changeRecords(until: \"2000-01-01T00:00:00Z\") { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(history["before"]["totalCount"], 0);
}
