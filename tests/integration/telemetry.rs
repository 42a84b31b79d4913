//! The operation log: each GraphQL operation is logged with its name, duration and the SQL
//! statements it ran, its DataLoaders' batches included, so a slow request can be explained.

use crate::support::TestApp;
use serde_json::json;
use std::sync::{Arc, Mutex};

/// A log that keeps what is written to it.
#[derive(Clone, Default)]
struct Kept(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Kept {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut kept) = self.0.lock() {
            kept.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn an_operation_is_logged_with_its_name_duration_and_statements() {
    let app = TestApp::with_demo().await;
    // One global subscriber for this binary (tests run on many threads; a thread's own
    // subscriber misses call sites other threads met first). Operations are told apart by name.
    static LOG: std::sync::OnceLock<Kept> = std::sync::OnceLock::new();
    let kept = LOG
        .get_or_init(|| {
            let kept = Kept::default();
            let writer = kept.clone();
            let subscriber = tracing_subscriber::fmt()
                .with_env_filter("koers::operation=debug")
                .with_ansi(false)
                .with_writer(move || writer.clone())
                .finish();
            tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");
            kept
        })
        .clone();
    let before = app.statements();
    app.ok(
        "query TelemetryDashboard { milestones(first: 50) { nodes { title kpis { code measurements(first: 3) { value } } } } }",
        json!({}),
    )
    .await;
    let ran = app.statements() - before;
    let log = String::from_utf8(kept.0.lock().expect("log").clone()).expect("utf-8");
    let line = log
        .lines()
        .find(|l| l.contains("operation") && l.contains("name=TelemetryDashboard"))
        .unwrap_or_else(|| panic!("no operation line in {log}"));
    let statements: usize = line
        .split("statements=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no statement count in {line}"));
    // The loaders' batches are counted (more than the one list statement); the token's lookup
    // before the operation is not.
    assert!(
        statements >= 3 && statements < ran,
        "{statements} of {ran}: {line}"
    );
    assert!(
        line.contains("kind=\"query\"") || line.contains("kind=query"),
        "{line}"
    );
    assert!(line.contains("ms="), "{line}");
}
