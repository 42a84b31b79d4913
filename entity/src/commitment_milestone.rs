//! The `commitment_milestone` link table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "commitment_milestone")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub commitment_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub milestone_id: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
