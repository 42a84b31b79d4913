"""Schemathesis hooks for scripts/fuzz: strategies for koers's custom scalars.

`Decimal` is an exact decimal sent as a string ("482754", "6.8"); the generator also sends
malformed ones, which koers must refuse as BAD_USER_INPUT, never with a server error.
"""

import schemathesis
from hypothesis import strategies as st
from schemathesis.graphql import nodes

decimals = st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-10**9, max_value=10**9).map(str)
schemathesis.graphql.scalar("Decimal", st.one_of(decimals, st.text(max_size=12)).map(nodes.String))
