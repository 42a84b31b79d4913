//! Queries of the risk register.

use super::{conn_args, lookup};
use crate::graphql::connection::*;
use crate::graphql::enums::{GovernmentLayer, RiskStatus};
use crate::graphql::ids;
use crate::graphql::source::Source;
use crate::graphql::types::Risk;
use crate::service::plan::risks::{self, RiskFilter};
use async_graphql::{Context, ID, InputObject, Object};
use entity::risk;

/// Which risks to list.
#[derive(InputObject, Default)]
pub struct RiskFilterInput {
    /// Only risks of this layer.
    pub layer: Option<GovernmentLayer>,
    /// Only risks with one of these statuses.
    pub status: Option<Vec<RiskStatus>>,
    /// Only risks to this milestone.
    pub milestone_id: Option<ID>,
    /// Only risks to this commitment.
    pub commitment_id: Option<ID>,
}

#[derive(Default)]
pub struct RiskQuery;

#[Object]
impl RiskQuery {
    /// The risk register, in the order risks were recorded.
    async fn risks(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which risks to list.")] filter: Option<RiskFilterInput>,
        #[graphql(
            desc = "The plan as it stood at this moment, rebuilt from the change history (objects deleted since included, later ones absent; their relations as of the same moment). Leave out for the plan as it is now."
        )]
        as_of: Option<chrono::DateTime<chrono::Utc>>,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (at most 100; default 20).")] first: Option<i32>,
        #[graphql(desc = "The last n items (at most 100).")] last: Option<i32>,
    ) -> async_graphql::Result<RiskConnection> {
        let f = filter.unwrap_or_default();
        let filter = RiskFilter {
            layer: f.layer.map(Into::into),
            status: f.status.map(|s| s.into_iter().map(Into::into).collect()),
            milestone_id: ids::decode_opt_as::<entity::milestone::Entity>(
                f.milestone_id.as_ref(),
                "filter.milestoneId",
            )?,
            commitment_id: ids::decode_opt_as::<entity::commitment::Entity>(
                f.commitment_id.as_ref(),
                "filter.commitmentId",
            )?,
        };
        let listing = risks::list(&filter)?;
        let args = conn_args(after, before, first, last);
        paginate::<_, Risk>(ctx, Source::at(ctx, as_of)?, listing, args)
            .await
            .map(Into::into)
    }

    /// One risk by id.
    async fn risk(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Its id.")] id: ID,
    ) -> async_graphql::Result<Option<Risk>> {
        lookup::<risk::Entity, Risk>(ctx, &id).await
    }
}
