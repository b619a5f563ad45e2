"""Looking at an existing database file before the store opens it for writing.

``inspect_file(path, quick_check=...)`` opens the file read-only (``immutable`` when there is no
WAL to read, so not even a ``-shm`` is created) and raises ``StoreCorruptError`` or
``SchemaTooNewError`` unless it is a healthy cartapp database, or one to create or migrate; the
files stay byte for byte as they were. ``is_corruption`` tells SQLite's "this file is damaged"
apart from busy, locked, read-only and I/O errors.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from cartapp.store import schema
from cartapp.store.errors import SchemaTooNewError, StoreCorruptError

__all__ = ["inspect_file", "is_corruption"]


def is_corruption(exc: sqlite3.DatabaseError) -> bool:
    """Whether SQLite says the file itself is damaged or not a database (as opposed to busy,
    locked, read-only or an I/O error, which say nothing about the file's content)."""
    name = getattr(exc, "sqlite_errorname", None)
    if name:
        return str(name).startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
    text = str(exc)
    return "malformed" in text or "not a database" in text


def inspect_file(path: Path, *, quick_check: bool) -> None:
    """See ``_look``; if the file is refused, the wal-index (``-shm``), which a read-only open of
    a file with a WAL rebuilds, is put back as it was, so all three files stay byte for byte."""
    shm = Path(f"{path}-shm")
    try:
        saved = shm.read_bytes()
    except OSError:
        saved = None
    try:
        _look(path, quick_check=quick_check)
    except BaseException:
        if saved is not None:
            with contextlib.suppress(OSError):
                shm.write_bytes(saved)
        raise


def _look(path: Path, *, quick_check: bool) -> None:
    """Look at an existing file without writing to it (read-only open; ``immutable`` when there
    is no WAL to read, so not even a ``-shm`` is created) and raise ``StoreCorruptError``,
    ``SchemaTooNewError`` unless it is a healthy cartapp database, or one to create or migrate."""
    wal = Path(f"{path}-wal")
    has_wal = wal.exists() and wal.stat().st_size > 0
    mode = "ro" if has_wal else "ro&immutable=1"
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            raise StoreCorruptError(f"{path}: {exc}") from exc
        raise
    try:
        found = conn.execute("PRAGMA user_version").fetchone()[0]
        if found > schema.SCHEMA_VERSION:
            raise SchemaTooNewError(str(path), found, schema.SCHEMA_VERSION)
        if found == 0:
            schema.refuse_foreign(conn, path)
        if quick_check:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
            if rows != ["ok"]:
                raise StoreCorruptError(f"{path}: integrity check failed: {'; '.join(rows[:3])}")
        if found == schema.SCHEMA_VERSION:
            schema.verify(conn)
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            raise StoreCorruptError(f"{path}: {exc}") from exc
        raise
    except StoreCorruptError as exc:
        if str(path) not in str(exc):
            raise StoreCorruptError(f"{path}: {exc}") from exc
        raise
    finally:
        conn.close()
