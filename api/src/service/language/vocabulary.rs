//! The plan's own words: a milestone's kind and progress, a risk's level and state, a
//! commitment's status, as a user reads them ("gereed", "besluit"). The report's `words` module
//! and the web app both name these values through here.

use super::{Language, Words};
use entity::{
    CommitmentStatus, DataAccess, Frequency, KpiDirection, MilestoneKind, RiskLevel, RiskStatus,
    WorkStatus,
};

impl Words {
    /// A milestone's or task's progress: "gepland", "bezig", "gereed", "vervallen".
    pub fn work_status(self, status: WorkStatus) -> &'static str {
        match (self.language(), status) {
            (Language::Nl, WorkStatus::Planned) => "gepland",
            (Language::Nl, WorkStatus::InProgress) => "bezig",
            (Language::Nl, WorkStatus::Done) => "gereed",
            (Language::Nl, WorkStatus::Cancelled) => "vervallen",
            (Language::En, WorkStatus::Planned) => "planned",
            (Language::En, WorkStatus::InProgress) => "in progress",
            (Language::En, WorkStatus::Done) => "done",
            (Language::En, WorkStatus::Cancelled) => "cancelled",
        }
    }

    /// What kind of milestone it is: "oplevering", "besluit", "Kamerbrief of -debat", ...
    pub fn milestone_kind(self, kind: MilestoneKind) -> &'static str {
        match (self.language(), kind) {
            (Language::Nl, MilestoneKind::Delivery) => "oplevering",
            (Language::Nl, MilestoneKind::Decision) => "besluit",
            (Language::Nl, MilestoneKind::Parliament) => "moment in de Kamer",
            (Language::Nl, MilestoneKind::Pilot) => "pilot",
            (Language::Nl, MilestoneKind::Consultation) => "consultatie",
            (Language::Nl, MilestoneKind::Start) => "start",
            (Language::En, MilestoneKind::Delivery) => "delivery",
            (Language::En, MilestoneKind::Decision) => "decision",
            (Language::En, MilestoneKind::Parliament) => "parliamentary moment",
            (Language::En, MilestoneKind::Pilot) => "pilot",
            (Language::En, MilestoneKind::Consultation) => "consultation",
            (Language::En, MilestoneKind::Start) => "start",
        }
    }

    /// A risk's likelihood or impact: "laag", "middel", "hoog".
    pub fn risk_level(self, level: RiskLevel) -> &'static str {
        match (self.language(), level) {
            (Language::Nl, RiskLevel::Low) => "laag",
            (Language::Nl, RiskLevel::Medium) => "middel",
            (Language::Nl, RiskLevel::High) => "hoog",
            (Language::En, RiskLevel::Low) => "low",
            (Language::En, RiskLevel::Medium) => "medium",
            (Language::En, RiskLevel::High) => "high",
        }
    }

    /// Whether a risk is still open: "open", "gesloten".
    pub fn risk_status(self, status: RiskStatus) -> &'static str {
        match (self.language(), status) {
            (Language::Nl, RiskStatus::Open) => "open",
            (Language::Nl, RiskStatus::Closed) => "gesloten",
            (Language::En, RiskStatus::Open) => "open",
            (Language::En, RiskStatus::Closed) => "closed",
        }
    }

    /// A commitment's status: "open", "nagekomen".
    pub fn commitment_status(self, status: CommitmentStatus) -> &'static str {
        match (self.language(), status) {
            (Language::Nl, CommitmentStatus::Open) => "open",
            (Language::Nl, CommitmentStatus::Fulfilled) => "nagekomen",
            (Language::En, CommitmentStatus::Open) => "open",
            (Language::En, CommitmentStatus::Fulfilled) => "fulfilled",
        }
    }

    /// How often something is measured or updated: "jaarlijks", "per kwartaal", ...
    pub fn frequency(self, frequency: Frequency) -> &'static str {
        match (self.language(), frequency) {
            (Language::Nl, Frequency::Monthly) => "maandelijks",
            (Language::Nl, Frequency::Quarterly) => "per kwartaal",
            (Language::Nl, Frequency::HalfYearly) => "per half jaar",
            (Language::Nl, Frequency::Yearly) => "jaarlijks",
            (Language::Nl, Frequency::Biennial) => "eens per twee jaar",
            (Language::Nl, Frequency::AdHoc) => "wanneer nodig",
            (Language::En, Frequency::Monthly) => "monthly",
            (Language::En, Frequency::Quarterly) => "quarterly",
            (Language::En, Frequency::HalfYearly) => "half-yearly",
            (Language::En, Frequency::Yearly) => "yearly",
            (Language::En, Frequency::Biennial) => "every two years",
            (Language::En, Frequency::AdHoc) => "when needed",
        }
    }

    /// Which way a KPI improves: "hoger is beter", "lager is beter".
    pub fn kpi_direction(self, direction: KpiDirection) -> &'static str {
        match (self.language(), direction) {
            (Language::Nl, KpiDirection::HigherIsBetter) => "hoger is beter",
            (Language::Nl, KpiDirection::LowerIsBetter) => "lager is beter",
            (Language::En, KpiDirection::HigherIsBetter) => "higher is better",
            (Language::En, KpiDirection::LowerIsBetter) => "lower is better",
        }
    }

    /// Who may use a data source: "openbaar", "beperkt toegankelijk", "alleen intern".
    pub fn data_access(self, access: DataAccess) -> &'static str {
        match (self.language(), access) {
            (Language::Nl, DataAccess::Open) => "openbaar",
            (Language::Nl, DataAccess::Restricted) => "beperkt toegankelijk",
            (Language::Nl, DataAccess::Internal) => "alleen intern",
            (Language::En, DataAccess::Open) => "open",
            (Language::En, DataAccess::Restricted) => "restricted",
            (Language::En, DataAccess::Internal) => "internal only",
        }
    }
}
