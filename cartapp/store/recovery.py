"""``open_or_recover``: open the store; if the file is damaged, keep it aside and start afresh.

What counts as damaged (``StoreCorruptError`` from ``EventStore.open``): bytes that are not an
SQLite database, a file cut short, a failed ``PRAGMA quick_check``, or a database that lacks the
tables and columns cartapp uses. Such a file (with its ``-wal`` and ``-shm``) is renamed to
``<name>.corrupt-<YYYYmmdd-HHMMSS>`` (a counter is added if that exists; nothing is ever
overwritten or deleted) and a new, empty store is created in its place. The returned notice is the
text for the dialog.

Some damage shows only when the file is read: a page spoilt after a clean close (``quick_check``
is skipped then, see ``cartapp.store.files``), or a stored message or snapshot edited by hand.
``damage_reason`` tells such an error (``sqlite3.DatabaseError`` "malformed" / "not a database",
a payload the mapper cannot decode) from the others; whoever reads the store while starting
(``LiveStore.open``, the app) closes it without the clean-close marker and calls ``start_afresh``,
which moves the file aside exactly as ``open_or_recover`` does.

Not damaged, and therefore *not* moved: a file written by a newer cartapp
(``SchemaTooNewError`` propagates, the file stays as it is), and a file that cannot be opened for
other reasons (permissions, a full disk, a lock: ``sqlite3.OperationalError`` / ``OSError``
propagate).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cartapp.store.errors import StoreCorruptError, StoreError
from cartapp.store.files import move_aside
from cartapp.store.store import EventStore, is_corruption

if TYPE_CHECKING:
    import os

__all__ = ["damage_reason", "open_or_recover", "start_afresh"]

_UNREADABLE = (ValueError, KeyError, ArithmeticError)
"""What decoding a damaged row raises: ``MappingError`` (the mapper's codec wraps its own
failures in it), ``json.JSONDecodeError``, pydantic's ``ValidationError`` (all ``ValueError``),
a ``KeyError`` or a ``decimal.InvalidOperation``."""


def open_or_recover(path: str | os.PathLike[str], **options: Any) -> tuple[EventStore, str | None]:
    """``(store, notice)``: ``notice`` is None, or says what was wrong and where the old file is.

    ``options`` are passed to ``EventStore.open`` (``synchronous``, ``busy_timeout``, ...).
    """
    path = Path(path)
    try:
        store = EventStore.open(path, **options)
        return store, store.wal_notice
    except StoreCorruptError as exc:
        reason = str(exc)
    return start_afresh(path, reason, **options)


def damage_reason(exc: BaseException) -> str | None:
    """Why ``exc``, raised while reading the store, means the file is damaged; None if it does
    not (busy, locked, read-only, I/O, a newer schema, or a programming error)."""
    if isinstance(exc, StoreCorruptError):
        return str(exc)
    if isinstance(exc, sqlite3.DatabaseError):
        return f"SQLite: {exc}" if is_corruption(exc) else None
    if isinstance(exc, StoreError):
        return None
    if isinstance(exc, _UNREADABLE):
        text = str(exc) or type(exc).__name__
        return f"a stored message could not be read: {text[:160]}"
    return None


def start_afresh(
    path: str | os.PathLike[str], reason: str, **options: Any
) -> tuple[EventStore, str]:
    """Move the (closed) damaged store at ``path`` aside and open a new, empty one there.

    Returns the new store and the notice for the dialog, which names ``reason`` and the file the
    old store was kept as.
    """
    path = Path(path)
    aside = move_aside(path)
    store = EventStore.open(path, **options)
    prefix = f"{path}: "
    if reason.startswith(prefix):
        reason = reason[len(prefix) :]
    notice = (
        f"The cart database could not be used ({reason}). It was kept, unchanged, as {aside}, "
        "and cartapp started with a new, empty cart."
    )
    return store, notice
