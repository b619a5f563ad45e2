"""The durable event store: one SQLite file, append-only, with replay, time travel, orders,
export/import and recovery. No Qt.

The app (composition root) uses it like this::

    from cartapp.store import LiveStore, StoreLockedError, SchemaTooNewError

    live = LiveStore.open(data_dir, currency=catalog.currency)   # lock + open_or_recover + load
    if live.notice:                      # the old database was damaged and kept aside
        show_dialog(live.notice)
    service = CartService(catalog, live.store, cart=live.cart, version=live.version)
    bus.tap(live.record_stages)          # optional: stage rows for analytics, written off-thread
    ...
    live.close()                         # flush, checkpoint, mark clean, release the lock

    # StoreLockedError: another cartapp window has this data directory (show str(exc), exit).
    # SchemaTooNewError: the file is from a newer cartapp (show str(exc), exit; file untouched).

Queries for the views (pure, thread-safe, on ``live.store``, an ``EventStore``):

- ``store.iter_events(stream, first=1, last=None)`` -> ``StoredEvent(seq, stream, version,
  envelope)`` in order; ``store.event(event_id)``; ``store.version(stream)``, ``store.count()``.
- ``store.cart_at(stream, version)`` -> the cart right after message ``version`` (time travel);
  ``store.load_cart(stream)`` -> ``LoadedCart(cart, version, replayed)``.
- ``store.sessions(stream)`` -> ``Session(number, first, last, started, ended, order_number)``;
  ``store.open_session(stream)`` (the open cart's session, cheap: for start-up);
  ``store.session_at(stream, version)``; ``store.orders(stream)`` -> ``Order(order_number,
  version, first_version, timestamp, currency, lines, subtotal, tax, total)``.
- ``store.recent_sessions(stream, count)`` -> ``sessions(stream)[-count:]`` from the last checkouts
  only (menus over a long history).
- ``store.event(event_id).version`` finds the stream position of an envelope the UI shows.
- Stage rows (analytics): ``store.iter_stages(after_id, limit)`` -> ``(id, StageRow)`` pages;
  ``store.last_stage_id()``; ``store.stage_rows(after_id, upto_id, stream=, first=, last=)`` -> the
  rows in a window of ids, optionally only those of a version range's correlations (a session);
  ``store.correlation_ids(stream, first, last)``. A stage row's id is its position in the stage
  log (``stage_log``).
- ``live.telemetry`` (a ``Telemetry``) is the running app's stage writer: ``position_after(n)`` is
  the position up to which this run's first ``n`` stage records are accounted for (where live and
  stored statistics meet); ``problem``, ``errors``, ``lost`` say what it could not store.
- Errors: callers outside the store catch ``STORE_FAILURES`` (never ``sqlite3``) and turn a
  database error into the disk problem it is with ``database_problem(exc)``.
- ``store.streams()`` -> ``StreamInfo(id, created, origin, title, version)``.
- ``export_jsonl(store, path, stream=..., first=..., last=..., format="cloudevents" | "cartapp")``,
  ``export_data_dir(data_dir, path)`` (the live cart's whole history as CloudEvents, under the
  data folder's lock) and
  ``import_jsonl(store, path, progress=None) -> ImportResult(stream, title, events, cart)``
  (raises ``ImportFileError`` naming the line, or ``ImportCancelledError`` when
  ``progress(lines_done, bytes_done, total_bytes)`` returned False; nothing is written then).

The model (details in each module's docstring):

- **Streams.** The live app has one stream, ``"cart"`` (``LIVE_STREAM``), that continues across
  restarts. Every message the ``CartService`` handles is stored: the command and the facts it
  caused (rejections too), numbered 1, 2, 3 ... within the stream. An imported file becomes a
  new stream with origin 'import' that can be browsed and replayed but never touches the cart.
- **Sessions and orders** are ranges of a stream: a session runs from the message after one
  checkout to the next checkout (one cart's life); an order is a ``CheckedOut`` fact and its
  events are its session's range. The live stream's last session is the open cart.
- **Durability.** ``append`` (the event-log port, ``port.EventLog``) returns only after the
  transaction committed (WAL, ``synchronous=NORMAL`` by default: survives a crash or kill of the
  app; "FULL" also survives power loss); the cart service appends a whole bus step in one
  transaction. ``append`` is optimistic: a stale
  ``expected_version`` raises ``ConcurrencyError``, a known event id ``DuplicateEventError``.
- **Start-up** reads the latest snapshot and the messages after it (snapshots every 500 and at
  a clean close), so it does not grow with history; ``quick_check`` runs unless the file was
  closed cleanly (``files``), and the chain is verified from the snapshot on.
- **Read-back is validated.** Every stored message passes the same type and range rules as at
  the boundary (replay validates each distinct payload once); one that fails raises
  ``DamagedMessageError`` with its ``stream`` and ``version``. Snapshots are read as strictly,
  sealed with a SHA-256 and tied to the chain digest of their message: one that fails is
  logged and ignored (the cart is folded from the messages).
- **Tamper evidence.** Each message's digest chains it to the one before it (``chain``);
  ``store.verify_chain(stream, first=1, last=None)`` -> the first version that does not match
  (None: sound); ``chain.verify_in_background(store, stream, on_done)`` checks a whole stream
  off the caller's thread. A break found at start-up is a ``ChainBrokenError`` (a
  ``DamagedMessageError``), handled by the damage path.
- **Two instances**: the second one is refused (``StoreLockedError``), see ``lock``.
- **Damaged files** are moved aside, never overwritten and never written to (``open_or_recover``),
  also when the damage shows only while the cart or the log's history is read at start-up
  (``damage_reason``); the new store holds the longest readable prefix of the history
  (``salvage``). A damaged ``-wal`` is kept aside and its lost messages counted (``wal``,
  ``walrows``, ``EventStore.wal_notice``); a read-only file is refused (``StoreReadOnlyError``).
"""

from __future__ import annotations

from cartapp.store.errors import (
    STORE_FAILURES,
    ChainBrokenError,
    ConcurrencyError,
    DamagedMessageError,
    DuplicateEventError,
    ImportCancelledError,
    ImportFileError,
    SchemaTooNewError,
    StoreCorruptError,
    StoreError,
    StoreLockedError,
    StoreReadOnlyError,
    database_problem,
)
from cartapp.store.jsonl import (
    CLOUDEVENTS,
    ImportResult,
    NoHistoryError,
    export_data_dir,
    export_jsonl,
    import_jsonl,
    read_jsonl,
)
from cartapp.store.live import LiveStore
from cartapp.store.lock import StoreLock
from cartapp.store.memory import MemoryEventLog
from cartapp.store.port import EventLog
from cartapp.store.recovery import (
    SalvageReport,
    damage_reason,
    damage_stop,
    open_or_recover,
    salvage,
)
from cartapp.store.schema import SCHEMA_VERSION
from cartapp.store.sessions import Order, Session
from cartapp.store.store import (
    DB_NAME,
    LIVE_STREAM,
    EventStore,
    LoadedCart,
    StoredEvent,
    StreamInfo,
)
from cartapp.store.telemetry import Telemetry

__all__ = [
    "CLOUDEVENTS",
    "DB_NAME",
    "LIVE_STREAM",
    "SCHEMA_VERSION",
    "STORE_FAILURES",
    "ChainBrokenError",
    "ConcurrencyError",
    "DamagedMessageError",
    "DuplicateEventError",
    "EventLog",
    "EventStore",
    "ImportCancelledError",
    "ImportFileError",
    "ImportResult",
    "LiveStore",
    "LoadedCart",
    "MemoryEventLog",
    "NoHistoryError",
    "Order",
    "SalvageReport",
    "SchemaTooNewError",
    "Session",
    "StoreCorruptError",
    "StoreError",
    "StoreLock",
    "StoreLockedError",
    "StoreReadOnlyError",
    "StoredEvent",
    "StreamInfo",
    "Telemetry",
    "damage_reason",
    "damage_stop",
    "database_problem",
    "export_data_dir",
    "export_jsonl",
    "import_jsonl",
    "open_or_recover",
    "read_jsonl",
    "salvage",
]
