//! Mutations of the recess calendar and commitments.

use super::{
    DeleteInput, create, deadline, delete, input_id, payloads, set, set_opt, update, update_filled,
};
use crate::graphql::batch::Batched;
use crate::graphql::enums::{CommitmentStatus, DateConfidence, RecessKind};
use crate::graphql::scalars::Date;
use crate::graphql::types::{Commitment, RecessPeriod};
use crate::service::parliament::{commitments::NewCommitment, recess::NewRecess};
use crate::service::store::crud;
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object};
use entity::{commitment, recess_period};

payloads!(
    RecessPeriod,
    recess_period,
    CreateRecessPeriodPayload,
    UpdateRecessPeriodPayload,
    DeleteRecessPeriodPayload
);
payloads!(
    Commitment,
    commitment,
    CreateCommitmentPayload,
    UpdateCommitmentPayload,
    DeleteCommitmentPayload
);

/// A new recess period.
#[derive(InputObject)]
pub struct CreateRecessPeriodInput {
    /// Which recess.
    pub kind: RecessKind,
    /// The year it belongs to.
    pub year: i32,
    /// Name, e.g. "Zomerreces 2026".
    pub name: String,
    /// First day without sittings.
    pub first_day: Date,
    /// Last day without sittings (not before the first).
    pub last_day: Date,
    /// How certain these dates are.
    pub confidence: DateConfidence,
}

/// Corrections to a recess period (dates move; estimates get confirmed).
#[derive(InputObject)]
pub struct UpdateRecessPeriodInput {
    /// The recess period.
    pub id: ID,
    /// The version the client last saw.
    pub version: i32,
    /// Why (one line, at most 500 characters: the "toelichting"), stored with the change
    /// records of this update and shown in reports that explain a moved date.
    pub change_reason: Option<String>,
    /// New kind.
    pub kind: Option<RecessKind>,
    /// New year.
    pub year: Option<i32>,
    /// New name.
    pub name: Option<String>,
    /// New first day.
    pub first_day: Option<Date>,
    /// New last day.
    pub last_day: Option<Date>,
    /// New confidence.
    pub confidence: Option<DateConfidence>,
}

/// A new commitment to the Kamer.
#[derive(InputObject)]
pub struct CreateCommitmentInput {
    /// The programme.
    pub programme_id: ID,
    /// Number in the Kamer's register, e.g. "TZ202504-057" (unique).
    pub number: String,
    /// The text of the commitment.
    pub text: String,
    /// Who made it, e.g. "minister van BZK".
    pub made_by: String,
    /// When it was made.
    pub made_on: Date,
    /// The deadline as promised, e.g. "voor het zomerreces 2026".
    pub deadline_text: Option<String>,
    /// The deadline as a date (not before `madeOn`). Left out, `deadlineText` must name a recess
    /// ("voor het zomerreces 2026"): the deadline is then the last sitting day before it.
    pub deadline_date: Option<Date>,
    /// Open or fulfilled (default OPEN).
    #[graphql(default_with = "CommitmentStatus::Open")]
    pub status: CommitmentStatus,
}

/// Changes to a commitment.
#[derive(InputObject)]
pub struct UpdateCommitmentInput {
    /// The commitment.
    pub id: ID,
    /// The version the client last saw.
    pub version: i32,
    /// Why (one line, at most 500 characters: the "toelichting"), stored with the change
    /// records of this update and shown in reports that explain a moved date.
    pub change_reason: Option<String>,
    /// New number.
    pub number: Option<String>,
    /// New text.
    pub text: Option<String>,
    /// New maker.
    pub made_by: Option<String>,
    /// New date made.
    pub made_on: Option<Date>,
    /// New deadline text, or null.
    pub deadline_text: MaybeUndefined<String>,
    /// New deadline date (left out with a new recess-relative `deadlineText`: resolved from it).
    /// To move the deadline of a promise the Kamer holds, record a postponement letter instead.
    pub deadline_date: Option<Date>,
    /// New status.
    pub status: Option<CommitmentStatus>,
}

#[derive(Default)]
pub struct ParliamentMutation;

#[Object]
impl ParliamentMutation {
    /// Add a recess period to the calendar.
    async fn create_recess_period(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new recess period.")] input: CreateRecessPeriodInput,
    ) -> async_graphql::Result<CreateRecessPeriodPayload> {
        let new = NewRecess {
            kind: input.kind.into(),
            year: input.year,
            name: input.name,
            first_day: input.first_day.into(),
            last_day: input.last_day.into(),
            confidence: input.confidence.into(),
        };
        Ok(CreateRecessPeriodPayload(RecessPeriod::one(
            create::<recess_period::Entity>(ctx, new).await?,
        )))
    }

    /// Correct a recess period.
    async fn update_recess_period(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The changes.")] input: UpdateRecessPeriodInput,
    ) -> async_graphql::Result<UpdateRecessPeriodPayload> {
        let (id, version) = (input.id.clone(), input.version);
        let (status, model) = update::<recess_period::Entity, _>(
            ctx,
            &id,
            version,
            input.change_reason.clone(),
            move |m| {
                set(&mut m.kind, input.kind);
                set(&mut m.year, input.year);
                set(&mut m.name, input.name);
                set(&mut m.first_day, input.first_day);
                set(&mut m.last_day, input.last_day);
                set(&mut m.confidence, input.confidence);
                Ok(())
            },
        )
        .await?;
        Ok(UpdateRecessPeriodPayload(status, RecessPeriod::one(model)))
    }

    /// Remove a recess period from the calendar (soft).
    async fn delete_recess_period(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The recess period and the version you last saw.")] input: DeleteInput,
    ) -> async_graphql::Result<DeleteRecessPeriodPayload> {
        let (status, model) = delete::<recess_period::Entity>(ctx, &input).await?;
        Ok(DeleteRecessPeriodPayload(status, RecessPeriod::one(model)))
    }

    /// Register a commitment to the Kamer.
    async fn create_commitment(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new commitment.")] input: CreateCommitmentInput,
    ) -> async_graphql::Result<CreateCommitmentPayload> {
        let new = NewCommitment {
            programme_id: input_id::<entity::programme::Entity>(
                &input.programme_id,
                "programmeId",
            )?,
            number: input.number,
            text: input.text,
            made_by: input.made_by,
            made_on: input.made_on.into(),
            deadline: deadline(input.deadline_text, input.deadline_date, true),
            status: input.status.into(),
        };
        Ok(CreateCommitmentPayload(Commitment::one(
            create::<commitment::Entity>(ctx, new).await?,
        )))
    }

    /// Update a commitment.
    async fn update_commitment(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The changes.")] input: UpdateCommitmentInput,
    ) -> async_graphql::Result<UpdateCommitmentPayload> {
        let (id, version) = (input.id.clone(), input.version);
        // A new phrase: the service resolves it inside the transaction, or checks it against a
        // date sent with it.
        let fill = match (&input.deadline_text, &input.deadline_date) {
            (MaybeUndefined::Value(text), date) => {
                Some(Box::new(deadline(Some(text.clone()), *date, false))
                    as Box<dyn crud::Fill<commitment::Model>>)
            }
            _ => None,
        };
        let (status, model) = update_filled::<commitment::Entity, _>(
            ctx,
            &id,
            version,
            input.change_reason.clone(),
            move |m| {
                set(&mut m.number, input.number);
                set(&mut m.text, input.text);
                set(&mut m.made_by, input.made_by);
                set(&mut m.made_on, input.made_on);
                set_opt(&mut m.deadline_text, input.deadline_text);
                set(&mut m.deadline_date, input.deadline_date);
                set(&mut m.status, input.status);
                Ok(())
            },
            fill,
        )
        .await?;
        Ok(UpdateCommitmentPayload(status, Commitment::one(model)))
    }

    /// Delete a commitment (soft).
    async fn delete_commitment(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The commitment and the version you last saw.")] input: DeleteInput,
    ) -> async_graphql::Result<DeleteCommitmentPayload> {
        let (status, model) = delete::<commitment::Entity>(ctx, &input).await?;
        Ok(DeleteCommitmentPayload(status, Commitment::one(model)))
    }
}
