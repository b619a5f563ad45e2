"""``QtBridge``: bus traffic re-emitted as Qt signals on the GUI thread.

The bus belongs to the GUI thread. Publishes from worker threads land in the bus's inbox; the
bridge's waker posts one queued call to the GUI thread, which then delivers everything waiting
(coalesced: one wake-up for any number of messages). Facts reach ``fact_published`` in order, during
their dispatch. Stage records are buffered and handed out as one ``records_batch`` per frame: at
most one emission every ``frame_ms`` while traffic lasts, and at once (next event-loop turn) after a
quiet frame, so a single click is seen without waiting for a timer. ``clock`` (seconds, default
``time.perf_counter``) is what the frame is measured with; tests pass their own, read
``frame_due_ms`` and call ``flush()`` (one frame) by hand instead of waiting.

``follow(service)`` re-emits the cart service's ``CartChanged`` (the cart and version after each
appended step) as ``cart_changed``: the cart views follow that, never the facts themselves.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from cartapp.domain.events import Fact

if TYPE_CHECKING:
    from cartapp.bus import Envelope, EventBus, StageRecord
    from cartapp.bus.stages import TraceBatch
    from cartapp.handlers import CartChanged, CartService

__all__ = ["QtBridge"]


class QtBridge(QObject):
    """Adapts an ``EventBus`` to Qt; create it on the GUI thread."""

    fact_published = Signal(object)
    """``Envelope`` of every fact, on the GUI thread, in publication order."""

    records_batch = Signal(object)
    """``list[StageRecord]``: the stage records of one frame, in the order they happened."""

    cart_changed = Signal(object)
    """``CartChanged`` of the followed service: the cart and version after an appended step."""

    _wake = Signal()

    def __init__(
        self,
        bus: EventBus,
        *,
        fact_type: type = Fact,
        frame_ms: int = 16,
        parent: QObject | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        super().__init__(parent)
        self.bus = bus
        self.frame_ms = frame_ms
        self._pending: list[TraceBatch] = []
        self._clock = clock
        self._last_flush = clock() - frame_ms / 1000.0
        self.records_emitted = 0
        self.batches_emitted = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.flush)
        self._wake.connect(self._on_wake, Qt.ConnectionType.QueuedConnection)
        bus.bind_to_current_thread()
        bus.set_waker(self._wake.emit)
        self._subscription = bus.subscribe(fact_type, self._on_fact, name="QtBridge")
        self._remove_tap = bus.tap(self._on_trace)
        self._unfollow: Callable[[], None] | None = None

    def follow(self, service: CartService) -> None:
        """Re-emit ``service``'s changes as ``cart_changed`` (it runs on the bus's thread)."""
        if self._unfollow is not None:
            self._unfollow()
        self._unfollow = service.watch(self._on_cart)

    def _on_cart(self, change: CartChanged) -> None:
        self.cart_changed.emit(change)

    def close(self) -> None:
        """Detach from the bus (the bus keeps running without the bridge)."""
        self._timer.stop()
        self.bus.set_waker(None)
        self._subscription.cancel()
        self._remove_tap()
        if self._unfollow is not None:
            self._unfollow()
            self._unfollow = None

    @Slot()
    def _on_wake(self) -> None:
        self.bus.process_pending()

    def _on_fact(self, envelope: Envelope) -> None:
        self.fact_published.emit(envelope)

    def _on_trace(self, batch: TraceBatch) -> None:
        self._pending.append(batch)
        if self._timer.isActive():
            return
        since = (self._clock() - self._last_flush) * 1000.0
        self._timer.start(max(0, int(self.frame_ms - since)))

    @Slot()
    def flush(self) -> None:
        """Emit what is buffered now (tests and shutdown call it; the frame timer does too)."""
        self._timer.stop()
        pending, self._pending = self._pending, []
        self._last_flush = self._clock()
        if not pending:
            return
        records: list[StageRecord] = []
        for batch in pending:
            records.extend(batch.records)
        self.records_emitted += len(records)
        self.batches_emitted += 1
        self.records_batch.emit(records)

    def pending_batches(self) -> int:
        return len(self._pending)

    @property
    def frame_due_ms(self) -> int | None:
        """In how many ms the pending frame is emitted (as scheduled), or None if none is."""
        return self._timer.interval() if self._timer.isActive() else None

    def __repr__(self) -> str:
        return f"QtBridge(frame_ms={self.frame_ms}, emitted={self.records_emitted})"

    def _debug(self) -> dict[str, Any]:
        return {"pending": len(self._pending), "active": self._timer.isActive()}
