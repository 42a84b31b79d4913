//! The author's own words in a report: a summary and a note per section, edited on the draft
//! (JSON, `{"summary": "...", "notes": {"kern": "..."}}`) and frozen with it on publication.

use crate::columns::{add_columns, drop_columns};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(
            manager,
            "progress_report",
            vec![
                ColumnDef::new(Alias::new("author_text"))
                    .text()
                    .not_null()
                    .default("{}")
                    .take(),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_columns(manager, "progress_report", &["author_text"]).await
    }
}
