//! The report's pictures as SVG: the timeline of milestones per government layer (baseline
//! against projected date, recess bands, the peildatum) and a chart per KPI (measurements
//! against target). Text stays text, so the pictures are searchable and accessible.

use crate::service::reports::document::content::{KpiChart, Timeline};
use crate::service::reports::document::words::Words;
use chrono::{Datelike, NaiveDate};
use std::fmt::Write;

/// Text safe inside SVG/XML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// How text from the plan is written into a picture.
#[derive(Clone, Copy)]
pub enum Text {
    /// As it is: browsers and LibreOffice fall back from font to font themselves.
    Plain,
    /// In runs, each in a font that has its glyphs: the function gives a character's font
    /// (`None`: the picture's own). typst's SVG reader falls back from font to font only for
    /// simple text: with mixed scripts it gives up, and PDF/A refuses the result. (The PDF
    /// leaves combining marks out of its pictures: `pdf::picture_text`.)
    Runs(fn(char) -> Option<&'static str>),
}

impl Text {
    /// `text` escaped for SVG, in runs where needed.
    fn write(self, text: &str) -> String {
        let Text::Runs(font_of) = self else {
            return escape(text);
        };
        let mut out = String::new();
        let mut run = String::new();
        let mut current: Option<&'static str> = None;
        let flush = |out: &mut String, run: &mut String, font: Option<&str>| {
            match font {
                _ if run.is_empty() => {}
                None => out.push_str(&escape(run)),
                Some(family) => {
                    let _ = write!(
                        out,
                        r#"<tspan font-family="{family}">{}</tspan>"#,
                        escape(run)
                    );
                }
            }
            run.clear();
        };
        for c in text.chars() {
            let font = font_of(c);
            if font != current {
                flush(&mut out, &mut run, current);
                current = font;
            }
            run.push(c);
        }
        flush(&mut out, &mut run, current);
        out
    }
}

/// The timeline's width in SVG units. Documents draw it about 16 cm wide (the text width of an
/// A4 page), so a unit is about 0.8 pt and the 10.5-unit type prints at 8.5 pt, the least that
/// stays legible on paper.
const WIDTH: f64 = 560.0;
/// Type size of the timeline's text, in units (see [`WIDTH`]).
const TYPE: f64 = 10.5;
/// Average advance of a Latin letter at [`TYPE`], in units (DejaVu Sans: about 0.58 em).
const LETTER: f64 = 6.1;

/// A drawn picture and its size in pixels (its `viewBox`).
pub struct Picture {
    /// The SVG document.
    pub svg: String,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Picture {
    /// The height when drawn `width_cm` wide (for embedding it in a document).
    pub fn height_cm(&self, width_cm: f64) -> f64 {
        width_cm * self.height / self.width
    }
}

/// The label column: a milestone's title starts 8 units in.
const LABEL: f64 = 200.0;
/// What fits the label column: about 30 average Latin letters (a wide character, as in
/// Chinese or an emoji, counts twice).
const LABEL_UNITS: usize = 30;

/// Whether `c` is drawn about twice as wide as a Latin letter (East Asian wide, emoji).
fn wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF | 0x20000..=0x3FFFD)
}

/// About how wide `text` prints at `size` units: DejaVu Sans's letters and digits are at most
/// 0.64 em wide on average (a wide character counts two), so the estimate errs on the wide side.
fn approximate_width(text: &str, size: f64) -> f64 {
    let units: usize = text.chars().map(|c| if wide(c) { 2 } else { 1 }).sum();
    units as f64 * size * 0.64
}

/// `text` cut to `units` (a wide character counts two), with "…" where it was cut.
fn fit(text: &str, units: usize) -> String {
    let width = |c: char| if wide(c) { 2 } else { 1 };
    if text.chars().map(width).sum::<usize>() <= units {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        if used + width(c) > units - 1 {
            break;
        }
        used += width(c);
        out.push(c);
    }
    out.push('…');
    out
}
const ROW: f64 = 18.0;

/// The colour of a milestone's dot: grey when done, else its health's.
fn colour(done: bool, health: entity::Health) -> &'static str {
    match health {
        _ if done => "#4d4d4d",
        entity::Health::OnTrack => "#1a7f37",
        entity::Health::AtRisk => "#a86500",
        entity::Health::OffTrack => "#c53030",
    }
}

/// A hard deadline's mark: a dark red bar across the row.
const DEADLINE: &str = "#7a1f1f";

/// A mark of the timeline, as its legend draws it.
enum Mark {
    /// The baseline's hollow diamond.
    Diamond,
    /// A projected date's dot in a colour.
    Dot(&'static str),
    /// A vertical line in a colour and width (a deadline, the peildatum).
    Bar(&'static str, f64),
    /// A recess band.
    Band,
}

impl Mark {
    /// The mark in a 12-unit box whose left edge is at `x`, text baseline at `y`.
    fn draw(&self, x: f64, y: f64) -> String {
        match self {
            Mark::Diamond => format!(
                r##"<path d="M{:.1} {:.1} l4 4 l-4 4 l-4 -4 z" fill="none" stroke="#555"/>"##,
                x + 5.0,
                y - 8.0
            ),
            Mark::Dot(colour) => format!(
                r#"<circle cx="{:.1}" cy="{:.1}" r="4" fill="{colour}"/>"#,
                x + 5.0,
                y - 4.0
            ),
            Mark::Bar(colour, width) => format!(
                r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{colour}" stroke-width="{width}"/>"#,
                x + 5.0,
                y - 10.0,
                x + 5.0,
                y + 1.0
            ),
            Mark::Band => format!(
                r##"<rect x="{x:.1}" y="{:.1}" width="11" height="10" fill="#e8e8e8" stroke="#bbb" stroke-width="0.5"/>"##,
                y - 9.0
            ),
        }
    }
}

/// The peildatum's line colour.
const PEILDATUM: &str = "#c53030";

/// The legend: every mark and colour the timeline uses, in rows that fit its width. Gives the
/// SVG and its height.
fn legend(lang: Words) -> (String, f64) {
    use entity::Health::{AtRisk, OffTrack, OnTrack};
    let words = lang.picture_words();
    let marks = [
        (Mark::Diamond, words.original),
        (Mark::Dot(colour(false, OnTrack)), lang.health(OnTrack)),
        (Mark::Dot(colour(false, AtRisk)), lang.health(AtRisk)),
        (Mark::Dot(colour(false, OffTrack)), lang.health(OffTrack)),
        (Mark::Dot(colour(true, OnTrack)), words.done),
        (Mark::Bar(DEADLINE, 2.0), words.deadline),
        (Mark::Band, words.recess),
        (Mark::Bar(PEILDATUM, 1.5), words.peildatum),
    ];
    let mut out = String::new();
    let (mut x, mut y) = (4.0, 14.0);
    for (mark, label) in marks {
        let width = 16.0 + label.chars().count() as f64 * LETTER + 12.0;
        if x + width > WIDTH && x > 4.0 {
            x = 4.0;
            y += ROW;
        }
        out.push_str(&mark.draw(x, y));
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{y:.1}">{}</text>"#,
            x + 16.0,
            escape(label)
        );
        x += width;
    }
    (out, y + 6.0)
}

/// The timeline. Only milestones from a year before to a year after the peildatum are drawn
/// ([`Timeline::window`]). Titles longer than the label column are cut with "…" (the tables give them in
/// full).
pub fn timeline(t: &Timeline, lang: Words, text: Text) -> Picture {
    let (from, to) = t.window();
    let visible = |d: NaiveDate| d >= from && d <= to;
    let rows: Vec<(
        &String,
        Vec<&crate::service::reports::document::content::TimelineItem>,
    )> = t
        .rows
        .iter()
        .map(|(name, items)| (name, items.iter().filter(|i| t.shows(i)).collect()))
        .filter(|(_, items): &(&String, Vec<_>)| !items.is_empty())
        .collect();
    let (legend, legend_height) = legend(lang);
    // The axis sits under the legend; the rows under the axis.
    let axis = legend_height + 14.0;
    let top = axis + 6.0;
    let lines: usize = rows.iter().map(|(_, items)| items.len() + 1).sum();
    let height = top + 4.0 + lines as f64 * ROW + 16.0;
    let span = (to - from).num_days() as f64;
    let x = |d: NaiveDate| LABEL + ((d - from).num_days() as f64 / span) * (WIDTH - LABEL - 12.0);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="{TYPE}" role="img">"#
    );
    let _ = write!(
        s,
        "<title>{}</title>",
        escape(&lang.timeline_description(t))
    );
    s.push_str(&legend);
    for (name, first, last) in &t.recesses {
        if *last < from || *first > to {
            continue;
        }
        let (a, b) = (x((*first).max(from)), x((*last).min(to)));
        let _ = write!(
            s,
            r##"<rect x="{a:.1}" y="{top:.1}" width="{:.1}" height="{:.1}" fill="#e8e8e8"><title>{}</title></rect>"##,
            (b - a).max(1.0),
            height - top - 16.0,
            escape(name)
        );
    }
    // Month ticks; the quarters labelled, January with its year, and the first label with its
    // year too, so the axis says where it starts.
    let mut month = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).unwrap_or(from);
    let mut first_label = true;
    while month <= to {
        if month >= from {
            let mx = x(month);
            let _ = write!(
                s,
                r##"<line x1="{mx:.1}" y1="{:.1}" x2="{mx:.1}" y2="{top:.1}" stroke="#999"/>"##,
                top - 4.0
            );
            if month.month0().is_multiple_of(3) {
                let label = if month.month() == 1 {
                    month.year().to_string()
                } else if first_label {
                    format!("{} {}", lang.month_short(month.month0()), month.year())
                } else {
                    lang.month_short(month.month0()).to_owned()
                };
                first_label = false;
                let _ = write!(
                    s,
                    r##"<text x="{mx:.1}" y="{axis:.1}" text-anchor="middle" fill="#444">{label}</text>"##
                );
            }
        }
        month = month
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(NaiveDate::MAX);
    }
    let mut y = top + 4.0 + ROW - 4.0;
    for (name, items) in rows {
        let _ = write!(
            s,
            r##"<text x="4" y="{y:.1}" font-weight="bold">{}</text>"##,
            text.write(&fit(name, LABEL_UNITS + 1))
        );
        y += ROW;
        for item in items {
            let colour = colour(item.done, item.health);
            let mid = y - 4.0;
            let _ = write!(
                s,
                r##"<text x="12" y="{y:.1}">{}</text>"##,
                text.write(&fit(&item.title, LABEL_UNITS))
            );
            let (bx, px) = (
                x(item.baseline.clamp(from, to)),
                x(item.projected.clamp(from, to)),
            );
            if let Some(deadline) = item.deadline.filter(|d| visible(*d)) {
                let dx = x(deadline);
                let _ = write!(
                    s,
                    r#"<line x1="{dx:.1}" y1="{:.1}" x2="{dx:.1}" y2="{:.1}" stroke="{DEADLINE}" stroke-width="2"/>"#,
                    mid - 6.5,
                    mid + 6.5
                );
            }
            if (bx - px).abs() > 0.5 {
                let _ = write!(
                    s,
                    r##"<line x1="{bx:.1}" y1="{mid:.1}" x2="{px:.1}" y2="{mid:.1}" stroke="{colour}" stroke-dasharray="2,2"/>"##
                );
            }
            // An original date before the window: the dashed line runs in from the edge, without
            // a diamond at a date it is not.
            if visible(item.baseline) {
                let _ = write!(
                    s,
                    r##"<path d="M{bx:.1} {:.1} l4 4 l-4 4 l-4 -4 z" fill="none" stroke="#555"/>"##,
                    mid - 4.0
                );
            }
            let _ = write!(
                s,
                r##"<circle cx="{px:.1}" cy="{mid:.1}" r="4" fill="{colour}"/>"##
            );
            y += ROW;
        }
    }
    let px = x(t.peildatum);
    let _ = write!(
        s,
        r#"<line x1="{px:.1}" y1="{:.1}" x2="{px:.1}" y2="{:.1}" stroke="{PEILDATUM}" stroke-width="1.5"/><text x="{px:.1}" y="{:.1}" text-anchor="middle" fill="{PEILDATUM}">{}</text>"#,
        top - 2.0,
        height - 14.0,
        height - 3.0,
        escape(&lang.date(t.peildatum))
    );
    s.push_str("</svg>");
    Picture {
        svg: s,
        width: WIDTH,
        height,
    }
}

/// How wide documents draw the timeline: the text width of an A4 page (see [`WIDTH`]).
pub const TIMELINE_CM: f64 = 16.0;
/// A KPI chart's size in SVG units.
const CHART: (f64, f64) = (240.0, 120.0);
/// How wide documents draw a KPI chart: two side by side on an A4 page, so the 9-unit type
/// prints at about 8.5 pt.
pub const CHART_CM: f64 = 8.0;

/// A KPI chart's height when drawn [`CHART_CM`] wide.
pub fn chart_height_cm() -> f64 {
    CHART_CM * CHART.1 / CHART.0
}

/// A small chart of one KPI series's measurements against its target (see [`CHART_CM`]).
pub fn kpi_chart(chart: &KpiChart, lang: Words, text: Text) -> String {
    let ((w, h), pad) = (CHART, 30.0);
    let mut values: Vec<f64> = chart.points.iter().map(|(_, v)| *v).collect();
    values.extend(chart.target);
    let (lo, hi) = values
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    // The axis from zero (or the lowest value below it) to the highest value plus headroom of
    // 15 % of the range, so the top value's label stays below the target's label band.
    let (lo, hi) = (lo.min(0.0), hi.max(0.0));
    let (lo, hi) = if (hi - lo).abs() < f64::EPSILON {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo, hi + (hi - lo) * 0.15)
    };
    // Points at their dates (a missing year leaves its gap), inside margins wide enough for a
    // value's label centred on the first and the last point.
    let (first, last) = (
        chart.points.first().map(|p| p.0),
        chart.points.last().map(|p| p.0),
    );
    let days = match (first, last) {
        (Some(a), Some(b)) if b > a => (b - a).num_days() as f64,
        _ => 1.0,
    };
    let x = |i: usize| {
        let since = match (chart.points.get(i), first) {
            (Some((day, _)), Some(a)) => (*day - a).num_days() as f64,
            _ => 0.0,
        };
        pad + 8.0 + (since / days) * (w - pad - 8.0 - 28.0)
    };
    let y = |v: f64| h - 20.0 - ((v - lo) / (hi - lo)) * (h - 40.0);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-family="DejaVu Sans, Arial, sans-serif" font-size="9" role="img"><title>{}</title>"#,
        escape(&lang.chart_description(chart))
    );
    let _ = write!(
        s,
        r##"<line x1="{pad}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#999"/>"##,
        h - 20.0,
        w - 10.0,
        h - 20.0
    );
    let _ = write!(
        s,
        r##"<text x="2" y="12" fill="#555">{}</text>"##,
        // Cut to the left half, clear of the target's label on the right.
        text.write(&fit(&chart.unit, 18))
    );
    if let Some(target) = chart.target {
        let ty = y(target);
        // The line across the plot; its label in the top corner with a sample of the line, where
        // no value's label can be (the headroom keeps the highest value's label below it).
        let label = format!(
            "{} {}",
            lang.picture_words().target,
            lang.number(&format!("{target}"))
        );
        let sample = w - 10.0 - approximate_width(&label, 9.0) - 4.0;
        let _ = write!(
            s,
            r##"<line x1="{pad}" y1="{ty:.1}" x2="{:.1}" y2="{ty:.1}" stroke="#1a7f37" stroke-dasharray="4,3"/><line x1="{:.1}" y1="9" x2="{sample:.1}" y2="9" stroke="#1a7f37" stroke-dasharray="4,3"/><text x="{:.1}" y="12" text-anchor="end" fill="#1a7f37">{}</text>"##,
            w - 10.0,
            sample - 14.0,
            w - 10.0,
            text.write(&label)
        );
    }
    let points: Vec<String> = chart
        .points
        .iter()
        .enumerate()
        .map(|(i, (_, v))| format!("{:.1},{:.1}", x(i), y(*v)))
        .collect();
    // A line needs two points; a single measurement is only its dot.
    if points.len() > 1 {
        let _ = write!(
            s,
            r##"<polyline points="{}" fill="none" stroke="#1f4e79" stroke-width="1.5"/>"##,
            points.join(" ")
        );
    }
    for (i, (day, v)) in chart.points.iter().enumerate() {
        // The value as written, with its qualifier's sign; plain in content frozen before.
        let label = match chart.values.get(i) {
            Some(value) if chart.values.len() == chart.points.len() => value.label.clone(),
            _ => lang.number(&format!("{v}")),
        };
        let _ = write!(
            s,
            r##"<circle cx="{:.1}" cy="{:.1}" r="2.5" fill="#1f4e79"/><text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#555">{}</text>"##,
            x(i),
            y(*v),
            x(i),
            y(*v) - 5.0,
            text.write(&label),
            x(i),
            h - 8.0,
            day.year()
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::language::Language;

    #[test]
    fn a_chart_draws_qualified_values_and_puts_its_target_label_in_the_top_band() {
        use crate::service::reports::document::content::ChartValue;
        let day = |y| chrono::NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or_default();
        let value = |label: &str| ChartValue {
            label: label.into(),
            text: String::new(),
        };
        let chart = KpiChart {
            code: "MVOI-04".into(),
            unit: "Mton".into(),
            points: vec![(day(2022), 5.2), (day(2024), 8.0)],
            target: Some(8.0),
            values: vec![value("\u{2265} 5,2"), value("8")],
        };
        let svg = kpi_chart(&chart, Words::from(Language::Nl), Text::Plain);
        assert!(svg.contains(">\u{2265} 5,2</text>"), "{svg}");
        // The target's label sits in the top corner (y 12), not on its line next to the last
        // value, which has the same height here.
        assert!(
            svg.contains(r##"y="12" text-anchor="end" fill="#1a7f37">doel 8</text>"##),
            "{svg}"
        );
        // With values below zero too, the top value's label (5 above its dot) stays below that
        // band (its glyphs reach about 7 units above their baseline; the band ends at 15).
        let negative = KpiChart {
            points: vec![(day(2022), -100.0), (day(2024), 10.0)],
            target: Some(0.0),
            values: Vec::new(),
            ..chart
        };
        let svg = kpi_chart(&negative, Words::from(Language::Nl), Text::Plain);
        let top_dot = svg
            .split("<circle ")
            .filter_map(|c| {
                c.split("cy=\"")
                    .nth(1)?
                    .split('"')
                    .next()?
                    .parse::<f64>()
                    .ok()
            })
            .fold(f64::MAX, f64::min);
        assert!(top_dot - 5.0 - 7.0 > 15.0, "top dot at {top_dot}: {svg}");
    }

    #[test]
    fn labels_are_cut_with_an_ellipsis_to_what_fits() {
        assert_eq!(fit("Fase 1 afgerond", 50), "Fase 1 afgerond");
        let long = "x".repeat(200);
        let cut = fit(&long, 50);
        assert_eq!(cut.chars().count(), 50);
        assert!(cut.ends_with('…'));
        let chinese = "中".repeat(40);
        assert_eq!(
            fit(&chinese, 50).chars().count(),
            25,
            "wide characters count twice"
        );
    }
}
