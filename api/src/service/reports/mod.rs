//! The progress report for the Kamer: the document (`document`: gathered as of a peildatum, put
//! into words, rendered), its workflow from draft to published (`workflow`), and the check of
//! an edited final version (`odt_package`).

pub mod document;
pub mod odt_package;
pub mod workflow;
