//! Enumerations stored as their SCREAMING_SNAKE_CASE names (the same names the GraphQL schema uses).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// The key that the spellings of one value's name share: case does not matter and `-` and `_`
/// are the same (one of them is needed where the name has two words), so "LAYER_MANAGER" (the
/// API), "layer-manager" (the command line) and "Layer_Manager" are one.
/// The one rule for names wherever a person or another system writes them (command line,
/// environment, identity-token claims).
pub fn name_key(text: &str) -> String {
    text.trim().to_ascii_uppercase().replace('-', "_")
}

/// The value of `T` named `text` in any of its spellings ([`name_key`]).
pub fn parse_name<T: ActiveEnum<Value = String>>(text: &str) -> Option<T> {
    T::try_from_value(&name_key(text)).ok()
}

macro_rules! db_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
            EnumIter, DeriveActiveEnum, Serialize, Deserialize,
        )]
        #[sea_orm(
            rs_type = "String",
            db_type = "String(StringLen::N(32))",
            rename_all = "SCREAMING_SNAKE_CASE"
        )]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        pub enum $name { $($variant),+ }

        impl $name {
            /// The stored (and GraphQL) name of this value.
            pub fn as_str(&self) -> String {
                self.to_value()
            }
        }
    };
}

db_enum!(
    /// Government layer (overheidslaag).
    GovernmentLayer { Rijk, Provincie, Gemeente, Waterschap }
);
db_enum!(
    /// What an account may do: everything; edit the whole plan; edit one layer's milestones,
    /// tasks and measurements; generate and publish reports; read.
    Role { Admin, ProgrammeManager, LayerManager, Reporter, Viewer }
);
db_enum!(
    /// Progress of a phase, milestone or task.
    WorkStatus { Planned, InProgress, Done, Cancelled }
);
db_enum!(
    /// Health of a milestone.
    Health { OnTrack, AtRisk, OffTrack }
);
db_enum!(
    /// Kind of milestone.
    MilestoneKind { Delivery, Decision, Parliament, Pilot, Consultation, Start }
);
db_enum!(
    /// What a measured value is, when it is not plain: a lower bound ("ten minste 6,8 Mton"),
    /// an upper bound ("ten hoogste") or an estimate ("naar schatting").
    MeasurementQualifier { AtLeast, AtMost, Estimate }
);
db_enum!(
    /// Which way a KPI improves.
    KpiDirection { HigherIsBetter, LowerIsBetter }
);
db_enum!(
    /// How a KPI's layers add up to the whole: not at all (a total is only what was measured
    /// as one; percentages and ratios), or as a sum (amounts and counts).
    KpiAggregation { None, Sum }
);

/// `NONE`: also what a KPI recorded before aggregation existed reads as (in its history).
#[allow(clippy::derivable_impls)] // the variants come from `db_enum!`, which cannot mark one
impl Default for KpiAggregation {
    fn default() -> Self {
        Self::None
    }
}
db_enum!(
    /// Level of a KPI in the results chain.
    KpiLevel { Input, Process, Output, Outcome, Impact }
);
db_enum!(
    /// How often something is measured or updated.
    Frequency { Monthly, Quarterly, HalfYearly, Yearly, Biennial, AdHoc }
);
db_enum!(
    /// The MVOI themes (Manifest MVOI 2022-2025), plus innovation (Rijk).
    Theme {
        EnvironmentBiodiversity,
        Climate,
        Circular,
        SupplyChainResponsibility,
        DiversityInclusion,
        SocialReturn,
        Innovation,
    }
);
db_enum!(
    /// The nine dimensions of the NORA data-quality framework.
    QualityDimension {
        Accuracy,
        Completeness,
        Validity,
        Consistency,
        Timeliness,
        Precision,
        Plausibility,
        Traceability,
        Understandability,
    }
);
db_enum!(
    /// Kind of data-infrastructure task.
    TaskKind { DataInfrastructure, DataGovernance, DataQuality }
);
db_enum!(
    /// Who may access a data source.
    DataAccess { Open, Restricted, Internal }
);
db_enum!(
    /// Recess of the Tweede Kamer.
    RecessKind { Spring, May, Summer, Autumn, Christmas, Election }
);
db_enum!(
    /// How certain a calendar date is.
    DateConfidence { Official, ThirdParty, Estimate }
);
db_enum!(
    /// State of a commitment to the Kamer.
    CommitmentStatus { Open, Fulfilled }
);
db_enum!(
    /// What a letter to the Kamer does with a commitment.
    LetterKind { Fulfilment, Postponement }
);
db_enum!(
    /// State of a progress report.
    ReportStatus { Draft, Published }
);
db_enum!(
    /// How likely a risk is, or how bad its impact would be.
    RiskLevel { Low, Medium, High }
);
db_enum!(
    /// Whether a risk still counts.
    RiskStatus { Open, Closed }
);
db_enum!(
    /// A language koers writes text for users in: Dutch (the default: what reaches the Kamer
    /// and the programme's managers) or English. The one language type: a report's language is
    /// stored as it, the API and the command line name it, and the words of each language
    /// (`service::language::Words` in the api crate) are chosen by it.
    Language { Nl, En }
);
db_enum!(
    /// Format of a report document.
    DocumentFormat { Md, Html, Pdf, Odt, FinalOdt }
);
db_enum!(
    /// What a change record describes.
    ChangeAction { Create, Update, Delete, Link, Unlink, Restore }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_whatever_their_case_and_separators() {
        for spelling in [
            "PROGRAMME_MANAGER",
            "programme_manager",
            "programme-manager",
            "Programme-Manager",
            " programme_MANAGER ",
        ] {
            assert_eq!(
                parse_name::<Role>(spelling),
                Some(Role::ProgrammeManager),
                "{spelling}"
            );
        }
        assert_eq!(
            parse_name::<GovernmentLayer>("GEMEENTE"),
            Some(GovernmentLayer::Gemeente)
        );
        assert_eq!(
            parse_name::<GovernmentLayer>("gemeente"),
            Some(GovernmentLayer::Gemeente)
        );
        assert_eq!(parse_name::<Role>("programmemanager"), None);
    }
}

/// Reads a value that may be absent or `null` as its default: for a column added after records
/// of its table were written to the history (an as-of view rebuilds those with `null`).
pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod added_columns {
    #[test]
    fn a_kpi_recorded_before_aggregation_existed_reads_as_none() {
        let recorded = serde_json::json!({
            "id": 1, "programme_id": 1, "code": "K", "name": "K", "definition": "d", "unit": "%",
            "direction": "HIGHER_IS_BETTER", "aggregation": null, "level": "OUTPUT",
            "frequency": "YEARLY", "themes": "", "baseline_value": null, "baseline_period": null,
            "version": 1, "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
            "deleted_at": null
        });
        let kpi: crate::kpi::Model = serde_json::from_value(recorded).expect("rebuilds");
        assert_eq!(kpi.aggregation, super::KpiAggregation::None);
    }
}
