"""Schema versions: a v1 file is migrated, a newer file is refused untouched, a wrong schema is
recognised as not ours."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from cartapp.store import (
    LIVE_STREAM,
    SCHEMA_VERSION,
    EventStore,
    SchemaTooNewError,
    StoreCorruptError,
    open_or_recover,
)

V1_DDL = """
CREATE TABLE streams (
    id TEXT PRIMARY KEY,
    created REAL NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('live', 'import')),
    title TEXT NOT NULL DEFAULT ''
);
CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    stream TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    type TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    causation_id TEXT,
    source TEXT NOT NULL,
    timestamp REAL NOT NULL,
    payload TEXT NOT NULL,
    UNIQUE (stream, version)
);
PRAGMA user_version = 1;
"""

LINE = {
    "item_id": "rye-bread",
    "name": "Rye bread 750 g",
    "unit_price": "3.20",
    "tax_rate": "0.07",
    "quantity": 2,
}
V1_ROWS = [
    ("c1", "AddItem", "c1", None, "ui", {"item_id": "rye-bread", "quantity": 2}),
    ("f1", "ItemAdded", "c1", "c1", "CartHandler", LINE),
    ("c2", "Checkout", "c2", None, "ui", {}),
    (
        "f2",
        "CheckedOut",
        "c2",
        "c2",
        "CartHandler",
        {
            "order_number": 1,
            "currency": "EUR",
            "lines": [LINE],
            "subtotal": "6.40",
            "tax": "0.45",
            "total": "6.85",
        },
    ),
    ("c3", "AddItem", "c3", None, "ui", {"item_id": "rye-bread", "quantity": 9}),
    ("f3", "CommandRejected", "c3", "c3", "CartHandler", {"command": "AddItem", "reason": "no"}),
]


def make_v1_file(path: Path) -> None:
    """A database as the first version of cartapp wrote it (rollback journal, no ``kind``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(V1_DDL)
    conn.execute("INSERT INTO streams VALUES ('cart', 1764000000.0, 'live', 'Live cart')")
    for version, (eid, typ, corr, cause, source, payload) in enumerate(V1_ROWS, 1):
        conn.execute(
            "INSERT INTO events (event_id, stream, version, type, correlation_id, causation_id,"
            " source, timestamp, payload) VALUES (?, 'cart', ?, ?, ?, ?, ?, ?, ?)",
            (eid, version, typ, corr, cause, source, 1764000000.0 + version, json.dumps(payload)),
        )
    conn.commit()
    conn.close()


def user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def test_a_version_1_file_is_migrated_and_keeps_its_history(db_path: Path) -> None:
    make_v1_file(db_path)
    store = EventStore.open(db_path)
    try:
        assert user_version(db_path) == SCHEMA_VERSION
        kinds = dict(store.connection().execute("SELECT event_id, kind FROM events").fetchall())
        assert kinds == {
            "c1": "command",
            "f1": "fact",
            "c2": "command",
            "f2": "fact",
            "c3": "command",
            "f3": "fact",
        }
        events = list(store.iter_events(LIVE_STREAM))
        assert [e.envelope.event_type for e in events] == [r[1] for r in V1_ROWS]
        [order] = store.orders(LIVE_STREAM)
        assert (order.order_number, str(order.total), order.first_version) == (1, "6.85", 1)
        loaded = store.load_cart(LIVE_STREAM)
        assert (loaded.version, loaded.cart.orders, loaded.cart.sold) == (6, 1, (("rye-bread", 2),))
        # the new parts of the schema work on the migrated file
        store.save_snapshot(LIVE_STREAM, 6, loaded.cart)
        assert store.snapshot_versions() == [6]
        assert store.append_stages([]) == 0
    finally:
        store.close()
    assert EventStore.open(db_path).version() == 6  # a second open has nothing to migrate


def test_a_migration_that_cannot_run_leaves_the_file_at_its_version(db_path: Path) -> None:
    make_v1_file(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("ALTER TABLE events RENAME COLUMN payload TO body")
    conn.commit()
    conn.close()
    with pytest.raises(StoreCorruptError, match="payload"):
        EventStore.open(db_path)
    assert user_version(db_path) == 1
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == len(V1_ROWS)
    assert "kind" not in {r[1] for r in conn.execute("PRAGMA table_info(events)")}
    conn.close()


def test_a_file_from_a_newer_version_is_refused_and_left_untouched(db_path: Path) -> None:
    store = EventStore.open(db_path)
    store.close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    for opener in (EventStore.open, open_or_recover):
        with pytest.raises(SchemaTooNewError, match="newer version of cartapp") as caught:
            opener(db_path)
        assert (caught.value.found, caught.value.supported) == (SCHEMA_VERSION + 1, SCHEMA_VERSION)
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_missing_columns_at_the_current_version_mean_a_wrong_schema(db_path: Path) -> None:
    EventStore.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("ALTER TABLE events DROP COLUMN source")
    conn.commit()
    conn.close()
    with pytest.raises(StoreCorruptError, match="'events' table lacks column\\(s\\) source"):
        EventStore.open(db_path)


def test_a_missing_table_is_a_wrong_schema(db_path: Path) -> None:
    EventStore.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TABLE snapshots")
    conn.commit()
    conn.close()
    with pytest.raises(StoreCorruptError, match="no 'snapshots' table"):
        EventStore.open(db_path)


def test_another_programs_database_is_not_taken_over(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreCorruptError, match=r"not a cartapp database.*contacts"):
        EventStore.open(db_path)
    conn = sqlite3.connect(db_path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert tables == {"contacts"}
