//! Progress reports for the Kamer: the frozen content of each report and, once published, its
//! documents with their SHA-256.

use crate::columns::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut report = entity_table(
            "progress_report",
            vec![
                text("title"),
                date("as_of"),
                enum_text("language"),
                enum_text("status"),
                integer_null("previous_report_id"),
                text("content"),
                text("created_by"),
                timestamp_with_time_zone_null("published_at"),
            ],
        );
        report.foreign_key(&mut reference(
            "progress_report",
            "previous_report_id",
            "progress_report",
        ));
        manager.create_table(report).await?;
        manager
            .create_index(index(
                "progress_report",
                "ix_progress_report_as_of",
                &["as_of", "id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("report_document")
                    .col(integer("report_id"))
                    .col(enum_text("format"))
                    .col(blob("body"))
                    .col(string_len("sha256", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col("report_id").col("format"))
                    .foreign_key(&mut reference(
                        "report_document",
                        "report_id",
                        "progress_report",
                    ))
                    .take(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["report_document", "progress_report"]).await
    }
}
