//! Tracing set-up: `RUST_LOG`-style filtering, text or JSON lines on standard error.
//!
//! Text lines are coloured only on a terminal and never with `NO_COLOR` (a log file or a pipe
//! gets no escape codes). The migrator's progress lines are for the server's start; the
//! command-line tools (`token`, `report`, `migrate`, ...) leave them out unless `RUST_LOG` asks.

use crate::config::LogFormat;
use std::io::IsTerminal;
use tracing_subscriber::EnvFilter;

/// Which program is logging.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Program {
    /// `koers serve`: a service, whose operators read the start-up lines.
    Server,
    /// Any other command: a tool, whose output is its result.
    Tool,
}

/// The filter when `RUST_LOG` sets none.
fn default_filter(program: Program) -> &'static str {
    match program {
        Program::Server => "info,sqlx=warn",
        // A tool prints its result on standard output; on standard error only what went wrong.
        Program::Tool => "warn",
    }
}

/// Whether text lines carry colours.
fn coloured(terminal: bool, no_color: bool) -> bool {
    terminal && !no_color
}

/// Install the global subscriber (once; later calls do nothing).
pub fn init(format: LogFormat, program: Program, no_color: bool) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(default_filter(program)));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(coloured(std::io::stderr().is_terminal(), no_color))
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

tokio::task_local! {
    /// The SQL statements of the operation running on this task (and the loads it spawned).
    static STATEMENTS: std::sync::Arc<std::sync::atomic::AtomicUsize>;
}

/// Count one SQL statement for the operation running now (nothing outside one). Called by the
/// database's metric callback (`db::observe_statements`).
pub fn statement_ran() {
    let _ = STATEMENTS.try_with(|n| n.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
}

/// `work` counting its statements for the operation that spawns it (a DataLoader's batch runs
/// on a task of its own).
pub fn carry<F: std::future::Future>(work: F) -> impl std::future::Future<Output = F::Output> {
    use futures::future::Either;
    match STATEMENTS.try_with(std::sync::Arc::clone) {
        Ok(n) => Either::Left(STATEMENTS.scope(n, work)),
        Err(_) => Either::Right(work),
    }
}

/// Run `work` and count the SQL statements it runs, spawned loads included.
pub async fn counted<F: std::future::Future>(work: F) -> (F::Output, usize) {
    let n = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let out = STATEMENTS.scope(n.clone(), work).await;
    (out, n.load(std::sync::atomic::Ordering::Relaxed))
}

/// An operation slower than this is logged at INFO (the others at DEBUG), with its duration
/// and statement count, so a slow request can be explained from the log.
pub const SLOW_OPERATION: std::time::Duration = std::time::Duration::from_millis(500);

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn statements_are_counted_for_their_operation_and_its_spawned_loads() {
        let ((), n) = counted(async {
            statement_ran();
            let spawned = tokio::spawn(carry(async {
                statement_ran();
                statement_ran();
            }));
            let _ = spawned.await;
            // Spawned without `carry`, a load is not this operation's.
            let _ = tokio::spawn(async { statement_ran() }).await;
        })
        .await;
        assert_eq!(n, 3);
        statement_ran(); // outside an operation: nothing to count, no panic
    }

    #[test]
    fn colours_only_on_a_terminal_without_no_color() {
        assert!(coloured(true, false));
        assert!(!coloured(true, true));
        assert!(!coloured(false, false));
        assert!(!coloured(false, true));
    }

    #[test]
    fn tools_log_only_what_went_wrong() {
        assert_eq!(default_filter(Program::Tool), "warn");
        assert!(default_filter(Program::Server).starts_with("info"));
    }
}
