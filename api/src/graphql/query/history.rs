//! Queries of the change history.

use super::conn_args;
use crate::error::ApiError;
use crate::graphql::connection::*;
use crate::graphql::ids;
use crate::graphql::types::ChangeRecord;
use crate::service::history::change_records::{self, HistoryFilter};
use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};

#[derive(Default)]
pub struct HistoryQuery;

#[Object]
impl HistoryQuery {
    /// The change history, oldest first: who changed what, when, from which value to which.
    async fn change_records(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Only changes of this object (a global id), including its links and dependencies."
        )]
        entity_id: Option<ID>,
        #[graphql(desc = "Only changes of this type, e.g. \"Milestone\".")] entity: Option<String>,
        #[graphql(desc = "Only changes by this actor.")] actor: Option<String>,
        #[graphql(desc = "Only changes at or after this moment.")] since: Option<DateTime<Utc>>,
        #[graphql(desc = "Only changes before this moment.")] until: Option<DateTime<Utc>>,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (at most 100; default 20).")] first: Option<i32>,
        #[graphql(desc = "The last n items (at most 100).")] last: Option<i32>,
    ) -> async_graphql::Result<ChangeRecordConnection> {
        let object = match entity_id {
            Some(id) => Some(
                ids::decode_any(&id)
                    .ok_or_else(|| ApiError::invalid("entityId", "entityId is not a valid id"))?,
            ),
            None => None,
        };
        let filter = HistoryFilter {
            object,
            entity,
            actor,
            since,
            until,
        };
        paginate_live::<_, ChangeRecord>(
            ctx,
            change_records::list(&filter),
            conn_args(after, before, first, last),
        )
        .await
        .map(Into::into)
    }
}
