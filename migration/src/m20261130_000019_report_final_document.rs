//! The final version of a published report: the ODT the policy officer edited and sent,
//! attached afterwards. Its bytes are a `report_document` of format `FINAL_ODT`; the report
//! carries its SHA-256, so attaching it is a recorded change of the report.

use crate::columns::{add_columns, drop_columns};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::string_len_null;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(
            manager,
            "progress_report",
            vec![string_len_null("final_sha256", 64)],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_columns(manager, "progress_report", &["final_sha256"]).await
    }
}
