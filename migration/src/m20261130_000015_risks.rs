//! Risks to the plan (risico's): what could go wrong, how likely and how bad, the mitigation
//! (beheersmaatregel) and who owns it; about one milestone and/or one commitment, of one layer
//! or joint. The progress report lists them with the risks the schedule finds.

use crate::columns::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut risk = entity_table(
            "risk",
            vec![
                integer("programme_id"),
                text("title"),
                text("description"),
                enum_text("likelihood"),
                enum_text("impact"),
                text("mitigation"),
                text("owner"),
                enum_text_null("layer"),
                enum_text("status"),
                integer_null("milestone_id"),
                integer_null("commitment_id"),
            ],
        );
        risk.foreign_key(&mut reference("risk", "programme_id", "programme"))
            .foreign_key(&mut reference("risk", "milestone_id", "milestone"))
            .foreign_key(&mut reference("risk", "commitment_id", "commitment"));
        manager.create_table(risk).await?;
        manager
            .create_index(index("risk", "ix_risk_milestone", &["milestone_id"]))
            .await?;
        manager
            .create_index(index("risk", "ix_risk_commitment", &["commitment_id"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["risk"]).await
    }
}
