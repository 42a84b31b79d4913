//! The web app's KPI page (`/kpis`, issue 17): each KPI's series per layer against its targets,
//! as a chart and as tables, whether the progress report can report it, and the quality of the
//! data sources per dimension; and the API's `Kpi.layerTotals` it shows for all governments.

use crate::support::{TestApp, kpi, programme, report_markdown};
use crate::web::{browse, page, section};
use axum::http::StatusCode;
use serde_json::json;

/// On the demo plan every KPI has its section, in the order and with the name the API gives;
/// MVOI-01's four layers are in its table and chart, held to its target; the data sources show
/// each dimension's latest score, the low ones marked.
#[tokio::test]
async fn the_kpi_page_shows_each_series_against_its_targets_on_the_demo_plan() {
    let app = TestApp::with_demo().await;
    let (status, _, html) = page(&app, "/kpis").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let kpis = app
        .ok("{ kpis(first: 100) { nodes { code name } } }", json!({}))
        .await;
    let kpis = kpis["kpis"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(kpis.len(), 11);
    let mut last = 0;
    for k in &kpis {
        let code = k["code"].as_str().unwrap_or_default();
        let name = k["name"].as_str().unwrap_or_default();
        let heading = format!("{code} {}</h2>", crate::web::escaped(name));
        let at = html.find(&heading).unwrap_or_else(|| panic!("{heading}"));
        assert!(at > last, "{code} in the API's order");
        last = at;
    }
    assert!(html.contains("11 KPI&#x27;s."), "the summary counts them");

    let mvoi01 = section(&html, "kpi-mvoi-01");
    // The measurements: a column per layer measured, a row per period; notes travel along.
    for column in ["Rijk", "Provincies", "Gemeenten", "Waterschappen"] {
        assert!(
            mvoi01.contains(&format!("scope=\"col\">{column}</th>")),
            "{column}: {mvoi01}"
        );
    }
    assert!(mvoi01.contains("scope=\"row\">2024</th>"), "{mvoi01}");
    assert!(mvoi01.contains(">82 (Demowaarde)</td>"), "{mvoi01}");
    assert!(mvoi01.contains(">61 (Demowaarde)</td>"), "{mvoi01}");
    // 2023 was measured for the Rijk only: the other layers say so.
    assert!(
        mvoi01.contains("scope=\"row\">2023</th><td class=\"utrecht-table__cell\">80</td><td class=\"utrecht-table__cell\">-</td>"),
        "{mvoi01}"
    );
    // The target, and where the Rijk stands against it (82 of 100: not reached).
    assert!(
        mvoi01.contains(
            "100 % in 2025. Ambitie Rijk: MVOI-criteria in alle relevante aanbestedingen."
        ),
        "{mvoi01}"
    );
    // 2025 has passed on 15 June 2026 without a measurement of it; 2024's is below the target.
    assert!(
        mvoi01.contains("Rijk: laatste meting 82 % (2024). Doel 100 % in 2025. Over 2025 is nog niet gemeten. De laatste meting haalt dat doel nog niet."),
        "{mvoi01}"
    );
    // No target for the provinces.
    assert!(
        mvoi01.contains("Provincies: laatste meting 74 % (2024). Geen doel voor de provincies."),
        "{mvoi01}"
    );
    // MVOI-02: 54 % in 2023 already above its target of 50 % for 2025.
    assert!(
        section(&html, "kpi-mvoi-02").contains("Rijk: laatste meting 54 % (2023). Doel 50 % in 2025. Over 2025 is nog niet gemeten. De laatste meting haalt dat doel al."),
        "{}",
        section(&html, "kpi-mvoi-02")
    );
    // The chart: named, a tooltip per measurement and per target.
    assert!(
        mvoi01.contains("role=\"img\" aria-label=\"Grafiek van MVOI-01"),
        "{mvoi01}"
    );
    assert!(
        mvoi01.contains("<title>Gemeenten: 61 % (2024)</title>"),
        "{mvoi01}"
    );
    assert!(
        mvoi01.contains("<title>Rijk: doel 100 % in 2025"),
        "{mvoi01}"
    );
    // Its source, linked to its quality below.
    assert!(
        mvoi01.contains("<a class=\"utrecht-link\" href=\"#bron-mvi-zelfevaluatietool\">MVI-zelfevaluatietool</a> (zwakste punt: compleetheid 3 van 5)"),
        "{mvoi01}"
    );
    assert!(
        html.contains("id=\"bron-mvi-zelfevaluatietool\""),
        "the source's section"
    );

    // Data-source quality per dimension: TenderNed's completeness scores 2, too low.
    let sources = &html[html.find("id=\"databronnen\"").unwrap_or(0)..];
    assert!(sources.contains("TenderNed"), "{sources}");
    assert!(
        sources.contains("scope=\"row\">Compleetheid</th><td class=\"utrecht-table__cell\"><span class=\"koers-health koers-health--achter\">2 van 5: te laag om te rapporteren</span>"),
        "{sources}"
    );
    assert!(
        sources.contains(
            "scope=\"row\">Actualiteit</th><td class=\"utrecht-table__cell\">4 van 5</td>"
        ),
        "{sources}"
    );
    assert!(
        sources.contains("Niet beoordeeld op juistheid"),
        "{sources}"
    );
}

/// The page says a KPI cannot be reported yet exactly where, and why, the progress report of
/// the same day leaves it out: one rule for both.
#[tokio::test]
async fn the_kpi_page_says_what_the_report_says_cannot_be_reported() {
    let app = TestApp::with_demo().await;
    let markdown = report_markdown(&app, "2026-06-15").await;
    let (_, _, html) = page(&app, "/kpis").await;
    let kpis = app
        .ok("{ kpis(first: 100) { nodes { code } } }", json!({}))
        .await;
    let mut blocked = 0;
    for k in kpis["kpis"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default()
    {
        let code = k["code"].as_str().unwrap_or_default();
        let anchor = format!("kpi-{}", code.to_lowercase());
        let part = section(&html, &anchor);
        let reported = markdown
            .lines()
            .any(|l| l.starts_with(&format!("| {code} ")));
        let says_blocked = part.contains("Kan nog niet in de voortgangsrapportage:");
        assert_eq!(says_blocked, !reported, "{code}: {part}\n{markdown}");
        if says_blocked {
            blocked += 1;
            // Each clause is the report's own.
            let start = part
                .find("Kan nog niet in de voortgangsrapportage: ")
                .unwrap_or(0)
                + "Kan nog niet in de voortgangsrapportage: ".len();
            let end = part[start..].find("</p>").map_or(part.len(), |e| start + e);
            for clause in part[start..end].trim_end_matches('.').split("; ") {
                let clause = clause.replace("&#x27;", "'").replace("&quot;", "\"");
                assert!(markdown.contains(&clause), "{code}: {clause}\n{markdown}");
            }
        }
    }
    assert!(blocked >= 2, "the demo has KPIs it cannot report yet");
}

/// `Kpi.layerTotals`: for a KPI whose layers add up, the sum of every period in which all
/// four layers were measured and no total was, with the qualifier of its parts; none for a
/// percentage. The page shows them as the series of all governments, marked as added up.
#[tokio::test]
async fn layer_totals_add_up_complete_periods_and_show_as_all_governments() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let jobs = app
        .ok(
            "mutation($p: ID!) { createKpi(input: { programmeId: $p, code: \"T-BANEN\", name: \"Banen\", definition: \"Aantal\", unit: \"fte\", direction: HIGHER_IS_BETTER, aggregation: SUM, level: OUTPUT, frequency: YEARLY }) { kpi { id } } }",
            json!({ "p": p }),
        )
        .await["createKpi"]["kpi"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let share = kpi(&app, &p, "T-AANDEEL", &[]).await;
    let record = |kpi: String,
                  layer: &'static str,
                  year: i32,
                  value: &'static str,
                  q: &'static str| {
        let app = &app;
        async move {
            app.ok(
                &format!("mutation($k: ID!) {{ recordMeasurement(input: {{ kpiId: $k, layer: {layer}, periodStart: \"{year}-01-01\", periodEnd: \"{year}-12-31\", value: \"{value}\", qualifier: {q} }}) {{ measurement {{ id }} }} }}"),
                json!({ "k": kpi }),
            )
            .await;
        }
    };
    for kpi in [&jobs, &share] {
        for (layer, value, q) in [
            ("RIJK", "120", "null"),
            ("PROVINCIE", "30", "AT_LEAST"),
            ("GEMEENTE", "410", "null"),
            ("WATERSCHAP", "15", "null"),
        ] {
            record(kpi.clone(), layer, 2025, value, q).await;
        }
        // 2024: the water boards are missing.
        for (layer, value) in [("RIJK", "100"), ("PROVINCIE", "20"), ("GEMEENTE", "300")] {
            record(kpi.clone(), layer, 2024, value, "null").await;
        }
        // 2023: all four, and a total measured as one, which wins.
        for layer in ["RIJK", "PROVINCIE", "GEMEENTE", "WATERSCHAP"] {
            record(kpi.clone(), layer, 2023, "10", "null").await;
        }
        record(kpi.clone(), "null", 2023, "44", "null").await;
    }
    let totals = |id: String| {
        let app = &app;
        async move {
            app.ok(
                "query($id: ID!) { kpi(id: $id) { layerTotals { period periodStart periodEnd value qualifier } } }",
                json!({ "id": id }),
            )
            .await["kpi"]["layerTotals"]
                .clone()
        }
    };
    assert_eq!(
        totals(jobs.clone()).await,
        json!([{ "period": "2025", "periodStart": "2025-01-01", "periodEnd": "2025-12-31",
                 "value": "575", "qualifier": "AT_LEAST" }])
    );
    assert_eq!(totals(share).await, json!([]), "percentages do not add up");

    app.on_day("2026-06-15");
    let (status, _, html) = page(&app, "/kpis").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let part = section(&html, "kpi-t-banen");
    assert!(part.contains("scope=\"col\">Alle overheden</th>"), "{part}");
    assert!(
        part.contains(">ten minste 575 (opgeteld over de vier lagen)</td>"),
        "{part}"
    );
    // The measured total of 2023 is shown as measured, and 2024 has no total.
    assert!(part.contains(">44</td>"), "{part}");
    assert!(!part.contains(">420"), "{part}");
    assert!(
        part.contains("Alle overheden: laatste meting ten minste 575 fte (2025, opgeteld over de vier overheidslagen). Geen doel voor alle overheden samen."),
        "{part}"
    );
    // An anonymous reader is refused where the deployment does not allow reading.
    let (status, _, _) = browse(&app, "/kpis").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

/// What the progress report does not count yet, the page does not either: a measurement of a
/// period that ends after the peildatum (a period under way) is left out of the table, the
/// chart and the standing, and the page says so; a KPI with only such a value cannot be
/// reported, as the report says. A day's view leaves out what was recorded after it.
#[tokio::test]
async fn a_period_still_under_way_does_not_count_and_a_day_shows_its_own_figures() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let k = kpi(&app, &p, "T-LOPEND", &[]).await;
    let record = |from: &'static str, to: &'static str, value: &'static str| {
        let app = &app;
        let k = k.clone();
        async move {
            app.ok(
                &format!("mutation($k: ID!) {{ recordMeasurement(input: {{ kpiId: $k, layer: RIJK, periodStart: \"{from}\", periodEnd: \"{to}\", value: \"{value}\" }}) {{ measurement {{ id }} }} }}"),
                json!({ "k": k }),
            )
            .await;
        }
    };
    record("2026-01-01", "2026-12-31", "77").await;
    app.on_day("2026-06-15");
    let (_, _, html) = page(&app, "/kpis").await;
    let part = section(&html, "kpi-t-lopend");
    assert!(!part.contains(">77<"), "not in the table: {part}");
    assert!(!part.contains("laatste meting"), "{part}");
    assert!(
        part.contains("1 meting over een periode die na de peildatum eindigt, telt nog niet mee."),
        "{part}"
    );
    assert!(
        part.contains("Kan nog niet in de voortgangsrapportage: er is nog geen meting."),
        "{part}"
    );
    let markdown = report_markdown(&app, "2026-06-15").await;
    assert!(
        !markdown.lines().any(|l| l.starts_with("| T-LOPEND ")),
        "{markdown}"
    );

    // 2025's value, recorded on 15 June as 70 and corrected to 72 on 20 June: the view of 16
    // June has the value of then, today's the corrected one.
    let id = app
        .ok(
            "mutation($k: ID!) { recordMeasurement(input: { kpiId: $k, layer: RIJK, periodStart: \"2025-01-01\", periodEnd: \"2025-12-31\", value: \"70\" }) { measurement { id version } } }",
            json!({ "k": k }),
        )
        .await["recordMeasurement"]["measurement"]
        .clone();
    app.on_day("2026-06-20");
    app.ok(
        "mutation($id: ID!, $v: Int!) { updateMeasurement(input: { id: $id, version: $v, value: \"72\" }) { measurement { value } } }",
        json!({ "id": id["id"], "v": id["version"] }),
    )
    .await;
    let (_, _, html) = page(&app, "/kpis?peildatum=2026-06-16").await;
    let part = section(&html, "kpi-t-lopend");
    assert!(part.contains("Rijk: laatste meting 70 % (2025)."), "{part}");
    assert!(!part.contains(">72<"), "{part}");
    let (_, _, html) = page(&app, "/kpis").await;
    let part = section(&html, "kpi-t-lopend");
    assert!(part.contains("Rijk: laatste meting 72 % (2025)."), "{part}");
}
