//! The web app's static files, compiled into the binary: the NL Design System CSS (Utrecht
//! components and design tokens) and the Noto Sans font, vendored from npm by `web/vendor.mjs`
//! (versions pinned in `web/package-lock.json`), and koers's own stylesheet. Nothing is loaded
//! from outside: government networks are closed.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

macro_rules! asset {
    ($path:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/web/static/",
            $path
        ))
    };
}

/// Every file under `/static/`, with its media type.
const FILES: &[(&str, &str, &[u8])] = &[
    ("koers.css", "text/css; charset=utf-8", asset!("koers.css")),
    (
        "utrecht-components.css",
        "text/css; charset=utf-8",
        asset!("vendor/utrecht-components.css"),
    ),
    (
        "utrecht-theme.css",
        "text/css; charset=utf-8",
        asset!("vendor/utrecht-theme.css"),
    ),
    (
        "noto-sans-latin-wght-normal.woff2",
        "font/woff2",
        asset!("vendor/noto-sans-latin-wght-normal.woff2"),
    ),
    (
        "noto-sans-latin-ext-wght-normal.woff2",
        "font/woff2",
        asset!("vendor/noto-sans-latin-ext-wght-normal.woff2"),
    ),
];

/// `GET /static/{file}`: one of [`FILES`], cached for an hour; 404 for any other name.
pub async fn asset(Path(file): Path<String>) -> Response {
    match FILES.iter().find(|(name, _, _)| *name == file) {
        Some((_, media_type, body)) => (
            [
                (header::CONTENT_TYPE, *media_type),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            *body,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "niet gevonden").into_response(),
    }
}
