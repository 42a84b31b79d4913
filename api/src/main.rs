//! The `koers` binary: parse the command line and run.

use clap::Parser;

// The GraphQL executor allocates per field; mimalloc serves that pattern far better than glibc's
// malloc (a quarter of the dashboard's CPU profile was malloc and free).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    koers::run(koers::config::Cli::parse()).await
}
