//! `Programme`: the programme with its phases and workstreams.

use super::{Organisation, Phase, Workstream, plan_object};
use crate::graphql::loaders;
use async_graphql::Context;
use entity::programme::Model;

/// A programme, e.g. "Regie op de monitoring van MVOI".
pub struct Programme(pub Model);

plan_object!(Programme, "Programme", {
    /// Name of the programme.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// What the programme is for.
    async fn goal(&self) -> &str {
        &self.0.goal
    }
    /// The organisation that leads it.
    async fn lead_organisation(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Organisation>> {
        let Some(id) = self.0.lead_organisation_id else {
            return Ok(None);
        };
        Ok(loaders::one::<entity::organisation::Entity>(ctx, id)
            .await?
            .map(Organisation))
    }
    /// Its phases, by number.
    async fn phases(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Phase>> {
        let mut phases =
            loaders::children::<entity::phase::Entity>(ctx, "programme_id", self.0.id).await?;
        phases.sort_by_key(|p| (p.number, p.id));
        Ok(phases.into_iter().map(Phase).collect())
    }
    /// Its workstreams.
    async fn workstreams(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Workstream>> {
        let rows =
            loaders::children::<entity::workstream::Entity>(ctx, "programme_id", self.0.id).await?;
        Ok(rows.into_iter().map(Workstream).collect())
    }
});
