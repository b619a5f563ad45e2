"""Damaged databases at start-up: moved aside (never overwritten), or refused; a fresh store
starts. Plus the clean-close marker that decides whether ``quick_check`` runs."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from pathlib import Path

import pytest
from store_helpers import Harness, random_command

from cartapp.bus import Envelope
from cartapp.domain.catalog import Catalog
from cartapp.domain.events import AddItem
from cartapp.store import (
    LIVE_STREAM,
    EventStore,
    LiveStore,
    StoreCorruptError,
    StoreError,
    open_or_recover,
)
from cartapp.store.files import move_aside


def filled(db_path: Path, catalog: Catalog, commands: int = 400) -> None:
    """A cleanly closed store with some history (a few dozen pages)."""
    import random

    store = EventStore.open(db_path)
    harness = Harness(store, catalog)
    rng = random.Random(7)
    for _ in range(commands):
        harness.send(random_command(rng))
    store.close()


def aside_files(db_path: Path) -> list[Path]:
    return sorted(p for p in db_path.parent.iterdir() if ".corrupt-" in p.name)


def event_ids(db_path: Path) -> list[str]:
    store = EventStore.open(db_path)
    try:
        return [e.envelope.event_id for e in store.iter_events("cart")]
    finally:
        store.close()


def assert_recovered(db_path: Path, original: bytes, healthy: list[str] | None = None) -> None:
    """The file went aside unchanged; the new store is empty, or (``healthy``: the event ids
    before the damage) holds a non-empty prefix of them, and the notice says how many."""
    store, notice = open_or_recover(db_path)
    try:
        assert notice is not None
        [aside] = [p for p in aside_files(db_path) if p.name.count("-wal") == 0]
        assert str(aside) in notice
        assert aside.read_bytes() == original  # kept exactly as it was
        assert store.quick_check() == []
        if healthy is None:
            assert "new, empty cart" in notice
            assert store.version() == 0 and store.count() == 0
            return
        kept = [e.envelope.event_id for e in store.iter_events("cart")]
        assert 0 < len(kept) < len(healthy)
        assert kept == healthy[: len(kept)]
        assert f"kept {len(kept):,} of your messages" in notice
        assert f"messages from #{len(kept) + 1:,} on could not be read" in notice
    finally:
        store.close()


def test_garbage_bytes_are_moved_aside(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    garbage = os.urandom(8192)
    db_path.write_bytes(garbage)
    with pytest.raises(StoreCorruptError, match="not an SQLite database"):
        EventStore.open(db_path)
    assert db_path.read_bytes() == garbage  # a failed open changes nothing
    assert_recovered(db_path, garbage)


def test_a_file_cut_short_is_moved_aside(db_path: Path, catalog: Catalog) -> None:
    filled(db_path, catalog)
    healthy = event_ids(db_path)
    data = db_path.read_bytes()
    assert len(data) > 40 * 4096
    cut = data[: len(data) // 2]
    db_path.write_bytes(cut)
    assert_recovered(db_path, cut, healthy)  # what SQLite can still read is kept


def test_a_file_cut_inside_the_header_is_moved_aside(db_path: Path, catalog: Catalog) -> None:
    filled(db_path, catalog, commands=5)
    cut = db_path.read_bytes()[:60]
    db_path.write_bytes(cut)
    with pytest.raises(StoreCorruptError, match="truncated"):
        EventStore.open(db_path)
    assert_recovered(db_path, cut)


def test_damaged_pages_fail_the_quick_check_and_are_moved_aside(
    db_path: Path, catalog: Catalog
) -> None:
    filled(db_path, catalog)
    healthy = event_ids(db_path)
    data = bytearray(db_path.read_bytes())
    data[20 * 4096 : 24 * 4096] = os.urandom(4 * 4096)
    db_path.write_bytes(bytes(data))
    with pytest.raises(StoreCorruptError):
        EventStore.open(db_path)
    assert_recovered(db_path, bytes(data), healthy)


def test_a_wrong_schema_is_moved_aside(db_path: Path) -> None:
    EventStore.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TABLE events")
    conn.commit()
    conn.close()
    original = db_path.read_bytes()
    assert_recovered(db_path, original)


def test_the_wal_goes_aside_with_its_database(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"not a database at all" * 10)
    Path(f"{db_path}-wal").write_bytes(b"wal bytes")
    store, notice = open_or_recover(db_path)
    store.close()
    assert notice
    [aside] = [p for p in aside_files(db_path) if not p.name.endswith("-wal")]
    assert Path(f"{aside}-wal").read_bytes() == b"wal bytes"


def test_moving_aside_never_overwrites(tmp_path: Path) -> None:
    db = tmp_path / "cartapp.sqlite3"
    now = 1_800_000_000.0
    first = move_aside_with(db, b"first", now)
    second = move_aside_with(db, b"second", now)
    third = move_aside_with(db, b"third", now)
    assert len({first, second, third}) == 3
    assert [p.read_bytes() for p in (first, second, third)] == [b"first", b"second", b"third"]


def move_aside_with(db: Path, content: bytes, now: float) -> Path:
    db.write_bytes(content)
    aside = move_aside(db, now=now)
    assert not db.exists()
    return aside


def test_recovery_twice_in_one_second_keeps_both_files(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    for content in (b"x" * 200, b"y" * 200):
        db_path.write_bytes(content)
        store, notice = open_or_recover(db_path)
        store.close()
        assert notice
    kept = {p.read_bytes() for p in aside_files(db_path)}
    assert kept == {b"x" * 200, b"y" * 200}


# -- the clean-close marker -----------------------------------------------------------------------


def test_quick_check_is_skipped_only_after_a_clean_close(db_path: Path) -> None:
    first = EventStore.open(db_path)
    assert first.checked  # a new file: no promise yet
    first.close()
    second = EventStore.open(db_path)
    assert not second.checked
    # not closed: the marker was consumed at open, so the next open checks again
    second._conn.close()  # type: ignore[union-attr]  # simulate a crash: no close()
    third = EventStore.open(db_path)
    assert third.checked
    third.close()


def test_a_file_changed_after_a_clean_close_is_checked(db_path: Path) -> None:
    EventStore.open(db_path).close()
    st = db_path.stat()
    os.utime(db_path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    store = EventStore.open(db_path)
    assert store.checked
    store.close()


def test_damage_that_keeps_size_and_time_is_found_by_quick_check(
    db_path: Path, catalog: Catalog
) -> None:
    filled(db_path, catalog)
    st = db_path.stat()
    data = bytearray(db_path.read_bytes())
    data[20 * 4096 : 24 * 4096] = bytes(4 * 4096)
    db_path.write_bytes(bytes(data))
    os.utime(db_path, ns=(st.st_atime_ns, st.st_mtime_ns))
    store = EventStore.open(db_path)  # trusted: the documented limit of the marker
    try:
        assert not store.checked
        assert store.quick_check() != []  # ... and what the app can run at any time
    finally:
        store.close()


def test_a_busy_database_is_not_mistaken_for_a_damaged_one(db_path: Path) -> None:
    from test_store_schema import make_v1_file

    make_v1_file(db_path)  # rollback journal: an exclusive lock blocks readers too
    before = db_path.read_bytes()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            open_or_recover(db_path, busy_timeout=0.2)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert aside_files(db_path) == []
    assert db_path.read_bytes() == before
    EventStore.open(db_path).close()  # once the lock is gone, it opens (and migrates)


# -- damage found only when the cart is loaded ---------------------------------------------------


def overwrite_root_page(db_path: Path, table: str) -> None:
    """Garbage over ``table``'s root page, keeping size and time, so that the clean-close marker
    still vouches for the file and start-up skips ``quick_check``."""
    marker = json.loads(Path(f"{db_path}.clean").read_text())
    uri = f"file:{db_path}?immutable=1"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
    with open(db_path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"garbage!" * (page_size // 8))
    os.utime(db_path, ns=(marker["mtime_ns"], marker["mtime_ns"]))


def tamper(db_path: Path, sql: str) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        assert conn.execute(sql).rowcount == 1
    finally:
        conn.close()


def assert_live_store_starts_afresh(
    db_path: Path, original: bytes, catalog: Catalog, kept: int = 0, *, whole: bool = False
) -> None:
    """The damaged file went aside unchanged; the new store holds its first ``kept`` messages
    (``whole``: all of them, the damage was not in a message) and takes new ones."""
    live = LiveStore.open(db_path.parent, currency=catalog.currency)
    try:
        assert live.notice is not None
        if whole:
            assert f"kept all {kept:,} of your messages" in live.notice
        elif kept:
            assert f"kept {kept:,} of your messages" in live.notice
            assert f"messages from #{kept + 1:,} on could not be read" in live.notice
        else:
            assert "new, empty cart" in live.notice
        [aside] = [p for p in aside_files(db_path) if not p.name.endswith(("-wal", "-shm"))]
        assert str(aside) in live.notice
        assert aside.read_bytes() == original
        assert live.version == kept and live.store.count() == kept
        live.store.append(a_command(), LIVE_STREAM, live.version)
        assert live.store.count() == kept + 1
    finally:
        live.close()


def a_command() -> list[Envelope]:
    return [Envelope.new(AddItem(item_id="espresso-beans", quantity=1), source="ui")]


def test_a_garbled_message_after_the_snapshot_is_damage(db_path: Path, catalog: Catalog) -> None:
    filled(db_path, catalog)
    with contextlib.closing(EventStore.open(db_path)) as store:
        newest = store.version()
        assert max(store.snapshot_versions(), default=0) < newest  # load_cart reads it
    tamper(
        db_path,
        "UPDATE events SET payload = '{not json' WHERE version = "
        "(SELECT max(version) FROM events WHERE kind = 'fact')",
    )
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        (bad,) = conn.execute("SELECT max(version) FROM events WHERE kind = 'fact'").fetchone()
    assert_live_store_starts_afresh(db_path, db_path.read_bytes(), catalog, kept=bad - 1)


@pytest.mark.parametrize(
    "payload",
    [
        '{"item_id": "espresso-beans"}',  # fields missing
        '{"item_id": "x", "name": "x", "unit_price": "cheap", "tax_rate": "0.07", "quantity": 1}',
        "[" * 100_000,  # deeper than the JSON decoder goes
    ],
    ids=["missing-fields", "not-a-price", "too-deep"],
)
def test_a_stored_message_with_wrong_content_is_damage(
    db_path: Path, catalog: Catalog, payload: str
) -> None:
    store = EventStore.open(db_path)
    harness = Harness(store, catalog)
    harness.send(AddItem(item_id="espresso-beans", quantity=2))
    store.close()
    tamper(db_path, f"UPDATE events SET payload = '{payload}' WHERE type = 'ItemAdded'")
    assert_live_store_starts_afresh(db_path, db_path.read_bytes(), catalog, kept=1)


def test_a_damaged_page_behind_a_clean_close_is_found_by_loading(
    db_path: Path, catalog: Catalog
) -> None:
    filled(db_path, catalog)
    messages = len(event_ids(db_path))
    overwrite_root_page(db_path, "snapshots")
    original = db_path.read_bytes()
    # the snapshots are a cache: every message is kept, the cart is folded from them
    assert_live_store_starts_afresh(db_path, original, catalog, kept=messages, whole=True)


def test_one_bad_message_costs_only_itself_and_what_follows(
    db_path: Path, catalog: Catalog
) -> None:
    filled(db_path, catalog, commands=520)
    with contextlib.closing(EventStore.open(db_path)) as store:
        assert store.version() >= 1000
        expected_cart = store.cart_at("cart", 599)
        expected_orders = [o for o in store.orders("cart") if o.version < 600]
        healthy = [e.envelope.event_id for e in store.iter_events("cart", 1, 599)]
    assert expected_orders  # the history has orders before the damage
    tamper(db_path, "UPDATE events SET payload = 'garbage' WHERE version = 600")
    with contextlib.closing(sqlite3.connect(db_path, isolation_level=None)) as conn:
        conn.execute("DELETE FROM snapshots")  # so that loading the cart reads message 600
    original = db_path.read_bytes()
    live = LiveStore.open(db_path.parent, currency=catalog.currency)
    try:
        assert live.notice is not None
        assert "kept 599 of your messages; messages from #600 on could not be read" in live.notice
        assert [e.envelope.event_id for e in live.store.iter_events("cart")] == healthy
        assert live.cart == expected_cart and live.version == 599
        assert live.store.orders("cart") == expected_orders
    finally:
        live.close()
    [aside] = [p for p in aside_files(db_path) if not p.name.endswith(("-wal", "-shm"))]
    assert aside.read_bytes() == original


class _ChainBroken(StoreError):
    """Stands for a read-back error that names where the damage starts."""

    def __init__(self, stream: str, version: int) -> None:
        super().__init__(f"stream {stream} breaks at {version}")
        self.stream, self.version = stream, version


def test_a_known_first_bad_version_stops_the_salvage_there(db_path: Path, catalog: Catalog) -> None:
    from cartapp.store import damage_reason, damage_stop, salvage

    filled(db_path, catalog, commands=50)
    healthy = event_ids(db_path)
    broken = _ChainBroken("cart", 40)
    assert damage_reason(broken) == "stream cart breaks at 40"
    stop = damage_stop(broken)
    assert stop == {"cart": 40} and damage_stop(ValueError("x")) is None
    aside = move_aside(db_path)
    fresh = EventStore.open(db_path)
    try:
        report = salvage(aside, fresh, stop)
        assert report.kept == {"cart": 39} and report.found == {"cart": len(healthy)}
        assert [e.envelope.event_id for e in fresh.iter_events("cart")] == healthy[:39]
    finally:
        fresh.close()


def test_a_salvage_chains_its_copy_soundly_and_stops_at_a_tampered_message(
    db_path: Path, catalog: Catalog
) -> None:
    from cartapp.store import salvage

    filled(db_path, catalog, commands=1100)  # more messages than one salvage batch
    healthy = event_ids(db_path)
    assert len(healthy) > 2000
    # A legal edit (it passes every field rule) that only the chain can see: a salvage that
    # copied it would launder it into a sound new chain.
    tamper(
        db_path,
        "UPDATE events SET source = 'someone-else' WHERE version = 2100 AND stream = 'cart'",
    )
    aside = move_aside(db_path)
    fresh = EventStore.open(db_path)
    try:
        report = salvage(aside, fresh, None)
        assert report.kept == {"cart": 2099}
        assert [e.envelope.event_id for e in fresh.iter_events("cart")] == healthy[:2099]
        assert fresh.verify_chain("cart") is None
    finally:
        fresh.close()
