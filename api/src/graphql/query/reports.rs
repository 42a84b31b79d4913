//! Queries of progress reports.

use super::{conn_args, lookup};
use crate::graphql::connection::*;
use crate::graphql::context::ContextExt;
use crate::graphql::source::Source;
use crate::graphql::types::ProgressReport;
use crate::service::reports::workflow;
use async_graphql::{Context, ID, Object};
use entity::progress_report;

#[derive(Default)]
pub struct ReportQuery;

#[Object]
impl ReportQuery {
    /// Progress reports, by peildatum (then id).
    async fn progress_reports(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (at most 100; default 20).")] first: Option<i32>,
        #[graphql(desc = "The last n items (at most 100).")] last: Option<i32>,
    ) -> async_graphql::Result<ProgressReportConnection> {
        paginate::<_, ProgressReport>(
            ctx,
            Source::Live,
            workflow::list(ctx.caller().role)?,
            conn_args(after, before, first, last),
        )
        .await
        .map(Into::into)
    }

    /// One progress report by id.
    async fn progress_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id.")] id: ID,
    ) -> async_graphql::Result<Option<ProgressReport>> {
        let found = lookup::<progress_report::Entity, ProgressReport>(ctx, &id).await?;
        Ok(found.filter(|r| workflow::visible(&r.0, ctx.caller().role)))
    }
}
