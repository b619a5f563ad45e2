"""What callers outside the store catch, and what a database error means for the disk."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from cartapp.store import STORE_FAILURES, EventStore, StoreError, database_problem


def test_a_database_error_becomes_the_disk_problem_it_stands_for() -> None:
    full = database_problem(sqlite3.OperationalError("database or disk is full"))
    locked = database_problem(sqlite3.OperationalError("attempt to write a readonly database"))
    other = database_problem(sqlite3.DatabaseError("something odd"))
    assert full is not None and full.errno == errno.ENOSPC
    assert locked is not None and locked.errno == errno.EACCES
    assert other is not None and other.errno == errno.EIO and "something odd" in str(other)


def test_anything_else_is_not_a_database_problem() -> None:
    assert database_problem(ValueError("no")) is None
    assert database_problem(StoreError("refused")) is None


def test_a_closed_store_raises_one_of_the_store_failures(tmp_path: Path) -> None:
    store = EventStore.open(tmp_path / "s.sqlite3")
    store.close()
    try:
        store.version()
    except STORE_FAILURES as exc:
        assert "closed" in str(exc)
    else:
        raise AssertionError("a closed store answered")
