//! The web app's as-of views (issue 17): any page as the plan stood at the end of an earlier
//! day, chosen with a date (`?peildatum=`), checked against the API's `asOf`; and `Mijn
//! overzicht`'s "Wat anderen veranderden" (changes by others to one's milestones and the ones
//! they wait for), with the API's `changeRecords(entityIds:, notBy:, actions:)` under it.

use crate::support::{TestApp, milestone, programme, version};
use crate::web::{browse_with, page, section};
use axum::http::StatusCode;
use serde_json::{Value, json};

const MOVE: &str =
    "mutation($i: UpdateMilestoneInput!) { updateMilestone(input: $i) { milestone { id } } }";

/// Move milestone `id` to `planned`, as the holder of `token`, with `reason`.
async fn move_as(app: &TestApp, token: &str, id: &str, planned: &str, reason: &str) {
    let v = version(app, id).await;
    let answer = app
        .gql_as(
            token,
            MOVE,
            json!({ "i": { "id": id, "version": v, "plannedDate": planned, "changeReason": reason } }),
        )
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
}

/// GET `path` as the holder of `token`.
async fn page_as(app: &TestApp, token: &str, path: &str) -> (StatusCode, String) {
    let (status, _, html) =
        browse_with(app, path, &[("authorization", format!("Bearer {token}"))]).await;
    (status, html)
}

/// A milestone's page, the timeline, the overview, the commitments and the KPIs as of a day
/// show what the API's `asOf` of the end of that day shows, with that day as the peildatum;
/// the live pages show the change made since; links keep the day; a day to come, a date koers
/// cannot read and a milestone that did not exist yet get Dutch answers.
#[tokio::test]
async fn every_page_shows_the_plan_as_it_stood_on_a_chosen_day() {
    let app = TestApp::with_demo().await;
    let first = app
        .ok(
            "{ milestones(filter: { layer: GEMEENTE, status: [PLANNED, IN_PROGRESS] }, first: 1) { nodes { id title plannedDate } } }",
            json!({}),
        )
        .await["milestones"]["nodes"][0]
        .clone();
    let id = first["id"].as_str().unwrap_or_default().to_owned();
    // On 20 June, someone moves it by 200 days, and a new milestone is made.
    app.on_day("2026-06-20");
    let old: chrono::NaiveDate = first["plannedDate"]
        .as_str()
        .unwrap_or_default()
        .parse()
        .unwrap();
    let new = (old + chrono::Duration::days(200)).to_string();
    let token = app.token.clone();
    move_as(&app, &token, &id, &new, "Later door de aanbesteding").await;
    let programme_id = app
        .ok("{ programmes(first: 1) { nodes { id } } }", json!({}))
        .await["programmes"]["nodes"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let later = milestone(
        &app,
        &programme_id,
        "Pas later bedacht",
        Some("GEMEENTE"),
        "2026-12-01",
    )
    .await;

    let day_words = |d: chrono::NaiveDate| {
        let months = [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ];
        use chrono::Datelike;
        format!("{} {} {}", d.day(), months[d.month0() as usize], d.year())
    };
    let asked = |as_of: Option<&str>| {
        let app = &app;
        let id = id.clone();
        let as_of = as_of.map(str::to_owned);
        async move {
            app.ok(
                "query($id: ID!, $at: DateTime) { milestone(id: $id, asOf: $at) { plannedDate projectedDate } statusDate(asOf: $at) }",
                json!({ "id": id, "at": as_of }),
            )
            .await
        }
    };
    // The end of 16 June in the Netherlands (summer time).
    let then = asked(Some("2026-06-16T21:59:59.999999Z")).await;
    assert_eq!(
        then["milestone"]["plannedDate"], first["plannedDate"],
        "the API's own view"
    );
    assert_eq!(then["statusDate"], "2026-06-16");

    // The milestone's page on 16 June: the old date, no later history, the banner.
    let (status, _, html) = page(&app, &format!("/mijlpalen/{id}?peildatum=2026-06-16")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("U bekijkt het plan zoals het stond op 16 juni 2026."),
        "{html}"
    );
    assert!(
        html.contains(&day_words(old)),
        "the old planned date: {html}"
    );
    assert!(
        !html.contains(&day_words(old + chrono::Duration::days(200))),
        "{html}"
    );
    let history = section(&html, "geschiedenis");
    assert!(!history.contains("Later door de aanbesteding"), "{history}");
    // Its links keep the day, the way back to now does not.
    assert!(
        html.contains("href=\"/tijdlijn?peildatum=2026-06-16\""),
        "{html}"
    );
    assert!(
        html.contains(&format!(
            "href=\"/mijlpalen/{id}\">Naar het plan van nu</a>"
        )),
        "{html}"
    );
    // The date form offers days up to today, and says which is chosen.
    assert!(
        html.contains("name=\"peildatum\" value=\"2026-06-16\" max=\"2026-06-20\""),
        "{html}"
    );
    // Now: the new date and the change with its reason.
    let (_, _, html) = page(&app, &format!("/mijlpalen/{id}")).await;
    assert!(
        html.contains(&day_words(old + chrono::Duration::days(200))),
        "{html}"
    );
    assert!(section(&html, "geschiedenis").contains("Later door de aanbesteding"));
    assert!(
        !html.contains("U bekijkt het plan zoals het stond"),
        "{html}"
    );

    // The timeline as of 16 June: the milestone at its projected date of then; the one made
    // later is absent. The status date is the chosen day.
    let projected: chrono::NaiveDate = then["milestone"]["projectedDate"]
        .as_str()
        .unwrap_or_default()
        .parse()
        .unwrap();
    let (status, _, html) = page(&app, "/tijdlijn?laag=gemeente&peildatum=2026-06-16").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("Stand op <strong>16 juni 2026</strong>"),
        "{html}"
    );
    let title = crate::web::escaped(first["title"].as_str().unwrap_or_default());
    let row = html
        .split("<tr class=\"utrecht-table__row\">")
        .find(|r| r.contains(&title))
        .unwrap_or_default();
    assert!(row.contains(&day_words(projected)), "{row}");
    assert!(!html.contains("Pas later bedacht"), "{html}");
    // The filter form sends the day again.
    assert!(
        html.contains("<input type=\"hidden\" name=\"peildatum\" value=\"2026-06-16\">"),
        "{html}"
    );
    let (_, _, html) = page(&app, "/tijdlijn?laag=gemeente").await;
    assert!(html.contains("Pas later bedacht"), "{html}");

    // The overview of 16 June lists what was overdue then, as the API says.
    let overdue = app
        .ok(
            "{ milestones(filter: { overdue: true }, first: 100, asOf: \"2026-06-16T21:59:59.999999Z\") { nodes { title } } }",
            json!({}),
        )
        .await;
    let (_, _, html) = page(&app, "/?laag=alle&peildatum=2026-06-16").await;
    assert!(
        html.contains("stand op <strong>16 juni 2026</strong>"),
        "{html}"
    );
    for m in overdue["milestones"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default()
    {
        let t = crate::web::escaped(m["title"].as_str().unwrap_or_default());
        assert!(section(&html, "aandacht").contains(&t), "{t}");
    }

    // Commitments and KPIs take the day too.
    for path in [
        "/toezeggingen?peildatum=2026-06-16",
        "/kpis?peildatum=16-6-2026",
    ] {
        let (status, _, html) = page(&app, path).await;
        assert_eq!(status, StatusCode::OK, "{path}: {html}");
        assert!(
            html.contains("Stand op <strong>16 juni 2026</strong>"),
            "{path}"
        );
        assert!(
            html.contains("U bekijkt het plan zoals het stond op 16 juni 2026."),
            "{path}"
        );
    }

    // A milestone made later did not exist then.
    let (status, _, html) = page(&app, &format!("/mijlpalen/{later}?peildatum=2026-06-16")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{html}");
    assert!(
        html.contains("Op 16 juni 2026 kende koers deze mijlpaal nog niet"),
        "{html}"
    );
    // A day to come, what is no date, and a day before the plan: each a Dutch 400 that offers
    // the date form again, with the page's filters.
    let (status, _, html) = page(&app, "/tijdlijn?laag=rijk&peildatum=2026-06-21").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{html}");
    assert!(
        html.contains("21 juni 2026 is na vandaag (20 juni 2026)."),
        "{html}"
    );
    assert!(
        html.contains("id=\"peildatum-kiezen\" name=\"peildatum\" value=\"\""),
        "{html}"
    );
    assert!(
        html.contains("<input type=\"hidden\" name=\"laag\" value=\"rijk\">"),
        "{html}"
    );
    for (text, shown) in [
        ("%3Cgisteren%3E", "&lt;gisteren&gt;"),
        ("14-6-26", "14-6-26"),
        ("0999-12-31", "0999-12-31"),
        ("-262143-01-01", "-262143-01-01"),
    ] {
        let (status, _, html) = page(&app, &format!("/?peildatum={text}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{text}: {html}");
        assert!(
            html.contains(&format!("„{shown}” is geen datum die koers kan lezen.")),
            "{text}: {html}"
        );
    }
    let (status, _, html) = page(&app, "/kpis?peildatum=2026-06-01").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{html}");
    assert!(
        html.contains("Op 1 juni 2026 kende koers dit plan nog niet: de eerste wijziging is vastgelegd op 12 juni 2026."),
        "{html}"
    );
    // Today is the plan of this moment: no view.
    let (status, _, html) = page(&app, &format!("/mijlpalen/{id}?peildatum=2026-06-20")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains(&day_words(old + chrono::Duration::days(200))),
        "{html}"
    );
    assert!(
        !html.contains("U bekijkt het plan zoals het stond"),
        "{html}"
    );
}

/// On an instance with a fixed status date (a training instance at 15 June), "today" is that
/// day, as for its reports: 15 June is the live plan (changes made since included), a later
/// day is refused, and an earlier one reads the history up to its end.
#[tokio::test]
async fn a_fixed_status_date_is_today_for_the_views_too() {
    let config = koers::config::ApiConfig {
        status_date: chrono::NaiveDate::from_ymd_opt(2026, 6, 15),
        ..Default::default()
    };
    let app = TestApp::with_config(config).await;
    app.load_demo().await;
    app.on_day("2026-11-30");
    let (status, _, html) = page(&app, "/toezeggingen?peildatum=2026-06-15").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        !html.contains("U bekijkt het plan zoals het stond"),
        "the live plan: {html}"
    );
    assert!(
        html.contains("Stand op <strong>15 juni 2026</strong>"),
        "{html}"
    );
    assert!(html.contains("max=\"2026-06-15\""), "{html}");
    let (status, _, html) = page(&app, "/toezeggingen?peildatum=2026-11-29").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{html}");
    assert!(
        html.contains(
            "29 november 2026 ligt na 15 juni 2026, de vaste peildatum van deze koers-installatie"
        ),
        "{html}"
    );
    let (status, _, html) = page(&app, "/toezeggingen?peildatum=2026-06-14").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("U bekijkt het plan zoals het stond op 14 juni 2026."),
        "{html}"
    );
}

/// The API's `milestone(id:, asOf:)`: as it stood, null before it was made.
#[tokio::test]
async fn one_milestone_can_be_read_as_it_stood() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let m = milestone(&app, &p, "Eerste versie", Some("RIJK"), "2026-09-01").await;
    app.on_day("2026-06-10");
    let v = version(&app, &m).await;
    app.ok(
        "mutation($i: UpdateMilestoneInput!) { updateMilestone(input: $i) { milestone { id } } }",
        json!({ "i": { "id": m, "version": v, "title": "Tweede versie" } }),
    )
    .await;
    let at = |moment: &str| {
        let app = &app;
        let m = m.clone();
        let moment = moment.to_owned();
        async move {
            app.ok(
                "query($id: ID!, $at: DateTime) { milestone(id: $id, asOf: $at) { title version statusDate viewerCanUpdate } }",
                json!({ "id": m, "at": moment }),
            )
            .await["milestone"]
                .clone()
        }
    };
    assert_eq!(
        at("2026-05-01T00:00:00Z").await,
        Value::Null,
        "not made yet"
    );
    let first = at("2026-06-05T00:00:00Z").await;
    assert_eq!(first["title"], "Eerste versie");
    assert_eq!(first["version"], 1);
    assert_eq!(first["statusDate"], "2026-06-05");
    assert_eq!(
        first["viewerCanUpdate"], false,
        "a view of the past cannot be changed"
    );
    assert_eq!(at("2026-06-11T00:00:00Z").await["title"], "Tweede versie");
    // A bad id is the caller's input.
    let error = app
        .err(
            "{ milestone(id: \"onzin\", asOf: \"2026-06-11T00:00:00Z\") { title } }",
            json!({}),
        )
        .await;
    assert_eq!(crate::support::code(&error), "BAD_USER_INPUT", "{error}");
}

/// "Wat anderen veranderden" on a layer manager's overview: others' changes to the layer's
/// milestones and to the milestones they wait for, not the manager's own, not others'
/// unrelated ones, not creations; within 14 days of the view's moment.
#[tokio::test]
async fn the_overview_shows_what_others_changed_to_my_milestones_and_their_predecessors() {
    let app = TestApp::new().await;
    // The plan is made on 20 May, before the windows below open.
    app.on_day("2026-05-20");
    let p = programme(&app).await;
    let rijk_b = milestone(&app, &p, "Rijksbron B", Some("RIJK"), "2026-08-15").await;
    let mover = milestone(
        &app,
        &p,
        "Gemeentelijke verhuizer",
        Some("GEMEENTE"),
        "2026-09-20",
    )
    .await;
    let rijk = milestone(
        &app,
        &p,
        "Landelijke bron klaar",
        Some("RIJK"),
        "2026-09-01",
    )
    .await;
    let mine = milestone(
        &app,
        &p,
        "Gemeentelijke monitor",
        Some("GEMEENTE"),
        "2026-10-01",
    )
    .await;
    let other_mine = milestone(
        &app,
        &p,
        "Gemeentelijke uitvraag",
        Some("GEMEENTE"),
        "2026-11-01",
    )
    .await;
    let elsewhere = milestone(
        &app,
        &p,
        "Provinciaal plan",
        Some("PROVINCIE"),
        "2026-09-15",
    )
    .await;
    let gone = milestone(
        &app,
        &p,
        "Gemeentelijke pilot",
        Some("GEMEENTE"),
        "2026-08-01",
    )
    .await;
    let manager = app
        .token(
            "Marieke (gemeenten)",
            entity::Role::LayerManager,
            Some(entity::GovernmentLayer::Gemeente),
        )
        .await;
    // The manager makes their milestone wait for the Rijk's (their own change).
    let own_link = app
        .gql_as(
            &manager,
            "mutation($p: ID!, $s: ID!) { addMilestoneDependency(input: { predecessorId: $p, successorId: $s }) { dependency { lagDays } } }",
            json!({ "p": rijk, "s": mine }),
        )
        .await;
    assert!(own_link.get("errors").is_none(), "{own_link}");
    let piet = app
        .token("Piet", entity::Role::ProgrammeManager, None)
        .await;
    // The uitvraag waits for Rijksbron B (made with the plan).
    app.ok(
        "mutation($p: ID!, $s: ID!) { addMilestoneDependency(input: { predecessorId: $p, successorId: $s }) { dependency { lagDays } } }",
        json!({ "p": rijk_b, "s": other_mine }),
    )
    .await;
    app.on_day("2026-06-10");
    // Piet deletes that predecessor, and moves a milestone to the provinces.
    let v = version(&app, &rijk_b).await;
    let gone_b = app
        .gql_as(
            &piet,
            "mutation($i: DeleteInput!) { deleteMilestone(input: $i) { status } }",
            json!({ "i": { "id": rijk_b, "version": v } }),
        )
        .await;
    assert!(gone_b.get("errors").is_none(), "{gone_b}");
    let v = version(&app, &mover).await;
    let moved = app
        .gql_as(
            &piet,
            MOVE,
            json!({ "i": { "id": mover, "version": v, "layer": "PROVINCIE" } }),
        )
        .await;
    assert!(moved.get("errors").is_none(), "{moved}");
    move_as(&app, &piet, &rijk, "2026-10-15", "Leverancier later").await;
    move_as(&app, &piet, &other_mine, "2026-11-20", "Raad besluit later").await;
    move_as(
        &app,
        &piet,
        &elsewhere,
        "2026-10-01",
        "Niet van de gemeenten",
    )
    .await;
    move_as(&app, &manager, &mine, "2026-10-20", "Eigen wijziging").await;
    // Piet deletes one of the layer's milestones, and makes another wait for the Rijk's.
    let v = version(&app, &gone).await;
    let deleted = app
        .gql_as(
            &piet,
            "mutation($i: DeleteInput!) { deleteMilestone(input: $i) { status } }",
            json!({ "i": { "id": gone, "version": v } }),
        )
        .await;
    assert!(deleted.get("errors").is_none(), "{deleted}");
    let linked = app
        .gql_as(
            &piet,
            "mutation($p: ID!, $s: ID!) { addMilestoneDependency(input: { predecessorId: $p, successorId: $s, lagDays: 10 }) { dependency { lagDays } } }",
            json!({ "p": rijk, "s": other_mine }),
        )
        .await;
    assert!(linked.get("errors").is_none(), "{linked}");

    app.on_day("2026-06-12");
    let (status, html) = page_as(&app, &manager, "/").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let changes = section(&html, "wijzigingen");
    assert!(
        changes.contains("Wat anderen dan u veranderden aan de mijlpalen van de gemeenten (met de gezamenlijke) en aan de mijlpalen waarop die wachten, in de 14 dagen tot en met 12 juni 2026: 5 mijlpalen."),
        "{changes}"
    );
    assert!(changes.contains("Landelijke bron klaar</a>"), "{changes}");
    assert!(
        changes.contains(
            "Voorganger van 2 van uw mijlpalen: „Gemeentelijke monitor”, „Gemeentelijke uitvraag”"
        ),
        "{changes}"
    );
    assert!(
        changes.contains("Gepland: 1 september 2026 → 15 oktober 2026"),
        "{changes}"
    );
    assert!(changes.contains("door Piet op 10 juni 2026"), "{changes}");
    assert!(
        changes.contains("Toelichting: „Leverancier later”"),
        "{changes}"
    );
    assert!(changes.contains("Gemeentelijke uitvraag</a>"), "{changes}");
    assert!(changes.contains("Uw mijlpaal"), "{changes}");
    // The new predecessor, recorded under the milestone that now waits.
    assert!(
        changes.contains("Landelijke bron klaar, 10 dagen wachttijd"),
        "{changes}"
    );
    // The deleted one is still the layer's news.
    assert!(changes.contains("Gemeentelijke pilot</a>"), "{changes}");
    // A predecessor deleted since the window opened, and a milestone moved out of the layer.
    let about = |title: &str| {
        let start = changes
            .find(&format!(">{title}</a>"))
            .unwrap_or(changes.len());
        let rest = &changes[start..];
        rest[..rest.find("</article>").unwrap_or(rest.len())].to_owned()
    };
    let rijksbron = about("Rijksbron B");
    assert!(
        rijksbron.contains("Was voorganger van uw mijlpaal „Gemeentelijke uitvraag”"),
        "{rijksbron}"
    );
    assert!(
        rijksbron.contains("<strong>Verwijderd</strong> door Piet"),
        "{rijksbron}"
    );
    let mover = about("Gemeentelijke verhuizer");
    assert!(
        mover.contains("Was een mijlpaal van de gemeenten"),
        "{mover}"
    );
    assert!(mover.contains("Laag: Gemeenten → Provincies"), "{mover}");
    assert!(
        changes.contains("Was een mijlpaal van de gemeenten"),
        "{changes}"
    );
    assert!(
        changes.contains("<strong>Verwijderd</strong> door Piet"),
        "{changes}"
    );
    assert!(
        !changes.contains("Provinciaal plan"),
        "another layer's: {changes}"
    );
    assert!(
        !changes.contains("Eigen wijziging"),
        "the manager's own: {changes}"
    );
    assert!(
        !changes.contains("Gemeentelijke monitor</a>"),
        "only the manager changed it: {changes}"
    );
    assert!(!changes.contains("Aangemaakt"), "creations: {changes}");

    // As of 9 June, nothing had changed yet.
    let (_, html) = page_as(&app, &manager, "/?peildatum=2026-06-09").await;
    assert!(
        section(&html, "wijzigingen").contains("tot en met 9 juni 2026: niets."),
        "{html}"
    );
    // 14 Dutch days: on 23 June the changes of 10 June are still recent, on 24 June not.
    app.on_day("2026-06-23");
    let (_, html) = page_as(&app, &manager, "/").await;
    assert!(
        section(&html, "wijzigingen").contains("tot en met 23 juni 2026: 5 mijlpalen."),
        "{html}"
    );
    app.on_day("2026-06-24");
    let (_, html) = page_as(&app, &manager, "/").await;
    assert!(
        section(&html, "wijzigingen").contains("tot en met 24 juni 2026: niets."),
        "{html}"
    );

    // The admin looking at the gemeenten: not "uw".
    app.on_day("2026-06-12");
    let (_, _, html) = page(&app, "/?laag=gemeente").await;
    let changes = section(&html, "wijzigingen");
    assert!(changes.contains("Mijlpaal van de gemeenten"), "{changes}");
    assert!(!changes.to_lowercase().contains("uw mijlpa"), "{changes}");
    // The whole programme, for the admin: everyone else's changes to any milestone (the
    // manager's own change to theirs is the admin's news).
    let (_, _, html) = page(&app, "/?laag=alle").await;
    let changes = section(&html, "wijzigingen");
    assert!(changes.contains("7 mijlpalen"), "{changes}");
    // With the links recorded under them.
    assert!(
        changes.contains("Landelijke bron klaar, 10 dagen wachttijd"),
        "{changes}"
    );
    assert!(changes.contains("Provinciaal plan"), "{changes}");
}

/// `changeRecords(entityIds:, notBy:, actions:)`: the records of these objects themselves, by
/// others, of these kinds; at most 500 ids, each a valid one (the field path says which not).
#[tokio::test]
async fn change_records_filter_by_objects_others_and_actions() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let a = milestone(&app, &p, "A", Some("RIJK"), "2026-09-01").await;
    let b = milestone(&app, &p, "B", Some("RIJK"), "2026-09-01").await;
    let piet = app.token("Piet", entity::Role::Admin, None).await;
    move_as(&app, &piet, &a, "2026-09-02", "door Piet").await;
    let token = app.token.clone();
    move_as(&app, &token, &a, "2026-09-03", "door de tester").await;
    move_as(&app, &piet, &b, "2026-09-04", "b door Piet").await;
    let records = |variables: Value| {
        let app = &app;
        async move {
            app.ok(
                "query($ids: [ID!], $not: String, $actions: [ChangeAction!]) { changeRecords(entityIds: $ids, notBy: $not, actions: $actions, first: 100) { totalCount nodes { entityId action actor changeReason } } }",
                variables,
            )
            .await["changeRecords"]
                .clone()
        }
    };
    let found = records(json!({ "ids": [a], "not": "tester", "actions": ["UPDATE"] })).await;
    let nodes = found["nodes"].as_array().cloned().unwrap_or_default();
    assert!(!nodes.is_empty());
    for n in &nodes {
        assert_eq!(n["entityId"], a.as_str());
        assert_eq!(n["actor"], "Piet");
        assert_eq!(n["action"], "UPDATE");
    }
    // Without the actions: the creation (by the tester) is left out by `notBy` alone.
    let all_a = records(json!({ "ids": [a] })).await;
    assert!(all_a["totalCount"].as_i64() > found["totalCount"].as_i64());
    let both = records(json!({ "ids": [a, b], "not": "tester" })).await;
    assert!(
        both["nodes"]
            .as_array()
            .is_some_and(|n| n.iter().any(|r| r["entityId"] == b.as_str()))
    );
    assert_eq!(
        records(json!({ "ids": [a], "actions": [] })).await["totalCount"],
        0
    );
    // Too many ids, and one that is none.
    let many: Vec<String> = (0..501).map(|_| a.clone()).collect();
    let error = app
        .err(
            "query($ids: [ID!]) { changeRecords(entityIds: $ids) { totalCount } }",
            json!({ "ids": many }),
        )
        .await;
    assert_eq!(crate::support::code(&error), "BAD_USER_INPUT", "{error}");
    let error = app
        .err(
            "query($ids: [ID!]) { changeRecords(entityIds: $ids) { totalCount } }",
            json!({ "ids": [a, "onzin"] }),
        )
        .await;
    assert_eq!(crate::support::code(&error), "BAD_USER_INPUT", "{error}");
    assert_eq!(error["extensions"]["field"], "entityIds.1", "{error}");
    let error = app
        .err(
            "{ changeRecords(withLinks: true) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(error["extensions"]["field"], "withLinks", "{error}");
}
