//! `DataSource`: a source of monitoring data with its quality assessments.

use super::{DataInfraTask, DataQualityAssessment, Kpi, Organisation, plan_object};
use crate::graphql::enums::{DataAccess, Frequency};
use crate::graphql::loaders;
use async_graphql::Context;
use entity::data_source::Model;

/// A data source, e.g. TenderNed or the MVI self-evaluation tool.
pub struct DataSource(pub Model);

plan_object!(DataSource, "DataSource", {
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
        let Some(id) = self.0.owner_organisation_id else {
            return Ok(None);
        };
        Ok(loaders::one::<entity::organisation::Entity>(ctx, id)
            .await?
            .map(Organisation))
    }
    /// Quality assessments, newest first.
    async fn assessments(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<DataQualityAssessment>> {
        let mut rows = loaders::children::<entity::data_quality_assessment::Entity>(
            ctx,
            "data_source_id",
            self.0.id,
        )
        .await?;
        rows.sort_by(|a, b| b.assessed_on.cmp(&a.assessed_on).then(a.id.cmp(&b.id)));
        Ok(rows.into_iter().map(DataQualityAssessment).collect())
    }
    /// KPIs computed from this source.
    async fn kpis(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Kpi>> {
        let rows = loaders::linked::<entity::kpi_data_source::Entity, entity::kpi::Entity>(
            ctx,
            "data_source_id",
            "kpi_id",
            self.0.id,
        )
        .await?;
        Ok(rows.into_iter().map(Kpi).collect())
    }
    /// Tasks that improve this source.
    async fn tasks(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<DataInfraTask>> {
        let rows =
            loaders::children::<entity::data_infra_task::Entity>(ctx, "data_source_id", self.0.id)
                .await?;
        Ok(rows.into_iter().map(DataInfraTask).collect())
    }
});
