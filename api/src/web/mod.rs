//! The web app for the people who run the plan (issue 17): pages at `/` in Dutch, or in English
//! when the reader chose it (`language.rs`, `text.rs`), served by koers itself on the same port.
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
//! (`milestone.rs`, its history `history.rs`), `/tijdlijn` the timeline (`timeline/`),
//! `/kpis` the KPIs against their targets and the data sources' quality (`kpis/`),
//! `/toezeggingen` the commitments to the Kamer (`commitments.rs`), `/rapportages` the
//! progress reports and their documents (`reports.rs`), `/aanmelden` signing in
//! (`session/`).

mod as_of;
mod assets;
mod commitment_state;
mod commitments;
mod history;
mod kpis;
mod language;
mod milestone;
mod overview;
mod recent_changes;
mod reports;
mod session;
mod templates;
mod text;
mod timeline;
mod words;

use crate::http::Api;
use crate::service::accounts::access::Caller;
use axum::Router;
use axum::http::Uri;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;
use session::{How, Reader};
use text::{Text, say};
use tower_sessions::Session;

/// What a page may load: its own styles, fonts and the `data:` images of the Utrecht CSS; no
/// script at all, forms only to koers, no framing.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; font-src 'self'; \
     img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Marks a response as a web page, whose error status keeps its HTML body (`http::errors`
/// turns every other error body into JSON).
#[derive(Clone, Copy, Debug)]
pub(crate) struct WebPage;

/// The web app's routes, and the answer to an unknown address: a page in the reader's language
/// for a browser (one that accepts HTML), the JSON error as before for any other client.
pub(crate) fn routes(state: &crate::state::AppState) -> Router<Api> {
    let sessions = session::layer(
        session::DatabaseStore::new(state.db.clone()),
        !state.config.insecure_cookies,
        state.config.session_idle_minutes,
    );
    Router::new()
        .route("/", get(overview::show))
        .route("/mijlpalen/{id}", get(milestone::show))
        .route("/tijdlijn", get(timeline::show))
        .route("/kpis", get(kpis::show))
        .route("/toezeggingen", get(commitments::show))
        .route("/rapportages", get(reports::show))
        .route("/rapportages/documenten/{file}", get(reports::document))
        .route(
            "/aanmelden",
            get(session::sign_in::form).post(session::sign_in::submit),
        )
        .route(
            "/aanmelden/oidc",
            axum::routing::post(session::provider_start),
        )
        .route(crate::oidc::RETURN_PATH, get(session::provider_finish))
        .route(
            "/afmelden",
            get(session::sign_in::sign_out_page).post(session::sign_in::sign_out),
        )
        .layer(sessions)
        .route("/taal", get(language::choose))
        .route("/static/{file}", get(assets::asset))
        .fallback(not_found)
}

async fn not_found(headers: HeaderMap) -> Response {
    let browser = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if browser {
        let text = language::chosen(&headers);
        problem(
            text,
            StatusCode::NOT_FOUND,
            say!(text, "frame-not-found"),
            say!(text, "frame-not-found-more"),
        )
    } else {
        StatusCode::NOT_FOUND.into_response()
    }
}

/// The frame every page shares: its title, which menu item it is, and who is looking (with
/// the sign-out form's token when signed in on the web, or a link to sign in).
#[derive(Serialize)]
struct Frame<'a, T: Serialize> {
    /// The page's language: "nl", "en" (`<html lang>`, and the language `t()` writes).
    lang: &'static str,
    /// The link to the same page in the other language.
    switch: String,
    title: &'a str,
    page: &'static str,
    viewer: String,
    sign_out: Option<String>,
    sign_in: bool,
    /// Where signing in returns to: this page (its view included), encoded for the address.
    sign_in_back: String,
    /// What links keep to stay in the view (`peildatum=…`), or nothing.
    keep: String,
    /// The as-of view the page shows, if any.
    as_of: Option<AsOfShown>,
    /// The form that chooses the day, on every page of the plan.
    view_form: Option<ViewForm>,
    #[serde(flatten)]
    content: T,
}

/// The as-of view in words, for the banner.
#[derive(Serialize)]
struct AsOfShown {
    day: String,
    live: String,
}

/// The date form: where it goes, what it sends again, its value and the latest day it offers.
#[derive(Serialize)]
struct ViewForm {
    path: String,
    hidden: Vec<(String, String)>,
    value: String,
    max: String,
}

impl<'a, T: Serialize> Frame<'a, T> {
    fn new(
        text: Text,
        title: &'a str,
        page: &'static str,
        reader: Option<&Reader>,
        content: T,
    ) -> Self {
        let view = reader.map(|r| &r.view);
        let here = view
            .filter(|v| !v.path.is_empty())
            .map(|v| as_of::encode(&v.address()))
            .unwrap_or_default();
        Frame {
            lang: text.code(),
            switch: language::switch(text, &here),
            title,
            page,
            viewer: reader.map(viewer_label).unwrap_or_default(),
            sign_out: match reader.map(|r| &r.how) {
                Some(How::Session { form_token }) => Some(form_token.clone()),
                _ => None,
            },
            sign_in: matches!(reader.map(|r| &r.how), Some(How::Anonymous)),
            sign_in_back: here,
            keep: view.and_then(as_of::View::param).unwrap_or_default(),
            as_of: view.and_then(|v| {
                v.as_of.as_ref().map(|a| AsOfShown {
                    day: text.words().date(a.day),
                    live: v.live_address(),
                })
            }),
            view_form: view.filter(|v| !v.path.is_empty()).map(|v| ViewForm {
                path: v.path.clone(),
                hidden: v.others.clone(),
                value: v
                    .as_of
                    .as_ref()
                    .map(|a| a.day.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                max: v
                    .today
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            }),
            content,
        }
    }
}

impl<T: Serialize> Frame<'_, T> {
    /// The language switch goes back to `address` (a page shown without a view of the plan:
    /// the sign-in page).
    fn switch_to(&mut self, text: Text, address: &str) {
        self.switch = language::switch(text, &as_of::encode(address));
    }
}

/// Who is reading, in words for the page's header.
fn viewer_label(reader: &Reader) -> String {
    match reader.how {
        How::Anonymous => say!(reader.text, "frame-anonymous"),
        How::Session { .. } | How::Header => {
            say!(
                reader.text,
                "frame-signed-in-as",
                name = reader.caller.name.as_str()
            )
        }
    }
}

/// Render `template` with `content` inside the shared frame, as a 200 page.
fn page<T: Serialize>(
    template: &str,
    title: &str,
    menu: &'static str,
    reader: &Reader,
    content: T,
) -> Response {
    let frame = Frame::new(reader.text, title, menu, Some(reader), content);
    match templates::render(template, frame) {
        Ok(body) => html(StatusCode::OK, body),
        Err(error) => {
            tracing::error!(template, %error, "rendering a page failed");
            failed(reader.text)
        }
    }
}

#[derive(Serialize)]
struct Problem {
    message: String,
}

/// A page that says what went wrong, in the reader's language, with `status`, and a link back
/// to the overview. Its header says nothing of who is reading: it is shown before (or instead
/// of) knowing.
fn problem(text: Text, status: StatusCode, title: String, message: String) -> Response {
    problem_page(text, status, &title, message, None)
}

/// [`problem`] for a reader koers knows: the header says who it is, as on every page.
fn problem_for(reader: &Reader, status: StatusCode, title: String, message: String) -> Response {
    problem_page(reader.text, status, &title, message, Some(reader))
}

fn problem_page(
    text: Text,
    status: StatusCode,
    title: &str,
    message: String,
    reader: Option<&Reader>,
) -> Response {
    let frame = Frame::new(
        text,
        title,
        "",
        reader,
        Problem {
            message: message.clone(),
        },
    );
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

/// Who is reading: with an `Authorization` header, the caller the API would see (an API
/// client, or a proxy that signs users in); else the account the web session is signed in
/// with, while its token holds (a revoked or expired token ends the session here); else the
/// anonymous reader where the deployment allows one. Otherwise, or when the token was refused,
/// the sign-in form (401). Each is rate-limited as the API limits its caller.
async fn reader(
    api: &Api,
    headers: &HeaderMap,
    peer: &crate::http::Peer,
    session: &Session,
    here: &Uri,
) -> Result<Reader, Response> {
    let mut reader = who(api, headers, peer, session, here).await?;
    let params: Vec<(String, String)> = axum::extract::Query::try_from_uri(here)
        .map(|q| q.0)
        .unwrap_or_default();
    let state = api.state();
    let today = state.config.status_date().at(state.clock.now());
    // The plan's first recorded day, only where a day is asked for.
    let asked = params
        .iter()
        .any(|(k, v)| k == as_of::PARAM && !v.trim().is_empty());
    let first = if asked {
        match crate::service::history::change_records::first_moment(&state.db).await {
            Ok(first) => first.map(crate::service::schedule::status_date::dutch_day),
            Err(error) => {
                tracing::error!(?error, "the first change of the plan could not be read");
                return Err(unavailable(reader.text));
            }
        }
    } else {
        None
    };
    let (view, read) = as_of::View::of(here.path(), params, today, first);
    reader.view = view;
    if let Err(refused) = read {
        let text = reader.text;
        let date = |d| text.words().date(d);
        let message = match refused {
            as_of::Refused::Unreadable(written) => say!(
                text,
                "frame-as-of-unreadable",
                text = text.words().quote(&written)
            ),
            as_of::Refused::Future(day, today) if state.config.status_date.is_some() => say!(
                text,
                "frame-as-of-after-fixed",
                day = words::capital(&date(day)),
                today = date(today)
            ),
            as_of::Refused::Future(day, today) => say!(
                text,
                "frame-as-of-future",
                day = words::capital(&date(day)),
                today = date(today)
            ),
            as_of::Refused::BeforePlan(day, Some(first)) => say!(
                text,
                "frame-as-of-before-plan",
                day = date(day),
                first = date(first)
            ),
            as_of::Refused::BeforePlan(day, None) => {
                say!(text, "frame-as-of-empty-plan", day = date(day))
            }
        };
        return Err(problem_for(
            &reader,
            StatusCode::BAD_REQUEST,
            say!(text, "frame-as-of-refused"),
            message,
        ));
    }
    Ok(reader)
}

/// Who reads (see [`reader`]), with the view still unread.
async fn who(
    api: &Api,
    headers: &HeaderMap,
    peer: &crate::http::Peer,
    session: &Session,
    here: &Uri,
) -> Result<Reader, Response> {
    let text = language::chosen(headers);
    if headers.contains_key(header::AUTHORIZATION) {
        return match crate::http::admit(api, headers, peer).await {
            Ok(caller) => Ok(Reader {
                caller,
                how: How::Header,
                view: as_of::View::default(),
                text,
            }),
            Err(refused) => Err(refusal(text, &refused)),
        };
    }
    let state = api.state();
    let account = match session::account(session, state.clock.now()).await {
        Ok(account) => account,
        Err(()) => return Err(unavailable(text)),
    };
    let mut ended = false;
    let token = match account {
        Some(session::Account::Token(id)) => Some(id),
        // An identity provider vouched for it at sign-in; it holds for PROVIDER_MINUTES.
        Some(session::Account::Provider(caller)) => {
            if let Some(limited) = crate::http::rate_limited(state, &caller) {
                return Err(refusal(text, &limited));
            }
            let Some(form_token) = session::form_token(session).await else {
                return Err(unavailable(text));
            };
            return Ok(Reader {
                caller,
                how: How::Session { form_token },
                view: as_of::View::default(),
                text,
            });
        }
        None => None,
    };
    if let Some(id) = token {
        match crate::service::accounts::tokens::holder_of(&state.db, id, state.clock.now()).await {
            Ok(caller) => {
                if let Some(limited) = crate::http::rate_limited(state, &caller) {
                    return Err(refusal(text, &limited));
                }
                let Some(form_token) = session::form_token(session).await else {
                    return Err(unavailable(text));
                };
                return Ok(Reader {
                    caller,
                    how: How::Session { form_token },
                    view: as_of::View::default(),
                    text,
                });
            }
            Err(crate::error::ApiError::Unauthenticated(_)) => {
                session::end(session).await;
                ended = true;
            }
            Err(error) => {
                tracing::error!(?error, "a web session's token could not be read");
                return Err(unavailable(text));
            }
        }
    }
    if state.config.allow_anonymous {
        let caller = Caller::anonymous();
        if let Some(limited) = crate::http::rate_limited(state, &caller) {
            return Err(refusal(text, &limited));
        }
        return Ok(Reader {
            caller,
            how: How::Anonymous,
            view: as_of::View::default(),
            text,
        });
    }
    let message = if ended {
        say!(text, "frame-session-ended")
    } else {
        say!(text, "frame-sign-in-required")
    };
    Err(session::sign_in::page(
        api,
        text,
        StatusCode::UNAUTHORIZED,
        &message,
        here,
    ))
}

/// The page for a refusal by the API's own checks (`Retry-After` kept).
fn refusal(text: Text, refused: &Response) -> Response {
    let mut page = match refused.status() {
        StatusCode::UNAUTHORIZED => {
            let mut page = problem(
                text,
                StatusCode::UNAUTHORIZED,
                say!(text, "frame-not-signed-in"),
                say!(text, "frame-token-refused"),
            );
            page.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"koers\""),
            );
            page
        }
        StatusCode::TOO_MANY_REQUESTS => problem(
            text,
            StatusCode::TOO_MANY_REQUESTS,
            say!(text, "frame-too-many"),
            say!(text, "frame-too-many-more"),
        ),
        StatusCode::SERVICE_UNAVAILABLE => unavailable(text),
        _ => failed(text),
    };
    if let Some(wait) = refused.headers().get(header::RETRY_AFTER) {
        page.headers_mut().insert(header::RETRY_AFTER, wait.clone());
    }
    page
}

/// Something went wrong that waiting will not mend (the log has the cause).
fn failed(text: Text) -> Response {
    problem(
        text,
        StatusCode::INTERNAL_SERVER_ERROR,
        say!(text, "frame-failed"),
        say!(text, "frame-failed-more"),
    )
}

/// The plan could not be read (the database out of reach, or an error the log explains).
fn unavailable(text: Text) -> Response {
    problem(
        text,
        StatusCode::SERVICE_UNAVAILABLE,
        say!(text, "frame-unavailable"),
        say!(text, "frame-unavailable-more"),
    )
}

/// Where a page of a list stands (`pageInfo`), as the pages that read a whole list ask for it.
#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct PageInfo {
    has_next_page: bool,
    end_cursor: Option<String>,
}

impl PageInfo {
    /// The cursor to ask for the next page with; none at the end of the list (or when the API
    /// gives no cursor, so a page is never asked for twice).
    fn next(self) -> Option<String> {
        self.end_cursor.filter(|_| self.has_next_page)
    }
}

/// A list a page reads whole: `operation` asked again with `after` until the list ends or
/// `most` items are in. `split` takes a page's items and `pageInfo` out of its answer. Gives
/// the last answer (for what else it carries: totals, the status date) and the items.
async fn every_page<A: serde::de::DeserializeOwned, T>(
    api: &Api,
    headers: &HeaderMap,
    reader: &Reader,
    operation: (&str, &str),
    mut variables: serde_json::Value,
    most: usize,
    split: impl Fn(&mut A) -> (Vec<T>, PageInfo),
) -> Result<(A, Vec<T>), Response> {
    let mut items = Vec::new();
    loop {
        let mut answer: A = query(api, headers, reader, operation, variables.clone()).await?;
        let (nodes, page_info) = split(&mut answer);
        items.extend(nodes);
        match page_info.next() {
            Some(cursor) if items.len() < most => variables["after"] = cursor.into(),
            _ => {
                items.truncate(most);
                return Ok((answer, items));
            }
        }
    }
}

/// Run `operation` of a page's GraphQL `document` with `variables` as `caller`; its `data`
/// read as `T`, or the page that says the plan could not be read (every error is logged).
async fn query<T: serde::de::DeserializeOwned>(
    api: &Api,
    headers: &HeaderMap,
    reader: &Reader,
    (document, operation): (&str, &str),
    mut variables: serde_json::Value,
) -> Result<T, Response> {
    // An as-of view reads every operation at its moment: each declares `$asOf`, but for those
    // that read the change history up to it (`until`) and the reports (see `tests`).
    if let (Some(as_of), Some(map)) = (&reader.view.as_of, variables.as_object_mut()) {
        map.insert("asOf".into(), as_of.moment.to_rfc3339().into());
    }
    let request = async_graphql::Request::new(document)
        .operation_name(operation)
        .variables(async_graphql::Variables::from_json(variables));
    let executed = crate::http::run_in_process(
        api,
        headers,
        reader.caller.clone(),
        reader.text.language(),
        request,
    )
    .await;
    if executed.unavailable() {
        tracing::error!(
            operation,
            "a web page's query found the database out of reach"
        );
        return Err(unavailable(reader.text));
    }
    if let Some(error) = executed.response.errors.first() {
        let code = error
            .extensions
            .as_ref()
            .and_then(|e| e.get("code"))
            .map(ToString::to_string)
            .unwrap_or_default();
        // What the address asked for is not something the API takes (a page cursor that is
        // no cursor): the reader's input, not koers's failure.
        if code.trim_matches('"') == "BAD_USER_INPUT" {
            tracing::info!(operation, message = %error.message, "a web page's address asked for what the API refuses");
            return Err(problem_for(
                reader,
                StatusCode::BAD_REQUEST,
                say!(reader.text, "frame-unknown-choice"),
                say!(reader.text, "frame-unknown-choice-more"),
            ));
        }
        tracing::error!(operation, %code, message = %error.message, "a web page's query failed");
        return Err(failed(reader.text));
    }
    executed
        .response
        .data
        .into_json()
        .and_then(serde_json::from_value)
        .map_err(|error| {
            tracing::error!(operation, %error, "a web page's answer has another shape than its query");
            failed(reader.text)
        })
}

#[cfg(test)]
mod tests {
    /// Every page's document, by file.
    const DOCUMENTS: &[(&str, &str)] = &[
        (
            "commitments",
            include_str!("../../assets/web/queries/commitments.graphql"),
        ),
        (
            "kpis",
            include_str!("../../assets/web/queries/kpis.graphql"),
        ),
        (
            "milestone",
            include_str!("../../assets/web/queries/milestone.graphql"),
        ),
        (
            "overview",
            include_str!("../../assets/web/queries/overview.graphql"),
        ),
        (
            "recent_changes",
            include_str!("../../assets/web/queries/recent_changes.graphql"),
        ),
        (
            "reports",
            include_str!("../../assets/web/queries/reports.graphql"),
        ),
        (
            "timeline",
            include_str!("../../assets/web/queries/timeline.graphql"),
        ),
    ];

    /// The operations that do not read the plan as of the view's moment, and why: the history
    /// up to it is asked with `until` (the page passes it), the layer's milestones at the start
    /// of the recent changes' window with their own moment, and reports are not recomputed.
    const WITHOUT_AS_OF: &[&str] = &[
        "MilestoneHistory",
        "MyMilestonesThen",
        "DeletedMilestones",
        "ChangesByOthers",
        "Reports",
    ];

    /// An as-of view is only true when every operation takes its moment: one that forgot
    /// `$asOf` would show the live plan under the as-of banner.
    #[test]
    fn every_operation_reads_the_plan_as_of_the_view() {
        let mut seen = 0;
        for (file, text) in DOCUMENTS {
            for part in text.split("\nquery ").skip(1) {
                let name: String = part
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                let body = part.split("\nquery ").next().unwrap_or_default();
                let header = body.split('{').next().unwrap_or_default();
                seen += 1;
                if WITHOUT_AS_OF.contains(&name.as_str()) {
                    assert!(
                        !header.contains("$asOf"),
                        "{file}: {name} is listed as without"
                    );
                    continue;
                }
                assert!(
                    header.contains("$asOf: DateTime"),
                    "{file}: {name} declares no $asOf"
                );
                // Declared and used: each root field of the plan takes it.
                assert!(
                    body.matches("asOf: $asOf").count() >= 1,
                    "{file}: {name} uses no $asOf"
                );
            }
        }
        assert!(seen >= 12, "{seen} operations read");
    }
}
