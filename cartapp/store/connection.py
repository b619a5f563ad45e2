"""``StoreConnection``: the one SQLite connection of a store, its lock and its transactions.

One connection per store, opened with ``check_same_thread=False`` and used under one re-entrant
lock, so a store may be shared by threads (the stage writer, the GUI's queries). Every write is
one ``BEGIN IMMEDIATE`` transaction (``write_transaction``): all of it is stored, or none of it.
``close`` checkpoints the WAL and marks the file cleanly closed (``files.write_clean_marker``).
The event store and its stage log are built on it.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cartapp.store import schema
from cartapp.store.errors import StoreError
from cartapp.store.files import write_clean_marker

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["StoreConnection"]


class StoreConnection:
    """An open connection to a store's file, used under ``lock``; see the module docstring."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn: sqlite3.Connection | None = conn
        self._lock = threading.RLock()
        self.path = path

    def close(self, *, clean: bool = True) -> None:
        """Checkpoint, close, and mark the file as cleanly closed. Safe to call twice.

        ``clean=False`` leaves the mark out (the file was found damaged: the next open checks it).
        """
        with self._lock:
            conn, self._conn = self._conn, None
            if conn is None:
                return
            with contextlib.suppress(sqlite3.Error):
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
        if not clean:
            return
        with contextlib.suppress(OSError):
            write_clean_marker(self.path, schema.SCHEMA_VERSION)

    @property
    def closed(self) -> bool:
        return self._conn is None

    def _require(self) -> sqlite3.Connection:
        conn = self._conn
        if conn is None:
            raise StoreError("the event store is closed")
        return conn

    @contextlib.contextmanager
    def write_transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on any error), under the store's lock.

        For this package's writers (append, import); yields the connection.
        """
        with self._lock:
            conn = self._require()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise
            try:
                conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise

    def quick_check(self) -> list[str]:
        """Run ``PRAGMA quick_check`` now; returns the problems found (empty: all is well)."""
        with self._lock:
            try:
                rows = [str(r[0]) for r in self._require().execute("PRAGMA quick_check")]
            except sqlite3.DatabaseError as exc:
                return [str(exc)]
        return [] if rows == ["ok"] else rows

    def connection(self) -> sqlite3.Connection:
        """The raw connection, for this package's query modules and for tests (hold ``lock``)."""
        return self._require()

    @property
    def lock(self) -> threading.RLock:
        return self._lock
