//! `Commitment`: a promise of a minister to the Kamer (toezegging).

use super::{Milestone, Programme, plan_object};
use crate::graphql::enums::CommitmentStatus;
use crate::graphql::loaders;
use crate::graphql::scalars::Date;
use async_graphql::Context;
use entity::commitment::Model;

/// A commitment (toezegging) of a minister to the Kamer, fulfilled by milestones.
pub struct Commitment(pub Model);

plan_object!(Commitment, "Commitment", {
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
        Ok(
            loaders::one::<entity::programme::Entity>(ctx, self.0.programme_id)
                .await?
                .map(Programme),
        )
    }
    /// Milestones that fulfil it.
    async fn milestones(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Milestone>> {
        let rows =
            loaders::linked::<entity::commitment_milestone::Entity, entity::milestone::Entity>(
                ctx,
                "commitment_id",
                "milestone_id",
                self.0.id,
            )
            .await?;
        Ok(rows.into_iter().map(Milestone).collect())
    }
});
