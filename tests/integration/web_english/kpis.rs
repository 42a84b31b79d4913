//! The KPI page in English: its headings, tables, standings and chart in English, numbers with
//! a decimal point, the report's own words in English; the plan's names and notes as written.

use crate::support::TestApp;
use crate::web::{browse_with, section};
use axum::http::StatusCode;

#[tokio::test]
async fn the_kpi_page_speaks_english_when_chosen() {
    let app = TestApp::with_demo().await;
    let (status, _, html) = browse_with(
        &app,
        "/kpis",
        &[
            ("authorization", format!("Bearer {}", app.token)),
            ("cookie", "koers_taal=en".to_owned()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("<html lang=\"en\""), "{html}");
    for english in [
        "<h1 class=\"utrecht-heading-1\">KPIs</h1>",
        "11 KPIs.",
        "cannot go into the progress report yet; each KPI says why.",
        "As at <strong>15 June 2026</strong> (the status date).",
        ">On this page</h2>",
        ">Quality of the data sources</h2>",
    ] {
        assert!(html.contains(english), "{english} in {html}");
    }

    let mvoi01 = section(&html, "kpi-mvoi-01");
    for english in [
        "<dt>Unit</dt><dd>%</dd>",
        "<dt>Direction</dt><dd>Higher is better</dd>",
        "<dt>Measured</dt><dd>Yearly</dd>",
        "<dt>Data sources</dt>",
        "(weakest point: completeness 3 of 5)",
        ">Standing against the target</h3>",
        "Central government: latest measurement 82 % (2024). Target 100 % in 2025. 2025 has not been measured yet. The latest measurement does not meet that target yet.",
        "Provinces: latest measurement 74 % (2024). No target for the provinces.",
        "scope=\"col\">Period</th>",
        "scope=\"col\">Central government</th>",
        "scope=\"col\">Water boards</th>",
        ">Targets of MVOI-01, by year</caption>",
        "scope=\"col\">Year</th>",
        // The chart: its name, tooltips, status date and legend.
        "role=\"img\" aria-label=\"Chart of MVOI-01",
        "<title>Municipalities: 61 % (2024)</title>",
        "<title>Central government: target 100 % in 2025",
        "<title>Status date 15 June 2026</title>",
        ">measurement</text>",
        ">target (for that year)</text>",
        // The plan's own note, as written.
        ">82 (Demowaarde)</td>",
    ] {
        assert!(mvoi01.contains(english), "{english} in {mvoi01}");
    }
    // Numbers with a decimal point and a thousands comma.
    assert!(
        section(&html, "kpi-mvoi-03").contains("482,754 ton CO₂-eq in 2019"),
        "{}",
        section(&html, "kpi-mvoi-03")
    );
    let mvoi04 = section(&html, "kpi-mvoi-04");
    assert!(mvoi04.contains("6.8 Mton CO₂-eq in 2019-2020"), "{mvoi04}");
    assert!(mvoi04.contains("at least 6.8"), "{mvoi04}");
    assert!(
        section(&html, "kpi-mvoi-11").contains(">83.3 (Demowaarde)</td>"),
        "{}",
        section(&html, "kpi-mvoi-11")
    );
    // Why a KPI cannot be reported, in the report's English words.
    assert!(
        html.contains("Cannot go into the progress report yet: "),
        "{html}"
    );

    let sources = &html[html.find("id=\"databronnen\"").unwrap_or(0)..];
    for english in [
        "on a scale from 1 (poor) to 5 (excellent)",
        ">Dimension</th>",
        ">Assessed on</th>",
        ">Finding</th>",
        "scope=\"row\">Completeness</th><td class=\"utrecht-table__cell\"><span class=\"koers-health koers-health--achter\">2 of 5: too low to report</span>",
        "scope=\"row\">Timeliness</th><td class=\"utrecht-table__cell\">4 of 5</td>",
        "Not assessed on accuracy",
        "<dt>Updated</dt>",
        "<dt>Access</dt>",
    ] {
        assert!(sources.contains(english), "{english} in {sources}");
    }

    for dutch in [
        "Stand op",
        "peildatum)",
        "Op deze pagina",
        "Kwaliteit van de databronnen",
        "Eenheid",
        "Richting",
        "Nulmeting",
        "Alle overheden",
        "Databronnen",
        "zwakste punt",
        "laatste meting",
        "Doel ",
        ">doel",
        "Geen doel",
        "nog niet gemeten",
        "haalt dat doel",
        "Kan nog niet in de voortgangsrapportage",
        "Grafiek van",
        "Peildatum",
        ">meting</text>",
        "Gemeenten",
        "Provincies",
        "Metingen van",
        "Doelen van",
        ">Periode<",
        ">Jaar<",
        "Dimensie",
        "Beoordeeld op",
        "Bevinding",
        "te laag om te rapporteren",
        "Niet beoordeeld",
        " van 5",
        ">ten minste",
        "Bijgewerkt",
        "Toegang",
        "<dd>Jaarlijks</dd>",
        "hoger is beter",
        "juni",
        ">6,8",
        "482.754",
    ] {
        assert!(!html.contains(dutch), "{dutch} in {html}");
    }
}
