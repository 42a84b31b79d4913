//! The `risk` table: a risk to the plan with its mitigation (beheersmaatregel) and owner.

use crate::enums::*;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "risk")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub programme_id: i32,
    pub title: String,
    pub description: String,
    pub likelihood: RiskLevel,
    pub impact: RiskLevel,
    /// What is done to prevent it or limit its effect (beheersmaatregel); empty: none yet.
    pub mitigation: String,
    /// Who owns the risk and its mitigation (a person or a role); empty: nobody yet.
    pub owner: String,
    /// The layer it belongs to; None for a joint risk.
    pub layer: Option<GovernmentLayer>,
    pub status: RiskStatus,
    /// The milestone it threatens, if any.
    pub milestone_id: Option<i32>,
    /// The commitment to the Kamer it threatens, if any.
    pub commitment_id: Option<i32>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
