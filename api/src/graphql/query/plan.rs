//! Queries of the programme's frame: programmes, phases, workstreams, organisations.

use super::{conn_args, lookup};
use crate::graphql::connection::*;
use crate::graphql::enums::{GovernmentLayer, WorkStatus};
use crate::graphql::ids;
use crate::graphql::source::Source;
use crate::graphql::types::{Organisation, Phase, Programme, Workstream};
use crate::service::plan::frame;
use async_graphql::{Context, ID, Object};
use entity::{organisation, phase, programme, workstream};

#[derive(Default)]
pub struct PlanQuery;

#[Object]
impl PlanQuery {
    /// Programmes, oldest first.
    async fn programmes(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The plan as it stood at this moment, rebuilt from the change history (objects deleted since included, later ones absent; their relations as of the same moment). Leave out for the plan as it is now."
        )]
        as_of: Option<chrono::DateTime<chrono::Utc>>,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (at most 100; default 20).")] first: Option<i32>,
        #[graphql(desc = "The last n items (at most 100).")] last: Option<i32>,
    ) -> async_graphql::Result<ProgrammeConnection> {
        let args = conn_args(after, before, first, last);
        paginate::<_, Programme>(ctx, Source::at(ctx, as_of)?, frame::programmes()?, args)
            .await
            .map(Into::into)
    }

    /// One programme by id.
    async fn programme(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id.")] id: ID,
    ) -> async_graphql::Result<Option<Programme>> {
        lookup::<programme::Entity, Programme>(ctx, &id).await
    }

    /// Phases, by number.
    async fn phases(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only phases of this programme.")] programme_id: Option<ID>,
        #[graphql(desc = "Only phases with this status.")] status: Option<WorkStatus>,
        #[graphql(
            desc = "The plan as it stood at this moment, rebuilt from the change history (objects deleted since included, later ones absent; their relations as of the same moment). Leave out for the plan as it is now."
        )]
        as_of: Option<chrono::DateTime<chrono::Utc>>,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (at most 100; default 20).")] first: Option<i32>,
        #[graphql(desc = "The last n items (at most 100).")] last: Option<i32>,
    ) -> async_graphql::Result<PhaseConnection> {
        let programme =
            ids::decode_opt_as::<entity::programme::Entity>(programme_id.as_ref(), "programmeId")?;
        let status: Option<entity::WorkStatus> = status.map(Into::into);
        let listing = frame::phases(programme, status)?;
        let args = conn_args(after, before, first, last);
        paginate::<_, Phase>(ctx, Source::at(ctx, as_of)?, listing, args)
            .await
            .map(Into::into)
    }

    /// One phase by id.
    async fn phase(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id.")] id: ID,
    ) -> async_graphql::Result<Option<Phase>> {
        lookup::<phase::Entity, Phase>(ctx, &id).await
    }

    /// Workstreams, in the order they were created.
    async fn workstreams(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only workstreams of this programme.")] programme_id: Option<ID>,
        #[graphql(
            desc = "The plan as it stood at this moment, rebuilt from the change history (objects deleted since included, later ones absent; their relations as of the same moment). Leave out for the plan as it is now."
        )]
        as_of: Option<chrono::DateTime<chrono::Utc>>,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (at most 100; default 20).")] first: Option<i32>,
        #[graphql(desc = "The last n items (at most 100).")] last: Option<i32>,
    ) -> async_graphql::Result<WorkstreamConnection> {
        let programme =
            ids::decode_opt_as::<entity::programme::Entity>(programme_id.as_ref(), "programmeId")?;
        let args = conn_args(after, before, first, last);
        let listing = frame::workstreams(programme)?;
        paginate::<_, Workstream>(ctx, Source::at(ctx, as_of)?, listing, args)
            .await
            .map(Into::into)
    }

    /// One workstream by id.
    async fn workstream(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id.")] id: ID,
    ) -> async_graphql::Result<Option<Workstream>> {
        lookup::<workstream::Entity, Workstream>(ctx, &id).await
    }

    /// Organisations, by name.
    async fn organisations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only organisations of this layer.")] layer: Option<GovernmentLayer>,
        #[graphql(
            desc = "The plan as it stood at this moment, rebuilt from the change history (objects deleted since included, later ones absent; their relations as of the same moment). Leave out for the plan as it is now."
        )]
        as_of: Option<chrono::DateTime<chrono::Utc>>,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (at most 100; default 20).")] first: Option<i32>,
        #[graphql(desc = "The last n items (at most 100).")] last: Option<i32>,
    ) -> async_graphql::Result<OrganisationConnection> {
        let layer: Option<entity::GovernmentLayer> = layer.map(Into::into);
        let listing = frame::organisations(layer)?;
        let args = conn_args(after, before, first, last);
        paginate::<_, Organisation>(ctx, Source::at(ctx, as_of)?, listing, args)
            .await
            .map(Into::into)
    }

    /// One organisation by id.
    async fn organisation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id.")] id: ID,
    ) -> async_graphql::Result<Option<Organisation>> {
        lookup::<organisation::Entity, Organisation>(ctx, &id).await
    }
}
