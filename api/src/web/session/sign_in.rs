//! `/aanmelden` and `/afmelden`: signing in with an API token, once, and signing out.
//!
//! The token is checked as the API checks a bearer token ([`crate::http::admit`]: the same
//! answer for unknown, revoked and expired tokens, failed attempts counted per address and
//! refused with 429 when there are too many). Only koers tokens (`koers_...`) sign in here.
//! Both forms carry the session's form token (`formulier`); a form without it, or with another
//! one, changes nothing (403). After signing in the browser goes back to the page it came from
//! (`terug`, an address on koers only), or to Mijn overzicht.

use super::super::{Api, Frame, refusal, templates, unavailable};
use crate::http::Peer;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

/// What the sign-in page shows.
#[derive(Serialize)]
struct SignInPage<'a> {
    message: &'a str,
    form_token: String,
    back: String,
}

/// The sign-in page with `status` and `message`, its form returning to `back`.
async fn render(session: &Session, status: StatusCode, message: &str, back: &str) -> Response {
    let Some(form_token) = super::form_token(session).await else {
        return unavailable();
    };
    let frame = Frame::new(
        "Aanmelden",
        "aanmelden",
        None,
        SignInPage {
            message,
            form_token,
            back: safe_return(back).to_owned(),
        },
    );
    match templates::render("sign_in.html", frame) {
        Ok(body) => {
            let mut page = super::super::html(status, body);
            if status == StatusCode::UNAUTHORIZED {
                // Not a bearer challenge: the way in is the form.
                page.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"koers\""),
                );
            }
            page
        }
        Err(error) => {
            tracing::error!(%error, "rendering the sign-in page failed");
            super::super::failed()
        }
    }
}

/// The sign-in page for a reader who must sign in to see `here` (status 401).
pub(crate) async fn page(
    session: &Session,
    status: StatusCode,
    message: &str,
    here: &Uri,
) -> Response {
    let back = here.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    render(session, status, message, back).await
}

/// `?terug=` and `?afgemeld=ja` of the sign-in page.
#[derive(Deserialize)]
pub struct FormParams {
    #[serde(default)]
    terug: String,
    #[serde(default)]
    afgemeld: String,
}

/// `GET /aanmelden`: the form.
pub async fn form(session: Session, Query(params): Query<FormParams>) -> Response {
    let message = if params.afgemeld == "ja" {
        "U bent afgemeld."
    } else {
        ""
    };
    render(&session, StatusCode::OK, message, &params.terug).await
}

/// The sign-in form as sent. Missing fields are empty (and refused as such), never a
/// rejection in English.
#[derive(Deserialize)]
pub struct SignIn {
    #[serde(default)]
    token: String,
    #[serde(default)]
    formulier: String,
    #[serde(default)]
    terug: String,
}

/// `POST /aanmelden`: check the form token and the API token; sign the session in and go back.
pub async fn submit(
    State(api): State<Api>,
    peer: Peer,
    session: Session,
    Form(sent): Form<SignIn>,
) -> Response {
    if !super::check_form(&session, &sent.formulier).await {
        return render(
            &session,
            StatusCode::FORBIDDEN,
            "Dit formulier is verlopen of kwam niet van deze pagina. Vul uw token opnieuw in.",
            &sent.terug,
        )
        .await;
    }
    let token = sent.token.trim();
    let refused = "Dit token is onbekend, ingetrokken of verlopen. Controleer het, of vraag de beheerder van koers om een nieuw token.";
    if token.is_empty() {
        return render(
            &session,
            StatusCode::BAD_REQUEST,
            "Vul uw token in.",
            &sent.terug,
        )
        .await;
    }
    let Ok(bearer) = HeaderValue::from_str(&format!("Bearer {token}")) else {
        return render(&session, StatusCode::UNAUTHORIZED, refused, &sent.terug).await;
    };
    // As the API would admit it: failed attempts are counted per address.
    let mut headers = HeaderMap::new();
    headers.insert(header::AUTHORIZATION, bearer);
    if let Err(refusal_of_api) = crate::http::admit(&api, &headers, &peer).await {
        return match refusal_of_api.status() {
            StatusCode::UNAUTHORIZED => {
                render(&session, StatusCode::UNAUTHORIZED, refused, &sent.terug).await
            }
            other => refusal(other),
        };
    }
    let state = api.state();
    let stored =
        match crate::service::accounts::tokens::live(&state.db, token, state.clock.now()).await {
            Ok(stored) => stored,
            Err(crate::error::ApiError::Unauthenticated(_)) => {
                return render(
                    &session,
                    StatusCode::UNAUTHORIZED,
                    "Hier meldt u zich aan met een koers-token (het begint met koers_).",
                    &sent.terug,
                )
                .await;
            }
            Err(error) => {
                tracing::error!(?error, "signing in: the token could not be read");
                return unavailable();
            }
        };
    if super::sign_in(&session, stored.id).await.is_err() {
        return unavailable();
    }
    tracing::info!(account = %stored.name, "signed in on the web");
    Redirect::to(safe_return(&sent.terug)).into_response()
}

/// The sign-out form as sent.
#[derive(Deserialize)]
pub struct SignOut {
    #[serde(default)]
    formulier: String,
}

/// `POST /afmelden`: end the session (with the right form token only) and say so.
pub async fn sign_out(session: Session, Form(sent): Form<SignOut>) -> Response {
    if !super::check_form(&session, &sent.formulier).await {
        return render(
            &session,
            StatusCode::FORBIDDEN,
            "Afmelden lukte niet: dit formulier is verlopen of kwam niet van koers. Gebruik de knop Afmelden op een pagina van koers.",
            "/",
        )
        .await;
    }
    super::end(&session).await;
    Redirect::to("/aanmelden?afgemeld=ja").into_response()
}

/// `back` when it is an address on koers itself (a path, not `//host` or `/\host`, without
/// control characters, not the sign-in pages themselves); else `/`.
fn safe_return(back: &str) -> &str {
    let on_koers = back.starts_with('/')
        && !back.starts_with("//")
        && !back.starts_with("/\\")
        && back.len() <= 2000
        && !back.chars().any(|c| c.is_control() || c == '\\')
        && !back.starts_with("/aanmelden")
        && !back.starts_with("/afmelden");
    if on_koers { back } else { "/" }
}

#[cfg(test)]
mod tests {
    use super::safe_return;

    #[test]
    fn only_an_address_on_koers_is_a_way_back() {
        assert_eq!(
            safe_return("/tijdlijn?laag=gemeente"),
            "/tijdlijn?laag=gemeente"
        );
        for elsewhere in [
            "",
            "https://example.org/",
            "//example.org/",
            "/\\example.org",
            "/x\\y",
            "javascript:alert(1)",
            "/aanmelden",
            "/tijdlijn\r\nSet-Cookie: x=1",
        ] {
            assert_eq!(safe_return(elsewhere), "/", "{elsewhere:?}");
        }
    }
}
