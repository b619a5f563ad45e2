"""Does the metrics panel slow the app? The click -> log row latency and the worker-thread burst,
each with the metrics panel and flow view shown and closed, in the same run (target: < 10 %)."""

from __future__ import annotations

import statistics
import sys

from cartapp.bench.common import Table
from cartapp.qt.bench.ui import _app, _click_with_app, click_table, percentile, run_burst

__all__ = ["main"]


def _burst_rows(rate: int, seconds: float, repeats: int) -> Table:
    table = Table(
        f"Burst with the metrics panel shown vs closed: {rate:,} commands/s for {seconds:g} s, "
        f"median of {repeats} runs each (target: < 10 % difference)",
        ["metrics + flow", "gap p50 ms", "gap p99 ms", "accounted", "p99 shown / closed"],
    )
    p99: dict[bool, list[float]] = {True: [], False: []}
    p50: dict[bool, list[float]] = {True: [], False: []}
    ok = {True: True, False: True}
    for _ in range(repeats):
        for shown in (False, True):
            run = run_burst(rate, seconds, dock=True, freeze=True, metrics=shown)
            p99[shown].append(percentile(run.gaps_ms, 99))
            p50[shown].append(statistics.median(run.gaps_ms))
            ok[shown] = ok[shown] and run.accounted
    closed = statistics.median(p99[False])
    for shown in (False, True):
        mid = statistics.median(p99[shown])
        table.add(
            "shown" if shown else "closed",
            f"{statistics.median(p50[shown]):.1f}",
            f"{mid:.1f}",
            "yes" if ok[shown] else "NO",
            f"{mid / closed:.2f}x" if closed else "-",
        )
    return table


def main(quick: bool = False) -> None:
    _app()
    clicks = 60 if quick else 200
    runs = {shown: _click_with_app(clicks, metrics=shown) for shown in (False, True)}
    for shown in (False, True):
        click_table(*runs[shown]).print()
    closed = percentile(runs[False][2], 99)
    shown_p99 = percentile(runs[True][2], 99)
    summary = Table(
        "Click -> log row p99 with the metrics panel shown vs closed (target: < 10 %)",
        ["metrics + flow closed ms", "shown ms", "shown / closed"],
    )
    summary.add(f"{closed:.2f}", f"{shown_p99:.2f}", f"{shown_p99 / closed:.2f}x")
    summary.print()
    _burst_rows(10_000, 2.0 if quick else 5.0, 1 if quick else 3).print()


if __name__ == "__main__":
    main(quick="--quick" in sys.argv[1:])
