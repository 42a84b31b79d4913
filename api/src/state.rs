//! `AppState`: what every request shares (database, clock, configuration).

use crate::clock::Clock;
use crate::config::ApiConfig;
use sea_orm::DatabaseConnection;
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
}

impl AppState {
    /// State over `db` with the given clock and configuration.
    pub fn new(db: DatabaseConnection, clock: Arc<dyn Clock>, config: ApiConfig) -> Self {
        Self {
            db,
            clock,
            config: Arc::new(config),
        }
    }
}
