//! Four eyes on a report: who approved a draft and when. A draft is published only once a
//! second person (another reporter or an admin) approved it, unless the instance turns the rule
//! off for a small team (`--single-reporter`).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one column at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("progress_report"))
                    .add_column(ColumnDef::new(Alias::new("approved_by")).text().null())
                    .take(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("progress_report"))
                    .add_column(
                        ColumnDef::new(Alias::new("approved_at"))
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["approved_at", "approved_by"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new("progress_report"))
                        .drop_column(Alias::new(column))
                        .take(),
                )
                .await?;
        }
        Ok(())
    }
}
