//! The timeline page in English.

use super::english;
use crate::support::TestApp;
use crate::web::browse_with;
use axum::http::StatusCode;
use serde_json::json;

/// The test's admin, reading in English.
/// The timeline in English: heading, summary, filters (their values still Dutch), key, the
/// drawing's words (its name, the recess bands with English names and dates, the status date,
/// the marks' tooltips, the arrows) and the table; none of the page's own Dutch words. The
/// plan's data (titles) stays as written.
#[tokio::test]
async fn the_timeline_speaks_english_when_chosen() {
    let app = TestApp::with_demo().await;
    // Late in the year, when some of the demo plan is overdue.
    app.on_day("2026-11-30");
    let status_date = app.ok("{ statusDate }", json!({})).await["statusDate"]
        .as_str()
        .map(str::to_owned)
        .expect("a status date");
    assert_eq!(status_date, "2026-11-30");
    let (status, _, html) =
        browse_with(&app, "/tijdlijn?zoom=kwartalen", &english(&app.token)).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("<html lang=\"en\""));
    for english in [
        "<title>Timeline · koers</title>",
        "<h1 class=\"utrecht-heading-1\">Timeline</h1>",
        "milestones on the timeline. As at <strong>30 November 2026</strong> (the status date).</p>",
        // The filters: labels in English, values as the address has them.
        "for=\"laag\">Government layer</label>",
        "<option value=\"alle\" selected>All layers</option>",
        "<option value=\"gemeente\">Municipalities</option>",
        ">All phases</option>",
        "value=\"op-schema\"> On track</label>",
        "value=\"achter\"> Off track</label>",
        "> Overdue only</label>",
        "value=\"kwartalen\" checked> Quarters</label>",
        "value=\"jaren\"> Years</label>",
        ">Group by</legend>",
        "value=\"laag\" checked> Government layer</label>",
        ">Show</button>",
        ">Skip the timeline and read it as a table</a>",
        // The key.
        "id=\"legenda\">Key</h2>",
        "On track (circle)",
        "Baseline: the date as first promised (open diamond)",
        "Dependency: the arrow points to the milestone that waits",
        "aria-label=\"Timeline, scrolls horizontally\"",
        // The drawing.
        "<title id=\"tijdlijn-naam\">Timeline of ",
        "<title>Summer recess 2026 (3 July 2026 to 31 August 2026)</title>",
        ">status date (today)</text>",
        "<title>status date (today): 30 November 2026</title>",
        "<title>Baseline ",
        "<title>Deadline ",
        "<title>Moved from ",
        " waits for ",
        ", projected ",
        ">Q3</text>",
        "class=\"koers-timeline-group\">Central government (",
        // The table.
        ">The timeline as a table</h2>",
        ">The same milestones, by group and projected date</caption>",
        "scope=\"col\">Milestone</th>",
        "scope=\"col\">Projected</th>",
        "scope=\"col\">Deadline</th>",
        "scope=\"col\">Health</th>",
        "<td class=\"utrecht-table__cell\">Central government</td>",
        "days overdue",
    ] {
        assert!(html.contains(english), "{english} in {html}");
    }
    for dutch in [
        "Tijdlijn van",
        " mijlpalen",
        "Stand op",
        "(de peildatum)",
        "Overheidslaag",
        "Alle lagen",
        "Alle fasen",
        "Alleen over tijd",
        "Kwartalen",
        "Groeperen op",
        ">Tonen<",
        "Legenda",
        "Op schema",
        "Achter op schema",
        "open ruit",
        "Zomerreces 2026 (",
        "tot en met",
        ">peildatum",
        "Basisdatum",
        "Termijn",
        "Verschoven",
        " wacht op ",
        ", verwacht ",
        "De tijdlijn als tabel",
        ">Mijlpaal</th>",
        ">Gemeenten<",
        " dagen",
        " juli ",
    ] {
        assert!(!html.contains(dutch), "{dutch} in {html}");
    }

    // A layer chosen: its English name in the page's title and its option chosen.
    let (_, _, by_layer) = browse_with(&app, "/tijdlijn?laag=gemeente", &english(&app.token)).await;
    assert!(
        by_layer.contains("<title>Timeline · Municipalities · koers</title>"),
        "{by_layer}"
    );
    assert!(by_layer.contains("<option value=\"gemeente\" selected>Municipalities</option>"));
}

/// A filter value koers does not know is a 400 page in English, naming the filter.
#[tokio::test]
async fn the_timeline_refuses_in_english_what_it_does_not_know() {
    let app = TestApp::with_demo().await;
    for (address, what) in [
        ("/tijdlijn?zoom=dagen", "for the zoom."),
        ("/tijdlijn?laag=europa", "for the government layer."),
        ("/tijdlijn?stand=prima", "for the status."),
    ] {
        let (status, _, html) = browse_with(&app, address, &english(&app.token)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{address}");
        assert!(html.contains("Unknown choice"), "{address}: {html}");
        assert!(
            html.contains(&format!(
                "This address chooses something koers does not know {what} Choose the filters on the Timeline itself."
            )),
            "{address}: {html}"
        );
        assert!(!html.contains("Onbekende keuze"), "{address}: {html}");
    }
}
