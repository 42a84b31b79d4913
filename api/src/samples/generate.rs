//! Synthetic plans of a given size for benchmarks (`koers generate --size s|m|l`).
//!
//! Rows go in with multi-row INSERTs inside one transaction, bypassing the per-object rules and
//! the change history: this is load-test data, deterministic for a given size and seed, never a
//! plan anyone edits.

use crate::error::{ApiError, ApiResult};
use crate::service::{Actor, begin_write};
use chrono::{Datelike, Duration, NaiveDate};
use entity::*;
use rust_decimal::Decimal;
use sea_orm::{DatabaseConnection, EntityTrait, IntoActiveModel};

/// How big a plan to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PlanSize {
    /// 1,000 milestones, 50 KPIs, 5,000 measurements.
    S,
    /// 10,000 milestones, 200 KPIs, 50,000 measurements.
    M,
    /// 100,000 milestones, 2,000 KPIs, 500,000 measurements.
    L,
}

/// Row counts of a generated plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    /// Milestones.
    pub milestones: usize,
    /// KPIs.
    pub kpis: usize,
    /// Measurements (spread evenly over the KPIs).
    pub measurements: usize,
    /// Finish-to-start dependencies per milestone (to earlier milestones).
    pub dependencies_per_milestone: usize,
}

impl PlanSize {
    /// The row counts of this size.
    pub fn shape(self) -> Shape {
        let (milestones, kpis, measurements) = match self {
            PlanSize::S => (1_000, 50, 5_000),
            PlanSize::M => (10_000, 200, 50_000),
            PlanSize::L => (100_000, 2_000, 500_000),
        };
        Shape {
            milestones,
            kpis,
            measurements,
            dependencies_per_milestone: 3,
        }
    }
}

/// A small deterministic generator (xorshift64*): the same seed gives the same plan.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }
}

const LAYERS: [Option<GovernmentLayer>; 5] = [
    Some(GovernmentLayer::Rijk),
    Some(GovernmentLayer::Provincie),
    Some(GovernmentLayer::Gemeente),
    Some(GovernmentLayer::Waterschap),
    None,
];

fn day(y: i32, m: u32, d: u32) -> ApiResult<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| ApiError::Internal(format!("bad date {y}-{m}-{d}")))
}

/// A model with its derived columns filled, as `crud` fills them (the generator inserts in bulk,
/// past `crud`).
trait Derived: Sized {
    fn derived(self) -> Self;
}

impl<M> Derived for M
where
    M: sea_orm::ModelTrait,
    M::Entity: crate::service::store::crud::PlanEntity<Row = M>,
{
    fn derived(mut self) -> Self {
        <M::Entity as crate::service::store::crud::PlanEntity>::derive(&mut self);
        self
    }
}

use crate::service::store::bulk::insert_all;

/// Fill an empty database with a plan of `size`. Fails when a programme already exists.
pub async fn generate(
    db: &DatabaseConnection,
    actor: &Actor,
    size: PlanSize,
    seed: u64,
) -> ApiResult<Shape> {
    generate_shape(db, actor, size.shape(), seed).await
}

/// Fill an empty database with a plan of exactly `shape` (e.g. the report benchmark's 10,000
/// milestones with 500 KPIs).
pub async fn generate_shape(
    db: &DatabaseConnection,
    actor: &Actor,
    shape: Shape,
    seed: u64,
) -> ApiResult<Shape> {
    let txn = begin_write(db).await?;
    if programme::Entity::find().one(&txn).await?.is_some() {
        return Err(ApiError::Conflict(
            "the database already holds a plan; generate into an empty one".into(),
        ));
    }
    let mut rng = Rng(seed.max(1));
    let at = actor.at;
    let start = day(2024, 1, 1)?;

    let programme = programme::Model {
        id: 1,
        name: format!("Benchmarkplan ({} mijlpalen)", shape.milestones),
        goal: "Gegenereerd plan voor prestatiemetingen".into(),
        lead_organisation_id: None,
        version: 1,
        created_at: at,
        updated_at: at,
        deleted_at: None,
    };
    insert_all(&txn, vec![programme.into_active_model()]).await?;

    let phases: Vec<phase::ActiveModel> = (1..=3)
        .map(|n| {
            let s = start + Duration::days(365 * (i64::from(n) - 1));
            let e = s + Duration::days(364);
            phase::Model {
                id: n,
                programme_id: 1,
                number: n,
                name: format!("Fase {n}"),
                description: String::new(),
                baseline_start: s,
                baseline_end: e,
                planned_start: s,
                planned_end: e,
                forecast_start: None,
                forecast_end: None,
                actual_start: None,
                actual_end: None,
                status: WorkStatus::Planned,
                version: 1,
                created_at: at,
                updated_at: at,
                deleted_at: None,
            }
            .into_active_model()
        })
        .collect();
    insert_all(&txn, phases).await?;

    let sources: Vec<data_source::ActiveModel> = (1..=10)
        .map(|n| {
            data_source::Model {
                id: n,
                name: format!("Bron {n}"),
                description: String::new(),
                owner_organisation_id: None,
                update_frequency: Frequency::Yearly,
                access: DataAccess::Open,
                licence: None,
                url: None,
                version: 1,
                created_at: at,
                updated_at: at,
                deleted_at: None,
                search_text: String::new(),
            }
            .derived()
            .into_active_model()
        })
        .collect();
    insert_all(&txn, sources).await?;

    let kpi_count =
        i32::try_from(shape.kpis).map_err(|_| ApiError::Internal("too many KPIs".into()))?;
    let kpis: Vec<kpi::ActiveModel> = (1..=kpi_count)
        .map(|n| {
            kpi::Model {
                id: n,
                programme_id: 1,
                code: format!("B-{n:05}"),
                name: format!("Indicator {n}"),
                definition: "Gegenereerde indicator".into(),
                unit: "%".into(),
                direction: KpiDirection::HigherIsBetter,
                aggregation: KpiAggregation::None,
                level: KpiLevel::Output,
                frequency: Frequency::Monthly,
                themes: crate::service::data::kpis::themes_to_text(&[Theme::Climate]),
                baseline_value: None,
                baseline_period: None,
                version: 1,
                created_at: at,
                updated_at: at,
                deleted_at: None,
                search_text: String::new(),
            }
            .derived()
            .into_active_model()
        })
        .collect();
    insert_all(&txn, kpis).await?;

    // Measurements: per KPI, monthly periods going back from 2026, one row per layer and month.
    let per_kpi = shape.measurements / shape.kpis.max(1);
    let mut measurements = Vec::with_capacity(shape.measurements);
    let mut id = 0;
    for k in 1..=kpi_count {
        for i in 0..per_kpi {
            id += 1;
            let months_back = i32::try_from(i / LAYERS.len()).unwrap_or(0);
            let month0 = 2026 * 12 + 5 - months_back; // June 2026 backwards
            let (y, m) = (
                month0.div_euclid(12),
                u32::try_from(month0.rem_euclid(12)).unwrap_or(0) + 1,
            );
            let first = day(y, m, 1)?;
            let last = (first + Duration::days(32))
                .with_day(1)
                .map(|d| d - Duration::days(1))
                .unwrap_or(first);
            measurements.push(
                kpi_measurement::Model {
                    id,
                    kpi_id: k,
                    period_start: first,
                    period_end: last,
                    layer: LAYERS[i % LAYERS.len()],
                    value: Exact(Decimal::new(
                        i64::try_from(rng.below(10_000)).unwrap_or(0),
                        1,
                    )),
                    qualifier: None,
                    data_source_id: Some(1 + (k % 10)),
                    note: None,
                    version: 1,
                    created_at: at,
                    updated_at: at,
                    deleted_at: None,
                }
                .into_active_model(),
            );
        }
    }
    insert_all(&txn, measurements).await?;

    let milestone_count = i32::try_from(shape.milestones)
        .map_err(|_| ApiError::Internal("too many milestones".into()))?;
    let mut milestones = Vec::with_capacity(shape.milestones);
    for n in 1..=milestone_count {
        let planned = start + Duration::days(i64::try_from(rng.below(3 * 365)).unwrap_or(0));
        let slip = i64::try_from(rng.below(60)).unwrap_or(0);
        milestones.push(
            milestone::Model {
                id: n,
                programme_id: 1,
                phase_id: Some(1 + n % 3),
                workstream_id: None,
                owner_organisation_id: None,
                title: format!("Mijlpaal {n}"),
                description: String::new(),
                kind: MilestoneKind::Delivery,
                layer: LAYERS[rng.below(LAYERS.len())],
                baseline_date: planned,
                planned_date: planned + Duration::days(slip),
                forecast_date: None,
                actual_date: None,
                status: if n % 4 == 0 {
                    WorkStatus::InProgress
                } else {
                    WorkStatus::Planned
                },
                health_override: None,
                health_override_reason: None,
                health_override_until: None,
                participating_layers: String::new(),
                deadline_date: None,
                deadline_text: None,
                version: 1,
                created_at: at,
                updated_at: at,
                deleted_at: None,
                search_text: String::new(),
            }
            .derived()
            .into_active_model(),
        );
    }
    insert_all(&txn, milestones).await?;

    // Tasks: one per ten milestones, each unblocking one KPI and belonging to two milestones.
    let task_count = (milestone_count / 10).max(1);
    let tasks: Vec<data_infra_task::ActiveModel> = (1..=task_count)
        .map(|n| {
            data_infra_task::Model {
                id: n,
                programme_id: 1,
                title: format!("Taak {n}"),
                description: String::new(),
                kind: TaskKind::DataQuality,
                layer: LAYERS[usize::try_from(n).unwrap_or(0) % LAYERS.len()],
                owner_organisation_id: None,
                due_date: start + Duration::days(i64::from(n % 1000)),
                completed_on: None,
                status: WorkStatus::Planned,
                data_source_id: Some(1 + n % 10),
                version: 1,
                created_at: at,
                updated_at: at,
                deleted_at: None,
            }
            .into_active_model()
        })
        .collect();
    insert_all(&txn, tasks).await?;

    let mut milestone_kpis = Vec::new();
    let mut milestone_tasks = Vec::new();
    let mut dependencies = Vec::new();
    for n in 1..=milestone_count {
        let first = 1 + i32::try_from(rng.below(shape.kpis)).unwrap_or(0);
        let second = 1 + (first % kpi_count);
        for k in [first, second] {
            milestone_kpis.push(
                milestone_kpi::Model {
                    milestone_id: n,
                    kpi_id: k,
                    created_at: at,
                }
                .into_active_model(),
            );
        }
        if n % 5 == 0 {
            let task_id = 1 + (n / 5 - 1) % task_count;
            milestone_tasks.push(
                milestone_task::Model {
                    milestone_id: n,
                    task_id,
                    created_at: at,
                }
                .into_active_model(),
            );
        }
        // Predecessors among the (up to) 50 milestones before this one: always a DAG.
        let mut seen = Vec::new();
        for _ in 0..shape.dependencies_per_milestone {
            if n <= 1 {
                break;
            }
            let back = 1 + i32::try_from(rng.below(50.min(usize::try_from(n - 1).unwrap_or(1))))
                .unwrap_or(0);
            let predecessor = n - back;
            if !seen.contains(&predecessor) {
                seen.push(predecessor);
                dependencies.push(
                    milestone_dependency::Model {
                        predecessor_id: predecessor,
                        successor_id: n,
                        lag_days: i32::try_from(rng.below(15)).unwrap_or(0),
                        created_at: at,
                    }
                    .into_active_model(),
                );
            }
        }
    }
    insert_all(&txn, milestone_kpis).await?;
    insert_all(&txn, milestone_tasks).await?;
    insert_all(&txn, dependencies).await?;
    let task_kpis: Vec<task_kpi::ActiveModel> = (1..=task_count)
        .map(|t| {
            task_kpi::Model {
                task_id: t,
                kpi_id: 1 + t % kpi_count,
                created_at: at,
            }
            .into_active_model()
        })
        .collect();
    insert_all(&txn, task_kpis).await?;
    let kpi_sources: Vec<kpi_data_source::ActiveModel> = (1..=kpi_count)
        .map(|k| {
            kpi_data_source::Model {
                kpi_id: k,
                data_source_id: 1 + k % 10,
                created_at: at,
            }
            .into_active_model()
        })
        .collect();
    insert_all(&txn, kpi_sources).await?;

    crate::service::store::sequences::reset(&txn).await?;
    txn.commit().await?;
    Ok(shape)
}
