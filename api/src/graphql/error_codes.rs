//! Gives every error in a response a stable `extensions.code`, and masks anything unexpected.
//! Applied to each response by the HTTP layer (an async-graphql extension would also hook
//! every field resolution, which costs more than it is worth here).
//!
//! Errors raised by our resolvers already carry a code (see `crate::error`). What is left comes
//! from async-graphql itself: a query that does not parse or validate (including the depth and
//! complexity limits), an input value of the wrong form, or an unexpected failure inside the
//! library. The first two are the client's to fix; the last is logged and masked.

use async_graphql::{Response, ServerError, Value};

/// Give every error of `response` a code (and mask the unexpected ones).
pub fn apply(response: &mut Response) {
    for error in &mut response.errors {
        classify(error);
    }
}

/// The code for an error that has none yet.
fn code_for(error: &ServerError) -> &'static str {
    let message = error.message.as_str();
    // Input values async-graphql rejects while parsing arguments (a wrong form, or null for a
    // non-null field) are the client's to fix.
    if message.starts_with("Failed to parse")
        || message.starts_with("Invalid value for argument")
        || message.contains("(occurred while parsing \"")
    {
        "BAD_USER_INPUT"
    } else if error.path.is_empty() {
        // Parse and validation errors have no path: the operation never ran.
        "GRAPHQL_VALIDATION_FAILED"
    } else {
        "INTERNAL"
    }
}

fn classify(error: &mut ServerError) {
    let has_code = error
        .extensions
        .as_ref()
        .is_some_and(|ext| ext.get("code").is_some());
    if has_code {
        return;
    }
    let code = code_for(error);
    if code == "INTERNAL" {
        tracing::error!(message = %error.message, path = ?error.path, "unexpected resolver error");
        error.message = "internal error".to_owned();
    }
    error
        .extensions
        .get_or_insert_with(Default::default)
        .set("code", Value::from(code));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_validation_and_unexpected_errors_get_codes() {
        let mut input = ServerError::new("Failed to parse \"Date\": nope", None);
        classify(&mut input);
        assert_eq!(
            input
                .extensions
                .as_ref()
                .and_then(|e| e.get("code"))
                .map(ToString::to_string),
            Some("\"BAD_USER_INPUT\"".into())
        );

        let mut validation = ServerError::new("Query is nested too deep.", None);
        classify(&mut validation);
        assert_eq!(
            validation
                .extensions
                .as_ref()
                .and_then(|e| e.get("code"))
                .map(ToString::to_string),
            Some("\"GRAPHQL_VALIDATION_FAILED\"".into())
        );

        let mut null_input = ServerError::new(
            "Expected input type \"Language\", found null. (occurred while parsing \"GenerateProgressReportInput\")",
            None,
        );
        null_input.path = vec![async_graphql::PathSegment::Field(
            "generateProgressReport".into(),
        )];
        classify(&mut null_input);
        assert_eq!(
            null_input
                .extensions
                .as_ref()
                .and_then(|e| e.get("code"))
                .map(ToString::to_string),
            Some("\"BAD_USER_INPUT\"".into())
        );

        let mut internal = ServerError::new("Data `X` does not exist.", None);
        internal.path = vec![async_graphql::PathSegment::Field("milestones".into())];
        classify(&mut internal);
        assert_eq!(internal.message, "internal error");
    }
}
