//! `ApiToken`: a bearer token as an administrator sees it (never the secret).

use crate::graphql::enums::{GovernmentLayer, Role};
use async_graphql::{Context, ID, Object};
use entity::api_token::Model;

/// An API token: whose it is, what it may do, and whether it still works. The secret itself is
/// shown once, when it is created.
pub struct ApiToken(pub Model);

/// An API token: whose it is, what it may do, and whether it still works.
#[Object]
impl ApiToken {
    /// Global id (use with `revokeApiToken`).
    async fn id(&self) -> ID {
        crate::graphql::ids::encode("ApiToken", self.0.id)
    }
    /// Whose token it is: the name the change history records.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// What it may do.
    async fn role(&self) -> Role {
        self.0.role.into()
    }
    /// The layer of a layer manager; null for the other roles.
    async fn layer(&self) -> Option<GovernmentLayer> {
        self.0.layer.map(Into::into)
    }
    /// The token's first characters (`koers_` and six more), to recognise it in a list.
    async fn prefix(&self) -> &str {
        &self.0.token_prefix
    }
    /// Who created it.
    async fn created_by(&self) -> &str {
        &self.0.created_by
    }
    /// When it was created (UTC).
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
    /// When it stops working (UTC), or null for never.
    async fn expires_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.expires_at
    }
    /// When it was revoked (UTC), or null.
    async fn revoked_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.revoked_at
    }
    /// Whether it works now: not revoked and not expired (by the service's clock).
    async fn active(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        use crate::graphql::context::ContextExt;
        let now = ctx.state()?.clock.now();
        Ok(self.0.revoked_at.is_none() && self.0.expires_at.is_none_or(|at| at > now))
    }
}
