"""The import's one-pass path (``columns_from_cloudevent``, ``column_rows``/``typed_digest``)
accepts exactly what the checked path (``record_from_cloudevent``, ``stored_columns``,
``message_digest``) accepts, stores the same columns and digests, and refuses with the same
reason word for word."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cartapp.bus.envelope import Envelope
from cartapp.domain.events import AddItem
from cartapp.store import mapper
from cartapp.store.chain import GENESIS, message_digest, typed_digest
from cartapp.store.cloudevents import (
    columns_from_cloudevent,
    envelope_to_cloudevent,
    record_from_cloudevent,
)
from cartapp.store.mapper import MappingError, stored_columns
from cartapp.store.rows import column_rows, event_rows

texts = st.text(max_size=40)


@given(
    previous=st.binary(min_size=32, max_size=32),
    event_id=texts,
    type_name=texts,
    stream=texts,
    version=st.integers(min_value=0, max_value=2**62),
    corr=texts,
    cause=st.none() | texts,
    source=texts,
    timestamp=st.floats(allow_nan=True, allow_infinity=True),
    payload=st.text(max_size=200),
)
def test_typed_digest_is_the_chain_digest(
    previous: bytes,
    event_id: str,
    type_name: str,
    stream: str,
    version: int,
    corr: str,
    cause: str | None,
    source: str,
    timestamp: float,
    payload: str,
) -> None:
    args = (previous, event_id, type_name, stream, version, corr, cause, source, timestamp)
    assert typed_digest(*args, payload) == message_digest(*args, payload)


def _event(**changes: Any) -> dict[str, Any]:
    env = Envelope.new(AddItem(item_id="espresso-beans", quantity=2), source="ui")
    event = envelope_to_cloudevent(env, stream="cart", version=7)
    event.update(changes)
    return {k: v for k, v in event.items() if v is not _DROP}


_DROP = object()


def _checked(data: dict[str, Any]) -> tuple[object, ...]:
    env, version = record_from_cloudevent(data)
    return stored_columns(env), env.event, version


VARIANTS: list[dict[str, Any]] = [
    {},
    {"time": "2026-12-02T00:30:00.123456Z"},
    {"time": "2026-12-02T00:30:59.999999Z"},
    {"time": "2026-12-02T00:30:60.000001Z"},  # a leap second
    {"time": "2026-12-02t00:30:00.123456z"},
    {"time": "2026-12-02T00:30:00.123456+01:00"},
    {"time": "2026-12-02T00:30:00Z"},
    {"time": "2026-13-02T00:30:00.123456Z"},
    {"time": "2026-02-30T00:30:00.123456Z"},
    {"time": "2026-12-02T24:30:00.123456Z"},
    {"time": "1969-12-31T23:59:59.000000Z"},
    {"time": "3000-01-01T00:00:00.000000Z"},
    {"time": "2026-12-02T00:30:0a.123456Z"},
    {"time": "2026-12-02T00:30:00.12345aZ"},
    {"time": 1764635400},
    {"sequence": "1"},
    {"sequence": "0"},
    {"sequence": "000"},
    {"sequence": "4611686018427387903"},
    {"sequence": "4611686018427387904"},
    {"sequence": "999999999999999999"},
    {"sequence": "12\u00b2"},
    {"sequence": "\u0663"},
    {"sequence": 7},
    {"sequence": _DROP},
    {"causationid": _DROP},
    {"causationid": "x" * 81},
    {"causationid": "bad\nid"},
    {"id": ""},
    {"id": "x" * 81},
    {"id": 5},
    {"correlationid": None},
    {"source": "a\x00b"},
    {"subject": 3},
    {"subject": _DROP},
    {"type": "cartapp.Nope"},
    {"type": "other.AddItem"},
    {"type": 1},
    {"specversion": "0.3"},
    {"datacontenttype": "text/plain"},
    {"datacontenttype": _DROP},
    {"extra": 1},
    {"data": _DROP},
    {"data": {"item_id": "espresso-beans", "quantity": "abc"}},
    {"data": {"item_id": "espresso-beans", "quantity": -500}},
    {"data": {"item_id": "espresso-beans", "quantity": 2, "more": 1}},
    {"data": {"item_id": "espresso-beans", "quantity": 2.0}},
    {"data": "x"},
]


@pytest.mark.parametrize("changes", VARIANTS, ids=lambda c: repr(c)[:60])
def test_one_pass_accepts_and_refuses_as_the_checked_path(changes: dict[str, Any]) -> None:
    for _ in range(2):  # the second time from the caches (payload, minute)
        data = _event(**changes)
        try:
            expected = _checked(data)
        except MappingError as exc:
            with pytest.raises(MappingError) as refused:
                columns_from_cloudevent(data)
            assert str(refused.value) == str(exc)
        else:
            assert columns_from_cloudevent(data) == expected


def test_column_rows_are_the_rows_of_the_envelopes() -> None:
    mapper.clear_caches()
    envelopes = [
        Envelope.new(AddItem(item_id="espresso-beans", quantity=q), source="ui") for q in (1, 2, 1)
    ]
    events = [
        envelope_to_cloudevent(env, stream="s", version=i) for i, env in enumerate(envelopes, 1)
    ]
    columns = [columns_from_cloudevent(event)[0] for event in events]
    assert column_rows(columns, "import-x", 0) == event_rows(envelopes, "import-x", 0)
    assert column_rows(columns, "import-x", 0)[-1][-1] != GENESIS


@given(
    previous=st.binary(min_size=32, max_size=32),
    stream=texts,
    version=st.integers(min_value=0, max_value=2**40),
    rows=st.lists(
        st.tuples(
            texts,
            texts,
            texts,
            st.none() | texts,
            texts,
            st.floats(allow_nan=True, allow_infinity=True),
            st.text(max_size=100),
        ),
        max_size=6,
    ),
)
def test_column_rows_chain_the_chain_digest(
    previous: bytes,
    stream: str,
    version: int,
    rows: list[tuple[str, str, str, str | None, str, float, str]],
) -> None:
    """``column_rows`` computes the digests inline: each is ``message_digest`` of its row after
    the one before."""
    columns = [(e, t, "fact", c, k, s, ts, p) for e, t, c, k, s, ts, p in rows]
    digest = previous
    expected = []
    for number, (e, t, _kind, c, k, s, ts, p) in enumerate(columns, version + 1):
        digest = message_digest(digest, e, t, stream, number, c, k, s, ts, p)
        expected.append(digest)
    assert [row[-1] for row in column_rows(columns, stream, version, previous)] == expected
