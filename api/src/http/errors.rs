//! The error answers of the HTTP layer: every one is JSON with a code
//! (`{"errors": [{"message", "extensions": {"code"}}]}`), whoever made it.

use crate::error::ApiError;
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// Seconds a client is asked to wait when the database is out of reach.
pub(super) const RETRY_AFTER_OUTAGE: &str = "5";

/// Seconds a client is asked to wait when koers is at one of its limits.
pub(super) const RETRY_AFTER_BUSY: &str = "1";

/// `response` with `Retry-After: seconds`.
pub(super) fn retry_after(mut response: Response, seconds: &'static str) -> Response {
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static(seconds));
    response
}

/// A GraphQL-shaped error body with a code.
pub(super) fn error_response(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    (status, Json(body)).into_response()
}

/// The answer to a failure of the server's own: a generic message (the cause is logged where it
/// happened), never its text.
pub(super) fn internal_error() -> Response {
    error_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        "INTERNAL",
        "internal error",
    )
}

/// The answer when the database cannot be reached: 503, `Retry-After`, and the code
/// `DATABASE_UNAVAILABLE` (the cause is logged where it happened).
pub(super) fn database_unavailable() -> Response {
    retry_after(
        error_response(
            StatusCode::SERVICE_UNAVAILABLE,
            "DATABASE_UNAVAILABLE",
            "the database cannot be reached just now: try again shortly",
        ),
        RETRY_AFTER_OUTAGE,
    )
}

/// The answer to a failure of the server's side in `doing` (e.g. "authentication"): 503
/// `DATABASE_UNAVAILABLE` for an outage (logged as a warning), else 500 `INTERNAL` (logged as
/// an error with its cause). Errors of the client's making are answered by their callers.
pub(super) fn server_failure(doing: &str, err: ApiError) -> Response {
    match err {
        ApiError::Unavailable(cause) => {
            tracing::warn!(%cause, "{doing}: database unavailable");
            database_unavailable()
        }
        other => {
            tracing::error!(error = ?other, "{doing} failed");
            internal_error()
        }
    }
}

/// Every error answer is JSON with a code, whoever made it (a route that does not exist, a
/// path that does not parse, a body over the limit, the timeout): an error response whose body
/// is not JSON gets the usual `{"errors": [{"message", "extensions": {"code"}}]}` instead
/// (its other headers, such as `Allow` or `Retry-After`, stay). Answers hyper gives before a
/// request reaches koers (431 for headers over its limit, 400 for a request that does not
/// parse) have no body.
pub(super) async fn json_errors(response: Response) -> Response {
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
    // JSON errors keep their body, and so do the web app's pages that say what went wrong
    // (marked by `web`, so no other route's HTML error passes unnoticed).
    if json || response.extensions().get::<crate::web::WebPage>().is_some() {
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
