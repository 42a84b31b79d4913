//! `CommitmentLetter`: a letter to the Kamer that fulfils or postpones a commitment.

use super::{Commitment, PlanFields, PlanObject, date};
use crate::graphql::enums::LetterKind;
use crate::graphql::scalars::Date;
use async_graphql::{Context, Object};
use entity::commitment_letter::Model;

/// A letter to the Kamer that fulfils or postpones a commitment (recorded once, never edited).
#[derive(Clone)]
pub struct CommitmentLetter(
    pub std::sync::Arc<Model>,
    pub std::sync::Arc<crate::graphql::batch::Siblings<Model>>,
);

super::batched!(CommitmentLetter);

/// A letter to the Kamer that fulfils or postpones a commitment (recorded once, never edited).
#[Object]
impl CommitmentLetter {
    #[graphql(flatten)]
    async fn plan_fields(&self) -> PlanFields<'_, Self> {
        PlanFields(self)
    }

    /// Fulfilment or postponement.
    async fn kind(&self) -> LetterKind {
        self.0.kind.into()
    }
    /// When it was sent.
    async fn sent_on(&self) -> Date {
        self.0.sent_on.into()
    }
    /// The Kamerstuk, e.g. "Kamerstuk 30196, nr. 812".
    async fn reference(&self) -> Option<&str> {
        self.0.reference.as_deref()
    }
    /// Why (the reason for a postponement).
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }
    /// The commitment's deadline before this letter.
    async fn previous_deadline_date(&self) -> Date {
        self.0.previous_deadline_date.into()
    }
    /// That deadline as it was promised.
    async fn previous_deadline_text(&self) -> Option<&str> {
        self.0.previous_deadline_text.as_deref()
    }
    /// The new deadline (postponement letters).
    async fn new_deadline_date(&self) -> Option<Date> {
        date(self.0.new_deadline_date)
    }
    /// The new deadline as promised, e.g. "voor het kerstreces 2026".
    async fn new_deadline_text(&self) -> Option<&str> {
        self.0.new_deadline_text.as_deref()
    }
    /// The commitment.
    async fn commitment(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Commitment>> {
        self.1
            .to_one::<entity::commitment::Entity, Commitment>(
                ctx,
                "commitment_id",
                |m| Some(m.commitment_id),
                Some(self.0.commitment_id),
            )
            .await
    }
}

impl PlanObject for CommitmentLetter {
    /// A letter is recorded once and never edited or deleted: it was sent to the Kamer.
    async fn update_blocked(
        &self,
        _ctx: &async_graphql::Context<'_>,
    ) -> async_graphql::Result<bool> {
        Ok(true)
    }

    /// Never: see `update_blocked`.
    async fn delete_blocked(
        &self,
        _ctx: &async_graphql::Context<'_>,
    ) -> async_graphql::Result<bool> {
        Ok(true)
    }
}
