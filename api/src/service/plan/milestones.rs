//! Rules of milestones.

use crate::error::{ApiError, ApiResult};
use crate::service::Actor;
use crate::service::parliament::calendar::Deadline;
use crate::service::store::crud::{New, Rules, refers};
use crate::service::store::filter::{Cmp, Filter, Operand};
use crate::service::store::page::{KeyKind, Listing, Order};
use crate::service::store::validate as v;
use chrono::NaiveDate;
use entity::{
    GovernmentLayer, Health, MilestoneKind, WorkStatus, milestone, organisation, phase, programme,
    workstream,
};
use futures::future::BoxFuture;
use sea_orm::{DatabaseTransaction, EntityTrait};

impl Rules for milestone::Entity {
    fn validate(m: &milestone::Model) -> ApiResult<()> {
        v::line("title", &m.title, 200)?;
        v::length("description", &m.description, 10_000)?;
        v::opt_line("deadlineText", m.deadline_text.as_deref(), 200)?;
        v::opt_line(
            "healthOverride.reason",
            m.health_override_reason.as_deref(),
            300,
        )?;
        if m.health_override.is_some()
            && m.health_override_reason
                .as_deref()
                .is_none_or(|r| r.trim().is_empty())
        {
            return Err(ApiError::invalid(
                "healthOverride.reason",
                "overriding the computed health needs a one-line reason",
            ));
        }
        let participants = m.participants();
        if m.layer.is_some() && !m.participating_layers.is_empty() {
            return Err(ApiError::invalid(
                "participatingLayers",
                "only a joint milestone (without a layer of its own) names the layers that take part",
            ));
        }
        if entity::milestone::participants_text(&participants) != m.participating_layers {
            return Err(ApiError::invalid(
                "participatingLayers",
                "the taking-part layers are RIJK, PROVINCIE, GEMEENTE or WATERSCHAP, each once",
            ));
        }
        v::completion("actualDate", m.status, m.actual_date, "milestone")
    }

    fn prepare(actor: &Actor, before: Option<&milestone::Model>, next: &mut milestone::Model) {
        crate::service::plan::overrides::prepare(actor, before, next);
    }

    fn after_write<'a>(
        txn: &'a DatabaseTransaction,
        actor: &'a Actor,
        before: Option<&'a milestone::Model>,
        saved: &'a milestone::Model,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async move {
            crate::service::plan::overrides::check_until(actor, before, saved)?;
            if crate::service::plan::overrides::changed(before, saved) {
                // Better than computed is judged on the plan as it now stands, this change
                // included.
                let schedule = crate::service::schedule::live(txn, actor.rules).await?;
                if let Some(p) = schedule.get(saved.id) {
                    crate::service::plan::overrides::check_reason(before, saved, p.computed)?;
                }
            }
            Ok(())
        })
    }

    fn before_delete<'a>(
        txn: &'a DatabaseTransaction,
        actor: &'a Actor,
        model: &'a milestone::Model,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(crate::service::plan::dependents::before_delete(
            txn, actor, model,
        ))
    }

    fn before_restore<'a>(
        txn: &'a DatabaseTransaction,
        actor: &'a Actor,
        model: &'a milestone::Model,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async move {
            crate::service::plan::dependents::may_restore(txn, actor, model).await?;
            crate::service::plan::links::no_cycle_on_restore(txn, model.id).await
        })
    }

    fn happened(m: &milestone::Model) -> Vec<(&'static str, Option<chrono::NaiveDate>)> {
        vec![("actualDate", m.actual_date)]
    }

    fn check<'a>(
        txn: &'a DatabaseTransaction,
        m: &'a milestone::Model,
        before: Option<&'a milestone::Model>,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async move {
            let was = |f: fn(&milestone::Model) -> Option<i32>| before.map(f);
            refers::<programme::Entity>(
                txn,
                "programmeId",
                Some(m.programme_id),
                was(|b| Some(b.programme_id)),
            )
            .await?;
            refers::<phase::Entity>(txn, "phaseId", m.phase_id, was(|b| b.phase_id)).await?;
            refers::<workstream::Entity>(
                txn,
                "workstreamId",
                m.workstream_id,
                was(|b| b.workstream_id),
            )
            .await?;
            refers::<organisation::Entity>(
                txn,
                "ownerOrganisationId",
                m.owner_organisation_id,
                was(|b| b.owner_organisation_id),
            )
            .await?;
            // A phase or workstream of another programme is a mistake, not a cross-reference.
            if let Some(id) = m.phase_id
                && let Some(p) = phase::Entity::find_by_id(id).one(txn).await?
                && p.programme_id != m.programme_id
            {
                return Err(ApiError::invalid(
                    "phaseId",
                    "the phase belongs to another programme",
                ));
            }
            if let Some(id) = m.workstream_id
                && let Some(w) = workstream::Entity::find_by_id(id).one(txn).await?
                && w.programme_id != m.programme_id
            {
                return Err(ApiError::invalid(
                    "workstreamId",
                    "the workstream belongs to another programme",
                ));
            }
            Ok(())
        })
    }
}

/// Which milestones a list shows.
#[derive(Clone, Debug, Default)]
pub struct MilestoneFilter {
    /// Only this programme.
    pub programme_id: Option<i32>,
    /// Only this layer (joint milestones too when `joint` is `Some(true)`).
    pub layer: Option<entity::GovernmentLayer>,
    /// `Some(true)`: joint milestones (with `layer`: that layer's and the joint ones);
    /// `Some(false)`: no joint milestones.
    pub joint: Option<bool>,
    /// Only this phase.
    pub phase_id: Option<i32>,
    /// Only this workstream.
    pub workstream_id: Option<i32>,
    /// Only these statuses (none: any; empty: no milestone).
    pub status: Option<Vec<WorkStatus>>,
    /// Only these milestones (health is computed, so a filter on it arrives as ids).
    pub ids: Option<Vec<i32>>,
    /// Planned on or after.
    pub planned_from: Option<chrono::NaiveDate>,
    /// Planned on or before.
    pub planned_to: Option<chrono::NaiveDate>,
    /// With a deadline on or after (none: no deadline, so left out).
    pub deadline_from: Option<chrono::NaiveDate>,
    /// With a deadline on or before (none: no deadline, so left out).
    pub deadline_to: Option<chrono::NaiveDate>,
    /// Text in the title or description (case and accents do not matter).
    pub search: Option<String>,
    /// `(true, day)`: only milestones overdue on status date `day`; `(false, day)`: only those
    /// that are not (see [`overdue_on`]).
    pub overdue: Option<(bool, chrono::NaiveDate)>,
}

/// Overdue on `status_date`, as a predicate: the schedule's rule
/// ([`crate::service::schedule::is_overdue`]: not done or cancelled, and its own date, the forecast or
/// else the planned date, before the status date), which a unit test holds it to.
pub fn overdue_on(status_date: chrono::NaiveDate) -> Filter<milestone::Entity> {
    use milestone::Column;
    let finished = [WorkStatus::Done, WorkStatus::Cancelled];
    Filter::All(vec![
        Filter::Not(Box::new(Filter::one_of(Column::Status, Some(&finished)))),
        Filter::Compare(
            Operand::FirstOf(vec![Column::ForecastDate, Column::PlannedDate]),
            Cmp::Lt,
            status_date.into(),
        ),
    ])
}

impl MilestoneFilter {
    /// The filter as one predicate over the live milestones (SQL for the plan as it is, in
    /// memory for an as-of view). An over-long search is BAD_USER_INPUT on `filter.search`.
    pub fn predicate(&self) -> ApiResult<Filter<milestone::Entity>> {
        use milestone::Column;
        let layer = match (self.layer, self.joint) {
            (Some(layer), Some(true)) => Filter::Any(vec![
                Filter::eq(Column::Layer, layer),
                Filter::Null(Column::Layer),
            ]),
            (Some(layer), _) => Filter::eq(Column::Layer, layer),
            (None, Some(true)) => Filter::Null(Column::Layer),
            (None, Some(false)) => Filter::Not(Box::new(Filter::Null(Column::Layer))),
            (None, None) => Filter::every(),
        };
        let date = |column: Column, cmp: Cmp| {
            move |day: chrono::NaiveDate| Filter::Compare(Operand::Column(column), cmp, day.into())
        };
        let mut filter = Filter::live()
            .and(layer)
            .and_opt(self.programme_id, |id| Filter::eq(Column::ProgrammeId, id))
            .and_opt(self.phase_id, |id| Filter::eq(Column::PhaseId, id))
            .and_opt(self.workstream_id, |id| {
                Filter::eq(Column::WorkstreamId, id)
            })
            .and(Filter::one_of(Column::Status, self.status.as_deref()))
            .and_opt(self.ids.clone(), |ids| Filter::Ids(Column::Id, ids))
            .and_opt(self.planned_from, date(Column::PlannedDate, Cmp::Gte))
            .and_opt(self.planned_to, date(Column::PlannedDate, Cmp::Lte))
            .and_opt(self.deadline_from, date(Column::DeadlineDate, Cmp::Gte))
            .and_opt(self.deadline_to, date(Column::DeadlineDate, Cmp::Lte))
            .and_opt(self.overdue, |(wanted, day)| {
                if wanted {
                    overdue_on(day)
                } else {
                    Filter::Not(Box::new(overdue_on(day)))
                }
            });
        if let Some(text) = &self.search {
            filter = filter.and(Filter::search("filter.search", Column::SearchText, text)?);
        }
        Ok(filter)
    }
}

/// The live milestones matching `filter`, by planned date.
pub fn list(filter: &MilestoneFilter) -> ApiResult<Listing<milestone::Entity>> {
    use milestone::Column;
    Ok(Listing {
        filter: filter.predicate()?,
        order: Order {
            key: Some((Column::PlannedDate, KeyKind::Date)),
            id: Column::Id,
        },
    })
}

/// A milestone to create (`crud::create_new`): the fields of [`milestone::Model`], without the
/// bookkeeping and derived columns the service sets.
#[derive(Clone, Debug)]
pub struct NewMilestone {
    pub programme_id: i32,
    pub phase_id: Option<i32>,
    pub workstream_id: Option<i32>,
    pub owner_organisation_id: Option<i32>,
    pub title: String,
    pub description: String,
    pub kind: MilestoneKind,
    pub layer: Option<GovernmentLayer>,
    pub baseline_date: NaiveDate,
    pub planned_date: NaiveDate,
    pub forecast_date: Option<NaiveDate>,
    pub actual_date: Option<NaiveDate>,
    pub status: WorkStatus,
    /// Its parliamentary deadline, if it has one: a date, or a phrase that names a recess,
    /// resolved inside the write's transaction.
    pub deadline: Deadline,
    /// A manager's override of the computed health, with the reason for it.
    pub health_override: Option<Health>,
    pub health_override_reason: Option<String>,
    /// The last day the override counts when it is better than the computed health (set to 30
    /// days after the status date when the override is set without one; an override no better
    /// than the computed health counts until it is removed, whatever this says). Overrides from
    /// before migration 000021 have none: when better than the computed health they no longer
    /// count, and a manager sets them again with a sentence and an end.
    pub health_override_until: Option<NaiveDate>,
    /// The layers that take part in a joint milestone, as [`milestone::participants_text`] writes them;
    /// empty for a layer's own milestone.
    pub participating_layers: String,
}

#[async_trait::async_trait]
impl New<milestone::Entity> for NewMilestone {
    async fn into_row(self, txn: &DatabaseTransaction) -> ApiResult<milestone::Model> {
        let deadline_date = self.deadline.resolve(txn).await?;
        Ok(milestone::Model {
            id: 0,
            programme_id: self.programme_id,
            phase_id: self.phase_id,
            workstream_id: self.workstream_id,
            owner_organisation_id: self.owner_organisation_id,
            title: self.title,
            description: self.description,
            kind: self.kind,
            layer: self.layer,
            baseline_date: self.baseline_date,
            planned_date: self.planned_date,
            forecast_date: self.forecast_date,
            actual_date: self.actual_date,
            status: self.status,
            deadline_date,
            deadline_text: self.deadline.text,
            health_override: self.health_override,
            health_override_reason: self.health_override_reason,
            health_override_until: self.health_override_until,
            participating_layers: self.participating_layers,
            version: 0,
            created_at: Default::default(),
            updated_at: Default::default(),
            deleted_at: None,
            search_text: String::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overdue_predicate_is_the_schedules_rule() {
        let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 6, d).unwrap_or_default();
        let mut m = crate::service::store::filter::tests::milestone(None);
        for status in [
            WorkStatus::Planned,
            WorkStatus::InProgress,
            WorkStatus::Done,
            WorkStatus::Cancelled,
        ] {
            for (planned, forecast) in [(10, None), (10, Some(20)), (20, Some(5)), (15, None)] {
                m.status = status;
                m.planned_date = day(planned);
                m.forecast_date = forecast.map(day);
                let own = m.forecast_date.unwrap_or(m.planned_date);
                let expected = crate::service::schedule::is_overdue(status, own, day(15));
                assert_eq!(
                    overdue_on(day(15)).test(&m),
                    expected,
                    "{status:?} planned {planned} forecast {forecast:?}"
                );
                assert_eq!(
                    Filter::Not(Box::new(overdue_on(day(15)))).test(&m),
                    !expected
                );
            }
        }
    }
}
