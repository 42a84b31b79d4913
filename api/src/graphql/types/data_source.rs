//! `DataSource`: a source of monitoring data with its quality assessments.

use super::{DataInfraTask, DataQualityAssessment, Kpi, Organisation, PlanFields, PlanObject};
use crate::graphql::enums::{DataAccess, Frequency};
use async_graphql::{Context, Object};
use entity::data_source::Model;

/// A data source, e.g. TenderNed or the MVI self-evaluation tool.
#[derive(Clone)]
pub struct DataSource(
    pub std::sync::Arc<Model>,
    pub std::sync::Arc<crate::graphql::batch::Siblings<Model>>,
);

super::batched!(DataSource);

/// A data source, e.g. TenderNed or the MVI self-evaluation tool.
#[Object]
impl DataSource {
    #[graphql(flatten)]
    async fn plan_fields(&self) -> PlanFields<'_, Self> {
        PlanFields(self)
    }

    /// Name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// What it holds and how it is published.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// How often it is updated.
    async fn update_frequency(&self) -> Frequency {
        self.0.update_frequency.into()
    }
    /// Who may access it.
    async fn access(&self) -> DataAccess {
        self.0.access.into()
    }
    /// Licence, e.g. "CC0".
    async fn licence(&self) -> Option<&str> {
        self.0.licence.as_deref()
    }
    /// Where it is published.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }
    /// The organisation that owns it.
    async fn owner(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organisation>> {
        self.1
            .to_one::<entity::organisation::Entity, Organisation>(
                ctx,
                "owner_organisation_id",
                |m| m.owner_organisation_id,
                self.0.owner_organisation_id,
            )
            .await
    }
    /// Quality assessments, newest first.
    async fn assessments(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<DataQualityAssessment>> {
        let mut rows: Vec<DataQualityAssessment> = self
            .1
            .children::<entity::data_quality_assessment::Entity, _>(
                ctx,
                "data_source_id",
                |m| m.id,
                self.0.id,
            )
            .await?;
        // Newest first: by the day assessed, then the latest recorded (as the report takes
        // the latest of a day).
        rows.sort_by(|a, b| {
            b.0.assessed_on
                .cmp(&a.0.assessed_on)
                .then(b.0.id.cmp(&a.0.id))
        });
        Ok(rows)
    }
    /// KPIs computed from this source.
    async fn kpis(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Kpi>> {
        self.1
            .linked::<entity::kpi_data_source::Entity, entity::kpi::Entity, Kpi>(
                ctx,
                ("data_source_id", "kpi_id"),
                |m| m.id,
                self.0.id,
            )
            .await
    }
    /// Tasks that improve this source.
    async fn tasks(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<DataInfraTask>> {
        self.1
            .children::<entity::data_infra_task::Entity, DataInfraTask>(
                ctx,
                "data_source_id",
                |m| m.id,
                self.0.id,
            )
            .await
    }
}

impl PlanObject for DataSource {}
