//! `GET /healthz`: whether this process can reach its database, answered within two seconds.

use super::errors::{RETRY_AFTER_OUTAGE, retry_after};
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sea_orm::DatabaseConnection;
use serde_json::json;
use std::time::{Duration, Instant};

/// How long the health check waits for the database before it says the service is down.
const HEALTH_WAIT: Duration = Duration::from_millis(1500);

/// How long one answer of the database stands for every probe.
const FRESH_FOR: Duration = Duration::from_secs(1);

/// The last answer of the database to a probe. One probe at a time asks the database (the
/// others wait for its answer, at most [`HEALTH_WAIT`]), and an answer is reused for
/// [`FRESH_FOR`]: however often a load balancer probes, the database sees one ping a second.
///
/// With a database URL (`--database-url`, as `serve` sets it) the probe pings over a connection
/// of its own, outside the pool: a pool whose connections are all taken by a burst of queries
/// is busy, not down. The connection is made on the first probe, and again after one fails.
#[derive(Default)]
pub(super) struct Probe {
    last: tokio::sync::Mutex<Option<(Instant, bool)>>,
    /// The URL to connect to, and the connection once made.
    own: Option<(String, tokio::sync::Mutex<Option<DatabaseConnection>>)>,
}

impl Probe {
    /// A probe that pings `url` over a connection of its own, or the pool when `None`.
    pub(super) fn new(url: Option<String>) -> Self {
        Probe {
            last: Default::default(),
            own: url.map(|url| (url, Default::default())),
        }
    }

    /// Ping the database: over the probe's own connection when it has a URL, else the pool.
    async fn ping(&self, pool: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
        let Some((url, own)) = &self.own else {
            return pool.ping().await;
        };
        let mut own = own.lock().await;
        if own.is_none() {
            *own = Some(crate::db::connect_probe(url).await?);
        }
        let result = match own.as_ref() {
            Some(db) => db.ping().await,
            None => Ok(()),
        };
        if result.is_err() {
            // Connected afresh next time.
            *own = None;
        }
        result
    }

    /// Whether the database answers, asked at most once per [`FRESH_FOR`].
    async fn database_answers(&self, db: &DatabaseConnection) -> bool {
        let mut last = self.last.lock().await;
        if let Some((at, up)) = *last
            && at.elapsed() < FRESH_FOR
        {
            return up;
        }
        let up = match tokio::time::timeout(HEALTH_WAIT, self.ping(db)).await {
            Ok(Ok(())) => true,
            Ok(Err(err)) => {
                tracing::warn!(error = %err, "health check: the database failed");
                false
            }
            Err(_) => {
                tracing::warn!("health check: the database did not answer in time");
                false
            }
        };
        *last = Some((Instant::now(), up));
        up
    }
}

/// 200 `{"status": "ok"}`, or 503 `{"status": "unavailable", "code": "DATABASE_UNAVAILABLE"}`
/// with `Retry-After`.
pub(super) async fn healthz(probe: &Probe, db: &DatabaseConnection) -> Response {
    let up = tokio::time::timeout(
        HEALTH_WAIT + Duration::from_millis(250),
        probe.database_answers(db),
    )
    .await
    .unwrap_or(false);
    if up {
        return Json(json!({ "status": "ok" })).into_response();
    }
    retry_after(
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "unavailable", "code": "DATABASE_UNAVAILABLE" })),
        )
            .into_response(),
        RETRY_AFTER_OUTAGE,
    )
}
