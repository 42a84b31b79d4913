//! Where a set of objects is read from: the live plan, or the plan as it stood at a moment (an
//! as-of view, rebuilt from the change history). A [`Source`] travels with every set of objects
//! loaded together (`batch::Siblings`, as Sui's GraphQL service carries its `Scope`), so each
//! list and relation is written once: it asks its source for rows, and the source answers from
//! the request's DataLoader or from the snapshot. The two ways of reading live here, one
//! primitive each (an object by id, children, links, dependencies, measurements, recesses, a
//! page of a list, the schedule, the status date); a list's filter is one predicate for both
//! (`service::store::filter`).

use super::context::ContextExt;
use super::loaders::{self, DepEnd, MeasurementScope};
use crate::service::history::as_of::Snapshot;
use crate::service::schedule::Schedule;
use crate::service::store::crud::PlanEntity;
use crate::service::store::page::{self, Listing, Page, PageArgs};
use async_graphql::Context;
use chrono::{DateTime, NaiveDate, Utc};
use entity::Stamped;
use entity::{kpi_measurement, milestone_dependency, recess_period};
use sea_orm::{EntityTrait, ModelTrait};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The plan a set of objects belongs to.
#[derive(Clone, Default)]
pub enum Source {
    /// The plan as it is now.
    #[default]
    Live,
    /// The plan as it stood at the snapshot's moment.
    AsOf(Arc<Snapshot>),
}

impl Source {
    /// The live plan without `as_of`, else the request's view of the plan at that moment.
    pub fn at(ctx: &Context<'_>, as_of: Option<DateTime<Utc>>) -> async_graphql::Result<Self> {
        Ok(match as_of {
            None => Source::Live,
            Some(at) => Source::AsOf(ctx.snapshot(at)?),
        })
    }

    /// Whether this is the live plan (only the live plan can be changed).
    pub fn is_live(&self) -> bool {
        matches!(self, Source::Live)
    }

    /// The schedule of this plan (computed once per request and view).
    pub async fn schedule(&self, ctx: &Context<'_>) -> async_graphql::Result<Arc<Schedule>> {
        match self {
            Source::Live => ctx.schedule().await,
            Source::AsOf(snapshot) => Ok(snapshot.schedule().await?),
        }
    }

    /// The status date of this plan: the live one, or the Dutch calendar day of the moment.
    pub fn status_date(&self, ctx: &Context<'_>) -> async_graphql::Result<NaiveDate> {
        match self {
            Source::Live => ctx.status_date(),
            Source::AsOf(snapshot) => Ok(snapshot.status_date()),
        }
    }

    /// The object `id` of `E`, deleted ones included (what cites them stays intact).
    pub async fn one<E: PlanEntity>(
        &self,
        ctx: &Context<'_>,
        id: i32,
    ) -> async_graphql::Result<Option<E::Model>> {
        Ok(self.by_ids::<E>(ctx, &[id]).await?.remove(&id))
    }

    /// The objects of `E` among `ids` (sorted), deleted ones included.
    pub async fn by_ids<E: PlanEntity>(
        &self,
        ctx: &Context<'_>,
        ids: &[i32],
    ) -> async_graphql::Result<HashMap<i32, E::Model>> {
        match self {
            Source::Live => loaders::by_ids::<E>(ctx, ids).await,
            Source::AsOf(snapshot) => Ok(snapshot
                .all::<E>()
                .await?
                .iter()
                .filter(|m| ids.binary_search(&m.id()).is_ok())
                .map(|m| (m.id(), m.clone()))
                .collect()),
        }
    }

    /// Live objects of `E` whose integer `column` is one of `parents` (sorted), as (parent,
    /// object) pairs in id order.
    pub async fn children<E: PlanEntity>(
        &self,
        ctx: &Context<'_>,
        column: &'static str,
        parents: &[i32],
    ) -> async_graphql::Result<Vec<(i32, E::Model)>> {
        let Source::AsOf(snapshot) = self else {
            return loaders::children_of::<E>(ctx, column, parents).await;
        };
        let col = crate::service::store::crud::column::<E>(column)?;
        let mut rows: Vec<(i32, E::Model)> = snapshot
            .live::<E>()
            .await?
            .into_iter()
            .filter_map(|m| match m.get(col) {
                sea_orm::Value::Int(Some(parent)) if parents.binary_search(&parent).is_ok() => {
                    Some((parent, m))
                }
                _ => None,
            })
            .collect();
        rows.sort_by_key(|(_, m)| m.id());
        Ok(rows)
    }

    /// Live objects of `E` linked to each of `ids` (sorted) through link table `L`, from its
    /// column `from` to its column `to`, as (id, object) pairs.
    pub async fn linked<L, E>(
        &self,
        ctx: &Context<'_>,
        (from, to): (&'static str, &'static str),
        ids: &[i32],
    ) -> async_graphql::Result<Vec<(i32, E::Model)>>
    where
        L: EntityTrait,
        L::Model: Send + Sync,
        E: PlanEntity,
    {
        match self {
            Source::Live => loaders::linked_of::<L, E>(ctx, from, to, ids).await,
            Source::AsOf(snapshot) => {
                let table = L::default().table_name();
                linked_as_of::<E>(snapshot, table, from, ids).await
            }
        }
    }

    /// Dependency edges at one end of each of `ids` (sorted), edges to deleted milestones left
    /// out, as (id, edge) pairs.
    pub async fn dependencies(
        &self,
        ctx: &Context<'_>,
        end: DepEnd,
        ids: &[i32],
    ) -> async_graphql::Result<Vec<(i32, milestone_dependency::Model)>> {
        match self {
            Source::Live => loaders::dependencies_of(ctx, end, ids).await,
            Source::AsOf(snapshot) => dependencies_as_of(snapshot, end, ids).await,
        }
    }

    /// Measurements of each KPI in `ids` (sorted) within `scope`, newest first, as (KPI id,
    /// measurement) pairs.
    pub async fn measurements(
        &self,
        ctx: &Context<'_>,
        ids: &[i32],
        scope: MeasurementScope,
    ) -> async_graphql::Result<Vec<(i32, kpi_measurement::Model)>> {
        match self {
            Source::Live => loaders::measurements_of(ctx, ids, scope).await,
            Source::AsOf(snapshot) => measurements_as_of(snapshot, ids, scope).await,
        }
    }

    /// The live recess periods, by first day.
    pub async fn recesses(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<recess_period::Model>> {
        match self {
            Source::Live => Ok(crate::service::parliament::calendar::all(ctx.db()?).await?),
            Source::AsOf(snapshot) => {
                let mut all = snapshot.live::<recess_period::Entity>().await?;
                all.sort_by_key(|r| r.first_day);
                Ok(all)
            }
        }
    }

    /// One page of `listing` and, when `count` (the query asks for `totalCount`), the number
    /// of rows: SQL on the live plan, the same filter and cursors in memory on an as-of view.
    pub async fn page<E>(
        &self,
        ctx: &Context<'_>,
        listing: Listing<E>,
        args: PageArgs,
        count: bool,
    ) -> async_graphql::Result<(Page<E::Model>, Option<u64>)>
    where
        E: PlanEntity,
        E::Model: Send + Sync,
    {
        match self {
            Source::Live => live_page(ctx, listing, args, count).await,
            Source::AsOf(snapshot) => {
                let filter = listing.filter.resolve(snapshot).await?;
                let models: Vec<E::Model> = snapshot
                    .live::<E>()
                    .await?
                    .into_iter()
                    .filter(|m| filter.test(m))
                    .collect();
                let (page, total) = page::fetch_in_memory(models, &listing.order, args)?;
                Ok((page, Some(total)))
            }
        }
    }
}

/// One page of `listing` from the live tables, and the number of rows when `count`.
pub(crate) async fn live_page<E>(
    ctx: &Context<'_>,
    listing: Listing<E>,
    args: PageArgs,
    count: bool,
) -> async_graphql::Result<(page::Page<E::Model>, Option<u64>)>
where
    E: EntityTrait,
    E::Model: Send + Sync,
{
    let db = ctx.db()?;
    let select = listing.select(db.get_database_backend());
    let total = if count {
        Some(page::count(db, select.clone(), listing.order.id).await?)
    } else {
        None
    };
    Ok((page::fetch(db, select, &listing.order, args).await?, total))
}

/// Objects of `E` linked through link table `table` to each of `ids` (on the `from` side), as
/// they were in an as-of view: (id, linked object) pairs, live ones only, by linked id.
async fn linked_as_of<E: PlanEntity>(
    snapshot: &Snapshot,
    table: &str,
    from: &str,
    ids: &[i32],
) -> async_graphql::Result<Vec<(i32, E::Model)>> {
    use crate::service::plan::link_kinds::ALL;
    let Some(spec) = ALL.iter().find(|s| {
        s.name != crate::service::plan::link_kinds::MILESTONE_DEPENDENCY.name && s.table == table
    }) else {
        return Err(crate::error::ApiError::Internal(format!("no link kind for {table}")).into());
    };
    let forward = spec.left == from;
    let pairs = snapshot.links(spec).await?;
    let objects: HashMap<i32, E::Model> = snapshot
        .live::<E>()
        .await?
        .into_iter()
        .map(|m| (m.id(), m))
        .collect();
    let mut out: Vec<(i32, E::Model)> = pairs
        .iter()
        .map(|&(l, r)| if forward { (l, r) } else { (r, l) })
        .filter(|(mine, _)| ids.binary_search(mine).is_ok())
        .filter_map(|(mine, other)| objects.get(&other).map(|m| (mine, other, m.clone())))
        .map(|(mine, _, m)| (mine, m))
        .collect();
    out.sort_by_key(|(mine, m)| (*mine, m.id()));
    Ok(out)
}

/// Dependency edges at one end of each of `ids` in an as-of view (edges to milestones deleted
/// by then left out).
async fn dependencies_as_of(
    snapshot: &Snapshot,
    end: DepEnd,
    ids: &[i32],
) -> async_graphql::Result<Vec<(i32, milestone_dependency::Model)>> {
    let live: HashSet<i32> = snapshot
        .live::<entity::milestone::Entity>()
        .await?
        .iter()
        .map(|m| m.id)
        .collect();
    let mut out: Vec<(i32, milestone_dependency::Model)> = snapshot
        .dependencies()
        .await?
        .iter()
        .filter_map(|d| {
            let (mine, other) = match end {
                DepEnd::Predecessors => (d.successor_id, d.predecessor_id),
                DepEnd::Successors => (d.predecessor_id, d.successor_id),
            };
            (ids.binary_search(&mine).is_ok() && live.contains(&other)).then(|| (mine, d.clone()))
        })
        .collect();
    out.sort_by_key(|(mine, d)| (*mine, d.predecessor_id, d.successor_id));
    Ok(out)
}

/// Measurements of each KPI in `ids` within `scope` as they stood in an as-of view, newest first
/// (the same order and limit as the live loader).
async fn measurements_as_of(
    snapshot: &Snapshot,
    ids: &[i32],
    scope: MeasurementScope,
) -> async_graphql::Result<Vec<(i32, kpi_measurement::Model)>> {
    let mut all: Vec<kpi_measurement::Model> = snapshot
        .live::<kpi_measurement::Entity>()
        .await?
        .into_iter()
        .filter(|m| ids.binary_search(&m.kpi_id).is_ok())
        .filter(|m| scope.layer.is_none_or(|l| m.layer == Some(l)))
        .filter(|m| scope.from.is_none_or(|d| m.period_end >= d))
        .filter(|m| scope.to.is_none_or(|d| m.period_end <= d))
        .collect();
    all.sort_by_key(|m| (m.kpi_id, std::cmp::Reverse((m.period_end, m.id))));
    let mut out = Vec::new();
    let mut taken: HashMap<i32, u32> = HashMap::new();
    for m in all {
        let n = taken.entry(m.kpi_id).or_default();
        if *n < scope.limit {
            *n += 1;
            out.push((m.kpi_id, m));
        }
    }
    Ok(out)
}
