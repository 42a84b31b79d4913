//! `GET /export/milestones.ndjson`: the whole plan, one milestone with its links per line,
//! streamed a chunk at a time.

use crate::service::plan::export;
use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use futures::stream::{self, StreamExt};

/// Stream every live milestone as newline-delimited JSON.
pub async fn milestones(state: AppState) -> Response {
    // State of the stream: the last row id sent, or None when done.
    let lines = stream::unfold(Some(0), move |after| {
        let db = state.db.clone();
        async move {
            let after = after?;
            match export::chunk(&db, after).await {
                Ok(rows) if rows.is_empty() => None,
                Ok(rows) => {
                    let next = rows.last().map(|r| r.id);
                    let mut buf = Vec::with_capacity(rows.len() * 400);
                    for row in &rows {
                        if serde_json::to_writer(&mut buf, row).is_err() {
                            return Some((
                                Err(std::io::Error::other("export encoding failed")),
                                None,
                            ));
                        }
                        buf.push(b'\n');
                    }
                    Some((Ok(Bytes::from(buf)), next))
                }
                Err(err) => {
                    // The status line is already sent: log, and cut the stream short.
                    tracing::error!(error = ?err, "export failed");
                    Some((Err(std::io::Error::other("export failed")), None))
                }
            }
        }
    })
    .boxed();
    (
        [(header::CONTENT_TYPE, "application/x-ndjson; charset=utf-8")],
        Body::from_stream(lines),
    )
        .into_response()
}
