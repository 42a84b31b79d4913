//! Serving the router over HTTP/1.1 with limits on connections, so no connection pattern can
//! stall the server: a client must send its request headers within `--header-timeout-secs`
//! (the same timeout closes a kept-alive connection idle that long), at most
//! `--max-connections` connections are open (one more is answered 503 with `Retry-After` and
//! closed; past 64 such answers at a time, closed without one), a client that stops reading
//! its answer is cut off after `--request-timeout-secs`, and every request knows its peer's
//! address (`ConnectInfo`, for the per-address limit on failed sign-ins). Stops gracefully on
//! SIGINT and SIGTERM.

use super::router;
use crate::state::AppState;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_io_timeout::TimeoutStream;
use tower::ServiceExt;

/// How long open connections get to finish when the server stops.
const DRAIN: Duration = Duration::from_secs(10);

/// The answer to a connection over the limit, written before it is closed.
fn over_capacity() -> Vec<u8> {
    let body = r#"{"errors":[{"message":"the server has as many connections open as it allows: try again shortly","extensions":{"code":"UNAVAILABLE"}}]}"#;
    format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: {}\r\nx-content-type-options: nosniff\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        super::errors::RETRY_AFTER_BUSY,
        body.len()
    )
    .into_bytes()
}

/// Connections over the limit being told so at one time; more are closed without a word.
const MAX_REFUSING: usize = 64;

/// How long a refused connection's request is read (and thrown away) after its answer: closing
/// a socket with unread data resets it, and the reset can destroy the answer before the client
/// reads it.
const REFUSAL_LINGER: Duration = Duration::from_millis(500);

/// Answer a connection over the limit with 503 and close it.
async fn refuse(mut stream: tokio::net::TcpStream) {
    if stream.write_all(&over_capacity()).await.is_err() || stream.shutdown().await.is_err() {
        return;
    }
    let mut sink = [0u8; 4096];
    let _ = tokio::time::timeout(REFUSAL_LINGER, async {
        while matches!(stream.read(&mut sink).await, Ok(n) if n > 0) {}
    })
    .await;
}

/// Serve `router(state)` on `addr` until SIGINT or SIGTERM.
pub async fn serve(state: AppState, addr: SocketAddr) -> anyhow::Result<()> {
    let listener = TcpListener::bind(addr).await?;
    tracing::info!(%addr, "koers listening; GraphiQL at http://{addr}/graphql");
    if let Some(day) = state.config.status_date {
        tracing::warn!(
            status_date = %day,
            "the status date is fixed at {day} (--status-date): every live read takes it as today"
        );
    }
    serve_on(listener, state, shutdown_signal()).await
}

/// Serve `router(state)` on `listener` until `shutdown` completes (tests bind port 0).
pub async fn serve_on(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()>,
) -> anyhow::Result<()> {
    let config = state.config.clone();
    let app = router(state);
    let connections = Arc::new(Semaphore::new(config.max_connections));
    let refusals = Arc::new(Semaphore::new(MAX_REFUSING));
    let header_timeout = Duration::from_secs(config.header_timeout_secs);
    let write_timeout = Duration::from_secs(config.request_timeout_secs);
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors, or the like: wait a moment rather than spin.
                    tracing::warn!(error = %err, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = connections.clone().try_acquire_owned() else {
            crate::metrics::METRICS.refused("connections");
            // Told why, when a place to tell it is free; else closed at once.
            if let Ok(refusing) = refusals.clone().try_acquire_owned() {
                tokio::spawn(async move {
                    refuse(stream).await;
                    drop(refusing);
                });
            }
            continue;
        };
        let _ = stream.set_nodelay(true);
        // A client that stops reading its answer is cut off once a write has stalled this long.
        let mut stream = TimeoutStream::new(stream);
        stream.set_write_timeout(Some(write_timeout));
        let stream = Box::pin(stream);
        let service = app
            .clone()
            .map_request(move |mut request: axum::extract::Request<_>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                request
            });
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(header_timeout)
            .keep_alive(true)
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(err) = connection.await {
                tracing::debug!(error = %err, %peer, "connection ended");
            }
            drop(permit);
        });
    }
    tracing::info!("shutting down");
    if tokio::time::timeout(DRAIN, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("connections still open after {DRAIN:?}: closing them");
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
