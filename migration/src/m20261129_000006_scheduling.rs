//! Scheduling: health becomes computed (a manager may override it with a reason), baselines
//! (named, dated copies of the plan's dates) and the letters that fulfil or postpone a commitment.

use crate::columns::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Stored health was set by hand; it is now computed from the schedule. The old value is
        // not carried over as an override: it would freeze health where the schedule moved on.
        for column in [
            enum_text_null("health_override"),
            text_null("health_override_reason"),
        ] {
            alter_milestone(manager, |t| t.add_column(column)).await?;
        }
        for column in ["health", "health_reason"] {
            alter_milestone(manager, |t| t.drop_column(column)).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table("baseline")
                    .col(pk_auto("id"))
                    .col(text("name"))
                    .col(text("reason"))
                    .col(text("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("baseline_milestone")
                    .col(integer("baseline_id"))
                    .col(integer("milestone_id"))
                    .col(date("planned_date"))
                    .col(date_null("forecast_date"))
                    .col(date("projected_date"))
                    .primary_key(Index::create().col("baseline_id").col("milestone_id"))
                    .foreign_key(&mut reference(
                        "baseline_milestone",
                        "baseline_id",
                        "baseline",
                    ))
                    .foreign_key(&mut reference(
                        "baseline_milestone",
                        "milestone_id",
                        "milestone",
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(index(
                "baseline_milestone",
                "ix_baseline_milestone_milestone",
                &["milestone_id", "baseline_id"],
            ))
            .await?;

        let mut letter = entity_table(
            "commitment_letter",
            vec![
                integer("commitment_id"),
                enum_text("kind"),
                date("sent_on"),
                text_null("reference"),
                text_null("reason"),
                date("previous_deadline_date"),
                text_null("previous_deadline_text"),
                date_null("new_deadline_date"),
                text_null("new_deadline_text"),
            ],
        );
        letter.foreign_key(&mut reference(
            "commitment_letter",
            "commitment_id",
            "commitment",
        ));
        manager.create_table(letter).await?;
        manager
            .create_index(index(
                "commitment_letter",
                "ix_commitment_letter_commitment",
                &["commitment_id", "sent_on"],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &["commitment_letter", "baseline_milestone", "baseline"],
        )
        .await?;
        alter_milestone(manager, |t| {
            t.add_column(enum_text("health").default("ON_TRACK"))
        })
        .await?;
        alter_milestone(manager, |t| t.add_column(text_null("health_reason"))).await?;
        for column in ["health_override", "health_override_reason"] {
            alter_milestone(manager, |t| t.drop_column(column)).await?;
        }
        Ok(())
    }
}

/// One change to the milestone table (SQLite takes one alteration per statement).
async fn alter_milestone(
    manager: &SchemaManager<'_>,
    change: impl FnOnce(&mut TableAlterStatement) -> &mut TableAlterStatement,
) -> Result<(), DbErr> {
    let mut alter = Table::alter();
    alter.table("milestone");
    change(&mut alter);
    manager.alter_table(alter).await
}
