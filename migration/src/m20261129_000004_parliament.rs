//! The parliamentary calendar (recess periods) and commitments to the Kamer.

use crate::columns::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(entity_table(
                "recess_period",
                vec![
                    enum_text("kind"),
                    integer("year"),
                    text("name"),
                    date("first_day"),
                    date("last_day"),
                    enum_text("confidence"),
                ],
            ))
            .await?;
        manager
            .create_index(index(
                "recess_period",
                "ix_recess_period_first_day",
                &["first_day"],
            ))
            .await?;

        let mut commitment = entity_table(
            "commitment",
            vec![
                integer("programme_id"),
                text_uniq("number"),
                text("text"),
                text("made_by"),
                date("made_on"),
                text_null("deadline_text"),
                date("deadline_date"),
                enum_text("status"),
            ],
        );
        commitment.foreign_key(&mut reference("commitment", "programme_id", "programme"));
        manager.create_table(commitment).await?;
        manager
            .create_table(link_table(
                "commitment_milestone",
                ("commitment_id", "commitment"),
                ("milestone_id", "milestone"),
            ))
            .await?;
        manager
            .create_index(index(
                "commitment_milestone",
                "ix_commitment_milestone_reverse",
                &["milestone_id", "commitment_id"],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &["commitment_milestone", "commitment", "recess_period"],
        )
        .await
    }
}
