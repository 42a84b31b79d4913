//! The mutation root: one module per domain, merged into `Mutation`.
//!
//! Conventions: `createX(input)` returns `CreateXPayload { x }`; `updateX(input)` and
//! `deleteX(input)` take the `version` the client last saw and return `{ status, x }`, where
//! `status: CONFLICT` means nothing changed and `x` is the current object. Invalid input,
//! missing objects and the like are errors with `extensions.code`.

mod baselines;
mod kpis;
mod letters;
mod links;
mod milestones;
mod parliament;
mod plan;
mod reports;
mod restore;
mod risks;
mod sources;
mod tokens;

use crate::error::{ApiError, ApiResult};
use crate::graphql::context::ContextExt;
use crate::graphql::enums::MutationStatus;
use crate::graphql::ids;
use crate::service::Versioned;
use crate::service::store::crud::{self, Rules};
use async_graphql::{Context, ID, MaybeUndefined, MergedObject};

/// Everything a client can change.
#[derive(MergedObject, Default)]
pub struct Mutation(
    plan::PlanMutation,
    milestones::MilestoneMutation,
    kpis::KpiMutation,
    sources::DataMutation,
    parliament::ParliamentMutation,
    letters::LetterMutation,
    baselines::BaselineMutation,
    reports::ReportMutation,
    links::LinkMutation,
    risks::RiskMutation,
    restore::RestoreMutation,
    tokens::TokenMutation,
);

/// The payload of a change that answers with a status: OK when applied, CONFLICT when the
/// version sent was stale. `$what` completes "Result of … a Type" ("updating", "approving").
macro_rules! status_payload {
    ($ty:ident, $field:ident, $name:ident, $what:literal) => {
        #[doc = concat!("Result of ", $what, " a ", stringify!($ty), ".")]
        pub struct $name(pub crate::graphql::enums::MutationStatus, pub $ty);

        #[doc = concat!("Result of ", $what, " a ", stringify!($ty), ".")]
        #[async_graphql::Object]
        impl $name {
            /// OK when applied; CONFLICT when the version sent was stale (nothing changed).
            async fn status(&self) -> crate::graphql::enums::MutationStatus {
                self.0
            }
            #[doc = concat!("The ", stringify!($ty), " as it now stands.")]
            async fn $field(&self) -> &$ty {
                &self.1
            }
        }
    };
}
pub(crate) use status_payload;

/// Payload types of one entity: create, and update/delete with a status.
macro_rules! payloads {
    ($ty:ident, $field:ident, $create:ident, $update:ident, $delete:ident) => {
        #[doc = concat!("Result of creating a ", stringify!($ty), ".")]
        pub struct $create(pub $ty);

        #[doc = concat!("Result of creating a ", stringify!($ty), ".")]
        #[async_graphql::Object]
        impl $create {
            #[doc = concat!("The new ", stringify!($ty), ".")]
            async fn $field(&self) -> &$ty {
                &self.0
            }
        }

        crate::graphql::mutation::status_payload!($ty, $field, $update, "updating");

        #[doc = concat!("Result of deleting a ", stringify!($ty), ".")]
        pub struct $delete(pub crate::graphql::enums::MutationStatus, pub $ty);

        #[doc = concat!("Result of deleting a ", stringify!($ty), ".")]
        #[async_graphql::Object]
        impl $delete {
            /// OK when deleted; CONFLICT when the version sent was stale (nothing changed).
            async fn status(&self) -> crate::graphql::enums::MutationStatus {
                self.0
            }
            #[doc = concat!("The ", stringify!($ty), " (with `deletedAt` set when deleted).")]
            async fn $field(&self) -> &$ty {
                &self.1
            }
        }
    };
}
pub(crate) use payloads;

/// Which object to delete, and the version the client last saw.
#[derive(async_graphql::InputObject)]
pub struct DeleteInput {
    /// Global id of the object.
    pub id: ID,
    /// The version the client last saw.
    pub version: i32,
}

/// The row id in a global id of `K` sent in the mutation's input (errors point into `input`).
pub(crate) fn input_id<K: ids::Kind>(id: &ID, field: &str) -> ApiResult<i32> {
    ids::decode_as::<K>(id, field).map_err(ApiError::in_input)
}

/// Like `input_id` for an optional id.
pub(crate) fn input_id_opt<K: ids::Kind>(id: Option<&ID>, field: &str) -> ApiResult<Option<i32>> {
    ids::decode_opt_as::<K>(id, field).map_err(ApiError::in_input)
}

/// A deadline as the input gives it, resolved by the service inside the write's transaction.
pub(crate) fn deadline(
    text: Option<String>,
    date: Option<crate::graphql::scalars::Date>,
    required: bool,
) -> crate::service::parliament::calendar::Deadline {
    crate::service::parliament::calendar::Deadline {
        field: "deadlineText",
        text,
        date: date.map(Into::into),
        required,
    }
}

/// Create `new` (its service-side `New{Type}`); the stored object.
pub(crate) async fn create<E: Rules>(
    ctx: &Context<'_>,
    new: impl crud::New<E>,
) -> async_graphql::Result<E::Model> {
    let actor = ctx.writer()?;
    Ok(crud::create_new::<E>(ctx.db()?, &actor, new)
        .await
        .map_err(ApiError::in_input)?)
}

/// Update the object `id` of type `E` (GraphQL name `kind`) by `change`, if `version` is current.
pub(crate) async fn update<E, F>(
    ctx: &Context<'_>,
    id: &ID,
    version: i32,
    change_reason: Option<String>,
    change: F,
) -> async_graphql::Result<(MutationStatus, E::Model)>
where
    E: Rules,
    F: FnOnce(&mut E::Model) -> ApiResult<()> + Send,
{
    update_filled::<E, F>(ctx, id, version, change_reason, change, None).await
}

/// [`update`], with what the service fills in after `change`, inside the transaction.
pub(crate) async fn update_filled<E, F>(
    ctx: &Context<'_>,
    id: &ID,
    version: i32,
    change_reason: Option<String>,
    change: F,
    fill: Option<Box<dyn crud::Fill<E::Model>>>,
) -> async_graphql::Result<(MutationStatus, E::Model)>
where
    E: Rules,
    F: FnOnce(&mut E::Model) -> ApiResult<()> + Send,
{
    let row = input_id::<E>(id, "id")?;
    let change_reason = crate::service::store::validate::change_reason(change_reason)
        .map_err(ApiError::in_input)?;
    let mut actor = ctx.writer()?;
    actor.change_reason = change_reason;
    Ok(status(
        crud::update_filled::<E, F>(ctx.db()?, &actor, row, version, change, fill)
            .await
            .map_err(ApiError::in_input)?,
    ))
}

/// Soft-delete the object in `input`, if its version is current.
pub(crate) async fn delete<E: Rules>(
    ctx: &Context<'_>,
    input: &DeleteInput,
) -> async_graphql::Result<(MutationStatus, E::Model)> {
    let row = input_id::<E>(&input.id, "id")?;
    let actor = ctx.writer()?;
    Ok(status(
        crud::delete_checked::<E>(ctx.db()?, &actor, row, input.version)
            .await
            .map_err(ApiError::in_input)?,
    ))
}

pub(crate) fn status<T>(outcome: Versioned<T>) -> (MutationStatus, T) {
    match outcome {
        Versioned::Applied(t) => (MutationStatus::Ok, t),
        Versioned::Conflict(t) => (MutationStatus::Conflict, t),
    }
}

/// Set `target` when a value was given.
pub(crate) fn set<T, U: Into<T>>(target: &mut T, value: Option<U>) {
    if let Some(v) = value {
        *target = v.into();
    }
}

/// Set or clear a nullable `target`: absent leaves it, null clears it.
pub(crate) fn set_opt<T, U: Into<T>>(target: &mut Option<T>, value: MaybeUndefined<U>) {
    match value {
        MaybeUndefined::Undefined => {}
        MaybeUndefined::Null => *target = None,
        MaybeUndefined::Value(v) => *target = Some(v.into()),
    }
}

/// Set or clear a nullable reference given as a global id of `K`.
pub(crate) fn set_ref<K: ids::Kind>(
    target: &mut Option<i32>,
    value: MaybeUndefined<ID>,
    field: &str,
) -> ApiResult<()> {
    match value {
        MaybeUndefined::Undefined => {}
        MaybeUndefined::Null => *target = None,
        MaybeUndefined::Value(id) => *target = Some(ids::decode_as::<K>(&id, field)?),
    }
    Ok(())
}
