//! Generic persistence of plan entities: create, versioned update and soft delete, each with its
//! change records in the same transaction.
//!
//! Every plan table has `id`, `version`, `created_at`, `updated_at` and `deleted_at`; these
//! functions rely on that and on nothing else of the entity.

use crate::error::{ApiError, ApiResult};
use crate::service::accounts::access::{self, Scope};
use crate::service::{Actor, Versioned, history::record};
use entity::{ChangeAction, StampColumns, Stamped};
use futures::future::BoxFuture;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, FromQueryResult, IntoActiveModel, ModelTrait, QueryFilter,
    TryIntoModel,
};
use serde::Serialize;

/// A plan entity managed through this module.
pub trait PlanEntity:
    EntityTrait<Model = <Self as PlanEntity>::Row, ActiveModel = <Self as PlanEntity>::Draft>
    + StampColumns
{
    /// The model (`Self::Model`), with the bounds the generic code needs.
    type Row: ModelTrait<Entity = Self>
        + Stamped
        + FromQueryResult
        + Serialize
        + serde::de::DeserializeOwned
        + Clone
        + PartialEq
        + IntoActiveModel<Self::Draft>
        + Send
        + Sync;
    /// The active model (`Self::ActiveModel`).
    type Draft: ActiveModelTrait<Entity = Self>
        + ActiveModelBehavior
        + TryIntoModel<Self::Row>
        + Send
        + Sync
        + From<Self::Row>;
    /// The GraphQL type name, used in change records and errors.
    const NAME: &'static str;

    /// Whose an object is, for authorization: the plan's by default.
    fn scope(_model: &Self::Row) -> Scope {
        Scope::Plan
    }

    /// May `actor` change anything of `model`? Asked before the version is compared (so a
    /// caller who may not gets FORBIDDEN, never CONFLICT) and by `viewerCanUpdate`. By default:
    /// whoever may write its scope.
    fn may_edit(actor: &impl access::Principal, model: &Self::Row) -> ApiResult<()> {
        access::may_write(actor, Self::scope(model))
    }

    /// May `actor` change `before` into `after`? By default: whoever may write both scopes, so
    /// a layer manager can neither take another layer's item nor hand its own to another layer.
    fn may_update(actor: &Actor, before: &Self::Row, after: &Self::Row) -> ApiResult<()> {
        access::may_write(actor, Self::scope(before))?;
        access::may_write(actor, Self::scope(after))
    }

    /// May `actor` delete or restore `model` (as far as the object alone tells)? By default:
    /// whoever may write its scope.
    fn may_delete(actor: &impl access::Principal, model: &Self::Row) -> ApiResult<()> {
        access::may_write(actor, Self::scope(model))
    }

    /// Fill the columns computed from others (`record::DERIVED`, e.g. `search_text`): before
    /// every write, and when an as-of view rebuilds the object. Nothing by default.
    fn derive(_model: &mut Self::Row) {}
}

pub use crate::service::store::columns::column;

/// Find a live (not deleted) object or fail with NOT_FOUND.
pub async fn find_live<E, C>(db: &C, id: i32) -> ApiResult<E::Model>
where
    E: PlanEntity,
    C: ConnectionTrait,
{
    find_live_opt::<E, C>(db, id)
        .await?
        .ok_or_else(|| ApiError::not_found(E::NAME, id))
}

/// A live (not deleted) object, or none.
pub async fn find_live_opt<E, C>(db: &C, id: i32) -> ApiResult<Option<E::Model>>
where
    E: PlanEntity,
    C: ConnectionTrait,
{
    Ok(E::find()
        .filter(E::ID.eq(id))
        .filter(E::DELETED_AT.is_null())
        .one(db)
        .await?)
}

/// Fail with BAD_USER_INPUT at `field` unless a live object with `id` exists.
pub async fn ensure_exists<E, C>(db: &C, field: &str, id: i32) -> ApiResult<()>
where
    E: PlanEntity,
    C: ConnectionTrait,
{
    match find_live::<E, C>(db, id).await {
        Ok(_) => Ok(()),
        Err(ApiError::NotFound { .. }) => Err(ApiError::invalid(
            field,
            format!("{} {id} does not exist", E::NAME),
        )),
        Err(other) => Err(other),
    }
}

/// Insert a new object (version 1) with its change records.
pub async fn create<E, C>(db: &C, actor: &Actor, model: E::Model) -> ApiResult<E::Model>
where
    E: PlanEntity,
    C: ConnectionTrait,
{
    access::may_write(actor, E::scope(&model))?;
    let mut model = model;
    E::derive(&mut model);
    model.stamp(1, actor.at, Some(actor.at));
    model.set_deleted_at(None);
    let mut am = model.into_active_model().reset_all();
    am.not_set(E::ID);
    let saved: E::Model = am.insert(db).await?;
    record::record_entity(
        db,
        actor,
        E::NAME,
        saved.id(),
        ChangeAction::Create,
        None,
        &saved,
    )
    .await?;
    Ok(saved)
}

/// Replace `current` by `next` when the stored version is still `current`'s; records what changed.
///
/// The version check is part of the UPDATE's WHERE clause, so two writers holding the same
/// version cannot both win, on either database.
pub async fn update<E, C>(
    db: &C,
    actor: &Actor,
    current: &E::Model,
    next: E::Model,
    action: ChangeAction,
) -> ApiResult<Versioned<E::Model>>
where
    E: PlanEntity,
    C: ConnectionTrait,
{
    E::may_update(actor, current, &next)?;
    write_update::<E, C>(db, actor, current, next, action).await
}

/// [`update`] without asking who may: for a change that follows from one already allowed (a
/// letter moving its commitment's deadline, a soft delete or a restore).
async fn write_update<E, C>(
    db: &C,
    actor: &Actor,
    current: &E::Model,
    next: E::Model,
    action: ChangeAction,
) -> ApiResult<Versioned<E::Model>>
where
    E: PlanEntity,
    C: ConnectionTrait,
{
    let (id, version) = (current.id(), current.version());
    let mut next = next;
    E::derive(&mut next);
    next.stamp(version + 1, actor.at, None);
    let mut am = next.into_active_model().reset_all();
    am.not_set(E::ID);
    am.not_set(E::CREATED_AT);
    let result = E::update_many()
        .set(am)
        .filter(E::ID.eq(id))
        .filter(E::VERSION.eq(version))
        .exec(db)
        .await?;
    let saved = find_any::<E, C>(db, id).await?;
    if result.rows_affected != 1 {
        return Ok(Versioned::Conflict(saved));
    }
    record::record_entity(db, actor, E::NAME, id, action, Some(current), &saved).await?;
    Ok(Versioned::Applied(saved))
}

/// Soft-delete: set `deleted_at`, keep the row, its history and everything that cites it (its
/// links and dependencies stay, so a restore brings them back as they were). The caller
/// ([`delete_checked`]) has asked who may.
async fn soft_delete<E, C>(
    db: &C,
    actor: &Actor,
    current: &E::Model,
) -> ApiResult<Versioned<E::Model>>
where
    E: PlanEntity,
    C: ConnectionTrait,
{
    let mut next = current.clone();
    next.set_deleted_at(Some(actor.at));
    write_update::<E, C>(db, actor, current, next, ChangeAction::Delete).await
}

/// Write `next` (a change that follows from one already allowed, e.g. the commitment a letter
/// answers) without asking who may; recorded as an update.
pub(in crate::service) async fn follow_up<E, C>(
    db: &C,
    actor: &Actor,
    current: &E::Model,
    next: E::Model,
) -> ApiResult<Versioned<E::Model>>
where
    E: PlanEntity,
    C: ConnectionTrait,
{
    write_update::<E, C>(db, actor, current, next, ChangeAction::Update).await
}

/// Load any object by id, deleted or not.
async fn find_any<E: PlanEntity, C: ConnectionTrait>(db: &C, id: i32) -> ApiResult<E::Model> {
    E::find()
        .filter(E::ID.eq(id))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::Internal(format!("{} {id} vanished", E::NAME)))
}

/// Mark each entity as a plan entity with its GraphQL name and, where it is not the plan's,
/// its authorization scope; `access` names a module of field rules (`may_edit`, `may_update`,
/// `may_delete`) that replace the scope's.
macro_rules! plan_entities {
    ($($module:ident => $name:literal $(scope $scope:expr)? $(; search $search:expr)? $(; access $access:path)?),+ $(,)?) => {
        $(impl PlanEntity for entity::$module::Entity {
            type Row = entity::$module::Model;
            type Draft = entity::$module::ActiveModel;
            const NAME: &'static str = $name;
            $(fn scope(model: &Self::Row) -> Scope {
                let scope: fn(&Self::Row) -> Scope = $scope;
                scope(model)
            })?
            $(fn derive(model: &mut Self::Row) {
                let parts: fn(&Self::Row) -> Vec<&str> = $search;
                model.search_text = entity::search::search_text(&parts(model));
            })?
            $(
            fn may_edit(actor: &impl access::Principal, model: &Self::Row) -> ApiResult<()> {
                use $access as rules;
                rules::may_edit(actor, model)
            }
            fn may_update(actor: &Actor, before: &Self::Row, after: &Self::Row) -> ApiResult<()> {
                use $access as rules;
                rules::may_update(actor, before, after)
            }
            fn may_delete(actor: &impl access::Principal, model: &Self::Row) -> ApiResult<()> {
                use $access as rules;
                rules::may_delete(actor, model)
            }
            )?
        })+
    };
}

// `search`: the fields of an entity's `search_text` (`entity::search`); migration
// m20261130_000010 filled existing rows from the same columns.
plan_entities!(
    organisation => "Organisation",
    programme => "Programme",
    phase => "Phase",
    workstream => "Workstream",
    milestone => "Milestone" scope |m| Scope::Layer(m.layer);
        search |m| vec![&m.title, &m.description];
        access access::milestone,
    kpi => "Kpi"; search |k| vec![&k.code, &k.name, &k.definition],
    kpi_target => "KpiTarget",
    kpi_measurement => "KpiMeasurement" scope |m| Scope::Layer(m.layer),
    data_source => "DataSource"; search |s| vec![&s.name, &s.description],
    data_quality_assessment => "DataQualityAssessment",
    data_infra_task => "DataInfraTask" scope |m| Scope::Layer(m.layer),
    recess_period => "RecessPeriod",
    commitment => "Commitment",
    commitment_letter => "CommitmentLetter" scope |_| Scope::Letters,
    progress_report => "ProgressReport" scope |_| Scope::Reports,
    risk => "Risk" scope |r| Scope::Layer(r.layer),
);

/// Domain rules of one entity, checked on every create and update.
pub trait Rules: PlanEntity {
    /// Rules on the object alone (lengths, ranges, date order).
    fn validate(model: &Self::Model) -> ApiResult<()>;

    /// The dates of what has happened, by input field (a milestone's actual date, a task's
    /// completion, a letter's sending): none may be after the status date, since the plan
    /// cannot know of it yet. Checked by [`create_in`] and [`update_checked`] for dates that
    /// are new or changed (a stored date is left alone).
    fn happened(_model: &Self::Model) -> Vec<(&'static str, Option<chrono::NaiveDate>)> {
        Vec::new()
    }

    /// Rules that need the database, such as references to live objects. `before` is the stored
    /// object on an update (None on a create): a reference that did not change is not checked
    /// again, so deleting a phase does not freeze its milestones.
    fn check<'a>(
        _txn: &'a DatabaseTransaction,
        _model: &'a Self::Model,
        _before: Option<&'a Self::Model>,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async { Ok(()) })
    }

    /// Fill what follows from a change before it is checked (a milestone's override gets its
    /// default end). Nothing by default.
    fn prepare(_actor: &Actor, _before: Option<&Self::Model>, _next: &mut Self::Model) {}

    /// Rules on the plan as it stands after the write, in the same transaction (a failure rolls
    /// it back): a milestone's override better than its computed health needs a full reason.
    fn after_write<'a>(
        _txn: &'a DatabaseTransaction,
        _actor: &'a Actor,
        _before: Option<&'a Self::Model>,
        _saved: &'a Self::Model,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async { Ok(()) })
    }

    /// What must hold, or be recorded, before `model` is deleted: a milestone others depend on.
    fn before_delete<'a>(
        _txn: &'a DatabaseTransaction,
        _actor: &'a Actor,
        _model: &'a Self::Model,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async { Ok(()) })
    }

    /// What must hold before `model` comes back: a milestone's dependencies close no cycle,
    /// and whoever brings it back may delete it again (what depends on it decides, as for a
    /// delete: a layer manager does not undo a programme manager's delete of a milestone other
    /// layers depend on).
    fn before_restore<'a>(
        _txn: &'a DatabaseTransaction,
        _actor: &'a Actor,
        _model: &'a Self::Model,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async { Ok(()) })
    }
}

/// Fail with BAD_USER_INPUT at `field` unless `id` (when set and changed from `before`) refers to
/// a live object of `E`.
pub async fn refers<E: PlanEntity>(
    txn: &DatabaseTransaction,
    field: &str,
    id: Option<i32>,
    before: Option<Option<i32>>,
) -> ApiResult<()> {
    match id {
        Some(id) if before != Some(Some(id)) => ensure_exists::<E, _>(txn, field, id).await,
        _ => Ok(()),
    }
}

/// Refuse (`BAD_USER_INPUT` at the field) a date of something that happened (see
/// [`Rules::happened`]) after the actor's status date, unless it is the one already stored.
pub fn not_after_status_date<E: Rules>(
    actor: &Actor,
    model: &E::Model,
    before: Option<&E::Model>,
) -> ApiResult<()> {
    let stored = before.map(E::happened).unwrap_or_default();
    for (field, day) in E::happened(model) {
        let Some(day) = day else { continue };
        if stored.contains(&(field, Some(day))) {
            continue;
        }
        if day > actor.status_date {
            return Err(ApiError::invalid(
                field,
                format!(
                    "{field} {day} is after today ({}): what has not happened yet cannot be recorded",
                    actor.status_date
                ),
            ));
        }
    }
    Ok(())
}

/// What the database decides of an object being written, filled in inside the write's
/// transaction before the rules run: a deadline from the recess its phrase names
/// (`parliament::calendar::Deadline`). Resolvers only say what to fill; the service reads.
#[async_trait::async_trait]
pub trait Fill<M>: Send {
    /// Fill `model` from what `txn` reads; an error ends the write (nothing is saved).
    async fn fill(self: Box<Self>, txn: &DatabaseTransaction, model: &mut M) -> ApiResult<()>;
}

/// What a caller gives to create an object of `E`: the object's own fields, without the
/// bookkeeping (id, version, timestamps, deletion) and derived columns (`search_text`), which
/// the service sets. Each entity's is `New{Type}` beside its rules (`plan::milestones::
/// NewMilestone`, ...); [`create_new`] and [`create_new_in`] take it.
#[async_trait::async_trait]
pub trait New<E: PlanEntity>: Send {
    /// The row to insert, its bookkeeping still blank. What the database decides is resolved
    /// in `txn`, the write's transaction (a deadline from the recess calendar); an error ends
    /// the write.
    async fn into_row(self, txn: &DatabaseTransaction) -> ApiResult<E::Row>;
}

/// Create `new` in one transaction: resolved, validated, checked, stored and recorded.
pub async fn create_new<E: Rules>(
    db: &DatabaseConnection,
    actor: &Actor,
    new: impl New<E>,
) -> ApiResult<E::Model> {
    let txn = crate::service::begin_write(db).await?;
    let saved = create_new_in::<E>(&txn, actor, new).await?;
    crate::service::commit(txn, actor).await?;
    Ok(saved)
}

/// [`create_new`] inside the caller's transaction.
pub async fn create_new_in<E: Rules>(
    txn: &DatabaseTransaction,
    actor: &Actor,
    new: impl New<E>,
) -> ApiResult<E::Model> {
    let row = new.into_row(txn).await?;
    create_in::<E>(txn, actor, row).await
}

/// Validate and insert `model` in one transaction (for a row the service builds itself, as a
/// report; a caller's new object comes through [`create_new`]).
pub async fn create_checked<E: Rules>(
    db: &DatabaseConnection,
    actor: &Actor,
    model: E::Model,
) -> ApiResult<E::Model> {
    let txn = crate::service::begin_write(db).await?;
    let saved = create_in::<E>(&txn, actor, model).await?;
    crate::service::commit(txn, actor).await?;
    Ok(saved)
}

/// Validate and insert `model` inside the caller's transaction.
pub(in crate::service) async fn create_in<E: Rules>(
    txn: &DatabaseTransaction,
    actor: &Actor,
    model: E::Model,
) -> ApiResult<E::Model> {
    let mut model = model;
    E::prepare(actor, None, &mut model);
    E::validate(&model)?;
    not_after_status_date::<E>(actor, &model, None)?;
    E::check(txn, &model, None).await?;
    let saved = create::<E, _>(txn, actor, model).await?;
    E::after_write(txn, actor, None, &saved).await?;
    Ok(saved)
}

/// Apply `change` to the live object `id` when the client's `version` is current; validate; save.
pub async fn update_checked<E, F>(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    change: F,
) -> ApiResult<Versioned<E::Model>>
where
    E: Rules,
    F: FnOnce(&mut E::Model) -> ApiResult<()> + Send,
{
    update_filled::<E, F>(db, actor, id, version, change, None).await
}

/// [`update_checked`], with `fill` applied after `change`, inside the transaction.
pub async fn update_filled<E, F>(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    change: F,
    fill: Option<Box<dyn Fill<E::Model>>>,
) -> ApiResult<Versioned<E::Model>>
where
    E: Rules,
    F: FnOnce(&mut E::Model) -> ApiResult<()> + Send,
{
    let txn = crate::service::begin_write(db).await?;
    let current = find_live::<E, _>(&txn, id).await?;
    // Whether the caller may change it at all comes first: a stale version from someone who
    // may not is FORBIDDEN, not CONFLICT (which would invite a retry).
    E::may_edit(actor, &current)?;
    if current.version() != version {
        return Ok(Versioned::Conflict(current));
    }
    let mut next = current.clone();
    change(&mut next)?;
    if let Some(fill) = fill {
        fill.fill(&txn, &mut next).await?;
    }
    E::prepare(actor, Some(&current), &mut next);
    if next == current {
        // Nothing to change: no new version, no history, no conflict for other clients.
        return Ok(Versioned::Applied(current));
    }
    // Who may change what comes before whether the change is valid: a refused field is
    // FORBIDDEN, whatever else is wrong with it.
    E::may_update(actor, &current, &next)?;
    E::validate(&next)?;
    not_after_status_date::<E>(actor, &next, Some(&current))?;
    E::check(&txn, &next, Some(&current)).await?;
    // Who may was asked above, before validation.
    let outcome = write_update::<E, _>(&txn, actor, &current, next, ChangeAction::Update).await?;
    if let Versioned::Applied(saved) = &outcome {
        E::after_write(&txn, actor, Some(&current), saved).await?;
    }
    crate::service::commit(txn, actor).await?;
    Ok(outcome)
}

/// Soft-delete the live object `id` when the client's `version` is current.
pub async fn delete_checked<E: Rules>(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
) -> ApiResult<Versioned<E::Model>> {
    let txn = crate::service::begin_write(db).await?;
    let current = find_live::<E, _>(&txn, id).await?;
    E::may_delete(actor, &current)?;
    if current.version() != version {
        return Ok(Versioned::Conflict(current));
    }
    E::before_delete(&txn, actor, &current).await?;
    let outcome = soft_delete::<E, _>(&txn, actor, &current).await?;
    // A delete that lost the race keeps nothing of its own (not the dependents it recorded).
    if matches!(outcome, Versioned::Applied(_)) {
        crate::service::commit(txn, actor).await?;
    }
    Ok(outcome)
}

/// Bring back the deleted object `id` when the client's `version` is current: whoever may
/// delete it may restore it. Its links and dependencies come back as they were (a delete keeps
/// them); the rules of a create are checked again (a reference to what was deleted meanwhile,
/// an overlapping recess, a dependency cycle closed meanwhile are refused). Recorded in the
/// history as a `RESTORE` of `deletedAt`.
pub async fn restore_checked<E: Rules>(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
) -> ApiResult<Versioned<E::Model>> {
    let txn = crate::service::begin_write(db).await?;
    let current = E::find()
        .filter(E::ID.eq(id))
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found(E::NAME, id))?;
    E::may_delete(actor, &current)?;
    if current.deleted_at().is_none() {
        return Err(ApiError::Conflict(format!(
            "this {} is not deleted: there is nothing to restore",
            E::NAME
        )));
    }
    if current.version() != version {
        return Ok(Versioned::Conflict(current));
    }
    let mut next = current.clone();
    next.set_deleted_at(None);
    E::validate(&next)?;
    // Every reference is checked as for a create: nothing comes back under a deleted
    // programme, phase or KPI (restore that first).
    E::check(&txn, &next, None).await?;
    E::before_restore(&txn, actor, &next).await?;
    let outcome = write_update::<E, _>(&txn, actor, &current, next, ChangeAction::Restore).await?;
    if matches!(outcome, Versioned::Applied(_)) {
        crate::service::commit(txn, actor).await?;
    }
    Ok(outcome)
}
