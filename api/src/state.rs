//! `AppState`: what every request shares (database, clock, configuration).

use crate::clock::Clock;
use crate::config::ApiConfig;
use crate::oidc::Verifier;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use sea_orm::DatabaseConnection;
use std::num::NonZeroU32;
use std::sync::Arc;

/// Shared state of the service.
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub db: DatabaseConnection,
    /// The injected clock.
    pub clock: Arc<dyn Clock>,
    /// Limits and defaults of the API.
    pub config: Arc<ApiConfig>,
    /// Requests per account and minute (none when the limit is off).
    pub limiter: Option<Arc<DefaultKeyedRateLimiter<String>>>,
    /// The identity provider whose tokens are accepted, if any.
    pub oidc: Option<Arc<Verifier>>,
}

impl AppState {
    /// State over `db` with the given clock and configuration.
    pub fn new(db: DatabaseConnection, clock: Arc<dyn Clock>, config: ApiConfig) -> Self {
        let limiter = NonZeroU32::new(config.rate_per_minute)
            .map(|rate| Arc::new(RateLimiter::keyed(Quota::per_minute(rate))));
        Self {
            db,
            clock,
            config: Arc::new(config),
            limiter,
            oidc: None,
        }
    }

    /// The same state, accepting the identity tokens `verifier` checks.
    pub fn with_oidc(mut self, verifier: Option<Verifier>) -> Self {
        self.oidc = verifier.map(Arc::new);
        self
    }
}
