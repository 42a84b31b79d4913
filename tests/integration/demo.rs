//! The demo plan: complete enough to show the product, and loaded only once.

use crate::support::TestApp;
use serde_json::{Value, json};

#[tokio::test]
async fn loading_the_demo_twice_does_not_duplicate_it() {
    let app = TestApp::new().await;
    assert!(app.load_demo().await);
    let tables = [
        "programme",
        "phase",
        "milestone",
        "kpi",
        "kpi_measurement",
        "recess_period",
        "change_record",
    ];
    let mut before = Vec::new();
    for t in tables {
        before.push(app.count(t).await);
    }
    assert!(!app.load_demo().await, "second load does nothing");
    for (t, n) in tables.iter().zip(before) {
        assert_eq!(app.count(t).await, n, "{t} changed on the second load");
    }
}

#[tokio::test]
async fn demo_plan_covers_what_domain_md_asks_for() {
    let app = TestApp::with_demo().await;
    let data = app
        .ok(
            "{ programmes { edges { node { name phases { number } } } }
               milestones(first: 100) { totalCount edges { node { layer status health baselineDate plannedDate forecastDate } } }
               kpis(first: 100) { totalCount edges { node { code targets { year } measurements { value } } } }
               dataSources(first: 100) { edges { node { name assessments { dimension score } } } }
               dataInfraTasks(first: 100) { edges { node { unblocks { code } } } }
               recessPeriods(first: 100) { totalCount }
               commitments { edges { node { number deadlineDate deadlineText status milestones { title } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        data["programmes"]["edges"][0]["node"]["name"],
        "Regie op de monitoring van MVOI"
    );
    assert_eq!(
        data["programmes"]["edges"][0]["node"]["phases"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
    let milestones: Vec<_> = data["milestones"]["edges"]
        .as_array()
        .expect("milestones")
        .iter()
        .map(|e| &e["node"])
        .collect();
    assert!(milestones.len() >= 14);
    for layer in ["RIJK", "PROVINCIE", "GEMEENTE", "WATERSCHAP"] {
        assert!(
            milestones.iter().any(|m| m["layer"] == layer),
            "no {layer} milestone"
        );
    }
    assert!(
        milestones.iter().any(|m| m["layer"].is_null()),
        "no joint milestone"
    );
    assert!(
        milestones.iter().any(|m| m["health"] == "AT_RISK"),
        "no milestone at risk"
    );
    let slipped = milestones.iter().any(|m| {
        let later = m["forecastDate"]
            .as_str()
            .or(m["plannedDate"].as_str())
            .unwrap_or_default();
        later > m["baselineDate"].as_str().unwrap_or_default()
    });
    assert!(slipped, "no milestone slipped against its baseline");
    let kpis = data["kpis"]["edges"].as_array().expect("kpis");
    assert!(kpis.len() >= 10);
    assert!(kpis.iter().all(
        |k| !k["node"]["targets"].as_array().expect("targets").is_empty()
            || !k["node"]["measurements"].as_array().expect("m").is_empty()
    ));
    let poor = data["dataSources"]["edges"]
        .as_array()
        .expect("sources")
        .iter()
        .any(|s| {
            s["node"]["assessments"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|a| a["score"] == 2 && a["dimension"] == "COMPLETENESS")
        });
    assert!(poor, "TenderNed completeness 2/5 is missing");
    assert!(
        data["dataInfraTasks"]["edges"]
            .as_array()
            .expect("tasks")
            .iter()
            .any(|t| !t["node"]["unblocks"].as_array().expect("u").is_empty()),
        "no task gates a KPI"
    );
    assert_eq!(data["recessPeriods"]["totalCount"], 14);
    let commitment = data["commitments"]["edges"]
        .as_array()
        .expect("commitments")
        .iter()
        .map(|e| &e["node"])
        .find(|c| c["number"] == "TZ202504-057")
        .expect("the summer-recess commitment");
    assert_eq!(commitment["deadlineDate"], "2026-07-02");
    assert_eq!(commitment["deadlineText"], "voor het zomerreces 2026");
    assert_eq!(commitment["status"], "OPEN");
    assert!(
        commitment["milestones"][0]["title"]
            .as_str()
            .unwrap_or_default()
            .contains("Kamerbrief")
    );
}

/// The demo plan at its own status date (15 June 2026) and at 30 November 2026: overdue,
/// missed and health as a programme manager would read them.
#[tokio::test]
async fn the_demo_plan_at_15_june_and_30_november_2026() {
    let app = TestApp::with_demo().await;
    let q = "{ statusDate commitmentsAtRisk { state daysLate needsPostponementLetter commitment { number } rootCause { title } } milestones(first: 100) { edges { node { title layer overdue overdueDays health healthReason projectedDate } } } overdue: milestones(filter: { overdue: true }) { totalCount } }";
    let find = |data: &Value, prefix: &str| -> Value {
        data["milestones"]["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .map(|e| e["node"].clone())
            .find(|n| n["title"].as_str().is_some_and(|t| t.starts_with(prefix)))
            .expect("milestone")
    };

    app.on_day("2026-06-15");
    let june = app.ok(q, json!({})).await;
    assert_eq!(june["statusDate"], "2026-06-15");
    assert_eq!(
        june["overdue"]["totalCount"], 0,
        "nothing overdue in mid-June"
    );
    let risk = &june["commitmentsAtRisk"][0];
    assert_eq!(risk["commitment"]["number"], "TZ202504-057");
    assert_eq!(risk["state"], "AT_RISK");
    assert_eq!(risk["daysLate"], 0);
    assert_eq!(find(&june, "Kamerbrief voortgang")["health"], "AT_RISK");

    app.on_day("2026-11-30");
    let november = app.ok(q, json!({})).await;
    assert_eq!(november["statusDate"], "2026-11-30");
    // Eight open milestones whose own date has passed.
    assert_eq!(november["overdue"]["totalCount"], 8);
    let water = find(&november, "KPI's gekoppeld aan de klimaatmonitor");
    assert_eq!(water["layer"], "WATERSCHAP");
    assert_eq!(water["overdueDays"], 61);
    assert_eq!(water["health"], "OFF_TRACK");
    assert_eq!(water["projectedDate"], "2026-11-30");
    let province = find(&november, "Provinciale inkoopmonitoring");
    assert_eq!(province["overdueDays"], 31);
    assert_eq!(province["health"], "OFF_TRACK");
    assert_eq!(
        province["healthReason"],
        "gepland 30 oktober 2026, niet gereed: 31 dagen over tijd"
    );
    let letter = find(&november, "Kamerbrief voortgang");
    assert_eq!(letter["overdueDays"], 151);
    assert_eq!(
        letter["projectedDate"], "2026-12-07",
        "after the consultation, 7 days"
    );
    let risk = &november["commitmentsAtRisk"][0];
    assert_eq!(risk["commitment"]["number"], "TZ202504-057");
    assert_eq!(risk["state"], "MISSED");
    assert_eq!(risk["daysLate"], 151);
    assert_eq!(risk["needsPostponementLetter"], true);
    assert!(
        risk["rootCause"]["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("Bestuurlijk overleg")),
        "{risk}"
    );

    // The report of 30 November is the letter the summer-recess commitment waits for: it
    // answers it late and says so (the deadline passed; no postponement letter can help), and
    // does not expect the letter in the past.
    let markdown = crate::support::report_markdown(&app, "2026-11-30").await;
    assert!(!markdown.contains("verwacht op 2 juli 2026"), "{markdown}");
    assert!(
        markdown.contains("- Stand: Deze rapportage geeft invulling aan de toezegging. De termijn is verstreken: zij komt ten minste 151 dagen na de termijn."),
        "{markdown}"
    );
    assert!(
        markdown.contains("Deze rapportage geeft invulling aan toezegging TZ202504-057. De termijn van toezegging TZ202504-057 is verstreken: deze rapportage komt ten minste 151 dagen na de termijn. Er staan geen andere toezeggingen aan de Kamer open."),
        "{markdown}"
    );
    assert!(
        markdown.contains("Status: **achter op schema**."),
        "{markdown}"
    );
    // This report's own Kamerbrief, overdue, goes with it: how late, and nothing of the letter
    // the plan still expected after the overdue work.
    assert!(
        markdown.contains("| Kamerbrief voortgang fase 3 (voor het zomerreces 2026) | Rijk | 2 juli 2026 | met deze rapportage (peildatum 30 november 2026) | over tijd | Deze rapportage. 151 dagen later dan oorspronkelijk gepland. |"),
        "{markdown}"
    );
    assert!(!markdown.contains("158 dagen te laat"), "{markdown}");
    // Overdue work has no new date; what it pushes has its earliest.
    assert!(
        markdown.contains("| Meerjarenplan monitoring MVOI bestuurlijk vastgesteld | Gezamenlijk | 13 november 2026 | nog niet gereed (gepland 13 november 2026); op zijn vroegst 7 december 2026 | over tijd |"),
        "{markdown}"
    );
    // A forecast that passed is called one, and the manager's reason explains the slip.
    assert!(
        markdown.contains("| Bestuurlijk overleg Rijk-IPO-VNG-UvW over het meerjarenplan | Gezamenlijk | 15 april 2026 | nog niet gereed (prognose 24 juni 2026) | over tijd | 229 dagen later dan oorspronkelijk gepland en 180 dagen later dan bij de laatste herplanning. Toelichting van de beheerder: verschoven door later conceptplan"),
        "{markdown}"
    );
    assert!(
        markdown.contains("Het grootste risico ligt bij „Bestuurlijk overleg Rijk-IPO-VNG-UvW over het meerjarenplan”, met als prognose 24 juni 2026 en nog niet gereed."),
        "{markdown}"
    );
    // The coming period lists the overdue work first: it still has to be done.
    assert!(
        markdown.contains("- Bestuurlijk overleg Rijk-IPO-VNG-UvW over het meerjarenplan (over tijd, prognose 24 juni 2026, Gezamenlijk)\n- Pilot productkaarten in vijf gemeenten (VNG) afgerond (over tijd, gepland 26 juni 2026, Gemeenten)"),
        "{markdown}"
    );
    // Overdue tasks say so.
    assert!(
        markdown.contains("- MVOI-velden verplicht maken in TenderNed-aankondigingen (30 september 2026, Rijk, over tijd)"),
        "{markdown}"
    );
}
