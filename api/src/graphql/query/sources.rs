//! Queries of data sources and data-infrastructure tasks.

use super::{conn_args, lookup};
use crate::graphql::connection::*;
use crate::graphql::enums::{GovernmentLayer, TaskKind, WorkStatus};
use crate::graphql::ids;
use crate::graphql::scalars::Date;
use crate::graphql::source::Source;
use crate::graphql::types::{DataInfraTask, DataQualityAssessment, DataSource};
use crate::service::data::tasks::TaskFilter;
use crate::service::data::{sources, tasks};
use async_graphql::{Context, ID, InputObject, Object};
use entity::{data_infra_task, data_quality_assessment, data_source};

/// Which tasks to list. All conditions must hold.
#[derive(InputObject, Default)]
pub struct DataInfraTaskFilterInput {
    /// Only tasks of this programme.
    pub programme_id: Option<ID>,
    /// Only tasks of this layer.
    pub layer: Option<GovernmentLayer>,
    /// Only tasks with one of these statuses (an empty list matches no task).
    pub status: Option<Vec<WorkStatus>>,
    /// Only tasks of this kind.
    pub kind: Option<TaskKind>,
    /// Only tasks that improve this data source.
    pub data_source_id: Option<ID>,
    /// Only tasks due on or before this date.
    pub due_before: Option<Date>,
}

#[derive(Default)]
pub struct DataQuery;

#[Object]
impl DataQuery {
    /// Data sources by name.
    async fn data_sources(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Only sources whose name or description contains this text (case and accents do not matter)."
        )]
        search: Option<String>,
        #[graphql(
            desc = "The plan as it stood at this moment, rebuilt from the change history (objects deleted since included, later ones absent; their relations as of the same moment). Leave out for the plan as it is now."
        )]
        as_of: Option<chrono::DateTime<chrono::Utc>>,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (at most 100; default 20).")] first: Option<i32>,
        #[graphql(desc = "The last n items (at most 100).")] last: Option<i32>,
    ) -> async_graphql::Result<DataSourceConnection> {
        let listing = sources::list(search.as_deref())?;
        let args = conn_args(after, before, first, last);
        paginate::<_, DataSource>(ctx, Source::at(ctx, as_of)?, listing, args)
            .await
            .map(Into::into)
    }

    /// One data source by id.
    async fn data_source(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id.")] id: ID,
    ) -> async_graphql::Result<Option<DataSource>> {
        lookup::<data_source::Entity, DataSource>(ctx, &id).await
    }

    /// One quality assessment by id.
    async fn data_quality_assessment(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id.")] id: ID,
    ) -> async_graphql::Result<Option<DataQualityAssessment>> {
        lookup::<data_quality_assessment::Entity, DataQualityAssessment>(ctx, &id).await
    }

    /// Data-infrastructure tasks by due date.
    async fn data_infra_tasks(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which tasks to list.")] filter: Option<DataInfraTaskFilterInput>,
        #[graphql(
            desc = "The plan as it stood at this moment, rebuilt from the change history (objects deleted since included, later ones absent; their relations as of the same moment). Leave out for the plan as it is now."
        )]
        as_of: Option<chrono::DateTime<chrono::Utc>>,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (at most 100; default 20).")] first: Option<i32>,
        #[graphql(desc = "The last n items (at most 100).")] last: Option<i32>,
    ) -> async_graphql::Result<DataInfraTaskConnection> {
        let f = filter.unwrap_or_default();
        let filter = TaskFilter {
            programme_id: ids::decode_opt_as::<entity::programme::Entity>(
                f.programme_id.as_ref(),
                "filter.programmeId",
            )?,
            layer: f.layer.map(Into::into),
            status: f.status.map(|s| s.into_iter().map(Into::into).collect()),
            kind: f.kind.map(Into::into),
            data_source_id: ids::decode_opt_as::<entity::data_source::Entity>(
                f.data_source_id.as_ref(),
                "filter.dataSourceId",
            )?,
            due_before: f.due_before.map(Into::into),
        };
        let listing = tasks::list(&filter)?;
        let args = conn_args(after, before, first, last);
        paginate::<_, DataInfraTask>(ctx, Source::at(ctx, as_of)?, listing, args)
            .await
            .map(Into::into)
    }

    /// One task by id.
    async fn data_infra_task(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id.")] id: ID,
    ) -> async_graphql::Result<Option<DataInfraTask>> {
        lookup::<data_infra_task::Entity, DataInfraTask>(ctx, &id).await
    }
}
