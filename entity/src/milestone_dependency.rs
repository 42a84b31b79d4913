//! The `milestone_dependency` table: finish-to-start dependencies with a lag in days.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "milestone_dependency")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub predecessor_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub successor_id: i32,
    pub lag_days: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
