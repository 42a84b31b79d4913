//! The fixed texts of a report: its headings and labels, by the key the templates use.

use crate::service::reports::document::words::{Language, Words};

impl Words {
    /// Fixed texts of the report (headings and labels), by key, for the templates.
    pub fn labels(self) -> serde_json::Value {
        let nl = self.language() == Language::Nl;
        let pick = |a: &str, b: &str| if nl { a.to_owned() } else { b.to_owned() };
        let labels: &[(&str, &str, &str)] = &[
            ("report", "Voortgangsrapportage", "Progress report"),
            (
                "informs",
                "Deze voortgangsrapportage informeert de Tweede Kamer over",
                "This progress report informs the Tweede Kamer about",
            ),
            ("previous_report", "Vorige rapportage", "Previous report"),
            (
                "informed_earlier",
                "Eerder is de Kamer geïnformeerd met",
                "The Kamer was informed earlier by",
            ),
            (
                "fulfils",
                "Met deze rapportage geeft het kabinet invulling aan",
                "This report fulfils",
            ),
            ("peildatum", "Peildatum", "Reference date"),
            ("period", "Periode", "Period"),
            ("aanleiding", "Aanleiding", "Background"),
            ("kern", "Kern", "Key points"),
            (
                "voortgang",
                "Voortgang per fase en per overheidslaag",
                "Progress per phase and government layer",
            ),
            ("kpis", "KPI's", "KPIs"),
            ("concept", "CONCEPT", "DRAFT"),
            (
                "concept_note",
                "niet voor verspreiding; deze tekst is nog niet vastgesteld.",
                "not for distribution; this text has not been approved.",
            ),
            ("page", "Pagina", "Page"),
            ("page_of", "van", "of"),
            ("layer", "Overheidslaag", "Government layer"),
            ("original_date", "Oorspronkelijke datum", "Original date"),
            ("current_date", "Huidige datum", "Current date"),
            ("baseline_value", "Nulmeting", "Baseline"),
            ("realised", "Realisatie", "Latest value"),
            ("source_quality", "Bron en kwaliteit", "Source and quality"),
            ("risks", "Risico's", "Risks"),
            ("reasons", "Redenen", "Reasons"),
            ("coming_period", "Komende periode", "Coming period"),
            ("risk", "Risico", "Risk"),
            ("summary", "Samenvatting", "Executive summary"),
            ("mitigation", "Beheersmaatregel", "Mitigation"),
            ("owner", "Eigenaar", "Owner"),
            (
                "risks_title",
                "Risico's en beheersmaatregelen",
                "Risks and mitigations",
            ),
            (
                "data",
                "Data-infrastructuur en datagovernance",
                "Data infrastructure and data governance",
            ),
            ("toezeggingen", "Toezeggingen", "Commitments"),
            ("vervolg", "Vervolg", "Next steps"),
            (
                "changes",
                "Wijzigingen sinds de vorige rapportage",
                "Changes since the previous report",
            ),
            ("timeline", "Tijdlijn", "Timeline"),
            ("charts", "Grafieken KPI's", "KPI charts"),
            ("milestone", "Mijlpaal", "Milestone"),
            ("reason", "Toelichting", "Reason"),
            ("health", "Status", "Health"),
            ("assessment", "Inschatting", "Assessment"),
            ("target", "Doel", "Target"),
            ("trend", "Trend", "Trend"),
            (
                "not_reportable",
                "Nog niet rapporteerbaar",
                "Not yet reportable",
            ),
            ("tasks_done", "Afgeronde taken", "Tasks done"),
            ("tasks_due", "Openstaande taken", "Tasks due"),
            (
                "quality",
                "Kwaliteit databronnen (1-5)",
                "Data-source quality (1-5)",
            ),
            ("deadline", "Termijn", "Deadline"),
            ("state", "Stand", "State"),
            ("none", "Geen.", "None."),
            ("added", "Toegevoegd", "Added"),
            ("removed", "Vervallen", "Removed"),
            ("moved", "Verschoven", "Moved"),
            ("completed", "Afgerond", "Completed"),
            ("health_changes", "Gewijzigde status", "Health changed"),
            ("new_measurements", "Nieuwe metingen", "New measurements"),
            (
                "generated",
                "Deze rapportage geeft de stand van het plan aan het einde van de peildatum.",
                "This report gives the plan as it stood at the end of the reference date.",
            ),
        ];
        serde_json::Value::Object(
            labels
                .iter()
                .map(|(key, nl_text, en_text)| ((*key).to_owned(), pick(nl_text, en_text).into()))
                .collect(),
        )
    }
}
