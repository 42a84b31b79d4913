//! Idempotency keys: a client that may retry a create (a lost connection, a timeout) sends an
//! `Idempotency-Key`; the first request with it does the work and its response is kept, and a
//! retry with the same key and the same body gets that response instead of a second object.
//! Keys are per account and kept for a day.

use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Duration, Utc};
use entity::idempotency_key;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    sea_query::OnConflict,
};

/// How long a key is remembered.
pub fn lifetime() -> Duration {
    Duration::hours(24)
}

/// What to do with a request that carries a key.
#[derive(Debug, PartialEq, Eq)]
pub enum Claim {
    /// The key is new: run the request, then `finish` (or `release` on failure).
    Fresh,
    /// The key was used before with the same body: answer with this response.
    Replay(String),
    /// The key was used before with another body.
    Mismatch,
    /// The first request with this key is still running.
    InProgress,
}

/// Check a key's form: 1 to 100 visible ASCII characters.
pub fn check_key(key: &str) -> ApiResult<()> {
    if key.is_empty() || key.len() > 100 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ApiError::invalid(
            "Idempotency-Key",
            "an idempotency key is 1 to 100 visible ASCII characters",
        ));
    }
    Ok(())
}

/// Claim `key` for `account`'s request with body hash `request_sha256` at `now`.
pub async fn claim<C: ConnectionTrait>(
    db: &C,
    account: &str,
    key: &str,
    request_sha256: &str,
    now: DateTime<Utc>,
) -> ApiResult<Claim> {
    check_key(key)?;
    // Forget expired keys (of everyone): a retry a day later is a new request.
    idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::CreatedAt.lt(now - lifetime()))
        .exec(db)
        .await?;
    // The insert decides between concurrent first requests: only one row can exist.
    let inserted = idempotency_key::Entity::insert(idempotency_key::ActiveModel {
        account: Set(account.to_owned()),
        key: Set(key.to_owned()),
        request_sha256: Set(request_sha256.to_owned()),
        response: Set(None),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([
            idempotency_key::Column::Account,
            idempotency_key::Column::Key,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    if inserted == 1 {
        return Ok(Claim::Fresh);
    }
    let existing = idempotency_key::Entity::find_by_id((account.to_owned(), key.to_owned()))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::Internal("idempotency key vanished".into()))?;
    Ok(if existing.request_sha256 != request_sha256 {
        Claim::Mismatch
    } else {
        match existing.response {
            Some(response) => Claim::Replay(response),
            None => Claim::InProgress,
        }
    })
}

/// Keep the response of a fresh claim.
pub async fn finish<C: ConnectionTrait>(
    db: &C,
    account: &str,
    key: &str,
    response: &str,
) -> ApiResult<()> {
    idempotency_key::ActiveModel {
        account: Set(account.to_owned()),
        key: Set(key.to_owned()),
        response: Set(Some(response.to_owned())),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Give a fresh claim up (the request failed on the server's side): a retry runs again.
pub async fn release<C: ConnectionTrait>(db: &C, account: &str, key: &str) -> ApiResult<()> {
    idempotency_key::Entity::delete_by_id((account.to_owned(), key.to_owned()))
        .exec(db)
        .await?;
    Ok(())
}
