//! The report's documents against their standards (PDF/A-2a and PDF/UA-1, OpenDocument 1.3,
//! checked by independent validators), the final version attached after publication, and KPI
//! totals that add up only where the KPI says its layers do.

use crate::support::{TestApp, code};
use base64::Engine;
use serde_json::{Value, json};

const GENERATE: &str = "mutation($d: Date!) { generateProgressReport(input: { asOf: $d, title: \"Voortgangsrapportage juni 2026\" }) { report { id version documents { format url } markdown } } }";
const PUBLISH: &str = "mutation($id: ID!, $v: Int!) { publishProgressReport(input: { id: $id, version: $v }) { status report { version } } }";
const ATTACH: &str = "mutation($id: ID!, $v: Int!, $odt: String!) { attachFinalReport(input: { id: $id, version: $v, odtBase64: $odt }) { status report { version documents { format url sha256 byteSize } } } }";

async fn demo_report(app: &TestApp) -> Value {
    app.ok(GENERATE, json!({ "d": "2026-06-15" })).await["generateProgressReport"]["report"].clone()
}

async fn document(app: &TestApp, report: &Value, format: &str) -> Vec<u8> {
    let url = report["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .find(|d| d["format"] == format)
        .and_then(|d| d["url"].as_str())
        .unwrap_or_else(|| panic!("no {format} document in {report}"))
        .to_owned();
    let (status, _, body) = app.get(&url).await;
    assert_eq!(status, 200, "{url}");
    body
}

/// `tests/tools/conformance.py KIND` on `body`: (passed, what it printed).
fn conformance(kind: &str, body: &[u8]) -> (bool, String) {
    let path = std::env::temp_dir().join(format!("koers-{}.{kind}", uuid::Uuid::new_v4().simple()));
    std::fs::write(&path, body).expect("write the document");
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/conformance.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(kind)
        .arg(&path)
        .output()
        .expect("python3 runs the validators (scripts/test installs them)");
    std::fs::remove_file(&path).ok();
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(
        out.status.code(),
        Some(2),
        "a validator is missing: {printed}"
    );
    (out.status.success(), printed)
}

#[tokio::test]
async fn the_pdf_passes_the_pdf_a_and_pdf_ua_validators() {
    let app = TestApp::with_demo().await;
    let pdf = document(&app, &demo_report(&app).await, "PDF").await;
    let (passed, printed) = conformance("pdf", &pdf);
    assert!(passed, "PDF/A-2a and PDF/UA-1:\n{printed}");
    assert!(
        printed.contains("page 2a:") && printed.contains("page ua1:"),
        "{printed}"
    );
    // The checker can fail: a PDF without its tags and metadata does not pass.
    let mut plain = lopdf::Document::load_mem(&pdf).expect("the PDF parses");
    plain
        .catalog_mut()
        .expect("catalog")
        .remove(b"StructTreeRoot");
    plain.catalog_mut().expect("catalog").remove(b"Metadata");
    let mut stripped = Vec::new();
    plain.save_to(&mut stripped).expect("save");
    assert!(!conformance("pdf", &stripped).0, "an untagged PDF fails");
}

#[tokio::test]
async fn the_pdf_says_it_is_pdf_ua_and_its_pictures_say_what_they_show() {
    use lopdf::Object;
    let app = TestApp::with_demo().await;
    let pdf = document(&app, &demo_report(&app).await, "PDF").await;
    let doc = lopdf::Document::load_mem(&pdf).expect("the PDF parses");
    let catalog = doc.catalog().expect("catalog");
    let xmp = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_object(id))
        .and_then(Object::as_stream)
        .map(|s| {
            String::from_utf8_lossy(
                &s.decompressed_content()
                    .unwrap_or_else(|_| s.content.clone()),
            )
            .into_owned()
        })
        .expect("XMP");
    assert!(
        xmp.contains("<pdfuaid:part>1</pdfuaid:part>") || xmp.contains("pdfuaid:part=\"1\""),
        "PDF/UA-1 identification:\n{xmp}"
    );
    let display_title = catalog
        .get(b"ViewerPreferences")
        .and_then(|v| match v {
            Object::Reference(id) => doc.get_dictionary(*id),
            Object::Dictionary(d) => Ok(d),
            _ => Err(lopdf::Error::DictKey("ViewerPreferences".into())),
        })
        .and_then(|d| d.get(b"DisplayDocTitle"))
        .and_then(Object::as_bool);
    assert_eq!(display_title.ok(), Some(true), "DisplayDocTitle");
    // Every figure's alternative text says what it shows, not only its name.
    let alts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").and_then(Object::as_name).ok() == Some(b"Figure"))
        .filter_map(|d| d.get(b"Alt").ok())
        .filter_map(|a| lopdf::decode_text_string(a).ok())
        .collect();
    assert!(
        alts.iter().any(|a| a.starts_with(
            "Tijdlijn van de mijlpalen per overheidslaag van 15 juni 2025 tot 15 juni 2027"
        )),
        "{alts:?}"
    );
    assert!(
        alts.iter()
            .any(|a| a
                == "MVOI-03 (Rijk) in ton CO₂-eq: 482.754 (2019) en 337.013 (2021); doel 0."),
        "a chart's alternative text gives its values: {alts:?}"
    );
}

#[tokio::test]
async fn the_odt_is_valid_against_the_opendocument_1_3_schema() {
    let app = TestApp::with_demo().await;
    let odt = document(&app, &demo_report(&app).await, "ODT").await;
    let (passed, printed) = conformance("odt", &odt);
    assert!(passed, "OpenDocument 1.3:\n{printed}");
    // The checker can fail: an element the schema does not know is refused.
    let mut broken = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut source = zip::ZipArchive::new(std::io::Cursor::new(&odt)).expect("zip");
    for i in 0..source.len() {
        let mut entry = source.by_index(i).expect("entry");
        let name = entry.name().to_owned();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut data).expect("read");
        if name == "content.xml" {
            data = String::from_utf8(data)
                .expect("utf-8")
                .replacen("<text:h ", "<text:heading ", 1)
                .replacen("</text:h>", "</text:heading>", 1)
                .into_bytes();
        }
        let options =
            zip::write::SimpleFileOptions::default().compression_method(if name == "mimetype" {
                zip::CompressionMethod::Stored
            } else {
                zip::CompressionMethod::Deflated
            });
        broken.start_file(name, options).expect("start");
        std::io::Write::write_all(&mut broken, &data).expect("write");
    }
    let broken = broken.finish().expect("finish").into_inner();
    assert!(!conformance("odt", &broken).0, "an unknown element fails");
}

#[tokio::test]
async fn the_final_version_is_attached_once_to_a_published_report_with_its_sha256() {
    let app = TestApp::with_demo().await;
    let report = demo_report(&app).await;
    let odt = document(&app, &report, "ODT").await;
    let encoded = base64::engine::general_purpose::STANDARD.encode(&odt);
    // A draft has no final version yet.
    let draft = app
        .err(
            ATTACH,
            json!({ "id": report["id"], "v": report["version"], "odt": encoded }),
        )
        .await;
    assert_eq!(code(&draft), "CONFLICT", "{draft}");
    let v = app.approve(&report["id"], &report["version"]).await;
    let v = app.ok(PUBLISH, json!({ "id": report["id"], "v": v })).await["publishProgressReport"]
        ["report"]["version"]
        .clone();
    // What is not an ODT is refused, naming the field; nothing is stored.
    let mut prefixed = b"MZ".to_vec();
    prefixed.extend(&odt);
    for (bytes, why) in [
        (b"not a zip".to_vec(), "not a ZIP"),
        (spreadsheet(), "an OpenDocument spreadsheet"),
        (prefixed, "bytes before the package"),
    ] {
        let refused = app
            .err(
                ATTACH,
                json!({ "id": report["id"], "v": v, "odt": base64::engine::general_purpose::STANDARD.encode(bytes) }),
            )
            .await;
        assert_eq!(code(&refused), "BAD_USER_INPUT", "{why}: {refused}");
        assert_eq!(
            refused["extensions"]["field"], "input.odtBase64",
            "{refused}"
        );
    }
    let garbled = app
        .err(ATTACH, json!({ "id": report["id"], "v": v, "odt": "***" }))
        .await;
    assert_eq!(code(&garbled), "BAD_USER_INPUT", "{garbled}");
    assert_eq!(
        app.count("report_document").await,
        4,
        "only the generated documents"
    );
    // A viewer may not attach it.
    let viewer = app.token("lezer", entity::Role::Viewer, None).await;
    let forbidden = app
        .gql_as(
            &viewer,
            ATTACH,
            json!({ "id": report["id"], "v": v, "odt": encoded }),
        )
        .await;
    assert_eq!(code(&forbidden["errors"][0]), "FORBIDDEN", "{forbidden}");
    // A reporter attaches the edited ODT, as LibreOffice saves it (here: the draft's, opened
    // and saved again): stored as sent, with its SHA-256, next to the generated ones.
    let edited = saved_by_libreoffice(&odt);
    let attached = app
        .ok(
            ATTACH,
            json!({ "id": report["id"], "v": v, "odt": base64::engine::general_purpose::STANDARD.encode(&edited) }),
        )
        .await["attachFinalReport"]
        .clone();
    assert_eq!(attached["status"], "OK");
    let sha = koers::service::store::digest::sha256(&edited);
    let documents = attached["report"]["documents"]
        .as_array()
        .expect("documents")
        .clone();
    let last = documents.last().expect("a document");
    assert_eq!(last["format"], "FINAL_ODT", "{documents:?}");
    assert_eq!(last["sha256"], sha.as_str());
    assert_eq!(last["byteSize"], edited.len());
    let url = last["url"].as_str().expect("url").to_owned();
    assert!(url.ends_with(".final.odt"), "{url}");
    let (status, headers, body) = app.get(&url).await;
    assert_eq!(status, 200);
    assert_eq!(
        headers["content-type"],
        "application/vnd.oasis.opendocument.text"
    );
    assert_eq!(headers["x-content-sha256"], sha.as_str());
    assert!(body == edited, "the bytes as attached");
    // The history says who attached which file.
    let history = crate::support::changes(&app, report["id"].as_str().expect("id")).await;
    assert!(
        history.iter().any(|c| c.to_string().contains(&sha)),
        "{history:?}"
    );
    // Once: a second final version is refused, the first stays.
    let again = app
        .err(
            ATTACH,
            json!({ "id": report["id"], "v": attached["report"]["version"], "odt": encoded }),
        )
        .await;
    assert_eq!(code(&again), "CONFLICT", "{again}");
    assert_eq!(app.count("report_document").await, 5);
}

/// `odt` opened and saved again by LibreOffice, as a policy officer's edited version is.
fn saved_by_libreoffice(odt: &[u8]) -> Vec<u8> {
    let dir = std::env::temp_dir().join(format!("koers-{}", uuid::Uuid::new_v4().simple()));
    let out = dir.join("saved");
    std::fs::create_dir_all(&out).expect("scratch dir");
    let source = dir.join("report.odt");
    std::fs::write(&source, odt).expect("write");
    let converted = std::process::Command::new("soffice")
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "odt",
            "--outdir",
        ])
        .arg(&out)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("lo").display()
        ))
        .arg(&source)
        .output()
        .expect("LibreOffice runs (libreoffice-writer-nogui; scripts/test installs it)");
    let saved = std::fs::read(out.join("report.odt"))
        .unwrap_or_else(|e| panic!("LibreOffice saved the ODT ({e}): {converted:?}"));
    assert_ne!(saved, odt, "LibreOffice wrote its own package");
    saved
}

/// A minimal OpenDocument spreadsheet package: an ODF file that is no report.
fn spreadsheet() -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).expect("start");
    std::io::Write::write_all(&mut zip, b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("write");
    zip.start_file("content.xml", stored).expect("start");
    std::io::Write::write_all(&mut zip, b"<office:document-content/>").expect("write");
    zip.finish().expect("finish").into_inner()
}

#[tokio::test]
async fn layers_add_up_to_a_total_only_where_the_kpi_says_they_do() {
    use crate::support::{kpi, programme};
    // The demo says which of its KPIs add up: jobs (fte) do, percentages do not.
    let demo = TestApp::with_demo().await;
    let kpis = demo
        .ok(
            "{ kpis(first: 50) { nodes { code aggregation } } }",
            json!({}),
        )
        .await;
    let aggregation = |code: &str| {
        kpis["kpis"]["nodes"]
            .as_array()
            .expect("kpis")
            .iter()
            .find(|k| k["code"] == code)
            .map(|k| k["aggregation"].clone())
            .unwrap_or_else(|| panic!("{code}"))
    };
    assert_eq!(aggregation("MVOI-06"), "SUM");
    assert_eq!(aggregation("MVOI-01"), "NONE");

    let app = TestApp::new().await;
    let p = programme(&app).await;
    // A count whose layers add up, and a percentage (the default: they do not).
    let jobs = app
        .ok(
            "mutation($p: ID!) { createKpi(input: { programmeId: $p, code: \"T-BANEN\", name: \"Banen\", definition: \"Aantal\", unit: \"fte\", direction: HIGHER_IS_BETTER, aggregation: SUM, level: OUTPUT, frequency: YEARLY }) { kpi { id aggregation } } }",
            json!({ "p": p }),
        )
        .await["createKpi"]["kpi"]
        .clone();
    assert_eq!(jobs["aggregation"], "SUM");
    let share = kpi(&app, &p, "T-AANDEEL", &[]).await;
    let record = |kpi: String,
                  layer: &'static str,
                  year: i32,
                  value: &'static str,
                  qualifier: &'static str| {
        let app = &app;
        async move {
            app.ok(
                &format!("mutation($k: ID!) {{ recordMeasurement(input: {{ kpiId: $k, layer: {layer}, periodStart: \"{year}-01-01\", periodEnd: \"{year}-12-31\", value: \"{value}\", qualifier: {qualifier} }}) {{ measurement {{ id }} }} }}"),
                json!({ "k": kpi }),
            )
            .await;
        }
    };
    let jobs_id = jobs["id"].as_str().expect("id").to_owned();
    for kpi in [&jobs_id, &share] {
        // 2025: all four layers; 2024: the water boards are missing.
        for (layer, value, qualifier) in [
            ("RIJK", "120", "null"),
            ("PROVINCIE", "30", "AT_LEAST"),
            ("GEMEENTE", "410", "null"),
            ("WATERSCHAP", "15", "null"),
        ] {
            record(kpi.clone(), layer, 2025, value, qualifier).await;
        }
        for (layer, value) in [("RIJK", "100"), ("PROVINCIE", "20"), ("GEMEENTE", "300")] {
            record(kpi.clone(), layer, 2024, value, "null").await;
        }
    }
    app.on_day("2026-06-15");
    let markdown = app
        .ok(GENERATE, json!({ "d": "2026-06-15" }))
        .await["generateProgressReport"]["report"]["markdown"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let totals = |code: &str| -> Vec<String> {
        markdown
            .lines()
            .filter(|l| l.starts_with(&format!("| {code} ")) && l.contains("| Alle overheden |"))
            .map(str::to_owned)
            .collect()
    };
    let jobs_total = totals("T-BANEN");
    assert_eq!(jobs_total.len(), 1, "{markdown}");
    // The latest complete period, a lower bound since one part is; 2024 had no total.
    assert!(
        jobs_total[0]
            .contains("| ten minste 575 fte (2025, opgeteld over de vier overheidslagen) |"),
        "{}",
        jobs_total[0]
    );
    assert!(
        !jobs_total[0].contains("420"),
        "no total of an incomplete year"
    );
    assert!(
        totals("T-AANDEEL").is_empty(),
        "no total of percentages:\n{markdown}"
    );
    // The aggregation can be changed like every field of a KPI.
    let updated = app
        .ok(
            "mutation($id: ID!) { updateKpi(input: { id: $id, version: 1, aggregation: SUM }) { kpi { aggregation } } }",
            json!({ "id": share }),
        )
        .await;
    assert_eq!(updated["updateKpi"]["kpi"]["aggregation"], "SUM");
}
