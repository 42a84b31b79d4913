//! KPIs and the data behind them: KPIs with their targets (`kpis`), measurements, data sources
//! with their quality assessments (`sources`), and data-infrastructure tasks.

pub mod kpis;
pub mod measurements;
pub mod sources;
pub mod tasks;
