//! Demo: the commitments to the Kamer with the letters sent about them, and the baselines of
//! the plan (DOMAIN.md: phase 2 slipped once and needed a postponement letter). The register
//! number, dates and wording of the phase-2 commitment are invented for the demo.

use super::data::{BaselineDates, DemoPlan};
use super::{Ids, lookup};
use crate::error::{ApiError, ApiResult};
use crate::service::parliament::letters::{self, LetterDraft};
use crate::service::parliament::{calendar::Deadline, commitments::NewCommitment};
use crate::service::{Actor, Versioned, plan::links, schedule::baselines, store::crud};
use entity::{CommitmentStatus, commitment, commitment_milestone, milestone};
use sea_orm::DatabaseTransaction;

/// The commitments, each linked to the milestone that fulfils it, with their letters sent in
/// order. A deadline without a date is resolved from its text by the recess calendar, as the
/// API does (so the recesses are loaded first). Returns the commitments' ids by register number.
pub(super) async fn load_commitments(
    db: &DatabaseTransaction,
    actor: &Actor,
    plan: &DemoPlan,
    programme_id: i32,
    milestones: &Ids,
) -> ApiResult<Ids> {
    let mut ids = Ids::new();
    for row in &plan.commitments {
        let new = NewCommitment {
            programme_id,
            number: row.number.clone(),
            text: row.text.clone(),
            made_by: row.made_by.clone(),
            made_on: row.made_on,
            deadline: Deadline {
                text: Some(row.deadline_text.clone()),
                date: row.deadline_date,
                required: true,
                ..Deadline::none()
            },
            status: CommitmentStatus::Open,
        };
        let saved = crud::create_new_in::<commitment::Entity>(db, actor, new).await?;
        links::set_link_in::<commitment_milestone::Entity, commitment::Entity, milestone::Entity>(
            db,
            actor,
            &links::COMMITMENT_MILESTONE,
            saved.id,
            lookup(milestones, &row.fulfilled_by)?,
            true,
        )
        .await?;
        let mut version = saved.version;
        for letter in &row.letters {
            let draft = LetterDraft {
                commitment_id: saved.id,
                version,
                kind: letter.kind,
                sent_on: letter.sent_on,
                reference: letter.reference.clone(),
                reason: letter.reason.clone(),
                new_deadline_date: letter.new_deadline_date,
                new_deadline_text: letter.new_deadline_text.clone(),
            };
            version = applied(letters::record_in(db, actor, draft).await?)?;
        }
        ids.insert(row.number.clone(), saved.id);
    }
    Ok(ids)
}

fn applied(
    outcome: Versioned<(commitment::Model, Option<entity::commitment_letter::Model>)>,
) -> ApiResult<i32> {
    match outcome {
        Versioned::Applied((c, _)) => Ok(c.version),
        Versioned::Conflict(_) => Err(ApiError::Internal("demo plan: letter conflict".into())),
    }
}

/// The baselines, dated when they were taken.
pub(super) async fn load_baselines(
    db: &DatabaseTransaction,
    actor: &Actor,
    plan: &DemoPlan,
    milestones: &[milestone::Model],
) -> ApiResult<()> {
    for row in &plan.baselines {
        let at = row.taken_at;
        let dates = milestones
            .iter()
            .map(|m| {
                let day = match row.dates {
                    BaselineDates::FirstPromised => m.baseline_date,
                    BaselineDates::Replanned => m
                        .actual_date
                        .filter(|done| *done <= at.date_naive())
                        .unwrap_or(m.planned_date),
                };
                baselines::Dates {
                    milestone_id: m.id,
                    planned: day,
                    forecast: None,
                    projected: day,
                }
            })
            .collect();
        baselines::insert_in(db, actor, &row.name, &row.reason, at, dates).await?;
    }
    Ok(())
}
