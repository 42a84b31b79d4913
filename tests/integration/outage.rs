//! PostgreSQL stopped under load and started again: requests during the outage answer 503
//! with `Retry-After` and `DATABASE_UNAVAILABLE`, the health check says so quickly, no
//! acknowledged write is lost, and the service answers again without a restart.
//!
//! The PostgreSQL test runs its own cluster (initdb and pg_ctl as the `postgres` user, as root:
//! scripts/test and CI run so), in the PostgreSQL pass. SQLite has no server to stop; its
//! outage is a database file another process keeps locked past the busy timeout, tested in the
//! SQLite pass.

use crate::support::{TestApp, code};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// A PostgreSQL cluster of the test's own, removed when dropped.
struct Cluster {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
}

fn as_postgres(command: &str) -> bool {
    Command::new("su")
        .args(["postgres", "-s", "/bin/sh", "-c", command])
        .status()
        .is_ok_and(|s| s.success())
}

impl Cluster {
    fn create() -> Cluster {
        let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
            .expect("PostgreSQL is installed (scripts/test installs it)")
            .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
            .filter(|bin| bin.join("pg_ctl").exists())
            .collect();
        versions.sort();
        let bin = versions.pop().expect("pg_ctl");
        let dir =
            std::env::temp_dir().join(format!("koers-outage-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("dir");
        assert!(
            Command::new("chown")
                .args(["postgres:postgres"])
                .arg(&dir)
                .status()
                .is_ok_and(|s| s.success()),
            "chown (the test runs as root)"
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let cluster = Cluster { bin, dir, port };
        assert!(
            as_postgres(&format!(
                "{} -D {} -A trust -U postgres >/dev/null",
                cluster.bin.join("initdb").display(),
                cluster.dir.display()
            )),
            "initdb"
        );
        cluster.start();
        cluster
    }

    fn start(&self) {
        assert!(
            as_postgres(&format!(
                "{} -D {} -o '-p {} -k /tmp -c listen_addresses=127.0.0.1' -w -l {}/log start >/dev/null",
                self.bin.join("pg_ctl").display(),
                self.dir.display(),
                self.port,
                self.dir.display()
            )),
            "pg_ctl start"
        );
    }

    fn stop(&self) {
        assert!(
            as_postgres(&format!(
                "{} -D {} -m fast -w stop >/dev/null",
                self.bin.join("pg_ctl").display(),
                self.dir.display()
            )),
            "pg_ctl stop"
        );
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        as_postgres(&format!(
            "{} -D {} -m immediate stop >/dev/null 2>&1",
            self.bin.join("pg_ctl").display(),
            self.dir.display()
        ));
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

async fn create(app: &TestApp, name: &str) -> (StatusCode, Option<String>, Value) {
    let body = json!({ "query": format!("mutation {{ createProgramme(input: {{ name: \"{name}\", goal: \"G\" }}) {{ programme {{ id }} }} }}") });
    let request = Request::post("/graphql")
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {}", app.token))
        .body(Body::from(body.to_string()))
        .expect("request");
    let response = app.router.clone().oneshot(request).await.expect("answer");
    let status = response.status();
    let retry = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .expect("body")
        .to_bytes();
    (
        status,
        retry,
        serde_json::from_slice(&bytes).unwrap_or_default(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_outage_answers_503_loses_no_acknowledged_write_and_heals() {
    if std::env::var("TEST_DATABASE_URL").map_or(true, |url| url.is_empty()) {
        eprintln!("runs in the PostgreSQL pass only: SQLite has no server to stop");
        return;
    }
    let cluster = Cluster::create();
    let db = koers::db::connect(&cluster.url()).await.expect("connect");
    // As `serve` runs it: the health check over a connection of its own.
    let config = koers::config::ApiConfig {
        probe_database_url: Some(cluster.url()),
        ..Default::default()
    };
    let app = Arc::new(TestApp::on(db, config).await);

    // Writers, all along: what was acknowledged must be there in the end.
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let outage_answers = Arc::new(Mutex::new(
        Vec::<(StatusCode, Option<String>, String)>::new(),
    ));
    let running = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let writer = {
        let (app, acknowledged, outage_answers, running) = (
            app.clone(),
            acknowledged.clone(),
            outage_answers.clone(),
            running.clone(),
        );
        tokio::spawn(async move {
            let mut n = 0;
            while running.load(std::sync::atomic::Ordering::SeqCst) {
                n += 1;
                let name = format!("Programma {n}");
                let (status, retry, body) = create(&app, &name).await;
                if status == StatusCode::OK
                    && body["data"]["createProgramme"]["programme"]["id"].is_string()
                {
                    if let Ok(mut list) = acknowledged.lock() {
                        list.push(name);
                    }
                } else if let Ok(mut list) = outage_answers.lock() {
                    list.push((status, retry, code(&body["errors"][0]).to_owned()));
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    };
    tokio::time::sleep(Duration::from_millis(800)).await;

    cluster.stop();
    // The health check says so quickly (it waits 1.5 s at most, not the pool's 5).
    let started = Instant::now();
    let (status, headers, _) = app.get("/healthz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(headers.contains_key("retry-after"));
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "a hang guard: {:?}",
        started.elapsed()
    );
    tokio::time::sleep(Duration::from_secs(3)).await;

    cluster.start();
    // Back without a restart: the pool reconnects.
    let mut healthy = false;
    for _ in 0..40 {
        if app.get("/healthz").await.0 == StatusCode::OK {
            healthy = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(healthy, "the service answers again without a restart");
    let written_before = acknowledged.lock().map(|l| l.len()).unwrap_or_default();
    tokio::time::sleep(Duration::from_millis(800)).await;
    running.store(false, std::sync::atomic::Ordering::SeqCst);
    writer.await.expect("writer");

    let acknowledged = acknowledged.lock().map(|l| l.clone()).unwrap_or_default();
    assert!(
        acknowledged.len() > written_before,
        "writes go on after the outage"
    );
    let answers = outage_answers.lock().map(|l| l.clone()).unwrap_or_default();
    assert!(!answers.is_empty(), "some writes met the outage");
    for (status, retry, code) in &answers {
        assert_eq!(*status, StatusCode::SERVICE_UNAVAILABLE, "{code}");
        assert_eq!(code, "DATABASE_UNAVAILABLE");
        assert_eq!(retry.as_deref(), Some("5"));
    }
    // Every acknowledged write is in the database.
    let rows = app
        .db
        .query_all_raw(sea_orm::Statement::from_string(
            sea_orm::DatabaseBackend::Postgres,
            "SELECT name FROM programme",
        ))
        .await
        .expect("programmes");
    let stored: std::collections::HashSet<String> = rows
        .iter()
        .filter_map(|row| row.try_get::<String>("", "name").ok())
        .collect();
    let missing: Vec<&String> = acknowledged
        .iter()
        .filter(|n| !stored.contains(*n))
        .collect();
    assert!(
        missing.is_empty(),
        "lost after acknowledgement: {missing:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_file_locked_past_the_busy_timeout_answers_503_and_heals() {
    use sea_orm::sqlx::{Connection, Executor};
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|url| !url.is_empty()) {
        eprintln!("runs in the SQLite pass only");
        return;
    }
    let path =
        std::env::temp_dir().join(format!("koers-locked-{}.db", uuid::Uuid::new_v4().simple()));
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let db = koers::db::connect(&url).await.expect("sqlite file");
    let app = TestApp::on(db, koers::config::ApiConfig::default()).await;
    let (status, _, body) = create(&app, "Voor").await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // Another process's writer holds the file (as a backup tool or a stuck script might).
    let mut other = sea_orm::sqlx::SqliteConnection::connect(&url)
        .await
        .expect("a second connection");
    other.execute("BEGIN EXCLUSIVE").await.expect("lock");
    let started = Instant::now();
    let (status, retry, body) = create(&app, "Tijdens").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(code(&body["errors"][0]), "DATABASE_UNAVAILABLE", "{body}");
    assert_eq!(retry.as_deref(), Some("5"));
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "after the busy timeout, not the request timeout: {:?}",
        started.elapsed()
    );
    other.execute("ROLLBACK").await.expect("unlock");
    other.close().await.ok();

    let (status, _, body) = create(&app, "Na").await;
    assert_eq!(status, StatusCode::OK, "back without a restart: {body}");
    let rows = app
        .db
        .query_all_raw(sea_orm::Statement::from_string(
            sea_orm::DatabaseBackend::Sqlite,
            "SELECT name FROM programme ORDER BY name",
        ))
        .await
        .expect("programmes");
    let names: Vec<String> = rows
        .iter()
        .filter_map(|row| row.try_get::<String>("", "name").ok())
        .collect();
    assert_eq!(names, ["Na", "Voor"], "the refused write left nothing");
    let _ = std::fs::remove_file(&path);
}

/// `/healthz` asks the database over a connection of its own: a pool whose connections are all
/// taken (a burst of heavy queries) is busy, not a database out of reach.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pool_with_every_connection_taken_is_no_outage_for_the_health_check() {
    let (url, db) = match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => (url, crate::support::fresh_database().await),
        _ => {
            let path = std::env::temp_dir()
                .join(format!("koers-busy-{}.db", uuid::Uuid::new_v4().simple()));
            let url = format!("sqlite://{}?mode=rwc", path.display());
            let db = koers::db::connect(&url).await.expect("sqlite file");
            (url, db)
        }
    };
    let config = koers::config::ApiConfig {
        probe_database_url: Some(url),
        ..Default::default()
    };
    let app = TestApp::on(db, config).await;
    // Take every connection of the pool and keep them.
    let mut held_sqlite = Vec::new();
    let mut held_postgres = Vec::new();
    loop {
        let taken = match app.db.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => {
                let pool = app.db.get_postgres_connection_pool();
                match tokio::time::timeout(Duration::from_millis(500), pool.acquire()).await {
                    Ok(Ok(connection)) => {
                        held_postgres.push(connection);
                        true
                    }
                    _ => false,
                }
            }
            _ => {
                let pool = app.db.get_sqlite_connection_pool();
                match tokio::time::timeout(Duration::from_millis(500), pool.acquire()).await {
                    Ok(Ok(connection)) => {
                        held_sqlite.push(connection);
                        true
                    }
                    _ => false,
                }
            }
        };
        if !taken {
            break;
        }
    }
    assert!(
        held_sqlite.len() + held_postgres.len() >= 8,
        "the pool is used up"
    );
    let started = Instant::now();
    let (status, _, body) = app.get("/healthz").await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}
