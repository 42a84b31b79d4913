//! The web app in English, its second language: the reader chooses it with the header's link
//! (the `koers_taal` cookie), and every page's own text follows, while the plan's data stays
//! as it was written.

mod commitments;
mod frame;
mod kpis;
mod milestone;
mod overview;
mod reports;
mod timeline;

use crate::support::TestApp;
use axum::http::StatusCode;

/// The headers of the reader holding `token` who chose English.
pub(super) fn english(token: &str) -> Vec<(&'static str, String)> {
    vec![
        ("authorization", format!("Bearer {token}")),
        ("cookie", "koers_taal=en".to_owned()),
    ]
}

/// GET `path` as the test's admin in English: status and page.
pub(super) async fn in_english(app: &TestApp, path: &str) -> (StatusCode, String) {
    in_english_as(app, &app.token, path).await
}

/// GET `path` as the reader holding `token`, in English: status and page.
pub(super) async fn in_english_as(app: &TestApp, token: &str, path: &str) -> (StatusCode, String) {
    let (status, _, html) = crate::web::browse_with(app, path, &english(token)).await;
    (status, html)
}
