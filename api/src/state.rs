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
    /// Failed sign-ins per client address (none when the limit is off).
    pub failed_sign_ins: Option<Arc<FailedSignIns>>,
}

/// Failed sign-ins (unknown, revoked or expired tokens; identity tokens that do not verify)
/// per client address: past `--failed-sign-ins-per-minute`, the address's requests are refused
/// with 429 before any token is looked up, until its rate allows another try. Each failure
/// would otherwise cost a database lookup, for anyone who guesses.
pub struct FailedSignIns {
    limiter: governor::DefaultKeyedRateLimiter<std::net::IpAddr>,
    /// Addresses refused until a moment.
    blocked: std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, std::time::Instant>>,
}

impl FailedSignIns {
    /// `per_minute` failures per address, in bursts up to the same number.
    pub fn new(per_minute: NonZeroU32) -> Self {
        FailedSignIns {
            limiter: RateLimiter::keyed(Quota::per_minute(per_minute)),
            blocked: Default::default(),
        }
    }

    /// How long `address` is still refused, if it is.
    pub fn refused_for(&self, address: std::net::IpAddr) -> Option<std::time::Duration> {
        let now = std::time::Instant::now();
        let blocked = self.blocked.lock().ok()?;
        blocked
            .get(&address)
            .and_then(|until| until.checked_duration_since(now))
            .filter(|left| !left.is_zero())
    }

    /// Count a failed sign-in from `address`; past its rate it is refused for a while.
    pub fn failed(&self, address: std::net::IpAddr) {
        if let Err(not_until) = self.limiter.check_key(&address) {
            let wait = not_until.wait_time_from(governor::clock::Clock::now(
                &governor::clock::DefaultClock::default(),
            ));
            let now = std::time::Instant::now();
            if let Ok(mut blocked) = self.blocked.lock() {
                blocked.retain(|_, until| *until > now);
                blocked.insert(address, now + wait.max(std::time::Duration::from_secs(1)));
            }
        }
    }
}

impl AppState {
    /// State over `db` with the given clock and configuration.
    pub fn new(db: DatabaseConnection, clock: Arc<dyn Clock>, config: ApiConfig) -> Self {
        let limiter = NonZeroU32::new(config.rate_per_minute)
            .map(|rate| Arc::new(RateLimiter::keyed(Quota::per_minute(rate))));
        let failed_sign_ins = NonZeroU32::new(config.failed_sign_ins_per_minute)
            .map(|rate| Arc::new(FailedSignIns::new(rate)));
        Self {
            db,
            clock,
            config: Arc::new(config),
            limiter,
            oidc: None,
            failed_sign_ins,
        }
    }

    /// The same state, accepting the identity tokens `verifier` checks.
    pub fn with_oidc(mut self, verifier: Option<Verifier>) -> Self {
        self.oidc = verifier.map(Arc::new);
        self
    }
}
