//! Who may change what of a milestone.
//!
//! - Whoever may write its layer ([`crate::service::accounts::access::may_write`]) may change all of it: an administrator,
//!   a programme manager, the layer manager of its layer.
//! - A layer manager of a layer that takes part in a joint milestone
//!   (`participating_layers`) may change its dates (planned, forecast, actual), status,
//!   description and health override: the shared work, not what it is (title, kind, phase,
//!   owner, layers) and not its deletion.
//! - Its baseline date and its deadline (date and text) belong to the programme: set when it is
//!   created, changed afterwards only by a programme manager or an administrator, and only with
//!   a `changeReason`.

use crate::error::{ApiError, ApiResult};
use crate::service::Actor;
use crate::service::accounts::access::{Principal, Scope, allows, forbidden, is_programme_lead};
use entity::milestone::Model;

/// How much of a milestone a caller may change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Right {
    /// Everything its layer's writers may change.
    All,
    /// The shared work of a joint milestone its layer takes part in.
    SharedWork,
    /// Nothing.
    None,
}

/// What `actor` may change of `m`.
pub fn right(actor: &impl Principal, m: &Model) -> Right {
    if allows(actor, Scope::Layer(m.layer)) {
        Right::All
    } else if m.layer.is_none()
        && actor.role() == entity::Role::LayerManager
        && actor
            .layer()
            .is_some_and(|layer| m.participants().contains(&layer))
    {
        Right::SharedWork
    } else {
        Right::None
    }
}

/// May `actor` change anything of `m`? (Asked before its version is compared, so a caller
/// who may not gets FORBIDDEN, never CONFLICT; and by `viewerCanUpdate`.)
pub fn may_edit(actor: &impl Principal, m: &Model) -> ApiResult<()> {
    match right(actor, m) {
        Right::None => Err(forbidden(actor, &describe(m))),
        Right::All | Right::SharedWork => Ok(()),
    }
}

/// May `actor` delete (or restore) `m` as far as its layer goes? (Whether other layers depend
/// on it is `service::plan::dependents`' part of the rule, which needs the database.)
pub fn may_delete(actor: &impl Principal, m: &Model) -> ApiResult<()> {
    match right(actor, m) {
        Right::All => Ok(()),
        Right::SharedWork | Right::None => {
            Err(forbidden(actor, &format!("whether {} exists", describe(m))))
        }
    }
}

/// May `actor` change `before` into `after`? The field rules of this module; a protected
/// field changed without a `changeReason` is BAD_USER_INPUT at `changeReason`.
pub fn may_update(actor: &Actor, before: &Model, after: &Model) -> ApiResult<()> {
    match right(actor, before) {
        Right::None => return Err(forbidden(actor, &describe(before))),
        Right::SharedWork => {
            let shared_work = Model {
                planned_date: after.planned_date,
                forecast_date: after.forecast_date,
                actual_date: after.actual_date,
                status: after.status,
                description: after.description.clone(),
                health_override: after.health_override,
                health_override_reason: after.health_override_reason.clone(),
                health_override_until: after.health_override_until,
                ..before.clone()
            };
            if &shared_work != after {
                return Err(forbidden(
                    actor,
                    &format!(
                        "more than the dates, status, description and health of {} (the rest belongs to the programme)",
                        describe(before)
                    ),
                ));
            }
        }
        Right::All => {
            crate::service::accounts::access::may_write(actor, Scope::Layer(after.layer))?
        }
    }
    let protected = before.baseline_date != after.baseline_date
        || before.deadline_date != after.deadline_date
        || before.deadline_text != after.deadline_text
        || before.participating_layers != after.participating_layers;
    if protected {
        if !is_programme_lead(actor) {
            return Err(forbidden(
                actor,
                "a milestone's baseline date, deadline or taking-part layers (they belong to the programme: a programme manager changes them)",
            ));
        }
        if actor.change_reason.is_none() {
            return Err(ApiError::invalid(
                "changeReason",
                "changing a baseline date, a deadline or the layers that take part needs a changeReason",
            ));
        }
    }
    Ok(())
}

fn describe(m: &Model) -> String {
    match m.layer {
        Some(layer) => format!("milestone \"{}\" of layer {}", m.title, layer.as_str()),
        None => format!("joint milestone \"{}\"", m.title),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use entity::GovernmentLayer::{Gemeente, Provincie, Rijk};
    use entity::{GovernmentLayer, Role};

    fn actor(role: Role, layer: Option<GovernmentLayer>, reason: Option<&str>) -> Actor {
        Actor {
            change_reason: reason.map(str::to_owned),
            ..crate::service::accounts::access::test_actor(role, layer)
        }
    }

    fn milestone(layer: Option<GovernmentLayer>, participants: &str) -> Model {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or_default();
        Model {
            id: 7,
            title: "M".into(),
            baseline_date: day,
            planned_date: day,
            participating_layers: participants.into(),
            ..crate::service::store::filter::tests::milestone(layer)
        }
    }

    #[test]
    fn a_taking_part_layer_changes_the_shared_work_and_nothing_else() {
        let joint = milestone(None, "PROVINCIE,GEMEENTE");
        let gemeente = actor(Role::LayerManager, Some(Gemeente), None);
        assert_eq!(right(&gemeente, &joint), Right::SharedWork);
        assert_eq!(
            right(&actor(Role::LayerManager, Some(Rijk), None), &joint),
            Right::None
        );
        let mut moved = joint.clone();
        moved.forecast_date = chrono::NaiveDate::from_ymd_opt(2026, 7, 1);
        moved.status = entity::WorkStatus::InProgress;
        moved.description = "Uitgesteld".into();
        assert!(may_update(&gemeente, &joint, &moved).is_ok());
        let mut renamed = joint.clone();
        renamed.title = "Anders".into();
        assert!(may_update(&gemeente, &joint, &renamed).is_err());
        let mut fewer = joint.clone();
        fewer.participating_layers = "GEMEENTE".into();
        assert!(may_update(&gemeente, &joint, &fewer).is_err());
        assert!(may_delete(&gemeente, &joint).is_err());
        // Without named layers, a joint milestone is the programme's alone.
        assert_eq!(right(&gemeente, &milestone(None, "")), Right::None);
    }

    #[test]
    fn the_baseline_and_the_deadline_are_the_programmes_and_need_a_reason() {
        let own = milestone(Some(Gemeente), "");
        let mut rebased = own.clone();
        rebased.baseline_date = chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap_or_default();
        let mut deadline = own.clone();
        deadline.deadline_text = Some("voor het zomerreces 2026".into());
        for next in [&rebased, &deadline] {
            let manager = actor(Role::LayerManager, Some(Gemeente), Some("replan"));
            assert!(matches!(
                may_update(&manager, &own, next),
                Err(ApiError::Forbidden(_))
            ));
            let lead = actor(Role::ProgrammeManager, None, None);
            assert!(matches!(
                may_update(&lead, &own, next),
                Err(ApiError::Invalid { .. })
            ));
            let lead = actor(Role::ProgrammeManager, None, Some("herplanning"));
            assert!(may_update(&lead, &own, next).is_ok());
        }
        let manager = actor(Role::LayerManager, Some(Gemeente), None);
        let mut planned = own.clone();
        planned.planned_date = rebased.baseline_date;
        assert!(may_update(&manager, &own, &planned).is_ok());
        assert!(may_update(&manager, &own, &milestone(Some(Provincie), "")).is_err());
    }
}
