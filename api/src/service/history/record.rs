//! The append-only change history: one record per changed field, written in the caller's transaction.

use crate::service::Actor;
use entity::{ChangeAction, change_record};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use serde::Serialize;
use serde_json::{Map, Value};

/// Fields computed from other fields on every write (`crud::PlanEntity::derive`): never
/// recorded, and filled in again when an as-of view rebuilds an object.
pub const DERIVED: &[&str] = &["search_text"];

/// Fields that are bookkeeping, not plan content (a report's `content` is frozen in its own row:
/// the history records that the report was made, not the whole document again). The derived
/// ones are left out too.
const SKIPPED: &[&str] = &["id", "version", "created_at", "updated_at", "content"];

/// A change to one field.
struct FieldChange {
    field: String,
    old: Option<String>,
    new: Option<String>,
}

fn as_map<M: Serialize>(model: &M) -> Result<Map<String, Value>, sea_orm::DbErr> {
    match serde_json::to_value(model) {
        Ok(Value::Object(map)) => Ok(map),
        // Never silently write an entity without its history.
        _ => Err(sea_orm::DbErr::Custom(
            "change history: a model did not serialise to an object".into(),
        )),
    }
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// The fields that differ between `before` and `after` (all non-null fields when `before` is None).
fn diff<M: Serialize>(before: Option<&M>, after: &M) -> Result<Vec<FieldChange>, sea_orm::DbErr> {
    let old = before.map(as_map).transpose()?.unwrap_or_default();
    Ok(as_map(after)?
        .into_iter()
        .filter(|(field, _)| {
            !SKIPPED.contains(&field.as_str()) && !DERIVED.contains(&field.as_str())
        })
        .filter_map(|(field, new)| {
            let old_value = old.get(&field).cloned().unwrap_or(Value::Null);
            if old_value == new || (before.is_none() && new.is_null()) {
                None
            } else {
                Some(FieldChange {
                    old: text(&old_value),
                    new: text(&new),
                    field,
                })
            }
        })
        .collect())
}

/// Write the change records for creating, updating or deleting `after`.
pub async fn record_entity<C: ConnectionTrait, M: Serialize>(
    db: &C,
    actor: &Actor,
    entity: &str,
    entity_id: i32,
    action: ChangeAction,
    before: Option<&M>,
    after: &M,
) -> Result<(), sea_orm::DbErr> {
    let changes = diff(before, after)?;
    let records: Vec<change_record::ActiveModel> = changes
        .into_iter()
        .map(|change| {
            record(
                actor,
                entity,
                entity_id,
                action,
                Some(change.field),
                change.old,
                change.new,
            )
        })
        .collect();
    insert_all(db, records).await
}

/// Write the change record of linking or unlinking two objects; `value` identifies the right side.
pub async fn record_link<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    link: &str,
    left_id: i32,
    right_field: &str,
    value: String,
    linked: bool,
) -> Result<(), sea_orm::DbErr> {
    let (action, old, new) = if linked {
        (ChangeAction::Link, None, Some(value))
    } else {
        (ChangeAction::Unlink, Some(value), None)
    };
    insert_all(
        db,
        vec![record(
            actor,
            link,
            left_id,
            action,
            Some(right_field.to_owned()),
            old,
            new,
        )],
    )
    .await
}

/// Write a record of what happened around an object that is none of its fields: `field` names
/// it (e.g. `dependents`, listed when a milestone others depend on is deleted), `value` says
/// it. As-of views skip it when they rebuild the object.
pub async fn record_note<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    entity: &str,
    entity_id: i32,
    action: ChangeAction,
    field: &str,
    value: String,
) -> Result<(), sea_orm::DbErr> {
    insert_all(
        db,
        vec![record(
            actor,
            entity,
            entity_id,
            action,
            Some(field.to_owned()),
            None,
            Some(value),
        )],
    )
    .await
}

fn record(
    actor: &Actor,
    entity: &str,
    entity_id: i32,
    action: ChangeAction,
    field: Option<String>,
    old_value: Option<String>,
    new_value: Option<String>,
) -> change_record::ActiveModel {
    change_record::ActiveModel {
        id: Default::default(),
        entity: Set(entity.to_owned()),
        entity_id: Set(entity_id),
        action: Set(action),
        field: Set(field),
        old_value: Set(old_value),
        new_value: Set(new_value),
        actor: Set(actor.name.clone()),
        changed_at: Set(actor.at),
        request_id: Set(actor.request_id.clone()),
        change_reason: Set(actor.change_reason.clone()),
    }
}

async fn insert_all<C: ConnectionTrait>(
    db: &C,
    records: Vec<change_record::ActiveModel>,
) -> Result<(), sea_orm::DbErr> {
    if records.is_empty() {
        return Ok(());
    }
    change_record::Entity::insert_many(records)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Thing {
        id: i32,
        version: i32,
        title: String,
        note: Option<String>,
    }

    #[test]
    fn diff_of_a_create_lists_every_non_null_field_but_bookkeeping() {
        let after = Thing {
            id: 1,
            version: 1,
            title: "a".into(),
            note: None,
        };
        let changes = diff(None, &after).expect("diff");
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "title");
        assert_eq!(changes[0].new.as_deref(), Some("a"));
    }

    #[test]
    fn diff_of_an_update_lists_only_changed_fields() {
        let before = Thing {
            id: 1,
            version: 1,
            title: "a".into(),
            note: Some("x".into()),
        };
        let after = Thing {
            id: 1,
            version: 2,
            title: "a".into(),
            note: None,
        };
        let changes = diff(Some(&before), &after).expect("diff");
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "note");
        assert_eq!(changes[0].old.as_deref(), Some("x"));
        assert_eq!(changes[0].new, None);
    }
}
