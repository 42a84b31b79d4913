//! The words of the KPI table: values with their periods, nulmeting, target, trend, sources,
//! and why a KPI cannot be reported yet.

use crate::service::reports::document::content::ChartValue;
use crate::service::reports::document::facts::{Blocker, SourceQuality, Trend};
use crate::service::reports::document::words::{Language, Words};
use entity::{GovernmentLayer, kpi_measurement};

impl Words {
    /// What keeps a KPI from being reported, as a clause: "de compleetheid van TenderNed scoort
    /// 2 van 5", "de taak „…” is nog niet gereed (gepland 30 september 2026)", "er is nog geen
    /// meting".
    pub fn blocker(self, blocker: &Blocker) -> String {
        match (blocker, self.language()) {
            (Blocker::Quality(source, d, score), Language::Nl) => format!(
                "de {} van {source} scoort {}",
                self.dimension(*d),
                self.score(*score)
            ),
            (Blocker::Quality(source, d, score), Language::En) => format!(
                "the {} of {source} scores {}",
                self.dimension(*d),
                self.score(*score)
            ),
            (Blocker::Task(title, due, overdue), Language::Nl) => format!(
                "de taak {} is nog niet gereed (gepland {}{})",
                self.quote(title),
                self.date(*due),
                if *overdue { ", over tijd" } else { "" }
            ),
            (Blocker::Task(title, due, overdue), Language::En) => format!(
                "the task {} is not done yet (due {}{})",
                self.quote(title),
                self.date(*due),
                if *overdue { ", overdue" } else { "" }
            ),
            (Blocker::NoMeasurement, Language::Nl) => "er is nog geen meting".to_owned(),
            (Blocker::NoMeasurement, Language::En) => "there is no measurement yet".to_owned(),
        }
    }

    /// A KPI's data sources with their weakest dimension: "TenderNed (compleetheid 2 van 5)";
    /// that none is recorded.
    pub fn sources(self, sources: &[SourceQuality]) -> String {
        if sources.is_empty() {
            return match self.language() {
                Language::Nl => "geen bron vastgelegd",
                Language::En => "no source recorded",
            }
            .to_owned();
        }
        let named: Vec<String> = sources
            .iter()
            .map(|s| match (s.weakest, self.language()) {
                (Some((d, score)), _) => {
                    format!("{} ({} {})", s.name, self.dimension(d), self.score(score))
                }
                (None, Language::Nl) => format!("{} (kwaliteit niet beoordeeld)", s.name),
                (None, Language::En) => format!("{} (quality not assessed)", s.name),
            })
            .collect();
        named.join("; ")
    }

    /// A measured value of a series with its unit and period: "ten minste 6,8 Mton (2024)"; a
    /// total the layers add up to (computed, `id` 0) says so.
    pub fn kpi_value(self, m: &kpi_measurement::Model, unit: &str) -> String {
        let summed = match (m.id, self.language()) {
            (0, Language::Nl) => ", opgeteld over de vier overheidslagen",
            (0, Language::En) => ", the sum of the four government layers",
            _ => "",
        };
        format!(
            "{} {unit} ({}{summed})",
            self.measured(&m.value, m.qualifier),
            self.period(m.period_start, m.period_end)
        )
    }

    /// A series' latest value as the KPI table gives it: [`Words::kpi_value`], and the
    /// measurement's note as a sentence of its own ("82 % (2024). Demowaarde."), so a value's
    /// caveat (provisional, invented for a demo) travels with it.
    pub fn realised(self, m: &kpi_measurement::Model, unit: &str) -> String {
        with_note(self.kpi_value(m, unit), m.note.as_deref())
    }

    /// A recorded measurement in the changes since the previous report: "82 % (2024,
    /// Rijk)": the layer measured, so a layer's value never passes for the whole.
    pub fn measurement(self, m: &kpi_measurement::Model, unit: &str) -> String {
        let whose = match m.layer {
            Some(_) => format!(", {}", self.layer(m.layer)),
            None => String::new(),
        };
        format!(
            "{} {unit} ({}{whose})",
            self.measured(&m.value, m.qualifier),
            self.period(m.period_start, m.period_end)
        )
    }

    /// A point of a KPI chart: its label with the qualifier's sign ("≥ 6,8", "≤ 5", "≈ 12") and
    /// its words with the period ("ten minste 6,8 (2024)").
    pub fn chart_value(self, m: &kpi_measurement::Model) -> ChartValue {
        use entity::MeasurementQualifier::*;
        let sign = match m.qualifier {
            Some(AtLeast) => "\u{2265} ",
            Some(AtMost) => "\u{2264} ",
            Some(Estimate) => "\u{2248} ",
            None => "",
        };
        ChartValue {
            label: format!("{sign}{}", self.exact(&m.value)),
            text: format!(
                "{} ({})",
                self.measured(&m.value, m.qualifier),
                self.period(m.period_start, m.period_end)
            ),
        }
    }

    /// A series' nulmeting: the KPI's own ("482.754 ton CO₂-eq in 2019"), or its first
    /// measurement ("80 % (2023), eerste meting"), or "-".
    pub fn kpi_baseline(
        self,
        own: Option<(&entity::Exact, &str, &str)>,
        first: Option<&str>,
    ) -> String {
        match (own, first, self.language()) {
            (Some((value, unit, period)), _, _) => {
                format!("{} {unit} in {period}", self.exact(value))
            }
            (None, Some(first), Language::Nl) => format!("{first}, eerste meting"),
            (None, Some(first), Language::En) => format!("{first}, first measurement"),
            (None, None, _) => "-".to_owned(),
        }
    }

    /// How the latest value compares with the one before; "-" for a first measurement.
    pub fn trend(self, trend: Option<Trend>) -> String {
        match (trend, self.language()) {
            (None, _) => "-",
            (Some(Trend::Same), Language::Nl) => "gelijk aan de vorige meting",
            (Some(Trend::Same), Language::En) => "the same as the previous measurement",
            (Some(Trend::Better), Language::Nl) => "beter dan de vorige meting",
            (Some(Trend::Better), Language::En) => "better than the previous measurement",
            (Some(Trend::Worse), Language::Nl) => "slechter dan de vorige meting",
            (Some(Trend::Worse), Language::En) => "worse than the previous measurement",
            (Some(Trend::Unknown), Language::Nl) => {
                "niet vast te stellen: een van beide metingen is een grenswaarde"
            }
            (Some(Trend::Unknown), Language::En) => "cannot be told: a measurement is a bound",
        }
        .to_owned()
    }

    /// A series' target with its year and note ("100 % in 2026. Voorlopige streefwaarde."), or
    /// "geen doel vastgesteld".
    pub fn kpi_target(self, target: Option<(&entity::Exact, &str, i32, Option<&str>)>) -> String {
        match (target, self.language()) {
            (Some((value, unit, year, note)), _) => {
                with_note(format!("{} {unit} in {year}", self.exact(value)), note)
            }
            (None, Language::Nl) => "geen doel vastgesteld".to_owned(),
            (None, Language::En) => "no target set".to_owned(),
        }
    }

    /// The series of a KPI table row: a layer, or "Alle overheden".
    pub fn series(self, layer: Option<GovernmentLayer>) -> String {
        match (layer, self.language()) {
            (Some(_), _) => self.layer(layer).to_owned(),
            (None, Language::Nl) => "Alle overheden".to_owned(),
            (None, Language::En) => "All governments".to_owned(),
        }
    }
}

/// `text`, and `note` (trimmed, when there is one) as a sentence after it.
fn with_note(text: String, note: Option<&str>) -> String {
    match note.map(str::trim).filter(|n| !n.is_empty()) {
        Some(note) => format!(
            "{text}. {}",
            crate::service::reports::document::words::full_stop(
                &crate::service::reports::document::words::sentence(note)
            )
        ),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::reports::document::content::KpiChart;
    use entity::MeasurementQualifier::AtLeast;

    fn measured(
        year: i32,
        value: &str,
        qualifier: Option<entity::MeasurementQualifier>,
    ) -> kpi_measurement::Model {
        let day = |m, d| chrono::NaiveDate::from_ymd_opt(year, m, d).unwrap_or_default();
        kpi_measurement::Model {
            id: 1,
            kpi_id: 1,
            period_start: day(1, 1),
            period_end: day(12, 31),
            layer: None,
            value: entity::Exact(value.parse().unwrap_or_default()),
            qualifier,
            data_source_id: None,
            note: None,
            version: 1,
            created_at: chrono::DateTime::default(),
            updated_at: chrono::DateTime::default(),
            deleted_at: None,
        }
    }

    #[test]
    fn a_charts_values_keep_their_qualifiers_and_periods() {
        let nl = Words::from(Language::Nl);
        let (a, b) = (
            measured(2022, "5.2", Some(AtLeast)),
            measured(2024, "6.8", None),
        );
        assert_eq!(nl.chart_value(&a).label, "\u{2265} 5,2");
        assert_eq!(nl.chart_value(&a).text, "ten minste 5,2 (2022)");
        assert_eq!(nl.chart_value(&b).label, "6,8");
        let chart = KpiChart {
            code: "MVOI-04".into(),
            unit: "Mton".into(),
            points: vec![(a.period_end, 5.2), (b.period_end, 6.8)],
            target: Some(8.0),
            values: vec![nl.chart_value(&a), nl.chart_value(&b)],
        };
        assert_eq!(
            nl.chart_description(&chart),
            "MVOI-04 in Mton: ten minste 5,2 (2022) en 6,8 (2024); doel 8."
        );
        let en = Words::from(Language::En);
        assert_eq!(en.chart_value(&a).text, "at least 5.2 (2022)");
        // Content frozen before values were written: the numbers with their years.
        let frozen = KpiChart {
            values: Vec::new(),
            ..chart
        };
        assert_eq!(
            nl.chart_description(&frozen),
            "MVOI-04 in Mton: 5,2 in 2022 en 6,8 in 2024; doel 8."
        );
    }
}
