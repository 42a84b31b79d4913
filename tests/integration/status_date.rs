//! The plan as of a status date: overdue milestones, missed commitments, health that tells the
//! truth, the Dutch day boundary, and what may not be dated after "today". Hand-computed: the
//! clock stands on 30 November 2026 unless a test moves it.

use crate::support::{TestApp, code, milestone, programme, report_markdown, version};
use axum::body::Body;
use axum::http::Request;
use serde_json::{Value, json};

const MILESTONE: &str = "query($id: ID!) { node(id: $id) { ... on Milestone { statusDate overdue overdueDays projectedDate slipDays health reden: healthReason reason: healthReason(language: EN) computedHealth { health reasons { code days date milestone { title } } } } } }";

async fn node(app: &TestApp, id: &str) -> Value {
    app.ok(MILESTONE, json!({ "id": id })).await["node"].clone()
}

async fn depend(app: &TestApp, predecessor: &str, successor: &str, lag: i64) {
    app.ok(
        "mutation($p: ID!, $s: ID!, $l: Int!) { addMilestoneDependency(input: { predecessorId: $p, successorId: $s, lagDays: $l }) { dependency { lagDays } } }",
        json!({ "p": predecessor, "s": successor, "l": lag }),
    )
    .await;
}

/// The fixture, made on 1 June 2026: an overdue provincial report and its successor, an
/// overdue letter linked to a commitment due 2 July 2026, and one in the future.
struct Plan {
    report: String,
    successor: String,
    letter: String,
    commitment: String,
}

async fn plan(app: &TestApp) -> Plan {
    let p = programme(app).await;
    let report = milestone(
        app,
        &p,
        "Provinciale rapportage",
        Some("PROVINCIE"),
        "2026-10-30",
    )
    .await;
    let successor = milestone(app, &p, "Vervolg", Some("PROVINCIE"), "2026-12-05").await;
    let letter = milestone(app, &p, "Kamerbrief", Some("RIJK"), "2026-06-20").await;
    // A joint milestone in the future: never overdue here.
    milestone(app, &p, "Monitor 2027", None, "2027-03-01").await;
    depend(app, &report, &successor, 10).await;
    let commitment = app
        .ok(
            "mutation($p: ID!) { createCommitment(input: { programmeId: $p, number: \"TZ202504-057\", text: \"De Kamer wordt voor het zomerreces 2026 geïnformeerd\", madeBy: \"minister van BZK\", madeOn: \"2025-04-16\", deadlineDate: \"2026-07-02\" }) { commitment { id } } }",
            json!({ "p": p }),
        )
        .await["createCommitment"]["commitment"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    app.ok(
        "mutation($c: ID!, $m: ID!) { linkCommitmentMilestone(input: { commitmentId: $c, milestoneId: $m }) { changed } }",
        json!({ "c": commitment, "m": letter }),
    )
    .await;
    Plan {
        report,
        successor,
        letter,
        commitment,
    }
}

#[tokio::test]
async fn overdue_milestones_move_their_successors_and_are_off_track() {
    let app = TestApp::new().await;
    let plan = plan(&app).await;
    app.on_day("2026-11-30");

    let report = node(&app, &plan.report).await;
    assert_eq!(report["statusDate"], "2026-11-30");
    assert_eq!(report["overdue"], true);
    assert_eq!(report["overdueDays"], 31);
    assert_eq!(report["projectedDate"], "2026-11-30", "not in the past");
    assert_eq!(report["slipDays"], 31);
    assert_eq!(report["health"], "OFF_TRACK");
    assert_eq!(report["computedHealth"]["reasons"][0]["code"], "OVERDUE");
    assert_eq!(report["computedHealth"]["reasons"][0]["days"], 31);
    assert_eq!(report["computedHealth"]["reasons"][0]["date"], "2026-10-30");
    assert_eq!(
        report["reden"],
        "gepland 30 oktober 2026, niet gereed: 31 dagen over tijd"
    );
    assert_eq!(
        report["reason"],
        "planned 30 October 2026, not done: 31 days overdue"
    );

    // The successor moves with it: 30 November + 10 days, and its predecessor is off track.
    let successor = node(&app, &plan.successor).await;
    assert_eq!(successor["overdue"], false);
    assert!(successor["overdueDays"].is_null());
    assert_eq!(successor["projectedDate"], "2026-12-10");
    assert_eq!(successor["health"], "AT_RISK");
    assert_eq!(
        successor["reden"],
        "voorgaande mijlpaal „Provinciale rapportage” ligt achter op schema"
    );

    // The same day a month earlier, nothing of this was overdue.
    app.on_day("2026-10-30");
    let report = node(&app, &plan.report).await;
    assert_eq!(report["overdue"], false);
    assert_eq!(report["projectedDate"], "2026-10-30");
    assert_eq!(
        node(&app, &plan.successor).await["projectedDate"],
        "2026-12-05"
    );

    // The filter, live and as of a moment (the status date of the moment's Dutch day).
    app.on_day("2026-11-30");
    let titles = |data: &Value| -> Vec<String> {
        data["milestones"]["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .filter_map(|e| e["node"]["title"].as_str().map(str::to_owned))
            .collect()
    };
    let q = "query($o: Boolean!, $at: DateTime) { milestones(filter: { overdue: $o }, asOf: $at) { totalCount edges { node { title overdue } } } }";
    let overdue = app.ok(q, json!({ "o": true })).await;
    assert_eq!(
        titles(&overdue),
        vec!["Kamerbrief", "Provinciale rapportage"]
    );
    let not = app.ok(q, json!({ "o": false })).await;
    assert_eq!(titles(&not), vec!["Vervolg", "Monitor 2027"]);
    let then = app
        .ok(q, json!({ "o": true, "at": "2026-06-25T10:00:00Z" }))
        .await;
    assert_eq!(titles(&then), vec!["Kamerbrief"]);
}

#[tokio::test]
async fn a_passed_deadline_is_missed_and_listed_first() {
    let app = TestApp::new().await;
    let plan = plan(&app).await;
    app.on_day("2026-11-30");
    let q = "query($at: DateTime) { statusDate(asOf: $at) commitmentsAtRisk(asOf: $at) { state statusDate daysLate needsPostponementLetter deadline projectedDate causedBy { title } rootCause { title } commitment { number } } }";
    let now = app.ok(q, json!({})).await;
    assert_eq!(now["statusDate"], "2026-11-30");
    let risk = &now["commitmentsAtRisk"][0];
    assert_eq!(risk["state"], "MISSED");
    assert_eq!(risk["statusDate"], "2026-11-30");
    assert_eq!(risk["daysLate"], 151, "2 July to 30 November");
    assert_eq!(risk["needsPostponementLetter"], true);
    assert_eq!(risk["projectedDate"], "2026-11-30");
    assert_eq!(risk["causedBy"]["title"], "Kamerbrief");
    assert_eq!(risk["rootCause"]["title"], "Kamerbrief", "overdue itself");
    // As of 15 June 2026 (status date 15 June) it was at risk: 12 days of slack.
    let then = app.ok(q, json!({ "at": "2026-06-15T10:00:00Z" })).await;
    assert_eq!(then["statusDate"], "2026-06-15");
    assert_eq!(then["commitmentsAtRisk"][0]["state"], "AT_RISK");
    assert_eq!(then["commitmentsAtRisk"][0]["statusDate"], "2026-06-15");
    assert_eq!(then["commitmentsAtRisk"][0]["daysLate"], -12);
    // The commitment itself says the same.
    let own = app
        .ok(
            "query($id: ID!) { node(id: $id) { ... on Commitment { needsPostponementLetter risk { state daysLate } } } }",
            json!({ "id": plan.commitment }),
        )
        .await;
    assert_eq!(own["node"]["risk"]["state"], "MISSED");
    assert_eq!(own["node"]["needsPostponementLetter"], true);
    // A postponement letter with a new deadline reopens it.
    let v = version(&app, &plan.commitment).await;
    app.ok(
        "mutation($c: ID!, $v: Int!) { recordCommitmentLetter(input: { commitmentId: $c, version: $v, kind: POSTPONEMENT, sentOn: \"2026-11-30\", reason: \"Later\", newDeadlineDate: \"2027-02-01\" }) { status } }",
        json!({ "c": plan.commitment, "v": v }),
    )
    .await;
    // Its overdue letter is projected today, 63 days before the new deadline: on track.
    let after = app.ok(q, json!({})).await;
    assert_eq!(after["commitmentsAtRisk"], json!([]));
    let own = app
        .ok(
            "query($id: ID!) { node(id: $id) { ... on Commitment { risk { state daysLate } } } }",
            json!({ "id": plan.commitment }),
        )
        .await;
    assert_eq!(own["node"]["risk"]["state"], "ON_TRACK");
    assert_eq!(own["node"]["risk"]["daysLate"], -63);
}

#[tokio::test]
async fn what_has_not_happened_cannot_be_dated_after_the_status_date() {
    let app = TestApp::new().await;
    let plan = plan(&app).await;
    app.on_day("2026-11-30");
    let before = app.count("change_record").await;
    let v = version(&app, &plan.letter).await;
    let update = "mutation($id: ID!, $v: Int!, $d: Date!) { updateMilestone(input: { id: $id, version: $v, status: DONE, actualDate: $d }) { status milestone { actualDate } } }";
    let error = app
        .err(
            update,
            json!({ "id": plan.letter, "v": v, "d": "2026-12-01" }),
        )
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.actualDate");
    assert_eq!(app.count("change_record").await, before, "nothing written");
    // Today is allowed.
    let done = app
        .ok(
            update,
            json!({ "id": plan.letter, "v": v, "d": "2026-11-30" }),
        )
        .await;
    assert_eq!(
        done["updateMilestone"]["milestone"]["actualDate"],
        "2026-11-30"
    );

    // The same on a create, and for a commitment made in the future.
    let p = app
        .ok("{ programmes { edges { node { id } } } }", json!({}))
        .await["programmes"]["edges"][0]["node"]["id"]
        .clone();
    let error = app
        .err(
            "mutation($p: ID!) { createMilestone(input: { programmeId: $p, title: \"Al klaar?\", kind: DELIVERY, plannedDate: \"2026-11-01\", status: DONE, actualDate: \"2026-12-24\" }) { milestone { id } } }",
            json!({ "p": p }),
        )
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
    assert_eq!(error["extensions"]["field"], "input.actualDate");
    let error = app
        .err(
            "mutation($p: ID!) { createCommitment(input: { programmeId: $p, number: \"TZ-toekomst\", text: \"Later\", madeBy: \"BZK\", madeOn: \"2026-12-01\", deadlineDate: \"2027-06-01\" }) { commitment { id } } }",
            json!({ "p": p }),
        )
        .await;
    assert_eq!(error["extensions"]["field"], "input.madeOn", "{error}");
    // A date already stored is left alone: with the clock turned back a day, other fields of
    // the milestone done today can still change.
    app.on_day("2026-11-29");
    let v = version(&app, &plan.letter).await;
    app.ok(
        "mutation($id: ID!, $v: Int!) { updateMilestone(input: { id: $id, version: $v, title: \"Kamerbrief (verzonden)\" }) { status } }",
        json!({ "id": plan.letter, "v": v }),
    )
    .await;
    app.on_day("2026-11-30");

    // A postponement letter promises a deadline after the day it is sent.
    let v = version(&app, &plan.commitment).await;
    let error = app
        .err(
            "mutation($c: ID!, $v: Int!) { recordCommitmentLetter(input: { commitmentId: $c, version: $v, kind: POSTPONEMENT, sentOn: \"2026-11-30\", reason: \"Later\", newDeadlineDate: \"2026-10-01\" }) { status } }",
            json!({ "c": plan.commitment, "v": v }),
        )
        .await;
    assert_eq!(
        error["extensions"]["field"], "input.newDeadlineDate",
        "{error}"
    );

    // A report of a day that has not begun is refused.
    let error = app
        .err(
            "mutation { generateProgressReport(input: { asOf: \"2026-12-01\", title: \"Te vroeg\" }) { report { id } } }",
            json!({}),
        )
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.asOf");
    // Today's report: the commitment's work is done (late), the letter to the Kamer is missing.
    let markdown = report_markdown(&app, "2026-11-30").await;
    assert!(
        markdown.contains("De termijn is verstreken; de toezegging is 151 dagen over tijd. „Kamerbrief (verzonden)” is gereed sinds 30 november 2026, maar er is geen brief aan de Kamer vastgelegd."),
        "{markdown}"
    );
    let risk = app
        .ok(
            "query($id: ID!) { node(id: $id) { ... on Commitment { needsPostponementLetter risk { state workDone } } } }",
            json!({ "id": plan.commitment }),
        )
        .await;
    assert_eq!(risk["node"]["risk"]["state"], "MISSED");
    assert_eq!(risk["node"]["risk"]["workDone"], true);
    assert_eq!(risk["node"]["needsPostponementLetter"], false);
    // The Kern says what went wrong, without a contradiction about postponement letters.
    assert!(
        markdown.contains("De termijn van de openstaande toezegging TZ202504-057 is verstreken zonder dat die is nagekomen. Het werk daarvoor is gereed; de brief aan de Kamer ontbreekt nog."),
        "{markdown}"
    );
    assert!(!markdown.contains("uitstelbrief."), "{markdown}");

    // On an instance whose fixed status date is ahead of the clock, what happened is still
    // bounded by today.
    let config = koers::config::ApiConfig {
        status_date: chrono::NaiveDate::from_ymd_opt(2027, 1, 15),
        ..Default::default()
    };
    let ahead = TestApp::with_config(config).await;
    let later = self::plan(&ahead).await;
    ahead.on_day("2026-11-30");
    let v = version(&ahead, &later.letter).await;
    let error = ahead
        .err(
            update,
            json!({ "id": later.letter, "v": v, "d": "2027-01-10" }),
        )
        .await;
    assert_eq!(error["extensions"]["field"], "input.actualDate", "{error}");
}

#[tokio::test]
async fn reasons_speak_the_language_the_client_asks_for() {
    let app = TestApp::new().await;
    let plan = plan(&app).await;
    app.on_day("2026-11-30");
    let ask = |language: &'static str| {
        let body = json!({ "query": "query($id: ID!) { node(id: $id) { ... on Milestone { healthReason computedHealth { reasons { message } } } } }", "variables": { "id": plan.report } });
        Request::post("/graphql")
            .header("content-type", "application/json")
            .header("accept-language", language)
            .body(Body::from(body.to_string()))
            .expect("request")
    };
    let (_, english) = app.request(ask("en-GB,en;q=0.9")).await;
    assert_eq!(
        english["data"]["node"]["healthReason"],
        "planned 30 October 2026, not done: 31 days overdue"
    );
    let (_, dutch) = app.request(ask("nl-NL,en;q=0.5")).await;
    assert_eq!(
        dutch["data"]["node"]["computedHealth"]["reasons"][0]["message"],
        "gepland 30 oktober 2026, niet gereed: 31 dagen over tijd"
    );
    let (_, other) = app.request(ask("de")).await;
    assert_eq!(
        other["data"]["node"]["healthReason"],
        "gepland 30 oktober 2026, niet gereed: 31 dagen over tijd"
    );
}

#[tokio::test]
async fn a_fixed_status_date_ignores_the_clock() {
    let config = koers::config::ApiConfig {
        status_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 30),
        ..Default::default()
    };
    let app = TestApp::with_config(config).await;
    let plan = plan(&app).await;
    // The clock says 1 June; the instance says 30 November.
    let report = node(&app, &plan.report).await;
    assert_eq!(report["statusDate"], "2026-11-30");
    assert_eq!(report["overdueDays"], 31);
    // An as-of view keeps the day of its moment.
    let then = app
        .ok("{ statusDate(asOf: \"2026-06-01T09:00:00Z\") }", json!({}))
        .await;
    assert_eq!(then["statusDate"], "2026-06-01");
}

/// A change at 01:30 Dutch time on 16 June (23:30 UTC on 15 June) is not in the view or the
/// report of 15 June; the same in winter, when the Dutch day ends at 23:00 UTC.
#[tokio::test]
async fn the_peildatum_ends_at_24_00_in_the_netherlands() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let m = milestone(&app, &p, "Oude titel", None, "2027-01-01").await;
    for (day, next_day, inside_utc, late_utc, before_utc) in [
        // Summer time (UTC+2): 23:30 Dutch time is 21:30 UTC; 01:30 the next day is 23:30 UTC.
        (
            "2026-06-15",
            "2026-06-16",
            "2026-06-15T21:30:00Z",
            "2026-06-15T23:30:00Z",
            "2026-06-15T21:59:00Z",
        ),
        // Winter time (UTC+1): 23:30 Dutch time is 22:30 UTC; 00:30 the next day is 23:30 UTC.
        (
            "2026-12-15",
            "2026-12-16",
            "2026-12-15T22:30:00Z",
            "2026-12-15T23:30:00Z",
            "2026-12-15T22:59:00Z",
        ),
    ] {
        // A change late in the Dutch evening is in that day's report.
        let inside: chrono::DateTime<chrono::Utc> = inside_utc.parse().expect("moment");
        app.clock.set(inside);
        let evening = format!("Avondtitel {day}");
        let v = version(&app, &m).await;
        app.ok(
            "mutation($id: ID!, $v: Int!, $t: String!) { updateMilestone(input: { id: $id, version: $v, title: $t }) { status } }",
            json!({ "id": m, "v": v, "t": evening }),
        )
        .await;
        assert_eq!(app.ok("{ statusDate }", json!({})).await["statusDate"], day);
        let moment: chrono::DateTime<chrono::Utc> = late_utc.parse().expect("moment");
        app.clock.set(moment);
        let title = format!("Titel van na {day}");
        let v = version(&app, &m).await;
        app.ok(
            "mutation($id: ID!, $v: Int!, $t: String!) { updateMilestone(input: { id: $id, version: $v, title: $t }) { status } }",
            json!({ "id": m, "v": v, "t": title }),
        )
        .await;
        // The status date at that moment is already the next day.
        let next = app.ok("{ statusDate }", json!({})).await;
        assert_eq!(next["statusDate"], next_day);
        let q = "query($at: DateTime!) { statusDate(asOf: $at) milestones(asOf: $at) { edges { node { title } } } }";
        let before = app.ok(q, json!({ "at": before_utc })).await;
        assert_eq!(before["statusDate"], day);
        assert_ne!(
            before["milestones"]["edges"][0]["node"]["title"],
            title.as_str()
        );
        let after = app.ok(q, json!({ "at": late_utc })).await;
        assert_eq!(
            after["milestones"]["edges"][0]["node"]["title"],
            title.as_str()
        );
        // The report of that day does not have it.
        let markdown = report_markdown(&app, day).await;
        assert!(!markdown.contains(&title), "{day}: {markdown}");
        assert!(markdown.contains(&evening), "{day}: {markdown}");
    }
}

/// A commitment with nothing linked and its deadline near is at risk, and the report says so
/// in a whole sentence.
#[tokio::test]
async fn a_commitment_with_nothing_linked_near_its_deadline_is_at_risk() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    app.on_day("2026-11-30");
    let c = app
        .ok(
            "mutation($p: ID!) { createCommitment(input: { programmeId: $p, number: \"TZ-leeg\", text: \"Brief over de monitor\", madeBy: \"BZK\", madeOn: \"2026-01-10\", deadlineDate: \"2026-12-10\" }) { commitment { id } } }",
            json!({ "p": p }),
        )
        .await["createCommitment"]["commitment"]["id"]
        .clone();
    let listed = app
        .ok(
            "{ commitmentsAtRisk { state daysLate commitment { id } } }",
            json!({}),
        )
        .await;
    assert_eq!(listed["commitmentsAtRisk"][0]["state"], "AT_RISK");
    assert_eq!(listed["commitmentsAtRisk"][0]["commitment"]["id"], c);
    assert!(listed["commitmentsAtRisk"][0]["daysLate"].is_null());
    let markdown = report_markdown(&app, "2026-11-30").await;
    assert!(
        markdown
            .contains("De termijn valt over 10 dagen en er is nog geen mijlpaal aan de toezegging gekoppeld; dat is een risico."),
        "{markdown}"
    );
}

/// On an instance with a fixed status date in the past (the demo's), a change made there is
/// made "today": the report of that day has it, and a later peildatum is refused.
#[tokio::test]
async fn a_fixed_status_date_reports_the_changes_made_on_the_instance() {
    let config = koers::config::ApiConfig {
        status_date: chrono::NaiveDate::from_ymd_opt(2026, 6, 15),
        ..Default::default()
    };
    let app = TestApp::with_config(config).await;
    app.load_demo().await;
    app.on_day("2026-11-30");
    let q = app
        .ok("{ milestones(first: 100, filter: { search: \"Bestuurlijk overleg\" }) { edges { node { id version } } } }", json!({}))
        .await;
    let overleg = &q["milestones"]["edges"][0]["node"];
    app.ok(
        "mutation($id: ID!, $v: Int!) { updateMilestone(input: { id: $id, version: $v, forecastDate: \"2026-07-08\", changeReason: \"Minister niet eerder beschikbaar\" }) { status } }",
        json!({ "id": overleg["id"], "v": overleg["version"] }),
    )
    .await;
    let markdown = report_markdown(&app, "2026-06-15").await;
    assert!(
        markdown.contains("Deze rapportage geeft invulling aan de toezegging. Volgens de planning gaat zij pas op 15 juli 2026 naar de Kamer, 13 dagen na de termijn; daarvoor is een uitstelbrief nodig.")
            && markdown.contains("Volgens de planning gaat deze rapportage pas op 15 juli 2026 naar de Kamer, 13 dagen na de termijn van toezegging TZ202504-057; daarvoor is een uitstelbrief nodig.")
            && markdown.contains("Status: **achter op schema**."),
        "{markdown}"
    );
    let later = app
        .err(
            "mutation { generateProgressReport(input: { asOf: \"2026-06-16\", title: \"Dag\" }) { report { id } } }",
            json!({}),
        )
        .await;
    assert_eq!(later["extensions"]["field"], "input.asOf", "{later}");
    // A report of an earlier day reads the history as it was then: the demo as loaded.
    let markdown = report_markdown(&app, "2026-06-14").await;
    assert!(!markdown.contains("15 juli 2026"), "{markdown}");
}

/// On an instance with a fixed status date, a report is dated by it, as its fulfilment letter
/// is: the draft on the day it was generated, the published report on the day it was published,
/// not on the clock's day.
#[tokio::test]
async fn a_report_is_dated_by_the_status_date_as_its_letters_are() {
    let config = koers::config::ApiConfig {
        status_date: chrono::NaiveDate::from_ymd_opt(2026, 6, 15),
        ..Default::default()
    };
    let app = TestApp::with_config(config).await;
    app.load_demo().await;
    app.on_day("2026-11-30");
    let draft = app
        .ok(
            "mutation { generateProgressReport(input: { asOf: \"2026-06-15\", title: \"Rapportage\" }) { report { id version markdown } } }",
            json!({}),
        )
        .await["generateProgressReport"]["report"]
        .clone();
    let markdown = draft["markdown"].as_str().expect("markdown");
    assert!(
        markdown.contains("· Versie 1 · Concept · 15 juni 2026"),
        "{markdown}"
    );
    let v = app.approve(&draft["id"], &draft["version"]).await;
    let published = app
        .ok(
            "mutation($id: ID!, $v: Int!) { publishProgressReport(input: { id: $id, version: $v }) { report { markdown date } } }",
            json!({ "id": draft["id"], "v": v }),
        )
        .await["publishProgressReport"]["report"]
        .clone();
    assert_eq!(
        published["date"], "2026-06-15",
        "the API gives the report's date"
    );
    let published = published["markdown"].as_str().expect("markdown").to_owned();
    assert!(
        published.contains("· Versie 1 · Definitief · 15 juni 2026"),
        "{published}"
    );
    let letters = app
        .ok(
            "{ commitments(first: 50) { nodes { number letters { kind sentOn } } } }",
            json!({}),
        )
        .await;
    let answered = letters["commitments"]["nodes"]
        .as_array()
        .expect("commitments")
        .iter()
        .find(|c| c["number"] == "TZ202504-057")
        .expect("the summer-recess commitment");
    assert_eq!(
        answered["letters"][0],
        json!({ "kind": "FULFILMENT", "sentOn": "2026-06-15" }),
        "{letters}"
    );
}
