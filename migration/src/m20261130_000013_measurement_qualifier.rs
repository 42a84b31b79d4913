//! A measured value's qualifier: a lower bound ("ten minste"), an upper bound ("ten hoogste")
//! or an estimate ("naar schatting"); null for a plain value. Reports print it with the value.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("kpi_measurement"))
                    .add_column(
                        ColumnDef::new(Alias::new("qualifier"))
                            .string_len(32)
                            .null(),
                    )
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("kpi_measurement"))
                    .drop_column(Alias::new("qualifier"))
                    .take(),
            )
            .await
    }
}
