//! Progress reports for the Kamer (voortgangsrapportages), in three steps: `build` gathers the
//! plan as of a peildatum and composes typed facts (`facts`: what is late, by how much, why,
//! against which target); `words` puts each fact into the report's language; the frozen
//! `content` is rendered into documents (`render`).

mod build;
mod content;
pub(crate) mod facts;
mod markdown;
mod odt;
mod pdf;
pub mod render;
pub(crate) mod svg;
pub(crate) mod words;

pub use build::{Request, build, end_of};
pub use content::{AuthorText, Content, LAYOUT, SECTIONS, Stamp};
pub use pdf::{Unsupported, unsupported, warm_up};
pub use words::{Language, Words};
