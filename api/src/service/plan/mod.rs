//! The plan itself: its frame (`frame`: organisations, the programme, phases, workstreams),
//! milestones and what depends on them, links between plan objects and milestone dependencies,
//! managers' health overrides, risks, and the whole-plan export.

pub mod dependents;
pub mod export;
pub mod frame;
pub mod link_kinds;
pub mod links;
pub mod milestones;
pub mod overrides;
pub mod risks;
