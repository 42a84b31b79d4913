//! Demo: the baselines of the plan, and the phase-2 commitment with the letters that postponed
//! and then fulfilled it (DOMAIN.md: phase 2 slipped once and needed a postponement letter).
//! The register number, dates and wording of that commitment are invented for the demo.

use crate::error::{ApiError, ApiResult};
use crate::samples::demo::{Ids, date, lookup};
use crate::service::parliament::letters::{self, LetterDraft};
use crate::service::{
    Actor, Versioned, parliament::calendar, plan::links, schedule::baselines, store::crud,
};
use chrono::{DateTime, Utc};
use entity::{CommitmentStatus, LetterKind, commitment, commitment_milestone, milestone};
use sea_orm::DatabaseTransaction;

/// Which dates of the demo milestones a baseline holds.
enum Dates {
    /// As first promised (the milestones' baseline dates).
    FirstPromised,
    /// As re-planned in March 2026: what was done by then on its actual date, the rest as planned.
    Replanned,
}

/// (name, reason, taken at, dates)
const BASELINES: &[(&str, &str, &str, Dates)] = &[
    (
        "Planning zoals gemeld aan de Tweede Kamer (april 2025)",
        "De planning die de Kamer kreeg bij de toezegging TZ202504-057 en de uitstelbrief over fase 2.",
        "2025-04-16T12:00:00Z",
        Dates::FirstPromised,
    ),
    (
        "Herplanning fase 3 na het conceptmeerjarenplan (maart 2026)",
        "Het conceptmeerjarenplan was twee weken later gereed (13 maart 2026); de stuurgroep stelde de planning van fase 3 bij.",
        "2026-03-20T12:00:00Z",
        Dates::Replanned,
    ),
];

/// The two demo baselines, dated when they were taken.
pub(super) async fn load_baselines(
    db: &DatabaseTransaction,
    actor: &Actor,
    milestones: &[milestone::Model],
) -> ApiResult<()> {
    for (name, reason, taken, dates) in BASELINES {
        let at: DateTime<Utc> = taken
            .parse()
            .map_err(|e| ApiError::Internal(format!("demo plan: bad time {taken}: {e}")))?;
        let dates = milestones
            .iter()
            .map(|m| {
                let day = match dates {
                    Dates::FirstPromised => m.baseline_date,
                    Dates::Replanned => m
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
        baselines::insert_in(db, actor, name, reason, at, dates).await?;
    }
    Ok(())
}

/// The phase-2 commitment: made in October 2024 for "voor het zomerreces 2025", postponed by
/// the letter of 20 March 2025, fulfilled with the final products on 30 September 2025.
pub(super) async fn load_phase2_commitment(
    db: &DatabaseTransaction,
    actor: &Actor,
    programme_id: i32,
    milestones: &Ids,
) -> ApiResult<()> {
    let text = "voor het zomerreces 2025";
    let deadline = calendar::deadline(db, "deadlineText", Some(text), None)
        .await?
        .ok_or_else(|| ApiError::Internal("demo plan: unresolved deadline".into()))?;
    let model = commitment::Model {
        id: 0,
        programme_id,
        number: "TZ202410-031".to_owned(),
        text: "De Kamer ontvangt voor het zomerreces 2025 de eindproducten van fase 2: definities, doelen en KPI's voor MVOI".to_owned(),
        made_by: "minister van BZK".to_owned(),
        made_on: date("2024-10-10")?,
        deadline_text: Some(text.to_owned()),
        deadline_date: deadline,
        status: CommitmentStatus::Open,
        version: 1,
        created_at: actor.at,
        updated_at: actor.at,
        deleted_at: None,
    };
    let saved = crud::create_in::<commitment::Entity>(db, actor, model).await?;
    links::set_link_in::<commitment_milestone::Entity, commitment::Entity, milestone::Entity>(
        db,
        actor,
        &links::COMMITMENT_MILESTONE,
        saved.id,
        lookup(milestones, "phase2_final_products")?,
        true,
    )
    .await?;
    let postpone = LetterDraft {
        commitment_id: saved.id,
        version: saved.version,
        kind: LetterKind::Postponement,
        sent_on: date("2025-03-20")?,
        reference: Some("Kamerbrief over de planning van fase 2, 20 maart 2025".to_owned()),
        reason: Some("Het afstemmen van definities en KPI's met provincies, gemeenten en waterschappen kost meer tijd dan voorzien.".to_owned()),
        new_deadline_date: Some(date("2025-10-01")?),
        new_deadline_text: Some("uiterlijk 1 oktober 2025".to_owned()),
    };
    let version = applied(letters::record_in(db, actor, postpone).await?)?;
    let fulfil = LetterDraft {
        commitment_id: saved.id,
        version,
        kind: LetterKind::Fulfilment,
        sent_on: date("2025-09-30")?,
        reference: Some("Kamerbrief eindproducten fase 2, 30 september 2025".to_owned()),
        reason: None,
        new_deadline_date: None,
        new_deadline_text: None,
    };
    applied(letters::record_in(db, actor, fulfil).await?)?;
    Ok(())
}

fn applied(
    outcome: Versioned<(commitment::Model, Option<entity::commitment_letter::Model>)>,
) -> ApiResult<i32> {
    match outcome {
        Versioned::Applied((c, _)) => Ok(c.version),
        Versioned::Conflict(_) => Err(ApiError::Internal("demo plan: letter conflict".into())),
    }
}
