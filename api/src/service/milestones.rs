//! Rules of milestones.

use super::Actor;
use super::crud::{Rules, refers};
use super::validate as v;
use crate::error::{ApiError, ApiResult};
use entity::{WorkStatus, milestone, organisation, phase, programme, workstream};
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
        super::overrides::prepare(actor, before, next);
    }

    fn after_write<'a>(
        txn: &'a DatabaseTransaction,
        actor: &'a Actor,
        before: Option<&'a milestone::Model>,
        saved: &'a milestone::Model,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async move {
            super::overrides::check_until(actor, before, saved)?;
            if super::overrides::changed(before, saved) {
                // Better than computed is judged on the plan as it now stands, this change
                // included.
                let schedule = super::schedule::live(txn, actor.rules).await?;
                if let Some(p) = schedule.get(saved.id) {
                    super::overrides::check_reason(before, saved, p.computed)?;
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
        Box::pin(super::dependents::before_delete(txn, actor, model))
    }

    fn before_restore<'a>(
        txn: &'a DatabaseTransaction,
        actor: &'a Actor,
        model: &'a milestone::Model,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async move {
            super::dependents::may_restore(txn, actor, model).await?;
            super::links::no_cycle_on_restore(txn, model.id).await
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
    /// Text in the title or description (case and accents do not matter).
    pub search: Option<String>,
    /// `(true, day)`: only milestones overdue on status date `day`; `(false, day)`: only those
    /// that are not (see [`overdue`]).
    pub overdue: Option<(bool, chrono::NaiveDate)>,
}

/// Whether `m` is overdue on `status_date` (the schedule's rule, [`super::schedule::is_overdue`],
/// which [`list`] also writes as SQL).
pub fn overdue(m: &milestone::Model, status_date: chrono::NaiveDate) -> bool {
    super::schedule::is_overdue(
        m.status,
        m.forecast_date.unwrap_or(m.planned_date),
        status_date,
    )
}

impl MilestoneFilter {
    /// Whether `m` matches, in memory (for as-of views; the same rules as [`list`]).
    pub fn matches(&self, m: &milestone::Model) -> bool {
        let layer_ok = match (self.layer, self.joint) {
            (Some(layer), Some(true)) => m.layer.is_none() || m.layer == Some(layer),
            (Some(layer), _) => m.layer == Some(layer),
            (None, Some(true)) => m.layer.is_none(),
            (None, Some(false)) => m.layer.is_some(),
            (None, None) => true,
        };
        layer_ok
            && self.programme_id.is_none_or(|id| m.programme_id == id)
            && self.phase_id.is_none_or(|id| m.phase_id == Some(id))
            && self
                .workstream_id
                .is_none_or(|id| m.workstream_id == Some(id))
            && super::page::one_of(self.status.as_deref(), &m.status)
            && self.ids.as_ref().is_none_or(|ids| ids.contains(&m.id))
            && self.planned_from.is_none_or(|d| m.planned_date >= d)
            && self.planned_to.is_none_or(|d| m.planned_date <= d)
            && self
                .search
                .as_deref()
                .is_none_or(|t| entity::search::matches(&m.search_text, t))
            && self
                .overdue
                .is_none_or(|(wanted, day)| overdue(m, day) == wanted)
    }
}

/// The live milestones matching `filter`, by planned date.
pub fn list(
    filter: &MilestoneFilter,
    backend: sea_orm::DatabaseBackend,
) -> ApiResult<super::page::Listing<milestone::Entity>> {
    use milestone::Column;
    use sea_orm::sea_query::Condition;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let mut select = super::page::live(milestone::Entity::find())?;
    if let Some(id) = filter.programme_id {
        select = select.filter(Column::ProgrammeId.eq(id));
    }
    select = match (filter.layer, filter.joint) {
        (Some(layer), Some(true)) => select.filter(
            Condition::any()
                .add(Column::Layer.eq(layer))
                .add(Column::Layer.is_null()),
        ),
        (Some(layer), _) => select.filter(Column::Layer.eq(layer)),
        (None, Some(true)) => select.filter(Column::Layer.is_null()),
        (None, Some(false)) => select.filter(Column::Layer.is_not_null()),
        (None, None) => select,
    };
    if let Some(id) = filter.phase_id {
        select = select.filter(Column::PhaseId.eq(id));
    }
    if let Some(id) = filter.workstream_id {
        select = select.filter(Column::WorkstreamId.eq(id));
    }
    if let Some(condition) = super::page::one_of_sql(Column::Status, filter.status.as_deref()) {
        select = select.filter(condition);
    }
    if let Some(ids) = &filter.ids {
        select = select.filter(super::page::id_in(backend, Column::Id, ids));
    }
    if let Some(from) = filter.planned_from {
        select = select.filter(Column::PlannedDate.gte(from));
    }
    if let Some(to) = filter.planned_to {
        select = select.filter(Column::PlannedDate.lte(to));
    }
    if let Some((wanted, day)) = filter.overdue {
        use sea_orm::sea_query::{Expr, ExprTrait, Func};
        let own = Func::coalesce([
            Expr::col(Column::ForecastDate),
            Expr::col(Column::PlannedDate),
        ]);
        let is_overdue = Condition::all()
            .add(Column::Status.is_not_in([WorkStatus::Done, WorkStatus::Cancelled]))
            .add(Expr::expr(own).lt(day));
        select = select.filter(if wanted { is_overdue } else { is_overdue.not() });
    }
    if let Some(text) = &filter.search {
        select = select.filter(super::page::contains_text(
            "filter.search",
            Column::SearchText,
            text,
        )?);
    }
    Ok(super::page::Listing {
        select,
        order: super::page::Order {
            key: Some((Column::PlannedDate, super::page::KeyKind::Date)),
            id: Column::Id,
        },
    })
}
