//! Taking a baseline.

use crate::error::ApiError;
use crate::graphql::context::ContextExt;
use crate::graphql::types::Baseline;
use crate::service::schedule::baselines;
use async_graphql::{Context, InputObject, Object, SimpleObject};
use std::sync::Arc;

/// A baseline to take.
#[derive(InputObject)]
pub struct CreateBaselineInput {
    /// Its name, e.g. "Planning zoals gemeld aan de Kamer, juni 2025" (one line, at most 200).
    pub name: String,
    /// Why it is taken, e.g. the approved re-plan (at most 2,000 characters).
    pub reason: String,
}

/// Result of taking a baseline.
#[derive(SimpleObject)]
pub struct CreateBaselinePayload {
    /// The new baseline.
    pub baseline: Baseline,
}

#[derive(Default)]
pub struct BaselineMutation;

#[Object]
impl BaselineMutation {
    /// Take a baseline: store every live milestone's planned, forecast and projected date as they
    /// stand. The first baseline is the original; later ones are re-baselines. None is ever changed.
    async fn create_baseline(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The baseline.")] input: CreateBaselineInput,
    ) -> async_graphql::Result<CreateBaselinePayload> {
        let actor = ctx.writer()?;
        let state = ctx.state()?;
        let saved = baselines::create(
            &state.db,
            &actor,
            &input.name,
            &input.reason,
            state.config.schedule(ctx.status_date()?),
        )
        .await
        .map_err(ApiError::in_input)?;
        let original = super::super::query::baselines_of(ctx)
            .await?
            .first()
            .is_some_and(|b| b.model.id == saved.id);
        Ok(CreateBaselinePayload {
            baseline: Baseline {
                model: Arc::new(saved),
                original,
            },
        })
    }
}
