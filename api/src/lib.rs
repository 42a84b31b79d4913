//! koers: the GraphQL service behind the MVOI multi-year plan.
//!
//! `main.rs` parses the command line and calls [`run`] (the commands are `cli/`'s); tests build
//! the router with [`router`].

pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod error;
pub mod graphql;
pub mod http;
pub mod metrics;
pub mod oidc;
pub mod samples;
pub mod service;
pub mod state;
pub mod telemetry;
pub mod web;

pub use cli::run;
pub use http::router;
pub use state::AppState;
