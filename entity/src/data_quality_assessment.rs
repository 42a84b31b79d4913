//! The `data_quality_assessment` table.

use crate::enums::*;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "data_quality_assessment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub data_source_id: i32,
    pub dimension: QualityDimension,
    pub score: i32,
    pub assessed_on: Date,
    pub finding: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
