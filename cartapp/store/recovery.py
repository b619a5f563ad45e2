"""``open_or_recover``: open the store; if the file is damaged, keep it aside and start on a new
store holding the longest readable prefix of its history (``salvage``).

What counts as damaged (``StoreCorruptError`` from ``EventStore.open``, which looks at the file
read-only before it writes anything): bytes that are not an SQLite database, a file cut short, a
failed ``PRAGMA quick_check``, a foreign SQLite file, or a database that lacks the tables and
columns cartapp uses. Such a file (with its ``-wal`` and ``-shm``, none of them touched) is
renamed to ``<name>.corrupt-<YYYYmmdd-HHMMSS>`` (a counter is added if that exists; nothing is
ever overwritten or deleted); a new store is created in its place and ``salvage`` copies into it,
per stream, every message up to the first one that cannot be read (read row by row with the
store's own decoder; for a file SQLite cannot fully read, what ``SELECT`` still returns in order,
from a zero-padded private copy if the file was cut short), and the streams table. Snapshots are
left out (they are rebuilt); orders and sessions are ranges of the messages, so they follow. The
returned notice is the text for the dialog: the reason, where the old file is, and how many
messages were kept ("kept 1,234 of your messages; messages from #1,235 on could not be read").

A damaged ``-wal`` is handled by ``EventStore.open`` itself (``files.keep_damaged_wal``): copies
go aside, the valid prefix is opened, and ``open_or_recover`` returns its notice.

Some damage shows only when the file is read: a page spoilt after a clean close (``quick_check``
is skipped then, see ``cartapp.store.files``), or a stored message or snapshot edited by hand.
``damage_reason`` tells such an error (``sqlite3.DatabaseError`` "malformed" / "not a database",
a payload the mapper cannot decode) from the others, and ``damage_stop`` reads where it starts
from an error that carries ``.stream`` and ``.version`` (the first bad version); whoever reads the
store while starting (``LiveStore.open``, the app) closes it without the clean-close marker and
calls ``start_afresh``, which moves the file aside and salvages exactly as ``open_or_recover``
does, stopping at that version.

Not damaged, and therefore *not* moved: a file written by a newer cartapp
(``SchemaTooNewError`` propagates, the file stays as it is), a read-only file
(``StoreReadOnlyError``), and a file that cannot be opened for other reasons (permissions, a full
disk, a lock: ``sqlite3.OperationalError`` / ``OSError`` propagate).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any, NamedTuple

from cartapp.store.chain import GENESIS, message_digest
from cartapp.store.errors import StoreCorruptError, StoreError
from cartapp.store.files import SQLITE_HEADER, move_aside
from cartapp.store.rows import SELECT_EVENT, decode_rows
from cartapp.store.store import LIVE_STREAM, EventStore, is_corruption

__all__ = [
    "SalvageReport",
    "damage_reason",
    "damage_stop",
    "open_or_recover",
    "salvage",
    "start_afresh",
]

_BATCH = 2000

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
    if isinstance(exc, (StoreError, *_UNREADABLE)) and damage_stop(exc) is not None:
        return str(exc)  # a read-back error that names the first bad version
    if isinstance(exc, sqlite3.DatabaseError):
        return f"SQLite: {exc}" if is_corruption(exc) else None
    if isinstance(exc, StoreError):
        return None
    if isinstance(exc, _UNREADABLE):
        text = str(exc) or type(exc).__name__
        return f"a stored message could not be read: {text[:160]}"
    return None


def damage_stop(exc: BaseException) -> dict[str, int] | None:
    """``{stream: first bad version}`` if ``exc`` names where the damage starts (an error with
    ``.stream`` and ``.version``), else None."""
    stream, version = getattr(exc, "stream", None), getattr(exc, "version", None)
    if isinstance(stream, str) and isinstance(version, int) and version >= 1:
        return {stream: version}
    return None


class SalvageReport(NamedTuple):
    """What ``salvage`` copied: per stream, the versions kept (1..kept) and the stream's
    version in the damaged file as far as it could be read (0: unknown)."""

    kept: dict[str, int]
    found: dict[str, int]


def salvage(damaged: Path, fresh: EventStore, stop_at: dict[str, int] | None) -> SalvageReport:
    """Copy the longest valid prefix of every stream of ``damaged`` into the empty ``fresh``.

    ``damaged`` is opened ``immutable`` (read-only, no ``-shm`` is created, nothing changes).
    Rows are read in version order and decoded with the store's own decoder one by one; a
    stream's copy stops at its first row that cannot be read or decoded, at a gap, or at
    ``stop_at[stream]``. The streams table is copied; snapshots are left out (they are rebuilt),
    and orders and sessions follow from the messages.
    """
    padded = _padded_copy(damaged, fresh.path)
    try:
        return _salvage(padded or damaged, fresh, stop_at or {})
    finally:
        if padded is not None:
            with contextlib.suppress(OSError):
                padded.unlink()


def _padded_copy(damaged: Path, fresh: Path) -> Path | None:
    """A file cut short: SQLite cannot even read its schema (a root page lies past the end).
    Then a private copy next to ``fresh``, padded with zero pages to the length its header
    states, lets SQLite read what is left; the kept file itself is never touched."""
    try:
        with open(damaged, "rb") as f:
            head = f.read(100)
            size = f.seek(0, 2)
        if len(head) < 100 or not head.startswith(SQLITE_HEADER):
            return None
        page = int.from_bytes(head[16:18], "big")
        page = 65536 if page == 1 else page
        wanted = page * int.from_bytes(head[28:32], "big")
        if size >= wanted or wanted > 2 * size + 2**20:
            return None
        copy = Path(f"{fresh}.salvage")
        fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out, open(damaged, "rb") as f:
            shutil.copyfileobj(f, out)
            out.truncate(wanted)
    except OSError:
        return None
    return copy


def _salvage(damaged: Path, fresh: EventStore, stop_at: dict[str, int]) -> SalvageReport:
    kept: dict[str, int] = {}
    found: dict[str, int] = {}
    uri = f"{damaged.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        src = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error:
        return SalvageReport(kept, found)
    try:
        try:
            streams = list(src.execute("SELECT id, created, origin, title FROM streams"))
        except sqlite3.Error:
            streams = [(LIVE_STREAM, 0.0, "live", "")]
        for stream_id, created, origin, title in streams:
            with contextlib.suppress(sqlite3.Error):
                found[stream_id] = int(
                    src.execute(
                        "SELECT max(version) FROM events WHERE stream = ?", (stream_id,)
                    ).fetchone()[0]
                    or 0
                )
            kept[stream_id] = _copy_stream(
                src, fresh, (stream_id, created, origin, title), stop_at.get(stream_id)
            )
    finally:
        src.close()
    return SalvageReport(kept, found)


def _copy_stream(
    src: sqlite3.Connection, fresh: EventStore, stream: tuple[Any, ...], stop: int | None
) -> int:
    stream_id = stream[0]
    with fresh.write_transaction() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO streams (id, created, origin, title) VALUES (?, ?, ?, ?)",
            stream,
        )
    version = 0
    batch: list[Any] = []
    chained = _has_digests(src)
    columns = SELECT_EVENT.replace(" FROM events", ", digest FROM events NOT INDEXED")
    if not chained:
        columns = SELECT_EVENT.replace(" FROM events", ", NULL FROM events NOT INDEXED")
    previous = GENESIS
    try:
        # rowid order through the table itself (no index, which may sit on a lost page): a
        # stream's versions grow with seq, and the scan returns rows up to the first bad page
        cursor = src.execute(f"{columns} WHERE stream = ? ORDER BY seq", (stream_id,))
        for row in cursor:
            number = row[1]
            if number != version + 1 + len(batch) or (stop is not None and number >= stop):
                break
            try:
                decoded = list(decode_rows([row[:9]], stream_id))
                if chained:
                    # an edited message (its digest no longer matches) ends the prefix too, so a
                    # salvage never launders a tampered message into a sound new chain
                    previous = message_digest(previous, *_chain_columns(row, stream_id))
                    if previous != row[9]:
                        break
            except (*_UNREADABLE, TypeError, StoreCorruptError):
                break
            batch.extend(decoded)
            if len(batch) >= _BATCH:
                version = _write(fresh, stream_id, version, batch)
    except sqlite3.Error:
        pass
    return _write(fresh, stream_id, version, batch)


def _has_digests(src: sqlite3.Connection) -> bool:
    """Whether the damaged file's events carry chain digests (schema 3 on)."""
    try:
        return any(col[1] == "digest" for col in src.execute("PRAGMA table_info(events)"))
    except sqlite3.Error:
        return False


def _chain_columns(row: Any, stream: str) -> tuple[Any, ...]:
    """A ``SELECT_EVENT`` row's columns in ``message_digest``'s order (after ``previous``)."""
    _, version, event_id, type_name, corr, cause, source, ts, payload = row[:9]
    return (event_id, type_name, stream, version, corr, cause, source, ts, payload)


def _write(fresh: EventStore, stream: str, version: int, batch: list[Any]) -> int:
    """Append ``batch`` after ``version`` through the store's own append (it chains them)."""
    if batch:
        version = fresh.append([e.envelope for e in batch], stream, version)
        batch.clear()
    return version


def start_afresh(
    path: str | os.PathLike[str],
    reason: str,
    stop_at: dict[str, int] | None = None,
    **options: Any,
) -> tuple[EventStore, str]:
    """Move the (closed) damaged store at ``path`` aside and open a new one there holding the
    longest valid prefix of its history (``salvage``; ``stop_at``: where the damage is known
    to start, e.g. from ``damage_stop``).

    Returns the new store and the notice for the dialog, which names ``reason``, how many of
    the live cart's messages were kept, and the file the old store was kept as.
    """
    path = Path(path)
    aside = move_aside(path)
    store = EventStore.open(path, **options)
    try:
        report = salvage(aside, store, stop_at)
    except BaseException:
        store.close()
        raise
    prefix = f"{path}: "
    if reason.startswith(prefix):
        reason = reason[len(prefix) :]
    kept = report.kept.get(LIVE_STREAM, 0)
    if kept and kept == report.found.get(LIVE_STREAM) and not stop_at:
        outcome = f"cartapp kept all {kept:,} of your messages (the damage was elsewhere)."
    elif kept:
        outcome = (
            f"cartapp kept {kept:,} of your messages; messages from #{kept + 1:,} on could "
            "not be read."
        )
    else:
        outcome = "cartapp started with a new, empty cart."
    notice = (
        f"The cart database could not be used ({reason}). It was kept, unchanged, as {aside}, "
        f"and {outcome}"
    )
    return store, notice
