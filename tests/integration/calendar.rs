//! The parliamentary calendar: resolving "voor het ... reces" and dates inside a recess.

use crate::support::{TestApp, code, milestone};
use serde_json::json;

const RESOLVE: &str = "query($p: String, $r: RecessKind, $y: Int) { resolveParliamentaryDeadline(phrase: $p, recess: $r, year: $y) { date recessPeriod { name firstDay } } }";

#[tokio::test]
async fn deadlines_resolve_to_the_last_sitting_day_before_the_recess() {
    let app = TestApp::with_demo().await;
    let summer = app
        .ok(RESOLVE, json!({ "p": "voor het zomerreces 2026" }))
        .await;
    assert_eq!(summer["resolveParliamentaryDeadline"]["date"], "2026-07-02");
    assert_eq!(
        summer["resolveParliamentaryDeadline"]["recessPeriod"]["firstDay"],
        "2026-07-03"
    );
    let christmas = app
        .ok(RESOLVE, json!({ "r": "CHRISTMAS", "y": 2025 }))
        .await;
    assert_eq!(
        christmas["resolveParliamentaryDeadline"]["date"],
        "2025-12-18"
    );

    let missing_year = app.err(RESOLVE, json!({ "r": "SUMMER", "y": 2031 })).await;
    assert_eq!(code(&missing_year), "BAD_USER_INPUT");
    assert!(
        missing_year["message"]
            .as_str()
            .unwrap_or_default()
            .contains("2031"),
        "{missing_year}"
    );
    for phrase in ["voor de zomer 2026", "voor het zomerreces"] {
        let error = app.err(RESOLVE, json!({ "p": phrase })).await;
        assert_eq!(code(&error), "BAD_USER_INPUT", "{phrase}");
        assert_eq!(error["extensions"]["field"], "phrase");
    }
    let both = app
        .err(
            RESOLVE,
            json!({ "p": "voor het zomerreces 2026", "r": "SUMMER", "y": 2026 }),
        )
        .await;
    assert_eq!(code(&both), "BAD_USER_INPUT");
}

#[tokio::test]
async fn milestones_show_the_recess_their_date_falls_in() {
    let app = TestApp::with_demo().await;
    let p = app
        .ok("{ programmes { edges { node { id } } } }", json!({}))
        .await["programmes"]["edges"][0]["node"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let last_sitting_day =
        milestone(&app, &p, "Op de laatste vergaderdag", None, "2026-07-02").await;
    let first_recess_day = milestone(&app, &p, "Op de eerste recesdag", None, "2026-07-03").await;
    let last_recess_day = milestone(&app, &p, "Op de laatste recesdag", None, "2026-08-31").await;
    let q = "query($a: ID!, $b: ID!, $c: ID!) { a: milestone(id: $a) { recess { name } } b: milestone(id: $b) { recess { name } } c: milestone(id: $c) { recess { name } } }";
    let data = app
        .ok(
            q,
            json!({ "a": last_sitting_day, "b": first_recess_day, "c": last_recess_day }),
        )
        .await;
    assert!(data["a"]["recess"].is_null());
    assert_eq!(data["b"]["recess"]["name"], "Zomerreces 2026");
    assert_eq!(data["c"]["recess"]["name"], "Zomerreces 2026");
    // The forecast, when there is one, is the date that counts.
    app.ok("mutation($id: ID!) { updateMilestone(input: { id: $id, version: 1, forecastDate: \"2026-09-15\" }) { status } }", json!({ "id": first_recess_day })).await;
    let data = app
        .ok(
            q,
            json!({ "a": last_sitting_day, "b": first_recess_day, "c": last_recess_day }),
        )
        .await;
    assert!(data["b"]["recess"].is_null());
    // So is a date a predecessor pushes into the recess: the projected date counts.
    app.ok(
        "mutation($p: ID!, $s: ID!) { addMilestoneDependency(input: { predecessorId: $p, successorId: $s, lagDays: 7 }) { dependency { lagDays } } }",
        json!({ "p": first_recess_day, "s": last_sitting_day }),
    )
    .await;
    let data = app
        .ok(
            q,
            json!({ "a": last_sitting_day, "b": first_recess_day, "c": last_recess_day }),
        )
        .await;
    assert!(
        data["a"]["recess"].is_null(),
        "pushed to 2026-09-22, after the recess"
    );
    app.ok("mutation($id: ID!) { updateMilestone(input: { id: $id, version: 2, forecastDate: \"2026-07-20\" }) { status } }", json!({ "id": first_recess_day })).await;
    let data = app
        .ok(
            q,
            json!({ "a": last_sitting_day, "b": first_recess_day, "c": last_recess_day }),
        )
        .await;
    assert_eq!(
        data["a"]["recess"]["name"], "Zomerreces 2026",
        "pushed to 2026-07-27"
    );
}

#[tokio::test]
async fn recess_lookups_are_one_statement_for_a_page() {
    let app = TestApp::with_demo().await;
    let mut counts = Vec::new();
    for first in [5, 50] {
        let before = app.statements();
        app.ok(
            "query($n: Int!) { milestones(first: $n) { edges { node { title projectedDate } } } }",
            json!({ "n": first }),
        )
        .await;
        let plain = app.statements() - before;
        let before = app.statements();
        app.ok(
            "query($n: Int!) { milestones(first: $n) { edges { node { title projectedDate recess { name } } } } }",
            json!({ "n": first }),
        )
        .await;
        counts.push((plain, app.statements() - before));
    }
    // One statement for the calendar, whatever the page size.
    assert_eq!(counts[0], counts[1]);
    assert_eq!(counts[0].1, counts[0].0 + 1);
}
