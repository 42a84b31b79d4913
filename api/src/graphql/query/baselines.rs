//! Queries of baselines.

use crate::graphql::context::ContextExt;
use crate::graphql::ids;
use crate::graphql::types::Baseline;
use crate::service::schedule::baselines;
use async_graphql::{Context, ID, Object};

/// Every baseline, oldest (the original) first, marked.
pub(crate) async fn all(ctx: &Context<'_>) -> async_graphql::Result<Vec<Baseline>> {
    Ok(Baseline::listed(&baselines::all(ctx.db()?).await?))
}

#[derive(Default)]
pub struct BaselineQuery;

#[Object]
impl BaselineQuery {
    /// Every baseline, oldest (the original plan) first. Baselines are never changed.
    async fn baselines(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Baseline>> {
        all(ctx).await
    }

    /// One baseline by id.
    async fn baseline(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id.")] id: ID,
    ) -> async_graphql::Result<Option<Baseline>> {
        let row = ids::decode_as::<entity::baseline::Entity>(&id, "id")?;
        Ok(all(ctx).await?.into_iter().find(|b| b.model.id == row))
    }
}
