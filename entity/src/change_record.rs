//! The `change_record` table: the append-only change history of the plan.

use crate::enums::ChangeAction;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "change_record")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Entity type, e.g. `Milestone`, or a link such as `MilestoneKpi`.
    pub entity: String,
    pub entity_id: i32,
    pub action: ChangeAction,
    pub field: Option<String>,
    /// Old and new values as JSON text (null when absent).
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub actor: String,
    pub changed_at: DateTimeUtc,
    pub request_id: String,
    /// The reason given with the update (one line), on every record of that update.
    pub change_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
