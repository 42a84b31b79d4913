//! The metrics of every answer, and `GET /metrics` (`crate::metrics`).

use axum::http::{Method, header};
use axum::response::{IntoResponse, Response};
use sea_orm::DatabaseConnection;

/// Count and time every answer by its route (as matched: bounded, never the client's path) and
/// its method (one of a fixed set).
pub(super) async fn measure(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    use crate::metrics::{HttpLabels, METRICS, RouteLabels};
    let route = request
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned());
    let method = method_label(request.method());
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
            method: method.to_owned(),
            status: response.status().as_u16(),
        })
        .inc();
    response
}

/// The `method` label: `GET`, `POST`, `HEAD`, `OPTIONS`, or `other` (a client may send any
/// token as a method; a label may not take any value).
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// `GET /metrics`: the Prometheus text format. It holds counts and times, no plan data, and is
/// open like `/healthz`.
pub(super) fn metrics(db: &DatabaseConnection) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        crate::metrics::METRICS.render(db),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_methods_label_is_one_of_a_few() {
        assert_eq!(method_label(&Method::POST), "POST");
        let made_up = Method::from_bytes(b"SOMETHING-NEW-EVERY-TIME-1234").unwrap_or(Method::PATCH);
        assert_eq!(method_label(&made_up), "other");
        assert_eq!(method_label(&Method::DELETE), "other");
    }
}
