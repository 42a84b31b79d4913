//! Four eyes on a report: who approved a draft and when. A draft is published only once a
//! second person (another reporter or an admin) approved it, unless the instance turns the rule
//! off for a small team (`--single-reporter`).

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
                ColumnDef::new(Alias::new("approved_by"))
                    .text()
                    .null()
                    .take(),
                ColumnDef::new(Alias::new("approved_at"))
                    .timestamp_with_time_zone()
                    .null()
                    .take(),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_columns(manager, "progress_report", &["approved_at", "approved_by"]).await
    }
}
