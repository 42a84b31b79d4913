//! The one integration-test binary of koers. Every test gets a fresh database with the real
//! migrations: SQLite in memory, or a fresh PostgreSQL schema when `TEST_DATABASE_URL` is set.

// Tests fail by panicking: unwrap and expect are how they say what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod accounts;
mod as_of;
mod authorization;
mod baselines;
mod calendar;
mod cli;
mod commitments;
mod connections;
mod demo;
mod errors;
mod export;
mod filters;
mod hardening;
mod history;
mod http;
mod links;
mod migrations;
mod mutations;
mod n_plus_one;
mod outage;
mod pagination;
mod queries;
mod report_documents;
mod report_text;
mod reports;
mod retries;
mod risks;
mod rules;
mod scheduling;
mod schema;
mod shared_work;
mod spec;
mod status_date;
mod telemetry;
mod unsent_variables;
mod validation;
mod web;
mod web_as_of;
mod web_english;
mod web_kpis;
mod web_sign_in_provider;
