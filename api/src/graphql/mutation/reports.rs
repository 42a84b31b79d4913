//! Generating, publishing and deleting progress reports.

use super::{DeleteInput, input_id, payloads, status};
use crate::error::ApiError;
use crate::graphql::batch::Batched;
use crate::graphql::context::ContextExt;
use crate::graphql::enums::Language;
use crate::graphql::scalars::Date;
use crate::graphql::types::ProgressReport;
use crate::service::reports::workflow;
use async_graphql::{Context, InputObject, Object};

payloads!(
    ProgressReport,
    report,
    GenerateProgressReportPayload,
    PublishProgressReportPayload,
    DeleteProgressReportPayload
);

super::status_payload!(
    ProgressReport,
    report,
    ApproveProgressReportPayload,
    "approving"
);
super::status_payload!(
    ProgressReport,
    report,
    UpdateProgressReportPayload,
    "updating"
);
super::status_payload!(
    ProgressReport,
    report,
    AttachFinalReportPayload,
    "attaching"
);

/// The final version of a published report, as sent to the Kamer.
#[derive(InputObject)]
pub struct AttachFinalReportInput {
    /// The published report.
    pub id: async_graphql::ID,
    /// The version you last saw.
    pub version: i32,
    /// The edited OpenDocument text (.odt), base64-encoded (standard alphabet, with or without
    /// padding). The request's body limit (`KOERS_MAX_BODY_BYTES`, 1 MiB by default) caps it.
    pub odt_base64: String,
}

/// What to report on.
#[derive(InputObject)]
pub struct GenerateProgressReportInput {
    /// The peildatum: the report describes the plan as it stood at the end of this day.
    pub as_of: Date,
    /// Its title (one line, at most 200 characters).
    pub title: String,
    /// Its language (default NL).
    #[graphql(default_with = "Language::Nl")]
    pub language: Language,
    /// The kenmerk: the ministry's reference of the letter (one line, at most 100 characters);
    /// can be set later with `updateProgressReport` until it is published.
    pub reference: Option<String>,
}

/// What to change on a draft report.
#[derive(InputObject)]
pub struct UpdateProgressReportInput {
    /// The draft.
    pub id: async_graphql::ID,
    /// The version you last saw.
    pub version: i32,
    /// The kenmerk (one line, at most 100 characters); absent: unchanged; an empty text
    /// clears it.
    pub reference: Option<String>,
    /// The author's summary (Samenvatting) that opens the report (at most 5,000 characters;
    /// one paragraph per line); absent: unchanged; an empty text clears it.
    pub summary: Option<String>,
    /// The author's notes under section headings (at most 5,000 characters each); sections
    /// not named keep theirs; an empty text clears one.
    pub notes: Option<Vec<SectionNoteInput>>,
}

/// The author's note under one section's heading.
#[derive(InputObject)]
pub struct SectionNoteInput {
    /// The section.
    pub section: crate::graphql::enums::ReportSection,
    /// The note (one paragraph per line); empty clears it.
    pub text: String,
}

#[derive(Default)]
pub struct ReportMutation;

#[Object]
impl ReportMutation {
    /// Generate a draft progress report from the plan as it stood on `asOf`, covering the period
    /// since the latest published report before it. Its content is fixed at generation.
    async fn generate_progress_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The report.")] input: GenerateProgressReportInput,
    ) -> async_graphql::Result<GenerateProgressReportPayload> {
        let actor = ctx.writer()?;
        let state = ctx.state()?;
        let report = workflow::generate(
            &state.db,
            &actor,
            state.config.schedule(ctx.status_date()?),
            &input.title,
            input.as_of.into(),
            state.config.status_date,
            input.language.into(),
            input.reference.as_deref(),
        )
        .await
        .map_err(ApiError::in_input)?;
        Ok(GenerateProgressReportPayload(ProgressReport::one(report)))
    }

    /// Set or clear a draft's kenmerk and the author's own words: a summary and a note per
    /// section (a published report is frozen: CONFLICT). Its generated content, title
    /// included, stays as generated; its documents carry the kenmerk and the author's words. A
    /// change clears an approval.
    async fn update_progress_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The draft, the version you last saw, and what to change.")]
        input: UpdateProgressReportInput,
    ) -> async_graphql::Result<UpdateProgressReportPayload> {
        let id = input_id::<entity::progress_report::Entity>(&input.id, "id")?;
        let actor = ctx.writer()?;
        let outcome = workflow::update_draft(
            ctx.db()?,
            &actor,
            id,
            input.version,
            workflow::DraftPatch {
                reference: input.reference,
                summary: input.summary,
                notes: input
                    .notes
                    .unwrap_or_default()
                    .into_iter()
                    .map(|n| (n.section.key().to_owned(), n.text))
                    .collect(),
            },
        )
        .await
        .map_err(ApiError::in_input)?;
        let (status, report) = status(outcome);
        Ok(UpdateProgressReportPayload(
            status,
            ProgressReport::one(report),
        ))
    }

    /// Attach the final version of a published report: the ODT the policy officer edited and
    /// sent. Stored with its SHA-256 next to the generated documents (`documents`, format
    /// `FINAL_ODT`, at `/reports/{id}.final.odt`), recorded in the history, once per report.
    /// Reporters and admins. Errors: `BAD_USER_INPUT` on `input.odtBase64` (not base64, not an
    /// ODT), `CONFLICT` (a draft, or a final version already attached).
    async fn attach_final_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The report, the version you last saw, and the ODT.")]
        input: AttachFinalReportInput,
    ) -> async_graphql::Result<AttachFinalReportPayload> {
        use base64::Engine;
        let id = input_id::<entity::progress_report::Entity>(&input.id, "id")?;
        let actor = ctx.writer()?;
        // Who may attach comes before what was sent.
        crate::service::accounts::access::may_write(
            &actor,
            crate::service::accounts::access::Scope::Reports,
        )?;
        let text: String = input.odt_base64.split_whitespace().collect();
        let body = base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(text.trim_end_matches('='))
            .map_err(|_| {
                ApiError::invalid("odtBase64", "is not base64 (standard alphabet)").in_input()
            })?;
        let outcome = workflow::attach_final(ctx.db()?, &actor, id, input.version, body)
            .await
            .map_err(|e| match e {
                ApiError::Invalid { field, message } if field == "odt" => {
                    ApiError::invalid("odtBase64", message)
                }
                other => other,
            })
            .map_err(ApiError::in_input)?;
        let (status, report) = status(outcome);
        Ok(AttachFinalReportPayload(
            status,
            ProgressReport::one(report),
        ))
    }

    /// Approve a draft for publication: the second pair of eyes. The reporter who generated it
    /// cannot (FORBIDDEN); another reporter or an admin can. A changed kenmerk asks for a new
    /// approval.
    async fn approve_progress_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The draft and the version you last saw.")] input: DeleteInput,
    ) -> async_graphql::Result<ApproveProgressReportPayload> {
        let id = input_id::<entity::progress_report::Entity>(&input.id, "id")?;
        let actor = ctx.writer()?;
        let outcome = workflow::approve(ctx.db()?, &actor, id, input.version)
            .await
            .map_err(ApiError::in_input)?;
        let (status, report) = status(outcome);
        Ok(ApproveProgressReportPayload(
            status,
            ProgressReport::one(report),
        ))
    }

    /// Publish a draft: its documents are rendered once, stored with their SHA-256 and never
    /// change again; the report can no longer be deleted.
    async fn publish_progress_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The report and the version you last saw.")] input: DeleteInput,
    ) -> async_graphql::Result<PublishProgressReportPayload> {
        let id = input_id::<entity::progress_report::Entity>(&input.id, "id")?;
        let actor = ctx.writer()?;
        let single = ctx.state()?.config.single_reporter;
        let outcome = workflow::publish(ctx.db()?, &actor, id, input.version, single)
            .await
            .map_err(ApiError::in_input)?;
        let (status, report) = status(outcome);
        Ok(PublishProgressReportPayload(
            status,
            ProgressReport::one(report),
        ))
    }

    /// Delete a draft report (a published one is frozen: CONFLICT).
    async fn delete_progress_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The report and the version you last saw.")] input: DeleteInput,
    ) -> async_graphql::Result<DeleteProgressReportPayload> {
        let id = input_id::<entity::progress_report::Entity>(&input.id, "id")?;
        let actor = ctx.writer()?;
        let outcome = workflow::delete_draft(ctx.db()?, &actor, id, input.version)
            .await
            .map_err(ApiError::in_input)?;
        let (status, report) = status(outcome);
        Ok(DeleteProgressReportPayload(
            status,
            ProgressReport::one(report),
        ))
    }
}
