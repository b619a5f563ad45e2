"""Bus benchmark: ns per message, bus vs psygnal, pyee, Qt direct signals and a plain loop; and
cross-thread delivery through the Qt bridge vs raw Qt queued signals."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from cartapp.bench.common import Table, median_of, time_per_op_ns
from cartapp.bus import EventBus

__all__ = ["run_cross_thread", "run_per_message"]


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


def _qt_body(count: int) -> Any:
    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        changed = Signal(object)

    emitter = Emitter()
    for fn in _handlers(count):
        emitter.changed.connect(fn)
    emit = emitter.changed.emit
    _qt_body.keep = emitter  # type: ignore[attr-defined]

    def body(n: int) -> None:
        for i in range(n):
            emit(i)

    return body


def _loop_body(count: int) -> Any:
    handlers = _handlers(count)

    def body(n: int) -> None:
        for i in range(n):
            for h in handlers:
                h(i)

    return body


def run_per_message(n: int = 100_000, repeats: int = 5) -> Table:
    table = Table(
        f"Per message, ns (median of {repeats} x {n:,} messages)",
        ["subscriber", "1 handler", "10 handlers", "ratio to psygnal (1 / 10)"],
    )
    rows: dict[str, list[float]] = {}
    makers: dict[str, Callable[[int], Callable[[int], None]]] = {
        "plain Python loop": _loop_body,
        "psygnal Signal.emit": _psygnal_body,
        "pyee EventEmitter.emit": _pyee_body,
        "Qt Signal(object).emit, direct": _qt_body,
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


def _qt_queued_rate(n: int) -> float:
    from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

    class Emitter(QObject):
        sent = Signal(object)

    class Receiver(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def on_sent(self, _value: object) -> None:
            self.count += 1

    app = QCoreApplication.instance()
    assert app is not None
    emitter, receiver = Emitter(), Receiver()
    emitter.sent.connect(receiver.on_sent, Qt.ConnectionType.QueuedConnection)

    def worker() -> None:
        emit = emitter.sent.emit
        for i in range(n):
            emit(i)

    t0 = time.perf_counter()
    thread = threading.Thread(target=worker)
    thread.start()
    while receiver.count < n:
        app.processEvents()
    elapsed = time.perf_counter() - t0
    thread.join()
    emitter.sent.disconnect(receiver.on_sent)
    return n / elapsed


def _bridge_rate(n: int) -> float:
    from PySide6.QtCore import QCoreApplication

    from cartapp.qt.bridge import QtBridge

    app = QCoreApplication.instance()
    assert app is not None
    bus = EventBus()
    bridge = QtBridge(bus, fact_type=int)
    got = [0]

    def on_fact(_env: object) -> None:
        got[0] += 1

    bridge.fact_published.connect(on_fact)

    def worker() -> None:
        publish = bus.publish
        for i in range(n):
            publish(i, source="worker")

    t0 = time.perf_counter()
    thread = threading.Thread(target=worker)
    thread.start()
    while got[0] < n:
        app.processEvents()
    elapsed = time.perf_counter() - t0
    thread.join()
    bridge.flush()
    bridge.close()
    return n / elapsed


def run_cross_thread(n: int = 100_000, repeats: int = 5) -> Table:
    table = Table(
        f"Worker thread -> GUI thread, messages/s (median of {repeats} x {n:,})",
        ["path", "messages/s", "ratio to raw Qt queued"],
    )
    raw = median_of(repeats, lambda: _qt_queued_rate(n))
    bridged = median_of(repeats, lambda: _bridge_rate(n))
    table.add("raw Qt queued Signal(object)", f"{raw:,.0f}", "1.00")
    table.add(
        "bus.publish -> QtBridge.fact_published (traced)", f"{bridged:,.0f}", f"{bridged / raw:.2f}"
    )
    return table
