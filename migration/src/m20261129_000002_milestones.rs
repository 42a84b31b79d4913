//! Milestones and their finish-to-start dependencies.

use crate::columns::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut milestone = entity_table(
            "milestone",
            vec![
                integer("programme_id"),
                integer_null("phase_id"),
                integer_null("workstream_id"),
                integer_null("owner_organisation_id"),
                text("title"),
                text("description"),
                enum_text("kind"),
                enum_text_null("layer"),
                date("baseline_date"),
                date("planned_date"),
                date_null("forecast_date"),
                date_null("actual_date"),
                enum_text("status"),
                enum_text("health"),
                text_null("health_reason"),
                date_null("deadline_date"),
                text_null("deadline_text"),
            ],
        );
        milestone
            .foreign_key(&mut reference("milestone", "programme_id", "programme"))
            .foreign_key(&mut reference("milestone", "phase_id", "phase"))
            .foreign_key(&mut reference("milestone", "workstream_id", "workstream"))
            .foreign_key(&mut reference(
                "milestone",
                "owner_organisation_id",
                "organisation",
            ));
        manager.create_table(milestone).await?;
        // The default list order, and the dashboard's filter by layer.
        manager
            .create_index(index(
                "milestone",
                "ix_milestone_planned",
                &["planned_date", "id"],
            ))
            .await?;
        manager
            .create_index(index(
                "milestone",
                "ix_milestone_layer_planned",
                &["layer", "planned_date", "id"],
            ))
            .await?;

        let dependency = Table::create()
            .table("milestone_dependency")
            .col(integer("predecessor_id"))
            .col(integer("successor_id"))
            .col(integer("lag_days").default(0))
            .col(timestamp_with_time_zone("created_at"))
            .primary_key(Index::create().col("predecessor_id").col("successor_id"))
            .foreign_key(&mut reference(
                "milestone_dependency",
                "predecessor_id",
                "milestone",
            ))
            .foreign_key(&mut reference(
                "milestone_dependency",
                "successor_id",
                "milestone",
            ))
            .take();
        manager.create_table(dependency).await?;
        manager
            .create_index(index(
                "milestone_dependency",
                "ix_milestone_dependency_successor",
                &["successor_id", "predecessor_id"],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["milestone_dependency", "milestone"]).await
    }
}
