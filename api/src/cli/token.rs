//! `koers token create|list|revoke`: API tokens from the command line, where the first admin
//! is made. The operator at the keyboard acts as koers itself (an administrator).

use crate::clock::{Clock, SystemClock};
use crate::config::TokenAction;
use crate::service::{Actor, accounts::tokens};
use sea_orm::DatabaseConnection;

fn fail(e: crate::error::ApiError) -> anyhow::Error {
    match e {
        crate::error::ApiError::NotFound { id, .. } => {
            anyhow::anyhow!("there is no token {id} (`koers token list` shows them)")
        }
        // The service names the API's fields; the command line has options.
        crate::error::ApiError::Invalid { field, message } => {
            let option = match field.as_str() {
                "expiresAt" => "--expires",
                "name" => "--name",
                "layer" => "--layer",
                other => other,
            };
            anyhow::anyhow!("{option}: {message}")
        }
        e => anyhow::anyhow!("{}", e.public_message()),
    }
}

/// Run one token command against `db`.
pub async fn run(db: &DatabaseConnection, action: TokenAction) -> anyhow::Result<()> {
    let actor = Actor::system("koers token", SystemClock.now());
    match action {
        TokenAction::Create {
            name,
            role,
            layer,
            expires,
        } => {
            // Valid through the whole day named, in the Netherlands.
            let expires_at = expires.map(crate::service::schedule::status_date::end_of_day);
            let new = tokens::NewToken {
                name,
                role,
                layer,
                expires_at,
            };
            let (saved, token) = tokens::create(db, &actor, new).await.map_err(fail)?;
            eprintln!(
                "token {} for {} ({}{}) created; it is shown only now:",
                saved.id,
                saved.name,
                saved.role.as_str(),
                saved
                    .layer
                    .map(|l| format!(", {}", l.as_str()))
                    .unwrap_or_default()
            );
            println!("{token}");
        }
        TokenAction::List => {
            println!(
                "{:>4}  {:<14} {:<24} {:<18} {:<11} {:<20} {:<20} revoked",
                "id", "prefix", "name", "role", "layer", "created", "expires"
            );
            let time = |t: Option<chrono::DateTime<chrono::Utc>>| {
                t.map_or_else(
                    || "-".to_owned(),
                    |t| t.format("%Y-%m-%d %H:%M").to_string(),
                )
            };
            for t in tokens::list(db).await.map_err(fail)? {
                println!(
                    "{:>4}  {:<14} {:<24} {:<18} {:<11} {:<20} {:<20} {}",
                    t.id,
                    t.token_prefix,
                    t.name,
                    t.role.as_str(),
                    t.layer.map_or_else(|| "-".to_owned(), |l| l.as_str()),
                    time(Some(t.created_at)),
                    time(t.expires_at),
                    time(t.revoked_at),
                );
            }
        }
        TokenAction::Revoke { id } => {
            let revoked = tokens::revoke(db, &actor, id).await.map_err(fail)?;
            eprintln!("token {} of {} revoked", revoked.id, revoked.name);
        }
    }
    Ok(())
}
