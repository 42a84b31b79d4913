//! Idempotency keys: a client that may retry a create (a lost connection, a timeout) sends an
//! `Idempotency-Key`; the first request with it does the work and its response is kept, and a
//! retry with the same key and the same body gets that response instead of a second object.
//! Keys are per account and kept for a day.
//!
//! A claim ends one of three ways, and a retry sees which:
//! - the request answered: its response is kept and replayed;
//! - it ended without an answer (the client went away, the server cut it off or was killed)
//!   and saved nothing: the claim is given up (at once by the HTTP layer, or when its lease runs
//!   out after a kill) and the retry runs the request again;
//! - it saved its writes but ended before its answer was kept: every write transaction marks
//!   the claim committed (`mark_committed`, inside that transaction), so a retry learns that the
//!   work was done (`Committed`) and never does it twice.

use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Duration, Utc};
use entity::idempotency_key;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    sea_query::OnConflict,
};

/// Seconds a claim's lease lasts beyond the request timeout: time for a cut-off request to
/// give its claim up before a retry may take it over.
pub const LEASE_MARGIN_SECS: i64 = 10;

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
    /// The first request saved its writes but ended before its response was kept.
    Committed,
}

/// A claim a request holds (or is about to): written into each of its write transactions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Held {
    /// The account.
    pub account: String,
    /// The key.
    pub key: String,
    /// This request's own id: a claim is given up only by the request holding it.
    pub holder: String,
}

impl Held {
    /// The claim's row, while it is this holder's.
    fn row(&self) -> Condition {
        Condition::all()
            .add(idempotency_key::Column::Account.eq(self.account.as_str()))
            .add(idempotency_key::Column::Key.eq(self.key.as_str()))
            .add(idempotency_key::Column::Holder.eq(self.holder.as_str()))
    }

    /// A new holder of `account`'s `key`.
    pub fn new(account: &str, key: &str) -> Self {
        Held {
            account: account.to_owned(),
            key: key.to_owned(),
            holder: uuid::Uuid::new_v4().to_string(),
        }
    }
}

/// Whose keys a caller uses: its name with its role and layer. A token's name need not be
/// unique, and a reader named like an administrator must not see the administrator's keys.
pub fn account_of(caller: &crate::service::accounts::access::Caller) -> String {
    format!("{}|{:?}|{:?}", caller.name, caller.role, caller.layer)
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

/// Claim `held`'s key for a request with body hash `request_sha256` at `now`, leased for
/// `lease` (as long as the request may run).
pub async fn claim<C: ConnectionTrait>(
    db: &C,
    held: &Held,
    request_sha256: &str,
    now: DateTime<Utc>,
    lease: Duration,
) -> ApiResult<Claim> {
    check_key(&held.key)?;
    // A claim given up between this request's insert and its read (its holder was cut off)
    // leaves nothing to read: then the key is free, and the insert is tried again.
    for _ in 0..3 {
        if let Some(claim) = try_claim(db, held, request_sha256, now, lease).await? {
            return Ok(claim);
        }
    }
    Ok(Claim::InProgress)
}

/// One attempt of [`claim`]; `None` when the claim it found was given up meanwhile.
async fn try_claim<C: ConnectionTrait>(
    db: &C,
    held: &Held,
    request_sha256: &str,
    now: DateTime<Utc>,
    lease: Duration,
) -> ApiResult<Option<Claim>> {
    let (account, key) = (held.account.as_str(), held.key.as_str());
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
        committed: Set(false),
        lease_until: Set(Some(expiry(now, lease)?)),
        holder: Set(Some(held.holder.clone())),
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
        return Ok(Some(Claim::Fresh));
    }
    let Some(existing) = idempotency_key::Entity::find_by_id((account.to_owned(), key.to_owned()))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if existing.request_sha256 != request_sha256 {
        return Ok(Some(Claim::Mismatch));
    }
    if let Some(response) = existing.response {
        return Ok(Some(Claim::Replay(response)));
    }
    // Still within its lease, the first request may be running (a batch that saved its first
    // mutation runs on): a retry waits, whether or not it has saved something yet.
    if existing.lease_until.is_some_and(|until| until > now) {
        return Ok(Some(Claim::InProgress));
    }
    if existing.committed {
        return Ok(Some(Claim::Committed));
    }
    let lease_until = expiry(now, lease)?;
    // The first request ended without an answer and saved nothing (its process was killed):
    // take the claim over, unless another retry just did.
    let taken = idempotency_key::Entity::update_many()
        .col_expr(idempotency_key::Column::LeaseUntil, lease_until.into())
        .col_expr(idempotency_key::Column::CreatedAt, now.into())
        .col_expr(idempotency_key::Column::Holder, held.holder.clone().into())
        .filter(idempotency_key::Column::Account.eq(account))
        .filter(idempotency_key::Column::Key.eq(key))
        .filter(idempotency_key::Column::Committed.eq(false))
        .filter(idempotency_key::Column::Response.is_null())
        .filter(
            Condition::any()
                .add(idempotency_key::Column::LeaseUntil.is_null())
                .add(idempotency_key::Column::LeaseUntil.lte(now)),
        )
        .exec(db)
        .await?;
    Ok(Some(if taken.rows_affected == 1 {
        Claim::Fresh
    } else {
        Claim::InProgress
    }))
}

/// The end of a lease of `lease` taken at `now`; a lease past the calendar's end is refused.
fn expiry(now: DateTime<Utc>, lease: Duration) -> ApiResult<DateTime<Utc>> {
    now.checked_add_signed(lease)
        .ok_or_else(|| ApiError::Internal("an idempotency lease past the calendar's end".into()))
}

/// Mark `held` committed, inside the transaction of the request's writes: the mark and the
/// writes are saved together or not at all. Fenced by the holder: when the claim is no longer
/// this request's (its lease ran out and a retry took it over), the transaction fails with
/// `IDEMPOTENCY_KEY_IN_USE` and nothing is saved, so the work is never done twice.
pub async fn mark_committed<C: ConnectionTrait>(db: &C, held: &Held) -> ApiResult<()> {
    let marked = idempotency_key::Entity::update_many()
        .col_expr(idempotency_key::Column::Committed, true.into())
        .filter(held.row())
        .exec(db)
        .await?;
    if marked.rows_affected != 1 {
        return Err(ApiError::KeyInUse(
            "this request's idempotency key was taken over by a retry after its lease ran out: nothing was saved".into(),
        ));
    }
    Ok(())
}

/// Keep the response of `held`'s claim. Returns whether it was kept (`false`: the claim is no
/// longer this request's).
pub async fn finish<C: ConnectionTrait>(db: &C, held: &Held, response: &str) -> ApiResult<bool> {
    let kept = idempotency_key::Entity::update_many()
        .col_expr(idempotency_key::Column::Response, response.into())
        .filter(held.row())
        .exec(db)
        .await?;
    Ok(kept.rows_affected == 1)
}

/// Give `held`'s claim up when its request saved nothing (it failed, or ended without an
/// answer): a retry runs again. A claim whose writes were committed is kept, and so is another
/// request's claim of the same key. Returns whether it was given up.
pub async fn release<C: ConnectionTrait>(db: &C, held: &Held) -> ApiResult<bool> {
    let deleted = idempotency_key::Entity::delete_many()
        .filter(held.row())
        .filter(idempotency_key::Column::Committed.eq(false))
        .filter(idempotency_key::Column::Response.is_null())
        .exec(db)
        .await?;
    Ok(deleted.rows_affected == 1)
}

/// End the lease of `held`'s claim: its request is over (it saved something but its answer is
/// not kept), so a retry learns `Committed` at once instead of waiting for the lease.
pub async fn end_lease<C: ConnectionTrait>(db: &C, held: &Held) -> ApiResult<()> {
    idempotency_key::Entity::update_many()
        .col_expr(
            idempotency_key::Column::LeaseUntil,
            sea_orm::sea_query::Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(held.row())
        .filter(idempotency_key::Column::Committed.eq(true))
        .filter(idempotency_key::Column::Response.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Give up the claim of a request that ended without an answer. Its claim may still be on its
/// way into the database (the request was cut off while the insert ran), so this looks again
/// for a few seconds; it stops once the claim is gone, committed or answered. Whatever it does
/// not catch, the claim's lease ends.
pub async fn release_abandoned<C: ConnectionTrait>(db: &C, held: &Held) -> ApiResult<()> {
    let mut pause = std::time::Duration::from_millis(20);
    for _ in 0..8 {
        if release(db, held).await? {
            return Ok(());
        }
        let row = idempotency_key::Entity::find_by_id((held.account.clone(), held.key.clone()))
            .one(db)
            .await?;
        match row {
            // Another request's claim, or this one's, kept: nothing to give up.
            Some(row) if row.holder.as_deref() != Some(held.holder.as_str()) => return Ok(()),
            Some(row) if row.response.is_some() => return Ok(()),
            // Saved without an answer: a retry learns that at once.
            Some(row) if row.committed => return end_lease(db, held).await,
            _ => {}
        }
        tokio::time::sleep(pause).await;
        pause *= 2;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn database() -> sea_orm::DatabaseConnection {
        let Ok(db) = crate::db::connect("sqlite::memory:").await else {
            panic!("database");
        };
        assert!(crate::db::migrate(&db).await.is_ok());
        db
    }

    #[tokio::test]
    async fn only_the_holder_marks_a_claim_committed_and_a_lapsed_claim_is_taken_over() {
        let db = database().await;
        let now = chrono::DateTime::UNIX_EPOCH + Duration::days(1);
        let lease = Duration::seconds(40);
        let first = Held::new("a", "k");
        assert_eq!(
            claim(&db, &first, "x", now, lease).await.ok(),
            Some(Claim::Fresh)
        );
        let retry = Held::new("a", "k");
        assert_eq!(
            claim(&db, &retry, "x", now + Duration::seconds(5), lease)
                .await
                .ok(),
            Some(Claim::InProgress),
            "the lease still runs"
        );
        assert_eq!(
            claim(&db, &retry, "x", now + Duration::seconds(41), lease)
                .await
                .ok(),
            Some(Claim::Fresh),
            "taken over after the lease"
        );
        // The first holder, still running somewhere, can no longer commit under this key.
        let refused = mark_committed(&db, &first).await.err().map(|e| e.code());
        assert_eq!(refused, Some("IDEMPOTENCY_KEY_IN_USE"));
        assert!(mark_committed(&db, &retry).await.is_ok());
        assert_eq!(finish(&db, &first, "{}").await.ok(), Some(false));
        assert_eq!(finish(&db, &retry, "{}").await.ok(), Some(true));

        // Saved, and its request (a batch) still running: a retry waits; once the request is
        // over without a kept answer, a retry learns that it saved.
        let batch = Held::new("a", "batch");
        assert_eq!(
            claim(&db, &batch, "x", now, lease).await.ok(),
            Some(Claim::Fresh)
        );
        assert!(mark_committed(&db, &batch).await.is_ok());
        let again = Held::new("a", "batch");
        assert_eq!(
            claim(&db, &again, "x", now, lease).await.ok(),
            Some(Claim::InProgress)
        );
        assert!(end_lease(&db, &batch).await.is_ok());
        assert_eq!(
            claim(&db, &again, "x", now, lease).await.ok(),
            Some(Claim::Committed)
        );

        // A claim without a lease (written before leases existed) can be taken over too.
        idempotency_key::Entity::insert(idempotency_key::ActiveModel {
            account: Set("a".into()),
            key: Set("old".into()),
            request_sha256: Set("x".into()),
            response: Set(None),
            created_at: Set(now),
            committed: Set(false),
            lease_until: Set(None),
            holder: Set(None),
        })
        .exec_without_returning(&db)
        .await
        .expect("an old claim");
        let taker = Held::new("a", "old");
        assert_eq!(
            claim(&db, &taker, "x", now, lease).await.ok(),
            Some(Claim::Fresh)
        );
    }

    #[tokio::test]
    async fn a_lease_past_the_calendars_end_is_an_error_not_a_panic() {
        let db = database().await;
        let result = claim(
            &db,
            &Held::new("a", "k"),
            "x",
            chrono::DateTime::<Utc>::MAX_UTC - Duration::seconds(1),
            Duration::seconds(40),
        )
        .await;
        assert_eq!(result.err().map(|e| e.code()), Some("INTERNAL"));
    }
}
