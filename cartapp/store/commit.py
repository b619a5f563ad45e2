"""``GroupCommitter``: the durable path. A caller returns only after its events committed, and
callers that arrive while a commit is running share the next one.

How the batching works (leader hand-off group commit, no writer thread):

1. A caller puts a *ticket* with its envelopes on the queue. If no commit is under way, it
   becomes the *leader* at once; otherwise it sleeps on its ticket's gate.
2. The leader takes every ticket on the queue, appends all their envelopes to the stream in one
   transaction, marks each ticket done (with its version, or the error) and opens the gates of
   the callers in that batch: each is woken exactly once, already acknowledged.
3. Then, if tickets queued up during that commit, the leader hands the leadership to the oldest
   of them (opening its gate with the lead flag set) and returns; otherwise no commit is under
   way any more.

A lone caller therefore commits its own events straight away (no thread hand-off, no added
latency), and N concurrent callers pay for about one commit instead of N; no caller ever commits
more than one batch for others. If a shared commit fails (a duplicate id in one ticket, say),
each ticket of that batch is retried on its own, so one caller's bad events never fail another's
(whatever the error: a store error, an SQLite error, or a ``TypeError`` from events that cannot be
turned into rows; only ``KeyboardInterrupt`` and the like escape, and fail the whole batch).

Measured (``python -m cartapp.bench.store``): with ``synchronous=FULL`` (an fsync per commit),
eight threads get batches of about four and several times the throughput of one commit per
message; with NORMAL a commit costs about as much as waking a thread, so batching mostly keeps
the throughput of many threads at that of one.

Snapshots: the committer keeps the stream's cart at the last snapshot plus the facts committed
since; every ``snapshot_every`` messages it folds them and stores a snapshot (in its own small
transaction right after the commit; a snapshot is derived data, losing one costs only time).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from _thread import allocate_lock
from typing import TYPE_CHECKING

from cartapp.domain.decider import apply_all
from cartapp.domain.events import Fact
from cartapp.store.errors import StoreError
from cartapp.store.store import LIVE_STREAM

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cartapp.bus.envelope import Envelope
    from cartapp.domain.cart import Cart
    from cartapp.store.store import EventStore

__all__ = ["GroupCommitter"]


class _Ticket:
    __slots__ = ("done", "envelopes", "error", "gate", "lead", "version")

    def __init__(self, envelopes: list[Envelope]) -> None:
        self.envelopes = envelopes
        self.done = False
        self.lead = False
        self.version = 0
        self.error: BaseException | None = None
        self.gate = allocate_lock()  # held until the ticket is done or asked to lead
        self.gate.acquire()


class GroupCommitter:
    """Appends to one stream of ``store``; see the module docstring.

    ``version`` and ``cart`` are the stream's current version and cart (as ``load_cart``
    returned them); both are read from the store when omitted. The committer assumes it is the
    stream's only writer (the app's instance lock guarantees it); if another writer appended
    anyway, its appends fail with ``ConcurrencyError`` instead of interleaving.
    """

    def __init__(
        self,
        store: EventStore,
        stream: str = LIVE_STREAM,
        *,
        version: int | None = None,
        cart: Cart | None = None,
        snapshot_every: int | None = None,
        currency: str = "EUR",
    ) -> None:
        self.store = store
        self.stream = stream
        self._version = store.version(stream) if version is None else version
        self._cart = (
            cart if cart is not None else store.cart_at(stream, self._version, currency=currency)
        )
        self._cart_version = self._version
        self._since_snapshot: list[Fact] = []
        self.snapshot_every = store.snapshot_every if snapshot_every is None else snapshot_every
        self._queue: list[_Ticket] = []
        self._queue_lock = threading.Lock()
        self._leading = False
        self._commit_lock = threading.Lock()
        """Held by the leader while it commits and snapshots (``snapshot()`` takes it too)."""
        self.commits = 0
        """Transactions committed so far (``appended / commits`` is the mean batch size)."""
        self.appended = 0
        """Messages committed so far."""

    @property
    def version(self) -> int:
        """The stream's version after the last commit."""
        return self._version

    def persist(self, command: Envelope, facts: Sequence[Envelope]) -> None:
        """``CartHandler``'s persist callback: store a command and its facts, durably."""
        self.append([command, *facts])

    def append(self, envelopes: Sequence[Envelope]) -> int:
        """Store ``envelopes`` as the next messages of the stream; returns when committed.

        Returns the version of the last of them. Raises what the store raised for this caller's
        events (``DuplicateEventError``, ``ConcurrencyError``, ``sqlite3.Error``).
        """
        ticket = _Ticket(list(envelopes))
        if not ticket.envelopes:
            return self._version
        with self._queue_lock:
            self._queue.append(ticket)
            if not self._leading:
                self._leading = ticket.lead = True
        if not ticket.lead:
            ticket.gate.acquire()  # until our batch is done, or we are asked to lead
        if not ticket.done:
            self._lead()
        if ticket.error is not None:
            raise ticket.error
        return ticket.version

    def _lead(self) -> None:
        with self._queue_lock:
            batch, self._queue = self._queue, []
        try:
            with self._commit_lock:
                if len(batch) == 1:
                    self._commit_one(batch[0])
                else:
                    try:
                        self._commit(batch)
                    except Exception:  # anything one ticket may cause: retry each on its own
                        for ticket in batch:
                            if not ticket.done:
                                self._commit_one(ticket)
                self._maybe_snapshot()
        finally:
            for ticket in batch:
                if not ticket.done:  # only if something unexpected escaped (KeyboardInterrupt)
                    ticket.error = StoreError("the commit was interrupted")
                    ticket.done = True
                if not ticket.lead:
                    ticket.gate.release()
            with self._queue_lock:
                if self._queue:
                    successor = self._queue[0]
                    successor.lead = True
                    successor.gate.release()
                else:
                    self._leading = False

    def _commit(self, batch: list[_Ticket]) -> None:
        envelopes = [env for ticket in batch for env in ticket.envelopes]
        self.store.append(envelopes, self.stream, self._version)
        version = self._version
        for ticket in batch:
            version += len(ticket.envelopes)
            ticket.version = version
            self._committed(ticket)
        self._version = version
        self.commits += 1

    def _commit_one(self, ticket: _Ticket) -> None:
        try:
            self._version = ticket.version = self.store.append(
                ticket.envelopes, self.stream, self._version
            )
        except Exception as exc:
            ticket.error = exc
            ticket.done = True
            return
        self._committed(ticket)
        self.commits += 1

    def _committed(self, ticket: _Ticket) -> None:
        self.appended += len(ticket.envelopes)
        self._since_snapshot.extend(e.event for e in ticket.envelopes if isinstance(e.event, Fact))
        ticket.done = True

    def snapshot(self) -> None:
        """Store a snapshot at the current version now (``LiveStore.close`` does, so that the
        next start-up folds nothing)."""
        with self._commit_lock:
            if self._version > self._cart_version:
                self._snapshot()

    def _maybe_snapshot(self) -> None:
        if self._version - self._cart_version >= self.snapshot_every:
            self._snapshot()

    def _snapshot(self) -> None:
        cart = apply_all(self._cart, self._since_snapshot)
        self._cart, self._cart_version = cart, self._version
        self._since_snapshot = []
        with contextlib.suppress(StoreError, sqlite3.Error):
            self.store.save_snapshot(self.stream, self._version, cart)
