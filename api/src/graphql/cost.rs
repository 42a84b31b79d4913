//! What a query would cost, as executed: the fields it would resolve, with its fragments
//! expanded, each alias counted, and lists counted by their size, estimated before anything
//! runs and in time linear in the query's text (a fragment is costed once, however often it is
//! spread). A query whose fragments each spread the next one twice, 24 levels deep, is under a
//! kilobyte and would resolve 2^24 fields: it is refused in microseconds.
//!
//! The model, in "fields resolved":
//! - every field counts 1, every alias of it again;
//! - each field of the query root counts [`ROOT_FIELD`] more: it runs statements of its own
//!   (1,000 aliased `totalCount`s are 1,000 counts in the database: 52,000); a root field read
//!   as of a moment (`asOf`) counts [`AS_OF_VIEW`] more (it rebuilds the plan from its history);
//!   each field of the mutation root counts [`MUTATION_FIELD`] more (a write transaction);
//! - introspection's lists count by the sizes of koers's schema ([`IntrospectionSizes`]: a full
//!   introspection is estimated at about what it resolves, a test checks it), and fragments
//!   and aliases inside them multiply as elsewhere;
//! - a connection's `edges` and `nodes` count once per item of its page (`first` or `last`,
//!   [`page::DEFAULT_PAGE`] when neither is given, at most [`page::MAX_PAGE`]); a list field with
//!   a `first` or `last` argument counts once per item asked for (or its default); other lists
//!   count as [`UNPAGED_LIST`] item: `budget.rs` counts the objects they really hold.
//!
//! The estimate stops growing at [`CEILING`] (exact in any JSON number).

use super::type_index::{TypeIndex, named};
use crate::service::store::page;
use async_graphql::Variables;
use async_graphql::parser::types::{
    BaseType, ExecutableDocument, OperationDefinition, Selection, SelectionSet,
};
use async_graphql_value::{ConstValue, Value};
use std::collections::{HashMap, HashSet};

/// What a root field costs beyond its own 1: it opens statements of its own, which cost about
/// as much as resolving fifty fields.
pub const ROOT_FIELD: u64 = 50;

/// What a mutation field costs beyond its own 1: a transaction that validates, checks access,
/// writes and records its history (7-8 statements), about ten root fields' worth. A request
/// can make at most about 50 changes.
pub const MUTATION_FIELD: u64 = 500;

/// What a root field read as of a moment (`asOf`) costs beyond a root field: the plan is
/// rebuilt from its change history for that moment.
pub const AS_OF_VIEW: u64 = 2_000;

/// The items a list without a page size is counted at (a milestone's KPIs, a KPI's milestones):
/// one. Its length is known only once it is loaded, and counted then (`budget.rs`): an estimate
/// that guessed high would refuse an ordinary page of milestones with their KPIs, tasks and
/// dependencies, and one that guessed low would stop nothing the count does not.
pub const UNPAGED_LIST: u64 = 1;

/// What introspection's walk is divided by: a type reference asks for its `ofType` chain seven
/// levels deep, and most of it is null (a full introspection of koers's schema is estimated at
/// 52,953 that way and resolves 13,634; a test keeps the quotient near the truth). A fan-out
/// inside introspection is still counted: only this constant is taken off.
pub const INTROSPECTION_NULLS: u64 = 4;

/// The lists of introspection, sized from koers's own schema (`TypeIndex`): `types` holds every
/// type, and each type's `fields`, `inputFields` and `enumValues`, each field's `args`, count
/// their average, so a full introspection is estimated at about what it resolves, and every
/// alias of such a list counts again.
#[derive(Debug, Clone, Copy)]
pub struct IntrospectionSizes {
    /// Types in the schema (objects, interfaces, unions, inputs, enums, scalars, introspection's).
    pub types: u64,
    /// Fields per type, on average (rounded up).
    pub fields: u64,
    /// Arguments per field, on average (rounded up).
    pub args: u64,
    /// Input fields per type, on average (rounded up).
    pub input_fields: u64,
    /// Enum values per type, on average (rounded up).
    pub enum_values: u64,
}

/// The sizes of koers's own schema, worked out once.
static INTROSPECTION_SIZES: std::sync::LazyLock<IntrospectionSizes> =
    std::sync::LazyLock::new(|| IntrospectionSizes::of(&super::type_index::TYPES));

impl IntrospectionSizes {
    /// The sizes of `types`' schema.
    pub fn of(types: &TypeIndex) -> Self {
        // Scalars (5 built-in, 3 of koers's) and introspection's 8 types are not in the index.
        let count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
        let all = count(types.fields.len() + types.inputs.len() + types.enums.len()) + 16;
        let fields = count(types.fields.values().map(HashMap::len).sum());
        let args = count(
            types
                .fields
                .values()
                .flat_map(HashMap::values)
                .map(|f| f.args.len())
                .sum(),
        );
        let inputs = count(types.inputs.values().map(HashMap::len).sum());
        let values = count(types.enums.values().map(HashSet::len).sum());
        IntrospectionSizes {
            types: all,
            fields: fields.div_ceil(all).max(1),
            args: args.div_ceil(fields.max(1)).max(1),
            input_fields: inputs.div_ceil(all).max(1),
            enum_values: values.div_ceil(all).max(1),
        }
    }

    /// How many items the introspection field `name` lists, and the type of each.
    fn list(&self, name: &str) -> (u64, &'static str) {
        match name {
            "types" => (self.types, "__Type"),
            "fields" => (self.fields, "__Field"),
            "args" => (self.args, "__InputValue"),
            "inputFields" => (self.input_fields, "__InputValue"),
            "enumValues" => (self.enum_values, "__EnumValue"),
            "directives" => (8, "__Directive"),
            "interfaces" | "possibleTypes" | "type" | "ofType" | "queryType" | "mutationType"
            | "subscriptionType" => (1, "__Type"),
            _ => (1, "__Scalar"),
        }
    }
}

/// The largest cost reported: 10^12 fields, exact in a JSON number, and far past any limit.
pub const CEILING: u64 = 1_000_000_000_000;

/// The cost of `operation` (a query or mutation rooted at `root`), at most [`CEILING`].
/// The query's nesting must have been checked (`nesting.rs`): the walk recurses per level.
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
        mutation: types.mutation.as_deref() == Some(root),
        fragments: HashMap::new(),
        visiting: HashSet::new(),
        introspection: if std::ptr::eq(types, &*super::type_index::TYPES) {
            *INTROSPECTION_SIZES
        } else {
            IntrospectionSizes::of(types)
        },
    };
    estimator
        .set(&operation.selection_set.node, root, None)
        .min(CEILING)
}

struct Estimator<'a> {
    types: &'a TypeIndex,
    document: &'a ExecutableDocument,
    variables: &'a Variables,
    root: &'a str,
    /// Whether the root is the mutation root.
    mutation: bool,
    /// The cost of each fragment, by name and the page size it is spread under.
    fragments: HashMap<(&'a str, Option<u64>), u64>,
    /// Fragments being costed (a cycle is invalid; validation says so, this must not loop).
    visiting: HashSet<&'a str>,
    /// The sizes of introspection's lists.
    introspection: IntrospectionSizes,
}

impl<'a> Estimator<'a> {
    /// The cost of `set` on `parent`; `page` is the page size when `parent` is a connection.
    fn set(&mut self, set: &'a SelectionSet, parent: &'a str, page: Option<u64>) -> u64 {
        let mut total: u64 = 0;
        for selection in &set.items {
            let cost = match &selection.node {
                // Introspection: its lists by the sizes of koers's schema, so fragments and
                // aliases in it multiply as anywhere.
                Selection::Field(field) if parent == self.root && name_of(field) == "__schema" => {
                    1 + self
                        .set(&field.node.selection_set.node, "__Schema", None)
                        .div_ceil(INTROSPECTION_NULLS)
                }
                Selection::Field(field) if parent == self.root && name_of(field) == "__type" => {
                    1 + self
                        .set(&field.node.selection_set.node, "__Type", None)
                        .div_ceil(INTROSPECTION_NULLS)
                }
                Selection::Field(field) if parent.starts_with("__") => {
                    let (items, child) = self.introspection.list(name_of(field));
                    let child_set = &field.node.selection_set.node;
                    let children = if child_set.items.is_empty() {
                        0
                    } else {
                        self.set(child_set, child, None)
                    };
                    1u64.saturating_add(items.saturating_mul(children))
                }
                Selection::Field(field) => {
                    let name = field.node.name.node.as_str();
                    let child_set = &field.node.selection_set.node;
                    let definition = self.types.field(parent, name);
                    let child_ty = definition.map_or(parent, |d| named(&d.ty));
                    let is_list =
                        definition.is_some_and(|d| matches!(d.ty.base, BaseType::List(_)));
                    let asked = self
                        .asked(&field.node.arguments)
                        .or_else(|| definition.and_then(|d| d.first_default));
                    // Items of a list: a connection's page for its edges and nodes, or what a
                    // list field asks for.
                    let items = match (page, name) {
                        (Some(page), "edges" | "nodes") => page,
                        _ if is_list => asked.unwrap_or(UNPAGED_LIST),
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
                    let own = match (parent == self.root, self.mutation) {
                        (false, _) => 1,
                        (true, true) => 1 + MUTATION_FIELD,
                        (true, false) if has_argument(field, "asOf") => 1 + ROOT_FIELD + AS_OF_VIEW,
                        (true, false) => 1 + ROOT_FIELD,
                    };
                    // A list of none (`first: 0`) still has its selection walked by the
                    // validators: it costs at least one item.
                    own.saturating_add(items.max(1).saturating_mul(children))
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

fn name_of(field: &async_graphql::Positioned<async_graphql::parser::types::Field>) -> &str {
    field.node.name.node.as_str()
}

/// Whether `field` is given the argument `name` (a literal or a variable, even null: an
/// `asOf` sent as null reads the live plan, but the estimate does not look at values).
fn has_argument(
    field: &async_graphql::Positioned<async_graphql::parser::types::Field>,
    name: &str,
) -> bool {
    field.node.arguments.iter().any(|(arg, _)| arg.node == name)
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
        // A list asked for by size counts its items, one with a default size its default,
        // other lists UNPAGED_LIST.
        assert_eq!(
            cost(
                "{ milestones(first: 1) { nodes { kpis { code measurements(first: 3) { value } } } } }",
                serde_json::json!({})
            ),
            51 + (1 + (1 + UNPAGED_LIST * (1 + (1 + 3))))
        );
        // Nested lists without a page size: their length is counted as they load.
        assert_eq!(
            cost(
                "{ kpis(first: 1) { nodes { milestones { kpis { milestones { id } } } } } }",
                serde_json::json!({})
            ),
            51 + (1 + (1 + (1 + (1 + 1))))
        );
        assert_eq!(
            cost(
                "{ kpis(first: 2) { nodes { measurements { value } } } }",
                serde_json::json!({})
            ),
            51 + (1 + 2 * (1 + 20))
        );
        // Lists that link back to each other multiply at run time, not in the estimate: the
        // budget stops them (`spec::a_query_whose_lists_turn_out_long_stops_at_the_budget`).
    }

    #[test]
    fn writes_views_and_introspection_weigh_what_they_cost() {
        assert_eq!(
            cost(
                "mutation { a: deleteKpi(input: { id: \"x\", version: 1 }) { status } }",
                serde_json::json!({})
            ),
            1 + MUTATION_FIELD + 1
        );
        assert_eq!(
            cost(
                "{ milestones(asOf: \"2026-06-01T00:00:00Z\") { totalCount } }",
                serde_json::json!({})
            ),
            1 + ROOT_FIELD + AS_OF_VIEW + 1
        );
        assert_eq!(
            cost(
                "{ __schema { types { name fields { name } } } }",
                serde_json::json!({})
            ),
            {
                let sizes = IntrospectionSizes::of(&TYPES);
                1 + (1 + sizes.types * (1 + (1 + sizes.fields))).div_ceil(INTROSPECTION_NULLS)
            }
        );
        assert_eq!(
            cost(
                "{ a: __type(name: \"Kpi\") { name } b: __type(name: \"Milestone\") { name } }",
                serde_json::json!({})
            ),
            2 * (1 + 1)
        );
        // Aliases of a list inside introspection count again: 600 of them are refused.
        let aliases: String = (0..600)
            .map(|i| format!(" t{i}: types {{ fields {{ name }} }}"))
            .collect();
        assert!(
            cost(
                &format!("{{ __schema {{{aliases} }} }}"),
                serde_json::json!({})
            ) > 25_000
        );
    }

    /// Fields and values in a response: what it took to resolve.
    fn resolved(value: &async_graphql::Value) -> u64 {
        match value {
            async_graphql::Value::Object(fields) => fields.values().map(|v| 1 + resolved(v)).sum(),
            async_graphql::Value::List(items) => items.iter().map(resolved).sum(),
            _ => 0,
        }
    }

    #[tokio::test]
    async fn introspection_is_estimated_at_about_what_it_resolves() {
        let schema = crate::graphql::schema_builder().finish();
        let full_type = "fragment FullType on __Type { kind name description specifiedByURL
            fields(includeDeprecated: true) { name description args(includeDeprecated: true) { ...InputValue }
              type { ...TypeRef } isDeprecated deprecationReason }
            inputFields(includeDeprecated: true) { ...InputValue } interfaces { ...TypeRef }
            enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
            possibleTypes { ...TypeRef } }
          fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue isDeprecated deprecationReason }
          fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name
            ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }";
        let query = format!(
            "{{ __schema {{ description queryType {{ name }} mutationType {{ name }} subscriptionType {{ name }}
              types {{ ...FullType }} directives {{ name description isRepeatable locations
              args(includeDeprecated: true) {{ ...InputValue }} }} }} }} {full_type}"
        );
        let response = schema.execute(query.as_str()).await;
        assert!(response.errors.is_empty(), "{:?}", response.errors);
        let full = resolved(&response.data);
        assert!(full > 5_000, "a full introspection: {full}");
        let estimated = cost(&query, serde_json::json!({}));
        assert!(
            estimated >= full / 2 && estimated <= full * 2 && estimated < 25_000,
            "a full introspection resolves {full} and is estimated at {estimated}: about as much, and under the default limit"
        );
        let mut largest = 0;
        for name in crate::graphql::type_index::TYPES.fields.keys() {
            let query = format!("{{ __type(name: \"{name}\") {{ ...FullType }} }} {full_type}");
            let response = schema.execute(query.as_str()).await;
            assert!(response.errors.is_empty(), "{:?}", response.errors);
            largest = largest.max(resolved(&response.data));
        }
        assert!(largest > 500, "the largest type: {largest}");
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
            CEILING,
            "saturates at the ceiling, never wraps"
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
