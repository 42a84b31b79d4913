//! Bearer API tokens: created with a role (and a layer, for a layer manager), shown once and
//! stored only as their SHA-256; listed, revoked, and refused after they expire.

use crate::error::{ApiError, ApiResult};
use crate::service::Actor;
use crate::service::accounts::access::Caller;
use crate::service::store::validate as v;
use chrono::{DateTime, Utc};
use entity::{GovernmentLayer, Role, api_token};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder,
};

/// Every koers token starts with this, so a leaked one is easy to recognise and to scan for.
pub const PREFIX: &str = "koers_";

/// A token to create.
#[derive(Clone, Debug)]
pub struct NewToken {
    /// Whose token it is (recorded as the actor of every change made with it).
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// The layer of a layer manager (required for that role, refused for the others).
    pub layer: Option<GovernmentLayer>,
    /// When it stops working (never, when left out).
    pub expires_at: Option<DateTime<Utc>>,
}

/// SHA-256 of a token, as stored.
pub fn hash(token: &str) -> String {
    crate::service::store::digest::sha256(token.as_bytes())
}

fn fresh_token() -> ApiResult<String> {
    let mut bytes = [0_u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| ApiError::Internal(format!("no randomness for a token: {e}")))?;
    Ok(format!(
        "{PREFIX}{}",
        crate::service::store::digest::hex(&bytes)
    ))
}

/// Check a role and layer belong together.
pub fn check_role(role: Role, layer: Option<GovernmentLayer>) -> ApiResult<()> {
    match (role, layer) {
        (Role::LayerManager, None) => Err(ApiError::invalid(
            "layer",
            "a layer manager needs a layer (RIJK, PROVINCIE, GEMEENTE or WATERSCHAP)",
        )),
        (Role::LayerManager, Some(_)) | (_, None) => Ok(()),
        (_, Some(_)) => Err(ApiError::invalid(
            "layer",
            "only a layer manager has a layer; the other roles cover all layers",
        )),
    }
}

/// Create a token in one write transaction (with the request's idempotency claim, so a retry
/// never makes a second one); returns it stored (hash only) and the token itself, which is
/// never shown again.
pub async fn create(
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    new: NewToken,
) -> ApiResult<(api_token::Model, String)> {
    let txn = crate::service::begin_write(db).await?;
    // Two tokens made at once under one name see each other.
    crate::service::lock(&txn, "api_token").await?;
    let made = create_in(&txn, actor, new).await?;
    crate::service::commit(txn, actor).await?;
    Ok(made)
}

async fn create_in<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    new: NewToken,
) -> ApiResult<(api_token::Model, String)> {
    crate::service::accounts::access::may_manage_tokens(actor)?;
    v::line("name", &new.name, 100)?;
    check_role(new.role, new.layer)?;
    if new.expires_at.is_some_and(|at| at <= actor.at) {
        return Err(ApiError::invalid(
            "expiresAt",
            "the expiry must be in the future",
        ));
    }
    // A name is an account: the change history knows its actors by name only, so a second
    // token under a name is that account's (a rotation), with its role and layer.
    let name = new.name.trim().to_owned();
    let other = api_token::Entity::find()
        .filter(api_token::Column::Name.eq(name.clone()))
        .filter(api_token::Column::RevokedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .find(|t| {
            (t.role, t.layer) != (new.role, new.layer)
                && t.expires_at.is_none_or(|at| at > actor.at)
        });
    if let Some(other) = other {
        return Err(ApiError::Conflict(format!(
            "the name {name} belongs to an account with role {}{}: the change history could not tell them apart; choose another name or revoke that token first",
            other.role.as_str(),
            other
                .layer
                .map(|l| format!(" ({})", l.as_str()))
                .unwrap_or_default()
        )));
    }
    let token = fresh_token()?;
    let saved = api_token::ActiveModel {
        name: Set(name),
        role: Set(new.role),
        layer: Set(new.layer),
        token_hash: Set(hash(&token)),
        token_prefix: Set(token.chars().take(PREFIX.len() + 6).collect()),
        created_by: Set(actor.name.clone()),
        created_at: Set(actor.at),
        expires_at: Set(new.expires_at),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((saved, token))
}

/// Every token, newest first, for `caller` (an administrator; others are FORBIDDEN).
pub async fn list_for<C: ConnectionTrait>(
    db: &C,
    caller: &impl crate::service::accounts::access::Principal,
) -> ApiResult<Vec<api_token::Model>> {
    crate::service::accounts::access::may_manage_tokens(caller)?;
    list(db).await
}

/// Every token, newest first (revoked and expired ones too: they are the audit trail).
pub async fn list<C: ConnectionTrait>(db: &C) -> ApiResult<Vec<api_token::Model>> {
    Ok(api_token::Entity::find()
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?)
}

/// Revoke a token: it stops working at once. Revoking twice is a conflict (also when two
/// revocations race: the second finds it revoked in its own write transaction).
pub async fn revoke(
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    id: i32,
) -> ApiResult<api_token::Model> {
    crate::service::accounts::access::may_manage_tokens(actor)?;
    let txn = crate::service::begin_write(db).await?;
    crate::service::lock(&txn, "api_token").await?;
    let token = api_token::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found("ApiToken", id))?;
    if token.revoked_at.is_some() {
        return Err(ApiError::Conflict(format!(
            "token {} ({}) is already revoked",
            token.token_prefix, token.name
        )));
    }
    let mut am = token.into_active_model();
    am.revoked_at = Set(Some(actor.at));
    let revoked = am.update(&txn).await?;
    crate::service::commit(txn, actor).await?;
    Ok(revoked)
}

/// The holder of `token` at `now`: unknown, revoked and expired tokens are refused alike
/// (`UNAUTHENTICATED`), and the message does not tell them apart.
pub async fn authenticate<C: ConnectionTrait>(
    db: &C,
    token: &str,
    now: DateTime<Utc>,
) -> ApiResult<Caller> {
    live(db, token, now).await.map(holder)
}

/// The stored row of `token` while it holds at `now` (not revoked, not expired), or
/// `UNAUTHENTICATED` as [`authenticate`] refuses it. The web app keeps the row's id in a
/// session, never the token.
pub async fn live<C: ConnectionTrait>(
    db: &C,
    token: &str,
    now: DateTime<Utc>,
) -> ApiResult<api_token::Model> {
    if !token.starts_with(PREFIX) {
        return Err(refused());
    }
    let stored = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(hash(token)))
        .one(db)
        .await?
        .ok_or_else(refused)?;
    holds(stored, now)
}

/// The holder of token row `id` while the token holds at `now`: a web session asks this on
/// every request, so a revoked or expired token ends its sessions at once. `UNAUTHENTICATED`
/// for a row that is gone, revoked or expired.
pub async fn holder_of<C: ConnectionTrait>(
    db: &C,
    id: i32,
    now: DateTime<Utc>,
) -> ApiResult<Caller> {
    let stored = api_token::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(refused)?;
    holds(stored, now).map(holder)
}

fn refused() -> ApiError {
    ApiError::Unauthenticated("the token is unknown, revoked or expired".into())
}

/// `stored` while it holds at `now`: not revoked, and not expired.
fn holds(stored: api_token::Model, now: DateTime<Utc>) -> ApiResult<api_token::Model> {
    if stored.revoked_at.is_some() || stored.expires_at.is_some_and(|at| at <= now) {
        return Err(refused());
    }
    Ok(stored)
}

fn holder(stored: api_token::Model) -> Caller {
    Caller {
        name: stored.name,
        role: stored.role,
        layer: stored.layer,
    }
}
