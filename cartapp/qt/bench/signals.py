"""Qt references for the bus benchmark: a direct ``Signal(object).emit`` per message, and
worker-thread -> GUI-thread delivery, raw queued signals vs ``bus.publish`` through the bridge."""

from __future__ import annotations

import threading
import time
from typing import Any

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

from cartapp.bench.common import Table, median_of
from cartapp.bus import EventBus
from cartapp.qt.bridge import QtBridge

__all__ = ["PYSIDE_VERSION", "application", "qt_direct_body", "run_cross_thread"]


def application() -> QCoreApplication:
    """The process's QApplication (made offscreen-capable by the caller's environment)."""
    return QApplication.instance() or QApplication(["cartapp-bench"])


def _handlers(count: int) -> list[Any]:
    return [(lambda *_a: None) for _ in range(count)]


def qt_direct_body(count: int) -> Any:
    class Emitter(QObject):
        changed = Signal(object)

    emitter = Emitter()
    for fn in _handlers(count):
        emitter.changed.connect(fn)
    emit = emitter.changed.emit
    qt_direct_body.keep = emitter  # type: ignore[attr-defined]

    def body(n: int) -> None:
        for i in range(n):
            emit(i)

    return body


def _qt_queued_rate(n: int) -> float:
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
