//! Baselines: named, dated copies of the plan's dates, against which slip is reported.
//!
//! A baseline is taken once and never changed. The first one is the original plan (as sent to
//! the Kamer); later ones are re-baselines. Both stay, so slip can be reported against the
//! original promise and against the latest approved re-plan: a re-baseline never hides slip.

use crate::error::ApiResult;
use crate::service::schedule::{self, Settings};
use crate::service::store::validate as v;
use crate::service::{Actor, history::record};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{ChangeAction, baseline, baseline_milestone};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseConnection, DatabaseTransaction, IntoActiveModel,
};

/// Take a baseline of the live plan: each milestone's planned, forecast and projected date.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    name: &str,
    reason: &str,
    settings: Settings,
) -> ApiResult<baseline::Model> {
    v::line("name", name, 200)?;
    v::text("reason", reason, 2000)?;
    let txn = crate::service::begin_write(db).await?;
    let plan = schedule::live(&txn, settings).await?;
    let dates = plan
        .nodes()
        .map(|(node, p)| Dates {
            milestone_id: node.id,
            planned: node.planned,
            forecast: node.forecast,
            projected: p.projected,
        })
        .collect();
    let saved = insert_in(&txn, actor, name.trim(), reason.trim(), actor.at, dates).await?;
    crate::service::commit(txn, actor).await?;
    Ok(saved)
}

/// One milestone's dates in a baseline.
pub struct Dates {
    /// The milestone.
    pub milestone_id: i32,
    /// Its planned date then.
    pub planned: NaiveDate,
    /// Its forecast then.
    pub forecast: Option<NaiveDate>,
    /// Its projected date then (what slip is measured against).
    pub projected: NaiveDate,
}

/// Store a baseline taken at `at` with `dates`, and its change record, in the caller's
/// transaction.
pub async fn insert_in(
    txn: &DatabaseTransaction,
    actor: &Actor,
    name: &str,
    reason: &str,
    at: DateTime<Utc>,
    dates: Vec<Dates>,
) -> ApiResult<baseline::Model> {
    crate::service::accounts::access::may_write(
        actor,
        crate::service::accounts::access::Scope::Plan,
    )?;
    let saved = baseline::ActiveModel {
        id: Default::default(),
        name: Set(name.to_owned()),
        reason: Set(reason.to_owned()),
        created_by: Set(actor.name.clone()),
        created_at: Set(at),
    }
    .insert(txn)
    .await?;
    let rows: Vec<baseline_milestone::ActiveModel> = dates
        .into_iter()
        .map(|d| {
            baseline_milestone::Model {
                baseline_id: saved.id,
                milestone_id: d.milestone_id,
                planned_date: d.planned,
                forecast_date: d.forecast,
                projected_date: d.projected,
            }
            .into_active_model()
        })
        .collect();
    crate::service::store::bulk::insert_all(txn, rows).await?;
    record::record_entity(
        txn,
        actor,
        "Baseline",
        saved.id,
        ChangeAction::Create,
        None,
        &saved,
    )
    .await?;
    Ok(saved)
}

pub use crate::service::schedule::baseline_dates::{all, dates_of, latest_dates, variance_days};
