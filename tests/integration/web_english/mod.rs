//! The web app in English, its second language: the reader chooses it with the header's link
//! (the `koers_taal` cookie), and every page's own text follows, while the plan's data stays
//! as it was written.

mod commitments;
mod frame;
mod kpis;
mod milestone;
mod overview;
mod reports;
mod timeline;
