//! What operations see of koers: metrics in the Prometheus text format at `GET /metrics`
//! (`prometheus-client`, the Prometheus project's own Rust client). One registry per process,
//! as Prometheus scrapes a process; every label has a bounded set of values (routes, root fields
//! of the schema, outcomes), never a client's text.
//!
//! | metric | what |
//! |---|---|
//! | `koers_http_requests_total{route,method,status}` | answers, by route (as matched), method and status code |
//! | `koers_http_request_duration_seconds{route}` | time to answer, by route |
//! | `koers_http_requests_in_flight` | requests being handled now |
//! | `koers_graphql_operations_total{kind,outcome}` | GraphQL operations: query or mutation; ok, error (some field failed), refused (never ran) or unavailable (the database) |
//! | `koers_graphql_operation_duration_seconds{kind}` | time to run an operation |
//! | `koers_graphql_root_fields_total{field}` | root fields asked for (those of the schema; others count as `unknown`) |
//! | `koers_refused_total{reason}` | requests refused by a limit: `account_rate`, `failed_sign_ins`, `in_flight`, `connections` |
//! | `koers_db_connections{state}` | the database pool's connections, `idle` and `in_use`, when scraped |
//! | `koers_db_unavailable_total` | statements that found the database out of reach |
//! | `koers_schedule_seconds` | computing the live schedule |
//! | `koers_report_render_seconds{format}` | rendering a report document |
//!
//! The pool's waits for a connection are not exposed by the driver; `koers_db_connections`
//! with `in_use` at the pool's size, and `koers_db_unavailable_total`, show a starved pool.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use std::sync::LazyLock;

/// An HTTP answer's labels.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct HttpLabels {
    /// The route as matched (`/reports/{file}`), or `unmatched`.
    pub route: String,
    /// The method.
    pub method: String,
    /// The status code.
    pub status: u16,
}

/// A route.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    /// The route as matched.
    pub route: String,
}

/// A GraphQL operation's kind and outcome.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OperationLabels {
    /// `query`, `mutation`, or `unknown` (it did not parse).
    pub kind: &'static str,
    /// `ok`, `error`, `refused` or `unavailable`.
    pub outcome: &'static str,
}

/// A GraphQL operation's kind.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct KindLabels {
    /// `query`, `mutation` or `unknown`.
    pub kind: &'static str,
}

/// A root field.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct FieldLabels {
    /// Its name in the schema, or `unknown`.
    pub field: String,
}

/// Why a request was refused.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ReasonLabels {
    /// The limit.
    pub reason: &'static str,
}

/// A pool's connections by state.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct StateLabels {
    /// `idle` or `in_use`.
    pub state: &'static str,
}

/// A document format.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct FormatLabels {
    /// `md`, `html`, `pdf` or `odt`.
    pub format: String,
}

fn seconds() -> Histogram {
    // 1 ms to about 33 s.
    Histogram::new(exponential_buckets(0.001, 2.0, 16))
}

/// The process's metrics.
pub struct Metrics {
    registry: Registry,
    /// Answers by route, method and status.
    pub http_requests: Family<HttpLabels, Counter>,
    /// Time to answer by route.
    pub http_duration: Family<RouteLabels, Histogram, fn() -> Histogram>,
    /// Requests being handled.
    pub in_flight: Gauge,
    /// GraphQL operations by kind and outcome.
    pub operations: Family<OperationLabels, Counter>,
    /// Time to run an operation, by kind.
    pub operation_duration: Family<KindLabels, Histogram, fn() -> Histogram>,
    /// Root fields asked for.
    pub root_fields: Family<FieldLabels, Counter>,
    /// Requests refused by a limit.
    pub refused: Family<ReasonLabels, Counter>,
    /// The pool's connections.
    pub db_connections: Family<StateLabels, Gauge>,
    /// Statements that found the database out of reach.
    pub db_unavailable: Counter,
    /// Computing the live schedule.
    pub schedule_seconds: Histogram,
    /// Rendering a report document, by format.
    pub report_render_seconds: Family<FormatLabels, Histogram, fn() -> Histogram>,
}

impl Metrics {
    fn new() -> Self {
        let mut registry = Registry::with_prefix("koers");
        let metrics = Metrics {
            http_requests: Family::default(),
            http_duration: Family::new_with_constructor(seconds),
            in_flight: Gauge::default(),
            operations: Family::default(),
            operation_duration: Family::new_with_constructor(seconds),
            root_fields: Family::default(),
            refused: Family::default(),
            db_connections: Family::default(),
            db_unavailable: Counter::default(),
            schedule_seconds: seconds(),
            report_render_seconds: Family::new_with_constructor(seconds),
            registry: Registry::default(),
        };
        registry.register(
            "http_requests",
            "HTTP answers by route, method and status",
            metrics.http_requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "Time to answer, by route",
            metrics.http_duration.clone(),
        );
        registry.register(
            "http_requests_in_flight",
            "Requests being handled now",
            metrics.in_flight.clone(),
        );
        registry.register(
            "graphql_operations",
            "GraphQL operations by kind and outcome",
            metrics.operations.clone(),
        );
        registry.register(
            "graphql_operation_duration_seconds",
            "Time to run a GraphQL operation, by kind",
            metrics.operation_duration.clone(),
        );
        registry.register(
            "graphql_root_fields",
            "Root fields asked for",
            metrics.root_fields.clone(),
        );
        registry.register(
            "refused",
            "Requests refused by a limit, by reason",
            metrics.refused.clone(),
        );
        registry.register(
            "db_connections",
            "The database pool's connections by state, when scraped",
            metrics.db_connections.clone(),
        );
        registry.register(
            "db_unavailable",
            "Statements that found the database out of reach",
            metrics.db_unavailable.clone(),
        );
        registry.register(
            "schedule_seconds",
            "Computing the live schedule",
            metrics.schedule_seconds.clone(),
        );
        registry.register(
            "report_render_seconds",
            "Rendering a report document, by format",
            metrics.report_render_seconds.clone(),
        );
        Metrics {
            registry,
            ..metrics
        }
    }

    /// Count a refusal by a limit.
    pub fn refused(&self, reason: &'static str) {
        self.refused.get_or_create(&ReasonLabels { reason }).inc();
    }

    /// The metrics in the Prometheus text format, with the pool of `db` as it is now.
    pub fn render(&self, db: &sea_orm::DatabaseConnection) -> String {
        let (size, idle) = pool(db);
        self.db_connections
            .get_or_create(&StateLabels { state: "idle" })
            .set(i64::from(idle));
        self.db_connections
            .get_or_create(&StateLabels { state: "in_use" })
            .set(i64::from(size.saturating_sub(idle)));
        let mut text = String::new();
        if prometheus_client::encoding::text::encode(&mut text, &self.registry).is_err() {
            tracing::error!("encoding the metrics failed");
        }
        text
    }
}

/// The pool's size and idle connections.
fn pool(db: &sea_orm::DatabaseConnection) -> (u32, u32) {
    match db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (
                pool.size(),
                u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
            )
        }
        sea_orm::DatabaseBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            (
                pool.size(),
                u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
            )
        }
        _ => (0, 0),
    }
}

/// The process's metrics.
pub static METRICS: LazyLock<Metrics> = LazyLock::new(Metrics::new);
