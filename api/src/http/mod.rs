//! The HTTP layer: routes, the GraphQL endpoint, limits, and serving with graceful shutdown.

mod auth;
pub mod export;
pub mod graphiql;
mod graphql;
pub mod reports;
mod serve;

pub use serve::{serve, serve_on};

use crate::config::ApiConfig;
use crate::graphql::{KoersSchema, build_schema};
use crate::state::AppState;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Shared by the handlers: the state and the schema built from it.
#[derive(Clone)]
pub(crate) struct Api {
    state: AppState,
    schema: KoersSchema,
}

/// The router of koers over `state`.
pub fn router(state: AppState) -> Router {
    let config = state.config.clone();
    let api = Api {
        schema: build_schema(state.clone()),
        state,
    };
    let routes = Router::new()
        .route("/graphql", get(graphql::get).post(graphql::post))
        .route("/graphiql/{file}", get(graphiql::asset))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .route("/export/milestones.ndjson", get(export_milestones))
        .route("/reports/{file}", get(report_document))
        .with_state(api);
    harden(routes, &config)
}

/// The layers around every route: the cap on requests in flight, body limit, timeout, panic
/// catcher, CORS, request ids, tracing, JSON error bodies, the metrics of every answer, and
/// `X-Content-Type-Options: nosniff` on every response (outermost, so the layers' own answers
/// carry it too).
fn harden(routes: Router, config: &ApiConfig) -> Router {
    let in_flight = Arc::new(tokio::sync::Semaphore::new(config.max_in_flight));
    routes
        .layer(axum::middleware::from_fn_with_state(
            in_flight,
            limit_in_flight,
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
        .layer(TraceLayer::new_for_http())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(axum::middleware::map_response(json_errors))
        .layer(axum::middleware::from_fn(measure))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
}

/// At most `--max-in-flight` requests at once: one more is answered 503 with `Retry-After` at
/// once rather than queued (a queue would hold its memory and its client's patience). The
/// health check is never refused this way.
async fn limit_in_flight(
    State(in_flight): State<Arc<tokio::sync::Semaphore>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if matches!(request.uri().path(), "/healthz" | "/metrics") {
        return next.run(request).await;
    }
    let Ok(_permit) = in_flight.try_acquire() else {
        crate::metrics::METRICS.refused("in_flight");
        let mut response = error_response(
            StatusCode::SERVICE_UNAVAILABLE,
            "UNAVAILABLE",
            "the server is handling as many requests as it allows: try again shortly",
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return response;
    };
    next.run(request).await
}

/// Count and time every answer by its route (as matched: bounded, never the client's path).
async fn measure(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    use crate::metrics::{HttpLabels, METRICS, RouteLabels};
    let route = request
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    // Counted down when the request ends, also when it is cut off.
    struct InFlight;
    impl Drop for InFlight {
        fn drop(&mut self) {
            METRICS.in_flight.dec();
        }
    }
    METRICS.in_flight.inc();
    let _in_flight = InFlight;
    let started = std::time::Instant::now();
    let response = next.run(request).await;
    METRICS
        .http_duration
        .get_or_create(&RouteLabels {
            route: route.clone(),
        })
        .observe(started.elapsed().as_secs_f64());
    METRICS
        .http_requests
        .get_or_create(&HttpLabels {
            route,
            method,
            status: response.status().as_u16(),
        })
        .inc();
    response
}

/// `GET /metrics`: the Prometheus text format (`crate::metrics`). It holds counts and times,
/// no plan data, and is open like `/healthz`.
async fn metrics(State(api): State<Api>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        crate::metrics::METRICS.render(&api.state.db),
    )
        .into_response()
}

/// Every error answer is JSON with a code, whoever made it (a route that does not exist, a
/// path that does not parse, a body over the limit, the timeout): an error response whose body
/// is not JSON gets the usual `{"errors": [{"message", "extensions": {"code"}}]}` instead
/// (its other headers, such as `Allow` or `Retry-After`, stay).
async fn json_errors(response: Response) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.starts_with("application/json") || v.starts_with("application/graphql-response+json")
        });
    if json {
        return response;
    }
    let (code, message) = match status {
        StatusCode::NOT_FOUND => ("NOT_FOUND", "there is nothing at this address"),
        StatusCode::METHOD_NOT_ALLOWED => (
            "METHOD_NOT_ALLOWED",
            "this address does not take this method",
        ),
        StatusCode::REQUEST_TIMEOUT => (
            "REQUEST_TIMEOUT",
            "the request took longer than the server allows",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "PAYLOAD_TOO_LARGE",
            "the request body is larger than the server allows",
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "UNSUPPORTED_MEDIA_TYPE",
            "the request body is not of a type this address takes",
        ),
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => (
            "REQUEST_HEADER_FIELDS_TOO_LARGE",
            "the request headers are larger than the server allows",
        ),
        StatusCode::TOO_MANY_REQUESTS => (
            "RATE_LIMITED",
            "too many requests: wait before sending more",
        ),
        StatusCode::SERVICE_UNAVAILABLE => (
            "UNAVAILABLE",
            "the service cannot answer now: try again shortly",
        ),
        s if s.is_server_error() => ("INTERNAL", "internal error"),
        _ => (
            "BAD_REQUEST",
            "the request is not one this address understands",
        ),
    };
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    let body = json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    Response::from_parts(parts, axum::body::Body::from(body.to_string()))
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

/// The answer to a failure of the server's own: a generic message (the cause is logged where it
/// happened), never its text.
fn internal_error() -> Response {
    error_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        "INTERNAL",
        "internal error",
    )
}

/// Seconds a client is asked to wait when the database is out of reach.
const RETRY_AFTER_OUTAGE: &str = "5";

/// The answer when the database cannot be reached: 503, `Retry-After`, and the code
/// `DATABASE_UNAVAILABLE` (the cause is logged where it happened).
fn database_unavailable() -> Response {
    let mut response = error_response(
        StatusCode::SERVICE_UNAVAILABLE,
        "DATABASE_UNAVAILABLE",
        "the database cannot be reached just now: try again shortly",
    );
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from_static(RETRY_AFTER_OUTAGE),
    );
    response
}

/// A GraphQL-shaped error body with a code.
fn error_response(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    (status, Json(body)).into_response()
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

/// How long the health check waits for the database before it says the service is down.
const HEALTH_WAIT: Duration = Duration::from_millis(1500);

async fn healthz(State(api): State<Api>) -> Response {
    let ping = tokio::time::timeout(HEALTH_WAIT, api.state.db.ping()).await;
    match ping {
        Ok(Ok(())) => Json(json!({ "status": "ok" })).into_response(),
        failed => {
            match failed {
                Ok(Err(err)) => tracing::warn!(error = %err, "health check: the database failed"),
                _ => tracing::warn!("health check: the database did not answer in time"),
            }
            let mut response = (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "code": "DATABASE_UNAVAILABLE" })),
            )
                .into_response();
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from_static(RETRY_AFTER_OUTAGE),
            );
            response
        }
    }
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
        let router = hardened(&config);
        let busy = tokio::spawn(call(router.clone(), "/slow"));
        tokio::time::sleep(Duration::from_millis(100)).await;
        let response = router
            .clone()
            .oneshot(
                Request::get("/slow")
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
