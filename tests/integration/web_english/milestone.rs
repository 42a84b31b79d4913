//! The milestone page in English.

use super::in_english;
use crate::support::{TestApp, milestone, programme};
use crate::web::{escaped, section};
use axum::http::StatusCode;
use serde_json::json;

/// `html` holds none of the page's own Dutch words.
fn no_dutch(html: &str, words: &[&str]) {
    for word in words {
        assert!(!html.contains(word), "Dutch {word:?} in {html}");
    }
}

/// A milestone's page in English: its headings, dates, health and judgement, what pushes it
/// and its lag, and its history (who changed what, old → new, field and link names, the reason
/// given) are English; the plan's own text stays as it was written.
#[tokio::test]
async fn a_milestone_page_reads_in_english() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let m = milestone(&app, &p, "Monitor live", Some("PROVINCIE"), "2026-09-01").await;
    let before = milestone(&app, &p, "Sources linked", Some("GEMEENTE"), "2026-08-25").await;
    let k = crate::support::kpi(&app, &p, "MVOI-07", &["CLIMATE"]).await;
    let v = crate::support::version(&app, &m).await;
    app.ok(
        "mutation($i: UpdateMilestoneInput!) { updateMilestone(input: $i) { milestone { id } } }",
        json!({ "i": { "id": m, "version": v, "plannedDate": "2026-10-15", "status": "IN_PROGRESS",
                       "forecastDate": "2026-10-20",
                       "healthOverride": { "health": "OFF_TRACK", "reason": "Leverancier levert later" },
                       "changeReason": "Leverancier levert later <op tijd?>" } }),
    )
    .await;
    app.ok(
        "mutation($m: ID!, $k: ID!) { linkMilestoneKpi(input: { milestoneId: $m, kpiId: $k }) { changed } }",
        json!({ "m": m, "k": k }),
    )
    .await;
    app.ok(
        "mutation($p: ID!, $s: ID!) { addMilestoneDependency(input: { predecessorId: $p, successorId: $s, lagDays: 70 }) { dependency { lagDays } } }",
        json!({ "p": before, "s": m }),
    )
    .await;

    let (status, html) = in_english(&app, &format!("/mijlpalen/{m}")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("My overview</a> › Milestone</p>"), "{html}");
    let lead = &html[html.find("koers-lead").unwrap_or(0)..];
    let lead = &lead[..lead.find("</p>").unwrap_or(lead.len())];
    assert!(lead.contains(" as at the status date, "), "{lead}");
    assert!(
        lead.contains("(manager&#x27;s judgement)")
            || lead.contains("(according to the plan; manager"),
        "{lead}"
    );
    assert!(
        html.contains(
            "<caption class=\"utrecht-table__caption\" id=\"over\">About this milestone</caption>"
        ),
        "{html}"
    );
    for (label, value) in [
        ("Government layer", "Provinces"),
        ("Type", "Delivery"),
        ("Progress", "In progress"),
    ] {
        assert!(
            html.contains(&format!(
                "scope=\"row\">{label}</th><td class=\"utrecht-table__cell\">{value}</td>"
            )),
            "{label}: {html}"
        );
    }

    let dates = section(&html, "data");
    assert!(dates.contains(">Dates</h2>"), "{dates}");
    for text in [
        "First promised (baseline)",
        "Planned</th><td class=\"utrecht-table__cell\">15 October 2026</td>",
        "Owner&#x27;s forecast</th><td class=\"utrecht-table__cell\">20 October 2026</td>",
        "Earliest possible after its predecessors",
        "(later than its own date, which therefore cannot be met)",
        "Projected (calculated)",
        "Slip since the baseline",
        "no deadline of its own",
    ] {
        assert!(dates.contains(text), "{text} in {dates}");
    }

    let health = section(&html, "stand");
    assert!(health.contains(">Health and reasons</h2>"), "{health}");
    assert!(
        health.contains("Manager&#x27;s judgement: off track, "),
        "{health}"
    );
    assert!(
        health.contains("because “Leverancier levert later”. This judgement counts."),
        "{health}"
    );
    assert!(health.contains("Calculated from the plan: "), "{health}");

    let around = section(&html, "samenhang");
    assert!(
        around.contains(">Predecessors and successors</h2>"),
        "{around}"
    );
    assert!(
        around.contains(&format!(
            "Pushed by: <a class=\"utrecht-link\" href=\"/mijlpalen/{before}\">Sources linked</a>. It determines the earliest date this milestone can be reached."
        )),
        "{around}"
    );
    for text in [
        ">Waits for</h3>",
        ">After this</h3>",
        "scope=\"col\">Milestone</th>",
        "scope=\"col\">Lag</th>",
        "scope=\"col\">Projected or achieved</th>",
        "lag of 70 days",
        "Municipalities",
        "pushes this milestone",
        "No successors.",
    ] {
        assert!(around.contains(text), "{text} in {around}");
    }

    let linked = section(&html, "verbonden");
    for text in [
        ">Commitments, KPIs, tasks and risks</h2>",
        "This milestone fulfils no commitment.",
        "MVOI-07",
        "No tasks belong to this milestone.",
        "No risks have been recorded.",
    ] {
        assert!(linked.contains(text), "{text} in {linked}");
    }

    let history = section(&html, "geschiedenis");
    for text in [
        ">History</h2>",
        "field changes recorded, newest first.",
        "Planned: 1 September 2026 → 15 October 2026",
        "Progress: planned → in progress",
        "Forecast: (empty) → 20 October 2026",
        "Manager&#x27;s judgement: (empty) → off track",
        "Reason given: “Leverancier levert later &lt;op tijd?&gt;”",
        "KPI: MVOI-07 KPI MVOI-07",
        "Linked on ",
        "Changed on ",
        "Created on ",
    ] {
        assert!(history.contains(text), "{text} in {history}");
    }
    assert!(
        history.contains(&format!(
            "Predecessor: <a class=\"utrecht-link\" href=\"/mijlpalen/{before}\">Sources linked, lag of 70 days</a>"
        )),
        "{history}"
    );
    no_dutch(
        &html,
        &[
            "Mijlpaal",
            "Geschiedenis",
            "Voorganger",
            "Opvolger",
            "dagen",
            "Gepland",
            "Verwacht",
            "Toelichting",
            "Aangemaakt",
            "Gewijzigd",
            "Gekoppeld",
            "Wachttijd",
            "wachttijd",
            "(leeg)",
            "Oordeel",
            "oordeel",
            "Termijn",
            "Speling",
            "Wordt geduwd",
            "bezig",
            "september",
            "oktober",
            "Provincies",
            "Gemeenten",
            "Berekend",
            "omdat",
            "Geen ",
            "Er zijn",
            "risico&#x27;s",
            "wijziging",
        ],
    );

    // The predecessor's page names its successor, in English.
    let (_, html) = in_english(&app, &format!("/mijlpalen/{before}")).await;
    let history = section(&html, "geschiedenis");
    assert!(
        history.contains(&format!(
            "Successor: <a class=\"utrecht-link\" href=\"/mijlpalen/{m}\">Monitor live, lag of 70 days</a>"
        )),
        "{history}"
    );
    let around = section(&html, "samenhang");
    assert!(
        around.contains(&format!(
            "This milestone pushes <a class=\"utrecht-link\" href=\"/mijlpalen/{m}\">Monitor live</a> back."
        )),
        "{around}"
    );
    assert!(around.contains("pushed by this milestone"), "{around}");
    assert!(around.contains("No predecessors."), "{around}");
    no_dutch(&html, &["Opvolger", "dagen", "geduwd", "Geen "]);

    // The Dutch page is as it was.
    let (_, _, html) = crate::web::page(&app, &format!("/mijlpalen/{m}")).await;
    let history = section(&html, "geschiedenis");
    assert!(
        history.contains("Verwachting: (leeg) → 20 oktober 2026"),
        "{history}"
    );
    assert!(
        section(&html, "stand").contains("omdat „Leverancier levert later”. Dit oordeel telt."),
        "{html}"
    );
}

/// A milestone page on the demo plan in English: the dates, every health and reason, the
/// commitments and the history, with no Dutch of the page's own; the plan's titles stay Dutch.
#[tokio::test]
async fn every_demo_milestone_page_reads_in_english() {
    let app = TestApp::with_demo().await;
    let all = app
        .ok(
            "{ milestones(first: 100) { nodes { id title plannedDate computedHealth { reasons { message(language: EN) } } } } }",
            json!({}),
        )
        .await;
    let nodes = all["milestones"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(nodes.len() > 10, "{all}");
    let mut commitments = false;
    let mut fulfilled = false;
    for m in &nodes {
        let id = m["id"].as_str().unwrap_or_default();
        let title = m["title"].as_str().unwrap_or_default();
        let (status, html) = in_english(&app, &format!("/mijlpalen/{id}")).await;
        assert_eq!(status, StatusCode::OK, "{title}: {html}");
        let planned: chrono::NaiveDate = m["plannedDate"]
            .as_str()
            .unwrap_or_default()
            .parse()
            .expect("a date");
        let day = koers::service::language::Words::new(koers::service::language::Language::En)
            .date(planned);
        assert!(section(&html, "data").contains(&day), "{title}: {day}");
        let reasons = section(&html, "stand");
        for r in m["computedHealth"]["reasons"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let message = r["message"].as_str().unwrap_or_default();
            let tail: String = message.chars().skip(1).collect();
            assert!(
                reasons.contains(&escaped(&tail)),
                "{title}: {message} in {reasons}"
            );
        }
        let linked = section(&html, "verbonden");
        commitments |= linked.contains("<th class=\"utrecht-table__header-cell\" scope=\"row\">")
            && linked.contains("Deadline ");
        // A fulfilled commitment says so once.
        fulfilled |= linked.contains(". Fulfilled.");
        assert!(
            !linked.contains("Fulfilled. Fulfilled."),
            "{title}: {linked}"
        );
        // The page's own words, never the plan's data (which is Dutch on the demo plan).
        let lead = &html[html.find("koers-lead").unwrap_or(0)..];
        let lead = &lead[..lead.find("</p>").unwrap_or(lead.len())];
        assert!(lead.contains("as at the status date, "), "{title}: {lead}");
        no_dutch(
            lead,
            &[
                "peildatum",
                "Op schema",
                "Achter op schema",
                "Risico<",
                "Gereed",
                "over tijd",
                "oordeel van de manager",
            ],
        );
        no_dutch(
            section(&html, "data"),
            &[
                "dagen",
                " dag ",
                "Gepland",
                "basisdatum",
                "Verwacht",
                "Termijn",
                "Speling",
                "te laat",
                "te kort",
                "vastgelegd",
                "nu verwacht",
                "oorspronkelijk plan",
                "geen eigen termijn",
            ],
        );
        no_dutch(
            section(&html, "geschiedenis"),
            &[
                "Aangemaakt op",
                "Gewijzigd op",
                "Toelichting",
                "(leeg)",
                "wijzigingen per veld",
            ],
        );
        no_dutch(
            section(&html, "samenhang"),
            &[
                "Wordt geduwd",
                "Wachttijd",
                "wachttijd",
                "dagen",
                "Geen voorgangers",
                "Geen opvolgers",
            ],
        );
    }
    assert!(
        commitments,
        "the demo plan has a milestone with a commitment"
    );
    assert!(
        fulfilled,
        "the demo plan has a milestone with a fulfilled commitment"
    );
}

/// An address that is no milestone is a 404 in English.
#[tokio::test]
async fn no_milestone_is_an_english_404() {
    let app = TestApp::new().await;
    let (status, html) = in_english(&app, "/mijlpalen/onzin").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{html}");
    assert!(html.contains("Milestone not found"), "{html}");
    assert!(
        html.contains("This address names no milestone koers knows."),
        "{html}"
    );
    no_dutch(&html, &["Mijlpaal niet gevonden", "Dit adres"]);
}
