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
    /// The identity provider users sign in with on the web, if any (`--oidc-client-id`).
    pub sign_in_provider: Option<Arc<crate::oidc::SignInProvider>>,
    /// Sign-ins through the provider started per client address and minute (each keeps a
    /// session row): at most `--failed-sign-ins-per-minute` (none when that limit is off).
    pub sign_in_starts: Option<Arc<DefaultKeyedRateLimiter<std::net::IpAddr>>>,
    /// Failed sign-ins per client address (none when the limit is off).
    pub failed_sign_ins: Option<Arc<FailedSignIns>>,
}

/// Failed sign-ins (unknown, revoked or expired tokens; identity tokens that do not verify)
/// per client address: at most `--failed-sign-ins-per-minute` (n) in any 60 seconds. After the
/// n-th, the address's requests are refused with 429 before any token is looked up, until the
/// first of those failures is a minute old. Each failure costs a database lookup, for anyone who
/// guesses: this bounds the lookups per address to n a minute exactly. (governor, used for the
/// accounts' rate, refuses a request only once it is over the rate, one lookup too late here.)
///
/// An address is an IPv4 address or an IPv6 /64 (one host usually holds a whole /64). Behind a
/// proxy or a NAT every client shares the proxy's address: a guesser there also locks out its
/// neighbours for a minute; such a deployment sets the limit with that in mind.
pub struct FailedSignIns {
    per_minute: usize,
    /// The moments of each address's failures in the last minute, oldest first.
    recent: std::sync::Mutex<
        std::collections::HashMap<std::net::IpAddr, std::collections::VecDeque<std::time::Instant>>,
    >,
}

/// The window failed sign-ins are counted in.
const FAILED_SIGN_IN_WINDOW: std::time::Duration = std::time::Duration::from_secs(60);

/// The addresses kept before those whose failures are all older than a minute are forgotten.
const FAILED_SIGN_INS_KEPT: usize = 10_000;

impl FailedSignIns {
    /// `per_minute` failures per address.
    pub fn new(per_minute: NonZeroU32) -> Self {
        FailedSignIns {
            per_minute: usize::try_from(per_minute.get()).unwrap_or(usize::MAX),
            recent: Default::default(),
        }
    }

    /// Before a token from `address` is looked up: `Err` with how long the address is still
    /// refused, or the attempt, counted at once as a failure (so parallel guesses cannot all
    /// pass before any of them is counted) until [`Self::succeeded`] takes it back.
    pub fn attempt(&self, address: std::net::IpAddr) -> Result<Attempt, std::time::Duration> {
        let now = std::time::Instant::now();
        let address = client(address);
        let Ok(mut recent) = self.recent.lock() else {
            return Ok(Attempt { address, at: now });
        };
        if recent.len() > FAILED_SIGN_INS_KEPT {
            recent.retain(|_, failures| {
                failures
                    .back()
                    .is_some_and(|at| now.duration_since(*at) < FAILED_SIGN_IN_WINDOW)
            });
        }
        let failures = recent.entry(address).or_default();
        while failures
            .front()
            .is_some_and(|at| now.duration_since(*at) >= FAILED_SIGN_IN_WINDOW)
        {
            failures.pop_front();
        }
        if failures.len() >= self.per_minute {
            // Refused until the oldest failure that still counts leaves the window.
            let wait = failures.front().map_or(FAILED_SIGN_IN_WINDOW, |oldest| {
                (*oldest + FAILED_SIGN_IN_WINDOW).saturating_duration_since(now)
            });
            return Err(wait.max(std::time::Duration::from_millis(1)));
        }
        failures.push_back(now);
        Ok(Attempt { address, at: now })
    }

    /// The attempt was no failed sign-in (it signed in, or the check itself failed).
    pub fn succeeded(&self, attempt: Attempt) {
        if let Ok(mut recent) = self.recent.lock()
            && let Some(failures) = recent.get_mut(&attempt.address)
            && let Some(index) = failures.iter().rposition(|at| *at == attempt.at)
        {
            failures.remove(index);
        }
    }
}

/// A sign-in being tried, counted as failed until it succeeds ([`FailedSignIns::attempt`]).
#[derive(Debug)]
pub struct Attempt {
    address: std::net::IpAddr,
    at: std::time::Instant,
}

/// The key of a client address: an IPv4 address (also when written as IPv4-mapped IPv6), or
/// the /64 network of an IPv6 address.
pub(crate) fn client(address: std::net::IpAddr) -> std::net::IpAddr {
    match address {
        std::net::IpAddr::V4(v4) => std::net::IpAddr::V4(v4),
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => std::net::IpAddr::V4(v4),
            None => std::net::IpAddr::V6(std::net::Ipv6Addr::from(
                u128::from(v6) & !((1u128 << 64) - 1),
            )),
        },
    }
}

impl AppState {
    /// State over `db` with the given clock and configuration.
    pub fn new(db: DatabaseConnection, clock: Arc<dyn Clock>, config: ApiConfig) -> Self {
        let limiter = NonZeroU32::new(config.rate_per_minute)
            .map(|rate| Arc::new(RateLimiter::keyed(Quota::per_minute(rate))));
        let sign_in_starts = NonZeroU32::new(config.failed_sign_ins_per_minute)
            .map(|rate| Arc::new(RateLimiter::keyed(Quota::per_minute(rate))));
        let failed_sign_ins = NonZeroU32::new(config.failed_sign_ins_per_minute)
            .map(|rate| Arc::new(FailedSignIns::new(rate)));
        Self {
            db,
            clock,
            config: Arc::new(config),
            limiter,
            oidc: None,
            sign_in_provider: None,
            sign_in_starts,
            failed_sign_ins,
        }
    }

    /// The same state, accepting the identity tokens `verifier` checks.
    pub fn with_oidc(mut self, verifier: Option<Verifier>) -> Self {
        self.oidc = verifier.map(Arc::new);
        self
    }

    /// The same state, offering sign-in on the web through `provider` (whose identity tokens
    /// the `with_oidc` verifier checks).
    pub fn with_sign_in_provider(mut self, provider: Option<crate::oidc::SignInProvider>) -> Self {
        self.sign_in_provider = provider.map(Arc::new);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::IpAddr;

    fn address(text: &str) -> IpAddr {
        text.parse()
            .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED))
    }

    #[test]
    fn the_nth_failure_blocks_the_address_and_only_it() {
        for n in [1u32, 2, 5] {
            let Some(per_minute) = NonZeroU32::new(n) else {
                continue;
            };
            let failures = FailedSignIns::new(per_minute);
            let guesser = address("192.0.2.7");
            for attempt in 0..n {
                assert!(
                    failures.attempt(guesser).is_ok(),
                    "n = {n}, attempt {attempt}"
                );
            }
            assert!(
                failures.attempt(guesser).is_err(),
                "n = {n}: refused after {n}"
            );
            assert!(failures.attempt(address("192.0.2.8")).is_ok(), "n = {n}");
        }
    }

    #[test]
    fn a_sign_in_that_succeeds_is_no_failure() {
        let Some(two) = NonZeroU32::new(2) else {
            return;
        };
        let failures = FailedSignIns::new(two);
        let user = address("192.0.2.9");
        for _ in 0..10 {
            let attempt = failures.attempt(user).expect("let in");
            failures.succeeded(attempt);
        }
        assert!(failures.attempt(user).is_ok());
    }

    #[test]
    fn an_ipv6_client_is_its_64_and_a_mapped_ipv4_client_its_address() {
        let Some(one) = NonZeroU32::new(1) else {
            return;
        };
        let failures = FailedSignIns::new(one);
        assert!(failures.attempt(address("2001:db8:1:2::1")).is_ok());
        assert!(failures.attempt(address("2001:db8:1:2:ffff::9")).is_err());
        assert!(failures.attempt(address("2001:db8:1:3::1")).is_ok());
        assert!(failures.attempt(address("::ffff:192.0.2.9")).is_ok());
        assert!(failures.attempt(address("192.0.2.9")).is_err());
    }
}
