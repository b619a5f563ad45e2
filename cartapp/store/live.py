"""``LiveStore``: the store as the running app uses it, opened in the right order.

``LiveStore.open(data_dir)``:

1. takes the data directory's lock (``StoreLockedError`` if another cartapp holds it);
2. opens ``<data_dir>/cartapp.sqlite3`` with ``open_or_recover`` (``notice`` tells the UI when a
   damaged file was moved aside; ``SchemaTooNewError`` propagates and the file stays untouched);
3. loads the live cart (latest snapshot + the messages after it) and its version; if that read
   finds the file damaged (a spoilt page behind a clean close, a message edited by hand: see
   ``damage_reason``), the file is moved aside like in step 2 and a fresh store is used.

``store``, ``cart`` and ``version`` are what the ``CartService`` starts from; the service is the
only writer of the live stream (through ``store.append``, the event-log port).

The app reads more of the store while it starts (the event log's history); damage found there
is handed to ``start_afresh``, which does the same before anything was committed.

Stage rows (for analytics) are recorded off the GUI thread by ``telemetry`` (a ``Telemetry``,
``cartapp.store.telemetry``): ``record_stages`` is its bus tap, which only queues the batch; its
thread appends them every ``stage_flush_s`` seconds, in transactions of at most ``STAGE_CHUNK``
rows (10,000 rows took 20-35 ms in one transaction here), says at which position each record was
stored and counts what it could not store. Stage rows are telemetry: up to one flush interval of
them may be lost in a crash, events never are; at close only the newest ``stage_retention`` rows
are kept.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cartapp.store.lock import StoreLock
from cartapp.store.recovery import damage_reason, damage_stop, open_or_recover, start_afresh
from cartapp.store.store import DB_NAME, LIVE_STREAM, Synchronous
from cartapp.store.telemetry import STAGE_CHUNK, Telemetry, Traced

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable

    from cartapp.domain.cart import Cart
    from cartapp.store.store import EventStore, LoadedCart

__all__ = ["STAGE_CHUNK", "LiveStore"]

log = logging.getLogger(__name__)


class LiveStore:
    """The open store of a running app: lock, store, loaded cart and version, stage recorder."""

    def __init__(
        self,
        lock: StoreLock,
        store: EventStore,
        version: int,
        cart: Cart,
        notice: str | None,
        stage_flush_s: float,
        stage_retention: int = 500_000,
        options: dict[str, Any] | None = None,
    ) -> None:
        self.lock = lock
        self.store = store
        self.version = version
        """The live stream's version as loaded at start-up (give it to ``CartService``)."""
        self.cart = cart
        """The live cart as loaded at start-up (give it to ``CartService``)."""
        self.notice = notice
        """None, or the text for a dialog: the old database was damaged and moved aside."""
        self._options = dict(options or {})
        """How ``store`` was opened (``synchronous``, ``snapshot_every``): for ``start_afresh``."""
        self.telemetry = Telemetry(store, flush_s=stage_flush_s, retention=stage_retention)
        """The stage rows' writer and cursor (its ``problem`` says what it could not store)."""

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
        options = {"synchronous": synchronous, "snapshot_every": snapshot_every}
        try:
            path = Path(data_dir) / DB_NAME
            store, notice = open_or_recover(path, **options)
            try:
                store, notice, loaded = _load(store, notice, currency, options)
            except BaseException:
                store.close()
                raise
        except BaseException:
            lock.release()
            raise
        return cls(
            lock,
            store,
            loaded.version,
            loaded.cart,
            notice,
            stage_flush_s,
            stage_retention,
            options,
        )

    def start_afresh(self, reason: str, stop_at: dict[str, int] | None = None) -> None:
        """The store turned out damaged (``reason``, from ``damage_reason``; ``stop_at``, from
        ``damage_stop``) while the app read it before its first commit (before a ``CartService``
        started on it): close it without the clean-close mark, keep it aside, and go on with a
        new store holding the readable prefix of its history (``store``, ``version``, ``cart``
        and ``notice`` change)."""
        with self.telemetry.held():
            self.store.close(clean=False)
            store, self.notice = start_afresh(self.store.path, reason, stop_at, **self._options)
            loaded = store.load_cart(LIVE_STREAM, currency=self.cart.currency)
            self.store, self.cart, self.version = store, loaded.cart, loaded.version
            self.telemetry.restart(store)

    def record_stages(self, batch: Iterable[Traced]) -> None:
        """A bus tap (``bus.tap(live.record_stages)``): queue the batch, write it later."""
        self.telemetry.record(batch)

    def flush_stages(self) -> int:
        """Write the queued stage rows now; returns how many were stored."""
        return self.telemetry.flush()

    def close(self) -> None:
        """Flush stage rows, close the store (marking it cleanly closed) and release the lock.
        (The cart service keeps its snapshot first: ``CartService.snapshot``.)"""
        if not self.lock.held:
            return
        self.telemetry.close()
        self.store.close()
        self.lock.release()

    def __enter__(self) -> LiveStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _load(
    store: EventStore, notice: str | None, currency: str, options: dict[str, Any]
) -> tuple[EventStore, str | None, LoadedCart]:
    """Load the live cart of ``store``; if that finds the file damaged, start afresh."""
    try:
        return store, notice, store.load_cart(LIVE_STREAM, currency=currency)
    except Exception as exc:
        reason = damage_reason(exc)
        if reason is None:
            raise
        stop_at = damage_stop(exc)
        log.warning("the store is damaged: %s", reason)
    store.close(clean=False)
    fresh, notice = start_afresh(store.path, reason, stop_at, **options)
    try:
        return fresh, notice, fresh.load_cart(LIVE_STREAM, currency=currency)
    except BaseException:
        fresh.close()
        raise
