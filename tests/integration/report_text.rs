//! One character must never make a report impossible, and no text may become markup: titles
//! with emoji and Chinese, control characters stored before input was checked, Markdown and
//! HTML in a title, a pipe in a KPI name and a 200-character word, in every format, checked
//! with independent readers (a CommonMark parser, an XML parser, poppler, LibreOffice and
//! Chromium).

use crate::support::TestApp;
use axum::http::StatusCode;
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

const ROCKET: &str = "Raket 🚀 klaar ✅ 中文 \u{F0000} einde";
const CONTROLS: &str = "Regel\u{B}breuk\u{7}bel\u{C}pagina\u{1B}[0m\u{FFFE}\u{85}na\u{2028}slot";
const MARKUP: &str = "*nadruk* [klik](javascript:alert(1)) <img src=x onerror=alert(1)> &amp; #kop";
const PIPE: &str = "Aandeel | met pijp";

fn long_word() -> String {
    format!("Langwoord{}", "x".repeat(191))
}

/// Store a title as it is, past the input checks (as text stored before they existed).
async fn store(app: &TestApp, table: &str, column: &str, id: i64, text: &str) {
    let backend = app.db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => format!("UPDATE {table} SET {column} = $1 WHERE id = $2"),
        _ => format!("UPDATE {table} SET {column} = ? WHERE id = ?"),
    };
    app.db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [text.into(), (id as i32).into()],
        ))
        .await
        .expect("update");
}

/// The milestones the demo's report of 15 June 2026 writes about (by row id).
async fn mentioned(app: &TestApp) -> Vec<i64> {
    let first = app
        .ok(
            "mutation { generateProgressReport(input: { asOf: \"2026-06-15\", title: \"Eerst\" }) { report { markdown } } }",
            json!({}),
        )
        .await;
    let markdown = first["generateProgressReport"]["report"]["markdown"]
        .as_str()
        .expect("markdown")
        .to_owned();
    let all = app
        .ok(
            "{ milestones(first: 100) { nodes { id title } } }",
            json!({}),
        )
        .await;
    all["milestones"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|m| markdown.contains(m["title"].as_str().unwrap_or("-")))
        .filter_map(|m| crate::support::row_id(m["id"].as_str().unwrap_or_default()))
        .collect()
}

/// A scratch file for an external reader.
fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("koers-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

/// The words of a PDF with their right edges, as poppler's `pdftotext -bbox` reads them; and
/// the page width.
fn words(pdf: &Path) -> (Vec<(String, f64)>, f64) {
    let out = Command::new("pdftotext")
        .args(["-bbox", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils; scripts/test installs it)");
    assert!(out.status.success(), "pdftotext reads {}", pdf.display());
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let attr = |tag: &str, name: &str| -> f64 {
        tag.split(&format!("{name}=\""))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    };
    let page_width = html
        .split("<page ")
        .nth(1)
        .map(|tag| attr(tag, "width"))
        .unwrap_or(0.0);
    let words = html
        .split("<word ")
        .skip(1)
        .map(|w| {
            let (tag, rest) = w.split_once('>').unwrap_or_default();
            let text = rest.split("</word>").next().unwrap_or_default().to_owned();
            (text, attr(tag, "xMax"))
        })
        .collect();
    (words, page_width)
}

/// Every word stays on the page (its right edge left of the page's).
fn nothing_runs_off(pdf: &Path, what: &str) {
    let (words, width) = words(pdf);
    assert!(!words.is_empty() && width > 0.0, "{what}: no words read");
    let over: Vec<&(String, f64)> = words.iter().filter(|(_, x)| *x > width).collect();
    assert!(
        over.is_empty(),
        "{what}: words run off the page ({width}): {over:?}"
    );
    let joined: String = words.iter().map(|(w, _)| w.as_str()).collect();
    assert!(
        joined.contains("Langwoord"),
        "{what}: the long word is there"
    );
}

/// Every XML document of a package parses, strictly.
fn well_formed(xml: &str, what: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Text(t)) => {
                t.unescape().unwrap_or_else(|e| panic!("{what}: text: {e}"));
            }
            Ok(_) => {}
            Err(e) => panic!("{what} is not well-formed XML: {e}"),
        }
    }
    assert!(
        !xml.chars().any(koers::service::store::text::forbidden),
        "{what} holds a control character"
    );
}

fn svgs(html: &str) -> Vec<&str> {
    html.match_indices("<svg")
        .map(|(start, _)| {
            let end = html[start..]
                .find("</svg>")
                .map_or(html.len(), |e| start + e + 6);
            &html[start..end]
        })
        .collect()
}

/// The Markdown as a CommonMark reader with GitHub's tables sees it: its text, and whether
/// anything became markup (HTML, links, images, emphasis).
/// The text, the markup found, and per table row (header cells, row cells).
fn read_markdown(markdown: &str) -> (String, Vec<String>, Vec<(usize, usize)>) {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut text = String::new();
    let mut markup = Vec::new();
    let mut cells_per_row = Vec::new();
    let mut cells = 0;
    let mut header = 0;
    for event in Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::Html(h) | Event::InlineHtml(h) => markup.push(format!("html {h}")),
            Event::Start(Tag::Link { dest_url, .. }) => markup.push(format!("link {dest_url}")),
            Event::Start(Tag::Image { dest_url, .. }) => markup.push(format!("image {dest_url}")),
            Event::Start(Tag::Emphasis) => markup.push("emphasis".into()),
            Event::Start(Tag::Strikethrough) => markup.push("strikethrough".into()),
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead) => {
                header = cells;
                cells = 0;
            }
            Event::End(TagEnd::TableRow) => {
                cells_per_row.push((header, cells));
                cells = 0;
            }
            Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    (text, markup, cells_per_row)
}

#[tokio::test]
async fn hostile_text_renders_literally_in_every_format_and_the_pdf_is_always_made() {
    let app = TestApp::with_demo().await;
    let mentioned = mentioned(&app).await;
    assert!(mentioned.len() >= 4, "{mentioned:?}");
    let long = long_word();
    for (id, title) in mentioned
        .iter()
        .zip([ROCKET, CONTROLS, MARKUP, long.as_str()])
    {
        store(&app, "milestone", "title", *id, title).await;
    }
    store(&app, "kpi", "name", 1, PIPE).await;

    let report = app
        .ok(
            "mutation { generateProgressReport(input: { asOf: \"2026-06-15\", title: \"Rapportage met lastige tekens\" }) { report { id version } } }",
            json!({}),
        )
        .await["generateProgressReport"]["report"]
        .clone();
    let id = crate::support::row_id(report["id"].as_str().expect("id")).expect("row");

    // Markdown: a CommonMark reader finds every text back as literal text, and no markup.
    let (status, _, md) = app.get(&format!("/reports/{id}.md")).await;
    assert_eq!(status, StatusCode::OK);
    let md = String::from_utf8(md).expect("utf-8");
    let (text, markup, cells) = read_markdown(&md);
    assert!(markup.is_empty(), "user text became markup: {markup:?}");
    for literal in [MARKUP, PIPE, "Raket 🚀 klaar ✅ 中文", &long] {
        assert!(
            text.contains(literal),
            "{literal:?} is not in the text:\n{text}"
        );
    }
    assert!(text.contains("Regel breuk"), "line breaks became spaces");
    assert!(
        cells.len() > 10 && cells.iter().all(|(head, row)| head == row && *head >= 4),
        "every table row has its header's cells: {cells:?}"
    );
    assert!(!md.chars().any(koers::service::store::text::forbidden));

    // HTML: escaped text, well-formed pictures, long words wrap.
    let (status, _, html) = app.get(&format!("/reports/{id}.html")).await;
    assert_eq!(status, StatusCode::OK);
    let html = String::from_utf8(html).expect("utf-8");
    assert!(!html.contains("<img src=x"), "no live HTML from a title");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!html.chars().any(koers::service::store::text::forbidden));
    for (i, svg) in svgs(&html).into_iter().enumerate() {
        well_formed(svg, &format!("HTML picture {i}"));
    }
    // In Chromium, at a laptop's width and a phone's, the page is no wider than the window.
    let measure = "<script>document.body.dataset.width = document.documentElement.scrollWidth + ' ' + document.documentElement.clientWidth;</script></body>";
    let page = scratch("report.html", html.replace("</body>", measure).as_bytes());
    for window in ["1024,768", "400,800"] {
        let dom = crate::support::chromium()
            .arg("--dump-dom")
            .arg(format!("--window-size={window}"))
            .arg(format!("file://{}", page.display()))
            .output()
            .expect("chromium runs (Debian's chromium; scripts/test installs it)");
        let dom = String::from_utf8_lossy(&dom.stdout).into_owned();
        let widths: Vec<u32> = dom
            .split("data-width=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(|w| w.split(' ').filter_map(|n| n.parse().ok()).collect())
            .unwrap_or_default();
        assert_eq!(
            widths.len(),
            2,
            "Chromium measured the page ({window}): {dom:.300}"
        );
        assert!(
            widths[0] <= widths[1],
            "the HTML is wider than a {window} window: {widths:?}"
        );
    }

    // ODT: every XML part well-formed; LibreOffice opens it, and long words wrap there.
    let (status, _, odt) = app.get(&format!("/reports/{id}.odt")).await;
    assert_eq!(status, StatusCode::OK);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(odt.clone())).expect("zip");
    for part in [
        "content.xml",
        "styles.xml",
        "meta.xml",
        "Pictures/timeline.svg",
    ] {
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(part).expect(part), &mut xml)
            .expect("utf-8");
        well_formed(&xml, part);
    }
    let document = scratch("report.odt", &odt);
    let converted = Command::new("soffice")
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(document.parent().expect("dir"))
        .arg(format!(
            "-env:UserInstallation=file://{}",
            document.with_file_name("lo").display()
        ))
        .arg(&document)
        .output()
        .expect("LibreOffice runs (libreoffice-writer-nogui; scripts/test installs it)");
    let from_odt = document.with_extension("pdf");
    assert!(
        from_odt.exists(),
        "LibreOffice opened the ODT: {converted:?}"
    );
    nothing_runs_off(&from_odt, "ODT set by LibreOffice");

    // PDF: always made; emoji and Chinese from the fallback fonts; "�" for what no font has.
    let (status, _, pdf) = app.get(&format!("/reports/{id}.pdf")).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&pdf));
    let file = scratch("report.pdf", &pdf);
    nothing_runs_off(&file, "PDF");
    let (pdf_words, _) = words(&file);
    let pdf_text: String = pdf_words
        .iter()
        .map(|(w, _)| w.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    for expected in ["🚀", "✅", "中文", "�", "Regel", "slot"] {
        assert!(
            pdf_text.contains(expected),
            "{expected} in the PDF: {pdf_text}"
        );
    }

    // The report says which character the PDF cannot show, in its language.
    let warnings = app
        .ok(
            "query($id: ID!) { progressReport(id: $id) { warnings { code character excerpt message } } }",
            json!({ "id": report["id"] }),
        )
        .await["progressReport"]["warnings"]
        .clone();
    assert_eq!(
        warnings.as_array().map(Vec::len),
        Some(1),
        "one character no font has: {warnings}"
    );
    assert_eq!(warnings[0]["code"], "UNSUPPORTED_CHARACTER");
    assert_eq!(warnings[0]["character"], "U+F0000");
    assert!(
        warnings[0]["excerpt"]
            .as_str()
            .unwrap_or_default()
            .contains("Raket")
    );
    assert!(
        warnings[0]["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Het teken U+F0000")
    );

    // Publishing renders all four again and never fails because of text.
    let published = app
        .ok(
            "mutation($id: ID!, $v: Int!) { publishProgressReport(input: { id: $id, version: $v }) { status report { documents { format sha256 } } } }",
            json!({ "id": report["id"], "v": app.approve(&report["id"], &report["version"]).await }),
        )
        .await;
    let published: &Value = &published["publishProgressReport"];
    assert_eq!(published["status"], "OK", "{published}");
    let documents = published["report"]["documents"]
        .as_array()
        .expect("documents");
    assert!(
        documents.iter().all(|d| d["sha256"].is_string()),
        "{published}"
    );
}

/// Titles of characters drawn from all of Unicode (every plane, combining marks, right-to-left
/// text, joiner sequences, unassigned code points): the PDF is made each time.
#[tokio::test]
async fn the_pdf_is_made_whatever_characters_the_titles_hold() {
    let app = TestApp::with_demo().await;
    let ids = mentioned(&app).await;
    assert!(ids.len() >= 8, "{ids:?}");
    let mut seed: u64 = 0x6b6f657273;
    let mut next = move |bound: u32| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % u64::from(bound)) as u32
    };
    let fixed = [
        "👨‍👩‍👧‍👦 👍🏽 🇳🇱 ❤️ 1️⃣",
        "שלום עולם مرحبا بالعالم",
        "e\u{301}\u{302}\u{303} \u{301}alleen",
        "\u{200D}\u{200B}\u{FEFF}\u{2060}\u{E0067}\u{E007F}",
        "𠀀𠀁 𝄞 𓀀 \u{10FFFD} \u{E0100}",
    ];
    // Four reports: the fixed texts, then random ones.
    let mut warned = 0;
    for round in 0..4 {
        for (i, id) in ids.iter().take(8).enumerate() {
            let title: String = match fixed.get(i).filter(|_| round == 0) {
                Some(text) => (*text).to_owned(),
                None => (0..120)
                    .filter_map(|_| {
                        let plane = [0, 0, 0, 1, 1, 2, 14, 15][next(8) as usize];
                        char::from_u32(plane * 0x10000 + next(0x10000))
                    })
                    .filter(|c| !koers::service::store::text::forbidden(*c))
                    .collect(),
            };
            store(&app, "milestone", "title", *id, &title).await;
        }
        let report = app
            .ok(
                "mutation { generateProgressReport(input: { asOf: \"2026-06-15\", title: \"Alle tekens\" }) { report { id markdown warnings { character } } } }",
                json!({}),
            )
            .await["generateProgressReport"]["report"]
            .clone();
        let id = crate::support::row_id(report["id"].as_str().expect("id")).expect("row");
        let (status, _, pdf) = app.get(&format!("/reports/{id}.pdf")).await;
        assert_eq!(
            status,
            StatusCode::OK,
            "round {round}: {}",
            String::from_utf8_lossy(&pdf)
        );
        assert!(pdf.starts_with(b"%PDF"));
        warned += report["warnings"].as_array().map_or(0, Vec::len);
        if round == 0 {
            let markdown = report["markdown"].as_str().unwrap_or_default();
            for text in ["שלום עולם", "👨‍👩‍👧‍👦", "𠀀𠀁"] {
                assert!(markdown.contains(text), "{text} is in the report");
            }
        }
    }
    assert!(
        warned > 0,
        "unassigned and private-use code points are listed"
    );
}

/// The HTML printed (Chromium's print to PDF, A4) keeps a table's words whole: its columns have
/// fixed widths and small print type, so "Overheidslaag" and "gerealiseerd" are not broken
/// letter by letter.
#[tokio::test]
async fn the_html_prints_its_tables_with_whole_words() {
    let app = TestApp::with_demo().await;
    let html = app
        .ok(
            "mutation { generateProgressReport(input: { asOf: \"2026-06-15\", title: \"Juni\" }) { report { id } } }",
            json!({}),
        )
        .await["generateProgressReport"]["report"]["id"]
        .as_str()
        .and_then(crate::support::row_id)
        .expect("id");
    let (status, _, body) = app.get(&format!("/reports/{html}.html")).await;
    assert_eq!(status, StatusCode::OK);
    let page = scratch("report.html", &body);
    let pdf = page.with_extension("pdf");
    let printed = crate::support::chromium()
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs (Debian's chromium; scripts/test installs it)");
    assert!(pdf.exists(), "printed: {printed:?}");
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    for word in [
        "Overheidslaag",
        "gerealiseerd",
        "Gezamenlijk",
        "Waterschappen",
    ] {
        assert!(
            text.contains(word),
            "{word} broken in the printed HTML:\n{text}"
        );
    }
}

/// A risk's description may run to 10,000 characters: in the PDF its row breaks across pages
/// rather than run off the bottom of one, so the last word is still printed.
#[tokio::test]
async fn a_long_risk_runs_on_across_pages_in_the_pdf_and_loses_nothing() {
    let app = TestApp::with_demo().await;
    let programme = app
        .ok("{ programmes(first: 1) { nodes { id } } }", json!({}))
        .await["programmes"]["nodes"][0]["id"]
        .clone();
    let mut description = (0..1200)
        .map(|i| format!("zin{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    description.push_str(" EINDE");
    app.ok(
        "mutation($p: ID!, $d: String!) { createRisk(input: { programmeId: $p, title: \"Lang risico\", description: $d, likelihood: HIGH, impact: HIGH, layer: RIJK }) { risk { id } } }",
        json!({ "p": programme, "d": description }),
    )
    .await;
    let id = app
        .ok(
            "mutation { generateProgressReport(input: { asOf: \"2026-06-15\", title: \"Juni\" }) { report { id } } }",
            json!({}),
        )
        .await["generateProgressReport"]["report"]["id"]
        .as_str()
        .and_then(crate::support::row_id)
        .expect("id");
    let (status, _, pdf) = app.get(&format!("/reports/{id}.pdf")).await;
    assert_eq!(status, StatusCode::OK);
    let file = scratch("report.pdf", &pdf);
    let text = Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("zin1199") && text.contains("EINDE"),
        "the risk's last words are printed:\n{}",
        &text[text.len().saturating_sub(3000)..]
    );
}
