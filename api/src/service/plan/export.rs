//! The whole-plan export: every live milestone with its links, in id order, a chunk at a time
//! (so memory stays flat however large the plan is).

use crate::error::ApiResult;
use entity::{
    commitment_milestone, milestone, milestone_dependency, milestone_kpi, milestone_task,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use std::collections::HashMap;

/// Milestones per chunk: five statements fetch a chunk and its links.
pub const CHUNK: u64 = 2_000;

/// A predecessor of an exported milestone.
#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Predecessor {
    /// Row id of the predecessor.
    pub milestone_id: i32,
    /// Lag in days.
    pub lag_days: i32,
}

/// One milestone with its links, as exported (camelCase, like the GraphQL API; ids are row ids).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportedMilestone {
    /// Row id.
    pub id: i32,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: entity::MilestoneKind,
    /// Layer, or null for a joint milestone.
    pub layer: Option<entity::GovernmentLayer>,
    /// Phase row id.
    pub phase_id: Option<i32>,
    /// Workstream row id.
    pub workstream_id: Option<i32>,
    /// Owner organisation row id.
    pub owner_organisation_id: Option<i32>,
    /// Status.
    pub status: entity::WorkStatus,
    /// A manager's override of the computed health.
    pub health_override: Option<entity::Health>,
    /// Date as first promised.
    pub baseline_date: chrono::NaiveDate,
    /// Planned date.
    pub planned_date: chrono::NaiveDate,
    /// Forecast date.
    pub forecast_date: Option<chrono::NaiveDate>,
    /// Actual date.
    pub actual_date: Option<chrono::NaiveDate>,
    /// Hard deadline.
    pub deadline_date: Option<chrono::NaiveDate>,
    /// Version.
    pub version: i32,
    /// Row ids of its KPIs.
    pub kpi_ids: Vec<i32>,
    /// Row ids of its data-infrastructure tasks.
    pub task_ids: Vec<i32>,
    /// Its finish-to-start predecessors.
    pub predecessors: Vec<Predecessor>,
    /// Row ids of the commitments it fulfils.
    pub commitment_ids: Vec<i32>,
}

/// The next chunk of live milestones after row id `after`, with their links (empty at the end).
pub async fn chunk<C: ConnectionTrait>(db: &C, after: i32) -> ApiResult<Vec<ExportedMilestone>> {
    let rows = milestone::Entity::find()
        .filter(milestone::Column::Id.gt(after))
        .filter(milestone::Column::DeletedAt.is_null())
        .order_by_asc(milestone::Column::Id)
        .limit(CHUNK)
        .all(db)
        .await?;
    let (Some(first), Some(last)) = (rows.first().map(|m| m.id), rows.last().map(|m| m.id)) else {
        return Ok(Vec::new());
    };
    let in_chunk =
        |col: sea_orm::sea_query::Expr| sea_orm::sea_query::ExprTrait::between(col, first, last);
    let mut kpis: HashMap<i32, Vec<i32>> = HashMap::new();
    for link in milestone_kpi::Entity::find()
        .filter(in_chunk(sea_orm::sea_query::Expr::col(
            milestone_kpi::Column::MilestoneId,
        )))
        .order_by_asc(milestone_kpi::Column::MilestoneId)
        .order_by_asc(milestone_kpi::Column::KpiId)
        .all(db)
        .await?
    {
        kpis.entry(link.milestone_id).or_default().push(link.kpi_id);
    }
    let mut tasks: HashMap<i32, Vec<i32>> = HashMap::new();
    for link in milestone_task::Entity::find()
        .filter(in_chunk(sea_orm::sea_query::Expr::col(
            milestone_task::Column::MilestoneId,
        )))
        .order_by_asc(milestone_task::Column::MilestoneId)
        .order_by_asc(milestone_task::Column::TaskId)
        .all(db)
        .await?
    {
        tasks
            .entry(link.milestone_id)
            .or_default()
            .push(link.task_id);
    }
    let mut predecessors: HashMap<i32, Vec<Predecessor>> = HashMap::new();
    for dep in milestone_dependency::Entity::find()
        .filter(in_chunk(sea_orm::sea_query::Expr::col(
            milestone_dependency::Column::SuccessorId,
        )))
        .order_by_asc(milestone_dependency::Column::SuccessorId)
        .order_by_asc(milestone_dependency::Column::PredecessorId)
        .all(db)
        .await?
    {
        predecessors
            .entry(dep.successor_id)
            .or_default()
            .push(Predecessor {
                milestone_id: dep.predecessor_id,
                lag_days: dep.lag_days,
            });
    }
    let mut commitments: HashMap<i32, Vec<i32>> = HashMap::new();
    for link in commitment_milestone::Entity::find()
        .filter(in_chunk(sea_orm::sea_query::Expr::col(
            commitment_milestone::Column::MilestoneId,
        )))
        .order_by_asc(commitment_milestone::Column::MilestoneId)
        .order_by_asc(commitment_milestone::Column::CommitmentId)
        .all(db)
        .await?
    {
        commitments
            .entry(link.milestone_id)
            .or_default()
            .push(link.commitment_id);
    }
    Ok(rows
        .into_iter()
        .map(|m| ExportedMilestone {
            kpi_ids: kpis.remove(&m.id).unwrap_or_default(),
            task_ids: tasks.remove(&m.id).unwrap_or_default(),
            predecessors: predecessors.remove(&m.id).unwrap_or_default(),
            commitment_ids: commitments.remove(&m.id).unwrap_or_default(),
            id: m.id,
            title: m.title,
            kind: m.kind,
            layer: m.layer,
            phase_id: m.phase_id,
            workstream_id: m.workstream_id,
            owner_organisation_id: m.owner_organisation_id,
            status: m.status,
            health_override: m.health_override,
            baseline_date: m.baseline_date,
            planned_date: m.planned_date,
            forecast_date: m.forecast_date,
            actual_date: m.actual_date,
            deadline_date: m.deadline_date,
            version: m.version,
        })
        .collect())
}
