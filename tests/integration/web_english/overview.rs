//! The overview page in English.

use super::in_english_as;
use crate::support::{TestApp, milestone, programme};
use crate::web::section;
use axum::http::StatusCode;
use serde_json::json;

/// My overview on the demo plan in English: its headings, labels, dates, healths, the
/// commitments' states and the deadlines until the recess are koers's English; the plan's own
/// text (titles, the deadline as promised) stays as written.
#[tokio::test]
async fn the_overview_reads_in_english() {
    let app = TestApp::with_demo().await;
    let (status, html) = in_english_as(&app, &app.token, "/").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("<html lang=\"en\""), "{html}");
    assert!(
        html.contains("<h1 class=\"utrecht-heading-1\">My overview</h1>"),
        "{html}"
    );
    assert!(
        html.contains(
            "The whole programme, as at <strong>15 June 2026</strong> (the status date)."
        ),
        "{html}"
    );
    assert!(html.contains(">Government layer</label>"), "{html}");
    assert!(html.contains(">All layers</option>"), "{html}");

    let attention = section(&html, "aandacht");
    assert!(
        attention.contains(">What needs attention</h2>"),
        "{attention}"
    );
    assert!(
        attention.contains(">Milestone</th>")
            && attention.contains(">Health and reason</th>")
            && attention.contains(">Projected</th>")
            && attention.contains(">Deadline</th>"),
        "{attention}"
    );
    assert!(
        attention.contains(">Off track</span>") && attention.contains("overdue"),
        "{attention}"
    );
    assert!(
        attention.contains("(manager&#x27;s judgement)"),
        "{attention}"
    );

    let commitments = section(&html, "toezeggingen");
    assert!(
        commitments.contains(">Commitments to the Kamer</h2>")
            && commitments.contains("One commitment has been fulfilled.")
            && commitments.contains("voor het zomerreces 2026 (2 July 2026)"),
        "{commitments}"
    );

    let deadlines = section(&html, "termijnen");
    assert!(
        deadlines.contains(">Deadlines</h2>")
            && deadlines.contains(">Until the next recess</h3>")
            && deadlines.contains(
                "The next recess is the summer recess 2026 (3 July 2026 to 31 August 2026)."
            )
            && deadlines.contains("2 July 2026: "),
        "{deadlines}"
    );
    assert!(html.contains(">What others changed</h2>"), "{html}");

    // None of the page's own Dutch.
    for dutch in [
        "Mijn overzicht</h1>",
        "Wat aandacht vraagt",
        "Overheidslaag",
        "Alle lagen",
        "Achter op schema",
        "oordeel van de manager",
        "over tijd",
        "dagen",
        "15 juni 2026",
        "2 juli 2026",
        "Toezeggingen aan de Kamer",
        "toezegging is nagekomen",
        "Termijnen",
        "Het volgende reces",
        "tot en met",
        "(de peildatum)",
        "Wat anderen veranderden",
    ] {
        assert!(!html.contains(dutch), "{dutch} in {html}");
    }
}

/// One layer in English: the title and scope name it in English, and an unknown layer is an
/// English 400 page.
#[tokio::test]
async fn the_overview_of_one_layer_reads_in_english() {
    let app = TestApp::with_demo().await;
    let (status, html) = in_english_as(&app, &app.token, "/?laag=gemeente").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("<title>My overview · Municipalities · koers</title>"),
        "{html}"
    );
    assert!(
        html.contains("<option value=\"gemeente\" selected>Municipalities</option>"),
        "{html}"
    );
    assert!(
        html.contains("Municipalities and the joint milestones, as at"),
        "{html}"
    );
    let (status, html) = in_english_as(&app, &app.token, "/?laag=gemeentes-en-zo").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        html.contains("Unknown government layer") && !html.contains("Onbekende overheidslaag"),
        "{html}"
    );
}

/// "What others changed" in English: the summary, how a changed milestone touches the
/// reader's layer, who changed it when, and the reason given (as typed, between English
/// quotes).
#[tokio::test]
async fn what_others_changed_reads_in_english() {
    let app = TestApp::new().await;
    app.on_day("2026-05-20");
    let p = programme(&app).await;
    let rijk = milestone(
        &app,
        &p,
        "Landelijke bron klaar",
        Some("RIJK"),
        "2026-09-01",
    )
    .await;
    let mine = milestone(
        &app,
        &p,
        "Gemeentelijke monitor",
        Some("GEMEENTE"),
        "2026-10-01",
    )
    .await;
    app.ok(
        "mutation($p: ID!, $s: ID!) { addMilestoneDependency(input: { predecessorId: $p, successorId: $s }) { dependency { lagDays } } }",
        json!({ "p": rijk, "s": mine }),
    )
    .await;
    let manager = app
        .token(
            "Marieke (gemeenten)",
            entity::Role::LayerManager,
            Some(entity::GovernmentLayer::Gemeente),
        )
        .await;
    let piet = app
        .token("Piet", entity::Role::ProgrammeManager, None)
        .await;
    app.on_day("2026-06-10");
    let version = app
        .ok(
            "query($id: ID!) { milestone(id: $id) { version } }",
            json!({ "id": rijk }),
        )
        .await["milestone"]["version"]
        .clone();
    let moved = app
        .gql_as(
            &piet,
            "mutation($i: UpdateMilestoneInput!) { updateMilestone(input: $i) { milestone { id } } }",
            json!({ "i": { "id": rijk, "version": version, "plannedDate": "2026-10-15", "changeReason": "Leverancier later" } }),
        )
        .await;
    assert!(moved.get("errors").is_none(), "{moved}");

    app.on_day("2026-06-12");
    let (status, html) = in_english_as(&app, &manager, "/").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let changes = section(&html, "wijzigingen");
    assert!(
        changes.contains("Changes by others to the milestones of the municipalities (with the joint ones) and to the milestones they wait for, in the 14 days up to and including 12 June 2026: 1 milestone."),
        "{changes}"
    );
    assert!(
        changes.contains("Predecessor of your milestone “Gemeentelijke monitor”"),
        "{changes}"
    );
    assert!(
        changes.contains("by Piet on 10 June 2026")
            && changes.contains("Reason given: “Leverancier later”"),
        "{changes}"
    );
    for dutch in [
        "Wat anderen",
        "Voorganger",
        "uw mijlpaal",
        "door Piet",
        "Toelichting",
        "„",
    ] {
        assert!(!changes.contains(dutch), "{dutch} in {changes}");
    }
}
