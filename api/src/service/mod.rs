//! Domain rules and persistence of the plan. No GraphQL here: resolvers call these functions.

pub mod crud;
pub mod demo;
pub mod history;
pub mod links;
pub mod page;
pub mod validate;

pub mod commitments;
pub mod data_sources;
pub mod kpis;
pub mod measurements;
pub mod milestones;
pub mod plan;
pub mod recess;
pub mod tasks;

use chrono::{DateTime, Utc};

/// Who changes the plan, when, and in which request: stamped on every change record.
#[derive(Clone, Debug)]
pub struct Actor {
    /// Who makes the change (until accounts exist, the configured default actor).
    pub name: String,
    /// The request this change belongs to.
    pub request_id: String,
    /// The moment of the change, from the injected clock.
    pub at: DateTime<Utc>,
}

/// The outcome of an update that takes the version the client last saw.
#[derive(Debug)]
pub enum Versioned<T> {
    /// Applied: the object as it now stands.
    Applied(T),
    /// The client's version was stale: nothing changed; the current object.
    Conflict(T),
}
