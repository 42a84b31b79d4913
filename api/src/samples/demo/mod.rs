//! The demo plan: the real MVOI monitoring programme as it stood around mid-June 2026 (DOMAIN.md section 7).
//!
//! The plan itself is data: `plan.toml` beside this file (its shape and checks in `data.rs`),
//! compiled into the binary. The state is "as of 2026-06-15": milestones before that date are
//! done with their actual dates, later ones planned or in progress. Facts marked *(source)* in
//! DOMAIN.md are kept exactly; values invented for the demo say so in their note ("demowaarde").
//! Everything goes through the same validated service functions as the API, so the demo also
//! exercises the domain rules.

mod data;
mod scheduling;

use crate::error::{ApiError, ApiResult};
use crate::service::data::{
    kpis::{NewKpi, NewKpiTarget},
    measurements::NewMeasurement,
    sources::{NewAssessment, NewDataSource},
    tasks::NewTask,
};
use crate::service::parliament::{calendar::Deadline, recess::NewRecess};
use crate::service::plan::links::{self, LinkSpec, add_dependency_in, set_link_in};
use crate::service::plan::{
    frame::{NewOrganisation, NewPhase, NewProgramme, NewWorkstream},
    milestones::NewMilestone,
    risks::NewRisk,
};
use crate::service::store::crud::{New, PlanEntity, Rules, create_new_in};
use crate::service::{Actor, data::kpis};
use data::DemoPlan;
use entity::Stamped;
use entity::{
    GovernmentLayer, RiskStatus, data_infra_task, data_quality_assessment, data_source, kpi,
    kpi_data_source, kpi_measurement, kpi_target, milestone, milestone_kpi, milestone_task,
    organisation, phase, programme, recess_period, task_kpi, workstream,
};
use sea_orm::{ActiveModelTrait, DatabaseConnection, DatabaseTransaction, EntityTrait};
use std::collections::HashMap;

/// Ids of the created objects by their key in the data file.
type Ids = HashMap<String, i32>;

/// When the demo plan's state was recorded: its objects and change history carry this moment
/// (the baselines and letters carry their own dates), so as-of views and reports of a
/// peildatum from 12 June 2026 on see the plan, and earlier ones see none of it.
pub fn recorded_at() -> chrono::DateTime<chrono::Utc> {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 12)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .map(|t| t.and_utc())
        .unwrap_or_default()
}

/// Load the demo plan into an empty database, in one transaction; returns whether it loaded
/// anything. A database that already holds a programme (the demo or any other, live or deleted)
/// is left as it is, so loading twice never duplicates the plan. Everything is stamped with
/// [`recorded_at`], whatever the actor's clock says.
pub async fn load(db: &DatabaseConnection, actor: &Actor) -> ApiResult<bool> {
    let txn = crate::service::begin_write(db).await?;
    if programme::Entity::find().one(&txn).await?.is_some() {
        return Ok(false);
    }
    let actor = Actor {
        at: recorded_at(),
        status_date: crate::service::schedule::status_date::dutch_day(recorded_at()),
        ..actor.clone()
    };
    load_into(&txn, &actor).await?;
    txn.commit().await?;
    Ok(true)
}

async fn load_into(db: &DatabaseTransaction, actor: &Actor) -> ApiResult<()> {
    let plan = DemoPlan::compiled()?;
    let orgs = load_organisations(db, actor, &plan).await?;
    let programme_id = insert::<programme::Entity>(
        db,
        actor,
        NewProgramme {
            name: plan.programme.name.clone(),
            goal: plan.programme.goal.clone(),
            lead_organisation_id: Some(lookup(&orgs, &plan.programme.lead)?),
        },
    )
    .await?;
    let phases = load_phases(db, actor, &plan, programme_id).await?;
    let workstreams = load_workstreams(db, actor, &plan, programme_id, &orgs).await?;
    let keys = Keys {
        orgs: &orgs,
        phases: &phases,
        workstreams: &workstreams,
    };
    let milestones = load_milestones(db, actor, &plan, programme_id, &keys).await?;
    for d in &plan.dependencies {
        add_dependency_in(
            db,
            actor,
            lookup(&milestones, &d.predecessor)?,
            lookup(&milestones, &d.successor)?,
            d.lag_days,
        )
        .await?;
    }

    let sources = load_data_sources(db, actor, &plan, &orgs).await?;
    let kpis = load_kpis(db, actor, &plan, programme_id, &sources).await?;
    let tasks = load_tasks(db, actor, &plan, programme_id, &orgs, &sources).await?;

    link_all::<milestone_kpi::Entity, milestone::Entity, kpi::Entity>(
        db,
        actor,
        &links::MILESTONE_KPI,
        plan.milestone_kpis.iter().map(|l| (&l.milestone, &l.kpi)),
        (&milestones, &kpis),
    )
    .await?;
    link_all::<milestone_task::Entity, milestone::Entity, data_infra_task::Entity>(
        db,
        actor,
        &links::MILESTONE_TASK,
        plan.milestone_tasks.iter().map(|l| (&l.milestone, &l.task)),
        (&milestones, &tasks),
    )
    .await?;
    link_all::<task_kpi::Entity, data_infra_task::Entity, kpi::Entity>(
        db,
        actor,
        &links::TASK_KPI,
        plan.task_kpis.iter().map(|l| (&l.task, &l.kpi)),
        (&tasks, &kpis),
    )
    .await?;
    link_all::<kpi_data_source::Entity, kpi::Entity, data_source::Entity>(
        db,
        actor,
        &links::KPI_DATA_SOURCE,
        plan.kpi_sources.iter().map(|l| (&l.kpi, &l.source)),
        (&kpis, &sources),
    )
    .await?;

    let recesses = load_recesses(db, actor, &plan).await?;
    let commitments =
        scheduling::load_commitments(db, actor, &plan, programme_id, &milestones).await?;
    load_risks(db, actor, &plan, programme_id, &milestones, &commitments).await?;
    let all_milestones = milestone::Entity::find().all(db).await?;
    scheduling::load_baselines(db, actor, &plan, &all_milestones).await?;

    tracing::info!(
        programme_id,
        milestones = milestones.len(),
        kpis = kpis.len(),
        tasks = tasks.len(),
        recesses,
        "demo plan loaded"
    );
    Ok(())
}

/// The ids of the rows a milestone refers to.
struct Keys<'a> {
    orgs: &'a Ids,
    phases: &'a Ids,
    workstreams: &'a Ids,
}

async fn load_organisations(
    db: &DatabaseTransaction,
    actor: &Actor,
    plan: &DemoPlan,
) -> ApiResult<Ids> {
    let mut ids = Ids::new();
    for row in &plan.organisations {
        let model = NewOrganisation {
            name: row.name.clone(),
            abbreviation: Some(row.key.clone()),
            layer: Some(row.layer),
            is_umbrella_body: row.umbrella,
            tooi_id: row.tooi.clone(),
        };
        let id = insert::<organisation::Entity>(db, actor, model).await?;
        ids.insert(row.key.clone(), id);
    }
    Ok(ids)
}

async fn load_phases(
    db: &DatabaseTransaction,
    actor: &Actor,
    plan: &DemoPlan,
    programme_id: i32,
) -> ApiResult<Ids> {
    let mut ids = Ids::new();
    for row in &plan.phases {
        let model = NewPhase {
            programme_id,
            number: row.number,
            name: row.name.clone(),
            description: row.description.clone(),
            baseline_start: row.baseline.start,
            baseline_end: row.baseline.end,
            planned_start: row.planned.start,
            planned_end: row.planned.end,
            forecast_start: row.forecast.map(|f| f.start),
            forecast_end: row.forecast.map(|f| f.end),
            actual_start: row.actual_start,
            actual_end: row.actual_end,
            status: row.status,
        };
        let id = insert::<phase::Entity>(db, actor, model).await?;
        ids.insert(row.key.clone(), id);
    }
    Ok(ids)
}

async fn load_workstreams(
    db: &DatabaseTransaction,
    actor: &Actor,
    plan: &DemoPlan,
    programme_id: i32,
    orgs: &Ids,
) -> ApiResult<Ids> {
    let mut ids = Ids::new();
    for row in &plan.workstreams {
        let model = NewWorkstream {
            programme_id,
            name: row.name.clone(),
            description: row.description.clone(),
            lead_organisation_id: opt_lookup(orgs, row.lead.as_ref())?,
        };
        let id = insert::<workstream::Entity>(db, actor, model).await?;
        ids.insert(row.key.clone(), id);
    }
    Ok(ids)
}

async fn load_milestones(
    db: &DatabaseTransaction,
    actor: &Actor,
    plan: &DemoPlan,
    programme_id: i32,
    keys: &Keys<'_>,
) -> ApiResult<Ids> {
    let mut ids = Ids::new();
    for row in &plan.milestones {
        let model = NewMilestone {
            programme_id,
            phase_id: Some(lookup(keys.phases, &row.phase)?),
            workstream_id: Some(lookup(keys.workstreams, &row.workstream)?),
            owner_organisation_id: Some(lookup(keys.orgs, &row.owner)?),
            title: row.title.clone(),
            description: row.description.clone(),
            kind: row.kind,
            layer: row.layer,
            baseline_date: row.baseline,
            planned_date: row.planned,
            forecast_date: row.forecast,
            actual_date: row.actual,
            status: row.status,
            health_override: row.health_override.as_ref().map(|o| o.health),
            health_override_reason: row.health_override.as_ref().map(|o| o.reason.clone()),
            health_override_until: None,
            // Every layer takes part in the demo's joint milestones (the consultations of Rijk,
            // IPO, VNG and UvW): their layer managers keep the dates and status.
            participating_layers: match row.layer {
                None => milestone::participants_text(&[
                    GovernmentLayer::Rijk,
                    GovernmentLayer::Provincie,
                    GovernmentLayer::Gemeente,
                    GovernmentLayer::Waterschap,
                ]),
                Some(_) => String::new(),
            },
            deadline: match &row.deadline {
                Some(d) => Deadline {
                    text: Some(d.text.clone()),
                    date: Some(d.date),
                    ..Deadline::none()
                },
                None => Deadline::none(),
            },
        };
        let id = insert::<milestone::Entity>(db, actor, model).await?;
        ids.insert(row.key.clone(), id);
    }
    Ok(ids)
}

/// The data sources with their quality assessments.
async fn load_data_sources(
    db: &DatabaseTransaction,
    actor: &Actor,
    plan: &DemoPlan,
    orgs: &Ids,
) -> ApiResult<Ids> {
    let mut ids = Ids::new();
    for row in &plan.data_sources {
        let model = NewDataSource {
            name: row.name.clone(),
            description: row.description.clone(),
            owner_organisation_id: Some(lookup(orgs, &row.owner)?),
            update_frequency: row.frequency,
            access: row.access,
            licence: row.licence.clone(),
            url: row.url.clone(),
        };
        let id = insert::<data_source::Entity>(db, actor, model).await?;
        ids.insert(row.key.clone(), id);
    }
    for row in &plan.assessments {
        let model = NewAssessment {
            data_source_id: lookup(&ids, &row.source)?,
            dimension: row.dimension,
            score: row.score,
            assessed_on: row.assessed_on,
            finding: row.finding.clone(),
        };
        insert::<data_quality_assessment::Entity>(db, actor, model).await?;
    }
    Ok(ids)
}

/// The KPIs (keyed by code) with their targets and measurements.
async fn load_kpis(
    db: &DatabaseTransaction,
    actor: &Actor,
    plan: &DemoPlan,
    programme_id: i32,
    sources: &Ids,
) -> ApiResult<Ids> {
    let mut ids = Ids::new();
    for row in &plan.kpis {
        let model = NewKpi {
            programme_id,
            code: row.code.clone(),
            name: row.name.clone(),
            definition: row.definition.clone(),
            unit: row.unit.clone(),
            direction: row.direction,
            aggregation: row.aggregation,
            level: row.level,
            frequency: row.frequency,
            themes: kpis::themes_to_text(&row.themes),
            baseline_value: row.baseline.as_ref().map(|b| b.value),
            baseline_period: row.baseline.as_ref().map(|b| b.period.clone()),
        };
        let id = insert::<kpi::Entity>(db, actor, model).await?;
        ids.insert(row.code.clone(), id);
    }
    for row in &plan.targets {
        let model = NewKpiTarget {
            kpi_id: lookup(&ids, &row.kpi)?,
            year: row.year,
            layer: row.layer,
            value: row.value,
            note: Some(row.note.clone()),
        };
        insert::<kpi_target::Entity>(db, actor, model).await?;
    }
    for row in &plan.measurements {
        let model = NewMeasurement {
            kpi_id: lookup(&ids, &row.kpi)?,
            period_start: row.from,
            period_end: row.to,
            layer: row.layer,
            value: row.value,
            qualifier: row.qualifier,
            data_source_id: opt_lookup(sources, row.source.as_ref())?,
            note: row.note.clone(),
        };
        insert::<kpi_measurement::Entity>(db, actor, model).await?;
    }
    Ok(ids)
}

async fn load_tasks(
    db: &DatabaseTransaction,
    actor: &Actor,
    plan: &DemoPlan,
    programme_id: i32,
    orgs: &Ids,
    sources: &Ids,
) -> ApiResult<Ids> {
    let mut ids = Ids::new();
    for row in &plan.tasks {
        let model = NewTask {
            programme_id,
            title: row.title.clone(),
            description: row.description.clone(),
            kind: row.kind,
            layer: row.layer,
            owner_organisation_id: Some(lookup(orgs, &row.owner)?),
            due_date: row.due,
            completed_on: row.completed,
            status: row.status,
            data_source_id: opt_lookup(sources, row.source.as_ref())?,
        };
        let id = insert::<data_infra_task::Entity>(db, actor, model).await?;
        ids.insert(row.key.clone(), id);
    }
    Ok(ids)
}

/// The recess calendar; a recess that overlaps one already stored (users may have entered or
/// corrected the calendar) is left out. Returns how many were added.
async fn load_recesses(
    db: &DatabaseTransaction,
    actor: &Actor,
    plan: &DemoPlan,
) -> ApiResult<usize> {
    let mut added = 0;
    for row in &plan.recesses {
        let overlapping =
            crate::service::parliament::recess::overlapping(db, 0, row.first_day, row.last_day)
                .await?;
        if overlapping.is_some() {
            continue;
        }
        let model = NewRecess {
            kind: row.kind,
            year: row.year,
            name: row.name.clone(),
            first_day: row.first_day,
            last_day: row.last_day,
            confidence: row.confidence,
        };
        insert::<recess_period::Entity>(db, actor, model).await?;
        added += 1;
    }
    Ok(added)
}

/// The risk register; a risk may name the commitment it threatens by its register number.
async fn load_risks(
    db: &DatabaseTransaction,
    actor: &Actor,
    plan: &DemoPlan,
    programme_id: i32,
    milestones: &Ids,
    commitments: &Ids,
) -> ApiResult<()> {
    for row in &plan.risks {
        let model = NewRisk {
            programme_id,
            title: row.title.clone(),
            description: row.description.clone(),
            likelihood: row.likelihood,
            impact: row.impact,
            mitigation: row.mitigation.clone(),
            owner: row.owner.clone(),
            layer: row.layer,
            status: RiskStatus::Open,
            milestone_id: Some(lookup(milestones, &row.milestone)?),
            commitment_id: opt_lookup(commitments, row.commitment.as_ref())?,
        };
        insert::<entity::risk::Entity>(db, actor, model).await?;
    }
    Ok(())
}

/// Validate and insert through the service rules; returns the new id.
async fn insert<E: Rules>(
    db: &DatabaseTransaction,
    actor: &Actor,
    new: impl New<E>,
) -> ApiResult<i32> {
    Ok(create_new_in::<E>(db, actor, new).await?.id())
}

/// Link every (left key, right key) pair through the link table `L`; `ids` are the left and
/// right tables' ids by key.
async fn link_all<L, A, B>(
    db: &DatabaseTransaction,
    actor: &Actor,
    spec: &LinkSpec,
    pairs: impl Iterator<Item = (&String, &String)>,
    ids: (&Ids, &Ids),
) -> ApiResult<()>
where
    L: EntityTrait,
    L::ActiveModel: ActiveModelTrait<Entity = L> + Send,
    L::Model: Send + Sync,
    A: PlanEntity,
    B: PlanEntity,
{
    for (left, right) in pairs {
        let (left, right) = (lookup(ids.0, left)?, lookup(ids.1, right)?);
        set_link_in::<L, A, B>(db, actor, spec, left, right, true).await?;
    }
    Ok(())
}

/// The id of the row with `key` (`DemoPlan::parse` has checked that every key names a row).
fn lookup(ids: &Ids, key: &str) -> ApiResult<i32> {
    ids.get(key)
        .copied()
        .ok_or_else(|| ApiError::Internal(format!("demo plan: unknown key {key}")))
}

fn opt_lookup(ids: &Ids, key: Option<&String>) -> ApiResult<Option<i32>> {
    key.map(|k| lookup(ids, k)).transpose()
}
