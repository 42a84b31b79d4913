//! Idempotency claims that end: a claim is leased for as long as its request may run, and
//! marked committed in the same transaction as the request's writes, so a retry after a request
//! that ended without an answer (cut off, timed out, killed) runs again when nothing was saved.

use crate::columns::{add_columns, drop_columns};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(
            manager,
            "idempotency_key",
            vec![
                ColumnDef::new(Alias::new("committed"))
                    .boolean()
                    .not_null()
                    .default(false)
                    .take(),
                ColumnDef::new(Alias::new("lease_until"))
                    .timestamp_with_time_zone()
                    .null()
                    .take(),
                ColumnDef::new(Alias::new("holder"))
                    .string_len(36)
                    .null()
                    .take(),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_columns(
            manager,
            "idempotency_key",
            &["holder", "lease_until", "committed"],
        )
        .await
    }
}
