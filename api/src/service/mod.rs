//! Domain rules and persistence of the plan. No GraphQL here: resolvers call these functions.
//!
//! Grouped by domain, so a feature is found by its name:
//! - `plan`: the programme's frame (organisations, programme, phases, workstreams), milestones,
//!   their dependencies and links, health overrides, risks, the whole-plan export;
//! - `data`: KPIs with their targets and measurements, data sources, data-infrastructure tasks;
//! - `parliament`: the Kamer's recess calendar, commitments (toezeggingen) and their letters;
//! - `schedule`: what the dates mean (projections, slack, health, critical path), the status
//!   date, baselines;
//! - `history`: recording every change, listing the records, as-of views of the plan;
//! - `reports`: the progress report for the Kamer (its document and its workflow);
//! - `accounts`: who may do what (`access`), API tokens;
//! - `store`: generic persistence (versioned create, update, soft delete), list filters and
//!   pages, input rules, idempotency keys;
//! - `language`: the words of each language text for users is written in.

// One folder per domain; each folder's index says what its modules own.
pub mod accounts;
pub mod data;
pub mod history;
pub mod language;
pub mod parliament;
pub mod plan;
pub mod reports;
pub mod schedule;
pub mod store;

#[cfg(test)]
mod layering;

use chrono::{DateTime, Utc};

/// Who changes the plan, when, and in which request: stamped on every change record.
#[derive(Clone, Debug)]
pub struct Actor {
    /// Who makes the change: the account's name.
    pub name: String,
    /// What the account may do (decided in `access`).
    pub role: entity::Role,
    /// The layer of a layer manager.
    pub layer: Option<entity::GovernmentLayer>,
    /// The request this change belongs to.
    pub request_id: String,
    /// The moment of the change, from the injected clock.
    pub at: DateTime<Utc>,
    /// The status date of the change ("today" for the plan: see `status_date`): what has
    /// happened cannot be dated after it.
    pub status_date: chrono::NaiveDate,
    /// The schedule's rules of a live read in this request (its status date, which a fixed
    /// status date in the future may put after `status_date`, and the at-risk margin): for the
    /// rules that judge a change against the computed plan (a health override).
    pub rules: schedule::Settings,
    /// The reason given for this change (`changeReason`, one line), stored with each of its
    /// change records.
    pub change_reason: Option<String>,
    /// The idempotency key the request holds, if it sent one: [`commit`] marks it.
    pub claim: Option<store::idempotency::Held>,
}

impl Actor {
    /// koers itself or an operator at the command line (demo, generate, bench): an administrator.
    pub fn system(name: &str, at: DateTime<Utc>) -> Self {
        Actor {
            name: name.to_owned(),
            role: entity::Role::Admin,
            layer: None,
            request_id: name.to_owned(),
            at,
            status_date: schedule::status_date::dutch_day(at),
            rules: schedule::Settings::at(schedule::status_date::dutch_day(at)),
            change_reason: None,
            claim: None,
        }
    }
}

/// The schedule's default rules on `status_date` (an actor's, until the request sets its own).
fn schedule_rules(status_date: chrono::NaiveDate) -> schedule::Settings {
    schedule::Settings::at(status_date)
}

/// The outcome of an update that takes the version the client last saw.
#[derive(Debug)]
pub enum Versioned<T> {
    /// Applied: the object as it now stands.
    Applied(T),
    /// The client's version was stale: nothing changed; the current object.
    Conflict(T),
}

/// Commit a write transaction of `actor`: with the request's idempotency claim marked committed
/// in it (so a retry knows the work was saved even when its answer was lost). Every write made
/// on a client's behalf commits through here.
pub async fn commit(
    txn: sea_orm::DatabaseTransaction,
    actor: &Actor,
) -> crate::error::ApiResult<()> {
    if let Some(held) = &actor.claim {
        store::idempotency::mark_committed(&txn, held).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Start a transaction that will write. On SQLite it takes the write lock at once (`BEGIN
/// IMMEDIATE`), so two writers queue on the busy timeout instead of failing when both try to
/// upgrade a read lock; PostgreSQL ignores the mode.
///
/// The `BEGIN` runs to its end on a task of its own, whatever happens to the request that asked
/// for it. A `BEGIN` cut off halfway (its request was cancelled: the client went away, the
/// timeout fired) would leave its pooled connection inside a transaction the driver does not
/// know of (sqlx counts a transaction only once `BEGIN` has answered, and then rolls nothing
/// back): the next requests' statements on that connection would run inside it, never
/// committed, and hold their locks. Finished on its own task, a transaction nobody waits for
/// any more is dropped there and rolled back.
pub async fn begin_write(
    db: &sea_orm::DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    let db = db.clone();
    tokio::spawn(async move {
        #[allow(
            clippy::disallowed_methods,
            reason = "the one place a transaction begins"
        )]
        db.begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        })
        .await
    })
    .await
    .map_err(|err| sea_orm::DbErr::Custom(format!("beginning a transaction: {err}")))?
}

/// Serialise writers that check-then-write on shared state (the dependency graph, one KPI's
/// targets, the recess calendar). SQLite writers are already serialised by `begin_write`;
/// PostgreSQL takes a transaction-scoped advisory lock named by `key`.
pub async fn lock(txn: &sea_orm::DatabaseTransaction, key: &str) -> Result<(), sea_orm::DbErr> {
    use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock(hashtext($1))",
            [key.into()],
        ))
        .await?;
    }
    Ok(())
}
