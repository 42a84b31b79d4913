//! The report as an OpenDocument text (ODT), the open standard for documents still being
//! edited: a zip package with `mimetype` first and uncompressed, the manifest, meta, styles,
//! content (from `api/templates/content.xml.j2`) and the timeline as an SVG picture. Entries
//! carry the peildatum as their time, so the same content gives the same bytes.

use crate::error::{ApiError, ApiResult};
use crate::service::reports::document::content::{Content, Stamp};
use crate::service::reports::document::svg;
use chrono::Datelike;
use std::io::Write;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

const MIMETYPE: &str = "application/vnd.oasis.opendocument.text";

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="Pictures/timeline.svg" manifest:media-type="image/svg+xml"/>
"#;

/// The manifest: the fixed entries, then one per KPI chart (`Pictures/chart-N.svg`).
fn manifest(charts: usize) -> String {
    let mut out = MANIFEST.to_owned();
    for i in 0..charts {
        out.push_str(&format!(
            " <manifest:file-entry manifest:full-path=\"Pictures/chart-{i}.svg\" manifest:media-type=\"image/svg+xml\"/>\n"
        ));
    }
    out.push_str("</manifest:manifest>\n");
    out
}

const STYLES_HEAD: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3">
 <office:styles>
  <style:default-style style:family="paragraph"><style:text-properties fo:font-size="11pt" fo:language="@LANGUAGE@" fo:country="@COUNTRY@"/></style:default-style>
  <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
  <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.2cm"/></style:style>
  <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:class="text"><style:paragraph-properties fo:margin-top="0.42cm" fo:margin-bottom="0.21cm" fo:keep-with-next="always"/><style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="1" style:class="text"><style:text-properties fo:font-size="18pt"/></style:style>
  <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="2" style:class="text"><style:text-properties fo:font-size="14pt"/></style:style>
  <style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="3" style:class="text"><style:text-properties fo:font-size="12pt"/></style:style>
  <style:style style:name="Margin" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:text-properties fo:font-size="8.5pt" fo:color="#555555"/></style:style>
  <style:style style:name="Concept" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="14pt" fo:font-weight="bold" fo:color="#b00020" fo:letter-spacing="0.1cm"/></style:style>
  <style:style style:name="Heading_20_4" style:display-name="Heading 4" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="4" style:class="text"><style:text-properties fo:font-size="11pt" fo:font-style="italic"/></style:style>
 </office:styles>
"##;

/// The styles: the named styles above, an A4 page with a header (the stamp line; a draft also
/// CONCEPT) and a footer with "Pagina 3 van 12".
fn styles(content: &Content, stamp: &Stamp) -> String {
    let lang = content.words();
    let labels = lang.labels();
    // The text's language, so LibreOffice hyphenates and checks it by the right rules.
    let (language, country) = lang.tag().split_once('-').unwrap_or(("nl", "NL"));
    let head = STYLES_HEAD
        .replace("@LANGUAGE@", language)
        .replace("@COUNTRY@", country);
    let label = |key: &str| svg::escape(labels[key].as_str().unwrap_or_default());
    let concept = if stamp.definitive {
        String::new()
    } else {
        format!(
            r#"<text:p text:style-name="Concept">{}</text:p>"#,
            label("concept")
        )
    };
    format!(
        r#"{head} <office:automatic-styles>
  <style:page-layout style:name="A4">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.2cm" fo:margin-right="2.2cm"/>
   <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.4cm"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.4cm"/></style:footer-style>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="A4">
   <style:header>{concept}<text:p text:style-name="Margin">{stamp_line}</text:p></style:header>
   <style:footer><text:p text:style-name="Margin">{page} <text:page-number text:select-page="current">1</text:page-number> {of} <text:page-count>1</text:page-count></text:p></style:footer>
  </style:master-page>
 </office:master-styles>
</office:document-styles>
"#,
        stamp_line = svg::escape(&lang.stamp(stamp)),
        page = label("page"),
        of = label("page_of"),
    )
}

fn meta(content: &Content) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">
 <office:meta>
  <meta:generator>koers</meta:generator>
  <dc:title>{}</dc:title>
  <dc:language>{}</dc:language>
  <meta:creation-date>{}T00:00:00</meta:creation-date>
  <dc:date>{}T00:00:00</dc:date>
 </office:meta>
</office:document-meta>
"#,
        svg::escape(&content.title),
        content.words().tag(),
        content.peildatum,
        content.peildatum
    )
}

/// The ODT package of a report; `body` is its rendered `content.xml`.
/// The ODT package of a report; `body` is its rendered `content.xml`, `charts` the KPI charts
/// in the order the content lists them.
pub fn package(
    content: &Content,
    stamp: &Stamp,
    body: &str,
    timeline: &str,
    charts: &[String],
) -> ApiResult<Vec<u8>> {
    let fail = |e: zip::result::ZipError| ApiError::Internal(format!("odt package: {e}"));
    let io = |e: std::io::Error| ApiError::Internal(format!("odt package: {e}"));
    let day = content.peildatum;
    let modified = DateTime::from_date_and_time(
        u16::try_from(day.year().clamp(1980, 2107)).unwrap_or(1980),
        day.month() as u8,
        day.day() as u8,
        0,
        0,
        0,
    )
    .map_err(|e| ApiError::Internal(format!("odt date: {e}")))?;
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(modified);
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(modified);
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("mimetype", stored).map_err(fail)?;
    zip.write_all(MIMETYPE.as_bytes()).map_err(io)?;
    for (name, data) in [
        ("META-INF/manifest.xml", manifest(charts.len())),
        ("meta.xml", meta(content)),
        ("styles.xml", styles(content, stamp)),
        ("content.xml", body.to_owned()),
        ("Pictures/timeline.svg", timeline.to_owned()),
    ] {
        zip.start_file(name, deflated).map_err(fail)?;
        zip.write_all(data.as_bytes()).map_err(io)?;
    }
    for (i, chart) in charts.iter().enumerate() {
        zip.start_file(format!("Pictures/chart-{i}.svg"), deflated)
            .map_err(fail)?;
        zip.write_all(chart.as_bytes()).map_err(io)?;
    }
    Ok(zip.finish().map_err(fail)?.into_inner())
}
