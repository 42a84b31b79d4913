//! The checked-in SDL is current, and every part of the schema is described.

use crate::support::TestApp;
use serde_json::json;

#[test]
fn schema_graphql_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema.graphql");
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = koers::graphql::sdl();
    assert!(
        checked_in == generated,
        "schema.graphql is stale: run `cargo run -p koers -- export-schema --out schema.graphql`"
    );
}

#[tokio::test]
async fn every_type_field_argument_and_enum_value_has_a_description() {
    let app = TestApp::new().await;
    let data = app
        .ok(
            "{ __schema { types { name kind description
                fields { name description args { name description } }
                inputFields { name description }
                enumValues { name description } } } }",
            json!({}),
        )
        .await;
    let builtin = ["String", "Int", "Float", "Boolean", "ID"];
    let mut missing = Vec::new();
    for ty in data["__schema"]["types"].as_array().expect("types") {
        let name = ty["name"].as_str().unwrap_or_default();
        if name.starts_with("__") || builtin.contains(&name) {
            continue;
        }
        if ty["description"].as_str().unwrap_or_default().is_empty() {
            missing.push(name.to_owned());
        }
        for field in ty["fields"].as_array().into_iter().flatten() {
            let f = field["name"].as_str().unwrap_or_default();
            if field["description"].as_str().unwrap_or_default().is_empty() {
                missing.push(format!("{name}.{f}"));
            }
            for arg in field["args"].as_array().into_iter().flatten() {
                if arg["description"].as_str().unwrap_or_default().is_empty() {
                    missing.push(format!("{name}.{f}({})", arg["name"]));
                }
            }
        }
        for field in ty["inputFields"].as_array().into_iter().flatten() {
            if field["description"].as_str().unwrap_or_default().is_empty() {
                missing.push(format!("{name}.{}", field["name"]));
            }
        }
        for value in ty["enumValues"].as_array().into_iter().flatten() {
            if value["description"].as_str().unwrap_or_default().is_empty() {
                missing.push(format!("{name}::{}", value["name"]));
            }
        }
    }
    assert!(missing.is_empty(), "undocumented schema parts: {missing:?}");
}

#[tokio::test]
async fn standard_introspection_fits_the_default_limits() {
    let app = TestApp::new().await;
    // The depth of GraphiQL's introspection query (ofType nesting) is the demanding part.
    let query = "query IntrospectionQuery { __schema { queryType { name } mutationType { name }
        types { ...FullType } directives { name description locations args { ...InputValue } } } }
      fragment FullType on __Type { kind name description
        fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
        inputFields { ...InputValue } interfaces { ...TypeRef }
        enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
        possibleTypes { ...TypeRef } }
      fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
      fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name
        ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }";
    let data = app.ok(query, json!({})).await;
    assert!(data["__schema"]["types"].as_array().map_or(0, Vec::len) > 50);
}
