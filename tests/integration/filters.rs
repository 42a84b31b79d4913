//! Search ignores case and accents in all of Unicode, the same on both databases and in as-of
//! views; an empty list in a filter matches nothing, in every list filter.

use crate::support::*;
use migration::{Migrator, MigratorTrait};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

async fn titles(app: &TestApp, query: &str, variables: Value, list: &str) -> Vec<String> {
    let data = app.ok(query, variables).await;
    let mut out: Vec<String> = data[list]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| {
            n["title"]
                .as_str()
                .or(n["name"].as_str())
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn search_ignores_case_and_accents_live_and_as_of() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    for title in [
        "Één loket voor data",
        "Een loket",
        "Café crème",
        "Ĳsselmeer",
        "Overig",
        "Zender 5 ㎒",
        "ΣΟΦΟΣ",
    ] {
        milestone(&app, &p, title, None, "2026-05-01").await;
    }
    app.ok(
        "mutation($p: ID!) { createKpi(input: { programmeId: $p, code: \"K-1\", name: \"Één indicator\", definition: \"Aandeel\", unit: \"%\", direction: HIGHER_IS_BETTER, level: OUTPUT, frequency: YEARLY }) { __typename } }",
        json!({ "p": p }),
    )
    .await;
    app.ok(
        "mutation { createDataSource(input: { name: \"Bron één\", updateFrequency: YEARLY, access: OPEN }) { __typename } }",
        json!({}),
    )
    .await;
    let later = "2026-06-02T00:00:00Z";
    app.clock.set(
        chrono::DateTime::parse_from_rfc3339(later)
            .unwrap()
            .to_utc(),
    );
    let milestones = "query($s: String, $t: DateTime) { milestones(first: 50, filter: { search: $s }, asOf: $t) { nodes { title } } }";
    for at in [Value::Null, json!(later)] {
        for (search, expected) in [
            ("één loket", vec!["Een loket", "Één loket voor data"]),
            ("EEN LOKET", vec!["Een loket", "Één loket voor data"]),
            ("cafe CREME", vec!["Café crème"]),
            ("ijssel", vec!["Ĳsselmeer"]),
            ("5 MHZ", vec!["Zender 5 ㎒"]),
            ("σοφος", vec!["ΣΟΦΟΣ"]),
            ("%", vec![]),
        ] {
            let found = titles(
                &app,
                milestones,
                json!({ "s": search, "t": at }),
                "milestones",
            )
            .await;
            assert_eq!(found, expected, "{search:?} as of {at}");
        }
        let kpis = app
            .ok(
                "query($t: DateTime) { kpis(filter: { search: \"EEN INDICATOR\" }, asOf: $t) { totalCount } }",
                json!({ "t": at }),
            )
            .await;
        assert_eq!(kpis["kpis"]["totalCount"], 1, "as of {at}");
        let sources = app
            .ok(
                "query($t: DateTime) { dataSources(search: \"BRON EEN\", asOf: $t) { totalCount } }",
                json!({ "t": at }),
            )
            .await;
        assert_eq!(sources["dataSources"]["totalCount"], 1, "as of {at}");
    }
    // A renamed milestone is found by its new title, and as of before the rename by the old one.
    let id = app
        .ok(
            "{ milestones(filter: { search: \"overig\" }) { nodes { id version } } }",
            json!({}),
        )
        .await["milestones"]["nodes"][0]
        .clone();
    app.clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-06-03T00:00:00Z")
            .unwrap()
            .to_utc(),
    );
    app.ok(
        "mutation($id: ID!, $v: Int!) { updateMilestone(input: { id: $id, version: $v, title: \"Ándere titel\" }) { __typename } }",
        json!({ "id": id["id"], "v": id["version"] }),
    )
    .await;
    let now = titles(
        &app,
        milestones,
        json!({ "s": "andere", "t": null }),
        "milestones",
    )
    .await;
    assert_eq!(now, ["Ándere titel"]);
    let before = titles(
        &app,
        milestones,
        json!({ "s": "overig", "t": later }),
        "milestones",
    )
    .await;
    assert_eq!(before, ["Overig"]);
}

#[tokio::test]
async fn an_empty_list_in_a_filter_matches_nothing() {
    let app = TestApp::with_demo().await;
    for (query, list) in [
        (
            "query($t: DateTime) { milestones(filter: { status: [] }, asOf: $t) { totalCount } }",
            "milestones",
        ),
        (
            "query($t: DateTime) { milestones(filter: { health: [] }, asOf: $t) { totalCount } }",
            "milestones",
        ),
        (
            "query($t: DateTime) { dataInfraTasks(filter: { status: [] }, asOf: $t) { totalCount } }",
            "dataInfraTasks",
        ),
    ] {
        for at in [Value::Null, json!("2026-06-14T12:00:00Z")] {
            let data = app.ok(query, json!({ "t": at })).await;
            assert_eq!(data[list]["totalCount"], 0, "{query} as of {at}");
            let all = app
                .ok(
                    &query.replace("status: []", "").replace("health: []", ""),
                    json!({ "t": at }),
                )
                .await;
            assert!(
                all[list]["totalCount"].as_i64() > Some(0),
                "{query}: no list, no condition"
            );
        }
    }
}

#[tokio::test]
async fn the_migration_fills_the_search_text_of_existing_rows() {
    let app = TestApp::new().await;
    assert!(app.load_demo().await);
    // Back to before the search column, as a database of an earlier release would be.
    let migrations: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let search = migrations
        .iter()
        .position(|name| name == "m20261130_000010_search_text")
        .expect("the search migration");
    let steps = u32::try_from(migrations.len() - search).expect("few migrations");
    Migrator::down(&app.db, Some(steps))
        .await
        .expect("down to before it");
    let backend = app.db.get_database_backend();
    app.db
        .execute_raw(sea_orm::Statement::from_string(
            backend,
            "UPDATE milestone SET title = 'Één loket' WHERE id = 1",
        ))
        .await
        .expect("rename");
    Migrator::up(&app.db, None).await.expect("up");
    let found = app
        .ok(
            "{ milestones(filter: { search: \"een LOKET\" }) { nodes { title } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        found["milestones"]["nodes"],
        json!([{ "title": "Één loket" }])
    );
}
