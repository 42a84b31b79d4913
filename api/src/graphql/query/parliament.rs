//! Queries of the parliamentary calendar and commitments.

use super::{conn_args, lookup};
use crate::graphql::connection::*;
use crate::graphql::enums::{CommitmentStatus, RecessKind};
use crate::graphql::types::{Commitment, RecessPeriod};
use crate::service::{commitments, recess};
use async_graphql::{Context, ID, Object};
use entity::{commitment, recess_period};

#[derive(Default)]
pub struct ParliamentQuery;

#[Object]
impl ParliamentQuery {
    /// Recess periods of the Tweede Kamer, by first day.
    async fn recess_periods(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only recesses of this year.")] year: Option<i32>,
        #[graphql(desc = "Only recesses of this kind.")] kind: Option<RecessKind>,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (at most 100; default 20).")] first: Option<i32>,
        #[graphql(desc = "The last n items (at most 100).")] last: Option<i32>,
    ) -> async_graphql::Result<RecessPeriodConnection> {
        let listing = recess::list(year, kind.map(Into::into))?;
        paginate::<_, RecessPeriod>(ctx, listing, conn_args(after, before, first, last))
            .await
            .map(Into::into)
    }

    /// One recess period by id.
    async fn recess_period(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id.")] id: ID,
    ) -> async_graphql::Result<Option<RecessPeriod>> {
        lookup::<recess_period::Entity, RecessPeriod>(ctx, &id, "RecessPeriod").await
    }

    /// Commitments to the Kamer, by deadline.
    async fn commitments(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only commitments with this status.")] status: Option<CommitmentStatus>,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (at most 100; default 20).")] first: Option<i32>,
        #[graphql(desc = "The last n items (at most 100).")] last: Option<i32>,
    ) -> async_graphql::Result<CommitmentConnection> {
        let listing = commitments::list(status.map(Into::into))?;
        paginate::<_, Commitment>(ctx, listing, conn_args(after, before, first, last))
            .await
            .map(Into::into)
    }

    /// One commitment by id.
    async fn commitment(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id.")] id: ID,
    ) -> async_graphql::Result<Option<Commitment>> {
        lookup::<commitment::Entity, Commitment>(ctx, &id, "Commitment").await
    }
}
