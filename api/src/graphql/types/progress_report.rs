//! `ProgressReport`: a progress report for the Kamer (voortgangsrapportage).

use super::{PlanFields, PlanObject, date};
use crate::graphql::enums::{DocumentFormat, Language, ReportStatus};
use crate::graphql::scalars::Date;
use crate::service::reports::workflow;
use async_graphql::{Context, Object, SimpleObject};
use entity::progress_report::Model;

/// A progress report for the Kamer, of the plan as it stood on its peildatum.
#[derive(Clone)]
pub struct ProgressReport(
    pub std::sync::Arc<Model>,
    pub std::sync::Arc<crate::graphql::batch::Siblings<Model>>,
);

/// One document of a report.
#[derive(SimpleObject)]
pub struct ReportDocument {
    /// Its format.
    pub format: DocumentFormat,
    /// Where to download it, e.g. `/reports/12.html`.
    pub url: String,
    /// SHA-256 (hex) of its bytes; set once the report is published (a draft renders anew).
    pub sha256: Option<String>,
    /// Size in bytes (published reports).
    pub byte_size: Option<i64>,
}

/// The author's note under one section's heading.
#[derive(SimpleObject)]
pub struct SectionNote {
    /// The section.
    pub section: crate::graphql::enums::ReportSection,
    /// The note (one paragraph per line).
    pub text: String,
}

/// Something a reader of a report's documents should know.
#[derive(SimpleObject)]
pub struct ReportWarning {
    /// What it is about: `UNSUPPORTED_CHARACTER` (a character that none of the PDF's fonts has;
    /// the PDF shows "�" in its place, the other formats show the character).
    pub code: String,
    /// The character, as a code point, e.g. `U+F0000`.
    pub character: String,
    /// The text it occurs in (at most 60 characters around it).
    pub excerpt: String,
    /// What it means, in the report's language.
    pub message: String,
}

super::batched!(ProgressReport);

/// A progress report for the Kamer, of the plan as it stood on its peildatum.
#[Object]
impl ProgressReport {
    #[graphql(flatten)]
    async fn plan_fields(&self) -> PlanFields<'_, Self> {
        PlanFields(self)
    }

    /// Its title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// The peildatum: the report describes the plan as it stood at the end of this day.
    async fn as_of(&self) -> Date {
        self.0.as_of.into()
    }
    /// Its language.
    async fn language(&self) -> Language {
        self.0.language.into()
    }
    /// Draft or published.
    async fn status(&self) -> ReportStatus {
        self.0.status.into()
    }
    /// Its date, as its documents' stamp gives it: the status date of its publication, or of its
    /// generation for a draft (on an instance with a fixed status date, that date, as its
    /// letters have it).
    async fn date(&self) -> chrono::NaiveDate {
        crate::service::reports::document::Stamp::of(&self.0).date
    }
    /// When it was published (UTC), or null for a draft.
    async fn published_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.published_at
    }
    /// Its kenmerk (the ministry's reference), once set.
    async fn reference(&self) -> Option<&str> {
        self.0.reference.as_deref()
    }
    /// Which version of the report of its peildatum and language it is: 1 for the first, 2 for
    /// a second report of the same peildatum ("versie 2"), and so on.
    async fn edition(&self) -> i32 {
        self.0.edition
    }
    /// Who approved the draft for publication (the second pair of eyes), once approved.
    async fn approved_by(&self) -> Option<&str> {
        self.0.approved_by.as_deref()
    }
    /// When it was approved (UTC).
    async fn approved_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.approved_at
    }
    /// The author's summary (Samenvatting) that opens the report; empty when none.
    async fn summary(&self) -> async_graphql::Result<String> {
        Ok(workflow::author_text(&self.0)?.summary)
    }
    /// The author's notes under section headings.
    async fn notes(&self) -> async_graphql::Result<Vec<SectionNote>> {
        Ok(workflow::author_text(&self.0)?
            .notes
            .into_iter()
            .filter_map(|(key, text)| {
                crate::graphql::enums::ReportSection::from_key(&key)
                    .map(|section| SectionNote { section, text })
            })
            .collect())
    }
    /// Who generated it.
    async fn created_by(&self) -> &str {
        &self.0.created_by
    }
    /// The peildatum of the previous published report (the period covered starts after it).
    async fn previous_as_of(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Date>> {
        let Some(id) = self.0.previous_report_id else {
            return Ok(None);
        };
        let previous =
            crate::graphql::loaders::one::<entity::progress_report::Entity>(ctx, id).await?;
        Ok(date(previous.map(|p| p.as_of)))
    }
    /// Its documents, with their SHA-256 once published.
    async fn documents(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ReportDocument>> {
        use crate::graphql::context::ContextExt;
        let stored = if self.0.status == entity::ReportStatus::Published {
            workflow::stored_documents(ctx.db()?, self.0.id).await?
        } else {
            vec![]
        };
        let attached = self
            .0
            .final_sha256
            .as_ref()
            .map(|_| entity::DocumentFormat::FinalOdt);
        Ok(workflow::FORMATS
            .iter()
            .chain(attached.as_ref())
            .map(|format| {
                let found = stored.iter().find(|(f, _, _)| f == format);
                ReportDocument {
                    format: (*format).into(),
                    url: format!("/reports/{}", workflow::file_name(self.0.id, *format)),
                    sha256: found.map(|(_, hash, _)| hash.clone()),
                    byte_size: found.map(|(_, _, size)| *size as i64),
                }
            })
            .collect())
    }
    /// What a reader of its documents should know, e.g. a character the PDF cannot show (none
    /// for nearly every report). Computed from the frozen content: a published report's
    /// warnings never change.
    async fn warnings(&self) -> async_graphql::Result<Vec<ReportWarning>> {
        // Reading every character against the fonts is CPU work: off the async threads.
        let report = self.0.clone();
        let warnings = tokio::task::spawn_blocking(move || workflow::warnings(&report))
            .await
            .map_err(|e| crate::error::ApiError::Internal(format!("report warnings: {e}")))??;
        Ok(warnings
            .into_iter()
            .map(|w| ReportWarning {
                code: w.code.to_owned(),
                character: w.character,
                excerpt: w.excerpt,
                message: w.message,
            })
            .collect())
    }
    /// The report as Markdown (what `/reports/{id}.md` serves).
    async fn markdown(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        use crate::graphql::context::ContextExt;
        let (bytes, _) = workflow::document(
            ctx.db()?,
            self.0.id,
            entity::DocumentFormat::Md,
            ctx.caller().role,
        )
        .await?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

impl PlanObject for ProgressReport {
    /// A published report is frozen: neither changed nor deleted (its final version is
    /// attached with `attachFinalReport`).
    async fn update_blocked(&self, _ctx: &Context<'_>) -> async_graphql::Result<bool> {
        Ok(self.0.status == entity::ReportStatus::Published)
    }

    /// Only while not published: see `update_blocked`.
    async fn delete_blocked(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        self.update_blocked(ctx).await
    }
}
