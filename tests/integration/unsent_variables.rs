//! An input field bound to a variable the request does not send is absent (GraphQL spec,
//! "Input Coercion"): an update leaves the field alone, a create takes the field's default, and
//! only an explicit `null` clears. Checked for every optional field of every mutation input, read
//! from the schema itself, so an input added later is covered (or this test names it).

use crate::support::*;
use base64::Engine;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

const INTROSPECTION: &str = r#"{ __schema {
  mutationType { fields { name args { name type { ...T } } type { ...T } } }
  types { name kind
    inputFields { name defaultValue type { ...T } }
    fields { name args { name } type { ...T } } } } }
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }"#;

/// A field of an input object: its name, its type as written in a query, and whether a request
/// may leave it out (nullable, or with a default).
struct InputField {
    name: String,
    ty: String,
    optional: bool,
}

struct Schema {
    /// Mutation name to (input type, payload type).
    mutations: BTreeMap<String, (String, String)>,
    /// Input type name to its fields.
    inputs: BTreeMap<String, Vec<InputField>>,
    /// Object type name to (field, unwrapped type kind, unwrapped type name, has arguments).
    objects: BTreeMap<String, Vec<(String, String, String, bool)>>,
}

fn written(ty: &Value) -> String {
    match ty["kind"].as_str() {
        Some("NON_NULL") => format!("{}!", written(&ty["ofType"])),
        Some("LIST") => format!("[{}]", written(&ty["ofType"])),
        _ => ty["name"].as_str().unwrap_or_default().to_owned(),
    }
}

fn unwrapped(ty: &Value) -> (String, String) {
    match ty["kind"].as_str() {
        Some("NON_NULL" | "LIST") => unwrapped(&ty["ofType"]),
        kind => (
            kind.unwrap_or_default().to_owned(),
            ty["name"].as_str().unwrap_or_default().to_owned(),
        ),
    }
}

async fn schema(app: &TestApp) -> Schema {
    let data = app.ok(INTROSPECTION, json!({})).await;
    let mut mutations = BTreeMap::new();
    for field in data["__schema"]["mutationType"]["fields"]
        .as_array()
        .expect("mutations")
    {
        let input = field["args"]
            .as_array()
            .expect("args")
            .iter()
            .find(|a| a["name"] == "input");
        if let Some(input) = input {
            mutations.insert(
                field["name"].as_str().expect("name").to_owned(),
                (unwrapped(&input["type"]).1, unwrapped(&field["type"]).1),
            );
        }
    }
    let (mut inputs, mut objects) = (BTreeMap::new(), BTreeMap::new());
    for ty in data["__schema"]["types"].as_array().expect("types") {
        let name = ty["name"].as_str().expect("name").to_owned();
        match ty["kind"].as_str() {
            Some("INPUT_OBJECT") => {
                let fields = ty["inputFields"].as_array().expect("input fields");
                let fields = fields
                    .iter()
                    .map(|f| InputField {
                        name: f["name"].as_str().expect("name").to_owned(),
                        ty: written(&f["type"]),
                        optional: f["type"]["kind"] != "NON_NULL" || !f["defaultValue"].is_null(),
                    })
                    .collect();
                inputs.insert(name, fields);
            }
            Some("OBJECT") => {
                let fields = ty["fields"].as_array().expect("fields");
                let fields = fields
                    .iter()
                    .map(|f| {
                        let (kind, ty) = unwrapped(&f["type"]);
                        let has_args = f["args"].as_array().is_some_and(|a| !a.is_empty());
                        (
                            f["name"].as_str().expect("name").to_owned(),
                            kind,
                            ty,
                            has_args,
                        )
                    })
                    .collect();
                objects.insert(name, fields);
            }
            _ => {}
        }
    }
    Schema {
        mutations,
        inputs,
        objects,
    }
}

impl Schema {
    /// The scalar and enum fields of an object type (without arguments).
    fn leaves(&self, ty: &str) -> Vec<String> {
        self.objects[ty]
            .iter()
            .filter(|(_, kind, _, has_args)| (kind == "SCALAR" || kind == "ENUM") && !has_args)
            .map(|(name, ..)| name.clone())
            .collect()
    }

    /// The object fields of a payload type: (field, type).
    fn objects_of(&self, payload: &str) -> Vec<(String, String)> {
        let fields = self.objects.get(payload);
        let fields = fields.unwrap_or_else(|| panic!("payload type {payload:?}"));
        fields
            .iter()
            .filter(|(_, kind, ..)| kind == "OBJECT")
            .map(|(name, _, ty, _)| (name.clone(), ty.clone()))
            .collect()
    }

    /// `mutation(...) { name(input: { every field as a variable }) { payload's objects } }`.
    fn operation(&self, mutation: &str, only: Option<&Map<String, Value>>) -> String {
        let (input, payload) = &self.mutations[mutation];
        let fields: Vec<&InputField> = self.inputs[input]
            .iter()
            .filter(|f| only.is_none_or(|o| o.contains_key(&f.name)))
            .collect();
        let declared: Vec<String> = fields
            .iter()
            .map(|f| {
                // A field with a default takes a nullable variable (allowed by the spec there).
                let ty = if f.optional {
                    f.ty.trim_end_matches('!')
                } else {
                    &f.ty
                };
                format!("$v_{}: {ty}", f.name)
            })
            .collect();
        let bound: Vec<String> = fields
            .iter()
            .map(|f| format!("{n}: $v_{n}", n = f.name))
            .collect();
        let selection: Vec<String> = self
            .objects_of(payload)
            .iter()
            .map(|(field, ty)| format!("{field} {{ {} }}", self.leaves(ty).join(" ")))
            .collect();
        format!(
            "mutation({}) {{ {mutation}(input: {{ {} }}) {{ {} }} }}",
            declared.join(", "),
            bound.join(", "),
            selection.join(" ")
        )
    }
}

fn variables(values: &Map<String, Value>) -> Value {
    Value::Object(
        values
            .iter()
            .map(|(k, v)| (format!("v_{k}"), v.clone()))
            .collect(),
    )
}

fn global_id(ty: &str, row: i32) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{ty}:{row}"))
}

/// What the test creates first: objects to refer to.
struct Fixture {
    programme: String,
    kpi: String,
    commitments: Vec<(String, i64)>,
    milestones: Vec<String>,
}

/// The required fields of the `n`th call of a create-like mutation (distinct where the plan
/// wants unique values).
fn required(mutation: &str, n: usize, fx: &Fixture) -> Value {
    let p = &fx.programme;
    match mutation {
        "createOrganisation" => json!({ "name": format!("Organisatie {n}") }),
        "createProgramme" => json!({ "name": format!("Programma {n}"), "goal": "Doel" }),
        "createPhase" => {
            json!({ "programmeId": p, "number": 10 + n, "name": "Fase", "plannedStart": "2026-01-01", "plannedEnd": "2026-12-31" })
        }
        "createWorkstream" => json!({ "programmeId": p, "name": format!("Spoor {n}") }),
        "createMilestone" => {
            json!({ "programmeId": p, "title": format!("Mijlpaal {n}"), "kind": "DELIVERY", "plannedDate": "2026-09-01" })
        }
        "createKpi" => {
            json!({ "programmeId": p, "code": format!("TEST-{n}"), "name": "KPI", "definition": "D", "unit": "%", "direction": "HIGHER_IS_BETTER", "level": "OUTPUT", "frequency": "YEARLY" })
        }
        "createKpiTarget" => json!({ "kpiId": fx.kpi, "year": 2040 + n, "value": "5" }),
        "recordMeasurement" => {
            json!({ "kpiId": fx.kpi, "periodStart": format!("{}-01-01", 2010 + n), "periodEnd": format!("{}-12-31", 2010 + n), "value": "5" })
        }
        "createDataSource" => {
            json!({ "name": format!("Bron {n}"), "updateFrequency": "YEARLY", "access": "OPEN" })
        }
        "createDataInfraTask" => {
            json!({ "programmeId": p, "title": format!("Taak {n}"), "kind": "DATA_INFRASTRUCTURE", "dueDate": "2026-10-01" })
        }
        "createCommitment" => {
            json!({ "programmeId": p, "number": format!("TZ-TEST-{n}"), "text": "Toezegging", "madeBy": "BZK", "madeOn": "2026-01-01", "deadlineDate": "2026-12-01" })
        }
        "recordCommitmentLetter" => {
            let (id, version) = &fx.commitments[n];
            json!({ "commitmentId": id, "version": version, "kind": "FULFILMENT", "sentOn": "2026-06-10" })
        }
        "createRisk" => {
            json!({ "programmeId": p, "title": format!("Risico {n}"), "likelihood": "LOW", "impact": "HIGH" })
        }
        "generateProgressReport" => {
            json!({ "asOf": "2026-06-15", "title": format!("Rapportage {n}") })
        }
        "addMilestoneDependency" => {
            json!({ "predecessorId": fx.milestones[2 * n], "successorId": fx.milestones[2 * n + 1] })
        }
        "createApiToken" => json!({ "name": format!("Token {n}"), "role": "VIEWER" }),
        other => panic!("{other} has optional input fields: add its required fields to this table"),
    }
}

/// The object an update mutation changes, in the demo plan.
async fn target(app: &TestApp, ty: &str) -> (String, i64) {
    let id = if ty == "Milestone" {
        // A RIJK milestone with a forecast: the case that lost its forecast and its layer.
        let data = app
            .ok(
                "{ milestones(filter: { layer: RIJK }, first: 100) { nodes { id forecastDate } } }",
                json!({}),
            )
            .await;
        let nodes = data["milestones"]["nodes"].as_array().expect("nodes");
        let with_forecast = nodes.iter().find(|m| !m["forecastDate"].is_null());
        with_forecast.expect("a RIJK milestone with a forecast")["id"]
            .as_str()
            .expect("id")
            .to_owned()
    } else if ty == "Risk" {
        app.ok(
            "mutation($p: ID!) { createRisk(input: { programmeId: $p, title: \"Doel\", likelihood: LOW, impact: LOW, owner: \"BZK\" }) { risk { id } } }",
            json!({ "p": global_id("Programme", 1) }),
        )
        .await["createRisk"]["risk"]["id"]
            .as_str()
            .expect("id")
            .to_owned()
    } else if ty == "ProgressReport" {
        // The demo plan has no report: a draft to change.
        app.ok(
            "mutation { generateProgressReport(input: { asOf: \"2026-06-15\", title: \"Doel\", reference: \"2026-0001\" }) { report { id } } }",
            json!({}),
        )
        .await["generateProgressReport"]["report"]["id"]
            .as_str()
            .expect("id")
            .to_owned()
    } else {
        global_id(ty, 1)
    };
    let v = version(app, &id).await;
    (id, v)
}

async fn snapshot(app: &TestApp, schema: &Schema, ty: &str, id: &str) -> Value {
    let query = format!(
        "query($id: ID!) {{ node(id: $id) {{ ... on {ty} {{ {} }} }} }}",
        schema.leaves(ty).join(" ")
    );
    app.ok(&query, json!({ "id": id })).await["node"].clone()
}

#[tokio::test]
async fn unsent_variables_are_absent_in_every_mutation_input() {
    let app = TestApp::with_demo().await;
    let schema = schema(&app).await;
    let programme = global_id("Programme", 1);
    let mut commitments = Vec::new();
    for n in 0..2 {
        let data = app
            .ok(
                "mutation($p: ID!, $n: String!) { createCommitment(input: { programmeId: $p, number: $n, text: \"T\", madeBy: \"BZK\", madeOn: \"2026-01-01\", deadlineDate: \"2026-12-01\" }) { commitment { id version } } }",
                json!({ "p": programme, "n": format!("TZ-FIX-{n}") }),
            )
            .await;
        let c = &data["createCommitment"]["commitment"];
        commitments.push((
            c["id"].as_str().expect("id").to_owned(),
            c["version"].as_i64().expect("version"),
        ));
    }
    let mut milestones = Vec::new();
    for n in 0..4 {
        milestones
            .push(milestone(&app, &programme, &format!("Keten {n}"), None, "2026-08-01").await);
    }
    let fx = Fixture {
        kpi: global_id("Kpi", 1),
        programme,
        commitments,
        milestones,
    };

    let mut checked = 0;
    for (mutation, (input, payload)) in &schema.mutations {
        let fields = &schema.inputs[input];
        if !fields.iter().any(|f| f.optional) {
            continue;
        }
        checked += 1;
        if mutation.starts_with("update") {
            let (field, ty) = schema.objects_of(payload).remove(0);
            let (id, version) = target(&app, &ty).await;
            let before = snapshot(&app, &schema, &ty, &id).await;
            let history_before = changes(&app, &id).await.len();
            let sent = json!({ "id": id, "version": version });
            let sent = sent.as_object().expect("object");
            let response = app
                .gql(&schema.operation(mutation, None), variables(sent))
                .await;
            assert!(
                response.get("errors").is_none(),
                "{mutation} with unsent variables: {response}"
            );
            assert_eq!(
                response["data"][mutation][&field]["version"], version,
                "{mutation}: nothing was sent, so nothing changed"
            );
            let after = snapshot(&app, &schema, &ty, &id).await;
            assert_eq!(
                before, after,
                "{mutation} changed fields that were not sent"
            );
            assert_eq!(changes(&app, &id).await.len(), history_before, "{mutation}");
        } else {
            // The same create twice: with the optional fields left out of the query, and with
            // them bound to variables the request does not send. Both must give the defaults.
            let mut results = Vec::new();
            for n in 0..2 {
                let sent = required(mutation, n, &fx);
                let sent = sent.as_object().expect("object");
                let query = schema.operation(mutation, (n == 0).then_some(sent));
                let response = app.gql(&query, variables(sent)).await;
                assert!(
                    response.get("errors").is_none(),
                    "{mutation} (call {n}): {response}"
                );
                results.push(response["data"][mutation].clone());
            }
            let optional: Vec<&str> = fields
                .iter()
                .filter(|f| f.optional)
                .map(|f| f.name.as_str())
                .collect();
            for (field, _) in schema.objects_of(payload) {
                for name in &optional {
                    assert_eq!(
                        results[0][&field][name], results[1][&field][name],
                        "{mutation}: {field}.{name} differs when its variable is not sent"
                    );
                }
            }
        }
    }
    assert!(checked >= 25, "only {checked} inputs with optional fields");
}

#[tokio::test]
async fn an_explicit_null_clears_and_an_unsent_variable_does_not() {
    let app = TestApp::with_demo().await;
    let (id, v) = target(&app, "Milestone").await;
    let query = "mutation($id: ID!, $v: Int!, $t: String, $f: Date, $l: GovernmentLayer) {
        updateMilestone(input: { id: $id, version: $v, title: $t, forecastDate: $f, layer: $l }) {
            milestone { title forecastDate layer version } } }";
    let before = snapshot_of(&app, &id).await;
    let data = app
        .ok(query, json!({ "id": id, "v": v, "t": "Nieuwe titel" }))
        .await;
    let m = &data["updateMilestone"]["milestone"];
    assert_eq!(m["title"], "Nieuwe titel");
    assert_eq!(m["forecastDate"], before["forecastDate"], "{m}");
    assert_eq!(m["layer"], "RIJK", "{m}");
    let data = app
        .ok(query, json!({ "id": id, "v": m["version"], "f": null }))
        .await;
    let m = &data["updateMilestone"]["milestone"];
    assert!(m["forecastDate"].is_null(), "explicit null clears: {m}");
    assert_eq!(m["layer"], "RIJK");

    // On a create, an unsent variable takes the field's default.
    let created = app
        .ok(
            "mutation($p: ID!, $s: WorkStatus, $l: GovernmentLayer) { createMilestone(input: { programmeId: $p, title: \"Nieuw\", kind: DECISION, plannedDate: \"2026-10-01\", status: $s, layer: $l }) { milestone { status layer } } }",
            json!({ "p": global_id("Programme", 1) }),
        )
        .await;
    assert_eq!(
        created["createMilestone"]["milestone"],
        json!({ "status": "PLANNED", "layer": null })
    );
}

async fn snapshot_of(app: &TestApp, id: &str) -> Value {
    app.ok(
        "query($id: ID!) { node(id: $id) { ... on Milestone { title forecastDate layer } } }",
        json!({ "id": id }),
    )
    .await["node"]
        .clone()
}
