"""The wire format: every valid envelope survives the mapper, anything else is refused readably."""

from __future__ import annotations

import json
import string
from decimal import Decimal
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

from cartapp.bus import Envelope, EventBus
from cartapp.domain.events import (
    AddItem,
    CartCleared,
    CheckedOut,
    Checkout,
    ClearCart,
    CommandRejected,
    HandlerFailed,
    ItemAdded,
    ItemRemoved,
    ItemUpdated,
    LineSnapshot,
    Message,
    RemoveItem,
    UpdateItem,
)
from cartapp.store.mapper import (
    MappingError,
    envelope_from_dict,
    envelope_from_json,
    envelope_to_dict,
    envelope_to_json,
)

__all__: list[str] = []

# -- strategies for valid messages -----------------------------------------------------------

item_ids = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,63}", fullmatch=True)
safe_text = st.text(
    st.characters(exclude_categories=("Cc", "Cf", "Co", "Cs")), min_size=1, max_size=200
)
prices = st.decimals(min_value=0, max_value=Decimal("999999.99"), places=2)
rates = st.decimals(min_value=0, max_value=1, places=4)
counts = st.integers(1, 1_000_000)
any_ints = st.integers(-(10**12 - 1), 10**12 - 1)

lines = st.builds(
    LineSnapshot,
    item_id=item_ids,
    name=safe_text,
    unit_price=prices,
    tax_rate=rates,
    quantity=counts,
)
messages: st.SearchStrategy[Message] = st.one_of(
    st.builds(AddItem, item_id=item_ids, quantity=any_ints),
    st.builds(RemoveItem, item_id=item_ids, quantity=any_ints),
    st.builds(UpdateItem, item_id=item_ids, quantity=any_ints),
    st.builds(ClearCart),
    st.builds(Checkout),
    st.builds(
        ItemAdded,
        item_id=item_ids,
        name=safe_text,
        unit_price=prices,
        tax_rate=rates,
        quantity=counts,
    ),
    st.builds(ItemRemoved, item_id=item_ids, name=safe_text, quantity=counts),
    st.builds(
        ItemUpdated, item_id=item_ids, name=safe_text, quantity=counts, previous_quantity=counts
    ),
    st.builds(CartCleared, lines=st.lists(lines, max_size=4).map(tuple)),
    st.builds(
        CheckedOut,
        order_number=counts,
        currency=st.from_regex(r"[A-Z]{3}", fullmatch=True),
        lines=st.lists(lines, max_size=4).map(tuple),
        subtotal=prices,
        tax=prices,
        total=prices,
    ),
    st.builds(CommandRejected, command=st.text(max_size=64), reason=safe_text),
    st.builds(
        HandlerFailed,
        handler=st.text(max_size=200),
        message_type=st.text(max_size=64),
        error_type=st.text(max_size=200),
        error=st.text(max_size=2000),
    ),
)
ids = st.text(string.ascii_letters + string.digits + "-_:.", min_size=1, max_size=80)


@settings(max_examples=150, deadline=None)
@given(
    event=messages,
    event_id=ids,
    correlation_id=ids,
    causation_id=st.none() | ids,
    source=ids,
    timestamp=st.floats(min_value=0, max_value=4_000_000_000, allow_nan=False),
)
def test_round_trip(
    event: Message,
    event_id: str,
    correlation_id: str,
    causation_id: str | None,
    source: str,
    timestamp: float,
) -> None:
    env = Envelope.new(
        event,
        source=source,
        event_id=event_id,
        correlation_id=correlation_id,
        causation_id=causation_id,
        timestamp=timestamp,
    )
    back = envelope_from_json(envelope_to_json(env))
    assert type(back.event) is type(event)
    assert back.event == event
    assert (back.event_id, back.correlation_id, back.causation_id, back.source) == (
        event_id,
        correlation_id,
        causation_id,
        source,
    )
    assert abs(back.timestamp - timestamp) <= 1e-6


def test_round_trip_of_bus_made_envelopes() -> None:
    bus = EventBus()
    made: list[Envelope] = []
    bus.subscribe(
        AddItem,
        lambda env: [
            ItemAdded(
                item_id="espresso-beans",
                name="Espresso beans 1 kg",
                unit_price=Decimal("18.90"),
                tax_rate=Decimal("0.07"),
                quantity=2,
            )
        ],
        name="CartHandler",
    )
    bus.subscribe(object, made.append)
    bus.publish(AddItem(item_id="espresso-beans", quantity=2), source="ui")
    for env in made:
        back = envelope_from_json(envelope_to_json(env))
        assert back.event == env.event
        assert back.event_id == env.event_id
        assert back.correlation_id == env.correlation_id
        assert back.causation_id == env.causation_id
        assert back.source == env.source


def test_money_travels_as_text() -> None:
    fact = ItemAdded(
        item_id="beans",
        name="Beans",
        unit_price=Decimal("18.90"),
        tax_rate=Decimal("0.07"),
        quantity=1,
    )
    data = json.loads(envelope_to_json(Envelope.new(fact)))
    assert data["payload"]["unit_price"] == "18.90"
    assert data["payload"]["tax_rate"] == "0.07"
    assert data["type"] == "ItemAdded" and data["kind"] == "fact"


# -- rejections ------------------------------------------------------------------------------


def _valid(**changes: Any) -> dict[str, Any]:
    data = envelope_to_dict(
        Envelope.new(
            AddItem(item_id="espresso-beans", quantity=2),
            source="ui",
            event_id="evt-1",
            correlation_id="evt-1",
            timestamp=1_700_000_000.0,
        )
    )
    data.update(changes)
    return data


def _payload(**changes: Any) -> dict[str, Any]:
    payload = {"item_id": "espresso-beans", "quantity": 2}
    payload.update(changes)
    return _valid(payload=payload)


def _added(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "item_id": "beans",
        "name": "Beans",
        "unit_price": "18.90",
        "tax_rate": "0.07",
        "quantity": 1,
    }
    payload.update(changes)
    return _valid(type="ItemAdded", kind="fact", payload=payload)


def test_a_valid_dict_loads() -> None:
    env = envelope_from_dict(_valid())
    assert env.event == AddItem(item_id="espresso-beans", quantity=2)
    assert env.event_id == "evt-1"


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('{"event_id": "x", ', "malformed JSON"),
        ("not json at all", "malformed JSON"),
        (b"\xff\xfe{}", "malformed JSON"),
        ("[1, 2, 3]", "must be a JSON object"),
        ('"AddItem"', "must be a JSON object"),
        ("[" * 100_000, "malformed JSON"),
    ],
    ids=["truncated", "text", "bad-utf8", "array", "string", "deep-nesting"],
)
def test_malformed_json_is_refused(line: str | bytes, words: str) -> None:
    with pytest.raises(MappingError) as caught:
        envelope_from_json(line)
    assert words in str(caught.value)


REJECTIONS: list[tuple[str, dict[str, Any], str]] = [
    ("unknown type", _valid(type="Teleport"), "unknown event type 'Teleport'"),
    ("type not text", _valid(type=["AddItem"]), "unknown event type"),
    ("kind mismatch", _valid(kind="fact"), "'kind' of AddItem must be 'command'"),
    ("unknown field", _valid(colour="brown"), "unknown field(s): colour"),
    ("unknown payload field", _payload(colour="brown"), "AddItem.colour: Extra inputs"),
    ("missing payload field", _valid(payload={"item_id": "x"}), "AddItem.quantity: Field required"),
    ("quantity as text", _payload(quantity="2"), "AddItem.quantity: Input should be a valid int"),
    ("quantity as float", _payload(quantity=2.0), "AddItem.quantity: Input should be a valid int"),
    ("bool quantity", _payload(quantity=True), "AddItem.quantity: Input should be a valid int"),
    ("payload not object", _valid(payload=[1]), "AddItem.payload"),
    ("bad item id", _payload(item_id="Beans"), "AddItem.item_id: String should match pattern"),
    ("control char item id", _payload(item_id="be\x00ans"), "AddItem.item_id: String should"),
    ("float price", _added(unit_price=18.9), "ItemAdded.unit_price: Value error, price must"),
    ("NaN price", _added(unit_price="NaN"), "ItemAdded.unit_price: Value error, price must be"),
    ("negative price", _added(unit_price="-1.00"), "price cannot be negative"),
    ("over-precise price", _added(unit_price="1.999"), "more than two decimal places"),
    ("control char name", _added(name="Be\x07ans"), "control character (U+0007)"),
    ("oversized name", _added(name="x" * 201), "ItemAdded.name: String should have at most 200"),
    ("control char id", _valid(event_id="evt\x00"), "'event_id' is too long or has control"),
    ("newline in id", _valid(correlation_id="a\nb"), "'correlation_id' is too long or has"),
    ("oversized id", _valid(event_id="e" * 81), "'event_id' is too long or has control"),
    ("empty id", _valid(event_id=""), "'event_id' must be a non-empty string"),
    ("id not text", _valid(event_id=7), "'event_id' must be a non-empty string"),
    ("oversized source", _valid(source="s" * 81), "'source' is too long"),
    ("timestamp text", _valid(timestamp="yesterday"), "'timestamp' must be seconds since 1970"),
    ("timestamp bool", _valid(timestamp=True), "'timestamp' must be seconds since 1970"),
    ("timestamp negative", _valid(timestamp=-1), "'timestamp' must be seconds since 1970"),
    ("timestamp inf", _valid(timestamp=float("inf")), "'timestamp' must be seconds since 1970"),
]


@pytest.mark.parametrize(
    ("data", "words"), [r[1:] for r in REJECTIONS], ids=[r[0] for r in REJECTIONS]
)
def test_bad_envelopes_are_refused_with_a_readable_reason(data: dict[str, Any], words: str) -> None:
    with pytest.raises(MappingError) as caught:
        envelope_from_dict(data)
    message = str(caught.value)
    assert words in message
    assert "\n" not in message and len(message) < 300  # one line, no pydantic dump
    # the same through JSON text
    with pytest.raises(MappingError) as again:
        envelope_from_json(json.dumps(data))
    assert str(again.value) == message


def test_missing_fields_are_named() -> None:
    data = _valid()
    del data["correlation_id"]
    del data["timestamp"]
    with pytest.raises(MappingError, match=r"missing field\(s\): correlation_id, timestamp"):
        envelope_from_dict(data)


def test_json_nan_timestamp_is_refused() -> None:
    line = json.dumps(_valid()).replace("1700000000.0", "NaN")
    with pytest.raises(MappingError, match="'timestamp' must be seconds since 1970"):
        envelope_from_json(line)
