"""The tamper-evident chain: appends chain each message to the one before it, ``verify_chain``
names the first version that no longer matches, start-up verifies from its snapshot on, the
whole stream is verified in the background, and older files get their digests by migration."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

import pytest
from store_helpers import Harness
from test_store_schema import make_v1_file

from cartapp.domain.catalog import Catalog
from cartapp.domain.events import AddItem, Checkout, RemoveItem
from cartapp.store import LIVE_STREAM, EventStore, LiveStore
from cartapp.store.chain import verify_in_background
from cartapp.store.errors import ChainBrokenError, DamagedMessageError
from cartapp.store.recovery import damage_reason
from cartapp.store.schema import SCHEMA_VERSION


def _history(db_path: Path, catalog: Catalog, *, sessions: int = 2) -> int:
    """A few sessions, each from a fresh open (so appends start without a cached head)."""
    for _ in range(sessions):
        with contextlib.closing(EventStore.open(db_path, snapshot_every=10_000)) as store:
            harness = Harness(store, catalog)
            harness.send(AddItem(item_id="espresso-beans", quantity=2))
            harness.send(AddItem(item_id="rye-bread", quantity=1))
            harness.send(RemoveItem(item_id="rye-bread", quantity=1))
            harness.send(Checkout())
            harness.send(AddItem(item_id="espresso-beans", quantity=1))
    with contextlib.closing(EventStore.open(db_path)) as store:
        return store.version()


def _sql(db_path: Path, *statements: str) -> None:
    with contextlib.closing(sqlite3.connect(db_path, isolation_level=None)) as conn:
        for sql in statements:
            conn.execute(sql)


def test_a_history_written_over_several_opens_is_one_sound_chain(
    db_path: Path, catalog: Catalog
) -> None:
    newest = _history(db_path, catalog, sessions=3)
    with contextlib.closing(EventStore.open(db_path)) as store:
        assert store.verify_chain(LIVE_STREAM) is None
        assert store.verify_chain(LIVE_STREAM, 3, newest - 2) is None
        digests = [r[0] for r in store.connection().execute("SELECT digest FROM events")]
    assert len(set(digests)) == newest and all(len(d) == 32 for d in digests)


EDITS = {
    # a quantity that still passes validation: only the chain tells
    "payload": "UPDATE events SET payload = replace(payload, '\"quantity\":2', '\"quantity\":3')"
    " WHERE stream = 'cart' AND version = {v}",
    "source": "UPDATE events SET source = 'elsewhere' WHERE stream = 'cart' AND version = {v}",
    "timestamp": "UPDATE events SET timestamp = timestamp + 1 WHERE stream = 'cart'"
    " AND version = {v}",
    "event-id": "UPDATE events SET event_id = 'forged' WHERE stream = 'cart' AND version = {v}",
    "digest": "UPDATE events SET digest = x'00' WHERE stream = 'cart' AND version = {v}",
    "removed": "DELETE FROM events WHERE stream = 'cart' AND version = {v}",
}


def _edited_version(db_path: Path) -> int:
    with contextlib.closing(EventStore.open(db_path)) as store:
        rows = store.connection().execute(
            "SELECT version FROM events WHERE payload LIKE '%\"quantity\":2%' ORDER BY version"
        )
        return int(rows.fetchone()[0])


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_an_edited_message_breaks_the_chain_at_its_version(
    db_path: Path, catalog: Catalog, edit: str
) -> None:
    _history(db_path, catalog)
    version = _edited_version(db_path)
    _sql(db_path, edit.format(v=version))
    with contextlib.closing(EventStore.open(db_path)) as store:
        assert store.verify_chain(LIVE_STREAM) == version
        assert store.verify_chain(LIVE_STREAM, 1, version - 1) is None


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_an_edited_message_after_the_snapshot_is_damage_at_start(
    db_path: Path, catalog: Catalog, edit: str
) -> None:
    _history(db_path, catalog)
    version = _edited_version(db_path)
    _sql(db_path, "DELETE FROM snapshots", edit.format(v=version))
    with contextlib.closing(EventStore.open(db_path)) as store:
        with pytest.raises(DamagedMessageError) as caught:
            store.load_cart(LIVE_STREAM)
        assert (caught.value.stream, caught.value.version) == (LIVE_STREAM, version)
        assert damage_reason(caught.value) is not None
    live = LiveStore.open(db_path.parent, currency=catalog.currency)
    try:
        assert live.notice is not None and "new, empty cart" in live.notice
    finally:
        live.close()


def test_an_edit_before_the_snapshot_is_found_by_the_background_check(
    db_path: Path, catalog: Catalog
) -> None:
    newest = _history(db_path, catalog)
    version = _edited_version(db_path)
    with contextlib.closing(EventStore.open(db_path)) as store:
        store.save_snapshot(LIVE_STREAM, newest, store.load_cart(LIVE_STREAM).cart)
    _sql(db_path, EDITS["payload"].format(v=version))
    with contextlib.closing(EventStore.open(db_path)) as store:
        store.load_cart(LIVE_STREAM)  # start-up verifies from the snapshot on only
        found: list[int | None] = []
        done = threading.Event()

        def report(broken: int | None) -> None:
            found.append(broken)
            done.set()

        verify_in_background(store, LIVE_STREAM, report).join()
        assert done.is_set() and found == [version]


def test_the_background_check_reports_a_sound_chain_as_none(
    db_path: Path, catalog: Catalog
) -> None:
    _history(db_path, catalog)
    with contextlib.closing(EventStore.open(db_path)) as store:
        found: list[int | None] = []
        verify_in_background(store, LIVE_STREAM, found.append).join()
    assert found == [None]


def test_the_background_check_reports_a_read_error(db_path: Path, catalog: Catalog) -> None:
    _history(db_path, catalog)
    store = EventStore.open(db_path)
    store.close()
    errors: list[BaseException] = []
    done: list[int | None] = []
    verify_in_background(store, LIVE_STREAM, done.append, on_error=errors.append).join()
    assert done == [] and len(errors) == 1


def test_a_snapshot_that_does_not_match_its_messages_is_ignored(
    db_path: Path, catalog: Catalog, caplog: pytest.LogCaptureFixture
) -> None:
    newest = _history(db_path, catalog)
    with contextlib.closing(EventStore.open(db_path)) as store:
        expected = store.load_cart(LIVE_STREAM).cart
        store.save_snapshot(LIVE_STREAM, newest, expected)
    _sql(db_path, "UPDATE snapshots SET digest = x'0102'")
    with contextlib.closing(EventStore.open(db_path)) as store:
        loaded = store.load_cart(LIVE_STREAM)
    assert loaded.cart == expected and loaded.replayed == newest
    assert any("does not match the messages" in r.getMessage() for r in caplog.records)


def _downgrade_to_v2(db_path: Path) -> list[bytes]:
    with contextlib.closing(sqlite3.connect(db_path, isolation_level=None)) as conn:
        digests = [r[0] for r in conn.execute("SELECT digest FROM events ORDER BY seq")]
        conn.execute("ALTER TABLE events DROP COLUMN digest")
        conn.execute("ALTER TABLE snapshots DROP COLUMN digest")
        conn.execute("PRAGMA user_version = 2")
    return digests


def test_a_version_2_file_gets_the_digests_it_would_have_been_written_with(
    db_path: Path, catalog: Catalog
) -> None:
    newest = _history(db_path, catalog)
    with contextlib.closing(EventStore.open(db_path)) as store:
        store.save_snapshot(LIVE_STREAM, newest, store.load_cart(LIVE_STREAM).cart)
    digests = _downgrade_to_v2(db_path)
    with contextlib.closing(EventStore.open(db_path)) as store:
        conn = store.connection()
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [r[0] for r in conn.execute("SELECT digest FROM events ORDER BY seq")] == digests
        assert store.verify_chain(LIVE_STREAM) is None
        loaded = store.load_cart(LIVE_STREAM)
        assert loaded.replayed == 0  # the migrated snapshot matches its message
        harness = Harness(store, catalog)
        harness.send(AddItem(item_id="espresso-beans", quantity=1))
        assert store.verify_chain(LIVE_STREAM) is None


def test_a_version_1_file_is_migrated_into_a_sound_chain(db_path: Path) -> None:
    make_v1_file(db_path)
    with contextlib.closing(EventStore.open(db_path)) as store:
        assert store.verify_chain(LIVE_STREAM) is None
        assert store.load_cart(LIVE_STREAM).version == 6


def test_the_chain_error_names_stream_and_version() -> None:
    exc = ChainBrokenError(LIVE_STREAM, 7)
    assert (exc.stream, exc.version) == (LIVE_STREAM, 7)
    assert isinstance(exc, DamagedMessageError) and "message 7" in str(exc)
