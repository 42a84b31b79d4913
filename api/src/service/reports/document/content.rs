//! What a progress report says: its content, built once from the plan as of the peildatum and
//! frozen with the report. Texts are already in the report's language, so every document
//! format renders the same words.

use crate::service::reports::document::words::{Language, Words};
use serde::{Deserialize, Serialize};

/// One line about a milestone, task or commitment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// What it is about.
    pub title: String,
    /// Its date, written out ("2 juli 2026").
    pub date: String,
    /// A note (the reason, the owner, the layer).
    pub note: Option<String>,
}

/// A KPI that cannot be reported yet, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unreportable {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// What holds it up (a data source's quality, an open task).
    pub why: Vec<String>,
}

/// A data source and its latest quality per dimension.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Its name.
    pub name: String,
    /// "compleetheid 2/5: finding".
    pub scores: Vec<String>,
}

/// A commitment to the Kamer and where it stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommitmentLine {
    /// Its register number.
    pub number: String,
    /// Its text.
    pub text: String,
    /// Its deadline, as promised and as a date.
    pub deadline: String,
    /// Where it stands: fulfilled, answered by this report, on track, at risk, needs a
    /// postponement letter, or missed, with days and cause.
    pub state: String,
    /// The letters sent about it by the peildatum, oldest first ("uitstelbrief van 20 maart
    /// 2025 (kenmerk): reden"); empty in content generated before it existed.
    #[serde(default)]
    pub letters: Vec<String>,
}

/// One row of a milestone table: a milestone as the Kamer reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MilestoneRow {
    /// The milestone.
    pub title: String,
    /// Its government layer, or "Gezamenlijk".
    pub layer: String,
    /// Its date as first promised (the original baseline).
    pub original: String,
    /// Its date now: done on, or expected.
    pub current: String,
    /// Done, on track, at risk, off track, or overdue (computed; never a manager's override).
    pub status: String,
    /// Why it moved or why it is not on track, in sentences; empty when there is nothing to say.
    pub note: String,
}

/// The milestones of one phase as a table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MilestoneTable {
    /// The phase.
    pub name: String,
    /// Its milestones, by current date: all but the cancelled ones and those done before the
    /// period (an earlier report described them).
    pub rows: Vec<MilestoneRow>,
    /// How many were done before the period, as a sentence; none when there are none.
    pub earlier: Option<String>,
}

/// One series of a KPI (one layer, or the whole) in the KPI table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KpiRow {
    /// The KPI: code and name.
    pub kpi: String,
    /// The layer measured, or the whole ("Alle overheden").
    pub layer: String,
    /// The nulmeting: value and period, or "-".
    pub baseline: String,
    /// The target of that layer for the peildatum's year or the nearest later one, with its
    /// year, or "geen doel vastgesteld".
    pub target: String,
    /// The latest value (with its qualifier) and period.
    pub realised: String,
    /// Better, worse or the same as the measurement before, by the KPI's direction; "-" for a
    /// first measurement.
    pub trend: String,
    /// The data sources and their weakest quality scores ("TenderNed (compleetheid 2 van 5)").
    pub source: String,
}

/// A risk to the plan: a milestone that is not on track, with its reasons, or a risk from the
/// register; with what is done about it and who owns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RiskLine {
    /// What is at risk.
    pub title: String,
    /// Its layer.
    pub layer: String,
    /// How serious it is: a milestone's computed health ("risico (planning)"), or a recorded
    /// risk's likelihood and impact ("kans middel, impact hoog"). Stored as `health` in content
    /// frozen before.
    #[serde(alias = "health")]
    pub assessment: String,
    /// All reasons, as sentences; a manager's differing judgement named as such; for a risk
    /// from the register, what it is and what it threatens.
    pub reasons: String,
    /// What is done about it (the beheersmaatregelen of the recorded risks), or that none is
    /// recorded yet.
    #[serde(default)]
    pub mitigation: String,
    /// Who owns it, or "-".
    #[serde(default)]
    pub owner: String,
}

/// What a document says about the report it belongs to beyond its frozen content: draft or
/// final, which version, the kenmerk and its date. Not part of the content: a draft is stamped
/// CONCEPT, and the same content published is stamped final.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stamp {
    /// Published (final), or a draft (marked CONCEPT in every format).
    pub definitive: bool,
    /// Which version of the report of its peildatum this is (1, 2, ...).
    pub edition: i32,
    /// The kenmerk, once set.
    pub reference: Option<String>,
    /// The document's date: the day it was published, or generated for a draft.
    pub date: chrono::NaiveDate,
}

/// What changed since the previous report (from the change history).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Changes {
    /// Milestones completed.
    pub completed: Vec<Line>,
    /// Milestones added.
    pub added: Vec<Line>,
    /// Milestones removed.
    pub removed: Vec<Line>,
    /// Milestones whose expected date moved ("van 3 juni 2026 naar 24 juni 2026").
    pub moved: Vec<Line>,
    /// Milestones whose health changed.
    pub health: Vec<Line>,
    /// Measurements recorded.
    pub measurements: Vec<Line>,
}

/// One milestone on the timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineItem {
    /// Its title.
    pub title: String,
    /// Baseline date (ISO).
    pub baseline: chrono::NaiveDate,
    /// Projected date (ISO).
    pub projected: chrono::NaiveDate,
    /// Done.
    pub done: bool,
    /// Its health ("OnTrack", ...).
    pub health: entity::Health,
    /// The hard deadline it works towards, its own or its commitment's (drawn as a bar).
    /// Absent in content frozen before deadlines were drawn.
    #[serde(default)]
    pub deadline: Option<chrono::NaiveDate>,
}

/// The timeline: milestones per layer, recess bands, the peildatum.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    /// (layer name, milestones).
    pub rows: Vec<(String, Vec<TimelineItem>)>,
    /// (name, first day, last day).
    pub recesses: Vec<(String, chrono::NaiveDate, chrono::NaiveDate)>,
    /// The peildatum.
    pub peildatum: chrono::NaiveDate,
}

impl Timeline {
    /// The days it spans: a year before to a year after the peildatum.
    pub fn window(&self) -> (chrono::NaiveDate, chrono::NaiveDate) {
        (
            self.peildatum - chrono::Duration::days(365),
            self.peildatum + chrono::Duration::days(365),
        )
    }

    /// Whether the picture draws `item`: its current date or its original one falls in the
    /// window.
    pub fn shows(&self, item: &TimelineItem) -> bool {
        let (from, to) = self.window();
        let within = |d: chrono::NaiveDate| d >= from && d <= to;
        within(item.projected) || within(item.baseline)
    }
}

/// A KPI's measurements against its target, for a chart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KpiChart {
    /// Its code.
    pub code: String,
    /// Its unit.
    pub unit: String,
    /// (period end, value) of the overall figures, oldest first.
    pub points: Vec<(chrono::NaiveDate, f64)>,
    /// The target (overall) of the latest year with one.
    pub target: Option<f64>,
    /// Each point as written, in the order of `points` (empty in content frozen before: the
    /// plain numbers are drawn then).
    #[serde(default)]
    pub values: Vec<ChartValue>,
}

/// One value of a KPI chart as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChartValue {
    /// Its label in the picture: the value with its qualifier's sign ("≥ 6,8", "≈ 12", "82").
    pub label: String,
    /// The value in words with its period, for the alternative text ("ten minste 6,8 (2024)").
    pub text: String,
}

/// The sections a report has, by the key its templates use.
pub const SECTIONS: [&str; 8] = [
    "aanleiding",
    "kern",
    "voortgang",
    "toezeggingen",
    "kpis",
    "data",
    "risicos",
    "vervolg",
];

/// The author's own words: a summary that opens the report and a note under each section's
/// heading, as written on the draft (stored with the report, not with its generated content).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorText {
    /// The summary (Samenvatting); empty: none.
    #[serde(default)]
    pub summary: String,
    /// A note per section key ([`SECTIONS`]).
    #[serde(default)]
    pub notes: std::collections::BTreeMap<String, String>,
    /// Who changed the draft's words or kenmerk: none of them is its second pair of eyes.
    #[serde(default)]
    pub edited_by: Vec<String>,
}

/// The author's words as the documents print them: paragraphs (one per line of the text).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AuthorParagraphs {
    /// The summary's paragraphs.
    pub summary: Vec<String>,
    /// Each section's paragraphs, by section key (every key present, empty when none).
    pub notes: std::collections::BTreeMap<String, Vec<String>>,
}

impl AuthorText {
    /// The paragraphs of each text: its non-empty lines, trimmed.
    pub fn paragraphs(&self) -> AuthorParagraphs {
        let split = |text: &str| -> Vec<String> {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        };
        AuthorParagraphs {
            summary: split(&self.summary),
            notes: SECTIONS
                .iter()
                .map(|key| {
                    let text = self.notes.get(*key).map(String::as_str).unwrap_or_default();
                    ((*key).to_owned(), split(text))
                })
                .collect(),
        }
    }
}

impl Stamp {
    /// What a document of `report` says about it: final once published (dated the day of
    /// publication), else a draft dated the day it was generated; its version and kenmerk. The
    /// day is the status date of that moment ("today" for the plan, as the fulfilment letters
    /// have it); for a report stored before it was kept, the Dutch day of the moment.
    pub fn of(report: &entity::progress_report::Model) -> Self {
        let day = crate::service::schedule::status_date::dutch_day;
        Stamp {
            definitive: report.status == entity::ReportStatus::Published,
            edition: report.edition,
            reference: report.reference.clone(),
            date: report
                .dated_on
                .unwrap_or_else(|| day(report.published_at.unwrap_or(report.created_at))),
        }
    }

    /// A draft without kenmerk, version 1, dated `date`: what a document rendered outside a
    /// stored report (the command line, a benchmark) says about itself.
    pub fn draft(date: chrono::NaiveDate) -> Self {
        Self {
            definitive: false,
            edition: 1,
            reference: None,
            date,
        }
    }
}

/// The layout of the content this version of koers builds and renders. Content of an earlier
/// layout (stored with a draft generated before) lacks sections the templates now read: such a
/// draft is refused (`CONFLICT`, generate it anew) rather than rendered with empty sections.
pub const LAYOUT: u32 = 5;

/// The whole report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Content {
    /// Its layout ([`LAYOUT`] when built; 0 in content stored before layouts were counted).
    #[serde(default)]
    pub layout: u32,
    /// The title.
    pub title: String,
    /// The language ("nl" or "en" in the stored JSON; earlier content has the same).
    #[serde(with = "lowercase_language")]
    pub language: Language,
    /// The peildatum (ISO), and written out.
    pub peildatum: chrono::NaiveDate,
    /// The peildatum written out.
    pub peildatum_text: String,
    /// The period covered, written out.
    pub period: String,
    /// The programme's name.
    pub programme: String,
    /// Its goal, as a sentence of the Aanleiding ("Doel van het programma: …"); empty when none
    /// is recorded.
    pub goal: String,
    /// Aanleiding: the previous report, if any.
    pub previous: Option<String>,
    /// Aanleiding: the commitments this report fulfils.
    pub fulfils: Vec<CommitmentLine>,
    /// The ids of the commitments this report answers: publishing it records its fulfilment
    /// letter for each (see `reports::workflow::publish`).
    #[serde(default)]
    pub answers: Vec<i32>,
    /// The ids of the Kamerbrief milestones this report is: publishing it marks them done.
    #[serde(default)]
    pub own_letters: Vec<i32>,
    /// Aanleiding: the earlier letters to the Kamer about the programme, oldest first: the
    /// postponement and fulfilment letters of its commitments and the published reports, each
    /// with its date and kenmerk (empty in content generated before it existed).
    #[serde(default)]
    pub earlier: Vec<String>,
    /// Kern: the overall health, written out.
    pub health: String,
    /// Kern: a few sentences.
    pub kern: Vec<String>,
    /// Voortgang: a table of milestones per phase.
    #[serde(default)]
    pub milestone_tables: Vec<MilestoneTable>,
    /// KPI's: one row per series (layer or whole).
    #[serde(default)]
    pub kpi_rows: Vec<KpiRow>,
    /// Risico's: the milestones not on track, with all their reasons.
    #[serde(default)]
    pub risks: Vec<RiskLine>,
    /// KPI's not yet reportable.
    pub unreportable: Vec<Unreportable>,
    /// Data-infrastructure tasks done since the previous report.
    pub tasks_done: Vec<Line>,
    /// Open tasks, by due date.
    pub tasks_due: Vec<Line>,
    /// Data-source quality.
    pub sources: Vec<Source>,
    /// Open commitments.
    pub commitments: Vec<CommitmentLine>,
    /// Changes since the previous report.
    pub changes: Changes,
    /// Vervolg: the milestones expected in the coming period.
    pub next_steps: Vec<Line>,
    /// Vervolg: the coming period, written out ("tot 2 juli 2026"); empty in content generated
    /// before it existed.
    #[serde(default)]
    pub coming_until: String,
    /// Vervolg: the next moment the Kamer is informed.
    pub next_moment: Option<String>,
    /// The timeline (for the picture).
    pub timeline: Timeline,
    /// KPI charts.
    pub charts: Vec<KpiChart>,
    /// The author's words, as paragraphs: set when a stored report is rendered (from its
    /// `author_text`), empty in generated content.
    #[serde(default)]
    pub author: AuthorParagraphs,
}

impl Content {
    /// The words of its language.
    pub fn words(&self) -> Words {
        Words::from(self.language)
    }

    /// The content with `f` applied to every text in it (titles, notes, labels of the
    /// pictures; not the ISO dates, which are no text): one pass over the whole structure, so no
    /// field a renderer reads can be missed.
    pub fn map_text(&self, f: impl Fn(&str) -> String) -> crate::error::ApiResult<Content> {
        fn walk(value: &mut serde_json::Value, f: &dyn Fn(&str) -> String) {
            match value {
                serde_json::Value::String(text) => *text = f(text),
                serde_json::Value::Array(items) => items.iter_mut().for_each(|v| walk(v, f)),
                serde_json::Value::Object(fields) => fields.values_mut().for_each(|v| walk(v, f)),
                _ => {}
            }
        }
        let error =
            |e: serde_json::Error| crate::error::ApiError::Internal(format!("report text: {e}"));
        let mut value = serde_json::to_value(self).map_err(error)?;
        walk(&mut value, &f);
        // Dates and enums are strings too, and must survive: none holds a character `f` changes
        // (they are ASCII without controls), so mapping them is a no-op.
        serde_json::from_value(value).map_err(error)
    }

    /// The content with every text cleaned of the characters no text may hold
    /// (`service::store::text::clean`): text stored before that rule existed still renders, in every
    /// format. Borrowed work: nearly always nothing changes.
    pub fn cleaned(&self) -> crate::error::ApiResult<Content> {
        self.map_text(|t| crate::service::store::text::clean(t).into_owned())
    }
}

/// The language in the stored content: "nl" or "en", as content frozen before
/// [`Language`] was one type for the API, the database and the words has it.
mod lowercase_language {
    use super::Language;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(language: &Language, to: S) -> Result<S::Ok, S::Error> {
        to.serialize_str(&language.as_str().to_ascii_lowercase())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(from: D) -> Result<Language, D::Error> {
        let text = String::deserialize(from)?;
        entity::parse_name(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown language {text:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::Language;

    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Frozen {
        #[serde(with = "super::lowercase_language")]
        language: Language,
    }

    #[test]
    fn the_language_is_stored_as_before_and_read_in_any_case() {
        let nl = Frozen {
            language: Language::Nl,
        };
        assert_eq!(
            serde_json::to_string(&nl).ok().as_deref(),
            Some(r#"{"language":"nl"}"#)
        );
        for stored in [r#"{"language":"en"}"#, r#"{"language":"EN"}"#] {
            let read: Option<Frozen> = serde_json::from_str(stored).ok();
            assert_eq!(
                read,
                Some(Frozen {
                    language: Language::En
                }),
                "{stored}"
            );
        }
        assert!(serde_json::from_str::<Frozen>(r#"{"language":"de"}"#).is_err());
    }
}
