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

/// The other side of a link's change record: the right side's GraphQL type and row id, and
/// for a dependency its lag in days. `value` is the record's value (the old one of an unlink,
/// the new one of a link); None when `entity` is no link kind or the value is not one it wrote.
pub fn right_side(entity: &str, value: &str) -> Option<(&'static str, i32, Option<i32>)> {
    let spec = ALL.iter().find(|spec| spec.name == entity)?;
    if spec.name == MILESTONE_DEPENDENCY.name {
        let value: serde_json::Value = serde_json::from_str(value).ok()?;
        let id = i32::try_from(value.get(MILESTONE_DEPENDENCY.right)?.as_i64()?).ok()?;
        let lag = value
            .get("lag_days")
            .and_then(serde_json::Value::as_i64)
            .and_then(|lag| i32::try_from(lag).ok());
        return Some((spec.right_type, id, lag));
    }
    Some((spec.right_type, value.trim().parse().ok()?, None))
}

/// The GraphQL type a reference field's value names (`phase_id` a Phase, `owner_organisation_id`
/// an Organisation), for the change history; None for a field that is no reference.
pub fn referenced_type(field: &str) -> Option<&'static str> {
    Some(match field {
        "programme_id" => "Programme",
        "phase_id" => "Phase",
        "workstream_id" => "Workstream",
        "owner_organisation_id" | "lead_organisation_id" => "Organisation",
        "milestone_id" | "predecessor_id" | "successor_id" => "Milestone",
        "kpi_id" => "Kpi",
        "data_source_id" => "DataSource",
        "task_id" => "DataInfraTask",
        "commitment_id" => "Commitment",
        "previous_report_id" | "report_id" => "ProgressReport",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_fields_name_their_type() {
        assert_eq!(referenced_type("phase_id"), Some("Phase"));
        assert_eq!(
            referenced_type("owner_organisation_id"),
            Some("Organisation")
        );
        assert_eq!(referenced_type("title"), None);
        // Every link's right column is a reference the history can resolve.
        for spec in ALL {
            assert_eq!(
                referenced_type(spec.right),
                Some(spec.right_type),
                "{}",
                spec.name
            );
        }
    }

    #[test]
    fn the_right_side_of_each_kind_of_link_record() {
        assert_eq!(right_side("MilestoneKpi", "12"), Some(("Kpi", 12, None)));
        assert_eq!(
            right_side(
                "MilestoneDependency",
                r#"{"lag_days":7,"predecessor_id":3}"#
            ),
            Some(("Milestone", 3, Some(7)))
        );
        assert_eq!(right_side("Milestone", "12"), None);
        assert_eq!(right_side("MilestoneKpi", "twelve"), None);
        assert_eq!(right_side("MilestoneDependency", "3"), None);
    }
}
