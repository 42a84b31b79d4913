//! Risks to the plan (risico's) with their mitigation (beheersmaatregel) and owner: the rules of
//! one risk, and which risks a list shows. The progress report reads them as of its peildatum.

use crate::error::ApiResult;
use crate::service::store::crud::{New, Rules, refers};
use crate::service::store::filter::Filter;
use crate::service::store::validate as v;
use entity::{GovernmentLayer, RiskLevel, RiskStatus, commitment, milestone, programme, risk};
use futures::future::BoxFuture;
use sea_orm::DatabaseTransaction;

impl Rules for risk::Entity {
    fn validate(m: &risk::Model) -> ApiResult<()> {
        v::line("title", &m.title, 200)?;
        v::length("description", &m.description, 10_000)?;
        v::length("mitigation", &m.mitigation, 2_000)?;
        // An owner is one line when given; empty means nobody owns it yet.
        v::opt_line(
            "owner",
            Some(m.owner.as_str()).filter(|o| !o.is_empty()),
            200,
        )
    }

    fn check<'a>(
        txn: &'a DatabaseTransaction,
        m: &'a risk::Model,
        before: Option<&'a risk::Model>,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async move {
            let was = |f: fn(&risk::Model) -> Option<i32>| before.map(f);
            refers::<programme::Entity>(
                txn,
                "programmeId",
                Some(m.programme_id),
                was(|b| Some(b.programme_id)),
            )
            .await?;
            refers::<milestone::Entity>(
                txn,
                "milestoneId",
                m.milestone_id,
                was(|b| b.milestone_id),
            )
            .await?;
            // A risk to a layer's milestone is that layer's or a joint one: a layer manager
            // records risks to its own milestones, never to another layer's.
            if let Some(id) = m.milestone_id {
                use sea_orm::EntityTrait;
                if let Some(target) = milestone::Entity::find_by_id(id).one(txn).await?
                    && target.layer.is_some()
                    && m.layer.is_some()
                    && target.layer != m.layer
                {
                    return Err(crate::error::ApiError::invalid(
                        "milestoneId",
                        "a risk to a milestone of one layer belongs to that layer, or is joint",
                    ));
                }
            }
            refers::<commitment::Entity>(
                txn,
                "commitmentId",
                m.commitment_id,
                was(|b| b.commitment_id),
            )
            .await
        })
    }
}

/// Which risks a list shows.
#[derive(Clone, Debug, Default)]
pub struct RiskFilter {
    /// Only this layer.
    pub layer: Option<entity::GovernmentLayer>,
    /// Only these statuses (none: any).
    pub status: Option<Vec<RiskStatus>>,
    /// Only risks to this milestone.
    pub milestone_id: Option<i32>,
    /// Only risks to this commitment.
    pub commitment_id: Option<i32>,
}

impl RiskFilter {
    /// The filter as one predicate over the live risks (SQL for the plan as it is, in memory
    /// for an as-of view).
    pub fn predicate(&self) -> ApiResult<Filter<risk::Entity>> {
        use risk::Column;
        Ok(Filter::live()
            .and_opt(self.layer, |l| Filter::eq(Column::Layer, l))
            .and(Filter::one_of(Column::Status, self.status.as_deref()))
            .and_opt(self.milestone_id, |id| Filter::eq(Column::MilestoneId, id))
            .and_opt(self.commitment_id, |id| {
                Filter::eq(Column::CommitmentId, id)
            }))
    }
}

/// The live risks matching `filter`, by id (the order they were recorded in).
pub fn list(filter: &RiskFilter) -> ApiResult<crate::service::store::page::Listing<risk::Entity>> {
    Ok(crate::service::store::page::Listing {
        filter: filter.predicate()?,
        order: crate::service::store::page::Order {
            key: None,
            id: risk::Column::Id,
        },
    })
}

/// How a risk ranks: likelihood times impact, both counted 1 (low) to 3 (high); 9 is the worst.
pub fn score(r: &risk::Model) -> u8 {
    let level = |l: RiskLevel| match l {
        RiskLevel::Low => 1,
        RiskLevel::Medium => 2,
        RiskLevel::High => 3,
    };
    level(r.likelihood) * level(r.impact)
}

/// A risk to create (`crud::create_new`): the fields of [`risk::Model`], without the
/// bookkeeping and derived columns the service sets.
#[derive(Clone, Debug)]
pub struct NewRisk {
    pub programme_id: i32,
    pub title: String,
    pub description: String,
    pub likelihood: RiskLevel,
    pub impact: RiskLevel,
    /// What is done to prevent it or limit its effect (beheersmaatregel); empty: none yet.
    pub mitigation: String,
    /// Who owns the risk and its mitigation (a person or a role); empty: nobody yet.
    pub owner: String,
    /// The layer it belongs to; None for a joint risk.
    pub layer: Option<GovernmentLayer>,
    pub status: RiskStatus,
    /// The milestone it threatens, if any.
    pub milestone_id: Option<i32>,
    /// The commitment to the Kamer it threatens, if any.
    pub commitment_id: Option<i32>,
}

#[async_trait::async_trait]
impl New<risk::Entity> for NewRisk {
    async fn into_row(self, _txn: &DatabaseTransaction) -> ApiResult<risk::Model> {
        Ok(risk::Model {
            id: 0,
            programme_id: self.programme_id,
            title: self.title,
            description: self.description,
            likelihood: self.likelihood,
            impact: self.impact,
            mitigation: self.mitigation,
            owner: self.owner,
            layer: self.layer,
            status: self.status,
            milestone_id: self.milestone_id,
            commitment_id: self.commitment_id,
            version: 0,
            created_at: Default::default(),
            updated_at: Default::default(),
            deleted_at: None,
        })
    }
}
