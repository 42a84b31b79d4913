//! Schema migrations of koers. The same migrations run on SQLite and PostgreSQL; each has a working `down()`.

pub use sea_orm_migration::prelude::*;

mod columns;
mod m20261129_000001_organisations_and_programme;
mod m20261129_000002_milestones;
mod m20261129_000003_kpis_and_data;
mod m20261129_000004_parliament;
mod m20261129_000005_change_history;
mod m20261129_000006_scheduling;
mod m20261129_000007_progress_reports;
mod m20261129_000008_accounts;
mod m20261129_000009_idempotency_keys;
mod m20261130_000010_search_text;
mod m20261130_000011_idempotency_leases;
mod m20261130_000012_change_reason;
mod m20261130_000013_measurement_qualifier;
mod m20261130_000014_report_edition;
mod m20261130_000015_risks;
mod m20261130_000016_report_approval;
mod m20261130_000017_report_author_text;
mod m20261130_000018_kpi_aggregation;
mod m20261130_000019_report_final_document;
mod m20261130_000020_report_date;
mod m20261201_000021_shared_milestones;
mod m20261201_000022_web_sessions;

/// All migrations in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_organisations_and_programme::Migration),
            Box::new(m20261129_000002_milestones::Migration),
            Box::new(m20261129_000003_kpis_and_data::Migration),
            Box::new(m20261129_000004_parliament::Migration),
            Box::new(m20261129_000005_change_history::Migration),
            Box::new(m20261129_000006_scheduling::Migration),
            Box::new(m20261129_000007_progress_reports::Migration),
            Box::new(m20261129_000008_accounts::Migration),
            Box::new(m20261129_000009_idempotency_keys::Migration),
            Box::new(m20261130_000010_search_text::Migration),
            Box::new(m20261130_000011_idempotency_leases::Migration),
            Box::new(m20261130_000012_change_reason::Migration),
            Box::new(m20261130_000013_measurement_qualifier::Migration),
            Box::new(m20261130_000014_report_edition::Migration),
            Box::new(m20261130_000015_risks::Migration),
            Box::new(m20261130_000016_report_approval::Migration),
            Box::new(m20261130_000017_report_author_text::Migration),
            Box::new(m20261130_000018_kpi_aggregation::Migration),
            Box::new(m20261130_000019_report_final_document::Migration),
            Box::new(m20261130_000020_report_date::Migration),
            Box::new(m20261201_000021_shared_milestones::Migration),
            Box::new(m20261201_000022_web_sessions::Migration),
        ]
    }
}
