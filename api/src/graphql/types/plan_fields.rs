//! The fields every plan object has, written once: `id`, `version`, `createdAt`, `updatedAt`,
//! `deletedAt`, and what the caller may do with it (`viewerCanUpdate`, `viewerCanDelete`,
//! `viewerCanRestore`). Each plan type flattens them in as its first fields:
//!
//! ```ignore
//! #[Object]
//! impl Phase {
//!     #[graphql(flatten)]
//!     async fn plan_fields(&self) -> PlanFields<'_, Self> {
//!         PlanFields(self)
//!     }
//!     // the type's own fields
//! }
//! impl PlanObject for Phase {}
//! ```

use crate::graphql::batch::Batched;
use crate::graphql::context::ContextExt;
use crate::service::store::crud::PlanEntity;
use async_graphql::{Context, ID, Object, Result};
use entity::Stamped;
use sea_orm::ModelTrait;
use std::future::Future;

/// A GraphQL wrapper of a plan entity. Beyond the access rules of its entity
/// ([`PlanEntity::may_edit`], [`PlanEntity::may_delete`]), a type may say what else keeps the
/// caller from changing or deleting an object: a published report is frozen, a letter is never
/// edited, a milestone others depend on stays. Both are `false` unless the type says otherwise.
pub trait PlanObject: Batched {
    /// Whether more than the access rules keeps the caller from changing it.
    fn update_blocked(&self, _ctx: &Context<'_>) -> impl Future<Output = Result<bool>> + Send {
        async { Ok(false) }
    }

    /// Whether more than the access rules keeps the caller from deleting or restoring it.
    fn delete_blocked(&self, _ctx: &Context<'_>) -> impl Future<Output = Result<bool>> + Send {
        async { Ok(false) }
    }
}

/// The common fields of the plan object `T` (see the module docs).
pub struct PlanFields<'a, T>(pub &'a T);

impl<T> PlanFields<'_, T>
where
    T: PlanObject,
    T::Model: Stamped + ModelTrait,
    <T::Model as ModelTrait>::Entity: PlanEntity<Row = T::Model>,
{
    fn model(&self) -> &T::Model {
        self.0.model()
    }

    /// Live and not deleted (`deleted`: deleted), and the caller may delete it.
    async fn may_delete_if(&self, ctx: &Context<'_>, deleted: bool) -> Result<bool> {
        Ok(self.model().deleted_at().is_some() == deleted
            && self.0.siblings().source().is_live()
            && <T::Model as ModelTrait>::Entity::may_delete(&ctx.caller(), self.model()).is_ok()
            && !self.0.delete_blocked(ctx).await?)
    }
}

/// The global id of a plan object: the `id` field of the `Node` interface (whose derive calls
/// `global_id(ctx)` on each member).
pub trait GlobalId {
    /// The global id, as the `id` field gives it.
    fn global_id<'a>(&'a self, ctx: &'a Context<'_>) -> impl Future<Output = Result<ID>> + Send;
}

impl<T> GlobalId for T
where
    T: PlanObject,
    T::Model: Stamped + ModelTrait,
    <T::Model as ModelTrait>::Entity: PlanEntity<Row = T::Model>,
{
    async fn global_id<'a>(&'a self, _ctx: &'a Context<'_>) -> Result<ID> {
        Ok(crate::graphql::ids::encode(
            <<T::Model as ModelTrait>::Entity as PlanEntity>::NAME,
            self.model().id(),
        ))
    }
}

/// Each plan type flattens its own instance (`MilestonePlanFields`, ...): the registry holds one
/// Rust type per GraphQL name. None of them stays in the schema, since no field returns one.
impl<T> async_graphql::TypeName for PlanFields<'_, T>
where
    T: PlanObject,
    T::Model: Stamped + ModelTrait,
    <T::Model as ModelTrait>::Entity: PlanEntity<Row = T::Model>,
{
    fn type_name() -> std::borrow::Cow<'static, str> {
        format!(
            "{}PlanFields",
            <<T::Model as ModelTrait>::Entity as PlanEntity>::NAME
        )
        .into()
    }
}

#[Object(name_type)]
impl<T> PlanFields<'_, T>
where
    T: PlanObject,
    T::Model: Stamped + ModelTrait,
    <T::Model as ModelTrait>::Entity: PlanEntity<Row = T::Model>,
{
    /// Global id (use with `node(id:)` and in mutation inputs).
    async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
        self.0.global_id(ctx).await
    }

    /// Version of this object; send it back with an update or delete.
    async fn version(&self) -> i32 {
        self.model().version()
    }

    /// When it was created (UTC).
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.model().created_at()
    }

    /// When it last changed (UTC).
    async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.model().updated_at()
    }

    /// When it was deleted (UTC), or null. Deleted objects still resolve where they are cited.
    async fn deleted_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.model().deleted_at()
    }

    /// Whether the caller may change it (some of it: a layer manager taking part in a
    /// joint milestone changes its dates, status, description and health only): false
    /// when deleted and in an as-of view. From the same access rules as the mutations.
    async fn viewer_can_update(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(self.model().deleted_at().is_none()
            && self.0.siblings().source().is_live()
            && <T::Model as ModelTrait>::Entity::may_edit(&ctx.caller(), self.model()).is_ok()
            && !self.0.update_blocked(ctx).await?)
    }

    /// Whether the caller may delete it: false when deleted, in an as-of view, and
    /// where what depends on it keeps the caller from it (a layer manager's milestone
    /// that other layers' milestones or a commitment depend on).
    async fn viewer_can_delete(&self, ctx: &Context<'_>) -> Result<bool> {
        self.may_delete_if(ctx, false).await
    }

    /// Whether the caller may bring it back (`restore…`): it is deleted, this is the
    /// live plan, and the caller may delete it (what depends on it included).
    async fn viewer_can_restore(&self, ctx: &Context<'_>) -> Result<bool> {
        self.may_delete_if(ctx, true).await
    }
}
