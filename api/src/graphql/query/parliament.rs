//! Queries of the parliamentary calendar and commitments.

use super::{conn_args, lookup};
use crate::graphql::batch::Batched;
use crate::graphql::connection::*;
use crate::graphql::enums::{CommitmentStatus, RecessKind};
use crate::graphql::scalars::Date;
use crate::graphql::source::Source;
use crate::graphql::types::{Commitment, RecessPeriod};
use crate::service::parliament::{calendar, commitments, recess};
use async_graphql::{Context, ID, Object};
use entity::{commitment, recess_period};

/// A parliamentary deadline resolved against the recess calendar.
#[derive(async_graphql::SimpleObject)]
pub struct ParliamentaryDeadline {
    /// The last sitting day before the recess: the date the deadline means.
    pub date: Date,
    /// The recess the deadline refers to.
    pub recess_period: RecessPeriod,
}

#[derive(Default)]
pub struct ParliamentQuery;

#[Object]
impl ParliamentQuery {
    /// Recess periods of the Tweede Kamer, by first day.
    async fn recess_periods(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only recesses of this year.")] year: Option<i32>,
        #[graphql(desc = "Only recesses of this kind.")] kind: Option<RecessKind>,
        #[graphql(
            desc = "The plan as it stood at this moment, rebuilt from the change history (objects deleted since included, later ones absent; their relations as of the same moment). Leave out for the plan as it is now."
        )]
        as_of: Option<chrono::DateTime<chrono::Utc>>,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (at most 100; default 20).")] first: Option<i32>,
        #[graphql(desc = "The last n items (at most 100).")] last: Option<i32>,
    ) -> async_graphql::Result<RecessPeriodConnection> {
        let kind: Option<entity::RecessKind> = kind.map(Into::into);
        let listing = recess::list(year, kind)?;
        paginate::<_, RecessPeriod>(
            ctx,
            Source::at(ctx, as_of)?,
            listing,
            conn_args(after, before, first, last),
        )
        .await
        .map(Into::into)
    }

    /// Resolve a deadline such as "voor het zomerreces 2026" (or a recess and a year) to the last
    /// sitting day before that recess. A phrase without a recess or year, or a recess missing
    /// from the calendar, is a BAD_USER_INPUT error that names what is missing.
    async fn resolve_parliamentary_deadline(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The deadline as written, e.g. \"voor het zomerreces 2026\".")]
        phrase: Option<String>,
        #[graphql(desc = "The recess (instead of a phrase).")] recess: Option<RecessKind>,
        #[graphql(desc = "The year of the recess (with `recess`).")] year: Option<i32>,
    ) -> async_graphql::Result<ParliamentaryDeadline> {
        use crate::graphql::context::ContextExt;
        let (field, kind, year) = match (phrase, recess, year) {
            (Some(phrase), None, None) => {
                let (kind, year) = calendar::parse_phrase(&phrase)?;
                ("phrase", kind, year)
            }
            (None, Some(kind), Some(year)) => ("year", kind.into(), year),
            _ => {
                return Err(crate::error::ApiError::invalid(
                    "phrase",
                    "give either a phrase, or a recess and a year",
                )
                .into());
            }
        };
        let (date, period) = calendar::deadline_before(ctx.db()?, field, kind, year).await?;
        Ok(ParliamentaryDeadline {
            date: date.into(),
            recess_period: RecessPeriod::one(period),
        })
    }

    /// One recess period by id.
    async fn recess_period(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id.")] id: ID,
    ) -> async_graphql::Result<Option<RecessPeriod>> {
        lookup::<recess_period::Entity, RecessPeriod>(ctx, &id).await
    }

    /// Commitments to the Kamer, by deadline.
    async fn commitments(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only commitments with this status.")] status: Option<CommitmentStatus>,
        #[graphql(
            desc = "The plan as it stood at this moment, rebuilt from the change history (objects deleted since included, later ones absent; their relations as of the same moment). Leave out for the plan as it is now."
        )]
        as_of: Option<chrono::DateTime<chrono::Utc>>,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (at most 100; default 20).")] first: Option<i32>,
        #[graphql(desc = "The last n items (at most 100).")] last: Option<i32>,
    ) -> async_graphql::Result<CommitmentConnection> {
        let status: Option<entity::CommitmentStatus> = status.map(Into::into);
        let listing = commitments::list(status)?;
        let args = conn_args(after, before, first, last);
        paginate::<_, Commitment>(ctx, Source::at(ctx, as_of)?, listing, args)
            .await
            .map(Into::into)
    }

    /// Commitments that are not fulfilled and missed (deadline before the status date), needing
    /// a postponement letter (a linked milestone projected past the deadline) or at risk:
    /// missed ones first, then the latest first.
    async fn commitments_at_risk(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The plan as it stood at this moment, rebuilt from the change history, with the Dutch calendar day of the moment as its status date. Leave out for the plan as it is now."
        )]
        as_of: Option<chrono::DateTime<chrono::Utc>>,
    ) -> async_graphql::Result<Vec<crate::graphql::types::CommitmentRisk>> {
        let source = Source::at(ctx, as_of)?;
        Ok(source
            .schedule(ctx)
            .await?
            .commitments_at_risk()
            .into_iter()
            .map(|risk| crate::graphql::types::CommitmentRisk(risk, source.clone()))
            .collect())
    }

    /// The status date: "today" for the plan's computed fields (overdue, missed, projections).
    /// Live: the instance's fixed status date (`--status-date`) or today in the Netherlands;
    /// with `asOf`, the Dutch calendar day of that moment.
    async fn status_date(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A moment of an as-of view. Leave out for the live plan.")] as_of: Option<
            chrono::DateTime<chrono::Utc>,
        >,
    ) -> async_graphql::Result<crate::graphql::scalars::Date> {
        Ok(Source::at(ctx, as_of)?.status_date(ctx)?.into())
    }

    /// One commitment by id.
    async fn commitment(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id.")] id: ID,
    ) -> async_graphql::Result<Option<Commitment>> {
        lookup::<commitment::Entity, Commitment>(ctx, &id).await
    }
}
