//! Custom scalars: `Date` (a calendar date, `YYYY-MM-DD`) and `Decimal` (an exact number).

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::NaiveDate;

/// A calendar date in ISO 8601 form, e.g. `2026-07-02`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

/// A calendar date in ISO 8601 form (`YYYY-MM-DD`), e.g. `2026-07-02`.
#[Scalar(name = "Date")]
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => match s.parse::<NaiveDate>() {
                // Dates are compared as text on SQLite: keep them to four-digit years.
                Ok(d) if (1000..=9999).contains(&chrono::Datelike::year(&d)) => Ok(Date(d)),
                _ => Err(InputValueError::custom(format!(
                    "\"{s}\" is not a date (YYYY-MM-DD)"
                ))),
            },
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    // Checked during validation too, so a wrong date in a variable refuses the request before
    // anything runs, not one field after others ran.
    fn is_valid(value: &Value) -> bool {
        Self::parse(value.clone()).is_ok()
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_string())
    }
}

/// Check a value sent for the scalar `name` against its form: `None` when `name` is not one of
/// koers's scalars, else the parse's outcome with its message.
pub fn check(name: &str, value: &Value) -> Option<Result<(), String>> {
    let message = |e: async_graphql::ServerError| e.message;
    Some(match name {
        "Date" => Date::parse(value.clone())
            .map(drop)
            .map_err(|e| message(e.into_server_error(Default::default()))),
        "Decimal" => Decimal::parse(value.clone())
            .map(drop)
            .map_err(|e| message(e.into_server_error(Default::default()))),
        _ => return None,
    })
}

impl From<NaiveDate> for Date {
    fn from(d: NaiveDate) -> Self {
        Date(d)
    }
}

impl From<Date> for NaiveDate {
    fn from(d: Date) -> Self {
        d.0
    }
}

/// An exact decimal number, sent and received as a string so that nothing is rounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal(pub rust_decimal::Decimal);

/// An exact decimal number as a string, e.g. `"80"`, `"482754"` or `"6.8"` (a dot, no thousands
/// separators). Sent and returned as a string so that no value is rounded on the way.
#[Scalar(name = "Decimal")]
impl ScalarType for Decimal {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => s
                .trim()
                .parse::<rust_decimal::Decimal>()
                .map(Decimal)
                .map_err(|_| InputValueError::custom(format!("\"{s}\" is not a decimal number"))),
            Value::Number(n) if n.is_i64() || n.is_u64() => n
                .to_string()
                .parse::<rust_decimal::Decimal>()
                .map(Decimal)
                .map_err(|_| InputValueError::custom(format!("{n} is out of range"))),
            Value::Number(_) => Err(InputValueError::custom(
                "send fractional numbers as a string (e.g. \"6.8\") so they are not rounded",
            )),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn is_valid(value: &Value) -> bool {
        Self::parse(value.clone()).is_ok()
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_string())
    }
}

impl From<Decimal> for entity::Exact {
    fn from(d: Decimal) -> Self {
        entity::Exact(d.0)
    }
}

impl From<entity::Exact> for Decimal {
    fn from(e: entity::Exact) -> Self {
        Decimal(e.0)
    }
}
