//! The reader's language: Dutch, unless the reader chose English with the link in every page's
//! header (`GET /taal?kies=en&terug=…`), which koers remembers in the `koers_taal` cookie for a
//! year and then sends the reader back to the page they were on.
//!
//! The browser's `Accept-Language` is not followed: many government workstations run an
//! English browser for Dutch users, and the pages are Dutch first. The choice is a
//! preference, not an account's setting, so it holds before signing in and after signing out.

use super::text::{Text, say};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::cookie::{Cookie, SameSite};

/// The cookie that keeps the reader's choice: "nl" or "en".
pub(super) const COOKIE: &str = "koers_taal";

/// The language the reader chose (the cookie), Dutch when none or an unknown one.
pub(super) fn chosen(headers: &HeaderMap) -> Text {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == COOKIE)
        .and_then(|cookie| Text::of_code(cookie.value()))
        .unwrap_or(Text::DUTCH)
}

/// The header's link from a page in `text` to the same page in the other language: back to
/// `back` (already encoded for the address; empty for none).
pub(super) fn switch(text: Text, back: &str) -> String {
    let other = text.other().code();
    if back.is_empty() {
        format!("/taal?kies={other}")
    } else {
        format!("/taal?kies={other}&terug={back}")
    }
}

/// `?kies=` and `?terug=` of the switch.
#[derive(serde::Deserialize)]
pub(super) struct Choice {
    #[serde(default)]
    kies: String,
    #[serde(default)]
    terug: String,
}

/// `GET /taal?kies=en&terug=/tijdlijn`: remember the language and go back to the page (an
/// address on koers only; else Mijn overzicht). An unknown language (or an address that is no
/// query) is a 400 page in the reader's language that changes nothing.
pub(super) async fn choose(
    State(api): State<crate::http::Api>,
    headers: HeaderMap,
    choice: Result<Query<Choice>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let asked = choice
        .ok()
        .and_then(|Query(c)| Text::of_code(&c.kies).map(|text| (text, c.terug)));
    let Some((text, back)) = asked else {
        let text = chosen(&headers);
        return super::problem(
            text,
            StatusCode::BAD_REQUEST,
            say!(text, "frame-unknown-language"),
            say!(text, "frame-unknown-language-more"),
        );
    };
    let cookie = Cookie::build((COOKIE, text.code()))
        .path("/")
        .max_age(time::Duration::days(365))
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(!api.state().config.insecure_cookies)
        .build();
    let mut response = Redirect::to(super::session::on_koers(&back)).into_response();
    match HeaderValue::from_str(&cookie.to_string()) {
        Ok(value) => {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
        Err(error) => tracing::error!(%error, "the language cookie could not be written"),
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_chooses_and_anything_else_is_dutch() {
        let mut headers = HeaderMap::new();
        assert_eq!(chosen(&headers), Text::DUTCH);
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("id=abc; koers_taal=en"),
        );
        assert_eq!(chosen(&headers).code(), "en");
        headers.insert(header::COOKIE, HeaderValue::from_static("koers_taal=de"));
        assert_eq!(chosen(&headers), Text::DUTCH);
    }
}
