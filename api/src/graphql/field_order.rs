//! Puts a response's fields in the order the query asked for them, as the spec's CollectFields
//! defines it (section 7.2.2, "Serialized Map Ordering").
//!
//! async-graphql 7.2 resolves the fields of an object concurrently and inserts each result
//! when it completes, so a field that waits (a DataLoader, the schedule) lands after its
//! siblings (async-graphql issue #612). This pass walks the response with the query: each
//! object's keys are ordered by the first appearance of their response key among the fields
//! that apply to the object's type (fragments whose type condition does not apply, and
//! selections left out by `@skip`/`@include`, are not counted). The type of an object under an
//! interface is known from its `__typename` when the query asks for it; otherwise every
//! fragment counts, which orders the same keys the same way unless one response key appears
//! under two fragments on different types.

use super::type_index::{TypeIndex, named};
use async_graphql::parser::types::{
    Directive, ExecutableDocument, OperationDefinition, Selection, SelectionSet,
};
use async_graphql::{Name, Positioned, Variables};
use async_graphql_value::{ConstValue, Value};
use std::collections::HashSet;

/// Reorder `data`, the result of `operation` (with the fragments of `document`).
pub fn reorder(
    types: &TypeIndex,
    document: &ExecutableDocument,
    operation: &OperationDefinition,
    variables: &Variables,
    data: &mut ConstValue,
) {
    let root = match operation.ty {
        async_graphql::parser::types::OperationType::Query => types.query.as_str(),
        async_graphql::parser::types::OperationType::Mutation => match types.mutation.as_deref() {
            Some(name) => name,
            None => return,
        },
        async_graphql::parser::types::OperationType::Subscription => return,
    };
    let order = Order {
        types,
        document,
        variables,
    };
    order.value(data, root, &[&operation.selection_set.node]);
}

/// One response key and the selection sets of the fields merged under it.
struct Collected<'a> {
    key: &'a Name,
    field: &'a Name,
    sets: Vec<&'a SelectionSet>,
}

struct Order<'a> {
    types: &'a TypeIndex,
    document: &'a ExecutableDocument,
    variables: &'a Variables,
}

impl<'a> Order<'a> {
    fn value(&self, value: &mut ConstValue, ty: &str, sets: &[&'a SelectionSet]) {
        match value {
            ConstValue::List(items) => {
                for item in items {
                    self.value(item, ty, sets);
                }
            }
            ConstValue::Object(map) => {
                let concrete = if self.types.is_object(ty) {
                    Some(ty.to_owned())
                } else {
                    self.typename(map, ty, sets)
                };
                let collected = self.collect(concrete.as_deref(), sets);
                let position = |key: &Name| {
                    collected
                        .iter()
                        .position(|c| c.key == key)
                        .unwrap_or(usize::MAX)
                };
                let in_order = map
                    .keys()
                    .map(position)
                    .collect::<Vec<_>>()
                    .windows(2)
                    .all(|w| w[0] <= w[1]);
                if !in_order {
                    map.sort_by(|a, _, b, _| position(a).cmp(&position(b)));
                }
                for c in &collected {
                    let Some(child) = map.get_mut(c.key) else {
                        continue;
                    };
                    if matches!(child, ConstValue::Null)
                        || c.sets.iter().all(|s| s.items.is_empty())
                    {
                        continue;
                    }
                    let parent = concrete.as_deref().unwrap_or(ty);
                    if let Some(child_ty) = self.field_type(parent, c.field) {
                        self.value(child, child_ty, &c.sets);
                    }
                }
            }
            _ => {}
        }
    }

    /// The type a field of `parent` returns; under an interface, a field may be one of a
    /// member's own (asked for in a fragment on that member).
    fn field_type(&self, parent: &str, field: &str) -> Option<&'a str> {
        if let Some(definition) = self.types.field(parent, field) {
            return Some(named(&definition.ty));
        }
        let members = self.types.members.get(parent)?;
        let mut members: Vec<&String> = members.iter().collect();
        members.sort();
        members
            .into_iter()
            .find_map(|m| self.types.field(m, field))
            .map(|d| named(&d.ty))
    }

    /// The object's type from its `__typename`, when the query asked for it.
    fn typename(
        &self,
        map: &async_graphql::indexmap::IndexMap<Name, ConstValue>,
        ty: &str,
        sets: &[&'a SelectionSet],
    ) -> Option<String> {
        let collected = self.collect(None, sets);
        collected
            .iter()
            .filter(|c| c.field.as_str() == "__typename")
            .find_map(|c| match map.get(c.key) {
                Some(ConstValue::String(name)) if self.types.applies(ty, name) => {
                    Some(name.clone())
                }
                _ => None,
            })
    }

    /// The spec's CollectFields for an object of type `concrete` (unknown: every fragment).
    fn collect(&self, concrete: Option<&str>, sets: &[&'a SelectionSet]) -> Vec<Collected<'a>> {
        let mut out: Vec<Collected<'a>> = Vec::new();
        let mut visited = HashSet::new();
        for set in sets {
            self.collect_set(concrete, set, &mut visited, &mut out);
        }
        out
    }

    fn collect_set(
        &self,
        concrete: Option<&str>,
        set: &'a SelectionSet,
        visited: &mut HashSet<&'a str>,
        out: &mut Vec<Collected<'a>>,
    ) {
        for selection in &set.items {
            match &selection.node {
                Selection::Field(field) => {
                    if !self.included(&field.node.directives) {
                        continue;
                    }
                    let key = field
                        .node
                        .alias
                        .as_ref()
                        .map_or(&field.node.name.node, |a| &a.node);
                    let sub = &field.node.selection_set.node;
                    match out.iter_mut().find(|c| c.key == key) {
                        Some(c) => c.sets.push(sub),
                        None => out.push(Collected {
                            key,
                            field: &field.node.name.node,
                            sets: vec![sub],
                        }),
                    }
                }
                Selection::FragmentSpread(spread) => {
                    let name = spread.node.fragment_name.node.as_str();
                    if !self.included(&spread.node.directives) || !visited.insert(name) {
                        continue;
                    }
                    let Some(fragment) = self.document.fragments.get(name) else {
                        continue;
                    };
                    if self.applies(&fragment.node.type_condition.node.on.node, concrete) {
                        self.collect_set(concrete, &fragment.node.selection_set.node, visited, out);
                    }
                }
                Selection::InlineFragment(inline) => {
                    if !self.included(&inline.node.directives) {
                        continue;
                    }
                    let applies = inline
                        .node
                        .type_condition
                        .as_ref()
                        .is_none_or(|c| self.applies(&c.node.on.node, concrete));
                    if applies {
                        self.collect_set(concrete, &inline.node.selection_set.node, visited, out);
                    }
                }
            }
        }
    }

    fn applies(&self, condition: &str, concrete: Option<&str>) -> bool {
        concrete.is_none_or(|object| self.types.applies(condition, object))
    }

    /// Whether `@skip` and `@include` leave a selection in.
    fn included(&self, directives: &[Positioned<Directive>]) -> bool {
        directives.iter().all(|d| {
            let condition = d
                .node
                .get_argument("if")
                .map(|v| match &v.node {
                    Value::Boolean(b) => *b,
                    Value::Variable(name) => {
                        matches!(self.variables.get(name), Some(ConstValue::Boolean(true)))
                    }
                    _ => false,
                })
                .unwrap_or(false);
            match d.node.name.node.as_str() {
                "skip" => !condition,
                "include" => condition,
                _ => true,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphql::type_index::TYPES;

    fn order(query: &str, variables: serde_json::Value, data: serde_json::Value) -> String {
        let document = async_graphql::parser::parse_query(query).unwrap_or_else(|e| panic!("{e}"));
        let variables = Variables::from_json(variables);
        let mut data = ConstValue::from_json(data).unwrap_or_default();
        let operation = crate::graphql::prepare::selected(&document, None)
            .map(|op| op.node.clone())
            .unwrap_or_else(|| panic!("one operation"));
        reorder(&TYPES, &document, &operation, &variables, &mut data);
        serde_json::to_string(&data).unwrap_or_default()
    }

    #[test]
    fn keys_follow_the_query_at_every_level() {
        let out = order(
            "{ programmes { title id } b: milestones { totalCount } a: milestones { totalCount } }",
            serde_json::json!({}),
            serde_json::json!({
                "a": {"totalCount": 1},
                "programmes": [{"id": "1", "title": "t"}, {"id": "2", "title": "u"}],
                "b": {"totalCount": 2}
            }),
        );
        assert_eq!(
            out,
            r#"{"programmes":[{"title":"t","id":"1"},{"title":"u","id":"2"}],"b":{"totalCount":2},"a":{"totalCount":1}}"#
        );
    }

    #[test]
    fn fragments_count_where_they_first_appear_and_skip_counts() {
        let out = order(
            "query($s: Boolean!) { ...F milestones @skip(if: $s) { totalCount } programmes { id } milestones { totalCount } } fragment F on Query { programmes { title } }",
            serde_json::json!({"s": true}),
            serde_json::json!({
                "milestones": {"totalCount": 1},
                "programmes": [{"id": "1", "title": "t"}]
            }),
        );
        assert_eq!(
            out,
            r#"{"programmes":[{"title":"t","id":"1"}],"milestones":{"totalCount":1}}"#
        );
    }

    #[test]
    fn under_an_interface_the_typename_decides_which_fragments_count() {
        let out = order(
            "query($id: ID!) { node(id: $id) { ... on Phase { title } __typename id ... on Milestone { title } } }",
            serde_json::json!({"id": "x"}),
            serde_json::json!({"node": {"id": "1", "title": "t", "__typename": "Milestone"}}),
        );
        assert_eq!(
            out,
            r#"{"node":{"__typename":"Milestone","id":"1","title":"t"}}"#
        );
    }
}
