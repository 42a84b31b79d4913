//! `Milestone`: a milestone of the plan, with its relations.

use super::{
    Baseline, BaselineVariance, Commitment, DataInfraTask, HealthAssessment, HealthOverride, Kpi,
    MilestoneDependency, Organisation, Phase, PlanFields, PlanObject, Programme, RecessPeriod,
    Workstream, date, milestone_by_id,
};
use crate::graphql::enums::{GovernmentLayer, Health, Language, MilestoneKind, WorkStatus};
use crate::graphql::loaders::DepEnd;
use crate::graphql::scalars::Date;
use crate::service::schedule::{Input, Node, Projection, Schedule};
use async_graphql::{Context, Object};
use entity::milestone::Model;

/// A milestone of one government layer, or joint (no layer), with its dates, status and health.
#[derive(Clone)]
pub struct Milestone(
    pub std::sync::Arc<Model>,
    pub std::sync::Arc<crate::graphql::batch::Siblings<Model>>,
);

super::batched!(Milestone);

/// A milestone of one government layer, or joint (no layer), with its dates, status and health.
#[Object]
impl Milestone {
    #[graphql(flatten)]
    async fn plan_fields(&self) -> PlanFields<'_, Self> {
        PlanFields(self)
    }

    /// Short title, e.g. "Concept meerjarenplan gereed".
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// What is delivered or decided.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// Kind of milestone.
    async fn kind(&self) -> MilestoneKind {
        self.0.kind.into()
    }
    /// The government layer it belongs to; null for a joint milestone of all layers.
    async fn layer(&self) -> Option<GovernmentLayer> {
        self.0.layer.map(Into::into)
    }
    /// Whether it is a joint milestone of all layers.
    async fn joint(&self) -> bool {
        self.0.layer.is_none()
    }
    /// The layers that take part in a joint milestone (empty for a layer's own, and for a
    /// joint one whose layers are not named). Their layer managers may change its dates,
    /// status, description and health.
    async fn participating_layers(&self) -> Vec<GovernmentLayer> {
        self.0.participants().into_iter().map(Into::into).collect()
    }
    /// Date as first promised (slip is measured against it).
    async fn baseline_date(&self) -> Date {
        self.0.baseline_date.into()
    }
    /// Currently planned date.
    async fn planned_date(&self) -> Date {
        self.0.planned_date.into()
    }
    /// Expected date when it differs from the plan.
    async fn forecast_date(&self) -> Option<Date> {
        date(self.0.forecast_date)
    }
    /// Date it was actually reached.
    async fn actual_date(&self) -> Option<Date> {
        date(self.0.actual_date)
    }
    /// Progress.
    async fn status(&self) -> WorkStatus {
        self.0.status.into()
    }
    /// Health that counts: a manager's override when set, else the computed health.
    async fn health(&self, ctx: &Context<'_>) -> async_graphql::Result<Health> {
        Ok(self.projection(ctx).await?.health.into())
    }
    /// One line on that health: the override's reason (as the manager wrote it), or the first
    /// computed reason in Dutch or English.
    async fn health_reason(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The language (default: the request's `Accept-Language`, Dutch when it names neither Dutch nor English)."
        )]
        language: Option<Language>,
    ) -> async_graphql::Result<Option<String>> {
        use crate::graphql::context::ContextExt;
        let lang = language.map_or_else(|| ctx.language(), Into::into);
        Ok(crate::service::language::Words::from(lang)
            .projection_reason(&self.projection(ctx).await?))
    }
    /// Whether its health is a manager's override that counts (then `computedHealth` gives the
    /// computed one). False when the override has lapsed (see `healthOverride.counts`).
    async fn health_overridden(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        Ok(self.projection(ctx).await?.override_reason.is_some())
    }
    /// The status date its computed fields used: "today" in the Netherlands for a live read
    /// (or the instance's fixed status date), the Dutch calendar day of the moment for an
    /// as-of view.
    async fn status_date(&self, ctx: &Context<'_>) -> async_graphql::Result<Date> {
        Ok(self.1.schedule(ctx).await?.settings().status_date.into())
    }
    /// Whether it is overdue: not done or cancelled, and its own date (forecast, else planned)
    /// is before the status date. It is then projected on the status date at the earliest, and
    /// OFF_TRACK with reason OVERDUE.
    async fn overdue(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        Ok(self.projection(ctx).await?.overdue_days.is_some())
    }
    /// Days between its own date and the status date when overdue (null otherwise).
    async fn overdue_days(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<i64>> {
        Ok(self.projection(ctx).await?.overdue_days)
    }
    /// Health as computed from the schedule (off track past its deadline; at risk with less
    /// slack than the threshold, or after an off-track predecessor), with the reasons.
    async fn computed_health(&self, ctx: &Context<'_>) -> async_graphql::Result<HealthAssessment> {
        let p = self.projection(ctx).await?;
        Ok(HealthAssessment {
            health: p.computed,
            reasons: p.reasons,
            source: self.1.source().clone(),
        })
    }
    /// A manager's override of the computed health, or null; shown even when it has lapsed.
    async fn health_override(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<HealthOverride>> {
        let Some(health) = self.0.health_override else {
            return Ok(None);
        };
        let lapsed = self.projection(ctx).await?.override_lapsed;
        Ok(Some(HealthOverride {
            health: health.into(),
            reason: self.0.health_override_reason.clone().unwrap_or_default(),
            until: date(self.0.health_override_until),
            counts: !lapsed,
        }))
    }
    /// When it is expected: its actual date when done; otherwise the latest of its forecast (or
    /// planned date), each predecessor's projected date plus lag, and the status date (work
    /// that is not done cannot finish in the past).
    async fn projected_date(&self, ctx: &Context<'_>) -> async_graphql::Result<Date> {
        Ok(self.projection(ctx).await?.projected.into())
    }
    /// Days between its baseline date (as first promised) and its projected date; positive is late.
    async fn slip_days(&self, ctx: &Context<'_>) -> async_graphql::Result<i64> {
        Ok(self.projection(ctx).await?.slip_days)
    }
    /// The earliest date its predecessors allow (null without predecessors).
    async fn earliest_possible_date(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Date>> {
        Ok(date(self.projection(ctx).await?.earliest))
    }
    /// False when its forecast (or planned date) is earlier than its predecessors allow.
    async fn feasible(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        Ok(!self.projection(ctx).await?.infeasible)
    }
    /// The predecessor that makes its own date infeasible, or null.
    async fn blocked_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Milestone>> {
        let p = self.projection(ctx).await?;
        milestone_by_id(ctx, self.1.source(), p.driver.filter(|_| p.infeasible)).await
    }
    /// Days it can slip without moving its programme's end or missing a deadline (its own or a
    /// successor's); negative when that is already so. Null when done or cancelled.
    async fn slack_days(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<i64>> {
        Ok(self.projection(ctx).await?.slack_days)
    }
    /// The deadline that counts for it: the earliest of its own and its open commitments'.
    async fn effective_deadline(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Date>> {
        Ok(self.projection(ctx).await?.deadline.map(|d| d.date.into()))
    }
    /// Days of slack to the tightest deadline it works towards, its own or one of its successors'
    /// (less the lags); negative means that deadline will be missed. Null without any.
    async fn deadline_slack_days(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<i64>> {
        Ok(self.projection(ctx).await?.deadline_slack.map(|d| d.days))
    }
    /// A hard deadline, e.g. a parliamentary one.
    async fn deadline_date(&self) -> Option<Date> {
        date(self.0.deadline_date)
    }
    /// The deadline as promised, e.g. "voor het zomerreces 2026".
    async fn deadline_text(&self) -> Option<&str> {
        self.0.deadline_text.as_deref()
    }
    /// Its variance against every baseline that includes it, oldest baseline first.
    async fn variances(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<BaselineVariance>> {
        self.variances_of(ctx).await
    }
    /// Its variance against the original baseline (the first one taken), or null.
    async fn original_variance(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<BaselineVariance>> {
        let all = self.variances_of(ctx).await?;
        Ok(all.into_iter().find(|v| v.baseline.original))
    }
    /// Its variance against the latest baseline (a re-baseline, or the original when there is
    /// only one), or null.
    async fn latest_variance(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<BaselineVariance>> {
        Ok(self.variances_of(ctx).await?.pop())
    }
    /// Its variance against one baseline, or null when that baseline does not include it.
    async fn variance(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the baseline.")] baseline_id: async_graphql::ID,
    ) -> async_graphql::Result<Option<BaselineVariance>> {
        let id =
            crate::graphql::ids::decode_as::<entity::baseline::Entity>(&baseline_id, "baselineId")?;
        let all = self.variances_of(ctx).await?;
        Ok(all.into_iter().find(|v| v.baseline.model.id == id))
    }
    /// The recess of the Tweede Kamer its projected date falls in, or null.
    async fn recess(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<RecessPeriod>> {
        use crate::graphql::batch::Batched;
        let source = self.1.source().clone();
        let all = self
            .1
            .memo("recesses".to_owned(), |_| async move {
                source.recesses(ctx).await
            })
            .await?;
        let day = self.projection(ctx).await?.projected;
        Ok(crate::service::parliament::calendar::recess_on(&all, day)
            .cloned()
            .map(RecessPeriod::one))
    }
    /// The programme.
    async fn programme(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Programme>> {
        self.1
            .to_one::<entity::programme::Entity, Programme>(
                ctx,
                "programme_id",
                |m| Some(m.programme_id),
                Some(self.0.programme_id),
            )
            .await
    }
    /// The phase it belongs to.
    async fn phase(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Phase>> {
        self.1
            .to_one::<entity::phase::Entity, Phase>(
                ctx,
                "phase_id",
                |m| m.phase_id,
                self.0.phase_id,
            )
            .await
    }
    /// The workstream it belongs to.
    async fn workstream(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Workstream>> {
        self.1
            .to_one::<entity::workstream::Entity, Workstream>(
                ctx,
                "workstream_id",
                |m| m.workstream_id,
                self.0.workstream_id,
            )
            .await
    }
    /// The organisation that owns it.
    async fn owner(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organisation>> {
        self.1
            .to_one::<entity::organisation::Entity, Organisation>(
                ctx,
                "owner_organisation_id",
                |m| m.owner_organisation_id,
                self.0.owner_organisation_id,
            )
            .await
    }
    /// KPIs this milestone contributes to.
    async fn kpis(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Kpi>> {
        self.1
            .linked::<entity::milestone_kpi::Entity, entity::kpi::Entity, Kpi>(
                ctx,
                ("milestone_id", "kpi_id"),
                |m| m.id,
                self.0.id,
            )
            .await
    }
    /// Data-infrastructure tasks linked to this milestone.
    async fn tasks(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<DataInfraTask>> {
        use entity::{data_infra_task, milestone_task};
        self.1
            .linked::<milestone_task::Entity, data_infra_task::Entity, DataInfraTask>(
                ctx,
                ("milestone_id", "task_id"),
                |m| m.id,
                self.0.id,
            )
            .await
    }
    /// Whether the caller may add and remove what it waits for (its predecessors, from any
    /// layer): whoever may change it as its layer's manager; false when deleted and in an as-of
    /// view.
    async fn viewer_can_change_predecessors(&self, ctx: &Context<'_>) -> bool {
        use crate::graphql::context::ContextExt;
        self.0.deleted_at.is_none()
            && self.1.source().is_live()
            && crate::service::accounts::access::may_depend(&ctx.caller(), self.0.layer).is_ok()
    }
    /// Finish-to-start dependencies on earlier milestones.
    async fn predecessors(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<MilestoneDependency>> {
        self.dependencies(ctx, DepEnd::Predecessors).await
    }
    /// Milestones that depend on this one.
    async fn successors(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<MilestoneDependency>> {
        self.dependencies(ctx, DepEnd::Successors).await
    }
    /// The recorded risks to it (the risk register), in the order they were recorded.
    async fn risks(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<super::Risk>> {
        self.1
            .children::<entity::risk::Entity, _>(ctx, "milestone_id", |m| m.id, self.0.id)
            .await
    }
    /// Commitments to the Kamer that this milestone fulfils.
    async fn commitments(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Commitment>> {
        self.1
            .linked::<entity::commitment_milestone::Entity, entity::commitment::Entity, Commitment>(
                ctx,
                ("milestone_id", "commitment_id"),
                |m| m.id,
                self.0.id,
            )
            .await
    }
}

impl Milestone {
    /// Variances against every baseline; baselines and baselined dates load once per sibling set.
    async fn variances_of(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<BaselineVariance>> {
        use crate::graphql::context::ContextExt;
        use crate::service::schedule::baselines;
        let db = ctx.db()?;
        let all = self
            .1
            .memo("baselines".to_owned(), |_| async move {
                Ok(baselines::all(db).await?)
            })
            .await?;
        let rows = self
            .1
            .memo("baseline_dates".to_owned(), |models| async move {
                let ids = crate::graphql::batch::unique(models.iter().map(|m| m.id));
                let mut by_milestone: std::collections::HashMap<
                    i32,
                    Vec<entity::baseline_milestone::Model>,
                > = std::collections::HashMap::new();
                for (id, row) in baselines::dates_of(db, &ids).await? {
                    by_milestone.entry(id).or_default().push(row);
                }
                Ok(by_milestone)
            })
            .await?;
        let projected = self.projection(ctx).await?.projected;
        let mine = rows.get(&self.0.id).cloned().unwrap_or_default();
        Ok(Baseline::listed(all.iter())
            .into_iter()
            .filter_map(|baseline| {
                let row = mine
                    .iter()
                    .find(|r| r.baseline_id == baseline.model.id)?
                    .clone();
                Some(BaselineVariance {
                    baseline,
                    row,
                    projected,
                })
            })
            .collect())
    }

    /// What the schedule says about this milestone. A deleted one is outside the plan's
    /// schedule and is projected on its own.
    async fn projection(&self, ctx: &Context<'_>) -> async_graphql::Result<Projection> {
        let schedule = self.1.schedule(ctx).await?;
        if let Some(p) = schedule.get(self.0.id) {
            return Ok(p.clone());
        }
        let alone = Schedule::compute(
            Input {
                nodes: vec![Node::from(self.0.as_ref())],
                ..Input::default()
            },
            schedule.settings(),
        );
        alone
            .get(self.0.id)
            .cloned()
            .ok_or_else(|| crate::error::ApiError::Internal("projection".into()).into())
    }

    /// Dependency edges at one end of this milestone, loaded once for all siblings.
    async fn dependencies(
        &self,
        ctx: &Context<'_>,
        end: DepEnd,
    ) -> async_graphql::Result<Vec<MilestoneDependency>> {
        let source = self.1.source().clone();
        self.1
            .grouped(
                ctx,
                format!("dependencies:{end:?}"),
                self.0.id,
                |models| async move {
                    let ids = crate::graphql::batch::unique(models.iter().map(|m| m.id));
                    source.dependencies(ctx, end, &ids).await
                },
            )
            .await
    }
}

impl PlanObject for Milestone {
    /// Whether what depends on it keeps the caller from deleting it (`viewerCanDelete`): the
    /// rule of `service::plan::dependents`, on the dependents of the whole sibling set at once.
    async fn delete_blocked(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        use crate::graphql::context::ContextExt;
        use crate::service::plan::dependents;
        let caller = ctx.caller();
        if crate::service::accounts::access::is_programme_lead(&caller) {
            return Ok(false);
        }
        let db = ctx.db()?;
        let all = self
            .1
            .memo("dependents".to_owned(), |models| async move {
                let ids = crate::graphql::batch::unique(models.iter().map(|m| m.id));
                Ok(dependents::of_many(db, &ids).await?)
            })
            .await?;
        let mine = all.get(&self.0.id).map(Vec::as_slice).unwrap_or_default();
        Ok(!dependents::blocking(&caller, &self.0, mine).is_empty())
    }
}
