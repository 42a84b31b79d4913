//! `Commitment`: a promise of a minister to the Kamer (toezegging).

use super::{Milestone, Programme, plan_object};
use crate::graphql::enums::CommitmentStatus;
use crate::graphql::scalars::Date;
use async_graphql::Context;
use entity::commitment::Model;

/// A commitment (toezegging) of a minister to the Kamer, fulfilled by milestones.
#[derive(Clone)]
pub struct Commitment(
    pub std::sync::Arc<Model>,
    pub std::sync::Arc<crate::graphql::batch::Siblings<Model>>,
);

plan_object!(
    /// A commitment (toezegging) of a minister to the Kamer, fulfilled by milestones.
    Commitment,
    "Commitment", {
    /// Number in the Kamer's register, e.g. "TZ202504-057".
    async fn number(&self) -> &str {
        &self.0.number
    }
    /// The text of the commitment.
    async fn text(&self) -> &str {
        &self.0.text
    }
    /// Who made it, e.g. "minister van BZK".
    async fn made_by(&self) -> &str {
        &self.0.made_by
    }
    /// When it was made.
    async fn made_on(&self) -> Date {
        self.0.made_on.into()
    }
    /// The deadline as promised, e.g. "voor het zomerreces 2026".
    async fn deadline_text(&self) -> Option<&str> {
        self.0.deadline_text.as_deref()
    }
    /// The deadline as a date.
    async fn deadline_date(&self) -> Date {
        self.0.deadline_date.into()
    }
    /// Open or fulfilled.
    async fn status(&self) -> CommitmentStatus {
        self.0.status.into()
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
    /// Milestones that fulfil it.
    async fn milestones(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Milestone>> {
        self.1
            .linked::<entity::commitment_milestone::Entity, entity::milestone::Entity, Milestone>(
                ctx,
                ("commitment_id", "milestone_id"),
                |m| m.id,
                self.0.id,
            )
            .await
    }
});
