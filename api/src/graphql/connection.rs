//! Relay connections over the service layer's keyset pages: one documented `XConnection` and
//! `XEdge` type per node type, all with `totalCount`.

use super::batch::Batched;
use super::source::{Source, live_page};
use super::types::*;
use crate::error::ApiError;
use crate::service::store::page::{self, Cursor, Listing, PageArgs};
use async_graphql::{Context, Object, SimpleObject};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sea_orm::EntityTrait;

/// Where a page stands in its list.
#[derive(SimpleObject, Clone)]
pub struct PageInfo {
    /// Whether items exist before this page.
    pub has_previous_page: bool,
    /// Whether items exist after this page.
    pub has_next_page: bool,
    /// Cursor of the first item on this page.
    pub start_cursor: Option<String>,
    /// Cursor of the last item on this page.
    pub end_cursor: Option<String>,
}

/// One page of a list: the items with their cursors, and the size of the whole list.
pub struct Page<T> {
    /// Cursor and item, in list order.
    pub items: Vec<(String, T)>,
    /// Where the page stands.
    pub info: PageInfo,
    /// Size of the whole list, when the query asked for it.
    pub total: Option<u64>,
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

fn encode(cursor: &Cursor) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(cursor).unwrap_or_default())
}

fn decode(field: &str, value: Option<String>) -> Result<Option<Cursor>, ApiError> {
    let bad = || ApiError::invalid(field, format!("{field} is not a valid cursor"));
    value
        .map(|s| {
            let bytes = URL_SAFE_NO_PAD.decode(s.as_bytes()).map_err(|_| bad())?;
            serde_json::from_slice::<Cursor>(&bytes).map_err(|_| bad())
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
            after: decode("after", self.after)?,
            last: count("last", self.last)?,
            before: decode("before", self.before)?,
        })
    }
}

/// One page of a listing of plan objects from `source` (the live plan, or an as-of view), its
/// rows wrapped as one sibling set of that source. `totalCount` is counted on the live plan
/// only when the query asks for it.
pub async fn paginate<E, T>(
    ctx: &Context<'_>,
    source: Source,
    listing: Listing<E>,
    args: ConnArgs,
) -> async_graphql::Result<Page<T>>
where
    E: crate::service::store::crud::PlanEntity,
    T: Batched<Model = E::Model>,
{
    let count = ctx.look_ahead().field("totalCount").exists();
    let (page, total) = source
        .page(ctx, listing, args.into_page_args()?, count)
        .await?;
    Ok(wrap(page, total, source))
}

/// One page of a listing of rows that have no as-of view (change records, reports), as
/// [`paginate`] reads the live plan.
pub async fn paginate_live<E, T>(
    ctx: &Context<'_>,
    listing: Listing<E>,
    args: ConnArgs,
) -> async_graphql::Result<Page<T>>
where
    E: EntityTrait,
    E::Model: Send + Sync,
    T: Batched<Model = E::Model>,
{
    let count = ctx.look_ahead().field("totalCount").exists();
    let (page, total) = live_page(ctx, listing, args.into_page_args()?, count).await?;
    Ok(wrap(page, total, Source::Live))
}

fn wrap<M, T: Batched<Model = M>>(
    page: page::Page<M>,
    total: Option<u64>,
    source: Source,
) -> Page<T> {
    let (cursors, models): (Vec<Cursor>, Vec<M>) = page.items.into_iter().unzip();
    let cursors: Vec<String> = cursors.iter().map(encode).collect();
    let info = PageInfo {
        has_previous_page: page.has_previous,
        has_next_page: page.has_next,
        start_cursor: cursors.first().cloned(),
        end_cursor: cursors.last().cloned(),
    };
    Page {
        items: cursors
            .into_iter()
            .zip(T::many_in(models, source))
            .collect(),
        info,
        total,
    }
}

macro_rules! connection {
    ($conn:ident, $edge:ident, $node:ident, $what:literal) => {
        #[doc = concat!("A page of ", $what, ".")]
        pub struct $conn(pub Page<$node>);

        impl From<Page<$node>> for $conn {
            fn from(page: Page<$node>) -> Self {
                Self(page)
            }
        }

        #[doc = concat!("A page of ", $what, ".")]
        #[Object]
        impl $conn {
            /// The items on this page, each with its cursor.
            async fn edges(&self) -> Vec<$edge> {
                self.0
                    .items
                    .iter()
                    .map(|(c, n)| $edge(c.clone(), n.clone()))
                    .collect()
            }
            /// The items on this page.
            async fn nodes(&self) -> Vec<&$node> {
                self.0.items.iter().map(|(_, n)| n).collect()
            }
            /// Where this page stands in the list.
            async fn page_info(&self) -> &PageInfo {
                &self.0.info
            }
            /// Number of items in the whole list (all pages) under the given filters.
            async fn total_count(&self) -> u64 {
                self.0.total.unwrap_or_default()
            }
        }

        #[doc = concat!("One of ", $what, ", with its cursor.")]
        pub struct $edge(String, $node);

        #[doc = concat!("One of ", $what, ", with its cursor.")]
        #[Object]
        impl $edge {
            /// Cursor of this item, for `after` and `before`.
            async fn cursor(&self) -> &str {
                &self.0
            }
            /// The item.
            async fn node(&self) -> &$node {
                &self.1
            }
        }
    };
}

connection!(ProgrammeConnection, ProgrammeEdge, Programme, "programmes");
connection!(PhaseConnection, PhaseEdge, Phase, "phases");
connection!(
    WorkstreamConnection,
    WorkstreamEdge,
    Workstream,
    "workstreams"
);
connection!(
    OrganisationConnection,
    OrganisationEdge,
    Organisation,
    "organisations"
);
connection!(MilestoneConnection, MilestoneEdge, Milestone, "milestones");
connection!(KpiConnection, KpiEdge, Kpi, "KPIs");
connection!(
    DataSourceConnection,
    DataSourceEdge,
    DataSource,
    "data sources"
);
connection!(
    DataInfraTaskConnection,
    DataInfraTaskEdge,
    DataInfraTask,
    "data-infrastructure tasks"
);
connection!(
    CommitmentConnection,
    CommitmentEdge,
    Commitment,
    "commitments"
);
connection!(
    RecessPeriodConnection,
    RecessPeriodEdge,
    RecessPeriod,
    "recess periods"
);
connection!(RiskConnection, RiskEdge, Risk, "risks");
connection!(
    ProgressReportConnection,
    ProgressReportEdge,
    ProgressReport,
    "progress reports"
);
connection!(
    ChangeRecordConnection,
    ChangeRecordEdge,
    ChangeRecord,
    "change records"
);
