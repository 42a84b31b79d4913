//! The reports page in English: its headings, the states of the reports, the kinds of their
//! documents with sizes in English figures, and its dates in English; the report's own title
//! as it was written.

use super::english;
use crate::support::TestApp;
use crate::web::{browse_with, section};
use axum::http::StatusCode;
use serde_json::json;

/// The test's admin, reading English.
#[tokio::test]
async fn the_reports_page_speaks_english_when_chosen() {
    let app = TestApp::with_demo().await;
    let generate = "mutation($d: Date!, $t: String!) { generateProgressReport(input: { asOf: $d, title: $t }) { report { id version } } }";
    let published = app
        .ok(
            generate,
            json!({ "d": "2026-06-15", "t": "Report for June" }),
        )
        .await["generateProgressReport"]["report"]
        .clone();
    let v = app.approve(&published["id"], &published["version"]).await;
    app.ok(
        "mutation($id: ID!, $v: Int!) { publishProgressReport(input: { id: $id, version: $v }) { status } }",
        json!({ "id": published["id"], "v": v }),
    )
    .await;
    app.ok(
        generate,
        json!({ "d": "2026-06-15", "t": "Draft for July" }),
    )
    .await;

    let (status, _, html) = browse_with(&app, "/rapportages", &english(&app.token)).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("<html lang=\"en\""), "{html}");
    for english in [
        "<title>Progress reports",
        "<h1 class=\"utrecht-heading-1\">Progress reports</h1>",
        "You can see 2 progress reports.",
        ">Published (1)</h2>",
        "Published: the documents are fixed",
        ">Drafts (1)</h2>",
        "Not yet published: only visible to those who work on progress reports.",
        "<dt>Status date</dt><dd>15 June 2026",
        "<dt>Status</dt><dd>Published on ",
        "<dt>Status</dt><dd>Draft, made by ",
        "<dt>Language</dt><dd>Dutch</dd>",
        "<dt>Documents</dt>",
        ">OpenDocument (editable)</a>",
        ">HTML (single file)</a>",
        ">PDF (PDF/A-2a, PDF/UA-1)</a>",
    ] {
        assert!(html.contains(english), "{english} in {html}");
    }
    let shelf = section(&html, "gepubliceerd");
    assert!(shelf.contains("; approved by "), "{shelf}");
    // Sizes with a decimal point: "(84.5 KiB)".
    let sizes: Vec<&str> = shelf
        .split(" KiB)")
        .filter_map(|before| before.rsplit('(').next())
        .filter(|figure| figure.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .collect();
    assert!(!sizes.is_empty(), "{shelf}");
    assert!(sizes.iter().all(|s| s.contains('.')), "{sizes:?}");
    for dutch in [
        "Rapportages</h1>",
        "U kunt",
        "Gepubliceerd",
        "Concepten",
        "Peildatum",
        "<dt>Stand</dt>",
        "<dt>Taal</dt>",
        "Nederlands</dd>",
        "Documenten",
        "bewerkbaar",
        "één bestand",
        "gemaakt door",
        "goedgekeurd",
        "juni",
        ",5 KiB",
    ] {
        assert!(!html.contains(dutch), "{dutch} in {html}");
    }

    // A document that is not there, in English too.
    let (status, _, html) = browse_with(
        &app,
        "/rapportages/documenten/9999.pdf",
        &english(&app.token),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Document not found"), "{html}");
    assert!(!html.contains("Document niet gevonden"), "{html}");
}
