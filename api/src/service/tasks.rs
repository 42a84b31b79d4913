//! Rules of data-infrastructure tasks.

use super::crud::{Rules, refers};
use super::validate as v;
use crate::error::ApiResult;
use entity::{WorkStatus, data_infra_task, data_source, organisation, programme};
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
    /// Whether `t` matches, in memory (for as-of views; the same rules as [`list`]).
    pub fn matches(&self, t: &data_infra_task::Model) -> bool {
        self.programme_id.is_none_or(|id| t.programme_id == id)
            && self.layer.is_none_or(|l| t.layer == Some(l))
            && super::page::one_of(self.status.as_deref(), &t.status)
            && self.kind.is_none_or(|k| t.kind == k)
            && self
                .data_source_id
                .is_none_or(|id| t.data_source_id == Some(id))
            && self.due_before.is_none_or(|d| t.due_date <= d)
    }
}

/// The live tasks matching `filter`, by due date.
pub fn list(filter: &TaskFilter) -> ApiResult<super::page::Listing<data_infra_task::Entity>> {
    use data_infra_task::Column;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let mut select = super::page::live(data_infra_task::Entity::find())?;
    if let Some(id) = filter.programme_id {
        select = select.filter(Column::ProgrammeId.eq(id));
    }
    if let Some(layer) = filter.layer {
        select = select.filter(Column::Layer.eq(layer));
    }
    if let Some(condition) = super::page::one_of_sql(Column::Status, filter.status.as_deref()) {
        select = select.filter(condition);
    }
    if let Some(kind) = filter.kind {
        select = select.filter(Column::Kind.eq(kind));
    }
    if let Some(id) = filter.data_source_id {
        select = select.filter(Column::DataSourceId.eq(id));
    }
    if let Some(date) = filter.due_before {
        select = select.filter(Column::DueDate.lte(date));
    }
    Ok(super::page::Listing {
        select,
        order: super::page::Order {
            key: Some((Column::DueDate, super::page::KeyKind::Date)),
            id: Column::Id,
        },
    })
}
