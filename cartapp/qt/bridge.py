"""``QtBridge``: bus traffic re-emitted as Qt signals on the GUI thread.

The bus belongs to the GUI thread. Publishes from worker threads land in the bus's inbox; the
bridge's waker posts one queued call to the GUI thread, which then delivers everything waiting
(coalesced: one wake-up for any number of messages). Facts reach ``fact_published`` in order, during
their dispatch. Stage records are buffered and handed out as one ``records_batch`` per frame.

The bridge owns and drives the app's one ``FrameClock`` (``frames``): the bus's inbox is its
urgent job (``BUS_BUDGET_MS`` per turn) and the records batch its first frame job, so the views
registered after it take the batch in the same frame. When things happen is the frame clock's
emission policy (``cartapp.qt.frame_clock``). ``clock`` (seconds, default ``time.perf_counter``)
is the frame clock's; tests pass their own with ``drive=False`` and call ``flush()`` (one frame,
at once) or ``frames.tick()`` by hand instead of waiting.

The views that follow the bridge's signals are named in ``consumers`` (the composition root
names each one it connects: "cart view", "event log", "metrics", ...); ``consumers_of(envelope)``
says who consumes a message: its bus subscribers, the bridge standing for those views.

``follow(service)`` re-emits the cart service's ``CartChanged`` (the cart and version after each
appended step) as ``cart_changed``: the cart views follow that, never the facts themselves.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot

from cartapp.domain.events import Fact
from cartapp.qt.frame_clock import FRAME_MS, FrameClock

if TYPE_CHECKING:
    from cartapp.bus import Envelope, EventBus, StageRecord
    from cartapp.bus.stages import TraceBatch
    from cartapp.handlers import CartChanged, CartService

__all__ = ["BRIDGE_NAME", "BUS_BUDGET_MS", "QtBridge"]

BRIDGE_NAME = "QtBridge"
"""The name the bridge subscribes to facts under (the handler of a fact's transmitted row)."""

BUS_BUDGET_MS = 8.0
"""One delivery turn of the bus's inbox takes about this long (half a frame), so paints and
input get the rest of the frame during a flood from a worker thread."""


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
        frame_ms: int = FRAME_MS,
        parent: QObject | None = None,
        clock: Callable[[], float] = time.perf_counter,
        drive: bool = True,
    ) -> None:
        super().__init__(parent)
        self.bus = bus
        self.frame_ms = frame_ms
        self._pending: list[TraceBatch] = []
        self.records_emitted = 0
        self.batches_emitted = 0
        self.frames = FrameClock(frame_ms=frame_ms, clock=clock, drive=drive, parent=self)
        """The app's one frame clock (see ``cartapp.qt.frame_clock``)."""
        self._bus_job = self.frames.register(
            "bus inbox", self._deliver, budget_ms=BUS_BUDGET_MS, urgent=True
        )
        self._records_job = self.frames.register("records batch", self._emit_records)
        self._wake.connect(self._on_wake, Qt.ConnectionType.QueuedConnection)
        bus.bind_to_current_thread()
        bus.set_waker(self._wake.emit)
        self.consumers: tuple[str, ...] = ()
        """The views behind the bridge, by name, in the order they were named."""
        self._subscription = bus.subscribe(fact_type, self._on_fact, name=BRIDGE_NAME)
        self._remove_tap = bus.tap(self._on_trace)
        self._unfollow: Callable[[], None] | None = None

    def add_consumers(self, *names: str) -> None:
        """Name views that follow this bridge's signals (each name once)."""
        self.consumers = (*self.consumers, *(n for n in names if n not in self.consumers))

    def consumers_of(self, envelope: Envelope) -> tuple[str, ...]:
        """Who consumes ``envelope``: its type's subscribers on the bus, the bridge replaced by
        the views behind it (the bridge itself when none is named)."""
        out: list[str] = []
        for sub in self.bus.subscribers(type(envelope.event)):
            if sub.name == BRIDGE_NAME and self.consumers:
                out.extend(self.consumers)
            else:
                out.append(sub.name)
        return tuple(dict.fromkeys(out))

    def follow(self, service: CartService) -> None:
        """Re-emit ``service``'s changes as ``cart_changed`` (it runs on the bus's thread)."""
        if self._unfollow is not None:
            self._unfollow()
        self._unfollow = service.watch(self._on_cart)

    def _on_cart(self, change: CartChanged) -> None:
        self.cart_changed.emit(change)

    def close(self) -> None:
        """Detach from the bus (the bus keeps running without the bridge)."""
        self.frames.stop()
        self.bus.set_waker(None)
        self._subscription.cancel()
        self._remove_tap()
        if self._unfollow is not None:
            self._unfollow()
            self._unfollow = None

    @Slot()
    def _on_wake(self) -> None:
        self._bus_job.request()

    def _deliver(self, _deadline: float) -> bool:
        self.bus.process_pending(BUS_BUDGET_MS)
        return self.bus.backlog > 0  # more waits: another turn, and the frame clock is flooded

    def _on_fact(self, envelope: Envelope) -> None:
        self.fact_published.emit(envelope)

    def _on_trace(self, batch: TraceBatch) -> None:
        self._pending.append(batch)
        self._records_job.request()

    @Slot()
    def flush(self) -> None:
        """Run one frame now, due or not: the buffered records are emitted and the views
        registered with ``frames`` take them (tests, exports and shutdown call it)."""
        self.frames.tick(force=True)

    def _emit_records(self, _deadline: float) -> None:
        pending, self._pending = self._pending, []
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
        """In how many ms the pending records are emitted, or None if none are buffered."""
        if not self._records_job.requested:
            return None
        wait = self._records_job.due_at() - self.frames.now()
        return round(wait * 1000.0) if wait > 0 else 0

    def __repr__(self) -> str:
        return f"QtBridge(frame_ms={self.frame_ms}, emitted={self.records_emitted})"
