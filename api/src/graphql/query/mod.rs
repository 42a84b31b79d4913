//! The query root: one module per domain, merged into `Query`.

mod baselines;
pub(crate) mod history;
mod kpis;
mod milestones;
pub(crate) mod node;
mod parliament;
mod plan;
mod reports;
mod risks;
mod sources;
mod tokens;
mod viewer;

use async_graphql::MergedObject;

pub(crate) use baselines::all as baselines_of;

/// Everything a client can read.
#[derive(MergedObject, Default)]
pub struct Query(
    plan::PlanQuery,
    milestones::MilestoneQuery,
    kpis::KpiQuery,
    sources::DataQuery,
    parliament::ParliamentQuery,
    history::HistoryQuery,
    baselines::BaselineQuery,
    reports::ReportQuery,
    risks::RiskQuery,
    node::NodeQuery,
    viewer::ViewerQuery,
    tokens::TokenQuery,
);

use super::batch::Batched;
use super::connection::ConnArgs;
use super::ids;
use super::loaders;
use crate::service::store::crud::PlanEntity;
use async_graphql::{Context, ID};

/// Look up one object of `E` by global id (null when it does not exist).
pub(crate) async fn lookup<E: PlanEntity, T: Batched<Model = E::Model>>(
    ctx: &Context<'_>,
    id: &ID,
) -> async_graphql::Result<Option<T>> {
    lookup_at::<E, T>(ctx, id, None).await
}

/// [`lookup`] in the plan as it stood at `as_of` (the live plan without it): null when the
/// object did not exist then; what is reached from it is as of the same moment.
pub(crate) async fn lookup_at<E: PlanEntity, T: Batched<Model = E::Model>>(
    ctx: &Context<'_>,
    id: &ID,
    as_of: Option<chrono::DateTime<chrono::Utc>>,
) -> async_graphql::Result<Option<T>> {
    let row = ids::decode_as::<E>(id, "id").map_err(|e| match e {
        crate::error::ApiError::Invalid { message, .. } => crate::error::ApiError::Invalid {
            field: String::new(),
            message,
        },
        other => other,
    })?;
    let Some(at) = as_of else {
        return Ok(loaders::one::<E>(ctx, row).await?.map(T::one));
    };
    let source = crate::graphql::source::Source::at(ctx, Some(at))?;
    let found = source.one::<E>(ctx, row).await?;
    Ok(found.and_then(|m| T::many_in(vec![m], source).pop()))
}

/// Pagination arguments in one value.
pub(crate) fn conn_args(
    after: Option<String>,
    before: Option<String>,
    first: Option<i32>,
    last: Option<i32>,
) -> ConnArgs {
    ConnArgs {
        after,
        before,
        first,
        last,
    }
}
