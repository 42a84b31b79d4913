//! Global object ids (`node(id:)`): the type name and the row id, base64-encoded.

use crate::error::{ApiError, ApiResult};
use async_graphql::ID;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The global id of row `id` of type `kind` (a GraphQL type name).
pub fn encode(kind: &str, id: i32) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{kind}:{id}")))
}

/// The type name and row id inside a global id.
pub fn decode_any(id: &ID) -> Option<(String, i32)> {
    let bytes = URL_SAFE_NO_PAD.decode(id.as_str()).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (kind, row) = text.split_once(':')?;
    Some((kind.to_owned(), row.parse().ok()?))
}

/// The row id inside a global id of type `kind`; `field` names the argument for the error.
pub fn decode(id: &ID, kind: &str, field: &str) -> ApiResult<i32> {
    match decode_any(id) {
        Some((k, row)) if k == kind => Ok(row),
        Some((k, _)) => Err(ApiError::invalid(
            field,
            format!("expected a {kind} id, got a {k} id"),
        )),
        None => Err(ApiError::invalid(
            field,
            format!("\"{}\" is not a valid id", id.as_str()),
        )),
    }
}

/// Like `decode` for an optional id.
pub fn decode_opt(id: Option<&ID>, kind: &str, field: &str) -> ApiResult<Option<i32>> {
    id.map(|id| decode(id, kind, field)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_check_their_type() {
        let id = encode("Milestone", 42);
        assert_eq!(decode(&id, "Milestone", "id").ok(), Some(42));
        assert!(matches!(
            decode(&id, "Kpi", "id"),
            Err(ApiError::Invalid { .. })
        ));
        assert!(decode(&ID("garbage!".into()), "Kpi", "id").is_err());
    }
}
