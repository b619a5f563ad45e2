"""``RateWindow``: events per second over the last minute, in a ring of 1-second buckets.

Each bucket remembers which second (``floor(timestamp)``) it counts. Adding an event whose
second differs from the bucket's resets that bucket first, so a bucket never mixes two seconds and
nothing is ever rescanned: O(1) per event, fixed memory. An event older than the window (more than
``seconds - 1`` seconds before the newest one seen) is counted in ``late`` and otherwise ignored.
"""

from __future__ import annotations

import math

__all__ = ["RateWindow"]


class RateWindow:
    """Counts per wall-clock second for the last ``seconds`` seconds."""

    __slots__ = ("_counts", "_stamps", "late", "latest", "seconds", "total")

    def __init__(self, seconds: int = 60) -> None:
        if seconds < 1:
            raise ValueError(f"seconds must be >= 1, not {seconds!r}")
        self.seconds = seconds
        self._counts = [0] * seconds
        self._stamps = [-1] * seconds
        self.latest: int | None = None
        """The newest second seen (None before the first event)."""
        self.total = 0
        self.late = 0

    def add(self, timestamp: float, n: int = 1) -> None:
        """Count ``n`` events at ``timestamp`` (seconds since the epoch)."""
        second = math.floor(timestamp)
        latest = self.latest
        if latest is None or second > latest:
            self.latest = latest = second
        elif second <= latest - self.seconds:
            self.late += n
            return
        self.total += n
        slot = second % self.seconds
        if self._stamps[slot] != second:
            self._stamps[slot] = second
            self._counts[slot] = n
        else:
            self._counts[slot] += n

    def count_at(self, second: int) -> int:
        slot = second % self.seconds
        return self._counts[slot] if self._stamps[slot] == second else 0

    def series(self, end: float | None = None) -> list[tuple[int, int]]:
        """``(second, count)`` for the ``seconds`` seconds ending at ``end``, oldest first.

        ``end`` defaults to the newest second seen (a live chart passes ``time.time()`` so the
        window keeps moving when nothing happens). Empty before the first event with no ``end``.
        """
        if end is None:
            if self.latest is None:
                return []
            last = self.latest
        else:
            last = math.floor(end)
        first = last - self.seconds + 1
        return [(s, self.count_at(s)) for s in range(first, last + 1)]

    def per_second(self, end: float | None = None) -> float:
        """Mean events per second over the window ending at ``end``."""
        series = self.series(end)
        return sum(c for _, c in series) / self.seconds if series else 0.0

    def reset(self) -> None:
        self._counts = [0] * self.seconds
        self._stamps = [-1] * self.seconds
        self.latest = None
        self.total = 0
        self.late = 0

    def __repr__(self) -> str:
        return f"RateWindow(seconds={self.seconds}, latest={self.latest}, total={self.total})"
