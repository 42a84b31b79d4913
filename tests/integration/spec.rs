//! What the GraphQL spec and GraphQL-over-HTTP say about requests that do not fit, literals of
//! the wrong kind, text a client sends, and the order of a response's fields.

use crate::support::{TestApp, code};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Value, json};
use tower::ServiceExt;

/// POST a GraphQL body; returns the status and the body's text (its key order intact).
async fn post(app: &TestApp, accept: &str, body: Value) -> (StatusCode, String) {
    let request = Request::post("/graphql")
        .header("content-type", "application/json")
        .header("accept", accept)
        .header("authorization", format!("Bearer {}", app.token))
        .body(Body::from(body.to_string()))
        .expect("request");
    let response = app.router.clone().oneshot(request).await.expect("answer");
    let status = response.status();
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .expect("body")
        .to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

/// A JSON value's object keys in the order they were written, at every level.
#[derive(Debug, PartialEq)]
enum Keys {
    Object(Vec<(String, Keys)>),
    List(Vec<Keys>),
    Leaf,
}

impl<'de> serde::Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Keys;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                let mut keys = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Keys>()? {
                    keys.push((k, v));
                }
                Ok(Keys::Object(keys))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Keys, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Keys>()? {
                    items.push(item);
                }
                Ok(Keys::List(items))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Keys, E> {
                Ok(Keys::Leaf)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Keys, E> {
                Ok(Keys::Leaf)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Keys, E> {
                Ok(Keys::Leaf)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Keys, E> {
                Ok(Keys::Leaf)
            }
            fn visit_str<E>(self, _: &str) -> Result<Keys, E> {
                Ok(Keys::Leaf)
            }
            fn visit_unit<E>(self) -> Result<Keys, E> {
                Ok(Keys::Leaf)
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl Keys {
    fn names(&self) -> Vec<&str> {
        match self {
            Keys::Object(keys) => keys.iter().map(|(k, _)| k.as_str()).collect(),
            _ => vec![],
        }
    }

    fn get(&self, key: &str) -> &Keys {
        match self {
            Keys::Object(keys) => keys
                .iter()
                .find(|(k, _)| k == key)
                .map_or(&Keys::Leaf, |(_, v)| v),
            _ => &Keys::Leaf,
        }
    }

    fn first(&self) -> &Keys {
        match self {
            Keys::List(items) => items.first().unwrap_or(&Keys::Leaf),
            _ => &Keys::Leaf,
        }
    }
}

#[tokio::test]
async fn an_int_variable_outside_32_bits_is_a_request_error_without_data() {
    let app = TestApp::with_demo().await;
    let query = "query($n: Int) { milestones(first: $n) { totalCount } }";
    let (status, body) = post(
        &app,
        GRAPHQL_RESPONSE,
        json!({ "query": query, "variables": { "n": 2_147_483_648u64 } }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let body: Value = serde_json::from_str(&body).expect("json");
    assert!(body.get("data").is_none(), "no data entry: {body}");
    assert_eq!(code(&body["errors"][0]), "BAD_USER_INPUT", "{body}");
    // A plain JSON client gets 200, and no data entry either (the spec: the request never ran).
    let (status, body) = post(
        &app,
        "application/json",
        json!({ "query": query, "variables": { "n": -2_147_483_649i64 } }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let body: Value = serde_json::from_str(&body).expect("json");
    assert!(body.get("data").is_none(), "{body}");
    // Parse and validation failures have no data entry either.
    for broken in ["{ milestones { totalCount ", "{ noSuchField }"] {
        let (status, body) = post(&app, GRAPHQL_RESPONSE, json!({ "query": broken })).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let body: Value = serde_json::from_str(&body).expect("json");
        assert!(body.get("data").is_none(), "{broken}: {body}");
    }
    // The largest Int passes the check and runs (then the page-size rule refuses it, as a field
    // error: a request that ran keeps its data entry).
    let (status, body) = post(
        &app,
        GRAPHQL_RESPONSE,
        json!({ "query": query, "variables": { "n": 2_147_483_647 } }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let body: Value = serde_json::from_str(&body).expect("json");
    assert!(body.get("data").is_some(), "{body}");
    assert_eq!(body["errors"][0]["path"][0], "milestones", "{body}");
    // A required variable that was not sent is refused before anything runs.
    let (status, body) = post(
        &app,
        GRAPHQL_RESPONSE,
        json!({ "query": "mutation($name: String!) { createProgramme(input: { name: $name, goal: \"G\" }) { __typename } }" }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(app.count("programme").await, 1, "only the demo's");
}

#[tokio::test]
async fn a_variables_default_is_used_and_checked_and_other_operations_do_not_interfere() {
    let app = TestApp::with_demo().await;
    // The default decides `@include` (async-graphql alone would drop the field).
    let data = app
        .ok(
            "query($i: Boolean = true) { p: programmes @include(if: $i) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(data["p"]["totalCount"], 1, "{data}");
    // A default is checked like a value sent.
    let error = app
        .err(
            "query($s: String = \"a\\u0000b\") { milestones(filter: { search: $s }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
    // Only the named operation counts: B's variable, unsent in A's terms, is not touched.
    let two = "query A($x: String) { milestones(filter: { search: $x }) { totalCount } } query B($x: ID!) { node(id: $x) { id } }";
    let (status, body) = post(
        &app,
        GRAPHQL_RESPONSE,
        json!({ "query": two, "operationName": "A" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let body: Value = serde_json::from_str(&body).expect("json");
    assert_eq!(body["data"]["milestones"]["totalCount"], 22, "{body}");
}

#[tokio::test]
async fn an_enum_value_is_never_a_string_literal() {
    let app = TestApp::with_demo().await;
    let error = app
        .err(
            "{ milestones(filter: { layer: \"RIJK\" }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(code(&error), "GRAPHQL_VALIDATION_FAILED", "{error}");
    let error = app
        .err(
            "mutation($p: ID!) { createMilestone(input: { programmeId: $p, title: \"T\", kind: \"DELIVERY\", plannedDate: \"2026-01-01\" }) { __typename } }",
            json!({ "p": "UHJvZ3JhbW1lOjE" }),
        )
        .await;
    assert_eq!(code(&error), "GRAPHQL_VALIDATION_FAILED", "{error}");
    // A value the enum does not have, or null where a field cannot be empty, names the field.
    let create = "mutation($p: ID!, $s: WorkStatus, $l: GovernmentLayer) { createMilestone(input: { programmeId: $p, title: \"T\", kind: DELIVERY, plannedDate: \"2026-01-01\", status: $s, layer: $l }) { __typename } }";
    for (variables, field) in [
        (
            json!({ "p": "UHJvZ3JhbW1lOjE", "l": "rijk" }),
            "input.layer",
        ),
        (json!({ "p": "UHJvZ3JhbW1lOjE", "s": null }), "input.status"),
    ] {
        let error = app.err(create, variables).await;
        assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
        assert_eq!(error["extensions"]["field"], field, "{error}");
    }
    // In variables, enum values are strings: that is how JSON carries them.
    let data = app
        .ok(
            "query($l: GovernmentLayer) { milestones(filter: { layer: $l }) { totalCount } }",
            json!({ "l": "RIJK" }),
        )
        .await;
    assert!(data["milestones"]["totalCount"].as_i64() > Some(0));
}

#[tokio::test]
async fn control_characters_are_refused_in_every_text_sent() {
    let app = TestApp::with_demo().await;
    let before = app.count("change_record").await;
    for bad in [
        "\u{0}", "\u{7}", "\u{B}", "\u{C}", "\u{1B}", "\u{FFFE}", "\u{2028}", "\u{85}",
    ] {
        let title = format!("Titel{bad}met teken");
        let error = app
            .err(
                "mutation($p: ID!, $t: String!) { createMilestone(input: { programmeId: $p, title: $t, kind: DELIVERY, plannedDate: \"2026-01-01\" }) { __typename } }",
                json!({ "p": "UHJvZ3JhbW1lOjE", "t": title }),
            )
            .await;
        assert_eq!(code(&error), "BAD_USER_INPUT", "{bad:?}: {error}");
        assert_eq!(error["extensions"]["field"], "input.title", "{error}");
        let search = app
            .err(
                "query($s: String) { milestones(filter: { search: $s }) { totalCount } }",
                json!({ "s": format!("a{bad}b") }),
            )
            .await;
        assert_eq!(code(&search), "BAD_USER_INPUT", "{bad:?}: {search}");
        assert_eq!(search["extensions"]["field"], "filter.search");
    }
    assert_eq!(
        app.count("change_record").await,
        before,
        "nothing was written"
    );
    // In a literal, and in a description, where line breaks and tabs are fine.
    let error = app
        .err(
            "{ kpis(filter: { search: \"x\\u0000\" }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
    let data = app
        .ok(
            "mutation($p: ID!, $d: String) { createMilestone(input: { programmeId: $p, title: \"Met toelichting\", description: $d, kind: DELIVERY, plannedDate: \"2026-01-01\" }) { milestone { description } } }",
            json!({ "p": "UHJvZ3JhbW1lOjE", "d": "Regel een\nRegel\ttwee" }),
        )
        .await;
    assert_eq!(
        data["createMilestone"]["milestone"]["description"],
        "Regel een\nRegel\ttwee"
    );
    // A tab or line break in a one-line field is refused by the field's own rule.
    let error = app
        .err(
            "mutation($p: ID!) { createMilestone(input: { programmeId: $p, title: \"A\\tB\", kind: DELIVERY, plannedDate: \"2026-01-01\" }) { __typename } }",
            json!({ "p": "UHJvZ3JhbW1lOjE" }),
        )
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
}

#[tokio::test]
async fn fields_come_back_in_the_order_the_query_asked_for_them() {
    let app = TestApp::with_demo().await;
    // Fields that wait (the schedule, DataLoaders) ahead of fields that do not.
    let query = "{ milestones(first: 5) { nodes { health projectedDate kpis { code name } title id layer } totalCount }
        programmes { totalCount nodes { name id } } __typename
        b: commitmentsAtRisk { __typename } a: recessPeriods(first: 1) { totalCount } }";
    for _ in 0..5 {
        let (status, body) = post(&app, "application/json", json!({ "query": query })).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let keys: Keys = serde_json::from_str(&body).expect("json");
        let data = keys.get("data");
        assert_eq!(
            data.names(),
            ["milestones", "programmes", "__typename", "b", "a"],
            "{body}"
        );
        let milestones = data.get("milestones");
        assert_eq!(milestones.names(), ["nodes", "totalCount"]);
        assert_eq!(
            milestones.get("nodes").first().names(),
            ["health", "projectedDate", "kpis", "title", "id", "layer"],
            "{body}"
        );
        assert_eq!(data.get("programmes").names(), ["totalCount", "nodes"]);
    }
}

#[tokio::test]
async fn a_query_that_fans_out_is_refused_before_it_runs() {
    let app = TestApp::with_demo().await;
    let viewer = app.token("lezer", entity::Role::Viewer, None).await;
    // Each fragment spreads the next twice: 30 levels are a billion fields as executed.
    let mut fan = String::from("{ ...F0 }");
    for i in 0..30 {
        fan.push_str(&format!(
            " fragment F{i} on Query {{ ...F{n} ...F{n} }}",
            n = i + 1
        ));
    }
    fan.push_str(" fragment F30 on Query { __typename }");
    assert!(fan.len() < 2_000);
    // Guards a hang (expanded, this query takes minutes), not a speed target.
    let refused = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        app.gql_as(&viewer, &fan, json!({})),
    )
    .await
    .expect("refused at once, never expanded");
    assert_eq!(
        code(&refused["errors"][0]),
        "GRAPHQL_VALIDATION_FAILED",
        "{refused}"
    );
    assert!(refused.get("data").is_none());
    // A thousand aliased counts are a thousand statements: refused too.
    let aliases: String = (0..1000)
        .map(|i| format!(" a{i}: milestones {{ totalCount }}"))
        .collect();
    let refused = app
        .gql_as(&viewer, &format!("{{{aliases} }}"), json!({}))
        .await;
    assert_eq!(
        code(&refused["errors"][0]),
        "GRAPHQL_VALIDATION_FAILED",
        "{refused}"
    );
    assert_eq!(refused["errors"][0]["extensions"]["cost"], 52000);
    assert_eq!(refused["errors"][0]["extensions"]["limit"], 25000);
    // A page of 100 milestones with their KPIs and measurements (the dashboard) runs.
    let dashboard = "{ milestones(first: 100) { edges { node { id title plannedDate forecastDate status kpis { code name measurements(first: 3) { periodEnd value } } } } } }";
    app.ok(dashboard, json!({})).await;
}

/// Fan-outs hidden where the estimate did not look: after an unknown fragment, under a list of
/// none, inside introspection, in an operation that is not selected, in a subscription. Each
/// is refused before anything expands it.
#[tokio::test]
async fn fan_outs_are_refused_wherever_they_hide() {
    let app = TestApp::new().await;
    // 20 levels of three spreads each (3^20 fields expanded), within the nesting limit: the
    // cost must find them.
    let fan = |on: &str, last: &str| {
        let mut fragments = String::new();
        for i in 0..20 {
            fragments.push_str(&format!(
                " fragment F{i} on {on} {{ ...F{n} ...F{n} ...F{n} }}",
                n = i + 1
            ));
        }
        fragments.push_str(&format!(" fragment F20 on {on} {{ {last} }}"));
        fragments
    };
    let cases = [
        (
            format!("{{ ...F0 }}{}", fan("Query", "...Missing")),
            None,
            "Unknown fragment",
        ),
        (
            format!(
                "{{ milestones(first: 0) {{ nodes {{ ...F0 }} }} }}{}",
                fan("Milestone", "id")
            ),
            None,
            "would cost",
        ),
        (
            format!(
                "{{ __schema {{ ...F0 }} }}{}",
                fan("__Schema", "description")
            ),
            None,
            "would cost",
        ),
        (
            format!("query A {{ ...F0 }}{}", fan("Query", "__typename")),
            Some("B"),
            "Unknown operation named \"B\"",
        ),
        (
            format!(
                "query A {{ ...F0 }} query C {{ __typename }}{}",
                fan("Query", "__typename")
            ),
            None,
            "Operation name required",
        ),
        (
            "subscription { __typename }".to_owned(),
            None,
            "no subscriptions",
        ),
        (
            "{ __typename } fragment A on Query { ...B } fragment B on Query { ...A }".to_owned(),
            None,
            "is never used",
        ),
    ];
    for (query, operation, says) in cases {
        let body = match operation {
            Some(name) => json!({ "query": query, "operationName": name }),
            None => json!({ "query": query }),
        };
        // Guards a hang (expanded, each takes hours), not a speed target.
        let (status, text) = tokio::time::timeout(
            std::time::Duration::from_secs(10),
            post(&app, "application/json", body),
        )
        .await
        .expect("refused at once, never expanded");
        assert_eq!(status, StatusCode::OK, "{text}");
        let answer: Value = serde_json::from_str(&text).expect("json");
        assert_eq!(
            code(&answer["errors"][0]),
            "GRAPHQL_VALIDATION_FAILED",
            "{query:.60}: {answer}"
        );
        assert!(
            answer["errors"][0]["message"]
                .as_str()
                .unwrap_or_default()
                .contains(says),
            "{query:.60}: {answer}"
        );
        assert!(answer.get("data").is_none(), "{answer}");
    }
    // GraphiQL's introspection still runs.
    let introspection = app
        .ok(
            "{ __schema { queryType { name } types { name fields { name } } } }",
            json!({}),
        )
        .await;
    assert_eq!(introspection["__schema"]["queryType"]["name"], "Query");
}

#[tokio::test]
async fn a_query_whose_lists_turn_out_long_stops_at_the_budget() {
    let app = TestApp::new().await;
    let actor = koers::service::Actor::system("generator", crate::support::t0());
    // Two KPIs, each linked to all 400 milestones: the estimate counts one item for a list
    // without a page size (56 in all), the answer would hold 400 × 2 × 400 milestones.
    let shape = koers::samples::generate::Shape {
        milestones: 400,
        kpis: 2,
        measurements: 4,
        dependencies_per_milestone: 0,
    };
    koers::samples::generate::generate_shape(&app.db, &actor, shape, 7)
        .await
        .expect("generated plan");
    let cyclic = "{ kpis(first: 1) { nodes { milestones { kpis { milestones { id } } } } } }";
    // Guards a hang (the full answer holds 320,000 milestones), not a speed target.
    let answer = tokio::time::timeout(
        std::time::Duration::from_secs(20),
        app.gql(cyclic, json!({})),
    )
    .await
    .expect("stopped, never built in full");
    // Stopped as a whole: one error, no partial answer.
    let errors = answer["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{answer}");
    assert_eq!(code(&errors[0]), "RESULT_TOO_LARGE", "{answer}");
    assert!(answer["data"].is_null(), "{answer}");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("25000"),
        "{answer}"
    );
    // The same lists one level less deep (400 + 800 objects) are answered.
    let answer = app
        .ok(
            "{ kpis(first: 1) { nodes { milestones { kpis { code } } } } }",
            json!({}),
        )
        .await;
    let milestones = answer["kpis"]["nodes"][0]["milestones"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(milestones, 400);
}

#[tokio::test]
async fn lists_with_a_page_size_are_counted_once() {
    let app = TestApp::new().await;
    let actor = koers::service::Actor::system("generator", crate::support::t0());
    let shape = koers::samples::generate::Shape {
        milestones: 10,
        kpis: 100,
        measurements: 10_000,
        dependencies_per_milestone: 0,
    };
    koers::samples::generate::generate_shape(&app.db, &actor, shape, 7)
        .await
        .expect("generated plan");
    // Estimated at 20,252 before it runs; the measurements it loads are what was estimated,
    // not counted a second time against the same limit.
    let answer = app
        .ok(
            "{ kpis(first: 100) { nodes { measurements(first: 100) { periodEnd value } } } }",
            json!({}),
        )
        .await;
    let measurements: usize = answer["kpis"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|kpi| kpi["measurements"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(measurements, 10_000);
}

#[tokio::test]
async fn a_deep_chain_of_fragments_is_refused_and_the_server_answers_on() {
    let app = TestApp::new().await;
    let mut chain = String::from("{ ...F0 }");
    for i in 0..5_000 {
        chain.push_str(&format!(" fragment F{i} on Query {{ ...F{} }}", i + 1));
    }
    chain.push_str(" fragment F5000 on Query { __typename }");
    let refused = app.gql(&chain, json!({})).await;
    assert_eq!(
        code(&refused["errors"][0]),
        "GRAPHQL_VALIDATION_FAILED",
        "{refused}"
    );
    assert!(
        refused["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("32"),
        "{refused}"
    );
    // A fragment that spreads itself through another is named as a cycle.
    let cycle = "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }";
    let refused = app.gql(cycle, json!({})).await;
    assert_eq!(code(&refused["errors"][0]), "GRAPHQL_VALIDATION_FAILED");
    assert!(
        refused["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("A → B → A"),
        "{refused}"
    );
    app.ok("{ __typename }", json!({})).await;
}

#[tokio::test]
async fn the_operations_of_a_batch_share_one_budget() {
    let app = TestApp::new().await;
    // 300 aliased counts cost 15,600: one fits the 25,000, two do not.
    let aliases: String = (0..300)
        .map(|i| format!(" a{i}: milestones {{ totalCount }}"))
        .collect();
    let query = format!("{{{aliases} }}");
    let (status, body) = post(
        &app,
        "application/json",
        json!([{ "query": query }, { "query": query }]),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let answers: Value = serde_json::from_str(&body).expect("json");
    assert_eq!(answers[0]["data"]["a0"]["totalCount"], 0, "{body}");
    let refused = &answers[1]["errors"][0];
    assert_eq!(code(refused), "GRAPHQL_VALIDATION_FAILED", "{body}");
    assert_eq!(refused["extensions"]["cost"], 15600, "{body}");
    assert_eq!(refused["extensions"]["spent"], 15600, "{body}");
    assert!(answers[1].get("data").is_none(), "{body}");
}
