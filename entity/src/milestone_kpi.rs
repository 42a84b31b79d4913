//! The `milestone_kpi` link table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "milestone_kpi")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub milestone_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub kpi_id: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
