//! The reason given for a change (the "toelichting"): one line, stored with every change
//! record of the update it came with, so a report can explain why a date moved.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("change_record"))
                    .add_column(ColumnDef::new(Alias::new("change_reason")).text().null())
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("change_record"))
                    .drop_column(Alias::new("change_reason"))
                    .take(),
            )
            .await
    }
}
