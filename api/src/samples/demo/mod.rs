//! The demo plan: the real MVOI monitoring programme as it stood around mid-June 2026 (DOMAIN.md section 7).
//!
//! The state is "as of 2026-06-15": milestones before that date are done with their actual dates,
//! later ones planned or in progress. Facts marked *(source)* in DOMAIN.md are kept exactly; values
//! invented for the demo say so in their note ("demowaarde"). Everything goes through the same
//! validated service functions as the API, so the demo also exercises the domain rules.

use crate::error::{ApiError, ApiResult};
use crate::service::plan::links::{self, LinkSpec, add_dependency_in, set_link_in};
use crate::service::store::crud::{PlanEntity, Rules, create_in, id_of};
use crate::service::{Actor, data::kpis};
use chrono::NaiveDate;
use entity::{
    CommitmentStatus, DataAccess, DateConfidence, Exact, Frequency, GovernmentLayer, Health,
    KpiAggregation, KpiDirection, KpiLevel, MilestoneKind, QualityDimension, RecessKind, RiskLevel,
    RiskStatus, TaskKind, Theme, WorkStatus, commitment, commitment_milestone, data_infra_task,
    data_quality_assessment, data_source, kpi, kpi_data_source, kpi_measurement, kpi_target,
    milestone, milestone_kpi, milestone_task, organisation, phase, programme, recess_period,
    task_kpi, workstream,
};
use rust_decimal::Decimal;
use sea_orm::{ActiveModelTrait, DatabaseConnection, DatabaseTransaction, EntityTrait};
use std::collections::HashMap;
use std::str::FromStr;

/// The name of the demo programme; loading is skipped when a live programme has this name.
pub const DEMO_PROGRAMME: &str = "Regie op de monitoring van MVOI";

/// Ids of the created objects by their key in the tables below.
mod scheduling;

type Ids = HashMap<&'static str, i32>;

// ---------------------------------------------------------------------------------------------
// Organisations, programme, phases, workstreams
// ---------------------------------------------------------------------------------------------

struct OrgRow {
    key: &'static str,
    name: &'static str,
    layer: GovernmentLayer,
    umbrella: bool,
    /// TOOI identifier (KOOP registers) where known.
    tooi: Option<&'static str>,
}

/// Keys are the abbreviations. BZK is the umbrella body of the Rijk layer (DOMAIN.md section 2).
const ORGANISATIONS: &[OrgRow] = &[
    OrgRow {
        key: "BZK",
        name: "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        layer: GovernmentLayer::Rijk,
        umbrella: true,
        tooi: Some("https://identifier.overheid.nl/tooi/id/ministerie/mnre1034"),
    },
    OrgRow {
        key: "IenW",
        name: "Ministerie van Infrastructuur en Waterstaat",
        layer: GovernmentLayer::Rijk,
        umbrella: false,
        tooi: Some("https://identifier.overheid.nl/tooi/id/ministerie/mnre1130"),
    },
    OrgRow {
        key: "EZ",
        name: "Ministerie van Economische Zaken",
        layer: GovernmentLayer::Rijk,
        umbrella: false,
        tooi: Some("https://identifier.overheid.nl/tooi/id/ministerie/mnre1045"),
    },
    OrgRow {
        key: "PIANOo",
        name: "PIANOo Expertisecentrum Aanbesteden",
        layer: GovernmentLayer::Rijk,
        umbrella: false,
        tooi: None,
    },
    OrgRow {
        key: "RWS",
        name: "Rijkswaterstaat",
        layer: GovernmentLayer::Rijk,
        umbrella: false,
        tooi: None,
    },
    OrgRow {
        key: "RIVM",
        name: "Rijksinstituut voor Volksgezondheid en Milieu",
        layer: GovernmentLayer::Rijk,
        umbrella: false,
        tooi: None,
    },
    OrgRow {
        key: "IPO",
        name: "Interprovinciaal Overleg",
        layer: GovernmentLayer::Provincie,
        umbrella: true,
        tooi: None,
    },
    OrgRow {
        key: "VNG",
        name: "Vereniging van Nederlandse Gemeenten",
        layer: GovernmentLayer::Gemeente,
        umbrella: true,
        tooi: None,
    },
    OrgRow {
        key: "UvW",
        name: "Unie van Waterschappen",
        layer: GovernmentLayer::Waterschap,
        umbrella: true,
        tooi: None,
    },
];

const PROGRAMME_GOAL: &str = "Betere stuur- en monitoringsinformatie over Maatschappelijk Verantwoord \
Opdrachtgeven en Inkopen (MVOI) voor alle overheidslagen. Alle Nederlandse overheden samen kopen \
jaarlijks voor ongeveer 85 miljard euro in (bron: Rijksinkoopsamenwerking, RIVM). De studie staat onder \
regie van BZK, samen met IPO, VNG en de Unie van Waterschappen; PIANOo, Rijkswaterstaat en het RIVM \
adviseren. Het resultaat is een meerjarenplan voor toekomstbestendige monitoring en actuele \
sturingsinformatie.";

struct PhaseRow {
    key: &'static str,
    number: i32,
    name: &'static str,
    description: &'static str,
    baseline: (&'static str, &'static str),
    planned: (&'static str, &'static str),
    forecast: Option<(&'static str, &'static str)>,
    actual_start: Option<&'static str>,
    actual_end: Option<&'static str>,
    status: WorkStatus,
}

const PHASES: &[PhaseRow] = &[
    PhaseRow {
        key: "fase1",
        number: 1,
        name: "Fase 1: analyse van de huidige monitoring",
        description: "Analyse van de huidige monitoring van MVOI bij alle overheidslagen. \
            Gestart eind 2023, begin 2024 afgerond.",
        baseline: ("2023-11-01", "2024-03-29"),
        planned: ("2023-11-01", "2024-03-29"),
        forecast: None,
        actual_start: Some("2023-11-01"),
        actual_end: Some("2024-03-29"),
        status: WorkStatus::Done,
    },
    PhaseRow {
        key: "fase2",
        number: 2,
        name: "Fase 2: definities, doelen, KPI's, product- en sectorkaarten",
        description: "(Concept)definities, doelen en KPI's; kwaliteit van databronnen, \
            data-infrastructuur en datagovernance; productkaarten en sectorkaarten. Gepland voor het \
            zomerreces 2025; door een grotere scope (meer productkaarten, gedetailleerdere sectorkaarten) \
            is de planning in maart 2025 met een uitstelbrief bijgesteld. Eindproducten in september 2025.",
        baseline: ("2024-04-15", "2025-07-03"),
        planned: ("2024-04-15", "2025-09-30"),
        forecast: None,
        actual_start: Some("2024-04-15"),
        actual_end: Some("2025-09-30"),
        status: WorkStatus::Done,
    },
    PhaseRow {
        key: "fase3",
        number: 3,
        name: "Fase 3: meerjarenplan toekomstbestendige monitoring",
        description: "Een meerjarenplan voor toekomstbestendige monitoring en actuele sturingsinformatie, \
            met de vertaling van de producten van fase 2 naar de praktijk van de Rijksoverheid. De Kamer \
            wordt voor het zomerreces 2026 geïnformeerd over de voortgang.",
        baseline: ("2025-06-02", "2026-12-31"),
        planned: ("2025-06-02", "2026-12-31"),
        forecast: Some(("2025-06-02", "2026-12-31")),
        actual_start: Some("2025-06-02"),
        actual_end: None,
        status: WorkStatus::InProgress,
    },
];

struct WorkstreamRow {
    key: &'static str,
    name: &'static str,
    description: &'static str,
    lead: Option<&'static str>,
}

const WORKSTREAMS: &[WorkstreamRow] = &[
    WorkstreamRow {
        key: "definitions",
        name: "Definities en doelen",
        description: "Gezamenlijke definities van MVOI en doelen per thema.",
        lead: Some("IenW"),
    },
    WorkstreamRow {
        key: "kpis",
        name: "KPI's: productkaarten en sectorkaarten",
        description: "KPI's per productgroep (productkaarten) en per sector (sectorkaarten).",
        lead: Some("BZK"),
    },
    WorkstreamRow {
        key: "sources",
        name: "Databronnen en datakwaliteit",
        description: "Beoordeling van de databronnen langs het NORA-raamwerk gegevenskwaliteit.",
        lead: Some("RIVM"),
    },
    WorkstreamRow {
        key: "infrastructure",
        name: "Data-infrastructuur",
        description: "Inwinning, koppeling en ontsluiting van MVOI-gegevens, onder meer via TenderNed.",
        lead: Some("EZ"),
    },
    WorkstreamRow {
        key: "governance",
        name: "Datagovernance",
        description: "Eigenaarschap, beheer en afspraken over gebruik van de gegevens per bron.",
        lead: Some("BZK"),
    },
    WorkstreamRow {
        key: "rijk",
        name: "Vertaling naar de praktijk van de Rijksoverheid",
        description: "Toepassing van de producten van fase 2 in de bedrijfsvoering en verantwoording van het Rijk.",
        lead: Some("BZK"),
    },
    WorkstreamRow {
        key: "decentral",
        name: "Aansluiting decentrale overheden",
        description: "Aansluiting van provincies, gemeenten en waterschappen, via IPO, VNG en de Unie van Waterschappen.",
        lead: None,
    },
];

// ---------------------------------------------------------------------------------------------
// Milestones and their dependencies
// ---------------------------------------------------------------------------------------------

struct MilestoneRow {
    key: &'static str,
    title: &'static str,
    description: &'static str,
    kind: MilestoneKind,
    /// `None`: a joint milestone of all layers.
    layer: Option<GovernmentLayer>,
    phase: &'static str,
    workstream: &'static str,
    owner: &'static str,
    baseline: &'static str,
    planned: &'static str,
    forecast: Option<&'static str>,
    actual: Option<&'static str>,
    status: WorkStatus,
    /// A manager's override of the computed health, with the reason.
    health_override: Option<(Health, &'static str)>,
    /// Parliamentary deadline: (resolved date, text).
    deadline: Option<(&'static str, &'static str)>,
}

const MILESTONES: &[MilestoneRow] = &[
    // Fase 1
    MilestoneRow {
        key: "phase1_done",
        title: "Fase 1 afgerond: analyse van de huidige monitoring",
        description: "De analyse van de huidige monitoring van MVOI bij Rijk, provincies, gemeenten en waterschappen is afgerond.",
        kind: MilestoneKind::Delivery,
        layer: Some(GovernmentLayer::Rijk),
        phase: "fase1",
        workstream: "definitions",
        owner: "BZK",
        baseline: "2024-03-29",
        planned: "2024-03-29",
        forecast: None,
        actual: Some("2024-03-29"),
        status: WorkStatus::Done,
        health_override: None,
        deadline: None,
    },
    // Fase 2
    MilestoneRow {
        key: "phase2_start",
        title: "Start fase 2: definities, doelen en KPI's",
        description: "Aftrap van fase 2 met alle overheidslagen.",
        kind: MilestoneKind::Start,
        layer: None,
        phase: "fase2",
        workstream: "definitions",
        owner: "BZK",
        baseline: "2024-04-15",
        planned: "2024-04-15",
        forecast: None,
        actual: Some("2024-04-15"),
        status: WorkStatus::Done,
        health_override: None,
        deadline: None,
    },
    MilestoneRow {
        key: "postponement_letter",
        title: "Uitstelbrief planning fase 2 aan de Tweede Kamer",
        description: "De scope van fase 2 is gegroeid (meer productkaarten, gedetailleerdere sectorkaarten). De Kamer is per brief geïnformeerd dat de eindproducten in september 2025 volgen in plaats van voor het zomerreces 2025.",
        kind: MilestoneKind::Parliament,
        layer: Some(GovernmentLayer::Rijk),
        phase: "fase2",
        workstream: "definitions",
        owner: "BZK",
        baseline: "2025-03-20",
        planned: "2025-03-20",
        forecast: None,
        actual: Some("2025-03-20"),
        status: WorkStatus::Done,
        health_override: None,
        deadline: None,
    },
    MilestoneRow {
        key: "definitions_agreed",
        title: "Conceptdefinities en -doelen MVOI vastgesteld",
        description: "De stuurgroep met Rijk, IPO, VNG en UvW stelt de conceptdefinities en doelen per MVOI-thema vast.",
        kind: MilestoneKind::Decision,
        layer: None,
        phase: "fase2",
        workstream: "definitions",
        owner: "BZK",
        baseline: "2025-05-22",
        planned: "2025-06-12",
        forecast: None,
        actual: Some("2025-06-12"),
        status: WorkStatus::Done,
        health_override: None,
        deadline: None,
    },
    MilestoneRow {
        key: "concept_product_cards",
        title: "Conceptproductkaarten beschikbaar voor actualisatie Inkopen met Impact",
        description: "Tussenproducten van fase 2 voeden de actualisatie van de Rijksinkoopstrategie Inkopen met Impact (2019, Kamerstuk 30196-679).",
        kind: MilestoneKind::Delivery,
        layer: Some(GovernmentLayer::Rijk),
        phase: "fase2",
        workstream: "kpis",
        owner: "BZK",
        baseline: "2025-07-03",
        planned: "2025-07-03",
        forecast: None,
        actual: Some("2025-07-03"),
        status: WorkStatus::Done,
        health_override: None,
        deadline: None,
    },
    MilestoneRow {
        key: "ipo_sector_card_review",
        title: "Review sectorkaarten door de provincies (IPO)",
        description: "De provincies beoordelen via het IPO de uitgebreide sectorkaarten op bruikbaarheid voor provinciale opdrachten.",
        kind: MilestoneKind::Consultation,
        layer: Some(GovernmentLayer::Provincie),
        phase: "fase2",
        workstream: "kpis",
        owner: "IPO",
        baseline: "2025-06-13",
        planned: "2025-09-05",
        forecast: None,
        actual: Some("2025-09-05"),
        status: WorkStatus::Done,
        health_override: None,
        deadline: None,
    },
    MilestoneRow {
        key: "source_quality_assessed",
        title: "Kwaliteitsbeoordeling databronnen afgerond",
        description: "TenderNed, de MVI-zelfevaluatietool, de Jaarrapportage Bedrijfsvoering Rijk en de RIVM-effectmeting zijn beoordeeld langs het NORA-raamwerk gegevenskwaliteit.",
        kind: MilestoneKind::Delivery,
        layer: Some(GovernmentLayer::Rijk),
        phase: "fase2",
        workstream: "sources",
        owner: "RIVM",
        baseline: "2025-06-30",
        planned: "2025-09-12",
        forecast: None,
        actual: Some("2025-09-12"),
        status: WorkStatus::Done,
        health_override: None,
        deadline: None,
    },
    MilestoneRow {
        key: "phase2_final_products",
        title: "Eindproducten fase 2 opgeleverd",
        description: "Definities, doelen, KPI's, productkaarten en sectorkaarten en de beoordeling van databronnen, data-infrastructuur en datagovernance zijn opgeleverd, na de uitstelbrief van maart 2025.",
        kind: MilestoneKind::Delivery,
        layer: None,
        phase: "fase2",
        workstream: "kpis",
        owner: "BZK",
        baseline: "2025-07-03",
        planned: "2025-09-30",
        forecast: None,
        actual: Some("2025-09-30"),
        status: WorkStatus::Done,
        health_override: None,
        deadline: None,
    },
    // Fase 3, done by 2026-06-15
    MilestoneRow {
        key: "phase3_start",
        title: "Start fase 3: meerjarenplan monitoring MVOI",
        description: "Start van het meerjarenplan voor toekomstbestendige monitoring, parallel aan de afronding van fase 2.",
        kind: MilestoneKind::Start,
        layer: None,
        phase: "fase3",
        workstream: "rijk",
        owner: "BZK",
        baseline: "2025-06-02",
        planned: "2025-06-02",
        forecast: None,
        actual: Some("2025-06-02"),
        status: WorkStatus::Done,
        health_override: None,
        deadline: None,
    },
    MilestoneRow {
        key: "uvw_inventory",
        title: "Inventarisatie MVOI-gegevens bij de 21 waterschappen (UvW)",
        description: "De Unie van Waterschappen heeft geïnventariseerd welke MVOI-gegevens de 21 waterschappen nu vastleggen.",
        kind: MilestoneKind::Delivery,
        layer: Some(GovernmentLayer::Waterschap),
        phase: "fase3",
        workstream: "decentral",
        owner: "UvW",
        baseline: "2025-11-28",
        planned: "2025-11-28",
        forecast: None,
        actual: Some("2025-11-28"),
        status: WorkStatus::Done,
        health_override: None,
        deadline: None,
    },
    MilestoneRow {
        key: "concept_multi_year_plan",
        title: "Conceptmeerjarenplan monitoring MVOI gereed",
        description: "Het conceptmeerjarenplan voor toekomstbestendige monitoring ligt klaar voor bestuurlijke afstemming.",
        kind: MilestoneKind::Delivery,
        layer: Some(GovernmentLayer::Rijk),
        phase: "fase3",
        workstream: "rijk",
        owner: "BZK",
        baseline: "2026-02-27",
        planned: "2026-02-27",
        forecast: None,
        actual: Some("2026-03-13"),
        status: WorkStatus::Done,
        health_override: None,
        deadline: None,
    },
    MilestoneRow {
        key: "data_ownership_agreed",
        title: "Afspraken over data-eigenaarschap per bron vastgelegd",
        description: "Per databron is vastgelegd wie eigenaar is, wie de gegevens beheert en onder welke voorwaarden ze voor monitoring mogen worden gebruikt.",
        kind: MilestoneKind::Decision,
        layer: None,
        phase: "fase3",
        workstream: "governance",
        owner: "BZK",
        baseline: "2026-03-31",
        planned: "2026-03-31",
        forecast: None,
        actual: Some("2026-04-09"),
        status: WorkStatus::Done,
        health_override: None,
        deadline: None,
    },
    MilestoneRow {
        key: "annual_report_rijk",
        title: "MVOI-indicatoren in Jaarrapportage Bedrijfsvoering Rijk 2025",
        description: "De Jaarrapportage Bedrijfsvoering Rijk over 2025, verschenen op Verantwoordingsdag, bevat voor het eerst de MVOI-indicatoren uit fase 2.",
        kind: MilestoneKind::Delivery,
        layer: Some(GovernmentLayer::Rijk),
        phase: "fase3",
        workstream: "rijk",
        owner: "BZK",
        baseline: "2026-05-20",
        planned: "2026-05-20",
        forecast: None,
        actual: Some("2026-05-20"),
        status: WorkStatus::Done,
        health_override: None,
        deadline: None,
    },
    // Fase 3, open on 2026-06-15
    MilestoneRow {
        key: "administrative_consultation",
        title: "Bestuurlijk overleg Rijk-IPO-VNG-UvW over het meerjarenplan",
        description: "Bestuurlijke afstemming van het conceptmeerjarenplan tussen Rijk, provincies, gemeenten en waterschappen.",
        kind: MilestoneKind::Consultation,
        layer: None,
        phase: "fase3",
        workstream: "decentral",
        owner: "BZK",
        baseline: "2026-04-15",
        planned: "2026-06-03",
        forecast: Some("2026-06-24"),
        actual: None,
        status: WorkStatus::InProgress,
        health_override: Some((
            Health::OffTrack,
            "Verschoven door later conceptplan en volle bestuurdersagenda's na de gemeenteraadsverkiezingen; nu 24 juni 2026",
        )),
        deadline: None,
    },
    MilestoneRow {
        key: "vng_pilot",
        title: "Pilot productkaarten in vijf gemeenten (VNG) afgerond",
        description: "Vijf gemeenten passen de productkaarten toe in lopende aanbestedingen; de VNG bundelt de ervaringen voor de Kamerbrief.",
        kind: MilestoneKind::Pilot,
        layer: Some(GovernmentLayer::Gemeente),
        phase: "fase3",
        workstream: "decentral",
        owner: "VNG",
        baseline: "2026-06-26",
        planned: "2026-06-26",
        forecast: Some("2026-06-26"),
        actual: None,
        status: WorkStatus::InProgress,
        health_override: None,
        deadline: None,
    },
    MilestoneRow {
        key: "progress_letter",
        title: "Kamerbrief voortgang fase 3 (voor het zomerreces 2026)",
        description: "De Kamer wordt geïnformeerd over de voortgang van fase 3 en het meerjarenplan, zoals toegezegd.",
        kind: MilestoneKind::Parliament,
        layer: Some(GovernmentLayer::Rijk),
        phase: "fase3",
        workstream: "rijk",
        owner: "BZK",
        baseline: "2026-07-02",
        planned: "2026-07-02",
        forecast: Some("2026-07-02"),
        actual: None,
        status: WorkStatus::Planned,
        health_override: None,
        deadline: Some(("2026-07-02", "voor het zomerreces 2026")),
    },
    MilestoneRow {
        key: "uvw_climate_monitor",
        title: "KPI's gekoppeld aan de klimaatmonitor van de waterschappen (UvW)",
        description: "De klimaat-KPI's van MVOI worden gekoppeld aan de klimaatmonitor van de waterschappen, zodat waterschappen één keer aanleveren.",
        kind: MilestoneKind::Delivery,
        layer: Some(GovernmentLayer::Waterschap),
        phase: "fase3",
        workstream: "decentral",
        owner: "UvW",
        baseline: "2026-09-30",
        planned: "2026-09-30",
        forecast: Some("2026-09-30"),
        actual: None,
        status: WorkStatus::InProgress,
        health_override: None,
        deadline: None,
    },
    MilestoneRow {
        key: "tenderned_fields_mandatory",
        title: "MVOI-velden verplicht in TenderNed-aankondigingen",
        description: "De MVOI-velden in aankondigingen op TenderNed worden verplicht, zodat de volledigheid van de gegevens stijgt.",
        kind: MilestoneKind::Delivery,
        layer: Some(GovernmentLayer::Rijk),
        phase: "fase3",
        workstream: "infrastructure",
        owner: "EZ",
        baseline: "2026-10-01",
        planned: "2026-10-01",
        forecast: Some("2026-10-01"),
        actual: None,
        status: WorkStatus::InProgress,
        health_override: None,
        deadline: None,
    },
    MilestoneRow {
        key: "municipal_data_access",
        title: "Gemeentelijke inkoopgegevens ontsloten via VNG",
        description: "Gemeenten leveren hun MVOI-gegevens via een gezamenlijke VNG-voorziening aan in plaats van per uitvraag.",
        kind: MilestoneKind::Delivery,
        layer: Some(GovernmentLayer::Gemeente),
        phase: "fase3",
        workstream: "infrastructure",
        owner: "VNG",
        baseline: "2026-10-15",
        planned: "2026-10-15",
        forecast: Some("2026-10-15"),
        actual: None,
        status: WorkStatus::Planned,
        health_override: None,
        deadline: None,
    },
    MilestoneRow {
        key: "ipo_monitoring_aligned",
        title: "Provinciale inkoopmonitoring sluit aan op de KPI-set (IPO)",
        description: "De twaalf provincies rapporteren vanaf de monitoringscyclus 2027 op de gezamenlijke KPI-set.",
        kind: MilestoneKind::Decision,
        layer: Some(GovernmentLayer::Provincie),
        phase: "fase3",
        workstream: "decentral",
        owner: "IPO",
        baseline: "2026-10-30",
        planned: "2026-10-30",
        forecast: Some("2026-10-30"),
        actual: None,
        status: WorkStatus::Planned,
        health_override: None,
        deadline: None,
    },
    MilestoneRow {
        key: "multi_year_plan_adopted",
        title: "Meerjarenplan monitoring MVOI bestuurlijk vastgesteld",
        description: "Rijk, IPO, VNG en UvW stellen het meerjarenplan vast, met de verwerking van de reactie van de Kamer.",
        kind: MilestoneKind::Decision,
        layer: None,
        phase: "fase3",
        workstream: "rijk",
        owner: "BZK",
        baseline: "2026-11-13",
        planned: "2026-11-13",
        forecast: Some("2026-11-13"),
        actual: None,
        status: WorkStatus::Planned,
        health_override: None,
        deadline: None,
    },
    MilestoneRow {
        key: "monitoring_cycle_2027",
        title: "Start monitoringscyclus 2027",
        description: "Alle overheidslagen starten met de gezamenlijke monitoringscyclus volgens het meerjarenplan.",
        kind: MilestoneKind::Start,
        layer: None,
        phase: "fase3",
        workstream: "governance",
        owner: "BZK",
        baseline: "2026-12-15",
        planned: "2026-12-15",
        forecast: Some("2026-12-15"),
        actual: None,
        status: WorkStatus::Planned,
        health_override: None,
        deadline: None,
    },
];

/// Finish-to-start dependencies: (predecessor, successor, lag in days).
const DEPENDENCIES: &[(&str, &str, i32)] = &[
    ("phase1_done", "phase2_start", 0),
    ("phase2_start", "definitions_agreed", 0),
    ("definitions_agreed", "concept_product_cards", 0),
    ("definitions_agreed", "ipo_sector_card_review", 0),
    ("postponement_letter", "phase2_final_products", 0),
    ("concept_product_cards", "phase2_final_products", 0),
    ("ipo_sector_card_review", "phase2_final_products", 14),
    ("source_quality_assessed", "phase2_final_products", 0),
    ("phase2_final_products", "concept_multi_year_plan", 0),
    ("uvw_inventory", "concept_multi_year_plan", 0),
    ("concept_multi_year_plan", "administrative_consultation", 14),
    ("data_ownership_agreed", "administrative_consultation", 0),
    ("administrative_consultation", "progress_letter", 7),
    ("vng_pilot", "progress_letter", 0),
    ("annual_report_rijk", "progress_letter", 0),
    ("progress_letter", "multi_year_plan_adopted", 0),
    ("multi_year_plan_adopted", "monitoring_cycle_2027", 14),
    ("tenderned_fields_mandatory", "monitoring_cycle_2027", 30),
    ("uvw_climate_monitor", "monitoring_cycle_2027", 0),
    ("municipal_data_access", "monitoring_cycle_2027", 0),
    ("ipo_monitoring_aligned", "monitoring_cycle_2027", 0),
];

// ---------------------------------------------------------------------------------------------
// Data sources and their quality
// ---------------------------------------------------------------------------------------------

struct SourceRow {
    key: &'static str,
    name: &'static str,
    description: &'static str,
    owner: &'static str,
    frequency: Frequency,
    access: DataAccess,
    licence: Option<&'static str>,
    url: Option<&'static str>,
}

const DATA_SOURCES: &[SourceRow] = &[
    SourceRow {
        key: "tenderned",
        name: "TenderNed",
        description: "Het aanbestedingsplatform van de overheid. Open data over aankondigingen en gunningen in OCDS-formaat, halfjaarlijks gepubliceerd; beheerd namens het ministerie van EZ.",
        owner: "EZ",
        frequency: Frequency::HalfYearly,
        access: DataAccess::Open,
        licence: Some("CC0"),
        url: Some("https://www.tenderned.nl"),
    },
    SourceRow {
        key: "self_evaluation",
        name: "MVI-zelfevaluatietool",
        description: "Jaarlijkse zelfevaluatie van overheidsorganisaties over de toepassing van MVI-criteria en ambitieniveaus, beheerd door PIANOo.",
        owner: "PIANOo",
        frequency: Frequency::Yearly,
        access: DataAccess::Restricted,
        licence: None,
        url: Some("https://www.pianoo.nl"),
    },
    SourceRow {
        key: "annual_report_rijk",
        name: "Jaarrapportage Bedrijfsvoering Rijk",
        description: "Jaarlijkse rapportage over de bedrijfsvoering van het Rijk, in mei (Verantwoordingsdag), met onder meer de CO₂-uitstoot van de bedrijfsvoering.",
        owner: "BZK",
        frequency: Frequency::Yearly,
        access: DataAccess::Open,
        licence: None,
        url: None,
    },
    SourceRow {
        key: "rivm_effects",
        name: "RIVM-effectmeting MVI",
        description: "Tweejaarlijkse meting door het RIVM van de effecten van MVI, zoals vermeden CO₂-uitstoot en banen voor mensen met een afstand tot de arbeidsmarkt.",
        owner: "RIVM",
        frequency: Frequency::Biennial,
        access: DataAccess::Open,
        licence: None,
        url: None,
    },
];

/// Quality assessments: (source, dimension, score 1-5, assessed on, finding).
const ASSESSMENTS: &[(&str, QualityDimension, i32, &str, &str)] = &[
    (
        "tenderned",
        QualityDimension::Completeness,
        2,
        "2025-09-12",
        "MVOI-velden zijn optioneel in aankondigingen; in de steekproef is ongeveer 45% ingevuld.",
    ),
    (
        "tenderned",
        QualityDimension::Timeliness,
        4,
        "2025-09-12",
        "Halfjaarlijkse publicatie sluit aan op de jaarlijkse monitoringscyclus.",
    ),
    (
        "tenderned",
        QualityDimension::Understandability,
        4,
        "2025-09-12",
        "OCDS is een internationale standaard met publieke documentatie.",
    ),
    (
        "tenderned",
        QualityDimension::Consistency,
        3,
        "2025-09-12",
        "Productgroepen worden niet overal volgens dezelfde CPV-codering toegekend.",
    ),
    (
        "self_evaluation",
        QualityDimension::Completeness,
        3,
        "2025-09-12",
        "Niet alle overheidsorganisaties vullen de tool jaarlijks in, vooral gemeenten blijven achter.",
    ),
    (
        "self_evaluation",
        QualityDimension::Plausibility,
        3,
        "2025-09-12",
        "Zelfrapportage; uitkomsten worden niet steekproefsgewijs gecontroleerd.",
    ),
    (
        "annual_report_rijk",
        QualityDimension::Accuracy,
        4,
        "2025-09-12",
        "Gebaseerd op geverifieerde verbruiksgegevens van de rijksonderdelen.",
    ),
    (
        "annual_report_rijk",
        QualityDimension::Timeliness,
        3,
        "2025-09-12",
        "Verschijnt jaarlijks in mei over het voorgaande jaar.",
    ),
    (
        "rivm_effects",
        QualityDimension::Traceability,
        4,
        "2025-09-12",
        "Methode en aannames zijn openbaar beschreven.",
    ),
    (
        "rivm_effects",
        QualityDimension::Timeliness,
        2,
        "2025-09-12",
        "Tweejaarlijks, met een vertraging van ruim een jaar na de meetperiode.",
    ),
    (
        "rivm_effects",
        QualityDimension::Precision,
        3,
        "2025-09-12",
        "Modelschattingen; uitkomsten als ondergrens (ten minste) gerapporteerd.",
    ),
];

// ---------------------------------------------------------------------------------------------
// KPIs, targets and measurements
// ---------------------------------------------------------------------------------------------

const ALL_MVOI_THEMES: &[Theme] = &[
    Theme::EnvironmentBiodiversity,
    Theme::Climate,
    Theme::Circular,
    Theme::SupplyChainResponsibility,
    Theme::DiversityInclusion,
    Theme::SocialReturn,
];

struct KpiRow {
    code: &'static str,
    name: &'static str,
    definition: &'static str,
    unit: &'static str,
    direction: KpiDirection,
    /// How its layers add up (amounts and counts: `Sum`).
    aggregation: KpiAggregation,
    level: KpiLevel,
    frequency: Frequency,
    themes: &'static [Theme],
    /// (value, period)
    baseline: Option<(&'static str, &'static str)>,
}

const KPIS: &[KpiRow] = &[
    KpiRow {
        code: "MVOI-01",
        name: "Aandeel aanbestedingen met MVOI-criteria in relevante productgroepen",
        definition: "Percentage van de aanbestedingen in productgroepen waarvoor MVI-criteria bestaan, waarin ten minste één MVOI-criterium is toegepast.",
        unit: "%",
        direction: KpiDirection::HigherIsBetter,
        aggregation: KpiAggregation::None,
        level: KpiLevel::Output,
        frequency: Frequency::Yearly,
        themes: ALL_MVOI_THEMES,
        baseline: Some(("80", "2023 (Rijk)")),
    },
    KpiRow {
        code: "MVOI-02",
        name: "Aandeel MVOI-criteria op ambitieniveau significant of ambitieus",
        definition: "Percentage van de toegepaste MVOI-criteria op ambitieniveau significant of ambitieus.",
        unit: "%",
        direction: KpiDirection::HigherIsBetter,
        aggregation: KpiAggregation::None,
        level: KpiLevel::Output,
        frequency: Frequency::Yearly,
        themes: ALL_MVOI_THEMES,
        baseline: Some(("54", "2023 (Rijk)")),
    },
    KpiRow {
        code: "MVOI-03",
        name: "CO₂-uitstoot van de bedrijfsvoering van het Rijk",
        definition: "Uitstoot van broeikasgassen door de bedrijfsvoering van het Rijk, in ton CO₂-equivalent per jaar.",
        unit: "ton CO₂-eq",
        direction: KpiDirection::LowerIsBetter,
        aggregation: KpiAggregation::None,
        level: KpiLevel::Impact,
        frequency: Frequency::Yearly,
        themes: &[Theme::Climate],
        baseline: Some(("482754", "2019")),
    },
    KpiRow {
        code: "MVOI-04",
        name: "Vermeden CO₂-uitstoot door MVOI",
        definition: "Door MVOI vermeden uitstoot van broeikasgassen over de meetperiode, in megaton CO₂-equivalent (ondergrens).",
        unit: "Mton CO₂-eq",
        direction: KpiDirection::HigherIsBetter,
        aggregation: KpiAggregation::Sum,
        level: KpiLevel::Outcome,
        frequency: Frequency::Biennial,
        themes: &[Theme::Climate],
        baseline: Some(("6.8", "2019-2020")),
    },
    KpiRow {
        code: "MVOI-05",
        name: "Social return als aandeel van de opdrachtwaarde",
        definition: "Waarde van de social-returnverplichtingen als percentage van de totale opdrachtwaarde van de betreffende opdrachten.",
        unit: "%",
        direction: KpiDirection::HigherIsBetter,
        aggregation: KpiAggregation::None,
        level: KpiLevel::Output,
        frequency: Frequency::Yearly,
        themes: &[Theme::SocialReturn],
        baseline: None,
    },
    KpiRow {
        code: "MVOI-06",
        name: "Banen voor mensen met een afstand tot de arbeidsmarkt",
        definition: "Via social return in overheidsopdrachten gerealiseerde banen voor mensen met een afstand tot de arbeidsmarkt, in fte over de meetperiode.",
        unit: "fte",
        direction: KpiDirection::HigherIsBetter,
        aggregation: KpiAggregation::Sum,
        level: KpiLevel::Outcome,
        frequency: Frequency::Biennial,
        themes: &[Theme::SocialReturn, Theme::DiversityInclusion],
        baseline: Some(("2603", "2019-2020")),
    },
    KpiRow {
        code: "MVOI-07",
        name: "Volledigheid MVOI-velden in TenderNed-aankondigingen",
        definition: "Percentage van de aankondigingen op TenderNed waarin de MVOI-velden zijn ingevuld.",
        unit: "%",
        direction: KpiDirection::HigherIsBetter,
        aggregation: KpiAggregation::None,
        level: KpiLevel::Process,
        frequency: Frequency::HalfYearly,
        themes: ALL_MVOI_THEMES,
        baseline: Some(("45", "2e helft 2025 (demowaarde)")),
    },
    KpiRow {
        code: "MVOI-08",
        name: "Aandeel circulaire aanbestedingen in productgroepen met circulaire potentie",
        definition: "Percentage van de aanbestedingen in productgroepen met circulaire potentie waarin circulaire of biobased criteria zijn toegepast.",
        unit: "%",
        direction: KpiDirection::HigherIsBetter,
        aggregation: KpiAggregation::None,
        level: KpiLevel::Output,
        frequency: Frequency::Yearly,
        themes: &[Theme::Circular],
        baseline: None,
    },
    KpiRow {
        code: "MVOI-09",
        name: "Aandeel contracten met ketenverantwoordelijkheid (ISV)",
        definition: "Percentage van de contracten in risicovolle productgroepen met voorwaarden voor internationale sociale voorwaarden (ISV).",
        unit: "%",
        direction: KpiDirection::HigherIsBetter,
        aggregation: KpiAggregation::None,
        level: KpiLevel::Output,
        frequency: Frequency::Yearly,
        themes: &[Theme::SupplyChainResponsibility],
        baseline: None,
    },
    KpiRow {
        code: "MVOI-10",
        name: "Aandeel aanbestedingen met criteria voor diversiteit en inclusie",
        definition: "Percentage van de aanbestedingen waarin criteria voor diversiteit en inclusie zijn toegepast.",
        unit: "%",
        direction: KpiDirection::HigherIsBetter,
        aggregation: KpiAggregation::None,
        level: KpiLevel::Output,
        frequency: Frequency::Yearly,
        themes: &[Theme::DiversityInclusion],
        baseline: None,
    },
    KpiRow {
        code: "MVOI-11",
        name: "Deelname aan de MVI-zelfevaluatietool",
        definition: "Percentage van de overheidsorganisaties in een overheidslaag dat de MVI-zelfevaluatietool over het jaar heeft ingevuld.",
        unit: "%",
        direction: KpiDirection::HigherIsBetter,
        aggregation: KpiAggregation::None,
        level: KpiLevel::Input,
        frequency: Frequency::Yearly,
        themes: ALL_MVOI_THEMES,
        baseline: None,
    },
];

struct TargetRow {
    kpi: &'static str,
    year: i32,
    /// `None`: for all layers together.
    layer: Option<GovernmentLayer>,
    value: &'static str,
    note: &'static str,
}

const TARGETS: &[TargetRow] = &[
    TargetRow {
        kpi: "MVOI-01",
        year: 2025,
        layer: Some(GovernmentLayer::Rijk),
        value: "100",
        note: "Ambitie Rijk: MVOI-criteria in alle relevante aanbestedingen",
    },
    TargetRow {
        kpi: "MVOI-02",
        year: 2025,
        layer: Some(GovernmentLayer::Rijk),
        value: "50",
        note: "Streefwaarde Rijk",
    },
    TargetRow {
        kpi: "MVOI-03",
        year: 2030,
        layer: Some(GovernmentLayer::Rijk),
        value: "0",
        note: "Klimaatneutrale bedrijfsvoering Rijk in 2030 (netto nul)",
    },
    TargetRow {
        kpi: "MVOI-05",
        year: 2026,
        layer: Some(GovernmentLayer::Rijk),
        value: "5",
        note: "Norm social return: 5% van de opdrachtwaarde",
    },
    TargetRow {
        kpi: "MVOI-06",
        year: 2026,
        layer: Some(GovernmentLayer::Rijk),
        value: "5000",
        note: "Streefwaarde Rijk: 5.000 banen",
    },
    TargetRow {
        kpi: "MVOI-07",
        year: 2027,
        layer: None,
        value: "90",
        note: "Na verplichtstelling van de MVOI-velden in TenderNed (demowaarde)",
    },
    TargetRow {
        kpi: "MVOI-08",
        year: 2027,
        layer: None,
        value: "50",
        note: "Voorlopige streefwaarde (demowaarde)",
    },
    TargetRow {
        kpi: "MVOI-09",
        year: 2027,
        layer: None,
        value: "75",
        note: "Voorlopige streefwaarde (demowaarde)",
    },
    TargetRow {
        kpi: "MVOI-10",
        year: 2027,
        layer: None,
        value: "25",
        note: "Voorlopige streefwaarde (demowaarde)",
    },
    TargetRow {
        kpi: "MVOI-11",
        year: 2026,
        layer: Some(GovernmentLayer::Rijk),
        value: "100",
        note: "Demowaarde",
    },
    TargetRow {
        kpi: "MVOI-11",
        year: 2026,
        layer: Some(GovernmentLayer::Provincie),
        value: "100",
        note: "Demowaarde",
    },
    TargetRow {
        kpi: "MVOI-11",
        year: 2026,
        layer: Some(GovernmentLayer::Gemeente),
        value: "60",
        note: "Demowaarde",
    },
    TargetRow {
        kpi: "MVOI-11",
        year: 2026,
        layer: Some(GovernmentLayer::Waterschap),
        value: "80",
        note: "Demowaarde",
    },
];

struct MeasurementRow {
    kpi: &'static str,
    from: &'static str,
    to: &'static str,
    /// `None`: all layers together.
    layer: Option<GovernmentLayer>,
    value: &'static str,
    source: Option<&'static str>,
    note: Option<&'static str>,
}

/// Measurements whose value is not plain (KPI, first day of the period, qualifier): the RIVM
/// effect measurement gives a lower bound ("ten minste 6,8 Mton").
const QUALIFIED: &[(&str, &str, entity::MeasurementQualifier)] = &[(
    "MVOI-04",
    "2019-01-01",
    entity::MeasurementQualifier::AtLeast,
)];

const MEASUREMENTS: &[MeasurementRow] = &[
    MeasurementRow {
        kpi: "MVOI-01",
        from: "2023-01-01",
        to: "2023-12-31",
        layer: Some(GovernmentLayer::Rijk),
        value: "80",
        source: Some("self_evaluation"),
        note: None,
    },
    MeasurementRow {
        kpi: "MVOI-01",
        from: "2024-01-01",
        to: "2024-12-31",
        layer: Some(GovernmentLayer::Rijk),
        value: "82",
        source: Some("self_evaluation"),
        note: Some("Demowaarde"),
    },
    MeasurementRow {
        kpi: "MVOI-01",
        from: "2024-01-01",
        to: "2024-12-31",
        layer: Some(GovernmentLayer::Provincie),
        value: "74",
        source: Some("self_evaluation"),
        note: Some("Demowaarde"),
    },
    MeasurementRow {
        kpi: "MVOI-01",
        from: "2024-01-01",
        to: "2024-12-31",
        layer: Some(GovernmentLayer::Gemeente),
        value: "61",
        source: Some("self_evaluation"),
        note: Some("Demowaarde"),
    },
    MeasurementRow {
        kpi: "MVOI-01",
        from: "2024-01-01",
        to: "2024-12-31",
        layer: Some(GovernmentLayer::Waterschap),
        value: "68",
        source: Some("self_evaluation"),
        note: Some("Demowaarde"),
    },
    MeasurementRow {
        kpi: "MVOI-02",
        from: "2023-01-01",
        to: "2023-12-31",
        layer: Some(GovernmentLayer::Rijk),
        value: "54",
        source: Some("self_evaluation"),
        note: None,
    },
    MeasurementRow {
        kpi: "MVOI-03",
        from: "2019-01-01",
        to: "2019-12-31",
        layer: Some(GovernmentLayer::Rijk),
        value: "482754",
        source: Some("annual_report_rijk"),
        note: None,
    },
    MeasurementRow {
        kpi: "MVOI-03",
        from: "2021-01-01",
        to: "2021-12-31",
        layer: Some(GovernmentLayer::Rijk),
        value: "337013",
        source: Some("annual_report_rijk"),
        note: None,
    },
    MeasurementRow {
        kpi: "MVOI-04",
        from: "2019-01-01",
        to: "2020-12-31",
        layer: None,
        value: "6.8",
        source: Some("rivm_effects"),
        note: Some("Ten minste 6,8 Mton CO₂-eq"),
    },
    MeasurementRow {
        kpi: "MVOI-06",
        from: "2019-01-01",
        to: "2020-12-31",
        layer: None,
        value: "2603",
        source: Some("rivm_effects"),
        note: None,
    },
    MeasurementRow {
        kpi: "MVOI-07",
        from: "2025-07-01",
        to: "2025-12-31",
        layer: None,
        value: "45",
        source: Some("tenderned"),
        note: Some("Demowaarde"),
    },
    MeasurementRow {
        kpi: "MVOI-11",
        from: "2024-01-01",
        to: "2024-12-31",
        layer: Some(GovernmentLayer::Rijk),
        value: "100",
        source: Some("self_evaluation"),
        note: Some("Demowaarde"),
    },
    MeasurementRow {
        kpi: "MVOI-11",
        from: "2024-01-01",
        to: "2024-12-31",
        layer: Some(GovernmentLayer::Provincie),
        value: "75",
        source: Some("self_evaluation"),
        note: Some("Demowaarde"),
    },
    MeasurementRow {
        kpi: "MVOI-11",
        from: "2024-01-01",
        to: "2024-12-31",
        layer: Some(GovernmentLayer::Gemeente),
        value: "31",
        source: Some("self_evaluation"),
        note: Some("Demowaarde"),
    },
    MeasurementRow {
        kpi: "MVOI-11",
        from: "2024-01-01",
        to: "2024-12-31",
        layer: Some(GovernmentLayer::Waterschap),
        value: "52.4",
        source: Some("self_evaluation"),
        note: Some("Demowaarde"),
    },
    MeasurementRow {
        kpi: "MVOI-11",
        from: "2025-01-01",
        to: "2025-12-31",
        layer: Some(GovernmentLayer::Rijk),
        value: "100",
        source: Some("self_evaluation"),
        note: Some("Demowaarde"),
    },
    MeasurementRow {
        kpi: "MVOI-11",
        from: "2025-01-01",
        to: "2025-12-31",
        layer: Some(GovernmentLayer::Provincie),
        value: "83.3",
        source: Some("self_evaluation"),
        note: Some("Demowaarde"),
    },
    MeasurementRow {
        kpi: "MVOI-11",
        from: "2025-01-01",
        to: "2025-12-31",
        layer: Some(GovernmentLayer::Gemeente),
        value: "38",
        source: Some("self_evaluation"),
        note: Some("Demowaarde"),
    },
    MeasurementRow {
        kpi: "MVOI-11",
        from: "2025-01-01",
        to: "2025-12-31",
        layer: Some(GovernmentLayer::Waterschap),
        value: "61.9",
        source: Some("self_evaluation"),
        note: Some("Demowaarde"),
    },
];

// ---------------------------------------------------------------------------------------------
// Data-infrastructure tasks
// ---------------------------------------------------------------------------------------------

struct TaskRow {
    key: &'static str,
    title: &'static str,
    description: &'static str,
    kind: TaskKind,
    layer: Option<GovernmentLayer>,
    owner: &'static str,
    due: &'static str,
    completed: Option<&'static str>,
    status: WorkStatus,
    source: Option<&'static str>,
}

const TASKS: &[TaskRow] = &[
    TaskRow {
        key: "tenderned_mandatory_fields",
        title: "MVOI-velden verplicht maken in TenderNed-aankondigingen",
        description: "Aanpassing van de aankondigingsformulieren in TenderNed zodat de MVOI-velden verplicht zijn.",
        kind: TaskKind::DataInfrastructure,
        layer: Some(GovernmentLayer::Rijk),
        owner: "EZ",
        due: "2026-09-30",
        completed: None,
        status: WorkStatus::InProgress,
        source: Some("tenderned"),
    },
    TaskRow {
        key: "data_ownership",
        title: "Data-eigenaarschap per bron afspreken",
        description: "Per databron vastleggen wie eigenaar en beheerder is en onder welke voorwaarden de gegevens voor monitoring worden gebruikt.",
        kind: TaskKind::DataGovernance,
        layer: None,
        owner: "BZK",
        due: "2026-03-31",
        completed: Some("2026-04-09"),
        status: WorkStatus::Done,
        source: None,
    },
    TaskRow {
        key: "tenderned_quality_report",
        title: "Halfjaarlijkse kwaliteitsrapportage TenderNed-gegevens",
        description: "Een vaste rapportage over volledigheid en consistentie van de MVOI-velden bij elke publicatie van de open data.",
        kind: TaskKind::DataQuality,
        layer: Some(GovernmentLayer::Rijk),
        owner: "PIANOo",
        due: "2025-12-15",
        completed: Some("2025-12-12"),
        status: WorkStatus::Done,
        source: Some("tenderned"),
    },
    TaskRow {
        key: "jobs_method",
        title: "Rekenmethode social-returnbanen afstemmen met de RIVM-effectmeting",
        description: "Eén rekenmethode voor banen via social return, zodat de meting van het RIVM en de streefwaarde van het Rijk vergelijkbaar zijn.",
        kind: TaskKind::DataQuality,
        layer: Some(GovernmentLayer::Rijk),
        owner: "RIVM",
        due: "2025-11-28",
        completed: Some("2025-11-14"),
        status: WorkStatus::Done,
        source: Some("rivm_effects"),
    },
    TaskRow {
        key: "self_evaluation_link",
        title: "Zelfevaluatietool koppelen aan TenderNed-kenmerken",
        description: "Aanbestedingen in de zelfevaluatietool koppelen aan het kenmerk van de aankondiging in TenderNed, zodat dubbele uitvraag vervalt.",
        kind: TaskKind::DataInfrastructure,
        layer: Some(GovernmentLayer::Rijk),
        owner: "PIANOo",
        due: "2026-11-30",
        completed: None,
        status: WorkStatus::Planned,
        source: Some("self_evaluation"),
    },
    TaskRow {
        key: "provincial_social_return",
        title: "Uniforme registratie van social return bij provincies",
        description: "De provincies registreren social return op dezelfde manier, zodat het aandeel van de opdrachtwaarde te berekenen is.",
        kind: TaskKind::DataQuality,
        layer: Some(GovernmentLayer::Provincie),
        owner: "IPO",
        due: "2026-09-30",
        completed: None,
        status: WorkStatus::InProgress,
        source: None,
    },
    TaskRow {
        key: "municipal_data_service",
        title: "Gemeentelijke inkoopgegevens ontsluiten via een VNG-voorziening",
        description: "Een gezamenlijke voorziening waarin gemeenten hun MVOI-gegevens eenmalig aanleveren.",
        kind: TaskKind::DataInfrastructure,
        layer: Some(GovernmentLayer::Gemeente),
        owner: "VNG",
        due: "2026-10-01",
        completed: None,
        status: WorkStatus::Planned,
        source: None,
    },
    TaskRow {
        key: "water_board_climate_monitor",
        title: "KPI-definities afstemmen op de klimaatmonitor van de waterschappen",
        description: "De definities van de klimaat-KPI's gelijktrekken met die van de klimaatmonitor van de waterschappen.",
        kind: TaskKind::DataGovernance,
        layer: Some(GovernmentLayer::Waterschap),
        owner: "UvW",
        due: "2026-09-15",
        completed: None,
        status: WorkStatus::InProgress,
        source: None,
    },
];

// ---------------------------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------------------------

const MILESTONE_KPIS: &[(&str, &str)] = &[
    ("concept_product_cards", "MVOI-01"),
    ("concept_product_cards", "MVOI-02"),
    ("phase2_final_products", "MVOI-01"),
    ("phase2_final_products", "MVOI-02"),
    ("phase2_final_products", "MVOI-05"),
    ("phase2_final_products", "MVOI-06"),
    ("annual_report_rijk", "MVOI-03"),
    ("vng_pilot", "MVOI-01"),
    ("uvw_climate_monitor", "MVOI-04"),
    ("tenderned_fields_mandatory", "MVOI-07"),
    ("ipo_monitoring_aligned", "MVOI-05"),
    ("ipo_monitoring_aligned", "MVOI-11"),
    ("monitoring_cycle_2027", "MVOI-01"),
    ("monitoring_cycle_2027", "MVOI-03"),
    ("monitoring_cycle_2027", "MVOI-07"),
];

const MILESTONE_TASKS: &[(&str, &str)] = &[
    ("tenderned_fields_mandatory", "tenderned_mandatory_fields"),
    ("data_ownership_agreed", "data_ownership"),
    ("municipal_data_access", "municipal_data_service"),
    ("uvw_climate_monitor", "water_board_climate_monitor"),
    ("ipo_monitoring_aligned", "provincial_social_return"),
    ("monitoring_cycle_2027", "tenderned_mandatory_fields"),
    ("monitoring_cycle_2027", "self_evaluation_link"),
];

/// Tasks that unblock KPIs: a KPI is reportable only when these are done.
const TASK_KPIS: &[(&str, &str)] = &[
    ("tenderned_mandatory_fields", "MVOI-07"),
    ("data_ownership", "MVOI-01"),
    ("data_ownership", "MVOI-02"),
    ("jobs_method", "MVOI-06"),
    ("self_evaluation_link", "MVOI-08"),
    ("self_evaluation_link", "MVOI-09"),
    ("provincial_social_return", "MVOI-05"),
];

const KPI_SOURCES: &[(&str, &str)] = &[
    ("MVOI-01", "self_evaluation"),
    ("MVOI-02", "self_evaluation"),
    ("MVOI-03", "annual_report_rijk"),
    ("MVOI-04", "rivm_effects"),
    ("MVOI-05", "self_evaluation"),
    ("MVOI-06", "rivm_effects"),
    ("MVOI-07", "tenderned"),
    ("MVOI-08", "self_evaluation"),
    ("MVOI-08", "tenderned"),
    ("MVOI-09", "self_evaluation"),
    ("MVOI-10", "self_evaluation"),
    ("MVOI-11", "self_evaluation"),
];

// ---------------------------------------------------------------------------------------------
// Parliament: recess calendar (DOMAIN.md section 5) and the commitment
// ---------------------------------------------------------------------------------------------

/// (kind, year, name, first day, last day, confidence)
const RECESSES: &[(RecessKind, i32, &str, &str, &str, DateConfidence)] = &[
    (
        RecessKind::Summer,
        2024,
        "Zomerreces 2024",
        "2024-07-05",
        "2024-09-02",
        DateConfidence::Official,
    ),
    (
        RecessKind::Christmas,
        2024,
        "Kerstreces 2024",
        "2024-12-20",
        "2025-01-13",
        DateConfidence::Estimate,
    ),
    (
        RecessKind::Spring,
        2025,
        "Voorjaarsreces 2025",
        "2025-02-21",
        "2025-03-03",
        DateConfidence::Estimate,
    ),
    (
        RecessKind::May,
        2025,
        "Meireces 2025",
        "2025-04-25",
        "2025-05-12",
        DateConfidence::Estimate,
    ),
    (
        RecessKind::Summer,
        2025,
        "Zomerreces 2025",
        "2025-07-04",
        "2025-09-01",
        DateConfidence::ThirdParty,
    ),
    (
        RecessKind::Election,
        2025,
        "Verkiezingsreces 2025",
        "2025-10-03",
        "2025-10-29",
        DateConfidence::ThirdParty,
    ),
    (
        RecessKind::Christmas,
        2025,
        "Kerstreces 2025",
        "2025-12-19",
        "2026-01-12",
        DateConfidence::ThirdParty,
    ),
    (
        RecessKind::Spring,
        2026,
        "Voorjaarsreces 2026",
        "2026-02-13",
        "2026-02-23",
        DateConfidence::ThirdParty,
    ),
    (
        RecessKind::May,
        2026,
        "Meireces 2026",
        "2026-04-24",
        "2026-05-11",
        DateConfidence::ThirdParty,
    ),
    (
        RecessKind::Summer,
        2026,
        "Zomerreces 2026",
        "2026-07-03",
        "2026-08-31",
        DateConfidence::ThirdParty,
    ),
    (
        RecessKind::Autumn,
        2026,
        "Herfstreces 2026",
        "2026-10-16",
        "2026-10-26",
        DateConfidence::Estimate,
    ),
    (
        RecessKind::Christmas,
        2026,
        "Kerstreces 2026",
        "2026-12-18",
        "2027-01-11",
        DateConfidence::Estimate,
    ),
    (
        RecessKind::May,
        2027,
        "Meireces 2027",
        "2027-04-23",
        "2027-05-10",
        DateConfidence::Estimate,
    ),
    (
        RecessKind::Summer,
        2027,
        "Zomerreces 2027",
        "2027-07-02",
        "2027-08-30",
        DateConfidence::Estimate,
    ),
];

const COMMITMENT_NUMBER: &str = "TZ202504-057";
const COMMITMENT_TEXT: &str =
    "De Kamer wordt voor het zomerreces 2026 nader geïnformeerd over de voortgang van fase 3";
/// The milestone that fulfils the commitment.
const COMMITMENT_FULFILLED_BY: &str = "progress_letter";

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

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
    let orgs = load_organisations(db, actor).await?;
    let programme_id = insert::<programme::Entity>(
        db,
        actor,
        programme::Model {
            id: 0,
            name: DEMO_PROGRAMME.to_owned(),
            goal: PROGRAMME_GOAL.to_owned(),
            lead_organisation_id: Some(lookup(&orgs, "BZK")?),
            version: 1,
            created_at: actor.at,
            updated_at: actor.at,
            deleted_at: None,
        },
    )
    .await?;
    let phases = load_phases(db, actor, programme_id).await?;
    let workstreams = load_workstreams(db, actor, programme_id, &orgs).await?;
    let milestones = load_milestones(db, actor, programme_id, &orgs, &phases, &workstreams).await?;
    for &(predecessor, successor, lag) in DEPENDENCIES {
        add_dependency_in(
            db,
            actor,
            lookup(&milestones, predecessor)?,
            lookup(&milestones, successor)?,
            lag,
        )
        .await?;
    }

    let sources = load_data_sources(db, actor, &orgs).await?;
    let kpis = load_kpis(db, actor, programme_id, &sources).await?;
    let tasks = load_tasks(db, actor, programme_id, &orgs, &sources).await?;

    link_all::<milestone_kpi::Entity, milestone::Entity, kpi::Entity>(
        db,
        actor,
        &links::MILESTONE_KPI,
        MILESTONE_KPIS,
        &milestones,
        &kpis,
    )
    .await?;
    link_all::<milestone_task::Entity, milestone::Entity, data_infra_task::Entity>(
        db,
        actor,
        &links::MILESTONE_TASK,
        MILESTONE_TASKS,
        &milestones,
        &tasks,
    )
    .await?;
    link_all::<task_kpi::Entity, data_infra_task::Entity, kpi::Entity>(
        db,
        actor,
        &links::TASK_KPI,
        TASK_KPIS,
        &tasks,
        &kpis,
    )
    .await?;
    link_all::<kpi_data_source::Entity, kpi::Entity, data_source::Entity>(
        db,
        actor,
        &links::KPI_DATA_SOURCE,
        KPI_SOURCES,
        &kpis,
        &sources,
    )
    .await?;

    let recesses = load_recesses(db, actor).await?;
    let commitment_id = load_commitment(db, actor, programme_id, &milestones).await?;
    load_risks(db, actor, programme_id, &milestones, commitment_id).await?;
    scheduling::load_phase2_commitment(db, actor, programme_id, &milestones).await?;
    let all_milestones = milestone::Entity::find().all(db).await?;
    scheduling::load_baselines(db, actor, &all_milestones).await?;

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

async fn load_organisations(db: &DatabaseTransaction, actor: &Actor) -> ApiResult<Ids> {
    let mut ids = Ids::new();
    for row in ORGANISATIONS {
        let model = organisation::Model {
            id: 0,
            name: row.name.to_owned(),
            abbreviation: Some(row.key.to_owned()),
            layer: Some(row.layer),
            is_umbrella_body: row.umbrella,
            tooi_id: row.tooi.map(str::to_owned),
            version: 1,
            created_at: actor.at,
            updated_at: actor.at,
            deleted_at: None,
        };
        ids.insert(
            row.key,
            insert::<organisation::Entity>(db, actor, model).await?,
        );
    }
    Ok(ids)
}

async fn load_phases(db: &DatabaseTransaction, actor: &Actor, programme_id: i32) -> ApiResult<Ids> {
    let mut ids = Ids::new();
    for row in PHASES {
        let model = phase::Model {
            id: 0,
            programme_id,
            number: row.number,
            name: row.name.to_owned(),
            description: row.description.to_owned(),
            baseline_start: date(row.baseline.0)?,
            baseline_end: date(row.baseline.1)?,
            planned_start: date(row.planned.0)?,
            planned_end: date(row.planned.1)?,
            forecast_start: opt_date(row.forecast.map(|f| f.0))?,
            forecast_end: opt_date(row.forecast.map(|f| f.1))?,
            actual_start: opt_date(row.actual_start)?,
            actual_end: opt_date(row.actual_end)?,
            status: row.status,
            version: 1,
            created_at: actor.at,
            updated_at: actor.at,
            deleted_at: None,
        };
        ids.insert(row.key, insert::<phase::Entity>(db, actor, model).await?);
    }
    Ok(ids)
}

async fn load_workstreams(
    db: &DatabaseTransaction,
    actor: &Actor,
    programme_id: i32,
    orgs: &Ids,
) -> ApiResult<Ids> {
    let mut ids = Ids::new();
    for row in WORKSTREAMS {
        let model = workstream::Model {
            id: 0,
            programme_id,
            name: row.name.to_owned(),
            description: row.description.to_owned(),
            lead_organisation_id: opt_lookup(orgs, row.lead)?,
            version: 1,
            created_at: actor.at,
            updated_at: actor.at,
            deleted_at: None,
        };
        ids.insert(
            row.key,
            insert::<workstream::Entity>(db, actor, model).await?,
        );
    }
    Ok(ids)
}

async fn load_milestones(
    db: &DatabaseTransaction,
    actor: &Actor,
    programme_id: i32,
    orgs: &Ids,
    phases: &Ids,
    workstreams: &Ids,
) -> ApiResult<Ids> {
    let mut ids = Ids::new();
    for row in MILESTONES {
        let model = milestone::Model {
            id: 0,
            programme_id,
            phase_id: Some(lookup(phases, row.phase)?),
            workstream_id: Some(lookup(workstreams, row.workstream)?),
            owner_organisation_id: Some(lookup(orgs, row.owner)?),
            title: row.title.to_owned(),
            description: row.description.to_owned(),
            kind: row.kind,
            layer: row.layer,
            baseline_date: date(row.baseline)?,
            planned_date: date(row.planned)?,
            forecast_date: opt_date(row.forecast)?,
            actual_date: opt_date(row.actual)?,
            status: row.status,
            health_override: row.health_override.map(|(health, _)| health),
            health_override_reason: row.health_override.map(|(_, why)| why.to_owned()),
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
            deadline_date: opt_date(row.deadline.map(|d| d.0))?,
            deadline_text: row.deadline.map(|d| d.1.to_owned()),
            version: 1,
            created_at: actor.at,
            updated_at: actor.at,
            deleted_at: None,
            search_text: String::new(), // derived on write (crud)
        };
        ids.insert(
            row.key,
            insert::<milestone::Entity>(db, actor, model).await?,
        );
    }
    Ok(ids)
}

/// The data sources with their quality assessments.
async fn load_data_sources(db: &DatabaseTransaction, actor: &Actor, orgs: &Ids) -> ApiResult<Ids> {
    let mut ids = Ids::new();
    for row in DATA_SOURCES {
        let model = data_source::Model {
            id: 0,
            name: row.name.to_owned(),
            description: row.description.to_owned(),
            owner_organisation_id: Some(lookup(orgs, row.owner)?),
            update_frequency: row.frequency,
            access: row.access,
            licence: row.licence.map(str::to_owned),
            url: row.url.map(str::to_owned),
            version: 1,
            created_at: actor.at,
            updated_at: actor.at,
            deleted_at: None,
            search_text: String::new(), // derived on write (crud)
        };
        ids.insert(
            row.key,
            insert::<data_source::Entity>(db, actor, model).await?,
        );
    }
    for &(source, dimension, score, assessed_on, finding) in ASSESSMENTS {
        let model = data_quality_assessment::Model {
            id: 0,
            data_source_id: lookup(&ids, source)?,
            dimension,
            score,
            assessed_on: date(assessed_on)?,
            finding: finding.to_owned(),
            version: 1,
            created_at: actor.at,
            updated_at: actor.at,
            deleted_at: None,
        };
        insert::<data_quality_assessment::Entity>(db, actor, model).await?;
    }
    Ok(ids)
}

/// The KPIs (keyed by code) with their targets and measurements.
async fn load_kpis(
    db: &DatabaseTransaction,
    actor: &Actor,
    programme_id: i32,
    sources: &Ids,
) -> ApiResult<Ids> {
    let mut ids = Ids::new();
    for row in KPIS {
        let model = kpi::Model {
            id: 0,
            programme_id,
            code: row.code.to_owned(),
            name: row.name.to_owned(),
            definition: row.definition.to_owned(),
            unit: row.unit.to_owned(),
            direction: row.direction,
            aggregation: row.aggregation,
            level: row.level,
            frequency: row.frequency,
            themes: kpis::themes_to_text(row.themes),
            baseline_value: row.baseline.map(|(value, _)| exact(value)).transpose()?,
            baseline_period: row.baseline.map(|(_, period)| period.to_owned()),
            version: 1,
            created_at: actor.at,
            updated_at: actor.at,
            deleted_at: None,
            search_text: String::new(), // derived on write (crud)
        };
        ids.insert(row.code, insert::<kpi::Entity>(db, actor, model).await?);
    }
    for row in TARGETS {
        let model = kpi_target::Model {
            id: 0,
            kpi_id: lookup(&ids, row.kpi)?,
            year: row.year,
            layer: row.layer,
            value: exact(row.value)?,
            note: Some(row.note.to_owned()),
            version: 1,
            created_at: actor.at,
            updated_at: actor.at,
            deleted_at: None,
        };
        insert::<kpi_target::Entity>(db, actor, model).await?;
    }
    for row in MEASUREMENTS {
        let model = kpi_measurement::Model {
            id: 0,
            kpi_id: lookup(&ids, row.kpi)?,
            period_start: date(row.from)?,
            period_end: date(row.to)?,
            layer: row.layer,
            value: exact(row.value)?,
            qualifier: QUALIFIED
                .iter()
                .find(|(kpi, from, _)| *kpi == row.kpi && *from == row.from)
                .map(|(_, _, qualifier)| *qualifier),
            data_source_id: opt_lookup(sources, row.source)?,
            note: row.note.map(str::to_owned),
            version: 1,
            created_at: actor.at,
            updated_at: actor.at,
            deleted_at: None,
        };
        insert::<kpi_measurement::Entity>(db, actor, model).await?;
    }
    Ok(ids)
}

async fn load_tasks(
    db: &DatabaseTransaction,
    actor: &Actor,
    programme_id: i32,
    orgs: &Ids,
    sources: &Ids,
) -> ApiResult<Ids> {
    let mut ids = Ids::new();
    for row in TASKS {
        let model = data_infra_task::Model {
            id: 0,
            programme_id,
            title: row.title.to_owned(),
            description: row.description.to_owned(),
            kind: row.kind,
            layer: row.layer,
            owner_organisation_id: Some(lookup(orgs, row.owner)?),
            due_date: date(row.due)?,
            completed_on: opt_date(row.completed)?,
            status: row.status,
            data_source_id: opt_lookup(sources, row.source)?,
            version: 1,
            created_at: actor.at,
            updated_at: actor.at,
            deleted_at: None,
        };
        ids.insert(
            row.key,
            insert::<data_infra_task::Entity>(db, actor, model).await?,
        );
    }
    Ok(ids)
}

/// The recess calendar; a recess that overlaps one already stored (users may have entered or
/// corrected the calendar) is left out. Returns how many were added.
async fn load_recesses(db: &DatabaseTransaction, actor: &Actor) -> ApiResult<usize> {
    let mut added = 0;
    for &(kind, year, name, first_day, last_day, confidence) in RECESSES {
        let first_day = date(first_day)?;
        let last_day = date(last_day)?;
        let overlapping =
            crate::service::parliament::recess::overlapping(db, 0, first_day, last_day).await?;
        if overlapping.is_some() {
            continue;
        }
        let model = recess_period::Model {
            id: 0,
            kind,
            year,
            name: name.to_owned(),
            first_day,
            last_day,
            confidence,
            version: 1,
            created_at: actor.at,
            updated_at: actor.at,
            deleted_at: None,
        };
        insert::<recess_period::Entity>(db, actor, model).await?;
        added += 1;
    }
    Ok(added)
}

/// The open commitment to inform the Kamer before the summer recess 2026, linked to the letter.
async fn load_commitment(
    db: &DatabaseTransaction,
    actor: &Actor,
    programme_id: i32,
    milestones: &Ids,
) -> ApiResult<i32> {
    let model = commitment::Model {
        id: 0,
        programme_id,
        number: COMMITMENT_NUMBER.to_owned(),
        text: COMMITMENT_TEXT.to_owned(),
        made_by: "minister van BZK".to_owned(),
        made_on: date("2025-04-16")?,
        deadline_text: Some("voor het zomerreces 2026".to_owned()),
        deadline_date: date("2026-07-02")?,
        status: CommitmentStatus::Open,
        version: 1,
        created_at: actor.at,
        updated_at: actor.at,
        deleted_at: None,
    };
    let commitment_id = insert::<commitment::Entity>(db, actor, model).await?;
    set_link_in::<commitment_milestone::Entity, commitment::Entity, milestone::Entity>(
        db,
        actor,
        &links::COMMITMENT_MILESTONE,
        commitment_id,
        lookup(milestones, COMMITMENT_FULFILLED_BY)?,
        true,
    )
    .await?;
    Ok(commitment_id)
}

/// One risk of the demo's register: (title, description, likelihood, impact, mitigation,
/// owner, layer, milestone key, about the summer-recess commitment).
type DemoRisk = (
    &'static str,
    &'static str,
    RiskLevel,
    RiskLevel,
    &'static str,
    &'static str,
    Option<GovernmentLayer>,
    &'static str,
    bool,
);

/// The demo's risk register: two risks with a mitigation, one without yet.
const RISKS: &[DemoRisk] = &[
    (
        "Bestuurlijk overleg schuift opnieuw door volle bestuurdersagenda's",
        "Na de gemeenteraadsverkiezingen is het lastig de vier bestuurders tegelijk te spreken; een nieuwe verschuiving raakt de Kamerbrief voor het zomerreces.",
        RiskLevel::Medium,
        RiskLevel::High,
        "De datum staat vast in de agenda's van de vier bestuurders; een schriftelijke ronde is voorbereid als terugvaloptie.",
        "Programmamanager BZK",
        None,
        "administrative_consultation",
        true,
    ),
    (
        "Te weinig gemeenten ronden de pilot productkaarten af",
        "Twee van de vijf pilotgemeenten hebben minder capaciteit dan verwacht.",
        RiskLevel::Medium,
        RiskLevel::Medium,
        "VNG heeft twee reservegemeenten benaderd; de pilot kan met vier gemeenten worden afgerond.",
        "Programmamanager VNG",
        Some(GovernmentLayer::Gemeente),
        "vng_pilot",
        false,
    ),
    (
        "MVOI-velden in TenderNed blijven langer optioneel",
        "Het verplicht stellen van de velden hangt af van een aanpassing van de aankondigingsformulieren.",
        RiskLevel::Medium,
        RiskLevel::High,
        "",
        "PIANOo",
        Some(GovernmentLayer::Rijk),
        "tenderned_fields_mandatory",
        false,
    ),
];

async fn load_risks(
    db: &DatabaseTransaction,
    actor: &Actor,
    programme_id: i32,
    milestones: &Ids,
    commitment_id: i32,
) -> ApiResult<()> {
    for &(title, description, likelihood, impact, mitigation, owner, layer, milestone, about) in
        RISKS
    {
        let model = entity::risk::Model {
            id: 0,
            programme_id,
            title: title.to_owned(),
            description: description.to_owned(),
            likelihood,
            impact,
            mitigation: mitigation.to_owned(),
            owner: owner.to_owned(),
            layer,
            status: RiskStatus::Open,
            milestone_id: Some(lookup(milestones, milestone)?),
            commitment_id: about.then_some(commitment_id),
            version: 1,
            created_at: actor.at,
            updated_at: actor.at,
            deleted_at: None,
        };
        insert::<entity::risk::Entity>(db, actor, model).await?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// Validate and insert through the service rules; returns the new id.
async fn insert<E: Rules>(
    db: &DatabaseTransaction,
    actor: &Actor,
    model: E::Model,
) -> ApiResult<i32> {
    let saved = create_in::<E>(db, actor, model).await?;
    id_of(&saved)
}

/// Link every (left key, right key) pair through the link table `L`.
async fn link_all<L, A, B>(
    db: &DatabaseTransaction,
    actor: &Actor,
    spec: &LinkSpec,
    pairs: &[(&str, &str)],
    left: &Ids,
    right: &Ids,
) -> ApiResult<()>
where
    L: EntityTrait,
    L::ActiveModel: ActiveModelTrait<Entity = L> + Send,
    L::Model: Send + Sync,
    A: PlanEntity,
    B: PlanEntity,
{
    for &(left_key, right_key) in pairs {
        set_link_in::<L, A, B>(
            db,
            actor,
            spec,
            lookup(left, left_key)?,
            lookup(right, right_key)?,
            true,
        )
        .await?;
    }
    Ok(())
}

fn lookup(ids: &Ids, key: &str) -> ApiResult<i32> {
    ids.get(key)
        .copied()
        .ok_or_else(|| ApiError::Internal(format!("demo plan: unknown key {key}")))
}

fn opt_lookup(ids: &Ids, key: Option<&str>) -> ApiResult<Option<i32>> {
    key.map(|k| lookup(ids, k)).transpose()
}

fn date(text: &str) -> ApiResult<NaiveDate> {
    NaiveDate::from_str(text)
        .map_err(|e| ApiError::Internal(format!("demo plan: bad date {text}: {e}")))
}

fn opt_date(text: Option<&str>) -> ApiResult<Option<NaiveDate>> {
    text.map(date).transpose()
}

fn exact(text: &str) -> ApiResult<Exact> {
    Decimal::from_str(text)
        .map(Exact)
        .map_err(|e| ApiError::Internal(format!("demo plan: bad number {text}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Every key the link and dependency tables use names a row of its table.
    #[test]
    fn table_keys_resolve() {
        let milestones: HashSet<&str> = MILESTONES.iter().map(|m| m.key).collect();
        let kpis: HashSet<&str> = KPIS.iter().map(|k| k.code).collect();
        let tasks: HashSet<&str> = TASKS.iter().map(|t| t.key).collect();
        let sources: HashSet<&str> = DATA_SOURCES.iter().map(|s| s.key).collect();
        assert_eq!(
            milestones.len(),
            MILESTONES.len(),
            "duplicate milestone key"
        );
        for (p, s, _) in DEPENDENCIES {
            assert!(
                milestones.contains(p) && milestones.contains(s),
                "{p} -> {s}"
            );
        }
        for (m, k) in MILESTONE_KPIS {
            assert!(milestones.contains(m) && kpis.contains(k), "{m} - {k}");
        }
        for (m, t) in MILESTONE_TASKS {
            assert!(milestones.contains(m) && tasks.contains(t), "{m} - {t}");
        }
        for (t, k) in TASK_KPIS {
            assert!(tasks.contains(t) && kpis.contains(k), "{t} - {k}");
        }
        for (k, s) in KPI_SOURCES {
            assert!(kpis.contains(k) && sources.contains(s), "{k} - {s}");
        }
        assert!(milestones.contains(COMMITMENT_FULFILLED_BY));
    }

    /// The state is as of 2026-06-15: done ones finished before it, open ones are forecast after it.
    #[test]
    fn milestones_follow_the_reference_date() {
        let today = date("2026-06-15").unwrap_or_default();
        for m in MILESTONES {
            match m.status {
                WorkStatus::Done => {
                    let actual = opt_date(m.actual).ok().flatten();
                    assert!(actual.is_some_and(|a| a <= today), "{}", m.key);
                }
                _ => {
                    assert!(m.actual.is_none(), "{}", m.key);
                    let forecast = opt_date(m.forecast).ok().flatten();
                    assert!(forecast.is_some_and(|f| f > today), "{}", m.key);
                }
            }
        }
    }

    /// All dates and numbers in the tables parse.
    #[test]
    fn dates_and_numbers_parse() {
        for m in MILESTONES {
            assert!(
                date(m.baseline).is_ok() && date(m.planned).is_ok(),
                "{}",
                m.key
            );
            assert!(
                opt_date(m.forecast).is_ok() && opt_date(m.actual).is_ok(),
                "{}",
                m.key
            );
        }
        for r in RECESSES {
            assert!(date(r.3).is_ok() && date(r.4).is_ok(), "{}", r.2);
        }
        for t in TARGETS {
            assert!(exact(t.value).is_ok(), "{}", t.kpi);
        }
        for m in MEASUREMENTS {
            assert!(
                exact(m.value).is_ok() && date(m.from).is_ok() && date(m.to).is_ok(),
                "{}",
                m.kpi
            );
        }
    }
}
