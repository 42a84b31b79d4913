//! `node(id:)`: any object by its global id.

use crate::graphql::batch::Batched;
use crate::graphql::context::ContextExt;
use crate::graphql::ids;
use crate::graphql::loaders;
use crate::graphql::types::*;
use async_graphql::{Context, ID, Interface, Object};

/// An object with a global id.
#[derive(Interface)]
#[graphql(field(
    name = "id",
    ty = "ID",
    method = "global_id",
    desc = "Global id of the object."
))]
pub enum Node {
    /// A programme.
    Programme(Programme),
    /// A phase.
    Phase(Phase),
    /// A workstream.
    Workstream(Workstream),
    /// An organisation.
    Organisation(Organisation),
    /// A milestone.
    Milestone(Milestone),
    /// A KPI.
    Kpi(Kpi),
    /// A KPI target.
    KpiTarget(KpiTarget),
    /// A KPI measurement.
    KpiMeasurement(KpiMeasurement),
    /// A data source.
    DataSource(DataSource),
    /// A quality assessment.
    DataQualityAssessment(DataQualityAssessment),
    /// A data-infrastructure task.
    DataInfraTask(DataInfraTask),
    /// A recess period.
    RecessPeriod(RecessPeriod),
    /// A commitment.
    Commitment(Commitment),
    /// A letter that fulfils or postpones a commitment.
    CommitmentLetter(CommitmentLetter),
    /// A progress report.
    ProgressReport(ProgressReport),
    /// A risk.
    Risk(Risk),
}

#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// Any object by its global id (null when it does not exist).
    async fn node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A global id.")] id: ID,
    ) -> async_graphql::Result<Option<Node>> {
        let Some((kind, row)) = ids::decode_any(&id) else {
            return Err(crate::error::ApiError::invalid(
                "",
                format!("\"{}\" is not a valid id", id.as_str()),
            )
            .into());
        };
        load(ctx, &kind, row).await
    }
}

/// The object of GraphQL type `kind` with row id `row` (deleted ones included, as they are
/// cited; a report only for those who may see it); None for an unknown type or row.
pub(crate) async fn load(
    ctx: &Context<'_>,
    kind: &str,
    row: i32,
) -> async_graphql::Result<Option<Node>> {
    macro_rules! load {
        ($module:ident, $ty:ident) => {
            loaders::one::<entity::$module::Entity>(ctx, row)
                .await?
                .map(|m| Node::$ty($ty::one(m)))
        };
    }
    Ok(match kind {
        "Programme" => load!(programme, Programme),
        "Phase" => load!(phase, Phase),
        "Workstream" => load!(workstream, Workstream),
        "Organisation" => load!(organisation, Organisation),
        "Milestone" => load!(milestone, Milestone),
        "Kpi" => load!(kpi, Kpi),
        "KpiTarget" => load!(kpi_target, KpiTarget),
        "KpiMeasurement" => load!(kpi_measurement, KpiMeasurement),
        "DataSource" => load!(data_source, DataSource),
        "DataQualityAssessment" => load!(data_quality_assessment, DataQualityAssessment),
        "DataInfraTask" => load!(data_infra_task, DataInfraTask),
        "RecessPeriod" => load!(recess_period, RecessPeriod),
        "Commitment" => load!(commitment, Commitment),
        "CommitmentLetter" => load!(commitment_letter, CommitmentLetter),
        "Risk" => load!(risk, Risk),
        "ProgressReport" => loaders::one::<entity::progress_report::Entity>(ctx, row)
            .await?
            .filter(|m| crate::service::reports::workflow::visible(m, ctx.caller().role))
            .map(|m| Node::ProgressReport(ProgressReport::one(m))),
        _ => None,
    })
}
