"""The database schema, its version (``PRAGMA user_version``), migrations and a structure check.

Version history:

- **1** (the first file format): ``streams`` and ``events`` without the ``kind`` column.
- **2**: ``events.kind`` ("command" / "fact"), a partial index over checkouts (orders and
  sessions are found without scanning), ``snapshots`` and ``stages``.
- **3** (current): ``events.digest`` and ``snapshots.digest``, the tamper-evident chain (see
  ``cartapp.store.chain``); the migration computes the digests of the messages already stored
  and gives each snapshot the digest of the message it was taken at.

A file with a higher version than ``SCHEMA_VERSION`` is refused (``SchemaTooNewError``) and left
untouched. A lower version is migrated step by step inside one ``BEGIN IMMEDIATE`` transaction
that also sets the new ``user_version``: a failed migration leaves the file as it was.
"""

from __future__ import annotations

import contextlib
import sqlite3
from typing import TYPE_CHECKING

from cartapp.domain.events import MESSAGE_TYPES
from cartapp.store.chain import GENESIS, message_digest
from cartapp.store.errors import StoreCorruptError

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

__all__ = [
    "EXPECTED_COLUMNS",
    "SCHEMA_V1",
    "SCHEMA_VERSION",
    "create_schema",
    "migrate",
    "prepare",
    "refuse_foreign",
    "verify",
]

SCHEMA_VERSION = 3

_STREAMS = """
CREATE TABLE streams (
    id TEXT PRIMARY KEY,
    created REAL NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('live', 'import')),
    title TEXT NOT NULL DEFAULT ''
)"""

SCHEMA_V1 = (
    _STREAMS,
    """
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
)""",
)
"""The version-1 tables, kept to document the history (tests build v1 files from it)."""

_V2_ADDITIONS = (
    "CREATE INDEX events_checkouts ON events (stream, version) WHERE type = 'CheckedOut'",
    """
CREATE TABLE snapshots (
    stream TEXT NOT NULL,
    version INTEGER NOT NULL,
    created REAL NOT NULL,
    cart TEXT NOT NULL,
    PRIMARY KEY (stream, version)
) WITHOUT ROWID""",
    """
CREATE TABLE stages (
    id INTEGER PRIMARY KEY,
    stage TEXT NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    kind TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    causation_id TEXT,
    source TEXT NOT NULL,
    handler TEXT,
    timestamp REAL NOT NULL,
    duration_ns INTEGER NOT NULL,
    latency_ns INTEGER NOT NULL,
    error TEXT
)""",
)

_EVENTS_V2 = """
CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    stream TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    type TEXT NOT NULL,
    kind TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    causation_id TEXT,
    source TEXT NOT NULL,
    timestamp REAL NOT NULL,
    payload TEXT NOT NULL,
    UNIQUE (stream, version)
)"""

_V3_ADDITIONS = (
    "ALTER TABLE events ADD COLUMN digest BLOB NOT NULL DEFAULT x''",
    "ALTER TABLE snapshots ADD COLUMN digest BLOB NOT NULL DEFAULT x''",
)

EXPECTED_COLUMNS: dict[str, frozenset[str]] = {
    "streams": frozenset({"id", "created", "origin", "title"}),
    "events": frozenset(
        {
            "seq",
            "event_id",
            "stream",
            "version",
            "type",
            "kind",
            "correlation_id",
            "causation_id",
            "source",
            "timestamp",
            "payload",
            "digest",
        }
    ),
    "snapshots": frozenset({"stream", "version", "created", "cart", "digest"}),
    "stages": frozenset(
        {
            "id",
            "stage",
            "event_id",
            "event_type",
            "kind",
            "correlation_id",
            "causation_id",
            "source",
            "handler",
            "timestamp",
            "duration_ns",
            "latency_ns",
            "error",
        }
    ),
}
"""What the code reads and writes, by table: a file lacking any of it is not ours (or damaged)."""


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the current schema in an empty database (inside the caller's transaction)."""
    for ddl in (_STREAMS, _EVENTS_V2, *_V2_ADDITIONS, *_V3_ADDITIONS):
        conn.execute(ddl)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE events ADD COLUMN kind TEXT NOT NULL DEFAULT 'message'")
    for name, cls in MESSAGE_TYPES.items():
        conn.execute("UPDATE events SET kind = ? WHERE type = ?", (cls.kind, name))
    for ddl in _V2_ADDITIONS:
        conn.execute(ddl)


def _v2_to_v3(conn: sqlite3.Connection) -> None:
    for ddl in _V3_ADDITIONS:
        conn.execute(ddl)
    streams = [r[0] for r in conn.execute("SELECT DISTINCT stream FROM events")]
    for stream in streams:
        previous = GENESIS
        updates: list[tuple[bytes, int]] = []
        rows = conn.execute(
            "SELECT seq, event_id, type, version, correlation_id, causation_id, source,"
            " timestamp, payload FROM events WHERE stream = ? ORDER BY version",
            (stream,),
        ).fetchall()
        for seq, event_id, type_name, version, corr, cause, source, ts, payload in rows:
            try:
                previous = message_digest(
                    previous, event_id, type_name, stream, version, corr, cause, source, ts, payload
                )
            except (TypeError, ValueError):  # a damaged row: its digest stays empty (a break)
                previous = b""
            updates.append((previous, seq))
        conn.executemany("UPDATE events SET digest = ? WHERE seq = ?", updates)
    conn.execute(
        "UPDATE snapshots SET digest = coalesce((SELECT e.digest FROM events e"
        " WHERE e.stream = snapshots.stream AND e.version = snapshots.version), x'')"
    )


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _v1_to_v2, 2: _v2_to_v3}
"""``MIGRATIONS[n]`` turns a version-n file into a version-(n+1) file."""


_COLUMNS_BEFORE: dict[int, dict[str, frozenset[str]]] = {
    1: {
        "streams": EXPECTED_COLUMNS["streams"],
        "events": EXPECTED_COLUMNS["events"] - {"kind", "digest"},
    },
    2: {
        "streams": EXPECTED_COLUMNS["streams"],
        "events": EXPECTED_COLUMNS["events"] - {"digest"},
        "snapshots": EXPECTED_COLUMNS["snapshots"] - {"digest"},
    },
}
"""What a version-n file must hold before ``MIGRATIONS[n]`` may run on it."""


def migrate(conn: sqlite3.Connection, found: int) -> None:
    """Bring a version-``found`` file to ``SCHEMA_VERSION`` (inside the caller's transaction)."""
    for version in range(found, SCHEMA_VERSION):
        step = MIGRATIONS.get(version)
        if step is None:
            raise StoreCorruptError(f"no migration from schema {version}")
        _check_tables(conn, _COLUMNS_BEFORE[version])
        step(conn)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _check_tables(conn: sqlite3.Connection, expected: dict[str, frozenset[str]]) -> None:
    for table, columns in expected.items():
        found = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if not found:
            raise StoreCorruptError(f"the database has no '{table}' table")
        missing = columns - found
        if missing:
            raise StoreCorruptError(
                f"the '{table}' table lacks column(s) {', '.join(sorted(missing))}"
            )


def verify(conn: sqlite3.Connection) -> None:
    """Raise ``StoreCorruptError`` unless every table and column the code uses exists."""
    _check_tables(conn, EXPECTED_COLUMNS)


def refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """Raise ``StoreCorruptError`` if a file without cartapp's schema version holds tables: it
    is some other program's database (call when ``user_version`` is 0)."""
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    if tables:
        raise StoreCorruptError(
            f"{path} is not a cartapp database (it holds tables {', '.join(tables[:5])}"
            " but no cartapp schema version)"
        )


def prepare(conn: sqlite3.Connection, path: Path) -> None:
    """Create the schema in a new file or migrate an old one, in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = conn.execute("PRAGMA user_version").fetchone()[0]
        if found == 0:
            refuse_foreign(conn, path)
            create_schema(conn)
        elif found < SCHEMA_VERSION:
            migrate(conn, found)
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
