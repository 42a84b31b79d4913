//! Queries of the programme's frame: programmes, phases, workstreams, organisations.

use super::{conn_args, lookup};
use crate::graphql::connection::*;
use crate::graphql::enums::{GovernmentLayer, WorkStatus};
use crate::graphql::ids;
use crate::graphql::types::{Organisation, Phase, Programme, Workstream};
use crate::service::page::{KeyKind, Order, live};
use async_graphql::{Context, ID, Object};
use entity::{organisation, phase, programme, workstream};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

#[derive(Default)]
pub struct PlanQuery;

#[Object]
impl PlanQuery {
    /// Programmes, oldest first.
    async fn programmes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (at most 100; default 20).")] first: Option<i32>,
        #[graphql(desc = "The last n items (at most 100).")] last: Option<i32>,
    ) -> async_graphql::Result<ProgrammeConnection> {
        let order = Order {
            key: None,
            id: programme::Column::Id,
        };
        paginate::<_, Programme>(
            ctx,
            live(programme::Entity::find())?,
            order,
            conn_args(after, before, first, last),
        )
        .await
        .map(Into::into)
    }

    /// One programme by id.
    async fn programme(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id.")] id: ID,
    ) -> async_graphql::Result<Option<Programme>> {
        lookup::<programme::Entity, Programme>(ctx, &id, "Programme").await
    }

    /// Phases, by number.
    async fn phases(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only phases of this programme.")] programme_id: Option<ID>,
        #[graphql(desc = "Only phases with this status.")] status: Option<WorkStatus>,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (at most 100; default 20).")] first: Option<i32>,
        #[graphql(desc = "The last n items (at most 100).")] last: Option<i32>,
    ) -> async_graphql::Result<PhaseConnection> {
        let mut select = live(phase::Entity::find())?;
        if let Some(id) = ids::decode_opt(programme_id.as_ref(), "Programme", "programmeId")? {
            select = select.filter(phase::Column::ProgrammeId.eq(id));
        }
        if let Some(status) = status {
            select = select.filter(phase::Column::Status.eq(entity::WorkStatus::from(status)));
        }
        let order = Order {
            key: Some((phase::Column::Number, KeyKind::Int)),
            id: phase::Column::Id,
        };
        paginate::<_, Phase>(ctx, select, order, conn_args(after, before, first, last))
            .await
            .map(Into::into)
    }

    /// One phase by id.
    async fn phase(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id.")] id: ID,
    ) -> async_graphql::Result<Option<Phase>> {
        lookup::<phase::Entity, Phase>(ctx, &id, "Phase").await
    }

    /// Workstreams, in the order they were created.
    async fn workstreams(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only workstreams of this programme.")] programme_id: Option<ID>,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (at most 100; default 20).")] first: Option<i32>,
        #[graphql(desc = "The last n items (at most 100).")] last: Option<i32>,
    ) -> async_graphql::Result<WorkstreamConnection> {
        let mut select = live(workstream::Entity::find())?;
        if let Some(id) = ids::decode_opt(programme_id.as_ref(), "Programme", "programmeId")? {
            select = select.filter(workstream::Column::ProgrammeId.eq(id));
        }
        let order = Order {
            key: None,
            id: workstream::Column::Id,
        };
        paginate::<_, Workstream>(ctx, select, order, conn_args(after, before, first, last))
            .await
            .map(Into::into)
    }

    /// One workstream by id.
    async fn workstream(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id.")] id: ID,
    ) -> async_graphql::Result<Option<Workstream>> {
        lookup::<workstream::Entity, Workstream>(ctx, &id, "Workstream").await
    }

    /// Organisations, by name.
    async fn organisations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only organisations of this layer.")] layer: Option<GovernmentLayer>,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (at most 100; default 20).")] first: Option<i32>,
        #[graphql(desc = "The last n items (at most 100).")] last: Option<i32>,
    ) -> async_graphql::Result<OrganisationConnection> {
        let mut select = live(organisation::Entity::find())?;
        if let Some(layer) = layer {
            select =
                select.filter(organisation::Column::Layer.eq(entity::GovernmentLayer::from(layer)));
        }
        let order = Order {
            key: Some((organisation::Column::Name, KeyKind::Text)),
            id: organisation::Column::Id,
        };
        paginate::<_, Organisation>(ctx, select, order, conn_args(after, before, first, last))
            .await
            .map(Into::into)
    }

    /// One organisation by id.
    async fn organisation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id.")] id: ID,
    ) -> async_graphql::Result<Option<Organisation>> {
        lookup::<organisation::Entity, Organisation>(ctx, &id, "Organisation").await
    }
}
