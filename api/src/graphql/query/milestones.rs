//! Queries of milestones.

use super::{conn_args, lookup_at};
use crate::graphql::connection::*;
use crate::graphql::enums::{GovernmentLayer, Health, WorkStatus};
use crate::graphql::ids;
use crate::graphql::scalars::Date;
use crate::graphql::source::Source;
use crate::graphql::types::Milestone;
use crate::service::plan::milestones::{MilestoneFilter, list};
use async_graphql::{Context, ID, InputObject, Object};
use entity::milestone;

/// Which milestones to list. All conditions must hold.
#[derive(InputObject, Default)]
pub struct MilestoneFilterInput {
    /// Only milestones of this programme.
    pub programme_id: Option<ID>,
    /// Only milestones of this layer (add `joint: true` to include the joint ones).
    pub layer: Option<GovernmentLayer>,
    /// true: joint milestones (with `layer`: that layer's and the joint ones); false: no joint ones.
    pub joint: Option<bool>,
    /// Only milestones of this phase.
    pub phase_id: Option<ID>,
    /// Only milestones of this workstream.
    pub workstream_id: Option<ID>,
    /// Only milestones with one of these statuses (an empty list matches no milestone).
    pub status: Option<Vec<WorkStatus>>,
    /// Only milestones whose health (computed, or overridden) is one of these (an empty list
    /// matches no milestone).
    pub health: Option<Vec<Health>>,
    /// Only milestones whose computed health (the schedule's, whatever a manager's override
    /// says) is one of these: with `health`, both must hold. How a page finds the milestones
    /// a favourable override would hide (an empty list matches no milestone).
    pub computed_health: Option<Vec<Health>>,
    /// Only milestones planned on or after this date.
    pub planned_from: Option<Date>,
    /// Only milestones planned on or before this date.
    pub planned_to: Option<Date>,
    /// Only milestones with a deadline on or after this date (those without a deadline are
    /// left out).
    pub deadline_from: Option<Date>,
    /// Only milestones with a deadline on or before this date (those without a deadline are
    /// left out).
    pub deadline_to: Option<Date>,
    /// Only milestones whose title or description contains this text (case and accents do not matter: "een" finds "Één").
    pub search: Option<String>,
    /// true: only overdue milestones (not done or cancelled, own date before the status date:
    /// today, or the day of `asOf`); false: only those that are not.
    pub overdue: Option<bool>,
}

impl MilestoneFilterInput {
    async fn into_filter(
        self,
        ctx: &Context<'_>,
        as_of: Option<chrono::DateTime<chrono::Utc>>,
    ) -> async_graphql::Result<MilestoneFilter> {
        let overdue = match self.overdue {
            None => None,
            Some(wanted) => Some((wanted, Source::at(ctx, as_of)?.status_date(ctx)?)),
        };
        // Health is computed: the schedule says which milestones have it (the health that
        // counts, and the computed one; both must hold when both are asked).
        let ids = if self.health.is_none() && self.computed_health.is_none() {
            None
        } else {
            let wanted = |list: Option<Vec<Health>>| -> Option<Vec<entity::Health>> {
                list.map(|l| l.into_iter().map(Into::into).collect())
            };
            let (counts, computed) = (wanted(self.health), wanted(self.computed_health));
            let schedule = Source::at(ctx, as_of)?.schedule(ctx).await?;
            Some(
                schedule
                    .projections()
                    .filter(|p| counts.as_ref().is_none_or(|w| w.contains(&p.health)))
                    .filter(|p| computed.as_ref().is_none_or(|w| w.contains(&p.computed)))
                    .map(|p| p.id)
                    .collect(),
            )
        };
        Ok(MilestoneFilter {
            programme_id: ids::decode_opt_as::<entity::programme::Entity>(
                self.programme_id.as_ref(),
                "filter.programmeId",
            )?,
            layer: self.layer.map(Into::into),
            joint: self.joint,
            phase_id: ids::decode_opt_as::<entity::phase::Entity>(
                self.phase_id.as_ref(),
                "filter.phaseId",
            )?,
            workstream_id: ids::decode_opt_as::<entity::workstream::Entity>(
                self.workstream_id.as_ref(),
                "filter.workstreamId",
            )?,
            status: self.status.map(|s| s.into_iter().map(Into::into).collect()),
            ids,
            planned_from: self.planned_from.map(Into::into),
            planned_to: self.planned_to.map(Into::into),
            deadline_from: self.deadline_from.map(Into::into),
            deadline_to: self.deadline_to.map(Into::into),
            search: self.search,
            overdue,
        })
    }
}

#[derive(Default)]
pub struct MilestoneQuery;

#[Object]
impl MilestoneQuery {
    /// Milestones by planned date (then id), filtered.
    async fn milestones(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which milestones to list.")] filter: Option<MilestoneFilterInput>,
        #[graphql(
            desc = "The plan as it stood at this moment, rebuilt from the change history (objects deleted since included, later ones absent; their relations as of the same moment). Leave out for the plan as it is now."
        )]
        as_of: Option<chrono::DateTime<chrono::Utc>>,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (at most 100; default 20).")] first: Option<i32>,
        #[graphql(desc = "The last n items (at most 100).")] last: Option<i32>,
    ) -> async_graphql::Result<MilestoneConnection> {
        let filter = filter.unwrap_or_default().into_filter(ctx, as_of).await?;
        let listing = list(&filter)?;
        let args = conn_args(after, before, first, last);
        paginate::<_, Milestone>(ctx, Source::at(ctx, as_of)?, listing, args)
            .await
            .map(Into::into)
    }

    /// One milestone by id (a deleted one too: `deletedAt` says so). With `asOf`, as it stood
    /// at that moment, everything reached from it as of the same moment (null when it did not
    /// exist yet).
    async fn milestone(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id.")] id: ID,
        #[graphql(
            desc = "The milestone as it stood at this moment, rebuilt from the change history. Leave out for the plan as it is now."
        )]
        as_of: Option<chrono::DateTime<chrono::Utc>>,
    ) -> async_graphql::Result<Option<Milestone>> {
        lookup_at::<milestone::Entity, Milestone>(ctx, &id, as_of).await
    }
}
