//! The `kpi_target` table.

use crate::enums::*;
use crate::exact::Exact;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "kpi_target")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kpi_id: i32,
    pub year: i32,
    pub layer: Option<GovernmentLayer>,
    pub value: Exact,
    pub note: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
