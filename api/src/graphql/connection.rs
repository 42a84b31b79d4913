//! Relay connections over the service layer's keyset pages.

use super::context::ContextExt;
use crate::error::ApiError;
use crate::service::page::{self, Cursor, Order, PageArgs};
use async_graphql::connection::{Connection, CursorType, Edge, EmptyFields, OpaqueCursor};
use async_graphql::{Context, Object, OutputType};
use sea_orm::{EntityTrait, Select};

/// A connection of `T` with a `totalCount`.
pub type Conn<T> = Connection<OpaqueCursor<Cursor>, T, TotalCount, EmptyFields>;

/// Extra fields of every connection.
pub struct TotalCount(Option<u64>);

#[Object]
impl TotalCount {
    /// Number of items in the whole list (all pages) under the given filters.
    async fn total_count(&self) -> u64 {
        self.0.unwrap_or_default()
    }
}

/// The pagination arguments as the client sent them.
pub struct ConnArgs {
    /// `after` cursor.
    pub after: Option<String>,
    /// `before` cursor.
    pub before: Option<String>,
    /// `first` count.
    pub first: Option<i32>,
    /// `last` count.
    pub last: Option<i32>,
}

fn cursor(field: &str, value: Option<String>) -> Result<Option<Cursor>, ApiError> {
    value
        .map(|s| {
            OpaqueCursor::<Cursor>::decode_cursor(&s)
                .map(|c| c.0)
                .map_err(|_| ApiError::invalid(field, format!("{field} is not a valid cursor")))
        })
        .transpose()
}

fn count(field: &str, value: Option<i32>) -> Result<Option<usize>, ApiError> {
    value
        .map(|n| {
            usize::try_from(n)
                .map_err(|_| ApiError::invalid(field, format!("{field} must not be negative")))
        })
        .transpose()
}

impl ConnArgs {
    fn into_page_args(self) -> Result<PageArgs, ApiError> {
        Ok(PageArgs {
            first: count("first", self.first)?,
            after: cursor("after", self.after)?,
            last: count("last", self.last)?,
            before: cursor("before", self.before)?,
        })
    }
}

/// One page of `select` in `order`, each row wrapped by `wrap`. `totalCount` is only counted
/// when the query asks for it.
pub async fn paginate<E, T>(
    ctx: &Context<'_>,
    select: Select<E>,
    order: Order<E>,
    args: ConnArgs,
    wrap: fn(E::Model) -> T,
) -> async_graphql::Result<Conn<T>>
where
    E: EntityTrait,
    E::Model: Send + Sync,
    T: OutputType,
{
    let db = ctx.db()?;
    let args = args.into_page_args()?;
    let total = if ctx.look_ahead().field("totalCount").exists() {
        Some(page::count(db, select.clone()).await?)
    } else {
        None
    };
    let page = page::fetch(db, select, &order, args).await?;
    let mut conn =
        Connection::with_additional_fields(page.has_previous, page.has_next, TotalCount(total));
    conn.edges.extend(
        page.items
            .into_iter()
            .map(|(c, m)| Edge::new(OpaqueCursor(c), wrap(m))),
    );
    Ok(conn)
}
