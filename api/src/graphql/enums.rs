//! GraphQL enums, each mirroring the stored enum of the same name in `entity`.

use async_graphql::Enum;

/// A government layer (overheidslaag). A joint milestone has no layer.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::GovernmentLayer")]
pub enum GovernmentLayer {
    /// The central government: ministries and agencies (BZK leads).
    Rijk,
    /// The 12 provinces (umbrella body IPO).
    Provincie,
    /// The municipalities (umbrella body VNG).
    Gemeente,
    /// The 21 water boards (umbrella body Unie van Waterschappen).
    Waterschap,
}

/// What an account may do (the README's role table gives each role's rights).
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::Role")]
pub enum Role {
    /// Everything, tokens included.
    Admin,
    /// The whole plan.
    ProgrammeManager,
    /// One government layer's milestones, tasks and measurements.
    LayerManager,
    /// Progress reports: generate, edit, approve, publish.
    Reporter,
    /// Read only.
    Viewer,
}

/// Progress of a phase, milestone or task.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::WorkStatus")]
pub enum WorkStatus {
    /// Not started.
    Planned,
    /// Under way.
    InProgress,
    /// Finished (it has an actual date).
    Done,
    /// Will not happen.
    Cancelled,
}

/// Health of a milestone.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::Health")]
pub enum Health {
    /// Expected on time.
    OnTrack,
    /// May miss its date or deadline.
    AtRisk,
    /// Will miss its date or deadline.
    OffTrack,
}

/// Kind of milestone.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::MilestoneKind")]
pub enum MilestoneKind {
    /// A product is delivered.
    Delivery,
    /// A decision is taken.
    Decision,
    /// The Kamer is informed (a Kamerbrief or debate).
    Parliament,
    /// A pilot starts or ends.
    Pilot,
    /// An administrative consultation between layers.
    Consultation,
    /// Something starts (a cycle, a phase).
    Start,
}

/// Which way a KPI improves.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::KpiDirection")]
pub enum KpiDirection {
    /// A higher value is better.
    HigherIsBetter,
    /// A lower value is better.
    LowerIsBetter,
}

/// How a KPI's layers add up to the whole of all governments.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::KpiAggregation")]
pub enum KpiAggregation {
    /// They do not: a total is only a value measured as one (percentages, ratios). The
    /// default.
    None,
    /// The four layers' values of one period add up to the total (amounts, counts). Reports
    /// show that sum only where every layer was measured for the period and no total was.
    Sum,
}

/// Level of a KPI in the results chain.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::KpiLevel")]
pub enum KpiLevel {
    /// Resources put in.
    Input,
    /// How the work is done.
    Process,
    /// What the work produces.
    Output,
    /// The effect on the target group.
    Outcome,
    /// The effect on society.
    Impact,
}

/// How often something is measured or updated.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::Frequency")]
pub enum Frequency {
    /// Every month.
    Monthly,
    /// Every quarter.
    Quarterly,
    /// Twice a year.
    HalfYearly,
    /// Once a year.
    Yearly,
    /// Every two years.
    Biennial,
    /// When needed.
    AdHoc,
}

/// An MVOI theme (Manifest MVOI 2022-2025), plus innovation (Rijk).
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::Theme")]
pub enum Theme {
    /// Milieu & biodiversiteit.
    EnvironmentBiodiversity,
    /// Klimaat.
    Climate,
    /// Circulair (including biobased).
    Circular,
    /// Ketenverantwoordelijkheid (international social conditions, ISV).
    SupplyChainResponsibility,
    /// Diversiteit & inclusie.
    DiversityInclusion,
    /// Social return.
    SocialReturn,
    /// Innovatie (Rijk).
    Innovation,
}

/// A dimension of the NORA data-quality framework (Raamwerk gegevenskwaliteit).
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::QualityDimension")]
pub enum QualityDimension {
    /// Juistheid.
    Accuracy,
    /// Compleetheid.
    Completeness,
    /// Validiteit.
    Validity,
    /// Consistentie.
    Consistency,
    /// Actualiteit.
    Timeliness,
    /// Precisie.
    Precision,
    /// Plausibiliteit.
    Plausibility,
    /// Traceerbaarheid.
    Traceability,
    /// Begrijpelijkheid.
    Understandability,
}

/// Kind of data-infrastructure task.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::TaskKind")]
pub enum TaskKind {
    /// Systems and data flows.
    DataInfrastructure,
    /// Ownership, agreements and responsibilities.
    DataGovernance,
    /// Improving a source's data quality.
    DataQuality,
}

/// Who may access a data source.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::DataAccess")]
pub enum DataAccess {
    /// Open data.
    Open,
    /// On request or under agreement.
    Restricted,
    /// Only inside the owning organisation.
    Internal,
}

/// A recess of the Tweede Kamer.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::RecessKind")]
pub enum RecessKind {
    /// Voorjaarsreces.
    Spring,
    /// Meireces.
    May,
    /// Zomerreces.
    Summer,
    /// Herfstreces.
    Autumn,
    /// Kerstreces.
    Christmas,
    /// Verkiezingsreces.
    Election,
}

/// How certain a calendar date is.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::DateConfidence")]
pub enum DateConfidence {
    /// Published by the Kamer.
    Official,
    /// Copied from a third party's copy of the official list.
    ThirdParty,
    /// Our own estimate.
    Estimate,
}

/// State of a commitment to the Kamer.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::CommitmentStatus")]
pub enum CommitmentStatus {
    /// Not yet fulfilled.
    Open,
    /// Fulfilled by a letter or delivery.
    Fulfilled,
}

/// What a letter to the Kamer does with a commitment.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::LetterKind")]
pub enum LetterKind {
    /// The letter delivers what was promised: the commitment is fulfilled.
    Fulfilment,
    /// The letter moves the deadline, with the reason.
    Postponement,
}

/// State of a progress report.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::ReportStatus")]
pub enum ReportStatus {
    /// Generated, not yet published: it can be deleted; a new draft is a new report.
    Draft,
    /// Published: frozen; its documents and their SHA-256 never change.
    Published,
}

/// What a measured value is, when it is not plain.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::MeasurementQualifier")]
pub enum MeasurementQualifier {
    /// A lower bound: at least this much ("ten minste").
    AtLeast,
    /// An upper bound: at most this much ("ten hoogste").
    AtMost,
    /// An estimate ("naar schatting").
    Estimate,
}

/// A language of text for users: a report's (Dutch unless asked otherwise), or the health
/// reasons' and the like (by default the request's `Accept-Language`).
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::Language")]
pub enum Language {
    /// Dutch (the default: what reaches the Kamer).
    Nl,
    /// English.
    En,
}

/// Format of a report document.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::DocumentFormat")]
pub enum DocumentFormat {
    /// Markdown.
    Md,
    /// One self-contained HTML file.
    Html,
    /// PDF/A-2a and PDF/UA-1.
    Pdf,
    /// OpenDocument text, editable (ODF 1.3).
    Odt,
    /// The final version as sent to the Kamer: the edited ODT attached after publication
    /// (`attachFinalReport`).
    FinalOdt,
}

/// What a change record describes.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::ChangeAction")]
pub enum ChangeAction {
    /// The object was created.
    Create,
    /// A field was changed.
    Update,
    /// The object was (soft-)deleted.
    Delete,
    /// Two objects were linked.
    Link,
    /// Two objects were unlinked.
    Unlink,
    /// A deleted object was brought back (`restoreX`), with its links and dependencies.
    Restore,
}

/// Whether an update was applied.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MutationStatus {
    /// The change was applied; the payload holds the object as it now stands.
    Ok,
    /// The version sent was stale: nothing changed; the payload holds the current object.
    Conflict,
}

/// How likely a risk is, or how bad its impact would be.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::RiskLevel")]
pub enum RiskLevel {
    /// Low (kans of impact klein).
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
}

/// Whether a risk still counts.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::RiskStatus")]
pub enum RiskStatus {
    /// It may still happen: reports list it.
    Open,
    /// It has passed or been dealt with: reports leave it out.
    Closed,
}

/// A section of a progress report, for the author's note under its heading.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportSection {
    /// 1. Aanleiding.
    Aanleiding,
    /// 2. Kern.
    Kern,
    /// 3. Voortgang per fase en per overheidslaag.
    Voortgang,
    /// 4. Toezeggingen.
    Toezeggingen,
    /// 5. KPI's.
    Kpis,
    /// 6. Data-infrastructuur en datagovernance.
    Data,
    /// 7. Risico's en beheersmaatregelen.
    Risicos,
    /// 8. Vervolg.
    Vervolg,
}

impl ReportSection {
    /// The section of a content key, if it is one.
    pub fn from_key(key: &str) -> Option<Self> {
        use ReportSection::*;
        [
            Aanleiding,
            Kern,
            Voortgang,
            Toezeggingen,
            Kpis,
            Data,
            Risicos,
            Vervolg,
        ]
        .into_iter()
        .find(|s| s.key() == key)
    }

    /// The key the report's content and templates use (`service::reports::document::SECTIONS`).
    pub fn key(self) -> &'static str {
        match self {
            ReportSection::Aanleiding => "aanleiding",
            ReportSection::Kern => "kern",
            ReportSection::Voortgang => "voortgang",
            ReportSection::Toezeggingen => "toezeggingen",
            ReportSection::Kpis => "kpis",
            ReportSection::Data => "data",
            ReportSection::Risicos => "risicos",
            ReportSection::Vervolg => "vervolg",
        }
    }
}
