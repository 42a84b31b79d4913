//! Idempotency keys: the first response to a request sent with `Idempotency-Key`, per account,
//! so a retry returns it instead of doing the work twice.

use crate::columns::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("idempotency_key")
                    .col(text("account"))
                    .col(string_len("key", 100))
                    .col(string_len("request_sha256", 64))
                    .col(text_null("response"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col("account").col("key"))
                    .take(),
            )
            .await?;
        manager
            .create_index(index(
                "idempotency_key",
                "ix_idempotency_key_created_at",
                &["created_at"],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["idempotency_key"]).await
    }
}
