//! `MilestoneDependency`: a finish-to-start dependency between two milestones.

use super::Milestone;
use crate::graphql::loaders;
use async_graphql::{Context, Object};
use entity::milestone_dependency::Model;

/// A finish-to-start dependency: the successor cannot be reached before the predecessor plus the lag.
pub struct MilestoneDependency(pub Model);

#[Object]
impl MilestoneDependency {
    /// Days between the predecessor's date and the earliest date of the successor (may be negative).
    async fn lag_days(&self) -> i32 {
        self.0.lag_days
    }
    /// The milestone that comes first.
    async fn predecessor(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Milestone>> {
        Ok(
            loaders::one::<entity::milestone::Entity>(ctx, self.0.predecessor_id)
                .await?
                .map(Milestone),
        )
    }
    /// The milestone that waits for it.
    async fn successor(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Milestone>> {
        Ok(
            loaders::one::<entity::milestone::Entity>(ctx, self.0.successor_id)
                .await?
                .map(Milestone),
        )
    }
}
