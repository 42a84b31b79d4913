//! Reading baselines: every baseline, each milestone's date in the latest one, the baselined
//! dates of some milestones. The schedule and the as-of views read these; taking a baseline is
//! `baselines`.

use crate::error::ApiResult;
use chrono::{DateTime, NaiveDate, Utc};
use entity::{baseline, baseline_milestone};
use sea_orm::{ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// Every baseline, oldest (the original) first.
pub async fn all<C: ConnectionTrait>(db: &C) -> ApiResult<Vec<baseline::Model>> {
    Ok(baseline::Entity::find()
        .order_by_asc(baseline::Column::CreatedAt)
        .order_by_asc(baseline::Column::Id)
        .all(db)
        .await?)
}

/// Each milestone's projected date in the latest baseline that includes it, counting only
/// baselines taken by `by` (all without). Two narrow statements: the baselines, then the
/// (baseline, milestone, date) rows.
pub async fn latest_dates<C: ConnectionTrait>(
    db: &C,
    by: Option<DateTime<Utc>>,
) -> ApiResult<std::collections::HashMap<i32, NaiveDate>> {
    use sea_orm::QuerySelect;
    let taken: Vec<baseline::Model> = all(db)
        .await?
        .into_iter()
        .filter(|b| by.is_none_or(|at| b.created_at <= at))
        .collect();
    let mut latest = std::collections::HashMap::new();
    if taken.is_empty() {
        return Ok(latest);
    }
    let rank: std::collections::HashMap<i32, usize> =
        taken.iter().enumerate().map(|(i, b)| (b.id, i)).collect();
    use baseline_milestone::Column as B;
    let rows = baseline_milestone::Entity::find()
        .select_only()
        .columns([B::BaselineId, B::MilestoneId, B::ProjectedDate])
        .into_tuple::<(i32, i32, NaiveDate)>()
        .all(db)
        .await?;
    let mut best: std::collections::HashMap<i32, usize> = std::collections::HashMap::new();
    for (baseline, milestone, date) in rows {
        let Some(&r) = rank.get(&baseline) else {
            continue;
        };
        if best.get(&milestone).is_none_or(|&b| r > b) {
            best.insert(milestone, r);
            latest.insert(milestone, date);
        }
    }
    Ok(latest)
}

/// The baselined dates of `milestones`, as (milestone id, row) pairs.
pub async fn dates_of<C: ConnectionTrait>(
    db: &C,
    milestones: &[i32],
) -> ApiResult<Vec<(i32, baseline_milestone::Model)>> {
    let rows = baseline_milestone::Entity::find()
        .filter(crate::service::store::columns::id_in(
            db.get_database_backend(),
            baseline_milestone::Column::MilestoneId,
            milestones,
        ))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|r| (r.milestone_id, r)).collect())
}

/// Days between a baselined date and the projected date (positive: later than baselined).
pub fn variance_days(baselined: NaiveDate, projected: NaiveDate) -> i64 {
    (projected - baselined).num_days()
}
