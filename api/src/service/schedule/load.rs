//! Loading the live plan's schedule from the database: only the columns the schedule reads.

use super::{CommitmentInput, Edge, Input, Node, Schedule, Settings};
use crate::error::ApiResult;
use chrono::NaiveDate;
use entity::{
    CommitmentStatus, Health, WorkStatus, commitment, commitment_milestone, milestone,
    milestone_dependency,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect,
};

/// The columns of a milestone the schedule reads (descriptions and the like stay in the table).
#[derive(FromQueryResult)]
struct NodeRow {
    id: i32,
    programme_id: i32,
    phase_id: Option<i32>,
    title: String,
    baseline_date: NaiveDate,
    planned_date: NaiveDate,
    forecast_date: Option<NaiveDate>,
    actual_date: Option<NaiveDate>,
    status: WorkStatus,
    deadline_date: Option<NaiveDate>,
    health_override: Option<Health>,
    health_override_reason: Option<String>,
    health_override_until: Option<NaiveDate>,
}

/// The schedule of the live plan on `settings.status_date`: six narrow statements
/// (milestones, dependencies, commitments and their links, baselines and their dates), then an
/// in-memory computation.
pub async fn live<C: ConnectionTrait>(db: &C, settings: Settings) -> ApiResult<Schedule> {
    use milestone::Column as M;
    let nodes = milestone::Entity::find()
        .select_only()
        .columns([
            M::Id,
            M::ProgrammeId,
            M::PhaseId,
            M::Title,
            M::BaselineDate,
            M::PlannedDate,
            M::ForecastDate,
            M::ActualDate,
            M::Status,
            M::DeadlineDate,
            M::HealthOverride,
            M::HealthOverrideReason,
            M::HealthOverrideUntil,
        ])
        .filter(M::DeletedAt.is_null())
        .into_model::<NodeRow>()
        .all(db)
        .await?
        .into_iter()
        .map(|r| Node {
            id: r.id,
            programme_id: r.programme_id,
            phase_id: r.phase_id,
            title: r.title,
            baseline: r.baseline_date,
            planned: r.planned_date,
            forecast: r.forecast_date,
            actual: r.actual_date,
            status: r.status,
            deadline: r.deadline_date,
            health_override: r.health_override.map(|health| super::Override {
                health,
                reason: r.health_override_reason.unwrap_or_default(),
                until: r.health_override_until,
            }),
            latest_baseline: None,
        })
        .collect();
    use milestone_dependency::Column as D;
    let edges = milestone_dependency::Entity::find()
        .select_only()
        .columns([D::PredecessorId, D::SuccessorId, D::LagDays])
        .into_tuple::<(i32, i32, i32)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(predecessor, successor, lag_days)| Edge {
            predecessor,
            successor,
            lag_days,
        })
        .collect();
    use commitment::Column as C;
    let rows = commitment::Entity::find()
        .select_only()
        .columns([C::Id, C::Number, C::DeadlineDate, C::Status])
        .filter(C::DeletedAt.is_null())
        .into_tuple::<(i32, String, NaiveDate, CommitmentStatus)>()
        .all(db)
        .await?;
    use commitment_milestone::Column as L;
    let links = commitment_milestone::Entity::find()
        .select_only()
        .columns([L::CommitmentId, L::MilestoneId])
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?;
    let commitments = CommitmentInput::linked(rows, links);
    let latest = crate::service::schedule::baseline_dates::latest_dates(db, None).await?;
    Ok(Schedule::compute(
        Input {
            nodes,
            edges,
            commitments,
        }
        .with_latest_baselines(&latest),
        settings,
    ))
}
