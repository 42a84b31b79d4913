//! Idempotency keys when the first request with a key ends without an answer, the real way:
//! cut off by the server's own request timeout (408), and lost with a koers process killed with
//! SIGKILL. Either way a retry must run (exactly once), never be told "still running" for a day.
//!
//! The first request is held up by a lock the test takes. On PostgreSQL it is a lock on the
//! `programme` table: the key is claimed and the write waits, the case that matters. On SQLite
//! a lock is the whole database's, so the claim itself waits; the retry must run all the same.
//! (`hardening.rs` covers a client that gives up at many points, and claims left behind.)

use crate::support::{TestApp, code, fresh_durable_database};
use koers::config::ApiConfig;
use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction};
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn create(name: &str) -> Value {
    json!({ "query": format!("mutation {{ createProgramme(input: {{ name: \"{name}\", goal: \"G\" }}) {{ programme {{ id name }} }} }}") })
}

/// A second connection to the database (and schema) of `db`.
async fn second_connection(db: &DatabaseConnection) -> DatabaseConnection {
    let backend = db.get_database_backend();
    match backend {
        sea_orm::DatabaseBackend::Postgres => {
            let url = std::env::var("TEST_DATABASE_URL").expect("PostgreSQL url");
            let schema = db
                .query_one_raw(sea_orm::Statement::from_string(
                    backend,
                    "SELECT current_schema() AS s",
                ))
                .await
                .expect("schema")
                .and_then(|row| row.try_get::<String>("", "s").ok());
            koers::db::connect_in_schema(&url, schema.as_deref())
                .await
                .expect("second connection")
        }
        _ => {
            let file = db
                .query_one_raw(sea_orm::Statement::from_string(
                    backend,
                    "SELECT file FROM pragma_database_list WHERE name = 'main'",
                ))
                .await
                .expect("file")
                .and_then(|row| row.try_get::<String>("", "file").ok())
                .expect("a database file");
            koers::db::connect(&format!("sqlite://{file}"))
                .await
                .expect("second connection")
        }
    }
}

/// A lock, taken through `other`, that holds up writes to `programme` until it is rolled back.
async fn hold_writes(other: &DatabaseConnection) -> DatabaseTransaction {
    let lock = koers::service::begin_write(other).await.expect("begin");
    let statement = match other.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => "LOCK TABLE programme IN EXCLUSIVE MODE",
        _ => "CREATE TABLE write_lock_of_the_test (x INTEGER)",
    };
    lock.execute_unprepared(statement).await.expect("lock");
    lock
}

/// POST `body` with `key` and `token` to `address` over TCP; returns status and JSON body.
async fn post(address: &str, token: &str, key: &str, body: &Value) -> (u16, Value) {
    let body = body.to_string();
    let mut stream = tokio::net::TcpStream::connect(address)
        .await
        .expect("connect");
    let request = format!(
        "POST /graphql HTTP/1.1\r\nhost: koers\r\ncontent-type: application/json\r\nauthorization: Bearer {token}\r\nidempotency-key: {key}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut answer = Vec::new();
    // A killed server resets the connection: no answer.
    let _ = stream.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer);
    let status = answer
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .unwrap_or_default();
    let json = answer
        .split_once("\r\n\r\n")
        .and_then(|(_, body)| serde_json::from_str(body).ok())
        .unwrap_or(Value::Null);
    (status, json)
}

/// Retry until the key is no longer in use (at most `patience`); returns the retry's answer.
async fn retry(
    address: &str,
    token: &str,
    key: &str,
    body: &Value,
    patience: Duration,
) -> (u16, Value) {
    let started = std::time::Instant::now();
    loop {
        let (status, answer) = post(address, token, key, body).await;
        if code(&answer["errors"][0]) != "IDEMPOTENCY_KEY_IN_USE" || started.elapsed() > patience {
            return (status, answer);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_the_server_times_out_gives_its_key_up() {
    let config = ApiConfig {
        request_timeout_secs: 1,
        ..Default::default()
    };
    let app = TestApp::on(fresh_durable_database().await, config.clone()).await;
    let state = koers::AppState::new(app.db.clone(), app.clock.clone(), config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("port");
    let address = listener.local_addr().expect("address").to_string();
    tokio::spawn(koers::http::serve_on(
        listener,
        state,
        std::future::pending(),
    ));

    let body = create("Na een time-out");
    let other = second_connection(&app.db).await;
    let lock = hold_writes(&other).await;
    let (status, answer) = post(&address, &app.token, "traag", &body).await;
    assert_eq!(status, 408, "{answer}");
    assert_eq!(code(&answer["errors"][0]), "REQUEST_TIMEOUT", "{answer}");
    lock.rollback().await.expect("unlock");
    other.close().await.ok();

    // The retry runs (well within the claim's lease of 11 s) and creates the programme once.
    let (status, answer) =
        retry(&address, &app.token, "traag", &body, Duration::from_secs(5)).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        answer["data"]["createProgramme"]["programme"]["name"], "Na een time-out",
        "{answer}"
    );
    assert_eq!(app.count("programme").await, 1);
    let (_, again) = post(&address, &app.token, "traag", &body).await;
    assert_eq!(again, answer, "a second retry gets the kept answer");
    assert_eq!(app.count("programme").await, 1);
}

/// The `koers` binary of this build (`cli.rs` builds it when it is stale).
fn koers_binary() -> std::path::PathBuf {
    crate::cli::koers()
}

/// A `koers serve` process; killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn start(url: &str, address: &str) -> Server {
    let child = Command::new(koers_binary())
        .args(["serve", "--listen", address, "--request-timeout-secs", "1"])
        .env("DATABASE_URL", url)
        .env_remove("RUST_LOG")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("koers serve");
    let server = Server(child);
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(address).await.is_ok() {
            return server;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("koers serve did not start on {address}");
}

/// A database of its own for the process: a SQLite file, or a new PostgreSQL database.
/// Returns its URL and a connection for the test.
async fn own_database() -> (String, Option<(String, String)>) {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => {
            let name = format!("koers_kill_{}", uuid::Uuid::new_v4().simple());
            let admin = koers::db::connect(&url).await.expect("connect");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create database");
            admin.close().await.ok();
            let base = url.rsplit_once('/').map_or(url.as_str(), |(base, _)| base);
            (format!("{base}/{name}"), Some((url.clone(), name)))
        }
        _ => {
            let path = std::env::temp_dir()
                .join(format!("koers-kill-{}.db", uuid::Uuid::new_v4().simple()));
            (format!("sqlite://{}?mode=rwc", path.display()), None)
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_held_by_a_killed_process_is_taken_over_when_its_lease_ends() {
    let (url, postgres) = own_database().await;
    let token = crate::cli::run(
        &url,
        &["token", "create", "--name", "tester", "--role", "admin"],
    );
    assert!(token.status.success(), "{token:?}");
    let token = String::from_utf8_lossy(&token.stdout).trim().to_owned();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let address = format!("127.0.0.1:{port}");
    let db = koers::db::connect(&url).await.expect("connect");

    let body = create("Na een kill");
    let server = start(&url, &address).await;
    let other = koers::db::connect(&url).await.expect("second connection");
    let lock = hold_writes(&other).await;
    // The first request waits on the lock; koers is killed while it does.
    let first = tokio::spawn({
        let (address, token, body) = (address.clone(), token.clone(), body.clone());
        async move { post(&address, &token, "kill", &body).await }
    });
    if postgres.is_some() {
        // On PostgreSQL the claim is made before the write waits on the lock: wait for it.
        let started = std::time::Instant::now();
        while count(&db, "idempotency_key").await != Some(1) {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the first request claims its key"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    } else {
        // On SQLite the claim itself waits on the lock: give the request time to reach it.
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    drop(server);
    let (status, _) = first.await.expect("first request");
    assert_eq!(status, 0, "the first request never got an answer");
    if postgres.is_some() {
        // The killed request had claimed the key: a retry must wait for the lease to end.
        assert_eq!(count(&db, "idempotency_key").await, Some(1));
    }
    lock.rollback().await.expect("unlock");
    other.close().await.ok();

    // A new process: the killed one's claim (if it made one) is taken over when its lease (the
    // request timeout and 10 s) ends, and the programme is created once.
    let _server = start(&url, &address).await;
    let retried = std::time::Instant::now();
    let (status, answer) = retry(&address, &token, "kill", &body, Duration::from_secs(20)).await;
    assert_eq!(status, 200, "{answer}");
    if postgres.is_some() {
        assert!(
            retried.elapsed() > Duration::from_secs(5),
            "taken over only when the lease ended ({:?})",
            retried.elapsed()
        );
    }
    assert_eq!(
        answer["data"]["createProgramme"]["programme"]["name"], "Na een kill",
        "{answer}"
    );
    let (_, again) = post(&address, &token, "kill", &body).await;
    assert_eq!(again, answer, "a second retry gets the kept answer");
    assert_eq!(count(&db, "programme").await, Some(1));
    db.close().await.ok();
    if let Some((admin_url, name)) = postgres {
        drop(_server);
        let admin = koers::db::connect(&admin_url).await.expect("connect");
        let _ = admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await;
    }
}

/// Rows in `table`.
async fn count(db: &DatabaseConnection, table: &str) -> Option<i64> {
    db.query_one_raw(sea_orm::Statement::from_string(
        db.get_database_backend(),
        format!("SELECT COUNT(*) AS n FROM {table}"),
    ))
    .await
    .expect("count")
    .and_then(|row| row.try_get::<i64>("", "n").ok())
}
