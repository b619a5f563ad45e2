"""The export-line path (``columns_from_export_line``) takes an export's lines as they are
written and gives exactly what the general path (``json`` and ``columns_from_cloudevent``)
gives for them; for anything else it gives None, so the general path decides (and words the
refusal). Checked on the one-pass variants and on random edits of real export lines."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_import_columns import _DROP, VARIANTS
from test_store_mapper import SAMPLES

from cartapp.bus.envelope import Envelope
from cartapp.domain.events import AddItem, Message
from cartapp.store import mapper
from cartapp.store.cloudevents import columns_from_cloudevent, envelope_to_cloudevent
from cartapp.store.exportline import columns_from_export_line
from cartapp.store.jsonl import _load_payload
from cartapp.store.mapper import MappingError


def _line(message: Any = None, cause: str | None = None, **changes: Any) -> str:
    event_ = message or AddItem(item_id="espresso-beans", quantity=2)
    env = Envelope.new(event_, source="ui", causation_id=cause)
    event = envelope_to_cloudevent(env, stream="cart", version=7)
    event.update(changes)
    return json.dumps({k: v for k, v in event.items() if v is not _DROP}, ensure_ascii=False)


def _general(line: str) -> tuple[object, ...] | str:
    """What the general path makes of ``line``: its columns, or why it refuses."""
    try:
        data = _load_payload(line)
    except (ValueError, RecursionError) as exc:
        return f"refused: {exc}"
    if not (type(data) is dict and "specversion" in data):
        return "not a CloudEvent"
    try:
        return columns_from_cloudevent(data)
    except MappingError as exc:
        return f"refused: {exc}"


def _agrees(line: str) -> tuple[object, ...] | None:
    fast = columns_from_export_line(line, _load_payload)
    if fast is not None:
        assert fast == _general(line)
    return fast


@pytest.mark.parametrize("message", SAMPLES, ids=lambda m: type(m).__name__)
def test_an_exports_line_takes_the_path_and_gives_the_general_answer(message: Message) -> None:
    for _ in range(2):  # the second time from the payload cache
        assert _agrees(_line(message)) is not None
        assert _agrees(_line(message, cause="cause-1")) is not None


def test_the_general_path_decides_what_is_not_an_exports_line() -> None:
    line = _line()
    for other in (
        line.replace('", "', '","'),  # other spacing
        " " + line,
        line.replace('"subject": "cart", ', ""),
        line.replace('"id": "', '"id": "\\u0041'),  # an escape
    ):
        assert columns_from_export_line(other, _load_payload) is None


@pytest.mark.parametrize("changes", VARIANTS, ids=lambda c: repr(c)[:60])
def test_each_variant_agrees_with_the_general_path(changes: dict[str, Any]) -> None:
    for _ in range(2):
        _agrees(_line(**changes))


def test_a_payload_the_general_path_refuses_is_refused_there_every_time() -> None:
    mapper.clear_caches()
    line = _line(data={"item_id": "espresso-beans", "quantity": 10**120})
    for _ in range(2):
        assert columns_from_export_line(line, _load_payload) is None
        assert str(_general(line)).startswith("refused: ")


_PIECES = st.sampled_from(
    [
        '"',
        "\\",
        "\x00",
        "\x1f",
        "\n",
        "}",
        "{",
        ", ",
        ": ",
        "0",
        "9",
        "-",
        ".",
        "Z",
        "T",
        " ",
        '", "correlationid": "x',
        '}, "sequence": "1"}',
        "\u2028",
        "\u00e9",
        "\U0001f600",
        "e5",
    ]
)


@given(
    position=st.integers(min_value=0),
    cut=st.integers(min_value=0, max_value=3),
    piece=_PIECES | st.text(max_size=3),
    sample=st.integers(min_value=0),
)
def test_an_edited_line_gives_the_general_answer_or_none(
    position: int, cut: int, piece: str, sample: int
) -> None:
    message = SAMPLES[sample % len(SAMPLES)]
    line = _line(message)
    at = position % (len(line) + 1)
    _agrees(line[:at] + piece + line[at + cut :])


@pytest.mark.parametrize("field", ["id", "source", "correlationid", "causationid"])
@pytest.mark.parametrize("value", ["", "x" * 80, "x" * 81, "a\x7fb", "a\u2028b", "a\xa0b", "é"])
def test_each_text_is_bounded_as_on_the_general_path(field: str, value: str) -> None:
    line = _line(cause="cause-1", **{field: value})
    fast = _agrees(line)
    assert (fast is None) == isinstance(_general(line), str)


@given(
    whole=st.integers(min_value=0, max_value=32503680000 - 1),
    micros=st.integers(min_value=0, max_value=999_999),
)
def test_a_time_of_six_decimals_is_its_own_wire_timestamp(whole: int, micros: int) -> None:
    value = float(f"{whole}.{micros:06d}")
    assert mapper.wire_timestamp(value) == value


@pytest.mark.parametrize(
    ("sequence", "fast"),
    [("7", True), ("007", True), ("9" * 18, True), ("0", False), ("000", False), ("9" * 19, False)],
)
def test_a_sequence_is_bounded_as_on_the_general_path(sequence: str, fast: bool) -> None:
    line = _line(sequence=sequence)
    assert (_agrees(line) is not None) == fast
