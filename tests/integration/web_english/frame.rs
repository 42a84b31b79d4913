//! What every page shares, in English: the switch, the frame, the problem pages, signing in.

use crate::support::TestApp;
use crate::web::{Browser, browse_with};
use axum::http::{StatusCode, header};

/// The test's admin, reading in `language` ("nl", "en", or none).
fn as_admin(app: &TestApp, language: Option<&str>) -> Vec<(&'static str, String)> {
    let mut headers = vec![("authorization", format!("Bearer {}", app.token))];
    if let Some(language) = language {
        headers.push(("cookie", format!("koers_taal={language}")));
    }
    headers
}

/// The switch remembers the language for a year (HttpOnly, SameSite=Lax, Secure, path /) and
/// goes back to the page it was pressed on, on koers only; an unknown language changes
/// nothing. Dutch is what a page is without a choice, whatever the browser asks for.
#[tokio::test]
async fn the_switch_remembers_english_and_goes_back_to_the_page() {
    let app = TestApp::with_demo().await;
    let mut browser = Browser::new(&app);
    let (status, headers, _) = browser
        .get("/taal?kies=en&terug=%2Ftijdlijn%3Fzoom%3Djaren")
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/tijdlijn?zoom=jaren");
    let set = headers[header::SET_COOKIE].to_str().unwrap_or_default();
    for part in [
        "koers_taal=en",
        "HttpOnly",
        "SameSite=Lax",
        "Secure",
        "Path=/",
        "Max-Age=31536000",
    ] {
        assert!(set.contains(part), "{part} in {set}");
    }
    assert_eq!(browser.cookie().as_deref(), Some("koers_taal=en"));

    for away in [
        "https://elders.example/",
        "//elders.example",
        "/\\elders.example",
    ] {
        let path = format!("/taal?kies=nl&terug={}", away.replace('/', "%2F"));
        let (status, headers, _) = browser.get(&path).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{away}");
        assert_eq!(headers[header::LOCATION], "/", "{away}");
    }
    let (status, headers, html) = browse_with(
        &app,
        "/taal?kies=de&terug=%2F",
        &[
            ("accept", "text/html".to_owned()),
            ("cookie", "koers_taal=en".to_owned()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(!headers.contains_key(header::SET_COOKIE));
    assert!(html.contains("Unknown language"), "{html}");

    // Without a choice: Dutch, also for an English browser.
    let mut headers = as_admin(&app, None);
    headers.push(("accept-language", "en-GB,en;q=0.9".to_owned()));
    let (_, _, html) = browse_with(&app, "/tijdlijn", &headers).await;
    assert!(html.contains("<html lang=\"nl\""), "{html}");
    assert!(html.contains(">Tijdlijn</a>"));
}

/// A page in English: its language declared, the frame's own text, the switch back to Dutch
/// on the same page (its view kept), the as-of banner and the day chosen in English.
#[tokio::test]
async fn the_frame_speaks_english_when_chosen() {
    let app = TestApp::with_demo().await;
    let (status, _, html) = browse_with(
        &app,
        "/tijdlijn?peildatum=2026-06-14",
        &as_admin(&app, Some("en")),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("<html lang=\"en\""));
    for english in [
        ">Skip to content<",
        "aria-label=\"Main menu\"",
        ">My overview</a>",
        ">Timeline</a>",
        ">KPIs</a>",
        ">Commitments</a>",
        ">Progress reports</a>",
        "Signed in as ",
        "You are viewing the plan as it stood on 14 June 2026.",
        ">To the plan as it is now</a>",
        ">View the plan as it stood on</label>",
        "the data come from the GraphQL API",
        // The switch: in Dutch, to Dutch, back to this page in this view.
        "href=\"/taal?kies=nl&amp;terug=%2Ftijdlijn%3Fpeildatum%3D2026-06-14\" lang=\"nl\"",
        ">Nederlands</a>",
    ] {
        assert!(html.contains(english), "{english} in {html}");
    }
    for dutch in [
        "Direct naar de inhoud",
        "Mijn overzicht",
        "Aangemeld als",
        "U bekijkt",
    ] {
        assert!(!html.contains(dutch), "{dutch} in {html}");
    }
    // The plan's own text (the milestones' titles) is marked as the Dutch it is written in.
    assert!(
        html.contains("scope=\"row\"><a class=\"utrecht-link\" href=\"/mijlpalen/")
            && html.contains("\"><span lang=\"nl\">"),
        "{html}"
    );
    let (_, _, dutch) = browse_with(&app, "/tijdlijn", &as_admin(&app, Some("nl"))).await;
    assert!(!dutch.contains("<span lang=\"nl\">"));
    assert!(dutch.contains(">English</a>"));
    assert!(dutch.contains("href=\"/taal?kies=en&amp;terug=%2Ftijdlijn\" lang=\"en\""));
}

/// The problem pages follow the language: an unknown address, a day that cannot be shown.
#[tokio::test]
async fn problem_pages_speak_english_when_chosen() {
    let app = TestApp::with_demo().await;
    let (status, _, html) = browse_with(
        &app,
        "/bestaat-niet",
        &[
            ("accept", "text/html".to_owned()),
            ("cookie", "koers_taal=en".to_owned()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Page not found"), "{html}");
    assert!(html.contains(">To My overview</a>"), "{html}");

    let (status, _, html) = browse_with(
        &app,
        "/tijdlijn?peildatum=2026-02-30",
        &as_admin(&app, Some("en")),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("koers cannot show this date"), "{html}");
    assert!(html.contains("is not a date koers can read"), "{html}");
    let (status, _, html) = browse_with(
        &app,
        "/tijdlijn?peildatum=2020-01-01",
        &as_admin(&app, Some("en")),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        html.contains("On 1 January 2020 koers did not know this plan yet"),
        "{html}"
    );
}

/// Signing in, in English: the form, what it says of a wrong token, and the switch that stays
/// on the sign-in page; signed in, the language holds beside the session.
#[tokio::test]
async fn signing_in_speaks_english_when_chosen() {
    let app = TestApp::with_demo().await;
    let (token, _) = crate::web::account(&app, "manager-en").await;
    let mut browser = Browser::new(&app);
    browser.set_cookie(Some("koers_taal=en".to_owned()));
    let (status, _, html) = browser.get("/tijdlijn").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    for english in [
        "<h1 class=\"utrecht-heading-1\">Sign in</h1>",
        ">Your token</label>",
        "and for 12 hours at most.",
        "This koers installation shows the plan only to those who have signed in.",
        "href=\"/taal?kies=nl&amp;terug=%2Faanmelden%3Fterug%3D%252Ftijdlijn\"",
    ] {
        assert!(html.contains(english), "{english} in {html}");
    }
    let (status, _, html) = browser
        .post("/aanmelden", &[("token", ""), ("terug", "/tijdlijn")])
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("Enter your token."), "{html}");
    let (status, headers, _) = browser
        .post(
            "/aanmelden",
            &[("token", token.as_str()), ("terug", "/tijdlijn")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/tijdlijn");
    let (status, _, html) = browser.get("/tijdlijn").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Signed in as manager-en"), "{html}");
    assert!(html.contains(">Sign out</button>"), "{html}");
}
