//! Who may do what: the one place koers decides authorization.
//!
//! Every versioned write goes through `crud`, which asks the entity's `PlanEntity::may_edit`,
//! `may_update` and `may_delete` (by default [`may_write`] with the object's [`Scope`] before
//! and after the change; milestones have their own field rules in [`milestone`]); links ask
//! [`may_link`], dependencies [`may_depend`]; reading draft reports asks [`may_read_drafts`].
//! The GraphQL `viewerCan…` fields ask the same functions. The GraphQL and HTTP layers only say
//! who is calling. The README's role table states these rules; the authorization matrix test
//! checks each of them.

pub mod milestone;

use crate::error::{ApiError, ApiResult};
use crate::service::Actor;
use chrono::{DateTime, Utc};
use entity::{GovernmentLayer, Role};

/// Whoever the rules are asked about: an account acting now ([`Actor`]) or a reader asking
/// what it may do ([`Caller`]).
pub trait Principal {
    /// The account's name, as errors name it.
    fn name(&self) -> &str;
    /// What it may do.
    fn role(&self) -> Role;
    /// The layer of a layer manager.
    fn layer(&self) -> Option<GovernmentLayer>;
}

impl Principal for Actor {
    fn name(&self) -> &str {
        &self.name
    }
    fn role(&self) -> Role {
        self.role
    }
    fn layer(&self) -> Option<GovernmentLayer> {
        self.layer
    }
}

impl Principal for Caller {
    fn name(&self) -> &str {
        &self.name
    }
    fn role(&self) -> Role {
        self.role
    }
    fn layer(&self) -> Option<GovernmentLayer> {
        self.layer
    }
}

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
            rules: crate::service::schedule_rules(status_date),
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
    /// The letters to the Kamer that answer a commitment (postponement, fulfilment), and what
    /// they change of it: programme managers and reporters (the letter a report calls for).
    Letters,
}

impl Scope {
    fn describe(self) -> String {
        match self {
            Scope::Plan => "the plan's structure and shared records (programmes, phases, KPIs, data sources, the recess calendar, commitments, baselines)".to_owned(),
            Scope::Layer(Some(layer)) => format!("items of layer {}", layer.as_str()),
            Scope::Layer(None) => "joint items (of all layers)".to_owned(),
            Scope::Reports => "progress reports".to_owned(),
            Scope::Letters => "letters to the Kamer about a commitment".to_owned(),
        }
    }
}

fn role_name(actor: &impl Principal) -> String {
    match (actor.role(), actor.layer()) {
        (Role::LayerManager, Some(layer)) => format!("LAYER_MANAGER of {}", layer.as_str()),
        (role, _) => role.as_str(),
    }
}

fn forbidden(actor: &impl Principal, what: &str) -> ApiError {
    ApiError::Forbidden(format!(
        "{} ({}) may not change {what}",
        actor.name(),
        role_name(actor)
    ))
}

fn allows(actor: &impl Principal, scope: Scope) -> bool {
    match (actor.role(), scope) {
        (Role::Admin, _) => true,
        (Role::ProgrammeManager, Scope::Plan | Scope::Layer(_) | Scope::Letters) => true,
        (Role::LayerManager, Scope::Layer(Some(layer))) => actor.layer() == Some(layer),
        (Role::Reporter, Scope::Reports | Scope::Letters) => true,
        _ => false,
    }
}

/// Whether `actor` is a programme manager or an administrator: who changes what belongs to the
/// programme as a whole (a milestone's baseline and deadline, a joint milestone's layers).
pub fn is_programme_lead(actor: &impl Principal) -> bool {
    matches!(actor.role(), Role::Admin | Role::ProgrammeManager)
}

/// May `actor` create, change or delete an object of `scope`?
pub fn may_write(actor: &impl Principal, scope: Scope) -> ApiResult<()> {
    if allows(actor, scope) {
        Ok(())
    } else {
        Err(forbidden(actor, &scope.describe()))
    }
}

/// May `actor` link (or unlink) two objects? Whoever may change both may link them; a layer
/// manager may also link its own layer's items to joint ones and to shared records (a KPI, a
/// commitment), but never to another layer's items.
pub fn may_link(actor: &impl Principal, a: Scope, b: Scope) -> ApiResult<()> {
    if allows(actor, a) && allows(actor, b) {
        return Ok(());
    }
    if actor.role() == Role::LayerManager {
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

/// May `actor` add or remove a dependency of milestone `successor` (of `successor` layer, None
/// for joint) on any predecessor? The manager of a milestone decides what it waits for: whoever
/// may change the successor, whatever the predecessor's layer. Adding a successor to another
/// layer's milestone stays with that layer (or the programme manager).
pub fn may_depend(actor: &impl Principal, successor: Option<GovernmentLayer>) -> ApiResult<()> {
    if allows(actor, Scope::Layer(successor)) {
        Ok(())
    } else {
        Err(forbidden(
            actor,
            &format!(
                "what {} wait for (the dependencies of a milestone belong to its manager)",
                Scope::Layer(successor).describe()
            ),
        ))
    }
}

/// What the schedule says a commitment needs now (from its `CommitmentRisk`): the letters a
/// report calls for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LettersCalledFor {
    /// The Kamer needs a postponement letter (a linked milestone projected past the deadline,
    /// or a missed deadline with the work not done).
    pub postponement: bool,
    /// The work is done: what is missing is the fulfilment letter.
    pub fulfilment: bool,
}

/// May `actor` record a letter of `kind` about a commitment for which the schedule calls for
/// `called`? Programme managers and admins: any letter. A reporter: the letter a report calls
/// for; the rest of a commitment stays the programme's.
pub fn may_record_letter(
    actor: &impl Principal,
    kind: entity::LetterKind,
    called: LettersCalledFor,
) -> ApiResult<()> {
    may_write(actor, Scope::Letters)?;
    if is_programme_lead(actor) {
        return Ok(());
    }
    let called_for = match kind {
        entity::LetterKind::Postponement => called.postponement,
        entity::LetterKind::Fulfilment => called.fulfilment,
    };
    if called_for {
        Ok(())
    } else {
        Err(ApiError::Forbidden(format!(
            "{} ({}) records only the letter a report calls for: this commitment needs no {} letter now; the programme manager records other letters",
            actor.name(),
            role_name(actor),
            match kind {
                entity::LetterKind::Postponement => "postponement",
                entity::LetterKind::Fulfilment => "fulfilment",
            }
        )))
    }
}

/// May `actor` create, list and revoke API tokens? Administrators only.
pub fn may_manage_tokens(actor: &impl Principal) -> ApiResult<()> {
    if actor.role() == Role::Admin {
        Ok(())
    } else {
        Err(ApiError::Forbidden(format!(
            "{} ({}) may not see or manage API tokens: only an administrator does",
            actor.name(),
            role_name(actor)
        )))
    }
}

/// May an account of `role` see draft (unpublished) reports?
pub fn may_read_drafts(role: Role) -> bool {
    matches!(role, Role::Admin | Role::Reporter)
}

/// An actor of `role` (and `layer`) for the unit tests of the rules.
#[cfg(test)]
fn test_actor(role: Role, layer: Option<GovernmentLayer>) -> Actor {
    Caller {
        name: "t".into(),
        role,
        layer,
    }
    .acting(
        "t".into(),
        chrono::DateTime::UNIX_EPOCH,
        chrono::NaiveDate::MIN,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use GovernmentLayer::{Gemeente, Provincie};

    fn actor(role: Role, layer: Option<GovernmentLayer>) -> Actor {
        test_actor(role, layer)
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
