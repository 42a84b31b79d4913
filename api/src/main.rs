//! The `koers` binary: parse the command line and run.

use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    koers::run(koers::config::Cli::parse()).await
}
