//! Column and table helpers shared by the migrations.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

/// A plan-entity table: `id`, the given columns, then `version` and the audit timestamps.
pub fn entity_table(name: &'static str, columns: Vec<ColumnDef>) -> TableCreateStatement {
    let mut table = Table::create();
    table.table(name).col(pk_auto("id"));
    for mut column in columns {
        table.col(&mut column);
    }
    table
        .col(integer("version").default(1))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .col(timestamp_with_time_zone_null("deleted_at"));
    table.take()
}

/// A link table with a composite primary key of two references.
pub fn link_table(
    name: &'static str,
    (left, left_table): (&'static str, &'static str),
    (right, right_table): (&'static str, &'static str),
) -> TableCreateStatement {
    Table::create()
        .table(name)
        .col(integer(left))
        .col(integer(right))
        .col(timestamp_with_time_zone("created_at"))
        .primary_key(Index::create().col(left).col(right))
        .foreign_key(&mut reference(name, left, left_table))
        .foreign_key(&mut reference(name, right, right_table))
        .take()
}

/// A foreign key from `table.column` to `target.id`.
pub fn reference(
    table: &'static str,
    column: &'static str,
    target: &'static str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(target, "id")
        .on_delete(ForeignKeyAction::Restrict)
        .take()
}

/// An enum column, stored as its name.
pub fn enum_text(name: &'static str) -> ColumnDef {
    string_len(name, 32)
}

/// A nullable enum column.
pub fn enum_text_null(name: &'static str) -> ColumnDef {
    string_len_null(name, 32)
}

/// An exact decimal: NUMERIC on PostgreSQL, TEXT on SQLite (where NUMERIC would turn into a float).
pub fn exact(backend: DatabaseBackend, name: &'static str) -> ColumnDef {
    match backend {
        DatabaseBackend::Sqlite => text(name),
        _ => decimal(name).custom(Alias::new("numeric")).take(),
    }
}

/// A nullable exact decimal.
pub fn exact_null(backend: DatabaseBackend, name: &'static str) -> ColumnDef {
    exact(backend, name).null().take()
}

/// A plain index on the given columns.
pub fn index(table: &'static str, name: &str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(*column);
    }
    index.take()
}

/// Drop tables in the given order.
pub async fn drop_tables(
    manager: &SchemaManager<'_>,
    tables: &[&'static str],
) -> Result<(), DbErr> {
    for table in tables {
        manager
            .drop_table(Table::drop().table(*table).to_owned())
            .await?;
    }
    Ok(())
}

/// Add `columns` to the existing `table`, one statement each (SQLite alters one column at a
/// time).
pub async fn add_columns(
    manager: &SchemaManager<'_>,
    table: &'static str,
    columns: Vec<ColumnDef>,
) -> Result<(), DbErr> {
    for column in columns {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new(table))
                    .add_column(column)
                    .take(),
            )
            .await?;
    }
    Ok(())
}

/// Drop `columns` of `table`, one statement each, in the order given.
pub async fn drop_columns(
    manager: &SchemaManager<'_>,
    table: &'static str,
    columns: &[&'static str],
) -> Result<(), DbErr> {
    for column in columns {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new(table))
                    .drop_column(Alias::new(*column))
                    .take(),
            )
            .await?;
    }
    Ok(())
}
