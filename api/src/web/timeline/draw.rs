//! The timeline as inline SVG, drawn on the server (no script). Sizes are CSS pixels.
//!
//! Left, a label column with each milestone's title as a link to its page. Right, time: a year
//! takes [`QUARTER_DAY`]·365 pixels when zoomed to quarters and [`YEAR_DAY`]·365 when zoomed to
//! years, from the first of January of the earliest date drawn to the end of the year of the
//! latest (at most [`YEARS_BEFORE`] years before the status date and [`YEARS_AFTER`] after; a
//! date beyond is drawn at the edge). Health is a shape as well as a colour, so the picture
//! does not rest on colour alone (WCAG 1.4.1); every mark has a tooltip and the legend names it.
//! Every word drawn, tooltips and the legend included, is in the reader's language
//! ([`Picture::text`]); titles as the plan has them, a recess by the calendar's name in Dutch
//! and by its kind and year in English ([`crate::web::words::RecessName`]).

use super::{Row, Zoom};
use crate::service::reports::document::svg::escape;
use crate::web::text::{Text, say};
use crate::web::words::milestone_state;
use chrono::{Datelike, NaiveDate};
use entity::{Health, WorkStatus};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt::Write;

/// Pixels per day when zoomed to quarters (a year is 365 pixels).
pub const QUARTER_DAY: f64 = 1.0;
/// Pixels per day when zoomed to years (a year is about 128 pixels).
pub const YEAR_DAY: f64 = 0.35;
/// The label column's width.
const LABEL: f64 = 290.0;
/// Characters of a title that fit the label column at 13 px.
const LABEL_CHARS: usize = 40;
/// The axis band's height.
const AXIS: f64 = 44.0;
/// A milestone's row.
const ROW: f64 = 24.0;
/// A group's heading row.
const GROUP: f64 = 28.0;
/// How far from the status date the axis reaches at most, in years.
const YEARS_BEFORE: i32 = 6;
const YEARS_AFTER: i32 = 12;

const ON_TRACK: &str = "#1f7a2e";
const AT_RISK: &str = "#a35f00";
const OFF_TRACK: &str = "#b00020";
const DONE: &str = "#5a5a5a";
const DEADLINE: &str = "#b00020";
const STATUS_DATE: &str = "#01689b";
const TODAY: &str = "#6d2077";
const RECESS: &str = "#ececec";

/// A recess of the Kamer, as the page asks for it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(in crate::web) struct Recess {
    #[serde(flatten)]
    name: crate::web::words::RecessName,
    first_day: NaiveDate,
    last_day: NaiveDate,
}

/// A milestone's global id.
#[derive(Deserialize)]
pub(in crate::web) struct Id {
    pub id: String,
}

/// What is drawn.
pub(super) struct Picture<'a> {
    /// The language of the words drawn.
    pub text: Text,
    pub groups: &'a [(String, Vec<&'a Row>)],
    pub status_date: NaiveDate,
    pub today: NaiveDate,
    pub recesses: &'a [Recess],
    pub zoom: Zoom,
    /// What each milestone's link keeps to stay in the page's as-of view (`peildatum=…`).
    pub keep: Option<&'a str>,
}

/// One entry of the legend: its mark (SVG, hidden from assistive technology: the words say it)
/// and its words.
#[derive(Serialize)]
pub(in crate::web) struct LegendItem {
    mark: String,
    label: String,
}

/// A milestone's state in words: "Gereed", "Vervallen", or the health it shows with how
/// overdue it is and a favourable judgement beside it ("Achter op schema, 12 dagen over tijd;
/// oordeel van de manager: op schema").
pub(super) fn state(text: Text, m: &Row) -> String {
    milestone_state(
        text,
        m.status,
        m.health,
        m.computed_health.health,
        m.health_overridden,
        (m.overdue, m.overdue_days),
    )
    .0
}

/// The axis: the first day drawn and pixels per day.
struct Scale {
    start: NaiveDate,
    end: NaiveDate,
    per_day: f64,
}

impl Scale {
    fn new(picture: &Picture) -> Self {
        let s = picture.status_date;
        let lowest = NaiveDate::from_ymd_opt(s.year() - YEARS_BEFORE, 1, 1).unwrap_or(s);
        let highest = NaiveDate::from_ymd_opt(s.year() + YEARS_AFTER, 12, 31).unwrap_or(s);
        let mut first = s.min(picture.today);
        let mut last = s.max(picture.today);
        for m in picture.groups.iter().flat_map(|(_, rows)| rows) {
            for day in [
                Some(m.baseline_date),
                Some(m.projected_date),
                m.effective_deadline,
            ]
            .into_iter()
            .flatten()
            {
                first = first.min(day);
                last = last.max(day);
            }
        }
        let first = first.max(lowest);
        let last = last.min(highest);
        Scale {
            start: NaiveDate::from_ymd_opt(first.year(), 1, 1).unwrap_or(first),
            end: NaiveDate::from_ymd_opt(last.year(), 12, 31).unwrap_or(last),
            per_day: match picture.zoom {
                Zoom::Quarters => QUARTER_DAY,
                Zoom::Years => YEAR_DAY,
            },
        }
    }

    /// Whether `day` is on the axis (a day outside it is drawn at its edge).
    fn shows(&self, day: NaiveDate) -> bool {
        (self.start..=self.end).contains(&day)
    }

    /// The x of the start of `day` (a day outside the axis at its edge).
    fn x(&self, day: NaiveDate) -> f64 {
        let day = day.clamp(self.start, self.end);
        LABEL + (day - self.start).num_days() as f64 * self.per_day
    }

    fn width(&self) -> f64 {
        // Room after the last day for the names of the status date and today.
        self.x(self.end) + self.per_day + 80.0
    }
}

/// The timeline of `picture` as an `<svg>` element.
pub(super) fn timeline(picture: &Picture) -> String {
    let scale = Scale::new(picture);
    let width = scale.width();
    // Each row's middle, by milestone id, for the arrows.
    let mut rows: Vec<(f64, &Row)> = Vec::new();
    let mut headings: Vec<(f64, &str, usize)> = Vec::new();
    let mut y = AXIS;
    for (name, members) in picture.groups {
        headings.push((y, name, members.len()));
        y += GROUP;
        for m in members {
            rows.push((y + ROW / 2.0, m));
            y += ROW;
        }
    }
    // Room at the foot for the names of the status date and today, one above the other.
    let height = y + 38.0;
    let drawn = rows.len();
    let text = picture.text;
    let mut svg = String::with_capacity(400 + drawn * 900);
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="koers-timeline" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" aria-labelledby="tijdlijn-naam"><title id="tijdlijn-naam">{}</title><defs><marker id="pijl" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#6b6b6b"/></marker></defs>"##,
        escape(&say!(text, "timeline-svg-title", count = drawn))
    );
    recesses(&mut svg, text, picture.recesses, &scale, height);
    axis(&mut svg, &scale, picture.zoom, height);
    for (top, name, members) in &headings {
        let _ = write!(
            svg,
            r##"<rect x="0" y="{top:.1}" width="{width:.0}" height="{GROUP}" fill="#e6eff5" fill-opacity="0.85"/><text x="8" y="{:.1}" class="koers-timeline-group">{} ({members})</text>"##,
            top + 19.0,
            escape(name)
        );
    }
    lines(&mut svg, picture, &scale, height);
    arrows(&mut svg, text, &rows, &scale);
    for (middle, m) in &rows {
        row(&mut svg, text, *middle, m, &scale, picture.keep);
    }
    svg.push_str("</svg>");
    svg
}

fn recesses(svg: &mut String, text: Text, recesses: &[Recess], scale: &Scale, height: f64) {
    for r in recesses {
        if r.last_day < scale.start || r.first_day > scale.end {
            continue;
        }
        let x = scale.x(r.first_day);
        let w = (scale.x(r.last_day) + scale.per_day - x).max(1.0);
        let _ = write!(
            svg,
            r##"<rect x="{x:.1}" y="{AXIS}" width="{w:.1}" height="{:.1}" fill="{RECESS}"><title>{}</title></rect>"##,
            height - AXIS,
            escape(&say!(
                text,
                "timeline-recess",
                name = r.name.alone(text),
                first = text.words().date(r.first_day),
                last = text.words().date(r.last_day)
            )),
        );
    }
}

fn axis(svg: &mut String, scale: &Scale, zoom: Zoom, height: f64) {
    for year in scale.start.year()..=scale.end.year() {
        let Some(jan) = NaiveDate::from_ymd_opt(year, 1, 1) else {
            continue;
        };
        let x = scale.x(jan);
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" y1="4" x2="{x:.1}" y2="{height:.1}" stroke="#9a9a9a"/><text x="{:.1}" y="17" class="koers-timeline-year">{year}</text>"##,
            x + 4.0
        );
        if zoom == Zoom::Quarters {
            for quarter in 1..=4u32 {
                let Some(first) = NaiveDate::from_ymd_opt(year, quarter * 3 - 2, 1) else {
                    continue;
                };
                let x = scale.x(first);
                if quarter > 1 {
                    let _ = write!(
                        svg,
                        r##"<line x1="{x:.1}" y1="24" x2="{x:.1}" y2="{height:.1}" stroke="#d4d4d4"/>"##
                    );
                }
                let _ = write!(
                    svg,
                    r##"<text x="{:.1}" y="37" class="koers-timeline-quarter">Q{quarter}</text>"##,
                    x + 4.0
                );
            }
        }
    }
    let _ = write!(
        svg,
        r##"<line x1="0" y1="{AXIS}" x2="{:.0}" y2="{AXIS}" stroke="#9a9a9a"/>"##,
        scale.width()
    );
}

/// The status date and today, across every row, named at the foot.
fn lines(svg: &mut String, picture: &Picture, scale: &Scale, height: f64) {
    let text = picture.text;
    let mut mark = |day: NaiveDate,
                    colour: &str,
                    name: &str,
                    dash: &str,
                    anchor: &str,
                    lift: f64| {
        let x = scale.x(day);
        let name = escape(name);
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" y1="{AXIS}" x2="{x:.1}" y2="{:.1}" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"><title>{name}: {}</title></line><text x="{x:.1}" y="{:.1}" text-anchor="{anchor}" class="koers-timeline-mark" fill="{colour}">{name}</text>"##,
            height - 32.0,
            text.words().date(day),
            height - 5.0 - lift
        );
    };
    if picture.today != picture.status_date {
        let (anchor, other) = if picture.today < picture.status_date {
            ("end", "start")
        } else {
            ("start", "end")
        };
        mark(
            picture.today,
            TODAY,
            &say!(text, "timeline-today"),
            "2 3",
            anchor,
            14.0,
        );
        mark(
            picture.status_date,
            STATUS_DATE,
            &say!(text, "timeline-status-date"),
            "6 3",
            other,
            0.0,
        );
    } else {
        mark(
            picture.status_date,
            STATUS_DATE,
            &say!(text, "timeline-status-date-today"),
            "6 3",
            "middle",
            0.0,
        );
    }
}

/// Dependencies drawn: from the predecessor's projected date to the successor's, both shown.
fn arrows(svg: &mut String, text: Text, rows: &[(f64, &Row)], scale: &Scale) {
    let at: HashMap<&str, (f64, f64, &str)> = rows
        .iter()
        .map(|(y, m)| {
            (
                m.id.as_str(),
                (scale.x(m.projected_date), *y, m.title.as_str()),
            )
        })
        .collect();
    for (y, m) in rows {
        let to = scale.x(m.projected_date);
        for p in &m.predecessors {
            let Some(&(from, from_y, title)) =
                p.predecessor.as_ref().and_then(|id| at.get(id.id.as_str()))
            else {
                continue;
            };
            let lag = crate::web::words::lag(text, p.lag_days)
                .map(|lag| format!(", {lag}"))
                .unwrap_or_default();
            let bend = 18.0;
            let _ = write!(
                svg,
                r##"<path d="M{from:.1},{from_y:.1} C{:.1},{from_y:.1} {:.1},{y:.1} {:.1},{y:.1}" fill="none" stroke="#6b6b6b" stroke-width="1" marker-end="url(#pijl)"><title>{}{lag}</title></path>"##,
                from + bend,
                to - bend,
                to - 7.0,
                escape(&say!(
                    text,
                    "timeline-waits-for",
                    milestone = m.title.as_str(),
                    predecessor = title
                )),
            );
        }
    }
}

/// One milestone's row: its title as a link, the slip from its baseline date to its projected
/// date, its deadline and its state's mark.
fn row(svg: &mut String, text: Text, middle: f64, m: &Row, scale: &Scale, keep: Option<&str>) {
    let mut state = state(text, m);
    let date = |day: NaiveDate| text.words().date(day);
    let projected = escape(&if m.status == WorkStatus::Done {
        say!(text, "timeline-reached", date = date(m.projected_date))
    } else {
        say!(text, "timeline-projected", date = date(m.projected_date))
    });
    // A date the axis does not reach is drawn at its edge: said in words, never silently.
    let show = |day: NaiveDate| (!scale.shows(day)).then(|| date(day));
    let outside: Vec<String> = [
        show(m.baseline_date).map(|d| say!(text, "timeline-outside-baseline", date = d)),
        show(m.projected_date).map(|d| say!(text, "timeline-projected", date = d)),
        m.effective_deadline
            .and_then(show)
            .map(|d| say!(text, "timeline-outside-deadline", date = d)),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !outside.is_empty() {
        state.push(' ');
        state.push_str(&say!(text, "timeline-outside", dates = outside.join(", ")));
    }
    let _ = write!(
        svg,
        r##"<a href="{}" aria-label="{}: {}, {projected}"><text x="12" y="{:.1}" class="koers-timeline-label">{}{}</text></a>"##,
        escape(&crate::web::as_of::keep(
            &crate::web::milestone::address(&m.id),
            keep
        )),
        escape(&m.title),
        escape(&state),
        middle + 4.5,
        if outside.is_empty() { "" } else { "⚠ " },
        escape(&fit(&m.title))
    );
    let base = scale.x(m.baseline_date);
    let end = scale.x(m.projected_date);
    if (end - base).abs() >= 1.0 {
        let _ = write!(
            svg,
            r##"<line x1="{base:.1}" y1="{middle:.1}" x2="{end:.1}" y2="{middle:.1}" stroke="#6b6b6b" stroke-width="2"><title>{}</title></line>"##,
            escape(&say!(
                text,
                "timeline-moved",
                from = date(m.baseline_date),
                to = date(m.projected_date)
            ))
        );
    }
    let _ = write!(
        svg,
        r##"<path d="{}" fill="#ffffff" stroke="#1b1b1b" stroke-width="1.5"><title>{}</title></path>"##,
        diamond(base, middle, 5.0),
        escape(&say!(
            text,
            "timeline-baseline",
            date = date(m.baseline_date)
        ))
    );
    if let Some(deadline) = m.effective_deadline {
        let x = scale.x(deadline);
        let _ = write!(
            svg,
            r##"<rect x="{:.1}" y="{:.1}" width="3" height="18" fill="{DEADLINE}"><title>{}</title></rect>"##,
            x - 1.5,
            middle - 9.0,
            escape(&say!(text, "timeline-deadline", date = date(deadline)))
        );
    }
    let _ = write!(
        svg,
        r##"{}<title>{}, {projected}</title></{}>"##,
        mark_open(m, end, middle),
        escape(&state),
        mark_element(m)
    );
}

/// The projected date's mark by state: a circle on track, a triangle at risk, a square off
/// track; grey when done (a circle) or cancelled (a cross).
fn mark_open(m: &Row, x: f64, y: f64) -> String {
    match (m.status, m.shown_health()) {
        (WorkStatus::Done, _) => {
            format!(r##"<circle cx="{x:.1}" cy="{y:.1}" r="6" fill="{DONE}">"##)
        }
        (WorkStatus::Cancelled, _) => format!(
            r##"<path d="M{:.1},{:.1} l10,10 m0,-10 l-10,10" stroke="{DONE}" stroke-width="2.5">"##,
            x - 5.0,
            y - 5.0
        ),
        (_, Health::OnTrack) => {
            format!(r##"<circle cx="{x:.1}" cy="{y:.1}" r="6" fill="{ON_TRACK}">"##)
        }
        (_, Health::AtRisk) => format!(
            r##"<path d="M{x:.1},{:.1} L{:.1},{:.1} L{:.1},{:.1} z" fill="{AT_RISK}">"##,
            y - 7.0,
            x + 7.0,
            y + 6.0,
            x - 7.0,
            y + 6.0
        ),
        (_, Health::OffTrack) => format!(
            r##"<rect x="{:.1}" y="{:.1}" width="12" height="12" fill="{OFF_TRACK}">"##,
            x - 6.0,
            y - 6.0
        ),
    }
}

fn mark_element(m: &Row) -> &'static str {
    match (m.status, m.shown_health()) {
        (WorkStatus::Done, _) | (_, Health::OnTrack) => "circle",
        (WorkStatus::Cancelled, _) | (_, Health::AtRisk) => "path",
        (_, Health::OffTrack) => "rect",
    }
}

fn diamond(x: f64, y: f64, r: f64) -> String {
    format!(
        "M{x:.1},{:.1} L{:.1},{y:.1} L{x:.1},{:.1} L{:.1},{y:.1} z",
        y - r,
        x + r,
        y + r,
        x - r
    )
}

/// `title` cut to the label column, with "…" where it was cut.
fn fit(title: &str) -> String {
    if title.chars().count() <= LABEL_CHARS {
        return title.to_owned();
    }
    let cut: String = title.chars().take(LABEL_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The legend, in the order a reader meets the marks.
pub(super) fn legend(text: Text) -> Vec<LegendItem> {
    let icon = |body: String| {
        format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="28" height="18" viewBox="0 0 28 18" aria-hidden="true" focusable="false">{body}</svg>"##
        )
    };
    let item = |body: String, label: String| LegendItem {
        mark: icon(body),
        label,
    };
    vec![
        item(
            format!(r##"<circle cx="14" cy="9" r="6" fill="{ON_TRACK}"/>"##),
            say!(text, "timeline-legend-on-track"),
        ),
        item(
            format!(r##"<path d="M14,2 L21,15 L7,15 z" fill="{AT_RISK}"/>"##),
            say!(text, "timeline-legend-at-risk"),
        ),
        item(
            format!(r##"<rect x="8" y="3" width="12" height="12" fill="{OFF_TRACK}"/>"##),
            say!(text, "timeline-legend-off-track"),
        ),
        item(
            format!(r##"<circle cx="14" cy="9" r="6" fill="{DONE}"/>"##),
            say!(text, "timeline-legend-done"),
        ),
        item(
            format!(r##"<path d="M9,4 l10,10 m0,-10 l-10,10" stroke="{DONE}" stroke-width="2.5"/>"##),
            say!(text, "timeline-legend-cancelled"),
        ),
        item(
            format!(
                r##"<path d="{}" fill="#ffffff" stroke="#1b1b1b" stroke-width="1.5"/>"##,
                diamond(14.0, 9.0, 5.0)
            ),
            say!(text, "timeline-legend-baseline"),
        ),
        item(
            r##"<line x1="2" y1="9" x2="26" y2="9" stroke="#6b6b6b" stroke-width="2"/>"##.to_owned(),
            say!(text, "timeline-legend-slip"),
        ),
        item(
            format!(r##"<rect x="12" y="0" width="3" height="18" fill="{DEADLINE}"/>"##),
            say!(text, "timeline-legend-deadline"),
        ),
        item(
            r##"<path d="M2,9 L20,9" stroke="#6b6b6b"/><path d="M19,5 L26,9 L19,13 z" fill="#6b6b6b"/>"##.to_owned(),
            say!(text, "timeline-legend-dependency"),
        ),
        item(
            format!(r##"<line x1="14" y1="0" x2="14" y2="18" stroke="{STATUS_DATE}" stroke-width="2" stroke-dasharray="6 3"/>"##),
            say!(text, "timeline-legend-status-date"),
        ),
        item(
            format!(r##"<line x1="14" y1="0" x2="14" y2="18" stroke="{TODAY}" stroke-width="2" stroke-dasharray="2 3"/>"##),
            say!(text, "timeline-legend-today"),
        ),
        item(
            format!(r##"<rect x="4" y="0" width="20" height="18" fill="{RECESS}" stroke="#9a9a9a"/>"##),
            say!(text, "timeline-legend-recess"),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_title_is_cut_with_an_ellipsis_and_a_short_one_kept() {
        assert_eq!(fit("Kort"), "Kort");
        let long = "Één heel lange titel van een mijlpaal die niet in de kolom past";
        let cut = fit(long);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(cut.chars().count() <= LABEL_CHARS, "{cut}");
    }
}
