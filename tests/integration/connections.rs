//! No connection pattern stalls the server: slow headers and idle connections are closed,
//! connections and requests in flight are capped (503 with `Retry-After` beyond), and failed
//! sign-ins are limited per client address. Over real TCP, against `koers::http::serve_on`.

use crate::support::{TestApp, code};
use koers::config::ApiConfig;
use serde_json::Value;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A server over a fresh database with `config`, on a free port.
async fn server(config: ApiConfig) -> (TestApp, SocketAddr) {
    let db = crate::support::fresh_durable_database().await;
    let app = TestApp::on(db, config.clone()).await;
    // The test's connection: it counts the statements the server runs.
    let state = koers::AppState::new(app.db.clone(), app.clock.clone(), config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("port");
    let address = listener.local_addr().expect("address");
    tokio::spawn(koers::http::serve_on(
        listener,
        state,
        std::future::pending(),
    ));
    (app, address)
}

/// Read until the server closes the connection; `None` if it is still open after `limit`.
async fn closed_within(stream: &mut TcpStream, limit: Duration) -> Option<String> {
    let mut seen = Vec::new();
    let read = tokio::time::timeout(limit, async {
        let mut buffer = [0u8; 4096];
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => seen.extend_from_slice(&buffer[..n]),
            }
        }
    })
    .await;
    read.ok()
        .map(|()| String::from_utf8_lossy(&seen).into_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_headers_and_idle_connections_are_closed() {
    let (_app, address) = server(ApiConfig {
        header_timeout_secs: 1,
        ..Default::default()
    })
    .await;
    // Headers sent a byte at a time, never finished: closed after the header timeout.
    let mut slow = TcpStream::connect(address).await.expect("connect");
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHo")
        .await
        .expect("write");
    assert!(
        closed_within(&mut slow, Duration::from_secs(5))
            .await
            .is_some(),
        "a connection that never finishes its headers is closed"
    );
    // A kept-alive connection, idle after its answer: closed too.
    let mut idle = TcpStream::connect(address).await.expect("connect");
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: koers\r\n\r\n")
        .await
        .expect("write");
    let seen = closed_within(&mut idle, Duration::from_secs(5))
        .await
        .expect("an idle connection is closed");
    assert!(seen.starts_with("HTTP/1.1 200"), "{seen}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_over_the_cap_are_told_to_come_back() {
    let (_app, address) = server(ApiConfig {
        max_connections: 2,
        ..Default::default()
    })
    .await;
    let _first = TcpStream::connect(address).await.expect("connect");
    let _second = TcpStream::connect(address).await.expect("connect");
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut third = TcpStream::connect(address).await.expect("connect");
    let seen = closed_within(&mut third, Duration::from_secs(5))
        .await
        .expect("answered and closed at once");
    assert!(seen.starts_with("HTTP/1.1 503"), "{seen}");
    assert!(
        seen.contains("retry-after: 1") && seen.contains("\"UNAVAILABLE\""),
        "{seen}"
    );
    drop(_first);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut again = TcpStream::connect(address).await.expect("connect");
    again
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: koers\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let seen = closed_within(&mut again, Duration::from_secs(5))
        .await
        .expect("answered");
    assert!(
        seen.starts_with("HTTP/1.1 200"),
        "a freed place is used again: {seen}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_sign_ins_are_limited_per_address_before_any_lookup() {
    let (app, address) = server(ApiConfig {
        failed_sign_ins_per_minute: 5,
        ..Default::default()
    })
    .await;
    let post = |token: &str| {
        let body = r#"{"query":"{ __typename }"}"#;
        format!(
            "POST /graphql HTTP/1.1\r\nHost: koers\r\nContent-Type: application/json\r\nAuthorization: Bearer {token}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    };
    let send = |request: String| async move {
        let mut stream = TcpStream::connect(address).await.expect("connect");
        stream.write_all(request.as_bytes()).await.expect("write");
        closed_within(&mut stream, Duration::from_secs(5))
            .await
            .expect("answered")
    };
    let wrong = format!("koers_{}", "0".repeat(64));
    for attempt in 0..5 {
        let seen = send(post(&wrong)).await;
        assert!(
            seen.starts_with("HTTP/1.1 401"),
            "attempt {attempt}: {seen}"
        );
    }
    let statements = app.statements();
    for _ in 0..20 {
        let seen = send(post(&wrong)).await;
        assert!(seen.starts_with("HTTP/1.1 429"), "{seen}");
        assert!(seen.to_ascii_lowercase().contains("retry-after:"), "{seen}");
        let body = seen.split("\r\n\r\n").nth(1).unwrap_or_default();
        let value: Value = serde_json::from_str(body).unwrap_or_default();
        assert_eq!(code(&value["errors"][0]), "RATE_LIMITED", "{seen}");
    }
    assert_eq!(
        app.statements(),
        statements,
        "refused before any token lookup"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_its_answer_is_cut_off() {
    let (app, address) = server(ApiConfig {
        request_timeout_secs: 1,
        ..Default::default()
    })
    .await;
    let actor = koers::service::Actor::system("generator", crate::support::t0());
    koers::samples::generate::generate(&app.db, &actor, koers::samples::generate::PlanSize::S, 7)
        .await
        .expect("a plan of 1,000 milestones");
    // A small receive window, and twenty exports asked at once on one connection (HTTP/1.1
    // pipelining: some 9 MB, more than the kernel's buffers hold).
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket.set_recv_buffer_size(4096).expect("receive buffer");
    let mut stream = socket.connect(address).await.expect("connect");
    const ASKED: usize = 20;
    let one = format!(
        "GET /export/milestones.ndjson HTTP/1.1\r\nHost: koers\r\nAuthorization: Bearer {}\r\n\r\n",
        app.token
    );
    stream
        .write_all(one.repeat(ASKED).as_bytes())
        .await
        .expect("write");
    // The client reads nothing for longer than the server lets a write stall...
    tokio::time::sleep(Duration::from_secs(4)).await;
    // ...so what it then reads ends early: not every answer arrives whole.
    let mut seen = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(30), async {
        let mut buffer = [0u8; 65536];
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => seen.extend_from_slice(&buffer[..n]),
            }
        }
    })
    .await;
    assert!(
        seen.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&seen[..seen.len().min(200)])
    );
    let whole = seen.windows(7).filter(|w| w == b"\r\n0\r\n\r\n").count();
    assert!(
        whole < ASKED,
        "the connection was cut off: {whole} of {ASKED} answers arrived whole ({} bytes)",
        seen.len()
    );
}
