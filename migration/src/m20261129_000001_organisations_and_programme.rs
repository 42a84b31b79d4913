//! Organisations, the programme, its phases and workstreams.

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
                "organisation",
                vec![
                    text("name"),
                    text_null("abbreviation"),
                    enum_text_null("layer"),
                    boolean("is_umbrella_body").default(false).take(),
                    text_null("tooi_id"),
                ],
            ))
            .await?;
        let mut programme = entity_table(
            "programme",
            vec![
                text("name"),
                text("goal"),
                integer_null("lead_organisation_id"),
            ],
        );
        programme.foreign_key(&mut reference(
            "programme",
            "lead_organisation_id",
            "organisation",
        ));
        manager.create_table(programme).await?;

        let mut phase = entity_table(
            "phase",
            vec![
                integer("programme_id"),
                integer("number"),
                text("name"),
                text("description"),
                date("baseline_start"),
                date("baseline_end"),
                date("planned_start"),
                date("planned_end"),
                date_null("forecast_start"),
                date_null("forecast_end"),
                date_null("actual_start"),
                date_null("actual_end"),
                enum_text("status"),
            ],
        );
        phase.foreign_key(&mut reference("phase", "programme_id", "programme"));
        manager.create_table(phase).await?;

        let mut workstream = entity_table(
            "workstream",
            vec![
                integer("programme_id"),
                text("name"),
                text("description"),
                integer_null("lead_organisation_id"),
            ],
        );
        workstream
            .foreign_key(&mut reference("workstream", "programme_id", "programme"))
            .foreign_key(&mut reference(
                "workstream",
                "lead_organisation_id",
                "organisation",
            ));
        manager.create_table(workstream).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &["workstream", "phase", "programme", "organisation"],
        )
        .await
    }
}
