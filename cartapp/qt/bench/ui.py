"""UI benchmarks: a burst of traffic against the event log, click-to-log latency, start-up time.

Each figure is printed beside a reference measured in the same run; nothing here passes or fails.

- **Burst**: a worker thread publishes paced cart commands (10,000/s for 5 s) through the bus,
  the ``CartService`` and the ``QtBridge`` into a shown ``EventLogDock``, while a GUI-thread
  ``QTimer`` ticks every 5 ms; the gaps between ticks show how responsive the GUI stayed (target:
  p99 under 50 ms). Reference: the same burst with no log dock (the bridge's batches are only
  counted), and the timer with no traffic at all. A second dock run calls ``gc.freeze()`` after
  set-up: the long gaps are mostly full garbage collections walking every object made at
  start-up, and this row shows what freezing them would buy. It also checks that every record
  the bridge emitted reached the log's counters.
- **Click latency**: with the real main window (``cartapp.app.build``), ``QTest`` clicks
  ``addToCartButton``; timed until the cart view's model changed and the log's model holds the
  click's ``consumed`` row, and until the log view starts to repaint (target: p99 under 16 ms).
  Without ``app.build`` it times publish -> log row on a bare dock, and says so.
- **Start-up**: a fresh ``python -c`` that builds the app, shows the window and exits right after
  the first paint, against one that only shows an empty ``QMainWindow`` (target: at most 3x).
  The title says whether ``PYTHONDONTWRITEBYTECODE`` is set: then, in a tree without
  ``__pycache__``, every start compiles cartapp's modules again; a third row starts with the
  bytecode kept in a scratch ``PYTHONPYCACHEPREFIX``, as an installed app starts.

Run alone with ``python -m cartapp.qt.bench.ui [--quick]``; everything uses the offscreen platform.
"""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QMainWindow,
)

from cartapp.bench.common import Table
from cartapp.bus import EventBus
from cartapp.bus.stages import Stage
from cartapp.domain.catalog import Catalog
from cartapp.domain.events import AddItem, ClearCart, Command, RemoveItem, UpdateItem
from cartapp.domain.names import UI_SOURCE
from cartapp.handlers import CartService, handler_failed
from cartapp.paths import resource_path
from cartapp.qt.bridge import QtBridge
from cartapp.qt.widgets.event_log import EventLogDock

__all__ = [
    "BurstResult",
    "main",
    "percentile",
    "run_burst",
    "run_click_latency",
    "run_startup",
]

TICK_MS = 5
_NONE = SimpleNamespace(stock=0)


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0..100) by nearest rank; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100.0 * len(ordered) + 0.5) - 1))
    return float(ordered[rank])


def _app() -> QApplication:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    return QApplication(sys.argv[:1])


def _catalog() -> Catalog:
    return Catalog.from_json(resource_path("catalog.json").read_bytes())


def _churn_commands(catalog: Catalog) -> list[Command]:
    """Add 1, set to 3, remove 3, over ten stocked products: the cart never runs dry."""
    products = [p.id for p in catalog if p.stock >= 5][:10]
    commands: list[Command] = []
    for item in products:
        commands += [
            AddItem(item_id=item, quantity=1),
            UpdateItem(item_id=item, quantity=3),
            RemoveItem(item_id=item, quantity=3),
        ]
    return commands


def _spin(until: Callable[[], bool], timeout_s: float) -> bool:
    """Run the event loop until ``until()`` is true or the time is up."""
    app = _app()
    deadline = time.perf_counter() + timeout_s
    while not until():
        if time.perf_counter() > deadline:
            return False
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    return True


# -- burst --------------------------------------------------------------------------------------


@dataclass
class BurstResult:
    label: str
    published: int
    seconds: float
    gaps_ms: list[float] = field(default_factory=list)
    records_emitted: int = 0
    records_seen: int = 0
    rows_kept: int = 0
    batches: int = 0
    inserts: int = 0
    drain_ms: float = 0.0

    @property
    def rate(self) -> float:
        return self.published / self.seconds if self.seconds else 0.0

    @property
    def accounted(self) -> bool:
        return self.records_seen == self.records_emitted


def _paced_worker(
    bus: EventBus, commands: list[Command], rate: int, total: int, sent: list[int], name: str
) -> threading.Thread:
    """A thread that publishes ``total`` commands at ``rate`` per second (``sent[0]`` counts)."""

    def publish() -> None:
        t0 = time.perf_counter()
        i = 0
        while i < total:
            due = min(total, int((time.perf_counter() - t0) * rate) + 1)
            while i < due:
                bus.publish(commands[i % len(commands)], source="bench")
                i += 1
            sent[0] = i
            time.sleep(0.001)

    return threading.Thread(target=publish, name=name, daemon=True)


def _gap_timer(gaps: list[float]) -> QTimer:
    """A GUI-thread timer every ``TICK_MS`` that appends the gap since its last tick (ms)."""
    last = [0.0]

    def tick() -> None:
        now = time.perf_counter()
        if last[0]:
            gaps.append((now - last[0]) * 1000.0)
        last[0] = now

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    return timer


def run_burst(
    rate: int,
    seconds: float,
    *,
    dock: bool = True,
    traffic: bool = True,
    freeze: bool = False,
    metrics: bool = False,
) -> BurstResult:
    """Publish ``rate`` commands/s for ``seconds`` from a worker thread; time the GUI's ticks.

    ``dock=False`` only counts the bridge's batches; ``traffic=False`` runs the timer alone;
    ``freeze=True`` calls ``gc.freeze()`` once everything is set up (the objects made so far are
    then never scanned again by the cyclic garbage collector); ``metrics=True`` also shows the
    metrics panel and the flow view beside the log, fed by the same bridge.
    """
    app = _app()
    gc.collect()
    catalog = _catalog()
    bus = EventBus(failure_fact=handler_failed)
    CartService(catalog).attach(bus)
    bridge = QtBridge(bus)
    window = QMainWindow()
    window.setWindowTitle("burst")
    log: EventLogDock | None = None
    seen = [0]
    if dock:
        log = EventLogDock(bridge, window)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, log)
    else:
        bridge.records_batch.connect(lambda batch: seen.__setitem__(0, seen[0] + len(batch)))
    if metrics:
        _add_metrics_docks(window, bridge)
    window.resize(1200, 700)
    window.show()
    app.processEvents()

    commands = _churn_commands(catalog)
    total = int(rate * seconds) if traffic else 0
    sent = [0]
    if not traffic:
        label = "idle: timer alone, no traffic"
    elif dock:
        label = "log dock shown" + (", gc.freeze() after set-up" if freeze else "")
        label += ", metrics + flow shown" if metrics else ""
    else:
        label = "no log dock (bridge counts only)"

    gaps: list[float] = []
    timer = _gap_timer(gaps)
    worker = _paced_worker(bus, commands, rate, total, sent, "bench-burst")
    if freeze:
        gc.freeze()
    started = time.perf_counter()
    timer.start()
    if traffic:
        worker.start()
        _spin(lambda: not worker.is_alive(), seconds + 30)
    else:
        _spin(lambda: False, seconds)
    burst_s = time.perf_counter() - started
    timer.stop()

    def records_seen() -> int:
        return log.model.total if log is not None else seen[0]

    drained = time.perf_counter()
    _spin(
        lambda: (
            bus.idle and not bridge.pending_batches() and records_seen() == bridge.records_emitted
        ),
        10.0,
    )
    bridge.flush()
    result = BurstResult(
        label=label,
        published=sent[0],
        seconds=burst_s,
        gaps_ms=gaps,
        records_emitted=bridge.records_emitted,
        records_seen=records_seen(),
        rows_kept=log.model.kept if log is not None else 0,
        batches=bridge.batches_emitted,
        inserts=log.model.insert_batches if log is not None else 0,
        drain_ms=(time.perf_counter() - drained) * 1000.0,
    )
    if freeze:
        gc.unfreeze()
    bridge.close()
    bus.close()
    window.close()
    window.deleteLater()
    app.processEvents()
    return result


def _add_metrics_docks(window: QMainWindow, bridge: QtBridge) -> list[Any]:
    """The metrics panel and flow view, side by side with whatever is docked at the bottom."""
    from cartapp.analytics import FlowStats
    from cartapp.qt.widgets.flow import FlowDock
    from cartapp.qt.widgets.metrics import MetricsDock

    stats = FlowStats()
    metrics = MetricsDock(bridge, stats, parent=window)
    flow = FlowDock(bridge, stats, parent=window, feed=metrics.feed)
    for dock in (metrics, flow):
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.show()
    return [metrics, flow]


@dataclass
class AppBurst:
    """One burst against the app as shipped (``run_app_burst``)."""

    run: BurstResult
    handled: float
    """Commands stored per second over the whole run (the burst and the backlog after it)."""
    stored: int
    """Commands the store holds afterwards (every one the worker published, if all went well)."""

    @property
    def offered(self) -> float:
        return self.run.rate

    @property
    def ratio(self) -> float:
        return self.handled / self.offered if self.offered else 0.0

    @property
    def gap_p99(self) -> float:
        return percentile(self.run.gaps_ms, 99)

    @property
    def accounted(self) -> bool:
        return self.run.accounted and self.stored == self.run.published

    @property
    def kept_up(self) -> bool:
        """The goals: handled >= 0.95x offered, GUI gap p99 <= 50 ms, every record accounted."""
        return self.ratio >= 0.95 and self.gap_p99 <= 50.0 and self.accounted


def run_app_burst(rate: int, seconds: float) -> AppBurst:
    """The same burst against the app as shipped, through its public API only: ``build()`` on
    a scratch data directory (the SQLite store, every dock as the app lays them out, the
    stage-row writer), ``gc.freeze()`` as in ``main()``, commands published on ``app.bus`` from
    a worker thread. Afterwards the store's commands and the log's records are counted."""
    from cartapp.app import build

    qapp = _app()
    with tempfile.TemporaryDirectory(prefix="cartapp-bench-burst-") as scratch:
        app = build(scratch, restore_layout=False)
        app.window.resize(1400, 860)
        app.window.show()
        qapp.processEvents()
        log = app.docks["eventLogDock"]
        assert isinstance(log, EventLogDock)
        live = app.live
        assert live is not None
        commands = _churn_commands(app.catalog)
        total = int(rate * seconds)
        sent = [0]

        gaps: list[float] = []
        timer = _gap_timer(gaps)
        gc.freeze()
        worker = _paced_worker(app.bus, commands, rate, total, sent, "bench-app-burst")
        started = time.perf_counter()
        timer.start()
        worker.start()
        _spin(lambda: not worker.is_alive(), seconds + 60)
        burst_s = time.perf_counter() - started
        _spin(lambda: app.bus.idle and not app.bridge.pending_batches(), 120.0)
        timer.stop()
        whole_s = time.perf_counter() - started
        app.bridge.flush()
        log.flush()
        qapp.processEvents()
        result = BurstResult(
            label="the app as shipped (store, all docks)",
            published=sent[0],
            seconds=burst_s,
            gaps_ms=gaps,
            records_emitted=app.bridge.records_emitted,
            records_seen=log.model.total,
            rows_kept=log.model.kept,
            batches=app.bridge.batches_emitted,
            inserts=log.model.insert_batches,
            drain_ms=(whole_s - burst_s) * 1000.0,
        )
        stored = sum(1 for e in live.store.iter_events() if isinstance(e.envelope.event, Command))
        gc.unfreeze()
        app.window.settings = None
        app.close()
        qapp.processEvents()
    handled = stored / whole_s if whole_s else 0.0
    return AppBurst(result, handled, stored)


def _app_burst_table(rate: int, seconds: float, rates: Sequence[int], probe_s: float) -> Table:
    """The app at ``rate`` for ``seconds``, then the highest of ``rates`` it keeps up with
    (each for ``probe_s``, in order, until one misses a goal)."""
    table = Table(
        f"The app as shipped, all docks: commands/s offered from a worker thread (GUI timer "
        f"every {TICK_MS} ms; goals: handled >= 0.95x offered, gap p99 <= 50 ms, every record "
        "accounted; the reference is the rate offered, measured in the same run)",
        [
            "run",
            "offered/s",
            "handled/s",
            "handled/offered",
            "gap p50 ms",
            "gap p99 ms",
            "gap max ms",
            "backlog worked off ms",
            "records accounted",
            "goals met",
        ],
    )

    def add(label: str, burst: AppBurst) -> None:
        run = burst.run
        table.add(
            label,
            f"{burst.offered:,.0f}",
            f"{burst.handled:,.0f}",
            f"{burst.ratio:.2f}x",
            f"{statistics.median(run.gaps_ms):.1f}" if run.gaps_ms else "-",
            f"{burst.gap_p99:.1f}",
            f"{max(run.gaps_ms, default=0.0):.1f}",
            f"{run.drain_ms:.0f}",
            "yes" if burst.accounted else "NO",
            "yes" if burst.kept_up else "no",
        )

    add(f"{rate:,}/s for {seconds:g} s", run_app_burst(rate, seconds))
    best = 0
    for probe in rates:
        burst = run_app_burst(probe, probe_s)
        add(f"probe {probe:,}/s for {probe_s:g} s", burst)
        if not burst.kept_up:
            break
        best = probe
    sustained = f"{best:,}/s" if best else f"below {rates[0]:,}/s" if rates else "-"
    table.add("highest rate sustained", sustained, *[""] * 8)
    return table


def _burst_table(rate: int, seconds: float) -> Table:
    runs = [
        run_burst(rate, seconds, dock=True),
        run_burst(rate, seconds, dock=True, freeze=True),
        run_burst(rate, seconds, dock=False),
        run_burst(rate, min(seconds, 2.0), dock=False, traffic=False),
    ]
    reference = percentile(runs[2].gaps_ms, 99)
    table = Table(
        f"UI burst: {rate:,} commands/s for {seconds:g} s from a worker thread, "
        f"GUI timer every {TICK_MS} ms (target p99 gap < 50 ms)",
        [
            "setup",
            "commands/s",
            "gap p50 ms",
            "gap p99 ms",
            "gap max ms",
            "p99 / no dock",
            "records emitted",
            "records counted",
            "accounted",
            "bridge batches",
            "log inserts",
            "drain ms",
        ],
    )
    for run in runs:
        p99 = percentile(run.gaps_ms, 99)
        table.add(
            run.label,
            f"{run.rate:,.0f}",
            f"{statistics.median(run.gaps_ms):.1f}" if run.gaps_ms else "-",
            f"{p99:.1f}",
            f"{max(run.gaps_ms, default=0.0):.1f}",
            f"{p99 / reference:.2f}x" if reference else "-",
            f"{run.records_emitted:,}",
            f"{run.records_seen:,}",
            "yes" if run.accounted else "NO",
            f"{run.batches:,}",
            f"{run.inserts:,}" if run.inserts else "-",
            f"{run.drain_ms:.0f}",
        )
    return table


# -- click -> fact -> cart view -> log row -------------------------------------------------------


class _PaintWatch(QObject):
    """Notes when the first paint of a widget after ``arm()`` starts (``at``) and when the paint
    pass it belongs to is over (``done``: the next event-loop turn, all of it painted)."""

    def __init__(self) -> None:
        super().__init__()
        self.armed = False
        self.at = 0.0
        self.done = 0.0

    def arm(self) -> None:
        self.armed, self.at, self.done = True, 0.0, 0.0

    def _finished(self) -> None:
        self.done = time.perf_counter()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.armed and event.type() == QEvent.Type.Paint:
            self.at = time.perf_counter()
            self.armed = False
            QTimer.singleShot(0, self._finished)
        return False


def _click_with_app(
    clicks: int, metrics: bool | None = None
) -> tuple[str, list[float], list[float], list[float], list[float]]:
    """Click through the real main window; ``metrics`` True shows the metrics panel and flow
    view beside the log, False closes them, None keeps the app's default layout."""
    from cartapp.app import build  # imported here: the bench also runs without the app
    from cartapp.qt.models.catalog import PRODUCT_ID_ROLE

    with tempfile.TemporaryDirectory(prefix="cartapp-bench-") as scratch:
        app = build(scratch, restore_layout=False)
        window = app.window
        window.resize(1400, 860)
        window.show()
        qapp = _app()
        qapp.processEvents()
        catalog_view = window.findChild(QAbstractItemView, "catalogView")
        cart_view = window.findChild(QAbstractItemView, "cartView")
        button = window.findChild(QAbstractButton, "addToCartButton")
        log = app.docks.get("eventLogDock")
        if catalog_view is None or cart_view is None or button is None or log is None:
            raise LookupError("the main window lacks catalogView, cartView or addToCartButton")
        assert isinstance(log, EventLogDock)
        analytics = [
            d for d in app.docks.values() if d.objectName() in ("metricsPanel", "flowView")
        ]
        if metrics is not None:
            for extra in analytics:
                if metrics:
                    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, extra)
                    extra.show()
                else:
                    extra.hide()
            log.show()
            qapp.processEvents()
        log.view.viewport().installEventFilter(watch := _PaintWatch())
        products = catalog_view.model()
        stocked = [
            row
            for row in range(products.rowCount())
            if (app.catalog.get(products.index(row, 0).data(PRODUCT_ID_ROLE)) or _NONE).stock >= 2
        ][:10]

        t_cart = [0.0]
        t_log = [0.0]
        t0_ns = [0]

        def cart_changed(*_args: Any) -> None:
            if not t_cart[0]:
                t_cart[0] = time.perf_counter()

        cart_model = cart_view.model()
        for signal in (
            cart_model.rowsInserted,
            cart_model.dataChanged,
            cart_model.modelReset,
            cart_model.layoutChanged,
        ):
            signal.connect(cart_changed)

        def log_appended(count: int) -> None:
            if t_log[0]:
                return
            model = log.model
            for row in range(max(0, model.kept - count), model.kept):
                record = model.record(row)
                env = record.envelope
                if (
                    record.stage == Stage.CONSUMED
                    and env.source == UI_SOURCE
                    and env.created_ns >= t0_ns[0]
                ):
                    t_log[0] = time.perf_counter()
                    return

        log.model.records_appended.connect(log_appended)
        cart_ms: list[float] = []
        log_ms: list[float] = []
        paint_ms: list[float] = []
        painted_ms: list[float] = []
        warmup = 10
        for i in range(clicks + warmup):
            if i % len(stocked) == 0:
                app.bus.publish(ClearCart(), source="bench")
                _spin(lambda: app.bus.idle, 2.0)
                QTest.qWait(30)
            catalog_view.setCurrentIndex(catalog_view.model().index(stocked[i % len(stocked)], 0))
            QTest.qWait(20)  # a person clicks at most a few times a second: let frames pass
            t_cart[0] = t_log[0] = 0.0
            watch.arm()
            t0_ns[0] = time.perf_counter_ns()
            t0 = time.perf_counter()
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            _spin(lambda: bool(t_cart[0] and t_log[0] and watch.done), 2.0)
            if i >= warmup and t_cart[0] and t_log[0]:
                cart_ms.append((t_cart[0] - t0) * 1000.0)
                log_ms.append((t_log[0] - t0) * 1000.0)
                if watch.at and watch.done:
                    paint_ms.append((watch.at - t0) * 1000.0)
                    painted_ms.append((watch.done - t0) * 1000.0)
        app.window.settings = None  # keep the user's layout out
        app.close()
        qapp.processEvents()
    label = "click addToCartButton (main window)"
    if metrics is not None:
        label += ", metrics + flow " + ("shown" if metrics else "closed")
    return label, cart_ms, log_ms, paint_ms, painted_ms


def _click_without_app(
    clicks: int,
) -> tuple[str, list[float], list[float], list[float], list[float]]:
    catalog = _catalog()
    bus = EventBus(failure_fact=handler_failed)
    CartService(catalog).attach(bus)
    bridge = QtBridge(bus)
    window = QMainWindow()
    log = EventLogDock(bridge, window)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, log)
    window.resize(1200, 700)
    window.show()
    _app().processEvents()
    commands = _churn_commands(catalog)
    t_fact = [0.0]
    bridge.fact_published.connect(lambda _env: t_fact.__setitem__(0, time.perf_counter()))
    fact_ms: list[float] = []
    log_ms: list[float] = []
    for i in range(clicks):
        QTest.qWait(20)
        before = log.model.total
        t0 = time.perf_counter()
        bus.publish(commands[i % len(commands)], source=UI_SOURCE)
        _spin(lambda b=before: log.model.total >= b + 8, 2.0)  # type: ignore[misc]
        log_ms.append((time.perf_counter() - t0) * 1000.0)
        fact_ms.append((t_fact[0] - t0) * 1000.0)
    bridge.close()
    bus.close()
    window.close()
    return "publish from the GUI thread (no main window yet)", fact_ms, log_ms, [], []


def click_table(
    label: str,
    cart_ms: list[float],
    log_ms: list[float],
    paint_ms: list[float],
    painted_ms: list[float] | None = None,
) -> Table:
    table = Table(
        f"Click -> fact -> cart view -> log row: {label}, {len(log_ms)} clicks "
        "(goal: painted p99 <= 8 ms)",
        ["until", "p50 ms", "p99 ms", "max ms", "p99 / frame (16.7 ms)"],
    )
    rows = [("cart model changed", cart_ms), ("log has the consumed row", log_ms)]
    if paint_ms:
        rows.append(("log view starts painting", paint_ms))
    if painted_ms:
        rows.append(("log row painted (paint pass over)", painted_ms))
    for name, values in rows:
        p99 = percentile(values, 99)
        table.add(
            name,
            f"{statistics.median(values):.2f}" if values else "-",
            f"{p99:.2f}",
            f"{max(values, default=0.0):.2f}",
            f"{p99 / (1000 / 60):.2f}",
        )
    return table


def run_click_latency(clicks: int, metrics: bool | None = None) -> Table:
    """Click -> painted log row in the real main window; ``metrics`` True shows the metrics
    panel and the flow view beside the log, False closes them, None keeps the app's layout."""
    try:
        import cartapp.app as app_module

        has_build = hasattr(app_module, "build")
    except ImportError:
        has_build = False
    if has_build:
        return click_table(*_click_with_app(clicks, metrics))
    return click_table(*_click_without_app(clicks))


# -- one repaint of a full event-log viewport ----------------------------------------------------


def run_repaint(repeats: int) -> Table:
    """Time ``repaint()`` of the app's event-log viewport, full of rows, through public API.

    Rows as shipped (``LogCellDelegate``, style sheet scoped to the widgets that use it)
    against the reference of the same rows painted as before, in the same run and interleaved:
    a plain ``QStyledItemDelegate`` (Qt asks ``data()`` once per role per cell) under the
    app-wide style sheet. Also the plain delegate alone, to tell the two changes apart.
    """
    from PySide6.QtWidgets import QStyledItemDelegate

    from cartapp.app import build
    from cartapp.qt.style import stylesheet

    qapp = _app()
    with tempfile.TemporaryDirectory(prefix="cartapp-bench-repaint-") as scratch:
        app = build(scratch, restore_layout=False)
        app.window.resize(1400, 860)
        app.window.show()
        qapp.processEvents()
        log = app.docks["eventLogDock"]
        assert isinstance(log, EventLogDock)
        commands = _churn_commands(app.catalog)
        for i in range(600):
            app.bus.publish(commands[i % len(commands)], source="bench")
        app.bridge.flush()
        log.flush()
        qapp.processEvents()
        view = log.view
        viewport = view.viewport()
        shipped = view.itemDelegate()
        plain = QStyledItemDelegate(view)
        sheet = stylesheet(app.window.theme.is_dark if app.window.theme else False)
        was = qapp.styleSheet()

        def once() -> float:
            t0 = time.perf_counter()
            viewport.repaint()
            return (time.perf_counter() - t0) * 1000.0

        setups: dict[str, tuple[Any, str]] = {
            "as shipped": (shipped, was),
            "per-role delegate": (plain, was),
            "before: per-role delegate, app-wide style sheet": (plain, sheet),
        }
        times: dict[str, list[float]] = {name: [] for name in setups}
        for _ in range(repeats):
            for name, (delegate, app_sheet) in setups.items():
                if qapp.styleSheet() != app_sheet:
                    qapp.setStyleSheet(app_sheet)
                view.setItemDelegate(delegate)
                qapp.processEvents()
                once()  # warm: layout, caches
                times[name].append(min(once(), once()))
        qapp.setStyleSheet(was)
        view.setItemDelegate(shipped)
        top = view.rowAt(0)
        bottom = view.rowAt(viewport.height() - 1)
        rows = (bottom - top + 1) if top >= 0 and bottom >= 0 else 0
        app.window.settings = None
        app.close()
        qapp.processEvents()
    reference = statistics.median(times["before: per-role delegate, app-wide style sheet"])
    table = Table(
        f"One repaint of a full event-log viewport ({rows} rows x 7 columns, the app's layout), "
        f"best of 2, median of {repeats} (goal: half of before, same run)",
        ["paint path", "median ms", "min ms", "vs before"],
    )
    for name, values in times.items():
        median = statistics.median(values)
        table.add(name, f"{median:.2f}", f"{min(values):.2f}", f"{median / reference:.2f}x")
    return table


# -- start-up to first paint ---------------------------------------------------------------------

# Each probe imports its program first, as its entry point would (``python -m cartapp`` imports
# ``cartapp.app`` before anything else), then the same small paint filter. The order matters:
# PySide6's import hook reads the source of every module imported after PySide6 (it looks for
# "PySide6" in it, for its ``__feature__`` switch), so a probe that loaded PySide6 ahead of the
# app would charge the app for a cost its own start-up does not pay.
_FIRST_PAINT = """
from PySide6.QtCore import QEvent, QObject, QTimer
class _First(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, lambda: os._exit(0))  # after this paint pass completes
        return False
"""

FULL_APP = (
    """
import os, sys
from cartapp.app import build
"""
    + _FIRST_PAINT
    + """
app = build(sys.argv[1], restore_layout=False)
first = _First()
app.window.installEventFilter(first)
app.window.show()
app.qapp.exec()
"""
)

EMPTY_WINDOW = (
    """
import os, sys
from PySide6.QtWidgets import QApplication, QMainWindow
"""
    + _FIRST_PAINT
    + """
qapp = QApplication(sys.argv[:1])
window = QMainWindow()
first = _First()
window.installEventFilter(first)
window.show()
qapp.exec()
"""
)


def _time_process(code: str, scratch: str, pycache: str | None = None) -> float:
    """ms for a fresh ``python -c code``; ``pycache``: with compiled bytecode kept there
    (``PYTHONPYCACHEPREFIX``, ``PYTHONDONTWRITEBYTECODE`` dropped), as an installed app has it."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CARTAPP_DATA_DIR=scratch)
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = pycache
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, scratch],
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )
    elapsed = (time.perf_counter() - t0) * 1000.0
    if done.returncode != 0:
        raise RuntimeError(f"start-up probe failed: {done.stderr.decode(errors='replace')[-800:]}")
    return elapsed


def run_startup(repeats: int) -> Table:
    full: list[float] = []
    cached: list[float] = []
    empty: list[float] = []
    with tempfile.TemporaryDirectory(prefix="cartapp-bench-start-") as scratch:
        pycache = os.path.join(scratch, "pycache")
        _time_process(EMPTY_WINDOW, scratch)  # warm the file cache for both
        _time_process(FULL_APP, scratch)
        _time_process(FULL_APP, scratch, pycache)  # compile once into the cache
        for i in range(repeats):
            data = os.path.join(scratch, f"run{i}")
            os.makedirs(data)
            empty.append(_time_process(EMPTY_WINDOW, data))
            full.append(_time_process(FULL_APP, data))
            data = os.path.join(scratch, f"cached{i}")
            os.makedirs(data)
            cached.append(_time_process(FULL_APP, data, pycache))
    ratio = statistics.median(full) / statistics.median(empty)
    bytecode = os.environ.get("PYTHONDONTWRITEBYTECODE")
    note = f"PYTHONDONTWRITEBYTECODE={bytecode}" if bytecode else "PYTHONDONTWRITEBYTECODE unset"
    table = Table(
        f"Start-up to first paint, fresh process, medians of {repeats} ({note}; goal <= 3x)",
        ["process", "median ms", "min ms", "max ms", "vs empty window"],
    )
    rows = (
        ("empty QMainWindow", empty),
        ("full cartapp window", full),
        ("full, bytecode cached", cached),
    )
    for name, values in rows:
        table.add(
            name,
            f"{statistics.median(values):.0f}",
            f"{min(values):.0f}",
            f"{max(values):.0f}",
            f"{statistics.median(values) / statistics.median(empty):.2f}x",
        )
    table.add("ratio", "", "", "", f"{ratio:.2f}x")
    return table


_CLEAN_PROBE = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from cartapp.app import build
class _First(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            print(time.time(), flush=True)  # the first paint, then a normal, clean close
            QTimer.singleShot(0, app.window.close)
        return False
app = build(sys.argv[1], restore_layout=False)
first = _First()
first.seen = False
app.window.installEventFilter(first)
app.window.show()
app.qapp.exec()
app.close()
"""


def _time_clean_start(scratch: str) -> float:
    """ms from process start to the window's first paint; the app then closes cleanly (so the
    next start trusts the file, as after a normal quit)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CARTAPP_DATA_DIR=scratch)
    t0 = time.time()
    done = subprocess.run(
        [sys.executable, "-c", _CLEAN_PROBE, scratch],
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"start-up probe failed: {done.stderr.decode(errors='replace')[-800:]}")
    return (float(done.stdout.split()[0]) - t0) * 1000.0


def run_startup_history(events: int, repeats: int) -> Table:
    """Start-up to first paint of the app on a store with ``events`` messages of history
    (closed cleanly, so it has its snapshot and skips quick_check) vs an empty store."""
    from cartapp.bench.store import _catalog as store_catalog
    from cartapp.bench.store import _generate
    from cartapp.store import DB_NAME, LiveStore

    full: list[float] = []
    empty: list[float] = []
    with tempfile.TemporaryDirectory(prefix="cartapp-bench-history-") as scratch:
        history = os.path.join(scratch, "history")
        os.makedirs(history)
        catalog = store_catalog()
        _generate(Path(history) / DB_NAME, catalog, events)
        LiveStore.open(history, currency=catalog.currency).close()  # snapshot + clean close
        _time_clean_start(history)  # warm the file cache
        for i in range(repeats):
            fresh = os.path.join(scratch, f"empty{i}")
            os.makedirs(fresh)
            _time_clean_start(fresh)  # creates the empty store: time the second start
            empty.append(_time_clean_start(fresh))
            full.append(_time_clean_start(history))
    table = Table(
        f"Start-up to first paint with {events:,} messages of history vs an empty store, "
        f"fresh process, medians of {repeats} (target <= 1.5x)",
        ["store", "median ms", "min ms", "max ms", "vs empty store"],
    )
    for name, values in (("empty store", empty), (f"{events:,} messages", full)):
        table.add(
            name,
            f"{statistics.median(values):.0f}",
            f"{min(values):.0f}",
            f"{max(values):.0f}",
            f"{statistics.median(values) / statistics.median(empty):.2f}x",
        )
    return table


# -- entry point --------------------------------------------------------------------------------


def main(quick: bool = False) -> None:
    """Print the three UI tables (smaller sizes with ``quick``)."""
    _app()
    _burst_table(10_000, 2.0 if quick else 5.0).print()
    _app_burst_table(
        10_000, 2.0 if quick else 5.0, (10_000, 15_000, 20_000, 25_000, 30_000), 2.0
    ).print()
    clicks = 60 if quick else 200
    run_click_latency(clicks, metrics=False).print()
    run_click_latency(clicks, metrics=True).print()
    run_repaint(10 if quick else 30).print()
    run_startup(3 if quick else 5).print()
    run_startup_history(100_000 if quick else 1_000_000, 3 if quick else 5).print()


if __name__ == "__main__":
    main(quick="--quick" in sys.argv[1:])
