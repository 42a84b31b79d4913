//! Signing in on the web: an API token, once, then a session.
//!
//! The session is `tower-sessions`' (cookie `koers_sessie`: HttpOnly, SameSite=Lax, `Secure`
//! with `--secure-cookies`, path `/`), kept in the database (`store.rs`), so every koers process
//! on it knows it. It holds the token's row id (never the token) and a form token against
//! cross-site requests (CSRF), which every form that changes something sends back and
//! [`check_form`] compares. Its id is new at sign-in (no fixation). It ends after
//! `--session-idle-minutes` without use, on sign-out, and at the first request after its token
//! is revoked or expires: each request asks the database whether the token still holds.
//!
//! A page that is not signed in, where the deployment does not allow anonymous reading, gets
//! the sign-in form (`sign_in.rs`) with status 401.

pub mod sign_in;
mod store;

pub use store::DatabaseStore;

use crate::service::accounts::access::Caller;
use tower_sessions::{Expiry, Session, SessionManagerLayer};

/// The session cookie's name.
pub const COOKIE: &str = "koers_sessie";
/// The session key of the signed-in token's row id.
const TOKEN_ID: &str = "token_id";
/// The session key of the form token.
const FORM_TOKEN: &str = "form_token";
/// How long a session waits for a sign-in that has not happened yet (the form's session).
const SIGN_IN_MINUTES: i64 = 15;

/// The session layer over `store`: the cookie's flags, and how long a session lasts unused.
pub fn layer(
    store: DatabaseStore,
    secure: bool,
    idle_minutes: i64,
) -> SessionManagerLayer<DatabaseStore> {
    SessionManagerLayer::new(store)
        .with_name(COOKIE)
        .with_http_only(true)
        .with_same_site(tower_sessions::cookie::SameSite::Lax)
        .with_secure(secure)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(idle_minutes)))
}

/// Who reads a page, and how.
pub(crate) struct Reader {
    /// The caller the API sees.
    pub caller: Caller,
    /// How the reader came in.
    pub how: How,
}

/// How a reader came in.
pub(crate) enum How {
    /// Signed in on the web: the session's form token, for the sign-out form.
    Session { form_token: String },
    /// With an `Authorization` header (an API client, or a proxy in front of koers).
    Header,
    /// Not signed in, where the deployment allows reading anyway.
    Anonymous,
}

/// A fresh random form token: 32 bytes, URL-safe base64.
fn fresh_token() -> Option<String> {
    use base64::Engine;
    let mut bytes = [0_u8; 32];
    getrandom::fill(&mut bytes).ok()?;
    Some(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// The session's form token, made (and the session kept `SIGN_IN_MINUTES`) when it has none.
/// None when the session cannot be read or written (the caller shows the page that says so).
pub(crate) async fn form_token(session: &Session) -> Option<String> {
    match session.get::<String>(FORM_TOKEN).await {
        Ok(Some(token)) => Some(token),
        Ok(None) => {
            let token = fresh_token()?;
            session.insert(FORM_TOKEN, &token).await.ok()?;
            if session.get::<i32>(TOKEN_ID).await.ok().flatten().is_none() {
                session.set_expiry(Some(Expiry::OnInactivity(time::Duration::minutes(
                    SIGN_IN_MINUTES,
                ))));
            }
            Some(token)
        }
        Err(error) => {
            tracing::error!(%error, "the session could not be read");
            None
        }
    }
}

/// Whether `sent` (a form's `formulier` field) is the session's form token, compared in
/// constant time. A session without one accepts nothing.
pub(crate) async fn check_form(session: &Session, sent: &str) -> bool {
    let Ok(Some(expected)) = session.get::<String>(FORM_TOKEN).await else {
        return false;
    };
    let (a, b) = (expected.as_bytes(), sent.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0_u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The token row id the session is signed in with, if any.
pub(crate) async fn token_id(session: &Session) -> Result<Option<i32>, ()> {
    session.get::<i32>(TOKEN_ID).await.map_err(|error| {
        tracing::error!(%error, "the session could not be read");
    })
}

/// Sign the session in with token row `id`: a new session id (whatever id a visitor was
/// handed before is worthless now), a new form token, and the configured idle time.
pub(crate) async fn sign_in(session: &Session, id: i32) -> Result<(), ()> {
    let failed = |error: tower_sessions::session::Error| {
        tracing::error!(%error, "the session could not be written");
    };
    session.cycle_id().await.map_err(failed)?;
    session.set_expiry(None);
    session.insert(TOKEN_ID, id).await.map_err(failed)?;
    let token = fresh_token().ok_or(())?;
    session.insert(FORM_TOKEN, token).await.map_err(failed)?;
    Ok(())
}

/// End the session: its row is deleted and the cookie cleared.
pub(crate) async fn end(session: &Session) {
    if let Err(error) = session.flush().await {
        tracing::error!(%error, "a session could not be ended");
    }
}
