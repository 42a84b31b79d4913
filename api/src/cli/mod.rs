//! The `koers` command line: [`run`] dispatches each command (`serve`, `migrate`, `demo`,
//! `generate`, `bench-schedule`, `bench-report`, `report`, `token`, `export-schema`); `token.rs`
//! and `bench.rs` hold the longer ones.

mod bench;
mod token;

use crate::{AppState, clock, config, db, error, graphql, http, oidc, service, telemetry};
use clock::SystemClock;
use config::{Cli, Command, MigrateAction};
use migration::{Migrator, MigratorTrait};
use std::sync::Arc;

/// Run one command of the `koers` binary.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let program = match cli.command {
        Command::Serve(_) => telemetry::Program::Server,
        _ => telemetry::Program::Tool,
    };
    telemetry::init(cli.log_format, program, cli.no_color);
    let connect = |url: String, log_sql: bool| async move {
        let mut db = db::connect(&url).await?;
        db::observe_statements(&mut db, log_sql);
        Ok::<_, sea_orm::DbErr>(db)
    };
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
            let db = connect(cli.database_url.clone(), cli.log_sql).await?;
            match action {
                MigrateAction::Up => {
                    let pending = Migrator::get_pending_migrations(&db).await?;
                    Migrator::up(&db, None).await?;
                    for migration in &pending {
                        println!("applied  {}", migration.name());
                    }
                    if pending.is_empty() {
                        println!("nothing to apply: the database is up to date");
                    }
                }
                MigrateAction::Down { steps } => {
                    let applied = Migrator::get_applied_migrations(&db).await?;
                    Migrator::down(&db, Some(steps)).await?;
                    for migration in applied.iter().rev().take(steps as usize) {
                        println!("rolled back {}", migration.name());
                    }
                }
                MigrateAction::Status => {
                    // On standard output, as a command's result (the migrator only logs it).
                    for migration in Migrator::get_migration_with_status(&db).await? {
                        let status = migration.status().to_string().to_lowercase();
                        println!("{status:<8} {}", migration.name());
                    }
                }
            }
            Ok(())
        }
        Command::Generate {
            size,
            seed,
            milestones,
        } => {
            use clock::Clock;
            let db = connect(cli.database_url.clone(), cli.log_sql).await?;
            db::migrate(&db).await?;
            let actor = service::Actor::system("generate", SystemClock.now());
            let mut shape = size.shape();
            if let Some(milestones) = milestones {
                shape.milestones = milestones as usize;
            }
            let shape = crate::samples::generate::generate_shape(&db, &actor, shape, seed)
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            // The result on standard output, as the other tools give theirs.
            println!("plan generated: {shape:?}");
            Ok(())
        }
        Command::BenchSchedule {
            milestones,
            dependencies,
            runs,
            from_db,
        } => {
            let db = match from_db {
                true => Some(connect(cli.database_url.clone(), cli.log_sql).await?),
                false => None,
            };
            bench::schedule(milestones, dependencies, runs, db.as_ref()).await
        }
        Command::Report {
            as_of,
            format,
            out,
            title,
            language,
        } => {
            let db = connect(cli.database_url.clone(), cli.log_sql).await?;
            db::migrate(&db).await?;
            // The same content as generateProgressReport: the plan as of the peildatum, covering
            // the period since the latest published report before it.
            let today = service::schedule::status_date::dutch_day(clock::Clock::now(&SystemClock));
            let (content, _) = service::reports::workflow::content(
                &db,
                service::schedule::Settings::at(today),
                &title,
                as_of,
                today,
                None,
                language,
            )
            .await
            .map_err(cli_error)?;
            let format = match format {
                config::ReportFormat::Md => entity::DocumentFormat::Md,
                config::ReportFormat::Html => entity::DocumentFormat::Html,
                config::ReportFormat::Pdf => entity::DocumentFormat::Pdf,
                config::ReportFormat::Odt => entity::DocumentFormat::Odt,
            };
            let bytes = service::reports::workflow::render(
                &content,
                &service::reports::document::Stamp::draft(today),
                format,
            )
            .map_err(cli_error)?;
            match out {
                Some(path) => std::fs::write(&path, bytes).map_err(|e| {
                    anyhow::anyhow!("cannot write the report to {}: {e}", path.display())
                })?,
                None => {
                    use std::io::Write;
                    std::io::stdout().write_all(&bytes)?;
                }
            }
            Ok(())
        }
        Command::BenchReport { runs } => bench::report(runs).await,
        Command::Token { action } => {
            let db = connect(cli.database_url.clone(), cli.log_sql).await?;
            db::migrate(&db).await?;
            token::run(&db, action).await
        }
        Command::Demo => {
            let db = connect(cli.database_url.clone(), cli.log_sql).await?;
            db::migrate(&db).await?;
            load_demo(&db).await
        }
        Command::Serve(args) => {
            tokio::task::spawn_blocking(service::reports::document::warm_up);
            let db = connect(cli.database_url.clone(), cli.log_sql).await?;
            db::migrate(&db).await?;
            if args.demo {
                load_demo(&db).await?;
            }
            if !args.api.allow_anonymous
                && service::accounts::tokens::list(&db)
                    .await
                    .is_ok_and(|t| t.is_empty())
            {
                tracing::warn!(
                    "no API tokens yet: create the first admin with `koers token create --name NAME --role admin`"
                );
            }
            // Signing in on the web needs the provider's endpoints; its keys default to the
            // ones its discovery document names.
            let provider = oidc::SignInProvider::discover(&args.oidc).await?;
            let mut identity = args.oidc.clone();
            if identity.oidc_jwks.is_none() {
                identity.oidc_jwks = provider.as_ref().map(|p| p.jwks_uri.clone());
            }
            // Tokens the provider issued to koers, and not to another of its clients.
            if identity.oidc_audience.is_none() && provider.is_some() {
                identity.oidc_audience = identity.oidc_client_id.clone();
            }
            let verifier = oidc::Verifier::load(&identity).await?;
            let mut api = args.api.clone();
            if !cli.database_url.contains(":memory:") {
                api.probe_database_url = Some(cli.database_url.clone());
            }
            let state = AppState::new(db, Arc::new(SystemClock), api)
                .with_oidc(verifier)
                .with_sign_in_provider(provider);
            http::serve(state, args.listen).await
        }
    }
}

async fn load_demo(db: &sea_orm::DatabaseConnection) -> anyhow::Result<()> {
    use clock::Clock;
    let actor = service::Actor::system("demo", SystemClock.now());
    let loaded = crate::samples::demo::load(db, &actor)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    // The result on standard output, as the other tools give theirs.
    if loaded {
        println!("demo plan loaded");
    } else {
        println!("demo plan already present; nothing loaded");
    }
    Ok(())
}

/// A service error as the command line says it: the field and what is wrong with it
/// ("--as-of: the peildatum … is after today"), or what the API would say.
fn cli_error(error: error::ApiError) -> anyhow::Error {
    match error {
        error::ApiError::Invalid { field, message } => {
            let option = match field.as_str() {
                "asOf" => "--as-of",
                "title" => "--title",
                other => other,
            };
            anyhow::anyhow!("{option}: {message}")
        }
        // An operator at the command line sees the cause a client would not.
        error::ApiError::Internal(cause) | error::ApiError::Unavailable(cause) => {
            anyhow::anyhow!("{cause}")
        }
        other => anyhow::anyhow!("{}", other.public_message()),
    }
}
