//! The web app for the people who run the plan (issue 17): Dutch pages at `/`, served by koers
//! itself on the same port.
//!
//! Server-rendered, so `cargo run` stays the only build: each page runs its GraphQL document
//! (`api/assets/web/queries/*.graphql`, the same documents a frontend team would write) in-process
//! as the caller, through the same limits, cost budget and error codes as a request over HTTP
//! ([`crate::http::run_in_process`]); turns the answer into what the page shows, in words
//! (`service::language`); and renders a template (`templates.rs`). The NL Design System CSS and
//! the font are vendored from npm and served from the binary (`assets.rs`); nothing is loaded
//! from outside and no script runs.
//!
//! Pages: `/` Mijn overzicht (`overview.rs`), `/mijlpalen/{id}` a milestone's page
//! (`milestone.rs`, its history `history.rs`), `/tijdlijn` the timeline (`timeline/`).

mod assets;
mod history;
mod milestone;
mod overview;
mod templates;
mod timeline;
mod words;

use crate::http::Api;
use crate::service::accounts::access::Caller;
use axum::Router;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;

/// What a page may load: its own styles, fonts and the `data:` images of the Utrecht CSS; no
/// script at all, forms only to koers, no framing.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; font-src 'self'; \
     img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Marks a response as a web page, whose error status keeps its HTML body (`http::errors`
/// turns every other error body into JSON).
#[derive(Clone, Copy, Debug)]
pub(crate) struct WebPage;

/// The web app's routes, and the answer to an unknown address: a Dutch page for a browser
/// (one that accepts HTML), the JSON error as before for any other client.
pub(crate) fn routes() -> Router<Api> {
    Router::new()
        .route("/", get(overview::show))
        .route("/mijlpalen/{id}", get(milestone::show))
        .route("/tijdlijn", get(timeline::show))
        .route("/static/{file}", get(assets::asset))
        .fallback(not_found)
}

async fn not_found(headers: HeaderMap) -> Response {
    let browser = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if browser {
        problem(
            StatusCode::NOT_FOUND,
            "Pagina niet gevonden",
            "Op dit adres staat geen pagina van koers.",
        )
    } else {
        StatusCode::NOT_FOUND.into_response()
    }
}

/// The frame every page shares: its title, which menu item it is, and who is looking.
#[derive(Serialize)]
struct Frame<'a, T: Serialize> {
    title: &'a str,
    page: &'static str,
    viewer: String,
    #[serde(flatten)]
    content: T,
}

/// Who is reading, in words for the page's header.
fn viewer_label(caller: &Caller) -> String {
    if caller.name == Caller::anonymous().name {
        "Niet aangemeld (alleen lezen)".to_owned()
    } else {
        format!("Aangemeld als {}", caller.name)
    }
}

/// Render `template` with `content` inside the shared frame, as a 200 page.
fn page<T: Serialize>(
    template: &str,
    title: &str,
    menu: &'static str,
    caller: &Caller,
    content: T,
) -> Response {
    let frame = Frame {
        title,
        page: menu,
        viewer: viewer_label(caller),
        content,
    };
    match templates::render(template, frame) {
        Ok(body) => html(StatusCode::OK, body),
        Err(error) => {
            tracing::error!(template, %error, "rendering a page failed");
            failed()
        }
    }
}

#[derive(Serialize)]
struct Problem {
    message: String,
}

/// A page that says what went wrong, in Dutch, with `status`, and a link back to the overview.
/// Its header says nothing of who is reading: it is shown before (or instead of) knowing.
fn problem(status: StatusCode, title: &'static str, message: impl Into<String>) -> Response {
    problem_page(status, title, message.into(), String::new())
}

/// [`problem`] for a reader koers knows: the header says who it is, as on every page.
fn problem_for(
    caller: &Caller,
    status: StatusCode,
    title: &'static str,
    message: impl Into<String>,
) -> Response {
    problem_page(status, title, message.into(), viewer_label(caller))
}

fn problem_page(
    status: StatusCode,
    title: &'static str,
    message: String,
    viewer: String,
) -> Response {
    let frame = Frame {
        title,
        page: "",
        viewer,
        content: Problem {
            message: message.clone(),
        },
    };
    match templates::render("problem.html", frame) {
        Ok(body) => html(status, body),
        Err(error) => {
            tracing::error!(%error, "rendering the problem page failed");
            let mut response = (status, message).into_response();
            response.extensions_mut().insert(WebPage);
            response
        }
    }
}

/// An HTML answer with the page's security headers.
fn html(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    response.extensions_mut().insert(WebPage);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Who is reading: the caller the API would see. Without a token and without
/// `--allow-anonymous` that is no one yet: signing in through the web app is still to come
/// (issue 17), so the page says how to read the plan meanwhile.
async fn reader(
    api: &Api,
    headers: &HeaderMap,
    peer: &crate::http::Peer,
) -> Result<Caller, Response> {
    let refused = match crate::http::admit(api, headers, peer).await {
        Ok(caller) => return Ok(caller),
        Err(refused) => refused,
    };
    Err(match refused.status() {
        StatusCode::UNAUTHORIZED => {
            let message = if headers.contains_key(header::AUTHORIZATION) {
                "Het meegestuurde token is onbekend, ingetrokken of verlopen. Vraag de beheerder van koers om een nieuw token."
            } else {
                "Deze koers-installatie toont het plan alleen aan wie is aangemeld. Aanmelden in de webapp is er nog niet: vraag de beheerder van koers om een token om het plan via de API te lezen, of om koers te starten met --allow-anonymous (alleen lezen)."
            };
            let mut page = problem(StatusCode::UNAUTHORIZED, "Niet aangemeld", message);
            page.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"koers\""),
            );
            page
        }
        StatusCode::TOO_MANY_REQUESTS => problem(
            StatusCode::TOO_MANY_REQUESTS,
            "Even geduld",
            "Er kwamen te veel verzoeken tegelijk. Probeer het over een minuut opnieuw.",
        ),
        StatusCode::SERVICE_UNAVAILABLE => unavailable(),
        _ => failed(),
    })
}

/// Something went wrong that waiting will not mend (the log has the cause).
fn failed() -> Response {
    problem(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Er ging iets mis",
        "Deze pagina kon niet worden gemaakt. De fout is vastgelegd; meld het de beheerder van koers.",
    )
}

/// The plan could not be read (the database out of reach, or an error the log explains).
fn unavailable() -> Response {
    problem(
        StatusCode::SERVICE_UNAVAILABLE,
        "Het plan is nu niet te lezen",
        "koers kon het plan niet ophalen. De fout is vastgelegd; probeer het over een minuut opnieuw.",
    )
}

/// Run `operation` of a page's GraphQL `document` with `variables` as `caller`; its `data`
/// read as `T`, or the page that says the plan could not be read (every error is logged).
async fn query<T: serde::de::DeserializeOwned>(
    api: &Api,
    headers: &HeaderMap,
    caller: &Caller,
    (document, operation): (&str, &str),
    variables: serde_json::Value,
) -> Result<T, Response> {
    let request = async_graphql::Request::new(document)
        .operation_name(operation)
        .variables(async_graphql::Variables::from_json(variables));
    let executed = crate::http::run_in_process(
        api,
        headers,
        caller.clone(),
        words::DUTCH.language(),
        request,
    )
    .await;
    if executed.unavailable() {
        tracing::error!(
            operation,
            "a web page's query found the database out of reach"
        );
        return Err(unavailable());
    }
    if let Some(error) = executed.response.errors.first() {
        let code = error
            .extensions
            .as_ref()
            .and_then(|e| e.get("code"))
            .map(ToString::to_string)
            .unwrap_or_default();
        tracing::error!(operation, %code, message = %error.message, "a web page's query failed");
        return Err(failed());
    }
    executed
        .response
        .data
        .into_json()
        .and_then(serde_json::from_value)
        .map_err(|error| {
            tracing::error!(operation, %error, "a web page's answer has another shape than its query");
            failed()
        })
}
