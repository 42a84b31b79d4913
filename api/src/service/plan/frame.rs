//! Rules of the programme's frame: organisations, the programme, phases and workstreams.

use crate::error::ApiResult;
use crate::service::store::crud::{New, Rules, refers};
use crate::service::store::filter::Filter;
use crate::service::store::page::{KeyKind, Listing, Order};
use crate::service::store::validate as v;
use chrono::NaiveDate;
use entity::{GovernmentLayer, WorkStatus, organisation, phase, programme, workstream};
use futures::future::BoxFuture;
use sea_orm::DatabaseTransaction;

impl Rules for organisation::Entity {
    fn validate(m: &organisation::Model) -> ApiResult<()> {
        v::line("name", &m.name, 200)?;
        v::opt_line("abbreviation", m.abbreviation.as_deref(), 20)?;
        v::opt_line("tooiId", m.tooi_id.as_deref(), 200)
    }
}

impl Rules for programme::Entity {
    fn validate(m: &programme::Model) -> ApiResult<()> {
        v::line("name", &m.name, 200)?;
        v::text("goal", &m.goal, 5000)
    }

    fn check<'a>(
        txn: &'a DatabaseTransaction,
        m: &'a programme::Model,
        before: Option<&'a programme::Model>,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(refers::<organisation::Entity>(
            txn,
            "leadOrganisationId",
            m.lead_organisation_id,
            before.map(|b| b.lead_organisation_id),
        ))
    }
}

impl Rules for phase::Entity {
    fn validate(m: &phase::Model) -> ApiResult<()> {
        v::range("number", m.number, 1, 99)?;
        v::line("name", &m.name, 200)?;
        v::length("description", &m.description, 10_000)?;
        v::date_order("plannedStart", m.planned_start, "plannedEnd", m.planned_end)?;
        v::date_order(
            "baselineStart",
            m.baseline_start,
            "baselineEnd",
            m.baseline_end,
        )?;
        v::opt_date_order(
            "forecastStart",
            m.forecast_start,
            "forecastEnd",
            m.forecast_end,
        )?;
        v::opt_date_order("actualStart", m.actual_start, "actualEnd", m.actual_end)?;
        v::completion("actualEnd", m.status, m.actual_end, "phase")
    }

    fn happened(m: &phase::Model) -> Vec<(&'static str, Option<chrono::NaiveDate>)> {
        vec![("actualStart", m.actual_start), ("actualEnd", m.actual_end)]
    }

    fn check<'a>(
        txn: &'a DatabaseTransaction,
        m: &'a phase::Model,
        before: Option<&'a phase::Model>,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(refers::<programme::Entity>(
            txn,
            "programmeId",
            Some(m.programme_id),
            before.map(|b| Some(b.programme_id)),
        ))
    }
}

impl Rules for workstream::Entity {
    fn validate(m: &workstream::Model) -> ApiResult<()> {
        v::line("name", &m.name, 200)?;
        v::length("description", &m.description, 10_000)
    }

    fn check<'a>(
        txn: &'a DatabaseTransaction,
        m: &'a workstream::Model,
        before: Option<&'a workstream::Model>,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async move {
            refers::<programme::Entity>(
                txn,
                "programmeId",
                Some(m.programme_id),
                before.map(|b| Some(b.programme_id)),
            )
            .await?;
            refers::<organisation::Entity>(
                txn,
                "leadOrganisationId",
                m.lead_organisation_id,
                before.map(|b| b.lead_organisation_id),
            )
            .await
        })
    }
}

/// Programmes, oldest first.
pub fn programmes() -> ApiResult<Listing<programme::Entity>> {
    Ok(Listing {
        filter: Filter::live(),
        order: Order {
            key: None,
            id: programme::Column::Id,
        },
    })
}

/// Phases by number, optionally of one programme and with one status.
pub fn phases(
    programme_id: Option<i32>,
    status: Option<entity::WorkStatus>,
) -> ApiResult<Listing<phase::Entity>> {
    use phase::Column;
    Ok(Listing {
        filter: Filter::live()
            .and_opt(programme_id, |id| Filter::eq(Column::ProgrammeId, id))
            .and_opt(status, |s| Filter::eq(Column::Status, s)),
        order: Order {
            key: Some((Column::Number, KeyKind::Int)),
            id: Column::Id,
        },
    })
}

/// Workstreams in the order they were created, optionally of one programme.
pub fn workstreams(programme_id: Option<i32>) -> ApiResult<Listing<workstream::Entity>> {
    use workstream::Column;
    Ok(Listing {
        filter: Filter::live().and_opt(programme_id, |id| Filter::eq(Column::ProgrammeId, id)),
        order: Order {
            key: None,
            id: Column::Id,
        },
    })
}

/// Organisations by name, optionally of one layer.
pub fn organisations(
    layer: Option<entity::GovernmentLayer>,
) -> ApiResult<Listing<organisation::Entity>> {
    use organisation::Column;
    Ok(Listing {
        filter: Filter::live().and_opt(layer, |l| Filter::eq(Column::Layer, l)),
        order: Order {
            key: Some((Column::Name, KeyKind::Text)),
            id: Column::Id,
        },
    })
}

/// An organisation to create (`crud::create_new`): the fields of [`organisation::Model`], without the
/// bookkeeping and derived columns the service sets.
#[derive(Clone, Debug)]
pub struct NewOrganisation {
    pub name: String,
    pub abbreviation: Option<String>,
    pub layer: Option<GovernmentLayer>,
    pub is_umbrella_body: bool,
    pub tooi_id: Option<String>,
}

#[async_trait::async_trait]
impl New<organisation::Entity> for NewOrganisation {
    async fn into_row(self, _txn: &DatabaseTransaction) -> ApiResult<organisation::Model> {
        Ok(organisation::Model {
            id: 0,
            name: self.name,
            abbreviation: self.abbreviation,
            layer: self.layer,
            is_umbrella_body: self.is_umbrella_body,
            tooi_id: self.tooi_id,
            version: 0,
            created_at: Default::default(),
            updated_at: Default::default(),
            deleted_at: None,
        })
    }
}

/// A programme to create (`crud::create_new`): the fields of [`programme::Model`], without the
/// bookkeeping and derived columns the service sets.
#[derive(Clone, Debug)]
pub struct NewProgramme {
    pub name: String,
    pub goal: String,
    pub lead_organisation_id: Option<i32>,
}

#[async_trait::async_trait]
impl New<programme::Entity> for NewProgramme {
    async fn into_row(self, _txn: &DatabaseTransaction) -> ApiResult<programme::Model> {
        Ok(programme::Model {
            id: 0,
            name: self.name,
            goal: self.goal,
            lead_organisation_id: self.lead_organisation_id,
            version: 0,
            created_at: Default::default(),
            updated_at: Default::default(),
            deleted_at: None,
        })
    }
}

/// A phase of a programme to create (`crud::create_new`): the fields of [`phase::Model`], without the
/// bookkeeping and derived columns the service sets.
#[derive(Clone, Debug)]
pub struct NewPhase {
    pub programme_id: i32,
    pub number: i32,
    pub name: String,
    pub description: String,
    pub baseline_start: NaiveDate,
    pub baseline_end: NaiveDate,
    pub planned_start: NaiveDate,
    pub planned_end: NaiveDate,
    pub forecast_start: Option<NaiveDate>,
    pub forecast_end: Option<NaiveDate>,
    pub actual_start: Option<NaiveDate>,
    pub actual_end: Option<NaiveDate>,
    pub status: WorkStatus,
}

#[async_trait::async_trait]
impl New<phase::Entity> for NewPhase {
    async fn into_row(self, _txn: &DatabaseTransaction) -> ApiResult<phase::Model> {
        Ok(phase::Model {
            id: 0,
            programme_id: self.programme_id,
            number: self.number,
            name: self.name,
            description: self.description,
            baseline_start: self.baseline_start,
            baseline_end: self.baseline_end,
            planned_start: self.planned_start,
            planned_end: self.planned_end,
            forecast_start: self.forecast_start,
            forecast_end: self.forecast_end,
            actual_start: self.actual_start,
            actual_end: self.actual_end,
            status: self.status,
            version: 0,
            created_at: Default::default(),
            updated_at: Default::default(),
            deleted_at: None,
        })
    }
}

/// A workstream of a programme to create (`crud::create_new`): the fields of [`workstream::Model`], without the
/// bookkeeping and derived columns the service sets.
#[derive(Clone, Debug)]
pub struct NewWorkstream {
    pub programme_id: i32,
    pub name: String,
    pub description: String,
    pub lead_organisation_id: Option<i32>,
}

#[async_trait::async_trait]
impl New<workstream::Entity> for NewWorkstream {
    async fn into_row(self, _txn: &DatabaseTransaction) -> ApiResult<workstream::Model> {
        Ok(workstream::Model {
            id: 0,
            programme_id: self.programme_id,
            name: self.name,
            description: self.description,
            lead_organisation_id: self.lead_organisation_id,
            version: 0,
            created_at: Default::default(),
            updated_at: Default::default(),
            deleted_at: None,
        })
    }
}
