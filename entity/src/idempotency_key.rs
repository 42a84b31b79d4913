//! The `idempotency_key` table: the first response to a request sent with an idempotency key.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "idempotency_key")]
pub struct Model {
    /// The account that sent it (keys are per account).
    #[sea_orm(primary_key, auto_increment = false)]
    pub account: String,
    /// The client's key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// SHA-256 of the request body: the same key with another body is refused.
    pub request_sha256: String,
    /// The response, once there is one (none while the first request still runs).
    pub response: Option<String>,
    pub created_at: DateTimeUtc,
    /// Whether the request's writes were committed (set in their own transaction).
    pub committed: bool,
    /// Until when the request may still be running; after it, a claim without a response and
    /// without committed writes belongs to a request that ended without an answer.
    pub lease_until: Option<DateTimeUtc>,
    /// The request holding the claim (a random id): only it gives the claim up.
    pub holder: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
