//! Milestones the layers share, and overrides that lapse.
//!
//! - `milestone.participating_layers`: the layers that take part in a joint milestone (no
//!   layer of its own), as their names joined by commas in a fixed order
//!   (`PROVINCIE,GEMEENTE`); empty for a layer's own milestone and for a joint one whose
//!   layers are not named (only the programme manager changes that one).
//! - `milestone.health_override_until`: the last day a manager's override counts when it is
//!   better than the computed health; after it the computed health counts again.

use crate::columns::{add_columns, drop_columns};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{date_null, string};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(
            manager,
            "milestone",
            vec![
                string("participating_layers").default("").take(),
                date_null("health_override_until"),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_columns(
            manager,
            "milestone",
            &["participating_layers", "health_override_until"],
        )
        .await
    }
}
