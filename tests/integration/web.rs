//! The web app (issue 17): Dutch pages served by koers at `/`, built from the API's own data.
//! Each page is checked by its content against what the API says, not only by its status.

use crate::support::{TestApp, milestone, programme};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

/// GET `path` without a token (as a browser does); status, headers and the body as text.
pub(crate) async fn browse(
    app: &TestApp,
    path: &str,
) -> (StatusCode, axum::http::HeaderMap, String) {
    browse_with(app, path, &[]).await
}

/// GET `path` with `headers`; status, headers and the body as text.
pub(crate) async fn browse_with(
    app: &TestApp,
    path: &str,
    headers: &[(&str, String)],
) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    let response = app
        .router
        .clone()
        .oneshot(request.body(Body::empty()).expect("request"))
        .await
        .expect("router answers");
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.expect("body").to_bytes();
    (
        parts.status,
        parts.headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

/// GET `path` as the test's admin; status and the body as text.
pub(crate) async fn page(app: &TestApp, path: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let (status, headers, body) = app.get(path).await;
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

/// The part of `html` from the heading with `id` to the next section; a page without it fails
/// the test (a check of an absent section would pass without checking anything).
pub(crate) fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let Some(start) = html.find(&format!("id=\"{id}\"")) else {
        panic!("the page has no section {id}: {html}");
    };
    let rest = &html[start..];
    let end = rest.find("</section>").unwrap_or(rest.len());
    &rest[..end]
}

/// Open milestones (planned or in progress) with their health, as the API gives them.
async fn open_milestones(app: &TestApp, layer: Option<&str>) -> Vec<Value> {
    let filter = match layer {
        Some(layer) => {
            json!({ "layer": layer, "joint": true, "status": ["PLANNED", "IN_PROGRESS"] })
        }
        None => json!({ "status": ["PLANNED", "IN_PROGRESS"] }),
    };
    let data = app
        .ok(
            "query($f: MilestoneFilterInput) { milestones(filter: $f, first: 100) { nodes { title layer health overdue } } }",
            json!({ "f": filter }),
        )
        .await;
    data["milestones"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// Mijn overzicht on the demo plan (status date 15 June 2026) lists exactly the open milestones
/// the API calls overdue, off track or at risk, with their reasons; the commitments with their
/// state; and the deadlines until the summer recess. In Dutch, with dates as "2 juli 2026".
#[tokio::test]
async fn the_overview_shows_what_needs_attention_on_the_demo_plan() {
    let app = TestApp::with_demo().await;
    let (status, headers, html) = page(&app, "/").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
    let csp = headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap_or_default();
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("script-src"),
        "{csp}"
    );
    assert!(html.contains("<html lang=\"nl\""));
    assert!(html.contains("<h1 class=\"utrecht-heading-1\">Mijn overzicht</h1>"));
    assert!(html.contains("15 juni 2026"), "the status date in words");
    assert!(html.contains("href=\"#inhoud\""), "a skip link");

    let attention = section(&html, "aandacht");
    let milestones = open_milestones(&app, None).await;
    let mut flagged = 0;
    for m in &milestones {
        let title = m["title"].as_str().unwrap_or_default();
        let needs = m["overdue"] == true || m["health"] != "ON_TRACK";
        assert_eq!(
            attention.contains(&format!(">{title}</a></th>")),
            needs,
            "{title}: {m}"
        );
        flagged += usize::from(needs);
    }
    assert!(
        flagged > 0,
        "the demo plan has milestones that need attention"
    );
    assert!(
        attention.contains("Achter op schema") && attention.contains("oordeel van de manager"),
        "the bestuurlijk overleg's override shows as the manager's: {attention}"
    );

    let commitments = section(&html, "toezeggingen");
    assert!(commitments.contains("TZ202504-057"), "{commitments}");
    assert!(
        commitments.contains("voor het zomerreces 2026 (2 juli 2026)"),
        "{commitments}"
    );
    // The fulfilled phase-2 commitment is counted, not listed with the open ones.
    assert!(!commitments.contains("TZ202410-031"), "{commitments}");
    assert!(
        commitments.contains("Eén toezegging is nagekomen."),
        "{commitments}"
    );
    let risk = app
        .ok(
            "{ commitments { nodes { number risk { state } } } }",
            json!({}),
        )
        .await;
    let open = risk["commitments"]["nodes"]
        .as_array()
        .and_then(|n| n.iter().find(|c| c["number"] == "TZ202504-057"))
        .map(|c| c["risk"]["state"].clone())
        .unwrap_or_default();
    let label = match open.as_str() {
        Some("AT_RISK") => "Risico",
        Some("NEEDS_POSTPONEMENT_LETTER") => "Uitstelbrief nodig",
        Some("ON_TRACK") => "Op schema",
        Some("MISSED") => "Termijn gemist",
        other => panic!("unexpected state {other:?}"),
    };
    let row = &commitments[commitments.find("TZ202504-057").unwrap_or(0)..];
    let row = &row[..row.find("</tr>").unwrap_or(row.len())];
    assert!(row.contains(label), "{label} in {row}");

    let deadlines = section(&html, "termijnen");
    assert!(
        deadlines.contains("het zomerreces 2026 (3 juli 2026 tot en met 31 augustus 2026)"),
        "{deadlines}"
    );
    assert!(deadlines.contains("2 juli 2026: "), "{deadlines}");
}

/// `?laag=gemeente` shows the municipalities' milestones and the joint ones only, with that
/// layer chosen in the form; an unknown layer is a Dutch 400 page, not an error in English.
#[tokio::test]
async fn the_overview_shows_one_layer_and_the_joint_milestones() {
    let app = TestApp::with_demo().await;
    let (status, _, html) = page(&app, "/?laag=gemeente").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("<option value=\"gemeente\" selected>Gemeenten</option>"));
    assert!(html.contains("Gemeenten en de gezamenlijke mijlpalen"));
    assert!(
        html.contains("<title>Mijn overzicht · Gemeenten · koers</title>"),
        "the title names the layer"
    );
    let attention = section(&html, "aandacht");
    let all = open_milestones(&app, None).await;
    let mine = open_milestones(&app, Some("GEMEENTE")).await;
    let titles = |ms: &[Value]| -> Vec<String> {
        ms.iter()
            .filter(|m| m["overdue"] == true || m["health"] != "ON_TRACK")
            .filter_map(|m| m["title"].as_str().map(str::to_owned))
            .collect()
    };
    let shown = titles(&mine);
    for title in titles(&all) {
        assert_eq!(
            attention.contains(&format!(">{title}</a></th>")),
            shown.contains(&title),
            "{title}"
        );
    }
    assert!(
        titles(&all).len() > shown.len(),
        "the filter leaves some out"
    );

    let (status, headers, html) = page(&app, "/?laag=gemeentes-en-zo").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
    assert!(html.contains("Onbekende overheidslaag"), "{html}");
}

/// Without a token the page is readable only where the deployment allows anonymous reading;
/// otherwise the sign-in form answers (401), and nothing of the plan.
#[tokio::test]
async fn an_anonymous_reader_sees_the_plan_only_where_allowed() {
    let closed = TestApp::with_demo().await;
    let (status, headers, html) = browse(&closed, "/tijdlijn?laag=rijk").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
    assert!(
        html.contains("<h1 class=\"utrecht-heading-1\">Aanmelden</h1>")
            && html.contains("name=\"terug\" value=\"/tijdlijn?laag=rijk\"")
            && !html.contains("TZ202504-057")
            && !html.contains("Kamerbrief"),
        "{html}"
    );

    let open = TestApp::with_config(koers::config::ApiConfig {
        allow_anonymous: true,
        ..Default::default()
    })
    .await;
    open.load_demo().await;
    let (status, _, html) = browse(&open, "/").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Niet aangemeld (alleen lezen)"));
    assert!(html.contains("TZ202504-057"));
}

/// Text from the plan is escaped: a title with markup shows as text, never as markup.
#[tokio::test]
async fn plan_text_is_escaped_on_the_page() {
    let app = TestApp::with_demo().await;
    let p = programme(&app).await;
    let id = milestone(&app, &p, "Brief <b>nu</b> & \"later\"", None, "2026-06-20").await;
    app.ok(
        "mutation($id: ID!) { updateMilestone(input: { id: $id, version: 1, forecastDate: \"2026-09-01\", deadlineDate: \"2026-07-02\", changeReason: \"Later\" }) { status } }",
        json!({ "id": id }),
    )
    .await;
    let (_, _, html) = page(&app, "/").await;
    assert!(
        html.contains("Brief &lt;b&gt;nu&lt;/b&gt; &amp; &quot;later&quot;"),
        "{html}"
    );
    assert!(!html.contains("<b>nu</b>"));
}

/// The NL Design System CSS and the font come from koers itself, with their media types; any
/// other name under /static/ is not found.
#[tokio::test]
async fn the_styles_and_the_font_are_served_by_koers() {
    let app = TestApp::new().await;
    for (path, media_type) in [
        ("/static/utrecht-components.css", "text/css; charset=utf-8"),
        ("/static/utrecht-theme.css", "text/css; charset=utf-8"),
        ("/static/koers.css", "text/css; charset=utf-8"),
        ("/static/noto-sans-latin-wght-normal.woff2", "font/woff2"),
    ] {
        let (status, headers, body) = browse(&app, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(headers[header::CONTENT_TYPE], media_type, "{path}");
        assert!(!body.is_empty(), "{path}");
    }
    // One path segment that decodes to "../Cargo.toml": it reaches the handler, which serves
    // only the names it lists.
    let (status, _, _) = browse(&app, "/static/%2e%2e%2fCargo.toml").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = browse(&app, "/static/nope.css").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// The pages are Dutch whatever the browser asks for: a browser set to English gets the
/// schedule's reasons in Dutch too (they used to follow `Accept-Language`, so one page mixed
/// two languages).
#[tokio::test]
async fn the_reasons_on_a_page_are_dutch_whatever_the_browser_asks() {
    let app = TestApp::with_demo().await;
    let (_, _, html) = browse_with(
        &app,
        "/",
        &[
            ("authorization", format!("Bearer {}", app.token)),
            ("accept-language", "en-US,en;q=0.9".to_owned()),
        ],
    )
    .await;
    let attention = section(&html, "aandacht");
    assert!(attention.contains("marge"), "{attention}");
    assert!(!attention.contains("margin"), "{attention}");
}

/// An overdue milestone says so on its row, whatever health a manager gave it: overridden to
/// on track, it showed a green "Op schema" and nothing about being 12 days late. Overdue ones
/// come first, the longest overdue first, and the summary counts each milestone once.
#[tokio::test]
async fn an_overdue_milestone_says_so_whatever_its_health() {
    let app = TestApp::new().await; // status date 1 June 2026
    let p = programme(&app).await;
    let long = milestone(&app, &p, "Lang over tijd", None, "2026-05-20").await;
    milestone(&app, &p, "Kort over tijd", None, "2026-05-29").await;
    milestone(&app, &p, "Op tijd", None, "2026-09-01").await;
    app.ok(
        "mutation($id: ID!) { updateMilestone(input: { id: $id, version: 1, healthOverride: { health: ON_TRACK, reason: \"De levering is binnen, alleen de administratie loopt achter.\", until: \"2026-06-30\" }, changeReason: \"Oordeel\" }) { status } }",
        json!({ "id": long }),
    )
    .await;
    let (status, _, html) = page(&app, "/").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let attention = section(&html, "aandacht");
    let first = attention
        .find(">Lang over tijd</a></th>")
        .unwrap_or(usize::MAX);
    let second = attention
        .find(">Kort over tijd</a></th>")
        .unwrap_or(usize::MAX);
    assert!(
        first < second && second < usize::MAX,
        "longest overdue first: {attention}"
    );
    assert!(!attention.contains(">Op tijd</a></th>"));
    let row = &attention[first..];
    let row = &row[..row.find("</tr>").unwrap_or(row.len())];
    assert!(row.contains("12 dagen over tijd"), "{row}");
    // The schedule's finding first; the manager's favourable judgement beside it, in words.
    assert!(
        row.contains(">Achter op schema</span>")
            && row.contains("Oordeel van de manager: op schema (De levering is binnen"),
        "{row}"
    );
    assert!(
        attention.contains(
            "2 mijlpalen over tijd (en dus achter op schema); daarnaast 0 achter op schema en 0 met risico."
        ),
        "{attention}"
    );
}

/// The deadline filter the overview uses selects exactly the milestones with a deadline in the
/// range (none without a deadline), and the overview lists the open ones whose deadline has
/// passed apart from those still to come.
#[tokio::test]
async fn deadlines_are_filtered_by_range_and_passed_ones_are_listed() {
    let app = TestApp::with_demo().await;
    let all = app
        .ok(
            "{ milestones(first: 100) { nodes { title deadlineDate } } }",
            json!({}),
        )
        .await;
    let in_range = |from: &str, to: &str| -> Vec<String> {
        let mut titles: Vec<String> = all["milestones"]["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|m| {
                m["deadlineDate"]
                    .as_str()
                    .is_some_and(|d| d >= from && d <= to)
            })
            .filter_map(|m| m["title"].as_str().map(str::to_owned))
            .collect();
        titles.sort();
        titles
    };
    for (from, to) in [
        ("2025-01-01", "2026-12-31"),
        ("2026-07-01", "2026-07-02"),
        ("2026-07-03", "2027-12-31"),
    ] {
        let data = app
            .ok(
                "query($f: Date, $t: Date) { milestones(first: 100, filter: { deadlineFrom: $f, deadlineTo: $t }) { nodes { title } } }",
                json!({ "f": from, "t": to }),
            )
            .await;
        let mut got: Vec<String> = data["milestones"]["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|m| m["title"].as_str().map(str::to_owned))
            .collect();
        got.sort();
        assert_eq!(got, in_range(from, to), "{from}..{to}");
    }
    assert!(!in_range("2026-07-01", "2026-07-02").is_empty());

    // On 30 November the Kamerbrief's deadline of 2 July has passed while it is still open.
    app.on_day("2026-11-30");
    let (_, _, html) = page(&app, "/").await;
    let deadlines = section(&html, "termijnen");
    let passed = &deadlines[..deadlines
        .find("Tot het volgende reces")
        .unwrap_or(deadlines.len())];
    assert!(
        passed.contains("Verstreken")
            && passed.contains("2 juli 2026: <a class=\"utrecht-link\" href=\"/mijlpalen/")
            && passed.contains("\">Kamerbrief"),
        "{deadlines}"
    );
    let commitments = section(&html, "toezeggingen");
    assert!(
        commitments.contains("Termijn gemist") && commitments.contains("uitstelbrief"),
        "{commitments}"
    );
}

/// A browser that asks for an address koers does not have gets a Dutch page; an API client gets
/// the JSON error as before. A repeated layer in the address takes the first.
#[tokio::test]
async fn unknown_addresses_answer_a_browser_in_dutch() {
    let app = TestApp::with_demo().await;
    let (status, headers, html) = browse_with(
        &app,
        "/bestaat-niet",
        &[("accept", "text/html,application/xhtml+xml".to_owned())],
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
    assert!(html.contains("Pagina niet gevonden"));
    let (status, headers, _) = browse(&app, "/bestaat-niet").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap_or_default()
            .starts_with("application/json")
    );
    let (status, _, html) = page(&app, "/?laag=gemeenten&laag=rijk").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("Gemeenten en de gezamenlijke mijlpalen"),
        "{html}"
    );
}

/// `text` as the pages write it into HTML.
pub(crate) fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
}

/// A milestone's page on the demo plan says what the API says of it: every date in words,
/// every computed reason, the manager's override and whether it counts, each predecessor and
/// successor with a link to its own page, and its commitments and KPIs.
#[tokio::test]
async fn a_milestone_page_says_what_the_api_says_of_it() {
    let app = TestApp::with_demo().await;
    let mut checked_override = false;
    let all = app
        .ok(
            "{ milestones(first: 100) { nodes { id title status plannedDate projectedDate baselineDate
               healthOverride { reason counts } computedHealth { reasons { message(language: NL) } }
               predecessors { predecessor { id title } } successors { successor { id title } }
               commitments { number } kpis { code } } } }",
            json!({}),
        )
        .await;
    let nodes = all["milestones"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(nodes.len() > 10, "{all}");
    let day = |v: &Value| {
        let d: chrono::NaiveDate = v.as_str().unwrap_or_default().parse().expect("a date");
        koers::service::language::Words::new(koers::service::language::Language::Nl).date(d)
    };
    for m in &nodes {
        let id = m["id"].as_str().unwrap_or_default();
        let title = m["title"].as_str().unwrap_or_default();
        let (status, _, html) = page(&app, &format!("/mijlpalen/{id}")).await;
        assert_eq!(status, StatusCode::OK, "{title}: {html}");
        assert!(
            html.contains(&format!(
                "<h1 class=\"utrecht-heading-1\">{}</h1>",
                escaped(title)
            )),
            "{title}"
        );
        if m["status"] == "DONE" {
            let lead = &html[html.find("koers-lead").unwrap_or(0)..];
            let lead = &lead[..lead.find("</p>").unwrap_or(lead.len())];
            assert!(
                lead.contains(">Gereed</span>"),
                "{title}: done work says so: {lead}"
            );
        }
        let dates = section(&html, "data");
        for field in ["plannedDate", "projectedDate", "baselineDate"] {
            assert!(
                dates.contains(&day(&m[field])),
                "{title}: {field} in {dates}"
            );
        }
        let reasons = section(&html, "stand");
        for r in m["computedHealth"]["reasons"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let message = r["message"].as_str().unwrap_or_default();
            // The page starts each reason with a capital.
            let tail: String = message.chars().skip(1).collect();
            assert!(
                reasons.contains(&escaped(&tail)),
                "{title}: {message} in {reasons}"
            );
        }
        if let Some(reason) = m["healthOverride"]["reason"].as_str() {
            checked_override = true;
            assert!(
                reasons.contains(&escaped(reason.trim())),
                "{title}: {reasons}"
            );
            let counts = m["healthOverride"]["counts"] == true;
            assert_eq!(reasons.contains("Dit oordeel telt."), counts, "{reasons}");
        }
        let around = section(&html, "samenhang");
        for (list, end) in [("predecessors", "predecessor"), ("successors", "successor")] {
            for d in m[list].as_array().into_iter().flatten() {
                let other = &d[end];
                assert!(
                    around.contains(&format!(
                        "href=\"/mijlpalen/{}\"",
                        other["id"].as_str().unwrap_or_default()
                    )),
                    "{title}: {list} {other}"
                );
            }
        }
        let linked = section(&html, "verbonden");
        for c in m["commitments"].as_array().into_iter().flatten() {
            assert!(
                linked.contains(c["number"].as_str().unwrap_or("?")),
                "{title}"
            );
        }
        for k in m["kpis"].as_array().into_iter().flatten() {
            assert!(
                linked.contains(k["code"].as_str().unwrap_or("?")),
                "{title}"
            );
        }
    }
    assert!(checked_override, "the demo plan has a manager's override");
}

/// What pushes a milestone and what it pushes: a late predecessor pushes its successor, and
/// both pages say so, with links; a milestone without neighbours says it has none.
#[tokio::test]
async fn a_milestone_page_says_what_pushes_it_and_what_it_pushes() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let first = milestone(&app, &p, "Eerst", Some("RIJK"), "2026-09-01").await;
    let then = milestone(&app, &p, "Daarna", Some("GEMEENTE"), "2026-09-05").await;
    let alone = milestone(&app, &p, "Alleen", None, "2026-10-01").await;
    app.ok(
        "mutation($p: ID!, $s: ID!) { addMilestoneDependency(input: { predecessorId: $p, successorId: $s, lagDays: 14 }) { dependency { lagDays } } }",
        json!({ "p": first, "s": then }),
    )
    .await;
    let (_, _, html) = page(&app, &format!("/mijlpalen/{then}")).await;
    let around = section(&html, "samenhang");
    assert!(
        around.contains(&format!(
            "Wordt geduwd door: <a class=\"utrecht-link\" href=\"/mijlpalen/{first}\">Eerst</a>"
        )),
        "{around}"
    );
    assert!(around.contains("14 dagen"), "the lag: {around}");
    assert!(
        html.contains("15 september 2026"),
        "projected: 1 September + 14 days"
    );
    let (_, _, html) = page(&app, &format!("/mijlpalen/{first}")).await;
    let around = section(&html, "samenhang");
    assert!(
        around.contains(&format!(
            "Deze mijlpaal duwt <a class=\"utrecht-link\" href=\"/mijlpalen/{then}\">Daarna</a>"
        )),
        "{around}"
    );
    assert!(
        around.contains("wordt door deze mijlpaal geduwd"),
        "{around}"
    );
    let (_, _, html) = page(&app, &format!("/mijlpalen/{alone}")).await;
    let around = section(&html, "samenhang");
    assert!(
        around.contains("Geen voorgangers.") && around.contains("Geen opvolgers."),
        "{around}"
    );
    assert!(!around.contains("geduwd"), "{around}");
}

/// A milestone's history: who changed what, from which value to which, in words, with the
/// reason given; a linked KPI and a predecessor are named, not numbered; newest first.
#[tokio::test]
async fn a_milestone_page_tells_its_history_in_words() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let m = milestone(&app, &p, "Monitor live", Some("PROVINCIE"), "2026-09-01").await;
    let before = milestone(
        &app,
        &p,
        "Bronnen gekoppeld",
        Some("PROVINCIE"),
        "2026-07-01",
    )
    .await;
    let k = crate::support::kpi(&app, &p, "MVOI-07", &["CLIMATE"]).await;
    let v = crate::support::version(&app, &m).await;
    app.ok(
        "mutation($i: UpdateMilestoneInput!) { updateMilestone(input: $i) { milestone { id } } }",
        json!({ "i": { "id": m, "version": v, "plannedDate": "2026-10-15", "status": "IN_PROGRESS",
                       "changeReason": "Leverancier levert later <op tijd?>" } }),
    )
    .await;
    app.ok(
        "mutation($m: ID!, $k: ID!) { linkMilestoneKpi(input: { milestoneId: $m, kpiId: $k }) { changed } }",
        json!({ "m": m, "k": k }),
    )
    .await;
    app.ok(
        "mutation($p: ID!, $s: ID!) { addMilestoneDependency(input: { predecessorId: $p, successorId: $s, lagDays: 7 }) { dependency { lagDays } } }",
        json!({ "p": before, "s": m }),
    )
    .await;
    let (status, _, html) = page(&app, &format!("/mijlpalen/{m}")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let history = section(&html, "geschiedenis");
    assert!(
        history.contains("Gepland: 1 september 2026 → 15 oktober 2026"),
        "{history}"
    );
    assert!(history.contains("Voortgang: gepland → bezig"), "{history}");
    assert!(
        history.contains("Toelichting: „Leverancier levert later &lt;op tijd?&gt;”"),
        "the reason, escaped: {history}"
    );
    assert!(history.contains("KPI: MVOI-07 KPI MVOI-07"), "{history}");
    assert!(
        history.contains(&format!(
            "Voorganger: <a class=\"utrecht-link\" href=\"/mijlpalen/{before}\">Bronnen gekoppeld, 7 dagen wachttijd</a>"
        )),
        "{history}"
    );
    // Newest first: the dependency, then the KPI, then the update, then the creation.
    let at = |text: &str| history.find(text).unwrap_or(usize::MAX);
    assert!(at("Voorganger:") < at("KPI:"), "{history}");
    assert!(at("KPI:") < at("Gepland: 1 september"), "{history}");
    assert!(at("Gepland: 1 september") < at("Aangemaakt"), "{history}");
    assert!(history.contains("Aangemaakt op "), "{history}");
    // The same dependency on the predecessor's page names its successor.
    let (_, _, html) = page(&app, &format!("/mijlpalen/{before}")).await;
    let history = section(&html, "geschiedenis");
    assert!(
        history.contains(&format!(
            "Opvolger: <a class=\"utrecht-link\" href=\"/mijlpalen/{m}\">Monitor live, 7 dagen wachttijd</a>"
        )),
        "{history}"
    );
    // A page of history that is no page is the reader's input: a Dutch 400, not a failure.
    let (status, _, html) = page(&app, &format!("/mijlpalen/{m}?voor=onzin")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{html}");
    assert!(html.contains("Onbekende keuze"), "{html}");
}

/// An address that is no milestone's id is a Dutch 404 page, whatever it holds: garbage, the
/// id of another kind of object, a milestone that never was. A deleted milestone's page says
/// it was deleted.
#[tokio::test]
async fn a_milestone_page_for_no_milestone_is_a_dutch_404() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let gone = milestone(&app, &p, "Weg", None, "2026-09-01").await;
    let never = koers::graphql::ids::encode("Milestone", 9999).to_string();
    for path in [
        "/mijlpalen/onzin".to_owned(),
        format!("/mijlpalen/{p}"),
        format!("/mijlpalen/{never}"),
        "/mijlpalen/%00".to_owned(),
    ] {
        let (status, headers, html) = browse_with(
            &app,
            &path,
            &[("authorization", format!("Bearer {}", app.token))],
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {html}");
        assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
        assert!(html.contains("Mijlpaal niet gevonden"), "{path}: {html}");
        assert!(
            html.contains("<p class=\"koers-viewer-name\">Aangemeld als "),
            "the problem page says who is reading: {html}"
        );
    }
    let v = crate::support::version(&app, &gone).await;
    app.ok(
        "mutation($id: ID!, $v: Int!) { deleteMilestone(input: { id: $id, version: $v }) { status } }",
        json!({ "id": gone, "v": v }),
    )
    .await;
    let (status, _, html) = page(&app, &format!("/mijlpalen/{gone}")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Deze mijlpaal is verwijderd op"), "{html}");
    assert!(
        section(&html, "geschiedenis").contains("Verwijderd op"),
        "{html}"
    );
}

/// Every milestone the API selects with `filter`, as (id, title, [predecessor ids]).
async fn selected(app: &TestApp, filter: Value) -> Vec<(String, String, Vec<String>)> {
    let mut found = Vec::new();
    let mut after = Value::Null;
    loop {
        let data = app
            .ok(
                "query($f: MilestoneFilterInput, $a: String) { milestones(filter: $f, first: 100, after: $a) {
                   pageInfo { hasNextPage endCursor } nodes { id title predecessors { predecessor { id } } } } }",
                json!({ "f": filter, "a": after }),
            )
            .await;
        let list = &data["milestones"];
        for m in list["nodes"].as_array().into_iter().flatten() {
            found.push((
                m["id"].as_str().unwrap_or_default().to_owned(),
                m["title"].as_str().unwrap_or_default().to_owned(),
                m["predecessors"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|p| p["predecessor"]["id"].as_str().map(str::to_owned))
                    .collect(),
            ));
        }
        if list["pageInfo"]["hasNextPage"] != true {
            return found;
        }
        after = list["pageInfo"]["endCursor"].clone();
    }
}

/// The milestone pages the timeline's picture links to.
fn drawn(html: &str) -> Vec<String> {
    let svg = &html[html
        .find("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"koers-timeline\"")
        .unwrap_or(html.len())..];
    let svg = &svg[..svg.find("</svg>").unwrap_or(svg.len())];
    svg.match_indices("<a href=\"/mijlpalen/")
        .map(|(at, _)| {
            let rest = &svg[at + "<a href=\"/mijlpalen/".len()..];
            rest[..rest.find('"').unwrap_or(0)].to_owned()
        })
        .collect()
}

/// The timeline draws exactly the milestones each filter selects in the API (layer with the
/// joint ones, health, overdue, phase), each once with a link to its page, an arrow for each
/// dependency between two drawn milestones, the recesses and the status date.
#[tokio::test]
async fn the_timeline_draws_what_each_filter_selects() {
    let app = TestApp::with_demo().await;
    // Late in the year, when some of the demo plan is overdue.
    app.on_day("2026-11-30");
    let phase = app
        .ok("{ phases(first: 5) { nodes { id number } } }", json!({}))
        .await["phases"]["nodes"][0]["id"]
        .as_str()
        .map(str::to_owned)
        .expect("the demo plan has phases");
    for (address, filter) in [
        ("/tijdlijn".to_owned(), json!({})),
        (
            "/tijdlijn?laag=gemeente".to_owned(),
            json!({ "layer": "GEMEENTE", "joint": true }),
        ),
        (
            // The health the page shows: the worse of the judged and the computed one.
            "/tijdlijn?stand=achter&stand=risico".to_owned(),
            json!({ "computedHealth": ["OFF_TRACK", "AT_RISK"] }),
        ),
        (
            "/tijdlijn?overtijd=ja&zoom=kwartalen".to_owned(),
            json!({ "overdue": true }),
        ),
        (
            format!("/tijdlijn?fase={phase}&groep=fase"),
            json!({ "phaseId": phase }),
        ),
    ] {
        let (status, _, html) = page(&app, &address).await;
        assert_eq!(status, StatusCode::OK, "{address}: {html}");
        let wanted = selected(&app, filter).await;
        let mut shown = drawn(&html);
        shown.sort();
        let mut ids: Vec<String> = wanted.iter().map(|(id, _, _)| id.clone()).collect();
        ids.sort();
        assert_eq!(shown, ids, "{address}");
        assert!(
            !ids.is_empty(),
            "{address} selects something on the demo plan"
        );
        let named = if ids.len() == 1 {
            "1 mijlpaal".to_owned()
        } else {
            format!("{} mijlpalen", ids.len())
        };
        assert!(html.contains(&format!("Tijdlijn van {named}")), "{address}");
        let arrows: usize = wanted
            .iter()
            .map(|(_, _, preds)| preds.iter().filter(|p| ids.contains(p)).count())
            .sum();
        assert_eq!(
            html.matches("marker-end=\"url(#pijl)\"").count(),
            arrows,
            "{address}: one arrow per dependency between drawn milestones"
        );
        assert!(
            html.contains(
                "<title>Zomerreces 2026 (3 juli 2026 tot en met 31 augustus 2026)</title>"
            ),
            "{address}"
        );
        assert!(html.contains(">peildatum"), "{address}");
        // The same milestones in the table.
        let table = &html[html.find("id=\"tijdlijn-tabel\"").unwrap_or(0)..];
        for (id, _, _) in &wanted {
            assert!(
                table.contains(&format!("href=\"/mijlpalen/{id}\"")),
                "{address}: {id}"
            );
        }
    }
    let (_, _, quarters) = page(&app, "/tijdlijn?zoom=kwartalen").await;
    let (_, _, years) = page(&app, "/tijdlijn").await;
    let width = |html: &str| -> f64 {
        let at = html.find("class=\"koers-timeline\" width=\"").unwrap_or(0) + 30;
        html[at..html[at..].find('"').map_or(at, |e| at + e)]
            .parse()
            .unwrap_or(0.0)
    };
    assert!(
        width(&years) < width(&quarters),
        "zooming out to years narrows the timeline"
    );
    assert!(quarters.contains(">Q3</text>") && !years.contains(">Q3</text>"));
    let (_, _, by_phase) = page(&app, "/tijdlijn?groep=fase").await;
    assert!(
        by_phase.contains("class=\"koers-timeline-group\">Fase "),
        "grouped by phase"
    );
}

/// A filter value koers does not know is a Dutch 400 page, not a timeline of everything.
#[tokio::test]
async fn the_timeline_refuses_what_it_does_not_know() {
    let app = TestApp::with_demo().await;
    let phase_of_nothing = koers::graphql::ids::encode("Phase", 9999).to_string();
    let not_a_phase = koers::graphql::ids::encode("Milestone", 1).to_string();
    for address in [
        "/tijdlijn?laag=europa".to_owned(),
        "/tijdlijn?stand=prima".to_owned(),
        "/tijdlijn?overtijd=misschien".to_owned(),
        "/tijdlijn?zoom=dagen".to_owned(),
        "/tijdlijn?groep=kleur".to_owned(),
        format!("/tijdlijn?fase={phase_of_nothing}"),
        format!("/tijdlijn?fase={not_a_phase}"),
    ] {
        let (status, headers, html) = page(&app, &address).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{address}");
        assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
        assert!(html.contains("Onbekende keuze"), "{address}: {html}");
    }
}

/// A plan of 500 milestones is drawn whole: every milestone once, in order within its group.
#[tokio::test]
async fn the_timeline_draws_500_milestones() {
    let app = TestApp::new().await;
    let actor = koers::service::Actor::system("generator", crate::support::t0());
    let shape = koers::samples::generate::Shape {
        milestones: 500,
        kpis: 2,
        measurements: 4,
        dependencies_per_milestone: 2,
    };
    koers::samples::generate::generate_shape(&app.db, &actor, shape, 7)
        .await
        .expect("generated plan");
    let (status, _, html) = page(&app, "/tijdlijn").await;
    assert_eq!(status, StatusCode::OK);
    let mut shown = drawn(&html);
    assert_eq!(shown.len(), 500);
    shown.sort();
    shown.dedup();
    assert_eq!(shown.len(), 500, "each milestone once");
    assert!(html.contains("Tijdlijn van 500 mijlpalen"));
}

// ---------------------------------------------------------------------------------------------
// Signing in on the web
// ---------------------------------------------------------------------------------------------

/// A browser: it keeps the cookies koers sets (the session's, the language's), as a browser
/// does, and forgets one set with `Max-Age=0`.
pub(crate) struct Browser<'a> {
    app: &'a TestApp,
    cookies: Vec<(String, String)>,
}

impl<'a> Browser<'a> {
    pub(crate) fn new(app: &'a TestApp) -> Self {
        Browser {
            app,
            cookies: Vec::new(),
        }
    }

    /// Send `request` with the cookies; keep new ones; status, headers and body.
    async fn send(
        &mut self,
        request: axum::http::request::Builder,
        body: Body,
    ) -> (StatusCode, axum::http::HeaderMap, String) {
        let request = match self.cookie() {
            Some(cookie) => request.header(header::COOKIE, cookie),
            None => request,
        };
        let response = self
            .app
            .router
            .clone()
            .oneshot(request.body(body).expect("request"))
            .await
            .expect("router answers");
        let (parts, body) = response.into_parts();
        for set in parts.headers.get_all(header::SET_COOKIE) {
            let set = set.to_str().unwrap_or_default();
            let pair = set.split(';').next().unwrap_or_default();
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            self.cookies.retain(|(n, _)| n != name);
            if !set.contains("Max-Age=0") {
                self.cookies.push((name.to_owned(), value.to_owned()));
            }
        }
        let bytes = body.collect().await.expect("body").to_bytes();
        (
            parts.status,
            parts.headers,
            String::from_utf8_lossy(&bytes).into_owned(),
        )
    }

    /// The cookies it holds, as its `Cookie` header; none when it holds none.
    pub(crate) fn cookie(&self) -> Option<String> {
        (!self.cookies.is_empty()).then(|| {
            self.cookies
                .iter()
                .map(|(n, v)| format!("{n}={v}"))
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    /// Hold `cookie` instead of what it held (`name=value; …`: one kept from before, as an
    /// attacker would replay it, or the language a reader chose).
    pub(crate) fn set_cookie(&mut self, cookie: Option<String>) {
        self.cookies = cookie
            .iter()
            .flat_map(|c| c.split("; "))
            .filter_map(|pair| pair.split_once('='))
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect();
    }

    pub(crate) async fn get(&mut self, path: &str) -> (StatusCode, axum::http::HeaderMap, String) {
        self.send(Request::get(path), Body::empty()).await
    }

    pub(crate) async fn post(
        &mut self,
        path: &str,
        form: &[(&str, &str)],
    ) -> (StatusCode, axum::http::HeaderMap, String) {
        let body: String = form
            .iter()
            .map(|(k, v)| format!("{k}={}", form_encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        self.send(
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
            Body::from(body),
        )
        .await
    }
}

fn form_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The value of the hidden field `name` in a page's form.
pub(crate) fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = html
        .find(&marker)
        .map(|at| at + marker.len())
        .unwrap_or(html.len());
    html[at..].split('"').next().unwrap_or_default().to_owned()
}

/// A new account's token and its row id.
pub(crate) async fn account(app: &TestApp, name: &str) -> (String, i32) {
    let token = crate::support::token(&app.db, name, entity::Role::ProgrammeManager, None).await;
    let id = entity::api_token::Entity::find()
        .filter(entity::api_token::Column::Name.eq(name))
        .one(&app.db)
        .await
        .expect("read")
        .map(|t| t.id)
        .expect("the token's row");
    (token, id)
}

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Signing in: reading the form stores nothing; the right API token signs in (a session whose
/// cookie is HttpOnly, SameSite=Lax, Secure, path /, and lasts the idle time), back to the page
/// asked for; the page then says who reads, with a sign-out button. The database keeps the
/// SHA-256 of the session id and no token; signing in again gives a new id and the old one opens
/// nothing; signing out ends the session.
#[tokio::test]
async fn signing_in_with_a_token_gives_a_session_and_signing_out_ends_it() {
    let app = TestApp::with_demo().await;
    let (token, _) = account(&app, "programmamanager-web").await;
    let mut browser = Browser::new(&app);
    for path in ["/tijdlijn", "/aanmelden", "/", "/aanmelden?terug=/tijdlijn"] {
        let (status, headers, _) = browser.get(path).await;
        assert!(
            matches!(status, StatusCode::UNAUTHORIZED | StatusCode::OK),
            "{path}"
        );
        assert!(
            !headers.contains_key(header::SET_COOKIE),
            "{path}: no session before sign-in"
        );
    }
    assert_eq!(app.count("web_session").await, 0, "reading stores nothing");

    let (status, headers, html) = browser
        .post("/aanmelden", &[("token", &token), ("terug", "/tijdlijn")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    assert_eq!(headers[header::LOCATION], "/tijdlijn");
    let set = headers[header::SET_COOKIE]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    for flag in [
        "HttpOnly",
        "SameSite=Lax",
        "Path=/",
        "Secure",
        "Max-Age=28800",
    ] {
        assert!(set.contains(flag), "{flag} in {set}");
    }
    let first = browser.cookie().expect("signed in");
    let id = first
        .split_once('=')
        .map(|(_, v)| v.to_owned())
        .unwrap_or_default();
    let rows = entity::web_session::Entity::find()
        .all(&app.db)
        .await
        .expect("read");
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].id_sha256,
        koers::service::store::digest::sha256(id.as_bytes()),
        "the table keeps the id's SHA-256"
    );
    assert!(!rows[0].data.contains(&token), "the token is never stored");
    let idle = (rows[0].expires_at - chrono::Utc::now()).num_minutes();
    assert!(
        (478..=480).contains(&idle),
        "the idle time from now: {idle} min"
    );

    let (status, _, html) = browser.get("/tijdlijn").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("Aangemeld als programmamanager-web"),
        "{html}"
    );
    assert!(html.contains("action=\"/afmelden\""), "a sign-out button");

    // The sign-in page says who is signed in, whatever its address says.
    let (status, _, html) = browser.get("/aanmelden?afgemeld=ja").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("U bent aangemeld als programmamanager-web")
            && !html.contains("U bent afgemeld"),
        "{html}"
    );
    assert!(
        html.contains("action=\"/afmelden\""),
        "with the sign-out button"
    );
    // Signing in again: a new id, and the old one opens nothing.
    browser.post("/aanmelden", &[("token", &token)]).await;
    let second = browser.cookie().expect("signed in again");
    assert_ne!(second, first, "a new session id at sign-in");
    let mut stale = Browser::new(&app);
    stale.set_cookie(Some(first));
    let (status, _, _) = stale.get("/tijdlijn").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let (_, _, html) = browser.get("/").await;
    let sign_out_token = hidden(&html, "formulier");
    assert!(
        sign_out_token.len() >= 40,
        "the sign-out form's token: {sign_out_token}"
    );
    let (status, headers, _) = browser
        .post("/afmelden", &[("formulier", &sign_out_token)])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/aanmelden?afgemeld=ja");
    let mut old = Browser::new(&app);
    old.set_cookie(Some(second));
    let (status, _, html) = old.get("/tijdlijn").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "signed out: {html}");
    assert_eq!(app.count("web_session").await, 0, "no session is left");
}

/// The sign-in form counts only from koers's own pages (a browser says where a form comes
/// from); a sign-out without the session's form token changes nothing (403). A wrong token is
/// refused in Dutch without saying why; an empty one asks for it; a way back that leaves koers
/// is not taken; a form that is no form is a Dutch 400.
#[tokio::test]
async fn signing_in_comes_from_koers_and_needs_a_live_token() {
    let app = TestApp::with_demo().await;
    let (token, _) = account(&app, "beheer-web").await;
    let mut browser = Browser::new(&app);
    for (name, value) in [
        ("origin", "https://elders.example"),
        ("sec-fetch-site", "cross-site"),
        ("sec-fetch-site", "same-site"),
    ] {
        let body = format!("token={token}");
        let (status, _, html) = browser
            .send(
                Request::post("/aanmelden")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::HOST, "koers.example")
                    .header(name, value),
                Body::from(body),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{name}: {value}: {html}");
        assert!(
            html.contains("kwam niet van een pagina van koers"),
            "{html}"
        );
        assert!(browser.cookie().is_none(), "not signed in");
    }
    let (status, _, html) = browser
        .post("/aanmelden", &[("token", "koers_onzin")])
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        html.contains("Dit token is onbekend, ingetrokken of verlopen"),
        "{html}"
    );
    let (status, _, html) = browser.post("/aanmelden", &[("token", "  ")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("Vul uw token in."), "{html}");
    // Failed attempts count per address, as the API counts them, and the page says so.
    let limited = TestApp::with_config(koers::config::ApiConfig {
        failed_sign_ins_per_minute: 2,
        ..Default::default()
    })
    .await;
    let mut guesser = Browser::new(&limited);
    let mut statuses = Vec::new();
    for guess in 0..4 {
        let wrong = format!("koers_{guess:064}");
        let (status, headers, html) = guesser
            .send(
                Request::post("/aanmelden")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .extension(axum::extract::ConnectInfo(std::net::SocketAddr::from((
                        [10, 0, 0, 7],
                        4000,
                    )))),
                Body::from(format!("token={wrong}")),
            )
            .await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            assert!(html.contains("Te veel mislukte aanmeldpogingen"), "{html}");
            assert!(headers.contains_key(header::RETRY_AFTER));
        }
        statuses.push(status);
    }
    assert_eq!(
        statuses.last(),
        Some(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    let (status, _, html) = browser
        .send(
            Request::post("/aanmelden").header(header::CONTENT_TYPE, "application/json"),
            Body::from("{}"),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("Formulier niet te lezen"), "{html}");
    // From koers's own page (the browser says so), with a way back that leaves koers.
    let body = format!("token={token}&terug=%2F%2Fexample.org%2F");
    let (status, headers, _) = browser
        .send(
            Request::post("/aanmelden")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::HOST, "koers.example")
                .header(header::ORIGIN, "https://koers.example")
                .header("sec-fetch-site", "same-origin"),
            Body::from(body),
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/");
    // Signed in, a sign-out without the form token leaves the session as it is.
    for forged in ["", "vervalst"] {
        let (status, _, _) = browser.post("/afmelden", &[("formulier", forged)]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    let (status, _, html) = browser.get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Aangemeld als beheer-web"), "{html}");
}

/// Revoking the token ends its web sessions at the next request, and the page says why;
/// a session past its idle time is not read.
#[tokio::test]
async fn a_revoked_token_or_an_idle_session_ends_the_session() {
    let app = TestApp::with_demo().await;
    let (token, id) = account(&app, "ingetrokken-web").await;
    let mut browser = Browser::new(&app);
    browser.post("/aanmelden", &[("token", &token)]).await;
    let (status, _, _) = browser.get("/").await;
    assert_eq!(status, StatusCode::OK);
    let admin = koers::service::Actor::system("beheer", crate::support::t0());
    koers::service::accounts::tokens::revoke(&app.db, &admin, id)
        .await
        .expect("revoked");
    let (status, _, html) = browser.get("/").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(html.contains("Uw sessie is beëindigd"), "{html}");
    assert!(!html.contains("TZ202504-057"));
    assert_eq!(app.count("web_session").await, 0, "the session is gone");

    // A fresh session whose idle time has run out.
    let (token, _) = account(&app, "stil-web").await;
    let mut browser = Browser::new(&app);
    browser.post("/aanmelden", &[("token", &token)]).await;
    let (status, _, _) = browser.get("/").await;
    assert_eq!(status, StatusCode::OK);
    entity::web_session::Entity::update_many()
        .col_expr(
            entity::web_session::Column::ExpiresAt,
            sea_orm::sea_query::Expr::value(chrono::Utc::now() - chrono::Duration::minutes(1)),
        )
        .exec(&app.db)
        .await
        .expect("expired");
    let (status, _, _) = browser.get("/").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

/// With `--insecure-cookies` (a test installation over http) the cookie goes without `Secure`.
#[tokio::test]
async fn the_session_cookie_is_secure_unless_configured_otherwise() {
    let app = TestApp::with_config(koers::config::ApiConfig {
        insecure_cookies: true,
        ..Default::default()
    })
    .await;
    let (token, _) = account(&app, "http-web").await;
    let mut browser = Browser::new(&app);
    let (_, headers, _) = browser.post("/aanmelden", &[("token", &token)]).await;
    let set = headers[header::SET_COOKIE].to_str().unwrap_or_default();
    assert!(!set.contains("Secure") && set.contains("HttpOnly"), "{set}");
}

/// A manager's favourable judgement never hides what the schedule finds. A milestone expected
/// after its Kamer deadline, judged "op schema" by its manager, is still listed as needing
/// attention, drawn off track on the timeline (a square, not a circle) and found by its
/// "achter" filter, and its page shows the schedule's health with the judgement beside it;
/// its deadline in the overview says it is expected after it. An overdue milestone so judged
/// is drawn off track too.
#[tokio::test]
async fn a_favourable_judgement_never_hides_a_missed_deadline() {
    let app = TestApp::new().await; // status date 1 June 2026
    crate::support::recess(
        &app,
        "SUMMER",
        2026,
        "Zomerreces 2026",
        "2026-07-03",
        "2026-08-31",
    )
    .await;
    let p = programme(&app).await;
    let late = milestone(&app, &p, "Brief na de termijn", Some("RIJK"), "2026-07-09").await;
    let overdue = milestone(&app, &p, "Levering over tijd", Some("RIJK"), "2026-05-20").await;
    for (id, extra) in [
        (&late, json!({ "deadlineDate": "2026-07-02" })),
        (&overdue, json!({})),
    ] {
        let mut input = json!({ "id": id, "version": 1, "changeReason": "Termijn en oordeel",
            "healthOverride": { "health": "ON_TRACK", "reason": "Mondeling afgestemd met de griffie van de Kamer", "until": "2026-08-01" } });
        for (k, v) in extra.as_object().into_iter().flatten() {
            input[k] = v.clone();
        }
        app.ok(
            "mutation($i: UpdateMilestoneInput!) { updateMilestone(input: $i) { status } }",
            json!({ "i": input }),
        )
        .await;
    }
    let data = app
        .ok(
            "query($id: ID!) { node(id: $id) { ... on Milestone { health computedHealth { health } } } }",
            json!({ "id": late }),
        )
        .await;
    assert_eq!(
        data["node"]["health"], "ON_TRACK",
        "the judgement counts in the API"
    );
    assert_eq!(data["node"]["computedHealth"]["health"], "OFF_TRACK");

    let (_, _, html) = page(&app, "/").await;
    let attention = section(&html, "aandacht");
    for title in ["Brief na de termijn", "Levering over tijd"] {
        let at = attention
            .find(&format!(">{title}</a></th>"))
            .unwrap_or_else(|| panic!("{title} listed: {attention}"));
        let row = &attention[at..];
        let row = &row[..row.find("</tr>").unwrap_or(row.len())];
        assert!(row.contains(">Achter op schema</span>"), "{row}");
        assert!(row.contains("Oordeel van de manager: op schema (Mondeling afgestemd met de griffie van de Kamer)"), "{row}");
    }
    let deadlines = section(&html, "termijnen");
    assert!(
        deadlines.contains("verwacht 9 juli 2026, 7 dagen na de termijn"),
        "{deadlines}"
    );

    let (_, _, timeline) = page(&app, "/tijdlijn?laag=rijk").await;
    for id in [&late, &overdue] {
        let at = timeline
            .find(&format!("<a href=\"/mijlpalen/{id}\""))
            .expect("drawn");
        let row = &timeline[at..];
        let row = &row[..row
            .find("</rect><title>")
            .map_or(row.len(), |e| e + 200)
            .min(row.len())];
        assert!(row.contains("Achter op schema"), "{row}");
        assert!(row.contains("oordeel van de manager: op schema"), "{row}");
    }
    let svg = &timeline[timeline.find("class=\"koers-timeline\" width").unwrap_or(0)..];
    let svg = &svg[..svg.find("</svg>").unwrap_or(svg.len())];
    assert!(
        !svg.contains("fill=\"#1f7a2e\"")
            && svg
                .matches("fill=\"#b00020\"><title>Achter op schema")
                .count()
                == 2,
        "no green mark for either: both are drawn off track: {svg}"
    );
    let (_, _, on_track) = page(&app, "/tijdlijn?stand=op-schema").await;
    assert!(
        !drawn(&on_track).contains(&late),
        "not on track by the schedule"
    );
    let (_, _, off_track) = page(&app, "/tijdlijn?stand=achter").await;
    assert!(drawn(&off_track).contains(&late) && drawn(&off_track).contains(&overdue));
    assert!(
        timeline.contains("<title>Termijn 2 juli 2026</title>"),
        "the deadline is drawn"
    );

    let (_, _, html) = page(&app, &format!("/mijlpalen/{late}")).await;
    assert!(
        html.contains(">Achter op schema</span> <span class=\"koers-note\">(volgens het plan; oordeel van de manager: op schema)</span>"),
        "{html}"
    );
    assert!(
        html.contains("maar het is gunstiger dan wat het plan berekent")
            && !html.contains("Dit oordeel telt."),
        "the judgement's paragraph agrees with the headline: {html}"
    );
}

/// Toezeggingen lists every commitment under the state the API gives it (gravest first), with
/// its deadline, its milestones (each linked), and its letters to the Kamer in words; on 30
/// November the summer-recess commitment is missed and owes a postponement letter.
#[tokio::test]
async fn the_commitments_page_groups_them_by_state_with_their_letters() {
    let app = TestApp::with_demo().await;
    for day in ["2026-06-15", "2026-11-30"] {
        app.on_day(day);
        let data = app
            .ok(
                "{ commitments(first: 100) { nodes { number risk { state } milestones { id }
                   letters { kind sentOn } } } }",
                json!({}),
            )
            .await;
        let (status, _, html) = page(&app, "/toezeggingen").await;
        assert_eq!(status, StatusCode::OK, "{html}");
        let nodes = data["commitments"]["nodes"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(nodes.len() >= 2, "{data}");
        let mut letters = 0;
        for c in &nodes {
            let number = c["number"].as_str().unwrap_or_default();
            let id = match c["risk"]["state"].as_str() {
                Some("MISSED") => "gemist",
                Some("NEEDS_POSTPONEMENT_LETTER") => "uitstelbrief-nodig",
                Some("AT_RISK") => "risico",
                Some("ON_TRACK") => "op-schema",
                Some("FULFILLED") => "nagekomen",
                other => panic!("{other:?}"),
            };
            let group = section(&html, id);
            assert!(
                group.contains(&format!(">{number}</h3>")),
                "{day}: {number} under {id}"
            );
            for m in c["milestones"].as_array().into_iter().flatten() {
                let link = format!("href=\"/mijlpalen/{}\"", m["id"].as_str().unwrap_or("?"));
                assert!(group.contains(&link), "{day}: {number}'s milestone {link}");
            }
            for l in c["letters"].as_array().into_iter().flatten() {
                letters += 1;
                let sent: chrono::NaiveDate = l["sentOn"]
                    .as_str()
                    .unwrap_or_default()
                    .parse()
                    .expect("a date");
                let words =
                    koers::service::language::Words::new(koers::service::language::Language::Nl);
                let kind = if l["kind"] == "FULFILMENT" {
                    "Brief"
                } else {
                    "Uitstelbrief"
                };
                assert!(
                    group.contains(&format!(">{kind} van {}", words.date(sent))),
                    "{day}: {number}'s letter of {sent}: {group}"
                );
            }
        }
        assert!(letters > 0, "the demo plan has letters");
        // Gravest first.
        let at = |id: &str| html.find(&format!("id=\"{id}\"")).unwrap_or(usize::MAX);
        assert!(at("nagekomen") > at("risico").min(at("gemist")), "{day}");
    }
    let (_, _, html) = page(&app, "/toezeggingen").await;
    let missed = section(&html, "gemist");
    assert!(
        missed.contains("TZ202504-057")
            && missed.contains("De termijn is 151 dagen voorbij (op de peildatum).")
            && missed.contains("uitstelbrief aan de Kamer is nodig"),
        "{missed}"
    );
    assert!(
        html.contains("Voor 1 toezegging is een uitstelbrief nodig."),
        "{html}"
    );
}

/// Rapportages: a published report with its documents (each opening through the web app, as
/// the API serves it) and their SHA-256; a draft only for those who may see drafts.
#[tokio::test]
async fn the_reports_page_lists_published_reports_and_drafts_for_those_who_may() {
    let app = TestApp::with_demo().await;
    let generate = "mutation($d: Date!, $t: String!) { generateProgressReport(input: { asOf: $d, title: $t }) { report { id version } } }";
    let published = app
        .ok(
            generate,
            json!({ "d": "2026-06-15", "t": "Voortgang juni 2026" }),
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
        json!({ "d": "2026-06-15", "t": "Concept <juli> & later" }),
    )
    .await;
    let documents = app
        .ok(
            "query($id: ID!) { progressReport(id: $id) { documents { format url sha256 } } }",
            json!({ "id": published["id"] }),
        )
        .await["progressReport"]["documents"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(documents.len() >= 4, "{documents:?}");

    let (status, _, html) = page(&app, "/rapportages").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let shelf = section(&html, "gepubliceerd");
    assert!(
        shelf.contains("Voortgang juni 2026") && shelf.contains("15 juni 2026"),
        "{shelf}"
    );
    for d in &documents {
        let file = d["url"]
            .as_str()
            .unwrap_or_default()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        let link = format!("/rapportages/documenten/{file}");
        assert!(
            shelf.contains(&format!("href=\"{link}\"")),
            "{link} in {shelf}"
        );
        let sha = d["sha256"]
            .as_str()
            .expect("a published document's SHA-256");
        assert!(shelf.contains(sha), "{sha}");
        // The document opens through the web app as the API serves it.
        let (status, _, body) = app.get(&link).await;
        let (_, _, direct) = app.get(d["url"].as_str().unwrap_or_default()).await;
        assert_eq!(status, StatusCode::OK, "{link}");
        assert_eq!(body, direct, "{link} is the API's document");
    }
    let drafts = section(&html, "concepten");
    assert!(
        drafts.contains("Concept &lt;juli&gt; &amp; later"),
        "the admin sees the draft: {drafts}"
    );

    // A viewer sees the published report, not the draft.
    let viewer = app.token("lezer", entity::Role::Viewer, None).await;
    let (status, _, html) = browse_with(
        &app,
        "/rapportages",
        &[("authorization", format!("Bearer {viewer}"))],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Voortgang juni 2026"));
    assert!(
        !html.contains("Concept &lt;juli&gt;") && !html.contains("id=\"concepten\""),
        "{html}"
    );
}

/// What a commitment's state means, on its page, in the cases the schedule cannot see for
/// itself: one without milestones is not called on time without saying why; a fulfilment
/// letter after the deadline says how late it came; a postponement letter names the new
/// deadline as the report does.
#[tokio::test]
async fn the_commitments_page_says_what_each_state_means() {
    let app = TestApp::new().await; // status date 1 June 2026
    let p = programme(&app).await;
    let create = "mutation($i: CreateCommitmentInput!) { createCommitment(input: $i) { commitment { id version } } }";
    let unlinked = app
        .ok(
            create,
            json!({ "i": { "programmeId": p, "number": "TZ-LOS", "text": "Zonder mijlpaal",
            "madeBy": "minister", "madeOn": "2026-01-10", "deadlineDate": "2026-09-01" } }),
        )
        .await;
    assert!(unlinked["createCommitment"]["commitment"]["id"].is_string());
    let late = app
        .ok(
            create,
            json!({ "i": { "programmeId": p, "number": "TZ-LAAT", "text": "Te laat nagekomen",
            "madeBy": "minister", "madeOn": "2026-01-10", "deadlineDate": "2026-03-01" } }),
        )
        .await["createCommitment"]["commitment"]
        .clone();
    app.ok(
        "mutation($i: RecordCommitmentLetterInput!) { recordCommitmentLetter(input: $i) { status } }",
        json!({ "i": { "commitmentId": late["id"], "version": late["version"], "kind": "FULFILMENT",
            "sentOn": "2026-05-01", "reference": "Kamerbrief 2026-05" } }),
    )
    .await;
    let (status, _, html) = page(&app, "/toezeggingen").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let unlinked = &html[html.find(">TZ-LOS</h3>").expect("listed")..];
    let unlinked = &unlinked[..unlinked.find("</article>").unwrap_or(unlinked.len())];
    assert!(
        unlinked.contains("Er is nog geen mijlpaal aan de toezegging gekoppeld"),
        "{unlinked}"
    );
    let fulfilled = section(&html, "nagekomen");
    assert!(
        fulfilled.contains("Nagekomen met de brief van 1 mei 2026, 61 dagen na de termijn."),
        "{fulfilled}"
    );
    assert!(
        fulfilled.contains(
            "Brief van 1 mei 2026 (Kamerbrief 2026-05), waarmee de toezegging is nagekomen"
        ),
        "{fulfilled}"
    );
}

/// A report's document through the web app: a draft's stays hidden from a viewer (a Dutch
/// 404, as for a document that does not exist), and a reader signed in on the web opens a
/// published one with the session alone.
#[tokio::test]
async fn report_documents_open_for_the_signed_in_reader_and_drafts_stay_hidden() {
    let app = TestApp::with_demo().await;
    let generate = "mutation($d: Date!, $t: String!) { generateProgressReport(input: { asOf: $d, title: $t }) { report { id version documents { url } } } }";
    let published = app
        .ok(generate, json!({ "d": "2026-06-15", "t": "Gepubliceerd" }))
        .await["generateProgressReport"]["report"]
        .clone();
    let v = app.approve(&published["id"], &published["version"]).await;
    app.ok(
        "mutation($id: ID!, $v: Int!) { publishProgressReport(input: { id: $id, version: $v }) { status } }",
        json!({ "id": published["id"], "v": v }),
    )
    .await;
    let draft = app
        .ok(generate, json!({ "d": "2026-06-15", "t": "Concept" }))
        .await["generateProgressReport"]["report"]
        .clone();
    let file = |report: &Value| {
        report["documents"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| d["url"].as_str())
            .find(|u| u.ends_with(".pdf"))
            .and_then(|u| u.rsplit('/').next())
            .map(|f| format!("/rapportages/documenten/{f}"))
            .expect("a PDF")
    };
    let viewer = app.token("lezer-web", entity::Role::Viewer, None).await;
    let bearer = [("authorization", format!("Bearer {viewer}"))];
    for hidden in [file(&draft), "/rapportages/documenten/9999.pdf".to_owned()] {
        let (status, headers, html) = browse_with(&app, &hidden, &bearer).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{hidden}");
        assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
        assert!(html.contains("Document niet gevonden"), "{html}");
    }
    let mut browser = Browser::new(&app);
    browser.post("/aanmelden", &[("token", &viewer)]).await;
    let (status, headers, body) = browser.get(&file(&published)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        headers[header::CONTENT_TYPE],
        "application/pdf",
        "the document itself"
    );
    let (status, _, _) = browser.get(&file(&draft)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
