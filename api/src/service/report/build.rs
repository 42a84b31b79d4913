//! Building a report's content from the plan as it stood on the peildatum.

use super::content::*;
use super::words::Language;
use crate::error::ApiResult;
use crate::service::as_of::Snapshot;
use crate::service::measurements::period_label;
use crate::service::schedule::{
    CommitmentState, Projection, ReasonCode, Schedule, Scope, Settings,
};
use crate::service::{baselines, links};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{
    ChangeAction, CommitmentStatus, GovernmentLayer, Health, KpiDirection, MilestoneKind,
    WorkStatus, change_record, commitment, data_infra_task, data_quality_assessment, data_source,
    kpi, kpi_measurement, kpi_target, milestone, phase, programme, recess_period,
};
use rust_decimal::prelude::ToPrimitive;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, HashMap};

/// What to report on.
#[derive(Clone, Debug)]
pub struct Request {
    /// The title.
    pub title: String,
    /// The peildatum: the plan as it stood at the end of this day (24:00 in the Netherlands);
    /// also the report's status date.
    pub as_of: NaiveDate,
    /// The language.
    pub language: Language,
    /// The previous published report: its title and peildatum (the period starts after it).
    pub previous: Option<(String, NaiveDate)>,
    /// The moment of the change history it reads: the end of the peildatum ([`end_of`]). On an
    /// instance with a fixed status date, a report of that very day reads everything recorded
    /// up to now: what was changed there was changed "today" (see `reports::content`).
    pub read_at: DateTime<Utc>,
}

/// The end of a day in the Netherlands: what an as-of view of that day sees (see
/// `status_date::end_of_day`).
pub fn end_of(day: NaiveDate) -> DateTime<Utc> {
    crate::service::status_date::end_of_day(day)
}

const LAYERS: [Option<GovernmentLayer>; 5] = [
    Some(GovernmentLayer::Rijk),
    Some(GovernmentLayer::Provincie),
    Some(GovernmentLayer::Gemeente),
    Some(GovernmentLayer::Waterschap),
    None,
];

/// Everything the sections read, as of the peildatum.
struct Plan {
    lang: Language,
    as_of: NaiveDate,
    /// The moment of the history it reads (see [`Request::read_at`]).
    read_at: DateTime<Utc>,
    /// Why each milestone's date last moved: the latest reason given with a change of its
    /// planned, forecast or actual date.
    explained: HashMap<i32, String>,
    /// The latest postponement letter (sent on, reason) of a commitment each milestone fulfils.
    postponed: HashMap<i32, (NaiveDate, String)>,
    since: Option<NaiveDate>,
    schedule: std::sync::Arc<Schedule>,
    milestones: Vec<milestone::Model>,
    /// Original and latest baseline date per milestone.
    baselined: HashMap<i32, (NaiveDate, Option<NaiveDate>)>,
    recesses: Vec<recess_period::Model>,
    /// The latest quality assessment per (data source, dimension).
    quality: BTreeMap<(i32, entity::QualityDimension), data_quality_assessment::Model>,
}

impl Plan {
    fn p(&self, id: i32) -> Option<&Projection> {
        self.schedule.get(id)
    }

    fn open(m: &milestone::Model) -> bool {
        !matches!(m.status, WorkStatus::Done | WorkStatus::Cancelled)
    }

    fn in_period(&self, day: Option<NaiveDate>) -> bool {
        day.is_some_and(|d| d <= self.as_of && self.since.is_none_or(|s| d > s))
    }

    fn line(&self, m: &milestone::Model, note: Option<String>) -> Line {
        let day = self.p(m.id).map_or(m.planned_date, |p| p.projected);
        Line {
            title: m.title.clone(),
            date: self.lang.date(day),
            note,
        }
    }

    /// The reason for a milestone's health, in the report's language. A manager's override is
    /// named as such, with the computed health and its first reason next to it.
    fn reason(&self, m: &milestone::Model) -> Option<String> {
        let p = self.p(m.id)?;
        let computed = p
            .reasons
            .first()
            .filter(|r| !matches!(r.code, ReasonCode::Done | ReasonCode::Cancelled))
            .map(|r| r.message(self.lang));
        let Some(why) = m
            .health_override_reason
            .clone()
            .filter(|_| m.health_override.is_some())
        else {
            return computed;
        };
        let health = self.lang.health(p.computed);
        let computed = computed.map_or(String::new(), |c| format!(": {c}"));
        Some(match self.lang {
            Language::Nl => {
                format!("{why} (oordeel van de beheerder; berekend: {health}{computed})")
            }
            Language::En => {
                format!("{why} (the manager's judgement; computed: {health}{computed})")
            }
        })
    }
}

/// Build the content of a report from the plan as it stood at the end of the peildatum.
pub async fn build(
    db: &DatabaseConnection,
    settings: Settings,
    request: &Request,
) -> ApiResult<Content> {
    let lang = request.language;
    let now = Snapshot::on(db.clone(), request.read_at, settings.on(request.as_of));
    let mut milestones = now.live::<milestone::Entity>().await?;
    milestones.sort_by_key(|m| (m.planned_date, m.id));
    let all_baselines = now.baselines().await?;
    let ids: Vec<i32> = milestones.iter().map(|m| m.id).collect();
    let rows = baselines::dates_of(db, &ids).await?;
    let (first, last) = (
        all_baselines.first().map(|b| b.id),
        all_baselines.last().map(|b| b.id),
    );
    let mut baselined: HashMap<i32, (NaiveDate, Option<NaiveDate>)> = milestones
        .iter()
        .map(|m| (m.id, (m.baseline_date, None)))
        .collect();
    for (id, row) in rows {
        let entry = baselined.entry(id).or_insert((row.projected_date, None));
        if Some(row.baseline_id) == first {
            entry.0 = row.projected_date;
        }
        if Some(row.baseline_id) == last && last != first {
            entry.1 = Some(row.projected_date);
        }
    }
    let mut recesses = now.live::<recess_period::Entity>().await?;
    recesses.sort_by_key(|r| r.first_day);
    let (explained, postponed) = explanations(db, &now, request).await?;
    let plan = Plan {
        lang,
        as_of: request.as_of,
        read_at: request.read_at,
        explained,
        postponed,
        since: request.previous.as_ref().map(|p| p.1),
        schedule: now.schedule().await?,
        milestones,
        baselined,
        recesses,
        quality: latest_quality(&now).await?,
    };
    let programme = now.live::<programme::Entity>().await?.into_iter().next();
    let period = match &request.previous {
        Some((_, day)) => match lang {
            Language::Nl => format!(
                "{} tot en met {}",
                lang.date(*day),
                lang.date(request.as_of)
            ),
            Language::En => format!("{} to {}", lang.date(*day), lang.date(request.as_of)),
        },
        None => match lang {
            Language::Nl => format!(
                "tot en met {} (eerste rapportage)",
                lang.date(request.as_of)
            ),
            Language::En => format!("up to {} (first report)", lang.date(request.as_of)),
        },
    };
    let commitments = commitments(&plan, &now).await?;
    // This report is the Kamerbrief of the open commitments (not yet due) that wait for an open
    // Kamerbrief milestone: the nearest of them. Others are not claimed.
    let links = now.links(&links::COMMITMENT_MILESTONE).await?;
    let letters_of = |commitment: i32| -> Vec<i32> {
        links
            .iter()
            .filter(|(c, _)| *c == commitment)
            .map(|(_, m)| *m)
            .filter(|m| {
                plan.milestones
                    .iter()
                    .any(|x| x.id == *m && x.kind == MilestoneKind::Parliament && Plan::open(x))
            })
            .collect()
    };
    let answerable: Vec<&(commitment::Model, CommitmentLine)> = commitments
        .iter()
        .filter(|(c, _)| c.deadline_date >= plan.as_of && !letters_of(c.id).is_empty())
        .collect();
    let nearest = answerable.iter().map(|(c, _)| c.deadline_date).min();
    let answered: Vec<&(commitment::Model, CommitmentLine)> = answerable
        .into_iter()
        .filter(|(c, _)| Some(c.deadline_date) == nearest)
        .collect();
    let fulfils = answered.iter().map(|(_, line)| line.clone()).collect();
    // The Kamerbrief milestones this report is, and the commitments it answers: not the next
    // moment the Kamer is informed.
    let own_letters: std::collections::HashSet<i32> = answered
        .iter()
        .flat_map(|(c, _)| letters_of(c.id))
        .collect();
    let own_commitments: std::collections::HashSet<i32> =
        answered.iter().map(|(c, _)| c.id).collect();
    let (health, kern) = kern(&plan, &commitments);
    let next_moment = next_moment(&plan, &commitments, &own_letters, &own_commitments);
    let (kpis, unreportable, charts) = kpis(&plan, &now).await?;
    let (tasks_done, tasks_due, sources) = data(&plan, &now).await?;
    let changes = match &request.previous {
        Some(_) => changes(&plan, db, &now, settings).await?,
        None => Changes::default(),
    };
    Ok(Content {
        title: request.title.clone(),
        language: lang,
        peildatum: request.as_of,
        peildatum_text: lang.date(request.as_of),
        period,
        programme: programme
            .as_ref()
            .map(|p| p.name.clone())
            .unwrap_or_default(),
        goal: programme.map(|p| p.goal).unwrap_or_default(),
        previous: request
            .previous
            .as_ref()
            .map(|(title, day)| format!("{title} ({})", lang.date(*day))),
        fulfils,
        earlier: earlier_letters(db, &now, request).await?,
        health,
        kern,
        phases: phases(&plan, &now).await?,
        kpis,
        unreportable,
        tasks_done,
        tasks_due,
        sources,
        commitments: commitments.into_iter().map(|(_, line)| line).collect(),
        changes,
        next_steps: next_steps(&plan),
        next_moment,
        timeline: timeline(&plan),
        charts,
    })
}

fn kern(plan: &Plan, commitments: &[(commitment::Model, CommitmentLine)]) -> (String, Vec<String>) {
    let lang = plan.lang;
    let nl = lang == Language::Nl;
    let total = plan
        .milestones
        .iter()
        .filter(|m| m.status != WorkStatus::Cancelled)
        .count();
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
    // The computed health counts; a manager's differing judgement is named, not counted.
    let health_of = |h: Health| {
        plan.milestones
            .iter()
            .filter(|m| Plan::open(m))
            .filter(|m| plan.p(m.id).is_some_and(|p| p.computed == h))
            .count()
    };
    let (risk, late) = (health_of(Health::AtRisk), health_of(Health::OffTrack));
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
    let at_risk = plan.schedule.commitments_at_risk();
    let letters = at_risk
        .iter()
        .filter(|r| r.needs_postponement_letter())
        .count();
    let missed = at_risk
        .iter()
        .filter(|r| r.state == CommitmentState::Missed)
        .count();
    let missed_done = at_risk
        .iter()
        .filter(|r| r.state == CommitmentState::Missed && r.work_done)
        .count();
    let overall = if late > 0 || letters > 0 || missed > 0 {
        Health::OffTrack
    } else if risk > 0 {
        Health::AtRisk
    } else {
        Health::OnTrack
    };
    let path = plan.milestones.first().map(|m| {
        plan.schedule
            .critical_path(Scope::Programme(m.programme_id))
    });
    let end = path.as_ref().and_then(|c| c.end);
    // "In deze periode" only when there is a previous report to count from.
    let first = plan.since.is_none();
    let mut sentences = vec![match (nl, first) {
        (true, false) => format!(
            "{done} van de {total} mijlpalen zijn gereed, waarvan {done_since} in deze periode."
        ),
        (true, true) => format!("Sinds de start zijn {done} van de {total} mijlpalen gereed."),
        (false, false) => {
            format!("{done} of {total} milestones are done, {done_since} of them in this period.")
        }
        (false, true) => format!("Since the start, {done} of {total} milestones have been done."),
    }];
    sentences.push(if nl {
        format!(
            "{risk} {} risico en {late} {} achter op schema.",
            if risk == 1 {
                "mijlpaal loopt"
            } else {
                "mijlpalen lopen"
            },
            if late == 1 { "ligt" } else { "liggen" }
        )
    } else {
        format!(
            "{risk} {} at risk and {late} {} off track.",
            if risk == 1 {
                "milestone is"
            } else {
                "milestones are"
            },
            if late == 1 { "is" } else { "are" }
        )
    });
    match judged.as_slice() {
        [] => {}
        [(m, p)] => sentences.push(if nl {
            format!(
                "De beheerder beoordeelt \"{}\" als {}; volgens de berekening is de stand {}, en die is in deze rapportage aangehouden.",
                m.title,
                lang.health(p.health),
                lang.health(p.computed)
            )
        } else {
            format!(
                "The manager judges \"{}\" {}; the schedule gives {}, which this report uses.",
                m.title,
                lang.health(p.health),
                lang.health(p.computed)
            )
        }),
        more => sentences.push(if nl {
            format!(
                "Bij {} mijlpalen wijkt het oordeel van de beheerder af van de berekening; in deze rapportage is de berekende stand aangehouden.",
                more.len()
            )
        } else {
            format!(
                "For {} milestones the manager's judgement differs from the computed health; this report uses the computed health.",
                more.len()
            )
        }),
    }
    let open = commitments.len();
    // Missed first (what has already gone wrong), then what still needs a postponement letter.
    if missed > 0 {
        sentences.push(match (nl, missed) {
            (true, 1) if open == 1 => {
                "De termijn van de openstaande toezegging is al verstreken: de toezegging is niet op tijd nagekomen."
                    .to_owned()
            }
            (true, 1) => format!(
                "Van 1 van de {open} openstaande toezeggingen is de termijn al verstreken zonder dat die is nagekomen."
            ),
            (true, n) => format!(
                "Van {n} van de {open} openstaande toezeggingen is de termijn al verstreken zonder dat ze zijn nagekomen."
            ),
            (false, 1) if open == 1 => {
                "The deadline of the open commitment has already passed: it was not kept in time."
                    .to_owned()
            }
            (false, 1) => format!(
                "1 of the {open} open commitments has passed its deadline without being kept."
            ),
            (false, n) => format!(
                "{n} of the {open} open commitments have passed their deadline without being kept."
            ),
        });
        if missed_done > 0 {
            sentences.push(match (nl, missed_done == missed) {
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
    let letters_sentence = match (nl, letters) {
        (_, 0) if missed > 0 => None,
        (_, _) if open == 0 => Some(if nl {
            "Er zijn geen openstaande toezeggingen aan de Kamer.".to_owned()
        } else {
            "There are no open commitments to the Kamer.".to_owned()
        }),
        (true, 0) if open == 1 => {
            Some("De openstaande toezegging vraagt (nog) niet om een uitstelbrief.".to_owned())
        }
        (true, 1) if open == 1 => {
            Some("De openstaande toezegging vraagt om een uitstelbrief.".to_owned())
        }
        (false, 0) if open == 1 => {
            Some("The open commitment does not need a postponement letter (yet).".to_owned())
        }
        (false, 1) if open == 1 => {
            Some("The open commitment needs a postponement letter.".to_owned())
        }
        (true, 0) => Some(format!(
            "Geen van de {open} openstaande toezeggingen vraagt om een uitstelbrief."
        )),
        (true, 1) => Some(format!(
            "1 van de {open} openstaande toezeggingen vraagt om een uitstelbrief."
        )),
        (true, n) => Some(format!(
            "{n} van de {open} openstaande toezeggingen vragen om een uitstelbrief."
        )),
        (false, 0) => Some(format!(
            "None of the {open} open commitments needs a postponement letter."
        )),
        (false, 1) => Some(format!(
            "1 of the {open} open commitments needs a postponement letter."
        )),
        (false, n) => Some(format!(
            "{n} of the {open} open commitments need a postponement letter."
        )),
    };
    sentences.extend(letters_sentence);
    if let Some(end) = end {
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
    let chain: Vec<&str> = path
        .iter()
        .flat_map(|c| &c.steps)
        .filter(|step| step.slack_days.is_some())
        .filter_map(|step| plan.schedule.title(step.milestone))
        // "Fase 1 afgerond: analyse ..." is named "Fase 1 afgerond" (a colon inside a word, as
        // in a web address, does not cut).
        .map(|title| title.split(": ").next().unwrap_or(title).trim())
        .collect();
    if chain.len() > 1 {
        let chain = chain.join(" → ");
        sentences.push(if nl {
            format!("Het kritieke pad naar die mijlpaal loopt via: {chain}.")
        } else {
            format!("The critical path to it runs through: {chain}.")
        });
    }
    (lang.health(overall).to_owned(), sentences)
}

async fn phases(plan: &Plan, now: &Snapshot) -> ApiResult<Vec<PhaseBlock>> {
    let mut phases = now.live::<phase::Entity>().await?;
    phases.sort_by_key(|p| (p.number, p.id));
    let horizon = plan
        .recesses
        .iter()
        .find(|r| r.first_day > plan.as_of)
        .map_or(plan.as_of + chrono::Duration::days(90), |r| r.first_day);
    let mut groups: Vec<(String, Option<i32>)> = phases
        .iter()
        .map(|p| (p.name.clone(), Some(p.id)))
        .collect();
    groups.push((
        match plan.lang {
            Language::Nl => "Overige mijlpalen".to_owned(),
            Language::En => "Other milestones".to_owned(),
        },
        None,
    ));
    let mut out = Vec::new();
    for (name, phase_id) in groups {
        let mut layers = Vec::new();
        for layer in LAYERS {
            let mine: Vec<&milestone::Model> = plan
                .milestones
                .iter()
                .filter(|m| m.phase_id == phase_id && m.layer == layer)
                .filter(|m| m.status != WorkStatus::Cancelled)
                .collect();
            let block = LayerBlock {
                name: plan.lang.layer(layer).to_owned(),
                done: mine
                    .iter()
                    .filter(|m| m.status == WorkStatus::Done && plan.in_period(m.actual_date))
                    .map(|m| plan.line(m, None))
                    .collect(),
                coming: mine
                    .iter()
                    .filter(|m| Plan::open(m))
                    .filter(|m| {
                        plan.p(m.id)
                            .is_some_and(|p| p.projected > plan.as_of && p.projected < horizon)
                    })
                    .map(|m| plan.line(m, None))
                    .collect(),
                slipped: mine
                    .iter()
                    .filter(|m| Plan::open(m) || plan.in_period(m.actual_date))
                    .filter_map(|m| slip(plan, m))
                    .collect(),
                at_risk: mine
                    .iter()
                    .filter(|m| Plan::open(m))
                    .filter(|m| plan.p(m.id).is_some_and(|p| p.health != Health::OnTrack))
                    .map(|m| {
                        let health = plan
                            .p(m.id)
                            .map(|p| plan.lang.health(p.health))
                            .unwrap_or_default();
                        let why = plan.reason(m).map_or(String::new(), |r| format!(": {r}"));
                        plan.line(m, Some(format!("{health}{why}")))
                    })
                    .collect(),
            };
            if !(block.done.is_empty()
                && block.coming.is_empty()
                && block.slipped.is_empty()
                && block.at_risk.is_empty())
            {
                layers.push(block);
            }
        }
        if !layers.is_empty() {
            out.push(PhaseBlock { name, layers });
        }
    }
    Ok(out)
}

/// The earlier letters to the Kamer, oldest first: the commitments' letters sent by the
/// peildatum, and the published reports of an earlier peildatum.
async fn earlier_letters(
    db: &DatabaseConnection,
    now: &Snapshot,
    request: &Request,
) -> ApiResult<Vec<String>> {
    let lang = request.language;
    let nl = lang == Language::Nl;
    let numbers: HashMap<i32, String> = now
        .all::<commitment::Entity>()
        .await?
        .iter()
        .map(|c| (c.id, c.number.clone()))
        .collect();
    let mut out: Vec<(NaiveDate, String)> = Vec::new();
    for letter in now
        .live::<entity::commitment_letter::Entity>()
        .await?
        .iter()
        .filter(|l| l.sent_on <= request.as_of)
    {
        let number = numbers
            .get(&letter.commitment_id)
            .cloned()
            .unwrap_or_default();
        let day = lang.date(letter.sent_on);
        let kenmerk = match &letter.reference {
            Some(r) => format!(" ({r})"),
            None => String::new(),
        };
        let text = match (letter.kind, nl) {
            (entity::LetterKind::Postponement, true) => {
                format!("uitstelbrief van {day} over toezegging {number}{kenmerk}")
            }
            (entity::LetterKind::Postponement, false) => {
                format!("postponement letter of {day} on commitment {number}{kenmerk}")
            }
            (entity::LetterKind::Fulfilment, true) => {
                format!("brief van {day} waarmee toezegging {number} is nagekomen{kenmerk}")
            }
            (entity::LetterKind::Fulfilment, false) => {
                format!("letter of {day} fulfilling commitment {number}{kenmerk}")
            }
        };
        out.push((letter.sent_on, text));
    }
    use entity::progress_report;
    let reports = progress_report::Entity::find()
        .filter(progress_report::Column::Status.eq(entity::ReportStatus::Published))
        .filter(progress_report::Column::DeletedAt.is_null())
        .filter(progress_report::Column::AsOf.lt(request.as_of))
        .filter(progress_report::Column::PublishedAt.lte(request.read_at))
        .order_by_asc(progress_report::Column::AsOf)
        .all(db)
        .await?;
    for r in reports {
        let day = lang.date(r.as_of);
        out.push((
            r.as_of,
            if nl {
                format!("voortgangsrapportage \"{}\" (peildatum {day})", r.title)
            } else {
                format!("progress report \"{}\" (as of {day})", r.title)
            },
        ));
    }
    out.sort_by_key(|(day, _)| *day);
    Ok(out.into_iter().map(|(_, text)| text).collect())
}

/// Why milestones' dates moved, as of the report: the latest `changeReason` of a change to each
/// one's planned, forecast or actual date, and the latest postponement letter of a commitment
/// each one fulfils.
async fn explanations(
    db: &DatabaseConnection,
    now: &Snapshot,
    request: &Request,
) -> ApiResult<(HashMap<i32, String>, HashMap<i32, (NaiveDate, String)>)> {
    let records = change_record::Entity::find()
        .filter(change_record::Column::Entity.eq("Milestone"))
        .filter(change_record::Column::Field.is_in([
            "planned_date",
            "forecast_date",
            "actual_date",
        ]))
        .filter(change_record::Column::ChangeReason.is_not_null())
        .filter(change_record::Column::ChangedAt.lte(request.read_at))
        .order_by_asc(change_record::Column::Id)
        .all(db)
        .await?;
    // Only a move to a later date explains a slip (a reason for moving earlier does not).
    let day = |v: &Option<String>| v.as_deref().and_then(|t| t.parse::<NaiveDate>().ok());
    let explained = records
        .into_iter()
        .filter(|r| match (day(&r.old_value), day(&r.new_value)) {
            (Some(old), Some(new)) => new > old,
            (None, Some(_)) => true,
            _ => false,
        })
        .filter_map(|r| r.change_reason.map(|why| (r.entity_id, why)))
        .collect();
    let letters = now.live::<entity::commitment_letter::Entity>().await?;
    let links = now.links(&links::COMMITMENT_MILESTONE).await?;
    let mut postponed: HashMap<i32, (NaiveDate, String)> = HashMap::new();
    for letter in letters
        .iter()
        .filter(|l| l.kind == entity::LetterKind::Postponement && l.sent_on <= request.as_of)
    {
        let why = letter.reason.clone().unwrap_or_default();
        for &(commitment, milestone) in links.iter() {
            if commitment == letter.commitment_id
                && postponed
                    .get(&milestone)
                    .is_none_or(|(sent, _)| letter.sent_on >= *sent)
            {
                postponed.insert(milestone, (letter.sent_on, why.clone()));
            }
        }
    }
    Ok((explained, postponed))
}

/// Why `m` moved, as a sentence in the report's language: the reason given with a move to a
/// later date, the postponement letter that moved it, the predecessor that pushes it or its
/// being overdue, the manager's judgement, or that none was given.
fn explanation(plan: &Plan, m: &milestone::Model) -> String {
    let nl = plan.lang == Language::Nl;
    if let Some(why) = plan.explained.get(&m.id) {
        return if nl {
            format!("Toelichting: {why}")
        } else {
            format!("Reason: {why}")
        };
    }
    if let Some((sent, why)) = plan.postponed.get(&m.id) {
        let day = plan.lang.date(*sent);
        return if nl {
            format!("Uitgesteld met de uitstelbrief van {day}: {why}")
        } else {
            format!("Postponed by the letter of {day}: {why}")
        };
    }
    // What the schedule knows: a predecessor pushes it, or it is overdue.
    if let Some(reason) = plan.p(m.id).and_then(|p| {
        p.reasons.iter().find(|r| {
            matches!(
                r.code,
                ReasonCode::PushedByPredecessor
                    | ReasonCode::InfeasibleForecast
                    | ReasonCode::Overdue
            )
        })
    }) {
        return reason.message(plan.lang);
    }
    if let Some(why) = m
        .health_override_reason
        .as_deref()
        .filter(|_| m.health_override.is_some())
    {
        return if nl {
            format!("Oordeel van de beheerder: {why}")
        } else {
            format!("The manager's judgement: {why}")
        };
    }
    if nl {
        "Geen toelichting gegeven".to_owned()
    } else {
        "No explanation given".to_owned()
    }
}

fn slip(plan: &Plan, m: &milestone::Model) -> Option<Slip> {
    let p = plan.p(m.id)?;
    let (original, latest) = plan.baselined.get(&m.id).copied()?;
    let against_original = (p.projected - original).num_days();
    if against_original <= 0 {
        return None;
    }
    let lang = plan.lang;
    Some(Slip {
        title: m.title.clone(),
        date: lang.date(p.projected),
        original: lang.days(against_original),
        latest: latest.map(|d| lang.days((p.projected - d).num_days())),
        when: match (m.status == WorkStatus::Done, lang) {
            (true, Language::Nl) => format!("gerealiseerd op {}", lang.date(p.projected)),
            (true, Language::En) => format!("done on {}", lang.date(p.projected)),
            (false, Language::Nl) => format!("verwacht {}", lang.date(p.projected)),
            (false, Language::En) => format!("expected {}", lang.date(p.projected)),
        },
        // Printed as a sentence of its own, after the figures.
        reason: Some(full_stop(&sentence(&explanation(plan, m)))),
    })
}

/// `text` ending a sentence: a full stop added unless it ends with one, "!" or "?".
fn full_stop(text: &str) -> String {
    if text.ends_with(['.', '!', '?']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// `text` with its first letter in upper case ("gepland 2 juli" → "Gepland 2 juli"; the Dutch
/// digraph too: "ijkpunt" → "IJkpunt").
fn sentence(text: &str) -> String {
    if let Some(rest) = text.strip_prefix("ij") {
        return format!("IJ{rest}");
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

async fn commitments(
    plan: &Plan,
    now: &Snapshot,
) -> ApiResult<Vec<(commitment::Model, CommitmentLine)>> {
    let lang = plan.lang;
    let nl = lang == Language::Nl;
    let mut open: Vec<commitment::Model> = now
        .live::<commitment::Entity>()
        .await?
        .into_iter()
        .filter(|c| c.status == CommitmentStatus::Open)
        .collect();
    open.sort_by_key(|c| (c.deadline_date, c.id));
    Ok(open
        .into_iter()
        .map(|c| {
            let deadline = match &c.deadline_text {
                Some(text) => format!("{text} ({})", lang.date(c.deadline_date)),
                None => lang.date(c.deadline_date),
            };
            let risk = plan.schedule.commitment(c.id);
            let expected = risk
                .as_ref()
                .and_then(|r| r.projected)
                .map(|d| lang.date(d))
                .unwrap_or_default();
            let cause = risk
                .as_ref()
                .and_then(|r| r.caused_by)
                .and_then(|id| plan.schedule.title(id))
                .unwrap_or_default();
            let late = lang.days(risk.as_ref().and_then(|r| r.days_late).unwrap_or_default());
            let work_done = risk.as_ref().is_some_and(|r| r.work_done);
            let state = match (risk.as_ref().map(|r| r.state), nl) {
                (Some(CommitmentState::Missed), true) if cause.is_empty() => {
                    format!("termijn verstreken, niet nagekomen: {late} over tijd")
                }
                (Some(CommitmentState::Missed), false) if cause.is_empty() => {
                    format!("deadline passed, not kept: {late} overdue")
                }
                // The work is done; the letter to the Kamer was not recorded.
                (Some(CommitmentState::Missed), true) if work_done => format!(
                    "termijn verstreken, niet nagekomen: {late} over tijd; \"{cause}\" is gereed sinds {expected}, maar er is geen brief aan de Kamer vastgelegd"
                ),
                (Some(CommitmentState::Missed), false) if work_done => format!(
                    "deadline passed, not kept: {late} overdue; \"{cause}\" has been done since {expected}, but no letter to the Kamer was recorded"
                ),
                (Some(CommitmentState::Missed), true) => format!(
                    "termijn verstreken, niet nagekomen: {late} over tijd; \"{cause}\" wordt nu verwacht op {expected}"
                ),
                (Some(CommitmentState::Missed), false) => format!(
                    "deadline passed, not kept: {late} overdue; \"{cause}\" is now expected on {expected}"
                ),
                (Some(CommitmentState::NeedsPostponementLetter), true) => format!(
                    "uitstelbrief nodig: \"{cause}\" wordt verwacht op {expected}, {} na de termijn",
                    lang.days(risk.as_ref().and_then(|r| r.days_late).unwrap_or_default())
                ),
                (Some(CommitmentState::NeedsPostponementLetter), false) => format!(
                    "postponement letter needed: \"{cause}\" is expected on {expected}, {} late",
                    lang.days(risk.as_ref().and_then(|r| r.days_late).unwrap_or_default())
                ),
                (Some(CommitmentState::AtRisk), true) if expected.is_empty() => format!(
                    "risico: de termijn is over {}, en er is nog geen mijlpaal gekoppeld",
                    lang.days((c.deadline_date - plan.as_of).num_days())
                ),
                (Some(CommitmentState::AtRisk), false) if expected.is_empty() => format!(
                    "at risk: the deadline is {} away, and no milestone is linked yet",
                    lang.days((c.deadline_date - plan.as_of).num_days())
                ),
                (Some(CommitmentState::AtRisk), true) => {
                    format!("risico: verwacht op {expected}, met weinig marge")
                }
                (Some(CommitmentState::AtRisk), false) => {
                    format!("at risk: expected on {expected}, with little margin")
                }
                (_, true) if expected.is_empty() => "nog geen mijlpaal gekoppeld".to_owned(),
                (_, false) if expected.is_empty() => "no milestone linked yet".to_owned(),
                // The work is done in time; the letter that fulfils the commitment is to come.
                (_, true) if work_done => format!(
                    "op schema: \"{cause}\" is gereed sinds {expected}; de brief aan de Kamer is nog niet vastgelegd"
                ),
                (_, false) if work_done => format!(
                    "on track: \"{cause}\" has been done since {expected}; the letter to the Kamer is not recorded yet"
                ),
                (_, true) => format!("op schema: verwacht op {expected}"),
                (_, false) => format!("on track: expected on {expected}"),
            };
            let line = CommitmentLine {
                number: c.number.clone(),
                text: c.text.clone(),
                deadline,
                state,
            };
            (c, line)
        })
        .collect())
}

type KpiSections = (Vec<KpiLine>, Vec<Unreportable>, Vec<KpiChart>);

async fn kpis(plan: &Plan, now: &Snapshot) -> ApiResult<KpiSections> {
    let lang = plan.lang;
    let nl = lang == Language::Nl;
    let mut kpis = now.live::<kpi::Entity>().await?;
    kpis.sort_by(|a, b| a.code.cmp(&b.code));
    let measurements = now.live::<kpi_measurement::Entity>().await?;
    let targets = now.live::<kpi_target::Entity>().await?;
    let sources: HashMap<i32, data_source::Model> = now
        .live::<data_source::Entity>()
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let kpi_sources = now.links(&links::KPI_DATA_SOURCE).await?;
    let task_kpis = now.links(&links::TASK_KPI).await?;
    let tasks: HashMap<i32, data_infra_task::Model> = now
        .live::<data_infra_task::Entity>()
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let value = |m: &kpi_measurement::Model, unit: &str| {
        format!(
            "{} {unit} ({})",
            lang.measured(&m.value, m.qualifier),
            period_label(m.period_start, m.period_end)
        )
    };
    let (mut lines, mut blocked, mut charts) = (Vec::new(), Vec::new(), Vec::new());
    for k in kpis {
        let mut mine: Vec<&kpi_measurement::Model> = measurements
            .iter()
            .filter(|m| m.kpi_id == k.id && m.period_end <= plan.as_of)
            .collect();
        mine.sort_by_key(|m| (m.period_end, m.id));
        // One series per layer measured, and one for the whole (layer: none), in LAYERS order
        // (the whole last). A total is only what was measured as one: layers never add up here.
        let series: Vec<(Option<GovernmentLayer>, Vec<&kpi_measurement::Model>)> = LAYERS
            .iter()
            .map(|layer| {
                let of: Vec<&kpi_measurement::Model> =
                    mine.iter().copied().filter(|m| m.layer == *layer).collect();
                (*layer, of)
            })
            .filter(|(_, of)| !of.is_empty())
            .collect();
        let year = chrono::Datelike::year(&plan.as_of);
        // The target of a series: its layer's for the peildatum's year or the nearest later one,
        // else its latest.
        let target_of = |layer: Option<GovernmentLayer>| {
            let mut set: Vec<&kpi_target::Model> = targets
                .iter()
                .filter(|t| t.kpi_id == k.id && t.layer == layer)
                .collect();
            set.sort_by_key(|t| t.year);
            set.iter().find(|t| t.year >= year).or(set.last()).copied()
        };
        let show_target =
            |t: &kpi_target::Model| format!("{} {} ({})", lang.exact(&t.value), k.unit, t.year);
        // Better, worse or the same as the value before, by the KPI's direction, with the
        // nulmeting: the KPI's own (`baselineValue`, `baselinePeriod`) for the row, else the
        // series' first value.
        let trend_of = |of: &[&kpi_measurement::Model], own_baseline: bool| -> Option<String> {
            let (first, last) = (of.first()?, of.last()?);
            let before = of.len().checked_sub(2).and_then(|i| of.get(i))?;
            let (b, l) = (before.value.0, last.value.0);
            let better = match k.direction {
                KpiDirection::HigherIsBetter => l > b,
                KpiDirection::LowerIsBetter => l < b,
            };
            let word = match (l == b, better, nl) {
                (true, _, true) => "gelijk aan de vorige meting",
                (true, _, false) => "the same as the previous measurement",
                (false, true, true) => "beter dan de vorige meting",
                (false, true, false) => "better than the previous measurement",
                (false, false, true) => "slechter dan de vorige meting",
                (false, false, false) => "worse than the previous measurement",
            };
            // The KPI's own nulmeting where it has one; else the series' first measurement,
            // named as such.
            let (label, amount, period) =
                match (&k.baseline_value, &k.baseline_period, own_baseline) {
                    (Some(v), Some(period), true) => (
                        if nl { "nulmeting" } else { "baseline" },
                        lang.exact(v),
                        period.clone(),
                    ),
                    _ => (
                        if nl {
                            "eerste meting"
                        } else {
                            "first measurement"
                        },
                        lang.measured(&first.value, first.qualifier),
                        period_label(first.period_start, first.period_end),
                    ),
                };
            let unit = &k.unit;
            Some(format!("{word} ({label} {amount} {unit} in {period})"))
        };
        // The table's row: the whole where measured as one; else the only layer measured,
        // named; else the layers below it.
        let main = match series.as_slice() {
            [(layer, of)] => Some((*layer, of)),
            _ => series
                .iter()
                .find(|(l, _)| l.is_none())
                .map(|(l, of)| (*l, of)),
        };
        let latest = main.and_then(|(layer, of)| {
            let m = of.last()?;
            Some(match layer {
                None => value(m, &k.unit),
                Some(layer) => format!(
                    "{} {} ({}, {})",
                    lang.measured(&m.value, m.qualifier),
                    k.unit,
                    period_label(m.period_start, m.period_end),
                    lang.layer(Some(layer))
                ),
            })
        });
        let by_layer = series.len() > 1 && main.is_none();
        let target = match main {
            Some((layer, _)) => target_of(layer).map(show_target),
            None => target_of(None).map(show_target),
        }
        .or_else(|| {
            // "See below" only where there are lines below.
            let per_layer = series.len() > 1
                && LAYERS
                    .iter()
                    .flatten()
                    .any(|l| target_of(Some(*l)).is_some());
            Some(match (per_layer, nl) {
                (true, true) => "per laag (zie onder)".to_owned(),
                (true, false) => "per layer (see below)".to_owned(),
                (false, true) => "geen doel vastgesteld".to_owned(),
                (false, false) => "no target set".to_owned(),
            })
        });
        let trend = main.and_then(|(_, of)| trend_of(of, true));
        let mut per_layer = Vec::new();
        if series.len() > 1 {
            for (layer, of) in series.iter().filter(|(l, _)| l.is_some()) {
                let Some(m) = of.last() else { continue };
                let mut parts = vec![format!("{}: {}", lang.layer(*layer), value(m, &k.unit))];
                parts.push(match (target_of(*layer), nl) {
                    (Some(t), true) => format!("doel {}", show_target(t)),
                    (Some(t), false) => format!("target {}", show_target(t)),
                    (None, true) => "geen doel vastgesteld".to_owned(),
                    (None, false) => "no target set".to_owned(),
                });
                if let Some(trend) = trend_of(of, false) {
                    parts.push(trend);
                }
                per_layer.push(parts.join(", "));
            }
        }
        let latest = latest.or_else(|| {
            by_layer.then(|| {
                if nl {
                    "per laag (zie onder)".to_owned()
                } else {
                    "per layer (see below)".to_owned()
                }
            })
        });
        // Reportable only when its sources are usable and the tasks that unblock it are done.
        let mut why = Vec::new();
        for &(_, source_id) in kpi_sources.iter().filter(|(kid, _)| *kid == k.id) {
            let name = sources
                .get(&source_id)
                .map(|s| s.name.as_str())
                .unwrap_or_default();
            for (dimension, score) in plan
                .quality
                .iter()
                .filter(|((s, _), _)| *s == source_id)
                .filter(|(_, q)| q.score < 3)
                .map(|((_, d), q)| (d, q.score))
            {
                why.push(format!("{name}: {} {score}/5", lang.dimension(*dimension)));
            }
        }
        for &(task_id, _) in task_kpis.iter().filter(|(_, kid)| *kid == k.id) {
            if let Some(t) = tasks.get(&task_id).filter(|t| t.status != WorkStatus::Done) {
                why.push(if nl {
                    format!(
                        "taak \"{}\" nog niet gereed (gepland {})",
                        t.title,
                        lang.date(t.due_date)
                    )
                } else {
                    format!(
                        "task \"{}\" not done yet (due {})",
                        t.title,
                        lang.date(t.due_date)
                    )
                });
            }
        }
        if mine.is_empty() {
            why.push(if nl {
                "nog geen meting".to_owned()
            } else {
                "no measurement yet".to_owned()
            });
        }
        // Either reported with its values or listed as not reportable, never both.
        if !why.is_empty() {
            blocked.push(Unreportable {
                code: k.code.clone(),
                name: k.name.clone(),
                why,
            });
            continue;
        }
        // A chart for every series of two or more values.
        for (layer, of) in series.iter().filter(|(_, of)| of.len() > 1) {
            let points: Vec<(NaiveDate, f64)> = of
                .iter()
                .filter_map(|m| Some((m.period_end, m.value.0.to_f64()?)))
                .collect();
            charts.push(KpiChart {
                code: match layer {
                    None => k.code.clone(),
                    Some(_) => format!("{} ({})", k.code, lang.layer(*layer)),
                },
                unit: k.unit.clone(),
                points,
                target: target_of(*layer).and_then(|t| t.value.0.to_f64()),
            });
        }
        lines.push(KpiLine {
            code: k.code.clone(),
            name: k.name.clone(),
            unit: k.unit.clone(),
            latest,
            target,
            trend,
            per_layer,
        });
    }
    Ok((lines, blocked, charts))
}

/// The latest assessment per (source, dimension).
async fn latest_quality(
    now: &Snapshot,
) -> ApiResult<BTreeMap<(i32, entity::QualityDimension), data_quality_assessment::Model>> {
    let mut latest = BTreeMap::new();
    let mut all = now.live::<data_quality_assessment::Entity>().await?;
    all.sort_by_key(|a| (a.assessed_on, a.id));
    for a in all {
        latest.insert((a.data_source_id, a.dimension), a);
    }
    Ok(latest)
}

async fn data(plan: &Plan, now: &Snapshot) -> ApiResult<(Vec<Line>, Vec<Line>, Vec<Source>)> {
    let lang = plan.lang;
    let mut tasks = now.live::<data_infra_task::Entity>().await?;
    tasks.sort_by_key(|t| (t.due_date, t.id));
    let note = |t: &data_infra_task::Model| Some(lang.layer(t.layer).to_owned());
    let done = tasks
        .iter()
        .filter(|t| t.status == WorkStatus::Done && plan.in_period(t.completed_on))
        .map(|t| Line {
            title: t.title.clone(),
            date: lang.date(t.completed_on.unwrap_or(t.due_date)),
            note: note(t),
        })
        .collect();
    let due = tasks
        .iter()
        .filter(|t| !matches!(t.status, WorkStatus::Done | WorkStatus::Cancelled))
        .map(|t| Line {
            title: t.title.clone(),
            date: lang.date(t.due_date),
            note: note(t),
        })
        .collect();
    let mut sources = now.live::<data_source::Entity>().await?;
    sources.sort_by(|a, b| a.name.cmp(&b.name));
    let sources = sources
        .into_iter()
        .map(|s| Source {
            scores: plan
                .quality
                .iter()
                .filter(|((id, _), _)| *id == s.id)
                .map(|((_, d), q)| {
                    format!(
                        "{} {}/5: {}",
                        lang.dimension(*d),
                        q.score,
                        q.finding.trim_end_matches('.')
                    )
                })
                .collect(),
            name: s.name,
        })
        .collect();
    Ok((done, due, sources))
}

async fn changes(
    plan: &Plan,
    db: &DatabaseConnection,
    now: &Snapshot,
    settings: Settings,
) -> ApiResult<Changes> {
    let lang = plan.lang;
    let nl = lang == Language::Nl;
    let Some(since) = plan.since else {
        return Ok(Changes::default());
    };
    let then = Snapshot::new(db.clone(), end_of(since), settings);
    let records = change_record::Entity::find()
        .filter(change_record::Column::ChangedAt.gt(end_of(since)))
        .filter(change_record::Column::ChangedAt.lte(plan.read_at))
        .filter(change_record::Column::Entity.is_in(["Milestone", "KpiMeasurement"]))
        .order_by_asc(change_record::Column::Id)
        .all(db)
        .await?;
    let all_now: HashMap<i32, milestone::Model> = now
        .all::<milestone::Entity>()
        .await?
        .iter()
        .map(|m| (m.id, m.clone()))
        .collect();
    let title = |id: i32| {
        all_now
            .get(&id)
            .map(|m| m.title.clone())
            .unwrap_or_default()
    };
    let measured: HashMap<i32, kpi_measurement::Model> = now
        .all::<kpi_measurement::Entity>()
        .await?
        .iter()
        .map(|m| (m.id, m.clone()))
        .collect();
    let codes: HashMap<i32, (String, String)> = now
        .all::<kpi::Entity>()
        .await?
        .iter()
        .map(|k| (k.id, (k.code.clone(), k.unit.clone())))
        .collect();
    let mut out = Changes::default();
    let mut seen = std::collections::HashSet::new();
    for r in &records {
        let day = lang.date(crate::service::status_date::dutch_day(r.changed_at));
        match (r.entity.as_str(), r.action, r.field.as_deref()) {
            ("Milestone", ChangeAction::Create, _) if seen.insert(("added", r.entity_id)) => {
                out.added.push(Line {
                    title: title(r.entity_id),
                    date: day,
                    note: None,
                });
            }
            ("Milestone", ChangeAction::Delete, _) if seen.insert(("removed", r.entity_id)) => {
                out.removed.push(Line {
                    title: title(r.entity_id),
                    date: day,
                    note: None,
                });
            }
            ("Milestone", ChangeAction::Update, Some("status"))
                if r.new_value.as_deref() == Some("DONE") =>
            {
                let done = all_now.get(&r.entity_id).and_then(|m| m.actual_date);
                out.completed.push(Line {
                    title: title(r.entity_id),
                    date: done.map_or(day, |d| lang.date(d)),
                    note: None,
                });
            }
            (
                "Milestone",
                ChangeAction::Update,
                Some(field @ ("forecast_date" | "planned_date")),
            ) => {
                let show = |v: &Option<String>| {
                    v.as_deref()
                        .and_then(|t| t.parse::<NaiveDate>().ok())
                        .map_or_else(|| "-".to_owned(), |d| lang.date(d))
                };
                let what = match (field, nl) {
                    ("forecast_date", true) => "prognose",
                    ("forecast_date", false) => "forecast",
                    (_, true) => "planning",
                    (_, false) => "plan",
                };
                // Why it moved: the reason given with the change, or (for a later date) that
                // none was given.
                let day_of =
                    |v: &Option<String>| v.as_deref().and_then(|t| t.parse::<NaiveDate>().ok());
                let later = match (day_of(&r.old_value), day_of(&r.new_value)) {
                    (Some(old), Some(new)) => new > old,
                    (None, Some(_)) => true,
                    _ => false,
                };
                let why = match (&r.change_reason, later, nl) {
                    (Some(reason), _, true) => format!("; toelichting: {reason}"),
                    (Some(reason), _, false) => format!("; reason: {reason}"),
                    (None, true, true) => "; geen toelichting gegeven".to_owned(),
                    (None, true, false) => "; no explanation given".to_owned(),
                    (None, false, _) => String::new(),
                };
                out.moved.push(Line {
                    title: title(r.entity_id),
                    date: day,
                    note: Some(if nl {
                        format!(
                            "{what} van {} naar {}{why}",
                            show(&r.old_value),
                            show(&r.new_value)
                        )
                    } else {
                        format!(
                            "{what} from {} to {}{why}",
                            show(&r.old_value),
                            show(&r.new_value)
                        )
                    }),
                });
            }
            ("KpiMeasurement", ChangeAction::Create, _)
                if seen.insert(("measured", r.entity_id)) =>
            {
                if let Some(m) = measured.get(&r.entity_id) {
                    let (code, unit) = codes.get(&m.kpi_id).cloned().unwrap_or_default();
                    // The layer measured, or the whole: a layer's value never passes for it.
                    let whose = match m.layer {
                        Some(_) => format!(", {}", lang.layer(m.layer)),
                        None => String::new(),
                    };
                    out.measurements.push(Line {
                        title: code,
                        date: day,
                        note: Some(format!(
                            "{} {unit} ({}{whose})",
                            lang.measured(&m.value, m.qualifier),
                            period_label(m.period_start, m.period_end)
                        )),
                    });
                }
            }
            _ => {}
        }
    }
    // Health is computed: compare the schedule then and now.
    let before = then.schedule().await?;
    for m in plan.milestones.iter().filter(|m| Plan::open(m)) {
        if let (Some(a), Some(b)) = (before.get(m.id), plan.p(m.id))
            && a.health != b.health
        {
            out.health.push(Line {
                title: m.title.clone(),
                date: lang.date(b.projected),
                note: Some(if nl {
                    format!(
                        "van {} naar {}",
                        lang.health(a.health),
                        lang.health(b.health)
                    )
                } else {
                    format!(
                        "from {} to {}",
                        lang.health(a.health),
                        lang.health(b.health)
                    )
                }),
            });
        }
    }
    Ok(out)
}

fn next_steps(plan: &Plan) -> Vec<Line> {
    let mut open: Vec<(&milestone::Model, NaiveDate)> = plan
        .milestones
        .iter()
        .filter(|m| Plan::open(m))
        .filter_map(|m| plan.p(m.id).map(|p| (m, p.projected)))
        .filter(|(_, d)| *d > plan.as_of)
        .collect();
    open.sort_by_key(|(m, d)| (*d, m.id));
    open.into_iter()
        .take(6)
        .map(|(m, _)| plan.line(m, Some(plan.lang.layer(m.layer).to_owned())))
        .collect()
}

/// The next moment the Kamer is informed after this report: the earliest of the next planned
/// Kamerbrief (other than this report's own) and the next open commitment's deadline (other
/// than those this report answers); else that none is planned yet.
fn next_moment(
    plan: &Plan,
    commitments: &[(commitment::Model, CommitmentLine)],
    own_letters: &std::collections::HashSet<i32>,
    own_commitments: &std::collections::HashSet<i32>,
) -> Option<String> {
    let lang = plan.lang;
    let parliament = plan
        .milestones
        .iter()
        .filter(|m| Plan::open(m) && m.kind == MilestoneKind::Parliament)
        .filter(|m| !own_letters.contains(&m.id))
        .filter_map(|m| plan.p(m.id).map(|p| (m, p.projected)))
        .filter(|(_, d)| *d >= plan.as_of)
        .min_by_key(|(m, d)| (*d, m.id));
    let promised = commitments
        .iter()
        .filter(|(c, _)| !own_commitments.contains(&c.id) && c.deadline_date >= plan.as_of)
        .min_by_key(|(c, _)| (c.deadline_date, c.id));
    if let Some((m, day)) = parliament
        && promised.is_none_or(|(c, _)| day <= c.deadline_date)
    {
        return Some(match lang {
            Language::Nl => format!("{}, verwacht op {}", m.title, lang.date(day)),
            Language::En => format!("{}, expected on {}", m.title, lang.date(day)),
        });
    }
    if let Some((c, line)) = promised {
        return Some(match lang {
            Language::Nl => format!("toezegging {}: {} ({})", c.number, line.text, line.deadline),
            Language::En => format!("commitment {}: {} ({})", c.number, line.text, line.deadline),
        });
    }
    // Nothing planned: say so, rather than guess a moment.
    Some(match lang {
        Language::Nl => {
            "nog niet gepland (geen openstaande toezegging of geplande Kamerbrief)".to_owned()
        }
        Language::En => {
            "not planned yet (no open commitment or planned letter to the Kamer)".to_owned()
        }
    })
}

/// The most milestones the timeline shows per layer: a picture is for the few that matter, and
/// must fit a page.
const TIMELINE_PER_LAYER: usize = 15;

/// Which milestones of a crowded layer the timeline keeps: off track, then at risk, then open
/// ones, then done ones; within each, the nearest to the peildatum.
fn timeline_rank(item: &TimelineItem, as_of: NaiveDate) -> (u8, i64) {
    let urgency = match (item.done, item.health) {
        (false, Health::OffTrack) => 0,
        (false, Health::AtRisk) => 1,
        (false, Health::OnTrack) => 2,
        (true, _) => 3,
    };
    (urgency, (item.projected - as_of).num_days().abs())
}

fn timeline(plan: &Plan) -> Timeline {
    let rows = LAYERS
        .iter()
        .map(|layer| {
            let mut items: Vec<TimelineItem> = plan
                .milestones
                .iter()
                .filter(|m| m.layer == *layer && m.status != WorkStatus::Cancelled)
                .filter_map(|m| {
                    let p = plan.p(m.id)?;
                    Some(TimelineItem {
                        title: m.title.clone(),
                        baseline: plan.baselined.get(&m.id).map_or(m.baseline_date, |b| b.0),
                        projected: p.projected,
                        done: m.status == WorkStatus::Done,
                        health: p.health,
                    })
                })
                .collect();
            let mut name = plan.lang.layer(*layer).to_owned();
            let total = items.len();
            if total > TIMELINE_PER_LAYER {
                let mut ranked: Vec<usize> = (0..total).collect();
                ranked.sort_by_key(|&i| (timeline_rank(&items[i], plan.as_of), i));
                let mut keep = vec![false; total];
                for &i in &ranked[..TIMELINE_PER_LAYER] {
                    keep[i] = true;
                }
                let mut index = 0;
                items.retain(|_| {
                    index += 1;
                    keep[index - 1]
                });
                name = format!(
                    "{name} ({} {} {})",
                    TIMELINE_PER_LAYER,
                    plan.lang.of(),
                    plan.lang.number(&total.to_string())
                );
            }
            (name, items)
        })
        .collect();
    Timeline {
        rows,
        recesses: plan
            .recesses
            .iter()
            .map(|r| (r.name.clone(), r.first_day, r.last_day))
            .collect(),
        peildatum: plan.as_of,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_sentence_starts_with_a_capital() {
        use super::sentence;
        assert_eq!(sentence("gepland 2 juli 2026"), "Gepland 2 juli 2026");
        assert_eq!(sentence("ijkpunt gemist"), "IJkpunt gemist");
        assert_eq!(sentence("éénmalig"), "Éénmalig");
        assert_eq!(sentence("Al hoofdletter"), "Al hoofdletter");
        assert_eq!(sentence(""), "");
        use super::full_stop;
        assert_eq!(
            full_stop("Geen toelichting gegeven"),
            "Geen toelichting gegeven."
        );
        assert_eq!(full_stop("Kost meer tijd."), "Kost meer tijd.");
    }
}
