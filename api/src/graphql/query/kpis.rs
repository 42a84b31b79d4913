//! Queries of KPIs.

use super::{conn_args, lookup};
use crate::graphql::batch::Batched;
use crate::graphql::connection::*;
use crate::graphql::enums::{GovernmentLayer, KpiLevel, Theme};
use crate::graphql::ids;
use crate::graphql::source::Source;
use crate::graphql::types::{Kpi, KpiMeasurement, KpiTarget};
use crate::service::data::kpis::{KpiFilter, list};
use async_graphql::{Context, ID, InputObject, Object};
use entity::{kpi, kpi_measurement, kpi_target};

/// Which KPIs to list. All conditions must hold.
#[derive(InputObject, Default)]
pub struct KpiFilterInput {
    /// Only KPIs of this programme.
    pub programme_id: Option<ID>,
    /// Only KPIs carrying this theme.
    pub theme: Option<Theme>,
    /// Only KPIs with a target or a measurement for this layer.
    pub layer: Option<GovernmentLayer>,
    /// Only KPIs of this level.
    pub level: Option<KpiLevel>,
    /// Only KPIs whose code, name or definition contains this text (case and accents do not matter: "een" finds "Één").
    pub search: Option<String>,
}

#[derive(Default)]
pub struct KpiQuery;

#[Object]
impl KpiQuery {
    /// KPIs by code.
    async fn kpis(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which KPIs to list.")] filter: Option<KpiFilterInput>,
        #[graphql(
            desc = "The plan as it stood at this moment, rebuilt from the change history (objects deleted since included, later ones absent; their relations as of the same moment). Leave out for the plan as it is now."
        )]
        as_of: Option<chrono::DateTime<chrono::Utc>>,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (at most 100; default 20).")] first: Option<i32>,
        #[graphql(desc = "The last n items (at most 100).")] last: Option<i32>,
    ) -> async_graphql::Result<KpiConnection> {
        let f = filter.unwrap_or_default();
        let filter = KpiFilter {
            programme_id: ids::decode_opt_as::<entity::programme::Entity>(
                f.programme_id.as_ref(),
                "filter.programmeId",
            )?,
            theme: f.theme.map(Into::into),
            layer: f.layer.map(Into::into),
            level: f.level.map(Into::into),
            search: f.search,
        };
        let listing = list(&filter)?;
        let args = conn_args(after, before, first, last);
        paginate::<_, Kpi>(ctx, Source::at(ctx, as_of)?, listing, args)
            .await
            .map(Into::into)
    }

    /// One KPI by id.
    async fn kpi(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id.")] id: ID,
    ) -> async_graphql::Result<Option<Kpi>> {
        lookup::<kpi::Entity, Kpi>(ctx, &id).await
    }

    /// One KPI by its code, e.g. "MVOI-01".
    async fn kpi_by_code(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "KPI code.")] code: String,
    ) -> async_graphql::Result<Option<Kpi>> {
        use crate::graphql::context::ContextExt;
        let row = crate::service::data::kpis::by_code(ctx.db()?, &code).await?;
        Ok(row.map(Kpi::one))
    }

    /// One KPI target by id.
    async fn kpi_target(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id.")] id: ID,
    ) -> async_graphql::Result<Option<KpiTarget>> {
        lookup::<kpi_target::Entity, KpiTarget>(ctx, &id).await
    }

    /// One measurement by id.
    async fn kpi_measurement(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id.")] id: ID,
    ) -> async_graphql::Result<Option<KpiMeasurement>> {
        lookup::<kpi_measurement::Entity, KpiMeasurement>(ctx, &id).await
    }
}
