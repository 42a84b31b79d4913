//! Progress reports as stored objects: generated as drafts (content frozen at generation),
//! published once (documents rendered, stored with their SHA-256, never changed again).

use crate::error::{ApiError, ApiResult};
use crate::service::accounts::access::{self, Scope};
use crate::service::reports::document::{self, Content, Language, Stamp};
use crate::service::schedule::Settings;
use crate::service::store::crud::{self, Rules, find_live};
use crate::service::store::validate as v;
use crate::service::{Actor, Versioned};
use chrono::NaiveDate;
use entity::{ChangeAction, DocumentFormat, ReportStatus, Role, progress_report, report_document};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

impl Rules for progress_report::Entity {
    fn validate(m: &progress_report::Model) -> ApiResult<()> {
        v::line("title", &m.title, 200)?;
        if let Some(r) = &m.reference {
            v::line("reference", r, 100)?;
        }
        Ok(())
    }
}

/// What may change on a draft: its kenmerk and the author's own words (`None`: unchanged; empty:
/// cleared). Its generated content, title included, stays as generated.
#[derive(Clone, Debug, Default)]
pub struct DraftPatch {
    /// A new kenmerk, or "" to clear it.
    pub reference: Option<String>,
    /// A new summary (Samenvatting, at most 5,000 characters), or "" to clear it.
    pub summary: Option<String>,
    /// New notes by section key ([`document::SECTIONS`]; at most 5,000 characters each), "" to
    /// clear one; sections not named keep theirs.
    pub notes: Vec<(String, String)>,
}

/// Whether `name` may be the second pair of eyes on `report`: neither its author nor anyone
/// who changed its words or kenmerk (the one rule of approving, and of publishing without an
/// approval).
fn second_pair_of_eyes(name: &str, report: &progress_report::Model) -> ApiResult<bool> {
    Ok(report.created_by != name && !author_text(report)?.edited_by.iter().any(|e| e == name))
}

/// Refuse (`FORBIDDEN`) a publication that would skip the second pair of eyes: without an
/// approval, only someone who neither generated nor edited the draft publishes it.
fn may_publish(
    actor: &Actor,
    report: &progress_report::Model,
    single_reporter: bool,
) -> ApiResult<()> {
    if single_reporter || report.approved_by.is_some() || second_pair_of_eyes(&actor.name, report)?
    {
        return Ok(());
    }
    Err(ApiError::Forbidden(format!(
        "report {} needs the approval of a second reporter or an admin (one who did not generate or edit it) before {} can publish it (approveProgressReport)",
        report.id, actor.name
    )))
}

/// The most characters of the summary and of each section's note.
const AUTHOR_TEXT_MAX: usize = 5_000;

/// The author's words of a stored report.
pub fn author_text(report: &progress_report::Model) -> ApiResult<document::AuthorText> {
    serde_json::from_str(&report.author_text)
        .map_err(|e| ApiError::Internal(format!("report {} author text: {e}", report.id)))
}

/// Change a draft's kenmerk. A published report is frozen (`CONFLICT`).
pub async fn update_draft(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    patch: DraftPatch,
) -> ApiResult<Versioned<progress_report::Model>> {
    access::may_write(actor, Scope::Reports)?;
    let editor = actor.name.clone();
    crud::update_checked::<progress_report::Entity, _>(db, actor, id, version, move |next| {
        if next.status == ReportStatus::Published {
            return Err(ApiError::Conflict(format!(
                "report {id} is published: it is frozen and cannot be changed"
            )));
        }
        let before = (next.reference.clone(), next.author_text.clone());
        if let Some(reference) = patch.reference {
            let reference = reference.trim();
            next.reference = (!reference.is_empty()).then(|| reference.to_owned());
        }
        let original = author_text(next)?;
        let mut author = original.clone();
        // One paragraph per line: a lone carriage return is a line break too.
        let lines = |text: &str| text.replace("\r\n", "\n").replace('\r', "\n");
        if let Some(summary) = patch.summary {
            v::length("summary", &summary, AUTHOR_TEXT_MAX)?;
            author.summary = lines(summary.trim());
        }
        let mut seen = std::collections::HashSet::new();
        for (i, (section, note)) in patch.notes.into_iter().enumerate() {
            if !document::SECTIONS.contains(&section.as_str()) {
                return Err(ApiError::invalid(
                    format!("notes.{i}.section"),
                    format!("no section {section}"),
                ));
            }
            // One note per section in one change: a second would silently replace the first.
            if !seen.insert(section.clone()) {
                return Err(ApiError::invalid(
                    format!("notes.{i}.section"),
                    format!("notes name the section {section} twice: give one note per section"),
                ));
            }
            v::length(&format!("notes.{i}.text"), &note, AUTHOR_TEXT_MAX)?;
            let note = note.trim();
            if note.is_empty() {
                author.notes.remove(&section);
            } else {
                author.notes.insert(section, lines(note));
            }
        }
        // Written only when the words changed: the same words are no change. Whoever changes
        // the words or the kenmerk is no longer a second pair of eyes.
        if author != original || next.reference != before.0 {
            if !author.edited_by.contains(&editor) {
                author.edited_by.push(editor.clone());
            }
            next.author_text = serde_json::to_string(&author)
                .map_err(|e| ApiError::Internal(format!("author text: {e}")))?;
        }
        // An approval is of the draft as it was: a change asks for a new one.
        if (next.reference.clone(), next.author_text.clone()) != before {
            next.approved_by = None;
            next.approved_at = None;
        }
        Ok(())
    })
    .await
}

/// Approve a draft for publication: the second pair of eyes. The reporter who generated it
/// cannot approve it (`FORBIDDEN`); another reporter or an admin can, once. The approval is
/// recorded on the report and in its history.
pub async fn approve(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
) -> ApiResult<Versioned<progress_report::Model>> {
    access::may_write(actor, Scope::Reports)?;
    let at = actor.at;
    let name = actor.name.clone();
    // Who may approve comes before whether the version is current.
    let report = find_live::<progress_report::Entity, _>(db, id).await?;
    if !second_pair_of_eyes(&name, &report)? {
        return Err(ApiError::Forbidden(format!(
            "{name} generated or edited report {id}: another reporter or an admin approves it"
        )));
    }
    crud::update_checked::<progress_report::Entity, _>(db, actor, id, version, move |next| {
        if next.status == ReportStatus::Published {
            return Err(ApiError::Conflict(format!(
                "report {id} is already published"
            )));
        }
        if !second_pair_of_eyes(&name, next)? {
            return Err(ApiError::Forbidden(format!(
                "{name} generated or edited report {id}: another reporter or an admin approves it"
            )));
        }
        if next.approved_by.is_none() {
            next.approved_by = Some(name);
            next.approved_at = Some(at);
        }
        Ok(())
    })
    .await
}

/// The formats koers renders, in the order they are listed.
pub const FORMATS: [DocumentFormat; 4] = [
    DocumentFormat::Md,
    DocumentFormat::Html,
    DocumentFormat::Pdf,
    DocumentFormat::Odt,
];

/// The end of each document's file name at `/reports/`, longest first so that `12.final.odt`
/// is the final version and `12.odt` the generated ODT.
const FILE_ENDS: [(DocumentFormat, &str); 5] = [
    (DocumentFormat::FinalOdt, ".final.odt"),
    (DocumentFormat::Html, ".html"),
    (DocumentFormat::Odt, ".odt"),
    (DocumentFormat::Pdf, ".pdf"),
    (DocumentFormat::Md, ".md"),
];

/// A report document's file name at `/reports/`: "12.html", "12.final.odt".
pub fn file_name(id: i32, format: DocumentFormat) -> String {
    let end = FILE_ENDS
        .iter()
        .find(|(f, _)| *f == format)
        .map_or("", |(_, end)| *end);
    format!("{id}{end}")
}

/// The report id text and format a file name at `/reports/` names ([`file_name`]'s inverse);
/// None for any other name.
pub fn parse_file_name(file: &str) -> Option<(&str, DocumentFormat)> {
    FILE_ENDS
        .iter()
        .find_map(|(format, end)| Some((file.strip_suffix(end)?, *format)))
}

/// The latest published report with a peildatum before `as_of`.
async fn previous<C: ConnectionTrait>(
    db: &C,
    as_of: NaiveDate,
) -> ApiResult<Option<progress_report::Model>> {
    Ok(progress_report::Entity::find()
        .filter(progress_report::Column::Status.eq(ReportStatus::Published))
        .filter(progress_report::Column::DeletedAt.is_null())
        .filter(progress_report::Column::AsOf.lt(as_of))
        .order_by_desc(progress_report::Column::AsOf)
        .order_by_desc(progress_report::Column::Id)
        .one(db)
        .await?)
}

/// Build the content of a report of `as_of`, covering the period since the latest published
/// report before it. `today` is the writer's status date (the Dutch calendar day of the clock,
/// or an earlier fixed status date): a peildatum after it is refused (`BAD_USER_INPUT` on
/// `asOf`), since the plan of a day that has not begun can still change. The report's status date is its peildatum (`settings.status_date` is not used).
///
/// `until_now` is the moment of a report of an instance's fixed status date (`--status-date`,
/// Some only when `as_of` is that day): such a report reads everything recorded up to that
/// moment, since on that instance every change is made "today". Otherwise the report reads
/// the history up to the end of the peildatum.
pub async fn content(
    db: &DatabaseConnection,
    settings: Settings,
    title: &str,
    as_of: NaiveDate,
    today: NaiveDate,
    until_now: Option<chrono::DateTime<chrono::Utc>>,
    lang: Language,
) -> ApiResult<(Content, Option<i32>)> {
    // The same title rule for the API and the command line: one line, not empty.
    v::line("title", title, 200)?;
    if as_of > today {
        return Err(ApiError::Invalid {
            field: "asOf".into(),
            message: format!(
                "the peildatum {as_of} is after today ({today}): a report describes a day that has ended or is under way"
            ),
        });
    }
    let before = previous(db, as_of).await?;
    // A published edition of this peildatum (in any language) already answered its
    // commitments: a later edition answers the same ones, never the next open one.
    let published = progress_report::Entity::find()
        .filter(progress_report::Column::Status.eq(ReportStatus::Published))
        .filter(progress_report::Column::DeletedAt.is_null())
        .filter(progress_report::Column::AsOf.eq(as_of))
        .order_by_asc(progress_report::Column::Id)
        .one(db)
        .await?;
    let answers = match published {
        Some(earlier) => Some(stored_content(&earlier)?.answers),
        None => None,
    };
    let request = document::Request {
        title: title.trim().to_owned(),
        answers,
        as_of,
        language: lang,
        previous: before.as_ref().map(|p| (p.title.clone(), p.as_of)),
        read_at: until_now.map_or_else(
            || document::end_of(as_of),
            |now| now.max(document::end_of(as_of)),
        ),
    };
    Ok((
        document::build(db, settings, &request).await?,
        before.map(|p| p.id),
    ))
}

/// Generate a draft report of the plan as it stood on `as_of`. `fixed_status_date` is the
/// instance's fixed status date, if it has one (see [`content`]).
pub async fn generate(
    db: &DatabaseConnection,
    actor: &Actor,
    settings: Settings,
    title: &str,
    as_of: NaiveDate,
    fixed_status_date: Option<NaiveDate>,
    lang: Language,
    reference: Option<&str>,
) -> ApiResult<progress_report::Model> {
    access::may_write(actor, Scope::Reports)?;
    if let Some(r) = reference {
        v::line("reference", r, 100)?;
    }
    let today = actor.status_date;
    let until_now = (fixed_status_date == Some(as_of)).then_some(actor.at);
    let (content, previous_report_id) =
        content(db, settings, title, as_of, today, until_now, lang).await?;
    // A report of a peildatum that already has one is its next version (deleted drafts count:
    // a version number is never given twice). The unique index on (as_of, language, edition)
    // turns a concurrent generation into CONFLICT.
    let edition = progress_report::Entity::find()
        .select_only()
        .column_as(progress_report::Column::Edition.max(), "edition")
        .filter(progress_report::Column::AsOf.eq(as_of))
        .filter(progress_report::Column::Language.eq(lang))
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten()
        .unwrap_or(0)
        + 1;
    let model = progress_report::Model {
        id: 0,
        title: title.trim().to_owned(),
        as_of,
        language: lang,
        status: ReportStatus::Draft,
        previous_report_id,
        content: serde_json::to_string(&content)
            .map_err(|e| ApiError::Internal(format!("report content: {e}")))?,
        created_by: actor.name.clone(),
        published_at: None,
        reference: reference
            .map(|r| r.trim().to_owned())
            .filter(|r| !r.is_empty()),
        edition,
        approved_by: None,
        approved_at: None,
        author_text: "{}".to_owned(),
        final_sha256: None,
        dated_on: Some(actor.status_date),
        version: 1,
        created_at: actor.at,
        updated_at: actor.at,
        deleted_at: None,
    };
    crud::create_checked::<progress_report::Entity>(db, actor, model).await
}

/// The frozen content of a stored report.
pub fn stored_content(report: &progress_report::Model) -> ApiResult<Content> {
    serde_json::from_str(&report.content)
        .map_err(|e| ApiError::Internal(format!("report {} content: {e}", report.id)))
}

/// The content of a draft, to render: refused (`CONFLICT`) when it was generated by an
/// earlier version of koers whose content lacks sections the documents now have. Nothing is
/// lost: the draft stays as it is, and a new one of the same peildatum has the sections.
pub fn draft_content(report: &progress_report::Model) -> ApiResult<Content> {
    let mut content = stored_content(report)?;
    content.author = author_text(report)?.paragraphs();
    if content.layout < document::LAYOUT {
        return Err(ApiError::Conflict(format!(
            "report {} was generated by an earlier version of koers and lacks sections its documents now have: generate the report of {} anew",
            report.id, report.as_of
        )));
    }
    Ok(content)
}

/// A warning about a report's documents, in the report's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// Its stable code: `UNSUPPORTED_CHARACTER`.
    pub code: &'static str,
    /// The character it is about, as a code point ("U+F0000").
    pub character: String,
    /// The text it occurs in.
    pub excerpt: String,
    /// What it means, in the report's language.
    pub message: String,
}

/// What a reader of `report`'s documents should know: the characters of its text that no font
/// of the PDF has (printed there as "�"). Computed from the frozen content, so a published
/// report's warnings never change.
pub fn warnings(report: &progress_report::Model) -> ApiResult<Vec<Warning>> {
    // The author's words are printed too, so their characters count.
    let mut content = stored_content(report)?;
    content.author = author_text(report)?.paragraphs();
    let content = content.cleaned()?;
    let lang = content.words();
    Ok(document::unsupported(&content)?
        .into_iter()
        .map(|u| {
            let character = crate::service::store::text::code_point(u.character);
            Warning {
                code: "UNSUPPORTED_CHARACTER",
                message: lang.unsupported_character(&character, &u.excerpt),
                character,
                excerpt: u.excerpt,
            }
        })
        .collect())
}

/// Render one document of `content` with its stamp.
pub fn render(content: &Content, stamp: &Stamp, format: DocumentFormat) -> ApiResult<Vec<u8>> {
    let started = std::time::Instant::now();
    let rendered = match format {
        DocumentFormat::Md => document::render::markdown(content, stamp).map(String::into_bytes),
        DocumentFormat::Html => document::render::html(content, stamp).map(String::into_bytes),
        DocumentFormat::Odt => document::render::odt(content, stamp),
        DocumentFormat::Pdf => document::render::pdf(content, stamp),
        DocumentFormat::FinalOdt => {
            return Err(ApiError::Internal(
                "the final version is attached, never rendered".into(),
            ));
        }
    };
    crate::metrics::METRICS
        .report_render_seconds
        .get_or_create(&crate::metrics::FormatLabels {
            format: format.as_str().to_lowercase(),
        })
        .observe(started.elapsed().as_secs_f64());
    rendered
}

/// Render documents of `content` on a blocking thread (typesetting a PDF takes seconds for a
/// large plan, and must not hold up the server's other requests).
pub async fn render_off_thread(
    content: Content,
    stamp: Stamp,
    formats: Vec<DocumentFormat>,
) -> ApiResult<Vec<(DocumentFormat, Vec<u8>)>> {
    tokio::task::spawn_blocking(move || {
        formats
            .into_iter()
            .map(|format| Ok((format, render(&content, &stamp, format)?)))
            .collect()
    })
    .await
    .map_err(|e| ApiError::Internal(format!("rendering a report: {e}")))?
}

/// Refuse (`CONFLICT`) to publish a draft that a deadline passed since its peildatum: a
/// commitment it answers, or one still open that it reports on, was due after the peildatum
/// and is due no more today, so the draft would tell the Kamer there is time left where the
/// deadline has passed. A report of today says how it stands; generate that one.
async fn still_true<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    draft: &progress_report::Model,
) -> ApiResult<()> {
    use entity::commitment;
    if draft.status == ReportStatus::Published {
        return Ok(());
    }
    let answers = draft_content(draft)?.answers;
    use sea_orm::sea_query::Condition;
    let passed = commitment::Entity::find()
        .filter(commitment::Column::DeletedAt.is_null())
        .filter(commitment::Column::MadeOn.lte(draft.as_of))
        .filter(
            Condition::any()
                .add(commitment::Column::Id.is_in(answers))
                .add(commitment::Column::Status.eq(entity::CommitmentStatus::Open)),
        )
        .filter(commitment::Column::DeadlineDate.gte(draft.as_of))
        .filter(commitment::Column::DeadlineDate.lt(actor.status_date))
        .order_by_asc(commitment::Column::DeadlineDate)
        .order_by_asc(commitment::Column::Id)
        .one(db)
        .await?;
    match passed {
        None => Ok(()),
        Some(c) => Err(ApiError::Conflict(format!(
            "report {} describes {} and reports on commitment {}, whose deadline {} has passed since: published today it would tell the Kamer there is time left; generate the report of today, which says how it stands",
            draft.id, draft.as_of, c.number, c.deadline_date
        ))),
    }
}

/// Publish a draft: render and store every document with its hash, freeze the report.
pub async fn publish(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    single_reporter: bool,
) -> ApiResult<Versioned<progress_report::Model>> {
    access::may_write(actor, Scope::Reports)?;
    // Render first, outside the transaction: the content is frozen, and the checks are
    // repeated inside the transaction before anything is stored.
    let draft = find_live::<progress_report::Entity, _>(db, id).await?;
    // Refused before any rendering (checked again inside the transaction).
    may_publish(actor, &draft, single_reporter)?;
    still_true(db, actor, &draft).await?;
    // The documents are stamped as what they become: the final version, dated today.
    let mut published = draft.clone();
    published.status = ReportStatus::Published;
    published.published_at = Some(actor.at);
    published.dated_on = Some(actor.status_date);
    let documents = render_off_thread(
        draft_content(&draft)?,
        Stamp::of(&published),
        FORMATS.to_vec(),
    )
    .await?;
    let txn = crate::service::begin_write(db).await?;
    let current = find_live::<progress_report::Entity, _>(&txn, id).await?;
    if current.version != version {
        return Ok(Versioned::Conflict(current));
    }
    if current.status == ReportStatus::Published {
        return Err(ApiError::Conflict(format!(
            "report {id} is already published"
        )));
    }
    if current.content != draft.content {
        return Ok(Versioned::Conflict(current));
    }
    may_publish(actor, &current, single_reporter)?;
    still_true(&txn, actor, &current).await?;
    for (format, body) in documents {
        store_document(&txn, actor, id, format, body).await?;
    }
    answer(&txn, actor, &current, &draft_content(&current)?).await?;
    let mut next = current.clone();
    next.status = ReportStatus::Published;
    next.published_at = Some(actor.at);
    next.dated_on = Some(actor.status_date);
    // Published by a second pair of eyes without a separate approval: they approved it.
    if next.approved_by.is_none() && !single_reporter {
        next.approved_by = Some(actor.name.clone());
        next.approved_at = Some(actor.at);
    }
    update_and_commit(txn, actor, &current, next).await
}

/// Store a report's document with its SHA-256 (inside the write that publishes or attaches
/// it); gives the hash.
async fn store_document(
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: i32,
    format: DocumentFormat,
    body: Vec<u8>,
) -> ApiResult<String> {
    let sha256 = crate::service::store::digest::sha256(&body);
    report_document::ActiveModel {
        report_id: Set(id),
        format: Set(format),
        sha256: Set(sha256.clone()),
        body: Set(body),
        created_at: Set(actor.at),
    }
    .insert(txn)
    .await?;
    Ok(sha256)
}

/// Record `next` as the report's new version and commit the write, unless the version went
/// stale meanwhile (then nothing is committed).
async fn update_and_commit(
    txn: DatabaseTransaction,
    actor: &Actor,
    current: &progress_report::Model,
    next: progress_report::Model,
) -> ApiResult<Versioned<progress_report::Model>> {
    let outcome = crud::update::<progress_report::Entity, _>(
        &txn,
        actor,
        current,
        next,
        ChangeAction::Update,
    )
    .await?;
    if matches!(outcome, Versioned::Applied(_)) {
        crate::service::commit(txn, actor).await?;
    }
    Ok(outcome)
}

/// Attach the final version of a published report: the ODT the policy officer edited and sent
/// to the Kamer. Stored with its SHA-256 next to the generated documents (format `FINAL_ODT`),
/// and recorded in the report's history (`finalSha256`). Once: a report has one final version
/// (a second is `CONFLICT`); a draft has none yet (`CONFLICT`: publish it first). Reporters and
/// admins (`FORBIDDEN` for others); a body that is no ODT is `BAD_USER_INPUT` on `odt`.
pub async fn attach_final(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    body: Vec<u8>,
) -> ApiResult<Versioned<progress_report::Model>> {
    access::may_write(actor, Scope::Reports)?;
    // Unpacking and reading the parts is CPU work: off the async threads.
    let body = tokio::task::spawn_blocking(move || {
        crate::service::reports::odt_package::check(&body).map(|()| body)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("checking an ODT: {e}")))??;
    let txn = crate::service::begin_write(db).await?;
    let current = find_live::<progress_report::Entity, _>(&txn, id).await?;
    if current.version != version {
        return Ok(Versioned::Conflict(current));
    }
    if current.status != ReportStatus::Published {
        return Err(ApiError::Conflict(format!(
            "report {id} is a draft: publish it before attaching its final version"
        )));
    }
    if let Some(existing) = &current.final_sha256 {
        return Err(ApiError::Conflict(format!(
            "report {id} already has its final version (SHA-256 {existing})"
        )));
    }
    let sha256 = store_document(&txn, actor, id, DocumentFormat::FinalOdt, body).await?;
    let mut next = current.clone();
    next.final_sha256 = Some(sha256);
    update_and_commit(txn, actor, &current, next).await
}

/// What publishing a report does to the plan: the report is the Kamerbrief of the commitments
/// it answers, so each of them gets its fulfilment letter (sent on the day of publication, with
/// the report's kenmerk, or its title without one) and the Kamerbrief milestones it is are done
/// on that day. Publishing records them on the programme's behalf (a reporter may otherwise
/// record only the letter a report calls for: `access::may_record_letter`); they are recorded
/// in the history under the reporter's name. A commitment already fulfilled or a
/// milestone already done is left as it is.
async fn answer(
    txn: &sea_orm::DatabaseTransaction,
    actor: &Actor,
    report: &progress_report::Model,
    content: &Content,
) -> ApiResult<()> {
    use entity::{CommitmentStatus, LetterKind, WorkStatus, commitment, milestone};
    let day = actor.status_date;
    let on_behalf = Actor {
        role: Role::ProgrammeManager,
        layer: None,
        change_reason: Some(format!(
            "Voortgangsrapportage \u{201E}{}\u{201D} gepubliceerd",
            report.title
        )),
        ..actor.clone()
    };
    for &id in &content.own_letters {
        let Some(current) = crud::find_live_opt::<milestone::Entity, _>(txn, id).await? else {
            continue;
        };
        if matches!(current.status, WorkStatus::Done | WorkStatus::Cancelled) {
            continue;
        }
        let mut next = current.clone();
        next.status = WorkStatus::Done;
        next.actual_date = Some(day);
        <milestone::Entity as Rules>::validate(&next)?;
        if let Versioned::Conflict(_) = crud::update::<milestone::Entity, _>(
            txn,
            &on_behalf,
            &current,
            next,
            ChangeAction::Update,
        )
        .await?
        {
            return Err(ApiError::Conflict(format!(
                "milestone {id} changed while report {} was being published",
                report.id
            )));
        }
    }
    for &id in &content.answers {
        let Some(current) = crud::find_live_opt::<commitment::Entity, _>(txn, id).await? else {
            continue;
        };
        if current.status == CommitmentStatus::Fulfilled {
            continue;
        }
        let letter = crate::service::parliament::letters::LetterDraft {
            commitment_id: id,
            version: current.version,
            kind: LetterKind::Fulfilment,
            sent_on: day.max(current.made_on),
            reference: Some(
                report
                    .reference
                    .clone()
                    .unwrap_or_else(|| report.title.clone()),
            ),
            reason: None,
            new_deadline_date: None,
            new_deadline_text: None,
        };
        if let Versioned::Conflict(_) =
            crate::service::parliament::letters::record_in(txn, &on_behalf, letter).await?
        {
            return Err(ApiError::Conflict(format!(
                "commitment {id} changed while report {} was being published",
                report.id
            )));
        }
    }
    Ok(())
}

/// Delete a draft (published reports are frozen and cannot be deleted).
pub async fn delete_draft(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
) -> ApiResult<Versioned<progress_report::Model>> {
    access::may_write(actor, Scope::Reports)?;
    let current = find_live::<progress_report::Entity, _>(db, id).await?;
    if current.status == ReportStatus::Published {
        return Err(ApiError::Conflict(format!(
            "report {id} is published: it is frozen and cannot be deleted"
        )));
    }
    crud::delete_checked::<progress_report::Entity>(db, actor, id, version).await
}

/// A report's document: stored bytes once published, rendered from the frozen content before.
pub async fn document(
    db: &DatabaseConnection,
    id: i32,
    format: DocumentFormat,
    role: Role,
) -> ApiResult<(Vec<u8>, Option<String>)> {
    let report = find_live::<progress_report::Entity, _>(db, id).await?;
    if !visible(&report, role) {
        return Err(ApiError::not_found("ProgressReport", id));
    }
    if report.status == ReportStatus::Published || format == DocumentFormat::FinalOdt {
        let stored = report_document::Entity::find_by_id((id, format))
            .one(db)
            .await?
            .ok_or_else(|| ApiError::NotFound {
                entity: "ReportDocument",
                id: format!("{id}.{}", format.as_str().to_lowercase()),
            })?;
        return Ok((stored.body, Some(stored.sha256)));
    }
    let mut rendered =
        render_off_thread(draft_content(&report)?, Stamp::of(&report), vec![format]).await?;
    let (_, body) = rendered
        .pop()
        .ok_or_else(|| ApiError::Internal(format!("report {id}: nothing rendered")))?;
    Ok((body, None))
}

/// The stored documents of a published report: (format, sha256, size).
pub async fn stored_documents<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> ApiResult<Vec<(DocumentFormat, String, usize)>> {
    // The sizes from the database: the bodies (up to 20 MiB each) stay there.
    use sea_orm::QuerySelect;
    let rows: Vec<(DocumentFormat, String, i64)> = report_document::Entity::find()
        .select_only()
        .column(report_document::Column::Format)
        .column(report_document::Column::Sha256)
        .column_as(
            sea_orm::sea_query::Expr::cust("CAST(length(body) AS BIGINT)"),
            "byte_size",
        )
        .filter(report_document::Column::ReportId.eq(id))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(format, sha256, size)| (format, sha256, usize::try_from(size).unwrap_or_default()))
        .collect())
}

/// Whether a report may be shown to an account of `role` (drafts only where `access` says so).
pub fn visible(report: &progress_report::Model, role: Role) -> bool {
    report.status == ReportStatus::Published || access::may_read_drafts(role)
}

/// Reports, newest peildatum first, as an account of `role` may see them.
pub fn list(
    role: Role,
) -> ApiResult<crate::service::store::page::Listing<progress_report::Entity>> {
    use crate::service::store::filter::Filter;
    use crate::service::store::page::{KeyKind, Listing, Order};
    let mut filter = Filter::live();
    if !access::may_read_drafts(role) {
        filter = filter.and(Filter::eq(
            progress_report::Column::Status,
            ReportStatus::Published,
        ));
    }
    Ok(Listing {
        filter,
        order: Order {
            key: Some((progress_report::Column::AsOf, KeyKind::Date)),
            id: progress_report::Column::Id,
        },
    })
}
