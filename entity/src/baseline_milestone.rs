//! The `baseline_milestone` table: one milestone's dates as they stood when a baseline was taken.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "baseline_milestone")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub baseline_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub milestone_id: i32,
    pub planned_date: Date,
    pub forecast_date: Option<Date>,
    pub projected_date: Date,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
