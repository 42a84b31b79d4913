//! The report as PDF/A-2a (archival and tagged), typeset by typst from
//! `api/templates/report.typ`. Nothing is read from the machine or the network: the template,
//! the content (as JSON), the labels and the SVG pictures are files of an in-memory world, and
//! the fonts are the ones typst bundles plus the fallbacks in `api/fonts/` (DejaVu Sans,
//! Unifont and Unifont Upper: every character of Unicode's assigned planes 0 and 1 has a glyph).
//! The document's identifier and date come from the peildatum, so the same content gives the
//! same bytes.
//!
//! PDF/A forbids a character without a glyph, so one character must never make a report
//! impossible: before typesetting, a character no embedded font has becomes U+FFFD (a visible
//! "�") and is listed by [`unsupported`] (shown as the report's warnings); invisible format
//! characters without a glyph are dropped. Words too long for a line get break opportunities
//! (soft hyphens), so they wrap instead of running off the page.

use crate::error::{ApiError, ApiResult};
use crate::service::reports::document::content::Content;
use crate::service::reports::document::svg;
use chrono::Datelike;
use std::collections::HashMap;
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Coverage, Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

const TEMPLATE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/report.typ"));

/// The fallback fonts, embedded in the binary (licences in `api/fonts/README.md`).
const FALLBACK_FONTS: [&[u8]; 4] = [
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/DejaVuSans.ttf")),
    include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fonts/DejaVuSans-Bold.ttf"
    )),
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/unifont.otf")),
    include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fonts/unifont_upper.otf"
    )),
];

/// The fonts typst bundles (serif, maths and monospace) and the fallbacks, loaded once per
/// process, with their book.
///
/// The book lists for each font the characters it really has a glyph for. typst reads a font's
/// coverage from its character map, where a range may include characters the font maps to no
/// glyph (DejaVu Sans claims U+2705, for one); typst would then pick that font as the fallback,
/// find no glyph, and fail the PDF/A export instead of trying the next font.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .chain(FALLBACK_FONTS)
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    let infos = fonts.iter().map(|font| {
        let mut info = font.info().clone();
        if let Ok(ttf) = ttf_parser::Face::parse(font.data(), font.index()) {
            let has_glyph = |c: &u32| {
                char::from_u32(*c)
                    .and_then(|c| ttf.glyph_index(c))
                    .is_some_and(|g| g.0 != 0)
            };
            info.coverage = Coverage::from_vec(info.coverage.iter().filter(has_glyph).collect());
        }
        info
    });
    (LazyHash::new(FontBook::from_infos(infos)), fonts)
});

/// Load the fonts and their book now (a second or so), so the first report or `warnings` of
/// a fresh server does not wait for it.
pub fn warm_up() {
    LazyLock::force(&FONTS);
}

/// Whether `c` can be printed in the PDF: some embedded font has a glyph for it, and it is not
/// a private-use character (PDF/A-2a requires text with a Unicode meaning; private use has none).
fn printable(c: char) -> bool {
    let private = matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD);
    c.is_whitespace() || !private && printable_glyph(c)
}

/// Whether some embedded font has a glyph for `c`.
fn printable_glyph(c: char) -> bool {
    c.is_whitespace()
        || (0..FONTS.1.len())
            .filter_map(|i| FONTS.0.info(i))
            .any(|info| info.coverage.contains(c as u32))
}

/// The font a picture's character is drawn in: the pictures' own (DejaVu Sans, `None`) when it
/// has the glyph, else the fallback typst would choose.
fn svg_font(c: char) -> Option<&'static str> {
    let has = |family: &str| {
        FONTS
            .0
            .select(&family.to_lowercase(), Default::default())
            .and_then(|i| FONTS.0.info(i))
            .is_some_and(|info| info.coverage.contains(c as u32))
    };
    if c.is_whitespace() || has("DejaVu Sans") {
        return None;
    }
    let index = FONTS
        .0
        .select_fallback(None, Default::default(), c.encode_utf8(&mut [0; 4]))?;
    let family = FONTS.0.info(index)?.family.as_str();
    FAMILIES.iter().copied().find(|f| *f == family)
}

/// The families of the embedded fonts (a picture names the one to draw a run in).
static FAMILIES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut families: Vec<&'static str> = (0..FONTS.1.len())
        .filter_map(|i| FONTS.0.info(i))
        .map(|info| info.family.as_str())
        .collect();
    families.dedup();
    families
});

/// Invisible characters that shape text (joiners, variation selectors, bidi marks, tags): when
/// no font has them they are left out rather than shown as "�".
fn invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

/// A character the PDF cannot show (no embedded font has it, or it is for private use), and a
/// text it stands in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsupported {
    /// The character.
    pub character: char,
    /// The text it stands in, cut to at most 60 characters around it.
    pub excerpt: String,
}

/// The characters of `content`'s texts that no embedded font has (each once, in the order
/// they first occur), with a text each stands in. These are printed as "�" in the PDF.
pub fn unsupported(content: &Content) -> ApiResult<Vec<Unsupported>> {
    let found = std::cell::RefCell::new(Vec::<Unsupported>::new());
    content.map_text(|text| {
        for (i, c) in text.chars().enumerate() {
            if printable(c) || invisible(c) {
                continue;
            }
            let mut found = found.borrow_mut();
            if !found.iter().any(|u| u.character == c) {
                found.push(Unsupported {
                    character: c,
                    excerpt: excerpt(text, i),
                });
            }
        }
        text.to_owned()
    })?;
    Ok(found.into_inner())
}

/// Up to 60 characters of `text` around its `at`th character.
fn excerpt(text: &str, at: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let from = at.saturating_sub(30);
    let to = (from + 60).min(chars.len());
    let mut out: String = chars[from..to].iter().collect();
    if from > 0 {
        out.insert(0, '…');
    }
    if to < chars.len() {
        out.push('…');
    }
    out
}

/// A word longer than this gets a break opportunity every [`WORD_PIECE`] characters.
const LONG_WORD: usize = 30;
/// The length of the pieces a long word may be broken into.
const WORD_PIECE: usize = 15;

/// Where a line may break anyway: spaces, and after a hyphen or a slash.
fn separator(c: char) -> bool {
    c.is_whitespace() || c == '-' || c == '/'
}

/// `text` as the PDF can show it: characters without a glyph as "�" (with any mark on them),
/// invisible ones without a glyph left out.
fn shown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let replaced = out.ends_with(char::REPLACEMENT_CHARACTER);
        match c {
            // A mark on a character that could not be shown goes with it.
            c if replaced && unicode_normalization::char::is_combining_mark(c) => {}
            c if printable(c) => out.push(c),
            c if invisible(c) => {}
            _ => out.push(char::REPLACEMENT_CHARACTER),
        }
    }
    out
}

/// `text` as the pictures draw it: composed where Unicode can (NFC: "e" and a combining acute
/// become "é"), without the marks and invisible characters left over. typst's SVG reader
/// cannot carry a mark that clusters with its base into PDF/A (it loses the mark's code point),
/// so a label gives up a diacritic rather than the report.
fn picture_text(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c) && !invisible(*c))
        .collect()
}

/// `text` with a soft hyphen every [`WORD_PIECE`] characters (grapheme clusters: a letter with
/// its marks, an emoji sequence, a flag) inside a word longer than [`LONG_WORD`].
fn hyphenated(text: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let mut out = String::with_capacity(text.len() + 8);
    let mut word: Vec<&str> = Vec::new();
    let flush = |out: &mut String, word: &mut Vec<&str>| {
        let long = word.len() > LONG_WORD;
        for (k, grapheme) in word.iter().enumerate() {
            if long && k > 0 && k % WORD_PIECE == 0 {
                out.push('\u{AD}');
            }
            out.push_str(grapheme);
        }
        word.clear();
    };
    for grapheme in text.graphemes(true) {
        if grapheme.chars().all(separator) {
            flush(&mut out, &mut word);
            out.push_str(grapheme);
        } else {
            word.push(grapheme);
        }
    }
    flush(&mut out, &mut word);
    out
}

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
pub fn pdf(
    content: &Content,
    stamp: &crate::service::reports::document::content::Stamp,
) -> ApiResult<Vec<u8>> {
    // The metadata gets the text as it can be shown, the pictures without marks, the body with
    // soft hyphens too.
    let shown = content.map_text(shown_text)?;
    let pictured = shown.map_text(picture_text)?;
    let content = &shown.map_text(hyphenated)?;
    let lang = content.words();
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
        file_id("/meta.json")?,
        json(&serde_json::json!({
            "title": shown.title,
            "programme": shown.programme,
            "stamp": shown_text(&lang.stamp(stamp)),
            "draft": !stamp.definitive,
            // Alternative texts of the pictures (PDF/UA): what each shows, in words.
            "timeline_alt": lang.timeline_description(&shown.timeline),
            "timeline_caption": shown_text(&lang.timeline_caption(&shown.timeline)),
            "chart_alts": shown.charts.iter().map(|c| lang.chart_description(c)).collect::<Vec<_>>(),
        }))?,
    );
    files.insert(
        file_id("/timeline.svg")?,
        Bytes::from_string(svg::timeline(&pictured.timeline, lang, svg::Text::Runs(svg_font)).svg),
    );
    for (i, chart) in pictured.charts.iter().enumerate() {
        files.insert(
            file_id(&format!("/chart-{i}.svg"))?,
            Bytes::from_string(svg::kpi_chart(chart, lang, svg::Text::Runs(svg_font))),
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
                ident: Smart::Custom(format!("koers-report-{day}-{}", shown.title)),
                timestamp: Some(Timestamp::new_utc(today)),
                standards: PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1])
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_without_a_glyph_become_visible_replacements() {
        assert_eq!(
            shown_text("Raket 🚀 klaar ✅ 中文"),
            "Raket 🚀 klaar ✅ 中文"
        );
        assert_eq!(shown_text("privé \u{F0000} teken"), "privé � teken");
        assert_eq!(
            picture_text("e\u{301}en ka\u{650}"),
            "éen ka",
            "pictures lose loose marks"
        );
    }

    #[test]
    fn long_words_get_soft_hyphens_and_ordinary_words_do_not() {
        assert_eq!(
            hyphenated("gegevenskwaliteitsbeoordeling van TenderNed"),
            "gegevenskwaliteitsbeoordeling van TenderNed"
        );
        let long = "x".repeat(40);
        let typeset = hyphenated(&format!("a {long} b"));
        assert_eq!(typeset.matches('\u{AD}').count(), 2, "{typeset}");
        assert_eq!(typeset.replace('\u{AD}', ""), format!("a {long} b"));
        // Never inside a letter with its marks or an emoji sequence.
        let marked = "e\u{301}".repeat(40);
        let typeset = hyphenated(&marked);
        assert!(!typeset.contains("\u{AD}\u{301}"), "{typeset:?}");
        let families = "👨\u{200D}👩\u{200D}👧".repeat(35);
        assert!(!hyphenated(&families).contains("\u{AD}\u{200D}"));
    }
}
