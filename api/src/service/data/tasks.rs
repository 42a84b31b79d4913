//! Rules of data-infrastructure tasks.

use crate::error::ApiResult;
use crate::service::store::crud::{New, Rules, refers};
use crate::service::store::filter::{Cmp, Filter, Operand};
use crate::service::store::validate as v;
use chrono::NaiveDate;
use entity::{
    GovernmentLayer, TaskKind, WorkStatus, data_infra_task, data_source, organisation, programme,
};
use futures::future::BoxFuture;
use sea_orm::DatabaseTransaction;

impl Rules for data_infra_task::Entity {
    fn validate(m: &data_infra_task::Model) -> ApiResult<()> {
        v::line("title", &m.title, 200)?;
        v::length("description", &m.description, 10_000)?;
        v::completion("completedOn", m.status, m.completed_on, "task")
    }

    fn happened(m: &data_infra_task::Model) -> Vec<(&'static str, Option<chrono::NaiveDate>)> {
        vec![("completedOn", m.completed_on)]
    }

    fn check<'a>(
        txn: &'a DatabaseTransaction,
        m: &'a data_infra_task::Model,
        before: Option<&'a data_infra_task::Model>,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async move {
            let was = |f: fn(&data_infra_task::Model) -> Option<i32>| before.map(f);
            refers::<programme::Entity>(
                txn,
                "programmeId",
                Some(m.programme_id),
                was(|b| Some(b.programme_id)),
            )
            .await?;
            refers::<organisation::Entity>(
                txn,
                "ownerOrganisationId",
                m.owner_organisation_id,
                was(|b| b.owner_organisation_id),
            )
            .await?;
            refers::<data_source::Entity>(
                txn,
                "dataSourceId",
                m.data_source_id,
                was(|b| b.data_source_id),
            )
            .await
        })
    }
}

/// Which tasks a list shows.
#[derive(Clone, Debug, Default)]
pub struct TaskFilter {
    /// Only this programme.
    pub programme_id: Option<i32>,
    /// Only this layer.
    pub layer: Option<entity::GovernmentLayer>,
    /// Only these statuses (none: any; empty: no task).
    pub status: Option<Vec<WorkStatus>>,
    /// Only this kind.
    pub kind: Option<entity::TaskKind>,
    /// Only tasks improving this data source.
    pub data_source_id: Option<i32>,
    /// Due on or before.
    pub due_before: Option<chrono::NaiveDate>,
}

impl TaskFilter {
    /// The filter as one predicate over the live tasks (SQL for the plan as it is, in memory
    /// for an as-of view).
    pub fn predicate(&self) -> ApiResult<Filter<data_infra_task::Entity>> {
        use data_infra_task::Column;
        Ok(Filter::live()
            .and_opt(self.programme_id, |id| Filter::eq(Column::ProgrammeId, id))
            .and_opt(self.layer, |l| Filter::eq(Column::Layer, l))
            .and(Filter::one_of(Column::Status, self.status.as_deref()))
            .and_opt(self.kind, |k| Filter::eq(Column::Kind, k))
            .and_opt(self.data_source_id, |id| {
                Filter::eq(Column::DataSourceId, id)
            })
            .and_opt(self.due_before, |day| {
                Filter::Compare(Operand::Column(Column::DueDate), Cmp::Lte, day.into())
            }))
    }
}

/// The live tasks matching `filter`, by due date.
pub fn list(
    filter: &TaskFilter,
) -> ApiResult<crate::service::store::page::Listing<data_infra_task::Entity>> {
    use data_infra_task::Column;
    Ok(crate::service::store::page::Listing {
        filter: filter.predicate()?,
        order: crate::service::store::page::Order {
            key: Some((Column::DueDate, crate::service::store::page::KeyKind::Date)),
            id: Column::Id,
        },
    })
}

/// A data-infrastructure task to create (`crud::create_new`): the fields of [`data_infra_task::Model`], without the
/// bookkeeping and derived columns the service sets.
#[derive(Clone, Debug)]
pub struct NewTask {
    pub programme_id: i32,
    pub title: String,
    pub description: String,
    pub kind: TaskKind,
    pub layer: Option<GovernmentLayer>,
    pub owner_organisation_id: Option<i32>,
    pub due_date: NaiveDate,
    pub completed_on: Option<NaiveDate>,
    pub status: WorkStatus,
    pub data_source_id: Option<i32>,
}

#[async_trait::async_trait]
impl New<data_infra_task::Entity> for NewTask {
    async fn into_row(self, _txn: &DatabaseTransaction) -> ApiResult<data_infra_task::Model> {
        Ok(data_infra_task::Model {
            id: 0,
            programme_id: self.programme_id,
            title: self.title,
            description: self.description,
            kind: self.kind,
            layer: self.layer,
            owner_organisation_id: self.owner_organisation_id,
            due_date: self.due_date,
            completed_on: self.completed_on,
            status: self.status,
            data_source_id: self.data_source_id,
            version: 0,
            created_at: Default::default(),
            updated_at: Default::default(),
            deleted_at: None,
        })
    }
}
