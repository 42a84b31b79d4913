//! Test harness: a fresh database per test (SQLite in memory, or a new PostgreSQL schema when
//! `TEST_DATABASE_URL` is set), the real migrations, a fixed clock, and in-process HTTP requests.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{DateTime, TimeZone, Utc};
use http_body_util::BodyExt;
use koers::AppState;
use koers::clock::FixedClock;
use koers::config::ApiConfig;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tower::ServiceExt;

/// The moment tests start at.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0)
        .single()
        .unwrap_or_default()
}

/// One test's service and database.
pub struct TestApp {
    pub db: DatabaseConnection,
    pub router: Router,
    pub clock: Arc<FixedClock>,
    /// An admin's bearer token, sent with every request that names none.
    pub token: String,
    statements: Arc<AtomicUsize>,
}

impl TestApp {
    /// A fresh, migrated, empty database and a router over it.
    pub async fn new() -> Self {
        Self::with_config(ApiConfig::default()).await
    }

    /// Like `new`, with other limits.
    pub async fn with_config(config: ApiConfig) -> Self {
        Self::on(fresh_database().await, config).await
    }

    /// A service over an already connected (empty) database.
    pub async fn on(db: DatabaseConnection, config: ApiConfig) -> Self {
        Self::with_oidc(db, config, None).await
    }

    /// A service that also accepts the identity tokens `oidc` verifies.
    pub async fn with_oidc(
        db: DatabaseConnection,
        config: ApiConfig,
        oidc: Option<koers::oidc::Verifier>,
    ) -> Self {
        Self::with_identity(db, config, oidc, None).await
    }

    /// A service that accepts the identity tokens `oidc` verifies and signs users in on the web
    /// through `provider`.
    pub async fn with_identity(
        mut db: DatabaseConnection,
        config: ApiConfig,
        oidc: Option<koers::oidc::Verifier>,
        provider: Option<koers::oidc::SignInProvider>,
    ) -> Self {
        let statements = Arc::new(AtomicUsize::new(0));
        let counter = statements.clone();
        db.set_metric_callback(move |info| {
            if std::env::var("KOERS_PRINT_SQL").is_ok() {
                eprintln!(
                    "SQL: {}",
                    info.statement.sql.chars().take(140).collect::<String>()
                );
            }
            counter.fetch_add(1, Ordering::SeqCst);
            // As the service counts them, for the operation log.
            koers::telemetry::statement_ran();
        });
        koers::db::migrate(&db).await.expect("migrations run");
        let clock = Arc::new(FixedClock::new(t0()));
        let token = token(&db, "tester", entity::Role::Admin, None).await;
        let state = AppState::new(db.clone(), clock.clone(), config)
            .with_oidc(oidc)
            .with_sign_in_provider(provider);
        Self {
            router: koers::router(state),
            db,
            clock,
            token,
            statements,
        }
    }

    /// A fresh database with the demo plan loaded.
    pub async fn with_demo() -> Self {
        let app = Self::new().await;
        app.load_demo().await;
        // The demo is recorded on 12 June 2026; the test's own changes come after it.
        app.clock
            .set(koers::samples::demo::recorded_at() + chrono::Duration::days(3));
        app
    }

    /// Load the demo plan; returns whether it loaded anything.
    pub async fn load_demo(&self) -> bool {
        let actor = koers::service::Actor::system("demo", t0());
        koers::samples::demo::load(&self.db, &actor)
            .await
            .expect("demo loads")
    }

    /// Move the clock to noon (UTC, so the same day in the Netherlands) of `day`
    /// ("YYYY-MM-DD"): the status date of live reads becomes that day.
    pub fn on_day(&self, day: &str) {
        let day: chrono::NaiveDate = day.parse().expect("a YYYY-MM-DD day");
        self.clock
            .set(day.and_hms_opt(12, 0, 0).expect("noon").and_utc());
    }

    /// SQL statements run so far.
    pub fn statements(&self) -> usize {
        self.statements.load(Ordering::SeqCst)
    }

    /// Create a token for `name` with `role` (and `layer`); returns the token.
    pub async fn token(
        &self,
        name: &str,
        role: entity::Role,
        layer: Option<entity::GovernmentLayer>,
    ) -> String {
        token(&self.db, name, role, layer).await
    }

    /// Approve a draft report as a second reporter (four eyes); returns its new version.
    pub async fn approve(&self, id: &Value, version: &Value) -> Value {
        let second = self
            .token("tweede lezer", entity::Role::Reporter, None)
            .await;
        let data = self
            .gql_as(
                &second,
                "mutation($id: ID!, $v: Int!) { approveProgressReport(input: { id: $id, version: $v }) { status report { version approvedBy } } }",
                json!({ "id": id, "v": version }),
            )
            .await;
        assert_eq!(
            data["data"]["approveProgressReport"]["status"], "OK",
            "{data}"
        );
        data["data"]["approveProgressReport"]["report"]["version"].clone()
    }

    /// Send a raw HTTP request (with the admin's token when it names none).
    pub async fn request(&self, mut request: Request<Body>) -> (StatusCode, Value) {
        if !request.headers().contains_key("authorization") {
            let bearer = format!("Bearer {}", self.token);
            request
                .headers_mut()
                .insert("authorization", bearer.parse().expect("header"));
        }
        self.send(request).await
    }

    /// Send a raw HTTP request as it is (no token added).
    pub async fn send(&self, request: Request<Body>) -> (StatusCode, Value) {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers");
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let value = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
        (status, value)
    }

    /// GET a path; returns the status, the headers and the body's bytes.
    pub async fn get(&self, path: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let response = self
            .router
            .clone()
            .oneshot(
                Request::get(path)
                    .header("authorization", format!("Bearer {}", self.token))
                    .body(Body::empty())
                    .expect("request"),
            )
            .await
            .expect("router answers");
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.expect("body").to_bytes().to_vec();
        (parts.status, parts.headers, bytes)
    }

    /// POST a GraphQL operation; returns the whole response (`data` and `errors`).
    pub async fn gql(&self, query: &str, variables: Value) -> Value {
        let token = self.token.clone();
        self.gql_as(&token, query, variables).await
    }

    /// POST a GraphQL operation with `token`; returns the whole response.
    pub async fn gql_as(&self, token: &str, query: &str, variables: Value) -> Value {
        let body = json!({ "query": query, "variables": variables });
        let request = Request::post("/graphql")
            .header("content-type", "application/json")
            .header("authorization", format!("Bearer {token}"))
            .body(Body::from(body.to_string()))
            .expect("request");
        let (status, value) = self.send(request).await;
        assert_eq!(status, StatusCode::OK, "graphql answered {status}: {value}");
        value
    }

    /// POST a GraphQL operation that must succeed; returns `data`.
    pub async fn ok(&self, query: &str, variables: Value) -> Value {
        let response = self.gql(query, variables).await;
        assert!(
            response.get("errors").is_none(),
            "unexpected errors: {response}"
        );
        response["data"].clone()
    }

    /// POST a GraphQL operation that must fail; returns the first error.
    pub async fn err(&self, query: &str, variables: Value) -> Value {
        let response = self.gql(query, variables).await;
        response["errors"][0].clone()
    }

    /// Number of rows in a table.
    pub async fn count(&self, table: &str) -> i64 {
        let backend = self.db.get_database_backend();
        let row = self
            .db
            .query_one_raw(sea_orm::Statement::from_string(
                backend,
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .expect("count query")
            .expect("a row");
        row.try_get::<i64>("", "n").expect("a number")
    }
}

/// Create a token in `db`; returns the token.
pub async fn token(
    db: &DatabaseConnection,
    name: &str,
    role: entity::Role,
    layer: Option<entity::GovernmentLayer>,
) -> String {
    let actor = koers::service::Actor::system("test", t0());
    let new = koers::service::accounts::tokens::NewToken {
        name: name.to_owned(),
        role,
        layer,
        expires_at: None,
    };
    koers::service::accounts::tokens::create(db, &actor, new)
        .await
        .expect("token")
        .1
}

/// Store a token for an account that shares its name with another of a different role, as an
/// identity provider's accounts can (koers's own tokens refuse that); returns the token.
pub async fn namesake_token(db: &DatabaseConnection, name: &str, role: entity::Role) -> String {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let token = format!("koers_{}", uuid::Uuid::new_v4().simple());
    entity::api_token::ActiveModel {
        name: Set(name.to_owned()),
        role: Set(role),
        layer: Set(None),
        token_hash: Set(koers::service::accounts::tokens::hash(&token)),
        token_prefix: Set(token.chars().take(12).collect()),
        created_by: Set("test".into()),
        created_at: Set(t0()),
        expires_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("namesake token");
    token
}

/// Generate the Dutch progress report of peildatum `day` ("YYYY-MM-DD"); returns its Markdown.
pub async fn report_markdown(app: &TestApp, day: &str) -> String {
    app.ok(
        "mutation($d: Date!) { generateProgressReport(input: { asOf: $d, title: \"Rapportage\" }) { report { markdown } } }",
        json!({ "d": day }),
    )
    .await["generateProgressReport"]["report"]["markdown"]
        .as_str()
        .expect("markdown")
        .to_owned()
}

/// The `extensions.code` of an error.
pub fn code(error: &Value) -> &str {
    error["extensions"]["code"].as_str().unwrap_or_default()
}

/// A fresh, empty database that survives a dropped connection: a new PostgreSQL schema, or a
/// SQLite file (an in-memory database lives only as long as its one connection, and a request
/// cut off mid-query can cost the pool that connection).
pub async fn fresh_durable_database() -> DatabaseConnection {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => fresh_database().await,
        _ => {
            let path =
                std::env::temp_dir().join(format!("koers-{}.db", uuid::Uuid::new_v4().simple()));
            koers::db::connect(&format!("sqlite://{}?mode=rwc", path.display()))
                .await
                .expect("sqlite file")
        }
    }
}

/// A fresh, empty database (SQLite in memory, or a new PostgreSQL schema).
pub async fn fresh_database() -> DatabaseConnection {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => {
            let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
            let admin = koers::db::connect(&url)
                .await
                .expect("connect to TEST_DATABASE_URL");
            admin
                .execute_unprepared(&format!("CREATE SCHEMA {schema}"))
                .await
                .expect("create test schema");
            admin.close().await.ok();
            koers::db::connect_in_schema(&url, Some(&schema))
                .await
                .expect("connect to test schema")
        }
        _ => koers::db::connect("sqlite::memory:")
            .await
            .expect("in-memory sqlite"),
    }
}

/// Create a programme; returns its id.
pub async fn programme(app: &TestApp) -> String {
    let data = app
        .ok(
            "mutation { createProgramme(input: { name: \"Testprogramma\", goal: \"Testen\" }) { programme { id } } }",
            json!({}),
        )
        .await;
    data["createProgramme"]["programme"]["id"]
        .as_str()
        .expect("id")
        .to_owned()
}

/// Create a milestone in `programme`; returns its id.
pub async fn milestone(
    app: &TestApp,
    programme: &str,
    title: &str,
    layer: Option<&str>,
    planned: &str,
) -> String {
    let data = app
        .ok(
            "mutation($input: CreateMilestoneInput!) { createMilestone(input: $input) { milestone { id } } }",
            json!({ "input": { "programmeId": programme, "title": title, "kind": "DELIVERY",
                               "layer": layer, "plannedDate": planned } }),
        )
        .await;
    data["createMilestone"]["milestone"]["id"]
        .as_str()
        .expect("id")
        .to_owned()
}

/// Create a KPI in `programme`; returns its id.
pub async fn kpi(app: &TestApp, programme: &str, code: &str, themes: &[&str]) -> String {
    let data = app
        .ok(
            "mutation($input: CreateKpiInput!) { createKpi(input: $input) { kpi { id } } }",
            json!({ "input": { "programmeId": programme, "code": code, "name": format!("KPI {code}"),
                               "definition": "Aandeel", "unit": "%", "direction": "HIGHER_IS_BETTER",
                               "level": "OUTPUT", "frequency": "YEARLY", "themes": themes } }),
        )
        .await;
    data["createKpi"]["kpi"]["id"]
        .as_str()
        .expect("id")
        .to_owned()
}

/// The `version` of any object.
pub async fn version(app: &TestApp, id: &str) -> i64 {
    let data = app.ok("query($id: ID!) { node(id: $id) { ... on Milestone { version } ... on Kpi { version } ... on Programme { version } ... on Phase { version } ... on DataInfraTask { version } ... on Commitment { version } ... on RecessPeriod { version } ... on DataSource { version } ... on KpiTarget { version } ... on KpiMeasurement { version } ... on Organisation { version } ... on Workstream { version } ... on DataQualityAssessment { version } ... on ProgressReport { version } ... on Risk { version } } }", json!({ "id": id })).await;
    data["node"]["version"].as_i64().expect("version")
}

/// The change records about an object (its fields and links), oldest first.
pub async fn changes(app: &TestApp, id: &str) -> Vec<Value> {
    let data = app
        .ok(
            "query($id: ID!) { changeRecords(entityId: $id, first: 100) { edges { node { action field oldValue newValue } } } }",
            json!({ "id": id }),
        )
        .await;
    data["changeRecords"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"].clone())
        .collect()
}

/// Add a recess to the calendar: (kind, year, name, first day, last day).
pub async fn recess(app: &TestApp, kind: &str, year: i32, name: &str, first: &str, last: &str) {
    app.ok(
        "mutation($input: CreateRecessPeriodInput!) { createRecessPeriod(input: $input) { recessPeriod { id } } }",
        json!({ "input": { "kind": kind, "year": year, "name": name, "firstDay": first,
                           "lastDay": last, "confidence": "THIRD_PARTY" } }),
    )
    .await;
}

/// The row id inside a global id.
pub fn row_id(global: &str) -> Option<i64> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(global)
        .ok()?;
    let text = String::from_utf8(bytes).ok()?;
    text.split_once(':')?.1.parse().ok()
}

/// Debian's headless Chromium (scripts/test installs it) with the flags this closed network
/// needs and a profile of its own; add the page and what to do with it.
pub fn chromium() -> std::process::Command {
    let profile =
        std::env::temp_dir().join(format!("koers-chromium-{}", uuid::Uuid::new_v4().simple()));
    let mut command = std::process::Command::new("chromium");
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()));
    command
}
