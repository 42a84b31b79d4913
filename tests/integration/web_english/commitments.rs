//! The commitments page in English.

use crate::support::TestApp;
use crate::web::{browse_with, section};
use axum::http::StatusCode;

/// Toezeggingen in English on the demo plan on 30 November 2026: the states, what they mean,
/// the facts' labels, the days and the letters are koers's English; the commitments' own text
/// stays as written.
#[tokio::test]
async fn the_commitments_page_reads_in_english() {
    let app = TestApp::with_demo().await;
    app.on_day("2026-11-30");
    let (status, _, html) = browse_with(
        &app,
        "/toezeggingen",
        &[
            ("authorization", format!("Bearer {}", app.token)),
            ("cookie", "koers_taal=en".to_owned()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("<title>Commitments · koers</title>"),
        "{html}"
    );
    assert!(
        html.contains("<h1 class=\"utrecht-heading-1\">Commitments to the Kamer</h1>"),
        "{html}"
    );
    assert!(
        html.contains("1 commitment needs a postponement letter. As at <strong>30 November 2026</strong> (the status date)."),
        "{html}"
    );
    let missed = section(&html, "gemist");
    assert!(
        missed.contains("Deadline missed (")
            && missed
                .contains("The deadline has passed and the commitment has not been fulfilled.")
            && missed.contains("TZ202504-057")
            && missed.contains("The deadline passed 151 days ago (as at the status date).")
            && missed.contains("A postponement letter to the Kamer is needed."),
        "{missed}"
    );
    assert!(
        missed.contains("<dt>Made</dt>")
            && missed.contains("<dt>Deadline</dt>")
            && missed.contains("<dt>State</dt>")
            && missed.contains("<dt>Milestones</dt>")
            && missed.contains("<dt>Letters to the Kamer</dt>")
            && missed.contains("voor het zomerreces 2026 (2 July 2026)"),
        "{missed}"
    );
    let fulfilled = section(&html, "nagekomen");
    assert!(
        fulfilled.contains("Fulfilled (") && fulfilled.contains("Letter of "),
        "{fulfilled}"
    );
    for dutch in [
        "Toezeggingen aan de Kamer",
        "Termijn gemist",
        "Nagekomen",
        "Uitstelbrief",
        "uitstelbrief",
        "Toegezegd",
        "Brieven aan de Kamer",
        "Stand op",
        "(de peildatum)",
        "dagen",
        "verwacht ",
        "november 2026",
        "waarvan",
    ] {
        assert!(!html.contains(dutch), "{dutch} in {html}");
    }
}
