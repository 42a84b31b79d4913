//! Rules of commitments to the Kamer (toezeggingen).

use crate::error::{ApiError, ApiResult};
use crate::service::parliament::calendar::Deadline;
use crate::service::store::crud::{New, Rules, refers};
use crate::service::store::validate as v;
use chrono::NaiveDate;
use entity::{CommitmentStatus, commitment, programme};
use futures::future::BoxFuture;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

impl Rules for commitment::Entity {
    fn validate(m: &commitment::Model) -> ApiResult<()> {
        v::line("number", &m.number, 32)?;
        v::text("text", &m.text, 5000)?;
        v::line("madeBy", &m.made_by, 200)?;
        v::opt_line("deadlineText", m.deadline_text.as_deref(), 200)?;
        v::date_order("madeOn", m.made_on, "deadlineDate", m.deadline_date)
    }

    fn happened(m: &commitment::Model) -> Vec<(&'static str, Option<chrono::NaiveDate>)> {
        vec![("madeOn", Some(m.made_on))]
    }

    fn check<'a>(
        txn: &'a DatabaseTransaction,
        m: &'a commitment::Model,
        before: Option<&'a commitment::Model>,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async move {
            refers::<programme::Entity>(
                txn,
                "programmeId",
                Some(m.programme_id),
                before.map(|b| Some(b.programme_id)),
            )
            .await?;
            // Numbers are the Kamer's register numbers: unique, also against deleted commitments.
            let clash = commitment::Entity::find()
                .filter(commitment::Column::Number.eq(m.number.clone()))
                .filter(commitment::Column::Id.ne(m.id))
                .one(txn)
                .await?;
            if clash.is_some() {
                return Err(ApiError::Conflict(format!(
                    "commitment {} already exists",
                    m.number
                )));
            }
            Ok(())
        })
    }
}

/// Commitments by deadline, optionally with one status.
pub fn list(
    status: Option<entity::CommitmentStatus>,
) -> ApiResult<crate::service::store::page::Listing<commitment::Entity>> {
    use crate::service::store::filter::Filter;
    use crate::service::store::page::{KeyKind, Listing, Order};
    Ok(Listing {
        filter: Filter::live().and_opt(status, |s| Filter::eq(commitment::Column::Status, s)),
        order: Order {
            key: Some((commitment::Column::DeadlineDate, KeyKind::Date)),
            id: commitment::Column::Id,
        },
    })
}

/// A commitment to the Kamer to create (`crud::create_new`): the fields of [`commitment::Model`], without the
/// bookkeeping and derived columns the service sets.
#[derive(Clone, Debug)]
pub struct NewCommitment {
    pub programme_id: i32,
    pub number: String,
    pub text: String,
    pub made_by: String,
    pub made_on: NaiveDate,
    /// Its deadline (required): a date, or a phrase that names a recess, resolved inside the
    /// write's transaction.
    pub deadline: Deadline,
    pub status: CommitmentStatus,
}

#[async_trait::async_trait]
impl New<commitment::Entity> for NewCommitment {
    async fn into_row(self, txn: &DatabaseTransaction) -> ApiResult<commitment::Model> {
        let deadline_date = self.deadline.resolve_required(txn).await?;
        Ok(commitment::Model {
            id: 0,
            programme_id: self.programme_id,
            number: self.number,
            text: self.text,
            made_by: self.made_by,
            made_on: self.made_on,
            deadline_text: self.deadline.text,
            deadline_date,
            status: self.status,
            version: 0,
            created_at: Default::default(),
            updated_at: Default::default(),
            deleted_at: None,
        })
    }
}
