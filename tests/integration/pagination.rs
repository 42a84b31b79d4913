//! Relay connections: stable order, forward and backward paging, totals.

use crate::support::{TestApp, milestone, programme};
use serde_json::{Value, json};

fn titles(conn: &Value) -> Vec<String> {
    conn["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| e["node"]["title"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn pages_walk_forward_and_backward_in_a_stable_order() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    // Same planned dates on purpose: the id breaks ties.
    for i in 0..7 {
        milestone(
            &app,
            &p,
            &format!("M{i}"),
            None,
            &format!("2026-0{}-01", 1 + i / 2),
        )
        .await;
    }
    let q = "query($first: Int, $after: String, $last: Int, $before: String) {
        milestones(first: $first, after: $after, last: $last, before: $before) {
          totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { title } } } }";
    let page1 = app.ok(q, json!({ "first": 3 })).await["milestones"].clone();
    assert_eq!(titles(&page1), ["M0", "M1", "M2"]);
    assert_eq!(page1["totalCount"], 7);
    assert_eq!(page1["pageInfo"]["hasNextPage"], true);
    assert_eq!(page1["pageInfo"]["hasPreviousPage"], false);
    let page2 = app
        .ok(
            q,
            json!({ "first": 3, "after": page1["pageInfo"]["endCursor"] }),
        )
        .await["milestones"]
        .clone();
    assert_eq!(titles(&page2), ["M3", "M4", "M5"]);
    assert_eq!(page2["pageInfo"]["hasPreviousPage"], true);
    let page3 = app
        .ok(
            q,
            json!({ "first": 3, "after": page2["pageInfo"]["endCursor"] }),
        )
        .await["milestones"]
        .clone();
    assert_eq!(titles(&page3), ["M6"]);
    assert_eq!(page3["pageInfo"]["hasNextPage"], false);

    let back = app
        .ok(
            q,
            json!({ "last": 2, "before": page3["pageInfo"]["startCursor"] }),
        )
        .await["milestones"]
        .clone();
    assert_eq!(titles(&back), ["M4", "M5"]);
    assert_eq!(back["pageInfo"]["hasPreviousPage"], true);
    assert_eq!(back["pageInfo"]["hasNextPage"], true);
    let tail = app.ok(q, json!({ "last": 2 })).await["milestones"].clone();
    assert_eq!(titles(&tail), ["M5", "M6"]);

    // A new milestone early in the list does not shift the page after a cursor.
    milestone(&app, &p, "Vroeg", None, "2025-01-01").await;
    let again = app
        .ok(
            q,
            json!({ "first": 3, "after": page1["pageInfo"]["endCursor"] }),
        )
        .await["milestones"]
        .clone();
    assert_eq!(titles(&again), ["M3", "M4", "M5"]);
    assert_eq!(again["totalCount"], 8);
}

#[tokio::test]
async fn default_page_is_twenty() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    for i in 0..25 {
        milestone(&app, &p, &format!("M{i:02}"), None, "2026-01-01").await;
    }
    let data = app
        .ok(
            "{ milestones { totalCount edges { node { id } } pageInfo { hasNextPage } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        data["milestones"]["edges"].as_array().map(Vec::len),
        Some(20)
    );
    assert_eq!(data["milestones"]["totalCount"], 25);
    assert_eq!(data["milestones"]["pageInfo"]["hasNextPage"], true);
}

#[tokio::test]
async fn every_kind_of_sort_key_pages_both_ways() {
    let app = TestApp::with_demo().await;
    // Text key (KPI code), integer key (phase number), id only (programmes via change records).
    for (list, field) in [
        ("kpis", "code"),
        ("phases", "number"),
        ("changeRecords", "sequence"),
        ("recessPeriods", "firstDay"),
    ] {
        let all = app
            .ok(
                &format!("{{ {list}(first: 100) {{ edges {{ node {{ {field} }} }} }} }}"),
                json!({}),
            )
            .await;
        let all: Vec<Value> = all[list]["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .map(|e| e["node"][field].clone())
            .collect();
        assert!(all.len() >= 3, "{list}");
        let q = format!(
            "query($a: String, $b: String) {{ {list}(first: 2, after: $a, before: $b) {{ pageInfo {{ endCursor startCursor }} edges {{ node {{ {field} }} }} }} }}"
        );
        // Walk forward two at a time and compare with the full list.
        let mut walked = Vec::new();
        let mut after = Value::Null;
        loop {
            let page = app.ok(&q, json!({ "a": after, "b": null })).await;
            let nodes: Vec<Value> = page[list]["edges"]
                .as_array()
                .expect("edges")
                .iter()
                .map(|e| e["node"][field].clone())
                .collect();
            if nodes.is_empty() || walked.len() >= all.len() {
                break;
            }
            walked.extend(nodes);
            after = page[list]["pageInfo"]["endCursor"].clone();
        }
        walked.truncate(all.len());
        assert!(
            walked == all,
            "{list} walked forward differs from its first 100"
        );
        // A window between two cursors.
        let first = app.ok(&q, json!({ "a": null, "b": null })).await;
        let start = first[list]["pageInfo"]["startCursor"].clone();
        let window = app
            .ok(&format!("query($a: String) {{ {list}(last: 1, before: $a) {{ edges {{ node {{ {field} }} }} }} }}"), json!({ "a": first[list]["pageInfo"]["endCursor"] }))
            .await;
        assert_eq!(
            window[list]["edges"][0]["node"][field], all[0],
            "{list}: the item before the second"
        );
        let none = app
            .ok(
                &format!(
                    "query($a: String) {{ {list}(last: 5, before: $a) {{ edges {{ cursor }} }} }}"
                ),
                json!({ "a": start }),
            )
            .await;
        assert_eq!(
            none[list]["edges"].as_array().map(Vec::len),
            Some(0),
            "{list}: nothing before the first"
        );
    }
}

#[tokio::test]
async fn a_bad_before_cursor_names_before() {
    let app = TestApp::new().await;
    let error = app
        .err(
            "{ milestones(last: 2, before: \"eyJpIjoxfQ\") { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(crate::support::code(&error), "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "before");
}
