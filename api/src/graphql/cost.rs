//! What a query would cost, as executed: the fields it would resolve, with its fragments
//! expanded, each alias counted, and lists counted by their size, estimated before anything
//! runs and in time linear in the query's text (a fragment is costed once, however often it is
//! spread). A query whose fragments each spread the next one twice, 24 levels deep, is under a
//! kilobyte and would resolve 2^24 fields: it is refused in microseconds.
//!
//! The model, in "fields resolved":
//! - every field counts 1, every alias of it again;
//! - each field of the query or mutation root counts [`ROOT_FIELD`] more: it runs statements of
//!   its own (1,000 aliased `totalCount`s are 1,000 counts in the database: 52,000);
//! - a connection's `edges` and `nodes` count once per item of its page (`first` or `last`,
//!   [`page::DEFAULT_PAGE`] when neither is given, at most [`page::MAX_PAGE`]); a list field with
//!   a `first` or `last` argument counts once per item asked for; other lists count once (their
//!   items are loaded together, in one statement per level).

use super::type_index::{TypeIndex, named};
use crate::service::page;
use async_graphql::Variables;
use async_graphql::parser::types::{
    BaseType, ExecutableDocument, OperationDefinition, Selection, SelectionSet,
};
use async_graphql_value::{ConstValue, Value};
use std::collections::{HashMap, HashSet};

/// What a root field costs beyond its own 1: it opens statements of its own, which cost about
/// as much as resolving fifty fields.
pub const ROOT_FIELD: u64 = 50;

/// The cost of `operation` (a query or mutation rooted at `root`), saturating at `u64::MAX`.
pub fn estimate(
    types: &TypeIndex,
    document: &ExecutableDocument,
    operation: &OperationDefinition,
    root: &str,
    variables: &Variables,
) -> u64 {
    let mut estimator = Estimator {
        types,
        document,
        variables,
        root,
        fragments: HashMap::new(),
        visiting: HashSet::new(),
    };
    estimator.set(&operation.selection_set.node, root, None)
}

struct Estimator<'a> {
    types: &'a TypeIndex,
    document: &'a ExecutableDocument,
    variables: &'a Variables,
    root: &'a str,
    /// The cost of each fragment, by name and the page size it is spread under.
    fragments: HashMap<(&'a str, Option<u64>), u64>,
    /// Fragments being costed (a cycle is invalid; validation says so, this must not loop).
    visiting: HashSet<&'a str>,
}

impl<'a> Estimator<'a> {
    /// The cost of `set` on `parent`; `page` is the page size when `parent` is a connection.
    fn set(&mut self, set: &'a SelectionSet, parent: &'a str, page: Option<u64>) -> u64 {
        let mut total: u64 = 0;
        for selection in &set.items {
            let cost = match &selection.node {
                Selection::Field(field) => {
                    let name = field.node.name.node.as_str();
                    let child_set = &field.node.selection_set.node;
                    let definition = self.types.field(parent, name);
                    let child_ty = definition.map_or(parent, |d| named(&d.ty));
                    let is_list =
                        definition.is_some_and(|d| matches!(d.ty.base, BaseType::List(_)));
                    let asked = self.asked(&field.node.arguments);
                    // Items of a list: a connection's page for its edges and nodes, or what a
                    // list field asks for.
                    let items = match (page, name) {
                        (Some(page), "edges" | "nodes") => page,
                        _ if is_list => asked.unwrap_or(1),
                        _ => 1,
                    };
                    let child_page = child_ty
                        .ends_with("Connection")
                        .then(|| asked.unwrap_or(page::DEFAULT_PAGE as u64));
                    let children = if child_set.items.is_empty() {
                        0
                    } else {
                        self.set(child_set, child_ty, child_page)
                    };
                    let own = if parent == self.root {
                        1 + ROOT_FIELD
                    } else {
                        1
                    };
                    own.saturating_add(items.saturating_mul(children))
                }
                Selection::FragmentSpread(spread) => {
                    let name = spread.node.fragment_name.node.as_str();
                    self.fragment(name, page)
                }
                Selection::InlineFragment(inline) => {
                    let on = inline
                        .node
                        .type_condition
                        .as_ref()
                        .map_or(parent, |c| c.node.on.node.as_str());
                    self.set(&inline.node.selection_set.node, on, page)
                }
            };
            total = total.saturating_add(cost);
        }
        total
    }

    fn fragment(&mut self, name: &'a str, page: Option<u64>) -> u64 {
        if let Some(cost) = self.fragments.get(&(name, page)) {
            return *cost;
        }
        let Some(fragment) = self.document.fragments.get(name) else {
            return 0;
        };
        if !self.visiting.insert(name) {
            return 0;
        }
        let on = fragment.node.type_condition.node.on.node.as_str();
        let cost = self.set(&fragment.node.selection_set.node, on, page);
        self.visiting.remove(name);
        self.fragments.insert((name, page), cost);
        cost
    }

    /// The number of items a field asks for (`first` or `last`), capped at the largest page.
    fn asked(
        &self,
        arguments: &[(
            async_graphql::Positioned<async_graphql::Name>,
            async_graphql::Positioned<Value>,
        )],
    ) -> Option<u64> {
        arguments
            .iter()
            .filter(|(name, _)| matches!(name.node.as_str(), "first" | "last"))
            .filter_map(|(_, value)| match &value.node {
                Value::Number(n) => n.as_u64(),
                Value::Variable(v) => match self.variables.get(v) {
                    Some(ConstValue::Number(n)) => n.as_u64(),
                    _ => None,
                },
                _ => None,
            })
            .max()
            .map(|n| n.min(page::MAX_PAGE as u64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphql::type_index::TYPES;

    fn cost(query: &str, variables: serde_json::Value) -> u64 {
        let document = async_graphql::parser::parse_query(query).unwrap_or_else(|e| panic!("{e}"));
        let operation = crate::graphql::prepare::selected(&document, None)
            .map(|o| o.node.clone())
            .unwrap_or_else(|| panic!("one operation"));
        let root = match operation.ty {
            async_graphql::parser::types::OperationType::Mutation => "Mutation",
            _ => "Query",
        };
        estimate(
            &TYPES,
            &document,
            &operation,
            root,
            &Variables::from_json(variables),
        )
    }

    #[test]
    fn fields_pages_and_root_fields_count() {
        assert_eq!(cost("{ __typename }", serde_json::json!({})), 51);
        // 51 for the root field, 1 for totalCount, and 20 nodes (the default page) of 2 fields.
        assert_eq!(
            cost(
                "{ milestones { totalCount nodes { id title } } }",
                serde_json::json!({})
            ),
            51 + 1 + 1 + 20 * 2
        );
        assert_eq!(
            cost(
                "query($n: Int) { milestones(first: $n) { edges { node { id } } } }",
                serde_json::json!({"n": 100})
            ),
            51 + 1 + 100 * 2
        );
        // A list asked for by size counts its items; other lists count once.
        assert_eq!(
            cost(
                "{ milestones(first: 1) { nodes { kpis { code measurements(first: 3) { value } } } } }",
                serde_json::json!({})
            ),
            51 + (1 + (1 + (1 + (1 + 3))))
        );
    }

    #[test]
    fn aliases_and_fragments_count_as_executed_and_are_costed_once() {
        let aliases: String = (0..1000)
            .map(|i| format!(" a{i}: milestones {{ totalCount }}"))
            .collect();
        assert_eq!(
            cost(&format!("{{{aliases} }}"), serde_json::json!({})),
            1000 * 52
        );
        let mut fan = String::from("{ ...F0 }");
        for i in 0..24 {
            fan.push_str(&format!(
                " fragment F{i} on Query {{ ...F{n} ...F{n} }}",
                n = i + 1
            ));
        }
        fan.push_str(" fragment F24 on Query { __typename }");
        assert_eq!(cost(&fan, serde_json::json!({})), (1u64 << 24) * 51);
        let mut deep = String::from("{ ...F0 }");
        for i in 0..70 {
            deep.push_str(&format!(
                " fragment F{i} on Query {{ ...F{n} ...F{n} }}",
                n = i + 1
            ));
        }
        deep.push_str(" fragment F70 on Query { __typename }");
        assert_eq!(
            cost(&deep, serde_json::json!({})),
            u64::MAX,
            "saturates, never wraps"
        );
        let cyclic =
            "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A __typename }";
        assert_eq!(
            cost(cyclic, serde_json::json!({})),
            51,
            "a cycle ends (validation refuses it)"
        );
    }
}
