//! Rules of the programme's frame: organisations, the programme, phases and workstreams.

use super::crud::{Rules, ensure_exists};
use super::validate as v;
use crate::error::ApiResult;
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
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async move {
            if let Some(id) = m.lead_organisation_id {
                ensure_exists::<organisation::Entity, _>(txn, "leadOrganisationId", id).await?;
            }
            Ok(())
        })
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
        if m.status == entity::WorkStatus::Done && m.actual_end.is_none() {
            return Err(crate::error::ApiError::invalid(
                "actualEnd",
                "a done phase needs its actual end date",
            ));
        }
        Ok(())
    }

    fn check<'a>(
        txn: &'a DatabaseTransaction,
        m: &'a phase::Model,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(ensure_exists::<programme::Entity, _>(
            txn,
            "programmeId",
            m.programme_id,
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
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async move {
            ensure_exists::<programme::Entity, _>(txn, "programmeId", m.programme_id).await?;
            if let Some(id) = m.lead_organisation_id {
                ensure_exists::<organisation::Entity, _>(txn, "leadOrganisationId", id).await?;
            }
            Ok(())
        })
    }
}
