//! The report as PDF/A-2a (archival and tagged), typeset by typst from
//! `api/templates/report.typ`. Nothing is read from the machine or the network: the template,
//! the content (as JSON), the labels and the SVG pictures are files of an in-memory world, and
//! the fonts are the ones typst bundles. The document's identifier and date come from the
//! peildatum, so the same content gives the same bytes.

use super::content::Content;
use super::svg;
use crate::error::{ApiError, ApiResult};
use chrono::Datelike;
use std::collections::HashMap;
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

const TEMPLATE: &str = include_str!("../../../templates/report.typ");

/// The fonts typst bundles (serif, maths and monospace), loaded once per process.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

/// The standard library, built once per process.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// One report's files, in memory.
struct ReportWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
    today: Datetime,
}

fn file_id(path: &str) -> ApiResult<FileId> {
    let vpath = VirtualPath::new(path)
        .map_err(|e| ApiError::Internal(format!("pdf file {path}: {e:?}")))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.get().vpath().get_without_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

fn messages(diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The report as PDF/A-2a. CPU-bound: async callers run it on a blocking thread.
pub fn pdf(content: &Content) -> ApiResult<Vec<u8>> {
    let lang = content.language;
    let day = content.peildatum;
    let today = Datetime::from_ymd(day.year(), day.month() as u8, day.day() as u8)
        .ok_or_else(|| ApiError::Internal(format!("pdf date {day}")))?;
    fn json(value: &impl serde::Serialize) -> ApiResult<Bytes> {
        serde_json::to_vec(value)
            .map(Bytes::new)
            .map_err(|e| ApiError::Internal(format!("pdf inputs: {e}")))
    }
    let mut files = HashMap::new();
    files.insert(file_id("/content.json")?, json(content)?);
    files.insert(file_id("/labels.json")?, json(&lang.labels())?);
    files.insert(
        file_id("/timeline.svg")?,
        Bytes::from_string(svg::timeline(&content.timeline, lang).svg),
    );
    for (i, chart) in content.charts.iter().enumerate() {
        files.insert(
            file_id(&format!("/chart-{i}.svg"))?,
            Bytes::from_string(svg::kpi_chart(chart, lang)),
        );
    }
    let world = ReportWorld {
        main: Source::new(file_id("/report.typ")?, TEMPLATE.to_owned()),
        files,
        today,
    };
    let compiled = typst::compile::<PagedDocument>(&world);
    let result = compiled
        .output
        .map_err(|errors| ApiError::Internal(format!("pdf layout: {}", messages(&errors))))
        .and_then(|document| {
            let options = PdfOptions {
                ident: Smart::Custom(format!("koers-report-{day}-{}", content.title)),
                timestamp: Some(Timestamp::new_utc(today)),
                standards: PdfStandards::new(&[PdfStandard::A_2a])
                    .map_err(|e| ApiError::Internal(format!("pdf standard: {e:?}")))?,
                ..PdfOptions::default()
            };
            typst_pdf::pdf(&document, &options)
                .map_err(|errors| ApiError::Internal(format!("pdf export: {}", messages(&errors))))
        });
    // typst memoizes across documents; without this, memory grows with every report.
    typst::comemo::evict(0);
    result
}
