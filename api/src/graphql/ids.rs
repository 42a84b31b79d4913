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
fn decode(id: &ID, kind: &str, field: &str) -> ApiResult<i32> {
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
fn decode_opt(id: Option<&ID>, kind: &str, field: &str) -> ApiResult<Option<i32>> {
    id.map(|id| decode(id, kind, field)).transpose()
}

/// A type with global ids, named by its entity: every plan entity (its `PlanEntity::NAME`),
/// baselines and API tokens. Decoding by type instead of by a written name cannot misspell it.
pub trait Kind {
    /// The GraphQL type name inside its global ids.
    const NAME: &'static str;
}

impl<E: crate::service::store::crud::PlanEntity> Kind for E {
    const NAME: &'static str = <E as crate::service::store::crud::PlanEntity>::NAME;
}

impl Kind for entity::baseline::Entity {
    const NAME: &'static str = "Baseline";
}

impl Kind for entity::api_token::Entity {
    const NAME: &'static str = "ApiToken";
}

/// The row id inside a global id of `K`; `field` names the argument for the error.
pub fn decode_as<K: Kind>(id: &ID, field: &str) -> ApiResult<i32> {
    decode(id, K::NAME, field)
}

/// Like [`decode_as`] for an optional id.
pub fn decode_opt_as<K: Kind>(id: Option<&ID>, field: &str) -> ApiResult<Option<i32>> {
    decode_opt(id, K::NAME, field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_check_their_type() {
        use entity::{baseline, kpi, milestone};
        let id = encode("Milestone", 42);
        assert_eq!(decode_as::<milestone::Entity>(&id, "id").ok(), Some(42));
        assert!(matches!(
            decode_as::<kpi::Entity>(&id, "id"),
            Err(ApiError::Invalid { .. })
        ));
        assert!(decode_as::<kpi::Entity>(&ID("garbage!".into()), "id").is_err());
        assert_eq!(
            decode_as::<baseline::Entity>(&encode("Baseline", 3), "id").ok(),
            Some(3)
        );
    }
}
