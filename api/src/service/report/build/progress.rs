//! The progress sections: the Kern (a prose summary that can go into a beslisnota), the
//! milestone table per phase, and the risks.

use super::{LAYERS, Plan, explanation, full_stop, sentence};
use crate::error::ApiResult;
use crate::service::as_of::Snapshot;
use crate::service::report::content::{MilestoneRow, MilestoneTable, RiskLine};
use crate::service::report::words::Language;
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
/// cancelled are states, no reasons.
fn open_reasons(p: &Projection) -> impl Iterator<Item = &crate::service::schedule::Reason> {
    p.reasons
        .iter()
        .filter(|r| !matches!(r.code, ReasonCode::Done | ReasonCode::Cancelled))
}

/// The reasons of a milestone's computed health, as one sentence each.
fn reasons(plan: &Plan, p: &Projection) -> Vec<String> {
    open_reasons(p)
        .map(|r| full_stop(&sentence(&r.message(plan.lang))))
        .collect()
}

/// A manager's judgement that differs from the computed health, as a sentence.
fn judgement(plan: &Plan, m: &milestone::Model, p: &Projection) -> Option<String> {
    let health = m.health_override.filter(|h| *h != p.computed)?;
    let why = m
        .health_override_reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    let lang = plan.lang;
    Some(full_stop(&match (lang, why) {
        (Language::Nl, Some(why)) => format!(
            "De beheerder beoordeelt de mijlpaal als {}: {}",
            lang.health(health),
            super::lower_first(why)
        ),
        (Language::Nl, None) => format!(
            "De beheerder beoordeelt de mijlpaal als {}, zonder toelichting",
            lang.health(health)
        ),
        (Language::En, Some(why)) => format!(
            "The manager judges it {}: {}",
            lang.health(health),
            super::lower_first(why)
        ),
        (Language::En, None) => format!(
            "The manager judges it {}, without explanation",
            lang.health(health)
        ),
    }))
}

/// The Kern: the computed overall health, written out, and its sentences.
pub(super) fn kern(plan: &Plan, promises: &Promises) -> (String, Vec<String>) {
    let lang = plan.lang;
    let nl = lang == Language::Nl;
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
    sentences.push(match (nl, plan.since.is_none()) {
        // A plan without milestones has nothing done, open or at risk to count.
        (true, _) if total == 0 => "Er zijn nog geen mijlpalen vastgelegd.".to_owned(),
        (false, _) if total == 0 => "No milestones have been recorded yet.".to_owned(),
        (true, true) if done == 0 => format!(
            "Sinds de start van het programma is nog geen van de {total} mijlpalen gerealiseerd."
        ),
        (true, true) => format!(
            "Sinds de start van het programma {} {done} van de {total} mijlpalen gerealiseerd.",
            if done == 1 { "is" } else { "zijn" }
        ),
        (true, false) => format!(
            "Van de {total} mijlpalen {} er {done} gerealiseerd, waarvan {done_since} in deze periode.",
            if done == 1 { "is" } else { "zijn" }
        ),
        (false, true) => format!(
            "Since the programme started, {done} of its {total} milestones have been done."
        ),
        (false, false) => format!(
            "Of the {total} milestones, {done} have been done, {done_since} of them in this period."
        ),
    });
    let (r, l) = (risky.len(), late.len());
    let milestones = |n: usize| match (nl, n == 1) {
        (true, true) => "mijlpaal",
        (true, false) => "mijlpalen",
        (false, true) => "milestone",
        (false, false) => "milestones",
    };
    sentences.push(match (nl, r, l) {
        _ if total == 0 => String::new(),
        (true, 0, 0) => "Alle openstaande mijlpalen liggen op schema.".to_owned(),
        (false, 0, 0) => "All open milestones are on track.".to_owned(),
        (true, r, 0) => format!(
            "{} {} {} risico; geen enkele ligt achter op schema.",
            lang.count_opening(r),
            milestones(r),
            if r == 1 { "loopt" } else { "lopen" }
        ),
        (false, r, 0) => format!(
            "{} {} {} at risk; none is off track.",
            lang.count_opening(r),
            milestones(r),
            if r == 1 { "is" } else { "are" }
        ),
        (true, 0, l) => format!(
            "{} {} {} achter op schema; de andere liggen op schema.",
            lang.count_opening(l),
            milestones(l),
            if l == 1 { "ligt" } else { "liggen" }
        ),
        (false, 0, l) => format!(
            "{} {} {} off track; the others are on track.",
            lang.count_opening(l),
            milestones(l),
            if l == 1 { "is" } else { "are" }
        ),
        (true, r, l) => format!(
            "{} {} {} achter op schema en {} {} risico.",
            lang.count_opening(l),
            milestones(l),
            if l == 1 { "ligt" } else { "liggen" },
            lang.count_word(r),
            if r == 1 { "loopt" } else { "lopen" }
        ),
        (false, r, l) => format!(
            "{} {} {} off track and {} {} at risk.",
            lang.count_opening(l),
            milestones(l),
            if l == 1 { "is" } else { "are" },
            lang.count_word(r),
            if r == 1 { "is" } else { "are" }
        ),
    });
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
        let title = lang.quote(&m.title);
        sentences.push(match (p.overdue_days, lang) {
            (Some(_), Language::Nl) => format!(
                "Het grootste risico ligt bij {title}, gepland op {} en nog niet gereed.",
                lang.date(p.own)
            ),
            (Some(_), Language::En) => format!(
                "The main risk is {title}, planned on {} and not done yet.",
                lang.date(p.own)
            ),
            (None, Language::Nl) => format!(
                "Het grootste risico ligt bij {title}, verwacht {}.",
                plan.expected(m.id)
            ),
            (None, Language::En) => {
                format!(
                    "The main risk is {title}, expected {}.",
                    plan.expected(m.id)
                )
            }
        });
        // Each reason a sentence of its own; the margin it leaves a later deadline with the
        // milestone as its subject ("Deze mijlpaal laat „Kamerbrief” nog 1 dag marge ...").
        for r in open_reasons(p) {
            let message = r.message(lang);
            let with_subject = matches!(
                (r.code, &r.title),
                (ReasonCode::DeadlineSlack, Some(_)) | (ReasonCode::BehindBaseline, _)
            );
            sentences.push(full_stop(&match (with_subject, lang) {
                (true, Language::Nl) => format!("Deze mijlpaal {message}"),
                (true, Language::En) => format!("It {message}"),
                (false, _) => sentence(&message),
            }));
        }
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
        [(m, p)] => sentences.push(if nl {
            format!(
                "De beheerder schat {} in als {}, terwijl de planning {} aangeeft; de tellingen in deze rapportage volgen de planning.",
                lang.quote(&m.title),
                lang.health(p.health),
                lang.health(p.computed)
            )
        } else {
            format!(
                "The manager judges {} {}, while the schedule gives {}; the counts in this report follow the schedule.",
                lang.quote(&m.title),
                lang.health(p.health),
                lang.health(p.computed)
            )
        }),
        more => sentences.push(if nl {
            format!(
                "Bij {} mijlpalen schat de beheerder de stand anders in dan de planning aangeeft; de tellingen in deze rapportage volgen de planning.",
                more.len()
            )
        } else {
            format!(
                "For {} milestones the manager's judgement differs from the schedule; the counts in this report follow the schedule.",
                more.len()
            )
        }),
    }
    sentences.extend(commitment_sentences(plan, promises));
    let path = plan.milestones.first().map(|m| {
        plan.schedule
            .critical_path(Scope::Programme(m.programme_id))
    });
    if let Some(end) = path.as_ref().and_then(|c| c.end) {
        sentences.push(if nl {
            format!(
                "De laatste mijlpaal van het programma wordt verwacht op {}.",
                lang.date(end)
            )
        } else {
            format!(
                "The programme's last milestone is expected on {}.",
                lang.date(end)
            )
        });
    }
    // The chain that decides the end, as far as it is still open.
    let chain: Vec<String> = path
        .iter()
        .flat_map(|c| &c.steps)
        .filter(|step| step.slack_days.is_some())
        .filter_map(|step| plan.schedule.title(step.milestone))
        .map(|title| lang.quote(title.trim()))
        .collect();
    if chain.len() > 1 {
        let chain = lang.enumerate(&chain);
        sentences.push(if nl {
            format!("Het kritieke pad naar die mijlpaal loopt via {chain}.")
        } else {
            format!("The critical path to it runs through {chain}.")
        });
    }
    let overall = if !late.is_empty()
        || plan
            .schedule
            .commitments_at_risk()
            .iter()
            .filter(|r| promises.others.iter().any(|c| c.id == r.id))
            .any(|r| r.needs_postponement_letter() || r.state == CommitmentState::Missed)
        || promises
            .answered
            .iter()
            .any(|c| super::commitments::late_report(plan, c).is_some())
    {
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
    let nl = lang == Language::Nl;
    let mut out = Vec::new();
    if !promises.answered.is_empty() {
        let numbers = lang.enumerate(
            &promises
                .answered
                .iter()
                .map(|c| c.number.clone())
                .collect::<Vec<_>>(),
        );
        let plural = promises.answered.len() > 1;
        out.push(match (nl, plural) {
            (true, false) => format!("Deze rapportage geeft invulling aan toezegging {numbers}."),
            (true, true) => {
                format!("Deze rapportage geeft invulling aan de toezeggingen {numbers}.")
            }
            (false, false) => format!("This report fulfils commitment {numbers}."),
            (false, true) => format!("This report fulfils commitments {numbers}."),
        });
    }
    // The report itself planned to reach the Kamer after the deadline: said first.
    for c in &promises.answered {
        let Some(day) = super::commitments::late_report(plan, c) else {
            continue;
        };
        let late = lang.days((day - c.deadline_date).num_days());
        let day = lang.date(day);
        out.push(match lang {
            Language::Nl => format!(
                "Volgens de planning gaat deze rapportage pas op {day} naar de Kamer, {late} na de termijn van toezegging {}; daarvoor is een uitstelbrief nodig.",
                c.number
            ),
            Language::En => format!(
                "By the plan this report reaches the Kamer only on {day}, {late} after the deadline of commitment {}; that needs a postponement letter.",
                c.number
            ),
        });
    }
    let risks: Vec<_> = plan
        .schedule
        .commitments_at_risk()
        .into_iter()
        .filter(|r| promises.others.iter().any(|c| c.id == r.id))
        .collect();
    let open = promises.others.len();
    let missed = risks
        .iter()
        .filter(|r| r.state == CommitmentState::Missed)
        .count();
    let missed_done = risks
        .iter()
        .filter(|r| r.state == CommitmentState::Missed && r.work_done)
        .count();
    let letters = risks
        .iter()
        .filter(|r| r.needs_postponement_letter())
        .count();
    let other = if promises.answered.is_empty() {
        ""
    } else {
        " andere"
    };
    let other_en = if promises.answered.is_empty() {
        ""
    } else {
        " other"
    };
    if open == 0 {
        out.push(if nl {
            format!("Er staan geen{other} toezeggingen aan de Kamer open.")
        } else {
            format!("There are no{other_en} open commitments to the Kamer.")
        });
        return out;
    }
    if missed > 0 {
        out.push(match (nl, missed, open) {
            (true, 1, 1) => format!(
                "De termijn van de{other} openstaande toezegging is verstreken zonder dat die is nagekomen."
            ),
            (true, n, _) => format!(
                "Van {n} van de {open}{other} openstaande toezeggingen is de termijn verstreken zonder dat ze zijn nagekomen."
            ),
            (false, 1, 1) => format!(
                "The deadline of the{other_en} open commitment has passed without it being kept."
            ),
            (false, n, _) => format!(
                "{} of the {open}{other_en} open commitments have passed their deadline without being kept.",
                lang.count_opening(n)
            ),
        });
        if missed_done > 0 {
            out.push(match (nl, missed_done == missed) {
                (true, true) => {
                    "Het werk daarvoor is gereed; de brief aan de Kamer ontbreekt nog.".to_owned()
                }
                (true, false) => format!(
                    "Voor {missed_done} daarvan is het werk gereed en ontbreekt alleen de brief aan de Kamer."
                ),
                (false, true) => {
                    "The work for it is done; the letter to the Kamer is missing.".to_owned()
                }
                (false, false) => format!(
                    "For {missed_done} of them the work is done and only the letter to the Kamer is missing."
                ),
            });
        }
    }
    if letters > 0 || missed == 0 {
        out.push(match (nl, letters, open) {
            (true, 0, 1) => {
                format!("De{other} openstaande toezegging vraagt nu geen uitstelbrief.")
            }
            (true, 1, 1) => format!("De{other} openstaande toezegging vraagt om een uitstelbrief."),
            (true, 0, _) => format!(
                "Geen van de {open}{other} openstaande toezeggingen vraagt nu om een uitstelbrief."
            ),
            (true, n, _) => format!(
                "Van de {open}{other} openstaande toezeggingen {} er {n} om een uitstelbrief.",
                if n == 1 { "vraagt" } else { "vragen" }
            ),
            (false, 0, 1) => {
                format!("The{other_en} open commitment does not need a postponement letter now.")
            }
            (false, 1, 1) => {
                format!("The{other_en} open commitment needs a postponement letter.")
            }
            (false, 0, _) => format!(
                "None of the {open}{other_en} open commitments needs a postponement letter now."
            ),
            (false, n, _) => format!(
                "Of the {open}{other_en} open commitments, {n} {} a postponement letter.",
                if n == 1 { "needs" } else { "need" }
            ),
        });
    }
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
    groups.push((
        match lang {
            Language::Nl => "Overige mijlpalen".to_owned(),
            Language::En => "Other milestones".to_owned(),
        },
        None,
    ));
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
        shown.sort_by_key(|(m, p)| (p.projected, LAYERS.iter().position(|l| *l == m.layer), m.id));
        if shown.is_empty() && earlier == 0 {
            continue;
        }
        let rows = shown.into_iter().map(|(m, p)| row(plan, m, p)).collect();
        out.push(MilestoneTable {
            name,
            rows,
            earlier: (earlier > 0).then(|| match lang {
                Language::Nl if earlier == 1 => {
                    "Eén mijlpaal van deze fase was al eerder gerealiseerd.".to_owned()
                }
                Language::Nl => format!(
                    "{} mijlpalen van deze fase waren al eerder gerealiseerd.",
                    lang.count_opening(earlier)
                ),
                Language::En if earlier == 1 => {
                    "One milestone of this phase was done before this period.".to_owned()
                }
                Language::En => format!(
                    "{} milestones of this phase were done before this period.",
                    lang.count_opening(earlier)
                ),
            }),
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
    let status = match (done, p.overdue_days, lang) {
        (true, _, Language::Nl) => "gerealiseerd".to_owned(),
        (true, _, Language::En) => "done".to_owned(),
        (false, Some(_), Language::Nl) => "over tijd".to_owned(),
        (false, Some(_), Language::En) => "overdue".to_owned(),
        (false, None, _) => lang.health(p.computed).to_owned(),
    };
    let mut note = Vec::new();
    let slip = (p.projected - original).num_days();
    let judged = if done { None } else { judgement(plan, m, p) };
    if slip > 0 {
        let latest = latest.map(|d| (p.projected - d).num_days());
        note.push(full_stop(&sentence(&lang.slip(slip, latest))));
        match (explanation(plan, m), &judged) {
            (Some(why), _) => note.push(full_stop(&sentence(&why))),
            // The manager's judgement below is the only explanation there is.
            (None, Some(_)) => {}
            (None, None) => note.push(match lang {
                Language::Nl => "Geen toelichting gegeven.".to_owned(),
                Language::En => "No explanation given.".to_owned(),
            }),
        }
    }
    if !done {
        // The slip against the baselines is stated above.
        let reasons = open_reasons(p)
            .filter(|r| !(slip > 0 && r.code == ReasonCode::BehindBaseline))
            .map(|r| full_stop(&sentence(&r.message(lang))));
        for reason in reasons {
            if !note.contains(&reason) {
                note.push(reason);
            }
        }
        note.extend(judged);
    }
    if plan.own_letters.contains(&m.id) {
        note.insert(
            0,
            match lang {
                Language::Nl => "Deze rapportage.".to_owned(),
                Language::En => "This report.".to_owned(),
            },
        );
    }
    // An overdue milestone has no new date: its plan and that it is not done; a milestone that
    // overdue work pushes, its earliest date.
    let current = match (done, p.overdue_days, plan.at_earliest(m.id), lang) {
        (false, Some(_), _, Language::Nl) => {
            format!("nog niet gereed (gepland {})", lang.date(p.own))
        }
        (false, Some(_), _, Language::En) => {
            format!("not done yet (planned {})", lang.date(p.own))
        }
        (false, None, true, Language::Nl) => {
            format!("op zijn vroegst {}", lang.date(p.projected))
        }
        (false, None, true, Language::En) => {
            format!("at the earliest {}", lang.date(p.projected))
        }
        _ => lang.date(p.projected),
    };
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
            why.extend(judgement(plan, m, p));
            let recorded: Vec<&entity::risk::Model> = plan
                .registered
                .iter()
                .filter(|r| r.milestone_id == Some(m.id))
                .collect();
            used.extend(recorded.iter().map(|r| r.id));
            for r in &recorded {
                why.push(full_stop(&sentence(&format!(
                    "{} ({})",
                    r.title.trim(),
                    lang.risk_levels(r.likelihood, r.impact)
                ))));
            }
            let (mitigation, owner) = handling(lang, &recorded);
            RiskLine {
                title: m.title.clone(),
                layer: lang.layer(m.layer).to_owned(),
                health: lang.health(p.computed).to_owned(),
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
    rest.sort_by_key(|r| (std::cmp::Reverse(crate::service::risks::score(r)), r.id));
    for r in rest {
        let mut why = Vec::new();
        if !r.description.trim().is_empty() {
            why.push(full_stop(&sentence(r.description.trim())));
        }
        let about = r
            .milestone_id
            .and_then(|id| plan.schedule.title(id))
            .map(|t| lang.quote(t));
        let promise = r
            .commitment_id
            .and_then(|id| plan.commitment_numbers.get(&id).cloned());
        match (about, promise, lang) {
            (Some(m), Some(c), Language::Nl) => {
                why.push(format!("Raakt {m} en toezegging {c}."));
            }
            (Some(m), None, Language::Nl) => why.push(format!("Raakt {m}.")),
            (None, Some(c), Language::Nl) => why.push(format!("Raakt toezegging {c}.")),
            (Some(m), Some(c), Language::En) => {
                why.push(format!("Concerns {m} and commitment {c}."));
            }
            (Some(m), None, Language::En) => why.push(format!("Concerns {m}.")),
            (None, Some(c), Language::En) => why.push(format!("Concerns commitment {c}.")),
            (None, None, _) => {}
        }
        let (mitigation, owner) = handling(lang, &[r]);
        out.push(RiskLine {
            title: r.title.clone(),
            layer: lang.layer(r.layer).to_owned(),
            health: lang.risk_levels(r.likelihood, r.impact),
            reasons: why.join(" "),
            mitigation,
            owner,
        });
    }
    out
}

/// The mitigations and owners of recorded risks, or that none is recorded.
fn handling(lang: Language, recorded: &[&entity::risk::Model]) -> (String, String) {
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
        match lang {
            Language::Nl => "Nog geen beheersmaatregel vastgelegd.".to_owned(),
            Language::En => "No mitigation recorded yet.".to_owned(),
        }
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
