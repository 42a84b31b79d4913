//! koers: the GraphQL service behind the MVOI multi-year plan.
//!
//! `main.rs` parses the command line and calls [`run`]; tests build the router with [`router`].

pub mod clock;
pub mod config;
pub mod db;
pub mod error;
pub mod graphql;
pub mod http;
pub mod service;
pub mod state;
mod telemetry;

use clock::SystemClock;
use config::{Cli, Command, MigrateAction};
use migration::{Migrator, MigratorTrait};
use std::sync::Arc;

pub use http::router;
pub use state::AppState;

/// Run one command of the `koers` binary.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    telemetry::init(cli.log_format);
    match cli.command {
        Command::ExportSchema { out } => {
            let sdl = graphql::sdl();
            match out {
                Some(path) => std::fs::write(path, sdl)?,
                None => print!("{sdl}"),
            }
            Ok(())
        }
        Command::Migrate { action } => {
            let db = db::connect(&cli.database_url).await?;
            match action {
                MigrateAction::Up => Migrator::up(&db, None).await?,
                MigrateAction::Down { steps } => Migrator::down(&db, Some(steps)).await?,
                MigrateAction::Status => Migrator::status(&db).await?,
            }
            Ok(())
        }
        Command::Demo => {
            let db = db::connect(&cli.database_url).await?;
            db::migrate(&db).await?;
            load_demo(&db).await
        }
        Command::Serve(args) => {
            let db = db::connect(&cli.database_url).await?;
            db::migrate(&db).await?;
            if args.demo {
                load_demo(&db).await?;
            }
            let state = AppState::new(db, Arc::new(SystemClock), args.api.clone());
            http::serve(state, args.listen).await
        }
    }
}

async fn load_demo(db: &sea_orm::DatabaseConnection) -> anyhow::Result<()> {
    use clock::Clock;
    let actor = service::Actor {
        name: "demo".into(),
        request_id: "demo".into(),
        at: SystemClock.now(),
    };
    let loaded = service::demo::load(db, &actor)
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.public_message()))?;
    if loaded {
        tracing::info!("demo plan loaded");
    } else {
        tracing::info!("demo plan already present; nothing loaded");
    }
    Ok(())
}
