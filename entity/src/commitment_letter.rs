//! The `commitment_letter` table: a letter to the Kamer that fulfils or postpones a commitment.

use crate::enums::*;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "commitment_letter")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub commitment_id: i32,
    pub kind: LetterKind,
    pub sent_on: Date,
    /// The Kamerstuk, e.g. "Kamerstuk 30196, nr. 812".
    pub reference: Option<String>,
    pub reason: Option<String>,
    /// The commitment's deadline before this letter.
    pub previous_deadline_date: Date,
    pub previous_deadline_text: Option<String>,
    /// The new deadline (postponement letters only).
    pub new_deadline_date: Option<Date>,
    pub new_deadline_text: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
