//! Progress reports: the demo's report as a golden file, self-contained HTML, publishing
//! freezes, "since the previous report" after known edits, and reports of a past peildatum.

use crate::support::{TestApp, code, version};
use serde_json::{Value, json};

const GENERATE: &str = "mutation($d: Date!, $t: String!, $l: Language! = NL) { generateProgressReport(input: { asOf: $d, title: $t, language: $l }) { report { id version status markdown documents { format url sha256 } } } }";
const PUBLISH: &str = "mutation($id: ID!, $v: Int!) { publishProgressReport(input: { id: $id, version: $v }) { status report { status publishedAt documents { format url sha256 byteSize } } } }";

async fn generate(app: &TestApp, as_of: &str, title: &str) -> Value {
    app.ok(GENERATE, json!({ "d": as_of, "t": title })).await["generateProgressReport"]["report"]
        .clone()
}

/// Where a report's document of `format` is served.
fn document_url(report: &Value, format: &str) -> String {
    report["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .find(|d| d["format"] == format)
        .and_then(|d| d["url"].as_str())
        .unwrap_or_else(|| panic!("no {format} document"))
        .to_owned()
}

fn golden(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden file");
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{name} differs from the golden file (UPDATE_GOLDEN=1 rewrites it after review):\n{actual}"
    );
}

#[tokio::test]
async fn the_demo_report_of_15_june_2026_matches_its_golden_file() {
    let app = TestApp::with_demo().await;
    let report = generate(
        &app,
        "2026-06-15",
        "Voortgangsrapportage monitoring MVOI, juni 2026",
    )
    .await;
    let markdown = report["markdown"].as_str().expect("markdown");
    golden("report-demo-2026-06-15.md", markdown);
    for heading in [
        "## 1. Aanleiding",
        "## 2. Kern",
        "## 3. Voortgang per fase en per overheidslaag",
        "## 4. Toezeggingen",
        "## 5. KPI's",
        "## 6. Data-infrastructuur en datagovernance",
        "## 7. Risico's",
        "## 8. Vervolg",
    ] {
        assert!(markdown.contains(heading), "missing {heading}");
    }
    assert!(markdown.contains("TZ202504-057"));
    assert!(markdown.contains("2 juli 2026"), "Dutch dates");
    assert!(markdown.contains("83,3 %"), "decimal comma");
    // A draft says so, and which document it is.
    assert!(
        markdown.contains("**CONCEPT**: niet voor verspreiding")
            && markdown.contains("Kenmerk nog niet toegekend · Versie 1 · Concept · 15 juni 2026"),
        "{markdown}"
    );
    // The report answers the summer-recess commitment: it gives it substance itself, and it is
    // not its own next moment.
    assert!(markdown.contains("- Stand: Deze rapportage geeft invulling aan de toezegging."));
    assert!(markdown.contains("Deze rapportage geeft invulling aan toezegging TZ202504-057."));
    assert!(
        markdown.contains("Er is nog geen volgend Kamermoment gepland"),
        "{markdown}"
    );
    // The coming period runs to the next report moment (none planned: half a year).
    assert!(markdown.contains("Komende periode (tot en met 15 december 2026):"));
    assert!(markdown.contains("- Start monitoringscyclus 2027 (15 december 2026, Gezamenlijk)"));
    // The Kern: the computed status, the key risk plainly with its reasons, the manager's
    // differing judgement named, and no "period" before there was a previous report.
    assert!(markdown.contains("Status: **risico**."), "{markdown}");
    assert!(markdown.contains(
        "Sinds de start van het programma zijn 13 van de 22 mijlpalen gerealiseerd. Twee mijlpalen lopen risico; geen enkele ligt achter op schema."
    ));
    assert!(markdown.contains("Het grootste risico ligt bij „Bestuurlijk overleg Rijk-IPO-VNG-UvW over het meerjarenplan”, verwacht op 24 juni 2026. Deze mijlpaal laat „Kamerbrief voortgang fase 3 (voor het zomerreces 2026)” nog 1 dag marge tot de termijn van 2 juli 2026."), "{markdown}");
    assert!(markdown.contains("De beheerder schat „Bestuurlijk overleg Rijk-IPO-VNG-UvW over het meerjarenplan” in als achter op schema, terwijl de planning risico aangeeft; de tellingen in deze rapportage volgen de planning."));
    // The critical path gives each step's slack: the chain moves the end first, but only a step
    // without slack moves it at once.
    assert!(markdown.contains("Het kritieke pad naar die mijlpaal, de keten die het einde het eerst verschuift, loopt via „Bestuurlijk overleg Rijk-IPO-VNG-UvW over het meerjarenplan” (1 dag marge), „Kamerbrief voortgang fase 3 (voor het zomerreces 2026)” (geen marge), „Meerjarenplan monitoring MVOI bestuurlijk vastgesteld” (18 dagen marge) en „Start monitoringscyclus 2027” (geen marge)."), "{markdown}");
    // A value's note (an invented value, a provisional target) travels with it.
    assert!(
        markdown.contains("| 100 % in 2026. Demowaarde. | 83,3 % (2025). Demowaarde. |"),
        "{markdown}"
    );
    // The milestone table: original and current date, computed status, the slip explained.
    assert!(markdown.contains("| Eindproducten fase 2 opgeleverd | Gezamenlijk | 3 juli 2025 | 30 september 2025 | gerealiseerd | 89 dagen later dan oorspronkelijk gepland. Uitgesteld met de uitstelbrief van 20 maart 2025. Het afstemmen van definities en KPI's met provincies, gemeenten en waterschappen kost meer tijd dan voorzien. |"), "{markdown}");
    assert!(markdown.contains("| Review sectorkaarten door de provincies (IPO) | Provincies | 13 juni 2025 | 5 september 2025 | gerealiseerd | 84 dagen later dan oorspronkelijk gepland. Geen toelichting gegeven. |"));
    // Every commitment, fulfilled ones with their letters.
    assert!(markdown.contains("- Stand: Nagekomen met de brief van 30 september 2025."));
    assert!(markdown.contains("- Uitstelbrief van 20 maart 2025 (Kamerbrief over de planning van fase 2, 20 maart 2025), met als nieuwe termijn uiterlijk 1 oktober 2025. Reden: het afstemmen"));
    // KPI figures per layer: no layer's value passes for the whole, each value has its own
    // target, nulmeting and source quality, trends follow the KPI's direction, and a KPI that
    // is not reportable is only listed as such.
    assert!(markdown.contains("| MVOI-01 Aandeel aanbestedingen met MVOI-criteria in relevante productgroepen | Waterschappen | \\- | geen doel vastgesteld | 68 % (2024). Demowaarde. | \\- | MVI-zelfevaluatietool (compleetheid 3 van 5) |"), "{markdown}");
    assert!(markdown.contains("| MVOI-11 Deelname aan de MVI-zelfevaluatietool | Gemeenten | 31 % (2024), eerste meting | 60 % in 2026. Demowaarde. | 38 % (2025). Demowaarde. | beter dan de vorige meting |"));
    assert!(markdown.contains("| MVOI-03 CO₂-uitstoot van de bedrijfsvoering van het Rijk | Rijk | 482.754 ton CO₂-eq in 2019 | 0 ton CO₂-eq in 2030. Klimaatneutrale bedrijfsvoering Rijk in 2030 (netto nul). | 337.013 ton CO₂-eq (2021) | beter dan de vorige meting | Jaarrapportage Bedrijfsvoering Rijk (actualiteit 3 van 5) |"), "{markdown}");
    assert!(
        !markdown.contains("Alle overheden"),
        "no layer passes for the whole"
    );
    assert!(
        !markdown.contains("| MVOI-04"),
        "not reportable, so not in the table"
    );
    assert!(markdown.contains(
        "- MVOI-04 Vermeden CO₂-uitstoot door MVOI: de actualiteit van RIVM-effectmeting MVI scoort 2 van 5"
    ));
    // Risks with all their reasons; the assessment column says whose it is: the planning's
    // health of a milestone, or a recorded risk's likelihood and impact (not a "status").
    assert!(markdown.contains(
        "| Risico | Overheidslaag | Inschatting | Redenen | Beheersmaatregel | Eigenaar |"
    ));
    // The programme's goal is a sentence, also where it was recorded as a phrase.
    assert!(markdown.contains("over Regie op de monitoring van MVOI. Doel van het programma: betere stuur- en monitoringsinformatie"), "{markdown}");
    assert!(markdown.contains("| Pilot productkaarten in vijf gemeenten (VNG) afgerond | Gemeenten | risico (planning) | Laat „Kamerbrief voortgang fase 3 (voor het zomerreces 2026)” nog 6 dagen marge tot de termijn van 2 juli 2026. Te weinig gemeenten ronden de pilot productkaarten af (kans middel, impact middel). | VNG heeft twee reservegemeenten benaderd; de pilot kan met vier gemeenten worden afgerond. | Programmamanager VNG |"), "{markdown}");
    // A recorded risk to a milestone on schedule has its own row; one without a mitigation
    // says so.
    assert!(markdown.contains("| MVOI-velden in TenderNed blijven langer optioneel | Rijk | kans middel, impact hoog | Het verplicht stellen van de velden hangt af van een aanpassing van de aankondigingsformulieren. Raakt „MVOI-velden verplicht in TenderNed-aankondigingen”. | Nog geen beheersmaatregel vastgelegd. | PIANOo |"));
    // No team jargon.
    for jargon in ["t.o.v.", "speling", "/5", "CO2", "\"", "H2"] {
        assert!(!markdown.contains(jargon), "{jargon} in:\n{markdown}");
    }

    let english = app
        .ok(
            GENERATE,
            json!({ "d": "2026-06-15", "t": "Progress report", "l": "EN" }),
        )
        .await["generateProgressReport"]["report"]["markdown"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        english.contains("## 2. Key points") && english.contains("2 July 2026"),
        "{english}"
    );
}

#[tokio::test]
async fn the_html_report_is_one_self_contained_file_with_its_pictures() {
    let app = TestApp::with_demo().await;
    let report = generate(&app, "2026-06-15", "Voortgangsrapportage").await;
    let url = document_url(&report, "HTML");
    let (status, headers, body) = app.get(&url).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
    let html = String::from_utf8(body).expect("utf-8");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.matches("<svg").count() >= 2,
        "a timeline and KPI charts"
    );
    assert!(html.contains("@media print"), "a print stylesheet");
    for external in [
        "src=\"http",
        "href=\"http",
        "<script",
        "<link",
        "url(",
        "@import",
    ] {
        assert!(
            !html.contains(external),
            "the HTML references something external: {external}"
        );
    }
    let (status, _, _) = app.get("/reports/999.html").await;
    assert_eq!(status, 404);
    let (status, _, _) = app.get("/reports/1.exe").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_published_report_is_frozen() {
    let app = TestApp::with_demo().await;
    let report = generate(&app, "2026-06-15", "Juni 2026").await;
    let id = report["id"].as_str().expect("id").to_owned();
    assert!(
        report["documents"][0]["sha256"].is_null(),
        "a draft has no fixed hash"
    );
    let published = app
        .ok(
            PUBLISH,
            json!({ "id": id, "v": app.approve(&json!(id), &report["version"]).await }),
        )
        .await["publishProgressReport"]
        .clone();
    assert_eq!(published["status"], "OK");
    assert_eq!(published["report"]["status"], "PUBLISHED");
    let documents = published["report"]["documents"]
        .as_array()
        .expect("documents")
        .clone();
    let mut before = Vec::new();
    for d in &documents {
        let (status, headers, body) = app.get(d["url"].as_str().expect("url")).await;
        assert_eq!(status, 200);
        let hash = koers::service::store::digest::sha256(&body);
        assert_eq!(
            d["sha256"],
            hash.as_str(),
            "the hash shown is the document's"
        );
        assert_eq!(headers["x-content-sha256"], hash.as_str());
        before.push(body);
    }

    // Change the plan: the published report does not change; a new draft does.
    let moved = app
        .ok(
            "{ milestones(first: 100) { edges { node { id title } } } }",
            json!({}),
        )
        .await["milestones"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .find(|e| {
            e["node"]["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Bestuurlijk overleg"))
        })
        .map(|e| e["node"]["id"].as_str().unwrap_or_default().to_owned())
        .expect("consultation");
    let v = version(&app, &moved).await;
    app.clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-06-15T12:00:00Z")
            .expect("t")
            .to_utc(),
    );
    app.ok(
        "mutation($id: ID!, $v: Int!) { updateMilestone(input: { id: $id, version: $v, forecastDate: \"2026-07-08\", title: \"Bestuurlijk overleg (verplaatst)\" }) { status } }",
        json!({ "id": moved, "v": v }),
    )
    .await;
    for (d, old) in documents.iter().zip(&before) {
        let (_, _, body) = app.get(d["url"].as_str().expect("url")).await;
        assert_eq!(&body, old, "published documents never change");
    }
    let fresh = generate(&app, "2026-06-15", "Juni 2026").await;
    assert!(
        fresh["markdown"]
            .as_str()
            .is_some_and(|m| m.contains("(verplaatst)"))
    );

    // Frozen: no second publication, no deletion.
    let v = version(&app, &id).await;
    let again = app.err(PUBLISH, json!({ "id": id, "v": v })).await;
    assert_eq!(code(&again), "CONFLICT", "{v}");
    let delete = app
        .err("mutation($id: ID!, $v: Int!) { deleteProgressReport(input: { id: $id, version: $v }) { status } }", json!({ "id": id, "v": v }))
        .await;
    assert_eq!(code(&delete), "CONFLICT");
}

#[tokio::test]
async fn the_next_report_says_what_changed_and_a_past_peildatum_gives_that_days_report() {
    let app = TestApp::with_demo().await;
    let june = generate(&app, "2026-06-15", "Juni 2026").await;
    let june_markdown = june["markdown"].as_str().unwrap_or_default().to_owned();
    // Published the next day: the Kamerbrief it is goes out on 16 June.
    app.on_day("2026-06-16");
    let v = app.approve(&june["id"], &june["version"]).await;
    app.ok(PUBLISH, json!({ "id": june["id"], "v": v })).await;

    // Known edits after the peildatum.
    app.clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-06-20T09:00:00Z")
            .expect("t")
            .to_utc(),
    );
    let q = app
        .ok("{ milestones(first: 100) { edges { node { id title version } } } kpis(first: 1) { edges { node { id } } } programmes { edges { node { id } } } }", json!({}))
        .await;
    let find = |prefix: &str| {
        q["milestones"]["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .map(|e| &e["node"])
            .find(|n| n["title"].as_str().is_some_and(|t| t.starts_with(prefix)))
            .cloned()
            .expect("milestone")
    };
    let consultation = find("Bestuurlijk overleg");
    app.ok(
        "mutation($id: ID!, $v: Int!) { updateMilestone(input: { id: $id, version: $v, forecastDate: \"2026-07-08\", changeReason: \"  Minister niet eerder beschikbaar \" }) { status } }",
        json!({ "id": consultation["id"], "v": consultation["version"] }),
    )
    .await;
    let pilot = find("Pilot productkaarten");
    app.ok(
        "mutation($id: ID!, $v: Int!) { updateMilestone(input: { id: $id, version: $v, status: DONE, actualDate: \"2026-06-19\" }) { status } }",
        json!({ "id": pilot["id"], "v": pilot["version"] }),
    )
    .await;
    let extra = app.ok(
        "mutation($p: ID!) { createMilestone(input: { programmeId: $p, title: \"Extra consultatie waterschappen\", kind: CONSULTATION, layer: WATERSCHAP, plannedDate: \"2026-09-01\" }) { milestone { id } } }",
        json!({ "p": q["programmes"]["edges"][0]["node"]["id"] }),
    )
    .await["createMilestone"]["milestone"]["id"]
        .clone();
    // Moved later without a reason: allowed, and the report says so.
    app.ok(
        "mutation($id: ID!) { updateMilestone(input: { id: $id, version: 1, plannedDate: \"2026-09-15\" }) { status } }",
        json!({ "id": extra }),
    )
    .await;
    let monitor = find("KPI's gekoppeld aan de klimaatmonitor");
    app.ok(
        "mutation($id: ID!, $v: Int!) { deleteMilestone(input: { id: $id, version: $v }) { status } }",
        json!({ "id": monitor["id"], "v": monitor["version"] }),
    )
    .await;

    // The report of 30 June is made on that day (a later peildatum than today is refused).
    app.on_day("2026-06-30");
    let july = generate(&app, "2026-06-30", "Juli 2026").await;
    let md = july["markdown"].as_str().unwrap_or_default();
    let changes = md
        .split("## Wijzigingen sinds de vorige rapportage")
        .nth(1)
        .expect("changes section");
    assert!(
        md.contains("Periode: 15 juni 2026 tot en met 30 juni 2026"),
        "{md}"
    );
    assert!(md.contains("Vorige rapportage: Juni 2026 (15 juni 2026)"));
    assert!(changes.contains("Bestuurlijk overleg Rijk-IPO-VNG-UvW over het meerjarenplan (20 juni 2026): prognose van 24 juni 2026 naar 8 juli 2026; toelichting: Minister niet eerder beschikbaar"), "{changes}");
    assert!(
        changes.contains("Extra consultatie waterschappen (20 juni 2026): planning van 1 september 2026 naar 15 september 2026; geen toelichting gegeven"),
        "{changes}"
    );
    // Publishing the June report sent the Kamerbrief it is: done on 16 June, and the
    // summer-recess commitment fulfilled by it; this report claims it no more.
    assert!(
        md.contains("| Kamerbrief voortgang fase 3 (voor het zomerreces 2026) | Rijk | 2 juli 2026 | 16 juni 2026 | gerealiseerd | - |"),
        "{md}"
    );
    assert!(md.contains("- Stand: Nagekomen met de brief van 16 juni 2026."));
    assert!(!md.contains("geeft het kabinet invulling aan"));
    assert!(
        md.contains("Van de 22 mijlpalen zijn er 15 gerealiseerd, waarvan twee in deze periode.")
    );
    // The Aanleiding names the earlier letters to the Kamer, the published report among them.
    assert!(
        md.contains("Eerder is de Kamer geïnformeerd met:\n\n- uitstelbrief van 20 maart 2025 over toezegging TZ202410-031 (Kamerbrief over de planning van fase 2, 20 maart 2025)\n- brief van 30 september 2025 waarmee toezegging TZ202410-031 is nagekomen (Kamerbrief eindproducten fase 2, 30 september 2025)\n- voortgangsrapportage „Juni 2026” van 16 juni 2026 (peildatum 15 juni 2026), waarmee toezegging TZ202504-057 is nagekomen\n\n"),
        "{md}"
    );
    // The slip is explained by the reason given with the move.
    assert!(
        md.contains("| Bestuurlijk overleg Rijk-IPO-VNG-UvW over het meerjarenplan | Gezamenlijk | 15 april 2026 | 8 juli 2026 | risico | 84 dagen later dan oorspronkelijk gepland en 35 dagen later dan bij de laatste herplanning. Toelichting: minister niet eerder beschikbaar."),
        "{md}"
    );
    assert!(
        changes.contains(
            "Afgerond:\n\n- Kamerbrief voortgang fase 3 (voor het zomerreces 2026) (16 juni 2026)\n- Pilot productkaarten in vijf gemeenten (VNG) afgerond (19 juni 2026)"
        ),
        "{changes}"
    );
    assert!(
        changes.contains("Toegevoegd:\n\n- Extra consultatie waterschappen"),
        "{changes}"
    );
    assert!(
        changes.contains("Vervallen:\n\n- KPI's gekoppeld aan de klimaatmonitor"),
        "{changes}"
    );
    // No open milestone changed its health: the bestuurlijk overleg is judged off track by its
    // manager before and after, and the two that were at risk are done.
    assert!(!changes.contains("Gewijzigde status"), "{changes}");

    // A report of the earlier peildatum, generated now, is that day's report, as its next
    // version (dated the day it was made).
    let again = generate(&app, "2026-06-15", "Juni 2026").await;
    let again = again["markdown"].as_str().unwrap_or_default();
    assert_eq!(
        again.replace(
            "Versie 2 · Concept · 30 juni 2026",
            "Versie 1 · Concept · 15 juni 2026"
        ),
        june_markdown
    );
    assert!(again.contains("Kenmerk nog niet toegekend · Versie 2 · Concept · 30 juni 2026"));
}

#[tokio::test]
async fn the_odt_report_is_a_valid_opendocument_package() {
    use std::io::Read;
    let app = TestApp::with_demo().await;
    let report = generate(&app, "2026-06-15", "Voortgangsrapportage").await;
    let url = document_url(&report, "ODT");
    let (status, headers, body) = app.get(&url).await;
    assert_eq!(status, 200);
    assert_eq!(
        headers["content-type"],
        "application/vnd.oasis.opendocument.text"
    );
    let (_, _, again) = app.get(&url).await;
    assert_eq!(body, again, "the same content gives the same bytes");

    // The package: `mimetype` first, stored uncompressed, then the parts the manifest lists.
    assert_eq!(&body[30..38], b"mimetype", "mimetype is the first entry");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(body)).expect("a zip package");
    let mut mimetype = String::new();
    {
        let mut first = zip.by_index(0).expect("first entry");
        assert_eq!(first.name(), "mimetype");
        assert_eq!(first.compression(), zip::CompressionMethod::Stored);
        first.read_to_string(&mut mimetype).expect("read");
    }
    assert_eq!(mimetype, "application/vnd.oasis.opendocument.text");
    let names: Vec<String> = zip.file_names().map(str::to_owned).collect();
    let mut read = |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap_or_else(|_| panic!("{name} is in the package"))
            .read_to_string(&mut text)
            .expect("utf-8");
        text
    };
    let manifest = read("META-INF/manifest.xml");
    for name in names
        .iter()
        .filter(|n| *n != "mimetype" && *n != "META-INF/manifest.xml")
    {
        assert!(
            manifest.contains(&format!("manifest:full-path=\"{name}\"")),
            "{name} is not in the manifest"
        );
    }
    // Every XML part is well-formed, and the content has the report's sections.
    for name in names
        .iter()
        .filter(|n| n.ends_with(".xml") || n.ends_with(".svg"))
    {
        let text = read(name);
        let mut reader = quick_xml::Reader::from_str(&text);
        let mut depth = 0_i32;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Start(_)) => depth += 1,
                Ok(quick_xml::events::Event::End(_)) => depth -= 1,
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed XML: {e}"),
            }
        }
        assert_eq!(depth, 0, "{name}: unbalanced elements");
    }
    let content = read("content.xml");
    assert!(content.contains("office:version=\"1.3\""));
    for heading in [
        "1. Aanleiding",
        "2. Kern",
        "4. Toezeggingen",
        "5. KPI&apos;s",
        "7. Risico&apos;s",
        "8. Vervolg",
    ] {
        assert!(
            content.contains(heading) || content.contains(&heading.replace("&apos;", "&#x27;")),
            "missing {heading}"
        );
    }
    assert!(content.contains("TZ202504-057"));
    assert!(content.contains("xlink:href=\"Pictures/timeline.svg\""));
    // The KPI charts are in it too: referenced, packaged and listed in the manifest.
    assert!(content.contains("xlink:href=\"Pictures/chart-0.svg\""));
    let chart = read("Pictures/chart-0.svg");
    assert!(chart.starts_with("<svg") && chart.contains("role=\"img\""));
    assert!(read("META-INF/manifest.xml").contains("Pictures/chart-0.svg"));
}

/// The text of a PDF, as poppler's `pdftotext` reads it (an independent reader; scripts/test
/// installs poppler-utils).
fn pdf_text(body: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!("koers-{}.pdf", uuid::Uuid::new_v4().simple()));
    std::fs::write(&path, body).expect("write the PDF");
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (install poppler-utils; scripts/test does)");
    std::fs::remove_file(&path).ok();
    assert!(out.status.success(), "pdftotext reads the PDF");
    String::from_utf8(out.stdout).expect("utf-8")
}

#[tokio::test]
async fn the_pdf_report_is_pdf_a_with_embedded_fonts_and_the_sections() {
    use lopdf::Object;
    let app = TestApp::with_demo().await;
    let report = generate(&app, "2026-06-15", "Voortgangsrapportage juni 2026").await;
    let url = document_url(&report, "PDF");
    let (status, headers, body) = app.get(&url).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "application/pdf");
    let (_, _, again) = app.get(&url).await;
    assert!(body == again, "the same content gives the same bytes");

    let pdf = lopdf::Document::load_mem(&body).expect("the PDF parses");
    assert!(pdf.get_pages().len() >= 3, "a report of several pages");

    // PDF/A identification in the XMP metadata of the catalog.
    let metadata = pdf
        .catalog()
        .and_then(|c| c.get(b"Metadata"))
        .and_then(Object::as_reference)
        .and_then(|id| pdf.get_object(id))
        .and_then(Object::as_stream)
        .expect("XMP metadata");
    let xmp = String::from_utf8(
        metadata
            .decompressed_content()
            .unwrap_or_else(|_| metadata.content.clone()),
    )
    .expect("XMP is text");
    let part = xmp.contains("<pdfaid:part>2</pdfaid:part>") || xmp.contains("pdfaid:part=\"2\"");
    let conformance = xmp.contains("<pdfaid:conformance>A</pdfaid:conformance>")
        || xmp.contains("pdfaid:conformance=\"A\"");
    assert!(part && conformance, "PDF/A-2a identification:\n{xmp}");
    assert!(xmp.contains("Voortgangsrapportage juni 2026"), "the title");
    assert!(
        pdf.catalog().and_then(|c| c.get(b"StructTreeRoot")).is_ok(),
        "tagged (the 'a' of PDF/A-2a)"
    );

    // Every font is embedded: each font descriptor carries its font file.
    let descriptors: Vec<&lopdf::Dictionary> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor"))
        .collect();
    assert!(!descriptors.is_empty(), "the PDF has fonts");
    for d in descriptors {
        let embedded = [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
            .iter()
            .any(|k| d.get(k).is_ok());
        let name = d
            .get(b"FontName")
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        assert!(embedded, "font {name} is not embedded");
    }

    // The sections, the commitment, Dutch dates, the pictures' captions.
    let text = pdf_text(&body);
    for expected in [
        "Aanleiding",
        "Kern",
        "Voortgang per fase en per overheidslaag",
        "Data-infrastructuur en datagovernance",
        "Toezeggingen",
        "Vervolg",
        "TZ202504-057",
        "2 juli 2026",
        "Tijdlijn",
    ] {
        assert!(text.contains(expected), "the PDF lacks {expected}:\n{text}");
    }
    // The timeline and the KPI charts are drawn from their SVGs, with their labels as real text:
    // the timeline's legend, and a chart's target line.
    assert!(
        text.contains("oorspronkelijke datum")
            && text.contains("uiterste datum")
            && text.contains("reces"),
        "the timeline's legend"
    );
    // The caption says the span and that the earliest milestones are in the tables only; the
    // axis names the year it starts in.
    assert!(
        text.contains("Tijdlijn, 15 juni 2025 tot 15 juni 2027; vijf mijlpalen buiten deze periode staan alleen in de tabellen.")
            && text.contains("jul 2025"),
        "the timeline's caption and first axis label:\n{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("doel ") && l[5..].starts_with(|c: char| c.is_ascii_digit())),
        "a KPI chart with its target"
    );
}

#[tokio::test]
async fn a_crowded_plan_keeps_its_timeline_to_what_matters() {
    let app = TestApp::new().await;
    let actor = koers::service::Actor::system("generator", crate::support::t0());
    let shape = koers::samples::generate::Shape {
        milestones: 400,
        kpis: 6,
        measurements: 60,
        dependencies_per_milestone: 2,
    };
    koers::samples::generate::generate_shape(&app.db, &actor, shape, 7)
        .await
        .expect("generated plan");
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).expect("date");
    let (content, _) = koers::service::reports::workflow::content(
        &app.db,
        koers::service::schedule::Settings::at(as_of),
        "Druk plan",
        as_of,
        as_of,
        None,
        entity::Language::Nl,
    )
    .await
    .expect("content");
    let shown: usize = content
        .timeline
        .rows
        .iter()
        .map(|(_, items)| items.len())
        .sum();
    assert!(
        shown > 0 && shown <= 5 * 15,
        "{shown} milestones on the timeline"
    );
    for (name, items) in &content.timeline.rows {
        assert!(items.len() <= 15, "{name}: {}", items.len());
        if items.len() == 15 {
            assert!(
                name.contains("(15 van "),
                "a crowded row says how many it leaves out: {name}"
            );
            // What needs attention comes first: nothing on track is shown while an
            // off-track milestone of the same row is left out.
            assert!(
                items.iter().any(|i| !i.done),
                "{name}: open milestones before done ones"
            );
        }
    }
    let pdf = koers::service::reports::workflow::render(
        &content,
        &koers::service::reports::document::Stamp::draft(content.peildatum),
        entity::DocumentFormat::Pdf,
    )
    .expect("pdf");
    let text = pdf_text(&pdf);
    assert!(
        text.contains("Tijdlijn") && text.contains("(15 van "),
        "{text}"
    );
}

#[tokio::test]
async fn a_document_has_one_address() {
    let app = TestApp::with_demo().await;
    let report = generate(&app, "2026-06-15", "Eén adres").await;
    let id = crate::support::row_id(report["id"].as_str().unwrap_or_default()).expect("id");
    let (status, _, _) = app.get(&format!("/reports/{id}.md")).await;
    assert_eq!(status, 200);
    for other in [format!("+{id}"), format!("0{id}"), format!("00{id}")] {
        let (status, _, body) = app.get(&format!("/reports/{other}.md")).await;
        assert_eq!(status, 404, "/reports/{other}.md");
        let body: Value = serde_json::from_slice(&body).unwrap_or_default();
        assert_eq!(code(&body["errors"][0]), "NOT_FOUND");
    }
}

/// A measured value's qualifier is kept: through the API, and in every report line that prints
/// the value ("ten minste 6,8 Mton").
#[tokio::test]
async fn a_lower_bound_stays_a_lower_bound() {
    use crate::support::{kpi, programme};
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let k = kpi(&app, &p, "K-CO2", &["CLIMATE"]).await;
    let recorded = app
        .ok(
            "mutation($k: ID!) { recordMeasurement(input: { kpiId: $k, periodStart: \"2019-01-01\", periodEnd: \"2020-12-31\", value: \"6.8\", qualifier: AT_LEAST }) { measurement { id version qualifier } } }",
            json!({ "k": k }),
        )
        .await["recordMeasurement"]["measurement"]
        .clone();
    assert_eq!(recorded["qualifier"], "AT_LEAST");
    let markdown = generate(&app, "2026-06-01", "Test").await["markdown"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        markdown.contains("| ten minste 6,8 % (2019-2020) |"),
        "{markdown}"
    );
    let english = app
        .ok(
            GENERATE,
            json!({ "d": "2026-06-01", "t": "Test", "l": "EN" }),
        )
        .await["generateProgressReport"]["report"]["markdown"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        english.contains("| at least 6.8 % (2019-2020) |"),
        "{english}"
    );
    // null makes it a plain value again.
    let plain = app
        .ok(
            "mutation($id: ID!, $v: Int!) { updateMeasurement(input: { id: $id, version: $v, qualifier: null }) { measurement { qualifier } } }",
            json!({ "id": recorded["id"], "v": recorded["version"] }),
        )
        .await;
    assert!(plain["updateMeasurement"]["measurement"]["qualifier"].is_null());
}

/// The unzipped entry `name` of an ODT package.
fn odt_entry(body: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(body.to_vec())).expect("zip");
    let mut text = String::new();
    zip.by_name(name)
        .expect("entry")
        .read_to_string(&mut text)
        .expect("utf-8");
    text
}

#[tokio::test]
async fn every_document_says_which_version_it_is_and_a_draft_is_marked_concept() {
    let app = TestApp::with_demo().await;
    let first = generate(&app, "2026-06-15", "Juni 2026").await;
    let id = first["id"].as_str().expect("id").to_owned();
    assert!(
        first["markdown"]
            .as_str()
            .unwrap_or_default()
            .contains("Kenmerk nog niet toegekend · Versie 1 · Concept · 15 juni 2026")
    );
    // The kenmerk is set on the draft, and only there.
    let set = app
        .ok(
            "mutation($id: ID!, $v: Int!) { updateProgressReport(input: { id: $id, version: $v, reference: \"2026-0000123456\" }) { status report { version reference edition markdown } } }",
            json!({ "id": id, "v": first["version"] }),
        )
        .await["updateProgressReport"]
        .clone();
    assert_eq!(set["status"], "OK");
    assert_eq!(set["report"]["reference"], "2026-0000123456");
    assert_eq!(set["report"]["edition"], 1);
    let draft_md = set["report"]["markdown"].as_str().unwrap_or_default();
    assert!(draft_md.contains("Kenmerk 2026-0000123456 · Versie 1 · Concept · 15 juni 2026"));
    assert!(draft_md.contains("**CONCEPT**: niet voor verspreiding"));
    // Every format of the draft is marked CONCEPT and carries the stamp; paged ones number
    // their pages.
    let (_, _, html) = app.get(&document_url(&first, "HTML")).await;
    let html = String::from_utf8(html).expect("utf-8");
    assert!(
        html.contains("<title>CONCEPT: Juni 2026</title>") && html.contains("class=\"concept\"")
    );
    assert!(html.contains("counter(page)") && html.contains("counter(pages)"));
    let (_, _, odt) = app.get(&document_url(&first, "ODT")).await;
    let styles = odt_entry(&odt, "styles.xml");
    assert!(styles.contains("<text:page-number") && styles.contains("<text:page-count"));
    assert!(styles.contains(">CONCEPT</text:p>") && styles.contains("Kenmerk 2026-0000123456"));
    let (_, _, pdf) = app.get(&document_url(&first, "PDF")).await;
    let text = pdf_text(&pdf);
    assert!(text.contains("CONCEPT"), "{text}");
    assert!(text.contains("Pagina 1 van"), "{text}");
    assert!(text.contains("Kenmerk 2026-0000123456"), "{text}");

    // Published: final, dated the day of publication, no CONCEPT anywhere.
    let published = app
        .ok(
            PUBLISH,
            json!({ "id": id, "v": app.approve(&json!(id), &set["report"]["version"]).await }),
        )
        .await;
    assert_eq!(published["publishProgressReport"]["status"], "OK");
    let (_, _, md) = app.get(&document_url(&first, "MD")).await;
    let md = String::from_utf8(md).expect("utf-8");
    assert!(
        md.contains("Kenmerk 2026-0000123456 · Versie 1 · Definitief · 15 juni 2026"),
        "{md}"
    );
    assert!(!md.contains("CONCEPT"));
    let (_, _, pdf) = app.get(&document_url(&first, "PDF")).await;
    let text = pdf_text(&pdf);
    assert!(
        !text.contains("CONCEPT") && text.contains("Definitief"),
        "{text}"
    );
    let (_, _, odt) = app.get(&document_url(&first, "ODT")).await;
    assert!(!odt_entry(&odt, "styles.xml").contains("CONCEPT"));
    // A published report's kenmerk is frozen.
    let frozen = app
        .err(
            "mutation($id: ID!, $v: Int!) { updateProgressReport(input: { id: $id, version: $v, reference: \"X\" }) { status } }",
            json!({ "id": id, "v": version(&app, &id).await }),
        )
        .await;
    assert_eq!(code(&frozen), "CONFLICT");

    // A second report of the same peildatum is its next version, not a silent duplicate.
    let second = generate(&app, "2026-06-15", "Juni 2026, herzien").await;
    assert!(
        second["markdown"]
            .as_str()
            .unwrap_or_default()
            .contains("Kenmerk nog niet toegekend · Versie 2 · Concept · 15 juni 2026")
    );
    // A kenmerk is one line.
    let bad = app
        .err(
            "mutation($id: ID!, $v: Int!) { updateProgressReport(input: { id: $id, version: $v, reference: \"a\\nb\" }) { status } }",
            json!({ "id": second["id"], "v": second["version"] }),
        )
        .await;
    assert_eq!(code(&bad), "BAD_USER_INPUT");
}

#[tokio::test]
async fn a_kenmerk_is_changed_only_on_the_current_version_and_a_stale_draft_is_not_rendered() {
    let app = TestApp::with_demo().await;
    let report = app
        .ok(
            "mutation { generateProgressReport(input: { asOf: \"2026-06-15\", title: \"Juni\", reference: \"  2026-01  \" }) { report { id version reference edition } } }",
            json!({}),
        )
        .await["generateProgressReport"]["report"]
        .clone();
    assert_eq!(report["reference"], "2026-01", "trimmed");
    let id = report["id"].as_str().expect("id").to_owned();
    const SET: &str = "mutation($id: ID!, $v: Int!, $r: String) { updateProgressReport(input: { id: $id, version: $v, reference: $r }) { status report { version reference } } }";
    // A stale version changes nothing.
    let stale = app
        .ok(SET, json!({ "id": id, "v": 99, "r": "2026-02" }))
        .await["updateProgressReport"]
        .clone();
    assert_eq!(stale["status"], "CONFLICT");
    assert_eq!(stale["report"]["reference"], "2026-01");
    // An empty kenmerk clears it.
    let cleared = app
        .ok(SET, json!({ "id": id, "v": report["version"], "r": "" }))
        .await["updateProgressReport"]
        .clone();
    assert_eq!(cleared["status"], "OK");
    assert!(cleared["report"]["reference"].is_null());
    // A deleted draft keeps its version number: the next report of the day is version 2.
    app.ok(
        "mutation($id: ID!, $v: Int!) { deleteProgressReport(input: { id: $id, version: $v }) { status } }",
        json!({ "id": id, "v": cleared["report"]["version"] }),
    )
    .await;
    let next = app
        .ok(
            "mutation { generateProgressReport(input: { asOf: \"2026-06-15\", title: \"Juni\" }) { report { id edition } } }",
            json!({}),
        )
        .await["generateProgressReport"]["report"]
        .clone();
    assert_eq!(next["edition"], 2);
    // A draft whose content predates the current layout is not rendered with empty sections.
    use sea_orm::{ConnectionTrait, EntityTrait, Statement};
    let row = crate::support::row_id(next["id"].as_str().expect("id")).expect("row");
    let backend = app.db.get_database_backend();
    let row = i32::try_from(row).expect("id");
    let stored: String = entity::progress_report::Entity::find_by_id(row)
        .one(&app.db)
        .await
        .expect("read")
        .expect("report")
        .content;
    let old = stored.replacen(
        &format!("\"layout\":{},", koers::service::reports::document::LAYOUT),
        "",
        1,
    );
    assert_ne!(old, stored);
    let sql = match backend {
        sea_orm::DatabaseBackend::Postgres => {
            "UPDATE progress_report SET content = $1 WHERE id = $2"
        }
        _ => "UPDATE progress_report SET content = ? WHERE id = ?",
    };
    app.db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [sea_orm::Value::from(old), sea_orm::Value::from(row)],
        ))
        .await
        .expect("update");
    let refused = app
        .err(
            "query($id: ID!) { node(id: $id) { ... on ProgressReport { markdown } } }",
            json!({ "id": next["id"] }),
        )
        .await;
    assert_eq!(code(&refused), "CONFLICT", "{refused}");
}

#[tokio::test]
async fn publishing_a_report_records_the_letter_it_is_and_a_later_report_knows() {
    let app = TestApp::with_demo().await;
    let report = app
        .ok(
            "mutation { generateProgressReport(input: { asOf: \"2026-06-15\", title: \"Juni 2026\", reference: \"2026-0000123456\" }) { report { id version } } }",
            json!({}),
        )
        .await["generateProgressReport"]["report"]
        .clone();
    // Its author cannot publish it alone: a second reporter approves it first.
    let alone = app
        .err(
            PUBLISH,
            json!({ "id": report["id"], "v": report["version"] }),
        )
        .await;
    assert_eq!(code(&alone), "FORBIDDEN", "{alone}");
    let v = app.approve(&report["id"], &report["version"]).await;
    let published = app.ok(PUBLISH, json!({ "id": report["id"], "v": v })).await;
    assert_eq!(published["publishProgressReport"]["status"], "OK");
    // The commitment it answers is fulfilled by a letter of the day of publication with its
    // kenmerk, and the Kamerbrief milestone it is is done that day.
    let state = app
        .ok(
            "{ commitments { nodes { number status letters { kind sentOn reference } } } milestones(first: 5, filter: { search: \"Kamerbrief voortgang fase 3\" }) { nodes { status actualDate } } }",
            json!({}),
        )
        .await;
    let tz = state["commitments"]["nodes"]
        .as_array()
        .expect("commitments")
        .iter()
        .find(|c| c["number"] == "TZ202504-057")
        .expect("the summer-recess commitment")
        .clone();
    assert_eq!(tz["status"], "FULFILLED", "{tz}");
    assert_eq!(
        tz["letters"][0],
        json!({ "kind": "FULFILMENT", "sentOn": "2026-06-15", "reference": "2026-0000123456" })
    );
    assert_eq!(state["milestones"]["nodes"][0]["status"], "DONE");
    assert_eq!(state["milestones"]["nodes"][0]["actualDate"], "2026-06-15");
    // Half a year later the report says so, instead of a missed deadline.
    app.on_day("2026-11-30");
    let later = crate::support::report_markdown(&app, "2026-11-30").await;
    assert!(
        later.contains("- Stand: Nagekomen met de brief van 15 juni 2026."),
        "{later}"
    );
    assert!(!later.contains("Termijn verstreken") && !later.contains("termijn is verstreken"));
    assert!(later.contains(
        "- Brief van 15 juni 2026 (2026-0000123456), waarmee de toezegging is nagekomen."
    ));
}

#[tokio::test]
async fn a_second_pair_of_eyes_approves_before_the_author_publishes() {
    let app = TestApp::with_demo().await;
    let report = generate(&app, "2026-06-15", "Juni 2026").await;
    const APPROVE: &str = "mutation($id: ID!, $v: Int!) { approveProgressReport(input: { id: $id, version: $v }) { status report { version approvedBy approvedAt } } }";
    // The author cannot approve its own draft.
    let own = app
        .err(
            APPROVE,
            json!({ "id": report["id"], "v": report["version"] }),
        )
        .await;
    assert_eq!(code(&own), "FORBIDDEN", "{own}");
    // A second reporter can; it is on the report and in its history.
    let second = app
        .token("tweede lezer", entity::Role::Reporter, None)
        .await;
    let approved = app
        .gql_as(
            &second,
            APPROVE,
            json!({ "id": report["id"], "v": report["version"] }),
        )
        .await["data"]["approveProgressReport"]
        .clone();
    assert_eq!(approved["status"], "OK");
    assert_eq!(approved["report"]["approvedBy"], "tweede lezer");
    let id = report["id"].as_str().expect("id");
    let history = crate::support::changes(&app, id).await;
    assert!(
        history
            .iter()
            .any(|c| c["field"] == "approved_by" && c["newValue"] == "tweede lezer"),
        "{history:?}"
    );
    // A changed kenmerk asks for a new approval.
    let changed = app
        .ok(
            "mutation($id: ID!, $v: Int!) { updateProgressReport(input: { id: $id, version: $v, reference: \"2026-1\" }) { report { version approvedBy } } }",
            json!({ "id": id, "v": approved["report"]["version"] }),
        )
        .await["updateProgressReport"]["report"]
        .clone();
    assert!(changed["approvedBy"].is_null(), "{changed}");
    let alone = app
        .err(PUBLISH, json!({ "id": id, "v": changed["version"] }))
        .await;
    assert_eq!(code(&alone), "FORBIDDEN");
    // One who edited the draft is no second pair of eyes either.
    let edited = app
        .gql_as(
            &second,
            "mutation($id: ID!, $v: Int!) { updateProgressReport(input: { id: $id, version: $v, summary: \"Eigen woorden\" }) { report { version } } }",
            json!({ "id": id, "v": changed["version"] }),
        )
        .await["data"]["updateProgressReport"]["report"]["version"]
        .clone();
    let own_edit = app
        .gql_as(&second, PUBLISH, json!({ "id": id, "v": edited }))
        .await;
    assert_eq!(
        own_edit["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{own_edit}"
    );
    let third = app.token("derde lezer", entity::Role::Reporter, None).await;
    let changed = json!({ "version": edited });
    // Another reporter may publish it: that is the second pair of eyes.
    let published = app
        .gql_as(
            &third,
            PUBLISH,
            json!({ "id": id, "v": changed["version"] }),
        )
        .await;
    assert_eq!(
        published["data"]["publishProgressReport"]["status"], "OK",
        "{published}"
    );

    // A small team turns the rule off.
    let config = koers::config::ApiConfig {
        single_reporter: true,
        ..Default::default()
    };
    let small = TestApp::with_config(config).await;
    small.load_demo().await;
    small.on_day("2026-06-15");
    let report = generate(&small, "2026-06-15", "Juni 2026").await;
    let published = small
        .ok(
            PUBLISH,
            json!({ "id": report["id"], "v": report["version"] }),
        )
        .await;
    assert_eq!(published["publishProgressReport"]["status"], "OK");
}

#[tokio::test]
async fn the_authors_own_words_are_in_every_format_and_frozen_on_publication() {
    let app = TestApp::with_demo().await;
    let report = generate(&app, "2026-06-15", "Juni 2026").await;
    let id = report["id"].as_str().expect("id").to_owned();
    let edited = app
        .ok(
            "mutation($id: ID!, $v: Int!) { updateProgressReport(input: { id: $id, version: $v, summary: \"Het programma ligt op koers.\\nDe Kamerbrief volgt voor het zomerreces.\", notes: [{ section: KERN, text: \"Het bestuurlijk overleg is de kritieke stap.\" }, { section: RISICOS, text: \"Zie ook de beslisnota.\" }] }) { status report { version summary notes { section text } markdown } } }",
            json!({ "id": id, "v": report["version"] }),
        )
        .await["updateProgressReport"]
        .clone();
    assert_eq!(edited["status"], "OK");
    assert_eq!(edited["report"]["notes"][0]["section"], "KERN");
    let md = edited["report"]["markdown"].as_str().unwrap_or_default();
    // The summary opens the report; each note stands under its section's heading.
    assert!(
        md.contains("## Samenvatting\n\nHet programma ligt op koers.\n\nDe Kamerbrief volgt voor het zomerreces.\n\n## 1. Aanleiding"),
        "{md}"
    );
    assert!(md.contains("## 2. Kern\n\nHet bestuurlijk overleg is de kritieke stap.\n"));
    assert!(md.contains("## 7. Risico's en beheersmaatregelen\n\nZie ook de beslisnota.\n"));
    let (_, _, html) = app.get(&document_url(&report, "HTML")).await;
    assert!(
        String::from_utf8_lossy(&html)
            .contains("<p class=\"author\">Het bestuurlijk overleg is de kritieke stap.</p>")
    );
    let (_, _, odt) = app.get(&document_url(&report, "ODT")).await;
    assert!(odt_entry(&odt, "content.xml").contains(">Zie ook de beslisnota.</text:p>"));
    let (_, _, pdf) = app.get(&document_url(&report, "PDF")).await;
    assert!(pdf_text(&pdf).contains("Het programma ligt op koers."));
    // A note of more than 5,000 characters is refused and changes nothing.
    let long = app
        .err(
            "mutation($id: ID!, $v: Int!, $t: String!) { updateProgressReport(input: { id: $id, version: $v, notes: [{ section: DATA, text: $t }] }) { status } }",
            json!({ "id": id, "v": edited["report"]["version"], "t": "x".repeat(5_001) }),
        )
        .await;
    assert_eq!(code(&long), "BAD_USER_INPUT");
    // Published, the words are frozen in its documents.
    let v = app.approve(&json!(id), &edited["report"]["version"]).await;
    app.ok(PUBLISH, json!({ "id": id, "v": v })).await;
    let (_, _, stored) = app.get(&document_url(&report, "MD")).await;
    assert!(String::from_utf8_lossy(&stored).contains("Het programma ligt op koers."));
    let frozen = app
        .err(
            "mutation($id: ID!, $v: Int!) { updateProgressReport(input: { id: $id, version: $v, summary: \"Anders\" }) { status } }",
            json!({ "id": id, "v": version(&app, &id).await }),
        )
        .await;
    assert_eq!(code(&frozen), "CONFLICT");
}

/// The demo's report of 30 November 2026 (overdue work, the missed summer-recess commitment)
/// and the English report of 15 June, each as a golden file.
#[tokio::test]
async fn the_demo_reports_of_30_november_and_in_english_match_their_golden_files() {
    let app = TestApp::with_demo().await;
    let english = app
        .ok(
            GENERATE,
            json!({ "d": "2026-06-15", "t": "Progress report monitoring MVOI, June 2026", "l": "EN" }),
        )
        .await["generateProgressReport"]["report"]["markdown"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    golden("report-demo-2026-06-15.en.md", &english);
    app.on_day("2026-11-30");
    let november = generate(
        &app,
        "2026-11-30",
        "Voortgangsrapportage monitoring MVOI, november 2026",
    )
    .await;
    golden(
        "report-demo-2026-11-30.md",
        november["markdown"].as_str().unwrap_or_default(),
    );
}

#[tokio::test]
async fn a_second_edition_of_a_published_peildatum_answers_what_the_first_answered() {
    let app = TestApp::with_demo().await;
    // A second open commitment with a Kamerbrief of its own, due later.
    let programme =
        app.ok("{ programmes { nodes { id } } }", json!({})).await["programmes"]["nodes"][0]["id"]
            .clone();
    let later = app
        .ok(
            "mutation($p: ID!) { createCommitment(input: { programmeId: $p, number: \"TZ-LATER\", text: \"Later\", madeBy: \"BZK\", madeOn: \"2026-01-01\", deadlineDate: \"2026-12-01\" }) { commitment { id } } createMilestone(input: { programmeId: $p, title: \"Kamerbrief december\", kind: PARLIAMENT, layer: RIJK, plannedDate: \"2026-11-20\" }) { milestone { id } } }",
            json!({ "p": programme }),
        )
        .await;
    app.ok(
        "mutation($c: ID!, $m: ID!) { linkCommitmentMilestone(input: { commitmentId: $c, milestoneId: $m }) { changed } }",
        json!({ "c": later["createCommitment"]["commitment"]["id"], "m": later["createMilestone"]["milestone"]["id"] }),
    )
    .await;
    let first = generate(&app, "2026-06-15", "Juni 2026").await;
    let v = app.approve(&first["id"], &first["version"]).await;
    app.ok(PUBLISH, json!({ "id": first["id"], "v": v })).await;
    // The same day, a second edition: it answers the summer-recess commitment, as the first
    // did, not the next open one.
    let second = generate(&app, "2026-06-15", "Juni 2026, herzien").await;
    let md = second["markdown"].as_str().unwrap_or_default();
    assert!(md.contains("Versie 2"), "{md}");
    assert!(
        md.contains("Met deze rapportage geeft het kabinet invulling aan:\n\n- TZ202504-057"),
        "{md}"
    );
    assert!(!md.contains("invulling aan toezegging TZ-LATER"), "{md}");
    // Published, it fulfils nothing more.
    let v = app.approve(&second["id"], &second["version"]).await;
    app.ok(PUBLISH, json!({ "id": second["id"], "v": v })).await;
    let state = app
        .ok("{ commitments { nodes { number status } } }", json!({}))
        .await;
    let status = |n: &str| {
        state["commitments"]["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .find(|c| c["number"] == n)
            .map(|c| c["status"].clone())
    };
    assert_eq!(status("TZ-LATER"), Some(json!("OPEN")));
    assert_eq!(status("TZ202504-057"), Some(json!("FULFILLED")));
}

/// What a report cannot say is refused with the field to fix, and nothing changes: a peildatum
/// before the plan existed, a note given twice for one section, a kenmerk that would display in
/// another order than it is stored.
#[tokio::test]
async fn a_report_refuses_what_it_cannot_say_truly() {
    let app = TestApp::with_demo().await;
    let before = app
        .err(GENERATE, json!({ "d": "2020-01-01", "t": "Te vroeg" }))
        .await;
    assert_eq!(code(&before), "BAD_USER_INPUT", "{before}");
    assert_eq!(before["extensions"]["field"], "input.asOf", "{before}");
    assert_eq!(app.count("progress_report").await, 0);
    let report = app
        .ok(GENERATE, json!({ "d": "2026-06-15", "t": "Juni 2026" }))
        .await["generateProgressReport"]["report"]
        .clone();
    let twice = app
        .err(
            "mutation($id: ID!, $v: Int!) { updateProgressReport(input: { id: $id, version: $v, notes: [{ section: KERN, text: \"x\" }, { section: KERN, text: \"y\" }] }) { status } }",
            json!({ "id": report["id"], "v": report["version"] }),
        )
        .await;
    assert_eq!(code(&twice), "BAD_USER_INPUT", "{twice}");
    assert_eq!(
        twice["extensions"]["field"], "input.notes.1.section",
        "{twice}"
    );
    let spoofed = app
        .err(
            "mutation($id: ID!, $v: Int!) { updateProgressReport(input: { id: $id, version: $v, reference: \"KN-2026/\u{202E}evil\u{202C}-1\" }) { status } }",
            json!({ "id": report["id"], "v": report["version"] }),
        )
        .await;
    assert_eq!(code(&spoofed), "BAD_USER_INPUT", "{spoofed}");
    assert!(
        spoofed["message"]
            .as_str()
            .is_some_and(|m| m.contains("U+202E")),
        "{spoofed}"
    );
    // Nothing changed: the draft is at its first version, without notes or kenmerk.
    let now = app
        .ok(
            "query($id: ID!) { node(id: $id) { ... on ProgressReport { version reference notes { section } } } }",
            json!({ "id": report["id"] }),
        )
        .await;
    assert_eq!(now["node"]["version"], report["version"], "{now}");
    assert_eq!(now["node"]["reference"], json!(null), "{now}");
    assert_eq!(now["node"]["notes"], json!([]), "{now}");
}

/// A draft that a deadline passed since its peildatum is not published: it would tell the Kamer
/// there is time left ("nog 1 dag marge tot de termijn van 2 juli 2026") in a document dated
/// after that deadline. Nothing is stored; the report of today says how late it comes.
#[tokio::test]
async fn a_draft_overtaken_by_its_deadline_is_not_published() {
    let app = TestApp::with_demo().await;
    let draft = app
        .ok(GENERATE, json!({ "d": "2026-06-15", "t": "Juni 2026" }))
        .await["generateProgressReport"]["report"]
        .clone();
    let v = app.approve(&draft["id"], &draft["version"]).await;
    app.on_day("2026-11-30");
    let refused = app.err(PUBLISH, json!({ "id": draft["id"], "v": v })).await;
    assert_eq!(code(&refused), "CONFLICT", "{refused}");
    assert!(
        refused["message"]
            .as_str()
            .is_some_and(|m| m.contains("TZ202504-057") && m.contains("2026-07-02")),
        "{refused}"
    );
    assert_eq!(app.count("report_document").await, 0);
    assert_eq!(
        app.count("commitment_letter").await,
        2,
        "no fulfilment letter recorded"
    );
}
