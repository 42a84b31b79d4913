//! Rules of the programme's frame: organisations, the programme, phases and workstreams.

use super::crud::{Rules, refers};
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
        match (m.status, m.actual_end) {
            (entity::WorkStatus::Done, None) => Err(crate::error::ApiError::invalid(
                "actualEnd",
                "a done phase needs its actual end date",
            )),
            (entity::WorkStatus::Planned | entity::WorkStatus::InProgress, Some(_)) => {
                Err(crate::error::ApiError::invalid(
                    "actualEnd",
                    "only a done or cancelled phase has an actual end date",
                ))
            }
            _ => Ok(()),
        }
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
