//! `Commitment`: a promise of a minister to the Kamer (toezegging).

use super::{CommitmentLetter, CommitmentRisk, Milestone, PlanFields, PlanObject, Programme};
use crate::graphql::enums::CommitmentStatus;
use crate::graphql::scalars::Date;
use async_graphql::{Context, Object};
use entity::commitment::Model;

/// A commitment (toezegging) of a minister to the Kamer, fulfilled by milestones.
#[derive(Clone)]
pub struct Commitment(
    pub std::sync::Arc<Model>,
    pub std::sync::Arc<crate::graphql::batch::Siblings<Model>>,
);

super::batched!(Commitment);

/// A commitment (toezegging) of a minister to the Kamer, fulfilled by milestones.
#[Object]
impl Commitment {
    #[graphql(flatten)]
    async fn plan_fields(&self) -> PlanFields<'_, Self> {
        PlanFields(self)
    }

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
    /// Whether the caller may record a letter about it (`recordCommitmentLetter`) while it is
    /// open and live: programme managers and admins any; a reporter the one a report calls for
    /// (a postponement letter when one is needed, a fulfilment letter when the work is done).
    async fn viewer_can_record_letter(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        use crate::graphql::context::ContextExt;
        use crate::service::accounts::access;
        if self.0.deleted_at.is_some()
            || !self.1.source().is_live()
            || self.0.status != entity::CommitmentStatus::Open
        {
            return Ok(false);
        }
        let caller = ctx.caller();
        let risk = self.1.schedule(ctx).await?.commitment(self.0.id);
        let called = crate::service::schedule::letters_called_for(risk.as_ref());
        Ok([
            entity::LetterKind::Postponement,
            entity::LetterKind::Fulfilment,
        ]
        .into_iter()
        .any(|kind| access::may_record_letter(&caller, kind, called).is_ok()))
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
    /// The recorded risks to it (the risk register), in the order they were recorded; `risk`
    /// is the schedule's verdict on its deadline.
    async fn risks(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<super::Risk>> {
        self.1
            .children::<entity::risk::Entity, _>(ctx, "commitment_id", |m| m.id, self.0.id)
            .await
    }
    /// Letters that fulfilled or postponed it, oldest first.
    async fn letters(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CommitmentLetter>> {
        let mut letters: Vec<CommitmentLetter> = self
            .1
            .children::<entity::commitment_letter::Entity, _>(
                ctx,
                "commitment_id",
                |m| m.id,
                self.0.id,
            )
            .await?;
        letters.sort_by_key(|l| (l.0.sent_on, l.0.id));
        Ok(letters)
    }
    /// Whether it will be (or was) met: the projected dates of its milestones against its
    /// deadline, and MISSED once the deadline is before the status date without a fulfilment.
    async fn risk(&self, ctx: &Context<'_>) -> async_graphql::Result<CommitmentRisk> {
        self.assess(ctx).await
    }
    /// Whether the Kamer needs a postponement letter: the commitment is not fulfilled and a
    /// linked milestone is projected past the deadline, or the deadline has passed (MISSED)
    /// while the work is not done; details in `risk`.
    async fn needs_postponement_letter(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        Ok(self.assess(ctx).await?.0.needs_postponement_letter())
    }
}

impl PlanObject for Commitment {}

impl Commitment {
    async fn assess(&self, ctx: &Context<'_>) -> async_graphql::Result<CommitmentRisk> {
        use crate::service::schedule::{CommitmentInput, Input, Schedule};
        let schedule = self.1.schedule(ctx).await?;
        let source = self.1.source().clone();
        if let Some(risk) = schedule.commitment(self.0.id) {
            return Ok(CommitmentRisk(risk, source));
        }
        // A deleted commitment is outside the plan's schedule: judged without milestones.
        let alone = Schedule::compute(
            Input {
                commitments: vec![CommitmentInput {
                    id: self.0.id,
                    number: self.0.number.clone(),
                    deadline: self.0.deadline_date,
                    status: self.0.status,
                    milestones: vec![],
                }],
                ..Input::default()
            },
            schedule.settings(),
        );
        alone
            .commitment(self.0.id)
            .map(|risk| CommitmentRisk(risk, source))
            .ok_or_else(|| crate::error::ApiError::Internal("commitment risk".into()).into())
    }
}
