//! The `web_session` table: the web app's signed-in sessions (see the migration
//! `m20261201_000022_web_sessions`).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "web_session")]
pub struct Model {
    /// SHA-256 (hex) of the session's id; the id itself is only in the browser's cookie.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id_sha256: String,
    /// The session's data as JSON.
    pub data: String,
    /// When it ends unless it is used before.
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
