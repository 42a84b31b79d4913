//! Accounts: who may do what (`access`, the one place koers decides authorization) and API
//! tokens.

pub mod access;
pub mod tokens;
