//! Mutations of data sources, quality assessments and data-infrastructure tasks.

use super::{
    DeleteInput, create, delete, input_id, input_id_opt, payloads, set, set_opt, set_ref, update,
};
use crate::graphql::batch::Batched;
use crate::graphql::enums::{
    DataAccess, Frequency, GovernmentLayer, QualityDimension, TaskKind, WorkStatus,
};
use crate::graphql::scalars::Date;
use crate::graphql::types::{DataInfraTask, DataQualityAssessment, DataSource};
use crate::service::data::{
    sources::{NewAssessment, NewDataSource},
    tasks::NewTask,
};
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object};
use entity::{data_infra_task, data_quality_assessment, data_source};

payloads!(
    DataSource,
    data_source,
    CreateDataSourcePayload,
    UpdateDataSourcePayload,
    DeleteDataSourcePayload
);
payloads!(
    DataQualityAssessment,
    assessment,
    CreateDataQualityAssessmentPayload,
    UpdateDataQualityAssessmentPayload,
    DeleteDataQualityAssessmentPayload
);
payloads!(
    DataInfraTask,
    task,
    CreateDataInfraTaskPayload,
    UpdateDataInfraTaskPayload,
    DeleteDataInfraTaskPayload
);

/// A new data source.
#[derive(InputObject)]
pub struct CreateDataSourceInput {
    /// Name (1-200 characters).
    pub name: String,
    /// What it holds and how it is published.
    #[graphql(default)]
    pub description: String,
    /// The organisation that owns it.
    pub owner_organisation_id: Option<ID>,
    /// How often it is updated.
    pub update_frequency: Frequency,
    /// Who may access it.
    pub access: DataAccess,
    /// Licence, e.g. "CC0".
    pub licence: Option<String>,
    /// Where it is published.
    pub url: Option<String>,
}

/// Changes to a data source.
#[derive(InputObject)]
pub struct UpdateDataSourceInput {
    /// The data source.
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
    /// New owner, or null.
    pub owner_organisation_id: MaybeUndefined<ID>,
    /// New update frequency.
    pub update_frequency: Option<Frequency>,
    /// New access.
    pub access: Option<DataAccess>,
    /// New licence, or null.
    pub licence: MaybeUndefined<String>,
    /// New address, or null.
    pub url: MaybeUndefined<String>,
}

/// A new quality assessment of a data source.
#[derive(InputObject)]
pub struct CreateDataQualityAssessmentInput {
    /// The data source.
    pub data_source_id: ID,
    /// The dimension assessed.
    pub dimension: QualityDimension,
    /// Score from 1 (poor) to 5 (excellent).
    pub score: i32,
    /// When it was assessed.
    pub assessed_on: Date,
    /// What was found.
    pub finding: String,
}

/// Changes to a quality assessment.
#[derive(InputObject)]
pub struct UpdateDataQualityAssessmentInput {
    /// The assessment.
    pub id: ID,
    /// The version the client last saw.
    pub version: i32,
    /// Why (one line, at most 500 characters: the "toelichting"), stored with the change
    /// records of this update and shown in reports that explain a moved date.
    pub change_reason: Option<String>,
    /// New dimension.
    pub dimension: Option<QualityDimension>,
    /// New score (1-5).
    pub score: Option<i32>,
    /// New date.
    pub assessed_on: Option<Date>,
    /// New finding.
    pub finding: Option<String>,
}

/// A new data-infrastructure task.
#[derive(InputObject)]
pub struct CreateDataInfraTaskInput {
    /// The programme.
    pub programme_id: ID,
    /// Title (1-200 characters).
    pub title: String,
    /// What must be done.
    #[graphql(default)]
    pub description: String,
    /// Kind of task.
    pub kind: TaskKind,
    /// The layer responsible; leave out for a joint task.
    pub layer: Option<GovernmentLayer>,
    /// The organisation that owns it.
    pub owner_organisation_id: Option<ID>,
    /// Due date.
    pub due_date: Date,
    /// Completion date (only for DONE or CANCELLED).
    pub completed_on: Option<Date>,
    /// Progress (default PLANNED).
    #[graphql(default_with = "WorkStatus::Planned")]
    pub status: WorkStatus,
    /// The data source it improves.
    pub data_source_id: Option<ID>,
}

/// Changes to a task.
#[derive(InputObject)]
pub struct UpdateDataInfraTaskInput {
    /// The task.
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
    pub kind: Option<TaskKind>,
    /// New layer, or null for joint.
    pub layer: MaybeUndefined<GovernmentLayer>,
    /// New owner, or null.
    pub owner_organisation_id: MaybeUndefined<ID>,
    /// New due date.
    pub due_date: Option<Date>,
    /// New completion date, or null.
    pub completed_on: MaybeUndefined<Date>,
    /// New status.
    pub status: Option<WorkStatus>,
    /// New data source, or null.
    pub data_source_id: MaybeUndefined<ID>,
}

#[derive(Default)]
pub struct DataMutation;

#[Object]
impl DataMutation {
    /// Create a data source.
    async fn create_data_source(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new data source.")] input: CreateDataSourceInput,
    ) -> async_graphql::Result<CreateDataSourcePayload> {
        let new = NewDataSource {
            name: input.name,
            description: input.description,
            owner_organisation_id: input_id_opt::<entity::organisation::Entity>(
                input.owner_organisation_id.as_ref(),
                "ownerOrganisationId",
            )?,
            update_frequency: input.update_frequency.into(),
            access: input.access.into(),
            licence: input.licence,
            url: input.url,
        };
        Ok(CreateDataSourcePayload(DataSource::one(
            create::<data_source::Entity>(ctx, new).await?,
        )))
    }

    /// Update a data source.
    async fn update_data_source(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The changes.")] input: UpdateDataSourceInput,
    ) -> async_graphql::Result<UpdateDataSourcePayload> {
        let (id, version) = (input.id.clone(), input.version);
        let (status, model) = update::<data_source::Entity, _>(
            ctx,
            &id,
            version,
            input.change_reason.clone(),
            move |m| {
                set(&mut m.name, input.name);
                set(&mut m.description, input.description);
                set_ref::<entity::organisation::Entity>(
                    &mut m.owner_organisation_id,
                    input.owner_organisation_id,
                    "ownerOrganisationId",
                )?;
                set(&mut m.update_frequency, input.update_frequency);
                set(&mut m.access, input.access);
                set_opt(&mut m.licence, input.licence);
                set_opt(&mut m.url, input.url);
                Ok(())
            },
        )
        .await?;
        Ok(UpdateDataSourcePayload(status, DataSource::one(model)))
    }

    /// Delete a data source (soft).
    async fn delete_data_source(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The data source and the version you last saw.")] input: DeleteInput,
    ) -> async_graphql::Result<DeleteDataSourcePayload> {
        let (status, model) = delete::<data_source::Entity>(ctx, &input).await?;
        Ok(DeleteDataSourcePayload(status, DataSource::one(model)))
    }

    /// Record a quality assessment of a data source.
    async fn create_data_quality_assessment(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new assessment.")] input: CreateDataQualityAssessmentInput,
    ) -> async_graphql::Result<CreateDataQualityAssessmentPayload> {
        let new = NewAssessment {
            data_source_id: input_id::<entity::data_source::Entity>(
                &input.data_source_id,
                "dataSourceId",
            )?,
            dimension: input.dimension.into(),
            score: input.score,
            assessed_on: input.assessed_on.into(),
            finding: input.finding,
        };
        let saved = create::<data_quality_assessment::Entity>(ctx, new).await?;
        Ok(CreateDataQualityAssessmentPayload(
            DataQualityAssessment::one(saved),
        ))
    }

    /// Update a quality assessment.
    async fn update_data_quality_assessment(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The changes.")] input: UpdateDataQualityAssessmentInput,
    ) -> async_graphql::Result<UpdateDataQualityAssessmentPayload> {
        let (id, version) = (input.id.clone(), input.version);
        let (status, model) = update::<data_quality_assessment::Entity, _>(
            ctx,
            &id,
            version,
            input.change_reason.clone(),
            move |m| {
                set(&mut m.dimension, input.dimension);
                set(&mut m.score, input.score);
                set(&mut m.assessed_on, input.assessed_on);
                set(&mut m.finding, input.finding);
                Ok(())
            },
        )
        .await?;
        Ok(UpdateDataQualityAssessmentPayload(
            status,
            DataQualityAssessment::one(model),
        ))
    }

    /// Delete a quality assessment (soft).
    async fn delete_data_quality_assessment(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The assessment and the version you last saw.")] input: DeleteInput,
    ) -> async_graphql::Result<DeleteDataQualityAssessmentPayload> {
        let (status, model) = delete::<data_quality_assessment::Entity>(ctx, &input).await?;
        Ok(DeleteDataQualityAssessmentPayload(
            status,
            DataQualityAssessment::one(model),
        ))
    }

    /// Create a data-infrastructure task.
    async fn create_data_infra_task(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new task.")] input: CreateDataInfraTaskInput,
    ) -> async_graphql::Result<CreateDataInfraTaskPayload> {
        let new = NewTask {
            programme_id: input_id::<entity::programme::Entity>(
                &input.programme_id,
                "programmeId",
            )?,
            title: input.title,
            description: input.description,
            kind: input.kind.into(),
            layer: input.layer.map(Into::into),
            owner_organisation_id: input_id_opt::<entity::organisation::Entity>(
                input.owner_organisation_id.as_ref(),
                "ownerOrganisationId",
            )?,
            due_date: input.due_date.into(),
            completed_on: input.completed_on.map(Into::into),
            status: input.status.into(),
            data_source_id: input_id_opt::<entity::data_source::Entity>(
                input.data_source_id.as_ref(),
                "dataSourceId",
            )?,
        };
        Ok(CreateDataInfraTaskPayload(DataInfraTask::one(
            create::<data_infra_task::Entity>(ctx, new).await?,
        )))
    }

    /// Update a task.
    async fn update_data_infra_task(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The changes.")] input: UpdateDataInfraTaskInput,
    ) -> async_graphql::Result<UpdateDataInfraTaskPayload> {
        let (id, version) = (input.id.clone(), input.version);
        let (status, model) = update::<data_infra_task::Entity, _>(
            ctx,
            &id,
            version,
            input.change_reason.clone(),
            move |m| {
                set(&mut m.title, input.title);
                set(&mut m.description, input.description);
                set(&mut m.kind, input.kind);
                set_opt(&mut m.layer, input.layer);
                set_ref::<entity::organisation::Entity>(
                    &mut m.owner_organisation_id,
                    input.owner_organisation_id,
                    "ownerOrganisationId",
                )?;
                set(&mut m.due_date, input.due_date);
                set_opt(&mut m.completed_on, input.completed_on);
                set(&mut m.status, input.status);
                set_ref::<entity::data_source::Entity>(
                    &mut m.data_source_id,
                    input.data_source_id,
                    "dataSourceId",
                )?;
                Ok(())
            },
        )
        .await?;
        Ok(UpdateDataInfraTaskPayload(
            status,
            DataInfraTask::one(model),
        ))
    }

    /// Delete a task (soft).
    async fn delete_data_infra_task(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The task and the version you last saw.")] input: DeleteInput,
    ) -> async_graphql::Result<DeleteDataInfraTaskPayload> {
        let (status, model) = delete::<data_infra_task::Entity>(ctx, &input).await?;
        Ok(DeleteDataInfraTaskPayload(
            status,
            DataInfraTask::one(model),
        ))
    }
}
