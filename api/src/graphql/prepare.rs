//! What koers checks and changes in a GraphQL request before async-graphql runs it, where
//! async-graphql 7.2 departs from the GraphQL spec in ways that lose data or let bad input in:
//!
//! - **Unsent variables are absent.** An input-object field or an argument bound to a nullable
//!   variable that the request does not provide (and that has no default) is removed from the
//!   document, so an update leaves that field alone and a create takes the field's default.
//!   async-graphql would pass `null`, which clears the field. Only an explicit `null` clears.
//!   A required variable that is not provided is refused before anything runs.
//! - **Variables are coerced before execution.** An `Int` outside 32 bits in a variable is a
//!   request error (`BAD_USER_INPUT`, no `data`), not a field error after other fields ran.
//! - **Literals are checked as the spec says.** A string literal where an enum is expected
//!   (`layer: "RIJK"`) and an `Int` literal outside 32 bits fail validation
//!   (`GRAPHQL_VALIDATION_FAILED`).
//! - **Text.** Every string sent, as a literal or in a variable, is checked against
//!   `service::store::text` (no control characters or non-characters): `BAD_USER_INPUT` with the path
//!   of the argument (`input.title`, `filter.search`) in `extensions.field`.
//!
//! - **Nesting.** A query nested deeper than `nesting::MAX_NESTING` levels, or with a fragment
//!   that spreads itself, is refused first (`GRAPHQL_VALIDATION_FAILED`): every later walk,
//!   here and in async-graphql, recurses once per level.
//! - **Cost.** The query's cost as executed (`cost.rs`) is taken from the request's budget
//!   (`budget.rs`, shared by the operations of a batch); over the limit it is refused with
//!   `GRAPHQL_VALIDATION_FAILED` before async-graphql sees it (whose own checks expand every
//!   fragment spread, and would take seconds on a small query that fans out).
//!
//! Every fragment is visited once, however often it is spread, so the work here grows with the
//! size of the document, never with its expansion.

use super::type_index::{TypeIndex, named};
use async_graphql::parser::types::{
    BaseType, DocumentOperations, ExecutableDocument, OperationDefinition, Selection, SelectionSet,
    Type,
};
use async_graphql::{Name, Pos, Positioned, Request, ServerError, Variables};
use async_graphql_value::{ConstValue, Value};
use std::collections::HashSet;

/// A request ready to run, with its document kept for putting the response in query order.
pub struct Prepared {
    /// The request, with its parsed and adjusted document set.
    pub request: Request,
    /// The selected operation and the fragments, when the query parsed.
    pub document: Option<ExecutableDocument>,
    /// What the operation took of the request's budget (given back if async-graphql refuses
    /// it after all).
    pub cost: u64,
}

/// Check and adjust `request` (see the module docs). `Err` holds request errors: the request
/// must not run. A query that does not parse is passed on unchanged: async-graphql reports
/// that in its own words (its parser does not expand fragments). A query that selects no
/// operation, or a subscription, is refused here.
pub fn prepare(
    types: &TypeIndex,
    budget: &super::budget::Budget,
    mut request: Request,
) -> Result<Prepared, Vec<ServerError>> {
    let Ok(document) = async_graphql::parser::parse_query(&request.query) else {
        return Ok(Prepared {
            request,
            document: None,
            cost: 0,
        });
    };
    // A document whose operation is not selected, or is a subscription, is refused here: it
    // is never handed to async-graphql, which would walk it (expanding every fragment spread)
    // before it says so, and no cost is worked out for it.
    let name = request.operation_name.clone();
    // Fragments and nesting, on the whole document, before anything walks it recursively.
    let chosen = selected(&document, name.as_deref())
        .map(|operation| (&operation.node.selection_set.node, operation.pos));
    if let Err(refusal) = super::nesting::check(&document, chosen) {
        return Err(vec![validation_error(refusal.message(), refusal.pos())]);
    }
    let Some(mut document) = prune(document, name.as_deref()) else {
        return Err(vec![unlocated_error(unselected(name.as_deref()))]);
    };
    let Some(operation) = selected(&document, name.as_deref()) else {
        return Err(vec![unlocated_error(unselected(name.as_deref()))]);
    };
    let root = match operation.node.ty {
        async_graphql::parser::types::OperationType::Query => types.query.as_str(),
        async_graphql::parser::types::OperationType::Mutation => match types.mutation.as_deref() {
            Some(root) => root,
            None => {
                return Err(vec![validation_error(
                    "Schema is not configured for mutations.".to_owned(),
                    operation.pos,
                )]);
            }
        },
        async_graphql::parser::types::OperationType::Subscription => {
            return Err(vec![validation_error(
                "koers has no subscriptions: ask for the plan with a query".to_owned(),
                operation.pos,
            )]);
        }
    };

    // A variable the request does not send takes its definition's default (the spec's
    // CoerceVariableValues), so the default is checked like a sent value and `@include` and
    // `@skip` see it (async-graphql reads only the variables sent there).
    for definition in &operation.node.variable_definitions {
        let definition = &definition.node;
        if let Some(default) = &definition.default_value
            && !request.variables.contains_key(&definition.name.node)
        {
            request
                .variables
                .insert(definition.name.node.clone(), default.node.clone());
        }
    }

    let cost = super::cost::estimate(types, &document, &operation.node, root, &request.variables);
    if cost > budget.left() {
        return Err(vec![over_budget(
            cost,
            budget.spent(),
            budget.limit(),
            operation.pos,
        )]);
    }

    let mut errors = Vec::new();
    let unsent = coerce_variables(types, operation, &request.variables, &mut errors);
    let mut check = Checker {
        types,
        variables: &request.variables,
        document: &document,
        visited: HashSet::new(),
        errors: &mut errors,
    };
    check.selection_set(&operation.node.selection_set.node, root);
    if !errors.is_empty() {
        return Err(errors);
    }
    // Taken only by an operation that runs: a refused one leaves the batch's budget alone.
    if let Err(before) = budget.reserve(cost) {
        return Err(vec![over_budget(
            cost,
            before,
            budget.limit(),
            operation.pos,
        )]);
    }

    if !unsent.is_empty() {
        drop_unsent(&mut document, &unsent);
    }
    request.set_parsed_query(document.clone());
    Ok(Prepared {
        request,
        document: Some(document),
        cost,
    })
}

/// Why no operation of a document is selected (async-graphql's words).
fn unselected(name: Option<&str>) -> String {
    match name {
        Some(name) => format!("Unknown operation named \"{name}\""),
        None => "Operation name required in request.".to_owned(),
    }
}

/// The operation async-graphql will run: the named one, or the only one. A name that the
/// document does not hold selects nothing (async-graphql refuses the request).
pub fn selected<'a>(
    document: &'a ExecutableDocument,
    name: Option<&str>,
) -> Option<&'a Positioned<OperationDefinition>> {
    match (&document.operations, name) {
        (DocumentOperations::Single(op), None) => Some(op),
        (DocumentOperations::Single(_), Some(_)) => None,
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next(),
        (DocumentOperations::Multiple(_), None) => None,
    }
}

/// The document with only the operation that runs and the fragments it spreads: what is
/// adjusted for this request's variables then cannot break another operation, and
/// async-graphql validates what it runs. `None` when no operation is selected.
fn prune(document: ExecutableDocument, name: Option<&str>) -> Option<ExecutableDocument> {
    let operation = selected(&document, name)?.clone();
    let mut reachable: HashSet<Name> = HashSet::new();
    let mut stack = vec![&operation.node.selection_set.node];
    while let Some(set) = stack.pop() {
        for selection in &set.items {
            match &selection.node {
                Selection::Field(field) => stack.push(&field.node.selection_set.node),
                Selection::InlineFragment(inline) => stack.push(&inline.node.selection_set.node),
                Selection::FragmentSpread(spread) => {
                    let name = &spread.node.fragment_name.node;
                    if reachable.insert(name.clone())
                        && let Some(fragment) = document.fragments.get(name)
                    {
                        stack.push(&fragment.node.selection_set.node);
                    }
                }
            }
        }
    }
    let operations = match (document.operations, name) {
        (DocumentOperations::Single(_), _) => DocumentOperations::Single(operation),
        (DocumentOperations::Multiple(ops), _) => {
            let key = ops
                .iter()
                .find(|(_, op)| op.pos == operation.pos)
                .map(|(key, _)| key.clone())?;
            DocumentOperations::Multiple(std::iter::once((key, operation)).collect())
        }
    };
    let fragments = document
        .fragments
        .into_iter()
        .filter(|(name, _)| reachable.contains(name))
        .collect();
    Some(ExecutableDocument {
        operations,
        fragments,
    })
}

fn input_error(message: String, pos: Option<Pos>, key: &str, at: &str) -> ServerError {
    let mut error = ServerError::new(message, pos);
    let mut extensions = async_graphql::ErrorExtensionValues::default();
    extensions.set("code", "BAD_USER_INPUT");
    extensions.set(key, at);
    error.extensions = Some(extensions);
    error
}

/// The refusal of an operation of `cost` that does not fit the request's `limit`, of which
/// the batch's earlier operations took `before`.
fn over_budget(cost: u64, before: u64, limit: u64, pos: Pos) -> ServerError {
    let about = if cost >= super::cost::CEILING {
        format!("more than {cost}")
    } else {
        format!("about {cost}")
    };
    let earlier = if before > 0 {
        format!(" (the earlier operations of this batch took {before})")
    } else {
        String::new()
    };
    let mut error = validation_error(
        format!(
            "this query would cost {about} (a field resolved costs 1, fragments expanded, every alias, each item of a page; a root field 51, a change 501, an as-of view 2,000 more); the limit is {limit} per request{earlier}: ask for fewer fields, items or aliases"
        ),
        pos,
    );
    if let Some(extensions) = &mut error.extensions {
        extensions.set("cost", cost);
        extensions.set("limit", limit);
        if before > 0 {
            extensions.set("spent", before);
        }
    }
    error
}

fn validation_error(message: String, pos: Pos) -> ServerError {
    located_error(message, Some(pos))
}

/// A `GRAPHQL_VALIDATION_FAILED` error about the request as a whole (no place in the query).
fn unlocated_error(message: String) -> ServerError {
    located_error(message, None)
}

fn located_error(message: String, pos: Option<Pos>) -> ServerError {
    let mut error = ServerError::new(message, pos);
    let mut extensions = async_graphql::ErrorExtensionValues::default();
    extensions.set("code", "GRAPHQL_VALIDATION_FAILED");
    error.extensions = Some(extensions);
    error
}

/// The spec's CoerceVariableValues, for what async-graphql leaves to the fields: a required
/// variable must be provided, and an `Int` must fit 32 bits. Returns the nullable variables
/// without a default that the request does not provide.
fn coerce_variables(
    types: &TypeIndex,
    operation: &Positioned<OperationDefinition>,
    variables: &Variables,
    errors: &mut Vec<ServerError>,
) -> HashSet<Name> {
    let mut unsent = HashSet::new();
    for definition in &operation.node.variable_definitions {
        let definition = &definition.node;
        let name = &definition.name.node;
        let ty = &definition.var_type.node;
        match variables.get(name) {
            Some(value) => int_range(
                types,
                ty,
                value,
                &format!("${name}"),
                definition.name.pos,
                errors,
            ),
            None if definition.default_value.is_some() => {}
            None if ty.nullable => {
                unsent.insert(name.clone());
            }
            None => errors.push(input_error(
                format!("variable ${name} of required type {ty} was not provided"),
                Some(definition.name.pos),
                "variable",
                name,
            )),
        }
    }
    unsent
}

/// `Int` values in `value` (of type `ty`) that do not fit 32 bits, as request errors.
fn int_range(
    types: &TypeIndex,
    ty: &Type,
    value: &ConstValue,
    at: &str,
    pos: Pos,
    errors: &mut Vec<ServerError>,
) {
    match (&ty.base, value) {
        (BaseType::List(item), ConstValue::List(values)) => {
            for (i, value) in values.iter().enumerate() {
                int_range(
                    types,
                    item.as_ref(),
                    value,
                    &format!("{at}.{i}"),
                    pos,
                    errors,
                );
            }
        }
        (BaseType::List(item), value) => int_range(types, item.as_ref(), value, at, pos, errors),
        (BaseType::Named(name), ConstValue::Number(n)) if name == "Int" && !fits_int(n) => {
            errors.push(input_error(
                format!("{at}: {}", int_message(n)),
                Some(pos),
                "variable",
                at.trim_start_matches('$'),
            ));
        }
        (BaseType::Named(name), ConstValue::Object(fields)) => {
            if let Some(input) = types.inputs.get(name.as_str()) {
                for (key, value) in fields {
                    if let Some(field) = input.get(key.as_str()) {
                        int_range(types, &field.ty, value, &format!("{at}.{key}"), pos, errors);
                    }
                }
            }
        }
        _ => {}
    }
}

fn int_message(n: &async_graphql::Number) -> String {
    format!("Int cannot represent {n}: an Int is a whole number from -2147483648 to 2147483647")
}

fn fits_int(n: &async_graphql::Number) -> bool {
    n.as_i64().is_some_and(|v| i32::try_from(v).is_ok())
}

/// Walks the selected operation with the types of its fields and arguments.
struct Checker<'a> {
    types: &'a TypeIndex,
    variables: &'a Variables,
    document: &'a ExecutableDocument,
    visited: HashSet<&'a str>,
    errors: &'a mut Vec<ServerError>,
}

impl<'a> Checker<'a> {
    fn selection_set(&mut self, set: &'a SelectionSet, parent: &'a str) {
        for selection in &set.items {
            match &selection.node {
                Selection::Field(field) => {
                    let Some(definition) = self.types.field(parent, &field.node.name.node) else {
                        continue;
                    };
                    for (name, value) in &field.node.arguments {
                        if let Some(ty) = definition.args.get(name.node.as_str()) {
                            self.value(&value.node, ty, value.pos, name.node.as_str());
                        }
                    }
                    self.selection_set(&field.node.selection_set.node, named(&definition.ty));
                }
                Selection::FragmentSpread(spread) => {
                    let name = spread.node.fragment_name.node.as_str();
                    if !self.visited.insert(name) {
                        continue;
                    }
                    if let Some(fragment) = self.document.fragments.get(name) {
                        let on = fragment.node.type_condition.node.on.node.as_str();
                        self.selection_set(&fragment.node.selection_set.node, on);
                    }
                }
                Selection::InlineFragment(inline) => {
                    let on = inline
                        .node
                        .type_condition
                        .as_ref()
                        .map_or(parent, |c| c.node.on.node.as_str());
                    self.selection_set(&inline.node.selection_set.node, on);
                }
            }
        }
    }

    /// A value in the document (literals and variables) where `ty` is expected.
    fn value(&mut self, value: &Value, ty: &Type, pos: Pos, at: &str) {
        match (value, &ty.base) {
            (Value::Variable(name), _) => {
                if let Some(value) = self.variables.get(name) {
                    self.sent(value, ty, pos, at);
                }
            }
            (Value::List(values), BaseType::List(item)) => {
                for (i, value) in values.iter().enumerate() {
                    self.value(value, item, pos, &format!("{at}.{i}"));
                }
            }
            (value, BaseType::List(item)) => self.value(value, item, pos, at),
            (Value::Object(fields), BaseType::Named(name)) => {
                let Some(input) = self.types.inputs.get(name.as_str()) else {
                    return;
                };
                for (key, value) in fields {
                    if let Some(field) = input.get(key.as_str()) {
                        self.value(value, &field.ty, pos, &format!("{at}.{key}"));
                    }
                }
            }
            (Value::String(text), BaseType::Named(name))
                if self.types.enums.contains_key(name.as_str()) =>
            {
                self.errors.push(validation_error(
                    format!(
                        "{at}: enum {name} cannot take the string \"{}\"; write the value without quotes",
                        excerpt(text)
                    ),
                    pos,
                ));
            }
            (Value::Number(n), BaseType::Named(name)) if name == "Int" && !fits_int(n) => {
                self.errors
                    .push(validation_error(format!("{at}: {}", int_message(n)), pos));
            }
            (Value::String(_) | Value::Number(_), BaseType::Named(_)) => {
                if let Ok(value) = value.clone().into_const_with(|_| Err::<ConstValue, ()>(())) {
                    self.sent(&value, ty, pos, at);
                }
            }
            _ => {}
        }
    }

    /// A value sent in a variable, where `ty` is expected: its texts against the text rule,
    /// and the values of koers's own scalars against their form, with their own messages
    /// (async-graphql's would only say "expected type Date").
    fn sent(&mut self, value: &ConstValue, ty: &Type, pos: Pos, at: &str) {
        if let ConstValue::Null = value {
            if !ty.nullable {
                let message = format!("{at} must not be null");
                self.errors
                    .push(input_error(message, Some(pos), "field", at));
            }
            return;
        }
        match (value, &ty.base) {
            (ConstValue::List(values), BaseType::List(item)) => {
                for (i, value) in values.iter().enumerate() {
                    self.sent(value, item, pos, &format!("{at}.{i}"));
                }
            }
            (value, BaseType::List(item)) => self.sent(value, item, pos, at),
            (ConstValue::Object(fields), BaseType::Named(name)) => {
                let Some(input) = self.types.inputs.get(name.as_str()) else {
                    return;
                };
                for (key, value) in fields {
                    if let Some(field) = input.get(key.as_str()) {
                        self.sent(value, &field.ty, pos, &format!("{at}.{key}"));
                    }
                }
            }
            (value, BaseType::Named(name)) => {
                if let Some(values) = self.types.enums.get(name.as_str()) {
                    let known = matches!(value,
                        ConstValue::String(v) if values.contains(v.as_str()))
                        || matches!(value, ConstValue::Enum(v) if values.contains(v.as_str()));
                    if !known {
                        let mut names: Vec<&str> = values.iter().map(String::as_str).collect();
                        names.sort_unstable();
                        let message = format!(
                            "{at}: {} is not a {name}; one of {}",
                            excerpt(&value.to_string()),
                            names.join(", ")
                        );
                        self.errors
                            .push(input_error(message, Some(pos), "field", at));
                    }
                } else if let Some(Err(message)) = super::scalars::check(name, value) {
                    self.errors.push(input_error(
                        format!("{at}: {message}"),
                        Some(pos),
                        "field",
                        at,
                    ));
                } else if let ConstValue::String(text) = value {
                    self.text(text, pos, at);
                }
            }
        }
    }

    fn text(&mut self, text: &str, pos: Pos, at: &str) {
        if let Err(crate::error::ApiError::Invalid { message, .. }) =
            crate::service::store::text::check(at, text)
        {
            self.errors
                .push(input_error(message, Some(pos), "field", at));
        }
    }
}

/// At most 40 characters of a text sent, for a message.
fn excerpt(text: &str) -> String {
    let mut out: String = text
        .chars()
        .filter(|c| !crate::service::store::text::forbidden(*c))
        .take(40)
        .collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// Remove arguments and input-object fields bound to the `unsent` variables, and the
/// definitions of those variables the operation no longer uses (validation would refuse them
/// as unused). The document holds only the operation that runs (`prune`).
fn drop_unsent(document: &mut ExecutableDocument, unsent: &HashSet<Name>) {
    match &mut document.operations {
        DocumentOperations::Single(op) => strip_set(&mut op.node.selection_set.node, unsent),
        DocumentOperations::Multiple(ops) => {
            for op in ops.values_mut() {
                strip_set(&mut op.node.selection_set.node, unsent);
            }
        }
    }
    for fragment in document.fragments.values_mut() {
        strip_set(&mut fragment.node.selection_set.node, unsent);
    }
    let still_used: Vec<HashSet<Name>> = document
        .operations
        .iter()
        .map(|(_, op)| used(document, &op.node))
        .collect();
    let operations: Vec<&mut Positioned<OperationDefinition>> = match &mut document.operations {
        DocumentOperations::Single(op) => vec![op],
        DocumentOperations::Multiple(ops) => ops.values_mut().collect(),
    };
    for (op, used) in operations.into_iter().zip(still_used) {
        op.node.variable_definitions.retain(|d| {
            let name = &d.node.name.node;
            !unsent.contains(name) || used.contains(name)
        });
    }
}

fn strip_set(set: &mut SelectionSet, unsent: &HashSet<Name>) {
    for selection in &mut set.items {
        match &mut selection.node {
            Selection::Field(field) => {
                field
                    .node
                    .arguments
                    .retain(|(_, value)| !is_unsent(&value.node, unsent));
                for (_, value) in &mut field.node.arguments {
                    strip_value(&mut value.node, unsent);
                }
                strip_set(&mut field.node.selection_set.node, unsent);
            }
            Selection::InlineFragment(inline) => {
                strip_set(&mut inline.node.selection_set.node, unsent);
            }
            Selection::FragmentSpread(_) => {}
        }
    }
}

fn is_unsent(value: &Value, unsent: &HashSet<Name>) -> bool {
    matches!(value, Value::Variable(name) if unsent.contains(name))
}

fn strip_value(value: &mut Value, unsent: &HashSet<Name>) {
    match value {
        Value::Object(fields) => {
            fields.retain(|_, v| !is_unsent(v, unsent));
            for v in fields.values_mut() {
                strip_value(v, unsent);
            }
        }
        // In a list, an unsent variable stays: it is null there (the spec's list coercion).
        Value::List(values) => {
            for v in values {
                strip_value(v, unsent);
            }
        }
        _ => {}
    }
}

/// The variables an operation uses, through the fragments it spreads.
fn used(document: &ExecutableDocument, operation: &OperationDefinition) -> HashSet<Name> {
    let mut names = HashSet::new();
    let mut visited = HashSet::new();
    let mut stack = vec![&operation.selection_set.node];
    for directive in &operation.directives {
        for (_, value) in &directive.node.arguments {
            value_variables(&value.node, &mut names);
        }
    }
    while let Some(set) = stack.pop() {
        for selection in &set.items {
            let directives = match &selection.node {
                Selection::Field(field) => {
                    for (_, value) in &field.node.arguments {
                        value_variables(&value.node, &mut names);
                    }
                    stack.push(&field.node.selection_set.node);
                    &field.node.directives
                }
                Selection::InlineFragment(inline) => {
                    stack.push(&inline.node.selection_set.node);
                    &inline.node.directives
                }
                Selection::FragmentSpread(spread) => {
                    let name = &spread.node.fragment_name.node;
                    if visited.insert(name.clone())
                        && let Some(fragment) = document.fragments.get(name)
                    {
                        stack.push(&fragment.node.selection_set.node);
                        for directive in &fragment.node.directives {
                            for (_, value) in &directive.node.arguments {
                                value_variables(&value.node, &mut names);
                            }
                        }
                    }
                    &spread.node.directives
                }
            };
            for directive in directives {
                for (_, value) in &directive.node.arguments {
                    value_variables(&value.node, &mut names);
                }
            }
        }
    }
    names
}

fn value_variables(value: &Value, names: &mut HashSet<Name>) {
    match value {
        Value::Variable(name) => {
            names.insert(name.clone());
        }
        Value::List(values) => values.iter().for_each(|v| value_variables(v, names)),
        Value::Object(fields) => fields.values().for_each(|v| value_variables(v, names)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphql::budget::Budget;
    use crate::graphql::type_index::TYPES;

    fn request(query: &str, variables: serde_json::Value) -> Request {
        Request::new(query).variables(Variables::from_json(variables))
    }

    fn arguments(prepared: &Prepared) -> String {
        let document = prepared.document.as_ref().map(|d| format!("{d:?}"));
        document.unwrap_or_default()
    }

    #[test]
    fn unsent_variables_leave_their_fields_out() {
        let query = "mutation($id: ID!, $v: Int!, $t: String, $f: Date, $l: GovernmentLayer) {
            updateMilestone(input: { id: $id, version: $v, title: $t, forecastDate: $f, layer: $l }) { status }
        }";
        let prepared = prepare(
            &TYPES,
            &Budget::new(u64::MAX),
            request(query, serde_json::json!({"id": "x", "v": 1, "t": "Nieuw"})),
        )
        .map_err(|e| format!("{e:?}"));
        let Ok(prepared) = prepared else {
            panic!("prepared: {prepared:?}", prepared = prepared.err());
        };
        let debug = arguments(&prepared);
        assert!(debug.contains("\"title\""), "{debug}");
        assert!(!debug.contains("forecastDate"), "{debug}");
        assert!(!debug.contains("\"layer\""), "{debug}");
        assert!(
            !debug.contains("name: \"f\""),
            "the definition of $f is gone: {debug}"
        );
    }

    #[test]
    fn defaults_of_variables_are_checked_and_other_operations_are_left_out() {
        let defaulted = "query($s: String = \"a\\u0000b\", $n: Int = 9999999999) { milestones(first: $n, filter: { search: $s }) { totalCount } }";
        let errors = format!(
            "{:?}",
            prepare(
                &TYPES,
                &Budget::new(u64::MAX),
                request(defaulted, serde_json::json!({}))
            )
            .err()
        );
        assert!(
            errors.contains("U+0000") && errors.contains("Int cannot represent"),
            "{errors}"
        );
        let two = "query A($x: String) { milestones(filter: { search: $x }) { totalCount } } query B($x: ID!) { node(id: $x) { id ...F } } fragment F on Node { __typename }";
        let prepared = prepare(
            &TYPES,
            &Budget::new(u64::MAX),
            Request::new(two).operation_name("A"),
        );
        let Ok(prepared) = prepared else {
            panic!("A runs");
        };
        let document = prepared.document.unwrap_or_else(|| panic!("a document"));
        assert_eq!(document.operations.iter().count(), 1, "only A is left");
        assert!(document.fragments.is_empty(), "F is not spread by A");
        assert!(selected(&document, Some("B")).is_none());
        let named = "query A { __typename }";
        let refused = prepare(
            &TYPES,
            &Budget::new(u64::MAX),
            Request::new(named).operation_name("B"),
        )
        .err()
        .map(|errors| format!("{errors:?}"));
        assert!(
            refused.is_some_and(|e| e.contains("Unknown operation named")),
            "an unknown name is refused before anything walks the query"
        );
    }

    #[test]
    fn an_explicit_null_stays() {
        let query = "mutation($id: ID!, $f: Date) { updateMilestone(input: { id: $id, version: 1, forecastDate: $f }) { status } }";
        let Ok(prepared) = prepare(
            &TYPES,
            &Budget::new(u64::MAX),
            request(query, serde_json::json!({"id": "x", "f": null})),
        ) else {
            panic!("prepared");
        };
        assert!(arguments(&prepared).contains("forecastDate"));
    }

    #[test]
    fn a_required_variable_that_is_not_sent_is_refused() {
        let query = "query($id: ID!) { node(id: $id) { id } }";
        let errors = prepare(
            &TYPES,
            &Budget::new(u64::MAX),
            request(query, serde_json::json!({})),
        )
        .err();
        let text = format!("{errors:?}");
        assert!(text.contains("was not provided"), "{text}");
    }

    #[test]
    fn ints_must_fit_32_bits() {
        let query = "query($n: Int) { milestones(first: $n) { totalCount } }";
        let errors = prepare(
            &TYPES,
            &Budget::new(u64::MAX),
            request(query, serde_json::json!({"n": 2147483648u64})),
        )
        .err();
        assert!(
            format!("{errors:?}").contains("BAD_USER_INPUT"),
            "{errors:?}"
        );
        let literal = prepare(
            &TYPES,
            &Budget::new(u64::MAX),
            request(
                "{ milestones(first: 2147483648) { totalCount } }",
                serde_json::json!({}),
            ),
        )
        .err();
        assert!(
            format!("{literal:?}").contains("GRAPHQL_VALIDATION_FAILED"),
            "{literal:?}"
        );
        assert!(
            prepare(
                &TYPES,
                &Budget::new(u64::MAX),
                request(query, serde_json::json!({"n": 2147483647}))
            )
            .is_ok()
        );
    }

    #[test]
    fn a_string_literal_is_no_enum_value() {
        let query = r#"{ milestones(filter: { layer: "RIJK" }) { totalCount } }"#;
        let errors = prepare(
            &TYPES,
            &Budget::new(u64::MAX),
            request(query, serde_json::json!({})),
        )
        .err();
        assert!(
            format!("{errors:?}").contains("GRAPHQL_VALIDATION_FAILED"),
            "{errors:?}"
        );
        let variable =
            "query($l: GovernmentLayer) { milestones(filter: { layer: $l }) { totalCount } }";
        assert!(
            prepare(
                &TYPES,
                &Budget::new(u64::MAX),
                request(variable, serde_json::json!({"l": "RIJK"}))
            )
            .is_ok(),
            "enum values in variables are strings"
        );
    }

    #[test]
    fn a_null_or_an_unknown_enum_value_in_a_variable_names_the_field() {
        let query = "mutation($p: ID!, $s: WorkStatus, $l: GovernmentLayer) { createMilestone(input: { programmeId: $p, title: \"T\", kind: DELIVERY, plannedDate: \"2026-01-01\", status: $s, layer: $l }) { __typename } }";
        let errors = prepare(
            &TYPES,
            &Budget::new(u64::MAX),
            request(query, serde_json::json!({"p": "x", "s": null, "l": "rijk"})),
        )
        .err();
        let text = format!("{errors:?}");
        assert!(text.contains("input.status must not be null"), "{text}");
        assert!(
            text.contains("is not a GovernmentLayer; one of GEMEENTE"),
            "{text}"
        );
        assert!(text.contains("\"input.layer\""), "{text}");
    }

    #[test]
    fn control_characters_are_refused_with_the_path() {
        let literal = "{ milestones(filter: { search: \"a\\u000Bb\" }) { totalCount } }";
        let errors = prepare(
            &TYPES,
            &Budget::new(u64::MAX),
            request(literal, serde_json::json!({})),
        )
        .err();
        let text = format!("{errors:?}");
        assert!(
            text.contains("filter.search") && text.contains("U+000B"),
            "{text}"
        );
        let sent = "mutation($t: String) { updateMilestone(input: { id: \"x\", version: 1, title: $t }) { status } }";
        let errors = prepare(
            &TYPES,
            &Budget::new(u64::MAX),
            request(sent, serde_json::json!({"t": "a\u{0}b"})),
        )
        .err();
        let text = format!("{errors:?}");
        assert!(
            text.contains("input.title") && text.contains("U+0000"),
            "{text}"
        );
    }

    #[test]
    fn fragments_are_checked_once_however_often_they_are_spread() {
        let mut query = String::from("{ ...F0 }");
        for i in 0..40 {
            query.push_str(&format!(
                " fragment F{i} on Query {{ ...F{n} ...F{n} }}",
                n = i + 1
            ));
        }
        query.push_str(
            " fragment F40 on Query { milestones(filter: { layer: \"RIJK\" }) { totalCount } }",
        );
        // Expanded, F40 would be reached 2^40 times (and report the cap of 20 errors).
        let errors = prepare(
            &TYPES,
            &Budget::new(u64::MAX),
            request(&query, serde_json::json!({})),
        )
        .err();
        assert_eq!(errors.map(|e| e.len()), Some(1));
    }
}
