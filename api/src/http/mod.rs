//! The HTTP layer: routes, the GraphQL endpoint, limits, and serving with graceful shutdown.

pub mod export;
pub mod graphiql;
pub mod reports;

use crate::graphql::context::RequestInfo;
use crate::graphql::loaders::Loaders;
use crate::graphql::{KoersSchema, build_schema};
use crate::state::AppState;
use async_graphql::{BatchRequest, BatchResponse};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use std::net::SocketAddr;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Shared by the handlers: the state and the schema built from it.
#[derive(Clone)]
struct Api {
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
    Router::new()
        .route("/graphql", get(graphiql::page).post(graphql))
        .route("/graphiql/{file}", get(graphiql::asset))
        .route("/healthz", get(healthz))
        .route("/export/milestones.ndjson", get(export_milestones))
        .route("/reports/{file}", get(report_document))
        .with_state(api)
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(config.request_timeout_secs),
        ))
        .layer(CatchPanicLayer::custom(
            |_: Box<dyn std::any::Any + Send>| {
                tracing::error!("a request handler panicked");
                error_response(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "INTERNAL",
                    "internal error",
                )
            },
        ))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

/// Serve `router(state)` on `addr` until SIGINT or SIGTERM.
pub async fn serve(state: AppState, addr: SocketAddr) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(%addr, "koers listening; GraphiQL at http://{addr}/graphql");
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}

/// A GraphQL-shaped error body with a code.
fn error_response(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    (status, Json(body)).into_response()
}

async fn report_document(
    State(api): State<Api>,
    axum::extract::Path(file): axum::extract::Path<String>,
) -> Response {
    reports::document(api.state.clone(), &file).await
}

async fn export_milestones(State(api): State<Api>) -> Response {
    export::milestones(api.state).await
}

async fn healthz(State(api): State<Api>) -> Response {
    match api.state.db.ping().await {
        Ok(()) => Json(json!({ "status": "ok" })).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable" })),
            )
                .into_response()
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

async fn graphql(State(api): State<Api>, headers: HeaderMap, body: Bytes) -> Response {
    let json_body = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .eq_ignore_ascii_case("application/json")
        })
        .unwrap_or(false);
    if !json_body {
        return error_response(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "send GraphQL requests as application/json",
        );
    }
    let batch: BatchRequest = match serde_json::from_slice(&body) {
        Ok(b) => b,
        Err(_) => {
            return error_response(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                "the body is not a GraphQL request in JSON",
            );
        }
    };
    let max_batch = api.state.config.max_batch;
    let requests = match batch {
        BatchRequest::Single(r) => vec![r],
        BatchRequest::Batch(rs) if rs.len() > max_batch => {
            return error_response(
                StatusCode::BAD_REQUEST,
                "BATCH_LIMIT",
                &format!("a batch may hold at most {max_batch} operations"),
            );
        }
        BatchRequest::Batch(rs) if rs.is_empty() => {
            return error_response(StatusCode::BAD_REQUEST, "BAD_REQUEST", "the batch is empty");
        }
        BatchRequest::Batch(rs) => rs,
    };
    let single = requests.len() == 1 && !body.trim_ascii_start().starts_with(b"[");
    let info = RequestInfo {
        request_id: request_id(&headers),
        actor: api.state.config.default_actor.clone(),
    };
    let mut responses = Vec::with_capacity(requests.len());
    for request in requests {
        let request = Loaders::register(request.data(info.clone()), &api.state.db);
        let mut response = api.schema.execute(request).await;
        crate::graphql::error_codes::apply(&mut response);
        responses.push(response);
    }
    let response = if single {
        match responses.pop() {
            Some(r) => BatchResponse::Single(r),
            None => BatchResponse::Batch(vec![]),
        }
    } else {
        BatchResponse::Batch(responses)
    };
    Json(response).into_response()
}
