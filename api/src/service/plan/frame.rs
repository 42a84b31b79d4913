//! Rules of the programme's frame: organisations, the programme, phases and workstreams.

use crate::error::ApiResult;
use crate::service::store::crud::{Rules, refers};
use crate::service::store::filter::Filter;
use crate::service::store::page::{KeyKind, Listing, Order};
use crate::service::store::validate as v;
use entity::{organisation, phase, programme, workstream};
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
        filter: Filter::live()?,
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
        filter: Filter::live()?
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
        filter: Filter::live()?.and_opt(programme_id, |id| Filter::eq(Column::ProgrammeId, id)),
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
        filter: Filter::live()?.and_opt(layer, |l| Filter::eq(Column::Layer, l)),
        order: Order {
            key: Some((Column::Name, KeyKind::Text)),
            id: Column::Id,
        },
    })
}
