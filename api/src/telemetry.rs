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

#[cfg(test)]
mod tests {
    use super::*;

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
