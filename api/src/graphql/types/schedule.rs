//! What the schedule says, as GraphQL objects: health with its reasons, critical paths and the
//! risk of each commitment. The numbers come from `service::schedule`.

use super::{Commitment, Milestone};
use crate::graphql::batch::Batched;
use crate::graphql::enums::{Health, Language};
use crate::graphql::scalars::Date;
use crate::graphql::source::Source;
use crate::service::schedule as s;
use async_graphql::{Context, Enum, Object, SimpleObject};

/// The milestone `id` (deleted included), from `source`.
pub async fn milestone_by_id(
    ctx: &Context<'_>,
    source: &Source,
    id: Option<i32>,
) -> async_graphql::Result<Option<Milestone>> {
    by_id::<entity::milestone::Entity, Milestone>(ctx, source, id).await
}

/// The object `id` of `E` (deleted included), from `source`.
async fn by_id<E, T>(
    ctx: &Context<'_>,
    source: &Source,
    id: Option<i32>,
) -> async_graphql::Result<Option<T>>
where
    E: crate::service::store::crud::PlanEntity,
    T: Batched<Model = E::Model>,
{
    let Some(id) = id else { return Ok(None) };
    let found = source.one::<E>(ctx, id).await?;
    Ok(found.and_then(|m| T::many_in(vec![m], source.clone()).pop()))
}

/// What a health reason is about.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "crate::service::schedule::ReasonCode")]
pub enum HealthReasonCode {
    /// It is done.
    Done,
    /// It is cancelled.
    Cancelled,
    /// Not done, and its own date (forecast, else planned) is before the status date:
    /// `days` is how many days, `date` that own date. Makes it OFF_TRACK.
    Overdue,
    /// Its projected date passes its deadline (its own, or a linked commitment's). Makes it
    /// OFF_TRACK.
    PassesDeadline,
    /// Its projection makes a successor (`milestone`) miss that successor's deadline (`date`)
    /// by `days`. Makes it OFF_TRACK: the root cause of a missed deadline is never healthier
    /// than the milestone it pushes.
    PushesPastDeadline,
    /// Less slack than the threshold to its deadline or to a successor's deadline.
    DeadlineSlack,
    /// A predecessor is off track.
    PredecessorOffTrack,
    /// A predecessor pushes it past its planned date.
    PushedByPredecessor,
    /// Its forecast is earlier than its predecessors allow.
    InfeasibleForecast,
    /// Its projected date is later than in its latest baseline (`date`) by `days`, more than
    /// the at-risk threshold. Makes it at least AT_RISK.
    BehindBaseline,
}

/// One reason for a computed health, as a sentence and as facts.
pub struct HealthReason(pub s::Reason, pub Source);

/// One reason for a computed health, as a sentence and as facts.
#[Object]
impl HealthReason {
    /// What it is about.
    async fn code(&self) -> HealthReasonCode {
        self.0.code.into()
    }
    /// The sentence, in Dutch or English: e.g. "gepland 30 oktober 2026, niet gereed: 31 dagen
    /// over tijd" or "planned 30 October 2026, not done: 31 days overdue".
    async fn message(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The language (default: the request's `Accept-Language`, Dutch when it names neither Dutch nor English)."
        )]
        language: Option<Language>,
    ) -> String {
        use crate::graphql::context::ContextExt;
        crate::service::language::Words::from(language.map_or_else(|| ctx.language(), Into::into))
            .health_reason(&self.0)
    }
    /// The number of days it names: overdue (OVERDUE), late (PASSES_DEADLINE,
    /// PUSHES_PAST_DEADLINE), of slack (DEADLINE_SLACK), pushed (PUSHED_BY_PREDECESSOR,
    /// INFEASIBLE_FORECAST) or behind (BEHIND_BASELINE).
    async fn days(&self) -> Option<i64> {
        self.0.days
    }
    /// The date it names: its own date (OVERDUE), its actual date (DONE), a deadline, the
    /// earliest date its predecessors allow, or its date in the latest baseline
    /// (BEHIND_BASELINE).
    async fn date(&self) -> Option<Date> {
        self.0.date.map(Into::into)
    }
    /// The other milestone it names (a predecessor, or the successor whose deadline it is).
    async fn milestone(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Milestone>> {
        milestone_by_id(ctx, &self.1, self.0.milestone).await
    }
}

/// Health as computed from the schedule, with the reasons, most important first.
pub struct HealthAssessment {
    pub health: entity::Health,
    pub reasons: Vec<s::Reason>,
    pub source: Source,
}

/// Health as computed from the schedule, with the reasons, most important first.
#[Object]
impl HealthAssessment {
    /// The computed health.
    async fn health(&self) -> Health {
        self.health.into()
    }
    /// Why (a done milestone says so; an on-track one may still list informative reasons).
    async fn reasons(&self) -> Vec<HealthReason> {
        self.reasons
            .iter()
            .cloned()
            .map(|r| HealthReason(r, self.source.clone()))
            .collect()
    }
}

/// A manager's override of the computed health (recorded in the change history). One better
/// than the computed health counts up to and including `until`; after that the computed health
/// counts again and `counts` is false. One no better than the computed health always counts.
#[derive(SimpleObject)]
pub struct HealthOverride {
    /// The health the manager set.
    pub health: Health,
    /// Why.
    pub reason: String,
    /// The last day it counts when it is better than the computed health (null: set before
    /// overrides lapsed; such an override counts only when it is no better).
    pub until: Option<Date>,
    /// Whether it counts now (false: it is better than the computed health and `until` has
    /// passed, so the computed health counts).
    pub counts: bool,
}

/// One milestone on a critical path.
pub struct CriticalPathStep(pub s::Step, pub Source);

/// One milestone on a critical path.
#[Object]
impl CriticalPathStep {
    /// The milestone.
    async fn milestone(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Milestone>> {
        milestone_by_id(ctx, &self.1, Some(self.0.milestone)).await
    }
    /// Its projected date.
    async fn projected_date(&self) -> Date {
        self.0.projected.into()
    }
    /// Days it can slip without moving the end or missing a deadline (null when done).
    async fn slack_days(&self) -> Option<i64> {
        self.0.slack_days
    }
    /// Lag in days after the previous step (0 for the first).
    async fn lag_days(&self) -> i64 {
        self.0.lag_days
    }
}

/// The chain of milestones that decides when a programme or phase ends.
pub struct CriticalPath(pub s::CriticalPath, pub Source);

/// The chain of milestones that decides when a programme or phase ends.
#[Object]
impl CriticalPath {
    /// The projected end: the latest projected date in scope (null when it has no milestones).
    async fn projected_end(&self) -> Option<Date> {
        self.0.end.map(Into::into)
    }
    /// The chain, first milestone first; the last one ends the scope. Each step is the
    /// predecessor that sets the next one's projection or, where the next one's own date sets it,
    /// its open predecessor with the least slack. Steps with no slack drive the end; done
    /// milestones end the chain.
    async fn steps(&self) -> Vec<CriticalPathStep> {
        self.0
            .steps
            .iter()
            .cloned()
            .map(|step| CriticalPathStep(step, self.1.clone()))
            .collect()
    }
}

/// Whether a commitment to the Kamer will be met.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "crate::service::schedule::CommitmentState")]
pub enum CommitmentState {
    /// Fulfilled by a letter.
    Fulfilled,
    /// Its milestones are projected in time with room to spare, or are done by the deadline
    /// (then only the fulfilment letter is to come).
    OnTrack,
    /// In time, but with less slack than the at-risk threshold; or nothing is linked to fulfil
    /// it and its deadline is that near.
    AtRisk,
    /// A linked milestone is projected past the deadline: a postponement letter is needed.
    NeedsPostponementLetter,
    /// The deadline is before the status date and no fulfilment letter was recorded: the
    /// commitment was not kept. A postponement letter with a new deadline reopens it.
    Missed,
}

/// The schedule's verdict on a commitment.
pub struct CommitmentRisk(pub s::CommitmentRisk, pub Source);

/// The schedule's verdict on a commitment.
#[Object]
impl CommitmentRisk {
    /// The verdict.
    async fn state(&self) -> CommitmentState {
        self.0.state.into()
    }
    /// Whether the Kamer needs a postponement letter: the commitment is not fulfilled and a
    /// linked milestone is projected past the deadline, or the deadline has passed (MISSED)
    /// while the work is not done. A missed commitment whose work is done needs its fulfilment
    /// letter instead (`workDone`).
    async fn needs_postponement_letter(&self) -> bool {
        self.0.needs_postponement_letter()
    }
    /// Whether its linked milestones (not cancelled; at least one) are all done: then what is
    /// missing is the letter to the Kamer, not the work (ON_TRACK before the deadline, MISSED
    /// after it).
    async fn work_done(&self) -> bool {
        self.0.work_done
    }
    /// The status date the verdict used ("today": see `Query.statusDate`).
    async fn status_date(&self) -> Date {
        self.0.status_date.into()
    }
    /// The deadline it is measured against.
    async fn deadline(&self) -> Date {
        self.0.deadline.into()
    }
    /// The latest projected date of its linked milestones.
    async fn projected_date(&self) -> Option<Date> {
        self.0.projected.map(Into::into)
    }
    /// Days late. MISSED: from the deadline to the status date. Otherwise from the deadline to
    /// the projected date: positive is late, 0 or less is in time (null without linked
    /// milestones).
    async fn days_late(&self) -> Option<i64> {
        self.0.days_late
    }
    /// The linked milestone that decides (the one projected latest).
    async fn caused_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Milestone>> {
        milestone_by_id(ctx, &self.1, self.0.caused_by).await
    }
    /// Where the delay starts: following the predecessors that push `causedBy` back to the first
    /// milestone whose own date sets its projection.
    async fn root_cause(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Milestone>> {
        milestone_by_id(ctx, &self.1, self.0.root_cause).await
    }
    /// The commitment.
    async fn commitment(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Commitment>> {
        by_id::<entity::commitment::Entity, Commitment>(ctx, &self.1, Some(self.0.id)).await
    }
}
