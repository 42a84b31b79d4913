//! The Tweede Kamer: its recess calendar (`recess`, and deadlines such as "voor het zomerreces
//! 2026" in `calendar`), commitments (toezeggingen) and the letters that fulfil or postpone them.

pub mod calendar;
pub mod commitments;
pub mod letters;
pub mod recess;
