"""``EventStore``: the append-only event log on one SQLite file, and the store's one facade.

Opening, appending and reading messages live here; the other concepts have modules of their own
and ``EventStore`` hands over to them: the connection and transactions (``connection``), the
pre-open file check (``opening``), carts and snapshots (``carts``), sessions and orders
(``sessions``), stage rows (``stage_log``, the telemetry's table).

Connection and durability:

- One connection per store, opened with ``check_same_thread=False`` and used under one lock, so a
  store may be shared by threads (the cart service's appends, the telemetry's writer, the GUI's
  queries).
- WAL journal, ``synchronous=NORMAL`` by default: a commit survives a crash or ``SIGKILL`` of the
  process (the WAL is in the OS's hands once ``COMMIT`` returns); after a power loss the last
  commits may be lost but the file stays consistent. ``synchronous="FULL"`` also survives power
  loss, at the price of an fsync per commit (each bus step of the cart service is one commit).
- ``busy_timeout``: a writer waits for another process's transaction instead of failing.
- Every write is one ``BEGIN IMMEDIATE`` transaction: all of it is stored, or none of it.

Streams and versions: every stored message (commands, facts and rejections) is one row of a
stream, numbered 1, 2, 3 ... without gaps (``UNIQUE(stream, version)``); ``append`` takes the
version the caller last saw and refuses with ``ConcurrencyError`` if the stream has moved on
(optimistic concurrency). Event ids are unique across the whole file. Note that a stream's
version counts rows, while ``Cart.version`` counts the facts that changed the cart.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from cartapp.bus.envelope import Envelope
from cartapp.domain.cart import Cart
from cartapp.domain.events import Fact
from cartapp.store import carts as _carts
from cartapp.store import schema
from cartapp.store import sessions as _sessions
from cartapp.store.carts import LoadedCart
from cartapp.store.chain import GENESIS, first_break
from cartapp.store.errors import (
    ConcurrencyError,
    DuplicateEventError,
    SchemaTooNewError,
    StoreCorruptError,
    StoreError,
    StoreReadOnlyError,
)
from cartapp.store.files import (
    consume_clean_marker,
    ensure_private_dir,
    ensure_private_file,
    header_problem,
    is_read_only,
    keep_damaged_wal,
)
from cartapp.store.mapper import stored_columns
from cartapp.store.opening import inspect_file, is_corruption
from cartapp.store.rows import (
    INSERT_EVENT,
    SELECT_EVENT,
    Columns,
    StoredEvent,
    column_rows,
    decode_message,
    decode_rows,
    head_digest,
    save_snapshot,
    stream_version,
)
from cartapp.store.stage_log import StageLog
from cartapp.store.streams import LIVE_STREAM, MAX_VERSION, StreamInfo

if TYPE_CHECKING:
    import os

__all__ = [
    "DB_NAME",
    "LIVE_STREAM",
    "EventStore",
    "LoadedCart",
    "StoredEvent",
    "StreamInfo",
    "Synchronous",
    "is_corruption",
]

DB_NAME = "cartapp.sqlite3"

Synchronous = Literal["OFF", "NORMAL", "FULL", "EXTRA"]
Check = Literal["auto", "always", "never"]
_PAGE = 5000


class EventStore(StageLog):
    """The event store on one SQLite file; open it with ``EventStore.open(path)``.

    The connection, its lock and transactions are ``StoreConnection``'s; the stage rows are
    ``StageLog``'s; carts and snapshots are read by ``carts``, sessions and orders by
    ``sessions`` (the methods below hand over to them).

    ``snapshot_every``: ``load_cart`` writes a snapshot when it had to fold at least this many
    events (the cart service, ``CartService``, snapshots at its own ``snapshot_every`` while the app
    runs).
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, *, snapshot_every: int) -> None:
        super().__init__(conn, path)
        self.snapshot_every = snapshot_every
        self.checked = False
        """Whether ``open`` ran ``quick_check`` (it is skipped after a verified clean close)."""
        self.wal_notice: str | None = None
        """None, or the text for a dialog: the ``-wal`` file was damaged, kept aside, and the
        newest messages it held (how many, from which version on) could not be recovered
        (``files.keep_damaged_wal``)."""
        self._heads: dict[str, tuple[int, bytes]] = {}
        """Per stream, the newest version this store appended and its chain digest, so an
        append chains its rows without reading the previous digest back."""

    # -- opening and closing --------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        synchronous: Synchronous = "NORMAL",
        busy_timeout: float = 5.0,
        check: Check = "auto",
        snapshot_every: int = 500,
    ) -> EventStore:
        """Open (creating or migrating) the store at ``path``.

        Raises ``StoreCorruptError`` for a damaged or foreign file (see ``open_or_recover``) and
        ``SchemaTooNewError`` for a file from a newer cartapp; neither changes the file.
        ``check``: "auto" runs ``PRAGMA quick_check`` unless the file was closed cleanly by
        this code and is unchanged since (see ``cartapp.store.files``).
        """
        path = Path(path)
        if synchronous not in ("OFF", "NORMAL", "FULL", "EXTRA"):
            raise ValueError(f"synchronous must be OFF, NORMAL, FULL or EXTRA, not {synchronous!r}")
        ensure_private_dir(path.parent)
        trusted = consume_clean_marker(path) if check == "auto" else check == "never"
        problem = header_problem(path)
        if problem:
            raise StoreCorruptError(f"{path}: {problem}")
        exists = path.exists() and path.stat().st_size > 0
        if exists and is_read_only(path):
            raise StoreReadOnlyError(str(path))
        wal_damage = keep_damaged_wal(path) if exists else None
        if exists:
            inspect_file(path, quick_check=not trusted)
        ensure_private_file(path)
        conn = sqlite3.connect(
            str(path), timeout=busy_timeout, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            found = conn.execute("PRAGMA user_version").fetchone()[0]
            if found > schema.SCHEMA_VERSION:
                raise SchemaTooNewError(str(path), found, schema.SCHEMA_VERSION)
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"{path}: SQLite could not use WAL mode here (got {mode})")
            conn.execute(f"PRAGMA synchronous = {synchronous}")
            if found < schema.SCHEMA_VERSION:
                schema.prepare(conn, path)
            schema.verify(conn)
            recovered = 0
            if wal_damage is not None:  # the newest message the valid part of the WAL holds
                recovered = conn.execute("SELECT max(seq) FROM events").fetchone()[0] or 0
        except sqlite3.DatabaseError as exc:
            conn.close()
            if is_corruption(exc):
                raise StoreCorruptError(f"{path}: {exc}") from exc
            raise  # busy, locked, read-only, I/O: not the file's fault, never moved aside
        except StoreCorruptError as exc:
            conn.close()
            if str(path) not in str(exc):
                raise StoreCorruptError(f"{path}: {exc}") from exc
            raise
        except BaseException:
            conn.close()
            raise
        store = cls(conn, path, snapshot_every=snapshot_every)
        store.checked = not trusted
        if wal_damage is not None:
            store.wal_notice = wal_damage.notice(int(recovered), LIVE_STREAM)
        return store

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------------------

    def append(
        self,
        envelopes: Sequence[Envelope],
        stream: str = LIVE_STREAM,
        expected_version: int = 0,
        *,
        snapshot: Cart | None = None,
        origin: str = "live",
        title: str = "",
    ) -> int:
        """Store ``envelopes`` as the next versions of ``stream`` in one transaction.

        Returns the stream's new version. Raises ``ConcurrencyError`` if the stream is not at
        ``expected_version`` and ``DuplicateEventError`` if an event id is already stored; in
        both cases nothing is written. ``snapshot`` (the cart after these events) is stored with
        them. A stream appended to for the first time is created with ``origin`` ('live' or
        'import') and ``title``.
        """
        return self.append_columns(
            [stored_columns(env) for env in envelopes],
            stream,
            expected_version,
            snapshot=snapshot,
            origin=origin,
            title=title,
        )

    def append_columns(
        self,
        columns: Sequence[Columns],
        stream: str = LIVE_STREAM,
        expected_version: int = 0,
        *,
        snapshot: Cart | None = None,
        origin: str = "live",
        title: str = "",
    ) -> int:
        """``append`` of messages given as their stored columns (``mapper.stored_columns``,
        ``rows.Columns``): an import builds them from its validated lines directly."""
        head = self._heads.get(stream)
        cached = head is not None and head[0] == expected_version
        previous = head[1] if head is not None and cached else GENESIS
        rows = column_rows(columns, stream, expected_version, previous)
        if not rows:
            return expected_version
        ids = [str(r[0]) for r in rows]
        if len(set(ids)) != len(ids):
            dup = next(i for i in ids if ids.count(i) > 1)
            raise DuplicateEventError(dup, "appears twice in one append")
        new_version = expected_version + len(rows)
        try:
            with self.write_transaction() as conn:
                actual = stream_version(conn, stream)
                if actual != expected_version:
                    raise ConcurrencyError(stream, expected_version, actual)
                if expected_version == 0:
                    conn.execute(
                        "INSERT OR IGNORE INTO streams (id, created, origin, title)"
                        " VALUES (?, ?, ?, ?)",
                        (stream, time.time(), origin, title),
                    )
                elif not cached:
                    previous = head_digest(conn, stream, expected_version)
                    rows = column_rows(columns, stream, expected_version, previous)
                conn.executemany(INSERT_EVENT, rows)
                digest = rows[-1][-1]
                assert isinstance(digest, bytes)
                if snapshot is not None:
                    save_snapshot(conn, stream, new_version, snapshot, digest)
        except sqlite3.IntegrityError as exc:
            raise self._integrity_error(exc, ids, stream, expected_version) from None
        self._heads[stream] = (new_version, digest)
        return new_version

    def _integrity_error(
        self, exc: sqlite3.IntegrityError, ids: list[str], stream: str, expected: int
    ) -> StoreError:
        if "event_id" in str(exc):
            with self._lock:
                conn = self._require()
                for event_id in ids:
                    row = conn.execute(
                        "SELECT stream, version FROM events WHERE event_id = ?", (event_id,)
                    ).fetchone()
                    if row:
                        return DuplicateEventError(
                            event_id, f"is already in the store (stream {row[0]!r}, v{row[1]})"
                        )
            return DuplicateEventError(ids[0])
        if "version" in str(exc):
            return ConcurrencyError(stream, expected, self.version(stream))
        return StoreError(f"the store refused the append: {exc}")

    def save_snapshot(self, stream: str, version: int, cart: Cart) -> None:
        """Store ``cart`` as the state of ``stream`` at ``version`` (replacing an older one)."""
        head = self._heads.get(stream)
        digest = head[1] if head is not None and head[0] == version else None
        with self.write_transaction() as conn:
            save_snapshot(conn, stream, version, cart, digest)

    # -- reading --------------------------------------------------------------------------------

    def version(self, stream: str = LIVE_STREAM) -> int:
        """The stream's current version (the number of messages it holds; 0 when empty)."""
        with self._lock:
            return stream_version(self._require(), stream)

    def count(self, stream: str | None = None) -> int:
        """How many messages ``stream`` holds (all streams when None)."""
        if stream is not None:
            return self.version(stream)
        with self._lock:
            return int(self._require().execute("SELECT count(*) FROM events").fetchone()[0])

    def streams(self) -> list[StreamInfo]:
        """Every stream, oldest first, with its current version."""
        with self._lock:
            rows = self._require().execute(
                "SELECT s.id, s.created, s.origin, s.title,"
                " (SELECT coalesce(max(version), 0) FROM events e WHERE e.stream = s.id)"
                " FROM streams s ORDER BY s.created, s.id"
            )
            return [StreamInfo(*row) for row in rows]

    def stream(self, stream_id: str) -> StreamInfo | None:
        return next((s for s in self.streams() if s.id == stream_id), None)

    def iter_events(
        self, stream: str = LIVE_STREAM, first: int = 1, last: int | None = None
    ) -> Iterator[StoredEvent]:
        """The messages of ``stream`` with ``first <= version <= last``, in order.

        Reads in pages (the lock is not held between pages, so appends may go on meanwhile; the
        iteration stops at ``last`` or at the end it finds). Payloads are decoded with the
        mapper's trusted codec: this store wrote them.
        """
        after = first - 1
        upto = MAX_VERSION if last is None else last
        while True:
            with self._lock:
                rows = (
                    self._require()
                    .execute(
                        f"{SELECT_EVENT} WHERE stream = ? AND version > ? AND version <= ?"
                        " ORDER BY version LIMIT ?",
                        (stream, after, upto, _PAGE),
                    )
                    .fetchall()
                )
            yield from decode_rows(rows, stream)
            if len(rows) < _PAGE:
                return
            after = rows[-1][1]

    def event(self, event_id: str) -> StoredEvent | None:
        """The stored message with this id, or None."""
        with self._lock:
            row = (
                self._require()
                .execute(
                    "SELECT seq, version, event_id, type, correlation_id, causation_id, source,"
                    " timestamp, payload, stream FROM events WHERE event_id = ?",
                    (event_id,),
                )
                .fetchone()
            )
        return None if row is None else next(decode_rows([row[:9]], row[9]))

    def iter_facts(self, stream: str, after: int, upto: int) -> Iterator[Fact]:
        """The facts of ``stream`` with ``after < version <= upto``, decoded, in order."""
        while True:
            with self._lock:
                rows = (
                    self._require()
                    .execute(
                        "SELECT version, type, payload FROM events WHERE stream = ?"
                        " AND version > ? AND version <= ? AND kind = 'fact'"
                        " ORDER BY version LIMIT ?",
                        (stream, after, upto, _PAGE),
                    )
                    .fetchall()
                )
            for version, type_name, payload in rows:
                event = decode_message(stream, version, type_name, payload)
                if isinstance(event, Fact):
                    yield event
            if len(rows) < _PAGE:
                return
            after = rows[-1][0]

    def cart_at(self, stream: str, version: int, *, currency: str = "EUR") -> Cart:
        """The cart of ``stream`` right after its message ``version`` (time travel; 0: empty).

        Starts from the nearest snapshot at or before ``version`` and folds the facts after it.
        """
        return _carts.cart_at(self, stream, version, currency)[0]

    def load_cart(self, stream: str = LIVE_STREAM, *, currency: str = "EUR") -> LoadedCart:
        """The stream's cart now: the latest snapshot plus the facts after it.

        Writes a fresh snapshot when ``snapshot_every`` or more messages had to be read, so
        the next start is fast again.
        """
        return _carts.load_cart(self, stream, currency)

    def snapshot_versions(self, stream: str = LIVE_STREAM) -> list[int]:
        return _carts.snapshot_versions(self, stream)

    def verify_chain(self, stream: str, first: int = 1, last: int | None = None) -> int | None:
        """The first version in ``first..last`` (``last``: the end) whose stored digest does
        not match the message and the digest before it; None if all match.

        Reads in pages and holds the lock only while reading one, so appends go on meanwhile
        (the check ends at the end it finds). The digest of ``first - 1`` is taken as it is
        stored: verify from 1 to check the whole stream.
        """
        upto = MAX_VERSION if last is None else last
        with self._lock:
            previous = head_digest(self._require(), stream, first - 1)
        after = first - 1
        while after < upto:
            with self._lock:
                rows = (
                    self._require()
                    .execute(
                        "SELECT version, event_id, type, correlation_id, causation_id, source,"
                        " timestamp, payload, digest FROM events WHERE stream = ?"
                        " AND version > ? AND version <= ? ORDER BY version LIMIT ?",
                        (stream, after, upto, _PAGE),
                    )
                    .fetchall()
                )
            if not rows:
                return None
            if rows[0][0] != after + 1 or rows[-1][0] != after + len(rows):
                # a missing version: the first one not where it belongs
                expected = after + 1
                for row in rows:
                    if row[0] != expected:
                        return expected
                    expected += 1
            broken, previous = first_break(previous, rows, stream)
            if broken:
                return broken
            if len(rows) < _PAGE:
                return None
            after = rows[-1][0]
        return None

    def sessions(self, stream: str = LIVE_STREAM) -> list[_sessions.Session]:
        """The stream's sessions (one cart's life each), oldest first; see ``sessions``."""
        return _sessions.sessions(self, stream)

    def open_session(self, stream: str = LIVE_STREAM) -> _sessions.Session:
        """The stream's open session (after its last checkout), cheaply: for start-up."""
        return _sessions.open_session(self, stream)

    def current_session(self, stream: str = LIVE_STREAM) -> _sessions.Session:
        """What "the session" means: the open session, or the one the last checkout closed
        while the open one is still empty; see ``cartapp.store.sessions``."""
        return _sessions.current_session(self, stream)

    def session_at(self, stream: str, version: int) -> _sessions.Session | None:
        """The session holding message ``version`` of ``stream``."""
        return _sessions.session_at(self, stream, version)

    def orders(self, stream: str = LIVE_STREAM) -> list[_sessions.Order]:
        """The stream's orders (its ``CheckedOut`` facts), oldest first; see ``sessions``."""
        return _sessions.orders(self, stream)

    def recent_sessions(
        self, stream: str = LIVE_STREAM, count: int = 20
    ) -> list[_sessions.Session]:
        """The stream's newest ``count`` sessions, oldest first: ``sessions(stream)[-count:]``,
        read from the last ``count`` checkouts only (for menus over a long history)."""
        return _sessions.recent_sessions(self, stream, count)

    def correlation_ids(self, stream: str, first: int = 1, last: int | None = None) -> set[str]:
        """The correlation ids of the messages of ``stream`` with ``first <= version <= last``."""
        with self._lock:
            rows = self._require().execute(
                "SELECT DISTINCT correlation_id FROM events"
                " WHERE stream = ? AND version >= ? AND version <= ?",
                (stream, first, MAX_VERSION if last is None else last),
            )
            return {str(row[0]) for row in rows}
