//! The `progress_report` table: a progress report for the Kamer, its frozen content as JSON.

use crate::enums::*;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "progress_report")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    /// The peildatum.
    pub as_of: Date,
    pub language: Language,
    pub status: ReportStatus,
    pub previous_report_id: Option<i32>,
    /// The content as built on generation (JSON); never changed afterwards.
    pub content: String,
    pub created_by: String,
    pub published_at: Option<DateTimeUtc>,
    /// The kenmerk: the ministry's reference of the letter, set on the draft.
    pub reference: Option<String>,
    /// Which version of the report of its peildatum and language this is (1, 2, ...).
    pub edition: i32,
    /// Who approved the draft for publication (the second pair of eyes), and when.
    pub approved_by: Option<String>,
    pub approved_at: Option<DateTimeUtc>,
    /// The author's own words (JSON: summary and a note per section), edited on the draft.
    pub author_text: String,
    /// The SHA-256 of the final version attached after publication (the edited ODT as sent;
    /// its bytes are the report's `FINAL_ODT` document).
    pub final_sha256: Option<String>,
    /// The report's date (its documents' stamp): the status date of its generation, then of
    /// its publication, the day its fulfilment letters are sent on. None in reports stored
    /// before it was kept (their date is the Dutch day of publication or generation).
    pub dated_on: Option<Date>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
