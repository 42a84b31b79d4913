//! `Exact`: a decimal that round-trips without float rounding on both databases.
//!
//! sea-orm reads a SQLite decimal through `f64`, which would round values that reach the Kamer.
//! The migrations store these columns as TEXT on SQLite and NUMERIC on PostgreSQL; this type
//! reads the text form on SQLite and the native numeric elsewhere.

use rust_decimal::Decimal;
use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, ValueType, ValueTypeErr};
use sea_orm::{ColIdx, QueryResult, TryGetError, TryGetable, Value};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// An exact decimal number as stored in the plan (targets, measurements, baselines).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Exact(pub Decimal);

impl From<Decimal> for Exact {
    fn from(value: Decimal) -> Self {
        Self(value)
    }
}

impl From<Exact> for Value {
    fn from(value: Exact) -> Self {
        Value::Decimal(Some(value.0.normalize()))
    }
}

impl TryGetable for Exact {
    fn try_get_by<I: ColIdx>(res: &QueryResult, idx: I) -> Result<Self, TryGetError> {
        if res.try_as_sqlite_row().is_some() {
            let text = String::try_get_by(res, idx)?;
            Decimal::from_str(&text).map(Exact).map_err(|e| {
                TryGetError::DbErr(sea_orm::DbErr::Type(format!("not a decimal: {e}")))
            })
        } else {
            Decimal::try_get_by(res, idx).map(Exact)
        }
    }
}

impl ValueType for Exact {
    fn try_from(v: Value) -> Result<Self, ValueTypeErr> {
        <Decimal as ValueType>::try_from(v).map(Exact)
    }

    fn type_name() -> String {
        "Exact".to_owned()
    }

    fn array_type() -> ArrayType {
        ArrayType::Decimal
    }

    fn column_type() -> ColumnType {
        ColumnType::Decimal(None)
    }
}

impl Nullable for Exact {
    fn null() -> Value {
        Value::Decimal(None)
    }
}

impl sea_orm::IntoActiveValue<Exact> for Exact {
    fn into_active_value(self) -> sea_orm::ActiveValue<Exact> {
        sea_orm::ActiveValue::Set(self)
    }
}
