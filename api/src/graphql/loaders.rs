//! The request's DataLoader: one batched query per relation and request, whatever the page size.
//!
//! One [`PlanLoader`] serves every relation; the type of a key says which (an object of `E` by
//! id, children of `E` by a column, a link table from one side, dependency edges, measurements).
//! The HTTP layer adds one per request ([`Loaders::register`]), so a batch never mixes two
//! requests' keys and each request's statements are counted as its own. It caches nothing.
//! Resolvers use the helper functions at the bottom, never the database directly, for relations.

use crate::error::ApiError;
use crate::service::store::crud::{PlanEntity, column};
use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::{Context, Request};
use entity::Stamped;
use entity::{GovernmentLayer, kpi_measurement, milestone_dependency};
use sea_orm::sea_query::{Alias, Asterisk, Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Statement};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::sync::Arc;

fn internal(err: impl std::fmt::Display) -> Arc<ApiError> {
    Arc::new(ApiError::Internal(err.to_string()))
}

/// The one loader of a request: it reads every relation of the plan from `db`.
pub struct PlanLoader(DatabaseConnection);

/// Implements the traits a DataLoader key needs for a key type generic over an entity, without
/// asking anything of the entity (it is only a marker).
macro_rules! typed_key {
    ($name:ident { $($field:ident: $ty:ty),+ }) => {
        impl<E> Clone for $name<E> {
            fn clone(&self) -> Self {
                *self
            }
        }
        impl<E> Copy for $name<E> {}
        impl<E> PartialEq for $name<E> {
            fn eq(&self, other: &Self) -> bool {
                $(self.$field == other.$field)&&+
            }
        }
        impl<E> Eq for $name<E> {}
        impl<E> Hash for $name<E> {
            fn hash<H: Hasher>(&self, state: &mut H) {
                $(self.$field.hash(state);)+
            }
        }
    };
}

/// Key: the object `id` of `E` (deleted ones included: what cites them stays intact).
pub struct ById<E> {
    id: i32,
    entity: PhantomData<fn() -> E>,
}
typed_key!(ById { id: i32 });

impl<E> ById<E> {
    fn new(id: i32) -> Self {
        Self {
            id,
            entity: PhantomData,
        }
    }
}

impl<E: PlanEntity> Loader<ById<E>> for PlanLoader {
    type Value = E::Model;
    type Error = Arc<ApiError>;

    async fn load(&self, keys: &[ById<E>]) -> Result<HashMap<ById<E>, E::Model>, Self::Error> {
        let rows = E::find()
            .filter(E::ID.is_in(keys.iter().map(|k| k.id)))
            .all(&self.0)
            .await
            .map_err(internal)?;
        Ok(rows.into_iter().map(|m| (ById::new(m.id()), m)).collect())
    }
}

/// Key: the live children of `E` whose integer `column` is `parent`.
pub struct ChildrenOf<E> {
    column: &'static str,
    parent: i32,
    entity: PhantomData<fn() -> E>,
}
typed_key!(ChildrenOf { column: &'static str, parent: i32 });

impl<E> ChildrenOf<E> {
    fn new(column: &'static str, parent: i32) -> Self {
        Self {
            column,
            parent,
            entity: PhantomData,
        }
    }
}

impl<E: PlanEntity> Loader<ChildrenOf<E>> for PlanLoader {
    type Value = Vec<E::Model>;
    type Error = Arc<ApiError>;

    async fn load(
        &self,
        keys: &[ChildrenOf<E>],
    ) -> Result<HashMap<ChildrenOf<E>, Vec<E::Model>>, Self::Error> {
        let mut out: HashMap<ChildrenOf<E>, Vec<E::Model>> =
            keys.iter().map(|k| (*k, Vec::new())).collect();
        let mut by_column: HashMap<&'static str, Vec<i32>> = HashMap::new();
        for key in keys {
            by_column.entry(key.column).or_default().push(key.parent);
        }
        for (name, parents) in by_column {
            let col = column::<E>(name).map_err(Arc::new)?;
            let rows = E::find()
                .filter(col.is_in(parents))
                .filter(E::DELETED_AT.is_null())
                .order_by_asc(E::ID)
                .all(&self.0)
                .await
                .map_err(internal)?;
            for row in rows {
                if let sea_orm::Value::Int(Some(parent)) = sea_orm::ModelTrait::get(&row, col) {
                    out.entry(ChildrenOf::new(name, parent))
                        .or_default()
                        .push(row);
                }
            }
        }
        Ok(out)
    }
}

/// Key: the ids in column `to` of the rows of link table `L` whose column `from` is `id`.
pub struct LinkedTo<L> {
    from: &'static str,
    to: &'static str,
    id: i32,
    table: PhantomData<fn() -> L>,
}
typed_key!(LinkedTo { from: &'static str, to: &'static str, id: i32 });

impl<L> LinkedTo<L> {
    fn new(from: &'static str, to: &'static str, id: i32) -> Self {
        Self {
            from,
            to,
            id,
            table: PhantomData,
        }
    }
}

impl<L> Loader<LinkedTo<L>> for PlanLoader
where
    L: EntityTrait,
    L::Model: Send + Sync,
{
    type Value = Vec<i32>;
    type Error = Arc<ApiError>;

    async fn load(
        &self,
        keys: &[LinkedTo<L>],
    ) -> Result<HashMap<LinkedTo<L>, Vec<i32>>, Self::Error> {
        let mut out: HashMap<LinkedTo<L>, Vec<i32>> =
            keys.iter().map(|k| (*k, Vec::new())).collect();
        let mut groups: HashMap<(&'static str, &'static str), Vec<i32>> = HashMap::new();
        for key in keys {
            groups.entry((key.from, key.to)).or_default().push(key.id);
        }
        for ((from, to), ids) in groups {
            let from_col = column::<L>(from).map_err(Arc::new)?;
            let to_col = column::<L>(to).map_err(Arc::new)?;
            let rows = L::find()
                .filter(from_col.is_in(ids))
                .all(&self.0)
                .await
                .map_err(internal)?;
            for row in rows {
                let (sea_orm::Value::Int(Some(a)), sea_orm::Value::Int(Some(b))) = (
                    sea_orm::ModelTrait::get(&row, from_col),
                    sea_orm::ModelTrait::get(&row, to_col),
                ) else {
                    continue;
                };
                out.entry(LinkedTo::new(from, to, a)).or_default().push(b);
            }
        }
        Ok(out)
    }
}

/// Which end of a dependency a milestone is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DepEnd {
    /// The milestone's predecessors (edges where it is the successor).
    Predecessors,
    /// The milestone's successors.
    Successors,
}

/// Key `(end, milestone id)`: the dependency edges at that end of the milestone.
impl Loader<(DepEnd, i32)> for PlanLoader {
    type Value = Vec<milestone_dependency::Model>;
    type Error = Arc<ApiError>;

    async fn load(
        &self,
        keys: &[(DepEnd, i32)],
    ) -> Result<HashMap<(DepEnd, i32), Vec<milestone_dependency::Model>>, Self::Error> {
        use milestone_dependency::Column;
        let mut out: HashMap<(DepEnd, i32), Vec<milestone_dependency::Model>> =
            keys.iter().map(|k| (*k, Vec::new())).collect();
        for end in [DepEnd::Predecessors, DepEnd::Successors] {
            let ids: Vec<i32> = keys
                .iter()
                .filter(|(e, _)| *e == end)
                .map(|(_, id)| *id)
                .collect();
            if ids.is_empty() {
                continue;
            }
            let col = if end == DepEnd::Predecessors {
                Column::SuccessorId
            } else {
                Column::PredecessorId
            };
            let rows = milestone_dependency::Entity::find()
                .filter(col.is_in(ids))
                .order_by_asc(Column::PredecessorId)
                .order_by_asc(Column::SuccessorId)
                .all(&self.0)
                .await
                .map_err(internal)?;
            for row in rows {
                let id = if end == DepEnd::Predecessors {
                    row.successor_id
                } else {
                    row.predecessor_id
                };
                out.entry((end, id)).or_default().push(row);
            }
        }
        Ok(out)
    }
}

/// Which measurements of a KPI to load: newest first, at most `limit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MeasurementScope {
    /// Only this layer; `None` is every layer (and the overall figures).
    pub layer: Option<GovernmentLayer>,
    /// Periods ending on or after this date.
    pub from: Option<chrono::NaiveDate>,
    /// Periods ending on or before this date.
    pub to: Option<chrono::NaiveDate>,
    /// At most this many per KPI.
    pub limit: u32,
}

/// Key `(KPI id, scope)`: the KPI's measurements, newest first, with a per-KPI limit in one
/// statement.
impl Loader<(i32, MeasurementScope)> for PlanLoader {
    type Value = Vec<kpi_measurement::Model>;
    type Error = Arc<ApiError>;

    async fn load(
        &self,
        keys: &[(i32, MeasurementScope)],
    ) -> Result<HashMap<(i32, MeasurementScope), Vec<kpi_measurement::Model>>, Self::Error> {
        let mut out: HashMap<(i32, MeasurementScope), Vec<kpi_measurement::Model>> =
            keys.iter().map(|k| (*k, Vec::new())).collect();
        let mut scopes: HashMap<MeasurementScope, Vec<i32>> = HashMap::new();
        for (kpi, scope) in keys {
            scopes.entry(*scope).or_default().push(*kpi);
        }
        let backend = self.0.get_database_backend();
        for (scope, kpis) in scopes {
            let stmt = match backend {
                sea_orm::DatabaseBackend::Postgres => newest_lateral(&kpis, scope),
                _ => newest_windowed(backend, kpis, scope),
            };
            let rows = kpi_measurement::Entity::find()
                .from_raw_sql(stmt)
                .all(&self.0)
                .await
                .map_err(internal)?;
            for row in rows {
                out.entry((row.kpi_id, scope)).or_default().push(row);
            }
        }
        Ok(out)
    }
}

/// PostgreSQL: the newest measurements of each KPI through a LATERAL join, so each KPI reads
/// only its first rows from the (kpi_id, period_end, id) index, however long its history is.
fn newest_lateral(kpis: &[i32], scope: MeasurementScope) -> Statement {
    use sea_orm::sea_query::ArrayType;
    let ids = kpis.iter().map(|k| sea_orm::Value::Int(Some(*k))).collect();
    let mut values = vec![sea_orm::Value::Array(ArrayType::Int, Some(Box::new(ids)))];
    let mut sql = String::from(
        "SELECT m.* FROM unnest($1::int4[]) AS k(id) CROSS JOIN LATERAL (SELECT * FROM kpi_measurement \
         WHERE kpi_id = k.id AND deleted_at IS NULL",
    );
    if let Some(layer) = scope.layer {
        values.push(layer.as_str().into());
        sql.push_str(&format!(" AND layer = ${}", values.len()));
    }
    if let Some(from) = scope.from {
        values.push(from.into());
        sql.push_str(&format!(" AND period_end >= ${}", values.len()));
    }
    if let Some(to) = scope.to {
        values.push(to.into());
        sql.push_str(&format!(" AND period_end <= ${}", values.len()));
    }
    values.push(i64::from(scope.limit).into());
    sql.push_str(&format!(
        " ORDER BY period_end DESC, id DESC LIMIT ${}) m",
        values.len()
    ));
    Statement::from_sql_and_values(sea_orm::DatabaseBackend::Postgres, sql, values)
}

/// SQLite (no LATERAL): rank each KPI's measurements with a window function.
fn newest_windowed(
    backend: sea_orm::DatabaseBackend,
    kpis: Vec<i32>,
    scope: MeasurementScope,
) -> Statement {
    use kpi_measurement::Column;
    let mut inner = Query::select();
    inner
        .column(Asterisk)
        .expr_as(
            Expr::cust("ROW_NUMBER() OVER (PARTITION BY kpi_id ORDER BY period_end DESC, id DESC)"),
            Alias::new("rn"),
        )
        .from(kpi_measurement::Entity)
        .and_where(Column::KpiId.is_in(kpis))
        .and_where(Column::DeletedAt.is_null());
    if let Some(layer) = scope.layer {
        inner.and_where(Column::Layer.eq(layer));
    }
    if let Some(from) = scope.from {
        inner.and_where(Column::PeriodEnd.gte(from));
    }
    if let Some(to) = scope.to {
        inner.and_where(Column::PeriodEnd.lte(to));
    }
    let outer = Query::select()
        .column(Asterisk)
        .from_subquery(inner, Alias::new("ranked"))
        .and_where(ExprTrait::lte(Expr::col(Alias::new("rn")), scope.limit))
        .order_by(Column::KpiId, sea_orm::Order::Asc)
        .order_by(Alias::new("rn"), sea_orm::Order::Asc)
        .to_owned();
    backend.build(&outer)
}

/// A loader that fetches as soon as it is asked. Relations are requested for a whole sibling
/// set at once (see `batch.rs`), so waiting for more keys would only add latency.
fn loader_of<T: Send + Sync + 'static>(loader: T) -> DataLoader<T> {
    DataLoader::new(loader, |load| tokio::spawn(crate::telemetry::carry(load)))
        .delay(std::time::Duration::ZERO)
}

/// Adds the request's loader.
pub struct Loaders;

impl Loaders {
    /// Add a fresh [`PlanLoader`], bound to `db`, to `request`.
    pub fn register(request: Request, db: &DatabaseConnection) -> Request {
        request.data(loader_of(PlanLoader(db.clone())))
    }
}

fn loader<'a>(ctx: &'a Context<'_>) -> async_graphql::Result<&'a DataLoader<PlanLoader>> {
    ctx.data::<DataLoader<PlanLoader>>()
}

fn err(e: Arc<ApiError>) -> async_graphql::Error {
    match Arc::try_unwrap(e) {
        Ok(e) => e.into(),
        Err(shared) => ApiError::Internal(format!("{shared:?}")).into(),
    }
}

/// The object `id` of `E` (deleted included), through the request's loader.
pub async fn one<E: PlanEntity>(
    ctx: &Context<'_>,
    id: i32,
) -> async_graphql::Result<Option<E::Model>> {
    loader(ctx)?.load_one(ById::<E>::new(id)).await.map_err(err)
}

/// The objects among `ids` (deleted included: what cites them stays intact), in one batch.
pub async fn by_ids<E: PlanEntity>(
    ctx: &Context<'_>,
    ids: &[i32],
) -> async_graphql::Result<HashMap<i32, E::Model>> {
    let found = loader(ctx)?
        .load_many(ids.iter().map(|id| ById::<E>::new(*id)))
        .await
        .map_err(err)?;
    Ok(found.into_iter().map(|(key, m)| (key.id, m)).collect())
}

/// Live children of `E` whose `column` is one of `parents`, as (parent, child) pairs by child id.
pub async fn children_of<E: PlanEntity>(
    ctx: &Context<'_>,
    column: &'static str,
    parents: &[i32],
) -> async_graphql::Result<Vec<(i32, E::Model)>> {
    let found = loader(ctx)?
        .load_many(parents.iter().map(|p| ChildrenOf::<E>::new(column, *p)))
        .await
        .map_err(err)?;
    Ok(parents
        .iter()
        .flat_map(|p| {
            let rows = found
                .get(&ChildrenOf::new(column, *p))
                .cloned()
                .unwrap_or_default();
            rows.into_iter().map(move |m| (*p, m))
        })
        .collect())
}

/// Live objects of `E` linked to each of `ids` through `L`, as (id, object) pairs in id order.
pub async fn linked_of<L, E>(
    ctx: &Context<'_>,
    from: &'static str,
    to: &'static str,
    ids: &[i32],
) -> async_graphql::Result<Vec<(i32, E::Model)>>
where
    L: EntityTrait,
    L::Model: Send + Sync,
    E: PlanEntity,
{
    let links = loader(ctx)?
        .load_many(ids.iter().map(|id| LinkedTo::<L>::new(from, to, *id)))
        .await
        .map_err(err)?;
    let mut targets: Vec<i32> = links.values().flatten().copied().collect();
    targets.sort_unstable();
    targets.dedup();
    let objects = by_ids::<E>(ctx, &targets).await?;
    let mut out = Vec::new();
    for id in ids {
        let mut right = links
            .get(&LinkedTo::new(from, to, *id))
            .cloned()
            .unwrap_or_default();
        right.sort_unstable();
        out.extend(
            right
                .into_iter()
                .filter_map(|r| objects.get(&r).cloned())
                .filter(|m| m.deleted_at().is_none())
                .map(|m| (*id, m)),
        );
    }
    Ok(out)
}

/// Dependency edges at one end of each of `ids`, leaving out edges to deleted milestones.
pub async fn dependencies_of(
    ctx: &Context<'_>,
    end: DepEnd,
    ids: &[i32],
) -> async_graphql::Result<Vec<(i32, milestone_dependency::Model)>> {
    let found = loader(ctx)?
        .load_many(ids.iter().map(|id| (end, *id)))
        .await
        .map_err(err)?;
    let other = |d: &milestone_dependency::Model| match end {
        DepEnd::Predecessors => d.predecessor_id,
        DepEnd::Successors => d.successor_id,
    };
    let mut others: Vec<i32> = found.values().flatten().map(other).collect();
    others.sort_unstable();
    others.dedup();
    let live = by_ids::<entity::milestone::Entity>(ctx, &others).await?;
    let is_live = |id: i32| live.get(&id).is_some_and(|m| m.deleted_at.is_none());
    Ok(ids
        .iter()
        .flat_map(|id| {
            found
                .get(&(end, *id))
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(move |d| (*id, d))
        })
        .filter(|(_, d)| is_live(other(d)))
        .collect())
}

/// Measurements of each KPI in `ids` within `scope`, newest first.
pub async fn measurements_of(
    ctx: &Context<'_>,
    ids: &[i32],
    scope: MeasurementScope,
) -> async_graphql::Result<Vec<(i32, kpi_measurement::Model)>> {
    let found = loader(ctx)?
        .load_many(ids.iter().map(|id| (*id, scope)))
        .await
        .map_err(err)?;
    Ok(ids
        .iter()
        .flat_map(|id| {
            found
                .get(&(*id, scope))
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(move |m| (*id, m))
        })
        .collect())
}
