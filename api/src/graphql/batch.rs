//! Sibling batches: how relations resolve in one query per level, whatever the page size.
//!
//! Objects that are produced together (a page of a connection, or every KPI loaded for a page of
//! milestones) share one [`Siblings`] set. The first of them to resolve a relation loads it for
//! all of them at once, through the request's DataLoader, and wraps the results in a new shared
//! set; the others find it memoised. The number of SQL statements then depends on the shape of
//! the query, never on how many objects a level holds, and no timing window is involved.
//!
//! Every object a relation hands to the response counts against the request's budget
//! (`budget.rs`): a query whose lists turn out long fails with `RESULT_TOO_LARGE` instead of
//! building a response of millions of objects.

use super::context::ContextExt;
use super::source::Source;
use crate::service::store::crud::PlanEntity;
use async_graphql::Context;
use sea_orm::EntityTrait;
use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

type Memo = Arc<OnceCell<Arc<dyn Any + Send + Sync>>>;

/// Models produced together, and the relations already loaded for all of them.
///
/// A set carries its [`Source`]: the relations of a set read from an as-of view come from the
/// plan as it stood at that moment (and so do the sets they produce), not from the live tables.
pub struct Siblings<M> {
    models: Vec<Arc<M>>,
    memo: Mutex<HashMap<String, Memo>>,
    source: Source,
}

/// A GraphQL object that wraps a model and belongs to a sibling set.
pub trait Batched: Sized + Clone + Send + Sync + 'static {
    /// The wrapped model.
    type Model: Clone + Send + Sync + 'static;

    /// Wrap one model of a set.
    fn wrap(model: Arc<Self::Model>, set: Arc<Siblings<Self::Model>>) -> Self;

    /// The wrapped model.
    fn model(&self) -> &Self::Model;

    /// The set it was loaded with (and where from: live, or an as-of view).
    fn siblings(&self) -> &Siblings<Self::Model>;

    /// Wrap models produced together (one set).
    fn many(models: Vec<Self::Model>) -> Vec<Self> {
        Self::many_in(models, Source::Live)
    }

    /// Wrap models produced together, read from `source`.
    fn many_in(models: Vec<Self::Model>, source: Source) -> Vec<Self> {
        let models: Vec<Arc<Self::Model>> = models.into_iter().map(Arc::new).collect();
        let set = Arc::new(Siblings {
            models: models.clone(),
            memo: Mutex::new(HashMap::new()),
            source,
        });
        models
            .into_iter()
            .map(|m| Self::wrap(m, set.clone()))
            .collect()
    }

    /// Wrap a model on its own.
    fn one(model: Self::Model) -> Self {
        let model = Arc::new(model);
        let set = Siblings {
            models: vec![model.clone()],
            memo: Mutex::new(HashMap::new()),
            source: Source::Live,
        };
        Self::wrap(model, Arc::new(set))
    }
}

impl<M: Clone + Send + Sync + 'static> Siblings<M> {
    /// Where this set was read from.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// The schedule of the plan this set belongs to: live, or as of its snapshot.
    pub async fn schedule(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Arc<crate::service::schedule::Schedule>> {
        self.source.schedule(ctx).await
    }

    /// The value stored under `key`, computed once for the whole set by `load`.
    pub async fn memo<T, F, Fut>(&self, key: String, load: F) -> async_graphql::Result<Arc<T>>
    where
        T: Send + Sync + 'static,
        F: FnOnce(Vec<Arc<M>>) -> Fut,
        Fut: Future<Output = async_graphql::Result<T>>,
    {
        let cell = {
            let mut memo = self
                .memo
                .lock()
                .map_err(|_| crate::error::ApiError::Internal("memo lock".into()))?;
            memo.entry(key).or_default().clone()
        };
        let value = cell
            .get_or_try_init(|| async {
                let value = load(self.models.clone()).await?;
                Ok::<_, async_graphql::Error>(Arc::new(value) as Arc<dyn Any + Send + Sync>)
            })
            .await?
            .clone();
        value
            .downcast::<T>()
            .map_err(|_| crate::error::ApiError::Internal("memo type".into()).into())
    }

    /// A to-one relation through the foreign key `name`: `fk` reads it from each sibling, `id` is this one's.
    pub async fn to_one<E, T>(
        &self,
        ctx: &Context<'_>,
        name: &str,
        fk: fn(&M) -> Option<i32>,
        id: Option<i32>,
    ) -> async_graphql::Result<Option<T>>
    where
        E: PlanEntity,
        T: Batched<Model = <E as EntityTrait>::Model>,
    {
        let Some(id) = id else { return Ok(None) };
        let key = format!("one:{name}");
        let source = self.source.clone();
        let map = self
            .memo(key, |models| async move {
                let ids = unique(models.iter().filter_map(|m| fk(m)));
                let found = source.by_ids::<E>(ctx, &ids).await?;
                let (ids, found): (Vec<i32>, Vec<_>) = found.into_iter().unzip();
                Ok(ids
                    .into_iter()
                    .zip(T::many_in(found, source))
                    .collect::<HashMap<i32, T>>())
            })
            .await?;
        let found = map.get(&id).cloned();
        ctx.load_objects(usize::from(found.is_some())).await?;
        Ok(found)
    }

    /// Live children of `E` whose `column` points at a sibling (`id_of` gives a sibling's id).
    pub async fn children<E, T>(
        &self,
        ctx: &Context<'_>,
        column: &'static str,
        id_of: fn(&M) -> i32,
        id: i32,
    ) -> async_graphql::Result<Vec<T>>
    where
        E: PlanEntity,
        T: Batched<Model = <E as EntityTrait>::Model>,
    {
        let key = format!("children:{}:{column}", E::NAME);
        let source = self.source.clone();
        self.grouped(ctx, key, id, |models| async move {
            let parents = unique(models.iter().map(|m| id_of(m)));
            source.children::<E>(ctx, column, &parents).await
        })
        .await
    }

    /// Live objects of `E` linked to a sibling through link table `L` (`from` column to `to` column).
    pub async fn linked<L, E, T>(
        &self,
        ctx: &Context<'_>,
        (from, to): (&'static str, &'static str),
        id_of: fn(&M) -> i32,
        id: i32,
    ) -> async_graphql::Result<Vec<T>>
    where
        L: EntityTrait,
        L::Model: Send + Sync,
        E: PlanEntity,
        T: Batched<Model = <E as EntityTrait>::Model>,
    {
        let table = L::default().table_name();
        let key = format!("linked:{table}:{from}:{to}");
        let source = self.source.clone();
        self.grouped(ctx, key, id, |models| async move {
            let ids = unique(models.iter().map(|m| id_of(m)));
            source.linked::<L, E>(ctx, (from, to), &ids).await
        })
        .await
    }

    /// Any to-many relation without a page size: `load` returns (sibling id, model) pairs for
    /// the whole set. What each sibling gets counts against the request's budget: the objects
    /// a response holds, also when one loaded row appears under many parents.
    pub async fn grouped<T, F, Fut>(
        &self,
        ctx: &Context<'_>,
        key: String,
        id: i32,
        load: F,
    ) -> async_graphql::Result<Vec<T>>
    where
        T: Batched,
        F: FnOnce(Vec<Arc<M>>) -> Fut,
        Fut: Future<Output = async_graphql::Result<Vec<(i32, T::Model)>>>,
    {
        let found = self.grouped_paged(key, id, load).await?;
        ctx.load_objects(found.len()).await?;
        Ok(found)
    }

    /// A to-many relation with a page size (`measurements(first:)`), as [`Self::grouped`] but not
    /// counted against the budget: the cost estimate already counted its items, by that size.
    pub async fn grouped_paged<T, F, Fut>(
        &self,
        key: String,
        id: i32,
        load: F,
    ) -> async_graphql::Result<Vec<T>>
    where
        T: Batched,
        F: FnOnce(Vec<Arc<M>>) -> Fut,
        Fut: Future<Output = async_graphql::Result<Vec<(i32, T::Model)>>>,
    {
        let source = self.source.clone();
        let map = self
            .memo(key, |models| async move {
                Ok(group::<T>(load(models).await?, source))
            })
            .await?;
        Ok(map.get(&id).cloned().unwrap_or_default())
    }
}

/// The distinct ids of a set, sorted. One object can sit in a set more than once (a KPI linked
/// to several milestones of the page); its relations must still be loaded once.
pub fn unique(ids: impl Iterator<Item = i32>) -> Vec<i32> {
    let mut ids: Vec<i32> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Group (parent id, model) pairs by parent, wrapping all models as one set.
pub fn group<T: Batched>(rows: Vec<(i32, T::Model)>, source: Source) -> HashMap<i32, Vec<T>> {
    let (parents, models): (Vec<i32>, Vec<T::Model>) = rows.into_iter().unzip();
    let mut out: HashMap<i32, Vec<T>> = HashMap::new();
    for (parent, item) in parents.into_iter().zip(T::many_in(models, source)) {
        out.entry(parent).or_default().push(item);
    }
    out
}
