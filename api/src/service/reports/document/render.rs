//! Documents of a report: Markdown, HTML and the ODT's content from templates
//! (`api/templates/`), with the SVG pictures inline in the HTML, as files in the ODT and as
//! images in the PDF. Rendering reads only the frozen content, so the same content always gives
//! the same bytes. Every format first cleans the content's texts (`Content::cleaned`), so a
//! control character stored before input was checked cannot break a document.

use crate::error::{ApiError, ApiResult};
use crate::service::reports::document::content::{Content, Stamp};
use crate::service::reports::document::svg;
use minijinja::{AutoEscape, Environment, Value, context};

/// The escaping of the Markdown template: every printed value is literal text
/// (`markdown::escape`), as HTML auto-escaping does for the HTML and the ODT's XML.
const MARKDOWN: AutoEscape = AutoEscape::Custom("markdown");

fn environment() -> ApiResult<Environment<'static>> {
    let mut env = Environment::new();
    env.set_trim_blocks(false);
    env.set_auto_escape_callback(|name| match name.ends_with(".md") {
        true => MARKDOWN,
        false => minijinja::default_auto_escape_callback(name),
    });
    env.set_formatter(|out, state, value| {
        if state.auto_escape() == MARKDOWN && !value.is_safe() {
            if value.is_undefined() || value.is_none() {
                return Ok(());
            }
            return out
                .write_str(&crate::service::reports::document::markdown::escape(
                    &value.to_string(),
                ))
                .map_err(|e| {
                    minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string())
                });
        }
        minijinja::escape_formatter(out, state, value)
    });
    for (name, source) in [
        (
            "report.md",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/templates/report.md.j2"
            )),
        ),
        (
            "content.xml",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/templates/content.xml.j2"
            )),
        ),
        (
            "report.html",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/templates/report.html.j2"
            )),
        ),
    ] {
        env.add_template(name, source)
            .map_err(|e| ApiError::Internal(format!("report template {name}: {e}")))?;
    }
    Ok(env)
}

fn render(name: &str, content: &Content, stamp: &Stamp, extra: Value) -> ApiResult<String> {
    let env = environment()?;
    let template = env
        .get_template(name)
        .map_err(|e| ApiError::Internal(format!("report template {name}: {e}")))?;
    let lang = content.words();
    template
        .render(context! {
            c => content,
            t => lang.labels(),
            stamp => lang.stamp(stamp),
            timeline_caption => lang.timeline_caption(&content.timeline),
            draft => !stamp.definitive,
            ..extra
        })
        .map_err(|e| ApiError::Internal(format!("report {name}: {e}")))
}

/// The report as Markdown, stamped (a draft is marked CONCEPT under its title).
pub fn markdown(content: &Content, stamp: &Stamp) -> ApiResult<String> {
    let content = &content.cleaned()?;
    // The placeholder of an empty cell is the template's own text, not a value to escape.
    render(
        "report.md",
        content,
        stamp,
        context! { dash => Value::from_safe_string("-".to_owned()) },
    )
}

/// The report as one self-contained HTML file (inline style and pictures, nothing external).
pub fn html(content: &Content, stamp: &Stamp) -> ApiResult<String> {
    let content = &content.cleaned()?;
    let lang = content.words();
    let charts: Vec<Value> = content
        .charts
        .iter()
        .map(|c| Value::from_safe_string(svg::kpi_chart(c, lang, svg::Text::Plain)))
        .collect();
    render(
        "report.html",
        content,
        stamp,
        context! {
            timeline => Value::from_safe_string(svg::timeline(&content.timeline, lang, svg::Text::Plain).svg),
            charts => charts,
        },
    )
}

/// The report as an OpenDocument text (ODT), with the timeline as a picture.
pub fn odt(content: &Content, stamp: &Stamp) -> ApiResult<Vec<u8>> {
    let content = &content.cleaned()?;
    let lang = content.words();
    let timeline = svg::timeline(&content.timeline, lang, svg::Text::Plain);
    let body = render(
        "content.xml",
        content,
        stamp,
        context! {
            timeline_width => format!("{:.2}", svg::TIMELINE_CM),
            timeline_height => format!("{:.2}", timeline.height_cm(svg::TIMELINE_CM)),
            timeline_alt => lang.timeline_description(&content.timeline),
            chart_width => format!("{:.2}", svg::CHART_CM),
            chart_height => format!("{:.2}", svg::chart_height_cm()),
            chart_alts => content.charts.iter().map(|c| lang.chart_description(c)).collect::<Vec<_>>(),
        },
    )?;
    let charts: Vec<String> = content
        .charts
        .iter()
        .map(|c| svg::kpi_chart(c, content.words(), svg::Text::Plain))
        .collect();
    crate::service::reports::document::odt::package(content, stamp, &body, &timeline.svg, &charts)
}

/// The report as PDF/A-2a (typst, `api/templates/report.typ`). CPU-bound: async callers run it
/// on a blocking thread.
pub fn pdf(content: &Content, stamp: &Stamp) -> ApiResult<Vec<u8>> {
    crate::service::reports::document::pdf::pdf(&content.cleaned()?, stamp)
}
