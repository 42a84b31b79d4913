//! The `koers` binary: parse the command line and run.

use clap::Parser;

// The GraphQL executor allocates per field: jemalloc serves that pattern far better than glibc's
// malloc (a quarter of the dashboard's CPU profile was malloc and free), and its background
// threads give freed memory back to the system within about a second of a burst
// (`.cargo/config.toml`), where mimalloc kept it until the threads that freed it ran again.
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    koers::run(koers::config::Cli::parse()).await
}
