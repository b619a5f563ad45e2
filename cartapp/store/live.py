"""``LiveStore``: the store as the running app uses it, opened in the right order.

``LiveStore.open(data_dir)``:

1. takes the data directory's lock (``StoreLockedError`` if another cartapp holds it);
2. opens ``<data_dir>/cartapp.sqlite3`` with ``open_or_recover`` (``notice`` tells the UI when a
   damaged file was moved aside; ``SchemaTooNewError`` propagates and the file stays untouched);
3. loads the live cart (latest snapshot + the messages after it) and its version;
4. builds the ``GroupCommitter`` whose ``persist`` is ``CartHandler``'s ``commit`` callback.

Stage rows (for analytics) are recorded off the GUI thread: ``record_stages`` is a bus tap that
only queues the batch; a daemon thread turns batches into ``StageRow``s and appends them every
``stage_flush_s`` seconds in one transaction. Stage rows are telemetry: up to one flush interval
of them may be lost in a crash, events never are; at close only the newest ``stage_retention``
rows are kept.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING

from cartapp.store.commit import GroupCommitter
from cartapp.store.errors import StoreError
from cartapp.store.lock import StoreLock
from cartapp.store.recovery import open_or_recover
from cartapp.store.store import DB_NAME, LIVE_STREAM, Synchronous

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable

    from cartapp.bus.envelope import Envelope
    from cartapp.bus.stages import StageRecord, StageRow
    from cartapp.domain.cart import Cart
    from cartapp.store.store import EventStore

__all__ = ["LiveStore"]

log = logging.getLogger(__name__)


class LiveStore:
    """The open store of a running app: lock, store, loaded cart, committer, stage recorder."""

    def __init__(
        self,
        lock: StoreLock,
        store: EventStore,
        committer: GroupCommitter,
        cart: Cart,
        notice: str | None,
        stage_flush_s: float,
        stage_retention: int = 500_000,
    ) -> None:
        self.lock = lock
        self.store = store
        self.committer = committer
        self.cart = cart
        """The live cart as loaded at start-up (give it to ``CartHandler``)."""
        self.notice = notice
        """None, or the text for a dialog: the old database was damaged and moved aside."""
        self._stages: deque[Iterable[StageRecord]] = deque()
        self._wake = threading.Event()
        self._stop = False
        self._flush_s = stage_flush_s
        self._retention = stage_retention
        self._thread = threading.Thread(target=self._run, name="cartapp-stages", daemon=True)
        self._thread.start()

    @classmethod
    def open(
        cls,
        data_dir: str | os.PathLike[str],
        *,
        currency: str = "EUR",
        synchronous: Synchronous = "NORMAL",
        snapshot_every: int = 500,
        stage_flush_s: float = 0.5,
        stage_retention: int = 500_000,
    ) -> LiveStore:
        lock = StoreLock.acquire(data_dir)
        try:
            store, notice = open_or_recover(
                Path(data_dir) / DB_NAME, synchronous=synchronous, snapshot_every=snapshot_every
            )
            try:
                loaded = store.load_cart(LIVE_STREAM, currency=currency)
                committer = GroupCommitter(
                    store, LIVE_STREAM, version=loaded.version, cart=loaded.cart
                )
            except BaseException:
                store.close()
                raise
        except BaseException:
            lock.release()
            raise
        return cls(lock, store, committer, loaded.cart, notice, stage_flush_s, stage_retention)

    @property
    def version(self) -> int:
        """The live stream's version after the last commit."""
        return self.committer.version

    def persist(self, command: Envelope, facts: list[Envelope]) -> None:
        """``CartHandler(commit=live.persist)``: returns once the messages are committed."""
        self.committer.persist(command, facts)

    def append(self, envelopes: list[Envelope]) -> int:
        """``CartHandler(commit_many=live.append)``: one transaction for a whole bus step."""
        return self.committer.append(envelopes)

    def record_stages(self, batch: Iterable[StageRecord]) -> None:
        """A bus tap (``bus.tap(live.record_stages)``): queue the batch, write it later."""
        self._stages.append(batch)

    def flush_stages(self) -> int:
        """Write the queued stage rows now; returns how many."""
        rows: list[StageRow] = []
        while self._stages:
            rows.extend(record.to_row() for record in self._stages.popleft())
        if not rows:
            return 0
        try:
            return self.store.append_stages(rows)
        except (StoreError, sqlite3.Error):
            log.exception("could not store %d stage rows", len(rows))
            return 0

    def _run(self) -> None:
        while not self._stop:
            self._wake.wait(self._flush_s)
            self._wake.clear()
            self.flush_stages()

    def close(self) -> None:
        """Flush stage rows, snapshot the cart, close the store (marking it cleanly closed) and
        release the lock."""
        if not self.lock.held:
            return
        self._stop = True
        self._wake.set()
        self._thread.join(timeout=5)
        with contextlib.suppress(StoreError, sqlite3.Error):
            self.flush_stages()
            self.store.prune_stages(self._retention)
        self.committer.snapshot()
        self.store.close()
        self.lock.release()

    def __enter__(self) -> LiveStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
