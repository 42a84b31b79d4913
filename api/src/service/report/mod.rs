//! Progress reports for the Kamer (voortgangsrapportages): content built from the plan as of a
//! peildatum (`build`), words in the report's language (`words`), and the documents (`render`).

mod build;
mod content;
mod markdown;
mod odt;
mod pdf;
pub mod render;
mod svg;
mod words;

pub use build::{Request, build, end_of};
pub use content::{AuthorText, Content, LAYOUT, SECTIONS, Stamp};
pub use pdf::{Unsupported, unsupported, warm_up};
pub use words::Language;
