//! Baselines: taken once, never changed, and variance against the original and the latest.

use crate::support::{TestApp, code, milestone, programme, version};
use serde_json::json;

const CREATE: &str = "mutation($n: String!, $r: String!) { createBaseline(input: { name: $n, reason: $r }) { baseline { id name original } } }";

#[tokio::test]
async fn variance_against_the_original_and_the_latest_baseline() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let m = milestone(&app, &p, "Kamerbrief", None, "2026-07-02").await;
    let error = app.err(CREATE, json!({ "n": "", "r": "x" })).await;
    assert_eq!(code(&error), "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.name");

    let original = app
        .ok(
            CREATE,
            json!({ "n": "Planning zoals gemeld aan de Kamer", "r": "Kamerbrief juni 2025" }),
        )
        .await["createBaseline"]["baseline"]
        .clone();
    assert_eq!(original["original"], true);

    let move_to = |date: &'static str| {
        let app = &app;
        let m = m.clone();
        async move {
            let v = version(app, &m).await;
            app.ok(
                "mutation($id: ID!, $v: Int!, $d: Date) { updateMilestone(input: { id: $id, version: $v, forecastDate: $d }) { status } }",
                json!({ "id": m, "v": v, "d": date }),
            )
            .await;
        }
    };
    move_to("2026-09-01").await;
    app.clock.advance(chrono::Duration::days(1));
    let replan = app
        .ok(
            CREATE,
            json!({ "n": "Herplanning", "r": "Bestuurlijk overleg verschoven" }),
        )
        .await["createBaseline"]["baseline"]
        .clone();
    assert_eq!(replan["original"], false);
    move_to("2026-09-15").await;

    let q = "query($id: ID!, $b: ID!) { node(id: $id) { ... on Milestone { slipDays originalVariance { varianceDays baselineDate projectedDate } latestVariance { varianceDays baselineDate baselinePlannedDate baselineForecastDate baseline { name } } variance(baselineId: $b) { varianceDays } variances { baseline { name } } } } }";
    let data = app.ok(q, json!({ "id": m, "b": original["id"] })).await["node"].clone();
    // A re-baseline does not hide slip: 75 days against the original, 14 against the re-plan.
    assert_eq!(data["slipDays"], 75);
    assert_eq!(data["originalVariance"]["varianceDays"], 75);
    assert_eq!(data["originalVariance"]["baselineDate"], "2026-07-02");
    assert_eq!(data["latestVariance"]["varianceDays"], 75 - 61);
    assert_eq!(data["latestVariance"]["baseline"]["name"], "Herplanning");
    assert_eq!(data["latestVariance"]["baselineForecastDate"], "2026-09-01");
    assert_eq!(data["latestVariance"]["baselineDate"], "2026-09-01");
    assert_eq!(data["latestVariance"]["baselinePlannedDate"], "2026-07-02");
    assert_eq!(data["variance"]["varianceDays"], 75);
    assert_eq!(data["variances"].as_array().map(Vec::len), Some(2));

    // Listed oldest first; a milestone created after a baseline has no variance against it.
    let list = app.ok("{ baselines { name original } }", json!({})).await;
    assert_eq!(
        list["baselines"][0]["name"],
        "Planning zoals gemeld aan de Kamer"
    );
    assert_eq!(list["baselines"][1]["original"], false);
    let later = milestone(&app, &p, "Later", None, "2026-10-01").await;
    let data = app.ok(q, json!({ "id": later, "b": original["id"] })).await["node"].clone();
    assert!(data["originalVariance"].is_null());
    assert_eq!(data["variances"].as_array().map(Vec::len), Some(0));
    // The baseline's rows never change: there is no mutation to change them, and taking a new
    // baseline leaves the old ones' dates as they were.
    let data = app.ok(q, json!({ "id": m, "b": original["id"] })).await["node"].clone();
    assert_eq!(data["originalVariance"]["baselineDate"], "2026-07-02");
}
