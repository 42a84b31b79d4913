//! As-of views: the plan exactly as it stood at a moment, rebuilt from the change history.
//!
//! Every create, update, soft delete, link and unlink wrote change records (field, old and new
//! value, time). Replaying the records up to a moment gives each object's fields as they were
//! then, its `created_at`/`updated_at`, its version (one per recorded change), and whether it
//! was deleted by then; objects created later do not exist yet, objects deleted later are
//! still live. Links and dependencies replay the same way. Tables are rebuilt lazily, once per
//! snapshot. When nothing was recorded after the moment, the plan then is the plan now, and the
//! tables are read as they are (the fast path, e.g. for a report of today). What was never
//! recorded (plans loaded by `koers generate`) has no past: it appears in views from after the
//! last recorded change on, and not before.

use crate::error::{ApiError, ApiResult};
use crate::service::plan::links::{self, LinkSpec};
use crate::service::schedule::{self, Schedule, Settings};
use crate::service::store::crud::PlanEntity;
use chrono::{DateTime, Utc};
use entity::Stamped;
use entity::{
    ChangeAction, baseline, change_record, commitment, commitment_milestone, milestone,
    milestone_dependency,
};
use sea_orm::sea_query::ColumnType;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, IdenStatic, Iterable, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde_json::{Map, Value};
use std::any::Any;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

type Cell = Arc<OnceCell<Arc<dyn Any + Send + Sync>>>;

/// The plan at one moment. Cheap to create; each table is rebuilt on first use.
pub struct Snapshot {
    db: DatabaseConnection,
    at: DateTime<Utc>,
    settings: Settings,
    cache: Mutex<HashMap<String, Cell>>,
    /// Whether nothing was recorded after `at` (then the tables are the plan of `at`).
    current: OnceCell<bool>,
}

impl Snapshot {
    /// The plan as it stood at `at` (inclusive). Its schedule uses the rules of `settings` on
    /// the status date of the moment: the Dutch calendar day of `at`.
    pub fn new(db: DatabaseConnection, at: DateTime<Utc>, settings: Settings) -> Self {
        Self::on(
            db,
            at,
            settings.on(crate::service::schedule::status_date::dutch_day(at)),
        )
    }

    /// The plan as it stood at `at`, scheduled on `settings.status_date` as given (a report of a
    /// fixed status date reads the history up to now: see `report::Request::read_at`).
    pub fn on(db: DatabaseConnection, at: DateTime<Utc>, settings: Settings) -> Self {
        Self {
            db,
            at,
            settings,
            cache: Mutex::new(HashMap::new()),
            current: OnceCell::new(),
        }
    }

    /// Whether the plan at the moment is the plan now: no change recorded after it.
    async fn current(&self) -> ApiResult<bool> {
        let later = self
            .current
            .get_or_try_init(|| async {
                let later = change_record::Entity::find()
                    .select_only()
                    .column(change_record::Column::Id)
                    .filter(change_record::Column::ChangedAt.gt(self.at))
                    .into_tuple::<i64>()
                    .one(&self.db)
                    .await?;
                Ok::<_, ApiError>(later.is_none())
            })
            .await?;
        Ok(*later)
    }

    /// The moment.
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// The status date of the view: the Dutch calendar day of its moment.
    pub fn status_date(&self) -> chrono::NaiveDate {
        self.settings.status_date
    }

    async fn cached<T, F, Fut>(&self, key: &str, load: F) -> ApiResult<Arc<T>>
    where
        T: Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = ApiResult<T>>,
    {
        let cell = {
            let mut cache = self
                .cache
                .lock()
                .map_err(|_| ApiError::Internal("snapshot lock".into()))?;
            cache.entry(key.to_owned()).or_default().clone()
        };
        let value = cell
            .get_or_try_init(|| async {
                Ok::<_, ApiError>(Arc::new(load().await?) as Arc<dyn Any + Send + Sync>)
            })
            .await?
            .clone();
        value
            .downcast::<T>()
            .map_err(|_| ApiError::Internal("snapshot type".into()))
    }

    /// Every object of `E` that existed at the moment (deleted ones with `deleted_at` set),
    /// by id.
    pub async fn all<E: PlanEntity>(&self) -> ApiResult<Arc<Vec<E::Model>>> {
        let current = self.current().await?;
        self.cached(E::NAME, || async move {
            if current {
                Ok(E::find().order_by_asc(E::ID).all(&self.db).await?)
            } else {
                rebuild::<E>(&self.db, self.at).await
            }
        })
        .await
    }

    /// The objects of `E` that were live at the moment, by id.
    pub async fn live<E: PlanEntity>(&self) -> ApiResult<Vec<E::Model>> {
        Ok(self
            .all::<E>()
            .await?
            .iter()
            .filter(|m| m.deleted_at().is_none())
            .cloned()
            .collect())
    }

    /// The pairs (left id, right id) of a link kind at the moment.
    pub async fn links(&self, spec: &LinkSpec) -> ApiResult<Arc<Vec<(i32, i32)>>> {
        let current = self.current().await?;
        self.cached(spec.name, || async {
            if current {
                return link_rows(&self.db, spec).await;
            }
            let set = replay_links(&self.db, self.at, spec).await?;
            Ok(set.into_keys().collect::<Vec<_>>())
        })
        .await
    }

    /// The dependencies at the moment.
    pub async fn dependencies(&self) -> ApiResult<Arc<Vec<milestone_dependency::Model>>> {
        let current = self.current().await?;
        self.cached("dependencies", || async {
            if current {
                return Ok(milestone_dependency::Entity::find().all(&self.db).await?);
            }
            let spec = &links::MILESTONE_DEPENDENCY;
            let set = replay_links(&self.db, self.at, spec).await?;
            Ok(set
                .into_iter()
                .map(|((successor_id, predecessor_id), (lag_days, created_at))| {
                    milestone_dependency::Model {
                        predecessor_id,
                        successor_id,
                        lag_days,
                        created_at,
                    }
                })
                .collect::<Vec<_>>())
        })
        .await
    }

    /// Baselines taken by the moment.
    pub async fn baselines(&self) -> ApiResult<Vec<baseline::Model>> {
        Ok(crate::service::schedule::baselines::all(&self.db)
            .await?
            .into_iter()
            .filter(|b| b.created_at <= self.at)
            .collect())
    }

    /// The schedule of the plan at the moment.
    pub async fn schedule(&self) -> ApiResult<Arc<Schedule>> {
        self.cached("schedule", || async {
            let milestones = self.live::<milestone::Entity>().await?;
            let dependencies = self.dependencies().await?;
            let commitments = self.live::<commitment::Entity>().await?;
            let pairs = self.links(&links::COMMITMENT_MILESTONE).await?;
            let links: Vec<commitment_milestone::Model> = pairs
                .iter()
                .map(
                    |&(commitment_id, milestone_id)| commitment_milestone::Model {
                        commitment_id,
                        milestone_id,
                        created_at: self.at,
                    },
                )
                .collect();
            let latest =
                crate::service::schedule::baseline_dates::latest_dates(&self.db, Some(self.at))
                    .await?;
            let input =
                schedule::Input::from_models(&milestones, &dependencies, &commitments, &links)
                    .with_latest_baselines(&latest);
            Ok(Schedule::compute(input, self.settings))
        })
        .await
    }
}

/// The pairs (left, right) of a link table as it is now, in order.
async fn link_rows(db: &DatabaseConnection, spec: &LinkSpec) -> ApiResult<Vec<(i32, i32)>> {
    use sea_orm::{ConnectionTrait, Statement};
    let sql = format!(
        "SELECT {left}, {right} FROM {table} ORDER BY {left}, {right}",
        left = spec.left,
        right = spec.right,
        table = spec.table
    );
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get_by_index::<i32>(0)?,
                row.try_get_by_index::<i32>(1)?,
            ))
        })
        .collect()
}

/// The state of one object while replaying its records.
struct Replay {
    fields: Map<String, Value>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: i32,
    last_change: Option<(DateTime<Utc>, String)>,
}

/// Rebuild every object of `E` as it stood at `at`.
async fn rebuild<E: PlanEntity>(
    db: &DatabaseConnection,
    at: DateTime<Utc>,
) -> ApiResult<Vec<E::Model>> {
    let records = change_record::Entity::find()
        .filter(change_record::Column::Entity.eq(E::NAME))
        .filter(change_record::Column::ChangedAt.lte(at))
        .order_by_asc(change_record::Column::Id)
        .all(db)
        .await?;
    let kinds: HashMap<String, ColumnType> = E::Column::iter()
        .map(|c| (c.as_str().to_owned(), c.def().get_column_type().clone()))
        .collect();
    let mut objects: BTreeMap<i32, Replay> = BTreeMap::new();
    for r in records {
        let state = objects.entry(r.entity_id).or_insert_with(|| Replay {
            fields: Map::new(),
            created_at: r.changed_at,
            updated_at: r.changed_at,
            version: 1,
            last_change: None,
        });
        if r.action != ChangeAction::Create {
            // One version per recorded change (its records share a time and a request).
            let change = (r.changed_at, r.request_id.clone());
            if state.last_change.as_ref() != Some(&change) {
                state.version += 1;
                state.last_change = Some(change);
            }
        }
        state.updated_at = r.changed_at;
        // Records of what is no column (the dependents listed with a delete) say what
        // happened around the object, not a value of it.
        if let Some(field) = r.field.filter(|f| kinds.contains_key(f)) {
            let value = match (&r.new_value, kinds.get(&field)) {
                (None, _) => Value::Null,
                (Some(text), Some(kind)) => typed(text, kind),
                (Some(text), None) => Value::String(text.clone()),
            };
            state.fields.insert(field, value);
        }
    }
    let mut out = Vec::with_capacity(objects.len());
    for (id, state) in objects {
        let mut fields = state.fields;
        fields.insert("id".into(), Value::from(id));
        fields.insert("version".into(), Value::from(state.version));
        fields.insert(
            "created_at".into(),
            Value::String(state.created_at.to_rfc3339()),
        );
        fields.insert(
            "updated_at".into(),
            Value::String(state.updated_at.to_rfc3339()),
        );
        for name in kinds.keys() {
            let missing = match crate::service::history::record::DERIVED.contains(&name.as_str()) {
                true => Value::String(String::new()),
                false => Value::Null,
            };
            fields.entry(name.clone()).or_insert(missing);
        }
        let mut model = serde_json::from_value::<E::Model>(Value::Object(fields)).map_err(|e| {
            ApiError::Internal(format!(
                "as-of view: {} {id} does not rebuild: {e}",
                E::NAME
            ))
        })?;
        E::derive(&mut model);
        out.push(model);
    }
    Ok(out)
}

/// A recorded value back in the JSON type its column serialises to.
fn typed(text: &str, kind: &ColumnType) -> Value {
    let parsed = match kind {
        ColumnType::TinyInteger
        | ColumnType::SmallInteger
        | ColumnType::Integer
        | ColumnType::BigInteger
        | ColumnType::TinyUnsigned
        | ColumnType::SmallUnsigned
        | ColumnType::Unsigned
        | ColumnType::BigUnsigned
        | ColumnType::Float
        | ColumnType::Double
        | ColumnType::Boolean => serde_json::from_str(text).ok(),
        _ => None,
    };
    parsed.unwrap_or_else(|| Value::String(text.to_owned()))
}

/// Replay the link records of `spec` up to `at`: (left, right) -> (lag in days, linked at).
async fn replay_links(
    db: &DatabaseConnection,
    at: DateTime<Utc>,
    spec: &LinkSpec,
) -> ApiResult<BTreeMap<(i32, i32), (i32, DateTime<Utc>)>> {
    let records = change_record::Entity::find()
        .filter(change_record::Column::Entity.eq(spec.name))
        .filter(change_record::Column::ChangedAt.lte(at))
        .order_by_asc(change_record::Column::Id)
        .all(db)
        .await?;
    let mut set = BTreeMap::new();
    for r in records {
        let (value, linked) = match r.action {
            ChangeAction::Link => (r.new_value, true),
            ChangeAction::Unlink => (r.old_value, false),
            _ => continue,
        };
        let Some((right, lag)) = value.as_deref().and_then(|v| link_value(spec, v)) else {
            continue;
        };
        if linked {
            set.insert((r.entity_id, right), (lag, r.changed_at));
        } else {
            set.remove(&(r.entity_id, right));
        }
    }
    Ok(set)
}

/// The right id (and lag, for dependencies) a link record names.
fn link_value(spec: &LinkSpec, value: &str) -> Option<(i32, i32)> {
    if spec.name == links::MILESTONE_DEPENDENCY.name {
        let json: Value = serde_json::from_str(value).ok()?;
        let right = i32::try_from(json.get(spec.right)?.as_i64()?).ok()?;
        let lag = i32::try_from(json.get("lag_days")?.as_i64()?).ok()?;
        Some((right, lag))
    } else {
        Some((value.parse().ok()?, 0))
    }
}
