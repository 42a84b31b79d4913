//! The `kpi_measurement` table.

use crate::enums::*;
use crate::exact::Exact;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "kpi_measurement")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kpi_id: i32,
    pub period_start: Date,
    pub period_end: Date,
    pub layer: Option<GovernmentLayer>,
    pub value: Exact,
    /// A lower or upper bound, or an estimate; None for a plain value.
    pub qualifier: Option<MeasurementQualifier>,
    pub data_source_id: Option<i32>,
    pub note: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
