//! Mutations of milestones.

use super::{
    DeleteInput, create, deadline, delete, input_id, input_id_opt, payloads, set, set_opt, set_ref,
    update_filled,
};
use crate::graphql::batch::Batched;
use crate::graphql::enums::{GovernmentLayer, Health, MilestoneKind, WorkStatus};
use crate::graphql::scalars::Date;
use crate::graphql::types::Milestone;
use crate::service::plan::milestones::NewMilestone;
use crate::service::store::crud;
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object};
use entity::milestone;

payloads!(
    Milestone,
    milestone,
    CreateMilestonePayload,
    UpdateMilestonePayload,
    DeleteMilestonePayload
);

/// A new milestone.
#[derive(InputObject)]
pub struct CreateMilestoneInput {
    /// The programme it belongs to.
    pub programme_id: ID,
    /// Short title (1-200 characters, one line).
    pub title: String,
    /// What is delivered or decided (at most 10,000 characters).
    #[graphql(default)]
    pub description: String,
    /// Kind of milestone.
    pub kind: MilestoneKind,
    /// Its government layer; leave out for a joint milestone of all layers.
    pub layer: Option<GovernmentLayer>,
    /// For a joint milestone: the layers that take part (their layer managers may change its
    /// dates, status, description and health). Refused with a layer.
    #[graphql(default)]
    pub participating_layers: Vec<GovernmentLayer>,
    /// The phase it belongs to.
    pub phase_id: Option<ID>,
    /// The workstream it belongs to.
    pub workstream_id: Option<ID>,
    /// The organisation that owns it.
    pub owner_organisation_id: Option<ID>,
    /// Planned date.
    pub planned_date: Date,
    /// Date as first promised (default: the planned date). Afterwards only a programme
    /// manager changes it, with a `changeReason`.
    pub baseline_date: Option<Date>,
    /// Expected date, when it differs from the plan.
    pub forecast_date: Option<Date>,
    /// Date actually reached (only for DONE or CANCELLED).
    pub actual_date: Option<Date>,
    /// Progress (default PLANNED).
    #[graphql(default_with = "WorkStatus::Planned")]
    pub status: WorkStatus,
    /// A manager's override of the computed health, with the reason (normally left out).
    pub health_override: Option<HealthOverrideInput>,
    /// A hard deadline, e.g. a parliamentary one. Left out with a `deadlineText` that names a
    /// recess ("voor het zomerreces 2026"), it is the last sitting day before that recess.
    pub deadline_date: Option<Date>,
    /// The deadline as promised, e.g. "voor het zomerreces 2026".
    pub deadline_text: Option<String>,
}

/// Changes to a milestone: fields left out stay as they are; null clears a nullable field.
#[derive(InputObject)]
pub struct UpdateMilestoneInput {
    /// The milestone.
    pub id: ID,
    /// The version the client last saw.
    pub version: i32,
    /// Why (one line, at most 500 characters: the "toelichting"), stored with the change
    /// records of this update and shown in reports that explain a moved date.
    pub change_reason: Option<String>,
    /// New title.
    pub title: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// New kind.
    pub kind: Option<MilestoneKind>,
    /// New layer; null makes it a joint milestone.
    pub layer: MaybeUndefined<GovernmentLayer>,
    /// The layers that take part in a joint milestone (replaces the set; an empty list names
    /// none). A programme manager's change, with a `changeReason`.
    pub participating_layers: Option<Vec<GovernmentLayer>>,
    /// New phase, or null.
    pub phase_id: MaybeUndefined<ID>,
    /// New workstream, or null.
    pub workstream_id: MaybeUndefined<ID>,
    /// New owner, or null.
    pub owner_organisation_id: MaybeUndefined<ID>,
    /// New planned date.
    pub planned_date: Option<Date>,
    /// New baseline date: the programme's (a programme manager or admin, with a
    /// `changeReason`).
    pub baseline_date: Option<Date>,
    /// New forecast, or null.
    pub forecast_date: MaybeUndefined<Date>,
    /// New actual date, or null.
    pub actual_date: MaybeUndefined<Date>,
    /// New status.
    pub status: Option<WorkStatus>,
    /// Override the computed health (with a reason); null removes the override.
    pub health_override: MaybeUndefined<HealthOverrideInput>,
    /// New deadline, or null: the programme's (a programme manager or admin, with a
    /// `changeReason`). A new `deadlineText` naming a recess without a new date resolves
    /// against the recess calendar.
    pub deadline_date: MaybeUndefined<Date>,
    /// New deadline text, or null.
    pub deadline_text: MaybeUndefined<String>,
}

/// A manager's override of the computed health.
#[derive(InputObject)]
pub struct HealthOverrideInput {
    /// The health that should count.
    pub health: Health,
    /// Why (one line, required): it is shown instead of the computed reasons. An override
    /// better than the computed health needs at least a sentence (5 words, 30 characters).
    pub reason: String,
    /// The last day an override better than the computed health counts (default: 30 days after
    /// the status date; at most 90). After it, the computed health counts again.
    pub until: Option<Date>,
}

#[derive(Default)]
pub struct MilestoneMutation;

/// The stored form of the taking-part layers.
fn participants(layers: &[GovernmentLayer]) -> String {
    let layers: Vec<entity::GovernmentLayer> = layers.iter().map(|&l| l.into()).collect();
    milestone::participants_text(&layers)
}

#[Object]
impl MilestoneMutation {
    /// Create a milestone.
    async fn create_milestone(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new milestone.")] input: CreateMilestoneInput,
    ) -> async_graphql::Result<CreateMilestonePayload> {
        let new = NewMilestone {
            programme_id: input_id::<entity::programme::Entity>(
                &input.programme_id,
                "programmeId",
            )?,
            phase_id: input_id_opt::<entity::phase::Entity>(input.phase_id.as_ref(), "phaseId")?,
            workstream_id: input_id_opt::<entity::workstream::Entity>(
                input.workstream_id.as_ref(),
                "workstreamId",
            )?,
            owner_organisation_id: input_id_opt::<entity::organisation::Entity>(
                input.owner_organisation_id.as_ref(),
                "ownerOrganisationId",
            )?,
            title: input.title,
            description: input.description,
            kind: input.kind.into(),
            layer: input.layer.map(Into::into),
            baseline_date: input.baseline_date.unwrap_or(input.planned_date).into(),
            planned_date: input.planned_date.into(),
            forecast_date: input.forecast_date.map(Into::into),
            actual_date: input.actual_date.map(Into::into),
            status: input.status.into(),
            health_override: input.health_override.as_ref().map(|o| o.health.into()),
            health_override_until: input
                .health_override
                .as_ref()
                .and_then(|o| o.until.map(Into::into)),
            health_override_reason: input.health_override.map(|o| o.reason),
            participating_layers: participants(&input.participating_layers),
            deadline: deadline(input.deadline_text, input.deadline_date, false),
        };
        Ok(CreateMilestonePayload(Milestone::one(
            create::<milestone::Entity>(ctx, new).await?,
        )))
    }

    /// Update a milestone (optimistic: send the version you last saw).
    async fn update_milestone(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The changes.")] input: UpdateMilestoneInput,
    ) -> async_graphql::Result<UpdateMilestonePayload> {
        let (id, version) = (input.id.clone(), input.version);
        // A new phrase: the service resolves it inside the transaction, or checks it against a
        // date sent with it (a phrase that names no recess is refused; an explicit null date
        // is no date).
        let fill = match (&input.deadline_text, &input.deadline_date) {
            (MaybeUndefined::Value(text), date) => {
                Some(
                    Box::new(deadline(Some(text.clone()), date.value().copied(), false))
                        as Box<dyn crud::Fill<milestone::Model>>,
                )
            }
            _ => None,
        };
        let (status, model) = update_filled::<milestone::Entity, _>(
            ctx,
            &id,
            version,
            input.change_reason.clone(),
            move |m| {
                set(&mut m.title, input.title);
                set(&mut m.description, input.description);
                set(&mut m.kind, input.kind);
                set_opt(&mut m.layer, input.layer);
                if let Some(layers) = &input.participating_layers {
                    m.participating_layers = participants(layers);
                }
                set_ref::<entity::phase::Entity>(&mut m.phase_id, input.phase_id, "phaseId")?;
                set_ref::<entity::workstream::Entity>(
                    &mut m.workstream_id,
                    input.workstream_id,
                    "workstreamId",
                )?;
                set_ref::<entity::organisation::Entity>(
                    &mut m.owner_organisation_id,
                    input.owner_organisation_id,
                    "ownerOrganisationId",
                )?;
                set(&mut m.planned_date, input.planned_date);
                set(&mut m.baseline_date, input.baseline_date);
                set_opt(&mut m.forecast_date, input.forecast_date);
                set_opt(&mut m.actual_date, input.actual_date);
                set(&mut m.status, input.status);
                match input.health_override {
                    MaybeUndefined::Undefined => {}
                    MaybeUndefined::Null => {
                        m.health_override = None;
                        m.health_override_reason = None;
                        m.health_override_until = None;
                    }
                    MaybeUndefined::Value(o) => {
                        m.health_override = Some(o.health.into());
                        m.health_override_reason = Some(o.reason);
                        m.health_override_until = o.until.map(Into::into);
                    }
                }
                set_opt(&mut m.deadline_date, input.deadline_date);
                set_opt(&mut m.deadline_text, input.deadline_text);
                Ok(())
            },
            fill,
        )
        .await?;
        Ok(UpdateMilestonePayload(status, Milestone::one(model)))
    }

    /// Delete a milestone (soft: it stays in the history and where it is cited).
    async fn delete_milestone(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The milestone and the version you last saw.")] input: DeleteInput,
    ) -> async_graphql::Result<DeleteMilestonePayload> {
        let (status, model) = delete::<milestone::Entity>(ctx, &input).await?;
        Ok(DeleteMilestonePayload(status, Milestone::one(model)))
    }
}
