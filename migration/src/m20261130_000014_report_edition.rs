//! A progress report's kenmerk (the ministry's reference, set on the draft) and its edition: a
//! second report of the same peildatum and language is its next version ("versie 2"), never a
//! silent duplicate. The unique index makes two concurrent generations of one peildatum end in
//! one success and one `CONFLICT`, not in two reports with the same version.

use crate::columns::{add_columns, drop_columns};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one column at a time.
        add_columns(
            manager,
            "progress_report",
            vec![
                ColumnDef::new(Alias::new("reference"))
                    .string_len(100)
                    .null()
                    .take(),
                ColumnDef::new(Alias::new("edition"))
                    .integer()
                    .not_null()
                    .default(1)
                    .take(),
            ],
        )
        .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE progress_report SET edition = (SELECT COUNT(*) FROM progress_report AS p \
                 WHERE p.as_of = progress_report.as_of AND p.language = progress_report.language \
                 AND p.id <= progress_report.id)",
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("progress_report_edition")
                    .table(Alias::new("progress_report"))
                    .col(Alias::new("as_of"))
                    .col(Alias::new("language"))
                    .col(Alias::new("edition"))
                    .unique()
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("progress_report_edition")
                    .table(Alias::new("progress_report"))
                    .to_owned(),
            )
            .await?;
        drop_columns(manager, "progress_report", &["edition", "reference"]).await
    }
}
