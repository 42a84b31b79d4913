"""Schemathesis hooks for scripts/fuzz.

`Decimal` is an exact decimal sent as a string ("482754", "6.8"); the generator also sends
malformed ones, which koers must refuse as BAD_USER_INPUT, never with a server error.

Every generated operation is also sent reshaped, the way an attacker multiplies work without
growing the query: its root fields moved into a named fragment, into a chain of fragments that
each spread the next twice (up to 2^30 executions from a query under 2 KB), into nested inline
fragments, or repeated under up to 1,500 aliases, and each field with a selection repeated under
an alias. koers must answer each of these, or refuse it as too costly, within the response time
that `scripts/fuzz` allows; never with a server error.
"""

import schemathesis
from graphql import language as ast
from hypothesis import strategies as st
from schemathesis.graphql import nodes

decimals = st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-10**9, max_value=10**9).map(str)
schemathesis.graphql.scalar("Decimal", st.one_of(decimals, st.text(max_size=12)).map(nodes.String))


def name(value):
    return ast.NameNode(value=value)


def selection_set(selections):
    return ast.SelectionSetNode(selections=tuple(selections))


def fragment(fragment_name, root, selections):
    return ast.FragmentDefinitionNode(
        name=name(fragment_name), type_condition=ast.NamedTypeNode(name=name(root)),
        variable_definitions=(), directives=(), selection_set=selection_set(selections))


def spread(fragment_name):
    return ast.FragmentSpreadNode(name=name(fragment_name), directives=())


def aliased(field, alias):
    return ast.FieldNode(alias=name(alias), name=field.name, arguments=field.arguments,
                         directives=field.directives, selection_set=field.selection_set)


def in_fragments(root, selections, depth, fan_out):
    """`{ ...F0 }` with F0 … F(depth-1) each spreading the next `fan_out` times; the last one
    holds the selections. Returns the operation's selections and the fragment definitions."""
    definitions = []
    for level in range(depth):
        inner = [spread(f"F{level + 1}")] * fan_out if level + 1 < depth else selections
        definitions.append(fragment(f"F{level}", root, inner))
    return [spread("F0")], definitions


def in_inline_fragments(root, selections, depth):
    for _ in range(depth):
        selections = [ast.InlineFragmentNode(type_condition=ast.NamedTypeNode(name=name(root)),
                                             directives=(), selection_set=selection_set(selections))]
    return selections


def with_aliases(selections, copies):
    return [aliased(field, f"a{copy}_{index}") for index, field in enumerate(selections)
            for copy in range(copies)]


def deep_aliases(selections):
    """Each field that has a selection of its own is asked twice, the second time under an alias."""
    out = []
    for index, field in enumerate(selections):
        if isinstance(field, ast.FieldNode) and field.selection_set is not None:
            inner = selection_set(deep_aliases(field.selection_set.selections))
            field = ast.FieldNode(alias=field.alias, name=field.name, arguments=field.arguments,
                                  directives=field.directives, selection_set=inner)
            out.append(field)
            out.append(aliased(field, f"again_{index}"))
        else:
            out.append(field)
    return out


def reshape(document, root, kind, size):
    operation = next(d for d in document.definitions if isinstance(d, ast.OperationDefinitionNode))
    others = [d for d in document.definitions if d is not operation]
    selections = list(operation.selection_set.selections)
    fragments = []
    if kind == "fragment":
        selections, fragments = in_fragments(root, selections, 1, 1)
    elif kind == "fan_out":
        selections, fragments = in_fragments(root, selections, size % 30 + 1, 2)
    elif kind == "inline":
        selections = in_inline_fragments(root, selections, size % 12 + 1)
    elif kind == "aliases":
        selections = with_aliases(selections, size)
    elif kind == "deep_aliases":
        selections = deep_aliases(selections)
    operation = ast.OperationDefinitionNode(
        operation=operation.operation, name=operation.name, directives=operation.directives,
        variable_definitions=operation.variable_definitions, selection_set=selection_set(selections))
    return ast.DocumentNode(definitions=tuple([operation, *others, *fragments]))


KINDS = ["as_generated", "as_generated", "fragment", "fan_out", "inline", "aliases", "deep_aliases"]


@schemathesis.hook
def flatmap_body(context, body):
    root = "Mutation" if context.operation.definition.root_type.name == "MUTATION" else "Query"
    return st.tuples(st.sampled_from(KINDS), st.integers(min_value=2, max_value=1500)).map(
        lambda drawn: body if drawn[0] == "as_generated" else reshape(body, root, *drawn))
