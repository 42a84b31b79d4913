//! `ApiError`: the one error model of koers, with the stable codes clients branch on.
//!
//! Services return `ApiError`; the GraphQL layer turns it into an error whose `extensions.code`
//! is one of the codes below. Internal errors are logged here, once, and reach the client as a
//! generic message: no database text, no stack traces.

use async_graphql::ErrorExtensions;
use sea_orm::{DbErr, SqlErr};

/// Errors of koers, by what a client can do about them.
///
/// Deliberately not `Display`: async-graphql would otherwise turn it into an error by its text
/// alone, and the code would be lost. `public_message` is what a client sees.
#[derive(Debug)]
pub enum ApiError {
    /// The object does not exist (or is not visible).
    NotFound { entity: &'static str, id: String },
    /// An input value is invalid; `field` is the path inside the mutation input.
    Invalid { field: String, message: String },
    /// The request conflicts with the current state (duplicate, stale version, cycle).
    Conflict(String),
    /// The caller may not do this.
    Forbidden(String),
    /// The caller did not say who it is, or its credentials are not accepted.
    Unauthenticated(String),
    /// The database cannot be reached (it is down, restarting, or out of connections): a
    /// retry later may work. Logged with its cause; the client sees a generic message.
    Unavailable(String),
    /// The request's answer would build more than `--max-cost` allows (`graphql::budget`).
    TooLarge(String),
    /// The request's idempotency key is no longer its own (its lease ran out and a retry took
    /// it over): nothing of this request was saved.
    KeyInUse(String),
    /// Anything else: logged with its cause, reported to the client as a generic message.
    Internal(String),
}

/// Result of a service call.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// The stable code in `extensions.code`.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::NotFound { .. } => "NOT_FOUND",
            ApiError::Invalid { .. } => "BAD_USER_INPUT",
            ApiError::Conflict(_) => "CONFLICT",
            ApiError::Forbidden(_) => "FORBIDDEN",
            ApiError::Unauthenticated(_) => "UNAUTHENTICATED",
            ApiError::Unavailable(_) => "DATABASE_UNAVAILABLE",
            ApiError::TooLarge(_) => "RESULT_TOO_LARGE",
            ApiError::KeyInUse(_) => "IDEMPOTENCY_KEY_IN_USE",
            ApiError::Internal(_) => "INTERNAL",
        }
    }

    /// An invalid input value at `field`: an argument (`first`, `filter.layer`) or, inside a
    /// mutation, a field of its input (`plannedDate`; the mutation layer prefixes `input.`).
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// A missing object of the given type.
    pub fn not_found(entity: &'static str, id: impl ToString) -> Self {
        ApiError::NotFound {
            entity,
            id: id.to_string(),
        }
    }

    /// The same error, with an invalid field placed inside the mutation's `input` argument.
    pub fn in_input(self) -> Self {
        match self {
            ApiError::Invalid { field, message }
                if !field.is_empty() && !field.starts_with("input.") =>
            {
                ApiError::Invalid {
                    field: format!("input.{field}"),
                    message,
                }
            }
            other => other,
        }
    }

    /// The message a client may see.
    pub fn public_message(&self) -> String {
        match self {
            ApiError::NotFound { entity, id } => format!("{entity} {id} was not found"),
            ApiError::Invalid { message, .. } => message.clone(),
            ApiError::Conflict(message)
            | ApiError::Forbidden(message)
            | ApiError::Unauthenticated(message)
            | ApiError::TooLarge(message)
            | ApiError::KeyInUse(message) => message.clone(),
            ApiError::Unavailable(_) => {
                "the database cannot be reached just now: try again shortly".to_owned()
            }
            ApiError::Internal(_) => "internal error".to_owned(),
        }
    }
}

/// Whether `err` says the database cannot be reached (rather than that a statement failed):
/// no connection could be had, the connection broke, PostgreSQL is shutting down, starting or
/// out of connections (SQLSTATE classes 08, 53 and 57P), or a SQLite file stayed locked by
/// another process past the busy timeout (SQLITE_BUSY and its extended codes; SQLITE_LOCKED is a
/// conflict inside one connection, not an outage).
pub fn unreachable(err: &DbErr) -> bool {
    use sea_orm::RuntimeErr;
    use sea_orm::sqlx::Error as Sqlx;
    match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
            match e.as_ref() {
                Sqlx::Io(_) | Sqlx::PoolTimedOut | Sqlx::PoolClosed | Sqlx::WorkerCrashed => true,
                Sqlx::Database(db) => {
                    if db
                        .try_downcast_ref::<sea_orm::sqlx::sqlite::SqliteError>()
                        .is_some()
                    {
                        return db
                            .code()
                            .and_then(|code| code.parse::<i64>().ok())
                            .is_some_and(|code| code & 0xff == 5);
                    }
                    db.code().is_some_and(|code| {
                        code.starts_with("08") || code.starts_with("53") || code.starts_with("57P")
                    })
                }
                _ => false,
            }
        }
        _ => false,
    }
}

impl From<DbErr> for ApiError {
    fn from(err: DbErr) -> Self {
        if unreachable(&err) {
            crate::metrics::METRICS.db_unavailable.inc();
            return ApiError::Unavailable(format!("database: {err}"));
        }
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => {
                ApiError::Conflict("an object with the same unique value already exists".into())
            }
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => ApiError::invalid(
                "",
                "a referenced object does not exist or is still referenced",
            ),
            // Logged where it reaches the client (`From<ApiError>`), with the request's context.
            _ => ApiError::Internal(format!("database: {err}")),
        }
    }
}

impl From<ApiError> for async_graphql::Error {
    fn from(err: ApiError) -> Self {
        match &err {
            // The one place internal errors are logged: the client sees only "internal error".
            ApiError::Internal(cause) => tracing::error!(%cause, "internal error"),
            ApiError::Unavailable(cause) => tracing::warn!(%cause, "database unavailable"),
            _ => {}
        }
        let code = err.code();
        let mut error = async_graphql::Error::new(err.public_message());
        error = error.extend_with(|_, ext| {
            ext.set("code", code);
            if let ApiError::Invalid { field, .. } = &err
                && !field.is_empty()
            {
                ext.set("field", field.as_str());
            }
        });
        error
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable() {
        assert_eq!(ApiError::not_found("Milestone", 3).code(), "NOT_FOUND");
        assert_eq!(ApiError::invalid("title", "x").code(), "BAD_USER_INPUT");
        assert_eq!(ApiError::Conflict("x".into()).code(), "CONFLICT");
        assert_eq!(ApiError::Forbidden("x".into()).code(), "FORBIDDEN");
        assert_eq!(ApiError::Internal("x".into()).code(), "INTERNAL");
        assert_eq!(
            ApiError::KeyInUse("x".into()).code(),
            "IDEMPOTENCY_KEY_IN_USE"
        );
    }

    #[test]
    fn internal_errors_do_not_leak_their_cause() {
        let err = ApiError::Internal("relation \"milestone\" does not exist".into());
        assert_eq!(err.public_message(), "internal error");
        let gql: async_graphql::Error = err.into();
        assert_eq!(gql.message, "internal error");
    }

    #[test]
    fn invalid_input_names_the_field_path() {
        let gql: async_graphql::Error = ApiError::invalid("plannedDate", "bad").in_input().into();
        let ext = gql.extensions.expect("extensions");
        assert_eq!(
            ext.get("field").map(|v| v.to_string()),
            Some("\"input.plannedDate\"".into())
        );
        let arg: async_graphql::Error = ApiError::invalid("first", "bad").into();
        let ext = arg.extensions.expect("extensions");
        assert_eq!(
            ext.get("field").map(|v| v.to_string()),
            Some("\"first\"".into())
        );
        assert_eq!(
            ext.get("code").map(|v| v.to_string()),
            Some("\"BAD_USER_INPUT\"".into())
        );
    }
}
