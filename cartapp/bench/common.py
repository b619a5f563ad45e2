"""Timing helpers shared by the benchmarks: medians of repeats and a plain-text table."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Sequence

__all__ = ["Table", "median_of", "time_per_op_ns"]


def median_of(repeats: int, fn: Callable[[], float]) -> float:
    """Run ``fn`` ``repeats`` times (it returns one measurement) and return the median."""
    return statistics.median(fn() for _ in range(repeats))


def time_per_op_ns(n: int, body: Callable[[int], None], repeats: int = 5) -> float:
    """Median over ``repeats`` of (time to run ``body(n)``) / n, in nanoseconds."""

    def once() -> float:
        gc.collect()
        t0 = time.perf_counter_ns()
        body(n)
        return (time.perf_counter_ns() - t0) / n

    return median_of(repeats, once)


class Table:
    """Rows of text cells printed with aligned columns."""

    def __init__(self, title: str, headers: Sequence[str]) -> None:
        self.title = title
        self.headers = list(headers)
        self.rows: list[list[str]] = []

    def add(self, *cells: object) -> None:
        self.rows.append([c if isinstance(c, str) else f"{c}" for c in cells])

    def render(self) -> str:
        widths = [len(h) for h in self.headers]
        for row in self.rows:
            widths = [max(w, len(c)) for w, c in zip(widths, row, strict=False)]
        line = "  ".join("-" * w for w in widths)
        out = [
            f"## {self.title}",
            "",
            "  ".join(h.ljust(w) for h, w in zip(self.headers, widths, strict=False)),
            line,
        ]
        for row in self.rows:
            out.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)))
        return "\n".join(out) + "\n"

    def print(self) -> None:
        print(self.render(), flush=True)
