//! Typed access to what a resolver needs from the request context.

use crate::service::Actor;
use crate::state::AppState;
use async_graphql::Context;
use sea_orm::DatabaseConnection;

/// Per-request facts, set by the HTTP layer.
#[derive(Clone, Debug)]
pub struct RequestInfo {
    /// The request id (from `x-request-id`, or generated).
    pub request_id: String,
    /// Who is making the request.
    pub actor: String,
}

/// Accessors on the resolver context.
pub trait ContextExt {
    /// The shared state.
    fn state(&self) -> async_graphql::Result<&AppState>;
    /// The database.
    fn db(&self) -> async_graphql::Result<&DatabaseConnection> {
        Ok(&self.state()?.db)
    }
    /// The actor of a change made now, in this request.
    fn actor(&self) -> async_graphql::Result<Actor>;
}

impl ContextExt for Context<'_> {
    fn state(&self) -> async_graphql::Result<&AppState> {
        self.data::<AppState>()
    }

    fn actor(&self) -> async_graphql::Result<Actor> {
        let state = self.state()?;
        let info = self.data_opt::<RequestInfo>();
        Ok(Actor {
            name: info.map_or_else(|| state.config.default_actor.clone(), |i| i.actor.clone()),
            request_id: info.map_or_else(|| "internal".to_owned(), |i| i.request_id.clone()),
            at: state.clock.now(),
        })
    }
}
