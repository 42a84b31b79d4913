//! The progress sections: the Kern (a prose summary that can go into a beslisnota), the
//! milestone table per phase, and the risks.

use crate::error::ApiResult;
use crate::service::history::as_of::Snapshot;
use crate::service::reports::document::build::{LAYERS, Plan, explanation};
use crate::service::reports::document::content::{MilestoneRow, MilestoneTable, RiskLine};
use crate::service::reports::document::facts::{
    CommitmentTally, Concerns, Current, HealthCounts, Judged, Judgement, KeyRisk, PathStep,
    RowStatus, Tally,
};
use crate::service::reports::document::words::{Words, full_stop, sentence};
use crate::service::schedule::{CommitmentState, Projection, ReasonCode, Scope};
use entity::{Health, WorkStatus, commitment, milestone, phase};
use std::collections::HashSet;

/// What the Kern needs to know about the commitments.
pub(super) struct Promises<'a> {
    /// The open commitments this report does not answer.
    pub others: Vec<&'a commitment::Model>,
    /// The open commitments it answers.
    pub answered: Vec<&'a commitment::Model>,
    /// The Kamerbrief milestones this report is.
    pub own_letters: &'a HashSet<i32>,
}

/// The reasons of a milestone's computed health that say something about the plan: done and
/// cancelled are states, no reasons; that this report's own Kamerbrief is off track is no
/// reason once the letter goes with this report.
fn open_reasons<'a>(
    plan: &'a Plan,
    p: &'a Projection,
) -> impl Iterator<Item = &'a crate::service::schedule::Reason> {
    p.reasons.iter().filter(|r| {
        let state = matches!(r.code, ReasonCode::Done | ReasonCode::Cancelled);
        let this_report_late =
            r.code == ReasonCode::PredecessorOffTrack && names_this_report(plan, r);
        !state && !this_report_late
    })
}

/// Whether `r` names one of this report's own Kamerbrief milestones.
fn names_this_report(plan: &Plan, r: &crate::service::schedule::Reason) -> bool {
    r.milestone.is_some_and(|id| plan.own_letters.contains(&id))
}

/// A reason as a sentence; that it makes this report's own Kamerbrief miss its deadline is said
/// of the report ("Hierdoor komt deze rapportage na de termijn van 2 juli 2026."): the report
/// goes now, whatever the plan expected of the letter.
fn reason(plan: &Plan, r: &crate::service::schedule::Reason, key: bool) -> String {
    match (r.code, names_this_report(plan, r), key) {
        (ReasonCode::PushesPastDeadline, true, _) => plan.lang.makes_this_report_late(r),
        (_, _, true) => plan.lang.key_reason(r),
        (_, _, false) => plan.lang.reason(r),
    }
}

/// The reasons of a milestone's computed health, as one sentence each.
fn reasons(plan: &Plan, p: &Projection) -> Vec<String> {
    open_reasons(plan, p)
        .map(|r| reason(plan, r, false))
        .collect()
}

/// A manager's judgement that differs from the computed health and still counts (a better
/// one past its last day has lapsed: the report does not repeat it).
fn judgement(m: &milestone::Model, p: &Projection) -> Option<Judgement> {
    if p.override_lapsed {
        return None;
    }
    let health = m.health_override.filter(|h| *h != p.computed)?;
    let why = m
        .health_override_reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    Some(Judgement { health, why })
}

/// The Kern: the computed overall health, written out, and its sentences.
pub(super) fn kern(plan: &Plan, promises: &Promises) -> (String, Vec<String>) {
    let lang = plan.lang;
    let counted = |m: &&milestone::Model| m.status != WorkStatus::Cancelled;
    let total = plan.milestones.iter().filter(counted).count();
    let done = plan
        .milestones
        .iter()
        .filter(|m| m.status == WorkStatus::Done)
        .count();
    let done_since = plan
        .milestones
        .iter()
        .filter(|m| m.status == WorkStatus::Done && plan.in_period(m.actual_date))
        .count();
    let open_with = |h: Health| -> Vec<(&milestone::Model, &Projection)> {
        plan.milestones
            .iter()
            .filter(|m| Plan::open(m) && !promises.own_letters.contains(&m.id))
            .filter_map(|m| plan.p(m.id).filter(|p| p.computed == h).map(|p| (m, p)))
            .collect()
    };
    let (risky, late) = (open_with(Health::AtRisk), open_with(Health::OffTrack));
    let mut sentences = Vec::new();
    sentences.push(lang.tally(Tally {
        total,
        done,
        done_in_period: plan.since.map(|_| done_since),
    }));
    if total > 0 {
        sentences.push(lang.health_counts(HealthCounts {
            at_risk: risky.len(),
            off_track: late.len(),
        }));
    }
    // The key risk: off track before at risk, then the least margin; the Kamerbrief this report
    // is does not count (its date is the report's own).
    let key = late
        .iter()
        .chain(risky.iter())
        .filter(|(m, _)| !promises.own_letters.contains(&m.id))
        .min_by_key(|(m, p)| {
            (
                p.computed != Health::OffTrack,
                p.deadline_slack.as_ref().map_or(i64::MAX, |d| d.days),
                p.projected,
                m.id,
            )
        });
    if let Some((m, p)) = key {
        sentences.push(lang.key_risk(&KeyRisk {
            title: m.title.clone(),
            overdue_since: p.overdue_days.map(|_| Plan::own_date(m, p)),
            expected: plan.expected(m.id),
        }));
        // Each reason a sentence of its own.
        sentences.extend(open_reasons(plan, p).map(|r| reason(plan, r, true)));
    }
    // A manager's differing judgement is named; the computed health counts.
    let judged: Vec<(&milestone::Model, &Projection)> = plan
        .milestones
        .iter()
        .filter(|m| Plan::open(m))
        .filter_map(|m| {
            plan.p(m.id)
                .filter(|p| p.health != p.computed)
                .map(|p| (m, p))
        })
        .collect();
    match judged.as_slice() {
        [] => {}
        [(m, p)] => {
            sentences.push(lang.judged(&Judged::One(m.title.clone(), p.health, p.computed)))
        }
        more => sentences.push(lang.judged(&Judged::Many(more.len()))),
    }
    sentences.extend(commitment_sentences(plan, promises));
    let path = plan.milestones.first().map(|m| {
        plan.schedule
            .critical_path(Scope::Programme(m.programme_id))
    });
    if let Some(end) = path.as_ref().and_then(|c| c.end) {
        sentences.push(lang.programme_end(end));
    }
    // The chain that decides the end, as far as it is still open.
    let chain: Vec<PathStep> = path
        .iter()
        .flat_map(|c| &c.steps)
        .filter_map(|step| {
            Some(PathStep {
                title: plan.schedule.title(step.milestone)?.to_owned(),
                slack: step.slack_days?,
            })
        })
        .collect();
    if chain.len() > 1 {
        sentences.push(lang.critical_path(&chain));
    }
    let overall = if !late.is_empty()
        || plan
            .schedule
            .commitments_at_risk()
            .iter()
            .filter(|r| promises.others.iter().any(|c| c.id == r.id))
            .any(|r| r.needs_postponement_letter() || r.state == CommitmentState::Missed)
        || promises.answered.iter().any(|c| {
            crate::service::reports::document::build::commitments::late_report(plan, c).is_some()
        }) {
        Health::OffTrack
    } else if !risky.is_empty() {
        Health::AtRisk
    } else {
        Health::OnTrack
    };
    sentences.retain(|s| !s.is_empty());
    (lang.health(overall).to_owned(), sentences)
}

/// The Kern's sentences on the commitments: those this report answers, then what went wrong
/// with the others (missed), then what needs a postponement letter.
fn commitment_sentences(plan: &Plan, promises: &Promises) -> Vec<String> {
    let lang = plan.lang;
    let mut out = Vec::new();
    if !promises.answered.is_empty() {
        let numbers: Vec<String> = promises.answered.iter().map(|c| c.number.clone()).collect();
        out.push(lang.report_fulfils(&numbers));
    }
    // The report itself planned to reach the Kamer after the deadline: said first.
    out.extend(
        promises
            .answered
            .iter()
            .filter_map(|c| {
                crate::service::reports::document::build::commitments::late_report(plan, c)
            })
            .map(|late| lang.late_report(&late)),
    );
    let risks: Vec<_> = plan
        .schedule
        .commitments_at_risk()
        .into_iter()
        .filter(|r| promises.others.iter().any(|c| c.id == r.id))
        .collect();
    let missed = |r: &&crate::service::schedule::CommitmentRisk| r.state == CommitmentState::Missed;
    let number = |r: &crate::service::schedule::CommitmentRisk| {
        promises
            .others
            .iter()
            .find(|c| c.id == r.id)
            .map(|c| c.number.clone())
            .unwrap_or_default()
    };
    out.extend(
        lang.commitment_tally(&CommitmentTally {
            open: promises.others.len(),
            missed: risks.iter().filter(missed).map(number).collect(),
            missed_work_done: risks.iter().filter(missed).filter(|r| r.work_done).count(),
            need_letter: risks
                .iter()
                .filter(|r| r.needs_postponement_letter())
                .map(number)
                .collect(),
            besides_own: !promises.answered.is_empty(),
        }),
    );
    out
}

/// The milestone table of every phase (and of the milestones without one): every milestone
/// but the cancelled ones and those done before the period, by current date.
pub(super) async fn milestone_tables(
    plan: &Plan,
    now: &Snapshot,
) -> ApiResult<Vec<MilestoneTable>> {
    let lang = plan.lang;
    let mut phases = now.live::<phase::Entity>().await?;
    phases.sort_by_key(|p| (p.number, p.id));
    let mut groups: Vec<(String, Option<i32>)> = phases
        .iter()
        .map(|p| (p.name.clone(), Some(p.id)))
        .collect();
    groups.push((lang.other_milestones(), None));
    let mut out = Vec::new();
    for (name, phase_id) in groups {
        let mine: Vec<&milestone::Model> = plan
            .milestones
            .iter()
            .filter(|m| m.phase_id == phase_id && m.status != WorkStatus::Cancelled)
            .collect();
        let before = |m: &milestone::Model| {
            m.status == WorkStatus::Done && plan.since.is_some() && !plan.in_period(m.actual_date)
        };
        let earlier = mine.iter().filter(|m| before(m)).count();
        let mut shown: Vec<(&milestone::Model, &Projection)> = mine
            .iter()
            .filter(|m| !before(m))
            .filter_map(|m| plan.p(m.id).map(|p| (*m, p)))
            .collect();
        // By current date; overdue ones (all on the peildatum) by the date they were due.
        shown.sort_by_key(|(m, p)| {
            (
                p.projected,
                p.own,
                LAYERS.iter().position(|l| *l == m.layer),
                m.id,
            )
        });
        if shown.is_empty() && earlier == 0 {
            continue;
        }
        let rows = shown.into_iter().map(|(m, p)| row(plan, m, p)).collect();
        out.push(MilestoneTable {
            name,
            rows,
            earlier: (earlier > 0).then(|| lang.done_earlier(earlier)),
        });
    }
    Ok(out)
}

fn row(plan: &Plan, m: &milestone::Model, p: &Projection) -> MilestoneRow {
    let lang = plan.lang;
    let done = m.status == WorkStatus::Done;
    let (original, latest) = plan
        .baselined
        .get(&m.id)
        .copied()
        .unwrap_or((m.baseline_date, None));
    let status = lang.row_status(match (done, p.overdue_days) {
        (true, _) => RowStatus::Done,
        (false, Some(_)) => RowStatus::Overdue,
        (false, None) => RowStatus::Open(p.computed),
    });
    // This report's own Kamerbrief, overdue: it goes with this report, now; how late that is,
    // and nothing the plan expected of the letter it replaces.
    if plan.own_letters.contains(&m.id) && !done && p.overdue_days.is_some() {
        let slip = (plan.as_of - original).num_days();
        let mut note = vec![lang.this_report()];
        if slip > 0 {
            note.push(full_stop(&sentence(&lang.slip(slip, None))));
        }
        return MilestoneRow {
            title: m.title.clone(),
            layer: lang.layer(m.layer).to_owned(),
            original: lang.date(original),
            current: lang.current(Current::ThisReport(plan.as_of)),
            status,
            note: note.join(" "),
        };
    }
    let mut note = Vec::new();
    let slip = (p.projected - original).num_days();
    let judged = if done { None } else { judgement(m, p) };
    if slip > 0 {
        let latest = latest.map(|d| (p.projected - d).num_days());
        note.push(full_stop(&sentence(&lang.slip(slip, latest))));
        match (explanation(plan, m), &judged) {
            (Some(why), _) => note.push(full_stop(&sentence(&lang.explanation(&why)))),
            // The manager's judgement below is the only explanation there is.
            (None, Some(_)) => {}
            (None, None) => note.push(lang.no_explanation()),
        }
    }
    if !done {
        // The slip against the baselines is stated above.
        let reasons = open_reasons(plan, p)
            .filter(|r| !(slip > 0 && r.code == ReasonCode::BehindBaseline))
            .map(|r| reason(plan, r, false));
        for reason in reasons {
            if !note.contains(&reason) {
                note.push(reason);
            }
        }
        note.extend(judged.map(|j| lang.judgement(&j)));
    }
    if plan.own_letters.contains(&m.id) {
        note.insert(0, lang.this_report());
    }
    // An overdue milestone has no new date: its plan and that it is not done; a milestone that
    // overdue work pushes, its earliest date.
    let current = lang.current(match (done, p.overdue_days, plan.at_earliest(m.id)) {
        (false, Some(_), _) => Current::NotDone(Plan::own_date(m, p), plan.pushed_to(p)),
        (false, None, true) => Current::Earliest(p.projected),
        _ => Current::On(p.projected),
    });
    MilestoneRow {
        title: m.title.clone(),
        layer: lang.layer(m.layer).to_owned(),
        original: lang.date(original),
        current,
        status,
        note: note.join(" "),
    }
}

/// The risks: every open milestone whose computed health is not on track, or that its
/// manager judges worse, with all its reasons and the recorded risks to it (their mitigations
/// and owners); then the open risks of the register about nothing listed above, worst first.
/// Off track before at risk, then by date.
pub(super) fn risks(plan: &Plan) -> Vec<RiskLine> {
    let lang = plan.lang;
    let mut at: Vec<(&milestone::Model, &Projection)> = plan
        .milestones
        .iter()
        .filter(|m| Plan::open(m) && !plan.own_letters.contains(&m.id))
        .filter_map(|m| plan.p(m.id).map(|p| (m, p)))
        .filter(|(_, p)| p.computed != Health::OnTrack || p.health != Health::OnTrack)
        .collect();
    at.sort_by_key(|(m, p)| (p.computed != Health::OffTrack, p.projected, m.id));
    let mut used = HashSet::new();
    let mut out: Vec<RiskLine> = at
        .into_iter()
        .map(|(m, p)| {
            let mut why = reasons(plan, p);
            why.extend(judgement(m, p).map(|j| lang.judgement(&j)));
            let recorded: Vec<&entity::risk::Model> = plan
                .registered
                .iter()
                .filter(|r| r.milestone_id == Some(m.id))
                .collect();
            used.extend(recorded.iter().map(|r| r.id));
            why.extend(
                recorded
                    .iter()
                    .map(|r| lang.recorded_risk(&r.title, r.likelihood, r.impact)),
            );
            let (mitigation, owner) = handling(lang, &recorded);
            RiskLine {
                title: m.title.clone(),
                layer: lang.layer(m.layer).to_owned(),
                assessment: lang.scheduled_health(p.computed),
                reasons: why.join(" "),
                mitigation,
                owner,
            }
        })
        .collect();
    // A risk to a milestone that is done, cancelled or gone, or to this report's own Kamerbrief,
    // no longer threatens the plan.
    let threatens = |r: &entity::risk::Model| {
        r.milestone_id.is_none_or(|id| {
            !plan.own_letters.contains(&id)
                && plan.milestones.iter().any(|m| m.id == id && Plan::open(m))
        })
    };
    let mut rest: Vec<&entity::risk::Model> = plan
        .registered
        .iter()
        .filter(|r| !used.contains(&r.id) && threatens(r))
        .collect();
    rest.sort_by_key(|r| {
        (
            std::cmp::Reverse(crate::service::plan::risks::score(r)),
            r.id,
        )
    });
    for r in rest {
        let mut why = Vec::new();
        if !r.description.trim().is_empty() {
            why.push(full_stop(&sentence(r.description.trim())));
        }
        let concerns = lang.concerns(&Concerns {
            milestone: r
                .milestone_id
                .and_then(|id| plan.schedule.title(id))
                .map(str::to_owned),
            commitment: r
                .commitment_id
                .and_then(|id| plan.commitment_numbers.get(&id).cloned()),
        });
        if !concerns.is_empty() {
            why.push(concerns);
        }
        let (mitigation, owner) = handling(lang, &[r]);
        out.push(RiskLine {
            title: r.title.clone(),
            layer: lang.layer(r.layer).to_owned(),
            assessment: lang.risk_levels(r.likelihood, r.impact),
            reasons: why.join(" "),
            mitigation,
            owner,
        });
    }
    out
}

/// The mitigations and owners of recorded risks, or that none is recorded.
fn handling(lang: Words, recorded: &[&entity::risk::Model]) -> (String, String) {
    let mitigations: Vec<String> = recorded
        .iter()
        .map(|r| r.mitigation.trim())
        .filter(|m| !m.is_empty())
        .map(|m| full_stop(&sentence(m)))
        .collect();
    let mut owners: Vec<&str> = Vec::new();
    for owner in recorded.iter().map(|r| r.owner.trim()) {
        if !owner.is_empty() && !owners.contains(&owner) {
            owners.push(owner);
        }
    }
    let mitigation = if mitigations.is_empty() {
        lang.no_mitigation()
    } else {
        mitigations.join(" ")
    };
    let owner = if owners.is_empty() {
        "-".to_owned()
    } else {
        owners.join(", ")
    };
    (mitigation, owner)
}
