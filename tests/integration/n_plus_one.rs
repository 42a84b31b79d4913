//! No N+1: a nested query runs the same number of SQL statements whatever the page size.

use crate::support::{TestApp, kpi, milestone, programme};
use serde_json::json;

const NESTED: &str = "query($n: Int!) { milestones(first: $n) { edges { node { title phase { name } owner { name }
    kpis { code latestMeasurement { value } measurements(first: 3) { value } targets { value } dataSources { name } }
    tasks { title unblocks { code } } predecessors { lagDays predecessor { title } } successors { successor { title } }
    commitments { number } } } } }";

#[tokio::test]
async fn nested_milestone_query_runs_a_fixed_number_of_statements() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let phase = app
        .ok("mutation($p: ID!) { createPhase(input: { programmeId: $p, number: 3, name: \"Fase 3\", plannedStart: \"2025-06-01\", plannedEnd: \"2026-12-31\" }) { phase { id } } }", json!({ "p": p }))
        .await["createPhase"]["phase"]["id"]
        .clone();
    let mut kpis = Vec::new();
    for i in 0..5 {
        let k = kpi(&app, &p, &format!("K{i}"), &[]).await;
        for year in 2020..2024 {
            app.ok(
                "mutation($k: ID!, $s: Date!, $e: Date!) { recordMeasurement(input: { kpiId: $k, periodStart: $s, periodEnd: $e, value: \"1.5\" }) { measurement { id } } }",
                json!({ "k": k, "s": format!("{year}-01-01"), "e": format!("{year}-12-31") }),
            )
            .await;
        }
        app.ok("mutation($k: ID!) { createKpiTarget(input: { kpiId: $k, year: 2027, value: \"90\" }) { target { id } } }", json!({ "k": k })).await;
        kpis.push(k);
    }
    let mut previous: Option<String> = None;
    for i in 0..100 {
        let m = milestone(
            &app,
            &p,
            &format!("Mijlpaal {i}"),
            Some("RIJK"),
            &format!("2026-{:02}-01", i % 12 + 1),
        )
        .await;
        app.ok("mutation($m: ID!, $f: ID!) { updateMilestone(input: { id: $m, version: 1, phaseId: $f }) { status } }", json!({ "m": m, "f": phase })).await;
        app.ok("mutation($m: ID!, $k: ID!) { linkMilestoneKpi(input: { milestoneId: $m, kpiId: $k }) { changed } }", json!({ "m": m, "k": kpis[i % 5] })).await;
        if let Some(prev) = &previous {
            app.ok("mutation($p: ID!, $s: ID!) { addMilestoneDependency(input: { predecessorId: $p, successorId: $s }) { dependency { lagDays } } }", json!({ "p": prev, "s": m })).await;
        }
        previous = Some(m);
    }

    let mut counts = Vec::new();
    for n in [5, 20, 100] {
        let before = app.statements();
        let data = app.ok(NESTED, json!({ "n": n })).await;
        assert_eq!(
            data["milestones"]["edges"].as_array().map(Vec::len),
            Some(n as usize)
        );
        counts.push(app.statements() - before);
    }
    assert_eq!(
        counts[0], counts[2],
        "statements for 5, 20, 100 milestones: {counts:?}"
    );
    assert_eq!(
        counts[1], counts[2],
        "statements for 5, 20, 100 milestones: {counts:?}"
    );
    assert!(counts[2] <= 16, "one statement per relation: {counts:?}");
}
