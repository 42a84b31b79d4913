//! The HTTP layer: routes, the GraphQL endpoint, limits, and serving with graceful shutdown.

mod auth;
mod errors;
pub mod export;
pub mod graphiql;
mod graphql;
mod health;
mod limits;
mod measure;
pub mod reports;
mod serve;

pub use serve::{serve, serve_on};

pub(crate) use auth::{Peer, rate_limited};
pub(crate) use graphql::run_in_process;

/// Who is calling, as the GraphQL endpoint decides it (token, OIDC, anonymous where allowed)
/// and within their rate: the caller, or the response that refuses them (401, 429, 503).
pub(crate) async fn admit(
    api: &Api,
    headers: &HeaderMap,
    peer: &Peer,
) -> Result<crate::service::accounts::access::Caller, Response> {
    auth::admit(&api.state, headers, peer).await
}

use errors::{error_response, internal_error, server_failure};

use crate::config::ApiConfig;
use crate::graphql::{KoersSchema, build_schema};
use crate::state::AppState;
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use axum::routing::get;
use std::sync::Arc;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnFailure, TraceLayer};

/// Shared by the handlers: the state and the schema built from it.
#[derive(Clone)]
pub(crate) struct Api {
    state: AppState,
    schema: KoersSchema,
    /// The health check's last answer (`health.rs`).
    health: Arc<health::Probe>,
}

impl Api {
    /// What every request shares: the database, the clock, the configuration.
    pub(crate) fn state(&self) -> &AppState {
        &self.state
    }

    /// Today in the Netherlands, by the injected clock (not the instance's fixed status date).
    pub(crate) fn today(&self) -> chrono::NaiveDate {
        crate::service::schedule::status_date::dutch_day(self.state.clock.now())
    }
}

/// The router of koers over `state`.
pub fn router(state: AppState) -> Router {
    let config = state.config.clone();
    let api = Api {
        schema: build_schema(state.clone()),
        state,
        health: Arc::new(health::Probe::new(config.probe_database_url.clone())),
    };
    let routes = Router::new()
        .route("/graphql", get(graphql::get).post(graphql::post))
        .route("/graphiql/{file}", get(graphiql::asset))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .route("/export/milestones.ndjson", get(export_milestones))
        .route("/reports/{file}", get(report_document))
        .merge(crate::web::routes(&api.state))
        .with_state(api);
    harden(routes, &config)
}

/// The layers around every route: the cap on requests in flight, body limit, timeout, panic
/// catcher, CORS, request ids, tracing, JSON error bodies, the metrics of every answer, and
/// `X-Content-Type-Options: nosniff` on every response (outermost, so the layers' own answers
/// carry it too).
fn harden(routes: Router, config: &ApiConfig) -> Router {
    let in_flight = limits::InFlight {
        places: Arc::new(tokio::sync::Semaphore::new(config.max_in_flight)),
        uploads: Arc::new(tokio::sync::Semaphore::new(config.max_in_flight)),
        body_deadline: Duration::from_secs(config.header_timeout_secs),
        max_body_bytes: config.max_body_bytes,
    };
    routes
        .layer(axum::middleware::from_fn_with_state(
            in_flight,
            limits::limit_in_flight,
        ))
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(config.request_timeout_secs),
        ))
        .layer(CatchPanicLayer::custom(
            |_: Box<dyn std::any::Any + Send>| {
                tracing::error!("a request handler panicked");
                internal_error()
            },
        ))
        .layer(cors(&config.cors_origins))
        .layer(PropagateRequestIdLayer::x_request_id())
        // A failed answer is logged where it failed, with its cause (an intended 503 is no
        // error); the trace layer's own account of it is for debugging only.
        .layer(
            TraceLayer::new_for_http()
                .on_failure(DefaultOnFailure::new().level(tracing::Level::DEBUG)),
        )
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(axum::middleware::map_response(errors::json_errors))
        .layer(axum::middleware::from_fn(measure::measure))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
}

/// Cross-origin requests from the configured origins only (none by default: a browser page on
/// another origin cannot call koers, with or without the user's token).
fn cors(origins: &[String]) -> CorsLayer {
    let allowed: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o.trim()).ok())
        .collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(allowed))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([
            header::CONTENT_TYPE,
            header::AUTHORIZATION,
            header::ACCEPT,
            HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([HeaderName::from_static("x-request-id")])
        .max_age(Duration::from_secs(600))
}

async fn report_document(
    State(api): State<Api>,
    peer: auth::Peer,
    headers: HeaderMap,
    axum::extract::Path(file): axum::extract::Path<String>,
) -> Response {
    let caller = match auth::admit(&api.state, &headers, &peer).await {
        Ok(caller) => caller,
        Err(refused) => return refused,
    };
    reports::document(api.state.clone(), &caller, &file).await
}

async fn export_milestones(
    State(api): State<Api>,
    peer: auth::Peer,
    headers: HeaderMap,
) -> Response {
    // Every reader may export the plan: only who it is matters here.
    if let Err(refused) = auth::admit(&api.state, &headers, &peer).await {
        return refused;
    }
    export::milestones(api.state).await
}

async fn healthz(State(api): State<Api>) -> Response {
    health::healthz(&api.health, &api.state.db).await
}

async fn metrics(State(api): State<Api>) -> Response {
    measure::metrics(&api.state.db)
}

/// The request id for the change history: the `x-request-id` header (set by
/// `SetRequestIdLayer` when the client sent none), cut to 64 safe characters.
fn request_id(headers: &HeaderMap) -> String {
    let id: String = headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "-_.:".contains(*c))
        .take(64)
        .collect();
    if id.is_empty() {
        "unknown".to_owned()
    } else {
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    fn hardened(config: &ApiConfig) -> Router {
        let routes = Router::new()
            .route(
                "/panic",
                get(|| async {
                    if std::hint::black_box(true) {
                        panic!("secret detail of a failure");
                    }
                    "unreachable"
                }),
            )
            .route(
                "/slow",
                get(|| async {
                    tokio::time::sleep(Duration::from_secs(5)).await;
                    "late"
                }),
            );
        harden(routes, config)
    }

    async fn call(router: Router, path: &str) -> (StatusCode, String) {
        let response = router
            .oneshot(Request::get(path).body(Body::empty()).unwrap_or_default())
            .await
            .unwrap_or_else(|e| match e {});
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap_or_default();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    #[tokio::test]
    async fn a_panic_is_answered_with_a_generic_500() {
        let (status, body) = call(hardened(&ApiConfig::default()), "/panic").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(
            body.contains("\"INTERNAL\"") && body.contains("internal error"),
            "{body}"
        );
        assert!(!body.contains("secret"), "no panic text: {body}");
    }

    #[tokio::test]
    async fn every_error_answer_is_json_with_a_code_even_the_layers_own() {
        let config = ApiConfig {
            request_timeout_secs: 1,
            max_body_bytes: 16,
            ..Default::default()
        };
        let router = hardened(&config).route(
            "/body",
            axum::routing::post(|body: axum::body::Bytes| async move { body.len().to_string() }),
        );
        let router = harden(router, &config);
        for (method, path, body, status, code) in [
            ("GET", "/nowhere", "", StatusCode::NOT_FOUND, "NOT_FOUND"),
            (
                "GET",
                "/slow",
                "",
                StatusCode::REQUEST_TIMEOUT,
                "REQUEST_TIMEOUT",
            ),
            (
                "GET",
                "/panic",
                "",
                StatusCode::INTERNAL_SERVER_ERROR,
                "INTERNAL",
            ),
            (
                "POST",
                "/body",
                "far more than sixteen bytes",
                StatusCode::PAYLOAD_TOO_LARGE,
                "PAYLOAD_TOO_LARGE",
            ),
            (
                "DELETE",
                "/slow",
                "",
                StatusCode::METHOD_NOT_ALLOWED,
                "METHOD_NOT_ALLOWED",
            ),
        ] {
            let request = Request::builder()
                .method(method)
                .uri(path)
                .body(Body::from(body))
                .unwrap_or_default();
            let response = router
                .clone()
                .oneshot(request)
                .await
                .unwrap_or_else(|e| match e {});
            assert_eq!(response.status(), status, "{method} {path}");
            assert_eq!(
                response.headers().get(header::CONTENT_TYPE),
                Some(&HeaderValue::from_static("application/json")),
                "{method} {path}"
            );
            let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
                .await
                .unwrap_or_default();
            let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
            assert_eq!(
                value["errors"][0]["extensions"]["code"], code,
                "{method} {path}"
            );
        }
    }

    #[tokio::test]
    async fn requests_beyond_the_cap_in_flight_are_told_to_come_back() {
        let config = ApiConfig {
            max_in_flight: 1,
            ..Default::default()
        };
        // A handler that says when it runs, then holds its place.
        let entered = Arc::new(tokio::sync::Notify::new());
        let signal = entered.clone();
        let routes = Router::new().route(
            "/hold",
            get(move || {
                let signal = signal.clone();
                async move {
                    signal.notify_one();
                    std::future::pending::<()>().await;
                    "never"
                }
            }),
        );
        let router = harden(routes, &config);
        let busy = tokio::spawn(call(router.clone(), "/hold"));
        entered.notified().await;
        let response = router
            .clone()
            .oneshot(
                Request::get("/hold")
                    .body(Body::empty())
                    .unwrap_or_default(),
            )
            .await
            .unwrap_or_else(|e| match e {});
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(
            response.headers().get(header::RETRY_AFTER),
            Some(&HeaderValue::from_static("1"))
        );
        busy.abort();
        let _ = busy.await;
        // Its place is free again.
        let (status, _) = call(router, "/nowhere").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_slow_body_is_cut_off_and_holds_no_place_in_flight() {
        use futures::StreamExt;
        let config = ApiConfig {
            header_timeout_secs: 1,
            max_in_flight: 1,
            max_body_bytes: 64,
            ..Default::default()
        };
        let routes = Router::new().route(
            "/echo",
            axum::routing::post(|body: axum::body::Bytes| async move { body.len().to_string() }),
        );
        let router = harden(routes, &config);
        let post = |body: Body, length: Option<usize>| {
            let request = Request::post("/echo");
            match length {
                Some(n) => request.header(header::CONTENT_LENGTH, n),
                None => request,
            }
            .body(body)
            .unwrap_or_default()
        };
        // One byte, then nothing: the client never finishes its body (of a small length).
        let reading = Arc::new(tokio::sync::Notify::new());
        let first_read = reading.clone();
        let trickle = futures::stream::once(async move {
            first_read.notify_one();
            Ok::<_, std::io::Error>(axum::body::Bytes::from_static(b"{"))
        })
        .chain(futures::stream::pending());
        let started = std::time::Instant::now();
        let slow = tokio::spawn(
            router
                .clone()
                .oneshot(post(Body::from_stream(trickle), Some(20))),
        );
        // Once its body is being read, the one place in flight is still free for a request
        // that has its body.
        reading.notified().await;
        let quick = router
            .clone()
            .oneshot(post(Body::from("hallo"), Some(5)))
            .await
            .unwrap_or_else(|e| match e {});
        assert_eq!(quick.status(), StatusCode::OK);
        let slow = slow
            .await
            .expect("the slow request ends")
            .unwrap_or_else(|e| match e {});
        assert_eq!(slow.status(), StatusCode::REQUEST_TIMEOUT);
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
        let bytes = axum::body::to_bytes(slow.into_body(), 1 << 16)
            .await
            .unwrap_or_default();
        assert!(String::from_utf8_lossy(&bytes).contains("REQUEST_TIMEOUT"));
        // A body without a length that turns out too long is refused as too large.
        let long = futures::stream::iter(
            (0..10).map(|_| Ok::<_, std::io::Error>(axum::body::Bytes::from_static(&[b'x'; 16]))),
        );
        let refused = router
            .clone()
            .oneshot(post(Body::from_stream(long), None))
            .await
            .unwrap_or_else(|e| match e {});
        assert_eq!(refused.status(), StatusCode::PAYLOAD_TOO_LARGE);

        // A body of unknown length being read takes the one upload place: another is told to
        // come back, while a request without a body (a GET) is not held up.
        let reading = Arc::new(tokio::sync::Notify::new());
        let first_read = reading.clone();
        let unsized_trickle = futures::stream::once(async move {
            first_read.notify_one();
            Ok::<_, std::io::Error>(axum::body::Bytes::from_static(b"{"))
        })
        .chain(futures::stream::pending());
        let slow = tokio::spawn(
            router
                .clone()
                .oneshot(post(Body::from_stream(unsized_trickle), None)),
        );
        reading.notified().await;
        let another = router
            .clone()
            .oneshot(post(
                Body::from_stream(futures::stream::pending::<
                    Result<axum::body::Bytes, std::io::Error>,
                >()),
                None,
            ))
            .await
            .unwrap_or_else(|e| match e {});
        assert_eq!(another.status(), StatusCode::SERVICE_UNAVAILABLE);
        let get = router
            .oneshot(
                Request::get("/echo")
                    .body(Body::empty())
                    .unwrap_or_default(),
            )
            .await
            .unwrap_or_else(|e| match e {});
        assert_eq!(
            get.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "answered, not refused"
        );
        slow.abort();
    }

    #[tokio::test]
    async fn every_answer_says_nosniff_even_the_layers_own() {
        let config = ApiConfig {
            request_timeout_secs: 1,
            ..Default::default()
        };
        for path in ["/panic", "/slow", "/nowhere"] {
            let response = hardened(&config)
                .oneshot(Request::get(path).body(Body::empty()).unwrap_or_default())
                .await
                .unwrap_or_else(|e| match e {});
            assert_eq!(
                response.headers().get("x-content-type-options"),
                Some(&HeaderValue::from_static("nosniff")),
                "{path}"
            );
        }
    }

    #[tokio::test]
    async fn a_slow_request_is_cut_off_with_408() {
        let config = ApiConfig {
            request_timeout_secs: 1,
            ..Default::default()
        };
        let started = std::time::Instant::now();
        let (status, _) = call(hardened(&config), "/slow").await;
        assert_eq!(status, StatusCode::REQUEST_TIMEOUT);
        assert!(started.elapsed() < Duration::from_secs(4));
    }
}
