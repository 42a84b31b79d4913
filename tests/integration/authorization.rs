//! Authorization: every mutation for every role (and a layer manager's layer), checked against
//! the expected allow or deny and against the database afterwards; drafts hidden from readers;
//! anonymous callers read only where the deployment allows it.

use crate::support::{TestApp, code};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use entity::GovernmentLayer::{Gemeente, Rijk};
use entity::{GovernmentLayer, Role};
use serde_json::{Value, json};

/// Who tries.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Anonymous,
    Viewer,
    Reporter,
    /// A layer manager of the municipalities.
    Gemeenten,
    ProgrammeManager,
    Admin,
}

/// What a mutation touches, written out here independently of `service::accounts::access`.
#[derive(Clone, Copy, Debug)]
enum Touches {
    Plan,
    Layer(Option<GovernmentLayer>),
    /// An item moved from one layer to another.
    Move(Option<GovernmentLayer>, Option<GovernmentLayer>),
    Link(Side, Side),
    Reports,
    /// What a milestone of this layer (None: joint) waits for: its dependencies.
    Depend(Option<GovernmentLayer>),
    /// A letter to the Kamer about a commitment.
    Letters,
    /// The dates and status of a joint milestone the municipalities take part in.
    SharedWork,
    /// A milestone's baseline date or deadline (with a change reason).
    Programme,
    /// Deleting a municipal milestone that another layer's milestone or a commitment depends on.
    DeleteDependedOn,
    /// API tokens.
    Tokens,
}

#[derive(Clone, Copy, Debug)]
enum Side {
    Shared,
    Layer(Option<GovernmentLayer>),
}

/// The rules of the README's role table: an admin does everything; a programme manager the whole
/// plan and the letters; a layer manager its own layer's items, links from them to joint or
/// shared ones, what its milestones wait for (from any layer), and the dates and status of the
/// joint milestones its layer takes part in; a reporter the reports and the letters; a viewer
/// (and an anonymous reader) nothing. `None`: allowed; else the error code of the refusal.
fn expected(who: Who, touches: Touches) -> Option<&'static str> {
    let own = |layer: Option<GovernmentLayer>| layer == Some(Gemeente);
    let allowed = match (who, touches) {
        (Who::Admin, _) => true,
        (_, Touches::Tokens) => false,
        (Who::ProgrammeManager, Touches::Reports) => false,
        (Who::ProgrammeManager, _) => true,
        (Who::Reporter, Touches::Reports | Touches::Letters) => true,
        (Who::Gemeenten, Touches::Layer(layer) | Touches::Depend(layer)) => own(layer),
        (Who::Gemeenten, Touches::Move(from, to)) => own(from) && own(to),
        (Who::Gemeenten, Touches::SharedWork) => true,
        (Who::Gemeenten, Touches::DeleteDependedOn) => return Some("CONFLICT"),
        (Who::Gemeenten, Touches::Link(a, b)) => {
            let mine = |s: Side| matches!(s, Side::Layer(l) if own(l));
            let shared = |s: Side| matches!(s, Side::Shared | Side::Layer(None));
            (mine(a) && (mine(b) || shared(b))) || (mine(b) && shared(a))
        }
        _ => false,
    };
    (!allowed).then_some("FORBIDDEN")
}

/// Objects every attempt can use, created by the admin.
struct Fixture {
    ids: std::collections::HashMap<&'static str, (String, i64)>,
    /// Makes unique values (KPI codes, commitment numbers) unique across fixtures.
    n: usize,
    /// The fixture's objects deleted (by the admin) for a restore attempt.
    deleted: std::sync::Mutex<std::collections::HashSet<String>>,
}

impl Fixture {
    fn id(&self, name: &str) -> &str {
        &self.ids[name].0
    }
    fn v(&self, name: &str) -> i64 {
        self.ids[name].1
    }
}

async fn create(app: &TestApp, field: &str, object: &str, input: Value) -> (String, i64) {
    let query = format!(
        "mutation($i: {}) {{ {field}(input: $i) {{ {object} {{ id version }} }} }}",
        input_type(field)
    );
    let data = app.ok(&query, json!({ "i": input })).await;
    let node = &data[field][object];
    (
        node["id"].as_str().expect("id").to_owned(),
        node["version"].as_i64().expect("version"),
    )
}

fn input_type(field: &str) -> String {
    let mut chars = field.chars();
    let head: String = chars
        .next()
        .map(|c| c.to_ascii_uppercase())
        .into_iter()
        .collect();
    format!("{head}{}Input!", chars.as_str())
}

async fn fixture(app: &TestApp) -> Fixture {
    static FIXTURES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = FIXTURES.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let mut ids = std::collections::HashMap::new();
    let p = create(
        app,
        "createProgramme",
        "programme",
        json!({ "name": "P", "goal": "G" }),
    )
    .await;
    let pid = p.0.clone();
    ids.insert("programme", p);
    let ms = |title: &str, layer: Value| json!({ "programmeId": pid, "title": title, "kind": "DELIVERY", "plannedDate": "2026-09-01", "layer": layer });
    ids.insert(
        "mr",
        create(
            app,
            "createMilestone",
            "milestone",
            ms("Rijk", json!("RIJK")),
        )
        .await,
    );
    ids.insert(
        "mg",
        create(
            app,
            "createMilestone",
            "milestone",
            ms("Gemeente", json!("GEMEENTE")),
        )
        .await,
    );
    let mut joint = ms("Samen", Value::Null);
    joint["participatingLayers"] = json!(["GEMEENTE", "PROVINCIE"]);
    ids.insert(
        "mj",
        create(app, "createMilestone", "milestone", joint).await,
    );
    let task = |title: &str, layer: Value| json!({ "programmeId": pid, "title": title, "kind": "DATA_INFRASTRUCTURE", "dueDate": "2026-08-01", "layer": layer });
    ids.insert(
        "tr",
        create(
            app,
            "createDataInfraTask",
            "task",
            task("Rijk", json!("RIJK")),
        )
        .await,
    );
    ids.insert(
        "tg",
        create(
            app,
            "createDataInfraTask",
            "task",
            task("Gemeente", json!("GEMEENTE")),
        )
        .await,
    );
    let risk = |title: &str, layer: Value| json!({ "programmeId": pid, "title": title, "likelihood": "MEDIUM", "impact": "HIGH", "layer": layer });
    ids.insert(
        "rr",
        create(app, "createRisk", "risk", risk("Rijk", json!("RIJK"))).await,
    );
    ids.insert(
        "rg",
        create(
            app,
            "createRisk",
            "risk",
            risk("Gemeente", json!("GEMEENTE")),
        )
        .await,
    );
    let k = create(app, "createKpi", "kpi", json!({ "programmeId": pid, "code": format!("K1-{n}"), "name": "K", "definition": "D", "unit": "%", "direction": "HIGHER_IS_BETTER", "level": "INPUT", "frequency": "QUARTERLY" })).await;
    let kid = k.0.clone();
    ids.insert("kpi", k);
    ids.insert(
        "target",
        create(
            app,
            "createKpiTarget",
            "target",
            json!({ "kpiId": kid, "year": 2027, "value": "50" }),
        )
        .await,
    );
    let x = |layer: Value, start: &str, end: &str| json!({ "kpiId": kid, "periodStart": start, "periodEnd": end, "value": "10", "layer": layer });
    ids.insert(
        "xg",
        create(
            app,
            "recordMeasurement",
            "measurement",
            x(json!("GEMEENTE"), "2025-01-01", "2025-03-31"),
        )
        .await,
    );
    ids.insert(
        "xr",
        create(
            app,
            "recordMeasurement",
            "measurement",
            x(json!("RIJK"), "2025-01-01", "2025-03-31"),
        )
        .await,
    );
    let s = create(
        app,
        "createDataSource",
        "dataSource",
        json!({ "name": "S", "updateFrequency": "QUARTERLY", "access": "OPEN" }),
    )
    .await;
    let sid = s.0.clone();
    ids.insert("source", s);
    ids.insert("assessment", create(app, "createDataQualityAssessment", "assessment", json!({ "dataSourceId": sid, "dimension": "ACCURACY", "score": 3, "assessedOn": "2026-01-10", "finding": "F" })).await);
    ids.insert(
        "organisation",
        create(
            app,
            "createOrganisation",
            "organisation",
            json!({ "name": "O" }),
        )
        .await,
    );
    ids.insert("phase", create(app, "createPhase", "phase", json!({ "programmeId": pid, "number": 3, "name": "F3", "plannedStart": "2026-01-01", "plannedEnd": "2026-12-31" })).await);
    ids.insert(
        "workstream",
        create(
            app,
            "createWorkstream",
            "workstream",
            json!({ "programmeId": pid, "name": "W" }),
        )
        .await,
    );
    ids.insert("commitment", create(app, "createCommitment", "commitment", json!({ "programmeId": pid, "number": format!("TZ1-{n}"), "text": "T", "madeBy": "M", "madeOn": "2026-01-01", "deadlineDate": "2026-12-01" })).await);
    ids.insert(
        "spare",
        create(
            app,
            "createProgramme",
            "programme",
            json!({ "name": "Spare", "goal": "G" }),
        )
        .await,
    );
    let report = app
        .ok(
            "mutation { generateProgressReport(input: { asOf: \"2026-06-01\", title: \"R\" }) { report { id version } } }",
            json!({}),
        )
        .await["generateProgressReport"]["report"]
        .clone();
    ids.insert(
        "report",
        (
            report["id"].as_str().expect("id").to_owned(),
            report["version"].as_i64().expect("v"),
        ),
    );
    Fixture {
        ids,
        n,
        deleted: Default::default(),
    }
}

/// Every mutation, with what it touches.
fn cases() -> Vec<(&'static str, Touches)> {
    use Touches::*;
    let g = Side::Layer(Some(Gemeente));
    let r = Side::Layer(Some(Rijk));
    vec![
        ("createOrganisation", Plan),
        ("updateOrganisation", Plan),
        ("deleteOrganisation", Plan),
        ("createProgramme", Plan),
        ("updateProgramme", Plan),
        ("deleteProgramme", Plan),
        ("createPhase", Plan),
        ("updatePhase", Plan),
        ("deletePhase", Plan),
        ("createWorkstream", Plan),
        ("updateWorkstream", Plan),
        ("deleteWorkstream", Plan),
        ("createMilestone:gemeente", Layer(Some(Gemeente))),
        ("createMilestone:rijk", Layer(Some(Rijk))),
        ("createMilestone:joint", Layer(None)),
        ("updateMilestone:gemeente", Layer(Some(Gemeente))),
        ("updateMilestone:rijk", Layer(Some(Rijk))),
        ("updateMilestone:joint-dates", SharedWork),
        ("updateMilestone:joint-title", Layer(None)),
        ("updateMilestone:joint-layers", Programme),
        ("updateMilestone:baseline", Programme),
        ("updateMilestone:deadline", Programme),
        (
            "updateMilestone:gemeente-to-rijk",
            Move(Some(Gemeente), Some(Rijk)),
        ),
        ("deleteMilestone:gemeente", Layer(Some(Gemeente))),
        ("deleteMilestone:rijk", Layer(Some(Rijk))),
        ("deleteMilestone:joint", Layer(None)),
        ("deleteMilestone:depended-on", DeleteDependedOn),
        ("deleteMilestone:committed", DeleteDependedOn),
        ("deleteMilestone:own-successor", Layer(Some(Gemeente))),
        ("createKpi", Plan),
        ("updateKpi", Plan),
        ("deleteKpi", Plan),
        ("createKpiTarget", Plan),
        ("updateKpiTarget", Plan),
        ("deleteKpiTarget", Plan),
        ("recordMeasurement:gemeente", Layer(Some(Gemeente))),
        ("recordMeasurement:overall", Layer(None)),
        ("updateMeasurement:gemeente", Layer(Some(Gemeente))),
        ("deleteMeasurement:rijk", Layer(Some(Rijk))),
        ("createDataSource", Plan),
        ("updateDataSource", Plan),
        ("deleteDataSource", Plan),
        ("createDataQualityAssessment", Plan),
        ("updateDataQualityAssessment", Plan),
        ("deleteDataQualityAssessment", Plan),
        ("createDataInfraTask:gemeente", Layer(Some(Gemeente))),
        ("updateDataInfraTask:rijk", Layer(Some(Rijk))),
        ("deleteDataInfraTask:gemeente", Layer(Some(Gemeente))),
        ("createRisk:gemeente", Layer(Some(Gemeente))),
        ("createRisk:joint", Layer(None)),
        ("updateRisk:rijk", Layer(Some(Rijk))),
        ("updateRisk:gemeente", Layer(Some(Gemeente))),
        (
            "updateRisk:gemeente-to-rijk",
            Move(Some(Gemeente), Some(Rijk)),
        ),
        ("deleteRisk:gemeente", Layer(Some(Gemeente))),
        ("deleteRisk:rijk", Layer(Some(Rijk))),
        ("updateProgressReport", Reports),
        ("createRecessPeriod", Plan),
        ("updateRecessPeriod", Plan),
        ("deleteRecessPeriod", Plan),
        ("createCommitment", Plan),
        ("updateCommitment", Plan),
        ("deleteCommitment", Plan),
        ("recordCommitmentLetter", Plan),
        ("recordCommitmentLetter:called-for", Letters),
        ("createBaseline", Plan),
        ("generateProgressReport", Reports),
        ("publishProgressReport", Reports),
        ("deleteProgressReport", Reports),
        ("linkMilestoneKpi:gemeente", Link(g, Side::Shared)),
        ("linkMilestoneKpi:rijk", Link(r, Side::Shared)),
        ("unlinkMilestoneKpi:gemeente", Link(g, Side::Shared)),
        ("linkMilestoneTask:own", Link(g, g)),
        ("linkMilestoneTask:cross", Link(g, r)),
        ("unlinkMilestoneTask:own", Link(g, g)),
        ("linkTaskKpi:gemeente", Link(g, Side::Shared)),
        ("unlinkTaskKpi:gemeente", Link(g, Side::Shared)),
        ("linkKpiDataSource", Link(Side::Shared, Side::Shared)),
        ("unlinkKpiDataSource", Link(Side::Shared, Side::Shared)),
        ("linkCommitmentMilestone:gemeente", Plan),
        ("unlinkCommitmentMilestone:gemeente", Plan),
        (
            "addMilestoneDependency:joint-to-gemeente",
            Depend(Some(Gemeente)),
        ),
        (
            "addMilestoneDependency:rijk-to-gemeente",
            Depend(Some(Gemeente)),
        ),
        (
            "addMilestoneDependency:gemeente-to-rijk",
            Depend(Some(Rijk)),
        ),
        ("addMilestoneDependency:gemeente-to-joint", Depend(None)),
        (
            "removeMilestoneDependency:joint-to-gemeente",
            Depend(Some(Gemeente)),
        ),
        (
            "removeMilestoneDependency:rijk-to-gemeente",
            Depend(Some(Gemeente)),
        ),
        (
            "removeMilestoneDependency:gemeente-to-rijk",
            Depend(Some(Rijk)),
        ),
        ("restoreOrganisation", Plan),
        ("restoreProgramme", Plan),
        ("restorePhase", Plan),
        ("restoreWorkstream", Plan),
        ("restoreMilestone:gemeente", Layer(Some(Gemeente))),
        ("restoreMilestone:rijk", Layer(Some(Rijk))),
        ("restoreMilestone:joint", Layer(None)),
        ("restoreKpi", Plan),
        ("restoreKpiTarget", Plan),
        ("restoreMeasurement:rijk", Layer(Some(Rijk))),
        ("restoreMeasurement:gemeente", Layer(Some(Gemeente))),
        ("restoreDataSource", Plan),
        ("restoreDataQualityAssessment", Plan),
        ("restoreDataInfraTask:gemeente", Layer(Some(Gemeente))),
        ("restoreRecessPeriod", Plan),
        ("restoreCommitment", Plan),
        ("restoreProgressReport", Reports),
        ("restoreRisk:gemeente", Layer(Some(Gemeente))),
        ("restoreRisk:rijk", Layer(Some(Rijk))),
        ("createApiToken", Tokens),
        ("revokeApiToken", Tokens),
    ]
}

/// A summer recess in a year no other attempt uses (recesses may not overlap).
fn recess() -> Value {
    static YEARS: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);
    let year = 1990 + YEARS.fetch_add(1, std::sync::atomic::Ordering::SeqCst) % 110;
    json!({ "kind": "SUMMER", "year": year, "name": format!("Zomerreces {year}"), "firstDay": format!("{year}-07-02"), "lastDay": format!("{year}-08-30"), "confidence": "OFFICIAL" })
}

/// Prepare what the attempt needs (as the admin), then the mutation and its variables.
async fn prepare(app: &TestApp, fx: &Fixture, case: &str) -> (String, Value) {
    let (field, variant) = case.split_once(':').unwrap_or((case, ""));
    let upd = |id: &str, v: i64, extra: Value| {
        let mut input = json!({ "id": id, "version": v });
        if let (Some(map), Value::Object(more)) = (input.as_object_mut(), extra) {
            map.extend(more);
        }
        input
    };
    let pid = fx.id("programme");
    let input = match (field, variant) {
        ("createOrganisation", _) => json!({ "name": "O2" }),
        ("updateOrganisation", _) => upd(
            fx.id("organisation"),
            fx.v("organisation"),
            json!({ "name": "O3" }),
        ),
        ("deleteOrganisation", _) => upd(fx.id("organisation"), fx.v("organisation"), json!({})),
        ("createProgramme", _) => json!({ "name": "P2", "goal": "G" }),
        ("updateProgramme", _) => upd(pid, fx.v("programme"), json!({ "name": "P3" })),
        ("deleteProgramme", _) => upd(fx.id("spare"), fx.v("spare"), json!({})),
        ("createPhase", _) => {
            json!({ "programmeId": pid, "number": 4, "name": "F4", "plannedStart": "2027-01-01", "plannedEnd": "2027-12-31" })
        }
        ("updatePhase", _) => upd(fx.id("phase"), fx.v("phase"), json!({ "name": "F3b" })),
        ("deletePhase", _) => upd(fx.id("phase"), fx.v("phase"), json!({})),
        ("createWorkstream", _) => json!({ "programmeId": pid, "name": "W2" }),
        ("updateWorkstream", _) => upd(
            fx.id("workstream"),
            fx.v("workstream"),
            json!({ "name": "W3" }),
        ),
        ("deleteWorkstream", _) => upd(fx.id("workstream"), fx.v("workstream"), json!({})),
        ("createMilestone", layer) => {
            let layer = match layer {
                "gemeente" => json!("GEMEENTE"),
                "rijk" => json!("RIJK"),
                _ => Value::Null,
            };
            json!({ "programmeId": pid, "title": "Nieuw", "kind": "DELIVERY", "plannedDate": "2026-10-01", "layer": layer })
        }
        ("updateMilestone", "gemeente") => upd(fx.id("mg"), fx.v("mg"), json!({ "title": "G2" })),
        ("updateMilestone", "rijk") => upd(fx.id("mr"), fx.v("mr"), json!({ "title": "R2" })),
        ("updateMilestone", "joint-dates") => upd(
            fx.id("mj"),
            fx.v("mj"),
            json!({ "forecastDate": "2026-09-15", "status": "IN_PROGRESS", "description": "Later" }),
        ),
        ("updateMilestone", "joint-title") => {
            upd(fx.id("mj"), fx.v("mj"), json!({ "title": "Anders" }))
        }
        ("updateMilestone", "joint-layers") => upd(
            fx.id("mj"),
            fx.v("mj"),
            json!({ "participatingLayers": ["GEMEENTE", "WATERSCHAP"], "changeReason": "Waterschappen doen mee" }),
        ),
        ("updateMilestone", "baseline") => upd(
            fx.id("mg"),
            fx.v("mg"),
            json!({ "baselineDate": "2026-10-01", "changeReason": "Herplanning" }),
        ),
        ("updateMilestone", "deadline") => upd(
            fx.id("mg"),
            fx.v("mg"),
            json!({ "deadlineDate": "2026-12-01", "deadlineText": "voor 1 december 2026", "changeReason": "Nieuwe toezegging" }),
        ),
        ("updateMilestone", _) => upd(fx.id("mg"), fx.v("mg"), json!({ "layer": "RIJK" })),
        ("deleteMilestone", "gemeente") => upd(fx.id("mg"), fx.v("mg"), json!({})),
        ("deleteMilestone", "joint") => upd(fx.id("mj"), fx.v("mj"), json!({})),
        ("deleteMilestone", "depended-on") => {
            depend(app, fx.id("mg"), fx.id("mr")).await;
            upd(fx.id("mg"), fx.v("mg"), json!({}))
        }
        ("deleteMilestone", "own-successor") => {
            let (own, _) = create(app, "createMilestone", "milestone", json!({ "programmeId": pid, "title": "Volgt", "kind": "DELIVERY", "plannedDate": "2026-10-01", "layer": "GEMEENTE" })).await;
            depend(app, fx.id("mg"), &own).await;
            upd(fx.id("mg"), fx.v("mg"), json!({}))
        }
        ("deleteMilestone", "committed") => {
            app.ok(
                "mutation($c: ID!, $m: ID!) { linkCommitmentMilestone(input: { commitmentId: $c, milestoneId: $m }) { __typename } }",
                json!({ "c": fx.id("commitment"), "m": fx.id("mg") }),
            )
            .await;
            upd(fx.id("mg"), fx.v("mg"), json!({}))
        }
        ("deleteMilestone", _) => upd(fx.id("mr"), fx.v("mr"), json!({})),
        ("createKpi", _) => {
            json!({ "programmeId": pid, "code": format!("K2-{}", fx.n), "name": "K2", "definition": "D", "unit": "%", "direction": "HIGHER_IS_BETTER", "level": "INPUT", "frequency": "QUARTERLY" })
        }
        ("updateKpi", _) => upd(fx.id("kpi"), fx.v("kpi"), json!({ "name": "K3" })),
        ("deleteKpi", _) => upd(fx.id("kpi"), fx.v("kpi"), json!({})),
        ("createKpiTarget", _) => json!({ "kpiId": fx.id("kpi"), "year": 2028, "value": "60" }),
        ("updateKpiTarget", _) => upd(fx.id("target"), fx.v("target"), json!({ "value": "55" })),
        ("deleteKpiTarget", _) => upd(fx.id("target"), fx.v("target"), json!({})),
        ("recordMeasurement", layer) => {
            json!({ "kpiId": fx.id("kpi"), "periodStart": "2025-04-01", "periodEnd": "2025-06-30", "value": "12", "layer": if layer == "gemeente" { json!("GEMEENTE") } else { Value::Null } })
        }
        ("updateMeasurement", _) => upd(fx.id("xg"), fx.v("xg"), json!({ "value": "11" })),
        ("deleteMeasurement", _) => upd(fx.id("xr"), fx.v("xr"), json!({})),
        ("createDataSource", _) => {
            json!({ "name": "S2", "updateFrequency": "QUARTERLY", "access": "OPEN" })
        }
        ("updateDataSource", _) => upd(fx.id("source"), fx.v("source"), json!({ "name": "S3" })),
        ("deleteDataSource", _) => upd(fx.id("source"), fx.v("source"), json!({})),
        ("createDataQualityAssessment", _) => {
            json!({ "dataSourceId": fx.id("source"), "dimension": "COMPLETENESS", "score": 4, "assessedOn": "2026-02-10", "finding": "F" })
        }
        ("updateDataQualityAssessment", _) => upd(
            fx.id("assessment"),
            fx.v("assessment"),
            json!({ "score": 2 }),
        ),
        ("deleteDataQualityAssessment", _) => {
            upd(fx.id("assessment"), fx.v("assessment"), json!({}))
        }
        ("createDataInfraTask", _) => {
            json!({ "programmeId": pid, "title": "T", "kind": "DATA_INFRASTRUCTURE", "dueDate": "2026-09-01", "layer": "GEMEENTE" })
        }
        ("updateDataInfraTask", _) => upd(fx.id("tr"), fx.v("tr"), json!({ "title": "T2" })),
        ("deleteDataInfraTask", _) => upd(fx.id("tg"), fx.v("tg"), json!({})),
        ("createRisk", layer) => {
            json!({ "programmeId": pid, "title": "R", "likelihood": "LOW", "impact": "LOW", "layer": if layer == "gemeente" { json!("GEMEENTE") } else { Value::Null } })
        }
        ("updateRisk", "rijk") => upd(fx.id("rr"), fx.v("rr"), json!({ "mitigation": "M" })),
        ("updateRisk", "gemeente") => upd(fx.id("rg"), fx.v("rg"), json!({ "owner": "O" })),
        ("updateRisk", _) => upd(fx.id("rg"), fx.v("rg"), json!({ "layer": "RIJK" })),
        ("deleteRisk", "rijk") => upd(fx.id("rr"), fx.v("rr"), json!({})),
        ("deleteRisk", _) => upd(fx.id("rg"), fx.v("rg"), json!({})),
        ("updateProgressReport", _) => upd(
            fx.id("report"),
            fx.v("report"),
            json!({ "reference": "K-1" }),
        ),
        ("createRecessPeriod", _) => recess(),
        ("updateRecessPeriod", _) => {
            let (id, v) = create(app, "createRecessPeriod", "recessPeriod", recess()).await;
            upd(&id, v, json!({ "name": "Zomer" }))
        }
        ("deleteRecessPeriod", _) => {
            let (id, v) = create(app, "createRecessPeriod", "recessPeriod", recess()).await;
            upd(&id, v, json!({}))
        }
        ("createCommitment", _) => {
            json!({ "programmeId": pid, "number": format!("TZ2-{}", fx.n), "text": "T", "madeBy": "M", "madeOn": "2026-01-01", "deadlineDate": "2026-12-01" })
        }
        ("updateCommitment", _) => upd(
            fx.id("commitment"),
            fx.v("commitment"),
            json!({ "text": "T2" }),
        ),
        ("deleteCommitment", _) => upd(fx.id("commitment"), fx.v("commitment"), json!({})),
        ("recordCommitmentLetter", "called-for") => {
            // The milestone that fulfils it is projected past its deadline: the Kamer needs a
            // postponement letter.
            app.ok(
                "mutation($c: ID!, $m: ID!, $v: Int!) { linkCommitmentMilestone(input: { commitmentId: $c, milestoneId: $m }) { __typename } updateMilestone(input: { id: $m, version: $v, plannedDate: \"2027-01-15\" }) { status } }",
                json!({ "c": fx.id("commitment"), "m": fx.id("mr"), "v": fx.v("mr") }),
            )
            .await;
            json!({ "commitmentId": fx.id("commitment"), "version": fx.v("commitment"), "kind": "POSTPONEMENT", "sentOn": "2026-06-01", "newDeadlineDate": "2027-03-01", "reason": "Het eindrapport volgt later" })
        }
        ("recordCommitmentLetter", _) => {
            json!({ "commitmentId": fx.id("commitment"), "version": fx.v("commitment"), "kind": "FULFILMENT", "sentOn": "2026-06-01" })
        }
        ("createBaseline", _) => json!({ "name": "B", "reason": "R" }),
        ("generateProgressReport", _) => json!({ "asOf": "2026-06-01", "title": "R2" }),
        ("createApiToken", _) => json!({ "name": "Nieuw", "role": "VIEWER" }),
        ("revokeApiToken", _) => {
            let made = app
                .ok(
                    "mutation { createApiToken(input: { name: \"Weg\", role: VIEWER }) { apiToken { id } } }",
                    json!({}),
                )
                .await;
            json!({ "id": made["createApiToken"]["apiToken"]["id"] })
        }
        (restore, variant) if restore.starts_with("restore") => {
            let (id, v) = deleted(app, fx, restore, variant).await;
            return (
                format!("mutation($i: RestoreInput!) {{ {restore}(input: $i) {{ __typename }} }}"),
                json!({ "i": { "id": id, "version": v } }),
            );
        }
        ("publishProgressReport" | "deleteProgressReport", _) => {
            upd(fx.id("report"), fx.v("report"), json!({}))
        }
        (link, variant) => {
            let (left, right) = link_ends(fx, link, variant);
            if link.starts_with("unlink") || link.starts_with("remove") {
                // Link first (as the admin), so there is something to remove.
                let add = if link.starts_with("remove") {
                    "addMilestoneDependency".to_owned()
                } else {
                    link.replacen("unlink", "link", 1)
                };
                let query = format!(
                    "mutation($i: {}) {{ {add}(input: $i) {{ __typename }} }}",
                    link_input(&add)
                );
                app.ok(&query, json!({ "i": ends_json(&add, &left, &right) }))
                    .await;
            }
            let query = format!(
                "mutation($i: {}) {{ {link}(input: $i) {{ __typename }} }}",
                link_input(link)
            );
            return (query, json!({ "i": ends_json(link, &left, &right) }));
        }
    };
    let query = format!(
        "mutation($i: {}) {{ {field}(input: $i) {{ __typename }} }}",
        match field {
            "deleteOrganisation"
            | "deleteProgramme"
            | "deletePhase"
            | "deleteWorkstream"
            | "deleteMilestone"
            | "deleteKpi"
            | "deleteKpiTarget"
            | "deleteMeasurement"
            | "deleteDataSource"
            | "deleteDataQualityAssessment"
            | "deleteDataInfraTask"
            | "deleteRecessPeriod"
            | "deleteRisk"
            | "deleteCommitment"
            | "deleteProgressReport"
            | "publishProgressReport" => {
                "DeleteInput!".to_owned()
            }
            other => input_type(other),
        }
    );
    (query, json!({ "i": input }))
}

/// Add the dependency `predecessor -> successor` as the admin.
async fn depend(app: &TestApp, predecessor: &str, successor: &str) {
    app.ok(
        "mutation($p: ID!, $s: ID!) { addMilestoneDependency(input: { predecessorId: $p, successorId: $s, lagDays: 0 }) { __typename } }",
        json!({ "p": predecessor, "s": successor }),
    )
    .await;
}

/// Delete (as the admin) what `restore` with `variant` brings back; its id and version now.
async fn deleted(app: &TestApp, fx: &Fixture, restore: &str, variant: &str) -> (String, i64) {
    let kind = restore.trim_start_matches("restore");
    let (id, v) = match (kind, variant) {
        ("Organisation", _) => (fx.id("organisation").to_owned(), fx.v("organisation")),
        ("Programme", _) => (fx.id("spare").to_owned(), fx.v("spare")),
        ("Phase", _) => (fx.id("phase").to_owned(), fx.v("phase")),
        ("Workstream", _) => (fx.id("workstream").to_owned(), fx.v("workstream")),
        ("Milestone", "gemeente") => (fx.id("mg").to_owned(), fx.v("mg")),
        ("Milestone", "rijk") => (fx.id("mr").to_owned(), fx.v("mr")),
        ("Milestone", _) => (fx.id("mj").to_owned(), fx.v("mj")),
        ("Kpi", _) => (fx.id("kpi").to_owned(), fx.v("kpi")),
        ("KpiTarget", _) => (fx.id("target").to_owned(), fx.v("target")),
        ("Measurement", "rijk") => (fx.id("xr").to_owned(), fx.v("xr")),
        ("Measurement", _) => (fx.id("xg").to_owned(), fx.v("xg")),
        ("DataSource", _) => (fx.id("source").to_owned(), fx.v("source")),
        ("DataQualityAssessment", _) => (fx.id("assessment").to_owned(), fx.v("assessment")),
        ("DataInfraTask", _) => (fx.id("tg").to_owned(), fx.v("tg")),
        ("RecessPeriod", _) => create(app, "createRecessPeriod", "recessPeriod", recess()).await,
        ("Commitment", _) => (fx.id("commitment").to_owned(), fx.v("commitment")),
        ("ProgressReport", _) => (fx.id("report").to_owned(), fx.v("report")),
        ("Risk", "rijk") => (fx.id("rr").to_owned(), fx.v("rr")),
        ("Risk", _) => (fx.id("rg").to_owned(), fx.v("rg")),
        other => panic!("no fixture to restore for {other:?}"),
    };
    let fresh = fx.deleted.lock().expect("deleted set").insert(id.clone());
    if !fresh {
        // Deleted for an earlier, refused attempt: still deleted.
        return (id, v + 1);
    }
    let delete = format!("mutation($i: DeleteInput!) {{ delete{kind}(input: $i) {{ status }} }}");
    let answer = app
        .ok(&delete, json!({ "i": { "id": id, "version": v } }))
        .await;
    assert_eq!(answer[format!("delete{kind}")]["status"], "OK", "{answer}");
    // A soft delete is an update: the next version.
    (id, v + 1)
}

fn link_ends(fx: &Fixture, link: &str, variant: &str) -> (String, String) {
    let pick = |a: &str, b: &str| (fx.id(a).to_owned(), fx.id(b).to_owned());
    match (link.trim_start_matches("un"), variant) {
        ("linkMilestoneKpi", "rijk") => pick("mr", "kpi"),
        ("linkMilestoneKpi", _) => pick("mg", "kpi"),
        ("linkMilestoneTask", "cross") => pick("mg", "tr"),
        ("linkMilestoneTask", _) => pick("mg", "tg"),
        ("linkTaskKpi", _) => pick("tg", "kpi"),
        ("linkKpiDataSource", _) => pick("kpi", "source"),
        ("linkCommitmentMilestone", _) => pick("commitment", "mg"),
        (_, "rijk-to-gemeente") => pick("mr", "mg"),
        (_, "gemeente-to-rijk") => pick("mg", "mr"),
        (_, "gemeente-to-joint") => pick("mg", "mj"),
        _ => pick("mj", "mg"),
    }
}

fn link_input(link: &str) -> &'static str {
    match link.trim_start_matches("un") {
        "linkMilestoneKpi" => "MilestoneKpiInput!",
        "linkMilestoneTask" => "MilestoneTaskInput!",
        "linkTaskKpi" => "TaskKpiInput!",
        "linkKpiDataSource" => "KpiDataSourceInput!",
        "linkCommitmentMilestone" => "CommitmentMilestoneInput!",
        "addMilestoneDependency" => "MilestoneDependencyInput!",
        _ => "RemoveMilestoneDependencyInput!",
    }
}

fn ends_json(link: &str, left: &str, right: &str) -> Value {
    match link.trim_start_matches("un") {
        "linkMilestoneKpi" => json!({ "milestoneId": left, "kpiId": right }),
        "linkMilestoneTask" => json!({ "milestoneId": left, "taskId": right }),
        "linkTaskKpi" => json!({ "taskId": left, "kpiId": right }),
        "linkKpiDataSource" => json!({ "kpiId": left, "dataSourceId": right }),
        "linkCommitmentMilestone" => json!({ "commitmentId": left, "milestoneId": right }),
        "addMilestoneDependency" => {
            json!({ "predecessorId": left, "successorId": right, "lagDays": 0 })
        }
        _ => json!({ "predecessorId": left, "successorId": right }),
    }
}

/// What the database holds that any write changes: every write records its change, and the
/// few records without a change history are counted themselves.
async fn footprint(app: &TestApp) -> Vec<i64> {
    let mut counts = Vec::new();
    for table in [
        "change_record",
        "baseline",
        "baseline_milestone",
        "commitment_letter",
        "report_document",
        "milestone_dependency",
        "milestone_kpi",
        "commitment_milestone",
        "api_token",
        "api_token WHERE revoked_at IS NOT NULL",
    ] {
        counts.push(app.count(table).await);
    }
    counts
}

async fn attempt(app: &TestApp, token: Option<&str>, query: &str, variables: Value) -> Value {
    let body = json!({ "query": query, "variables": variables });
    let mut request = Request::post("/graphql").header("content-type", "application/json");
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let (status, value) = app
        .send(request.body(Body::from(body.to_string())).expect("request"))
        .await;
    assert_eq!(status, StatusCode::OK, "{value}");
    value
}

#[tokio::test]
async fn every_mutation_for_every_role_is_allowed_or_denied_as_the_rules_say() {
    let app = TestApp::with_config(koers::config::ApiConfig {
        allow_anonymous: true,
        rate_per_minute: 0,
        ..Default::default()
    })
    .await;
    let mut tokens = Vec::new();
    for (who, role, layer) in [
        (Who::Anonymous, None, None),
        (Who::Viewer, Some(Role::Viewer), None),
        (Who::Reporter, Some(Role::Reporter), None),
        (Who::Gemeenten, Some(Role::LayerManager), Some(Gemeente)),
        (Who::ProgrammeManager, Some(Role::ProgrammeManager), None),
        (Who::Admin, Some(Role::Admin), None),
    ] {
        let token = match role {
            Some(role) => Some(app.token(&format!("{who:?}"), role, layer).await),
            None => None,
        };
        tokens.push((who, token));
    }
    let mut checked = 0;
    let mut denied = 0;
    for (case, touches) in cases() {
        // Denied attempts change nothing, so the fixture serves until one is allowed.
        let mut fx = fixture(&app).await;
        for (who, token) in &tokens {
            let (query, variables) = prepare(&app, &fx, case).await;
            let before = footprint(&app).await;
            let response = attempt(&app, token.as_deref(), &query, variables).await;
            let after = footprint(&app).await;
            match expected(*who, touches) {
                None => {
                    assert!(
                        response.get("errors").is_none(),
                        "{case} as {who:?} should be allowed: {response}"
                    );
                    assert_ne!(before, after, "{case} as {who:?} changed nothing");
                    fx = fixture(&app).await;
                }
                Some(refusal) => {
                    assert_eq!(
                        code(&response["errors"][0]),
                        refusal,
                        "{case} as {who:?} should be refused with {refusal}: {response}"
                    );
                    assert_eq!(
                        before, after,
                        "{case} as {who:?} was denied but changed the database"
                    );
                    denied += 1;
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, cases().len() * 6);
    assert!(denied > checked / 3, "{denied} of {checked} denied");
}

#[tokio::test]
async fn drafts_are_for_reporters_and_admins_and_readers_see_what_is_published() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    let viewer = app.token("lezer", Role::Viewer, None).await;
    let reporter = app.token("rapporteur", Role::Reporter, None).await;
    let list = "{ progressReports { totalCount edges { node { id status } } } }";
    let by_id = "query($id: ID!) { node(id: $id) { id } progressReport(id: $id) { id } }";
    let vars = json!({ "id": fx.id("report") });
    assert_eq!(
        app.gql_as(&viewer, list, json!({})).await["data"]["progressReports"]["totalCount"],
        0
    );
    let hidden = app.gql_as(&viewer, by_id, vars.clone()).await;
    assert!(
        hidden["data"]["node"].is_null() && hidden["data"]["progressReport"].is_null(),
        "{hidden}"
    );
    let seen = app.gql_as(&reporter, by_id, vars.clone()).await;
    assert_eq!(seen["data"]["node"]["id"], fx.id("report"));
    let (status, _, _) = app
        .get(&format!("/reports/{}.md", report_number(fx.id("report"))))
        .await;
    assert_eq!(status, StatusCode::OK, "the admin reads the draft");
    let request = Request::get(format!("/reports/{}.md", report_number(fx.id("report"))))
        .header("authorization", format!("Bearer {viewer}"))
        .body(Body::empty())
        .expect("request");
    let (status, _) = app.send(request).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a viewer does not see a draft"
    );

    // Published, it is everyone's.
    app.gql_as(
        &reporter,
        "mutation($id: ID!, $v: Int!) { publishProgressReport(input: { id: $id, version: $v }) { status } }",
        json!({ "id": fx.id("report"), "v": fx.v("report") }),
    )
    .await;
    let listed = app.gql_as(&viewer, list, json!({})).await;
    assert_eq!(
        listed["data"]["progressReports"]["totalCount"], 1,
        "{listed}"
    );
    let shown = app.gql_as(&viewer, by_id, vars).await;
    assert_eq!(shown["data"]["progressReport"]["id"], fx.id("report"));
}

/// The database id inside a global id.
fn report_number(global: &str) -> String {
    use base64::Engine;
    let decoded = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(global)
        .expect("a base64 id");
    String::from_utf8(decoded)
        .expect("utf-8")
        .rsplit(':')
        .next()
        .expect("number")
        .to_owned()
}

#[tokio::test]
async fn without_a_token_nothing_is_served_unless_anonymous_reading_is_allowed() {
    let closed = TestApp::new().await;
    let query = json!({ "query": "{ programmes { totalCount } }" }).to_string();
    let post = |query: String| {
        Request::post("/graphql")
            .header("content-type", "application/json")
            .body(Body::from(query))
            .expect("request")
    };
    let (status, body) = closed.send(post(query.clone())).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_eq!(code(&body["errors"][0]), "UNAUTHENTICATED");
    for path in ["/export/milestones.ndjson", "/reports/1.md"] {
        let (status, _) = closed
            .send(Request::get(path).body(Body::empty()).expect("request"))
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
    }
    // The GraphiQL page and the health check stay open.
    let (status, _) = closed
        .send(
            Request::get("/healthz")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    let open = TestApp::with_config(koers::config::ApiConfig {
        allow_anonymous: true,
        ..Default::default()
    })
    .await;
    let (status, body) = open.send(post(query)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["data"]["programmes"]["totalCount"], 0, "{body}");
    let write = json!({ "query": "mutation { createProgramme(input: { name: \"P\", goal: \"G\" }) { __typename } }" }).to_string();
    let (_, body) = open.send(post(write)).await;
    assert_eq!(
        code(&body["errors"][0]),
        "FORBIDDEN",
        "anonymous reads only"
    );
    assert_eq!(open.count("programme").await, 0);
}

/// Whether the caller may change an object is decided before whether its version is current:
/// a stale version from someone who may not change it is FORBIDDEN, never CONFLICT.
#[tokio::test]
async fn forbidden_comes_before_a_stale_version() {
    let app = crate::support::TestApp::with_demo().await;
    let viewer = app.token("lezer", entity::Role::Viewer, None).await;
    let gemeente = app
        .token(
            "vng",
            entity::Role::LayerManager,
            Some(entity::GovernmentLayer::Gemeente),
        )
        .await;
    let rijk = app
        .ok(
            "{ milestones(filter: { layer: RIJK }, first: 1) { nodes { id version } } }",
            json!({}),
        )
        .await["milestones"]["nodes"][0]
        .clone();
    let commitment = app
        .ok(
            "{ commitments(first: 1) { nodes { id version } } }",
            json!({}),
        )
        .await["commitments"]["nodes"][0]
        .clone();
    let before = app.count("change_record").await;
    for token in [&viewer, &gemeente] {
        for mutation in [
            "mutation($id: ID!, $v: Int!) { updateMilestone(input: { id: $id, version: $v, title: \"X\" }) { status } }",
            "mutation($id: ID!, $v: Int!) { deleteMilestone(input: { id: $id, version: $v }) { status } }",
        ] {
            let stale = rijk["version"].as_i64().unwrap_or_default() + 7;
            let answer = app
                .gql_as(token, mutation, json!({ "id": rijk["id"], "v": stale }))
                .await;
            assert_eq!(
                crate::support::code(&answer["errors"][0]),
                "FORBIDDEN",
                "{answer}"
            );
        }
        let letter = app
            .gql_as(
                token,
                "mutation($id: ID!, $v: Int!) { recordCommitmentLetter(input: { commitmentId: $id, version: $v, kind: FULFILMENT, sentOn: \"2026-06-10\" }) { status } }",
                json!({ "id": commitment["id"], "v": 999 }),
            )
            .await;
        assert_eq!(
            crate::support::code(&letter["errors"][0]),
            "FORBIDDEN",
            "{letter}"
        );
    }
    assert_eq!(app.count("change_record").await, before, "nothing changed");
}

/// `viewer` says who is calling, from the same caller the access rules read: the token's account
/// with its role and layer, or the anonymous reader.
#[tokio::test]
async fn the_viewer_is_the_caller_with_its_role_and_layer() {
    let app = TestApp::with_config(koers::config::ApiConfig {
        allow_anonymous: true,
        ..Default::default()
    })
    .await;
    let query = "{ viewer { name role layer } }";
    let anonymous = attempt(&app, None, query, json!({})).await;
    assert_eq!(
        anonymous["data"]["viewer"],
        json!({ "name": "anonymous", "role": "VIEWER", "layer": null }),
        "{anonymous}"
    );
    let manager = app
        .token("gemeenten", Role::LayerManager, Some(Gemeente))
        .await;
    let seen = attempt(&app, Some(&manager), query, json!({})).await;
    assert_eq!(
        seen["data"]["viewer"],
        json!({ "name": "gemeenten", "role": "LAYER_MANAGER", "layer": "GEMEENTE" }),
        "{seen}"
    );
    let reporter = app.token("rapporteur", Role::Reporter, None).await;
    let seen = attempt(&app, Some(&reporter), query, json!({})).await;
    assert_eq!(seen["data"]["viewer"]["role"], "REPORTER", "{seen}");
}
