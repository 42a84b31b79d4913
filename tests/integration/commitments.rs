//! Commitments to the Kamer: deadlines as dates or recesses, letters that fulfil or postpone
//! them, and when a postponement letter is needed.

use crate::support::{TestApp, changes, code, milestone, programme, recess, version};
use serde_json::{Value, json};

const RISK: &str = "query($id: ID!) { node(id: $id) { ... on Commitment { version status deadlineDate deadlineText needsPostponementLetter risk { state daysLate projectedDate causedBy { title } } letters { kind sentOn reason previousDeadlineDate newDeadlineDate } } } }";

const LETTER: &str = "mutation($input: RecordCommitmentLetterInput!) { recordCommitmentLetter(input: $input) { status commitment { deadlineDate deadlineText status } letter { kind previousDeadlineDate previousDeadlineText newDeadlineDate } } }";

async fn summer_2026(app: &TestApp) {
    recess(
        app,
        "SUMMER",
        2026,
        "Zomerreces 2026",
        "2026-07-03",
        "2026-08-31",
    )
    .await;
    recess(
        app,
        "CHRISTMAS",
        2026,
        "Kerstreces 2026",
        "2026-12-18",
        "2027-01-11",
    )
    .await;
}

async fn commitment(app: &TestApp, p: &str, milestone: &str) -> String {
    let id = app
        .ok(
            "mutation($p: ID!) { createCommitment(input: { programmeId: $p, number: \"TZ202504-057\", text: \"De Kamer wordt voor het zomerreces 2026 geïnformeerd\", madeBy: \"minister van BZK\", madeOn: \"2025-04-16\", deadlineText: \"voor het zomerreces 2026\" }) { commitment { id deadlineDate } } }",
            json!({ "p": p }),
        )
        .await["createCommitment"]["commitment"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    app.ok(
        "mutation($c: ID!, $m: ID!) { linkCommitmentMilestone(input: { commitmentId: $c, milestoneId: $m }) { changed } }",
        json!({ "c": id, "m": milestone }),
    )
    .await;
    id
}

async fn risk(app: &TestApp, id: &str) -> Value {
    app.ok(RISK, json!({ "id": id })).await["node"].clone()
}

async fn forecast(app: &TestApp, id: &str, date: &str) {
    let v = version(app, id).await;
    app.ok(
        "mutation($id: ID!, $v: Int!, $d: Date) { updateMilestone(input: { id: $id, version: $v, forecastDate: $d }) { status } }",
        json!({ "id": id, "v": v, "d": date }),
    )
    .await;
}

#[tokio::test]
async fn a_recess_deadline_resolves_and_a_late_milestone_needs_a_postponement_letter() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    // Without the recess in the calendar the deadline cannot resolve: the error names it.
    let error = app
        .err(
            "mutation($p: ID!) { createCommitment(input: { programmeId: $p, number: \"TZ-1\", text: \"T\", madeBy: \"BZK\", madeOn: \"2025-04-16\", deadlineText: \"voor het zomerreces 2026\" }) { commitment { id } } }",
            json!({ "p": p }),
        )
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.deadlineText");
    let error = app
        .err(
            "mutation($p: ID!) { createCommitment(input: { programmeId: $p, number: \"TZ-1\", text: \"T\", madeBy: \"BZK\", madeOn: \"2025-04-16\" }) { commitment { id } } }",
            json!({ "p": p }),
        )
        .await;
    assert_eq!(error["extensions"]["field"], "input.deadlineDate");

    summer_2026(&app).await;
    let letter = milestone(&app, &p, "Kamerbrief", Some("RIJK"), "2026-06-20").await;
    let c = commitment(&app, &p, &letter).await;
    let r = risk(&app, &c).await;
    assert_eq!(
        r["deadlineDate"], "2026-07-02",
        "the last sitting day before the recess"
    );
    assert_eq!(r["risk"]["state"], "AT_RISK");
    assert_eq!(r["needsPostponementLetter"], false);

    // On the deadline itself: in time, no slack.
    forecast(&app, &letter, "2026-07-02").await;
    let r = risk(&app, &c).await;
    assert_eq!(r["risk"]["daysLate"], 0);
    assert_eq!(r["needsPostponementLetter"], false);
    // Inside the recess: too late.
    forecast(&app, &letter, "2026-07-03").await;
    let r = risk(&app, &c).await;
    assert_eq!(r["needsPostponementLetter"], true);
    assert_eq!(r["risk"]["state"], "NEEDS_POSTPONEMENT_LETTER");
    assert_eq!(r["risk"]["daysLate"], 1);
    assert_eq!(r["risk"]["causedBy"]["title"], "Kamerbrief");
    let at_risk = app
        .ok(
            "{ commitmentsAtRisk { daysLate commitment { number } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        at_risk["commitmentsAtRisk"][0]["commitment"]["number"],
        "TZ202504-057"
    );

    // A postponement letter moves the deadline to before the Christmas recess and keeps the
    // earlier one, on the letter and in the history.
    let before = app.count("change_record").await;
    let invalid = app
        .err(
            LETTER,
            json!({ "input": { "commitmentId": c, "version": r["version"], "kind": "POSTPONEMENT", "sentOn": "2026-05-29", "newDeadlineText": "voor het kerstreces 2026" } }),
        )
        .await;
    assert_eq!(code(&invalid), "BAD_USER_INPUT");
    assert_eq!(invalid["extensions"]["field"], "input.reason");
    assert_eq!(app.count("change_record").await, before, "nothing written");
    let postponed = app
        .ok(
            LETTER,
            json!({ "input": { "commitmentId": c, "version": r["version"], "kind": "POSTPONEMENT", "sentOn": "2026-05-29", "reason": "Bestuurlijk overleg later", "newDeadlineText": "voor het kerstreces 2026" } }),
        )
        .await["recordCommitmentLetter"]
        .clone();
    assert_eq!(postponed["status"], "OK");
    assert_eq!(postponed["commitment"]["deadlineDate"], "2026-12-17");
    assert_eq!(
        postponed["commitment"]["deadlineText"],
        "voor het kerstreces 2026"
    );
    assert_eq!(postponed["letter"]["previousDeadlineDate"], "2026-07-02");
    assert_eq!(
        postponed["letter"]["previousDeadlineText"],
        "voor het zomerreces 2026"
    );
    let r = risk(&app, &c).await;
    assert_eq!(r["needsPostponementLetter"], false);
    assert_eq!(r["letters"].as_array().map(Vec::len), Some(1));
    assert!(changes(&app, &c).await.iter().any(|r| {
        r["field"] == "deadline_date"
            && r["oldValue"] == "2026-07-02"
            && r["newValue"] == "2026-12-17"
    }));
    // The letter's reason explains the moved deadline in the history.
    let explained = app
        .ok(
            "query($id: ID!) { changeRecords(entityId: $id, first: 100) { edges { node { field changeReason } } } }",
            json!({ "id": c }),
        )
        .await;
    assert!(
        explained["changeRecords"]["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .any(|e| e["node"]["field"] == "deadline_date"
                && e["node"]["changeReason"] == "Bestuurlijk overleg later"),
        "{explained}"
    );

    // A stale version records nothing; a fulfilment closes the commitment for good.
    let stale = app
        .ok(
            LETTER,
            json!({ "input": { "commitmentId": c, "version": 1, "kind": "FULFILMENT", "sentOn": "2026-05-30" } }),
        )
        .await;
    assert_eq!(stale["recordCommitmentLetter"]["status"], "CONFLICT");
    assert!(stale["recordCommitmentLetter"]["letter"].is_null());
    let v = risk(&app, &c).await["version"].clone();
    app.ok(
        LETTER,
        json!({ "input": { "commitmentId": c, "version": v, "kind": "FULFILMENT", "sentOn": "2026-05-30" } }),
    )
    .await;
    let r = risk(&app, &c).await;
    assert_eq!(r["status"], "FULFILLED");
    assert_eq!(r["risk"]["state"], "FULFILLED");
    forecast(&app, &letter, "2027-03-01").await;
    assert_eq!(risk(&app, &c).await["needsPostponementLetter"], false);
    let again = app
        .err(
            LETTER,
            json!({ "input": { "commitmentId": c, "version": r["version"], "kind": "FULFILMENT", "sentOn": "2026-05-31" } }),
        )
        .await;
    assert_eq!(code(&again), "BAD_USER_INPUT");
}
