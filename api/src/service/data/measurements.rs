//! Rules of KPI measurements.

use crate::error::{ApiError, ApiResult};
use crate::service::store::crud::{New, Rules, refers};
use crate::service::store::validate as v;
use chrono::NaiveDate;
use entity::{Exact, GovernmentLayer, MeasurementQualifier, data_source, kpi, kpi_measurement};
use futures::future::BoxFuture;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

impl Rules for kpi_measurement::Entity {
    fn validate(m: &kpi_measurement::Model) -> ApiResult<()> {
        v::date_order("periodStart", m.period_start, "periodEnd", m.period_end)?;
        v::opt_line("note", m.note.as_deref(), 1000)
    }

    fn check<'a>(
        txn: &'a DatabaseTransaction,
        m: &'a kpi_measurement::Model,
        before: Option<&'a kpi_measurement::Model>,
    ) -> BoxFuture<'a, ApiResult<()>> {
        Box::pin(async move {
            refers::<kpi::Entity>(txn, "kpiId", Some(m.kpi_id), before.map(|b| Some(b.kpi_id)))
                .await?;
            refers::<data_source::Entity>(
                txn,
                "dataSourceId",
                m.data_source_id,
                before.map(|b| b.data_source_id),
            )
            .await?;
            // One value per KPI, period and layer: a second one is a correction (update it).
            crate::service::lock(txn, &format!("kpi_measurement:{}", m.kpi_id)).await?;
            let same = kpi_measurement::Entity::find()
                .filter(kpi_measurement::Column::KpiId.eq(m.kpi_id))
                .filter(kpi_measurement::Column::PeriodStart.eq(m.period_start))
                .filter(kpi_measurement::Column::PeriodEnd.eq(m.period_end))
                .filter(kpi_measurement::Column::Id.ne(m.id))
                .filter(kpi_measurement::Column::DeletedAt.is_null())
                .all(txn)
                .await?;
            if same.iter().any(|x| x.layer == m.layer) {
                return Err(ApiError::Conflict(format!(
                    "KPI {} already has a value for {} to {}; update that measurement instead",
                    m.kpi_id, m.period_start, m.period_end
                )));
            }
            Ok(())
        })
    }
}

/// How people write a measured period: a whole year "2023", whole years "2019-2020",
/// a half year "2025-H1", a quarter "2025-Q3", else "2025-03-01 t/m 2025-05-31".
pub fn period_label(start: chrono::NaiveDate, end: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let starts_year = start.month() == 1 && start.day() == 1;
    let ends_year = end.month() == 12 && end.day() == 31;
    if starts_year && ends_year {
        return if start.year() == end.year() {
            start.year().to_string()
        } else {
            format!("{}-{}", start.year(), end.year())
        };
    }
    let month_end = end.succ_opt().is_some_and(|next| next.day() == 1);
    if start.year() == end.year() && start.day() == 1 && month_end {
        let months = end.month() - start.month() + 1;
        if months == 6 && (start.month() == 1 || start.month() == 7) {
            return format!("{}-H{}", start.year(), start.month() / 6 + 1);
        }
        if months == 3 && (start.month() - 1).is_multiple_of(3) {
            return format!("{}-Q{}", start.year(), (start.month() - 1) / 3 + 1);
        }
    }
    format!("{start} t/m {end}")
}

/// A measurement of a KPI to create (`crud::create_new`): the fields of [`kpi_measurement::Model`], without the
/// bookkeeping and derived columns the service sets.
#[derive(Clone, Debug)]
pub struct NewMeasurement {
    pub kpi_id: i32,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub layer: Option<GovernmentLayer>,
    pub value: Exact,
    /// A lower or upper bound, or an estimate; None for a plain value.
    pub qualifier: Option<MeasurementQualifier>,
    pub data_source_id: Option<i32>,
    pub note: Option<String>,
}

#[async_trait::async_trait]
impl New<kpi_measurement::Entity> for NewMeasurement {
    async fn into_row(self, _txn: &DatabaseTransaction) -> ApiResult<kpi_measurement::Model> {
        Ok(kpi_measurement::Model {
            id: 0,
            kpi_id: self.kpi_id,
            period_start: self.period_start,
            period_end: self.period_end,
            layer: self.layer,
            value: self.value,
            qualifier: self.qualifier,
            data_source_id: self.data_source_id,
            note: self.note,
            version: 0,
            created_at: Default::default(),
            updated_at: Default::default(),
            deleted_at: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::period_label;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn periods_read_as_people_write_them() {
        assert_eq!(period_label(d("2023-01-01"), d("2023-12-31")), "2023");
        assert_eq!(period_label(d("2019-01-01"), d("2020-12-31")), "2019-2020");
        assert_eq!(period_label(d("2025-07-01"), d("2025-12-31")), "2025-H2");
        assert_eq!(period_label(d("2025-01-01"), d("2025-06-30")), "2025-H1");
        assert_eq!(period_label(d("2025-07-01"), d("2025-09-30")), "2025-Q3");
        assert_eq!(
            period_label(d("2025-03-01"), d("2025-05-31")),
            "2025-03-01 t/m 2025-05-31"
        );
    }
}
