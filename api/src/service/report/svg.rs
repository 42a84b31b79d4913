//! The report's pictures as SVG: the timeline of milestones per government layer (baseline
//! against projected date, recess bands, the peildatum) and a chart per KPI (measurements
//! against target). Text stays text, so the pictures are searchable and accessible.

use super::content::{KpiChart, Timeline};
use super::words::Language;
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

const WIDTH: f64 = 960.0;

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

const LABEL: f64 = 330.0;
/// What fits the label column at 10 px: about 50 average Latin letters (a wide character, as in
/// Chinese or an emoji, counts twice).
const LABEL_UNITS: usize = 50;

/// Whether `c` is drawn about twice as wide as a Latin letter (East Asian wide, emoji).
fn wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF | 0x20000..=0x3FFFD)
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
const ROW: f64 = 16.0;

/// The timeline. Only milestones from a year before to a year after the peildatum are drawn.
pub fn timeline(t: &Timeline, lang: Language, text: Text) -> Picture {
    let from = t.peildatum - chrono::Duration::days(365);
    let to = t.peildatum + chrono::Duration::days(365);
    let visible = |d: NaiveDate| d >= from && d <= to;
    let rows: Vec<(&String, Vec<&super::content::TimelineItem>)> = t
        .rows
        .iter()
        .map(|(name, items)| {
            (
                name,
                items
                    .iter()
                    .filter(|i| visible(i.projected) || visible(i.baseline))
                    .collect(),
            )
        })
        .filter(|(_, items): &(&String, Vec<_>)| !items.is_empty())
        .collect();
    let lines: usize = rows.iter().map(|(_, items)| items.len() + 1).sum();
    let height = 40.0 + lines as f64 * ROW + 10.0;
    let span = (to - from).num_days() as f64;
    let x = |d: NaiveDate| LABEL + ((d - from).num_days() as f64 / span) * (WIDTH - LABEL - 10.0);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="10" role="img">"#
    );
    let _ = write!(
        s,
        "<title>{}</title>",
        escape(match lang {
            Language::Nl => "Tijdlijn van de mijlpalen per overheidslaag",
            Language::En => "Timeline of milestones per government layer",
        })
    );
    // Legend: baseline (diamond), expected date (dot, coloured by health), recess, peildatum.
    let (baseline, expected, recess) = match lang {
        Language::Nl => ("basisplanning", "verwacht", "reces"),
        Language::En => ("baseline", "expected", "recess"),
    };
    let _ = write!(
        s,
        r##"<path d="M8 6 l4 4 l-4 4 l-4 -4 z" fill="none" stroke="#555"/><text x="16" y="13">{baseline}</text><circle cx="104" cy="10" r="4" fill="#1a7f37"/><text x="112" y="13">{expected}</text><rect x="172" y="5" width="12" height="10" fill="#e8e8e8"/><text x="188" y="13">{recess}</text><line x1="236" y1="4" x2="236" y2="16" stroke="#c53030" stroke-width="1.5"/><text x="242" y="13">{}</text>"##,
        match lang {
            Language::Nl => "peildatum",
            Language::En => "reference date",
        }
    );
    for (name, first, last) in &t.recesses {
        if *last < from || *first > to {
            continue;
        }
        let (a, b) = (x((*first).max(from)), x((*last).min(to)));
        let _ = write!(
            s,
            r##"<rect x="{a:.1}" y="24" width="{:.1}" height="{:.1}" fill="#e8e8e8"><title>{}</title></rect>"##,
            (b - a).max(1.0),
            height - 34.0,
            escape(name)
        );
    }
    // Month ticks, labelled per quarter.
    let mut month = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).unwrap_or(from);
    while month <= to {
        if month >= from {
            let mx = x(month);
            let _ = write!(
                s,
                r##"<line x1="{mx:.1}" y1="20" x2="{mx:.1}" y2="24" stroke="#999"/>"##
            );
            if month.month0().is_multiple_of(3) {
                let _ = write!(
                    s,
                    r##"<text x="{mx:.1}" y="16" text-anchor="middle" fill="#555">{}</text>"##,
                    format_args!("{}-{:02}", month.year(), month.month())
                );
            }
        }
        month = month
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(NaiveDate::MAX);
    }
    let mut y = 40.0;
    for (name, items) in rows {
        let _ = write!(
            s,
            r##"<text x="4" y="{y:.1}" font-weight="bold">{}</text>"##,
            text.write(name)
        );
        y += ROW;
        for item in items {
            let colour = match item.health {
                _ if item.done => "#4d4d4d",
                entity::Health::OnTrack => "#1a7f37",
                entity::Health::AtRisk => "#b7791f",
                entity::Health::OffTrack => "#c53030",
            };
            let _ = write!(
                s,
                r##"<text x="12" y="{y:.1}">{}</text>"##,
                text.write(&fit(&item.title, LABEL_UNITS))
            );
            let (bx, px) = (
                x(item.baseline.clamp(from, to)),
                x(item.projected.clamp(from, to)),
            );
            if (bx - px).abs() > 0.5 {
                let _ = write!(
                    s,
                    r##"<line x1="{bx:.1}" y1="{:.1}" x2="{px:.1}" y2="{:.1}" stroke="{colour}" stroke-dasharray="2,2"/>"##,
                    y - 3.5,
                    y - 3.5
                );
            }
            let _ = write!(
                s,
                r##"<path d="M{bx:.1} {:.1} l4 4 l-4 4 l-4 -4 z" fill="none" stroke="#555"/>"##,
                y - 7.5
            );
            let _ = write!(
                s,
                r##"<circle cx="{px:.1}" cy="{:.1}" r="4" fill="{colour}"/>"##,
                y - 3.5
            );
            y += ROW;
        }
    }
    let px = x(t.peildatum);
    let _ = write!(
        s,
        r##"<line x1="{px:.1}" y1="22" x2="{px:.1}" y2="{:.1}" stroke="#c53030" stroke-width="1.5"/><text x="{px:.1}" y="{:.1}" text-anchor="middle" fill="#c53030">{}</text>"##,
        height - 10.0,
        height - 1.0,
        escape(&lang.date(t.peildatum))
    );
    s.push_str("</svg>");
    Picture {
        svg: s,
        width: WIDTH,
        height,
    }
}

/// A small chart of one KPI's overall measurements against its target.
pub fn kpi_chart(chart: &KpiChart, lang: Language, text: Text) -> String {
    let (w, h, pad) = (300.0, 130.0, 34.0);
    let mut values: Vec<f64> = chart.points.iter().map(|(_, v)| *v).collect();
    values.extend(chart.target);
    let (lo, hi) = values
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    let (lo, hi) = if (hi - lo).abs() < f64::EPSILON {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo.min(0.0), hi * 1.1)
    };
    let n = chart.points.len().max(2) - 1;
    let x = |i: usize| pad + (i as f64 / n as f64) * (w - pad - 10.0);
    let y = |v: f64| h - 20.0 - ((v - lo) / (hi - lo)) * (h - 40.0);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-family="DejaVu Sans, Arial, sans-serif" font-size="9" role="img"><title>{}</title>"#,
        escape(&chart.code)
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
        text.write(&chart.unit)
    );
    if let Some(target) = chart.target {
        let ty = y(target);
        let _ = write!(
            s,
            r##"<line x1="{pad}" y1="{ty:.1}" x2="{:.1}" y2="{ty:.1}" stroke="#1a7f37" stroke-dasharray="4,3"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#1a7f37">{} {}</text>"##,
            w - 10.0,
            w - 10.0,
            ty - 3.0,
            match lang {
                Language::Nl => "doel",
                Language::En => "target",
            },
            escape(&lang.number(&format!("{target}")))
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
        let _ = write!(
            s,
            r##"<circle cx="{:.1}" cy="{:.1}" r="2.5" fill="#1f4e79"/><text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#555">{}</text>"##,
            x(i),
            y(*v),
            x(i),
            y(*v) - 5.0,
            escape(&lang.number(&format!("{v}"))),
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
