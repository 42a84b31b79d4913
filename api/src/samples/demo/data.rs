//! The shape of `plan.toml`, the demo plan's data file, and its checks.
//!
//! Rows refer to each other by key: an organisation by its abbreviation, a KPI by its code, a
//! commitment by its register number, everything else by its `key`. Dates are `"YYYY-MM-DD"`
//! (moments RFC 3339), numbers are strings so they stay exact (`"6.8"`), enumerations are their
//! API names (`"AT_RISK"`). Unknown fields are refused, so a misspelt field fails the load
//! instead of being left out.

use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{
    DataAccess, DateConfidence, Exact, Frequency, GovernmentLayer, Health, KpiAggregation,
    KpiDirection, KpiLevel, LetterKind, MeasurementQualifier, MilestoneKind, QualityDimension,
    RecessKind, RiskLevel, TaskKind, Theme, WorkStatus,
};
use serde::Deserialize;

/// The data file, compiled into the binary so `koers serve --demo` needs no file beside it.
const PLAN_TOML: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/src/samples/demo/plan.toml"
));

/// The whole demo plan. It is loaded organisations first, then the programme and the rest in
/// the order below (commitments with their letters before the risks that name them).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DemoPlan {
    pub programme: ProgrammeRow,
    pub organisations: Vec<OrgRow>,
    pub phases: Vec<PhaseRow>,
    pub workstreams: Vec<WorkstreamRow>,
    pub milestones: Vec<MilestoneRow>,
    /// Finish-to-start dependencies between milestones.
    pub dependencies: Vec<DependencyRow>,
    pub data_sources: Vec<SourceRow>,
    /// Quality assessments of the data sources.
    pub assessments: Vec<AssessmentRow>,
    pub kpis: Vec<KpiRow>,
    pub targets: Vec<TargetRow>,
    pub measurements: Vec<MeasurementRow>,
    /// Data-infrastructure tasks.
    pub tasks: Vec<TaskRow>,
    /// Milestones and the KPIs they serve.
    pub milestone_kpis: Vec<MilestoneKpi>,
    /// Milestones and the tasks they need.
    pub milestone_tasks: Vec<MilestoneTask>,
    /// Tasks that unblock KPIs: a KPI is reportable only when these are done.
    pub task_kpis: Vec<TaskKpi>,
    /// KPIs and the data sources they are measured from.
    pub kpi_sources: Vec<KpiSource>,
    /// The parliamentary recess calendar (DOMAIN.md section 5).
    pub recesses: Vec<RecessRow>,
    /// Commitments to the Kamer, with the letters sent about them.
    pub commitments: Vec<CommitmentRow>,
    /// The risk register.
    pub risks: Vec<RiskRow>,
    /// Baselines, each dated when it was taken.
    pub baselines: Vec<BaselineRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ProgrammeRow {
    /// Loading is skipped when the database holds any programme.
    pub name: String,
    pub goal: String,
    /// The lead organisation's key.
    pub lead: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct OrgRow {
    /// The abbreviation.
    pub key: String,
    pub name: String,
    pub layer: GovernmentLayer,
    /// The umbrella body of its layer (BZK for the Rijk, DOMAIN.md section 2).
    pub umbrella: bool,
    /// TOOI identifier (KOOP registers) where known.
    #[serde(default)]
    pub tooi: Option<String>,
}

/// A span of days, first and last day included.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Span {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PhaseRow {
    pub key: String,
    pub number: i32,
    pub name: String,
    pub description: String,
    pub baseline: Span,
    pub planned: Span,
    #[serde(default)]
    pub forecast: Option<Span>,
    #[serde(default)]
    pub actual_start: Option<NaiveDate>,
    #[serde(default)]
    pub actual_end: Option<NaiveDate>,
    pub status: WorkStatus,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WorkstreamRow {
    pub key: String,
    pub name: String,
    pub description: String,
    /// The lead organisation's key.
    #[serde(default)]
    pub lead: Option<String>,
}

/// A manager's override of the computed health, with the reason.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct HealthOverride {
    pub health: Health,
    pub reason: String,
}

/// A parliamentary deadline: the resolved date and the text it was given as.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DeadlineRow {
    pub date: NaiveDate,
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MilestoneRow {
    pub key: String,
    pub title: String,
    pub description: String,
    pub kind: MilestoneKind,
    /// Absent: a joint milestone, in which every layer takes part.
    #[serde(default)]
    pub layer: Option<GovernmentLayer>,
    pub phase: String,
    pub workstream: String,
    /// The owning organisation's key.
    pub owner: String,
    pub baseline: NaiveDate,
    pub planned: NaiveDate,
    #[serde(default)]
    pub forecast: Option<NaiveDate>,
    #[serde(default)]
    pub actual: Option<NaiveDate>,
    pub status: WorkStatus,
    #[serde(default)]
    pub health_override: Option<HealthOverride>,
    #[serde(default)]
    pub deadline: Option<DeadlineRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DependencyRow {
    pub predecessor: String,
    pub successor: String,
    /// Lag in calendar days.
    pub lag_days: i32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SourceRow {
    pub key: String,
    pub name: String,
    pub description: String,
    /// The owning organisation's key.
    pub owner: String,
    pub frequency: Frequency,
    pub access: DataAccess,
    #[serde(default)]
    pub licence: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AssessmentRow {
    /// The data source's key.
    pub source: String,
    pub dimension: QualityDimension,
    /// 1 to 5.
    pub score: i32,
    pub assessed_on: NaiveDate,
    pub finding: String,
}

/// A KPI's baseline value and the period it was measured in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct KpiBaseline {
    pub value: Exact,
    pub period: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct KpiRow {
    /// The key other rows use.
    pub code: String,
    pub name: String,
    pub definition: String,
    pub unit: String,
    pub direction: KpiDirection,
    /// How its layers add up (amounts and counts: `SUM`).
    pub aggregation: KpiAggregation,
    pub level: KpiLevel,
    pub frequency: Frequency,
    pub themes: Vec<Theme>,
    #[serde(default)]
    pub baseline: Option<KpiBaseline>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TargetRow {
    /// The KPI's code.
    pub kpi: String,
    pub year: i32,
    /// Absent: for all layers together.
    #[serde(default)]
    pub layer: Option<GovernmentLayer>,
    pub value: Exact,
    pub note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MeasurementRow {
    /// The KPI's code.
    pub kpi: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Absent: all layers together.
    #[serde(default)]
    pub layer: Option<GovernmentLayer>,
    pub value: Exact,
    /// What the value is when it is not plain (`AT_LEAST`: "ten minste").
    #[serde(default)]
    pub qualifier: Option<MeasurementQualifier>,
    /// The data source's key.
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TaskRow {
    pub key: String,
    pub title: String,
    pub description: String,
    pub kind: TaskKind,
    #[serde(default)]
    pub layer: Option<GovernmentLayer>,
    /// The owning organisation's key.
    pub owner: String,
    pub due: NaiveDate,
    #[serde(default)]
    pub completed: Option<NaiveDate>,
    pub status: WorkStatus,
    /// The data source's key.
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MilestoneKpi {
    pub milestone: String,
    pub kpi: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MilestoneTask {
    pub milestone: String,
    pub task: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TaskKpi {
    pub task: String,
    pub kpi: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct KpiSource {
    pub kpi: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RecessRow {
    pub kind: RecessKind,
    pub year: i32,
    pub name: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub confidence: DateConfidence,
}

/// A letter to the Kamer about a commitment (a postponement letter names the new deadline).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LetterRow {
    pub kind: LetterKind,
    pub sent_on: NaiveDate,
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub new_deadline_date: Option<NaiveDate>,
    #[serde(default)]
    pub new_deadline_text: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CommitmentRow {
    /// The register number, the key other rows use.
    pub number: String,
    pub text: String,
    pub made_by: String,
    pub made_on: NaiveDate,
    pub deadline_text: String,
    /// Absent: resolved from `deadline_text` by the recess calendar, as the API does.
    #[serde(default)]
    pub deadline_date: Option<NaiveDate>,
    /// The key of the milestone that fulfils it.
    pub fulfilled_by: String,
    /// Sent in this order, each on the version the one before left.
    #[serde(default)]
    pub letters: Vec<LetterRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RiskRow {
    pub title: String,
    pub description: String,
    pub likelihood: RiskLevel,
    pub impact: RiskLevel,
    /// Empty: no mitigation yet.
    pub mitigation: String,
    pub owner: String,
    #[serde(default)]
    pub layer: Option<GovernmentLayer>,
    /// The key of the milestone it threatens.
    pub milestone: String,
    /// The register number of the commitment it threatens.
    #[serde(default)]
    pub commitment: Option<String>,
}

/// Which dates of the milestones a baseline holds.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub(super) enum BaselineDates {
    /// As first promised (the milestones' baseline dates).
    FirstPromised,
    /// As re-planned at the moment it was taken: what was done by then on its actual date, the
    /// rest as planned.
    Replanned,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct BaselineRow {
    pub name: String,
    pub reason: String,
    pub taken_at: DateTime<Utc>,
    pub dates: BaselineDates,
}

impl DemoPlan {
    /// The demo plan of the data file compiled into the binary.
    ///
    /// # Errors
    /// [`ApiError::Internal`] when the file does not parse or a key names no row
    /// ([`DemoPlan::check_keys`]).
    pub fn compiled() -> ApiResult<Self> {
        Self::parse(PLAN_TOML)
    }

    /// A demo plan from TOML text of the shape above.
    ///
    /// # Errors
    /// [`ApiError::Internal`] with the parser's message (line and column) when the text is not
    /// a demo plan, or the key that names no row.
    pub fn parse(text: &str) -> ApiResult<Self> {
        let plan: Self = toml::from_str(text)
            .map_err(|e| ApiError::Internal(format!("demo plan (plan.toml): {e}")))?;
        plan.check_keys()?;
        Ok(plan)
    }

    /// Every key a row uses names a row of its table, and no key is used twice in a table.
    fn check_keys(&self) -> ApiResult<()> {
        let orgs = keys("organisation", self.organisations.iter().map(|o| &o.key))?;
        let phases = keys("phase", self.phases.iter().map(|p| &p.key))?;
        let streams = keys("workstream", self.workstreams.iter().map(|w| &w.key))?;
        let milestones = keys("milestone", self.milestones.iter().map(|m| &m.key))?;
        let sources = keys("data source", self.data_sources.iter().map(|s| &s.key))?;
        let kpis = keys("KPI", self.kpis.iter().map(|k| &k.code))?;
        let tasks = keys("task", self.tasks.iter().map(|t| &t.key))?;
        let commitments = keys("commitment", self.commitments.iter().map(|c| &c.number))?;
        known(&orgs, Some(&self.programme.lead))?;
        for w in &self.workstreams {
            known(&orgs, w.lead.as_ref())?;
        }
        for m in &self.milestones {
            known(&phases, Some(&m.phase))?;
            known(&streams, Some(&m.workstream))?;
            known(&orgs, Some(&m.owner))?;
        }
        for d in &self.dependencies {
            known(&milestones, Some(&d.predecessor))?;
            known(&milestones, Some(&d.successor))?;
        }
        for s in &self.data_sources {
            known(&orgs, Some(&s.owner))?;
        }
        for a in &self.assessments {
            known(&sources, Some(&a.source))?;
        }
        for t in &self.targets {
            known(&kpis, Some(&t.kpi))?;
        }
        for m in &self.measurements {
            known(&kpis, Some(&m.kpi))?;
            known(&sources, m.source.as_ref())?;
        }
        for t in &self.tasks {
            known(&orgs, Some(&t.owner))?;
            known(&sources, t.source.as_ref())?;
        }
        for l in &self.milestone_kpis {
            known(&milestones, Some(&l.milestone))?;
            known(&kpis, Some(&l.kpi))?;
        }
        for l in &self.milestone_tasks {
            known(&milestones, Some(&l.milestone))?;
            known(&tasks, Some(&l.task))?;
        }
        for l in &self.task_kpis {
            known(&tasks, Some(&l.task))?;
            known(&kpis, Some(&l.kpi))?;
        }
        for l in &self.kpi_sources {
            known(&kpis, Some(&l.kpi))?;
            known(&sources, Some(&l.source))?;
        }
        for c in &self.commitments {
            known(&milestones, Some(&c.fulfilled_by))?;
        }
        for r in &self.risks {
            known(&milestones, Some(&r.milestone))?;
            known(&commitments, r.commitment.as_ref())?;
        }
        Ok(())
    }
}

type KeySet<'a> = std::collections::HashSet<&'a str>;

/// The keys of one table; a key used twice is an error.
fn keys<'a>(table: &str, rows: impl Iterator<Item = &'a String>) -> ApiResult<KeySet<'a>> {
    let mut set = KeySet::new();
    for key in rows {
        if !set.insert(key.as_str()) {
            return Err(ApiError::Internal(format!(
                "demo plan (plan.toml): {table} key {key} is used twice"
            )));
        }
    }
    Ok(set)
}

/// A reference to a key of `set`, when there is one.
fn known(set: &KeySet<'_>, key: Option<&String>) -> ApiResult<()> {
    match key {
        Some(key) if !set.contains(key.as_str()) => Err(ApiError::Internal(format!(
            "demo plan (plan.toml): unknown key {key}"
        ))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> DemoPlan {
        DemoPlan::compiled().unwrap_or_else(|e| panic!("{e:?}"))
    }

    /// The data file parses, every key it uses names a row, and it holds the plan the README
    /// describes (22 milestones, 11 KPIs, two commitments, two baselines).
    #[test]
    fn the_data_file_is_the_demo_plan() {
        let plan = plan();
        assert_eq!(plan.programme.name, "Regie op de monitoring van MVOI");
        assert_eq!(plan.milestones.len(), 22);
        assert_eq!(plan.kpis.len(), 11);
        assert_eq!(plan.phases.len(), 3);
        assert_eq!(plan.workstreams.len(), 7);
        assert_eq!(plan.commitments.len(), 2);
        assert_eq!(plan.baselines.len(), 2);
        let letters: Vec<LetterKind> = plan
            .commitments
            .iter()
            .flat_map(|c| c.letters.iter().map(|l| l.kind))
            .collect();
        assert_eq!(letters, [LetterKind::Postponement, LetterKind::Fulfilment]);
        let qualified: Vec<&str> = plan
            .measurements
            .iter()
            .filter(|m| m.qualifier == Some(MeasurementQualifier::AtLeast))
            .map(|m| m.kpi.as_str())
            .collect();
        assert_eq!(qualified, ["MVOI-04"]);
    }

    /// The state is as of 2026-06-15: done ones finished before it, open ones are forecast after it.
    #[test]
    fn milestones_follow_the_reference_date() {
        let today = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap_or_default();
        for m in plan().milestones {
            if m.status == WorkStatus::Done {
                assert!(m.actual.is_some_and(|a| a <= today), "{}", m.key);
            } else {
                assert!(m.actual.is_none(), "{}", m.key);
                assert!(m.forecast.is_some_and(|f| f > today), "{}", m.key);
            }
        }
    }

    /// A misspelt field, a key that names no row and a key used twice each fail the load with
    /// what is wrong, rather than loading a plan with something left out.
    #[test]
    fn a_broken_data_file_is_refused_with_the_reason() {
        let good = PLAN_TOML;
        let misspelt = good.replacen("lag_days", "lag_dayz", 1);
        assert_ne!(misspelt, good);
        let err = DemoPlan::parse(&misspelt).err().map(|e| format!("{e:?}"));
        assert!(
            err.as_deref().is_some_and(|e| e.contains("lag_dayz")),
            "{err:?}"
        );
        let unknown = good.replacen(
            "fulfilled_by = \"progress_letter\"",
            "fulfilled_by = \"progress_leter\"",
            1,
        );
        assert_ne!(unknown, good);
        let err = DemoPlan::parse(&unknown).err().map(|e| format!("{e:?}"));
        assert!(
            err.as_deref().is_some_and(|e| e.contains("progress_leter")),
            "{err:?}"
        );
        let twice = good.replacen("key = \"IenW\"", "key = \"BZK\"", 1);
        assert_ne!(twice, good);
        let err = DemoPlan::parse(&twice).err().map(|e| format!("{e:?}"));
        assert!(
            err.as_deref()
                .is_some_and(|e| e.contains("BZK is used twice")),
            "{err:?}"
        );
    }
}
