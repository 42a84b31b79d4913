//! The words of the report's pictures: the timeline's legend, caption and description, and a
//! KPI chart's target line and description (the alternative texts of PDF/UA and the SVG titles).

use crate::service::reports::document::words::{Language, Words};

/// The words of the report's pictures ([`Words::picture_words`]).
pub struct PictureWords {
    /// The baseline's mark: "oorspronkelijke datum".
    pub original: &'static str,
    /// A done milestone's colour: "gereed".
    pub done: &'static str,
    /// A hard deadline's mark: "uiterste datum".
    pub deadline: &'static str,
    /// The recess bands: "reces".
    pub recess: &'static str,
    /// The peildatum's line: "peildatum".
    pub peildatum: &'static str,
    /// A chart's target line: "doel".
    pub target: &'static str,
}

impl Words {
    /// The words the report's pictures print: the timeline's legend and a chart's target line.
    pub fn picture_words(self) -> PictureWords {
        match self.language() {
            Language::Nl => PictureWords {
                original: "oorspronkelijke datum",
                done: "gereed",
                deadline: "uiterste datum",
                recess: "reces",
                peildatum: "peildatum",
                target: "doel",
            },
            Language::En => PictureWords {
                original: "original date",
                done: "done",
                deadline: "deadline",
                recess: "recess",
                peildatum: "reference date",
                target: "target",
            },
        }
    }

    /// What a KPI chart shows, as its alternative text (PDF/UA, the SVG's `<title>`): the series,
    /// its unit, every value with its qualifier and period, and the target line.
    /// E.g. "MVOI-04 in Mton CO₂-eq: ten minste 5,2 (2022) en ten minste 6,8 (2024); doel 8."
    /// (Content frozen before values were written gives each value with its period's end year.)
    pub fn chart_description(
        self,
        chart: &crate::service::reports::document::content::KpiChart,
    ) -> String {
        use chrono::Datelike;
        let values: Vec<String> = if chart.values.len() == chart.points.len() {
            chart.values.iter().map(|v| v.text.clone()).collect()
        } else {
            chart
                .points
                .iter()
                .map(|(day, v)| format!("{} in {}", self.number(&v.to_string()), day.year()))
                .collect()
        };
        let target = chart.target.map(|t| match self.language() {
            Language::Nl => format!("; doel {}", self.number(&t.to_string())),
            Language::En => format!("; target {}", self.number(&t.to_string())),
        });
        format!(
            "{} in {}: {}{}.",
            chart.code,
            chart.unit,
            self.enumerate(&values),
            target.unwrap_or_default()
        )
    }

    /// What the timeline shows, as its alternative text: the span drawn and how to read it; the
    /// milestone tables under it give the same dates in words.
    pub fn timeline_description(
        self,
        timeline: &crate::service::reports::document::content::Timeline,
    ) -> String {
        let (from, to) = timeline.window();
        match self.language() {
            Language::Nl => format!(
                "Tijdlijn van de mijlpalen per overheidslaag van {} tot {}: per mijlpaal de \
                 oorspronkelijke datum (ruit), de huidige datum (stip in de kleur van de status) \
                 en een uiterste datum (streep), met de recesperiodes en de peildatum. De tabellen \
                 hieronder geven dezelfde datums.",
                self.date(from),
                self.date(to)
            ),
            Language::En => format!(
                "Timeline of the milestones per government layer from {} to {}: for each \
                 milestone the original date (diamond), the current date (dot in the colour of its \
                 health) and a hard deadline (bar), with the recesses and the reference date. The \
                 tables below give the same dates.",
                self.date(from),
                self.date(to)
            ),
        }
    }

    /// The timeline's caption: its span, and how many milestones lie outside it (they are in
    /// the tables only): "Tijdlijn, 15 juni 2025 tot 15 juni 2027; 5 mijlpalen buiten deze
    /// periode staan alleen in de tabellen."
    pub fn timeline_caption(
        self,
        timeline: &crate::service::reports::document::content::Timeline,
    ) -> String {
        let (from, to) = timeline.window();
        let outside = timeline
            .rows
            .iter()
            .flat_map(|(_, items)| items)
            .filter(|i| !timeline.shows(i))
            .count();
        let (from, to) = (self.date(from), self.date(to));
        match (outside, self.language()) {
            (0, Language::Nl) => format!("Tijdlijn, {from} tot {to}."),
            (0, Language::En) => format!("Timeline, {from} to {to}."),
            (1, Language::Nl) => format!(
                "Tijdlijn, {from} tot {to}; één mijlpaal buiten deze periode staat alleen in de tabellen."
            ),
            (n, Language::Nl) => format!(
                "Tijdlijn, {from} tot {to}; {} mijlpalen buiten deze periode staan alleen in de tabellen.",
                self.count_word(n)
            ),
            (1, Language::En) => format!(
                "Timeline, {from} to {to}; one milestone outside this span is in the tables only."
            ),
            (n, Language::En) => format!(
                "Timeline, {from} to {to}; {} milestones outside this span are in the tables only.",
                self.count_word(n)
            ),
        }
    }
}
