//! Queries of the change history.

use super::conn_args;
use crate::error::ApiError;
use crate::graphql::connection::*;
use crate::graphql::ids;
use crate::graphql::types::ChangeRecord;
use crate::service::history::change_records::{self, HistoryFilter};
use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};

/// How many objects `changeRecords(entityIds:)` takes at most.
pub(crate) const MAX_ENTITY_IDS: usize = 500;

#[derive(Default)]
pub struct HistoryQuery;

#[Object]
impl HistoryQuery {
    /// The change history, oldest first: who changed what, when, from which value to which.
    #[expect(
        clippy::too_many_arguments,
        reason = "each is one of the field's GraphQL arguments, which async-graphql takes as parameters"
    )]
    async fn change_records(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Only changes of this object (a global id), including its links and dependencies."
        )]
        entity_id: Option<ID>,
        #[graphql(desc = "Only changes of this type, e.g. \"Milestone\".")] entity: Option<String>,
        #[graphql(
            desc = "With `entity`: also the links recorded under objects of that type (for \"Milestone\": its KPIs, tasks and predecessors).",
            default = false
        )]
        with_links: bool,
        #[graphql(
            desc = "Only changes of these objects (global ids, at most 500): their own fields, creation, deletion and restoring, and the links recorded under them (a milestone's KPIs, tasks and predecessors; not its being another's predecessor). With `entityId`, both must hold."
        )]
        entity_ids: Option<Vec<ID>>,
        #[graphql(desc = "Only changes by this actor.")] actor: Option<String>,
        #[graphql(
            desc = "Leave out changes by this actor: what others changed (e.g. the viewer's own name, `viewer { name }`)."
        )]
        not_by: Option<String>,
        #[graphql(desc = "Only changes with one of these actions (an empty list matches none).")]
        actions: Option<Vec<crate::graphql::enums::ChangeAction>>,
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
        if with_links && entity.is_none() {
            return Err(ApiError::invalid(
                "withLinks",
                "withLinks adds the links recorded under objects of `entity`: give entity too",
            )
            .into());
        }
        let objects = match entity_ids {
            None => None,
            Some(list) if list.len() > MAX_ENTITY_IDS => {
                return Err(ApiError::invalid(
                    "entityIds",
                    format!("at most {MAX_ENTITY_IDS} ids (got {})", list.len()),
                )
                .into());
            }
            Some(list) => Some(
                list.iter()
                    .enumerate()
                    .map(|(i, id)| {
                        ids::decode_any(id).ok_or_else(|| {
                            ApiError::invalid(
                                format!("entityIds.{i}"),
                                "entityIds holds an id that is not a valid id",
                            )
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        let filter = HistoryFilter {
            object,
            objects,
            entity,
            with_links,
            actor,
            not_actor: not_by,
            actions: actions.map(|list| list.into_iter().map(Into::into).collect()),
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
