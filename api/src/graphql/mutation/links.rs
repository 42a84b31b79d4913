//! Mutations that link and unlink plan objects, and milestone dependencies.
//! Linking what is already linked (or unlinking what is not) changes nothing and says so.

use super::input_id;
use crate::error::ApiError;
use crate::graphql::batch::Batched;
use crate::graphql::context::ContextExt;
use crate::graphql::types::MilestoneDependency;
use crate::service::plan::links::{self, LinkSpec};
use crate::service::store::crud::PlanEntity;
use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use entity::{
    commitment, commitment_milestone, data_infra_task, data_source, kpi, kpi_data_source,
    milestone, milestone_kpi, milestone_task, task_kpi,
};
use sea_orm::EntityTrait;

/// A milestone and a KPI.
#[derive(InputObject)]
pub struct MilestoneKpiInput {
    /// The milestone.
    pub milestone_id: ID,
    /// The KPI.
    pub kpi_id: ID,
}

/// A milestone and a data-infrastructure task.
#[derive(InputObject)]
pub struct MilestoneTaskInput {
    /// The milestone.
    pub milestone_id: ID,
    /// The task.
    pub task_id: ID,
}

/// A task and a KPI it unblocks.
#[derive(InputObject)]
pub struct TaskKpiInput {
    /// The task.
    pub task_id: ID,
    /// The KPI.
    pub kpi_id: ID,
}

/// A KPI and a data source it is computed from.
#[derive(InputObject)]
pub struct KpiDataSourceInput {
    /// The KPI.
    pub kpi_id: ID,
    /// The data source.
    pub data_source_id: ID,
}

/// A commitment and a milestone that fulfils it.
#[derive(InputObject)]
pub struct CommitmentMilestoneInput {
    /// The commitment.
    pub commitment_id: ID,
    /// The milestone.
    pub milestone_id: ID,
}

/// A finish-to-start dependency.
#[derive(InputObject)]
pub struct MilestoneDependencyInput {
    /// The milestone that comes first.
    pub predecessor_id: ID,
    /// The milestone that waits for it.
    pub successor_id: ID,
    /// Days after the predecessor before the successor can be reached (-365 to 365; default 0).
    #[graphql(default)]
    pub lag_days: i32,
}

/// Which dependency to remove.
#[derive(InputObject)]
pub struct RemoveMilestoneDependencyInput {
    /// The milestone that comes first.
    pub predecessor_id: ID,
    /// The milestone that waits for it.
    pub successor_id: ID,
}

/// Result of linking or unlinking.
#[derive(SimpleObject)]
pub struct LinkPayload {
    /// Whether anything changed (false when the link already was as asked).
    pub changed: bool,
}

/// Result of adding or changing a dependency.
#[derive(SimpleObject)]
pub struct AddMilestoneDependencyPayload {
    /// The dependency as it now stands.
    pub dependency: MilestoneDependency,
}

async fn set_link<L, A, B>(
    ctx: &Context<'_>,
    spec: &LinkSpec,
    (left, left_field): (&ID, &str),
    (right, right_field): (&ID, &str),
    linked: bool,
) -> async_graphql::Result<LinkPayload>
where
    L: EntityTrait,
    L::ActiveModel: sea_orm::ActiveModelTrait<Entity = L> + Send,
    L::Model: Send + Sync,
    A: PlanEntity,
    B: PlanEntity,
{
    let left = input_id::<A>(left, left_field)?;
    let right = input_id::<B>(right, right_field)?;
    let actor = ctx.writer()?;
    let changed = links::set_link::<L, A, B>(ctx.db()?, &actor, spec, left, right, linked)
        .await
        .map_err(ApiError::in_input)?;
    Ok(LinkPayload { changed })
}

#[derive(Default)]
pub struct LinkMutation;

#[Object]
impl LinkMutation {
    /// Link a KPI to a milestone.
    async fn link_milestone_kpi(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The milestone and the KPI.")] input: MilestoneKpiInput,
    ) -> async_graphql::Result<LinkPayload> {
        set_link::<milestone_kpi::Entity, milestone::Entity, kpi::Entity>(
            ctx,
            &links::MILESTONE_KPI,
            (&input.milestone_id, "milestoneId"),
            (&input.kpi_id, "kpiId"),
            true,
        )
        .await
    }

    /// Unlink a KPI from a milestone.
    async fn unlink_milestone_kpi(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The milestone and the KPI.")] input: MilestoneKpiInput,
    ) -> async_graphql::Result<LinkPayload> {
        set_link::<milestone_kpi::Entity, milestone::Entity, kpi::Entity>(
            ctx,
            &links::MILESTONE_KPI,
            (&input.milestone_id, "milestoneId"),
            (&input.kpi_id, "kpiId"),
            false,
        )
        .await
    }

    /// Link a data-infrastructure task to a milestone.
    async fn link_milestone_task(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The milestone and the task.")] input: MilestoneTaskInput,
    ) -> async_graphql::Result<LinkPayload> {
        set_link::<milestone_task::Entity, milestone::Entity, data_infra_task::Entity>(
            ctx,
            &links::MILESTONE_TASK,
            (&input.milestone_id, "milestoneId"),
            (&input.task_id, "taskId"),
            true,
        )
        .await
    }

    /// Unlink a data-infrastructure task from a milestone.
    async fn unlink_milestone_task(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The milestone and the task.")] input: MilestoneTaskInput,
    ) -> async_graphql::Result<LinkPayload> {
        set_link::<milestone_task::Entity, milestone::Entity, data_infra_task::Entity>(
            ctx,
            &links::MILESTONE_TASK,
            (&input.milestone_id, "milestoneId"),
            (&input.task_id, "taskId"),
            false,
        )
        .await
    }

    /// Record that a task unblocks a KPI.
    async fn link_task_kpi(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The task and the KPI.")] input: TaskKpiInput,
    ) -> async_graphql::Result<LinkPayload> {
        set_link::<task_kpi::Entity, data_infra_task::Entity, kpi::Entity>(
            ctx,
            &links::TASK_KPI,
            (&input.task_id, "taskId"),
            (&input.kpi_id, "kpiId"),
            true,
        )
        .await
    }

    /// Remove that a task unblocks a KPI.
    async fn unlink_task_kpi(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The task and the KPI.")] input: TaskKpiInput,
    ) -> async_graphql::Result<LinkPayload> {
        set_link::<task_kpi::Entity, data_infra_task::Entity, kpi::Entity>(
            ctx,
            &links::TASK_KPI,
            (&input.task_id, "taskId"),
            (&input.kpi_id, "kpiId"),
            false,
        )
        .await
    }

    /// Record that a KPI is computed from a data source.
    async fn link_kpi_data_source(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The KPI and the data source.")] input: KpiDataSourceInput,
    ) -> async_graphql::Result<LinkPayload> {
        set_link::<kpi_data_source::Entity, kpi::Entity, data_source::Entity>(
            ctx,
            &links::KPI_DATA_SOURCE,
            (&input.kpi_id, "kpiId"),
            (&input.data_source_id, "dataSourceId"),
            true,
        )
        .await
    }

    /// Remove that a KPI is computed from a data source.
    async fn unlink_kpi_data_source(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The KPI and the data source.")] input: KpiDataSourceInput,
    ) -> async_graphql::Result<LinkPayload> {
        set_link::<kpi_data_source::Entity, kpi::Entity, data_source::Entity>(
            ctx,
            &links::KPI_DATA_SOURCE,
            (&input.kpi_id, "kpiId"),
            (&input.data_source_id, "dataSourceId"),
            false,
        )
        .await
    }

    /// Record that a milestone fulfils a commitment.
    async fn link_commitment_milestone(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The commitment and the milestone.")] input: CommitmentMilestoneInput,
    ) -> async_graphql::Result<LinkPayload> {
        set_link::<commitment_milestone::Entity, commitment::Entity, milestone::Entity>(
            ctx,
            &links::COMMITMENT_MILESTONE,
            (&input.commitment_id, "commitmentId"),
            (&input.milestone_id, "milestoneId"),
            true,
        )
        .await
    }

    /// Remove that a milestone fulfils a commitment.
    async fn unlink_commitment_milestone(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The commitment and the milestone.")] input: CommitmentMilestoneInput,
    ) -> async_graphql::Result<LinkPayload> {
        set_link::<commitment_milestone::Entity, commitment::Entity, milestone::Entity>(
            ctx,
            &links::COMMITMENT_MILESTONE,
            (&input.commitment_id, "commitmentId"),
            (&input.milestone_id, "milestoneId"),
            false,
        )
        .await
    }

    /// Add a finish-to-start dependency, or change its lag. A dependency that would close a cycle is refused.
    async fn add_milestone_dependency(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The two milestones and the lag.")] input: MilestoneDependencyInput,
    ) -> async_graphql::Result<AddMilestoneDependencyPayload> {
        let predecessor =
            input_id::<entity::milestone::Entity>(&input.predecessor_id, "predecessorId")?;
        let successor = input_id::<entity::milestone::Entity>(&input.successor_id, "successorId")?;
        let actor = ctx.writer()?;
        let dep = links::add_dependency(ctx.db()?, &actor, predecessor, successor, input.lag_days)
            .await
            .map_err(ApiError::in_input)?;
        Ok(AddMilestoneDependencyPayload {
            dependency: MilestoneDependency::one(dep),
        })
    }

    /// Remove a dependency.
    async fn remove_milestone_dependency(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The two milestones.")] input: RemoveMilestoneDependencyInput,
    ) -> async_graphql::Result<LinkPayload> {
        let predecessor =
            input_id::<entity::milestone::Entity>(&input.predecessor_id, "predecessorId")?;
        let successor = input_id::<entity::milestone::Entity>(&input.successor_id, "successorId")?;
        let actor = ctx.writer()?;
        let changed = links::remove_dependency(ctx.db()?, &actor, predecessor, successor)
            .await
            .map_err(ApiError::in_input)?;
        Ok(LinkPayload { changed })
    }
}
