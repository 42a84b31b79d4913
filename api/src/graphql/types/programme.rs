//! `Programme`: the programme with its phases and workstreams.

use super::{CriticalPath, Organisation, Phase, PlanFields, PlanObject, Workstream};
use async_graphql::{Context, Object};
use entity::programme::Model;

/// A programme, e.g. "Regie op de monitoring van MVOI".
#[derive(Clone)]
pub struct Programme(
    pub std::sync::Arc<Model>,
    pub std::sync::Arc<crate::graphql::batch::Siblings<Model>>,
);

super::batched!(Programme);

/// A programme, e.g. "Regie op de monitoring van MVOI".
#[Object]
impl Programme {
    #[graphql(flatten)]
    async fn plan_fields(&self) -> PlanFields<'_, Self> {
        PlanFields(self)
    }

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
        self.1
            .to_one::<entity::organisation::Entity, Organisation>(
                ctx,
                "lead_organisation_id",
                |m| m.lead_organisation_id,
                self.0.lead_organisation_id,
            )
            .await
    }
    /// Its phases, by number.
    async fn phases(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Phase>> {
        let mut phases: Vec<Phase> = self
            .1
            .children::<entity::phase::Entity, _>(ctx, "programme_id", |m| m.id, self.0.id)
            .await?;
        phases.sort_by_key(|p| (p.0.number, p.0.id));
        Ok(phases)
    }
    /// Its workstreams.
    async fn workstreams(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Workstream>> {
        self.1
            .children::<entity::workstream::Entity, Workstream>(
                ctx,
                "programme_id",
                |m| m.id,
                self.0.id,
            )
            .await
    }
    /// The chain of milestones that decides the programme's projected end, with each one's slack.
    async fn critical_path(&self, ctx: &Context<'_>) -> async_graphql::Result<CriticalPath> {
        let schedule = self.1.schedule(ctx).await?;
        Ok(CriticalPath(
            schedule.critical_path(crate::service::schedule::Scope::Programme(self.0.id)),
            self.1.source().clone(),
        ))
    }
}

impl PlanObject for Programme {}
