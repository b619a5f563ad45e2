"""The wire format's additions for the store: the optional ``version`` field and the trusted
codec, which must rebuild exactly the message that validation would."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cartapp.bus import Envelope
from cartapp.domain.events import (
    MESSAGE_TYPES,
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
    envelope_to_dict,
    envelope_to_json,
    record_from_dict,
    record_from_json,
    trusted_event,
)

LINE = LineSnapshot(
    item_id="rye-bread",
    name="Rye bread 750 g",
    unit_price=Decimal("3.20"),
    tax_rate=Decimal("0.07"),
    quantity=2,
)
SAMPLES: list[Message] = [
    AddItem(item_id="rye-bread", quantity=2),
    RemoveItem(item_id="rye-bread", quantity=1),
    UpdateItem(item_id="rye-bread", quantity=3),
    ClearCart(),
    Checkout(),
    ItemAdded(
        item_id="rye-bread",
        name="Rye bread 750 g",
        unit_price=Decimal("3.20"),
        tax_rate=Decimal("0.07"),
        quantity=2,
    ),
    ItemRemoved(item_id="rye-bread", name="Rye bread 750 g", quantity=1),
    ItemUpdated(item_id="rye-bread", name="Rye bread 750 g", quantity=3, previous_quantity=1),
    CartCleared(lines=(LINE,)),
    CheckedOut(
        order_number=7,
        currency="EUR",
        lines=(LINE, LINE.model_copy(update={"item_id": "avocado"})),
        subtotal=Decimal("12.80"),
        tax=Decimal("0.90"),
        total=Decimal("13.70"),
    ),
    CommandRejected(command="AddItem", reason="only 2 left — sorry"),
    HandlerFailed(handler="H", message_type="AddItem", error_type="ValueError", error="boom"),
]


def test_every_message_type_has_a_sample() -> None:
    assert {type(m).__name__ for m in SAMPLES} == set(MESSAGE_TYPES)


@pytest.mark.parametrize("message", SAMPLES, ids=lambda m: type(m).__name__)
def test_the_trusted_codec_rebuilds_what_validation_would(message: Message) -> None:
    payload = message.model_dump_json()
    trusted = trusted_event(type(message).__name__, payload)
    assert type(trusted) is type(message)
    assert trusted == message
    assert trusted == type(message).model_validate_json(payload)
    assert trusted.model_dump_json() == payload
    assert trusted.model_fields_set == message.model_fields_set
    assert trusted_event(type(message).__name__, payload) is trusted  # decoded once, shared
    for value in trusted.__dict__.values():
        if isinstance(value, tuple):
            assert all(isinstance(x, LineSnapshot) for x in value)
            assert all(isinstance(x.unit_price, Decimal) for x in value)


def test_the_trusted_codec_knows_its_types() -> None:
    with pytest.raises(MappingError, match="unknown event type"):
        trusted_event("Teleported", "{}")


def test_a_version_travels_when_given_and_is_validated() -> None:
    env = Envelope.new(AddItem(item_id="rye-bread", quantity=1), source="ui")
    assert "version" not in envelope_to_dict(env)
    back, version = record_from_json(envelope_to_json(env, version=12))
    assert version == 12 and back.event == env.event and back.event_id == env.event_id
    assert record_from_dict(envelope_to_dict(env))[1] is None
    for bad in (0, -1, True, "3", 1.5):
        data = envelope_to_dict(env, version=1)
        data["version"] = bad
        with pytest.raises(MappingError, match="'version'"):
            record_from_dict(data)
