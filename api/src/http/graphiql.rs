//! GraphiQL, served from assets bundled in the binary (no CDN).
//!
//! Government networks are closed, so the page must not load anything from
//! the internet: React, ReactDOM and GraphiQL (with its fonts embedded as
//! `data:` URIs in the stylesheet) are compiled in from `api/assets/graphiql/`
//! (versions and licences in `api/assets/graphiql/LICENSES.md`).
//!
//! Mount with:
//!
//! ```text
//! .route("/graphql", get(graphiql::page).post(graphql))
//! .route("/graphiql/{file}", get(graphiql::asset))
//! ```
//!
//! The page references its assets by absolute path (`/graphiql/...`) and
//! queries `/graphql`, so it works wherever the page itself is mounted.

use axum::{
    extract::Path,
    http::{StatusCode, header},
    response::{Html, IntoResponse, Response},
};

/// GraphiQL 3.9.0 UMD bundle (`graphiql/graphiql.min.js`).
const GRAPHIQL_JS: &[u8] = include_bytes!("../../assets/graphiql/graphiql.min.js");
/// GraphiQL 3.9.0 stylesheet (`graphiql/graphiql.min.css`), fonts inlined.
const GRAPHIQL_CSS: &[u8] = include_bytes!("../../assets/graphiql/graphiql.min.css");
/// React 18.3.1 UMD production build (`react/umd/react.production.min.js`).
const REACT_JS: &[u8] = include_bytes!("../../assets/graphiql/react.production.min.js");
/// ReactDOM 18.3.1 UMD production build (`react-dom/umd/react-dom.production.min.js`).
const REACT_DOM_JS: &[u8] = include_bytes!("../../assets/graphiql/react-dom.production.min.js");
/// koers's own start of GraphiQL (the fetcher and the example query).
const START_JS: &[u8] = include_bytes!("../../assets/graphiql/start.js");

/// What the page may load: its own scripts, styles and fonts (the stylesheet inlines them as
/// `data:` URIs) and requests to `/graphql`; no inline script, nothing from elsewhere, and no
/// framing. GraphiQL sets inline styles, so styles may be inline.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; \
     connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const JAVASCRIPT: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";
const CACHE_CONTROL: &str = "public, max-age=86400";

/// The GraphiQL page. Only same-origin, absolute paths; no external URL.
const PAGE: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>koers - GraphiQL</title>
<link rel="stylesheet" href="/graphiql/graphiql.min.css">
<style>
  html, body { height: 100%; margin: 0; }
  #graphiql { height: 100vh; }
</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL...</div>
<script src="/graphiql/react.production.min.js"></script>
<script src="/graphiql/react-dom.production.min.js"></script>
<script src="/graphiql/graphiql.min.js"></script>
<script src="/graphiql/start.js"></script>
</body>
</html>
"#;

/// `GET` the GraphiQL page, with its Content-Security-Policy.
pub async fn page() -> Response {
    (
        [(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY)],
        Html(PAGE),
    )
        .into_response()
}

/// `GET /graphiql/{file}`: one of the bundled assets, or 404.
pub async fn asset(Path(file): Path<String>) -> Response {
    match bundled(&file) {
        Some((body, content_type)) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, content_type),
                (header::CACHE_CONTROL, CACHE_CONTROL),
            ],
            body,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Body and content type of a bundled asset, by file name.
fn bundled(file: &str) -> Option<(&'static [u8], &'static str)> {
    match file {
        "graphiql.min.js" => Some((GRAPHIQL_JS, JAVASCRIPT)),
        "graphiql.min.css" => Some((GRAPHIQL_CSS, CSS)),
        "react.production.min.js" => Some((REACT_JS, JAVASCRIPT)),
        "react-dom.production.min.js" => Some((REACT_DOM_JS, JAVASCRIPT)),
        "start.js" => Some((START_JS, JAVASCRIPT)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file part of every `/graphiql/<file>` path anywhere in the page.
    fn referenced_assets(html: &str) -> Vec<&str> {
        html.match_indices("/graphiql/")
            .map(|(at, prefix)| {
                let rest = &html[at + prefix.len()..];
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')))
                    .unwrap_or(rest.len());
                &rest[..end]
            })
            .collect()
    }

    async fn body_bytes(response: Response) -> axum::body::Bytes {
        match axum::body::to_bytes(response.into_body(), usize::MAX).await {
            Ok(bytes) => bytes,
            Err(err) => panic!("reading body: {err}"),
        }
    }

    #[tokio::test]
    async fn page_is_self_contained_and_its_assets_are_served() {
        let response = page().await;
        assert_eq!(
            response
                .headers()
                .get(header::CONTENT_SECURITY_POLICY)
                .and_then(|v| v.to_str().ok()),
            Some(CONTENT_SECURITY_POLICY)
        );
        let html = String::from_utf8(body_bytes(response).await.to_vec()).unwrap_or_default();
        let html = html.as_str();

        assert!(!html.contains("http://"), "page references an http:// URL");
        assert!(
            !html.contains("https://"),
            "page references an https:// URL"
        );
        // Protocol-relative URLs (`//host/...`) would leave the network too.
        assert!(
            !html.contains("\"//"),
            "page references a protocol-relative URL"
        );
        assert!(
            !html.contains("<script>"),
            "no inline script (the policy forbids it)"
        );
        let start = String::from_utf8_lossy(START_JS);
        assert!(start.contains("GraphiQL.createFetcher({ url: '/graphql' })"));

        let assets = referenced_assets(html);
        assert_eq!(assets.len(), 5, "expected 5 bundled assets, got {assets:?}");
        for file in assets {
            let response = asset(Path(file.to_owned())).await;
            assert_eq!(response.status(), StatusCode::OK, "/graphiql/{file}");

            let headers = response.headers();
            let content_type = headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok());
            let expected = if file.ends_with(".css") {
                CSS
            } else {
                JAVASCRIPT
            };
            assert_eq!(content_type, Some(expected), "/graphiql/{file}");
            assert_eq!(
                headers
                    .get(header::CACHE_CONTROL)
                    .and_then(|v| v.to_str().ok()),
                Some(CACHE_CONTROL),
                "/graphiql/{file}"
            );

            let body = body_bytes(response).await;
            assert!(!body.is_empty(), "/graphiql/{file} is empty");
        }
    }

    #[tokio::test]
    async fn bundled_bodies_are_the_embedded_files() {
        for (file, expected) in [
            ("graphiql.min.js", GRAPHIQL_JS),
            ("graphiql.min.css", GRAPHIQL_CSS),
            ("react.production.min.js", REACT_JS),
            ("react-dom.production.min.js", REACT_DOM_JS),
            ("start.js", START_JS),
        ] {
            let body = body_bytes(asset(Path(file.to_owned())).await).await;
            assert_eq!(&body[..], expected, "/graphiql/{file}");
        }
    }

    #[tokio::test]
    async fn unknown_assets_are_404() {
        for file in [
            "",
            "index.umd.js.map",
            "graphiql.min.js.map",
            "LICENSES.md",
            "../Cargo.toml",
            "GRAPHIQL.MIN.JS",
        ] {
            let response = asset(Path(file.to_owned())).await;
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{file:?}");
        }
    }
}
