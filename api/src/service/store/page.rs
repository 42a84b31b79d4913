//! Keyset pagination (Relay connections) in a stable order: a sort column, then `id`.
//!
//! Cursors carry the sort value and the id of an item, so paging deep into a list costs the same
//! as the first page, and inserts elsewhere in the list do not shift pages.

use crate::error::{ApiError, ApiResult};
use crate::service::store::filter::Filter;
use chrono::NaiveDate;
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Order as SqlOrder};
use sea_orm::{
    ConnectionTrait, DatabaseBackend, EntityTrait, ModelTrait, QueryFilter, QueryOrder,
    QuerySelect, Select, Value,
};
use serde::{Deserialize, Serialize};

/// Largest page a client may ask for.
pub const MAX_PAGE: usize = 100;
/// Page size when the client gives neither `first` nor `last`.
pub const DEFAULT_PAGE: usize = 20;

/// The type of the sort column (needed to read a cursor back).
#[derive(Clone, Copy, Debug)]
pub enum KeyKind {
    /// A `DATE` column.
    Date,
    /// A text column.
    Text,
    /// An integer column.
    Int,
}

/// The order of a list: an optional non-null sort column, then the id as tiebreaker.
pub struct Order<E: EntityTrait> {
    /// The sort column and its type; `None` sorts by id alone.
    pub key: Option<(E::Column, KeyKind)>,
    /// The id column.
    pub id: E::Column,
}

/// A list: which rows and in which stable order. The one filter serves both reads: the
/// live plan as SQL ([`Listing::select`]), an as-of view in memory ([`Filter::test`]).
pub struct Listing<E: EntityTrait> {
    /// The rows (liveness included).
    pub filter: Filter<E>,
    /// Their order.
    pub order: Order<E>,
}

impl<E: EntityTrait> Listing<E> {
    /// The rows as a query on `backend`.
    pub fn select(&self, backend: DatabaseBackend) -> Select<E> {
        E::find().filter(self.filter.sql(backend))
    }
}

/// Where an item stands in its list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// The sort value, as text.
    #[serde(rename = "k", skip_serializing_if = "Option::is_none", default)]
    pub key: Option<String>,
    /// The id.
    #[serde(rename = "i")]
    pub id: i64,
}

/// What the client asked for.
#[derive(Clone, Debug, Default)]
pub struct PageArgs {
    /// Items after the cursor, from the front.
    pub first: Option<usize>,
    /// Start after this cursor.
    pub after: Option<Cursor>,
    /// Items before the cursor, from the back.
    pub last: Option<usize>,
    /// End before this cursor.
    pub before: Option<Cursor>,
}

/// One page of a list.
pub struct Page<M> {
    /// The items in list order, each with its cursor.
    pub items: Vec<(Cursor, M)>,
    /// Whether items exist before this page.
    pub has_previous: bool,
    /// Whether items exist after this page.
    pub has_next: bool,
}

fn key_text(value: Value) -> Option<String> {
    match value {
        Value::ChronoDate(Some(d)) => Some(d.to_string()),
        Value::String(Some(s)) => Some(s),
        Value::Int(Some(i)) => Some(i.to_string()),
        Value::BigInt(Some(i)) => Some(i.to_string()),
        _ => None,
    }
}

fn key_value(kind: KeyKind, text: &str, field: &str) -> ApiResult<Value> {
    let bad = || ApiError::invalid(field, format!("{field} is not a cursor of this list"));
    Ok(match kind {
        KeyKind::Date => Value::from(text.parse::<NaiveDate>().map_err(|_| bad())?),
        KeyKind::Text => Value::from(text.to_owned()),
        KeyKind::Int => Value::from(text.parse::<i32>().map_err(|_| bad())?),
    })
}

impl<E: EntityTrait> Order<E> {
    /// The cursor of `model` in this order.
    pub fn cursor_of(&self, model: &E::Model) -> Cursor {
        let id = match model.get(self.id) {
            Value::Int(Some(id)) => i64::from(id),
            Value::BigInt(Some(id)) => id,
            _ => 0,
        };
        Cursor {
            key: self.key.and_then(|(col, _)| key_text(model.get(col))),
            id,
        }
    }

    /// Items strictly after (`forward`) or before the cursor.
    fn beyond(&self, cursor: &Cursor, forward: bool) -> ApiResult<Condition> {
        let id_cmp = |id: i64| {
            if forward {
                Expr::col(self.id).gt(id)
            } else {
                Expr::col(self.id).lt(id)
            }
        };
        match (self.key, &cursor.key) {
            (None, _) => Ok(Condition::all().add(id_cmp(cursor.id))),
            (Some((col, kind)), Some(text)) => {
                let value = key_value(kind, text, if forward { "after" } else { "before" })?;
                // A row-value comparison, (key, id) > (k, i): the database walks the
                // (…, key, id) index from the cursor instead of filtering from the start.
                let row = Expr::tuple([Expr::col(col), Expr::col(self.id)]);
                let at = Expr::tuple([Expr::val(value), Expr::val(cursor.id)]);
                Ok(Condition::all().add(if forward { row.gt(at) } else { row.lt(at) }))
            }
            (Some(_), None) => {
                let field = if forward { "after" } else { "before" };
                Err(ApiError::invalid(
                    field,
                    format!("{field} is not a cursor of this list"),
                ))
            }
        }
    }

    fn sorted(&self, select: Select<E>, forward: bool) -> Select<E> {
        let direction = if forward {
            SqlOrder::Asc
        } else {
            SqlOrder::Desc
        };
        let select = match self.key {
            Some((col, _)) => select.order_by(col, direction.clone()),
            None => select,
        };
        select.order_by(self.id, direction)
    }
}

/// The direction (`true`: forward from `after`) and size of the page asked for.
fn direction(args: &PageArgs) -> ApiResult<(bool, usize)> {
    if args.first.is_some() && args.last.is_some() {
        return Err(ApiError::invalid(
            "last",
            "give either first or last, not both",
        ));
    }
    let forward = args.last.is_none();
    let size = if forward {
        page_size(args.first, "first")?
    } else {
        page_size(args.last, "last")?
    };
    Ok((forward, size))
}

/// A page of `items` (in list order) with its neighbours flagged; `more`: the list goes on
/// beyond the page in the direction it was read.
fn page_of<M>(items: Vec<(Cursor, M)>, args: &PageArgs, forward: bool, more: bool) -> Page<M> {
    let (has_previous, has_next) = if forward {
        (args.after.is_some(), more)
    } else {
        (more, args.before.is_some())
    };
    Page {
        items,
        has_previous,
        has_next,
    }
}

fn page_size(value: Option<usize>, field: &str) -> ApiResult<usize> {
    match value {
        Some(n) if n > MAX_PAGE => Err(ApiError::invalid(
            field,
            format!("{field} may be at most {MAX_PAGE}"),
        )),
        Some(n) => Ok(n),
        None => Ok(DEFAULT_PAGE),
    }
}

/// Fetch one page of `select` in `order`.
pub async fn fetch<E, C>(
    db: &C,
    select: Select<E>,
    order: &Order<E>,
    args: PageArgs,
) -> ApiResult<Page<E::Model>>
where
    E: EntityTrait,
    E::Model: Send + Sync,
    C: ConnectionTrait,
{
    let (forward, size) = direction(&args)?;
    let mut select = select;
    if let Some(after) = &args.after {
        select = select.filter(order.beyond(after, true)?);
    }
    if let Some(before) = &args.before {
        select = select.filter(order.beyond(before, false)?);
    }
    let mut rows = order
        .sorted(select, forward)
        .limit(size as u64 + 1)
        .all(db)
        .await?;
    let more = rows.len() > size;
    rows.truncate(size);
    if !forward {
        rows.reverse();
    }
    let items = rows.into_iter().map(|m| (order.cursor_of(&m), m)).collect();
    Ok(page_of(items, &args, forward, more))
}

/// One page of `models` (already filtered, e.g. an as-of view) in `order`, computed in memory
/// with the same cursors, page sizes and errors as [`fetch`]. Returns the page and the total.
pub fn fetch_in_memory<E>(
    models: Vec<E::Model>,
    order: &Order<E>,
    args: PageArgs,
) -> ApiResult<(Page<E::Model>, u64)>
where
    E: EntityTrait,
{
    let (forward, size) = direction(&args)?;
    let kind = order.key.map(|(_, kind)| kind);
    let sort_key = |c: &Cursor| -> (Option<SortValue>, i64) {
        (c.key.as_deref().map(|k| SortValue::of(kind, k)), c.id)
    };
    for (cursor, field) in [(&args.after, "after"), (&args.before, "before")] {
        if let Some(c) = cursor
            && order.key.is_some() != c.key.is_some()
        {
            return Err(ApiError::invalid(
                field,
                format!("{field} is not a cursor of this list"),
            ));
        }
    }
    let total = models.len() as u64;
    let mut rows: Vec<(Cursor, E::Model)> = models
        .into_iter()
        .map(|m| (order.cursor_of(&m), m))
        .collect();
    rows.sort_by_key(|(c, _)| sort_key(c));
    let after = args.after.as_ref().map(sort_key);
    let before = args.before.as_ref().map(sort_key);
    rows.retain(|(c, _)| {
        let k = sort_key(c);
        after.as_ref().is_none_or(|a| k > *a) && before.as_ref().is_none_or(|b| k < *b)
    });
    let more = rows.len() > size;
    let items: Vec<(Cursor, E::Model)> = if forward {
        rows.into_iter().take(size).collect()
    } else {
        let skip = rows.len().saturating_sub(size);
        rows.into_iter().skip(skip).collect()
    };
    Ok((page_of(items, &args, forward, more), total))
}

/// A sort value compared as its column compares (numbers as numbers).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum SortValue {
    Int(i64),
    Text(String),
}

impl SortValue {
    fn of(kind: Option<KeyKind>, text: &str) -> Self {
        match (kind, text.parse::<i64>()) {
            (Some(KeyKind::Int), Ok(n)) => SortValue::Int(n),
            _ => SortValue::Text(text.to_owned()),
        }
    }
}

/// Count the rows of `select` (a connection's `totalCount`).
pub async fn count<E, C>(db: &C, select: Select<E>, id: E::Column) -> ApiResult<u64>
where
    E: EntityTrait,
    E::Model: Send + Sync,
    C: ConnectionTrait,
{
    // COUNT over the filtered rows only, without selecting every column in a subquery.
    let n: Option<i64> = select
        .select_only()
        .column_as(Expr::col(id).count(), "n")
        .into_tuple()
        .one(db)
        .await?;
    Ok(u64::try_from(n.unwrap_or_default()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_size_defaults_and_caps() {
        assert_eq!(page_size(None, "first").ok(), Some(DEFAULT_PAGE));
        assert_eq!(page_size(Some(100), "first").ok(), Some(100));
        assert!(matches!(
            page_size(Some(101), "first"),
            Err(ApiError::Invalid { .. })
        ));
    }

    #[test]
    fn cursor_values_parse_by_kind() {
        assert!(key_value(KeyKind::Date, "2026-07-02", "after").is_ok());
        assert!(key_value(KeyKind::Date, "not a date", "after").is_err());
        assert!(key_value(KeyKind::Int, "12", "after").is_ok());
    }
}
