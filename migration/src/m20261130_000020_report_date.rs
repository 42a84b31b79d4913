//! A report's date as its documents and its letters give it: the status date ("today" for the
//! plan) of its generation, then of its publication. On an instance with a fixed status date
//! that differs from the clock's day, so it is kept, not derived from the timestamps.

use crate::columns::{add_columns, drop_columns};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::date_null;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(manager, "progress_report", vec![date_null("dated_on")]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_columns(manager, "progress_report", &["dated_on"]).await
    }
}
