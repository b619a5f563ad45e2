"""``open_or_recover``: open the store; if the file is damaged, keep it aside and start afresh.

What counts as damaged (``StoreCorruptError`` from ``EventStore.open``): bytes that are not an
SQLite database, a file cut short, a failed ``PRAGMA quick_check``, or a database that lacks the
tables and columns cartapp uses. Such a file (with its ``-wal`` and ``-shm``) is renamed to
``<name>.corrupt-<YYYYmmdd-HHMMSS>`` (a counter is added if that exists; nothing is ever
overwritten or deleted) and a new, empty store is created in its place. The returned notice is the
text for the dialog.

Not damaged, and therefore *not* moved: a file written by a newer cartapp
(``SchemaTooNewError`` propagates, the file stays as it is), and a file that cannot be opened for
other reasons (permissions, a full disk: ``sqlite3.OperationalError`` / ``OSError`` propagate).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from cartapp.store.errors import StoreCorruptError
from cartapp.store.files import move_aside
from cartapp.store.store import EventStore

if TYPE_CHECKING:
    import os

__all__ = ["open_or_recover"]


def open_or_recover(path: str | os.PathLike[str], **options: Any) -> tuple[EventStore, str | None]:
    """``(store, notice)``: ``notice`` is None, or says what was wrong and where the old file is.

    ``options`` are passed to ``EventStore.open`` (``synchronous``, ``busy_timeout``, ...).
    """
    path = Path(path)
    try:
        return EventStore.open(path, **options), None
    except StoreCorruptError as exc:
        reason = str(exc)
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
