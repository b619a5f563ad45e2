"""Appending and reading back: versions, uniqueness, optimistic concurrency, snapshots, stages,
file permissions."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from cartapp.bus import Envelope
from cartapp.bus.stages import StageRow
from cartapp.domain.cart import Cart
from cartapp.domain.events import AddItem, CommandRejected, ItemAdded
from cartapp.store import (
    LIVE_STREAM,
    ConcurrencyError,
    DuplicateEventError,
    EventStore,
    StoreError,
)
from cartapp.store.snapshot import SnapshotError, decode_cart, encode_cart


def _added(item: str = "espresso-beans", qty: int = 1) -> ItemAdded:
    return ItemAdded(
        item_id=item,
        name="Espresso beans 1 kg",
        unit_price=Decimal("18.90"),
        tax_rate=Decimal("0.07"),
        quantity=qty,
    )


def _pair(qty: int = 1) -> list[Envelope]:
    command = Envelope.new(AddItem(item_id="espresso-beans", quantity=qty), source="ui")
    fact = Envelope.new(
        _added(qty=qty),
        source="CartHandler",
        correlation_id=command.correlation_id,
        causation_id=command.event_id,
    )
    return [command, fact]


def _rows(store: EventStore) -> int:
    return store.count()


def test_append_then_read_back_every_field(store: EventStore) -> None:
    first = _pair(2)
    assert store.append(first, LIVE_STREAM, 0) == 2
    assert store.append(_pair(1), LIVE_STREAM, 2) == 4

    stored = list(store.iter_events(LIVE_STREAM))
    assert [s.version for s in stored] == [1, 2, 3, 4]
    assert [s.seq for s in stored] == sorted(s.seq for s in stored)
    for original, back in zip(first, stored[:2], strict=True):
        env = back.envelope
        assert env.event == original.event
        assert type(env.event) is type(original.event)
        assert env.event_id == original.event_id
        assert env.correlation_id == original.correlation_id
        assert env.causation_id == original.causation_id
        assert env.source == original.source
        assert env.timestamp == pytest.approx(original.timestamp, abs=1e-6)
    assert store.version(LIVE_STREAM) == 4
    assert store.event(first[1].event_id).version == 2  # type: ignore[union-attr]
    assert store.event("missing") is None
    assert [s.version for s in store.iter_events(LIVE_STREAM, 2, 3)] == [2, 3]


def test_the_first_append_creates_a_live_stream(store: EventStore) -> None:
    assert store.streams() == []
    store.append(_pair(), "cart", 0)
    [info] = store.streams()
    assert (info.id, info.origin, info.version) == ("cart", "live", 2)


def test_a_stale_expected_version_writes_nothing(store: EventStore) -> None:
    store.append(_pair(), LIVE_STREAM, 0)
    with pytest.raises(ConcurrencyError) as caught:
        store.append(_pair(), LIVE_STREAM, 0)
    assert (caught.value.expected, caught.value.actual) == (0, 2)
    with pytest.raises(ConcurrencyError):
        store.append(_pair(), LIVE_STREAM, 5)  # ahead of the stream: would leave a gap
    assert _rows(store) == 2


def test_a_known_event_id_is_refused_and_nothing_of_the_batch_is_written(
    store: EventStore,
) -> None:
    pair = _pair()
    store.append(pair, LIVE_STREAM, 0)
    again = [Envelope.new(CommandRejected(command="AddItem", reason="x")), pair[0]]
    with pytest.raises(DuplicateEventError, match=pair[0].event_id) as caught:
        store.append(again, LIVE_STREAM, 2)
    assert caught.value.event_id == pair[0].event_id
    assert "already in the store" in str(caught.value)
    assert _rows(store) == 2
    assert store.version(LIVE_STREAM) == 2


def test_a_duplicate_within_one_append_is_refused(store: EventStore) -> None:
    env = Envelope.new(AddItem(item_id="espresso-beans", quantity=1))
    with pytest.raises(DuplicateEventError, match="twice"):
        store.append([env, env], LIVE_STREAM, 0)
    assert _rows(store) == 0


def test_ids_are_unique_across_streams(store: EventStore) -> None:
    pair = _pair()
    store.append(pair, "one", 0)
    with pytest.raises(DuplicateEventError):
        store.append(pair[:1], "two", 0)


def test_the_unique_constraints_hold_even_for_raw_inserts(store: EventStore) -> None:
    store.append(_pair(), LIVE_STREAM, 0)
    conn = store.connection()
    row = conn.execute(
        "SELECT seq, event_id, stream, version, type, kind, correlation_id, causation_id, source,"
        " timestamp, payload FROM events WHERE version = 1"
    ).fetchone()
    with pytest.raises(sqlite3.IntegrityError):  # same (stream, version)
        conn.execute(
            "INSERT INTO events (event_id, stream, version, type, kind, correlation_id,"
            " causation_id, source, timestamp, payload) VALUES ('new', ?, 1, ?, ?, ?, ?, ?, ?, ?)",
            (row[2], *row[4:]),
        )


def test_only_messages_can_be_stored(store: EventStore) -> None:
    with pytest.raises(TypeError):
        store.append([Envelope.new("not a message")], LIVE_STREAM, 0)


def test_a_closed_store_says_so(db_path: Path) -> None:
    s = EventStore.open(db_path)
    s.close()
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.version()


def test_snapshot_codec_round_trips_and_rejects_foreign_text() -> None:
    from cartapp.domain.decider import apply

    cart = apply(Cart(currency="EUR"), _added(qty=3))
    cart = cart.evolve(sold=(("rye-bread", 2),), orders=4)
    assert decode_cart(encode_cart(cart)) == cart
    for bad in ("{}", "[]", "nonsense", '{"f": 1, "lines": [[1]]}', '{"f": 99}'):
        with pytest.raises(SnapshotError):
            decode_cart(bad)


def test_a_damaged_snapshot_is_skipped_for_an_older_one(store: EventStore) -> None:
    for v in range(0, 6, 2):
        store.append(_pair(), LIVE_STREAM, v)
    cart_at_2 = store.cart_at(LIVE_STREAM, 2)
    store.save_snapshot(LIVE_STREAM, 2, cart_at_2)
    store.connection().execute(
        "INSERT INTO snapshots SELECT stream, 4, 0, 'damaged', digest FROM events"
        " WHERE stream = ? AND version = 4",
        (LIVE_STREAM,),
    )
    assert store.load_cart(LIVE_STREAM).cart.quantity_of("espresso-beans") == 3


def test_stage_rows_are_appended_in_one_batch_and_read_back(store: EventStore) -> None:
    ok = ("AddItem", "command", "c", None, "ui", None, 1.5, 0, 0, None)
    rows = [StageRow("generated", f"id-{i}", *ok) for i in range(3)]
    rows.append(
        StageRow("failed", "id-9", "AddItem", "command", "c", "p", "ui", "H", 2.0, 5, 7, "E")
    )
    assert store.append_stages(rows) == 4
    back = store.iter_stages()
    assert [r for _, r in back] == rows
    assert store.iter_stages(after_id=back[1][0]) == back[2:]
    assert store.prune_stages(keep=1) == 3
    assert [r for _, r in store.iter_stages()] == rows[-1:]
    assert store.prune_stages(keep=5) == 0


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_the_database_and_its_companions_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "new-dir" / "cartapp.sqlite3"
        s = EventStore.open(path)
        s.append(_pair(), LIVE_STREAM, 0)
    finally:
        os.umask(old)
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    s.close()
    path.chmod(0o644)  # someone loosened it: the next open tightens it again
    EventStore.open(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
