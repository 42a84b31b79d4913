//! Columns of plan tables by name: every plan table has the bookkeeping columns (`id`,
//! `version`, `created_at`, `updated_at`, `deleted_at`). A leaf, for `crud` and `page`.

use crate::error::{ApiError, ApiResult};
use sea_orm::EntityTrait;
use std::str::FromStr;

/// Look up a column of `E` by name; every plan table has the bookkeeping columns.
pub fn column<E: EntityTrait>(name: &str) -> ApiResult<E::Column> {
    E::Column::from_str(name).map_err(|_| {
        ApiError::Internal(format!(
            "{} has no column {name}",
            E::default().table_name()
        ))
    })
}
