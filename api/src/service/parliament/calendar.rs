//! The parliamentary calendar: "voor het zomerreces 2026" and where dates fall.

use crate::error::{ApiError, ApiResult};
use crate::service::store::crud::Fill;
use chrono::NaiveDate;
use entity::{RecessKind, recess_period};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
};

/// Names of each recess, Dutch and English, as people write them.
const NAMES: &[(RecessKind, &[&str])] = &[
    (
        RecessKind::Spring,
        &["voorjaarsreces", "spring recess", "spring"],
    ),
    (RecessKind::May, &["meireces", "may recess"]),
    (RecessKind::Summer, &["zomerreces", "summer recess"]),
    (RecessKind::Autumn, &["herfstreces", "autumn recess"]),
    (RecessKind::Christmas, &["kerstreces", "christmas recess"]),
    (
        RecessKind::Election,
        &["verkiezingsreces", "election recess"],
    ),
];

/// Words that make a phrase about a time after or during a recess ("na het zomerreces",
/// "tijdens het kerstreces"), which no deadline before the recess may be read from.
const NOT_BEFORE: &[&str] = &[
    "na", "after", "tijdens", "during", "in", "vanaf", "from", "sinds", "since", "begin", "eind",
    "start", "end",
];

/// The recess and year a phrase such as "voor het zomerreces 2026" refers to: a deadline before
/// that recess. A phrase about a time after or during a recess ("na het zomerreces 2026") is
/// refused, not read as "before": give such a deadline as a date.
pub fn parse_phrase(phrase: &str) -> ApiResult<(RecessKind, i32)> {
    let text = phrase.trim().to_lowercase();
    if let Some(word) = text
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| NOT_BEFORE.contains(w))
    {
        return Err(ApiError::invalid(
            "phrase",
            format!(
                "\"{phrase}\" is not a deadline before a recess (\"{word}\"); only \"voor het …reces JJJJ\" is read"
            ),
        ));
    }
    let kind = NAMES
        .iter()
        .find(|(_, names)| names.iter().any(|n| text.contains(n)))
        .map(|(kind, _)| *kind)
        .ok_or_else(|| {
            ApiError::invalid(
                "phrase",
                format!(
                    "\"{phrase}\" names no recess (voorjaarsreces, meireces, zomerreces, herfstreces, kerstreces, verkiezingsreces)"
                ),
            )
        })?;
    let years: Vec<i32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .collect();
    match years.as_slice() {
        [year] => Ok((kind, *year)),
        [] => Err(ApiError::invalid(
            "phrase",
            format!("\"{phrase}\" names no year"),
        )),
        _ => Err(ApiError::invalid(
            "phrase",
            format!("\"{phrase}\" names more than one year"),
        )),
    }
}

/// The deadline "before the `kind` recess of `year`": the day before it starts (the last
/// sitting day), with the recess it refers to. A recess missing from the calendar is
/// BAD_USER_INPUT at `field`.
pub async fn deadline_before<C: ConnectionTrait>(
    db: &C,
    field: &str,
    kind: RecessKind,
    year: i32,
) -> ApiResult<(NaiveDate, recess_period::Model)> {
    let recess = recess_period::Entity::find()
        .filter(recess_period::Column::Kind.eq(kind))
        .filter(recess_period::Column::Year.eq(year))
        .filter(recess_period::Column::DeletedAt.is_null())
        .one(db)
        .await?
        .ok_or_else(|| {
            ApiError::invalid(
                field,
                format!(
                    "the recess calendar has no {} {year}; add it first",
                    kind.as_str().to_lowercase()
                ),
            )
        })?;
    let day = recess
        .first_day
        .pred_opt()
        .ok_or_else(|| ApiError::Internal("date underflow".into()))?;
    Ok((day, recess))
}

/// A deadline given as a date, or as a phrase relative to a recess ("voor het zomerreces 2026"):
/// the date when given, else the phrase resolved against the calendar. Errors name `field`.
///
/// A date and a phrase together must agree: a date after the day the phrase promises ("voor
/// het zomerreces 2027" and 1 December 2027) is BAD_USER_INPUT at `deadlineDate`, because the
/// stored deadline would say one thing and count another. A date before it is an earlier own
/// deadline and stands; a text that names no recess before which ("uiterlijk 1 oktober 2025")
/// is a description and is not checked.
pub async fn deadline<C: ConnectionTrait>(
    db: &C,
    field: &str,
    text: Option<&str>,
    date: Option<NaiveDate>,
) -> ApiResult<Option<NaiveDate>> {
    let text = text.filter(|t| !t.trim().is_empty());
    if let Some(date) = date {
        if let Some(promised) = promised_by(db, text).await?
            && date > promised
        {
            return Err(ApiError::invalid(
                "deadlineDate",
                format!(
                    "{date} is after {promised}, the last sitting day that \"{}\" promises: give the date of that promise, or change the text",
                    text.unwrap_or_default()
                ),
            ));
        }
        return Ok(Some(date));
    }
    let Some(text) = text else {
        return Ok(None);
    };
    let resolved = async {
        let (kind, year) = parse_phrase(text)?;
        deadline_before(db, field, kind, year)
            .await
            .map(|(day, _)| day)
    }
    .await;
    match resolved {
        Ok(day) => Ok(Some(day)),
        Err(ApiError::Invalid { message, .. }) => Err(ApiError::invalid(
            field,
            format!("{message} (give the deadline as a date, or as a recess and year)"),
        )),
        Err(other) => Err(other),
    }
}

/// The day a text promises when it reads as a deadline before a recess in the calendar; none
/// for any other text.
async fn promised_by<C: ConnectionTrait>(
    db: &C,
    text: Option<&str>,
) -> ApiResult<Option<NaiveDate>> {
    let Some(Ok((kind, year))) = text.map(parse_phrase) else {
        return Ok(None);
    };
    match deadline_before(db, "deadlineText", kind, year).await {
        Ok((day, _)) => Ok(Some(day)),
        Err(ApiError::Invalid { .. }) => Ok(None),
        Err(other) => Err(other),
    }
}

/// All live recess periods, by first day (a small table: read whole).
pub async fn all<C: ConnectionTrait>(db: &C) -> ApiResult<Vec<recess_period::Model>> {
    Ok(recess_period::Entity::find()
        .filter(recess_period::Column::DeletedAt.is_null())
        .order_by_asc(recess_period::Column::FirstDay)
        .all(db)
        .await?)
}

/// The recess that `day` falls in, if any.
pub fn recess_on(
    recesses: &[recess_period::Model],
    day: NaiveDate,
) -> Option<&recess_period::Model> {
    recesses
        .iter()
        .find(|r| r.first_day <= day && day <= r.last_day)
}

/// A deadline as a client gives it: a date, or a phrase that names a recess ("voor het
/// zomerreces 2026"), resolved against the recess calendar inside the write's transaction
/// ([`deadline`]; errors name `field`). Fills `deadline_date` of a milestone or commitment.
#[derive(Clone, Debug)]
pub struct Deadline {
    /// The input field a failure names (`deadlineText`, `newDeadlineText`).
    pub field: &'static str,
    /// The phrase.
    pub text: Option<String>,
    /// The date, which wins over the phrase.
    pub date: Option<NaiveDate>,
    /// Whether a deadline is required: none is then BAD_USER_INPUT at `deadlineDate`.
    pub required: bool,
}

impl Deadline {
    /// No deadline: neither a date nor a phrase.
    pub fn none() -> Self {
        Self {
            field: "deadlineText",
            text: None,
            date: None,
            required: false,
        }
    }

    /// The date: given, or resolved from the phrase in `db`'s view of the calendar.
    pub async fn resolve<C: ConnectionTrait>(&self, db: &C) -> ApiResult<Option<NaiveDate>> {
        let day = deadline(db, self.field, self.text.as_deref(), self.date).await?;
        if self.required && day.is_none() {
            return Err(missing());
        }
        Ok(day)
    }

    /// [`Deadline::resolve`] for a deadline that must be there: none is BAD_USER_INPUT at
    /// `deadlineDate`, whatever `required` says.
    pub async fn resolve_required<C: ConnectionTrait>(&self, db: &C) -> ApiResult<NaiveDate> {
        self.resolve(db).await?.ok_or_else(missing)
    }
}

fn missing() -> ApiError {
    ApiError::invalid(
        "deadlineDate",
        "give the deadline as a date, or as a deadlineText that names a recess",
    )
}

#[async_trait::async_trait]
impl Fill<entity::milestone::Model> for Deadline {
    async fn fill(
        self: Box<Self>,
        txn: &DatabaseTransaction,
        model: &mut entity::milestone::Model,
    ) -> ApiResult<()> {
        model.deadline_date = self.resolve(txn).await?;
        Ok(())
    }
}

#[async_trait::async_trait]
impl Fill<entity::commitment::Model> for Deadline {
    async fn fill(
        self: Box<Self>,
        txn: &DatabaseTransaction,
        model: &mut entity::commitment::Model,
    ) -> ApiResult<()> {
        if let Some(day) = self.resolve(txn).await? {
            model.deadline_date = day;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_name_a_recess_and_a_year() {
        assert_eq!(
            parse_phrase("voor het zomerreces 2026").ok(),
            Some((RecessKind::Summer, 2026))
        );
        assert_eq!(
            parse_phrase("Vóór het Kerstreces 2025").ok(),
            Some((RecessKind::Christmas, 2025))
        );
        assert_eq!(
            parse_phrase("before the summer recess 2027").ok(),
            Some((RecessKind::Summer, 2027))
        );
        assert!(matches!(
            parse_phrase("voor de zomer 2026"),
            Err(ApiError::Invalid { .. })
        ));
        assert!(matches!(
            parse_phrase("voor het zomerreces"),
            Err(ApiError::Invalid { .. })
        ));
        assert!(matches!(
            parse_phrase("tussen zomerreces 2026 en 2027"),
            Err(ApiError::Invalid { .. })
        ));
    }
}
