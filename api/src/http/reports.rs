//! `GET /reports/{id}.{md,html,pdf,odt}`: a progress report's document. A published report
//! serves its stored bytes (with their SHA-256 in `x-content-sha256`); a draft renders from its
//! frozen content. `/reports/{id}.final.odt` is the final version attached after publication.

use crate::error::ApiError;
use crate::service::accounts::access::Caller;
use crate::service::reports::workflow;
use crate::state::AppState;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use entity::DocumentFormat;

/// What a report's HTML may use: its inline style and inline pictures, nothing else (no
/// script, no request anywhere, no framing). The document is one self-contained file.
pub const REPORT_CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; \
     img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// A report id as koers writes it: digits, without a sign or leading zeros ("12", not "+12"
/// or "012"), so one document has one address.
fn canonical_id(text: &str) -> Option<i32> {
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    let leading_zero = text.len() > 1 && text.starts_with('0');
    (digits && !leading_zero)
        .then(|| text.parse().ok())
        .flatten()
}

/// The document named `file` ("12.html").
pub async fn document(state: AppState, caller: &Caller, file: &str) -> Response {
    let parsed =
        workflow::parse_file_name(file).and_then(|(id, format)| Some((canonical_id(id)?, format)));
    let Some((id, format)) = parsed else {
        return super::error_response(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            "no such report document",
        );
    };
    match workflow::document(&state.db, id, format, caller.role).await {
        Ok((body, sha256)) => {
            let mime = match format {
                DocumentFormat::Md => "text/markdown; charset=utf-8",
                DocumentFormat::Html => "text/html; charset=utf-8",
                DocumentFormat::Pdf => "application/pdf",
                DocumentFormat::Odt | DocumentFormat::FinalOdt => {
                    "application/vnd.oasis.opendocument.text"
                }
            };
            let mut response =
                (StatusCode::OK, [(header::CONTENT_TYPE, mime)], body).into_response();
            if format == DocumentFormat::Html {
                response.headers_mut().insert(
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static(REPORT_CONTENT_SECURITY_POLICY),
                );
            }
            if let Some(hash) = sha256.and_then(|h| HeaderValue::from_str(&h).ok()) {
                response.headers_mut().insert("x-content-sha256", hash);
            }
            response
        }
        Err(ApiError::NotFound { .. }) => super::error_response(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            "no such report document",
        ),
        Err(err) => super::server_failure("report document", err),
    }
}

#[cfg(test)]
mod tests {
    use super::canonical_id;

    #[test]
    fn one_document_has_one_address() {
        assert_eq!(canonical_id("12"), Some(12));
        assert_eq!(canonical_id("0"), Some(0));
        for other in ["+12", "012", "-1", " 12", "1_2", "", "99999999999"] {
            assert_eq!(canonical_id(other), None, "{other:?}");
        }
    }
}
