//! Who is calling, from the `Authorization: Bearer` header: a koers API token, or (when an
//! issuer is configured) an OIDC JWT; anonymous only when the deployment allows it. What the
//! caller may do is decided in `service::accounts::access`, not here. Also the per-caller rate limit.

use crate::error::ApiError;
use crate::service::accounts::access::Caller;
use crate::service::accounts::tokens;
use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use std::net::{IpAddr, SocketAddr};

/// The client's address, when the server knows it (every connection `serve` accepts carries
/// it; a request made in-process has none).
pub struct Peer(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for Peer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Peer(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|info| info.0.ip()),
        ))
    }
}

/// 429 with `Retry-After`: whole seconds, rounded up (a client that waits that long is let in),
/// at least one.
fn too_many(message: &str, wait: std::time::Duration) -> Response {
    let wait = wait.as_millis().div_ceil(1000).max(1);
    let mut response = super::error_response(
        StatusCode::TOO_MANY_REQUESTS,
        "RATE_LIMITED",
        &format!("{message}: try again in {wait} s"),
    );
    if let Ok(value) = HeaderValue::from_str(&wait.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// 401 with the challenge a client needs to see.
fn unauthenticated(message: &str) -> Response {
    let mut response = super::error_response(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", message);
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"koers\""),
    );
    response
}

/// The caller of a request, or the response that refuses it.
async fn caller(
    state: &AppState,
    headers: &HeaderMap,
    peer: Option<IpAddr>,
) -> Result<Caller, Response> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return if state.config.allow_anonymous {
            Ok(Caller::anonymous())
        } else {
            Err(unauthenticated(
                "sign in: send `Authorization: Bearer <token>` (anonymous access is off)",
            ))
        };
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|v| {
            let (scheme, token) = v.split_once(' ')?;
            scheme
                .eq_ignore_ascii_case("bearer")
                .then_some(token.trim())
        })
        .filter(|t| !t.is_empty())
        .ok_or_else(|| unauthenticated("the Authorization header must be `Bearer <token>`"))?;
    // Counted as a failure from here until it succeeds: parallel guesses are counted too.
    let attempt = match state.failed_sign_ins.as_deref().zip(peer) {
        Some((failures, address)) => match failures.attempt(address) {
            Ok(attempt) => Some((failures, attempt)),
            Err(wait) => {
                crate::metrics::METRICS.refused("failed_sign_ins");
                return Err(too_many("too many failed sign-ins from this address", wait));
            }
        },
        None => None,
    };
    let now = state.clock.now();
    let result = if token.starts_with(tokens::PREFIX) {
        tokens::authenticate(&state.db, token, now).await
    } else if let Some(oidc) = &state.oidc {
        oidc.verify(token, now).await
    } else {
        Err(ApiError::Unauthenticated(
            "the token is unknown, revoked or expired".into(),
        ))
    };
    // Only a token refused is a failed sign-in (not a database out of reach).
    if !matches!(result, Err(ApiError::Unauthenticated(_)))
        && let Some((failures, attempt)) = attempt
    {
        failures.succeeded(attempt);
    }
    result.map_err(|err| match err {
        ApiError::Unauthenticated(message) => unauthenticated(&message),
        other => super::server_failure("authentication", other),
    })
}

/// Authenticate and rate-limit a request from `peer`: its caller, or the response that
/// refuses it.
pub async fn admit(state: &AppState, headers: &HeaderMap, peer: &Peer) -> Result<Caller, Response> {
    let caller = caller(state, headers, peer.0).await?;
    match rate_limited(state, &caller) {
        Some(limited) => Err(limited),
        None => Ok(caller),
    }
}

/// The 429 that refuses the request when `caller` has used up its rate; none while it has not.
pub(crate) fn rate_limited(state: &AppState, caller: &Caller) -> Option<Response> {
    let limiter = state.limiter.as_ref()?;
    limiter.check_key(&caller.name).err().map(|not_until| {
        crate::metrics::METRICS.refused("account_rate");
        let wait = not_until.wait_time_from(governor::clock::Clock::now(
            &governor::clock::DefaultClock::default(),
        ));
        too_many("too many requests", wait)
    })
}
