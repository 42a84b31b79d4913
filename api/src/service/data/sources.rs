//! Rules of data sources and their quality assessments.

use crate::error::ApiResult;
use crate::service::store::crud::{New, Rules, refers};
use crate::service::store::validate as v;
use chrono::NaiveDate;
use entity::{
    DataAccess, Frequency, QualityDimension, data_quality_assessment, data_source, organisation,
};
use futures::future::BoxFuture;
use sea_orm::DatabaseTransaction;

impl Rules for data_source::Entity {
    fn validate(m: &data_source::Model) -> ApiResult<()> {
        v::line("name", &m.name, 200)?;
        v::length("description", &m.description, 5000)?;
        v::opt_line("licence", m.licence.as_deref(), 100)?;
        v::opt_line("url", m.url.as_deref(), 500)
    }

    fn check<'a>(
        txn: &'a DatabaseTransaction,
        m: &'a data_source::Model,
        before: Option<&'a data_source::Model>,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async move {
            refers::<organisation::Entity>(
                txn,
                "ownerOrganisationId",
                m.owner_organisation_id,
                before.map(|b| b.owner_organisation_id),
            )
            .await
        })
    }
}

impl Rules for data_quality_assessment::Entity {
    fn validate(m: &data_quality_assessment::Model) -> ApiResult<()> {
        v::range("score", m.score, 1, 5)?;
        v::text("finding", &m.finding, 2000)
    }

    fn happened(
        m: &data_quality_assessment::Model,
    ) -> Vec<(&'static str, Option<chrono::NaiveDate>)> {
        vec![("assessedOn", Some(m.assessed_on))]
    }

    fn check<'a>(
        txn: &'a DatabaseTransaction,
        m: &'a data_quality_assessment::Model,
        before: Option<&'a data_quality_assessment::Model>,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async move {
            refers::<data_source::Entity>(
                txn,
                "dataSourceId",
                Some(m.data_source_id),
                before.map(|b| Some(b.data_source_id)),
            )
            .await
        })
    }
}

/// Data sources by name, optionally those whose name or description contains `search` (an
/// over-long search is BAD_USER_INPUT on `search`).
pub fn list(
    search: Option<&str>,
) -> ApiResult<crate::service::store::page::Listing<data_source::Entity>> {
    use crate::service::store::filter::Filter;
    use crate::service::store::page::{KeyKind, Listing, Order};
    let mut filter = Filter::live();
    if let Some(text) = search {
        filter = filter.and(Filter::search(
            "search",
            data_source::Column::SearchText,
            text,
        )?);
    }
    Ok(Listing {
        filter,
        order: Order {
            key: Some((data_source::Column::Name, KeyKind::Text)),
            id: data_source::Column::Id,
        },
    })
}

/// A data source to create (`crud::create_new`): the fields of [`data_source::Model`], without the
/// bookkeeping and derived columns the service sets.
#[derive(Clone, Debug)]
pub struct NewDataSource {
    pub name: String,
    pub description: String,
    pub owner_organisation_id: Option<i32>,
    pub update_frequency: Frequency,
    pub access: DataAccess,
    pub licence: Option<String>,
    pub url: Option<String>,
}

#[async_trait::async_trait]
impl New<data_source::Entity> for NewDataSource {
    async fn into_row(self, _txn: &DatabaseTransaction) -> ApiResult<data_source::Model> {
        Ok(data_source::Model {
            id: 0,
            name: self.name,
            description: self.description,
            owner_organisation_id: self.owner_organisation_id,
            update_frequency: self.update_frequency,
            access: self.access,
            licence: self.licence,
            url: self.url,
            version: 0,
            created_at: Default::default(),
            updated_at: Default::default(),
            deleted_at: None,
            search_text: String::new(),
        })
    }
}

/// A quality assessment of a data source to create (`crud::create_new`): the fields of [`data_quality_assessment::Model`], without the
/// bookkeeping and derived columns the service sets.
#[derive(Clone, Debug)]
pub struct NewAssessment {
    pub data_source_id: i32,
    pub dimension: QualityDimension,
    pub score: i32,
    pub assessed_on: NaiveDate,
    pub finding: String,
}

#[async_trait::async_trait]
impl New<data_quality_assessment::Entity> for NewAssessment {
    async fn into_row(
        self,
        _txn: &DatabaseTransaction,
    ) -> ApiResult<data_quality_assessment::Model> {
        Ok(data_quality_assessment::Model {
            id: 0,
            data_source_id: self.data_source_id,
            dimension: self.dimension,
            score: self.score,
            assessed_on: self.assessed_on,
            finding: self.finding,
            version: 0,
            created_at: Default::default(),
            updated_at: Default::default(),
            deleted_at: None,
        })
    }
}
