//! `MilestoneDependency`: a finish-to-start dependency between two milestones.

use super::Milestone;
use async_graphql::{Context, Object};
use entity::milestone_dependency::Model;

/// A finish-to-start dependency: the successor cannot be reached before the predecessor plus the lag.
#[derive(Clone)]
pub struct MilestoneDependency(
    pub std::sync::Arc<Model>,
    pub std::sync::Arc<crate::graphql::batch::Siblings<Model>>,
);

super::batched!(MilestoneDependency);

/// A finish-to-start dependency: the successor cannot be reached before the predecessor plus the lag.
#[Object]
impl MilestoneDependency {
    /// Days between the predecessor's date and the earliest date of the successor (may be negative).
    async fn lag_days(&self) -> i32 {
        self.0.lag_days
    }
    /// The milestone that comes first.
    async fn predecessor(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Milestone>> {
        self.1
            .to_one::<entity::milestone::Entity, Milestone>(
                ctx,
                "predecessor_id",
                |m| Some(m.predecessor_id),
                Some(self.0.predecessor_id),
            )
            .await
    }
    /// The milestone that waits for it.
    async fn successor(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Milestone>> {
        self.1
            .to_one::<entity::milestone::Entity, Milestone>(
                ctx,
                "successor_id",
                |m| Some(m.successor_id),
                Some(self.0.successor_id),
            )
            .await
    }
}
