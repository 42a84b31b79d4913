//! Loading the live plan's schedule from the database.

use super::{Input, Schedule, Settings};
use crate::error::ApiResult;
use entity::{commitment, commitment_milestone, milestone, milestone_dependency};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// The schedule of the live plan: four statements (milestones, dependencies, commitments and
/// their links), then an in-memory computation.
pub async fn live<C: ConnectionTrait>(db: &C, settings: Settings) -> ApiResult<Schedule> {
    let milestones = milestone::Entity::find()
        .filter(milestone::Column::DeletedAt.is_null())
        .all(db)
        .await?;
    let dependencies = milestone_dependency::Entity::find().all(db).await?;
    let commitments = commitment::Entity::find()
        .filter(commitment::Column::DeletedAt.is_null())
        .all(db)
        .await?;
    let links = commitment_milestone::Entity::find().all(db).await?;
    let input = Input::from_models(&milestones, &dependencies, &commitments, &links);
    Ok(Schedule::compute(input, settings))
}
