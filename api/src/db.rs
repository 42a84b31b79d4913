//! Connecting to the database and running the migrations.

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
use std::time::Duration;

/// Connect to `url` (SQLite or PostgreSQL).
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_in_schema(url, None).await
}

/// Connect to `url`; on PostgreSQL, work inside `schema` (tests use one schema per test).
pub async fn connect_in_schema(
    url: &str,
    schema: Option<&str>,
) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    if let Some(schema) = schema {
        options.set_schema_search_path(schema.to_owned());
    }
    options
        .sqlx_logging(false)
        .connect_timeout(Duration::from_secs(5))
        // During an outage a request waits this long for a connection, then answers 503.
        .acquire_timeout(Duration::from_secs(5));
    // A connection whose transaction the driver still counts as open (a transaction dropped
    // while one of its statements was running) is closed (which rolls it back) instead of
    // handed out. A BEGIN cut off halfway is not counted by the driver at all: that case is
    // prevented where transactions begin (`service::begin_write`, the only way, which
    // clippy.toml enforces).
    options
        .map_sqlx_sqlite_before_acquire(|conn, _| {
            Box::pin(async move { Ok(!sea_orm::sqlx::Connection::is_in_transaction(conn)) })
        })
        .map_sqlx_postgres_before_acquire(|conn, _| {
            Box::pin(async move { Ok(!sea_orm::sqlx::Connection::is_in_transaction(conn)) })
        });
    if url.starts_with("sqlite:") {
        if url.contains(":memory:") {
            // An in-memory database lives as long as its one connection: never let it go.
            options
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None::<Duration>)
                .max_lifetime(None::<Duration>);
        } else {
            options.max_connections(8);
        }
    } else {
        options.max_connections(16);
    }
    let db = Database::connect(options).await?;
    if db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        use sea_orm::ConnectionTrait;
        // Foreign keys and the busy timeout are on for every pooled connection (sqlx's defaults);
        // WAL is a property of the file, so setting it once is enough.
        if !url.contains(":memory:") {
            db.execute_unprepared("PRAGMA journal_mode = WAL;").await?;
        }
    }
    Ok(db)
}

/// One connection to `url` for the health check (`/healthz`): outside the pool, at most one,
/// and quick to give up (1.5 s to connect), so the check tells whether the database answers,
/// not whether the pool has a connection free.
pub async fn connect_probe(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .max_connections(1)
        .min_connections(0)
        .connect_timeout(Duration::from_millis(1500))
        .acquire_timeout(Duration::from_millis(1500));
    Database::connect(options).await
}

/// Apply all pending migrations.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Count each statement for the operation that runs it (`telemetry::counted`), and with
/// `log`, log it (values inlined) with its duration under the `koers::sql` target.
pub fn observe_statements(db: &mut DatabaseConnection, log: bool) {
    db.set_metric_callback(move |info| {
        crate::telemetry::statement_ran();
        if log {
            tracing::info!(
                target: "koers::sql",
                elapsed_us = u64::try_from(info.elapsed.as_micros()).unwrap_or(u64::MAX),
                failed = info.failed,
                sql = %info.statement,
                "statement"
            );
        }
    });
}
