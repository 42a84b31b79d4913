//! Letters to the Kamer that fulfil or postpone a commitment.
//!
//! A letter is recorded once and never edited. A postponement moves the commitment's deadline;
//! the earlier deadline stays on the letter and in the commitment's change history. A
//! fulfilment closes the commitment.

use crate::error::{ApiError, ApiResult};
use crate::service::store::crud::{self, Rules, find_live};
use crate::service::store::validate as v;
use crate::service::{Actor, Versioned};
use chrono::NaiveDate;
use entity::{CommitmentStatus, LetterKind, commitment, commitment_letter};
use sea_orm::{DatabaseConnection, DatabaseTransaction};

impl Rules for commitment_letter::Entity {
    fn happened(m: &commitment_letter::Model) -> Vec<(&'static str, Option<NaiveDate>)> {
        vec![("sentOn", Some(m.sent_on))]
    }

    fn validate(m: &commitment_letter::Model) -> ApiResult<()> {
        v::opt_line("reference", m.reference.as_deref(), 200)?;
        if let Some(reason) = &m.reason {
            v::text("reason", reason, 2000)?;
        }
        v::opt_line("newDeadlineText", m.new_deadline_text.as_deref(), 200)?;
        match m.kind {
            LetterKind::Postponement => {
                if m.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
                    return Err(ApiError::invalid(
                        "reason",
                        "a postponement letter needs the reason for the delay",
                    ));
                }
                match m.new_deadline_date {
                    None => Err(ApiError::invalid(
                        "newDeadlineDate",
                        "a postponement letter needs the new deadline (a date, or a recess in newDeadlineText)",
                    )),
                    Some(new) if new <= m.previous_deadline_date => Err(ApiError::invalid(
                        "newDeadlineDate",
                        format!(
                            "the new deadline must be after the current one ({})",
                            m.previous_deadline_date
                        ),
                    )),
                    // A letter promises what is still to come.
                    Some(new) if new <= m.sent_on => Err(ApiError::invalid(
                        "newDeadlineDate",
                        format!(
                            "the new deadline must be after the day the letter is sent ({})",
                            m.sent_on
                        ),
                    )),
                    Some(_) => Ok(()),
                }
            }
            LetterKind::Fulfilment => {
                if m.new_deadline_date.is_some() || m.new_deadline_text.is_some() {
                    return Err(ApiError::invalid(
                        "newDeadlineDate",
                        "a fulfilment letter has no new deadline",
                    ));
                }
                Ok(())
            }
        }
    }
}

/// A letter to record.
#[derive(Clone, Debug)]
pub struct LetterDraft {
    /// The commitment.
    pub commitment_id: i32,
    /// The version of the commitment the client last saw.
    pub version: i32,
    /// Fulfilment or postponement.
    pub kind: LetterKind,
    /// When it was sent.
    pub sent_on: NaiveDate,
    /// The Kamerstuk.
    pub reference: Option<String>,
    /// Why (required for a postponement).
    pub reason: Option<String>,
    /// The new deadline (postponement); left out with a `new_deadline_text` that names a
    /// recess, [`record_in`] resolves it inside the transaction (errors at `newDeadlineText`).
    pub new_deadline_date: Option<NaiveDate>,
    /// The new deadline as promised.
    pub new_deadline_text: Option<String>,
}

/// Record a letter and apply it to its commitment, in one transaction. A stale `version`
/// changes nothing and returns the current commitment.
pub async fn record(
    db: &DatabaseConnection,
    actor: &Actor,
    draft: LetterDraft,
) -> ApiResult<Versioned<(commitment::Model, Option<commitment_letter::Model>)>> {
    let txn = crate::service::begin_write(db).await?;
    let outcome = record_in(&txn, actor, draft).await?;
    if matches!(outcome, Versioned::Applied(_)) {
        crate::service::commit(txn, actor).await?;
    }
    Ok(outcome)
}

/// Like [`record`], inside the caller's transaction (the caller commits only when applied).
pub async fn record_in(
    txn: &DatabaseTransaction,
    actor: &Actor,
    draft: LetterDraft,
) -> ApiResult<Versioned<(commitment::Model, Option<commitment_letter::Model>)>> {
    let mut draft = draft;
    draft.new_deadline_date = crate::service::parliament::calendar::deadline(
        txn,
        "newDeadlineText",
        draft.new_deadline_text.as_deref(),
        draft.new_deadline_date,
    )
    .await?;
    let current = find_live::<commitment::Entity, _>(txn, draft.commitment_id).await?;
    // May the caller record it at all, before whether its version is current. A letter is
    // the programme's, or a reporter's where a report calls for it (judged on the plan as it
    // stands); what it changes of its commitment follows from it.
    crate::service::accounts::access::may_write(
        actor,
        crate::service::accounts::access::Scope::Letters,
    )?;
    let called = if crate::service::accounts::access::is_programme_lead(actor) {
        crate::service::accounts::access::LettersCalledFor::default()
    } else {
        let schedule = crate::service::schedule::live(txn, actor.rules).await?;
        crate::service::schedule::letters_called_for(schedule.commitment(current.id).as_ref())
    };
    crate::service::accounts::access::may_record_letter(actor, draft.kind, called)?;
    if current.version != draft.version {
        return Ok(Versioned::Conflict((current, None)));
    }
    if current.status == CommitmentStatus::Fulfilled {
        return Err(ApiError::invalid(
            "commitmentId",
            format!("commitment {} is already fulfilled", current.number),
        ));
    }
    if draft.sent_on < current.made_on {
        return Err(ApiError::invalid(
            "sentOn",
            format!(
                "a letter cannot precede the commitment (made on {})",
                current.made_on
            ),
        ));
    }
    let letter = commitment_letter::Model {
        id: 0,
        commitment_id: current.id,
        kind: draft.kind,
        sent_on: draft.sent_on,
        reference: draft.reference,
        reason: draft.reason,
        previous_deadline_date: current.deadline_date,
        previous_deadline_text: current.deadline_text.clone(),
        new_deadline_date: draft.new_deadline_date,
        new_deadline_text: draft.new_deadline_text,
        version: 1,
        created_at: actor.at,
        updated_at: actor.at,
        deleted_at: None,
    };
    let letter = crud::create_in::<commitment_letter::Entity>(txn, actor, letter).await?;
    let mut next = current.clone();
    match letter.kind {
        LetterKind::Fulfilment => next.status = CommitmentStatus::Fulfilled,
        LetterKind::Postponement => {
            next.deadline_date = letter.new_deadline_date.unwrap_or(current.deadline_date);
            next.deadline_text = letter.new_deadline_text.clone();
        }
    }
    commitment::Entity::validate(&next)?;
    // The letter's reason explains the moved deadline in the change history, as a
    // `changeReason` does for an update.
    let actor = &crate::service::Actor {
        change_reason: letter
            .reason
            .clone()
            .or_else(|| actor.change_reason.clone()),
        ..actor.clone()
    };
    let outcome = crud::follow_up::<commitment::Entity, _>(txn, actor, &current, next).await?;
    match outcome {
        Versioned::Applied(saved) => Ok(Versioned::Applied((saved, Some(letter)))),
        // Someone else won between our read and write: nothing of ours is kept.
        Versioned::Conflict(latest) => Ok(Versioned::Conflict((latest, None))),
    }
}
