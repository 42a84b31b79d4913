//! Columns of tables by name (a list's key, a foreign key a relation follows, a link table's
//! sides), and a list of ids as one parameter. The bookkeeping columns every plan table has are
//! typed instead (`entity::StampColumns`). A leaf, for `crud`, `filter` and `page`.

use crate::error::{ApiError, ApiResult};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ColumnTrait, DatabaseBackend, EntityTrait};
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

/// `column IN (ids)` with the ids bound as one JSON array, so a list of any length is a single
/// parameter (SQLite and PostgreSQL both cap the number of parameters of a statement).
pub fn id_in<C: ColumnTrait>(backend: DatabaseBackend, column: C, ids: &[i32]) -> Condition {
    let json = serde_json::to_string(ids).unwrap_or_else(|_| "[]".to_owned());
    let qualified = format!("\"{}\".\"{}\"", column.entity_name(), column.as_str());
    let sql = match backend {
        DatabaseBackend::Postgres => {
            format!("{qualified} IN (SELECT value::int FROM json_array_elements_text($1::json))")
        }
        _ => format!("{qualified} IN (SELECT value FROM json_each(?))"),
    };
    Condition::all().add(Expr::cust_with_values(sql, [json]))
}
