//! Running one GraphQL request, the one way every caller runs it: check and adjust the request
//! (`prepare`), let async-graphql execute it, give every error a code (`error_codes`), and put
//! the response's fields in query order (`field_order`).

use super::KoersSchema;
use super::type_index::TYPES;
use super::{error_codes, field_order, prepare};
use async_graphql::{Request, Response, ServerError};
use async_graphql_value::ConstValue;
use serde::Serialize;
use std::collections::BTreeMap;

/// A response, and whether its operation ran at all.
pub struct Executed {
    /// The response.
    pub response: Response,
    /// False when the request was refused before execution (it did not parse or validate, or
    /// its variables did not fit): such a response has no `data` entry (GraphQL spec 7.1.1),
    /// and a client that accepts `application/graphql-response+json` gets 400.
    pub ran: bool,
}

/// Run `request` on `schema` within `budget` (the HTTP request's, shared by the operations of
/// a batch), and count it in `crate::metrics`.
pub async fn execute(
    schema: &KoersSchema,
    request: Request,
    budget: &std::sync::Arc<super::budget::Budget>,
) -> Executed {
    use tracing::Instrument;
    let started = std::time::Instant::now();
    let span = tracing::info_span!("operation", name = tracing::field::Empty);
    let ((executed, kind, name), statements) =
        crate::telemetry::counted(run(schema, request.data(budget.clone()), budget))
            .instrument(span)
            .await;
    let outcome = if !executed.ran {
        "refused"
    } else if executed.unavailable() {
        "unavailable"
    } else if executed.response.errors.is_empty() {
        "ok"
    } else {
        "error"
    };
    let metrics = &crate::metrics::METRICS;
    metrics
        .operations
        .get_or_create(&crate::metrics::OperationLabels { kind, outcome })
        .inc();
    let elapsed = started.elapsed();
    metrics
        .operation_duration
        .get_or_create(&crate::metrics::KindLabels { kind })
        .observe(elapsed.as_secs_f64());
    let ms = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX);
    if elapsed >= crate::telemetry::SLOW_OPERATION {
        tracing::info!(target: "koers::operation", name = %name, kind, outcome, ms, statements, "slow operation");
    } else {
        tracing::debug!(target: "koers::operation", name = %name, kind, outcome, ms, statements, "operation");
    }
    executed
}

/// The kind of an operation for the metrics, and its root fields counted.
fn kind_of(
    document: &async_graphql::parser::types::ExecutableDocument,
    name: Option<&str>,
) -> &'static str {
    use async_graphql::parser::types::{OperationType, Selection};
    let Some(operation) = prepare::selected(document, name) else {
        return "unknown";
    };
    let (kind, root) = match operation.node.ty {
        OperationType::Query => ("query", TYPES.query.as_str()),
        OperationType::Mutation => ("mutation", TYPES.mutation.as_deref().unwrap_or("Mutation")),
        OperationType::Subscription => return "unknown",
    };
    for selection in &operation.node.selection_set.node.items {
        if let Selection::Field(field) = &selection.node {
            let name = field.node.name.node.as_str();
            let known = TYPES.field(root, name).is_some() || name == "__typename";
            crate::metrics::METRICS
                .root_fields
                .get_or_create(&crate::metrics::FieldLabels {
                    field: if known {
                        name.to_owned()
                    } else {
                        "unknown".to_owned()
                    },
                })
                .inc();
        }
    }
    kind
}

/// The name of the operation that runs: the one asked for, or a document's only named one
/// (empty for an anonymous operation).
fn name_of_operation(
    document: Option<&async_graphql::parser::types::ExecutableDocument>,
    asked: Option<&str>,
) -> String {
    use async_graphql::parser::types::DocumentOperations;
    match (asked, document.map(|d| &d.operations)) {
        (Some(name), _) => name.to_owned(),
        (None, Some(DocumentOperations::Multiple(ops))) if ops.len() == 1 => ops
            .keys()
            .next()
            .map(ToString::to_string)
            .unwrap_or_default(),
        _ => String::new(),
    }
}

async fn run(
    schema: &KoersSchema,
    request: Request,
    budget: &super::budget::Budget,
) -> (Executed, &'static str, String) {
    let operation_name = request.operation_name.clone();
    let prepared = match prepare::prepare(&TYPES, budget, request) {
        Ok(prepared) => prepared,
        Err(mut errors) => {
            bound(&mut errors);
            let executed = Executed {
                response: Response::from_errors(errors),
                ran: false,
            };
            return (executed, "unknown", operation_name.unwrap_or_default());
        }
    };
    let name = name_of_operation(prepared.document.as_ref(), operation_name.as_deref());
    tracing::Span::current().record("name", name.as_str());
    let kind = prepared
        .document
        .as_ref()
        .map_or("unknown", |d| kind_of(d, operation_name.as_deref()));
    // With the defaults `prepare` filled in, for `@skip`/`@include` when ordering the fields.
    let variables = prepared.request.variables.clone();
    let cost = prepared.cost;
    let execution = schema.execute(prepared.request);
    let mut response = if kind == "query" {
        // A query whose answer passes the budget is stopped at once, with one error, rather
        // than failing field by field (thousands of errors, seconds of work). A mutation runs
        // to its end: what it saved must be answered.
        tokio::select! {
            biased;
            () = budget.exceeded() => {
                let error: async_graphql::Error = budget.too_large().into();
                let mut stopped = ServerError::new(error.message, None);
                stopped.extensions = error.extensions;
                let response = Response::from_errors(vec![stopped]);
                return (Executed { response, ran: true }, kind, name);
            }
            response = execution => response,
        }
    } else {
        execution.await
    };
    error_codes::apply(&mut response);
    bound(&mut response.errors);
    // async-graphql's own refusals (parse, validation, limits) have no data and no error with a
    // path: resolver errors always have one.
    let ran = !(response.data == ConstValue::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty()));
    if !ran {
        // Refused by async-graphql's own checks: it takes nothing of the batch's budget.
        budget.refund(cost);
    }
    if ran
        && let Some(document) = &prepared.document
        && let Some(operation) = prepare::selected(document, operation_name.as_deref())
    {
        field_order::reorder(
            &TYPES,
            document,
            &operation.node,
            &variables,
            &mut response.data,
        );
    }
    (Executed { response, ran }, kind, name)
}

/// At most this many errors in one response; the rest are counted in a last one.
pub const MAX_ERRORS: usize = 20;
/// At most this many characters in an error message (a message may quote the query).
pub const MAX_MESSAGE: usize = 500;

/// Keep a response's errors short: at most [`MAX_ERRORS`] (and one that says how many more
/// there were), each message at most [`MAX_MESSAGE`] characters.
fn bound(errors: &mut Vec<ServerError>) {
    if errors.len() > MAX_ERRORS {
        let more = errors.len() - MAX_ERRORS;
        errors.truncate(MAX_ERRORS);
        let text = match more {
            1 => "and 1 more error, left out".to_owned(),
            more => format!("and {more} more errors, left out"),
        };
        let mut last = ServerError::new(text, None);
        let mut extensions = async_graphql::ErrorExtensionValues::default();
        extensions.set("code", "TOO_MANY_ERRORS");
        last.extensions = Some(extensions);
        errors.push(last);
    }
    for error in errors {
        error.message = shorten(&error.message);
    }
}

/// `message` when it is at most [`MAX_MESSAGE`] characters; else its start and its end around
/// " … ", so both what was wrong (often at the start) and why (often at the end) survive.
fn shorten(message: &str) -> String {
    let count = message.chars().count();
    if count <= MAX_MESSAGE {
        return message.to_owned();
    }
    let half = (MAX_MESSAGE - 3) / 2;
    let head: String = message.chars().take(half).collect();
    let tail: String = message.chars().skip(count - half).collect();
    format!("{head} … {tail}")
}

/// The JSON body of one response: `data` only when the operation ran.
#[derive(Serialize)]
struct Body<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<&'a ConstValue>,
    #[serde(skip_serializing_if = "<[ServerError]>::is_empty")]
    errors: &'a [ServerError],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    extensions: &'a BTreeMap<String, ConstValue>,
}

impl Serialize for Executed {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Body {
            data: self.ran.then_some(&self.response.data),
            errors: &self.response.errors,
            extensions: &self.response.extensions,
        }
        .serialize(serializer)
    }
}

impl Executed {
    fn has_code(&self, code: &str) -> bool {
        self.response.errors.iter().any(|e| {
            e.extensions
                .as_ref()
                .and_then(|x| x.get("code"))
                .is_some_and(|c| *c == ConstValue::from(code))
        })
    }

    /// Whether any error is the server's own (`INTERNAL`, or the database out of reach).
    pub fn internal(&self) -> bool {
        self.has_code("INTERNAL") || self.unavailable()
    }

    /// Whether the database could not be reached for it (`DATABASE_UNAVAILABLE`).
    pub fn unavailable(&self) -> bool {
        self.has_code("DATABASE_UNAVAILABLE")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_few_and_short() {
        let mut errors: Vec<ServerError> = (0..100)
            .map(|i| ServerError::new(format!("{i} {}", "x".repeat(5000)), None))
            .collect();
        bound(&mut errors);
        assert_eq!(errors.len(), MAX_ERRORS + 1);
        assert!(
            errors
                .iter()
                .all(|e| e.message.chars().count() <= MAX_MESSAGE + 1)
        );
        assert_eq!(errors[MAX_ERRORS].message, "and 80 more errors, left out");
        let mut one_more: Vec<ServerError> = (0..=MAX_ERRORS)
            .map(|i| ServerError::new(i.to_string(), None))
            .collect();
        bound(&mut one_more);
        assert_eq!(one_more[MAX_ERRORS].message, "and 1 more error, left out");
    }

    #[test]
    fn a_long_message_keeps_its_start_and_its_end() {
        let message = format!(
            "Unknown field \"{}\": did you mean \"title\"?",
            "é".repeat(2000)
        );
        let short = shorten(&message);
        assert!(
            short.chars().count() <= MAX_MESSAGE,
            "{}",
            short.chars().count()
        );
        assert!(short.starts_with("Unknown field"), "{short}");
        assert!(short.ends_with("did you mean \"title\"?"), "{short}");
        assert!(short.contains(" … "), "{short}");
        assert_eq!(shorten("short"), "short");
    }
}
