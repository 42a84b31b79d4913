//! Bringing deleted objects back: `restoreX(input: { id, version })` for every entity that
//! can be deleted. Whoever may delete an object may restore it (a programme manager, or the
//! layer manager of its layer); its links and dependencies come back as they were, and the
//! history records a `RESTORE`. The rules of an update are checked again (`crud::restore_checked`).

use super::{input_id, status, status_payload};
use crate::error::ApiError;
use crate::graphql::batch::Batched;
use crate::graphql::context::ContextExt;
use crate::graphql::enums::MutationStatus;
use crate::graphql::types::{
    Commitment, DataInfraTask, DataQualityAssessment, DataSource, Kpi, KpiMeasurement, KpiTarget,
    Milestone, Organisation, Phase, Programme, ProgressReport, RecessPeriod, Risk, Workstream,
};
use crate::service::store::crud::{self, Rules};
use async_graphql::{Context, ID, InputObject, Object};

/// Which deleted object to bring back, and the version the client last saw (its version as
/// deleted).
#[derive(InputObject)]
pub struct RestoreInput {
    /// Global id of the deleted object.
    pub id: ID,
    /// The version the client last saw.
    pub version: i32,
}

status_payload!(
    Organisation,
    organisation,
    RestoreOrganisationPayload,
    "restoring"
);
status_payload!(Programme, programme, RestoreProgrammePayload, "restoring");
status_payload!(Phase, phase, RestorePhasePayload, "restoring");
status_payload!(
    Workstream,
    workstream,
    RestoreWorkstreamPayload,
    "restoring"
);
status_payload!(Milestone, milestone, RestoreMilestonePayload, "restoring");
status_payload!(Kpi, kpi, RestoreKpiPayload, "restoring");
status_payload!(KpiTarget, target, RestoreKpiTargetPayload, "restoring");
status_payload!(
    KpiMeasurement,
    measurement,
    RestoreKpiMeasurementPayload,
    "restoring"
);
status_payload!(
    DataSource,
    data_source,
    RestoreDataSourcePayload,
    "restoring"
);
status_payload!(
    DataQualityAssessment,
    assessment,
    RestoreDataQualityAssessmentPayload,
    "restoring"
);
status_payload!(
    DataInfraTask,
    task,
    RestoreDataInfraTaskPayload,
    "restoring"
);
status_payload!(
    RecessPeriod,
    recess_period,
    RestoreRecessPeriodPayload,
    "restoring"
);
status_payload!(
    Commitment,
    commitment,
    RestoreCommitmentPayload,
    "restoring"
);
status_payload!(
    ProgressReport,
    report,
    RestoreProgressReportPayload,
    "restoring"
);
status_payload!(Risk, risk, RestoreRiskPayload, "restoring");

/// Restore the deleted object in `input`, if its version is current.
async fn restore<E: Rules>(
    ctx: &Context<'_>,
    input: &RestoreInput,
) -> async_graphql::Result<(MutationStatus, E::Model)> {
    let row = input_id::<E>(&input.id, "id")?;
    let actor = ctx.writer()?;
    Ok(status(
        crud::restore_checked::<E>(ctx.db()?, &actor, row, input.version)
            .await
            .map_err(ApiError::in_input)?,
    ))
}

#[derive(Default)]
pub struct RestoreMutation;

#[Object]
impl RestoreMutation {
    /// Bring back a deleted Organisation with its links (optimistic: send the version you last saw).
    async fn restore_organisation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The deleted object and the version you last saw.")] input: RestoreInput,
    ) -> async_graphql::Result<RestoreOrganisationPayload> {
        let (status, model) = restore::<entity::organisation::Entity>(ctx, &input).await?;
        Ok(RestoreOrganisationPayload(status, Organisation::one(model)))
    }
    /// Bring back a deleted Programme with its links (optimistic: send the version you last saw).
    async fn restore_programme(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The deleted object and the version you last saw.")] input: RestoreInput,
    ) -> async_graphql::Result<RestoreProgrammePayload> {
        let (status, model) = restore::<entity::programme::Entity>(ctx, &input).await?;
        Ok(RestoreProgrammePayload(status, Programme::one(model)))
    }
    /// Bring back a deleted Phase with its links (optimistic: send the version you last saw).
    async fn restore_phase(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The deleted object and the version you last saw.")] input: RestoreInput,
    ) -> async_graphql::Result<RestorePhasePayload> {
        let (status, model) = restore::<entity::phase::Entity>(ctx, &input).await?;
        Ok(RestorePhasePayload(status, Phase::one(model)))
    }
    /// Bring back a deleted Workstream with its links (optimistic: send the version you last saw).
    async fn restore_workstream(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The deleted object and the version you last saw.")] input: RestoreInput,
    ) -> async_graphql::Result<RestoreWorkstreamPayload> {
        let (status, model) = restore::<entity::workstream::Entity>(ctx, &input).await?;
        Ok(RestoreWorkstreamPayload(status, Workstream::one(model)))
    }
    /// Bring back a deleted Milestone with its links (optimistic: send the version you last saw).
    async fn restore_milestone(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The deleted object and the version you last saw.")] input: RestoreInput,
    ) -> async_graphql::Result<RestoreMilestonePayload> {
        let (status, model) = restore::<entity::milestone::Entity>(ctx, &input).await?;
        Ok(RestoreMilestonePayload(status, Milestone::one(model)))
    }
    /// Bring back a deleted Kpi with its links (optimistic: send the version you last saw).
    async fn restore_kpi(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The deleted object and the version you last saw.")] input: RestoreInput,
    ) -> async_graphql::Result<RestoreKpiPayload> {
        let (status, model) = restore::<entity::kpi::Entity>(ctx, &input).await?;
        Ok(RestoreKpiPayload(status, Kpi::one(model)))
    }
    /// Bring back a deleted KpiTarget with its links (optimistic: send the version you last saw).
    async fn restore_kpi_target(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The deleted object and the version you last saw.")] input: RestoreInput,
    ) -> async_graphql::Result<RestoreKpiTargetPayload> {
        let (status, model) = restore::<entity::kpi_target::Entity>(ctx, &input).await?;
        Ok(RestoreKpiTargetPayload(status, KpiTarget::one(model)))
    }
    /// Bring back a deleted KpiMeasurement with its links (optimistic: send the version you last saw).
    async fn restore_measurement(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The deleted object and the version you last saw.")] input: RestoreInput,
    ) -> async_graphql::Result<RestoreKpiMeasurementPayload> {
        let (status, model) = restore::<entity::kpi_measurement::Entity>(ctx, &input).await?;
        Ok(RestoreKpiMeasurementPayload(
            status,
            KpiMeasurement::one(model),
        ))
    }
    /// Bring back a deleted DataSource with its links (optimistic: send the version you last saw).
    async fn restore_data_source(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The deleted object and the version you last saw.")] input: RestoreInput,
    ) -> async_graphql::Result<RestoreDataSourcePayload> {
        let (status, model) = restore::<entity::data_source::Entity>(ctx, &input).await?;
        Ok(RestoreDataSourcePayload(status, DataSource::one(model)))
    }
    /// Bring back a deleted DataQualityAssessment with its links (optimistic: send the version you last saw).
    async fn restore_data_quality_assessment(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The deleted object and the version you last saw.")] input: RestoreInput,
    ) -> async_graphql::Result<RestoreDataQualityAssessmentPayload> {
        let (status, model) =
            restore::<entity::data_quality_assessment::Entity>(ctx, &input).await?;
        Ok(RestoreDataQualityAssessmentPayload(
            status,
            DataQualityAssessment::one(model),
        ))
    }
    /// Bring back a deleted DataInfraTask with its links (optimistic: send the version you last saw).
    async fn restore_data_infra_task(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The deleted object and the version you last saw.")] input: RestoreInput,
    ) -> async_graphql::Result<RestoreDataInfraTaskPayload> {
        let (status, model) = restore::<entity::data_infra_task::Entity>(ctx, &input).await?;
        Ok(RestoreDataInfraTaskPayload(
            status,
            DataInfraTask::one(model),
        ))
    }
    /// Bring back a deleted RecessPeriod with its links (optimistic: send the version you last saw).
    async fn restore_recess_period(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The deleted object and the version you last saw.")] input: RestoreInput,
    ) -> async_graphql::Result<RestoreRecessPeriodPayload> {
        let (status, model) = restore::<entity::recess_period::Entity>(ctx, &input).await?;
        Ok(RestoreRecessPeriodPayload(status, RecessPeriod::one(model)))
    }
    /// Bring back a deleted Commitment with its links (optimistic: send the version you last saw).
    async fn restore_commitment(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The deleted object and the version you last saw.")] input: RestoreInput,
    ) -> async_graphql::Result<RestoreCommitmentPayload> {
        let (status, model) = restore::<entity::commitment::Entity>(ctx, &input).await?;
        Ok(RestoreCommitmentPayload(status, Commitment::one(model)))
    }
    /// Bring back a deleted ProgressReport with its links (optimistic: send the version you last saw).
    async fn restore_progress_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The deleted object and the version you last saw.")] input: RestoreInput,
    ) -> async_graphql::Result<RestoreProgressReportPayload> {
        let (status, model) = restore::<entity::progress_report::Entity>(ctx, &input).await?;
        Ok(RestoreProgressReportPayload(
            status,
            ProgressReport::one(model),
        ))
    }
    /// Bring back a deleted Risk with its links (optimistic: send the version you last saw).
    async fn restore_risk(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The deleted object and the version you last saw.")] input: RestoreInput,
    ) -> async_graphql::Result<RestoreRiskPayload> {
        let (status, model) = restore::<entity::risk::Entity>(ctx, &input).await?;
        Ok(RestoreRiskPayload(status, Risk::one(model)))
    }
}
