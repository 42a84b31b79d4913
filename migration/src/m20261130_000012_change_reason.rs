//! The reason given for a change (the "toelichting"): one line, stored with every change
//! record of the update it came with, so a report can explain why a date moved.

use crate::columns::{add_columns, drop_columns};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(
            manager,
            "change_record",
            vec![
                ColumnDef::new(Alias::new("change_reason"))
                    .text()
                    .null()
                    .take(),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_columns(manager, "change_record", &["change_reason"]).await
    }
}
