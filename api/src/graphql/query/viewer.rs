//! `viewer`: who is calling, so a frontend can show the account and what its role allows.

use crate::graphql::context::ContextExt;
use crate::graphql::enums::{GovernmentLayer, Role};
use crate::service::accounts::access::Caller;
use async_graphql::{Context, Object};

#[derive(Default)]
pub struct ViewerQuery;

#[Object]
impl ViewerQuery {
    /// Who is calling: the account of the request's token (a koers token or an identity
    /// provider's), or the anonymous reader where the deployment allows one
    /// (`--allow-anonymous`).
    async fn viewer(&self, ctx: &Context<'_>) -> Viewer {
        Viewer(ctx.caller())
    }
}

/// The calling account.
pub struct Viewer(Caller);

/// The calling account: its name, role and layer, as the access rules see it.
#[Object]
impl Viewer {
    /// Its name, as the change history records what it does ("anonymous" without a token).
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// What it may do (see the README's role table); an anonymous reader is a `VIEWER`.
    async fn role(&self) -> Role {
        self.0.role.into()
    }
    /// The government layer of a layer manager; null for every other role.
    async fn layer(&self) -> Option<GovernmentLayer> {
        self.0.layer.map(Into::into)
    }
    /// Whether it may create milestones, tasks, measurements and risks of `layer` (null: joint
    /// ones), as `createMilestone` and the like decide.
    async fn can_create_in_layer(
        &self,
        #[graphql(desc = "The layer; leave out for joint items.")] layer: Option<GovernmentLayer>,
    ) -> bool {
        use crate::service::accounts::access;
        access::may_write(&self.0, access::Scope::Layer(layer.map(Into::into))).is_ok()
    }
    /// Whether it may change the plan's structure and shared records (programmes, phases,
    /// KPIs, data sources, the recess calendar, commitments, baselines).
    async fn can_change_plan(&self) -> bool {
        use crate::service::accounts::access;
        access::may_write(&self.0, access::Scope::Plan).is_ok()
    }
    /// Whether it may generate, approve and publish progress reports and see drafts.
    async fn can_write_reports(&self) -> bool {
        use crate::service::accounts::access;
        access::may_write(&self.0, access::Scope::Reports).is_ok()
    }
    /// Whether it may create, list and revoke API tokens.
    async fn can_manage_tokens(&self) -> bool {
        crate::service::accounts::access::may_manage_tokens(&self.0).is_ok()
    }
}
