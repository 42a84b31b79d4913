//! Bulk inserts: many rows in as few statements as the databases allow. A leaf, for the
//! generated benchmark plans and for a baseline's thousands of dated rows.

use crate::error::ApiResult;
use sea_orm::{ActiveModelTrait, DatabaseTransaction, EntityTrait, Iterable};

/// The most bound parameters one statement may carry (SQLite's limit is 32,766).
const MAX_PARAMETERS: usize = 32_000;

/// Insert `rows` in chunks whose parameters (rows times the table's columns) stay under SQLite's
/// limit, whatever the table's width.
pub async fn insert_all<A>(txn: &DatabaseTransaction, rows: Vec<A>) -> ApiResult<()>
where
    A: ActiveModelTrait + Send,
{
    let columns = <<A::Entity as EntityTrait>::Column as Iterable>::iter()
        .count()
        .max(1);
    for chunk in rows.chunks((MAX_PARAMETERS / columns).max(1)) {
        <A::Entity as EntityTrait>::insert_many(chunk.to_vec())
            .exec_without_returning(txn)
            .await?;
    }
    Ok(())
}
