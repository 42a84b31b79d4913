//! Listing the change history: the records about one object (its fields, and its links and
//! dependencies from either side), an entity, an actor or a period. Recording is `history::record`.

use entity::change_record;

/// Which change records to list.
#[derive(Clone, Debug, Default)]
pub struct HistoryFilter {
    /// Records about this object (type name and row id), including its links and dependencies
    /// from either side.
    pub object: Option<(String, i32)>,
    /// Only this entity or link name.
    pub entity: Option<String>,
    /// With `entity`: also the links recorded under objects of that type (a milestone's KPIs,
    /// tasks and predecessors).
    pub with_links: bool,
    /// Only records of these objects (type name and row id): their own fields, creation,
    /// deletion and restoring, and the links recorded under them (a milestone's KPIs, tasks and
    /// predecessors); not the links recorded under another object (a milestone as another's
    /// predecessor).
    pub objects: Option<Vec<(String, i32)>>,
    /// Only this actor.
    pub actor: Option<String>,
    /// Not this actor (another's changes: what a reader did not do themselves).
    pub not_actor: Option<String>,
    /// Only these actions.
    pub actions: Option<Vec<entity::ChangeAction>>,
    /// At or after this moment.
    pub since: Option<chrono::DateTime<chrono::Utc>>,
    /// Before this moment.
    pub until: Option<chrono::DateTime<chrono::Utc>>,
}

/// The change records matching `filter`, oldest first.
pub fn list(filter: &HistoryFilter) -> crate::service::store::page::Listing<change_record::Entity> {
    use crate::service::store::filter::{Cmp, Filter, Operand};
    use change_record::Column;
    let at = |entity: &str, id: i32| {
        Filter::All(vec![
            Filter::eq(Column::Entity, entity),
            Filter::eq(Column::EntityId, id),
        ])
    };
    let mut rows = Filter::every();
    if let Some((kind, id)) = &filter.object {
        let mut about = vec![at(kind, *id)];
        for spec in crate::service::plan::link_kinds::ALL {
            if spec.left_type == kind {
                about.push(at(spec.name, *id));
            }
            if spec.right_type == kind {
                // Plain links store the right id as the value; dependencies a flat JSON object
                // that ends with it.
                let value =
                    if spec.name == crate::service::plan::link_kinds::MILESTONE_DEPENDENCY.name {
                        let tail = format!("\"{}\":{id}}}", spec.right);
                        Filter::Any(vec![
                            Filter::Contains(Column::NewValue, tail.clone()),
                            Filter::Contains(Column::OldValue, tail),
                        ])
                    } else {
                        Filter::Any(vec![
                            Filter::eq(Column::NewValue, id.to_string()),
                            Filter::eq(Column::OldValue, id.to_string()),
                        ])
                    };
                about.push(Filter::All(vec![
                    Filter::eq(Column::Entity, spec.name),
                    Filter::eq(Column::Field, spec.right),
                    value,
                ]));
            }
        }
        rows = rows.and(Filter::Any(about));
    }
    if let Some(objects) = &filter.objects {
        // One condition per type: its entity name, and its ids.
        let mut kinds: std::collections::BTreeMap<&str, Vec<i32>> = Default::default();
        for (kind, id) in objects {
            kinds.entry(kind.as_str()).or_default().push(*id);
        }
        rows = rows.and(Filter::Any(
            kinds
                .into_iter()
                .map(|(kind, ids)| {
                    // The object's own records, and the links recorded under it (left side).
                    let names = recorded_under(kind, true);
                    Filter::All(vec![
                        Filter::one_of(Column::Entity, Some(names.as_slice())),
                        Filter::Ids(Column::EntityId, ids),
                    ])
                })
                .collect(),
        ));
    }
    let moment = |cmp: Cmp| {
        move |t: chrono::DateTime<chrono::Utc>| {
            Filter::Compare(Operand::Column(Column::ChangedAt), cmp, t.into())
        }
    };
    rows = rows
        .and_opt(filter.entity.as_deref(), |e| {
            Filter::one_of(
                Column::Entity,
                Some(recorded_under(e, filter.with_links).as_slice()),
            )
        })
        .and_opt(filter.actor.as_deref(), |a| Filter::eq(Column::Actor, a))
        .and_opt(filter.not_actor.as_deref(), |a| {
            Filter::Not(Box::new(Filter::eq(Column::Actor, a)))
        })
        .and_opt(filter.actions.as_deref(), |actions| {
            Filter::one_of(Column::Action, Some(actions))
        })
        .and_opt(filter.since, moment(Cmp::Gte))
        .and_opt(filter.until, moment(Cmp::Lt));
    crate::service::store::page::Listing {
        filter: rows,
        order: crate::service::store::page::Order {
            key: None,
            id: Column::Id,
        },
    }
}

/// The entity names of the records of objects of type `kind`: its own, and with `links` the
/// links recorded under it (those whose left side is a `kind`).
fn recorded_under(kind: &str, links: bool) -> Vec<String> {
    let mut names = vec![kind.to_owned()];
    if links {
        names.extend(
            crate::service::plan::link_kinds::ALL
                .iter()
                .filter(|spec| spec.left_type == kind)
                .map(|spec| spec.name.to_owned()),
        );
    }
    names
}

/// The moment of the first change ever recorded (the plan's history starts there); none when
/// nothing was recorded (a plan loaded with `koers generate` has no history).
pub async fn first_moment(
    db: &sea_orm::DatabaseConnection,
) -> crate::error::ApiResult<Option<chrono::DateTime<chrono::Utc>>> {
    use sea_orm::{EntityTrait, QueryOrder, QuerySelect};
    let first = change_record::Entity::find()
        .order_by_asc(change_record::Column::Id)
        .limit(1)
        .one(db)
        .await?;
    Ok(first.map(|r| r.changed_at))
}
