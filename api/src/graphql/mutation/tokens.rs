//! API tokens through the API, for an admin screen: `createApiToken` (the token is in the
//! answer once, never again), `revokeApiToken`, and the `apiTokens` list (`query/tokens.rs`).
//! Administrators only; `koers token` on the command line does the same.

use super::input_id;
use crate::error::ApiError;
use crate::graphql::context::ContextExt;
use crate::graphql::enums::{GovernmentLayer, Role};
use crate::graphql::types::ApiToken;
use crate::service::accounts::tokens;
use async_graphql::{Context, ID, InputObject, Object, SimpleObject};

/// A token to create.
#[derive(InputObject)]
pub struct CreateApiTokenInput {
    /// Whose token it is (1-100 characters, one line): the name the change history records.
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// The layer of a layer manager (required for that role, refused for the others).
    pub layer: Option<GovernmentLayer>,
    /// When it stops working (UTC; must be in the future). Never, when left out.
    pub expires_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// A new token: the secret is shown here once and is stored only as its SHA-256.
#[derive(SimpleObject)]
pub struct CreateApiTokenPayload {
    /// The token itself (`koers_…`), for the `Authorization: Bearer` header. Shown only now.
    pub token: String,
    /// The token as listed (without the secret).
    pub api_token: ApiToken,
}

/// Which token to revoke.
#[derive(InputObject)]
pub struct RevokeApiTokenInput {
    /// Global id of the token.
    pub id: ID,
}

/// A revoked token: it stopped working at once.
#[derive(SimpleObject)]
pub struct RevokeApiTokenPayload {
    /// The token, with `revokedAt` set.
    pub api_token: ApiToken,
}

#[derive(Default)]
pub struct TokenMutation;

#[Object]
impl TokenMutation {
    /// Create an API token (administrators). The answer holds the token once.
    async fn create_api_token(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new token.")] input: CreateApiTokenInput,
    ) -> async_graphql::Result<CreateApiTokenPayload> {
        let actor = ctx.writer()?;
        let new = tokens::NewToken {
            name: input.name,
            role: input.role.into(),
            layer: input.layer.map(Into::into),
            expires_at: input.expires_at,
        };
        let (saved, token) = tokens::create(ctx.db()?, &actor, new)
            .await
            .map_err(ApiError::in_input)?;
        Ok(CreateApiTokenPayload {
            token,
            api_token: ApiToken(saved),
        })
    }

    /// Revoke an API token (administrators): it stops working at once. Revoking twice is a
    /// CONFLICT.
    async fn revoke_api_token(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The token to revoke.")] input: RevokeApiTokenInput,
    ) -> async_graphql::Result<RevokeApiTokenPayload> {
        let actor = ctx.writer()?;
        let id = input_id::<entity::api_token::Entity>(&input.id, "id")?;
        let revoked = tokens::revoke(ctx.db()?, &actor, id)
            .await
            .map_err(ApiError::in_input)?;
        Ok(RevokeApiTokenPayload {
            api_token: ApiToken(revoked),
        })
    }
}
