//! KPIs with targets and measurements, data sources with quality assessments,
//! data-infrastructure tasks, and the links between them and milestones.

use crate::columns::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        let mut source = entity_table(
            "data_source",
            vec![
                text("name"),
                text("description"),
                integer_null("owner_organisation_id"),
                enum_text("update_frequency"),
                enum_text("access"),
                text_null("licence"),
                text_null("url"),
            ],
        );
        source.foreign_key(&mut reference(
            "data_source",
            "owner_organisation_id",
            "organisation",
        ));
        manager.create_table(source).await?;

        let mut assessment = entity_table(
            "data_quality_assessment",
            vec![
                integer("data_source_id"),
                enum_text("dimension"),
                integer("score"),
                date("assessed_on"),
                text("finding"),
            ],
        );
        assessment.foreign_key(&mut reference(
            "data_quality_assessment",
            "data_source_id",
            "data_source",
        ));
        manager.create_table(assessment).await?;
        manager
            .create_index(index(
                "data_quality_assessment",
                "ix_assessment_source",
                &["data_source_id", "assessed_on"],
            ))
            .await?;

        let mut kpi = entity_table(
            "kpi",
            vec![
                integer("programme_id"),
                text_uniq("code"),
                text("name"),
                text("definition"),
                text("unit"),
                enum_text("direction"),
                enum_text("level"),
                enum_text("frequency"),
                text("themes"),
                exact_null(backend, "baseline_value"),
                text_null("baseline_period"),
            ],
        );
        kpi.foreign_key(&mut reference("kpi", "programme_id", "programme"));
        manager.create_table(kpi).await?;

        let mut target = entity_table(
            "kpi_target",
            vec![
                integer("kpi_id"),
                integer("year"),
                enum_text_null("layer"),
                exact(backend, "value"),
                text_null("note"),
            ],
        );
        target.foreign_key(&mut reference("kpi_target", "kpi_id", "kpi"));
        manager.create_table(target).await?;
        manager
            .create_index(index(
                "kpi_target",
                "ix_kpi_target_kpi",
                &["kpi_id", "year"],
            ))
            .await?;

        let mut measurement = entity_table(
            "kpi_measurement",
            vec![
                integer("kpi_id"),
                date("period_start"),
                date("period_end"),
                enum_text_null("layer"),
                exact(backend, "value"),
                integer_null("data_source_id"),
                text_null("note"),
            ],
        );
        measurement
            .foreign_key(&mut reference("kpi_measurement", "kpi_id", "kpi"))
            .foreign_key(&mut reference(
                "kpi_measurement",
                "data_source_id",
                "data_source",
            ));
        manager.create_table(measurement).await?;
        // Latest measurements per KPI: newest period first, id as the tiebreaker.
        manager
            .create_index(index(
                "kpi_measurement",
                "ix_kpi_measurement_latest",
                &["kpi_id", "period_end", "id"],
            ))
            .await?;

        let mut task = entity_table(
            "data_infra_task",
            vec![
                integer("programme_id"),
                text("title"),
                text("description"),
                enum_text("kind"),
                enum_text_null("layer"),
                integer_null("owner_organisation_id"),
                date("due_date"),
                date_null("completed_on"),
                enum_text("status"),
                integer_null("data_source_id"),
            ],
        );
        task.foreign_key(&mut reference(
            "data_infra_task",
            "programme_id",
            "programme",
        ))
        .foreign_key(&mut reference(
            "data_infra_task",
            "owner_organisation_id",
            "organisation",
        ))
        .foreign_key(&mut reference(
            "data_infra_task",
            "data_source_id",
            "data_source",
        ));
        manager.create_table(task).await?;

        manager
            .create_table(link_table(
                "milestone_kpi",
                ("milestone_id", "milestone"),
                ("kpi_id", "kpi"),
            ))
            .await?;
        manager
            .create_table(link_table(
                "milestone_task",
                ("milestone_id", "milestone"),
                ("task_id", "data_infra_task"),
            ))
            .await?;
        manager
            .create_table(link_table(
                "task_kpi",
                ("task_id", "data_infra_task"),
                ("kpi_id", "kpi"),
            ))
            .await?;
        manager
            .create_table(link_table(
                "kpi_data_source",
                ("kpi_id", "kpi"),
                ("data_source_id", "data_source"),
            ))
            .await?;
        // Reverse lookups of the links (KPI to milestones, tasks; source to KPIs).
        for (table, name, columns) in [
            (
                "milestone_kpi",
                "ix_milestone_kpi_reverse",
                ["kpi_id", "milestone_id"],
            ),
            (
                "milestone_task",
                "ix_milestone_task_reverse",
                ["task_id", "milestone_id"],
            ),
            ("task_kpi", "ix_task_kpi_reverse", ["kpi_id", "task_id"]),
            (
                "kpi_data_source",
                "ix_kpi_data_source_reverse",
                ["data_source_id", "kpi_id"],
            ),
        ] {
            manager.create_index(index(table, name, &columns)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "kpi_data_source",
                "task_kpi",
                "milestone_task",
                "milestone_kpi",
                "data_infra_task",
                "kpi_measurement",
                "kpi_target",
                "kpi",
                "data_quality_assessment",
                "data_source",
            ],
        )
        .await
    }
}
