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
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

/// Whether `keys` come in the plan's order (they are a subset of its keys).
fn in_order<'k>(keys: impl Iterator<Item = &'k Name>, plan: &[Collected<'_>]) -> bool {
    let mut at = 0;
    for key in keys {
        match plan[at..].iter().position(|c| c.key == key) {
            Some(offset) => at += offset,
            None => return false,
        }
    }
    true
}

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
        plans: RefCell::new(Vec::new()),
        objects: RefCell::new(Vec::new()),
    };
    order.value(data, root, &[&operation.selection_set.node]);
}

/// One response key, the selection sets of the fields merged under it, and the type of its
/// value (when it has fields of its own).
struct Collected<'a> {
    key: &'a Name,
    field: &'a Name,
    sets: Vec<&'a SelectionSet>,
    child: Option<&'a str>,
}

/// The collected fields of a selection for a type, shared by every object of a list (a page of
/// 100 milestones is planned once, not 100 times).
type Plan<'a> = Rc<Vec<Collected<'a>>>;

/// Where a plan applies: the addresses of its selection sets (every one: two fields merged
/// under one key may share a fragment and differ in the rest) and of its type.
type PlanKey = (Vec<usize>, usize);

struct Order<'a> {
    types: &'a TypeIndex,
    document: &'a ExecutableDocument,
    variables: &'a Variables,
    /// Plans by their selection sets and type, all addresses: a response has few
    /// distinct selections, so a short list searched by address beats hashing names.
    plans: RefCell<Vec<(PlanKey, Plan<'a>)>>,
    /// Whether a type (by address) is an object type.
    objects: RefCell<Vec<(usize, bool)>>,
}

impl<'a> Order<'a> {
    fn value(&self, value: &mut ConstValue, ty: &'a str, sets: &[&'a SelectionSet]) {
        match value {
            ConstValue::List(items) => {
                for item in items {
                    self.value(item, ty, sets);
                }
            }
            ConstValue::Object(map) => {
                let concrete = if self.is_object(ty) {
                    Some(ty)
                } else {
                    self.typename(map, ty, sets)
                };
                let plan = self.plan(concrete, ty, sets);
                if !in_order(map.keys(), &plan) {
                    let position =
                        |key: &Name| plan.iter().position(|c| c.key == key).unwrap_or(usize::MAX);
                    map.sort_by(|a, _, b, _| position(a).cmp(&position(b)));
                }
                // The keys are now in the plan's order: walk both together.
                let mut at = 0;
                for (key, child) in map.iter_mut() {
                    let Some(offset) = plan[at..].iter().position(|c| c.key == key) else {
                        continue;
                    };
                    at += offset;
                    let c = &plan[at];
                    if let Some(child_ty) = c.child
                        && !matches!(child, ConstValue::Null)
                    {
                        self.value(child, child_ty, &c.sets);
                    }
                }
            }
            _ => {}
        }
    }

    /// The plan of `sets` for an object of type `concrete` (unknown: every fragment counts)
    /// found under a field of type `ty`.
    fn plan(&self, concrete: Option<&'a str>, ty: &'a str, sets: &[&'a SelectionSet]) -> Plan<'a> {
        let address = |s: &&SelectionSet| *s as *const SelectionSet as usize;
        let ty_address = concrete.map_or(0, |c| c.as_ptr() as usize);
        let known = self
            .plans
            .borrow()
            .iter()
            .find_map(|((set_addresses, t), plan)| {
                let same = *t == ty_address
                    && set_addresses.len() == sets.len()
                    && set_addresses
                        .iter()
                        .zip(sets)
                        .all(|(a, s)| *a == address(s));
                same.then(|| plan.clone())
            });
        if let Some(plan) = known {
            return plan;
        }
        let key = (sets.iter().map(address).collect(), ty_address);
        let mut collected = self.collect(concrete, sets);
        let parent = concrete.unwrap_or(ty);
        for c in &mut collected {
            if c.sets.iter().any(|s| !s.items.is_empty()) {
                c.child = self.field_type(parent, c.field);
            }
        }
        let plan = Rc::new(collected);
        self.plans.borrow_mut().push((key, plan.clone()));
        plan
    }

    /// `TypeIndex::is_object`, remembered by the type's address.
    fn is_object(&self, ty: &'a str) -> bool {
        let key = ty.as_ptr() as usize;
        if let Some((_, known)) = self.objects.borrow().iter().find(|(k, _)| *k == key) {
            return *known;
        }
        let known = self.types.is_object(ty);
        self.objects.borrow_mut().push((key, known));
        known
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
        ty: &'a str,
        sets: &[&'a SelectionSet],
    ) -> Option<&'a str> {
        let plan = self.plan(None, ty, sets);
        plan.iter()
            .filter(|c| c.field.as_str() == "__typename")
            .find_map(|c| match map.get(c.key) {
                Some(ConstValue::String(name)) if self.types.applies(ty, name) => self
                    .types
                    .fields
                    .get_key_value(name.as_str())
                    .map(|(name, _)| name.as_str()),
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
                            child: None,
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
    fn fields_merged_with_a_shared_fragment_keep_their_own_order() {
        let out = order(
            "{ a: milestones(first: 1) { nodes { ...F programme { name } } } b: milestones(first: 1) { nodes { ...F programme { goal version name } } } } fragment F on Milestone { programme { id } }",
            serde_json::json!({}),
            serde_json::json!({
                "a": {"nodes": [{"programme": {"name": "n", "id": "1"}}]},
                "b": {"nodes": [{"programme": {"name": "n", "version": 1, "goal": "g", "id": "1"}}]}
            }),
        );
        assert_eq!(
            out,
            r#"{"a":{"nodes":[{"programme":{"id":"1","name":"n"}}]},"b":{"nodes":[{"programme":{"id":"1","goal":"g","version":1,"name":"n"}}]}}"#
        );
    }

    #[test]
    fn a_variables_default_decides_include() {
        // `prepare` fills the default into the variables; with it, the field counts.
        let out = order(
            "query($i: Boolean = true) { programmes { totalCount } p: programmes @include(if: $i) { totalCount } }",
            serde_json::json!({"i": true}),
            serde_json::json!({"p": {"totalCount": 1}, "programmes": {"totalCount": 1}}),
        );
        assert_eq!(
            out,
            r#"{"programmes":{"totalCount":1},"p":{"totalCount":1}}"#
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
