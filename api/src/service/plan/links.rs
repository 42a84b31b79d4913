//! Links between plan objects (milestone-KPI, milestone-task, task-KPI, KPI-data source,
//! commitment-milestone) and milestone dependencies. Linking is idempotent; every change is recorded.

use crate::error::{ApiError, ApiResult};
use crate::service::accounts::access::{self, Scope};
use crate::service::store::crud::{PlanEntity, column, find_live};
use crate::service::{Actor, history::record};
use entity::{milestone, milestone_dependency};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QuerySelect,
};
use std::collections::{HashMap, HashSet, VecDeque};

pub use crate::service::plan::link_kinds::*;

/// Link (`linked = true`) or unlink two live objects. Returns whether anything changed.
pub async fn set_link<L, A, B>(
    db: &DatabaseConnection,
    actor: &Actor,
    spec: &LinkSpec,
    left_id: i32,
    right_id: i32,
    linked: bool,
) -> ApiResult<bool>
where
    L: EntityTrait,
    L::ActiveModel: ActiveModelTrait<Entity = L> + Send,
    L::Model: Send + Sync,
    A: PlanEntity,
    B: PlanEntity,
{
    let txn = crate::service::begin_write(db).await?;
    let changed = set_link_in::<L, A, B>(&txn, actor, spec, left_id, right_id, linked).await?;
    crate::service::commit(txn, actor).await?;
    Ok(changed)
}

/// `set_link` inside the caller's transaction.
pub async fn set_link_in<L, A, B>(
    txn: &DatabaseTransaction,
    actor: &Actor,
    spec: &LinkSpec,
    left_id: i32,
    right_id: i32,
    linked: bool,
) -> ApiResult<bool>
where
    L: EntityTrait,
    L::ActiveModel: ActiveModelTrait<Entity = L> + Send,
    L::Model: Send + Sync,
    A: PlanEntity,
    B: PlanEntity,
{
    if spec.name == COMMITMENT_MILESTONE.name {
        // Which milestones fulfil a commitment to the Kamer is the programme's decision, and it
        // is decided against deletes of those milestones (`dependents`), under their lock.
        access::may_write(actor, Scope::Plan)?;
        crate::service::lock(txn, "milestone_dependency").await?;
    }
    let a = find_live::<A, _>(txn, left_id).await?;
    let b = find_live::<B, _>(txn, right_id).await?;
    access::may_link(actor, A::scope(&a), B::scope(&b))?;
    let left = column::<L>(spec.left)?;
    let right = column::<L>(spec.right)?;
    let existing = L::find()
        .filter(left.eq(left_id))
        .filter(right.eq(right_id))
        .one(txn)
        .await?;
    let changed = match (existing.is_some(), linked) {
        (false, true) => {
            let mut am = L::ActiveModel::default();
            am.set(left, left_id.into());
            am.set(right, right_id.into());
            am.set(column::<L>("created_at")?, actor.at.into());
            L::insert(am).exec_without_returning(txn).await?;
            true
        }
        (true, false) => {
            L::delete_many()
                .filter(left.eq(left_id))
                .filter(right.eq(right_id))
                .exec(txn)
                .await?;
            true
        }
        _ => false,
    };
    if changed {
        record::record_link(
            txn,
            actor,
            spec.name,
            left_id,
            spec.right,
            right_id.to_string(),
            linked,
        )
        .await?;
    }
    Ok(changed)
}

/// Add (or change the lag of) the finish-to-start dependency `predecessor -> successor`.
pub async fn add_dependency(
    db: &DatabaseConnection,
    actor: &Actor,
    predecessor_id: i32,
    successor_id: i32,
    lag_days: i32,
) -> ApiResult<milestone_dependency::Model> {
    let txn = crate::service::begin_write(db).await?;
    let dependency = add_dependency_in(&txn, actor, predecessor_id, successor_id, lag_days).await?;
    crate::service::commit(txn, actor).await?;
    Ok(dependency)
}

/// `add_dependency` inside the caller's transaction.
pub async fn add_dependency_in(
    txn: &DatabaseTransaction,
    actor: &Actor,
    predecessor_id: i32,
    successor_id: i32,
    lag_days: i32,
) -> ApiResult<milestone_dependency::Model> {
    if predecessor_id == successor_id {
        return Err(ApiError::invalid(
            "successorId",
            "a milestone cannot depend on itself",
        ));
    }
    if !(-365..=365).contains(&lag_days) {
        return Err(ApiError::invalid(
            "lagDays",
            "lagDays must be between -365 and 365",
        ));
    }
    // Two writers must not each add half of a cycle.
    crate::service::lock(txn, "milestone_dependency").await?;
    let predecessor = find_live::<milestone::Entity, _>(txn, predecessor_id).await?;
    let successor = find_live::<milestone::Entity, _>(txn, successor_id).await?;
    // The successor's manager decides what it waits for, from any layer.
    access::may_depend(actor, successor.layer)?;
    if let Some(cycle) = cycle_through(txn, predecessor_id, successor_id).await? {
        let titles = titles(txn, &cycle).await?;
        return Err(ApiError::invalid(
            "predecessorId",
            format!(
                "\"{}\" cannot precede \"{}\": that would close the cycle {}",
                predecessor.title, successor.title, titles
            ),
        ));
    }
    let model = milestone_dependency::Model {
        predecessor_id,
        successor_id,
        lag_days,
        created_at: actor.at,
    };
    let previous = milestone_dependency::Entity::find_by_id((predecessor_id, successor_id))
        .one(txn)
        .await?;
    if let Some(same) = previous.as_ref().filter(|p| p.lag_days == lag_days) {
        return Ok(same.clone());
    }
    milestone_dependency::Entity::insert(milestone_dependency::ActiveModel::from(model.clone()))
        .on_conflict(
            OnConflict::columns([
                milestone_dependency::Column::PredecessorId,
                milestone_dependency::Column::SuccessorId,
            ])
            .update_column(milestone_dependency::Column::LagDays)
            .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    if let Some(old) = &previous {
        record::record_link(
            txn,
            actor,
            MILESTONE_DEPENDENCY.name,
            successor_id,
            MILESTONE_DEPENDENCY.right,
            dependency_value(old),
            false,
        )
        .await?;
    }
    record::record_link(
        txn,
        actor,
        MILESTONE_DEPENDENCY.name,
        successor_id,
        MILESTONE_DEPENDENCY.right,
        dependency_value(&model),
        true,
    )
    .await?;
    Ok(model)
}

/// Remove the dependency `predecessor -> successor`; returns whether it existed.
pub async fn remove_dependency(
    db: &DatabaseConnection,
    actor: &Actor,
    predecessor_id: i32,
    successor_id: i32,
) -> ApiResult<bool> {
    let txn = crate::service::begin_write(db).await?;
    // The successor's manager decides what it waits for, from any layer.
    match milestone::Entity::find_by_id(successor_id)
        .one(&txn)
        .await?
    {
        Some(successor) => access::may_depend(actor, successor.layer)?,
        None => access::may_write(actor, Scope::Plan)?,
    }
    let Some(old) = milestone_dependency::Entity::find_by_id((predecessor_id, successor_id))
        .one(&txn)
        .await?
    else {
        return Ok(false);
    };
    milestone_dependency::Entity::delete_by_id((predecessor_id, successor_id))
        .exec(&txn)
        .await?;
    record::record_link(
        &txn,
        actor,
        MILESTONE_DEPENDENCY.name,
        successor_id,
        MILESTONE_DEPENDENCY.right,
        dependency_value(&old),
        false,
    )
    .await?;
    crate::service::commit(txn, actor).await?;
    Ok(true)
}

fn dependency_value(dep: &milestone_dependency::Model) -> String {
    serde_json::json!({ "predecessor_id": dep.predecessor_id, "lag_days": dep.lag_days })
        .to_string()
}

/// The path `successor -> ... -> predecessor` along existing dependencies, if one exists:
/// adding `predecessor -> successor` would then close a cycle.
async fn cycle_through<C: ConnectionTrait>(
    db: &C,
    predecessor_id: i32,
    successor_id: i32,
) -> ApiResult<Option<Vec<i32>>> {
    let next = live_graph(db, None).await?;
    Ok(path(&next, successor_id, predecessor_id).map(|mut p| {
        p.push(successor_id);
        p
    }))
}

/// Refuse (`CONFLICT`, naming the cycle) to bring back the deleted milestone `id` when its
/// dependencies, which a delete keeps, would close a cycle with dependencies added while it was
/// deleted.
pub async fn no_cycle_on_restore(txn: &DatabaseTransaction, id: i32) -> ApiResult<()> {
    // Two writers must not each bring back half of a cycle.
    crate::service::lock(txn, "milestone_dependency").await?;
    let db = txn;
    let next = live_graph(db, Some(id)).await?;
    for &successor in next.get(&id).map(Vec::as_slice).unwrap_or_default() {
        if let Some(mut cycle) = path(&next, successor, id) {
            cycle.insert(0, id);
            return Err(ApiError::Conflict(format!(
                "the milestone cannot come back: its dependencies would close the cycle {}; remove one of them first",
                titles(db, &cycle).await?
            )));
        }
    }
    Ok(())
}

/// The dependencies between live milestones (and `also`, a deleted one about to come back), as
/// predecessor -> successors.
async fn live_graph<C: ConnectionTrait>(
    db: &C,
    also: Option<i32>,
) -> ApiResult<HashMap<i32, Vec<i32>>> {
    let edges = milestone_dependency::Entity::find().all(db).await?;
    let mut deleted: HashSet<i32> = milestone::Entity::find()
        .select_only()
        .column(milestone::Column::Id)
        .filter(milestone::Column::DeletedAt.is_not_null())
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    if let Some(id) = also {
        deleted.remove(&id);
    }
    let mut next: HashMap<i32, Vec<i32>> = HashMap::new();
    // A deleted milestone is out of the plan: its edges neither close nor name a cycle.
    for edge in edges
        .iter()
        .filter(|e| !deleted.contains(&e.predecessor_id) && !deleted.contains(&e.successor_id))
    {
        next.entry(edge.predecessor_id)
            .or_default()
            .push(edge.successor_id);
    }
    Ok(next)
}

/// Breadth-first path from `from` to `to` in `next`.
pub fn path(next: &HashMap<i32, Vec<i32>>, from: i32, to: i32) -> Option<Vec<i32>> {
    let mut came_from: HashMap<i32, i32> = HashMap::new();
    let mut seen: HashSet<i32> = HashSet::from([from]);
    let mut queue = VecDeque::from([from]);
    while let Some(node) = queue.pop_front() {
        if node == to {
            let mut path = vec![to];
            let mut at = to;
            while let Some(&prev) = came_from.get(&at) {
                path.push(prev);
                at = prev;
            }
            path.reverse();
            return Some(path);
        }
        for &succ in next.get(&node).map(Vec::as_slice).unwrap_or_default() {
            if seen.insert(succ) {
                came_from.insert(succ, node);
                queue.push_back(succ);
            }
        }
    }
    None
}

async fn titles<C: ConnectionTrait>(db: &C, ids: &[i32]) -> ApiResult<String> {
    let rows = milestone::Entity::find()
        .filter(milestone::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let by_id: HashMap<i32, String> = rows.into_iter().map(|m| (m.id, m.title)).collect();
    Ok(ids
        .iter()
        .map(|id| {
            format!(
                "\"{}\"",
                by_id.get(id).cloned().unwrap_or_else(|| id.to_string())
            )
        })
        .collect::<Vec<_>>()
        .join(" -> "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_finds_the_chain_and_nothing_else() {
        let next = HashMap::from([(1, vec![2]), (2, vec![3, 4]), (4, vec![5])]);
        assert_eq!(path(&next, 1, 5), Some(vec![1, 2, 4, 5]));
        assert_eq!(path(&next, 5, 1), None);
        assert_eq!(path(&next, 3, 3), Some(vec![3]));
    }
}
