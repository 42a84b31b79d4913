//! Signing in on the web: an API token, once, or through the identity provider
//! (`provider.rs`); then a session.
//!
//! The session is `tower-sessions`' (cookie `koers_sessie`: HttpOnly, SameSite=Lax, `Secure`
//! unless `--insecure-cookies`, path `/`), kept in the database (`store.rs`), so every koers
//! process on it knows it. A session exists only once someone has signed in, or pressed the
//! button that signs in through the provider (which keeps that sign-in's state, nonce and PKCE
//! verifier): reading a page or the sign-in form stores nothing. It holds the token's row id
//! (never the token) or the provider's account (name, role, layer), when it was signed in, and
//! a form token against cross-site requests (CSRF), which the sign-out form sends back and
//! [`check_form`] compares. The sign-in form itself, before any session, is
//! guarded by the browser's own word on where a request comes from (`Sec-Fetch-Site`, else
//! `Origin`: `sign_in::same_origin`). Its id is new at sign-in (no fixation). It ends after
//! `--session-idle-minutes` without use (each request moves the end), [`MAX_HOURS`] after
//! sign-in whatever happens, on sign-out, and at the first request after its token is revoked
//! or expires: each request asks the database whether the token still holds (a provider's
//! account holds as vouched for until the session ends).
//!
//! A page that is not signed in, where the deployment does not allow anonymous reading, gets
//! the sign-in form (`sign_in.rs`) with status 401.

mod provider;
pub mod sign_in;
mod store;

pub use provider::{finish as provider_finish, start as provider_start};
pub(super) use sign_in::on_koers;
pub use store::DatabaseStore;

use crate::service::accounts::access::Caller;
use tower_sessions::{Expiry, Session, SessionManagerLayer};

/// The session cookie's name.
pub const COOKIE: &str = "koers_sessie";
/// The session key of the signed-in token's row id.
const TOKEN_ID: &str = "token_id";
/// The session key of the account an identity provider signed the session in with.
const PROVIDER_ACCOUNT: &str = "provider_account";
/// The session key of a sign-in under way at the identity provider.
const PENDING: &str = "oidc_pending";
/// The session key of the form token.
const FORM_TOKEN: &str = "form_token";
/// The session key of the moment of sign-in (seconds since 1970).
const SIGNED_IN_AT: &str = "signed_in_at";
/// How long a session lasts at most, however busy: a working day and a bit.
pub const MAX_HOURS: i64 = 12;
/// How long a session signed in through the identity provider lasts at most: koers cannot ask
/// the provider whether the account still holds (withdrawn, another role), so this bounds how
/// long a withdrawn account keeps working; the provider usually remembers the user, so signing
/// in again is one button.
pub const PROVIDER_MINUTES: i64 = 60;

/// The session layer over `store`: the cookie's flags, and how long a session lasts unused.
pub fn layer(
    store: DatabaseStore,
    secure: bool,
    idle_minutes: i64,
) -> SessionManagerLayer<DatabaseStore> {
    SessionManagerLayer::new(store)
        .with_name(COOKIE)
        // Saved on every request: the idle time counts from the last one.
        .with_always_save(true)
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
    /// What the page is asked to show: the plan now or as of a day.
    pub view: crate::web::as_of::View,
    /// The language the reader reads in.
    pub text: crate::web::text::Text,
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

/// The signed-in session's form token. None when the session cannot be read or has none
/// (the caller shows the page that says so).
pub(crate) async fn form_token(session: &Session) -> Option<String> {
    match session.get::<String>(FORM_TOKEN).await {
        Ok(token) => token,
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
    use subtle::ConstantTimeEq;
    bool::from(expected.as_bytes().ct_eq(sent.as_bytes()))
}

/// What a session is signed in with.
pub(crate) enum Account {
    /// An API token: its row id (each request asks whether it still holds).
    Token(i32),
    /// An account an identity provider vouched for at sign-in: as it was then.
    Provider(Caller),
}

/// An identity provider's account as the session keeps it.
#[derive(serde::Serialize, serde::Deserialize)]
struct ProviderAccount {
    name: String,
    role: entity::Role,
    layer: Option<entity::GovernmentLayer>,
}

/// What the session is signed in with at `now` (koers's clock), if anything: none once it was
/// signed in longer ago than [`MAX_HOURS`] with a token, or [`PROVIDER_MINUTES`] through the
/// identity provider (it is ended then).
pub(crate) async fn account(
    session: &Session,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<Account>, ()> {
    let read = |error: tower_sessions::session::Error| {
        tracing::error!(%error, "the session could not be read");
    };
    let account = match session.get::<i32>(TOKEN_ID).await.map_err(read)? {
        Some(id) => Account::Token(id),
        None => match session
            .get::<ProviderAccount>(PROVIDER_ACCOUNT)
            .await
            .map_err(read)?
        {
            Some(a) => Account::Provider(Caller {
                name: a.name,
                role: a.role,
                layer: a.layer,
            }),
            None => return Ok(None),
        },
    };
    let since = session.get::<i64>(SIGNED_IN_AT).await.map_err(read)?;
    let now = now.timestamp();
    let most = match &account {
        Account::Token(_) => MAX_HOURS * 3600,
        Account::Provider(_) => PROVIDER_MINUTES * 60,
    };
    if since.is_none_or(|since| now - since > most) {
        end(session).await;
        return Ok(None);
    }
    Ok(Some(account))
}

/// Sign the session in with token row `id`: a new session id (whatever id a visitor was
/// handed before is worthless now), the moment, and a new form token; the layer's idle time
/// applies.
pub(crate) async fn sign_in(
    session: &Session,
    id: i32,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), ()> {
    sign_in_as(session, Account::Token(id), now).await
}

/// Sign the session in with `account` (see [`sign_in`]); a sign-in under way is done with.
pub(super) async fn sign_in_as(
    session: &Session,
    account: Account,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), ()> {
    let failed = |error: tower_sessions::session::Error| {
        tracing::error!(%error, "the session could not be written");
    };
    session.cycle_id().await.map_err(failed)?;
    let _ = session.remove_value(PENDING).await.map_err(failed)?;
    match account {
        Account::Token(id) => {
            let _ = session
                .remove_value(PROVIDER_ACCOUNT)
                .await
                .map_err(failed)?;
            session.insert(TOKEN_ID, id).await.map_err(failed)?;
        }
        Account::Provider(caller) => {
            let _ = session.remove_value(TOKEN_ID).await.map_err(failed)?;
            let kept = ProviderAccount {
                name: caller.name,
                role: caller.role,
                layer: caller.layer,
            };
            session
                .insert(PROVIDER_ACCOUNT, kept)
                .await
                .map_err(failed)?;
        }
    }
    session
        .insert(SIGNED_IN_AT, now.timestamp())
        .await
        .map_err(failed)?;
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
