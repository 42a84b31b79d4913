//! The web app's sessions: who signed in on the web, until when. A browser holds only the
//! session's random id (in an HttpOnly cookie); the table keeps its SHA-256, so reading the
//! table does not give anyone a session. `data` is the session's JSON (the account's token id
//! and the form token against cross-site requests); `expires_at` when it ends unless used again.

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
                    .table("web_session")
                    .col(string_len("id_sha256", 64).primary_key())
                    .col(text("data"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .take(),
            )
            .await?;
        manager
            .create_index(index(
                "web_session",
                "ix_web_session_expires_at",
                &["expires_at"],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["web_session"]).await
    }
}
