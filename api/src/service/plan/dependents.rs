//! What depends on a milestone: the live milestones that wait for it and the live commitments
//! to the Kamer it is linked to. Deleting a milestone that other layers' milestones or a
//! commitment depend on is the programme's decision (issue 15): a layer manager is refused
//! (`CONFLICT`, naming them); a programme manager may, and they are listed in the change
//! history with the delete.

use crate::error::{ApiError, ApiResult};
use crate::service::Actor;
use crate::service::accounts::access::{Principal, is_programme_lead};
use entity::{
    ChangeAction, GovernmentLayer, commitment, commitment_milestone, milestone,
    milestone_dependency,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// Something that depends on a milestone.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Dependent {
    /// A milestone that waits for it (a dependency with it as predecessor).
    Milestone {
        /// Its id.
        id: i32,
        /// Its title.
        title: String,
        /// Its layer (None: joint).
        layer: Option<GovernmentLayer>,
    },
    /// A commitment to the Kamer it is linked to.
    Commitment {
        /// Its id.
        id: i32,
        /// Its register number, e.g. "TZ202504-057".
        number: String,
    },
}

impl Dependent {
    fn describe(&self) -> String {
        match self {
            Dependent::Milestone { title, layer, .. } => format!(
                "\"{title}\" ({})",
                layer.map_or("joint".to_owned(), |l| l.as_str())
            ),
            Dependent::Commitment { number, .. } => format!("commitment {number}"),
        }
    }
}

/// The live milestones waiting for milestone `id` and the live commitments linked to it.
pub async fn of<C: ConnectionTrait>(db: &C, id: i32) -> ApiResult<Vec<Dependent>> {
    Ok(of_many(db, &[id]).await?.remove(&id).unwrap_or_default())
}

/// [`of`] for each of `ids` at once (four statements): milestone id → its dependents, the
/// milestones by id, then the commitments by id.
pub async fn of_many<C: ConnectionTrait>(
    db: &C,
    ids: &[i32],
) -> ApiResult<HashMap<i32, Vec<Dependent>>> {
    let edges: Vec<(i32, i32)> = milestone_dependency::Entity::find()
        .filter(milestone_dependency::Column::PredecessorId.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.predecessor_id, d.successor_id))
        .collect();
    let links: Vec<(i32, i32)> = commitment_milestone::Entity::find()
        .filter(commitment_milestone::Column::MilestoneId.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.milestone_id, l.commitment_id))
        .collect();
    let successors: HashMap<i32, milestone::Model> = milestone::Entity::find()
        .filter(milestone::Column::Id.is_in(edges.iter().map(|e| e.1)))
        .filter(milestone::Column::DeletedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let commitments: HashMap<i32, commitment::Model> = commitment::Entity::find()
        .filter(commitment::Column::Id.is_in(links.iter().map(|l| l.1)))
        .filter(commitment::Column::DeletedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let mut out: HashMap<i32, Vec<Dependent>> = HashMap::new();
    let mut sorted_edges = edges;
    sorted_edges.sort_unstable();
    for (id, successor) in sorted_edges {
        if let Some(m) = successors.get(&successor) {
            out.entry(id).or_default().push(Dependent::Milestone {
                id: m.id,
                title: m.title.clone(),
                layer: m.layer,
            });
        }
    }
    let mut sorted_links = links;
    sorted_links.sort_unstable();
    for (id, commitment) in sorted_links {
        if let Some(c) = commitments.get(&commitment) {
            out.entry(id).or_default().push(Dependent::Commitment {
                id: c.id,
                number: c.number.clone(),
            });
        }
    }
    Ok(out)
}

/// Of `dependents` of milestone `m`, those that keep `actor` from deleting it: for a programme
/// manager or administrator none; for anyone else the milestones of other layers (joint ones
/// too) and every commitment.
pub fn blocking<'a>(
    actor: &impl Principal,
    m: &milestone::Model,
    dependents: &'a [Dependent],
) -> Vec<&'a Dependent> {
    if is_programme_lead(actor) {
        return Vec::new();
    }
    dependents
        .iter()
        .filter(|d| match d {
            Dependent::Milestone { layer, .. } => *layer != m.layer || m.layer.is_none(),
            Dependent::Commitment { .. } => true,
        })
        .collect()
}

/// The refusal when `blocking` dependents keep a layer manager from deleting (`what` is
/// "deleted") or restoring ("restored") milestone `m`.
fn refusal(m: &milestone::Model, blocking: &[&Dependent], what: &str) -> ApiError {
    let names: Vec<String> = blocking.iter().map(|d| d.describe()).collect();
    let verb = if names.len() == 1 {
        "depends"
    } else {
        "depend"
    };
    ApiError::Conflict(format!(
        "milestone \"{}\" cannot be {what} by a layer manager: {} {verb} on it; the programme manager decides",
        m.title,
        names.join(", ")
    ))
}

/// What depends on milestone `id`, read under the dependency lock: it cannot change while a
/// delete or restore is decided (a dependency or commitment link added meanwhile waits for the
/// lock and then sees the result).
async fn locked(txn: &DatabaseTransaction, id: i32) -> ApiResult<Vec<Dependent>> {
    crate::service::lock(txn, "milestone_dependency").await?;
    of(txn, id).await
}

/// Before the deleted milestone `m` comes back: refuse (`CONFLICT`, naming them) when what
/// depends on it would keep `actor` from deleting it (a layer manager does not undo a
/// programme manager's decision).
pub async fn may_restore(
    txn: &DatabaseTransaction,
    actor: &Actor,
    m: &milestone::Model,
) -> ApiResult<()> {
    let dependents = locked(txn, m.id).await?;
    let blocking = blocking(actor, m, &dependents);
    if blocking.is_empty() {
        Ok(())
    } else {
        Err(refusal(m, &blocking, "restored"))
    }
}

/// Before milestone `m` is deleted: refuse (`CONFLICT`, naming them) when dependents keep
/// `actor` from it; otherwise list every dependent in the change history with the delete.
pub async fn before_delete(
    txn: &DatabaseTransaction,
    actor: &Actor,
    m: &milestone::Model,
) -> ApiResult<()> {
    let dependents = locked(txn, m.id).await?;
    let db = txn;
    let blocking = blocking(actor, m, &dependents);
    if !blocking.is_empty() {
        return Err(refusal(m, &blocking, "deleted"));
    }
    if !dependents.is_empty() {
        let listed = serde_json::to_string(&dependents)
            .map_err(|e| ApiError::Internal(format!("dependents: {e}")))?;
        crate::service::history::record::record_note(
            db,
            actor,
            "Milestone",
            m.id,
            ChangeAction::Delete,
            "dependents",
            listed,
        )
        .await?;
    }
    Ok(())
}
