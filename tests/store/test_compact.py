"""``compact_json`` writes exactly what the standard encoder writes (the chain depends on it)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cartapp.store.compact import compact_json

_reference = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(_json)
def test_the_text_is_the_standard_encoders(value: object) -> None:
    assert compact_json(value) == _reference(value)


def test_what_json_cannot_hold_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="Decimal is not JSON serializable"):
        compact_json({"price": Decimal("1.20")})
