//! The HTTP surface: health, GraphiQL without a CDN, content types, batches, limits.

use crate::support::TestApp;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use koers::config::ApiConfig;
use serde_json::json;

fn post(body: &str, content_type: &str) -> Request<Body> {
    Request::post("/graphql")
        .header("content-type", content_type)
        .body(Body::from(body.to_owned()))
        .expect("request")
}

#[tokio::test]
async fn healthz_answers_ok() {
    let app = TestApp::new().await;
    let (status, body) = app
        .request(
            Request::get("/healthz")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn graphiql_is_served_with_bundled_assets_only() {
    let app = TestApp::new().await;
    let (status, page) = app
        .request(
            Request::get("/graphql")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let page = page.as_str().unwrap_or_default().to_owned();
    assert!(page.contains("GraphiQL"));
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "the page loads nothing external"
    );
    for asset in [
        "graphiql.min.js",
        "graphiql.min.css",
        "react.production.min.js",
        "react-dom.production.min.js",
    ] {
        assert!(page.contains(&format!("/graphiql/{asset}")));
        let (status, _) = app
            .request(
                Request::get(format!("/graphiql/{asset}"))
                    .body(Body::empty())
                    .expect("r"),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{asset}");
    }
}

#[tokio::test]
async fn only_json_posts_are_graphql_requests() {
    let app = TestApp::new().await;
    let (status, body) = app
        .request(post("{ programmes { totalCount } }", "application/graphql"))
        .await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        body["errors"][0]["extensions"]["code"],
        "UNSUPPORTED_MEDIA_TYPE"
    );
    let (status, _) = app.request(post("{\"query\": ", "application/json")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, body) = app
        .request(post(
            "{\"query\":\"{ programmes { totalCount } }\"}",
            "application/json; charset=utf-8",
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["data"]["programmes"]["totalCount"], 0);
}

#[tokio::test]
async fn batches_run_and_are_capped() {
    let app = TestApp::with_config(ApiConfig {
        max_batch: 3,
        ..ApiConfig::default()
    })
    .await;
    let one = json!({ "query": "{ programmes { totalCount } }" });
    let (status, body) = app
        .request(post(
            &json!([one, one, one]).to_string(),
            "application/json",
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body.as_array().map(Vec::len), Some(3));
    let (status, body) = app
        .request(post(
            &json!([one, one, one, one]).to_string(),
            "application/json",
        ))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["errors"][0]["extensions"]["code"], "BATCH_LIMIT");
}

#[tokio::test]
async fn depth_complexity_and_body_size_are_limited() {
    let app = TestApp::with_config(ApiConfig {
        max_depth: 5,
        max_complexity: 20,
        max_body_bytes: 2048,
        ..ApiConfig::default()
    })
    .await;
    let deep = app
        .gql(
            "{ milestones { edges { node { phase { programme { phases { name } } } } } } }",
            json!({}),
        )
        .await;
    assert!(
        deep["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("nested too deep"),
        "{deep}"
    );
    assert_eq!(
        deep["errors"][0]["extensions"]["code"],
        "GRAPHQL_VALIDATION_FAILED"
    );
    let aliases: String = (0..30)
        .map(|i| format!("a{i}: programmes {{ totalCount }} "))
        .collect();
    let complex = app.gql(&format!("{{ {aliases} }}"), json!({})).await;
    assert!(
        complex["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("complex"),
        "{complex}"
    );
    let big =
        json!({ "query": format!("{{ programmes {{ totalCount }} }} # {}", "x".repeat(4096)) })
            .to_string();
    let (status, _) = app.request(post(&big, "application/json")).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn request_ids_are_echoed_and_recorded_safely() {
    let app = TestApp::new().await;
    let body = json!({ "query": "mutation { createProgramme(input: { name: \"P\", goal: \"G\" }) { programme { id } } }" }).to_string();
    let request = Request::post("/graphql")
        .header("content-type", "application/json")
        .header(
            "x-request-id",
            format!("abc-123<script>{}", "x".repeat(100)),
        )
        .body(Body::from(body))
        .expect("request");
    let (status, _) = app.request(request).await;
    assert_eq!(status, StatusCode::OK);
    let data = app
        .ok(
            "{ changeRecords(first: 1) { edges { node { requestId } } } }",
            json!({}),
        )
        .await;
    let id = data["changeRecords"]["edges"][0]["node"]["requestId"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(id.starts_with("abc-123script"), "{id}");
    assert!(id.len() <= 64, "{id}");
}

/// Every response says `nosniff`; GraphiQL and a report's HTML carry a Content-Security-Policy
/// that allows only what they use, and GraphiQL still starts under it in Chromium.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_headers_and_graphiql_under_its_policy() {
    let app = TestApp::with_demo().await;
    for path in [
        "/healthz",
        "/graphql",
        "/graphiql/start.js",
        "/nowhere",
        "/reports/x.md",
    ] {
        let (_, headers, _) = app.get(path).await;
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
    }
    let (_, headers, _) = app.get("/graphql").await;
    let policy = headers["content-security-policy"]
        .to_str()
        .unwrap_or_default();
    assert!(
        policy.contains("script-src 'self'") && !policy.contains("'unsafe-eval'"),
        "{policy}"
    );
    assert!(!policy.contains("http"), "no origin elsewhere: {policy}");
    let report = app
        .ok(
            "mutation { generateProgressReport(input: { asOf: \"2026-06-15\", title: \"R\" }) { report { id } } }",
            json!({}),
        )
        .await;
    let id = crate::support::row_id(
        report["generateProgressReport"]["report"]["id"]
            .as_str()
            .unwrap_or_default(),
    )
    .expect("id");
    let (status, headers, _) = app.get(&format!("/reports/{id}.html")).await;
    assert_eq!(status, StatusCode::OK);
    let policy = headers["content-security-policy"]
        .to_str()
        .unwrap_or_default();
    assert!(
        policy.starts_with("default-src 'none'") && !policy.contains("script-src"),
        "{policy}"
    );

    // GraphiQL in Chromium, from a real server: it renders, and nothing was refused.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("port");
    let address = listener.local_addr().expect("address");
    let router = app.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await });
    let out = tokio::task::spawn_blocking(move || {
        crate::support::chromium()
            .args([
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=10000",
                "--dump-dom",
            ])
            .arg(format!("http://{address}/graphql"))
            .output()
    })
    .await
    .expect("joined")
    .expect("chromium runs (Debian's chromium; scripts/test installs it)");
    let dom = String::from_utf8_lossy(&out.stdout);
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(
        dom.contains("graphiql-container"),
        "GraphiQL rendered: {dom:.500}"
    );
    assert!(
        !log.contains("Content Security Policy"),
        "a CSP refusal: {log}"
    );
}

/// Every refusal has the usual JSON body with a code, a batch must hold a request, and a
/// response carries a bounded number of short errors.
#[tokio::test]
async fn refusals_are_json_with_a_code_and_errors_are_bounded() {
    let app = TestApp::new().await;
    for (body, code) in [
        ("[]", "BAD_REQUEST"),
        ("{}", "BAD_REQUEST"),
        ("[{}]", "BAD_REQUEST"),
        ("{\"query\": 5}", "BAD_REQUEST"),
        ("42", "BAD_REQUEST"),
    ] {
        let (status, value) = app.request(post(body, "application/json")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(
            crate::support::code(&value["errors"][0]),
            code,
            "{body}: {value}"
        );
    }
    for path in ["/nowhere", "/reports/%FF.md", "/graphiql/x.js", "/export"] {
        let (status, headers, body) = app.get(path).await;
        assert!(status.is_client_error(), "{path}: {status}");
        assert_eq!(headers["content-type"], "application/json", "{path}");
        let value: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        assert!(
            value["errors"][0]["extensions"]["code"].is_string(),
            "{path}: {value}"
        );
    }
    // 400 unknown fields (under the cost limit, so they are validated): twenty errors and a
    // count of the rest, none of them long.
    let unknown: String = (0..400)
        .map(|i| format!(" f{i}{}", "x".repeat(50)))
        .collect();
    let answer = app.gql(&format!("{{{unknown} }}"), json!({})).await;
    let errors = answer["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 21, "{answer}");
    assert_eq!(crate::support::code(&errors[20]), "TOO_MANY_ERRORS");
    assert_eq!(errors[20]["message"], "and 380 more errors, left out");
    assert!(
        errors
            .iter()
            .all(|e| e["message"].as_str().unwrap_or_default().chars().count() <= 500)
    );
}

/// `/metrics` speaks the Prometheus text format and counts what happened, by bounded labels.
#[tokio::test]
async fn metrics_count_requests_operations_and_refusals() {
    let app = TestApp::with_demo().await;
    // The registry is the process's: other tests count too, so this test compares what it
    // did with what was there before.
    let scrape = || async {
        let (_, _, body) = app.get("/metrics").await;
        String::from_utf8(body).unwrap_or_default()
    };
    let sum = |text: &str, prefix: &str| -> f64 {
        text.lines()
            .filter(|l| l.starts_with(prefix))
            .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
            .sum()
    };
    let before = scrape().await;
    let made_up = Request::builder()
        .method("BREW-1234")
        .uri("/graphql")
        .body(Body::empty())
        .expect("request");
    let (status, _) = app.request(made_up).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    app.ok(
        "{ milestones(first: 1) { totalCount nodes { health } } }",
        json!({}),
    )
    .await;
    app.err("{ noSuchField }", json!({})).await;
    let report = app
        .ok(
            "mutation { generateProgressReport(input: { asOf: \"2026-06-15\", title: \"R\" }) { report { markdown } } }",
            json!({}),
        )
        .await;
    assert!(report["generateProgressReport"]["report"]["markdown"].is_string());
    let (status, headers, body) = app.get("/metrics").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/plain")
    );
    let text = String::from_utf8(body).expect("text");
    let value = |prefix: &str| -> f64 { sum(&text, prefix) - sum(&before, prefix) };
    assert!(
        value("koers_http_requests_total{route=\"/graphql\",method=\"POST\",status=\"200\"}")
            >= 3.0,
        "{text}"
    );
    assert!(
        value("koers_http_requests_total{route=\"/graphql\",method=\"other\",status=\"405\"}")
            >= 1.0,
        "{text}"
    );
    assert!(
        !text.contains("BREW"),
        "a made-up method is no label: {text}"
    );
    assert!(
        value("koers_graphql_operations_total{kind=\"query\",outcome=\"ok\"}") >= 1.0,
        "{text}"
    );
    assert!(
        value("koers_graphql_operations_total{kind=\"query\",outcome=\"refused\"}") >= 1.0,
        "{text}"
    );
    assert!(
        value("koers_graphql_root_fields_total{field=\"milestones\"}") >= 1.0,
        "{text}"
    );
    assert!(
        value("koers_graphql_root_fields_total{field=\"unknown\"}") >= 1.0,
        "{text}"
    );
    assert!(value("koers_schedule_seconds_count") >= 1.0, "{text}");
    assert!(
        value("koers_report_render_seconds_count{format=\"md\"}") >= 1.0,
        "{text}"
    );
    assert!(
        text.contains("koers_db_connections{state=\"in_use\"}"),
        "{text}"
    );
    assert!(
        text.contains("koers_http_request_duration_seconds_bucket{"),
        "{text}"
    );
    assert!(!text.contains("noSuchField"), "no client text in a label");
}
