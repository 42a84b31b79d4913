//! `apiTokens`: the API tokens, for an administrator's screen.

use crate::graphql::context::ContextExt;
use crate::graphql::types::ApiToken;
use async_graphql::{Context, Object};

#[derive(Default)]
pub struct TokenQuery;

#[Object]
impl TokenQuery {
    /// Every API token, newest first, revoked and expired ones too (they are the audit trail).
    /// Administrators only: FORBIDDEN for others.
    async fn api_tokens(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ApiToken>> {
        let caller = ctx.caller();
        let all = crate::service::accounts::tokens::list_for(ctx.db()?, &caller).await?;
        Ok(all.into_iter().map(ApiToken).collect())
    }
}
