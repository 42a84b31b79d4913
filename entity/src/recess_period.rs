//! The `recess_period` table.

use crate::enums::*;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "recess_period")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: RecessKind,
    pub year: i32,
    pub name: String,
    pub first_day: Date,
    pub last_day: Date,
    pub confidence: DateConfidence,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
