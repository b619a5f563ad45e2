"""``Tracer``: the stage entries of one run-to-completion step, and the taps that get them.

While a step runs, the bus notes compact entries (``cartapp.bus.stages``: a dispatch with its
handlers' times, a late handler outcome, a consumed message); at the end of the step ``flush``
hands them to every tap as one ``TraceBatch``. Nothing is noted while no tap is listening
(``on`` is False). A tap that raises is logged and ignored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from cartapp.bus.stages import TraceBatch

__all__ = ["Tap", "Tracer"]

log = logging.getLogger(__name__)

Tap = Callable[[TraceBatch], object]


class Tracer:
    """See the module docstring; ``entries`` is appended to by the bus while ``on``."""

    __slots__ = ("_taps", "entries", "on")

    def __init__(self) -> None:
        self._taps: tuple[Tap, ...] = ()
        self.entries: list[tuple[Any, ...]] = []
        self.on = False

    def tap(self, listener: Tap) -> Callable[[], None]:
        self._taps = (*self._taps, listener)
        self.on = True

        def remove() -> None:
            self._taps = tuple(t for t in self._taps if t is not listener)
            self.on = bool(self._taps)

        return remove

    def flush(self) -> None:
        entries = self.entries
        if not entries:
            return
        self.entries = []
        batch = TraceBatch(entries)
        for tap in self._taps:
            try:
                tap(batch)
            except Exception:
                log.exception("stage tap %r failed", tap)
