//! A KPI's chart as inline SVG, drawn on the server (no script): one line per series (a
//! government layer, or all governments together) through its measurements, and its targets
//! as open marks. Sizes are CSS pixels in a viewBox that scales with the page.
//!
//! Time runs left to right in whole years, from the first year measured or targeted (or of the
//! peildatum) to the last; a measurement sits in the middle of its period, a target in the middle of its year.
//! Each series has its own colour, mark shape and dash pattern, so the picture does not rest on
//! colour alone (WCAG 1.4.1); the legend names them, every mark has a tooltip, and the table
//! under the chart gives the same figures for reading aloud.

use crate::service::reports::document::svg::escape;
use crate::web::text::{Text, say};
use chrono::{Datelike, NaiveDate};
use std::fmt::Write;

/// The drawing's width.
const WIDTH: f64 = 760.0;
/// The plot's height (without the legend).
const PLOT: f64 = 260.0;
/// Left margin, for the value axis' labels.
const LEFT: f64 = 72.0;
/// Right margin.
const RIGHT: f64 = 16.0;
/// Top margin, for the unit.
const TOP: f64 = 24.0;
/// Bottom margin, for the years.
const BOTTOM: f64 = 28.0;
/// A legend row's height.
const LEGEND_ROW: f64 = 22.0;

/// How a series is drawn: its colour (each at least 3:1 against white, WCAG 1.4.11), mark and
/// dash pattern.
struct Style {
    colour: &'static str,
    mark: Mark,
    dash: &'static str,
    width: f64,
}

#[derive(Clone, Copy)]
enum Mark {
    Circle,
    Square,
    TriangleUp,
    Diamond,
    TriangleDown,
}

/// The styles of the series in their fixed order: Rijk, provincies, gemeenten, waterschappen,
/// all governments.
const STYLES: [Style; 5] = [
    Style {
        colour: "#154273",
        mark: Mark::Circle,
        dash: "",
        width: 2.0,
    },
    Style {
        colour: "#a90061",
        mark: Mark::Square,
        dash: "7 4",
        width: 2.0,
    },
    Style {
        colour: "#275937",
        mark: Mark::TriangleUp,
        dash: "2 3",
        width: 2.0,
    },
    Style {
        colour: "#8b4a00",
        mark: Mark::Diamond,
        dash: "9 3 2 3",
        width: 2.0,
    },
    Style {
        colour: "#333333",
        mark: Mark::TriangleDown,
        dash: "",
        width: 3.0,
    },
];

/// One series of a chart.
pub(super) struct Series {
    /// Its place in the fixed order (0 Rijk … 4 all governments), which sets its style.
    pub style: usize,
    /// Its name in the legend and the tooltips ("Gemeenten", "Alle overheden").
    pub name: String,
    /// Its measurements, oldest first: (period start, period end, value, the value in words).
    pub points: Vec<(NaiveDate, NaiveDate, f64, String)>,
    /// Its targets: (year, value, the target in words).
    pub targets: Vec<(i32, f64, String)>,
}

/// The chart of `series`, whose values are in `unit`, with `title` as its accessible name; the
/// status date as a line (its year is always drawn); its own words (axis, legend, tooltips) in
/// `text`'s language. None when there is nothing to draw.
pub(super) fn draw(
    text: Text,
    series: &[Series],
    unit: &str,
    title: &str,
    status: NaiveDate,
) -> Option<String> {
    if series
        .iter()
        .all(|s| s.points.is_empty() && s.targets.is_empty())
    {
        return None;
    }
    // The years measured or targeted, and the peildatum's, so it is always drawn.
    let years = series
        .iter()
        .flat_map(|s| {
            s.points
                .iter()
                .flat_map(|p| [p.0.year(), p.1.year()])
                .chain(s.targets.iter().map(|t| t.0))
        })
        .chain([status.year()]);
    let (first, last) = years.fold(None, |range: Option<(i32, i32)>, y| match range {
        None => Some((y, y)),
        Some((a, b)) => Some((a.min(y), b.max(y))),
    })?;
    let values: Vec<f64> = series
        .iter()
        .flat_map(|s| {
            s.points
                .iter()
                .map(|p| p.2)
                .chain(s.targets.iter().map(|t| t.1))
        })
        .collect();
    let (lo, hi) = values
        .iter()
        .fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    let (step, decimals) = tick_step(hi - lo);
    let (lo, hi) = ((lo / step).floor() * step, (hi / step).ceil() * step);
    let (lo, hi) = if (hi - lo).abs() < f64::EPSILON {
        (lo, lo + step)
    } else {
        (lo, hi)
    };

    let start = NaiveDate::from_ymd_opt(first, 1, 1)?;
    let end = NaiveDate::from_ymd_opt(last + 1, 1, 1)?;
    let span = (end - start).num_days().max(1) as f64;
    let plot_width = WIDTH - LEFT - RIGHT;
    let x = |day: NaiveDate| LEFT + ((day - start).num_days() as f64 / span) * plot_width;
    let y = |v: f64| TOP + (1.0 - (v - lo) / (hi - lo)) * (PLOT - TOP - BOTTOM);
    let legend_rows = series.len().div_ceil(3) + 1;
    let height = PLOT + legend_rows as f64 * LEGEND_ROW + 8.0;

    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="koers-kpi-chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{}" font-family="inherit" font-size="12">"#,
        escape(title)
    );
    // The value axis: gridlines at each step, labelled with the language's decimal sign.
    let mut tick = lo;
    while tick <= hi + step / 2.0 {
        let ty = y(tick);
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" y1="{ty:.1}" x2="{:.1}" y2="{ty:.1}" stroke="{}"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#333">{}</text>"##,
            WIDTH - RIGHT,
            if tick.abs() < step / 2.0 {
                "#767676"
            } else {
                "#e0e0e0"
            },
            LEFT - 6.0,
            ty + 4.0,
            escape(&number(text, tick, decimals))
        );
        tick += step;
    }
    let _ = write!(
        s,
        r##"<text x="{LEFT}" y="14" fill="#333">{}</text>"##,
        escape(unit)
    );
    // The years, each labelled in its band (every n-th when there are many).
    let every = ((last - first + 1) as usize).div_ceil(14).max(1);
    for (i, year) in (first..=last).enumerate() {
        let (Some(a), Some(b)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year + 1, 1, 1),
        ) else {
            continue;
        };
        let _ = write!(
            s,
            r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#767676"/>"##,
            x(a),
            PLOT - BOTTOM,
            x(a),
            PLOT - BOTTOM + 5.0
        );
        if i % every == 0 {
            let _ = write!(
                s,
                r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#333">{year}</text>"##,
                (x(a) + x(b)) / 2.0,
                PLOT - BOTTOM + 18.0
            );
        }
    }
    // The status date, where it falls within the years drawn.
    if status >= start && status < end {
        let sx = x(status);
        let _ = write!(
            s,
            r##"<g><title>{}</title><line x1="{sx:.1}" y1="{TOP}" x2="{sx:.1}" y2="{:.1}" stroke="#01689b" stroke-dasharray="3 3"/><text x="{:.1}" y="{:.1}" fill="#01689b" font-size="11">{}</text></g>"##,
            escape(&say!(
                text,
                "kpis-chart-status-date",
                day = text.words().date(status)
            )),
            PLOT - BOTTOM,
            sx + 3.0,
            TOP + 10.0,
            escape(&say!(text, "kpis-chart-status-label"))
        );
    }
    // Each series: its line through its measurements, its marks, its targets.
    let band = plot_width / f64::from(last - first + 1);
    for one in series {
        let style = &STYLES[one.style.min(STYLES.len() - 1)];
        let centre = |p: &(NaiveDate, NaiveDate, f64, String)| {
            let mid = p.0 + (p.1 - p.0) / 2;
            (x(mid), y(p.2))
        };
        if one.points.len() > 1 {
            let line: Vec<String> = one
                .points
                .iter()
                .map(|p| {
                    let (px, py) = centre(p);
                    format!("{px:.1},{py:.1}")
                })
                .collect();
            let _ = write!(
                s,
                r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="{}" stroke-dasharray="{}"/>"#,
                line.join(" "),
                style.colour,
                style.width,
                style.dash
            );
        }
        for p in &one.points {
            let (px, py) = centre(p);
            let _ = write!(
                s,
                "<g><title>{}: {}</title>{}</g>",
                escape(&one.name),
                escape(&p.3),
                mark(style, px, py, true)
            );
        }
        for (year, value, words) in &one.targets {
            let Some(a) = NaiveDate::from_ymd_opt(*year, 1, 1) else {
                continue;
            };
            let (tx, ty) = (x(a) + band / 2.0, y(*value));
            let _ = write!(
                s,
                r#"<g><title>{}: {}</title><line x1="{:.1}" y1="{ty:.1}" x2="{:.1}" y2="{ty:.1}" stroke="{}" stroke-width="2"/>{}</g>"#,
                escape(&one.name),
                escape(&say!(text, "kpis-chart-target", target = words.as_str())),
                tx - band * 0.35,
                tx + band * 0.35,
                style.colour,
                mark(style, tx, ty, false)
            );
        }
    }
    // The legend: a sample of each series' line and mark, then what filled and open marks are.
    for (i, one) in series.iter().enumerate() {
        let style = &STYLES[one.style.min(STYLES.len() - 1)];
        let (col, row) = (i % 3, i / 3);
        let lx = LEFT + col as f64 * 220.0;
        let ly = PLOT + 8.0 + row as f64 * LEGEND_ROW;
        let _ = write!(
            s,
            r##"<line x1="{lx:.1}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}" stroke="{}" stroke-width="{}" stroke-dasharray="{}"/>{}<text x="{:.1}" y="{:.1}" fill="#333">{}</text>"##,
            lx + 36.0,
            style.colour,
            style.width,
            style.dash,
            mark(style, lx + 18.0, ly, true),
            lx + 44.0,
            ly + 4.0,
            escape(&one.name)
        );
    }
    let ly = PLOT + 8.0 + (legend_rows - 1) as f64 * LEGEND_ROW;
    let grey = Style {
        colour: "#333333",
        mark: Mark::Circle,
        dash: "",
        width: 2.0,
    };
    // The target's bar across its year, in the legend's sample too.
    let _ = write!(
        s,
        r##"<line x1="{:.1}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}" stroke="#333333" stroke-width="2"/>"##,
        LEFT + 94.0,
        LEFT + 118.0
    );
    let _ = write!(
        s,
        r##"{}<text x="{:.1}" y="{:.1}" fill="#333">{}</text>{}<text x="{:.1}" y="{:.1}" fill="#333">{}</text>"##,
        mark(&grey, LEFT + 6.0, ly, true),
        LEFT + 16.0,
        ly + 4.0,
        escape(&say!(text, "kpis-chart-measurement")),
        mark(&grey, LEFT + 106.0, ly, false),
        LEFT + 124.0,
        ly + 4.0,
        escape(&say!(text, "kpis-chart-target-legend"))
    );
    s.push_str("</svg>");
    Some(s)
}

/// A series' mark at (`x`, `y`): filled for a measurement, open (white inside) for a target.
fn mark(style: &Style, x: f64, y: f64, filled: bool) -> String {
    let fill = if filled { style.colour } else { "#ffffff" };
    let paint = format!(
        r#"fill="{fill}" stroke="{}" stroke-width="2""#,
        style.colour
    );
    match style.mark {
        Mark::Circle => format!(r#"<circle cx="{x:.1}" cy="{y:.1}" r="5" {paint}/>"#),
        Mark::Square => format!(
            r#"<rect x="{:.1}" y="{:.1}" width="9" height="9" {paint}/>"#,
            x - 4.5,
            y - 4.5
        ),
        Mark::TriangleUp => format!(
            r#"<polygon points="{x:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" {paint}/>"#,
            y - 6.0,
            x + 6.0,
            y + 4.5,
            x - 6.0,
            y + 4.5
        ),
        Mark::Diamond => format!(
            r#"<polygon points="{x:.1},{:.1} {:.1},{y:.1} {x:.1},{:.1} {:.1},{y:.1}" {paint}/>"#,
            y - 6.0,
            x + 6.0,
            y + 6.0,
            x - 6.0
        ),
        Mark::TriangleDown => format!(
            r#"<polygon points="{x:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" {paint}/>"#,
            y + 6.0,
            x + 6.0,
            y - 4.5,
            x - 6.0,
            y - 4.5
        ),
    }
}

/// A step for the value axis of about five gridlines over `range` (1, 2, 2,5 or 5 times a
/// power of ten), and the decimals its labels need.
fn tick_step(range: f64) -> (f64, usize) {
    let range = if range > 0.0 && range.is_finite() {
        range
    } else {
        1.0
    };
    let rough = range / 5.0;
    let power = rough.log10().floor();
    let base = 10_f64.powf(power);
    let (factor, extra) = match rough / base {
        r if r <= 1.0 => (1.0, 0),
        r if r <= 2.0 => (2.0, 0),
        r if r <= 2.5 => (2.5, 1),
        r if r <= 5.0 => (5.0, 0),
        _ => (10.0, 0),
    };
    let decimals = if power < 0.0 {
        (-power) as usize + extra
    } else if power == 0.0 {
        extra
    } else {
        0
    };
    (factor * base, decimals)
}

/// An axis label: `value` with `decimals` decimals, as `text`'s language writes it ("1.250",
/// "2,5" in Dutch; "1,250", "2.5" in English).
fn number(text: Text, value: f64, decimals: usize) -> String {
    let figure = format!("{value:.decimals$}");
    // "-0" is zero.
    let figure = if figure
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        figure.trim_start_matches('-').to_owned()
    } else {
        figure
    };
    text.words().number(&figure)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::language::Language;

    const NL: Text = Text::DUTCH;
    const EN: Text = Text::new(Language::En);

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn steps_are_round_and_labels_follow_the_language() {
        assert_eq!(tick_step(100.0), (20.0, 0));
        assert_eq!(tick_step(10.0), (2.0, 0));
        assert_eq!(tick_step(12.0), (2.5, 1));
        assert_eq!(tick_step(0.9), (0.2, 1));
        assert_eq!(tick_step(500_000.0), (100_000.0, 0));
        assert_eq!(number(NL, 482_754.0, 0), "482.754");
        assert_eq!(number(NL, 2.5, 1), "2,5");
        assert_eq!(number(NL, -0.0001, 1), "0");
        assert_eq!(number(EN, 482_754.0, 0), "482,754");
        assert_eq!(number(EN, 2.5, 1), "2.5");
    }

    #[test]
    fn a_chart_draws_each_series_line_marks_targets_and_legend() {
        let series = vec![
            Series {
                style: 0,
                name: "Rijk".into(),
                points: vec![
                    (
                        day(2023, 1, 1),
                        day(2023, 12, 31),
                        80.0,
                        "80 % (2023)".into(),
                    ),
                    (
                        day(2024, 1, 1),
                        day(2024, 12, 31),
                        82.0,
                        "82 % (2024)".into(),
                    ),
                ],
                targets: vec![(2025, 100.0, "100 % in 2025".into())],
            },
            Series {
                style: 2,
                name: "Gemeenten".into(),
                points: vec![(
                    day(2024, 1, 1),
                    day(2024, 12, 31),
                    61.0,
                    "61 % (2024)".into(),
                )],
                targets: vec![],
            },
        ];
        let english = draw(EN, &series, "%", "MVOI-01", day(2026, 6, 15)).unwrap_or_default();
        assert!(
            english.contains("<title>Rijk: target 100 % in 2025</title>")
                && english.contains("<title>Status date 15 June 2026</title>")
                && english.contains(">status date</text>")
                && english.contains(">measurement</text>")
                && !english.contains("doel")
                && !english.contains("peildatum"),
            "{english}"
        );
        let svg = draw(NL, &series, "%", "MVOI-01 <test>", day(2026, 6, 15));
        let svg = svg.unwrap_or_default();
        // One line (Rijk has two values; Gemeenten one, a mark only).
        assert_eq!(svg.matches("<polyline").count(), 1, "{svg}");
        assert!(svg.contains("<title>Rijk: 82 % (2024)</title>"), "{svg}");
        assert!(
            svg.contains("<title>Rijk: doel 100 % in 2025</title>"),
            "{svg}"
        );
        assert!(
            svg.contains("<title>Gemeenten: 61 % (2024)</title>"),
            "{svg}"
        );
        // The years 2023 to 2026: the status date's year is drawn too, with its line.
        assert!(
            svg.contains(">2023</text>") && svg.contains(">2026</text>"),
            "{svg}"
        );
        assert!(
            !svg.contains(">2022</text>") && !svg.contains(">2027</text>"),
            "{svg}"
        );
        assert!(
            svg.contains("<title>Peildatum 15 juni 2026</title>"),
            "{svg}"
        );
        // The accessible name is escaped; the legend names each series.
        assert!(
            svg.contains(r#"aria-label="MVOI-01 &lt;test&gt;""#),
            "{svg}"
        );
        assert!(
            svg.contains(">Gemeenten</text>") && svg.contains(">doel (streefwaarde"),
            "{svg}"
        );
        // Nothing to draw: no chart.
        assert!(draw(NL, &[], "%", "leeg", day(2026, 1, 1)).is_none());
    }
}
