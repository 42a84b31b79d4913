//! Stand van zaken per toezegging: every commitment to the Kamer as of the peildatum, open or
//! fulfilled, where it stands, and the letters sent about it.

use crate::error::ApiResult;
use crate::service::history::as_of::Snapshot;
use crate::service::reports::document::build::Plan;
use crate::service::reports::document::content::CommitmentLine;
use crate::service::reports::document::facts::{Expected, LateReport, OpenCommitment};
use entity::{CommitmentStatus, LetterKind, commitment, commitment_letter};

/// Every live commitment made by the peildatum, by deadline, with its line. The state of an
/// open commitment is the schedule's; the commitments this report answers are restated by the
/// caller ([`answered`]).
pub(super) async fn commitments(
    plan: &Plan,
    now: &Snapshot,
) -> ApiResult<Vec<(commitment::Model, CommitmentLine)>> {
    let lang = plan.lang;
    let mut all: Vec<commitment::Model> = now
        .live::<commitment::Entity>()
        .await?
        .into_iter()
        .filter(|c| c.made_on <= plan.as_of)
        .collect();
    all.sort_by_key(|c| (c.deadline_date, c.id));
    let mut letters = now.live::<commitment_letter::Entity>().await?;
    letters.retain(|l| l.sent_on <= plan.as_of);
    letters.sort_by_key(|l| (l.sent_on, l.id));
    Ok(all
        .into_iter()
        .map(|c| {
            let mine: Vec<&commitment_letter::Model> =
                letters.iter().filter(|l| l.commitment_id == c.id).collect();
            let state = match c.status {
                CommitmentStatus::Fulfilled => lang.fulfilled(
                    mine.iter()
                        .rev()
                        .find(|l| l.kind == LetterKind::Fulfilment)
                        .map(|l| (l.sent_on, (l.sent_on - c.deadline_date).num_days())),
                ),
                CommitmentStatus::Open => lang.open_commitment(&open_state(plan, &c)),
            };
            let line = CommitmentLine {
                number: c.number.clone(),
                text: c.text.clone(),
                deadline: lang.deadline(c.deadline_text.as_deref(), c.deadline_date),
                state,
                letters: mine.iter().map(|l| lang.letter((*l).into())).collect(),
            };
            (c, line)
        })
        .collect())
}

/// The state of a commitment this report answers: the report itself gives it substance; when
/// the plan has the report reach the Kamer after the deadline, that a postponement letter is
/// needed all the same.
pub(super) fn answered(plan: &Plan, c: &commitment::Model) -> String {
    plan.lang.answered(late_report(plan, c).as_ref())
}

/// This report reaching the Kamer after `c`'s deadline: the deadline had passed by the
/// peildatum, or the plan has its Kamerbrief milestones for `c` reach the Kamer after it.
pub(super) fn late_report(plan: &Plan, c: &commitment::Model) -> Option<LateReport> {
    if c.deadline_date < plan.as_of {
        return Some(LateReport {
            day: plan.as_of,
            days_late: (plan.as_of - c.deadline_date).num_days(),
            number: c.number.clone(),
            missed: true,
        });
    }
    plan.own_letters
        .iter()
        .filter_map(|id| plan.p(*id).map(|p| p.projected))
        .max()
        .filter(|day| *day > c.deadline_date)
        .map(|day| LateReport {
            day,
            days_late: (day - c.deadline_date).num_days(),
            number: c.number.clone(),
            missed: false,
        })
}

/// Where an open commitment stands by the schedule.
fn open_state(plan: &Plan, c: &commitment::Model) -> OpenCommitment {
    let risk = plan.schedule.commitment(c.id);
    let caused_by = risk.as_ref().and_then(|r| r.caused_by);
    let work_done = risk.as_ref().is_some_and(|r| r.work_done);
    let projected = risk.as_ref().and_then(|r| r.projected);
    OpenCommitment {
        state: risk.as_ref().map(|r| r.state),
        cause: caused_by
            .and_then(|id| plan.schedule.title(id))
            .map(str::to_owned),
        // When the work that decides it is expected: at the earliest, when overdue work sets it.
        expected: projected.map(|day| match caused_by {
            Some(id) if !work_done => plan.expected(id),
            _ => Expected {
                day,
                at_earliest: false,
            },
        }),
        work_done,
        done_on: projected,
        days_late: risk.as_ref().and_then(|r| r.days_late).unwrap_or_default(),
        days_left: (c.deadline_date - plan.as_of).num_days(),
    }
}
