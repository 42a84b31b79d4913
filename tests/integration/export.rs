//! The whole-plan export and the benchmark plan generator.

use crate::support::{TestApp, t0};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use koers::samples::generate::{PlanSize, generate};
use serde_json::{Value, json};

#[tokio::test]
async fn export_streams_every_live_milestone_with_its_links() {
    let app = TestApp::with_demo().await;
    let data = app
        .ok(
            "{ milestones(first: 100) { totalCount edges { node { id version } } } }",
            json!({}),
        )
        .await;
    let total = data["milestones"]["totalCount"].as_u64().expect("count") as usize;
    let first = data["milestones"]["edges"][0]["node"].clone();
    app.ok("mutation($id: ID!, $v: Int!) { deleteMilestone(input: { id: $id, version: $v }) { status } }", json!({ "id": first["id"], "v": first["version"] })).await;

    let (status, body) = app
        .request(
            Request::get("/export/milestones.ndjson")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let text = body.as_str().expect("ndjson text").to_owned();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(
        lines.len(),
        total - 1,
        "deleted milestones are not exported"
    );
    let ids: Vec<i64> = lines
        .iter()
        .map(|l| l["id"].as_i64().expect("id"))
        .collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "in id order");
    assert!(
        lines
            .iter()
            .any(|l| !l["kpiIds"].as_array().expect("kpiIds").is_empty())
    );
    assert!(lines.iter().any(|l| {
        !l["predecessors"]
            .as_array()
            .expect("predecessors")
            .is_empty()
    }));
    assert!(lines.iter().any(|l| {
        !l["commitmentIds"]
            .as_array()
            .expect("commitments")
            .is_empty()
    }));
    assert!(
        lines
            .iter()
            .all(|l| l["plannedDate"].is_string() && l.get("title").is_some())
    );
}

#[tokio::test]
async fn generated_plans_have_the_promised_shape_and_stay_writable() {
    let app = TestApp::new().await;
    let actor = koers::service::Actor::system("test", t0());
    let shape = generate(&app.db, &actor, PlanSize::S, 7)
        .await
        .expect("generate");
    assert_eq!(app.count("milestone").await, shape.milestones as i64);
    assert_eq!(app.count("kpi").await, shape.kpis as i64);
    assert_eq!(
        app.count("kpi_measurement").await,
        shape.measurements as i64
    );
    assert!(app.count("milestone_dependency").await > shape.milestones as i64 * 2);
    assert!(app.count("milestone_kpi").await >= shape.milestones as i64);
    assert!(
        generate(&app.db, &actor, PlanSize::S, 7).await.is_err(),
        "only into an empty database"
    );
    // Sequences follow the explicit ids: new rows get fresh ids.
    let k = app
        .ok("{ kpis(first: 1) { edges { node { id } } } }", json!({}))
        .await["kpis"]["edges"][0]["node"]["id"]
        .clone();
    let data = app
        .ok("mutation($k: ID!) { recordMeasurement(input: { kpiId: $k, periodStart: \"2030-01-01\", periodEnd: \"2030-12-31\", value: \"1\" }) { measurement { id } } }", json!({ "k": k }))
        .await;
    assert!(data["recordMeasurement"]["measurement"]["id"].is_string());
    let (status, body) = app
        .request(
            Request::get("/export/milestones.ndjson")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body.as_str().map(|t| t.lines().count()),
        Some(shape.milestones)
    );
}
