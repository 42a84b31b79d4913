//! `Risk`: a risk to the plan with its mitigation (beheersmaatregel) and owner.

use super::{Commitment, Milestone, PlanFields, PlanObject};
use crate::graphql::enums::{GovernmentLayer, RiskLevel, RiskStatus};
use async_graphql::{Context, Object};
use entity::risk::Model;

/// A risk to the plan: what could go wrong, how likely and how bad, what is done about it and
/// who owns it; about a milestone and/or a commitment to the Kamer.
#[derive(Clone)]
pub struct Risk(
    pub std::sync::Arc<Model>,
    pub std::sync::Arc<crate::graphql::batch::Siblings<Model>>,
);

super::batched!(Risk);

/// A risk to the plan: what could go wrong, how likely and how bad, what is done about it
/// and who owns it; about a milestone and/or a commitment to the Kamer.
#[Object]
impl Risk {
    #[graphql(flatten)]
    async fn plan_fields(&self) -> PlanFields<'_, Self> {
        PlanFields(self)
    }

    /// What could go wrong (one line).
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// More about it.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// How likely it is.
    async fn likelihood(&self) -> RiskLevel {
        self.0.likelihood.into()
    }
    /// How bad it would be.
    async fn impact(&self) -> RiskLevel {
        self.0.impact.into()
    }
    /// Likelihood times impact, each counted 1 (low) to 3 (high): 1 to 9, 9 the worst.
    async fn score(&self) -> i32 {
        i32::from(crate::service::plan::risks::score(&self.0))
    }
    /// What is done to prevent it or limit its effect (beheersmaatregel); empty: none yet.
    async fn mitigation(&self) -> &str {
        &self.0.mitigation
    }
    /// Who owns the risk and its mitigation; empty: nobody yet.
    async fn owner(&self) -> &str {
        &self.0.owner
    }
    /// The layer it belongs to; null for a joint risk.
    async fn layer(&self) -> Option<GovernmentLayer> {
        self.0.layer.map(Into::into)
    }
    /// Open (reports list it) or closed.
    async fn status(&self) -> RiskStatus {
        self.0.status.into()
    }
    /// The milestone it threatens.
    async fn milestone(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Milestone>> {
        self.1
            .to_one::<entity::milestone::Entity, Milestone>(
                ctx,
                "milestone_id",
                |m| m.milestone_id,
                self.0.milestone_id,
            )
            .await
    }
    /// The commitment to the Kamer it threatens.
    async fn commitment(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Commitment>> {
        self.1
            .to_one::<entity::commitment::Entity, Commitment>(
                ctx,
                "commitment_id",
                |m| m.commitment_id,
                self.0.commitment_id,
            )
            .await
    }
}

impl PlanObject for Risk {}
