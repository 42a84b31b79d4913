//! Accounts: bearer API tokens, each with a role and, for a layer manager, a government layer.
//! Only a token's SHA-256 is stored; the token itself is shown once, when it is created.

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
                    .table("api_token")
                    .col(pk_auto("id"))
                    .col(text("name"))
                    .col(enum_text("role"))
                    .col(enum_text_null("layer"))
                    .col(string_len_uniq("token_hash", 64))
                    .col(string_len("token_prefix", 16))
                    .col(text("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("expires_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .take(),
            )
            .await?;
        manager
            .create_index(index("api_token", "ix_api_token_name", &["name"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["api_token"]).await
    }
}
