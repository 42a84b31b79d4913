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
//! [`super::PROVIDER_MINUTES`]. Every failure is a Dutch page that says what to do and leaves
//! nothing behind (a session that held only the sign-in is deleted); a code or token the
//! provider or koers refuses counts as a failed sign-in of the address, as a wrong token does (a
//! provider that cannot be reached does not). Pressing the button is limited as anonymous
//! reading is (`--rate-per-minute`), and what it keeps lasts [`PENDING_SECONDS`].

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
    let sent = match sent {
        Ok(Form(sent)) => sent,
        Err(rejection) => return unreadable(&rejection),
    };
    let Some(provider) = api.state().sign_in_provider.clone() else {
        return not_configured();
    };
    if !same_origin(&headers) {
        return render(
            &api,
            StatusCode::FORBIDDEN,
            "Dit formulier kwam niet van een pagina van koers. Meld u aan op deze pagina.",
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
            StatusCode::TOO_MANY_REQUESTS,
            "Te veel aanmeldpogingen vanaf dit adres. Wacht een minuut en probeer het dan opnieuw.",
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
        return super::super::unavailable();
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
    returned: Result<Query<Returned>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Some(provider) = api.state().sign_in_provider.clone() else {
        return not_configured();
    };
    let state = api.state();
    let now = state.clock.now();
    let pending = match session.get::<Pending>(super::PENDING).await {
        Ok(pending) => pending,
        Err(error) => {
            tracing::error!(%error, "a sign-in under way could not be read");
            return super::super::unavailable();
        }
    };
    let fresh = pending
        .as_ref()
        .filter(|p| now.timestamp() - p.started <= PENDING_SECONDS);
    let (Some(pending), Ok(Query(returned))) = (fresh, returned) else {
        forget(&session, now).await;
        return render(
            &api,
            StatusCode::BAD_REQUEST,
            "Deze aanmelding is verlopen of niet op deze pagina begonnen. Begin opnieuw met de knop hieronder.",
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
            StatusCode::BAD_REQUEST,
            "Deze aanmelding hoort niet bij deze browser. Begin opnieuw met de knop hieronder.",
            &back,
        );
    }
    // This browser's: used once, whatever happens next.
    let pending = pending.clone();
    if let Err(error) = session.remove_value(super::PENDING).await {
        tracing::error!(%error, "a sign-in under way could not be used up");
        return super::super::unavailable();
    }
    if let Some(error) = returned.error {
        forget(&session, now).await;
        tracing::info!(?error, "the identity provider refused a sign-in");
        let message = match error.as_str() {
            "access_denied" => "De aanmelding is bij de inlogdienst afgebroken of geweigerd. Probeer het opnieuw, of meld u aan met een token.".to_owned(),
            "login_required" | "interaction_required" | "consent_required" | "account_selection_required" => {
                "De inlogdienst vraagt eerst iets van u. Probeer het opnieuw en volg de stappen van de inlogdienst.".to_owned()
            }
            "temporarily_unavailable" | "server_error" => {
                "De inlogdienst is nu niet beschikbaar. Probeer het over een paar minuten opnieuw.".to_owned()
            }
            _ => "De inlogdienst kon u niet aanmelden. Probeer het opnieuw; lukt het niet, meld het de beheerder van koers.".to_owned(),
        };
        return render(&api, StatusCode::UNAUTHORIZED, &message, &back);
    }
    let Some(code) = returned.code.filter(|c| !c.is_empty()) else {
        forget(&session, now).await;
        return render(
            &api,
            StatusCode::BAD_REQUEST,
            "De inlogdienst stuurde u terug zonder aanmelding. Begin opnieuw met de knop hieronder.",
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
                    StatusCode::TOO_MANY_REQUESTS,
                    "Te veel mislukte aanmeldpogingen vanaf dit adres. Wacht een minuut en probeer het dan opnieuw.",
                    &back,
                );
            }
        },
        _ => None,
    };
    let Some(verifier) = state.oidc.clone() else {
        return not_configured();
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
                    "De inlogdienst gaf geen antwoord. Probeer het over een minuut opnieuw; lukt het niet, meld het de beheerder van koers."
                }
                Failed::Provider(why) => {
                    tracing::warn!(%why, "signing in: the identity provider refused the code");
                    "De inlogdienst aanvaardde deze aanmelding niet (al gebruikt, of verlopen). Begin opnieuw met de knop hieronder."
                }
                Failed::Misconfigured(why) => {
                    // koers's registration at the provider, not the reader: no failed sign-in.
                    if let (Some(failures), Some(attempt)) = (&state.failed_sign_ins, attempt) {
                        failures.succeeded(attempt);
                    }
                    tracing::error!(%why, "signing in: the identity provider refused koers as a client (check --oidc-client-id, --oidc-client-secret and the registration)");
                    "Aanmelden via de inlogdienst lukt nu niet door een instelling van koers. Meld het de beheerder van koers, en meld u zolang aan met een token."
                }
                Failed::Token(why) => {
                    tracing::warn!(%why, "signing in: the identity token was not accepted");
                    "De inlogdienst meldde u aan, maar koers aanvaardt dat bewijs niet (bijvoorbeeld omdat uw account geen rol in koers heeft). Vraag de beheerder van koers om hulp."
                }
            };
            return render(&api, StatusCode::UNAUTHORIZED, message, &back);
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
        return super::super::unavailable();
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
fn not_configured() -> Response {
    problem(
        StatusCode::NOT_FOUND,
        "Aanmelden via een inlogdienst kan hier niet",
        "Deze koers-installatie heeft geen inlogdienst ingesteld. Meld u aan met een token.",
    )
}
