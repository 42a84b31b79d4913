//! The GraphQL API: schema construction, types, queries, mutations and loaders.

pub mod batch;
pub mod budget;
pub mod connection;
pub mod context;
pub mod cost;
pub mod enums;
pub mod error_codes;
pub mod execute;
pub mod field_order;
pub mod ids;
pub mod loaders;
pub mod mutation;
pub mod nesting;
pub mod prepare;
pub mod query;
pub mod scalars;
pub mod source;
pub mod type_index;
pub mod types;

use crate::state::AppState;
use async_graphql::{EmptySubscription, Schema, SchemaBuilder};

/// The schema type of koers.
pub type KoersSchema = Schema<query::Query, mutation::Mutation, EmptySubscription>;

/// The schema without data or limits: no I/O, used for the SDL export.
pub fn schema_builder() -> SchemaBuilder<query::Query, mutation::Mutation, EmptySubscription> {
    Schema::build(
        query::Query::default(),
        mutation::Mutation::default(),
        EmptySubscription,
    )
}

/// The schema for serving: the state as data, and the configured limits.
pub fn build_schema(state: AppState) -> KoersSchema {
    let config = state.config.clone();
    let mut builder = schema_builder()
        .data(state)
        .limit_depth(config.max_depth)
        .limit_complexity(config.max_complexity)
        .limit_directives(config.max_directives);
    if config.disable_introspection {
        builder = builder.disable_introspection();
    }
    if config.disable_suggestions {
        builder = builder.disable_suggestions();
    }
    builder.finish()
}

/// The SDL of the schema, as checked in at `schema.graphql`.
pub fn sdl() -> String {
    schema_builder().finish().sdl()
}
