//! Mutations of the risk register.

use super::{
    DeleteInput, create, delete, input_id, input_id_opt, payloads, set, set_opt, set_ref, update,
};
use crate::graphql::batch::Batched;
use crate::graphql::enums::{GovernmentLayer, RiskLevel, RiskStatus};
use crate::graphql::types::Risk;
use crate::service::plan::risks::NewRisk;
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object};
use entity::risk;

payloads!(
    Risk,
    risk,
    CreateRiskPayload,
    UpdateRiskPayload,
    DeleteRiskPayload
);

/// A new risk.
#[derive(InputObject)]
pub struct CreateRiskInput {
    /// The programme.
    pub programme_id: ID,
    /// What could go wrong (one line, 1-200 characters).
    pub title: String,
    /// More about it (at most 10,000 characters).
    #[graphql(default)]
    pub description: String,
    /// How likely it is.
    pub likelihood: RiskLevel,
    /// How bad it would be.
    pub impact: RiskLevel,
    /// What is done to prevent it or limit its effect (beheersmaatregel; at most 2,000
    /// characters); empty: none yet, which reports say.
    #[graphql(default)]
    pub mitigation: String,
    /// Who owns it (one line, at most 200 characters); empty: nobody yet.
    #[graphql(default)]
    pub owner: String,
    /// The layer it belongs to; leave out for a joint risk. A layer manager records risks of
    /// its own layer.
    pub layer: Option<GovernmentLayer>,
    /// Open (default) or closed.
    #[graphql(default_with = "RiskStatus::Open")]
    pub status: RiskStatus,
    /// The milestone it threatens.
    pub milestone_id: Option<ID>,
    /// The commitment to the Kamer it threatens.
    pub commitment_id: Option<ID>,
}

/// Changes to a risk.
#[derive(InputObject)]
pub struct UpdateRiskInput {
    /// The risk.
    pub id: ID,
    /// The version the client last saw.
    pub version: i32,
    /// Why (one line, at most 500 characters), stored with the change records.
    pub change_reason: Option<String>,
    /// New title.
    pub title: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// New likelihood.
    pub likelihood: Option<RiskLevel>,
    /// New impact.
    pub impact: Option<RiskLevel>,
    /// New mitigation (empty: none).
    pub mitigation: Option<String>,
    /// New owner (empty: nobody).
    pub owner: Option<String>,
    /// New layer, or null for joint.
    pub layer: MaybeUndefined<GovernmentLayer>,
    /// New status.
    pub status: Option<RiskStatus>,
    /// New milestone, or null.
    pub milestone_id: MaybeUndefined<ID>,
    /// New commitment, or null.
    pub commitment_id: MaybeUndefined<ID>,
}

#[derive(Default)]
pub struct RiskMutation;

#[Object]
impl RiskMutation {
    /// Record a risk.
    async fn create_risk(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new risk.")] input: CreateRiskInput,
    ) -> async_graphql::Result<CreateRiskPayload> {
        let new = NewRisk {
            programme_id: input_id::<entity::programme::Entity>(
                &input.programme_id,
                "programmeId",
            )?,
            title: input.title,
            description: input.description,
            likelihood: input.likelihood.into(),
            impact: input.impact.into(),
            mitigation: input.mitigation,
            owner: input.owner,
            layer: input.layer.map(Into::into),
            status: input.status.into(),
            milestone_id: input_id_opt::<entity::milestone::Entity>(
                input.milestone_id.as_ref(),
                "milestoneId",
            )?,
            commitment_id: input_id_opt::<entity::commitment::Entity>(
                input.commitment_id.as_ref(),
                "commitmentId",
            )?,
        };
        Ok(CreateRiskPayload(Risk::one(
            create::<risk::Entity>(ctx, new).await?,
        )))
    }

    /// Update a risk.
    async fn update_risk(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The changes.")] input: UpdateRiskInput,
    ) -> async_graphql::Result<UpdateRiskPayload> {
        let (id, version) = (input.id.clone(), input.version);
        let (status, model) =
            update::<risk::Entity, _>(ctx, &id, version, input.change_reason.clone(), move |m| {
                set(&mut m.title, input.title);
                set(&mut m.description, input.description);
                set(&mut m.likelihood, input.likelihood);
                set(&mut m.impact, input.impact);
                set(&mut m.mitigation, input.mitigation);
                set(&mut m.owner, input.owner);
                set_opt(&mut m.layer, input.layer);
                set(&mut m.status, input.status);
                set_ref::<entity::milestone::Entity>(
                    &mut m.milestone_id,
                    input.milestone_id,
                    "milestoneId",
                )?;
                set_ref::<entity::commitment::Entity>(
                    &mut m.commitment_id,
                    input.commitment_id,
                    "commitmentId",
                )?;
                Ok(())
            })
            .await?;
        Ok(UpdateRiskPayload(status, Risk::one(model)))
    }

    /// Delete a risk (soft; it stays in the history and in as-of views).
    async fn delete_risk(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The risk and the version you last saw.")] input: DeleteInput,
    ) -> async_graphql::Result<DeleteRiskPayload> {
        let (status, model) = delete::<risk::Entity>(ctx, &input).await?;
        Ok(DeleteRiskPayload(status, Risk::one(model)))
    }
}
