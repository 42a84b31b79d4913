//! The GraphQL endpoint, as the GraphQL-over-HTTP spec has it: POST with an
//! `application/json` body (others get 415), GET for queries only (a mutation over GET gets 405),
//! batches up to the configured size, and for clients that accept
//! `application/graphql-response+json` a 400 when the request never ran (it did not parse or
//! validate). Every request is authenticated and rate-limited first. A POST with an
//! `Idempotency-Key` header runs once per account and key (`service::store::idempotency`).

use super::{Api, auth, error_response, internal_error, request_id};
use crate::error::ApiError;
use crate::graphql::context::RequestInfo;
use crate::graphql::execute::Executed;
use crate::graphql::loaders::Loaders;
use crate::service::accounts::access::Caller;
use crate::service::store::idempotency::{self, Claim};
use async_graphql::Request;
use async_graphql::parser::types::{DocumentOperations, OperationType};
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The media type of the GraphQL-over-HTTP spec.
const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

fn accepts_graphql_response(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains(GRAPHQL_RESPONSE))
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .eq_ignore_ascii_case("application/json")
        })
}

/// The GraphQL requests of a POST body: one JSON object with a `query` string, or a non-empty
/// array of them (at most `max_batch`); anything else is 400 with a code. (async-graphql would
/// read `[]` or `{}` as one request with an empty query, and answer 200.)
#[allow(clippy::result_large_err)]
fn requests_of(body: &[u8], max_batch: usize) -> Result<(Vec<Request>, bool), Response> {
    let bad = |message: &str| error_response(StatusCode::BAD_REQUEST, "BAD_REQUEST", message);
    let one = |value: serde_json::Value| -> Result<Request, Response> {
        if !value.get("query").is_some_and(serde_json::Value::is_string) {
            return Err(bad(
                "a GraphQL request is a JSON object with a \"query\" string",
            ));
        }
        serde_json::from_value(value).map_err(|_| {
            bad("a GraphQL request has a \"query\" string, and may have \"variables\" (an object) and \"operationName\" (a string)")
        })
    };
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(serde_json::Value::Array(items)) if items.is_empty() => Err(bad("the batch is empty")),
        Ok(serde_json::Value::Array(items)) if items.len() > max_batch => Err(error_response(
            StatusCode::BAD_REQUEST,
            "BATCH_LIMIT",
            &format!("a batch may hold at most {max_batch} operations"),
        )),
        Ok(serde_json::Value::Array(items)) => {
            Ok((items.into_iter().map(one).collect::<Result<_, _>>()?, false))
        }
        Ok(value @ serde_json::Value::Object(_)) => Ok((vec![one(value)?], true)),
        _ => Err(bad("the body is not a GraphQL request in JSON")),
    }
}

/// `POST /graphql`.
pub async fn post(
    State(api): State<Api>,
    peer: auth::Peer,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !is_json(&headers) {
        return error_response(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "send GraphQL requests as application/json",
        );
    }
    let caller = match auth::admit(&api.state, &headers, &peer).await {
        Ok(caller) => caller,
        Err(refused) => return refused,
    };
    let max_batch = api.state.config.max_batch;
    let (requests, single) = match requests_of(&body, max_batch) {
        Ok(parsed) => parsed,
        Err(refused) => return refused,
    };
    let mut keys = headers.get_all("idempotency-key").iter();
    let (key, another) = (keys.next(), keys.next());
    if another.is_some() {
        return error_response(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "send one Idempotency-Key header, not several",
        );
    }
    // A key is for changes: a request without a mutation, or from a caller who may change
    // nothing, runs as it is (reading twice does no harm, and its answer is not stored).
    let changes = caller.role != entity::Role::Viewer && requests.iter().any(is_mutation);
    match key {
        Some(key) if changes => {
            let key = key.to_str().unwrap_or_default().to_owned();
            execute_once(&api, &headers, caller, &key, &body, requests, single).await
        }
        _ => execute(&api, &headers, caller, requests, single).await,
    }
}

/// A fresh idempotency claim, given up when its request ends without an answer (the client
/// went away or the timeout cut the request off, dropping this future): unless the request's
/// writes were committed, a retry then runs again.
struct ClaimGuard {
    db: sea_orm::DatabaseConnection,
    held: Option<idempotency::Held>,
}

impl ClaimGuard {
    /// The request answered: the guard has nothing left to do.
    fn disarm(&mut self) {
        self.held = None;
    }
}

impl Drop for ClaimGuard {
    fn drop(&mut self) {
        let Some(held) = self.held.take() else {
            return;
        };
        let db = self.db.clone();
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                if let Err(err) = idempotency::release_abandoned(&db, &held).await {
                    tracing::error!(error = ?err, "giving up an idempotency key");
                }
            });
        }
    }
}

/// `GET /graphql`: a query in the URL (`?query=...&variables=...`), or the GraphiQL page for a
/// browser that asks for none.
pub async fn get(
    State(api): State<Api>,
    peer: auth::Peer,
    headers: HeaderMap,
    uri: axum::http::Uri,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(query) = query.filter(|q| !q.is_empty()) else {
        return super::graphiql::page().await.into_response();
    };
    let request = match async_graphql::http::parse_query_string(&query) {
        Ok(r) => r,
        Err(_) => {
            return error_response(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                "the URL does not hold a GraphQL request (query, variables, operationName)",
            );
        }
    };
    // The GraphQL-over-HTTP spec names the parameter `operationName` (async-graphql reads only
    // `operation_name`).
    let mut request = request;
    if request.operation_name.is_none()
        && let Ok(axum::extract::Query(params)) =
            axum::extract::Query::<std::collections::HashMap<String, String>>::try_from_uri(&uri)
    {
        request.operation_name = params.get("operationName").cloned();
    }
    if is_mutation(&request) {
        let mut response = error_response(
            StatusCode::METHOD_NOT_ALLOWED,
            "METHOD_NOT_ALLOWED",
            "mutations must be sent with POST",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return response;
    }
    let caller = match auth::admit(&api.state, &headers, &peer).await {
        Ok(caller) => caller,
        Err(refused) => return refused,
    };
    execute(&api, &headers, caller, vec![request], true).await
}

/// Whether the operation a request selects is a mutation (an unparsable query is not: it fails
/// later, with its parse error).
fn is_mutation(request: &Request) -> bool {
    let Ok(document) = async_graphql::parser::parse_query(&request.query) else {
        return false;
    };
    let ty = match &document.operations {
        DocumentOperations::Single(op) => Some(op.node.ty),
        DocumentOperations::Multiple(ops) => match &request.operation_name {
            Some(name) => ops.get(name.as_str()).map(|op| op.node.ty),
            None if ops.len() == 1 => ops.values().next().map(|op| op.node.ty),
            None => None,
        },
    };
    ty == Some(OperationType::Mutation)
}

/// A response before it is sent: kept as bytes, so an idempotency key can store it.
struct Sent {
    status: StatusCode,
    body: Vec<u8>,
    /// Whether any error was the server's own (such a response is not kept for a retry).
    internal: bool,
}

fn content_type(headers: &HeaderMap) -> &'static str {
    if accepts_graphql_response(headers) {
        GRAPHQL_RESPONSE
    } else {
        "application/json"
    }
}

fn send(headers: &HeaderMap, executed: Sent) -> Response {
    let outage = executed.status == StatusCode::SERVICE_UNAVAILABLE;
    let response = (
        executed.status,
        [(header::CONTENT_TYPE, content_type(headers))],
        executed.body,
    )
        .into_response();
    match outage {
        true => super::errors::retry_after(response, super::errors::RETRY_AFTER_OUTAGE),
        false => response,
    }
}

/// The facts of an HTTP request every operation in it reads: its id, caller, idempotency claim,
/// status date (fixed once) and language (`Accept-Language`).
fn request_info(
    api: &Api,
    headers: &HeaderMap,
    caller: Caller,
    claim: Option<idempotency::Held>,
) -> RequestInfo {
    RequestInfo {
        request_id: request_id(headers),
        caller,
        claim,
        // One "today" for the whole request, however long it runs.
        status_date: api.state.config.status_date().at(api.state.clock.now()),
        language: crate::service::language::from_accept_language(
            headers
                .get(axum::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        ),
    }
}

/// Run one operation with the request's facts, a fresh loader and fresh caches, within `budget`.
async fn execute_with(
    api: &Api,
    info: &RequestInfo,
    request: Request,
    budget: &std::sync::Arc<crate::graphql::budget::Budget>,
) -> Executed {
    let request = Loaders::register(request.data(info.clone()), &api.state.db);
    let request = crate::graphql::context::with_caches(request);
    crate::graphql::execute::execute(&api.schema, request, budget).await
}

/// Run one operation in-process for `caller`, as the HTTP endpoint would (the web app's pages:
/// the same documents, limits, budget and error codes as a client's request), with text for
/// users in `language` (the page's, whatever the browser's `Accept-Language` says).
pub(crate) async fn run_in_process(
    api: &Api,
    headers: &HeaderMap,
    caller: Caller,
    language: crate::service::language::Language,
    request: Request,
) -> Executed {
    let info = RequestInfo {
        language,
        ..request_info(api, headers, caller, None)
    };
    let budget = std::sync::Arc::new(crate::graphql::budget::Budget::new(
        api.state.config.max_cost,
    ));
    execute_with(api, &info, request, &budget).await
}

async fn execute(
    api: &Api,
    headers: &HeaderMap,
    caller: Caller,
    requests: Vec<Request>,
    single: bool,
) -> Response {
    match run(api, headers, caller, requests, single).await {
        Some(executed) => send(headers, executed),
        None => internal_error(),
    }
}

async fn run(
    api: &Api,
    headers: &HeaderMap,
    caller: Caller,
    requests: Vec<Request>,
    single: bool,
) -> Option<Sent> {
    run_holding(api, headers, caller, None, requests, single).await
}

/// `run`, for a request holding an idempotency claim (its writes mark it committed).
async fn run_holding(
    api: &Api,
    headers: &HeaderMap,
    caller: Caller,
    claim: Option<idempotency::Held>,
    requests: Vec<Request>,
    single: bool,
) -> Option<Sent> {
    let info = request_info(api, headers, caller, claim);
    // One budget for the whole HTTP request: a batch shares it.
    let budget = std::sync::Arc::new(crate::graphql::budget::Budget::new(
        api.state.config.max_cost,
    ));
    let mut responses = Vec::with_capacity(requests.len());
    for request in requests {
        responses.push(execute_with(api, &info, request, &budget).await);
    }
    let internal = responses.iter().any(Executed::internal);
    let never_ran = single && responses.first().is_some_and(|r| !r.ran);
    // The database out of reach is an outage, for every client: 503 with Retry-After (`send`).
    let status = if responses.iter().any(Executed::unavailable) {
        StatusCode::SERVICE_UNAVAILABLE
    } else if accepts_graphql_response(headers) && never_ran {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let body = if single {
        responses.first().map(serde_json::to_vec)
    } else {
        Some(serde_json::to_vec(&responses))
    };
    let Some(body) = body else {
        tracing::error!("a single request without a response");
        return None;
    };
    match body {
        Ok(body) => Some(Sent {
            status,
            body,
            internal,
        }),
        Err(err) => {
            tracing::error!(error = %err, "serialising a response failed");
            None
        }
    }
}

/// Settle `held`'s claim once its request has its answer (`None`: it failed without one). An
/// answer without a server error is kept for a retry. After a failed request, the claim is
/// given up when the request saved nothing (a retry runs again); when it saved something, its
/// failure is not what a retry should see: the claim stays committed without an answer, and a
/// retry learns that (409 `IDEMPOTENCY_KEY_COMMITTED`).
async fn settle(
    db: &sea_orm::DatabaseConnection,
    held: &idempotency::Held,
    executed: Option<&Sent>,
) -> crate::error::ApiResult<()> {
    match executed {
        Some(sent) if !sent.internal && sent.status == StatusCode::OK => {
            let body = String::from_utf8_lossy(&sent.body);
            if !idempotency::finish(db, held, &body).await? {
                tracing::warn!("an idempotency claim was taken over before its answer was kept");
            }
            Ok(())
        }
        _ => match idempotency::release(db, held).await? {
            true => Ok(()),
            // It saved something: over, but not to be replayed.
            false => idempotency::end_lease(db, held).await,
        },
    }
}

/// Run a request that carries an `Idempotency-Key`: the first time for real, afterwards the
/// first response again (`idempotent-replayed: true`). The same key with another body is 422;
/// while the first request still runs, a retry gets 409; when the first saved its writes but
/// its answer was lost, 409 `IDEMPOTENCY_KEY_COMMITTED`. A first request that ended without an
/// answer and saved nothing runs again (see `service::store::idempotency`).
async fn execute_once(
    api: &Api,
    headers: &HeaderMap,
    caller: Caller,
    key: &str,
    body: &[u8],
    requests: Vec<Request>,
    single: bool,
) -> Response {
    let db = &api.state.db;
    let account = idempotency::account_of(&caller);
    let fingerprint = crate::service::store::digest::sha256(body);
    let now = api.state.clock.now();
    // The claim is held for as long as the request may run (and a little more).
    // (`request_timeout_secs` is at most 3,600: the configuration refuses more.)
    let lease = chrono::Duration::seconds(
        i64::try_from(api.state.config.request_timeout_secs)
            .unwrap_or(3_600)
            .saturating_add(idempotency::LEASE_MARGIN_SECS),
    );
    // The guard stands before the claim is made: a request cut off while claiming gives its
    // claim up too (only its own: the claim carries its holder id).
    let held = idempotency::Held::new(&account, key);
    let mut guard = ClaimGuard {
        db: db.clone(),
        held: Some(held.clone()),
    };
    let claim = idempotency::claim(db, &held, &fingerprint, now, lease).await;
    // A claim that is not this request's needs no giving up; a failed attempt may have left one
    // (the insert landed, the read failed), so the guard stays armed then.
    if matches!(claim, Ok(ref found) if *found != Claim::Fresh) {
        guard.disarm();
    }
    let claim = match claim {
        Ok(claim) => claim,
        Err(ApiError::Invalid { message, .. }) => {
            return error_response(StatusCode::BAD_REQUEST, "BAD_REQUEST", &message);
        }
        Err(err) => return super::server_failure("idempotency key", err),
    };
    match claim {
        Claim::Fresh => {
            let executed =
                run_holding(api, headers, caller, Some(held.clone()), requests, single).await;
            // The guard stays armed until the claim is settled: a request cut off from here on
            // still gives up a claim that saved nothing.
            let settled = settle(db, &held, executed.as_ref()).await;
            guard.disarm();
            if let Err(err) = settled {
                tracing::error!(error = ?err, "settling an idempotency claim");
            }
            match executed {
                Some(executed) => send(headers, executed),
                None => internal_error(),
            }
        }
        Claim::Replay(stored) => {
            let mut response = send(
                headers,
                Sent {
                    status: StatusCode::OK,
                    body: stored.into_bytes(),
                    internal: false,
                },
            );
            response
                .headers_mut()
                .insert("idempotent-replayed", HeaderValue::from_static("true"));
            response
        }
        Claim::Mismatch => error_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            "IDEMPOTENCY_KEY_REUSED",
            "this idempotency key was used for another request",
        ),
        Claim::InProgress => super::errors::retry_after(
            error_response(
                StatusCode::CONFLICT,
                "IDEMPOTENCY_KEY_IN_USE",
                "the first request with this idempotency key is still running: try again shortly",
            ),
            super::errors::RETRY_AFTER_BUSY,
        ),
        Claim::Committed => error_response(
            StatusCode::CONFLICT,
            "IDEMPOTENCY_KEY_COMMITTED",
            "the first request with this idempotency key saved its changes, but its answer was lost: read the objects to see them (nothing was done twice)",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};

    async fn claim_row(db: &sea_orm::DatabaseConnection, key: &str, committed: bool) {
        let at = chrono::DateTime::UNIX_EPOCH;
        let row = entity::idempotency_key::ActiveModel {
            account: Set("a".into()),
            key: Set(key.into()),
            request_sha256: Set("x".into()),
            response: Set(None),
            created_at: Set(at),
            committed: Set(committed),
            lease_until: Set(Some(at)),
            holder: Set(Some(format!("holder-{key}"))),
        };
        assert!(row.insert(db).await.is_ok());
    }

    async fn exists(db: &sea_orm::DatabaseConnection, key: &str) -> bool {
        let found = entity::idempotency_key::Entity::find_by_id(("a".to_owned(), key.to_owned()))
            .one(db)
            .await;
        matches!(found, Ok(Some(_)))
    }

    #[tokio::test]
    async fn an_answer_is_kept_only_when_it_is_a_success_of_the_claims_holder() {
        let Ok(db) = crate::db::connect("sqlite::memory:").await else {
            panic!("database");
        };
        assert!(crate::db::migrate(&db).await.is_ok());
        let sent = |status: StatusCode, internal: bool| Sent {
            status,
            body: br#"{"data":{}}"#.to_vec(),
            internal,
        };
        let held = |key: &str| idempotency::Held {
            account: "a".into(),
            key: key.into(),
            holder: format!("holder-{key}"),
        };
        let row = |key: &'static str| {
            let db = db.clone();
            async move {
                entity::idempotency_key::Entity::find_by_id(("a".to_owned(), key.to_owned()))
                    .one(&db)
                    .await
                    .ok()
                    .flatten()
            }
        };
        for (key, committed) in [
            ("ok", true),
            ("failed-saved", true),
            ("failed-unsaved", false),
            ("internal-saved", true),
            ("lost", true),
            ("taken-over", true),
        ] {
            claim_row(&db, key, committed).await;
        }
        let ok = sent(StatusCode::OK, false);
        let outage = sent(StatusCode::SERVICE_UNAVAILABLE, false);
        let internal = sent(StatusCode::OK, true);
        assert!(settle(&db, &held("ok"), Some(&ok)).await.is_ok());
        assert!(
            settle(&db, &held("failed-saved"), Some(&outage))
                .await
                .is_ok()
        );
        assert!(
            settle(&db, &held("failed-unsaved"), Some(&outage))
                .await
                .is_ok()
        );
        assert!(
            settle(&db, &held("internal-saved"), Some(&internal))
                .await
                .is_ok()
        );
        assert!(settle(&db, &held("lost"), None).await.is_ok());
        let other = idempotency::Held {
            holder: "someone-else".into(),
            ..held("taken-over")
        };
        assert!(settle(&db, &other, Some(&ok)).await.is_ok());

        let kept = |row: Option<entity::idempotency_key::Model>| row.and_then(|r| r.response);
        assert_eq!(kept(row("ok").await).as_deref(), Some(r#"{"data":{}}"#));
        for key in ["failed-saved", "internal-saved", "lost"] {
            let found = row(key).await;
            assert!(
                found.as_ref().is_some_and(|r| r.committed),
                "{key}: stays committed"
            );
            assert_eq!(kept(found), None, "{key}: a failure is never replayed");
        }
        assert!(
            row("failed-unsaved").await.is_none(),
            "saved nothing: given up"
        );
        assert_eq!(
            kept(row("taken-over").await),
            None,
            "only the holder keeps an answer"
        );
    }

    #[tokio::test]
    async fn a_dropped_request_gives_its_claim_up_unless_it_committed() {
        let Ok(db) = crate::db::connect("sqlite::memory:").await else {
            panic!("database");
        };
        assert!(crate::db::migrate(&db).await.is_ok());
        for (key, committed) in [("open", false), ("saved", true), ("answered", false)] {
            claim_row(&db, key, committed).await;
            let mut guard = ClaimGuard {
                db: db.clone(),
                held: Some(idempotency::Held {
                    account: "a".into(),
                    key: key.into(),
                    holder: format!("holder-{key}"),
                }),
            };
            if key == "answered" {
                guard.disarm();
            }
            drop(guard);
        }
        // The guard's release runs on the runtime: give it its turn.
        for _ in 0..50 {
            if !exists(&db, "open").await {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        assert!(!exists(&db, "open").await, "given up: a retry runs");
        assert!(exists(&db, "saved").await, "committed: kept");
        assert!(
            exists(&db, "answered").await,
            "answered: the normal path keeps it"
        );
    }
}
