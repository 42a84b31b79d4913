//! Listing the change history: the records about one object (its fields, and its links and
//! dependencies from either side), an entity, an actor or a period. Recording is `history`.

use entity::change_record;
use sea_orm::EntityTrait;

/// Which change records to list.
#[derive(Clone, Debug, Default)]
pub struct HistoryFilter {
    /// Records about this object (type name and row id), including its links and dependencies
    /// from either side.
    pub object: Option<(String, i32)>,
    /// Only this entity or link name.
    pub entity: Option<String>,
    /// Only this actor.
    pub actor: Option<String>,
    /// At or after this moment.
    pub since: Option<chrono::DateTime<chrono::Utc>>,
    /// Before this moment.
    pub until: Option<chrono::DateTime<chrono::Utc>>,
}

/// The change records matching `filter`, oldest first.
pub fn list(filter: &HistoryFilter) -> super::page::Listing<change_record::Entity> {
    use change_record::Column;
    use sea_orm::sea_query::Condition;
    use sea_orm::{ColumnTrait, QueryFilter};
    let mut select = change_record::Entity::find();
    if let Some((kind, id)) = &filter.object {
        let mut about = Condition::any().add(
            Condition::all()
                .add(Column::Entity.eq(kind.as_str()))
                .add(Column::EntityId.eq(*id)),
        );
        for spec in super::link_kinds::ALL {
            if spec.left_type == kind {
                about = about.add(
                    Condition::all()
                        .add(Column::Entity.eq(spec.name))
                        .add(Column::EntityId.eq(*id)),
                );
            }
            if spec.right_type == kind {
                // Plain links store the right id as the value; dependencies a JSON object.
                let value = if spec.name == super::link_kinds::MILESTONE_DEPENDENCY.name {
                    Condition::any()
                        .add(Column::NewValue.like(format!("%\"{}\":{id}}}", spec.right)))
                        .add(Column::OldValue.like(format!("%\"{}\":{id}}}", spec.right)))
                } else {
                    Condition::any()
                        .add(Column::NewValue.eq(id.to_string()))
                        .add(Column::OldValue.eq(id.to_string()))
                };
                about = about.add(
                    Condition::all()
                        .add(Column::Entity.eq(spec.name))
                        .add(Column::Field.eq(spec.right))
                        .add(value),
                );
            }
        }
        select = select.filter(about);
    }
    if let Some(entity) = &filter.entity {
        select = select.filter(Column::Entity.eq(entity.as_str()));
    }
    if let Some(actor) = &filter.actor {
        select = select.filter(Column::Actor.eq(actor.as_str()));
    }
    if let Some(since) = filter.since {
        select = select.filter(Column::ChangedAt.gte(since));
    }
    if let Some(until) = filter.until {
        select = select.filter(Column::ChangedAt.lt(until));
    }
    super::page::Listing {
        select,
        order: super::page::Order {
            key: None,
            id: Column::Id,
        },
    }
}
