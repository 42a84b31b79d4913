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

/// A phrase about a time after or during a recess is not a deadline before it: "na het
/// zomerreces 2027" was read as the last sitting day before the recess, so a milestone planned
/// for September turned OFF_TRACK against a deadline nobody set. Such a phrase is refused
/// wherever a phrase is read, and a missing recess is named at the field sent (`phrase`).
#[tokio::test]
async fn a_phrase_after_or_during_a_recess_is_refused_not_read_as_before() {
    let app = TestApp::with_demo().await;
    for phrase in [
        "na het zomerreces 2026",
        "Na het zomerreces 2026",
        "tijdens het kerstreces 2026",
        "after the summer recess 2026",
    ] {
        let error = app.err(RESOLVE, json!({ "p": phrase })).await;
        assert_eq!(code(&error), "BAD_USER_INPUT", "{phrase}");
        assert_eq!(error["extensions"]["field"], "phrase", "{phrase}");
    }
    let missing = app
        .err(RESOLVE, json!({ "p": "voor het kerstreces 2031" }))
        .await;
    assert_eq!(missing["extensions"]["field"], "phrase", "{missing}");
    assert!(
        missing["message"]
            .as_str()
            .is_some_and(|m| m.contains("christmas 2031")),
        "{missing}"
    );
    let p = crate::support::programme(&app).await;
    let create = "mutation($p: ID!, $t: String) { createMilestone(input: { programmeId: $p, title: \"Na het reces\", kind: DELIVERY, plannedDate: \"2026-09-15\", status: PLANNED, deadlineText: $t }) { milestone { id deadlineDate } } }";
    let error = app
        .err(create, json!({ "p": p, "t": "na het zomerreces 2026" }))
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
    assert_eq!(
        error["extensions"]["field"], "input.deadlineText",
        "{error}"
    );
}

/// A phrase sent with an explicit null date is resolved (null is no date), as it is without a
/// date: it used to store the phrase with no date at all, so the milestone counted no deadline
/// and stayed ON_TRACK past it. A phrase that names no recess is refused there too.
#[tokio::test]
async fn a_new_phrase_with_a_null_date_is_resolved_or_refused() {
    let app = TestApp::with_demo().await;
    let p = crate::support::programme(&app).await;
    let m = milestone(&app, &p, "Met termijn", None, "2027-06-01").await;
    let update = "mutation($id: ID!, $v: Int!, $t: String) { updateMilestone(input: { id: $id, version: $v, deadlineText: $t, deadlineDate: null, changeReason: \"Kamerbrief\" }) { status milestone { version deadlineDate deadlineText } } }";
    let data = app
        .ok(
            update,
            json!({ "id": m, "v": 1, "t": "voor het zomerreces 2027" }),
        )
        .await;
    let stored = &data["updateMilestone"]["milestone"];
    assert_eq!(stored["deadlineText"], "voor het zomerreces 2027");
    assert_eq!(stored["deadlineDate"], "2027-07-01", "{data}");
    let error = app
        .err(update, json!({ "id": m, "v": 2, "t": "binnenkort" }))
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
    assert_eq!(
        error["extensions"]["field"], "input.deadlineText",
        "{error}"
    );
}

/// A date sent with a phrase must keep the phrase's promise: a date after the last sitting day
/// the phrase names is refused (the deadline would say one thing and count another), on create
/// and update, for milestones and commitments. An earlier own date stands, and a text that names
/// no recess ("uiterlijk 1 oktober 2025") is a description that is not checked.
#[tokio::test]
async fn a_date_after_the_day_its_phrase_promises_is_refused() {
    let app = TestApp::with_demo().await;
    let p = crate::support::programme(&app).await;
    let create = "mutation($p: ID!, $t: String, $d: Date) { createMilestone(input: { programmeId: $p, title: \"Termijn\", kind: DELIVERY, plannedDate: \"2027-06-01\", status: PLANNED, deadlineText: $t, deadlineDate: $d }) { milestone { id deadlineDate } } }";
    let later = app
        .err(
            create,
            json!({ "p": p, "t": "voor het zomerreces 2027", "d": "2027-12-01" }),
        )
        .await;
    assert_eq!(code(&later), "BAD_USER_INPUT", "{later}");
    assert_eq!(
        later["extensions"]["field"], "input.deadlineDate",
        "{later}"
    );
    let earlier = app
        .ok(
            create,
            json!({ "p": p, "t": "voor het zomerreces 2027", "d": "2027-06-15" }),
        )
        .await;
    assert_eq!(
        earlier["createMilestone"]["milestone"]["deadlineDate"],
        "2027-06-15"
    );
    let described = app
        .ok(
            create,
            json!({ "p": p, "t": "uiterlijk 1 december 2027", "d": "2027-12-01" }),
        )
        .await;
    assert_eq!(
        described["createMilestone"]["milestone"]["deadlineDate"],
        "2027-12-01"
    );
    let id = earlier["createMilestone"]["milestone"]["id"].clone();
    let update = "mutation($id: ID!, $t: String, $d: Date) { updateMilestone(input: { id: $id, version: 1, deadlineText: $t, deadlineDate: $d, changeReason: \"Kamerbrief\" }) { status } }";
    let error = app
        .err(
            update,
            json!({ "id": id, "t": "voor het kerstreces 2026", "d": "2027-01-15" }),
        )
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
    assert_eq!(
        error["extensions"]["field"], "input.deadlineDate",
        "{error}"
    );
    let commitment = "mutation($p: ID!) { createCommitment(input: { programmeId: $p, number: \"TZ-T1\", text: \"Toezegging\", madeBy: \"minister\", madeOn: \"2026-01-10\", deadlineText: \"voor het zomerreces 2027\", deadlineDate: \"2027-09-30\", status: OPEN }) { commitment { id } } }";
    let error = app.err(commitment, json!({ "p": p })).await;
    assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
    assert_eq!(
        error["extensions"]["field"], "input.deadlineDate",
        "{error}"
    );
}
