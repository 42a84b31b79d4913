//! Recording a letter to the Kamer that fulfils or postpones a commitment.

use super::{input_id, status};
use crate::error::ApiError;
use crate::graphql::batch::Batched;
use crate::graphql::context::ContextExt;
use crate::graphql::enums::{LetterKind, MutationStatus};
use crate::graphql::scalars::Date;
use crate::graphql::types::{Commitment, CommitmentLetter};
use crate::service::parliament::letters::{self, LetterDraft};
use async_graphql::{Context, ID, InputObject, Object};

/// A letter to the Kamer about a commitment.
#[derive(InputObject)]
pub struct RecordCommitmentLetterInput {
    /// The commitment.
    pub commitment_id: ID,
    /// The version of the commitment you last saw.
    pub version: i32,
    /// FULFILMENT closes the commitment; POSTPONEMENT moves its deadline.
    pub kind: LetterKind,
    /// When the letter was sent.
    pub sent_on: Date,
    /// The Kamerstuk, e.g. "Kamerstuk 30196, nr. 812".
    pub reference: Option<String>,
    /// Why (required for a postponement).
    pub reason: Option<String>,
    /// The new deadline (postponement). Left out, `newDeadlineText` must name a recess.
    pub new_deadline_date: Option<Date>,
    /// The new deadline as promised, e.g. "voor het kerstreces 2026".
    pub new_deadline_text: Option<String>,
}

/// Result of recording a letter.
pub struct RecordCommitmentLetterPayload(MutationStatus, Commitment, Option<CommitmentLetter>);

/// Result of recording a letter.
#[Object]
impl RecordCommitmentLetterPayload {
    /// OK when recorded; CONFLICT when the commitment's version was stale (nothing recorded).
    async fn status(&self) -> MutationStatus {
        self.0
    }
    /// The commitment as it now stands.
    async fn commitment(&self) -> &Commitment {
        &self.1
    }
    /// The letter (null on a conflict).
    async fn letter(&self) -> Option<&CommitmentLetter> {
        self.2.as_ref()
    }
}

#[derive(Default)]
pub struct LetterMutation;

#[Object]
impl LetterMutation {
    /// Record a letter that fulfils or postpones a commitment. A postponement moves the deadline
    /// (the earlier one stays on the letter and in the history); a fulfilment closes it.
    async fn record_commitment_letter(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The letter.")] input: RecordCommitmentLetterInput,
    ) -> async_graphql::Result<RecordCommitmentLetterPayload> {
        let commitment_id =
            input_id::<entity::commitment::Entity>(&input.commitment_id, "commitmentId")?;
        let draft = LetterDraft {
            commitment_id,
            version: input.version,
            kind: input.kind.into(),
            sent_on: input.sent_on.into(),
            reference: input.reference,
            reason: input.reason,
            new_deadline_date: input.new_deadline_date.map(Into::into),
            new_deadline_text: input.new_deadline_text,
        };
        let actor = ctx.writer()?;
        let outcome = letters::record(ctx.db()?, &actor, draft)
            .await
            .map_err(ApiError::in_input)?;
        let (status, (commitment, letter)) = status(outcome);
        Ok(RecordCommitmentLetterPayload(
            status,
            Commitment::one(commitment),
            letter.map(CommitmentLetter::one),
        ))
    }
}
