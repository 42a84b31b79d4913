//! Mutations of organisations, programmes, phases and workstreams.

use super::{
    DeleteInput, create, delete, input_id, input_id_opt, payloads, set, set_opt, set_ref, update,
};
use crate::graphql::batch::Batched;
use crate::graphql::enums::{GovernmentLayer, WorkStatus};
use crate::graphql::scalars::Date;
use crate::graphql::types::{Organisation, Phase, Programme, Workstream};
use crate::service::plan::frame::{NewOrganisation, NewPhase, NewProgramme, NewWorkstream};
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object};
use entity::{organisation, phase, programme, workstream};

payloads!(
    Organisation,
    organisation,
    CreateOrganisationPayload,
    UpdateOrganisationPayload,
    DeleteOrganisationPayload
);
payloads!(
    Programme,
    programme,
    CreateProgrammePayload,
    UpdateProgrammePayload,
    DeleteProgrammePayload
);
payloads!(
    Phase,
    phase,
    CreatePhasePayload,
    UpdatePhasePayload,
    DeletePhasePayload
);
payloads!(
    Workstream,
    workstream,
    CreateWorkstreamPayload,
    UpdateWorkstreamPayload,
    DeleteWorkstreamPayload
);

/// A new organisation.
#[derive(InputObject)]
pub struct CreateOrganisationInput {
    /// Full name (1-200 characters).
    pub name: String,
    /// Short name, e.g. "BZK".
    pub abbreviation: Option<String>,
    /// Its government layer.
    pub layer: Option<GovernmentLayer>,
    /// Whether it is the umbrella body of its layer.
    #[graphql(default)]
    pub is_umbrella_body: bool,
    /// Identifier in the TOOI registers.
    pub tooi_id: Option<String>,
}

/// Changes to an organisation.
#[derive(InputObject)]
pub struct UpdateOrganisationInput {
    /// The organisation.
    pub id: ID,
    /// The version the client last saw.
    pub version: i32,
    /// Why (one line, at most 500 characters: the "toelichting"), stored with the change
    /// records of this update and shown in reports that explain a moved date.
    pub change_reason: Option<String>,
    /// New name.
    pub name: Option<String>,
    /// New short name, or null.
    pub abbreviation: MaybeUndefined<String>,
    /// New layer, or null.
    pub layer: MaybeUndefined<GovernmentLayer>,
    /// New umbrella-body flag.
    pub is_umbrella_body: Option<bool>,
    /// New TOOI id, or null.
    pub tooi_id: MaybeUndefined<String>,
}

/// A new programme.
#[derive(InputObject)]
pub struct CreateProgrammeInput {
    /// Name (1-200 characters).
    pub name: String,
    /// What the programme is for.
    pub goal: String,
    /// The organisation that leads it.
    pub lead_organisation_id: Option<ID>,
}

/// Changes to a programme.
#[derive(InputObject)]
pub struct UpdateProgrammeInput {
    /// The programme.
    pub id: ID,
    /// The version the client last saw.
    pub version: i32,
    /// Why (one line, at most 500 characters: the "toelichting"), stored with the change
    /// records of this update and shown in reports that explain a moved date.
    pub change_reason: Option<String>,
    /// New name.
    pub name: Option<String>,
    /// New goal.
    pub goal: Option<String>,
    /// New lead organisation, or null.
    pub lead_organisation_id: MaybeUndefined<ID>,
}

/// A new phase.
#[derive(InputObject)]
pub struct CreatePhaseInput {
    /// The programme.
    pub programme_id: ID,
    /// Phase number (1-99).
    pub number: i32,
    /// Name.
    pub name: String,
    /// What the phase delivers.
    #[graphql(default)]
    pub description: String,
    /// Planned start.
    pub planned_start: Date,
    /// Planned end (not before the start).
    pub planned_end: Date,
    /// Start as first promised (default: planned start).
    pub baseline_start: Option<Date>,
    /// End as first promised (default: planned end).
    pub baseline_end: Option<Date>,
    /// Expected start.
    pub forecast_start: Option<Date>,
    /// Expected end.
    pub forecast_end: Option<Date>,
    /// Actual start.
    pub actual_start: Option<Date>,
    /// Actual end (required when DONE).
    pub actual_end: Option<Date>,
    /// Progress (default PLANNED).
    #[graphql(default_with = "WorkStatus::Planned")]
    pub status: WorkStatus,
}

/// Changes to a phase.
#[derive(InputObject)]
pub struct UpdatePhaseInput {
    /// The phase.
    pub id: ID,
    /// The version the client last saw.
    pub version: i32,
    /// Why (one line, at most 500 characters: the "toelichting"), stored with the change
    /// records of this update and shown in reports that explain a moved date.
    pub change_reason: Option<String>,
    /// New number.
    pub number: Option<i32>,
    /// New name.
    pub name: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// New baseline start.
    pub baseline_start: Option<Date>,
    /// New baseline end.
    pub baseline_end: Option<Date>,
    /// New planned start.
    pub planned_start: Option<Date>,
    /// New planned end.
    pub planned_end: Option<Date>,
    /// New forecast start, or null.
    pub forecast_start: MaybeUndefined<Date>,
    /// New forecast end, or null.
    pub forecast_end: MaybeUndefined<Date>,
    /// New actual start, or null.
    pub actual_start: MaybeUndefined<Date>,
    /// New actual end, or null.
    pub actual_end: MaybeUndefined<Date>,
    /// New status.
    pub status: Option<WorkStatus>,
}

/// A new workstream.
#[derive(InputObject)]
pub struct CreateWorkstreamInput {
    /// The programme.
    pub programme_id: ID,
    /// Name.
    pub name: String,
    /// What it covers.
    #[graphql(default)]
    pub description: String,
    /// The organisation that leads it.
    pub lead_organisation_id: Option<ID>,
}

/// Changes to a workstream.
#[derive(InputObject)]
pub struct UpdateWorkstreamInput {
    /// The workstream.
    pub id: ID,
    /// The version the client last saw.
    pub version: i32,
    /// Why (one line, at most 500 characters: the "toelichting"), stored with the change
    /// records of this update and shown in reports that explain a moved date.
    pub change_reason: Option<String>,
    /// New name.
    pub name: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// New lead organisation, or null.
    pub lead_organisation_id: MaybeUndefined<ID>,
}

#[derive(Default)]
pub struct PlanMutation;

#[Object]
impl PlanMutation {
    /// Create an organisation.
    async fn create_organisation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new organisation.")] input: CreateOrganisationInput,
    ) -> async_graphql::Result<CreateOrganisationPayload> {
        let new = NewOrganisation {
            name: input.name,
            abbreviation: input.abbreviation,
            layer: input.layer.map(Into::into),
            is_umbrella_body: input.is_umbrella_body,
            tooi_id: input.tooi_id,
        };
        Ok(CreateOrganisationPayload(Organisation::one(
            create::<organisation::Entity>(ctx, new).await?,
        )))
    }

    /// Update an organisation.
    async fn update_organisation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The changes.")] input: UpdateOrganisationInput,
    ) -> async_graphql::Result<UpdateOrganisationPayload> {
        let (id, version) = (input.id.clone(), input.version);
        let (status, model) = update::<organisation::Entity, _>(
            ctx,
            &id,
            version,
            input.change_reason.clone(),
            move |m| {
                set(&mut m.name, input.name);
                set_opt(&mut m.abbreviation, input.abbreviation);
                set_opt(&mut m.layer, input.layer);
                set(&mut m.is_umbrella_body, input.is_umbrella_body);
                set_opt(&mut m.tooi_id, input.tooi_id);
                Ok(())
            },
        )
        .await?;
        Ok(UpdateOrganisationPayload(status, Organisation::one(model)))
    }

    /// Delete an organisation (soft).
    async fn delete_organisation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The organisation and the version you last saw.")] input: DeleteInput,
    ) -> async_graphql::Result<DeleteOrganisationPayload> {
        let (status, model) = delete::<organisation::Entity>(ctx, &input).await?;
        Ok(DeleteOrganisationPayload(status, Organisation::one(model)))
    }

    /// Create a programme.
    async fn create_programme(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new programme.")] input: CreateProgrammeInput,
    ) -> async_graphql::Result<CreateProgrammePayload> {
        let new = NewProgramme {
            name: input.name,
            goal: input.goal,
            lead_organisation_id: input_id_opt::<entity::organisation::Entity>(
                input.lead_organisation_id.as_ref(),
                "leadOrganisationId",
            )?,
        };
        Ok(CreateProgrammePayload(Programme::one(
            create::<programme::Entity>(ctx, new).await?,
        )))
    }

    /// Update a programme.
    async fn update_programme(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The changes.")] input: UpdateProgrammeInput,
    ) -> async_graphql::Result<UpdateProgrammePayload> {
        let (id, version) = (input.id.clone(), input.version);
        let (status, model) = update::<programme::Entity, _>(
            ctx,
            &id,
            version,
            input.change_reason.clone(),
            move |m| {
                set(&mut m.name, input.name);
                set(&mut m.goal, input.goal);
                set_ref::<entity::organisation::Entity>(
                    &mut m.lead_organisation_id,
                    input.lead_organisation_id,
                    "leadOrganisationId",
                )
            },
        )
        .await?;
        Ok(UpdateProgrammePayload(status, Programme::one(model)))
    }

    /// Delete a programme (soft).
    async fn delete_programme(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The programme and the version you last saw.")] input: DeleteInput,
    ) -> async_graphql::Result<DeleteProgrammePayload> {
        let (status, model) = delete::<programme::Entity>(ctx, &input).await?;
        Ok(DeleteProgrammePayload(status, Programme::one(model)))
    }

    /// Create a phase.
    async fn create_phase(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new phase.")] input: CreatePhaseInput,
    ) -> async_graphql::Result<CreatePhasePayload> {
        let new = NewPhase {
            programme_id: input_id::<entity::programme::Entity>(
                &input.programme_id,
                "programmeId",
            )?,
            number: input.number,
            name: input.name,
            description: input.description,
            baseline_start: input.baseline_start.unwrap_or(input.planned_start).into(),
            baseline_end: input.baseline_end.unwrap_or(input.planned_end).into(),
            planned_start: input.planned_start.into(),
            planned_end: input.planned_end.into(),
            forecast_start: input.forecast_start.map(Into::into),
            forecast_end: input.forecast_end.map(Into::into),
            actual_start: input.actual_start.map(Into::into),
            actual_end: input.actual_end.map(Into::into),
            status: input.status.into(),
        };
        Ok(CreatePhasePayload(Phase::one(
            create::<phase::Entity>(ctx, new).await?,
        )))
    }

    /// Update a phase.
    async fn update_phase(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The changes.")] input: UpdatePhaseInput,
    ) -> async_graphql::Result<UpdatePhasePayload> {
        let (id, version) = (input.id.clone(), input.version);
        let (status, model) =
            update::<phase::Entity, _>(ctx, &id, version, input.change_reason.clone(), move |m| {
                set(&mut m.number, input.number);
                set(&mut m.name, input.name);
                set(&mut m.description, input.description);
                set(&mut m.baseline_start, input.baseline_start);
                set(&mut m.baseline_end, input.baseline_end);
                set(&mut m.planned_start, input.planned_start);
                set(&mut m.planned_end, input.planned_end);
                set_opt(&mut m.forecast_start, input.forecast_start);
                set_opt(&mut m.forecast_end, input.forecast_end);
                set_opt(&mut m.actual_start, input.actual_start);
                set_opt(&mut m.actual_end, input.actual_end);
                set(&mut m.status, input.status);
                Ok(())
            })
            .await?;
        Ok(UpdatePhasePayload(status, Phase::one(model)))
    }

    /// Delete a phase (soft).
    async fn delete_phase(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The phase and the version you last saw.")] input: DeleteInput,
    ) -> async_graphql::Result<DeletePhasePayload> {
        let (status, model) = delete::<phase::Entity>(ctx, &input).await?;
        Ok(DeletePhasePayload(status, Phase::one(model)))
    }

    /// Create a workstream.
    async fn create_workstream(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new workstream.")] input: CreateWorkstreamInput,
    ) -> async_graphql::Result<CreateWorkstreamPayload> {
        let new = NewWorkstream {
            programme_id: input_id::<entity::programme::Entity>(
                &input.programme_id,
                "programmeId",
            )?,
            name: input.name,
            description: input.description,
            lead_organisation_id: input_id_opt::<entity::organisation::Entity>(
                input.lead_organisation_id.as_ref(),
                "leadOrganisationId",
            )?,
        };
        Ok(CreateWorkstreamPayload(Workstream::one(
            create::<workstream::Entity>(ctx, new).await?,
        )))
    }

    /// Update a workstream.
    async fn update_workstream(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The changes.")] input: UpdateWorkstreamInput,
    ) -> async_graphql::Result<UpdateWorkstreamPayload> {
        let (id, version) = (input.id.clone(), input.version);
        let (status, model) = update::<workstream::Entity, _>(
            ctx,
            &id,
            version,
            input.change_reason.clone(),
            move |m| {
                set(&mut m.name, input.name);
                set(&mut m.description, input.description);
                set_ref::<entity::organisation::Entity>(
                    &mut m.lead_organisation_id,
                    input.lead_organisation_id,
                    "leadOrganisationId",
                )
            },
        )
        .await?;
        Ok(UpdateWorkstreamPayload(status, Workstream::one(model)))
    }

    /// Delete a workstream (soft).
    async fn delete_workstream(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The workstream and the version you last saw.")] input: DeleteInput,
    ) -> async_graphql::Result<DeleteWorkstreamPayload> {
        let (status, model) = delete::<workstream::Entity>(ctx, &input).await?;
        Ok(DeleteWorkstreamPayload(status, Workstream::one(model)))
    }
}
