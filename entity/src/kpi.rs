//! The `kpi` table.

use crate::enums::*;
use crate::exact::Exact;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "kpi")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub programme_id: i32,
    pub code: String,
    pub name: String,
    pub definition: String,
    pub unit: String,
    pub direction: KpiDirection,
    /// How its layers add up to the whole (`NONE`: they do not). History recorded before the
    /// column existed rebuilds it as `null`: that reads as `NONE`.
    #[serde(default, deserialize_with = "crate::enums::null_as_default")]
    pub aggregation: KpiAggregation,
    pub level: KpiLevel,
    pub frequency: Frequency,
    pub themes: String,
    pub baseline_value: Option<Exact>,
    pub baseline_period: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
    /// The searchable text (code, name, definition), folded by [`crate::search::fold`]; kept on every
    /// write, never recorded in the history (it is derived).
    #[serde(default)]
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
