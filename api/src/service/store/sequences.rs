//! Keeping PostgreSQL's id sequences ahead of rows inserted with explicit ids (generated plans).

use sea_orm::{ConnectionTrait, DatabaseBackend, DbErr};

/// Tables whose `id` comes from a sequence.
const TABLES: &[&str] = &[
    "organisation",
    "programme",
    "phase",
    "workstream",
    "milestone",
    "kpi",
    "kpi_target",
    "kpi_measurement",
    "data_source",
    "data_quality_assessment",
    "data_infra_task",
    "recess_period",
    "commitment",
    "commitment_letter",
    "baseline",
    "progress_report",
    "risk",
    "change_record",
];

/// Move every sequence past the largest id in its table (PostgreSQL; SQLite needs nothing).
pub async fn reset<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    if db.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(());
    }
    for table in TABLES {
        db.execute_unprepared(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
             GREATEST((SELECT MAX(id) FROM {table}), 1), (SELECT MAX(id) FROM {table}) IS NOT NULL)"
        ))
        .await?;
    }
    Ok(())
}
