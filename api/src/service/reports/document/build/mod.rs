//! Building a report's content from the plan as it stood on the peildatum.

use crate::error::ApiResult;
use crate::service::history::as_of::Snapshot;
use crate::service::reports::document::content::*;
use crate::service::reports::document::facts::{
    EarlierLetter, Expected, Explanation, Moved, NextMoment, Period,
};
use crate::service::reports::document::words::{Language, Words};
use crate::service::schedule::{Projection, ReasonCode, Schedule, Settings};
use crate::service::{plan::links, schedule::baselines};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{
    ChangeAction, CommitmentStatus, GovernmentLayer, Health, MilestoneKind, WorkStatus,
    change_record, commitment, data_infra_task, data_quality_assessment, data_source, kpi,
    kpi_measurement, milestone, programme, recess_period,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, HashMap, HashSet};

mod commitments;
mod kpis;
mod progress;

use kpis::kpis;

/// What to report on.
#[derive(Clone, Debug)]
pub struct Request {
    /// The title.
    pub title: String,
    /// The commitments an earlier published edition of this peildatum answered: this edition
    /// answers those, not the next open one (None: no edition was published yet).
    pub answers: Option<Vec<i32>>,
    /// The peildatum: the plan as it stood at the end of this day (24:00 in the Netherlands);
    /// also the report's status date.
    pub as_of: NaiveDate,
    /// The language.
    pub language: Language,
    /// The previous published report: its title and peildatum (the period starts after it).
    pub previous: Option<(String, NaiveDate)>,
    /// The moment of the change history it reads: the end of the peildatum ([`end_of`]). On an
    /// instance with a fixed status date, a report of that very day reads everything recorded
    /// up to now: what was changed there was changed "today" (see `reports::workflow::content`).
    pub read_at: DateTime<Utc>,
}

/// The end of a day in the Netherlands: what an as-of view of that day sees (see
/// `status_date::end_of_day`).
pub fn end_of(day: NaiveDate) -> DateTime<Utc> {
    crate::service::schedule::status_date::end_of_day(day)
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
    lang: Words,
    as_of: NaiveDate,
    /// The moment of the history it reads (see [`Request::read_at`]).
    read_at: DateTime<Utc>,
    /// Why each milestone's date last moved: the latest reason given with a change of its
    /// planned or forecast date.
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
    /// The Kamerbrief milestones this report is (set once the commitments it answers are
    /// known): not counted as risks or coming work of the plan, since the report speaks of
    /// itself separately.
    own_letters: HashSet<i32>,
    /// The open risks of the register as of the peildatum, in the order they were recorded.
    registered: Vec<entity::risk::Model>,
    /// Every commitment's register number, by id.
    commitment_numbers: HashMap<i32, String>,
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

    /// Whether `id`'s projection is only the earliest it can still happen: it is overdue itself
    /// (moved to the status date), or a predecessor that is pushes it.
    fn at_earliest(&self, id: i32) -> bool {
        let mut at = id;
        for _ in 0..self.milestones.len() + 1 {
            let Some(p) = self.p(at) else { return false };
            if p.overdue_days.is_some() {
                return true;
            }
            match p.driver.filter(|_| p.earliest == Some(p.projected)) {
                Some(driver) => at = driver,
                None => return false,
            }
        }
        false
    }

    /// When an open milestone is expected: its projected date, and whether that is only the
    /// earliest it can still happen (overdue work sets it).
    fn expected(&self, id: i32) -> Expected {
        Expected {
            day: self.p(id).map_or(self.as_of, |p| p.projected),
            at_earliest: self.at_earliest(id),
        }
    }

    /// A milestone's own date, called a forecast only where it differs from the plan (as the
    /// schedule's reasons call it).
    fn own_date(
        m: &milestone::Model,
        p: &Projection,
    ) -> crate::service::reports::document::facts::OwnDate {
        crate::service::reports::document::facts::OwnDate {
            day: p.own,
            forecast: m.forecast_date.is_some_and(|f| f != m.planned_date),
        }
    }

    /// Where overdue work before it pushes an overdue milestone: its projection when that is
    /// after the peildatum.
    fn pushed_to(&self, p: &Projection) -> Option<NaiveDate> {
        (p.projected > self.as_of).then_some(p.projected)
    }

    fn line(&self, m: &milestone::Model, note: Option<String>) -> Line {
        let day = self.p(m.id).map_or(m.planned_date, |p| p.projected);
        Line {
            title: m.title.clone(),
            date: self.lang.date(day),
            note,
        }
    }
}

/// Build the content of a report from the plan as it stood at the end of the peildatum.
pub async fn build(
    db: &DatabaseConnection,
    settings: Settings,
    request: &Request,
) -> ApiResult<Content> {
    let lang = Words::from(request.language);
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
    let mut plan = Plan {
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
        own_letters: HashSet::new(),
        registered: {
            let mut open: Vec<entity::risk::Model> = now
                .live::<entity::risk::Entity>()
                .await?
                .into_iter()
                .filter(|r| r.status == entity::RiskStatus::Open)
                .collect();
            open.sort_by_key(|r| r.id);
            open
        },
        commitment_numbers: now
            .live::<commitment::Entity>()
            .await?
            .iter()
            .map(|c| (c.id, c.number.clone()))
            .collect(),
    };
    // A report describes a plan: a day before there was one has nothing to report.
    let Some(programme) = now.live::<programme::Entity>().await?.into_iter().next() else {
        return Err(crate::error::ApiError::invalid(
            "asOf",
            format!(
                "on {} the plan held no programme yet: choose a peildatum on or after the day the plan was recorded",
                request.as_of
            ),
        ));
    };
    let period = lang.report_period(Period {
        after: request.previous.as_ref().map(|p| p.1),
        until: request.as_of,
    });
    let mut commitments = commitments::commitments(&plan, &now).await?;
    // This report is the Kamerbrief of the open commitments that wait for an open Kamerbrief
    // milestone: the one due first (a missed one too: the report answers it late, and says so).
    // Others are not claimed.
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
    let open = |c: &commitment::Model| c.status == CommitmentStatus::Open;
    let nearest = commitments
        .iter()
        .filter(|(c, _)| open(c) && !letters_of(c.id).is_empty())
        .map(|(c, _)| c.deadline_date)
        .min();
    let own_commitments: HashSet<i32> = match &request.answers {
        Some(earlier) => earlier.iter().copied().collect(),
        None => commitments
            .iter()
            .filter(|(c, _)| open(c) && Some(c.deadline_date) == nearest)
            .filter(|(c, _)| !letters_of(c.id).is_empty())
            .map(|(c, _)| c.id)
            .collect(),
    };
    let fulfils = commitments
        .iter()
        .filter(|(c, _)| own_commitments.contains(&c.id))
        .map(|(_, line)| line.clone())
        .collect();
    // The Kamerbrief milestones this report is: not the next moment the Kamer is informed, and
    // the commitments it answers are answered by it.
    let own_letters: HashSet<i32> = own_commitments
        .iter()
        .flat_map(|c| letters_of(*c))
        .collect();
    plan.own_letters = own_letters.clone();
    let plan = plan;
    for (c, line) in commitments.iter_mut() {
        if own_commitments.contains(&c.id) {
            line.state = commitments::answered(&plan, c);
        }
    }
    let promises = progress::Promises {
        others: commitments
            .iter()
            .filter(|(c, _)| open(c) && !own_commitments.contains(&c.id))
            .map(|(c, _)| c)
            .collect(),
        answered: commitments
            .iter()
            .filter(|(c, _)| own_commitments.contains(&c.id))
            .map(|(c, _)| c)
            .collect(),
        own_letters: &own_letters,
    };
    let (health, kern) = progress::kern(&plan, &promises);
    let (next_day, next_moment) =
        next_moment(&plan, &promises.others, &own_letters, &own_commitments);
    // The coming period runs to the next moment the Kamer is informed; with none planned, half
    // a year (the rhythm of these reports).
    let horizon = next_day.unwrap_or_else(|| {
        plan.as_of
            .checked_add_months(chrono::Months::new(6))
            .unwrap_or(plan.as_of)
    });
    let (kpis, unreportable, charts) = kpis(&plan, &now).await?;
    let (tasks_done, tasks_due, sources) = data(&plan, &now).await?;
    let changes = match &request.previous {
        Some(_) => changes(&plan, db, &now, settings).await?,
        None => Changes::default(),
    };
    Ok(Content {
        layout: crate::service::reports::document::content::LAYOUT,
        title: request.title.clone(),
        language: request.language,
        peildatum: request.as_of,
        peildatum_text: lang.date(request.as_of),
        period,
        goal: lang.goal(&programme.goal),
        programme: programme.name,
        previous: request
            .previous
            .as_ref()
            .map(|(title, day)| format!("{title} ({})", lang.date(*day))),
        fulfils,
        answers: {
            let mut ids: Vec<i32> = own_commitments.iter().copied().collect();
            ids.sort_unstable();
            ids
        },
        own_letters: {
            let mut ids: Vec<i32> = plan.own_letters.iter().copied().collect();
            ids.sort_unstable();
            ids
        },
        earlier: earlier_letters(db, &now, request).await?,
        health,
        kern,
        milestone_tables: progress::milestone_tables(&plan, &now).await?,
        kpi_rows: kpis,
        risks: progress::risks(&plan),
        unreportable,
        tasks_done,
        tasks_due,
        sources,
        commitments: commitments.into_iter().map(|(_, line)| line).collect(),
        changes,
        next_steps: next_steps(&plan, horizon),
        coming_until: lang.up_to(horizon),
        next_moment: Some(lang.next_moment(&next_moment)),
        timeline: timeline(&plan),
        charts,
        author: crate::service::reports::document::content::AuthorText::default().paragraphs(),
    })
}

/// The earlier letters to the Kamer, oldest first: the commitments' letters sent by the
/// peildatum, and the published reports of an earlier peildatum.
async fn earlier_letters(
    db: &DatabaseConnection,
    now: &Snapshot,
    request: &Request,
) -> ApiResult<Vec<String>> {
    let numbers: HashMap<i32, String> = now
        .all::<commitment::Entity>()
        .await?
        .iter()
        .map(|c| (c.id, c.number.clone()))
        .collect();
    use entity::progress_report;
    // The published reports up to this peildatum (an earlier edition of it too) by the moment
    // read: each is a letter to the Kamer.
    let reports = progress_report::Entity::find()
        .filter(progress_report::Column::Status.eq(entity::ReportStatus::Published))
        .filter(progress_report::Column::DeletedAt.is_null())
        .filter(progress_report::Column::AsOf.lte(request.as_of))
        .filter(progress_report::Column::PublishedAt.lte(request.read_at))
        .order_by_asc(progress_report::Column::AsOf)
        .all(db)
        .await?;
    // The fulfilment letter publishing a report recorded is that report: named with it, not
    // twice (its kenmerk, else its title, on the report's day).
    let is_report = |l: &entity::commitment_letter::Model| {
        reports.iter().position(|r| {
            l.kind == entity::LetterKind::Fulfilment
                && l.reference.as_deref() == Some(r.reference.as_deref().unwrap_or(&r.title))
                && Some(l.sent_on) == crate::service::reports::document::Stamp::of(r).date.into()
        })
    };
    let mut fulfilled: Vec<Vec<String>> = vec![Vec::new(); reports.len()];
    let mut out: Vec<(NaiveDate, EarlierLetter)> = Vec::new();
    for letter in now
        .live::<entity::commitment_letter::Entity>()
        .await?
        .into_iter()
        .filter(|l| l.sent_on <= request.as_of)
    {
        let number = numbers
            .get(&letter.commitment_id)
            .cloned()
            .unwrap_or_default();
        if let Some(i) = is_report(&letter) {
            fulfilled[i].push(number);
            continue;
        }
        out.push((
            letter.sent_on,
            EarlierLetter::Commitment {
                kind: letter.kind,
                sent_on: letter.sent_on,
                number,
                reference: letter.reference,
            },
        ));
    }
    for (r, fulfilled) in reports.into_iter().zip(fulfilled) {
        out.push((
            r.as_of,
            EarlierLetter::Report {
                sent_on: crate::service::reports::document::Stamp::of(&r).date,
                title: r.title,
                as_of: r.as_of,
                fulfilled,
            },
        ));
    }
    out.sort_by_key(|(day, _)| *day);
    let lang = Words::from(request.language);
    Ok(out
        .iter()
        .map(|(_, letter)| lang.earlier_letter(letter))
        .collect())
}

/// Why milestones' dates moved, as of the report: the latest `changeReason` of a change to each
/// one's planned or forecast date, and the latest postponement letter of a commitment
/// each one fulfils.
async fn explanations(
    db: &DatabaseConnection,
    now: &Snapshot,
    request: &Request,
) -> ApiResult<(HashMap<i32, String>, HashMap<i32, (NaiveDate, String)>)> {
    let records = change_record::Entity::find()
        .filter(change_record::Column::Entity.eq("Milestone"))
        // A move of the plan or the forecast: recording when it was done (the actual date) is no
        // reason why it slipped (publishing a report records its letter so).
        .filter(change_record::Column::Field.is_in(["planned_date", "forecast_date"]))
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

/// Why `m` moved: the reason given with a move to a later date, the postponement letter that
/// moved it, or the predecessor that pushes it or its being overdue; none when none of these is
/// known (the caller then names the manager's judgement, or says that no explanation was given).
fn explanation(plan: &Plan, m: &milestone::Model) -> Option<Explanation> {
    if let Some(why) = plan.explained.get(&m.id) {
        return Some(Explanation::Given(why.clone()));
    }
    if let Some((sent, why)) = plan.postponed.get(&m.id) {
        return Some(Explanation::Postponed(*sent, why.clone()));
    }
    // What the schedule knows: a predecessor pushes it, or it is overdue.
    let p = plan.p(m.id)?;
    let schedule = p
        .reasons
        .iter()
        .find(|r| {
            matches!(
                r.code,
                ReasonCode::PushedByPredecessor | ReasonCode::InfeasibleForecast
            )
        })
        .cloned()
        .map(Explanation::Schedule);
    // Else the reason its manager gave with a judgement the schedule shares (a differing one is
    // stated as such by the caller).
    schedule.or_else(|| {
        m.health_override_reason
            .as_deref()
            .map(str::trim)
            .filter(|why| !why.is_empty() && m.health_override == Some(p.computed))
            .map(|why| Explanation::Manager(why.to_owned()))
    })
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
    let note = |t: &data_infra_task::Model| {
        let overdue = t.status != WorkStatus::Done && t.due_date < plan.as_of;
        Some(lang.task_note(t.layer, overdue))
    };
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
                .map(|((_, d), q)| lang.quality_score(*d, q.score, &q.finding))
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
    // Live at the start of the period: what was there is neither added nor removed by a
    // delete and a restore within it.
    let live_then: std::collections::HashSet<i32> = then
        .live::<milestone::Entity>()
        .await?
        .iter()
        .map(|m| m.id)
        .collect();
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
        let day = lang.date(crate::service::schedule::status_date::dutch_day(
            r.changed_at,
        ));
        match (r.entity.as_str(), r.action, r.field.as_deref()) {
            // Added (or brought back) and removed as they stand at the peildatum against the
            // start of the period: a milestone deleted and restored within it was neither.
            ("Milestone", ChangeAction::Create | ChangeAction::Restore, _)
                if all_now
                    .get(&r.entity_id)
                    .is_some_and(|m| m.deleted_at.is_none())
                    && !live_then.contains(&r.entity_id)
                    && seen.insert(("added", r.entity_id)) =>
            {
                out.added.push(Line {
                    title: title(r.entity_id),
                    date: day,
                    note: None,
                });
            }
            ("Milestone", ChangeAction::Delete, _)
                if all_now
                    .get(&r.entity_id)
                    .is_some_and(|m| m.deleted_at.is_some())
                    && live_then.contains(&r.entity_id)
                    && seen.insert(("removed", r.entity_id)) =>
            {
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
                let day_of =
                    |v: &Option<String>| v.as_deref().and_then(|t| t.parse::<NaiveDate>().ok());
                out.moved.push(Line {
                    title: title(r.entity_id),
                    date: day,
                    note: Some(lang.moved(&Moved {
                        forecast: field == "forecast_date",
                        from: day_of(&r.old_value),
                        to: day_of(&r.new_value),
                        why: r.change_reason.clone(),
                    })),
                });
            }
            ("KpiMeasurement", ChangeAction::Create, _)
                if seen.insert(("measured", r.entity_id)) =>
            {
                if let Some(m) = measured.get(&r.entity_id) {
                    let (code, unit) = codes.get(&m.kpi_id).cloned().unwrap_or_default();
                    out.measurements.push(Line {
                        title: code,
                        date: day,
                        note: Some(lang.measurement(m, &unit)),
                    });
                }
            }
            _ => {}
        }
    }
    // Health is computed: compare the schedule then and now.
    let before = then.schedule().await?;
    for m in plan.milestones.iter().filter(|m| Plan::open(m)) {
        // The computed health, as the report counts it (a manager's judgement is named
        // where it differs, never counted).
        if let (Some(a), Some(b)) = (before.get(m.id), plan.p(m.id))
            && a.computed != b.computed
        {
            out.health.push(Line {
                title: m.title.clone(),
                date: lang.date(b.projected),
                note: Some(lang.health_change(a.computed, b.computed)),
            });
        }
    }
    Ok(out)
}

/// The open milestones of the coming period: the overdue ones first (still to be done), then
/// those expected after the peildatum, up to and including `horizon`.
fn next_steps(plan: &Plan, horizon: NaiveDate) -> Vec<Line> {
    let mut open: Vec<(&milestone::Model, &Projection)> = plan
        .milestones
        .iter()
        .filter(|m| Plan::open(m) && !plan.own_letters.contains(&m.id))
        .filter_map(|m| plan.p(m.id).map(|p| (m, p)))
        // Overdue work is coming work wherever predecessors push it.
        .filter(|(_, p)| p.overdue_days.is_some() || p.projected <= horizon)
        .collect();
    open.sort_by_key(|(m, p)| (p.overdue_days.is_none(), p.projected, p.own, m.id));
    open.into_iter()
        .map(|(m, p)| {
            let mut line = plan.line(m, Some(plan.lang.layer(m.layer).to_owned()));
            if p.overdue_days.is_some() {
                line.date = plan.lang.overdue(Plan::own_date(m, p), plan.pushed_to(p));
            }
            line
        })
        .collect()
}

/// The next moment the Kamer is informed after this report, and its day: the earliest of the
/// next planned Kamerbrief (other than this report's own) and the deadline of the next open
/// commitment this report does not answer; else that none is planned yet.
fn next_moment(
    plan: &Plan,
    others: &[&commitment::Model],
    own_letters: &HashSet<i32>,
    own_commitments: &HashSet<i32>,
) -> (Option<NaiveDate>, NextMoment) {
    let parliament = plan
        .milestones
        .iter()
        .filter(|m| Plan::open(m) && m.kind == MilestoneKind::Parliament)
        .filter(|m| !own_letters.contains(&m.id))
        .filter_map(|m| plan.p(m.id).map(|p| (m, p.projected)))
        .filter(|(_, d)| *d >= plan.as_of)
        .min_by_key(|(m, d)| (*d, m.id));
    let promised = others
        .iter()
        .filter(|c| !own_commitments.contains(&c.id) && c.deadline_date >= plan.as_of)
        .min_by_key(|c| (c.deadline_date, c.id));
    if let Some((m, day)) = parliament
        && promised.is_none_or(|c| day <= c.deadline_date)
    {
        return (
            Some(day),
            NextMoment::Letter(m.title.clone(), plan.expected(m.id)),
        );
    }
    match promised {
        Some(c) => (
            Some(c.deadline_date),
            NextMoment::Deadline(c.number.clone(), c.deadline_text.clone(), c.deadline_date),
        ),
        None => (None, NextMoment::NonePlanned(!own_commitments.is_empty())),
    }
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
                        // The computed health, as in the Kern and the tables (a manager's
                        // different judgement is named there, never drawn as the status).
                        health: p.computed,
                        deadline: p.deadline.as_ref().map(|d| d.date),
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
                name = plan.lang.crowded_row(&name, TIMELINE_PER_LAYER, total);
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
