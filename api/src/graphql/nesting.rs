//! How deeply a query nests, worked out without recursion, before anything else walks it.
//!
//! Every walker of a query (the checks in `prepare.rs`, the cost in `cost.rs`, the response
//! order in `field_order.rs`, async-graphql's validation and execution) recurses once per level
//! of selection sets and fragment spreads. A 170 KB chain of 4,250 fragments, each spreading the
//! next, overflowed the stack of a worker thread and aborted the process. This module measures
//! the nesting with explicit stacks, and `prepare` refuses a query nested deeper than
//! [`MAX_NESTING`] (async-graphql's own recursion limit, which it checks only later, in a walk
//! that itself recurses) and a fragment that spreads itself, naming the cycle.
//!
//! A level is a selection set: a field's, an inline fragment's, or a spread fragment's.

use async_graphql::Pos;
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use std::collections::HashMap;

/// The deepest nesting of selection sets (fields, inline fragments and fragment spreads each
/// count a level) a query may have. The same as async-graphql's default recursion limit; the
/// introspection query of GraphiQL nests about 12 levels.
pub const MAX_NESTING: usize = 32;

/// Why a query is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// It nests deeper than [`MAX_NESTING`] levels (the depth found, capped just past the limit).
    TooDeep { depth: usize, pos: Pos },
    /// A fragment spreads itself, through the fragments named, in order (`A → B → A`).
    Cycle { path: Vec<String>, pos: Pos },
    /// A fragment spread names no fragment of the document. Refused here, before any walk
    /// that expands spreads: a fan-out ending in an unknown fragment would cost nothing.
    Unknown { name: String, pos: Pos },
    /// A fragment no operation of the document spreads (the spec's "Fragments Must Be Used";
    /// also what keeps an unused cycle out).
    Unused { name: String, pos: Pos },
}

impl Refusal {
    /// The message for the client.
    pub fn message(&self) -> String {
        match self {
            Refusal::TooDeep { .. } => format!(
                "the query nests selections and fragment spreads more than {MAX_NESTING} levels deep: flatten it"
            ),
            Refusal::Cycle { path, .. } => format!(
                "fragment {} spreads itself ({}): a fragment may not spread itself, directly or through others",
                path.first().map_or("", String::as_str),
                path.join(" → ")
            ),
            Refusal::Unknown { name, .. } => format!("Unknown fragment \"{name}\"."),
            Refusal::Unused { name, .. } => format!("Fragment \"{name}\" is never used."),
        }
    }

    /// Where in the query.
    pub fn pos(&self) -> Pos {
        match self {
            Refusal::TooDeep { pos, .. }
            | Refusal::Cycle { pos, .. }
            | Refusal::Unknown { pos, .. }
            | Refusal::Unused { pos, .. } => *pos,
        }
    }
}

/// Each fragment's own depth and the fragments it spreads, at the level they are spread.
struct Shape<'a> {
    /// The deepest level of its own selection sets (1 for a flat set).
    own: usize,
    /// (spread fragment, level of the set it is spread in, where).
    spreads: Vec<(&'a str, usize, Pos)>,
}

/// The shape of `set` (level 1), walked with an explicit stack.
fn shape(set: &SelectionSet) -> Shape<'_> {
    let mut own = 1;
    let mut spreads = Vec::new();
    let mut stack = vec![(set, 1usize)];
    while let Some((set, level)) = stack.pop() {
        own = own.max(level);
        for selection in &set.items {
            match &selection.node {
                Selection::Field(field) => {
                    if !field.node.selection_set.node.items.is_empty() {
                        stack.push((&field.node.selection_set.node, level + 1));
                    }
                }
                Selection::InlineFragment(inline) => {
                    stack.push((&inline.node.selection_set.node, level + 1));
                }
                Selection::FragmentSpread(spread) => {
                    spreads.push((spread.node.fragment_name.node.as_str(), level, spread.pos))
                }
            }
        }
    }
    Shape { own, spreads }
}

/// Check the fragments of `document` and the nesting of its selected operation (`selected`: its
/// selection set and where it stands; `None` when no operation is selected, which the caller
/// refuses): every fragment is used by some operation, every spread names a fragment, no
/// fragment spreads itself, and the selected operation nests at most [`MAX_NESTING`] levels.
/// Linear in the size of the document, without recursion: each set is measured once.
pub fn check(
    document: &ExecutableDocument,
    selected: Option<(&SelectionSet, Pos)>,
) -> Result<(), Refusal> {
    use async_graphql::parser::types::DocumentOperations;
    let shapes: HashMap<&str, Shape> = document
        .fragments
        .iter()
        .map(|(name, fragment)| (name.as_str(), shape(&fragment.node.selection_set.node)))
        .collect();
    let operations: Vec<(&SelectionSet, Shape)> = match &document.operations {
        DocumentOperations::Single(op) => vec![&op.node.selection_set.node],
        DocumentOperations::Multiple(ops) => {
            ops.values().map(|op| &op.node.selection_set.node).collect()
        }
    }
    .into_iter()
    .map(|set| (set, shape(set)))
    .collect();
    // Every spread, in the operations and in the fragments, names a fragment of the document.
    let unknown = operations
        .iter()
        .flat_map(|(_, shape)| shape.spreads.iter())
        .chain(shapes.values().flat_map(|shape| shape.spreads.iter()))
        .find(|(name, _, _)| !shapes.contains_key(name));
    if let Some(&(name, _, pos)) = unknown {
        return Err(Refusal::Unknown {
            name: name.to_owned(),
            pos,
        });
    }
    // Every fragment is spread by some operation, directly or through others.
    let mut used: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut stack: Vec<&str> = operations
        .iter()
        .flat_map(|(_, shape)| shape.spreads.iter().map(|(name, _, _)| *name))
        .collect();
    while let Some(name) = stack.pop() {
        if used.insert(name)
            && let Some(fragment) = shapes.get(name)
        {
            stack.extend(fragment.spreads.iter().map(|(child, _, _)| *child));
        }
    }
    if let Some((name, fragment)) = document
        .fragments
        .iter()
        .find(|(name, _)| !used.contains(name.as_str()))
    {
        return Err(Refusal::Unused {
            name: name.to_string(),
            pos: fragment.pos,
        });
    }
    let Some((root, pos)) = selected else {
        return Ok(());
    };
    // The selected operation is one of the document's (measured above); any other set is
    // measured here.
    let other;
    let operation = match operations.iter().find(|(set, _)| std::ptr::eq(*set, root)) {
        Some((_, shape)) => shape,
        None => {
            other = shape(root);
            &other
        }
    };
    // The depth of each fragment as spread (1 + its own depth with its spreads expanded), by an
    // iterative depth-first walk; `open` holds the fragments on the current path.
    let mut depth: HashMap<&str, usize> = HashMap::new();
    for &(start, _, start_pos) in &operation.spreads {
        let mut path: Vec<(&str, usize)> = vec![(start, 0)];
        while let Some(&(name, next)) = path.last() {
            let Some(fragment) = shapes.get(name) else {
                // Unreachable: unknown fragments were refused above.
                depth.insert(name, 1);
                path.pop();
                continue;
            };
            if let Some(&(child, _, at)) = fragment.spreads.get(next) {
                if let Some(top) = path.last_mut() {
                    top.1 += 1;
                }
                if depth.contains_key(child) {
                    continue;
                }
                if let Some(from) = path.iter().position(|(open, _)| *open == child) {
                    let mut cycle: Vec<String> =
                        path[from..].iter().map(|(n, _)| (*n).to_owned()).collect();
                    cycle.push(child.to_owned());
                    return Err(Refusal::Cycle {
                        path: cycle,
                        pos: at,
                    });
                }
                if path.len() > MAX_NESTING {
                    return Err(Refusal::TooDeep {
                        depth: path.len(),
                        pos: start_pos,
                    });
                }
                path.push((child, 0));
                continue;
            }
            let expanded = fragment
                .spreads
                .iter()
                .map(|(child, level, _)| level + depth.get(child).copied().unwrap_or(1))
                .fold(fragment.own, usize::max);
            depth.insert(name, expanded.min(MAX_NESTING + 1));
            path.pop();
        }
    }
    let total = operation
        .spreads
        .iter()
        .map(|(child, level, _)| level + depth.get(child).copied().unwrap_or(1))
        .fold(operation.own, usize::max);
    if total > MAX_NESTING {
        return Err(Refusal::TooDeep { depth: total, pos });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nesting(query: &str) -> Result<(), Refusal> {
        let document = async_graphql::parser::parse_query(query).unwrap_or_else(|e| panic!("{e}"));
        let operation = crate::graphql::prepare::selected(&document, None)
            .unwrap_or_else(|| panic!("one operation"));
        check(
            &document,
            Some((&operation.node.selection_set.node, operation.pos)),
        )
    }

    fn chain(levels: usize, on: &str) -> String {
        let mut query = String::from("{ ...F0 }");
        for i in 0..levels {
            query.push_str(&format!(" fragment F{i} on {on} {{ ...F{n} }}", n = i + 1));
        }
        query.push_str(&format!(" fragment F{levels} on {on} {{ __typename }}"));
        query
    }

    #[test]
    fn deep_chains_are_measured_without_recursion() {
        assert_eq!(nesting(&chain(5, "Query")), Ok(()));
        // 31 spreads below the operation's set: 32 levels, the limit.
        assert_eq!(nesting(&chain(30, "Query")), Ok(()));
        assert!(matches!(
            nesting(&chain(31, "Query")),
            Err(Refusal::TooDeep { .. })
        ));
        // What aborted the process (on a thread's stack, these would overflow if walked
        // recursively with the frames of the other walkers).
        assert!(matches!(
            nesting(&chain(100_000, "Query")),
            Err(Refusal::TooDeep { .. })
        ));
        assert_eq!(
            nesting("{ milestones { nodes { kpis { code } } } }"),
            Ok(())
        );
        let inline = format!(
            "{{ {} __typename {} }}",
            "... on Query { ".repeat(40),
            "}".repeat(40)
        );
        assert!(matches!(nesting(&inline), Err(Refusal::TooDeep { .. })));
    }

    #[test]
    fn fan_outs_are_measured_once_per_fragment() {
        // Each fragment spreads the next twice: measured in linear time, 25 levels deep.
        let mut fan = String::from("{ ...F0 }");
        for i in 0..24 {
            fan.push_str(&format!(
                " fragment F{i} on Query {{ ...F{n} ...F{n} }}",
                n = i + 1
            ));
        }
        fan.push_str(" fragment F24 on Query { __typename }");
        assert_eq!(nesting(&fan), Ok(()));
    }

    #[test]
    fn a_cycle_is_named() {
        let refused = nesting(
            "{ ...A } fragment A on Query { ...B } fragment B on Query { __typename ...C } fragment C on Query { ...A }",
        );
        let Err(Refusal::Cycle { path, .. }) = &refused else {
            panic!("{refused:?}")
        };
        assert_eq!(path, &["A", "B", "C", "A"]);
        assert_eq!(
            refused.err().map(|r| r.message()).unwrap_or_default(),
            "fragment A spreads itself (A → B → C → A): a fragment may not spread itself, directly or through others"
        );
    }
}
