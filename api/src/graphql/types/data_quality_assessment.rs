//! `DataQualityAssessment`: a score of a data source on one NORA quality dimension.

use super::{DataSource, plan_object};
use crate::graphql::enums::QualityDimension;
use crate::graphql::loaders;
use crate::graphql::scalars::Date;
use async_graphql::Context;
use entity::data_quality_assessment::Model;

/// A quality score (1-5) of a data source on one dimension of the NORA framework.
pub struct DataQualityAssessment(pub Model);

plan_object!(DataQualityAssessment, "DataQualityAssessment", {
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
        Ok(
            loaders::one::<entity::data_source::Entity>(ctx, self.0.data_source_id)
                .await?
                .map(DataSource),
        )
    }
});
