//! The cap on requests in flight, and the request body read before a request takes a place.

use super::errors::{RETRY_AFTER_BUSY, error_response, retry_after};
use axum::http::{StatusCode, header};
use axum::response::Response;
use std::sync::Arc;
use std::time::Duration;

/// What [`limit_in_flight`] needs: the places, and how a body must arrive to be let in.
#[derive(Clone)]
pub(super) struct InFlight {
    /// One permit per request in flight (`--max-in-flight`).
    pub places: Arc<tokio::sync::Semaphore>,
    /// One permit per large body being read (as many as `--max-in-flight`).
    pub uploads: Arc<tokio::sync::Semaphore>,
    /// How long a client has to send its whole body (`--header-timeout-secs`).
    pub body_deadline: Duration,
    /// The largest body taken, in bytes (`--max-body-bytes`).
    pub max_body_bytes: usize,
}

/// At most `--max-in-flight` requests at once: one more is answered 503 with `Retry-After` at
/// once rather than queued (a queue would hold its memory and its client's patience). The
/// health check and the metrics are never refused this way.
///
/// The body is read in full before a place is taken, so a client that sends its body slowly
/// holds a connection (under `--max-connections`) but no place: a body that has not arrived
/// within `--header-timeout-secs` is answered 408 `REQUEST_TIMEOUT`, one over
/// `--max-body-bytes` 413 `PAYLOAD_TOO_LARGE` (as soon as its length shows it). A body that
/// says it is small (at most [`SMALL_BODY`] bytes, as GraphQL requests are) is read without
/// more ado; a larger one, or one of unknown length, also needs one of `--max-in-flight`
/// upload places (503 without), so the bodies held in memory at once stay bounded:
/// `--max-connections` small ones and `--max-in-flight` large ones.
pub(super) async fn limit_in_flight(
    axum::extract::State(limits): axum::extract::State<InFlight>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if matches!(request.uri().path(), "/healthz" | "/metrics") {
        return next.run(request).await;
    }
    // What the body says of its size: none at all (a GET), its Content-Length, or unknown
    // (chunked).
    let small = axum::body::HttpBody::size_hint(request.body())
        .exact()
        .or_else(|| {
            request
                .headers()
                .get(header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok())
        })
        .is_some_and(|n| n <= SMALL_BODY);
    let _uploading = if small {
        None
    } else {
        match limits.uploads.clone().try_acquire_owned() {
            Ok(permit) => Some(permit),
            Err(_) => return at_capacity(),
        }
    };
    let request = match read_body(request, &limits).await {
        Ok(request) => request,
        Err(refused) => return refused,
    };
    drop(_uploading);
    let Ok(_permit) = limits.places.try_acquire() else {
        return at_capacity();
    };
    next.run(request).await
}

/// The largest body read without an upload place, in bytes.
pub(super) const SMALL_BODY: u64 = 64 * 1024;

/// 503 `UNAVAILABLE` with `Retry-After`: as many requests as allowed are being handled.
fn at_capacity() -> Response {
    crate::metrics::METRICS.refused("in_flight");
    retry_after(
        error_response(
            StatusCode::SERVICE_UNAVAILABLE,
            "UNAVAILABLE",
            "the server is handling as many requests as it allows: try again shortly",
        ),
        RETRY_AFTER_BUSY,
    )
}

/// `request` with its body read into memory, or the answer that refuses it.
async fn read_body(
    request: axum::extract::Request,
    limits: &InFlight,
) -> Result<axum::extract::Request, Response> {
    let too_large = || {
        error_response(
            StatusCode::PAYLOAD_TOO_LARGE,
            "PAYLOAD_TOO_LARGE",
            &format!(
                "the request body is larger than the server allows ({} bytes, --max-body-bytes)",
                limits.max_body_bytes
            ),
        )
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limits.max_body_bytes as u64) {
        return Err(too_large());
    }
    let (parts, body) = request.into_parts();
    let limited = http_body_util::Limited::new(body, limits.max_body_bytes);
    let read = tokio::time::timeout(
        limits.body_deadline,
        http_body_util::BodyExt::collect(limited),
    );
    match read.await {
        Ok(Ok(collected)) => Ok(axum::extract::Request::from_parts(
            parts,
            axum::body::Body::from(collected.to_bytes()),
        )),
        Ok(Err(err)) if err.is::<http_body_util::LengthLimitError>() => Err(too_large()),
        Ok(Err(_)) => Err(error_response(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "the request body could not be read",
        )),
        Err(_) => Err(error_response(
            StatusCode::REQUEST_TIMEOUT,
            "REQUEST_TIMEOUT",
            "the request body did not arrive in time",
        )),
    }
}
