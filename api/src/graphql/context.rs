//! Typed access to what a resolver needs from the request context.

use crate::service::Actor;
use crate::service::accounts::access::Caller;
use crate::service::history::as_of::Snapshot;
use crate::service::schedule::{self, Schedule};
use crate::state::AppState;
use async_graphql::Context;
use sea_orm::DatabaseConnection;
use std::sync::{Arc, Mutex};

/// Per-request facts, set by the HTTP layer.
#[derive(Clone, Debug)]
pub struct RequestInfo {
    /// The request id (from `x-request-id`, or generated).
    pub request_id: String,
    /// Who is making the request (authenticated by the HTTP layer).
    pub caller: Caller,
    /// The idempotency key the request holds, if it sent one (its writes mark it committed).
    pub claim: Option<crate::service::store::idempotency::Held>,
    /// The language of text for users the request asked for (`Accept-Language`).
    pub language: crate::service::language::Language,
    /// The status date of the request's live reads, fixed when the request starts.
    pub status_date: chrono::NaiveDate,
}

/// Accessors on the resolver context.
pub trait ContextExt {
    /// The shared state.
    fn state(&self) -> async_graphql::Result<&AppState>;
    /// The database.
    fn db(&self) -> async_graphql::Result<&DatabaseConnection> {
        Ok(&self.state()?.db)
    }
    /// Start a write: the actor of a change made now, in this request. Every write asks for it
    /// first, and it drops what the request cached of the plan before the write (the live
    /// schedule, the as-of snapshots it opened), so later fields read the plan as changed.
    fn writer(&self) -> async_graphql::Result<Actor>;
    /// Who is making the request, for reads. Without request facts (a schema executed outside
    /// the HTTP layer), an anonymous viewer.
    fn caller(&self) -> Caller;
    /// The language of text for users the request asked for (`Accept-Language`; Dutch
    /// without request facts).
    fn language(&self) -> crate::service::language::Language;
    /// The status date of a live read: the configured fixed one, else today in the
    /// Netherlands from the clock.
    fn status_date(&self) -> async_graphql::Result<chrono::NaiveDate>;
    /// The plan as it stood at `at`, shared by every field of the request that asks for it.
    fn snapshot(&self, at: chrono::DateTime<chrono::Utc>) -> async_graphql::Result<Arc<Snapshot>>;
    /// The live plan's schedule, computed once per request (again after a write).
    fn schedule(
        &self,
    ) -> impl std::future::Future<Output = async_graphql::Result<Arc<Schedule>>> + Send;
    /// Count `objects` handed to the current field against the request's budget
    /// (`graphql::budget`): each weighs 1 and the fields asked of it (fragments expanded,
    /// aliases counted), so a thousand aliased titles on each of many objects cost what they
    /// build. Fails with `RESULT_TOO_LARGE` once the budget is spent, after yielding once, so
    /// that `execute` can stop a query as a whole. Without a budget (a schema executed outside
    /// the HTTP layer) nothing is counted.
    fn load_objects(
        &self,
        objects: usize,
    ) -> impl std::future::Future<Output = async_graphql::Result<()>> + Send;
}

/// `request` with fresh caches of its own: the live schedule (computed once, dropped by a
/// write: `ContextExt::writer`) and the as-of views it opens. Every request the HTTP layer runs
/// gets them; without them (a schema executed elsewhere) nothing is cached.
pub fn with_caches(request: async_graphql::Request) -> async_graphql::Request {
    request
        .data(ScheduleCell::default())
        .data(Snapshots::default())
}

/// The as-of views a request has opened, by moment.
#[derive(Default)]
struct Snapshots(Mutex<std::collections::HashMap<chrono::DateTime<chrono::Utc>, Arc<Snapshot>>>);

/// The request's computed schedule: computed once, however many fields ask at the same time.
#[derive(Default)]
struct ScheduleCell(Mutex<Arc<tokio::sync::OnceCell<Arc<Schedule>>>>);

impl ScheduleCell {
    fn current(&self) -> Arc<tokio::sync::OnceCell<Arc<Schedule>>> {
        self.0.lock().map(|cell| cell.clone()).unwrap_or_default()
    }

    /// Forget the schedule (a write is coming): the next field computes it afresh.
    fn reset(&self) {
        if let Ok(mut cell) = self.0.lock() {
            *cell = Arc::default();
        }
    }
}

impl ContextExt for Context<'_> {
    fn state(&self) -> async_graphql::Result<&AppState> {
        self.data::<AppState>()
    }

    async fn load_objects(&self, objects: usize) -> async_graphql::Result<()> {
        let Some(budget) = self.data_opt::<Arc<super::budget::Budget>>() else {
            return Ok(());
        };
        if objects == 0 {
            return Ok(());
        }
        let each = 1 + self.field().selection_set().count();
        if let Err(err) = budget.load(objects.saturating_mul(each)) {
            // Give `execute` its turn: it stops a query whose budget is spent.
            tokio::task::yield_now().await;
            return Err(err.into());
        }
        Ok(())
    }

    fn writer(&self) -> async_graphql::Result<Actor> {
        let state = self.state()?;
        if let Some(cell) = self.data_opt::<ScheduleCell>() {
            cell.reset();
        }
        if let Some(open) = self.data_opt::<Snapshots>()
            && let Ok(mut open) = open.0.lock()
        {
            open.clear();
        }
        let info = self.data_opt::<RequestInfo>();
        let request_id = info.map_or_else(|| "internal".to_owned(), |i| i.request_id.clone());
        let now = state.clock.now();
        // What can have happened: up to the status date, and never after today (a fixed status
        // date in the future is a view, not a licence to record the future).
        let happened_by = self
            .status_date()?
            .min(crate::service::schedule::status_date::dutch_day(now));
        let mut actor = self.caller().acting(request_id, now, happened_by);
        actor.rules = state.config.schedule(self.status_date()?);
        actor.claim = info.and_then(|i| i.claim.clone());
        Ok(actor)
    }

    fn language(&self) -> crate::service::language::Language {
        self.data_opt::<RequestInfo>()
            .map_or(crate::service::language::Language::Nl, |i| i.language)
    }

    fn status_date(&self) -> async_graphql::Result<chrono::NaiveDate> {
        if let Some(info) = self.data_opt::<RequestInfo>() {
            return Ok(info.status_date);
        }
        let state = self.state()?;
        Ok(state.config.status_date().at(state.clock.now()))
    }

    fn caller(&self) -> Caller {
        self.data_opt::<RequestInfo>()
            .map_or_else(Caller::anonymous, |i| i.caller.clone())
    }

    fn snapshot(&self, at: chrono::DateTime<chrono::Utc>) -> async_graphql::Result<Arc<Snapshot>> {
        let state = self.state()?;
        let rules = state.config.schedule(self.status_date()?);
        let fresh = || Arc::new(Snapshot::new(state.db.clone(), at, rules));
        let Some(open) = self.data_opt::<Snapshots>() else {
            return Ok(fresh());
        };
        let mut open = open
            .0
            .lock()
            .map_err(|_| crate::error::ApiError::Internal("snapshots lock".into()))?;
        Ok(open.entry(at).or_insert_with(fresh).clone())
    }

    async fn schedule(&self) -> async_graphql::Result<Arc<Schedule>> {
        let state = self.state()?;
        let status_date = self.status_date()?;
        let compute = || async {
            let started = std::time::Instant::now();
            let live = schedule::live(&state.db, state.config.schedule(status_date)).await?;
            crate::metrics::METRICS
                .schedule_seconds
                .observe(started.elapsed().as_secs_f64());
            Ok::<_, crate::error::ApiError>(Arc::new(live))
        };
        match self.data_opt::<ScheduleCell>() {
            Some(cell) => Ok(cell.current().get_or_try_init(compute).await?.clone()),
            None => Ok(compute().await?),
        }
    }
}
