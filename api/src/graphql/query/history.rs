//! Queries of the change history.

use super::conn_args;
use crate::graphql::connection::*;
use crate::graphql::ids;
use crate::graphql::types::ChangeRecord;
use crate::service::page::Order;
use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use entity::change_record;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

#[derive(Default)]
pub struct HistoryQuery;

#[Object]
impl HistoryQuery {
    /// The change history, oldest first: who changed what, when, from which value to which.
    async fn change_records(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only changes of this object (a global id).")] entity_id: Option<ID>,
        #[graphql(desc = "Only changes of this type, e.g. \"Milestone\".")] entity: Option<String>,
        #[graphql(desc = "Only changes by this actor.")] actor: Option<String>,
        #[graphql(desc = "Only changes at or after this moment.")] since: Option<DateTime<Utc>>,
        #[graphql(desc = "Only changes before this moment.")] until: Option<DateTime<Utc>>,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (at most 100; default 20).")] first: Option<i32>,
        #[graphql(desc = "The last n items (at most 100).")] last: Option<i32>,
    ) -> async_graphql::Result<ChangeRecordConnection> {
        let mut select = change_record::Entity::find();
        if let Some(id) = entity_id {
            let (kind, row) = ids::decode_any(&id)
                .ok_or_else(|| crate::error::ApiError::invalid("entityId", "not a valid id"))?;
            select = select
                .filter(change_record::Column::Entity.eq(kind))
                .filter(change_record::Column::EntityId.eq(row));
        }
        if let Some(entity) = entity {
            select = select.filter(change_record::Column::Entity.eq(entity));
        }
        if let Some(actor) = actor {
            select = select.filter(change_record::Column::Actor.eq(actor));
        }
        if let Some(since) = since {
            select = select.filter(change_record::Column::ChangedAt.gte(since));
        }
        if let Some(until) = until {
            select = select.filter(change_record::Column::ChangedAt.lt(until));
        }
        let order = Order {
            key: None,
            id: change_record::Column::Id,
        };
        paginate::<_, ChangeRecord>(ctx, select, order, conn_args(after, before, first, last))
            .await
            .map(Into::into)
    }
}
