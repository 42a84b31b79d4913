//! How a KPI's layers add up to the whole: `NONE` (the default: a total is only what was
//! measured as one, as for percentages) or `SUM` (amounts and counts: the four layers' values
//! of one period add up to the total of all governments).

use crate::columns::{add_columns, drop_columns, enum_text};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(
            manager,
            "kpi",
            vec![enum_text("aggregation").default("NONE").take()],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_columns(manager, "kpi", &["aggregation"]).await
    }
}
