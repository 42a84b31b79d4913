//! One test per control of the endpoint that the other HTTP tests do not cover: queries over
//! GET and mutations refused there, the GraphQL-over-HTTP media type and its status codes, the
//! per-account rate limit, the CORS allow-list, the directive limit, and the introspection and
//! suggestion switches.

use crate::support::{TestApp, code};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use entity::Role;
use koers::config::ApiConfig;
use sea_orm::EntityTrait;
use serde_json::{Value, json};
use tower::ServiceExt;

/// Send `request` with the harness's admin token; returns status, headers and body.
async fn raw(
    app: &TestApp,
    request: axum::http::request::Builder,
    body: Body,
) -> (StatusCode, axum::http::HeaderMap, Value) {
    raw_as(app, &app.token, request, body).await
}

/// Send `request` with `token`; returns status, headers and body.
async fn raw_as(
    app: &TestApp,
    token: &str,
    request: axum::http::request::Builder,
    body: Body,
) -> (StatusCode, axum::http::HeaderMap, Value) {
    let request = request
        .header("authorization", format!("Bearer {token}"))
        .body(body)
        .expect("request");
    let response = app.router.clone().oneshot(request).await.expect("answer");
    let (parts, body) = response.into_parts();
    let bytes = http_body_util::BodyExt::collect(body)
        .await
        .expect("body")
        .to_bytes();
    let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (parts.status, parts.headers, value)
}

fn url(query: &str) -> String {
    let encoded: String = query
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("/graphql?query={encoded}")
}

#[tokio::test]
async fn queries_run_over_get_and_mutations_do_not() {
    let app = TestApp::new().await;
    let (status, _, body) = raw(
        &app,
        Request::get(url("{ programmes { totalCount } }")),
        Body::empty(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["data"]["programmes"]["totalCount"], 0, "{body}");
    // `operationName` selects the operation, as the GraphQL-over-HTTP spec names it.
    let two = format!(
        "{}&operationName=B",
        url("query A { a: __typename } query B { b: __typename }")
    );
    let (status, _, body) = raw(&app, Request::get(two), Body::empty()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["data"]["b"], "Query", "{body}");
    let unknown = format!("{}&operationName=B", url("query A { a: __typename }"));
    let (_, _, body) = raw(&app, Request::get(unknown), Body::empty()).await;
    assert_eq!(
        code(&body["errors"][0]),
        "GRAPHQL_VALIDATION_FAILED",
        "{body}"
    );

    let mutation =
        "mutation { createProgramme(input: { name: \"P\", goal: \"G\" }) { __typename } }";
    let (status, headers, body) = raw(&app, Request::get(url(mutation)), Body::empty()).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{body}");
    assert_eq!(headers["allow"], "POST");
    assert_eq!(code(&body["errors"][0]), "METHOD_NOT_ALLOWED");
    assert_eq!(app.count("programme").await, 0, "nothing was created");
    // Without a query, a GET is the GraphiQL page.
    let (status, headers, _) = raw(&app, Request::get("/graphql"), Body::empty()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/html")
    );
}

#[tokio::test]
async fn graphql_response_json_clients_get_400_for_requests_that_never_ran() {
    let app = TestApp::new().await;
    let post = |query: &str| {
        (
            Request::post("/graphql")
                .header("content-type", "application/json")
                .header("accept", "application/graphql-response+json"),
            Body::from(json!({ "query": query }).to_string()),
        )
    };
    for broken in ["{ programmes { totalCount ", "{ noSuchField }"] {
        let (request, body) = post(broken);
        let (status, headers, body) = raw(&app, request, body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{broken}: {body}");
        assert_eq!(headers["content-type"], "application/graphql-response+json");
        assert!(body.get("errors").is_some());
    }
    // A request that ran is 200, even when a field fails.
    let (request, body) = post("{ programmes { totalCount } }");
    let (status, headers, _) = raw(&app, request, body).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/graphql-response+json");
    let (request, body) = post(
        "mutation { deleteProgramme(input: { id: \"UHJvZ3JhbW1lOjk5\", version: 1 }) { __typename } }",
    );
    let (status, _, body) = raw(&app, request, body).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(code(&body["errors"][0]), "NOT_FOUND");
    // Plain JSON clients keep the old behaviour: 200 with the errors.
    let (status, headers, _) = raw(
        &app,
        Request::post("/graphql").header("content-type", "application/json"),
        Body::from(json!({ "query": "{ noSuchField }" }).to_string()),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/json");
}

#[tokio::test]
async fn each_account_has_its_own_rate() {
    let app = TestApp::with_config(ApiConfig {
        rate_per_minute: 3,
        ..Default::default()
    })
    .await;
    let query = "{ programmes { totalCount } }";
    for _ in 0..3 {
        assert!(app.gql(query, json!({})).await.get("errors").is_none());
    }
    let (status, headers, body) = raw(
        &app,
        Request::post("/graphql").header("content-type", "application/json"),
        Body::from(json!({ "query": query }).to_string()),
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(code(&body["errors"][0]), "RATE_LIMITED");
    assert!(headers.contains_key("retry-after"));
    // Another account is not held up.
    let other = app.token("ander", Role::Viewer, None).await;
    let response = app.gql_as(&other, query, json!({})).await;
    assert!(response.get("errors").is_none(), "{response}");
}

#[tokio::test]
async fn only_configured_origins_may_call_from_a_browser() {
    let app = TestApp::with_config(ApiConfig {
        cors_origins: vec!["https://dashboard.example.nl".into()],
        ..Default::default()
    })
    .await;
    for (origin, allowed) in [
        ("https://dashboard.example.nl", true),
        ("https://evil.example", false),
    ] {
        let request = Request::builder()
            .method("OPTIONS")
            .uri("/graphql")
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization, content-type",
            )
            .body(Body::empty())
            .expect("request");
        let response = app.router.clone().oneshot(request).await.expect("answer");
        let allow = response
            .headers()
            .get("access-control-allow-origin")
            .map(|v| v.to_str().unwrap_or_default().to_owned());
        if allowed {
            assert_eq!(allow.as_deref(), Some(origin));
        } else {
            assert_eq!(allow, None, "{origin} must not be allowed");
        }
    }
}

#[tokio::test]
async fn directives_are_limited_and_introspection_and_suggestions_can_be_turned_off() {
    let app = TestApp::new().await;
    let many = format!(
        "{{ programmes {} {{ totalCount }} }}",
        "@include(if: true) ".repeat(11)
    );
    let response = app.gql(&many, json!({})).await;
    assert_eq!(
        code(&response["errors"][0]),
        "GRAPHQL_VALIDATION_FAILED",
        "{response}"
    );
    let introspection = "{ __schema { queryType { name } } }";
    assert_eq!(
        app.ok(introspection, json!({})).await["__schema"]["queryType"]["name"],
        "Query",
        "on by default"
    );
    let typo = app.gql("{ programmez { totalCount } }", json!({})).await;
    assert!(
        typo["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("Did you mean")
    );

    let closed = TestApp::with_config(ApiConfig {
        disable_introspection: true,
        disable_suggestions: true,
        ..Default::default()
    })
    .await;
    let response = closed.gql(introspection, json!({})).await;
    assert!(
        response["data"]["__schema"].is_null(),
        "introspection is off: {response}"
    );
    let typo = closed.gql("{ programmez { totalCount } }", json!({})).await;
    let message = typo["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(
        !message.is_empty() && !message.contains("Did you mean"),
        "{message}"
    );
    // The API itself still answers.
    assert!(
        closed
            .gql("{ programmes { totalCount } }", json!({}))
            .await
            .get("errors")
            .is_none()
    );
}

/// POST `body` with `token` and an idempotency key.
async fn post_once(
    app: &TestApp,
    token: &str,
    key: &str,
    body: &Value,
) -> (StatusCode, axum::http::HeaderMap, Value) {
    let request = Request::post("/graphql")
        .header("content-type", "application/json")
        .header("idempotency-key", key);
    raw_as(app, token, request, Body::from(body.to_string())).await
}

#[tokio::test]
async fn a_retry_with_the_same_idempotency_key_creates_nothing_twice() {
    let app = TestApp::new().await;
    let create = |name: &str| json!({ "query": format!("mutation {{ createProgramme(input: {{ name: \"{name}\", goal: \"G\" }}) {{ programme {{ id }} }} }}") });
    let token = app.token.clone();
    let (status, headers, first) = post_once(&app, &token, "order-1", &create("P")).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert!(!headers.contains_key("idempotent-replayed"));
    let (status, headers, again) = post_once(&app, &token, "order-1", &create("P")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["idempotent-replayed"], "true");
    assert_eq!(again, first, "the first response, again");
    assert_eq!(app.count("programme").await, 1, "created once");

    // The same key for another request is refused; keys are per account.
    let (status, _, body) = post_once(&app, &token, "order-1", &create("Q")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(code(&body["errors"][0]), "IDEMPOTENCY_KEY_REUSED");
    let other = app.token("ander", Role::ProgrammeManager, None).await;
    let (status, _, theirs) = post_once(&app, &other, "order-1", &create("P")).await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(theirs, first);
    assert_eq!(app.count("programme").await, 2);
    for bad in ["", &"x".repeat(101), "with space"] {
        let (status, _, _) = post_once(&app, &token, bad, &create("R")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "key {bad:?}");
    }

    // Concurrent retries: one runs, the others get its response or are told it still runs.
    let body = create("Gelijktijdig");
    let answers =
        futures::future::join_all((0..6).map(|_| post_once(&app, &token, "order-2", &body))).await;
    assert_eq!(app.count("programme").await, 3, "created once");
    let ids: std::collections::HashSet<String> = answers
        .iter()
        .filter(|(status, _, _)| *status == StatusCode::OK)
        .map(|(_, _, b)| b["data"]["createProgramme"]["programme"]["id"].to_string())
        .collect();
    assert_eq!(ids.len(), 1, "{answers:?}");
    assert!(
        answers
            .iter()
            .all(|(s, _, _)| *s == StatusCode::OK || *s == StatusCode::CONFLICT)
    );

    // Another account named like the administrator (as an identity provider's can be) sees
    // none of the administrator's keys.
    let namesake = crate::support::namesake_token(&app.db, "tester", Role::ProgrammeManager).await;
    let (_, headers, answer) = post_once(&app, &namesake, "order-1", &create("P")).await;
    assert!(!headers.contains_key("idempotent-replayed"), "{answer}");
    assert_ne!(answer, first, "its own answer");
    assert_eq!(app.count("programme").await, 4);
    let reader = crate::support::namesake_token(&app.db, "tester", Role::Viewer).await;
    let (_, headers, answer) = post_once(&app, &reader, "order-1", &create("P")).await;
    assert!(!headers.contains_key("idempotent-replayed"), "{answer}");
    assert_eq!(code(&answer["errors"][0]), "FORBIDDEN", "{answer}");
    // A query with a key runs as it is: nothing of it is stored.
    let keys = app.count("idempotency_key").await;
    let read = json!({ "query": "{ programmes(first: 5) { totalCount } }" });
    for _ in 0..2 {
        let (status, headers, _) = post_once(&app, &token, "read-1", &read).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!headers.contains_key("idempotent-replayed"));
    }
    assert_eq!(
        app.count("idempotency_key").await,
        keys,
        "a read stores nothing"
    );
    // One key per request.
    let request = Request::post("/graphql")
        .header("content-type", "application/json")
        .header("idempotency-key", "a")
        .header("idempotency-key", "b");
    let (status, _, body) =
        raw_as(&app, &token, request, Body::from(create("S").to_string())).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");

    // A day later the key is forgotten: the same request runs again.
    app.clock
        .set(crate::support::t0() + chrono::Duration::hours(25));
    let (status, headers, _) = post_once(&app, &token, "order-1", &create("P")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!headers.contains_key("idempotent-replayed"));
    assert_eq!(app.count("programme").await, 5);
}

/// Whose keys the test's administrator (`tester`) uses.
fn tester() -> String {
    koers::service::store::idempotency::account_of(&koers::service::accounts::access::Caller {
        name: "tester".to_owned(),
        role: Role::Admin,
        layer: None,
    })
}

/// Claim `key` as a request that ended without an answer would have left it: not committed (or
/// committed), leased until `lease_until`.
async fn leftover_claim(
    app: &TestApp,
    key: &str,
    body: &Value,
    committed: bool,
    lease_until: chrono::DateTime<chrono::Utc>,
) {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    entity::idempotency_key::ActiveModel {
        account: Set(tester()),
        key: Set(key.to_owned()),
        request_sha256: Set(koers::service::store::digest::sha256(
            body.to_string().as_bytes(),
        )),
        response: Set(None),
        created_at: Set(crate::support::t0()),
        committed: Set(committed),
        lease_until: Set(Some(lease_until)),
        holder: Set(Some("a request that is gone".to_owned())),
    }
    .insert(&app.db)
    .await
    .expect("claim");
}

#[tokio::test]
async fn a_key_whose_first_request_ended_without_an_answer_runs_again_unless_it_saved() {
    let app = TestApp::new().await;
    let token = app.token.clone();
    let create = |name: &str| json!({ "query": format!("mutation {{ createProgramme(input: {{ name: \"{name}\", goal: \"G\" }}) {{ programme {{ id }} }} }}") });
    let now = crate::support::t0();

    // Killed while running, before it saved anything: within its lease the key is still in
    // use; after it, a retry runs (once).
    let body = create("Na een kill");
    leftover_claim(
        &app,
        "killed",
        &body,
        false,
        now + chrono::Duration::seconds(30),
    )
    .await;
    let (status, headers, answer) = post_once(&app, &token, "killed", &body).await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    assert_eq!(code(&answer["errors"][0]), "IDEMPOTENCY_KEY_IN_USE");
    assert_eq!(headers["retry-after"], "1");
    app.clock.set(now + chrono::Duration::seconds(31));
    let (status, _, answer) = post_once(&app, &token, "killed", &body).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(app.count("programme").await, 1);
    let (_, headers, _) = post_once(&app, &token, "killed", &body).await;
    assert_eq!(headers["idempotent-replayed"], "true");

    // Killed after it saved, before its answer was kept: never done twice, and the client is
    // told so.
    let body = create("Opgeslagen");
    leftover_claim(&app, "saved", &body, true, now).await;
    let (status, _, answer) = post_once(&app, &token, "saved", &body).await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    assert_eq!(code(&answer["errors"][0]), "IDEMPOTENCY_KEY_COMMITTED");
    assert_eq!(app.count("programme").await, 1);

    // A write marks its request's key committed in its own transaction.
    let (status, _, _) = post_once(&app, &token, "marked", &create("Gemarkeerd")).await;
    assert_eq!(status, StatusCode::OK);
    let row = entity::idempotency_key::Entity::find_by_id((tester(), "marked".to_owned()))
        .one(&app.db)
        .await
        .expect("read")
        .expect("kept");
    assert!(row.committed && row.response.is_some(), "{row:?}");
}

#[tokio::test]
async fn a_client_that_gives_up_never_blocks_the_key() {
    // The client gives up (the request future is dropped, as when the connection closes or the
    // server's timeout cuts it off) at many points: whatever point it was, a retry gets the
    // first answer or runs, and the programme exists exactly once.
    let db = crate::support::fresh_durable_database().await;
    let app = TestApp::on(db, ApiConfig::default()).await;
    let token = app.token.clone();
    let mut expected = 0;
    let mut cut_before_answer = 0;
    for attempt in 0..24u64 {
        let key = format!("opgegeven-{attempt}");
        let body = json!({ "query": format!("mutation {{ createProgramme(input: {{ name: \"P{attempt}\", goal: \"G\" }}) {{ programme {{ id }} }} }}") });
        let request = Request::post("/graphql")
            .header("content-type", "application/json")
            .header("idempotency-key", &key)
            .header("authorization", format!("Bearer {token}"))
            .body(Body::from(body.to_string()))
            .expect("request");
        let wait = std::time::Duration::from_micros(150 * attempt);
        let _ = tokio::time::timeout(wait, app.router.clone().oneshot(request)).await;
        expected += 1;
        // The retry, once the abandoned request has let go of the key.
        let mut answer = None;
        for _ in 0..100 {
            let (status, headers, body) = post_once(&app, &token, &key, &body).await;
            if code(&body["errors"][0]) == "IDEMPOTENCY_KEY_IN_USE" {
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                continue;
            }
            if !headers.contains_key("idempotent-replayed") {
                cut_before_answer += 1;
            }
            answer = Some((status, body));
            break;
        }
        let (status, body) = answer.expect("the key is let go of");
        assert!(
            status == StatusCode::OK || code(&body["errors"][0]) == "IDEMPOTENCY_KEY_COMMITTED",
            "attempt {attempt}: {status} {body}"
        );
        assert_eq!(
            app.count("programme").await,
            expected,
            "attempt {attempt}: once ({status} {body})"
        );
    }
    // Some requests were cut off before their answer (the point of this test), whatever the
    // machine's speed: the first ones are cut at once.
    assert!(
        cut_before_answer > 0,
        "no request was cut off before its answer"
    );
    eprintln!("cut off before their answer: {cut_before_answer} of 24");
}
