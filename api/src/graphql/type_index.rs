//! The schema's types as plain lookup tables, read once from koers's own SDL: what the request
//! checks (`prepare.rs`) and the response's field order (`field_order.rs`) need to know about
//! a field, an argument or an input object, through async-graphql's public parser only.

use async_graphql::parser::types::{BaseType, Type, TypeKind, TypeSystemDefinition};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// A field of an object or interface type: its arguments and its type.
#[derive(Debug)]
pub struct FieldDef {
    /// Argument name to its type.
    pub args: HashMap<String, Type>,
    /// The field's type.
    pub ty: Type,
    /// The schema's default for its `first` argument, if it has one with a default
    /// (`measurements(first: Int! = 20)`): how many items it gives when not asked.
    pub first_default: Option<u64>,
}

/// A field of an input object type.
#[derive(Debug)]
pub struct InputField {
    /// Its type.
    pub ty: Type,
    /// Whether the schema gives it a default value.
    pub has_default: bool,
}

/// The schema as lookup tables.
#[derive(Debug, Default)]
pub struct TypeIndex {
    /// The query root's name.
    pub query: String,
    /// The mutation root's name.
    pub mutation: Option<String>,
    /// Object and interface types: field name to field.
    pub fields: HashMap<String, HashMap<String, FieldDef>>,
    /// Input object types: field name to field.
    pub inputs: HashMap<String, HashMap<String, InputField>>,
    /// Enum types and their values.
    pub enums: HashMap<String, HashSet<String>>,
    /// Interfaces and unions: the object types that belong to them.
    pub members: HashMap<String, HashSet<String>>,
}

/// The index of koers's schema, built on first use.
pub static TYPES: LazyLock<TypeIndex> = LazyLock::new(|| TypeIndex::from_sdl(&super::sdl()));

/// The named type at the bottom of `ty` (`[Milestone!]!` → `Milestone`).
pub fn named(ty: &Type) -> &str {
    match &ty.base {
        BaseType::Named(name) => name.as_str(),
        BaseType::List(inner) => named(inner),
    }
}

impl TypeIndex {
    /// Read the index from SDL. SDL that does not parse gives an empty index (koers's own SDL
    /// always parses; a test checks that the index knows the roots).
    pub fn from_sdl(sdl: &str) -> Self {
        let mut index = TypeIndex {
            query: "Query".to_owned(),
            mutation: None,
            ..Default::default()
        };
        let Ok(document) = async_graphql::parser::parse_schema(sdl) else {
            return index;
        };
        let mut saw_mutation_type = false;
        for definition in document.definitions {
            match definition {
                TypeSystemDefinition::Schema(schema) => {
                    if let Some(query) = schema.node.query {
                        index.query = query.node.to_string();
                    }
                    index.mutation = schema.node.mutation.map(|m| m.node.to_string());
                    saw_mutation_type = true;
                }
                TypeSystemDefinition::Type(ty) => {
                    let name = ty.node.name.node.to_string();
                    match ty.node.kind {
                        TypeKind::Object(object) => {
                            for interface in &object.implements {
                                index
                                    .members
                                    .entry(interface.node.to_string())
                                    .or_default()
                                    .insert(name.clone());
                            }
                            index.fields.insert(name, fields(object.fields));
                        }
                        TypeKind::Interface(interface) => {
                            index.fields.insert(name, fields(interface.fields));
                        }
                        TypeKind::Union(union) => {
                            index
                                .members
                                .entry(name)
                                .or_default()
                                .extend(union.members.iter().map(|member| member.node.to_string()));
                        }
                        TypeKind::Enum(enumeration) => {
                            index.enums.insert(
                                name,
                                enumeration
                                    .values
                                    .iter()
                                    .map(|v| v.node.value.node.to_string())
                                    .collect(),
                            );
                        }
                        TypeKind::InputObject(input) => {
                            index.inputs.insert(
                                name,
                                input
                                    .fields
                                    .into_iter()
                                    .map(|f| {
                                        (
                                            f.node.name.node.to_string(),
                                            InputField {
                                                ty: f.node.ty.node,
                                                has_default: f.node.default_value.is_some(),
                                            },
                                        )
                                    })
                                    .collect(),
                            );
                        }
                        TypeKind::Scalar => {}
                    }
                }
                TypeSystemDefinition::Directive(_) => {}
            }
        }
        // Without a schema block, the roots go by their conventional names.
        if !saw_mutation_type && index.fields.contains_key("Mutation") {
            index.mutation = Some("Mutation".to_owned());
        }
        index
    }

    /// The field `name` of the object or interface type `ty`.
    pub fn field(&self, ty: &str, name: &str) -> Option<&FieldDef> {
        self.fields.get(ty)?.get(name)
    }

    /// Whether `ty` is an object type (so a value of it has exactly this type).
    pub fn is_object(&self, ty: &str) -> bool {
        self.fields.contains_key(ty) && !self.members.contains_key(ty)
    }

    /// Whether a value of the object type `object` matches a fragment on `condition`.
    pub fn applies(&self, condition: &str, object: &str) -> bool {
        condition == object
            || self
                .members
                .get(condition)
                .is_some_and(|members| members.contains(object))
    }
}

fn fields(
    definitions: Vec<async_graphql::Positioned<async_graphql::parser::types::FieldDefinition>>,
) -> HashMap<String, FieldDef> {
    definitions
        .into_iter()
        .map(|f| {
            let first_default = f
                .node
                .arguments
                .iter()
                .filter(|a| a.node.name.node == "first")
                .find_map(|a| match a.node.default_value.as_ref().map(|v| &v.node) {
                    Some(async_graphql_value::ConstValue::Number(n)) => n.as_u64(),
                    _ => None,
                });
            let args = f
                .node
                .arguments
                .into_iter()
                .map(|a| (a.node.name.node.to_string(), a.node.ty.node))
                .collect();
            (
                f.node.name.node.to_string(),
                FieldDef {
                    args,
                    ty: f.node.ty.node,
                    first_default,
                },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_knows_roots_fields_inputs_enums_and_members() {
        let types = &*TYPES;
        assert_eq!(types.query, "Query");
        assert_eq!(types.mutation.as_deref(), Some("Mutation"));
        let update = types
            .field("Mutation", "updateMilestone")
            .map(|f| named(&f.ty).to_owned());
        assert_eq!(update.as_deref(), Some("UpdateMilestonePayload"));
        let create = types.inputs.get("CreateMilestoneInput");
        assert!(create.is_some_and(|f| f["status"].has_default && !f["title"].has_default));
        assert!(types.enums["GovernmentLayer"].contains("RIJK"));
        assert!(types.applies("Node", "Milestone"));
        assert!(!types.applies("Phase", "Milestone"));
        assert!(types.is_object("Milestone") && !types.is_object("Node"));
        let measurements = types
            .field("Kpi", "measurements")
            .and_then(|f| f.first_default);
        assert_eq!(measurements, Some(20));
    }
}
