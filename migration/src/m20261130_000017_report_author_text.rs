//! The author's own words in a report: a summary and a note per section, edited on the draft
//! (JSON, `{"summary": "...", "notes": {"kern": "..."}}`) and frozen with it on publication.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("progress_report"))
                    .add_column(
                        ColumnDef::new(Alias::new("author_text"))
                            .text()
                            .not_null()
                            .default("{}"),
                    )
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("progress_report"))
                    .drop_column(Alias::new("author_text"))
                    .take(),
            )
            .await
    }
}
