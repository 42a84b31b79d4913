//! The folded search text of milestones, KPIs and data sources (`entity::search`), so a search
//! ignores case and accents the same way on SQLite and PostgreSQL. Existing rows are filled in.

use crate::columns::{add_columns, drop_columns};
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Each table with the columns its search text is made of (as `crud`'s `search` entries say
/// for every later write; a migration is a snapshot, so the list is its own).
const TABLES: [(&str, &[&str]); 3] = [
    ("milestone", &["title", "description"]),
    ("kpi", &["code", "name", "definition"]),
    ("data_source", &["name", "description"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        for (table, parts) in TABLES {
            add_columns(
                manager,
                table,
                vec![
                    ColumnDef::new(Alias::new("search_text"))
                        .text()
                        .not_null()
                        .default("")
                        .take(),
                ],
            )
            .await?;
            let select = Query::select()
                .column(Alias::new("id"))
                .columns(parts.iter().map(|p| Alias::new(*p)))
                .from(Alias::new(table))
                .to_owned();
            let rows = db.query_all_raw(backend.build(&select)).await?;
            for row in rows {
                let id: i32 = row.try_get("", "id")?;
                let mut texts = Vec::with_capacity(parts.len());
                for part in parts {
                    texts.push(row.try_get::<String>("", part)?);
                }
                let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
                let update = Query::update()
                    .table(Alias::new(table))
                    .value(
                        Alias::new("search_text"),
                        entity::search::search_text(&texts),
                    )
                    .and_where(Expr::col(Alias::new("id")).eq(id))
                    .to_owned();
                let statement: Statement = backend.build(&update);
                db.execute_raw(statement).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, _) in TABLES {
            drop_columns(manager, table, &["search_text"]).await?;
        }
        Ok(())
    }
}
