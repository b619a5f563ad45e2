"""Bus benchmark: ns per message, bus vs psygnal, pyee, Qt direct signals and a plain loop.

Cross-thread delivery through the Qt bridge is measured in ``cartapp.qt.bench.signals``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cartapp.bench.common import Table, time_per_op_ns
from cartapp.bus import EventBus

__all__ = ["run_per_message"]


def _noop(*_args: Any) -> None:
    return None


def _handlers(count: int) -> list[Any]:
    # distinct function objects, as real subscribers would be
    return [(lambda *_a: None) for _ in range(count)]


def _bus_body(count: int, mode: str) -> Any:
    bus = EventBus()
    if mode == "tap":
        bus.tap(_noop)
    elif mode == "records":
        bus.tap(lambda batch: batch.records)
    for fn in _handlers(count):
        bus.subscribe(object, fn)
    publish = bus.publish

    def body(n: int) -> None:
        for i in range(n):
            publish(i)

    return body


def _psygnal_body(count: int) -> Any:
    import psygnal

    class Emitter:
        changed = psygnal.Signal(object)

    emitter = Emitter()
    for fn in _handlers(count):
        emitter.changed.connect(fn)
    emit = emitter.changed.emit

    def body(n: int) -> None:
        for i in range(n):
            emit(i)

    return body


def _pyee_body(count: int) -> Any:
    from pyee import EventEmitter

    ee = EventEmitter()
    for fn in _handlers(count):
        ee.on("event", fn)
    emit = ee.emit

    def body(n: int) -> None:
        for i in range(n):
            emit("event", i)

    return body


def _loop_body(count: int) -> Any:
    handlers = _handlers(count)

    def body(n: int) -> None:
        for i in range(n):
            for h in handlers:
                h(i)

    return body


def run_per_message(
    n: int = 100_000,
    repeats: int = 5,
    qt_direct_body: Callable[[int], Callable[[int], None]] | None = None,
) -> Table:
    """Per-message cost of each subscriber kind. ``qt_direct_body`` makes the Qt reference's
    body (``cartapp.qt.bench.signals.qt_direct_body``: it lives in the Qt zone, so the runner
    hands it in); without it the Qt row is left out."""
    table = Table(
        f"Per message, ns (median of {repeats} x {n:,} messages)",
        ["subscriber", "1 handler", "10 handlers", "ratio to psygnal (1 / 10)"],
    )
    rows: dict[str, list[float]] = {}
    makers: dict[str, Callable[[int], Callable[[int], None]]] = {
        "plain Python loop": _loop_body,
        "psygnal Signal.emit": _psygnal_body,
        "pyee EventEmitter.emit": _pyee_body,
    }
    if qt_direct_body is not None:
        makers["Qt Signal(object).emit, direct"] = qt_direct_body
    makers |= {
        "EventBus, no tap": lambda c: _bus_body(c, "none"),
        "EventBus + stage tracing (tap)": lambda c: _bus_body(c, "tap"),
        "EventBus + tracing + StageRecords made": lambda c: _bus_body(c, "records"),
    }
    for name, make in makers.items():
        rows[name] = [time_per_op_ns(n, make(c), repeats) for c in (1, 10)]
    ref = rows["psygnal Signal.emit"]
    for name, (one, ten) in rows.items():
        table.add(name, f"{one:,.0f}", f"{ten:,.0f}", f"{one / ref[0]:.2f} / {ten / ref[1]:.2f}")
    return table
