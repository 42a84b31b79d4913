//! Sibling batches: how relations resolve in one query per level, whatever the page size.
//!
//! Objects that are produced together (a page of a connection, or every KPI loaded for a page of
//! milestones) share one [`Siblings`] set. The first of them to resolve a relation loads it for
//! all of them at once, through the request's DataLoaders, and wraps the results in a new shared
//! set; the others find it memoised. The number of SQL statements then depends on the shape of
//! the query, never on how many objects a level holds, and no timing window is involved.

use super::loaders;
use crate::service::crud::PlanEntity;
use async_graphql::Context;
use sea_orm::EntityTrait;
use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

type Memo = Arc<OnceCell<Arc<dyn Any + Send + Sync>>>;

/// Models produced together, and the relations already loaded for all of them.
pub struct Siblings<M> {
    models: Vec<Arc<M>>,
    memo: Mutex<HashMap<String, Memo>>,
}

/// A GraphQL object that wraps a model and belongs to a sibling set.
pub trait Batched: Sized + Clone + Send + Sync + 'static {
    /// The wrapped model.
    type Model: Clone + Send + Sync + 'static;

    /// Wrap one model of a set.
    fn wrap(model: Arc<Self::Model>, set: Arc<Siblings<Self::Model>>) -> Self;

    /// Wrap models produced together (one set).
    fn many(models: Vec<Self::Model>) -> Vec<Self> {
        let models: Vec<Arc<Self::Model>> = models.into_iter().map(Arc::new).collect();
        let set = Arc::new(Siblings {
            models: models.clone(),
            memo: Mutex::new(HashMap::new()),
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
        };
        Self::wrap(model, Arc::new(set))
    }
}

impl<M: Clone + Send + Sync + 'static> Siblings<M> {
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
        let map = self
            .memo(key, |models| async move {
                let mut ids: Vec<i32> = models.iter().filter_map(|m| fk(m)).collect();
                ids.sort_unstable();
                ids.dedup();
                let (ids, found): (Vec<i32>, Vec<_>) =
                    loaders::by_ids::<E>(ctx, &ids).await?.into_iter().unzip();
                Ok(ids
                    .into_iter()
                    .zip(T::many(found))
                    .collect::<HashMap<i32, T>>())
            })
            .await?;
        Ok(map.get(&id).cloned())
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
        self.grouped(key, id, |models| async move {
            let parents = unique(models.iter().map(|m| id_of(m)));
            loaders::children_of::<E>(ctx, column, &parents).await
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
        let key = format!("linked:{}:{from}:{to}", L::default().table_name());
        self.grouped(key, id, |models| async move {
            let ids = unique(models.iter().map(|m| id_of(m)));
            loaders::linked_of::<L, E>(ctx, from, to, &ids).await
        })
        .await
    }

    /// Any to-many relation: `load` returns (sibling id, model) pairs for the whole set.
    pub async fn grouped<T, F, Fut>(
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
        let map = self
            .memo(
                key,
                |models| async move { Ok(group::<T>(load(models).await?)) },
            )
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
pub fn group<T: Batched>(rows: Vec<(i32, T::Model)>) -> HashMap<i32, Vec<T>> {
    let (parents, models): (Vec<i32>, Vec<T::Model>) = rows.into_iter().unzip();
    let mut out: HashMap<i32, Vec<T>> = HashMap::new();
    for (parent, item) in parents.into_iter().zip(T::many(models)) {
        out.entry(parent).or_default().push(item);
    }
    out
}
