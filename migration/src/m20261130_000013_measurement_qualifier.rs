//! A measured value's qualifier: a lower bound ("ten minste"), an upper bound ("ten hoogste")
//! or an estimate ("naar schatting"); null for a plain value. Reports print it with the value.

use crate::columns::{add_columns, drop_columns};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(
            manager,
            "kpi_measurement",
            vec![
                ColumnDef::new(Alias::new("qualifier"))
                    .string_len(32)
                    .null()
                    .take(),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_columns(manager, "kpi_measurement", &["qualifier"]).await
    }
}
