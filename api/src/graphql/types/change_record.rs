//! `ChangeRecord`: one entry of the append-only change history.

use crate::graphql::enums::ChangeAction;
use async_graphql::Object;
use entity::change_record::Model;

/// One change to one field of one object: who, when, in which request, from what to what.
#[derive(Clone)]
pub struct ChangeRecord(
    pub std::sync::Arc<Model>,
    pub std::sync::Arc<crate::graphql::batch::Siblings<Model>>,
);

super::batched!(ChangeRecord);

impl ChangeRecord {
    /// The other side of a link's record (see `link_kinds::right_side`).
    fn right_side(&self) -> Option<(&'static str, i32, Option<i32>)> {
        let value = match self.0.action {
            entity::ChangeAction::Link => self.0.new_value.as_deref(),
            entity::ChangeAction::Unlink => self.0.old_value.as_deref(),
            _ => None,
        }?;
        crate::service::plan::link_kinds::right_side(&self.0.entity, value)
    }

    /// The object `value` (this record's old or new value) names: a link's other side, or a
    /// reference field's target.
    async fn named(
        &self,
        ctx: &async_graphql::Context<'_>,
        value: Option<&str>,
    ) -> async_graphql::Result<Option<crate::graphql::query::node::Node>> {
        use crate::service::plan::link_kinds::{referenced_type, right_side};
        let Some(value) = value else {
            return Ok(None);
        };
        let target = match self.0.action {
            entity::ChangeAction::Link | entity::ChangeAction::Unlink => {
                right_side(&self.0.entity, value).map(|(kind, row, _)| (kind, row))
            }
            _ => self
                .0
                .field
                .as_deref()
                .and_then(referenced_type)
                .zip(value.trim().parse().ok()),
        };
        match target {
            Some((kind, row)) => crate::graphql::query::node::load(ctx, kind, row).await,
            None => Ok(None),
        }
    }
}

/// One change to one field of one object: who, when, in which request, from what to what.
#[Object]
impl ChangeRecord {
    /// Sequence number of the record (increases with time).
    async fn sequence(&self) -> i64 {
        self.0.id
    }
    /// Type of the changed object, e.g. "Milestone", or a link such as "MilestoneKpi".
    async fn entity(&self) -> &str {
        &self.0.entity
    }
    /// Global id of the changed object (for links: of the left-hand object).
    async fn entity_id(&self) -> async_graphql::ID {
        let kind = crate::service::plan::link_kinds::owner_type(&self.0.entity);
        crate::graphql::ids::encode(kind, self.0.entity_id)
    }
    /// What happened.
    async fn action(&self) -> ChangeAction {
        self.0.action.into()
    }
    /// The field (stored column name), or for links the column of the other side.
    async fn field(&self) -> Option<&str> {
        self.0.field.as_deref()
    }
    /// Value before the change (as text), or null.
    async fn old_value(&self) -> Option<&str> {
        self.0.old_value.as_deref()
    }
    /// Value after the change (as text), or null.
    async fn new_value(&self) -> Option<&str> {
        self.0.new_value.as_deref()
    }
    /// Who made the change.
    async fn actor(&self) -> &str {
        &self.0.actor
    }
    /// When (UTC).
    async fn changed_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.changed_at
    }
    /// The request that made it.
    async fn request_id(&self) -> &str {
        &self.0.request_id
    }
    /// The changed object (for links: the left-hand object, e.g. a dependency's successor),
    /// deleted ones included; null when it cannot be read (a report the caller may not see).
    async fn object(
        &self,
        ctx: &async_graphql::Context<'_>,
    ) -> async_graphql::Result<Option<crate::graphql::query::node::Node>> {
        let kind = crate::service::plan::link_kinds::owner_type(&self.0.entity);
        crate::graphql::query::node::load(ctx, kind, self.0.entity_id).await
    }
    /// The object the old value names: for a reference field (`phase_id`, `owner_organisation_id`,
    /// ...) its old target, for an unlink the object on the other side (a dependency's
    /// predecessor); null otherwise, and when it cannot be read.
    async fn old_object(
        &self,
        ctx: &async_graphql::Context<'_>,
    ) -> async_graphql::Result<Option<crate::graphql::query::node::Node>> {
        self.named(ctx, self.0.old_value.as_deref()).await
    }
    /// The object the new value names: for a reference field its new target, for a link the
    /// object on the other side; null otherwise, and when it cannot be read.
    async fn new_object(
        &self,
        ctx: &async_graphql::Context<'_>,
    ) -> async_graphql::Result<Option<crate::graphql::query::node::Node>> {
        self.named(ctx, self.0.new_value.as_deref()).await
    }
    /// For a dependency's link or unlink: its lag in days (how long after the predecessor the
    /// successor can be reached at the earliest); null for other records.
    async fn lag_days(&self) -> Option<i32> {
        self.right_side().and_then(|(_, _, lag)| lag)
    }
    /// The reason given with the update (`changeReason`, the "toelichting"), or null.
    async fn change_reason(&self) -> Option<&str> {
        self.0.change_reason.as_deref()
    }
}
