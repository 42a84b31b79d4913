//! Tracing set-up: `RUST_LOG`-style filtering, text or JSON lines.

use crate::config::LogFormat;
use tracing_subscriber::EnvFilter;

/// Install the global subscriber (once; later calls do nothing).
pub fn init(format: LogFormat) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
}
