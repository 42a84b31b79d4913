//! The `api_token` table: a bearer token's SHA-256, its role and layer, expiry and revocation.

use crate::enums::{GovernmentLayer, Role};
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "api_token")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Whose token it is: the name recorded in the change history.
    pub name: String,
    pub role: Role,
    /// The layer a layer manager may edit (only for `LAYER_MANAGER`).
    pub layer: Option<GovernmentLayer>,
    /// SHA-256 of the token, lower-case hex.
    #[serde(skip)]
    pub token_hash: String,
    /// The token's first characters, to tell tokens apart in a list.
    pub token_prefix: String,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub expires_at: Option<DateTimeUtc>,
    pub revoked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
