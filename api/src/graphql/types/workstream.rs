//! `Workstream`: a line of work of the programme.

use super::{Milestone, Organisation, Programme, plan_object};
use crate::graphql::loaders;
use async_graphql::Context;
use entity::workstream::Model;

/// A workstream, e.g. "Data-infrastructuur" or "Aansluiting decentrale overheden".
pub struct Workstream(pub Model);

plan_object!(Workstream, "Workstream", {
    /// Name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// What it covers.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// The programme.
    async fn programme(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Programme>> {
        Ok(
            loaders::one::<entity::programme::Entity>(ctx, self.0.programme_id)
                .await?
                .map(Programme),
        )
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
    /// Milestones of this workstream, by planned date.
    async fn milestones(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Milestone>> {
        let mut rows =
            loaders::children::<entity::milestone::Entity>(ctx, "workstream_id", self.0.id).await?;
        rows.sort_by_key(|m| (m.planned_date, m.id));
        Ok(rows.into_iter().map(Milestone).collect())
    }
});
