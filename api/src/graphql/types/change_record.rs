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
    /// The reason given with the update (`changeReason`, the "toelichting"), or null.
    async fn change_reason(&self) -> Option<&str> {
        self.0.change_reason.as_deref()
    }
}
