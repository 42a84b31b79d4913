//! `/aanmelden` and `/afmelden`: signing in with an API token, once, and signing out.
//!
//! The token is checked as the API checks a bearer token ([`crate::http::admit`]: the same
//! answer for unknown, revoked and expired tokens, failed attempts counted per address and
//! refused with 429 when there are too many). Only koers tokens (`koers_...`) sign in here.
//! The sign-in form is accepted only from koers's own pages ([`same_origin`]: no other site can
//! sign a visitor in under its own account), and showing it stores nothing. The sign-out form
//! carries the session's form token (`formulier`); without it, or with another one, it changes
//! nothing (403). After signing in the browser goes back to the page it came from (`terug`, an
//! address on koers only), or to Mijn overzicht. A form that cannot be read is a 400 in the
//! reader's language.

use super::super::as_of::encode;
use super::super::language::chosen;
use super::super::text::{Text, say};
use super::super::{Api, Frame, refusal, templates, unavailable};
use crate::http::Peer;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

/// What the sign-in page shows.
#[derive(Serialize)]
struct SignInPage<'a> {
    message: &'a str,
    back: String,
    /// The identity provider's name, where signing in through it is configured.
    provider: Option<String>,
    /// The longest a session signed in with a token lasts, in hours.
    max_hours: i64,
}

/// The sign-in page with `status` and `message`, its forms returning to `back`.
pub(super) fn render(
    api: &Api,
    text: Text,
    status: StatusCode,
    message: &str,
    back: &str,
) -> Response {
    render_for(api, text, None, status, message, back)
}

/// [`render`] with the header of `reader` (someone already signed in).
fn render_for(
    api: &Api,
    text: Text,
    reader: Option<&super::Reader>,
    status: StatusCode,
    message: &str,
    back: &str,
) -> Response {
    let back = safe_return(back).to_owned();
    let title = say!(text, "sign-in-title");
    let mut frame = Frame::new(
        text,
        &title,
        "aanmelden",
        reader,
        SignInPage {
            message,
            back: back.clone(),
            max_hours: super::MAX_HOURS,
            provider: api
                .state()
                .sign_in_provider
                .as_ref()
                .map(|p| p.name.clone()),
        },
    );
    // The other language, on this same sign-in page.
    frame.switch_to(text, &format!("/aanmelden?terug={}", encode(&back)));
    match templates::render("sign_in.html", frame) {
        Ok(body) => {
            let mut page = super::super::html(status, body);
            if status == StatusCode::UNAUTHORIZED {
                // The scheme an API client would use; a browser's way in is the form.
                page.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"koers\""),
                );
            }
            page
        }
        Err(error) => {
            tracing::error!(%error, "rendering the sign-in page failed");
            super::super::failed(text)
        }
    }
}

/// The sign-in page for a reader who must sign in to see `here` (status 401).
pub(crate) fn page(
    api: &Api,
    text: Text,
    status: StatusCode,
    message: &str,
    here: &Uri,
) -> Response {
    let back = here.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    render(api, text, status, message, back)
}

/// `?terug=` and `?afgemeld=ja` of the sign-in page.
#[derive(Deserialize)]
pub struct FormParams {
    #[serde(default)]
    terug: String,
    #[serde(default)]
    afgemeld: String,
}

/// `GET /aanmelden`: the form; for someone signed in, who they are (and the header's sign-out).
pub async fn form(
    State(api): State<Api>,
    session: Session,
    headers: HeaderMap,
    Query(params): Query<FormParams>,
) -> Response {
    let text = chosen(&headers);
    if let Some(reader) = signed_in(&api, &session, text).await {
        let message = say!(
            text,
            "sign-in-signed-in-as",
            name = reader.caller.name.as_str()
        );
        return render_for(
            &api,
            text,
            Some(&reader),
            StatusCode::OK,
            &message,
            &params.terug,
        );
    }
    let message = if params.afgemeld == "ja" {
        say!(text, "sign-in-signed-out")
    } else {
        String::new()
    };
    render(&api, text, StatusCode::OK, &message, &params.terug)
}

/// Who the session is signed in as, while its token holds; none otherwise (reading only: the
/// sign-in page makes no session).
async fn signed_in(api: &Api, session: &Session, text: Text) -> Option<super::Reader> {
    let state = api.state();
    let caller = match super::account(session, state.clock.now())
        .await
        .ok()
        .flatten()?
    {
        super::Account::Token(id) => {
            crate::service::accounts::tokens::holder_of(&state.db, id, state.clock.now())
                .await
                .ok()?
        }
        super::Account::Provider(caller) => caller,
    };
    let form_token = super::form_token(session).await?;
    Some(super::Reader {
        caller,
        how: super::How::Session { form_token },
        view: crate::web::as_of::View::default(),
        text,
    })
}

/// Whether a form was sent from koers's own pages, by the browser's word: `Sec-Fetch-Site`
/// (`same-origin`, or `none` for what the user typed), else an `Origin` naming this host.
/// A request with neither is no browser's cross-site form (browsers send at least `Origin` with
/// every cross-site POST), and passes.
pub(super) fn same_origin(headers: &HeaderMap) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if let Some(site) = text(header::HeaderName::from_static("sec-fetch-site")) {
        return matches!(site, "same-origin" | "none");
    }
    match (text(header::ORIGIN), text(header::HOST)) {
        (None, _) => true,
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, authority)| authority.eq_ignore_ascii_case(host)),
        (Some(_), None) => false,
    }
}

/// A form that could not be read (another content type, a body that is no form).
pub(super) fn unreadable(text: Text, rejection: &FormRejection) -> Response {
    tracing::info!(%rejection, "a web form could not be read");
    super::super::problem(
        text,
        StatusCode::BAD_REQUEST,
        say!(text, "sign-in-unreadable"),
        say!(text, "sign-in-unreadable-more"),
    )
}

/// The sign-in form as sent. Missing fields are empty (and refused as such), never a
/// rejection in English.
#[derive(Deserialize)]
pub struct SignIn {
    #[serde(default)]
    token: String,
    #[serde(default)]
    terug: String,
}

/// `POST /aanmelden`: check where the form comes from and the API token; sign the session in
/// and go back.
pub async fn submit(
    State(api): State<Api>,
    peer: Peer,
    session: Session,
    request_headers: HeaderMap,
    sent: Result<Form<SignIn>, FormRejection>,
) -> Response {
    let text = chosen(&request_headers);
    let sent = match sent {
        Ok(Form(sent)) => sent,
        Err(rejection) => return unreadable(text, &rejection),
    };
    if !same_origin(&request_headers) {
        return render(
            &api,
            text,
            StatusCode::FORBIDDEN,
            &say!(text, "sign-in-not-from-koers"),
            &sent.terug,
        );
    }
    let token = sent.token.trim();
    let refused = &say!(text, "sign-in-token-refused");
    if token.is_empty() {
        return render(
            &api,
            text,
            StatusCode::BAD_REQUEST,
            &say!(text, "sign-in-token-empty"),
            &sent.terug,
        );
    }
    // Only koers's own tokens: anything else is not tried (an identity provider's token is
    // not for this form), and counts as no attempt.
    if !token.starts_with(crate::service::accounts::tokens::PREFIX) {
        return render(
            &api,
            text,
            StatusCode::UNAUTHORIZED,
            &say!(text, "sign-in-not-a-koers-token"),
            &sent.terug,
        );
    }
    let Ok(bearer) = HeaderValue::from_str(&format!("Bearer {token}")) else {
        return render(&api, text, StatusCode::UNAUTHORIZED, refused, &sent.terug);
    };
    // As the API would admit it: failed attempts are counted per address.
    let mut headers = HeaderMap::new();
    headers.insert(header::AUTHORIZATION, bearer);
    if let Err(refusal_of_api) = crate::http::admit(&api, &headers, &peer).await {
        return match refusal_of_api.status() {
            StatusCode::UNAUTHORIZED => {
                render(&api, text, StatusCode::UNAUTHORIZED, refused, &sent.terug)
            }
            StatusCode::TOO_MANY_REQUESTS => {
                let mut page = render(
                    &api,
                    text,
                    StatusCode::TOO_MANY_REQUESTS,
                    &say!(text, "sign-in-too-many-failed"),
                    &sent.terug,
                );
                if let Some(wait) = refusal_of_api.headers().get(header::RETRY_AFTER) {
                    page.headers_mut().insert(header::RETRY_AFTER, wait.clone());
                }
                page
            }
            _ => refusal(text, &refusal_of_api),
        };
    }
    let state = api.state();
    let stored =
        match crate::service::accounts::tokens::live(&state.db, token, state.clock.now()).await {
            Ok(stored) => stored,
            // Revoked between the two reads.
            Err(crate::error::ApiError::Unauthenticated(_)) => {
                return render(&api, text, StatusCode::UNAUTHORIZED, refused, &sent.terug);
            }
            Err(error) => {
                tracing::error!(?error, "signing in: the token could not be read");
                return unavailable(text);
            }
        };
    if super::sign_in(&session, stored.id, state.clock.now())
        .await
        .is_err()
    {
        return unavailable(text);
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
pub async fn sign_out(
    State(api): State<Api>,
    session: Session,
    headers: HeaderMap,
    sent: Result<Form<SignOut>, FormRejection>,
) -> Response {
    let text = chosen(&headers);
    let sent = match sent {
        Ok(Form(sent)) => sent,
        Err(rejection) => return unreadable(text, &rejection),
    };
    if !super::check_form(&session, &sent.formulier).await {
        // Signed out already (in another tab, or the token was revoked): that is done.
        if matches!(
            super::account(&session, api.state().clock.now()).await,
            Ok(None)
        ) {
            return Redirect::to("/aanmelden?afgemeld=ja").into_response();
        }
        return super::super::problem(
            text,
            StatusCode::FORBIDDEN,
            say!(text, "sign-out-failed"),
            say!(text, "sign-out-failed-more"),
        );
    }
    super::end(&session).await;
    Redirect::to("/aanmelden?afgemeld=ja").into_response()
}

/// `GET /afmelden` (an address typed or followed): signing out is a button, so this goes to
/// Mijn overzicht, where it is.
pub async fn sign_out_page() -> Response {
    Redirect::to("/").into_response()
}

/// `back` when it is an address on koers itself ([`on_koers`]) and not the sign-in pages
/// themselves; else `/`.
pub(super) fn safe_return(back: &str) -> &str {
    match on_koers(back) {
        back if back.starts_with("/aanmelden") || back.starts_with("/afmelden") => "/",
        back => back,
    }
}

/// `back` when it is an address on koers itself (a path, not `//host` or `/\host`, at most
/// 2000 characters, without control characters); else `/`.
pub(in crate::web) fn on_koers(back: &str) -> &str {
    let on_koers = back.starts_with('/')
        && !back.starts_with("//")
        && !back.starts_with("/\\")
        && back.len() <= 2000
        && !back.chars().any(|c| c.is_control() || c == '\\');
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
