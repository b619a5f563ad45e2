"""``Inbox``: what other threads hand to the bus's owner thread, and how it is woken for it.

Two kinds of item, told apart by type: ``Published`` (an envelope published from another thread)
and ``Finished`` (an async handler's outcome from the worker pool). Appending is thread-safe
(``deque.append``); the owner thread takes items in FIFO order.

Waking is coalesced: ``wake()`` calls the *waker* (the Qt bridge posts one queued call to the
GUI thread) only if no wake-up is outstanding; the owner's ``process_pending`` clears the flag
when it starts. ``wait()`` lets an owner without a waker sleep until something arrives.

``slice`` is how many items one ``process_pending`` step takes: ``adapt`` halves it after a step
that ran over its budget and doubles it after one that took under half of it while taking a full
slice, between ``MIN_SLICE`` and ``MAX_SLICE``.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from cartapp.bus.envelope import Envelope
    from cartapp.bus.registry import Subscription

__all__ = ["MAX_SLICE", "MIN_SLICE", "Finished", "Inbox", "Published"]

MIN_SLICE, MAX_SLICE = 4, 16_384


class Published(NamedTuple):
    """An envelope published from another thread, to be delivered on the owner thread."""

    envelope: Envelope


class Finished(NamedTuple):
    """An async handler's outcome: ``result`` (or ``error``), run from ``t0`` to ``t1`` (ns)."""

    subscription: Subscription
    envelope: Envelope
    result: list[Any] | None
    error: BaseException | None
    t0: int
    t1: int


class Inbox:
    """See the module docstring."""

    __slots__ = ("_lock", "_scheduled", "_signal", "items", "slice", "waker")

    def __init__(self) -> None:
        self.items: deque[Published | Finished] = deque()
        """What is waiting, oldest first (read it to see whether anything is; ``put`` to add)."""
        self._lock = threading.Lock()
        self._scheduled = False
        self._signal = threading.Event()
        self.waker: Callable[[], None] | None = None
        self.slice = 256

    def __len__(self) -> int:
        return len(self.items)

    def put(self, item: Published | Finished) -> None:
        """Hand ``item`` to the owner thread and wake it (from any thread)."""
        self.items.append(item)
        self.wake()

    def take(self) -> Published | Finished:
        return self.items.popleft()

    def wake(self) -> None:
        with self._lock:
            if self._scheduled:
                return
            self._scheduled = True
        self._signal.set()
        waker = self.waker
        if waker is not None:
            waker()

    def woken(self) -> None:
        """The owner thread has started a turn: the next ``put`` wakes it again."""
        with self._lock:
            self._scheduled = False

    def wait(self, timeout: float) -> None:
        """Sleep until something is put (or woken), or ``timeout`` seconds passed."""
        self._signal.clear()
        if not self.items:
            self._signal.wait(timeout)

    def adapt(self, took: float, budget: float, done: int, limit: int) -> None:
        if took > budget:
            self.slice = max(MIN_SLICE, limit // 2)
        elif took < budget / 2 and done >= limit:
            self.slice = min(MAX_SLICE, limit * 2)
