//! Rules of the parliamentary recess calendar.

use crate::error::{ApiError, ApiResult};
use crate::service::store::crud::{New, Rules};
use crate::service::store::validate as v;
use chrono::{Datelike, NaiveDate};
use entity::{DateConfidence, RecessKind, recess_period};
use futures::future::BoxFuture;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

impl Rules for recess_period::Entity {
    fn validate(m: &recess_period::Model) -> ApiResult<()> {
        v::year("year", m.year)?;
        v::line("name", &m.name, 100)?;
        v::date_order("firstDay", m.first_day, "lastDay", m.last_day)?;
        if m.first_day.year() != m.year {
            return Err(ApiError::invalid(
                "year",
                format!(
                    "a recess belongs to the year it starts in ({})",
                    m.first_day.year()
                ),
            ));
        }
        Ok(())
    }

    fn check<'a>(
        txn: &'a DatabaseTransaction,
        m: &'a recess_period::Model,
        before: Option<&'a recess_period::Model>,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async move {
            let _ = before;
            // Recesses never overlap: a date is in at most one.
            crate::service::lock(txn, "recess_period").await?;
            if let Some(other) = overlapping(txn, m.id, m.first_day, m.last_day).await? {
                return Err(ApiError::invalid(
                    "firstDay",
                    format!(
                        "overlaps {} ({} to {})",
                        other.name, other.first_day, other.last_day
                    ),
                ));
            }
            Ok(())
        })
    }
}

/// A live recess other than `id` that shares a day with `first..=last`.
pub async fn overlapping<C: sea_orm::ConnectionTrait>(
    db: &C,
    id: i32,
    first: chrono::NaiveDate,
    last: chrono::NaiveDate,
) -> ApiResult<Option<recess_period::Model>> {
    Ok(recess_period::Entity::find()
        .filter(recess_period::Column::Id.ne(id))
        .filter(recess_period::Column::DeletedAt.is_null())
        .filter(recess_period::Column::FirstDay.lte(last))
        .filter(recess_period::Column::LastDay.gte(first))
        .one(db)
        .await?)
}

/// Recess periods by first day, optionally of one year and kind.
pub fn list(
    year: Option<i32>,
    kind: Option<entity::RecessKind>,
) -> ApiResult<crate::service::store::page::Listing<recess_period::Entity>> {
    use crate::service::store::filter::Filter;
    use crate::service::store::page::{KeyKind, Listing, Order};
    use recess_period::Column;
    Ok(Listing {
        filter: Filter::live()
            .and_opt(year, |y| Filter::eq(Column::Year, y))
            .and_opt(kind, |k| Filter::eq(Column::Kind, k)),
        order: Order {
            key: Some((recess_period::Column::FirstDay, KeyKind::Date)),
            id: recess_period::Column::Id,
        },
    })
}

/// A recess of the Kamer to create (`crud::create_new`): the fields of [`recess_period::Model`], without the
/// bookkeeping and derived columns the service sets.
#[derive(Clone, Debug)]
pub struct NewRecess {
    pub kind: RecessKind,
    pub year: i32,
    pub name: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub confidence: DateConfidence,
}

#[async_trait::async_trait]
impl New<recess_period::Entity> for NewRecess {
    async fn into_row(self, _txn: &DatabaseTransaction) -> ApiResult<recess_period::Model> {
        Ok(recess_period::Model {
            id: 0,
            kind: self.kind,
            year: self.year,
            name: self.name,
            first_day: self.first_day,
            last_day: self.last_day,
            confidence: self.confidence,
            version: 0,
            created_at: Default::default(),
            updated_at: Default::default(),
            deleted_at: None,
        })
    }
}
