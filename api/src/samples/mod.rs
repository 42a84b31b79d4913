//! Plans that are not anyone's work: the demo plan (`demo`, loaded by `koers serve --demo`) and
//! the synthetic plans of the benchmarks (`generate`). They use the service layer; nothing in it
//! uses them.

pub mod demo;
pub mod generate;
