//! The append-only change history.

use crate::columns::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table("change_record")
            .col(big_pk_auto("id"))
            .col(text("entity"))
            .col(integer("entity_id"))
            .col(enum_text("action"))
            .col(text_null("field"))
            .col(text_null("old_value"))
            .col(text_null("new_value"))
            .col(text("actor"))
            .col(timestamp_with_time_zone("changed_at"))
            .col(text("request_id"))
            .take();
        manager.create_table(table).await?;
        manager
            .create_index(index(
                "change_record",
                "ix_change_record_entity",
                &["entity", "entity_id", "id"],
            ))
            .await?;
        manager
            .create_index(index(
                "change_record",
                "ix_change_record_changed_at",
                &["changed_at", "id"],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["change_record"]).await
    }
}
