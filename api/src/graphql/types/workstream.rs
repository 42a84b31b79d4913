//! `Workstream`: a line of work of the programme.

use super::{Milestone, Organisation, PlanFields, PlanObject, Programme};
use async_graphql::{Context, Object};
use entity::workstream::Model;

/// A workstream, e.g. "Data-infrastructuur" or "Aansluiting decentrale overheden".
#[derive(Clone)]
pub struct Workstream(
    pub std::sync::Arc<Model>,
    pub std::sync::Arc<crate::graphql::batch::Siblings<Model>>,
);

super::batched!(Workstream);

/// A workstream, e.g. "Data-infrastructuur" or "Aansluiting decentrale overheden".
#[Object]
impl Workstream {
    #[graphql(flatten)]
    async fn plan_fields(&self) -> PlanFields<'_, Self> {
        PlanFields(self)
    }

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
        self.1
            .to_one::<entity::programme::Entity, Programme>(
                ctx,
                "programme_id",
                |m| Some(m.programme_id),
                Some(self.0.programme_id),
            )
            .await
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
    /// Milestones of this workstream, by planned date.
    async fn milestones(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Milestone>> {
        let mut rows: Vec<Milestone> = self
            .1
            .children::<entity::milestone::Entity, _>(ctx, "workstream_id", |m| m.id, self.0.id)
            .await?;
        rows.sort_by_key(|m| (m.0.planned_date, m.0.id));
        Ok(rows)
    }
}

impl PlanObject for Workstream {}
