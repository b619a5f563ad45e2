"""The wire format's additions for the store: the optional ``version`` field and the trusted
codec, which must rebuild exactly the message that validation would."""

from __future__ import annotations

import ast
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

import cartapp
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
from cartapp.domain.handover import (
    HandOverParkedCart,
    ParkedCartHandedOver,
    ParkedCartTaken,
    TakeParkedCart,
)
from cartapp.domain.parking import (
    CartParked,
    CartResumed,
    ParkCart,
    ParkedDiscount,
    ParkedLine,
    ResumeCart,
)
from cartapp.domain.pos import (
    ApplyCoupon,
    ApplyDiscount,
    CancelPayment,
    CouponApplied,
    DiscountApplied,
    DiscountRemoved,
    ItemsRefunded,
    PaymentCancelled,
    PaymentTaken,
    RefundedLine,
    RefundItems,
    RefundLine,
    RemoveDiscount,
    TakePayment,
    Tender,
)
from cartapp.store import mapper
from cartapp.store.mapper import (
    MappingError,
    envelope_to_dict,
    envelope_to_json,
    payload_json,
    record_from_dict,
    record_from_json,
    trusted_event,
)
from cartapp.store.rows import event_rows

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
        discount=Decimal("0.00"),
        line_discounts=(),
        tenders=(),
        change=Decimal("0.00"),
    ),
    CheckedOut(
        order_number=8,
        currency="EUR",
        lines=(LINE,),
        subtotal=Decimal("6.40"),
        tax=Decimal("0.40"),
        total=Decimal("6.16"),
        discount=Decimal("0.64"),
        line_discounts=(Decimal("0.64"),),
        tenders=(
            Tender(method="card", amount=Decimal("5.00")),
            Tender(method="cash", amount=Decimal("2.00")),
        ),
        change=Decimal("0.84"),
    ),
    ApplyDiscount(item_id="rye-bread", percent=Decimal("10"), amount=None),
    ApplyCoupon(code="spring10", today=date(2026, 4, 1)),
    RemoveDiscount(item_id=None, code="SPRING10"),
    TakePayment(method="cash", amount=Decimal("20.00")),
    CancelPayment(),
    RefundItems(
        order_number=3,
        lines=(RefundLine(item_id="rye-bread", quantity=1),),
        reason="stale",
        method="cash",
    ),
    DiscountApplied(item_id=None, name=None, percent=None, amount=Decimal("2.00")),
    CouponApplied(
        code="BAKERY5",
        percent=None,
        amount=Decimal("5.00"),
        minimum_spend=Decimal("15.00"),
        categories=("Bakery",),
        applies_to=("rye-bread", "croissant"),
    ),
    DiscountRemoved(
        item_id="rye-bread", name="Rye bread", code=None, percent=Decimal("10.00"), amount=None
    ),
    PaymentTaken(method="card", amount=Decimal("5.00"), due=Decimal("6.16")),
    PaymentCancelled(tenders=(Tender(method="card", amount=Decimal("5.00")),)),
    ItemsRefunded(
        order_number=3,
        lines=(
            RefundedLine(item_id="rye-bread", name="Rye bread", quantity=1, amount=Decimal("3.42")),
        ),
        reason="stale",
        method="cash",
        amount=Decimal("3.42"),
    ),
    ParkCart(name="Anna", parked_at=datetime(2026, 5, 2, 10, 15, tzinfo=UTC), number=None),
    ResumeCart(number=1),
    CartParked(
        number=1,
        name="Anna",
        parked_at=datetime(2026, 5, 2, 10, 15, tzinfo=UTC),
        lines=(
            ParkedLine(
                item_id="rye-bread",
                name="Rye bread",
                unit_price=Decimal("3.20"),
                tax_rate=Decimal("0.07"),
                quantity=2,
                percent=Decimal("10"),
            ),
        ),
        discounts=(ParkedDiscount(amount=Decimal("1.00")),),
    ),
    CartResumed(number=1, name="Anna", parked_at=datetime(2026, 5, 2, 10, 15, tzinfo=UTC)),
    *(
        kind(
            shared="p-0123456789abcdef-1f",
            from_till="t1",
            number=1,
            name="Anna",
            parked_at=datetime(2026, 5, 2, 10, 15, tzinfo=UTC),
            lines=(
                ParkedLine(
                    item_id="rye-bread",
                    name="Rye bread",
                    unit_price=Decimal("3.20"),
                    tax_rate=Decimal("0.07"),
                    quantity=2,
                ),
            ),
            discounts=(ParkedDiscount(percent=Decimal("5")),),
        )
        for kind in (TakeParkedCart, ParkedCartTaken)
    ),
    HandOverParkedCart(number=1, parked_at=datetime(2026, 5, 2, 10, 15, tzinfo=UTC), to_till="t2"),
    ParkedCartHandedOver(number=1, name="Anna", to_till="t2"),
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
    validated = type(message).model_validate_json(payload)
    for key, value in trusted.__dict__.items():
        if isinstance(value, tuple):
            assert [type(x) for x in value] == [type(x) for x in getattr(validated, key)]
            if key == "lines" and isinstance(message, CartCleared | CheckedOut):
                assert all(isinstance(x, LineSnapshot) for x in value)
                assert all(isinstance(x.unit_price, Decimal) for x in value)


def test_a_checked_out_stored_before_payments_existed_still_reads() -> None:
    old = (
        '{"order_number":1,"currency":"EUR","lines":[],"subtotal":"1.00","tax":"0.07",'
        '"total":"1.07"}'
    )
    trusted = trusted_event("CheckedOut", old)
    assert trusted == CheckedOut.model_validate_json(old)
    assert isinstance(trusted, CheckedOut)
    assert (trusted.tenders, trusted.change, trusted.discount) == ((), Decimal("0.00"), 0)
    assert trusted.model_fields_set == CheckedOut.model_validate_json(old).model_fields_set
    with pytest.raises(MappingError, match="tax: Field required"):
        trusted_event("CheckedOut", old.replace('"tax"', '"taxes"'))


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


# -- the one mapper ------------------------------------------------------------------------------

_WIRE_CALLS = {"model_dump", "model_dump_json", "model_validate", "model_validate_json"}


def _wire_format_uses(path: Path) -> list[str]:
    """Calls in ``path`` that turn messages into their wire form or back, or round timestamps
    the way the wire format does."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _WIRE_CALLS:
            found.append(f"{path.name}:{node.lineno} .{func.attr}()")
        elif isinstance(func, ast.Name) and func.id == "round" and "store" in path.parts:
            found.append(f"{path.name}:{node.lineno} round()")
    return found


def test_only_the_mapper_knows_the_wire_format() -> None:
    """Messages become JSON (and stored rows) only in ``cartapp.store.mapper``; the domain
    defines the models, and the benchmarks build their raw SQLite references by hand. The shop's
    stock ledger (``cartapp.shop.stock``) is no message but a record of its own, with its own
    format in that module."""
    root = Path(cartapp.__file__).parent
    allowed = {root / "store" / "mapper.py", root / "shop" / "stock.py"}
    uses = [
        use
        for path in sorted(root.rglob("*.py"))
        if path not in allowed and path.parent.name not in ("domain", "bench")
        for use in _wire_format_uses(path)
    ]
    assert uses == []


def test_stored_columns_are_the_wire_format() -> None:
    env = Envelope.new(
        ItemAdded(
            item_id="rye-bread",
            name="Rye bread 750 g",
            unit_price=Decimal("3.20"),
            tax_rate=Decimal("0.07"),
            quantity=2,
        ),
        source="handler",
        causation_id="cause",
        timestamp=1_764_180_000.123_456_789,
    )
    rows = event_rows([env], "cart", 4)
    wire = envelope_to_dict(env)
    assert [row[:-1] for row in rows] == [
        (
            env.event_id,
            "cart",
            5,
            "ItemAdded",
            "fact",
            env.correlation_id,
            "cause",
            "handler",
            wire["timestamp"],
            json.dumps(wire["payload"], separators=(",", ":")),
        )
    ]
    assert wire["timestamp"] == 1_764_180_000.123457
    assert trusted_event("ItemAdded", str(rows[0][9])) == env.event
    with pytest.raises(TypeError, match="only messages"):
        event_rows([Envelope.new(object(), source="ui")], "cart", 0)


def test_equal_payloads_share_one_validated_message_and_its_stored_json() -> None:
    mapper.clear_caches()
    first = envelope_to_dict(Envelope.new(SAMPLES[5], source="CartHandler"))
    again = envelope_to_dict(Envelope.new(SAMPLES[5], source="CartHandler"))
    a, b = record_from_dict(first)[0], record_from_dict(again)[0]
    assert a.event is b.event and a.event_id != b.event_id
    assert payload_json(a.event) == SAMPLES[5].model_dump_json()
    assert event_rows([a], "s", 0)[0][9] == SAMPLES[5].model_dump_json()


def test_a_cached_payload_never_stands_for_a_different_one() -> None:
    """The cache key is the payload's JSON: 2 and 2.0 and "2" and true are different payloads."""
    mapper.clear_caches()
    good = envelope_to_dict(Envelope.new(AddItem(item_id="rye-bread", quantity=2), source="ui"))
    assert record_from_dict(good)[0].event == AddItem(item_id="rye-bread", quantity=2)
    for bad in (2.0, "2", True):
        data = {**good, "payload": {"item_id": "rye-bread", "quantity": bad}}
        with pytest.raises(MappingError, match=r"^AddItem\.quantity: "):
            record_from_dict(data)


def test_a_bad_line_of_a_checkout_is_named_even_when_its_other_lines_were_seen() -> None:
    mapper.clear_caches()
    fact = next(m for m in SAMPLES if isinstance(m, CheckedOut))
    data = envelope_to_dict(Envelope.new(fact, source="CartHandler"))
    assert record_from_dict(data)[0].event == fact
    lines = [dict(line) for line in data["payload"]["lines"]]
    lines.append({**lines[0], "item_id": "other", "quantity": 0})
    bad = {**data, "payload": {**data["payload"], "lines": lines}}
    with pytest.raises(MappingError, match=rf"^CheckedOut\.lines\.{len(lines) - 1}\.quantity: "):
        record_from_dict(bad)
