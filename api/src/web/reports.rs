//! Rapportages (`/rapportages`): the progress reports for the Kamer the reader may see, the
//! published ones first (newest peildatum first) with their documents, then the drafts (only
//! for those who may see drafts: the API decides which reports a reader gets). Each document
//! opens through `/rapportages/documenten/{file}`, which serves it as `/reports/{file}` does
//! (`http::reports::document`: the same visibility), for the reader of the web session too.
//! Its data is `reports.graphql`.

use super::text::{Text, say};
use super::words::capital;
use super::{Api, every_page, page, reader};
use crate::http::Peer;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

const DOCUMENT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/web/queries/reports.graphql"
));

/// How many reports the page lists at most.
const MOST: usize = 1000;

/// Where the web app serves a report's document `file` (`12.pdf`, `12.final.odt`).
fn document_address(url: &str) -> String {
    let file = url.rsplit('/').next().unwrap_or_default();
    format!("/rapportages/documenten/{file}")
}

/// `GET /rapportages`: the page.
pub async fn show(
    State(api): State<Api>,
    peer: Peer,
    session: Session,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let reader = match reader(&api, &headers, &peer, &session, &uri).await {
        Ok(reader) => reader,
        Err(refused) => return refused,
    };
    let split = |a: &mut Answer| {
        (
            std::mem::take(&mut a.progress_reports.nodes),
            std::mem::take(&mut a.progress_reports.page_info),
        )
    };
    let operation = (DOCUMENT, "Reports");
    let variables = serde_json::json!({});
    let (last, reports) =
        match every_page(&api, &headers, &reader, operation, variables, MOST, split).await {
            Ok(read) => read,
            Err(refused) => return refused,
        };
    let total = last.progress_reports.total_count;
    let text = reader.text;
    page(
        "reports.html",
        &say!(text, "reports-title"),
        "rapportages",
        &reader,
        ReportsPage::of(text, &reports, total),
    )
}

/// `GET /rapportages/documenten/{file}`: a report's document, for the reader of the page.
pub async fn document(
    State(api): State<Api>,
    peer: Peer,
    session: Session,
    uri: Uri,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Response {
    let reader = match reader(&api, &headers, &peer, &session, &uri).await {
        Ok(reader) => reader,
        Err(refused) => return refused,
    };
    let served = crate::http::reports::document(api.state().clone(), &reader.caller, &file).await;
    let text = reader.text;
    match served.status() {
        axum::http::StatusCode::NOT_FOUND => super::problem_for(
            &reader,
            axum::http::StatusCode::NOT_FOUND,
            say!(text, "reports-document-not-found"),
            say!(text, "reports-document-not-found-more"),
        ),
        status if status.is_server_error() => super::failed(text),
        _ => served,
    }
}

// ---------------------------------------------------------------------------------------------
// The answer, as `reports.graphql` asks for it
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Answer {
    progress_reports: Reports,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Reports {
    total_count: usize,
    page_info: super::PageInfo,
    nodes: Vec<Report>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum Status {
    Draft,
    Published,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    title: String,
    as_of: NaiveDate,
    date: NaiveDate,
    language: entity::Language,
    status: Status,
    published_at: Option<DateTime<Utc>>,
    reference: Option<String>,
    edition: i32,
    approved_by: Option<String>,
    created_by: String,
    previous_as_of: Option<NaiveDate>,
    documents: Vec<Document>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Document {
    format: Format,
    url: String,
    sha256: Option<String>,
    byte_size: Option<i64>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum Format {
    Md,
    Html,
    Pdf,
    Odt,
    FinalOdt,
}

// ---------------------------------------------------------------------------------------------
// What the page shows
// ---------------------------------------------------------------------------------------------

#[derive(Serialize)]
struct ReportsPage {
    summary: String,
    groups: Vec<Group>,
}

#[derive(Serialize)]
struct Group {
    id: &'static str,
    title: String,
    meaning: String,
    items: Vec<Item>,
}

#[derive(Serialize)]
struct Item {
    title: String,
    as_of: String,
    period: Option<String>,
    state: String,
    reference: Option<String>,
    language: String,
    documents: Vec<DocumentLink>,
}

#[derive(Serialize)]
struct DocumentLink {
    name: String,
    link: String,
    size: Option<String>,
    sha256: Option<String>,
}

impl ReportsPage {
    fn of(text: Text, reports: &[Report], total: usize) -> Self {
        let group = |status: Status| {
            let mut members: Vec<&Report> = reports.iter().filter(|r| r.status == status).collect();
            // The newest peildatum first, a later edition before an earlier one.
            members.sort_by_key(|r| std::cmp::Reverse((r.as_of, r.edition)));
            members
                .into_iter()
                .map(|r| item(text, r))
                .collect::<Vec<_>>()
        };
        let mut groups = Vec::new();
        let published = group(Status::Published);
        if !published.is_empty() {
            groups.push(Group {
                id: "gepubliceerd",
                title: say!(text, "reports-published-heading"),
                meaning: say!(text, "reports-published-meaning"),
                items: published,
            });
        }
        let drafts = group(Status::Draft);
        if !drafts.is_empty() {
            groups.push(Group {
                id: "concepten",
                title: say!(text, "reports-drafts-heading"),
                meaning: say!(text, "reports-drafts-meaning"),
                items: drafts,
            });
        }
        let mut summary = if total == 0 {
            String::new()
        } else {
            say!(text, "reports-summary", count = total)
        };
        if reports.len() < total {
            summary.push_str(&format!(
                " {}",
                say!(text, "reports-cut", shown = reports.len())
            ));
        }
        ReportsPage { summary, groups }
    }
}

fn item(text: Text, r: &Report) -> Item {
    let words = text.words();
    let mut state = match (r.status, r.published_at) {
        (Status::Published, Some(at)) => say!(
            text,
            "reports-published-on",
            day = words.date(crate::service::schedule::status_date::dutch_day(at))
        ),
        (Status::Published, None) => say!(text, "reports-published"),
        (Status::Draft, _) => say!(text, "reports-draft-by", name = r.created_by.as_str()),
    };
    if let Some(approver) = &r.approved_by {
        state.push_str(&format!(
            "; {}",
            say!(text, "reports-approved-by", name = approver.as_str())
        ));
    }
    if r.edition > 1 {
        state.push_str(&format!(
            "; {}",
            say!(text, "reports-edition", edition = r.edition.to_string())
        ));
    }
    Item {
        title: r.title.clone(),
        as_of: words.date(r.as_of),
        period: r
            .previous_as_of
            .map(|from| say!(text, "reports-period-after", day = words.date(from))),
        state: capital(&state),
        reference: r.reference.clone().filter(|k| !k.trim().is_empty()),
        language: match r.language {
            entity::Language::Nl => say!(text, "reports-language-nl"),
            entity::Language::En => say!(text, "reports-language-en"),
        },
        documents: r
            .documents
            .iter()
            .map(|d| DocumentLink {
                name: match d.format {
                    Format::Pdf => "PDF (PDF/A-2a, PDF/UA-1)".to_owned(),
                    Format::Odt => say!(text, "reports-format-odt"),
                    Format::Html => say!(text, "reports-format-html"),
                    Format::Md => "Markdown".to_owned(),
                    Format::FinalOdt => say!(text, "reports-format-final-odt"),
                },
                link: document_address(&d.url),
                size: d.byte_size.map(|bytes| kib(text, bytes)),
                sha256: d.sha256.clone(),
            })
            .collect(),
    }
    .with_date(text, r.date)
}

impl Item {
    /// The report's own date beside its peildatum, where they differ.
    fn with_date(mut self, text: Text, date: NaiveDate) -> Self {
        let day = text.words().date(date);
        if day != self.as_of {
            self.state
                .push_str(&format!("; {}", say!(text, "reports-dated", day = day)));
        }
        self
    }
}

/// A size in KiB with one decimal, in the language's decimal sign: "84,5 KiB", "84.5 KiB".
fn kib(text: Text, bytes: i64) -> String {
    let tenths = (bytes * 10 + 512) / 1024;
    let point = text.words().decimal_point();
    format!("{}{point}{} KiB", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::language::Language;

    #[test]
    fn sizes_follow_the_language_and_documents_have_a_web_address() {
        assert_eq!(kib(Text::DUTCH, 86_528), "84,5 KiB");
        assert_eq!(kib(Text::DUTCH, 0), "0,0 KiB");
        assert_eq!(kib(Text::new(Language::En), 86_528), "84.5 KiB");
        assert_eq!(
            document_address("/reports/12.final.odt"),
            "/rapportages/documenten/12.final.odt"
        );
    }
}
