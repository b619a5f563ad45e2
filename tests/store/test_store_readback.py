"""A stored row is untrusted input: every hand edit that breaks a field's type or range is damage
that names its stream and version (never a crash, never a silently wrong cart), a number too large
to read back is refused before it is stored, and a snapshot that fails is ignored and logged."""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import ValidationError
from store_helpers import Harness

from cartapp.domain.cart import Cart
from cartapp.domain.catalog import Catalog
from cartapp.domain.decider import apply
from cartapp.domain.events import AddItem, Checkout, Fact, UpdateItem
from cartapp.store import LIVE_STREAM, EventStore, LiveStore
from cartapp.store.errors import DamagedMessageError, StoreCorruptError
from cartapp.store.recovery import damage_reason


def _edit_payload(db_path: Path, version: int, edit: Callable[[str], str]) -> None:
    with contextlib.closing(sqlite3.connect(db_path, isolation_level=None)) as conn:
        (payload,) = conn.execute(
            "SELECT payload FROM events WHERE stream = ? AND version = ?", (LIVE_STREAM, version)
        ).fetchone()
        changed = edit(payload)
        assert changed != payload
        conn.execute(
            "UPDATE events SET payload = ? WHERE stream = ? AND version = ?",
            (changed, LIVE_STREAM, version),
        )


def _field(name: str, value: str) -> Callable[[str], str]:
    """Replace the JSON value of ``name`` (the text after ``"name":`` up to the next , or })."""

    def edit(payload: str) -> str:
        data = json.loads(payload)
        old = json.dumps(data[name], separators=(",", ":"))
        key = f'"{name}":{old}'
        assert key in payload
        return payload.replace(key, f'"{name}":{value}', 1)

    return edit


def _history(db_path: Path, catalog: Catalog) -> dict[str, int]:
    """Two lines, a checkout and a line after it; the versions of the facts to edit."""
    with contextlib.closing(EventStore.open(db_path, snapshot_every=10_000)) as store:
        harness = Harness(store, catalog)
        harness.send(AddItem(item_id="espresso-beans", quantity=5))
        harness.send(AddItem(item_id="rye-bread", quantity=1))
        harness.send(Checkout())
        harness.send(AddItem(item_id="espresso-beans", quantity=2))
        types = {e.version: type(e.envelope.event).__name__ for e in store.iter_events()}
    return {
        "added": min(v for v, t in types.items() if t == "ItemAdded"),
        "checkout": min(v for v, t in types.items() if t == "CheckedOut"),
        "command": min(v for v, t in types.items() if t == "AddItem"),
    }


EDITS = {
    "quantity-abc": ("added", _field("quantity", '"abc"')),
    "quantity-negative": ("added", _field("quantity", "-500")),
    "quantity-1e20": ("added", _field("quantity", str(10**20))),
    "quantity-5000-digits": ("added", _field("quantity", "9" * 5000)),
    "quantity-float": ("added", _field("quantity", "5.0")),
    "command-quantity-5000-digits": ("command", _field("quantity", "9" * 5000)),
    "price-nan": ("added", _field("unit_price", '"NaN"')),
    "price-negative": ("added", _field("unit_price", '"-18.90"')),
    "price-as-float": ("added", _field("unit_price", "18.9")),
    "rate-above-one": ("added", _field("tax_rate", '"7"')),
    "name-control-character": ("added", _field("name", '"a\\u0000b"')),
    "currency-xx": ("checkout", _field("currency", '"xx"')),
    "total-huge": ("checkout", _field("total", '"1e400"')),
    "extra-field": ("added", lambda p: p[:-1] + ',"bonus":1}'),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_a_hand_edited_field_is_damage_at_its_version(
    db_path: Path, catalog: Catalog, edit: tuple[str, Callable[[str], str]]
) -> None:
    which, change = edit
    version = _history(db_path, catalog)[which]
    _edit_payload(db_path, version, change)
    with contextlib.closing(EventStore.open(db_path)) as store:
        with pytest.raises(DamagedMessageError) as caught:
            list(store.iter_events())
        assert (caught.value.stream, caught.value.version) == (LIVE_STREAM, version)
        assert isinstance(caught.value, StoreCorruptError)
        assert damage_reason(caught.value) is not None
        assert f"message {version} " in str(caught.value)
        # everything before it still reads
        assert [e.version for e in store.iter_events(last=version - 1)] == list(range(1, version))


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_a_hand_edited_field_keeps_the_messages_before_it_instead_of_a_wrong_cart(
    db_path: Path, catalog: Catalog, edit: tuple[str, Callable[[str], str]]
) -> None:
    which, change = edit
    version = _history(db_path, catalog)[which]
    with contextlib.closing(sqlite3.connect(db_path, isolation_level=None)) as conn:
        conn.execute("DELETE FROM snapshots")  # the cart is folded from the messages
    _edit_payload(db_path, version, change)
    live = LiveStore.open(db_path.parent, currency=catalog.currency)
    try:
        if live.notice is None:  # only a command was edited: the cart folds facts alone
            assert which == "command"
            with pytest.raises(DamagedMessageError):
                list(live.store.iter_events())
        else:
            if version == 1:  # nothing before it to keep
                assert "new, empty cart" in live.notice
            else:
                assert f"messages from #{version} on could not be read" in live.notice
            assert live.store.count() == version - 1
            assert live.store.verify_chain("cart") is None
    finally:
        live.close()


def test_an_edited_envelope_column_is_damage(db_path: Path, catalog: Catalog) -> None:
    version = _history(db_path, catalog)["added"]
    with contextlib.closing(sqlite3.connect(db_path, isolation_level=None)) as conn:
        conn.execute("UPDATE events SET timestamp = 'soon' WHERE version = ?", (version,))
    with (
        contextlib.closing(EventStore.open(db_path)) as store,
        pytest.raises(DamagedMessageError) as caught,
    ):
        list(store.iter_events())
    assert caught.value.version == version


ENVELOPE_EDITS = {
    "event-id-empty": "event_id = ''",
    "event-id-control": "event_id = event_id || char(10)",
    "correlation-control": "correlation_id = correlation_id || char(7)",
    "correlation-bytes": "correlation_id = CAST(correlation_id AS BLOB)",
    "causation-other": "causation_id = causation_id || char(9)",
    "causation-too-long": "causation_id = printf('%.300c', 'x')",
    "source-empty": "source = ''",
    "source-bytes": "source = CAST(source AS BLOB)",
    "timestamp-negative": "timestamp = -1.0",
    "timestamp-far": "timestamp = 1e300",
}


@pytest.mark.parametrize("edit", ENVELOPE_EDITS.values(), ids=ENVELOPE_EDITS.keys())
def test_each_damaged_envelope_column_is_found_after_many_sound_rows(
    db_path: Path, catalog: Catalog, edit: str
) -> None:
    """Rows of the same command and source come before the damaged one, as in any long
    history, and the rows before it still read."""
    with contextlib.closing(EventStore.open(db_path, snapshot_every=10_000)) as store:
        harness = Harness(store, catalog)
        for _ in range(30):
            harness.send(AddItem(item_id="espresso-beans", quantity=1))
            harness.send(UpdateItem(item_id="espresso-beans", quantity=1))
        version = store.version()  # the last fact: it has a causation id
    with contextlib.closing(sqlite3.connect(db_path, isolation_level=None)) as conn:
        conn.execute(f"UPDATE events SET {edit} WHERE version = ?", (version,))
    with (
        contextlib.closing(EventStore.open(db_path)) as store,
        pytest.raises(DamagedMessageError) as caught,
    ):
        seen = []
        for stored in store.iter_events():
            seen.append(stored.version)
    assert caught.value.version == version
    assert seen == list(range(1, version))


@pytest.mark.parametrize(
    "quantity", [10**12, 10**20, 10**5000, -(10**5000)], ids=["1e12", "1e20", "1e5000", "-1e5000"]
)
@pytest.mark.parametrize("command_type", [AddItem, UpdateItem])
def test_a_quantity_too_large_to_read_back_never_reaches_the_store(
    command_type: type[AddItem], quantity: int
) -> None:
    with pytest.raises(ValidationError):
        command_type(item_id="espresso-beans", quantity=quantity)


def test_the_largest_quantity_that_is_sent_is_stored_and_read_back(
    db_path: Path, catalog: Catalog
) -> None:
    with contextlib.closing(EventStore.open(db_path)) as store:
        harness = Harness(store, catalog)
        harness.send(AddItem(item_id="espresso-beans", quantity=10**12 - 1))
        assert [type(f).__name__ for f in harness.facts] == ["CommandRejected"]
    with contextlib.closing(EventStore.open(db_path)) as store:
        events = [e.envelope.event for e in store.iter_events()]
    assert events[0] == AddItem(item_id="espresso-beans", quantity=10**12 - 1)


def _fold(store: EventStore) -> Cart:
    cart = Cart(currency="EUR")
    for stored in store.iter_events():
        if isinstance(stored.envelope.event, Fact):
            cart = apply(cart, stored.envelope.event)
    return cart


SNAPSHOT_EDITS = {
    "quantity-5-to-50": lambda text: text.replace(
        '"Espresso beans 1 kg","18.90","0.07",5]', '"Espresso beans 1 kg","18.90","0.07",50]'
    ),
    "quantity-negative": lambda text: text.replace(",5]", ",-500]"),
    "price-nan": lambda text: text.replace('"18.90"', '"NaN"'),
    "currency-xx": lambda text: text.replace('"currency":"EUR"', '"currency":"xx"'),
    "not-json": lambda text: "{not json",
}


@pytest.mark.parametrize("edit", SNAPSHOT_EDITS.values(), ids=SNAPSHOT_EDITS.keys())
def test_an_edited_snapshot_is_ignored_and_the_cart_folded_from_the_messages(
    db_path: Path, catalog: Catalog, edit: Callable[[str], str], caplog: pytest.LogCaptureFixture
) -> None:
    with contextlib.closing(EventStore.open(db_path)) as store:
        harness = Harness(store, catalog)
        harness.send(AddItem(item_id="espresso-beans", quantity=5))
        store.save_snapshot(LIVE_STREAM, store.version(), harness.service.cart)
        expected = _fold(store)
    with contextlib.closing(sqlite3.connect(db_path, isolation_level=None)) as conn:
        (text,) = conn.execute("SELECT cart FROM snapshots").fetchone()
        changed = edit(text)
        assert changed != text
        conn.execute("UPDATE snapshots SET cart = ?", (changed,))
    with (
        caplog.at_level(logging.WARNING, logger="cartapp.store.store"),
        contextlib.closing(EventStore.open(db_path)) as store,
    ):
        loaded = store.load_cart(currency=catalog.currency)
        assert loaded.cart == expected
        assert loaded.replayed == store.version()  # folded from the first message
    assert any("ignoring the snapshot" in r.getMessage() for r in caplog.records)


def test_a_sound_snapshot_is_used(db_path: Path, catalog: Catalog) -> None:
    with contextlib.closing(EventStore.open(db_path)) as store:
        harness = Harness(store, catalog)
        harness.send(AddItem(item_id="espresso-beans", quantity=5))
        store.save_snapshot(LIVE_STREAM, store.version(), harness.service.cart)
        loaded = store.load_cart(currency=catalog.currency)
    assert loaded.replayed == 0 and loaded.cart == harness.service.cart
