//! The change history: recording every change in the transaction that makes it (`record`),
//! listing the records (`change_records`), and the plan as it stood at a moment (`as_of`).

pub mod as_of;
pub mod change_records;
pub mod record;
