"""``Inbox``: what other threads hand to the bus's owner thread, and how it is woken for it.

Two kinds of item (``Item``), told apart by type: an ``Envelope`` (a message published from
another thread; it is not wrapped, a flood puts one per message) and a ``Finished`` (an async
handler's outcome from the worker pool). Appending is thread-safe (``deque.append``); the owner
thread takes items in FIFO order.

Waking is coalesced: ``put`` calls ``wake()`` only while no wake-up is outstanding, and ``wake``
calls the *waker* (the Qt bridge posts one queued call to the GUI thread) once until the owner's
``process_pending`` starts its turn (``woken``). ``put`` reads the flag without the lock: if it
reads a stale "outstanding", the item was appended before the owner cleared the flag, so the
owner's turn, which looks at the items after clearing it, finds the item. ``wait()`` lets an
owner without a waker sleep until something arrives.

``slice`` is how many items one ``process_pending`` step takes: ``adapt`` halves it after a step
that ran over its budget and doubles it after one that took under half of it while taking a full
slice, between ``MIN_SLICE`` and ``MAX_SLICE``.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, Union

if TYPE_CHECKING:
    from cartapp.bus.envelope import Envelope
    from cartapp.bus.registry import Subscription

__all__ = ["MAX_SLICE", "MIN_SLICE", "Finished", "Inbox", "Item"]

MIN_SLICE, MAX_SLICE = 4, 16_384


class Finished(NamedTuple):
    """An async handler's outcome: ``result`` (or ``error``), run from ``t0`` to ``t1`` (ns)."""

    subscription: Subscription
    envelope: Envelope
    result: list[Any] | None
    error: BaseException | None
    t0: int
    t1: int


Item = Union["Envelope", Finished]
"""What the inbox holds: a published envelope, or an async handler's outcome."""


class Inbox:
    """See the module docstring."""

    __slots__ = ("_lock", "_scheduled", "_signal", "items", "slice", "waker")

    def __init__(self) -> None:
        self.items: deque[Item] = deque()
        """What is waiting, oldest first (read it to see whether anything is; ``put`` to add)."""
        self._lock = threading.Lock()
        self._scheduled = False
        self._signal = threading.Event()
        self.waker: Callable[[], None] | None = None
        self.slice = 256

    def __len__(self) -> int:
        return len(self.items)

    def put(self, item: Item) -> None:
        """Hand ``item`` to the owner thread and wake it (from any thread)."""
        self.items.append(item)
        if not self._scheduled:
            self.wake()

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
