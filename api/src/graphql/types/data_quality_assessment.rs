//! `DataQualityAssessment`: a score of a data source on one NORA quality dimension.

use super::{DataSource, PlanFields, PlanObject};
use crate::graphql::enums::QualityDimension;
use crate::graphql::scalars::Date;
use async_graphql::{Context, Object};
use entity::data_quality_assessment::Model;

/// A quality score (1-5) of a data source on one dimension of the NORA framework.
#[derive(Clone)]
pub struct DataQualityAssessment(
    pub std::sync::Arc<Model>,
    pub std::sync::Arc<crate::graphql::batch::Siblings<Model>>,
);

super::batched!(DataQualityAssessment);

/// A quality score (1-5) of a data source on one dimension of the NORA framework.
#[Object]
impl DataQualityAssessment {
    #[graphql(flatten)]
    async fn plan_fields(&self) -> PlanFields<'_, Self> {
        PlanFields(self)
    }

    /// The dimension assessed.
    async fn dimension(&self) -> QualityDimension {
        self.0.dimension.into()
    }
    /// Score from 1 (poor) to 5 (excellent).
    async fn score(&self) -> i32 {
        self.0.score
    }
    /// When it was assessed.
    async fn assessed_on(&self) -> Date {
        self.0.assessed_on.into()
    }
    /// What was found.
    async fn finding(&self) -> &str {
        &self.0.finding
    }
    /// The data source.
    async fn data_source(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<DataSource>> {
        self.1
            .to_one::<entity::data_source::Entity, DataSource>(
                ctx,
                "data_source_id",
                |m| Some(m.data_source_id),
                Some(self.0.data_source_id),
            )
            .await
    }
}

impl PlanObject for DataQualityAssessment {}
