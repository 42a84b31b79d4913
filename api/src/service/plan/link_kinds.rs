//! The kinds of links between plan objects (milestone-KPI, milestone-task, task-KPI, KPI-data
//! source, commitment-milestone) and of milestone dependencies: their tables, columns and names
//! in the change history. A leaf: recording (`links`), listing (`change_records`), as-of views
//! and the GraphQL layer read these without depending on each other.

/// A link table: its name in the change history, its two columns and the types they point at.
/// A link's change records carry the left id as `entity_id` and the right id as the value.
pub struct LinkSpec {
    /// Name in the change history, e.g. `MilestoneKpi`.
    pub name: &'static str,
    /// The link table, e.g. `milestone_kpi`.
    pub table: &'static str,
    /// Left column, e.g. `milestone_id`.
    pub left: &'static str,
    /// Right column, e.g. `kpi_id`.
    pub right: &'static str,
    /// GraphQL type of the left side.
    pub left_type: &'static str,
    /// GraphQL type of the right side.
    pub right_type: &'static str,
}

/// Milestone to KPI.
pub const MILESTONE_KPI: LinkSpec = LinkSpec {
    name: "MilestoneKpi",
    table: "milestone_kpi",
    left: "milestone_id",
    right: "kpi_id",
    left_type: "Milestone",
    right_type: "Kpi",
};
/// Milestone to data-infrastructure task.
pub const MILESTONE_TASK: LinkSpec = LinkSpec {
    name: "MilestoneTask",
    table: "milestone_task",
    left: "milestone_id",
    right: "task_id",
    left_type: "Milestone",
    right_type: "DataInfraTask",
};
/// Task unblocks KPI.
pub const TASK_KPI: LinkSpec = LinkSpec {
    name: "TaskKpi",
    table: "task_kpi",
    left: "task_id",
    right: "kpi_id",
    left_type: "DataInfraTask",
    right_type: "Kpi",
};
/// KPI depends on data source.
pub const KPI_DATA_SOURCE: LinkSpec = LinkSpec {
    name: "KpiDataSource",
    table: "kpi_data_source",
    left: "kpi_id",
    right: "data_source_id",
    left_type: "Kpi",
    right_type: "DataSource",
};
/// Commitment is fulfilled by milestone.
pub const COMMITMENT_MILESTONE: LinkSpec = LinkSpec {
    name: "CommitmentMilestone",
    table: "commitment_milestone",
    left: "commitment_id",
    right: "milestone_id",
    left_type: "Commitment",
    right_type: "Milestone",
};

/// Finish-to-start dependencies: recorded under the successor, the value names the predecessor
/// and the lag as JSON (`{"lag_days":7,"predecessor_id":12}`).
pub const MILESTONE_DEPENDENCY: LinkSpec = LinkSpec {
    name: "MilestoneDependency",
    table: "milestone_dependency",
    left: "successor_id",
    right: "predecessor_id",
    left_type: "Milestone",
    right_type: "Milestone",
};

/// Every link kind, for the change history.
pub const ALL: [&LinkSpec; 6] = [
    &MILESTONE_KPI,
    &MILESTONE_TASK,
    &TASK_KPI,
    &KPI_DATA_SOURCE,
    &COMMITMENT_MILESTONE,
    &MILESTONE_DEPENDENCY,
];

/// The GraphQL type of a change record's `entity_id`: the entity itself, or a link's left side.
pub fn owner_type(entity: &str) -> &str {
    ALL.iter()
        .find(|spec| spec.name == entity)
        .map_or(entity, |spec| spec.left_type)
}
