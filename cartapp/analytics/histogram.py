"""``LogHistogram``: latency percentiles in bounded memory, O(1) per observation.

A log-bucketed histogram (the DDSketch idea): a value ``x > 0`` goes into bucket
``i = ceil(log_g(x))``, which covers ``(g**(i-1), g**i]``, with ``g = (1 + a) / (1 - a)`` for a
relative accuracy ``a``. A quantile is answered with the representative ``2 * g**i / (g + 1)`` of
the bucket holding the sample of that rank, rounded to an integer and clamped to the exact
``[min, max]`` seen; the first and last ranks are the exact ``min`` and ``max``.

Documented error: for the nearest-rank quantile (the sample ``x`` of rank ``ceil(q * n)`` in sorted
order), the answer is within ``a * x + 0.5`` of ``x`` (relative error ``a``, default 1%, plus the
rounding to whole nanoseconds). Zero (and negative values, clamped to zero) are kept exactly in
their own bucket.

Memory: at most one bucket per ``g``-fold range of values; for nanosecond values below ``2**63``
and ``a = 1%`` that is at most 2,184 buckets, however many values are observed. Observing is one
``math.log`` and one dict update; a quantile query sorts the bucket indexes (done at refresh time,
not per event).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["DEFAULT_RELATIVE_ERROR", "LogHistogram", "Percentiles"]

DEFAULT_RELATIVE_ERROR = 0.01

_log = math.log
_ceil = math.ceil


@dataclass(frozen=True, slots=True)
class Percentiles:
    """Summary of one histogram, in the unit of the observed values (nanoseconds here).

    ``p50``/``p95``/``p99`` are estimates (see ``LogHistogram``); ``count``, ``min``, ``max`` and
    ``mean`` are exact. All are 0 when ``count`` is 0.
    """

    count: int
    min: int
    p50: int
    p95: int
    p99: int
    max: int
    mean: float


class LogHistogram:
    """Counts of values in logarithmic buckets; see the module docstring for the error bound."""

    __slots__ = ("_buckets", "_gamma", "_inv_log_gamma", "count", "max", "min", "total", "zeros")

    def __init__(self, relative_error: float = DEFAULT_RELATIVE_ERROR) -> None:
        if not 0.0 < relative_error < 1.0:
            raise ValueError(f"relative_error must be in (0, 1), not {relative_error!r}")
        self._gamma = (1.0 + relative_error) / (1.0 - relative_error)
        self._inv_log_gamma = 1.0 / math.log(self._gamma)
        self._buckets: dict[int, int] = {}
        self.zeros = 0
        self.count = 0
        self.total = 0
        self.min = 0
        self.max = 0

    @property
    def relative_error(self) -> float:
        g = self._gamma
        return (g - 1.0) / (g + 1.0)

    @property
    def bucket_count(self) -> int:
        """How many buckets are in use (the memory bound of the module docstring)."""
        return len(self._buckets) + (1 if self.zeros else 0)

    def add(self, value: int) -> None:
        """Observe one value (negative values count as 0)."""
        if value <= 0:
            value = 0
            self.zeros += 1
        else:
            index = _ceil(_log(value) * self._inv_log_gamma)
            buckets = self._buckets
            buckets[index] = buckets.get(index, 0) + 1
        if self.count:
            if value < self.min:
                self.min = value
            elif value > self.max:
                self.max = value
        else:
            self.min = self.max = value
        self.count += 1
        self.total += value

    def extend(self, values: Iterable[int]) -> None:
        """Observe many values at once: the same result as ``add`` on each, in about half the
        time (the bucket indexes are computed and counted by C-level ``map``/``Counter``)."""
        clamped = [v if v > 0 else 0 for v in values]
        if not clamped:
            return
        low, high = min(clamped), max(clamped)
        if self.count:
            self.min = min(self.min, low)
            self.max = max(self.max, high)
        else:
            self.min, self.max = low, high
        self.count += len(clamped)
        self.total += sum(clamped)
        positive = [v for v in clamped if v]
        self.zeros += len(clamped) - len(positive)
        buckets = self._buckets
        indexes = Counter(map(_ceil, map(self._inv_log_gamma.__mul__, map(_log, positive))))
        for index, n in indexes.items():
            buckets[index] = buckets.get(index, 0) + n

    def quantiles(self, qs: Sequence[float]) -> list[int]:
        """Nearest-rank quantiles for ``qs`` (each in [0, 1]) in one pass; all 0 when empty."""
        n = self.count
        if n == 0:
            return [0 for _ in qs]
        ranks = [min(n, max(1, math.ceil(q * n))) for q in qs]
        order = sorted(range(len(qs)), key=ranks.__getitem__)
        out = [0] * len(qs)
        k = 0
        seen = self.zeros
        while k < len(order) and ranks[order[k]] <= seen:
            out[order[k]] = 0
            k += 1
        if k < len(order):
            g = self._gamma
            for index in sorted(self._buckets):
                seen += self._buckets[index]
                while k < len(order) and ranks[order[k]] <= seen:
                    rank = ranks[order[k]]
                    if rank == n:
                        out[order[k]] = self.max
                    elif rank == 1:
                        out[order[k]] = self.min
                    else:
                        estimate = round(2.0 * g**index / (g + 1.0))
                        out[order[k]] = min(self.max, max(self.min, estimate))
                    k += 1
                if k == len(order):
                    break
        return out

    def quantile(self, q: float) -> int:
        return self.quantiles((q,))[0]

    def summary(self) -> Percentiles:
        p50, p95, p99 = self.quantiles((0.5, 0.95, 0.99))
        mean = self.total / self.count if self.count else 0.0
        return Percentiles(self.count, self.min, p50, p95, p99, self.max, mean)

    def __repr__(self) -> str:
        return f"LogHistogram(count={self.count}, buckets={self.bucket_count})"
