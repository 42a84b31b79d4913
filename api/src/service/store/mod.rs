//! Generic persistence of plan objects: versioned create, update and soft delete with their
//! change records (`crud`), columns by name, bulk inserts, list filters (`filter`) and keyset
//! pages (`page`), input rules (`validate`, `text`), digests, idempotency keys and id sequences.

pub mod bulk;
pub mod columns;
pub mod crud;
pub mod digest;
pub mod filter;
pub mod idempotency;
pub mod page;
pub mod sequences;
pub mod text;
pub mod validate;
