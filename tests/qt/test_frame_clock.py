"""The frame clock: one scheduler for the GUI's per-frame work, stepped by hand.

Given a frame clock on a clock that only moves when the test says so (``drive=False``: no timer
runs anything), when jobs are requested, then each runs at most once per frame (or per period),
at once after a quiet spell, in registration order, not while its dock is off screen, and
catches up when the dock comes to the front. Through the real bridge, log and metrics docks: N
facts in one frame are one update, and a dock behind another tab does no work until raised.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow

from cartapp.analytics import FlowStats, stats_from_rows
from cartapp.bus import EventBus
from cartapp.bus.stages import StageRow, TraceBatch
from cartapp.domain.catalog import Catalog
from cartapp.domain.events import AddItem, RemoveItem
from cartapp.handlers import CartService, handler_failed
from cartapp.paths import resource_path
from cartapp.qt.bridge import QtBridge
from cartapp.qt.frame_clock import (
    FLOOD_PERIOD_MS,
    FRAME_MS,
    FrameClock,
    dock_on_screen,
    follow_visibility,
)
from cartapp.qt.models.flow_feed import CHUNK, HEARTBEAT_MS, FlowFeed
from cartapp.qt.widgets.event_log import LOG_PERIOD_MS, EventLogDock
from cartapp.qt.widgets.metrics import MetricsDock

__all__: list[str] = []


class FakeClock:
    """Seconds, like ``time.perf_counter``, moving only on ``advance``."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def advance(self, ms: float) -> None:
        self.now += ms / 1000.0


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def frames(qapp: object, clock: FakeClock) -> FrameClock:
    return FrameClock(clock=clock, drive=False)


# -- the clock alone ----------------------------------------------------------------------------


def test_many_requests_in_a_frame_are_one_run(frames: FrameClock, clock: FakeClock) -> None:
    runs: list[float] = []
    job = frames.register("view", runs.append)
    for _ in range(1000):
        job.request()
    frames.tick()
    assert len(runs) == 1 and job.runs == 1
    frames.tick()  # nothing requested: nothing runs
    assert len(runs) == 1


def test_a_job_runs_at_once_after_a_quiet_spell_then_once_per_frame(
    frames: FrameClock, clock: FakeClock
) -> None:
    job = frames.register("view", lambda _deadline: None)
    job.request()
    frames.tick()
    assert job.runs == 1
    clock.advance(5)
    job.request()
    frames.tick()  # 5 ms into the frame: waits
    assert job.runs == 1 and job.requested
    assert frames.due_in_ms() == pytest.approx(frames.frame_ms - 5)
    clock.advance(frames.frame_ms - 5)
    frames.tick()
    assert job.runs == 2 and not job.requested
    assert frames.due_in_ms() is None


def test_a_period_spaces_runs_and_force_runs_now(frames: FrameClock, clock: FakeClock) -> None:
    job = frames.register("time travel", lambda _deadline: None, period_ms=100)
    job.request()
    frames.tick()
    clock.advance(50)
    job.request()
    frames.tick()
    assert job.runs == 1
    frames.tick(force=True)  # a flush: due or not
    assert job.runs == 2
    clock.advance(99)
    job.request()
    frames.tick()
    assert job.runs == 2
    clock.advance(1)
    frames.tick()
    assert job.runs == 3


def test_a_lagging_job_waits_a_frame_after_the_request_that_woke_it(
    frames: FrameClock, clock: FakeClock
) -> None:
    log = frames.register("log", lambda _d: None)
    panels = frames.register("panels", lambda _d: None, period_ms=250, lag_ms=frames.frame_ms)
    log.request()
    panels.request()
    frames.tick()  # the click's frame: the log only
    assert (log.runs, panels.runs) == (1, 0)
    clock.advance(frames.frame_ms)
    frames.tick()
    assert (log.runs, panels.runs) == (1, 1)


def test_urgent_jobs_run_on_every_request(frames: FrameClock, clock: FakeClock) -> None:
    job = frames.register("bus", lambda _deadline: None, urgent=True)
    for _ in range(3):
        job.request()
        frames.tick()
    assert job.runs == 3


def test_work_left_keeps_a_job_requested_and_it_gets_its_budget(
    frames: FrameClock, clock: FakeClock
) -> None:
    left = [3]
    deadlines: list[float] = []

    def work(deadline: float) -> bool:
        deadlines.append(deadline)
        left[0] -= 1
        return left[0] > 0

    job = frames.register("drain", work, budget_ms=4)
    job.request()
    for _ in range(5):
        frames.tick()
        clock.advance(frames.frame_ms)
    assert job.runs == 3 and not job.requested
    assert deadlines[0] == pytest.approx(100.004)


def test_while_the_urgent_job_leaves_work_the_others_wait_the_flood_period(
    frames: FrameClock, clock: FakeClock
) -> None:
    backlog = [3]

    def deliver(_deadline: float) -> bool:
        backlog[0] -= 1
        return backlog[0] > 0

    bus = frames.register("bus", deliver, urgent=True)
    view = frames.register("view", lambda _d: None)
    slow = frames.register("slow", lambda _d: None, period_ms=FLOOD_PERIOD_MS * 2)
    for job in (bus, view, slow):
        job.request()
    frames.tick()  # the first turn leaves work: flooded; the views ran (after a quiet spell)
    assert frames.flooded and view.runs == 1 and slow.runs == 1
    clock.advance(FRAME_MS * 2)
    view.request()
    frames.tick()  # flooded: the view waits although a frame went by
    assert bus.runs == 2 and view.runs == 1 and view.requested
    assert frames.due_in_ms() == 0.0  # the bus's next turn, not the view's
    clock.advance(FLOOD_PERIOD_MS - FRAME_MS * 2)
    frames.tick()  # the last turn: nothing left, the flood is over; the view is due
    assert not frames.flooded and bus.runs == 3 and view.runs == 2
    slow.request()
    frames.tick()  # a longer period of its own still holds
    assert slow.runs == 1
    view.request()
    frames.tick()  # no flood: the frame's period again (none has passed)
    assert view.runs == 2
    clock.advance(FRAME_MS)
    frames.tick()
    assert view.runs == 3


def test_jobs_run_in_registration_order_and_later_ones_join_the_frame(
    frames: FrameClock,
) -> None:
    order: list[str] = []

    def source_work(_deadline: float) -> None:
        order.append("source")
        view.request()
        late.request()

    view = frames.register("view", lambda _d: order.append("view"))
    source = frames.register("source", source_work)
    late = frames.register("late", lambda _d: order.append("late"))
    source.request()
    frames.tick()
    assert order == ["source", "late"]  # "view" was registered earlier: the next frame
    frames.tick(force=True)
    assert order == ["source", "late", "view"]


def test_a_heartbeat_requests_the_job_by_itself(frames: FrameClock, clock: FakeClock) -> None:
    job = frames.register("chart", lambda _d: None, heartbeat_ms=1000)
    frames.tick()
    assert job.runs == 1
    clock.advance(999)
    frames.tick()
    assert job.runs == 1
    clock.advance(1)
    frames.tick()
    assert job.runs == 2


def test_an_off_screen_job_keeps_its_request_and_runs_once_shown(
    qtbot: Any, frames: FrameClock
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    front, back = QDockWidget("front", window), QDockWidget("back", window)
    for dock in (front, back):
        dock.setWidget(QLabel(dock.windowTitle()))
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.tabifyDockWidget(front, back)
    window.resize(600, 400)
    window.show()
    qtbot.waitExposed(window)
    front.raise_()
    qtbot.waitUntil(lambda: dock_on_screen(front)())
    assert back.isVisible()  # behind a tab a dock stays "visible" ...
    assert not dock_on_screen(back)()  # ... but it is not on screen
    job = frames.register("back view", lambda _d: None, on_screen=dock_on_screen(back))
    follow_visibility(back, job)
    job.request()
    frames.tick(force=True)
    assert job.runs == 0 and job.requested and frames.due_in_ms() is None
    back.raise_()
    qtbot.waitUntil(lambda: dock_on_screen(back)())
    frames.tick()
    assert job.runs == 1 and not job.requested


# -- through the bridge and the docks -------------------------------------------------------------


@pytest.fixture
def catalog() -> Catalog:
    return Catalog.from_json(resource_path("catalog.json").read_bytes())


@pytest.fixture
def bus(qapp: object, catalog: Catalog) -> Iterator[EventBus]:
    bus = EventBus(failure_fact=handler_failed)
    CartService(catalog).attach(bus)
    yield bus
    bus.close()


@pytest.fixture
def bridge(bus: EventBus, clock: FakeClock) -> Iterator[QtBridge]:
    bridge = QtBridge(bus, clock=clock, drive=False)
    yield bridge
    bridge.close()


def churn(bus: EventBus, n: int) -> None:
    for i in range(n):
        command = AddItem if i % 2 == 0 else RemoveItem
        bus.publish(command(item_id="green-tea", quantity=1), source="ui")


def tabbed_window(qtbot: Any, *docks: QDockWidget) -> QMainWindow:
    window = docks[0].parentWidget()
    assert isinstance(window, QMainWindow)
    for dock in docks:
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    for dock in docks[1:]:
        window.tabifyDockWidget(docks[0], dock)
    window.resize(1200, 700)
    window.show()
    qtbot.waitExposed(window)
    docks[0].raise_()
    qtbot.waitUntil(lambda: dock_on_screen(docks[0])())
    return window


def test_many_facts_in_one_frame_are_one_log_update(
    qtbot: Any, bus: EventBus, bridge: QtBridge
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    log = EventLogDock(bridge, window)
    tabbed_window(qtbot, log)
    inserts: list[int] = []
    log.model.rowsInserted.connect(lambda _p, first, last: inserts.append(last - first + 1))
    before = log.updates
    churn(bus, 200)  # 200 commands, 1,600 records, 200 facts
    bridge.frames.tick()
    assert log.updates == before + 1 and inserts == [1600]
    assert log.model.total == bridge.records_emitted == 1600


def test_a_log_behind_a_tab_does_no_work_and_is_right_when_raised(
    qtbot: Any, bus: EventBus, bridge: QtBridge, clock: FakeClock
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    other = QDockWidget("Other", window)
    other.setWidget(QLabel("other"))
    log = EventLogDock(bridge, window, cap=500)
    tabbed_window(qtbot, other, log)
    assert log.isVisible() and not dock_on_screen(log)()
    before = log.updates
    for _ in range(5):
        churn(bus, 100)
        bridge.frames.tick()
        clock.advance(LOG_PERIOD_MS)
    assert log.updates == before and log.model.rowCount() == 0  # no work behind the tab
    assert 0 < log.held <= 2 * 500  # at most twice the cap waits; the rest is counted
    log.raise_()
    qtbot.waitUntil(lambda: dock_on_screen(log)())
    bridge.frames.tick()
    assert log.updates == before + 1
    model = log.model
    assert model.total == bridge.records_emitted == 4000
    assert model.kept == 500 and model.dropped == 3500
    last = model.record(model.rowCount() - 1)
    assert last.envelope.event == RemoveItem(item_id="green-tea", quantity=1)


def test_metrics_behind_a_tab_count_but_do_not_redraw_until_raised(
    qtbot: Any, bus: EventBus, bridge: QtBridge, clock: FakeClock
) -> None:
    rows: list[StageRow] = []

    def keep(batch: TraceBatch) -> None:
        rows.extend(record.to_row() for record in batch)

    bus.tap(keep)
    window = QMainWindow()
    qtbot.addWidget(window)
    stats = FlowStats()
    other = QDockWidget("Other", window)
    other.setWidget(QLabel("other"))
    metrics = MetricsDock(bridge, stats, parent=window)
    tabbed_window(qtbot, other, metrics)
    before = metrics.refreshes
    for _ in range(20):  # 20 frames over 1.6 s of traffic, then a heartbeat's worth of quiet
        churn(bus, 10)
        bridge.frames.tick()
        clock.advance(80)
    clock.advance(HEARTBEAT_MS)
    bridge.frames.tick()
    assert metrics.refreshes == before  # nothing drawn behind the tab, not even the heartbeat
    assert stats.rows == len(rows)  # but everything is counted
    metrics.raise_()
    qtbot.waitUntil(lambda: metrics.on_screen())
    bridge.frames.tick()
    assert metrics.refreshes == before + 1
    assert metrics.feed.report().total == stats_from_rows(rows).report().total


def test_metrics_on_screen_redraw_once_per_interval_from_the_latest_counts(
    qtbot: Any, bus: EventBus, bridge: QtBridge, clock: FakeClock
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    stats = FlowStats()
    metrics = MetricsDock(bridge, stats, parent=window)
    tabbed_window(qtbot, metrics)
    feed = metrics.feed
    bridge.frames.tick()
    before = metrics.refreshes
    shown: list[int] = []
    feed.updated.connect(lambda: shown.append(stats.rows))
    for _ in range(10):  # 10 frames of traffic within one interval
        churn(bus, 10)
        bridge.frames.tick()
        clock.advance(bridge.frame_ms)
    assert metrics.refreshes - before <= 1
    clock.advance(feed.interval_ms)
    bridge.frames.tick()
    assert metrics.refreshes - before <= 2
    assert shown[-1] == stats.rows == 10 * 10 * 8


def test_a_backlog_is_counted_a_budget_per_frame(
    qtbot: Any, bus: EventBus, bridge: QtBridge, clock: FakeClock
) -> None:
    stats = FlowStats()
    feed = FlowFeed(bridge, stats, budget_ms=0.0)  # one chunk per frame
    churn(bus, 400)
    bridge.frames.tick()  # one frame: the batch, and its first chunk counted
    total = feed.received
    assert total == 400 * 8 > 3 * CHUNK
    assert stats.rows == CHUNK and feed.pending == total - CHUNK
    frames = 1
    while feed.pending:
        clock.advance(bridge.frame_ms)
        bridge.frames.tick()
        frames += 1
        assert stats.rows == min(total, frames * CHUNK)
    feed.stop()


def test_a_flood_from_a_worker_thread_floods_the_clock_until_worked_off(
    qtbot: Any, bus: EventBus, bridge: QtBridge, clock: FakeClock
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    log = EventLogDock(bridge, window)
    tabbed_window(qtbot, log)
    worker = threading.Thread(target=churn, args=(bus, 2000))  # the inbox takes 256 a turn
    worker.start()
    worker.join()
    QApplication.processEvents()  # the waker's queued call: the bus asks for its turn
    bridge.frames.tick()
    assert bridge.frames.flooded and bus.backlog > 0
    updates = log.updates
    clock.advance(FRAME_MS * 3)  # past the log's own period (33 ms)
    bridge.frames.tick()  # a turn of the bus; the log waits for the flood period
    assert log.updates == updates
    while bus.backlog:
        clock.advance(FRAME_MS)
        bridge.frames.tick()
    assert not bridge.frames.flooded
    clock.advance(FLOOD_PERIOD_MS)
    bridge.frames.tick()
    assert log.model.total == bridge.records_emitted == 16_000
