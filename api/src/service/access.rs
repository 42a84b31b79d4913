//! Who may do what: the one place koers decides authorization.
//!
//! Every versioned write goes through `crud::create` and `crud::update`, which ask `may_write`
//! with the scope of the object before and after the change; links ask `may_link`; reading
//! draft reports asks `may_read_drafts`. The GraphQL and HTTP layers only say who is calling.

use super::Actor;
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use entity::{GovernmentLayer, Role};

/// Who is calling: an account (a koers token, or an identity token's subject), or anonymous.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    /// The account's name: the actor in the change history.
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// The layer of a layer manager.
    pub layer: Option<GovernmentLayer>,
}

impl Caller {
    /// A caller without a token, where the deployment allows it: read-only.
    pub fn anonymous() -> Self {
        Caller {
            name: "anonymous".to_owned(),
            role: Role::Viewer,
            layer: None,
        }
    }

    /// The caller acting in request `request_id` at `at`, on status date `status_date` (what it
    /// records as done cannot be dated after it).
    pub fn acting(
        &self,
        request_id: String,
        at: DateTime<Utc>,
        status_date: chrono::NaiveDate,
    ) -> Actor {
        Actor {
            name: self.name.clone(),
            role: self.role,
            layer: self.layer,
            request_id,
            at,
            status_date,
            change_reason: None,
            claim: None,
        }
    }
}

/// What a write touches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The plan's structure and shared records: organisations, programmes, phases, workstreams,
    /// KPIs and their targets, data sources and their quality, the recess calendar, commitments
    /// and their letters, baselines.
    Plan,
    /// An item of one government layer; `None` is a joint item of all layers.
    Layer(Option<GovernmentLayer>),
    /// Progress reports.
    Reports,
}

impl Scope {
    fn describe(self) -> String {
        match self {
            Scope::Plan => "the plan's structure".to_owned(),
            Scope::Layer(Some(layer)) => format!("items of layer {}", layer.as_str()),
            Scope::Layer(None) => "joint items (of all layers)".to_owned(),
            Scope::Reports => "progress reports".to_owned(),
        }
    }
}

fn role_name(actor: &Actor) -> String {
    match (actor.role, actor.layer) {
        (Role::LayerManager, Some(layer)) => format!("LAYER_MANAGER of {}", layer.as_str()),
        (role, _) => role.as_str(),
    }
}

fn forbidden(actor: &Actor, what: &str) -> ApiError {
    ApiError::Forbidden(format!(
        "{} ({}) may not change {what}",
        actor.name,
        role_name(actor)
    ))
}

fn allows(actor: &Actor, scope: Scope) -> bool {
    match (actor.role, scope) {
        (Role::Admin, _) => true,
        (Role::ProgrammeManager, Scope::Plan | Scope::Layer(_)) => true,
        (Role::LayerManager, Scope::Layer(Some(layer))) => actor.layer == Some(layer),
        (Role::Reporter, Scope::Reports) => true,
        _ => false,
    }
}

/// May `actor` create, change or delete an object of `scope`?
pub fn may_write(actor: &Actor, scope: Scope) -> ApiResult<()> {
    if allows(actor, scope) {
        Ok(())
    } else {
        Err(forbidden(actor, &scope.describe()))
    }
}

/// May `actor` link (or unlink) two objects? Whoever may change both may link them; a layer
/// manager may also link its own layer's items to joint ones and to shared records (a KPI, a
/// commitment), but never to another layer's items.
pub fn may_link(actor: &Actor, a: Scope, b: Scope) -> ApiResult<()> {
    if allows(actor, a) && allows(actor, b) {
        return Ok(());
    }
    if actor.role == Role::LayerManager {
        let own = |s: Scope| allows(actor, s);
        let shared = |s: Scope| matches!(s, Scope::Plan | Scope::Layer(None));
        if (own(a) && shared(b)) || (own(b) && shared(a)) {
            return Ok(());
        }
    }
    Err(forbidden(
        actor,
        &format!("a link between {} and {}", a.describe(), b.describe()),
    ))
}

/// May an account of `role` see draft (unpublished) reports?
pub fn may_read_drafts(role: Role) -> bool {
    matches!(role, Role::Admin | Role::Reporter)
}

#[cfg(test)]
mod tests {
    use super::*;
    use GovernmentLayer::{Gemeente, Provincie};

    fn actor(role: Role, layer: Option<GovernmentLayer>) -> Actor {
        Actor {
            name: "t".into(),
            role,
            layer,
            request_id: "t".into(),
            at: chrono::DateTime::UNIX_EPOCH,
            status_date: chrono::NaiveDate::MIN,
            change_reason: None,
            claim: None,
        }
    }

    #[test]
    fn each_role_writes_only_its_scope() {
        let gemeente = actor(Role::LayerManager, Some(Gemeente));
        assert!(may_write(&gemeente, Scope::Layer(Some(Gemeente))).is_ok());
        assert!(may_write(&gemeente, Scope::Layer(Some(Provincie))).is_err());
        assert!(may_write(&gemeente, Scope::Layer(None)).is_err());
        assert!(may_write(&gemeente, Scope::Plan).is_err());
        assert!(may_write(&gemeente, Scope::Reports).is_err());
        let pm = actor(Role::ProgrammeManager, None);
        assert!(may_write(&pm, Scope::Plan).is_ok());
        assert!(may_write(&pm, Scope::Reports).is_err());
        let reporter = actor(Role::Reporter, None);
        assert!(may_write(&reporter, Scope::Reports).is_ok());
        assert!(may_write(&reporter, Scope::Layer(Some(Gemeente))).is_err());
        let viewer = actor(Role::Viewer, None);
        for scope in [Scope::Plan, Scope::Reports, Scope::Layer(None)] {
            assert!(may_write(&viewer, scope).is_err());
        }
        // A layer manager without a layer (a broken account) may change nothing.
        let lost = actor(Role::LayerManager, None);
        assert!(may_write(&lost, Scope::Layer(None)).is_err());
    }

    #[test]
    fn a_layer_manager_links_own_items_to_joint_ones_only() {
        let gemeente = actor(Role::LayerManager, Some(Gemeente));
        let own = Scope::Layer(Some(Gemeente));
        assert!(may_link(&gemeente, own, own).is_ok());
        assert!(may_link(&gemeente, own, Scope::Layer(None)).is_ok());
        assert!(may_link(&gemeente, Scope::Plan, own).is_ok());
        assert!(may_link(&gemeente, own, Scope::Layer(Some(Provincie))).is_err());
        assert!(may_link(&gemeente, Scope::Layer(None), Scope::Plan).is_err());
        let viewer = actor(Role::Viewer, None);
        assert!(may_link(&viewer, Scope::Plan, Scope::Plan).is_err());
    }
}
