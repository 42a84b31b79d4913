//! Signing in on the web through the identity provider (`--oidc-client-id`): authorization code
//! flow with PKCE, the protocol in `crate::oidc::sign_in` (the `openidconnect` crate).
//!
//! `POST /aanmelden/oidc` (the sign-in page's second button; like the token form accepted only
//! from koers's own pages) starts a sign-in: the session keeps the state, nonce and PKCE
//! verifier (the first thing it keeps before anyone is signed in: only this button makes it)
//! and the browser goes to the provider. `GET /aanmelden/oidc/terug` is where the provider sends
//! it back: the `state` must be the session's (compared in constant time), the sign-in at most
//! [`PENDING_SECONDS`] old and used once; the code is exchanged with the verifier, the identity
//! token checked, and the account it names signs the session in, under a new id, for at most
//! [`super::PROVIDER_MINUTES`]. Every failure is a page in the reader's language that says what to do and leaves
//! nothing behind (a session that held only the sign-in is deleted); a code or token the
//! provider or koers refuses counts as a failed sign-in of the address, as a wrong token does (a
//! provider that cannot be reached does not). Pressing the button is limited as anonymous
//! reading is (`--rate-per-minute`), and what it keeps lasts [`PENDING_SECONDS`].

use super::super::language::chosen;
use super::super::text::{Text, say};
use super::super::{Api, problem};
use super::sign_in::{render, same_origin, unreadable};
use crate::http::Peer;
use crate::oidc::{Failed, PENDING_SECONDS, Pending};
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

/// The button's form as sent.
#[derive(Deserialize)]
pub struct Start {
    #[serde(default)]
    terug: String,
}

/// `POST /aanmelden/oidc`: to the provider, with a sign-in under way in the session.
pub async fn start(
    State(api): State<Api>,
    peer: Peer,
    session: Session,
    headers: HeaderMap,
    sent: Result<Form<Start>, FormRejection>,
) -> Response {
    let text = chosen(&headers);
    let sent = match sent {
        Ok(Form(sent)) => sent,
        Err(rejection) => return unreadable(text, &rejection),
    };
    let Some(provider) = api.state().sign_in_provider.clone() else {
        return not_configured(text);
    };
    if !same_origin(&headers) {
        return render(
            &api,
            text,
            StatusCode::FORBIDDEN,
            &say!(text, "sign-in-not-from-koers"),
            &sent.terug,
        );
    }
    // Anyone may press the button, and each press keeps a row: as often as the anonymous
    // reader may read (`--rate-per-minute`, shared), and the row lasts as long as the sign-in.
    // Each press keeps a row: at most `--failed-sign-ins-per-minute` a minute per address.
    let state = api.state();
    if let (Some(starts), Some(address)) = (&state.sign_in_starts, peer.0)
        && starts.check_key(&crate::state::client(address)).is_err()
    {
        return render(
            &api,
            text,
            StatusCode::TOO_MANY_REQUESTS,
            &say!(text, "sign-in-too-many"),
            &sent.terug,
        );
    }
    // Whether someone is signed in already, before the sign-in is kept (an ended session is
    // ended here, not after).
    let signed_in = matches!(
        super::account(&session, state.clock.now()).await,
        Ok(Some(_))
    );
    let back = super::sign_in::safe_return(&sent.terug).to_owned();
    let (address, pending) = provider.start(back, state.clock.now());
    if let Err(error) = session.insert(super::PENDING, pending).await {
        tracing::error!(%error, "a sign-in at the identity provider could not be kept");
        return super::super::unavailable(text);
    }
    if !signed_in {
        session.set_expiry(Some(tower_sessions::Expiry::OnInactivity(
            time::Duration::seconds(PENDING_SECONDS),
        )));
    }
    Redirect::to(&address).into_response()
}

/// What the provider sends back: a code and the state, or an error.
#[derive(Deserialize)]
pub struct Returned {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    error: Option<String>,
}

/// `GET /aanmelden/oidc/terug`: finish the sign-in and go back to where it started.
pub async fn finish(
    State(api): State<Api>,
    peer: Peer,
    session: Session,
    headers: HeaderMap,
    returned: Result<Query<Returned>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let text = chosen(&headers);
    let Some(provider) = api.state().sign_in_provider.clone() else {
        return not_configured(text);
    };
    let state = api.state();
    let now = state.clock.now();
    let pending = match session.get::<Pending>(super::PENDING).await {
        Ok(pending) => pending,
        Err(error) => {
            tracing::error!(%error, "a sign-in under way could not be read");
            return super::super::unavailable(text);
        }
    };
    let fresh = pending
        .as_ref()
        .filter(|p| now.timestamp() - p.started <= PENDING_SECONDS);
    let (Some(pending), Ok(Query(returned))) = (fresh, returned) else {
        forget(&session, now).await;
        return render(
            &api,
            text,
            StatusCode::BAD_REQUEST,
            &say!(text, "sign-in-provider-expired"),
            "/",
        );
    };
    let back = pending.back.clone();
    // The state first: a return that is not this browser's sign-in changes nothing of it (a
    // link from elsewhere cannot cancel a sign-in under way).
    let sent_state = returned.state.clone().unwrap_or_default();
    use subtle::ConstantTimeEq;
    let same: bool = pending.state.as_bytes().ct_eq(sent_state.as_bytes()).into();
    if !same {
        return render(
            &api,
            text,
            StatusCode::BAD_REQUEST,
            &say!(text, "sign-in-provider-other-browser"),
            &back,
        );
    }
    // This browser's: used once, whatever happens next.
    let pending = pending.clone();
    if let Err(error) = session.remove_value(super::PENDING).await {
        tracing::error!(%error, "a sign-in under way could not be used up");
        return super::super::unavailable(text);
    }
    if let Some(error) = returned.error {
        forget(&session, now).await;
        tracing::info!(?error, "the identity provider refused a sign-in");
        let message = match error.as_str() {
            "access_denied" => say!(text, "sign-in-provider-denied"),
            "login_required"
            | "interaction_required"
            | "consent_required"
            | "account_selection_required" => say!(text, "sign-in-provider-asks"),
            "temporarily_unavailable" | "server_error" => say!(text, "sign-in-provider-down"),
            _ => say!(text, "sign-in-provider-failed"),
        };
        return render(&api, text, StatusCode::UNAUTHORIZED, &message, &back);
    }
    let Some(code) = returned.code.filter(|c| !c.is_empty()) else {
        forget(&session, now).await;
        return render(
            &api,
            text,
            StatusCode::BAD_REQUEST,
            &say!(text, "sign-in-provider-no-code"),
            &back,
        );
    };
    // Counted as a failed sign-in of the address until it succeeds, as a token is.
    let attempt = match (&state.failed_sign_ins, peer.0) {
        (Some(failures), Some(address)) => match failures.attempt(address) {
            Ok(attempt) => Some(attempt),
            Err(_) => {
                forget(&session, now).await;
                return render(
                    &api,
                    text,
                    StatusCode::TOO_MANY_REQUESTS,
                    &say!(text, "sign-in-too-many-failed"),
                    &back,
                );
            }
        },
        _ => None,
    };
    let Some(verifier) = state.oidc.clone() else {
        return not_configured(text);
    };
    let caller = match provider.finish(&pending, code, &verifier, now).await {
        Ok(caller) => caller,
        Err(failed) => {
            forget(&session, now).await;
            let message = match failed {
                Failed::Unreachable(why) => {
                    // The provider's failure, not the reader's: no failed sign-in.
                    if let (Some(failures), Some(attempt)) = (&state.failed_sign_ins, attempt) {
                        failures.succeeded(attempt);
                    }
                    tracing::warn!(%why, "signing in: the identity provider could not be reached");
                    say!(text, "sign-in-provider-unreachable")
                }
                Failed::Provider(why) => {
                    tracing::warn!(%why, "signing in: the identity provider refused the code");
                    say!(text, "sign-in-provider-code-refused")
                }
                Failed::Misconfigured(why) => {
                    // koers's registration at the provider, not the reader: no failed sign-in.
                    if let (Some(failures), Some(attempt)) = (&state.failed_sign_ins, attempt) {
                        failures.succeeded(attempt);
                    }
                    tracing::error!(%why, "signing in: the identity provider refused koers as a client (check --oidc-client-id, --oidc-client-secret and the registration)");
                    say!(text, "sign-in-provider-misconfigured")
                }
                Failed::Token(why) => {
                    tracing::warn!(%why, "signing in: the identity token was not accepted");
                    say!(text, "sign-in-provider-token-refused")
                }
            };
            return render(&api, text, StatusCode::UNAUTHORIZED, &message, &back);
        }
    };
    if let (Some(failures), Some(attempt)) = (&state.failed_sign_ins, attempt) {
        failures.succeeded(attempt);
    }
    let name = caller.name.clone();
    if super::sign_in_as(&session, super::Account::Provider(caller), now)
        .await
        .is_err()
    {
        return super::super::unavailable(text);
    }
    // Signed in: the idle time of every session again.
    session.set_expiry(Some(tower_sessions::Expiry::OnInactivity(
        time::Duration::minutes(state.config.session_idle_minutes),
    )));
    tracing::info!(account = %name, "signed in on the web through the identity provider");
    Redirect::to(&back).into_response()
}

/// A sign-in that failed leaves nothing behind: a session that holds only it is ended (its row
/// deleted, so its cookie cannot finish it again); one signed in already stays as it was.
async fn forget(session: &Session, now: chrono::DateTime<chrono::Utc>) {
    if matches!(super::account(session, now).await, Ok(None)) {
        super::end(session).await;
    }
}

/// Signing in through a provider is not configured here.
fn not_configured(text: Text) -> Response {
    problem(
        text,
        StatusCode::NOT_FOUND,
        say!(text, "sign-in-provider-none"),
        say!(text, "sign-in-provider-none-more"),
    )
}
