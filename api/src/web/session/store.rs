//! Where the web app's sessions live: the `web_session` table, through sea-orm, so every
//! koers process on the same database shares them (scale-out stays stateless). The session's
//! id is kept only as its SHA-256: the browser's cookie is the one place it exists in full.
//! Expired sessions are never loaded or written back, and are deleted whenever a new session
//! is made (at sign-in: nothing else makes one).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use entity::web_session;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

/// Sessions in the database koers runs on.
#[derive(Clone, Debug)]
pub struct DatabaseStore {
    db: DatabaseConnection,
}

impl DatabaseStore {
    /// A store over `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        DatabaseStore { db }
    }
}

/// The stored key of session `id`: the SHA-256 of its text, in hex.
fn key(id: &Id) -> String {
    crate::service::store::digest::sha256(id.to_string().as_bytes())
}

/// A session's end as the database keeps it (whole seconds; the cookie's end is the same).
fn expiry(record: &Record) -> DateTime<Utc> {
    DateTime::from_timestamp(record.expiry_date.unix_timestamp(), 0).unwrap_or_default()
}

fn backend(error: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

fn row(record: &Record) -> session_store::Result<web_session::ActiveModel> {
    let data = serde_json::to_string(&record.data)
        .map_err(|e| session_store::Error::Encode(e.to_string()))?;
    Ok(web_session::ActiveModel {
        id_sha256: Set(key(&record.id)),
        data: Set(data),
        expires_at: Set(expiry(record)),
    })
}

#[async_trait]
impl SessionStore for DatabaseStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        web_session::Entity::delete_many()
            .filter(web_session::Column::ExpiresAt.lte(Utc::now()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        // A new id until one is free (a clash of 128 random bits is not expected, but a
        // session must never be handed to someone else's).
        loop {
            let inserted = web_session::Entity::insert(row(record)?)
                .on_conflict(
                    OnConflict::column(web_session::Column::IdSha256)
                        .do_nothing()
                        .to_owned(),
                )
                .exec_without_returning(&self.db)
                .await
                .map_err(backend)?;
            if inserted == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    /// Write a session that exists; one ended meanwhile (signed out in another tab, or by
    /// another koers process) stays ended: nothing is written back.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = serde_json::to_string(&record.data)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?;
        web_session::Entity::update_many()
            .col_expr(web_session::Column::Data, Expr::value(data))
            .col_expr(web_session::Column::ExpiresAt, Expr::value(expiry(record)))
            .filter(web_session::Column::IdSha256.eq(key(&record.id)))
            .filter(web_session::Column::ExpiresAt.gt(Utc::now()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let Some(stored) = web_session::Entity::find_by_id(key(id))
            .filter(web_session::Column::ExpiresAt.gt(Utc::now()))
            .one(&self.db)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let data = serde_json::from_str(&stored.data)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(stored.expires_at.timestamp())
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        web_session::Entity::delete_by_id(key(id))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
