//! The risk register: risks with likelihood, impact, mitigation and owner, about a milestone
//! or a commitment; through the API like every plan object, in the history and the as-of
//! views, and in the progress report.

use crate::support::{TestApp, code};
use koers::clock::Clock;
use serde_json::json;

const CREATE: &str = "mutation($i: CreateRiskInput!) { createRisk(input: $i) { risk { id version title likelihood impact score mitigation owner layer status milestone { title } commitment { number } } } }";

#[tokio::test]
async fn a_risk_is_recorded_changed_listed_and_reported() {
    let app = TestApp::with_demo().await;
    let ids = app
        .ok(
            "{ programmes { nodes { id } } milestones(first: 1, filter: { search: \"Meerjarenplan monitoring MVOI bestuurlijk\" }) { nodes { id title } } commitments { nodes { id number } } }",
            json!({}),
        )
        .await;
    let programme = ids["programmes"]["nodes"][0]["id"].clone();
    let milestone = ids["milestones"]["nodes"][0]["id"].clone();
    let commitment = ids["commitments"]["nodes"][0]["id"].clone();
    let created = app
        .ok(
            CREATE,
            json!({ "i": {
                "programmeId": programme, "title": "Vaststelling schuift naar 2027",
                "likelihood": "HIGH", "impact": "HIGH", "mitigation": "Besluit voorbereiden in het IPO-bestuur van oktober",
                "owner": "Directeur Inkoop BZK", "milestoneId": milestone, "commitmentId": commitment
            } }),
        )
        .await["createRisk"]["risk"]
        .clone();
    assert_eq!(created["score"], 9);
    assert_eq!(created["status"], "OPEN");
    assert!(created["layer"].is_null(), "joint");
    assert_eq!(
        created["milestone"]["title"],
        "Meerjarenplan monitoring MVOI bestuurlijk vastgesteld"
    );
    assert!(created["commitment"]["number"].is_string());
    // Listed with the demo's three, and through the milestone it threatens.
    let listed = app
        .ok(
            "query($m: ID!) { risks(first: 100) { totalCount } open: risks(filter: { status: [OPEN], layer: GEMEENTE }) { nodes { title } } node(id: $m) { ... on Milestone { risks { title } } } }",
            json!({ "m": milestone }),
        )
        .await;
    assert_eq!(listed["risks"]["totalCount"], 4);
    assert_eq!(
        listed["open"]["nodes"][0]["title"],
        "Te weinig gemeenten ronden de pilot productkaarten af"
    );
    assert_eq!(
        listed["node"]["risks"][0]["title"],
        "Vaststelling schuift naar 2027"
    );
    // In the report of today, with its mitigation and owner.
    let markdown = crate::support::report_markdown(&app, "2026-06-15").await;
    let number = created["commitment"]["number"].as_str().unwrap_or_default();
    assert!(
        markdown.contains(&format!("| Vaststelling schuift naar 2027 | Gezamenlijk | kans hoog, impact hoog | Raakt „Meerjarenplan monitoring MVOI bestuurlijk vastgesteld” en toezegging {number}. | Besluit voorbereiden in het IPO-bestuur van oktober. | Directeur Inkoop BZK |")),
        "{markdown}"
    );
    // Closed a day later, it leaves the report; the change is in the history, and the view of
    // the day before still has it open.
    let before = app.clock.now();
    app.on_day("2026-06-16");
    let closed = app
        .ok(
            "mutation($id: ID!, $v: Int!) { updateRisk(input: { id: $id, version: $v, status: CLOSED, changeReason: \"Besluit genomen\" }) { status risk { status version } } }",
            json!({ "id": created["id"], "v": created["version"] }),
        )
        .await["updateRisk"]
        .clone();
    assert_eq!(closed["status"], "OK");
    assert_eq!(closed["risk"]["status"], "CLOSED");
    let markdown = crate::support::report_markdown(&app, "2026-06-16").await;
    assert!(!markdown.contains("Vaststelling schuift naar 2027"));
    let then = app
        .ok(
            "query($t: DateTime) { risks(asOf: $t, filter: { status: [OPEN] }) { totalCount } now: risks(filter: { status: [OPEN] }) { totalCount } }",
            json!({ "t": before }),
        )
        .await;
    assert_eq!(then["risks"]["totalCount"], 4);
    assert_eq!(then["now"]["totalCount"], 3);
    let history = crate::support::changes(&app, created["id"].as_str().expect("id")).await;
    assert!(
        history
            .iter()
            .any(|c| c["field"] == "status" && c["newValue"] == "CLOSED"),
        "{history:?}"
    );
}

#[tokio::test]
async fn a_risk_is_checked_like_every_plan_object() {
    let app = TestApp::with_demo().await;
    let programme =
        app.ok("{ programmes { nodes { id } } }", json!({})).await["programmes"]["nodes"][0]["id"]
            .clone();
    let rijk = app
        .ok(
            "{ milestones(first: 1, filter: { layer: RIJK }) { nodes { id } } }",
            json!({}),
        )
        .await["milestones"]["nodes"][0]["id"]
        .clone();
    let bad = |input: serde_json::Value| {
        let mut i =
            json!({ "programmeId": programme, "title": "R", "likelihood": "LOW", "impact": "LOW" });
        if let (Some(map), serde_json::Value::Object(more)) = (i.as_object_mut(), input) {
            map.extend(more);
        }
        json!({ "i": i })
    };
    for (input, field) in [
        (json!({ "title": " " }), "input.title"),
        (json!({ "owner": "a\nb" }), "input.owner"),
        (
            json!({ "mitigation": "x".repeat(2_001) }),
            "input.mitigation",
        ),
        (
            json!({ "milestoneId": "TWlsZXN0b25lOjk5OTk5" }),
            "input.milestoneId",
        ),
        // A municipal risk to a Rijk milestone.
        (
            json!({ "layer": "GEMEENTE", "milestoneId": rijk }),
            "input.milestoneId",
        ),
    ] {
        let error = app.err(CREATE, bad(input)).await;
        assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
        assert_eq!(error["extensions"]["field"], field, "{error}");
    }
    let count = app.ok("{ risks { totalCount } }", json!({})).await;
    assert_eq!(count["risks"]["totalCount"], 3, "nothing was written");
}
