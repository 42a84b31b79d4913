//! Rules of the parliamentary recess calendar.

use super::crud::Rules;
use super::validate as v;
use crate::error::{ApiError, ApiResult};
use entity::recess_period;
use futures::future::BoxFuture;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

impl Rules for recess_period::Entity {
    fn validate(m: &recess_period::Model) -> ApiResult<()> {
        v::year("year", m.year)?;
        v::line("name", &m.name, 100)?;
        v::date_order("firstDay", m.first_day, "lastDay", m.last_day)
    }

    fn check<'a>(
        txn: &'a DatabaseTransaction,
        m: &'a recess_period::Model,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async move {
            // Recesses never overlap: a date is in at most one.
            let overlap = recess_period::Entity::find()
                .filter(recess_period::Column::Id.ne(m.id))
                .filter(recess_period::Column::DeletedAt.is_null())
                .filter(recess_period::Column::FirstDay.lte(m.last_day))
                .filter(recess_period::Column::LastDay.gte(m.first_day))
                .one(txn)
                .await?;
            if let Some(other) = overlap {
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
