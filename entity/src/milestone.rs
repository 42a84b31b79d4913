//! The `milestone` table.

use crate::enums::*;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "milestone")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub programme_id: i32,
    pub phase_id: Option<i32>,
    pub workstream_id: Option<i32>,
    pub owner_organisation_id: Option<i32>,
    pub title: String,
    pub description: String,
    pub kind: MilestoneKind,
    pub layer: Option<GovernmentLayer>,
    pub baseline_date: Date,
    pub planned_date: Date,
    pub forecast_date: Option<Date>,
    pub actual_date: Option<Date>,
    pub status: WorkStatus,
    pub deadline_date: Option<Date>,
    pub deadline_text: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
    /// A manager's override of the computed health, with the reason for it.
    pub health_override: Option<Health>,
    pub health_override_reason: Option<String>,
    /// The last day the override counts when it is better than the computed health (set to 30
    /// days after the status date when the override is set without one; an override no better
    /// than the computed health counts until it is removed, whatever this says). Overrides from
    /// before migration 000021 have none: when better than the computed health they no longer
    /// count, and a manager sets them again with a sentence and an end.
    #[serde(default)]
    pub health_override_until: Option<Date>,
    /// The layers that take part in a joint milestone, as [`participants_text`] writes them;
    /// empty for a layer's own milestone.
    #[serde(default, deserialize_with = "crate::enums::null_as_default")]
    pub participating_layers: String,
    /// The searchable text (title, description), folded by [`crate::search::fold`]; kept on every
    /// write, never recorded in the history (it is derived).
    #[serde(default)]
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The layers that take part in this joint milestone, in the fixed order of
    /// [`GovernmentLayer`] (none for a layer's own milestone, or a joint one without named
    /// layers). Names that are not layers are skipped.
    pub fn participants(&self) -> Vec<GovernmentLayer> {
        self.participating_layers
            .split(',')
            .filter_map(crate::enums::parse_name::<GovernmentLayer>)
            .collect()
    }
}

/// The stored form of a set of layers: their names in the fixed order of [`GovernmentLayer`],
/// each once, joined by commas (`PROVINCIE,GEMEENTE`); empty for none.
pub fn participants_text(layers: &[GovernmentLayer]) -> String {
    let mut layers = layers.to_vec();
    layers.sort();
    layers.dedup();
    layers
        .iter()
        .map(GovernmentLayer::as_str)
        .collect::<Vec<_>>()
        .join(",")
}
