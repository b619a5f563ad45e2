"""The live event log: its model, its filter and the dock, driven through a real bus.

Given a bus with the cart handler and the Qt bridge, when commands are published (as the UI
does, with source "ui"), then the log shows every stage of their path in order, rejections and
failures stand out, filters and search narrow the rows, pausing counts without recording, the cap
bounds memory, batches arrive as single inserts, and selecting a row explains it.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QTableView, QToolButton

from cartapp.bus import Envelope, EventBus, StageRecord
from cartapp.bus.stages import Stage
from cartapp.domain.catalog import Catalog
from cartapp.domain.events import AddItem, ItemAdded, RemoveItem, UpdateItem
from cartapp.handlers import CartService, handler_failed
from cartapp.paths import resource_path
from cartapp.qt.bridge import QtBridge
from cartapp.qt.models.event_log import (
    COL_CORRELATION,
    COL_LATENCY,
    COL_SOURCE,
    COL_STAGE,
    COL_SUMMARY,
    COL_TIME,
    COL_TYPE,
    RECORD_ROLE,
    EventLogModel,
)
from cartapp.qt.models.log_filter import (
    FILTER_ALERTS,
    FILTER_COMMANDS,
    FILTER_FACTS,
    EventLogFilter,
)
from cartapp.qt.widgets.event_log import (
    EMPTY_HINT,
    FLOOD_PERIOD_MS,
    LOG_PERIOD_MS,
    NO_MATCH_HINT,
    EventLogDock,
)
from cartapp.store.mapper import envelope_to_dict

BACKGROUND = Qt.ItemDataRole.BackgroundRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
FONT = Qt.ItemDataRole.FontRole
DISPLAY = Qt.ItemDataRole.DisplayRole

ADD_PATH = [
    ("generated", "AddItem", "ui"),
    ("transmitted", "AddItem", "→ CartHandler"),
    ("handled", "AddItem", "→ CartHandler"),
    ("generated", "ItemAdded", "CartHandler"),
    ("transmitted", "ItemAdded", "→ QtBridge"),
    ("handled", "ItemAdded", "→ QtBridge"),
    ("consumed", "ItemAdded", "by QtBridge"),
    ("consumed", "AddItem", "by CartHandler"),
]
RECORDS_PER_ADD = len(ADD_PATH)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.from_json(resource_path("catalog.json").read_text(encoding="utf-8"))


@pytest.fixture
def bus(qapp: object, catalog: Catalog) -> Iterator[EventBus]:
    bus = EventBus(failure_fact=handler_failed)
    CartService(catalog).attach(bus)
    yield bus
    bus.close()


@pytest.fixture
def bridge(bus: EventBus) -> Iterator[QtBridge]:
    bridge = QtBridge(bus)
    yield bridge
    bridge.close()


class FakeClock:
    """A clock that only moves when the test says so (seconds, like ``time.perf_counter``)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, ms: float) -> None:
        self.now += ms / 1000.0


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def dock(qtbot, bridge: QtBridge) -> EventLogDock:
    dock = EventLogDock(bridge)
    qtbot.addWidget(dock)
    dock.resize(1100, 500)
    dock.show()
    qtbot.waitExposed(dock)
    return dock


def cell(model, row: int, column: int, role=DISPLAY):
    return model.data(model.index(row, column), role)


def rows(model) -> list[tuple[str, str, str]]:
    return [
        (cell(model, r, COL_STAGE), cell(model, r, COL_TYPE), cell(model, r, COL_SOURCE))
        for r in range(model.rowCount())
    ]


def add(bus: EventBus, item: str = "espresso-beans", quantity: int = 1) -> None:
    bus.publish(AddItem(item_id=item, quantity=quantity), source="ui")


def deliver(bridge: QtBridge, dock: EventLogDock) -> None:
    """Hand everything over now: the bridge's frame buffer and the dock's flood buffer."""
    bridge.flush()
    dock.flush()


def churn(bus: EventBus, n: int) -> None:
    """``n`` commands that never run out of stock: add one, remove it again, ..."""
    for i in range(n):
        if i % 2 == 0:
            add(bus, "green-tea")
        else:
            bus.publish(RemoveItem(item_id="green-tea", quantity=1), source="ui")


# -- the model and the proxy ------------------------------------------------------------------


def test_model_and_proxy_pass_the_model_tester(qtmodeltester, dock, bus, bridge) -> None:
    add(bus)
    add(bus, quantity=500)  # rejected
    bridge.flush()
    qtmodeltester.check(dock.model)
    qtmodeltester.check(dock.proxy)
    # the testers stay connected: batches, cap trimming, filtering and clearing must keep
    # the models consistent
    dock.cap = 20
    churn(bus, 10)
    deliver(bridge, dock)
    dock.set_filter(FILTER_FACTS)
    dock.set_stage_filter(Stage.HANDLED)
    churn(bus, 4)
    deliver(bridge, dock)
    assert dock.proxy.rowCount() > 0
    dock.clear()
    assert dock.model.rowCount() == 0 and dock.proxy.rowCount() == 0


def test_one_click_shows_its_whole_path_in_order_with_one_correlation(dock, bus, bridge) -> None:
    add(bus, quantity=2)
    bridge.flush()
    model = dock.model
    assert rows(model) == ADD_PATH
    correlations = {cell(model, r, COL_TIME, RECORD_ROLE).envelope.correlation_id for r in range(8)}
    assert len(correlations) == 1
    shown = {cell(model, r, COL_CORRELATION) for r in range(8)}
    assert shown == {"…" + correlations.pop()[-6:]}
    assert cell(model, 0, COL_SUMMARY) == "add 2 x espresso-beans"
    assert cell(model, 3, COL_SUMMARY) == "Added 2 x Espresso beans 1 kg"
    assert re.fullmatch(r"\d\d:\d\d:\d\d\.\d\d\d", cell(model, 0, COL_TIME))
    assert cell(model, 0, COL_LATENCY) == "0 µs"  # generated: the start of the path
    assert re.fullmatch(r"\d+ µs|\d+\.\d ms", cell(model, 7, COL_LATENCY))
    # nothing on a plain path is marked as a problem
    assert all(cell(model, r, COL_TYPE, FONT) is None for r in range(8))


def test_a_rejected_command_shows_a_marked_rejection(dock, bus, bridge) -> None:
    add(bus, quantity=500)
    bridge.flush()
    model = dock.model
    types = [cell(model, r, COL_TYPE) for r in range(model.rowCount())]
    assert "CommandRejected" in types and "ItemAdded" not in types
    rejected = types.index("CommandRejected")
    assert cell(model, rejected, COL_SUMMARY).startswith("Rejected: ")
    font = cell(model, rejected, COL_TYPE, FONT)
    assert isinstance(font, QFont) and font.bold()
    assert isinstance(cell(model, rejected, COL_TYPE, FOREGROUND), QBrush)
    assert isinstance(cell(model, rejected, COL_SUMMARY, BACKGROUND), QBrush)
    assert cell(model, 0, COL_TYPE, FOREGROUND) is None
    assert cell(model, 0, COL_TYPE, FONT) is None  # the command itself is not the rejection


def test_a_failing_handler_shows_a_failed_row_and_the_failure_fact(dock, bus, bridge) -> None:
    def printer(envelope) -> None:
        raise RuntimeError("printer out of paper")

    bus.subscribe(ItemAdded, printer, name="ReceiptPrinter")
    add(bus)
    bridge.flush()
    model = dock.model
    stages = [cell(model, r, COL_STAGE) for r in range(model.rowCount())]
    failed = stages.index("failed")
    assert cell(model, failed, COL_SOURCE) == "→ ReceiptPrinter"
    assert cell(model, failed, COL_SUMMARY) == "RuntimeError: printer out of paper"
    assert cell(model, failed, COL_TYPE, FONT).bold()
    types = [cell(model, r, COL_TYPE) for r in range(model.rowCount())]
    assert "HandlerFailed" in types
    assert cell(model, types.index("HandlerFailed"), COL_TYPE, FONT).bold()
    # a failure is not a rejection: it gets the failure colour, not the warning colour
    add(bus, quantity=500)
    bridge.flush()
    types = [cell(model, r, COL_TYPE) for r in range(model.rowCount())]
    reject_colour = cell(model, types.index("CommandRejected"), COL_TYPE, FOREGROUND).color()
    failure_colour = cell(model, failed, COL_TYPE, FOREGROUND).color()
    assert failure_colour != reject_colour


# -- filtering and search ---------------------------------------------------------------------


def proxy_column(dock: EventLogDock, column: int) -> list[str]:
    proxy = dock.proxy
    return [proxy.data(proxy.index(r, column)) for r in range(proxy.rowCount())]


def test_filter_by_class_type_and_stage(dock, bus, bridge) -> None:
    add(bus)
    bus.publish(UpdateItem(item_id="espresso-beans", quantity=3), source="ui")
    add(bus, quantity=500)
    bridge.flush()
    combo: QComboBox = dock.findChild(QComboBox, "eventLogFilter")
    total = dock.model.rowCount()

    combo.setCurrentIndex(combo.findText(FILTER_COMMANDS))
    assert set(proxy_column(dock, COL_TYPE)) == {"AddItem", "UpdateItem"}
    combo.setCurrentIndex(combo.findText(FILTER_FACTS))
    assert set(proxy_column(dock, COL_TYPE)) == {"ItemAdded", "ItemUpdated", "CommandRejected"}
    combo.setCurrentIndex(combo.findText(FILTER_ALERTS))
    assert set(proxy_column(dock, COL_TYPE)) == {"CommandRejected"}
    combo.setCurrentIndex(combo.findText("ItemUpdated"))
    assert proxy_column(dock, COL_TYPE) == ["ItemUpdated"] * 4

    stages: QComboBox = dock.findChild(QComboBox, "eventLogStageFilter")
    stages.setCurrentIndex(stages.findText("handled"))
    assert proxy_column(dock, COL_STAGE) == ["handled"]
    combo.setCurrentIndex(0)
    assert set(proxy_column(dock, COL_STAGE)) == {"handled"}
    assert dock.proxy.rowCount() == 6  # each of 3 commands and 3 facts handled once
    stages.setCurrentIndex(0)
    assert dock.proxy.rowCount() == total


def test_new_rows_are_filtered_as_they_arrive(dock, bus, bridge) -> None:
    dock.set_filter(FILTER_ALERTS)
    add(bus)
    bridge.flush()
    assert dock.proxy.rowCount() == 0
    assert dock.view.empty_hint == NO_MATCH_HINT
    add(bus, quantity=500)
    bridge.flush()
    assert set(proxy_column(dock, COL_TYPE)) == {"CommandRejected"}


def test_search_matches_summary_type_source_and_correlation(qtbot, dock, bus, bridge) -> None:
    add(bus, "green-tea")
    add(bus, "salted-butter")
    bridge.flush()
    search: QLineEdit = dock.findChild(QLineEdit, "eventLogSearch")
    qtbot.keyClicks(search, "Salted")
    qtbot.waitUntil(lambda: dock.proxy.rowCount() == RECORDS_PER_ADD)
    assert all("salted" in s.lower() for s in proxy_column(dock, COL_SUMMARY))

    search.clear()
    assert dock.proxy.rowCount() == 2 * RECORDS_PER_ADD
    correlation = dock.model.record(0).envelope.correlation_id
    qtbot.keyClicks(search, correlation[-5:])
    search.returnPressed.emit()  # Enter applies at once
    assert dock.proxy.rowCount() == RECORDS_PER_ADD
    assert {dock.proxy.record(r).envelope.correlation_id for r in range(8)} == {correlation}

    search.setText("cArThAnDlEr")
    dock.apply_search()
    assert dock.proxy.rowCount() > 0
    assert all(
        "CartHandler" in (r.handler or "") or r.envelope.source == "CartHandler"
        for r in (dock.proxy.record(i) for i in range(dock.proxy.rowCount()))
    )
    search.setText("no such thing anywhere")
    dock.apply_search()
    assert dock.proxy.rowCount() == 0


# -- recording controls -----------------------------------------------------------------------


def test_pause_stops_following_and_resume_shows_what_came_meanwhile(
    qtbot, dock, bus, bridge
) -> None:
    add(bus)
    bridge.flush()
    button: QToolButton = dock.findChild(QToolButton, "eventLogPauseButton")
    assert "stored and counted" in button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dock.paused and button.isChecked()
    add(bus)
    add(bus)
    bridge.flush()
    dock.flush()  # even asked to, a paused view takes nothing
    assert dock.model.rowCount() == RECORDS_PER_ADD
    assert dock.held == 2 * RECORDS_PER_ADD
    assert dock.paused_label.isVisible()
    assert dock.paused_label.text() == (
        f"Paused: {2 * RECORDS_PER_ADD} new records stored and counted, shown when you resume"
    )

    dock.set_paused(False)
    assert not button.isChecked() and not dock.paused_label.isVisible()
    # Nothing was lost on the way: what came while paused is shown now, in order, not only
    # after a restart.
    assert dock.model.rowCount() == 3 * RECORDS_PER_ADD
    assert dock.model.total == 3 * RECORDS_PER_ADD and dock.held == 0
    add(bus)
    bridge.flush()
    assert dock.model.rowCount() == 4 * RECORDS_PER_ADD


def test_clear_empties_the_view_but_keeps_counting(qtbot, dock, bus, bridge) -> None:
    assert dock.view.empty_hint == EMPTY_HINT
    add(bus)
    bridge.flush()
    qtbot.mouseClick(dock.findChild(QToolButton, "eventLogClearButton"), Qt.MouseButton.LeftButton)
    assert dock.model.rowCount() == 0
    assert dock.view.empty_hint == EMPTY_HINT
    assert dock.model.total == RECORDS_PER_ADD
    add(bus)
    bridge.flush()
    assert dock.model.rowCount() == RECORDS_PER_ADD
    assert dock.status_text().startswith(f"Showing 8 of {2 * RECORDS_PER_ADD}")


def test_the_cap_bounds_the_rows_and_the_total_counts_everything(qtbot, bus, bridge) -> None:
    dock = EventLogDock(bridge, cap=100)
    qtbot.addWidget(dock)
    churn(bus, 500)  # 4,000 records in one batch, and as many in a second one
    deliver(bridge, dock)
    churn(bus, 500)
    deliver(bridge, dock)
    model = dock.model
    assert model.rowCount() <= 100
    assert model.total == bridge.records_emitted == 1000 * RECORDS_PER_ADD
    assert model.dropped + model.kept == model.total
    # the newest records are the ones kept
    assert model.record(model.rowCount() - 1).stage == Stage.CONSUMED
    assert model.record(model.rowCount() - 1).envelope.event == RemoveItem(
        item_id="green-tea", quantity=1
    )
    kept_messages = sum(1 for r in model.records() if r.stage == Stage.GENERATED)
    assert model.messages == kept_messages
    assert dock.status_text().startswith(
        f"Showing {model.kept:,} of 8,000 records · {kept_messages:,} messages · "
        f"oldest {model.dropped:,} dropped (keeps 100)"
    )
    dock.cap = 10
    assert model.rowCount() == 10 and model.dropped + 10 == model.total
    with pytest.raises(ValueError):
        dock.cap = 0


def test_a_burst_is_one_insert_per_batch(qtbot, dock, bus, bridge) -> None:
    inserts: list[tuple[int, int]] = []
    dock.model.rowsInserted.connect(lambda _parent, first, last: inserts.append((first, last)))
    churn(bus, 1000)
    bridge.flush()
    assert inserts == [(0, 1000 * RECORDS_PER_ADD - 1)]


def test_a_burst_from_a_worker_thread_arrives_as_one_insert_per_frame(
    qtbot, dock, bus, bridge
) -> None:
    inserts: list[int] = []
    scrolls: list[int] = []
    dock.model.rowsInserted.connect(lambda _parent, first, last: inserts.append(last - first + 1))
    dock.view.scrollToBottom = lambda: scrolls.append(1)  # type: ignore[method-assign]
    worker = threading.Thread(target=churn, args=(bus, 1000))
    worker.start()
    worker.join()
    # Drive the GUI thread's side by hand (no event loop, so no timer decides anything): the
    # bus delivers the worker's inbox in as many steps as its budget wants, all in one frame.
    steps = 0
    while bus.process_pending():
        steps += 1
    assert steps >= 1 and dock.model.total == 0  # nothing reaches the log before the frame
    bridge.flush()  # the frame: every step's records in one batch
    assert inserts == [1000 * RECORDS_PER_ADD]  # one insert, not one per record or per step
    assert scrolls == [1]  # auto-scroll once per batch, never per row


def test_under_a_flood_the_log_takes_rows_less_often_but_a_click_at_once(qtbot, bus, clock) -> None:
    bridge = QtBridge(bus, clock=clock, drive=False)  # frames are stepped by hand
    dock = EventLogDock(bridge)
    qtbot.addWidget(dock)
    dock.show()
    qtbot.waitExposed(dock)
    inserts: list[int] = []
    dock.model.rowsInserted.connect(lambda _parent, first, last: inserts.append(last - first + 1))
    churn(bus, 100)
    bridge.frames.tick()  # after a quiet spell: the frame takes the batch at once
    assert inserts == [800]
    clock.advance(10)
    churn(bus, 100)
    add(bus)
    bridge.frames.tick()  # 10 ms later: the bridge's frame is not due yet either
    assert inserts == [800] and dock.model.total == 800 and dock.held == 0
    clock.advance(10)
    bridge.frames.tick()  # the bridge's frame is; the log waits for its period
    assert dock.held == 800 + RECORDS_PER_ADD and dock.model.total == 800
    clock.advance(LOG_PERIOD_MS - 20)
    bridge.frames.tick()  # a flood (800 rows at a time): the log waits longer
    assert dock.held == 800 + RECORDS_PER_ADD
    clock.advance(FLOOD_PERIOD_MS - LOG_PERIOD_MS)
    bridge.frames.tick()  # one insert: the held rows and the click's, in order
    assert dock.held == 0 and inserts == [800, 800 + RECORDS_PER_ADD]
    assert dock.model.record(dock.model.rowCount() - 1).envelope.event == AddItem(
        item_id="espresso-beans", quantity=1
    )
    clock.advance(1000)
    add(bus)  # a click after a quiet spell is taken in the next frame, at once
    bridge.frames.tick()
    assert dock.held == 0 and inserts[-1] == RECORDS_PER_ADD
    clock.advance(LOG_PERIOD_MS)
    add(bus)  # the flood is over: a log period later, the next click is taken
    bridge.frames.tick()
    assert dock.held == 0 and inserts[-1] == RECORDS_PER_ADD and len(inserts) == 4
    bridge.close()


def test_auto_scroll_follows_new_rows_only_when_on(qtbot, dock, bus, bridge) -> None:
    bar = dock.view.verticalScrollBar()
    churn(bus, 40)
    deliver(bridge, dock)
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert bar.value() == bar.maximum()
    dock.set_auto_scroll(False)
    bar.setValue(0)
    churn(bus, 40)
    deliver(bridge, dock)
    assert bar.maximum() > 0 and bar.value() == 0


# -- details and correlation highlight --------------------------------------------------------


def test_selecting_a_row_shows_its_envelope_and_highlights_its_correlation(
    qtbot, dock, bus, bridge
) -> None:
    add(bus)
    add(bus, "green-tea")
    bridge.flush()
    dock.set_auto_scroll(False)
    dock.view.scrollToTop()
    selected: list[object] = []
    dock.record_selected.connect(selected.append)
    view: QTableView = dock.findChild(QTableView, "eventLogView")
    rect = view.visualRect(dock.proxy.index(3, COL_SUMMARY))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    record = dock.model.record(3)
    assert selected == [record]
    details: QPlainTextEdit = dock.findChild(QPlainTextEdit, "eventDetails")
    text = details.toPlainText()
    envelope_json = text[text.index("Envelope\n") + len("Envelope\n") :]
    assert json.loads(envelope_json) == json.loads(json.dumps(envelope_to_dict(record.envelope)))
    assert "stage     generated" in text
    assert f"({RECORDS_PER_ADD} records)" in text  # the path of the whole correlation
    path_lines = [line for line in text.splitlines() if " µs" in line and "+" in line]
    assert [line.split()[-2:] for line in path_lines[:1]] == [["AddItem", "ui"]]
    assert details.isReadOnly()
    metrics = QFontMetrics(details.font())  # monospace: every glyph as wide as the others
    assert metrics.horizontalAdvance("iiii") == metrics.horizontalAdvance("MMMM")

    model = dock.model
    tint = cell(model, 0, COL_TIME, BACKGROUND)  # same correlation as row 3
    assert isinstance(tint, QBrush)
    assert cell(model, 7, COL_SUMMARY, BACKGROUND) == tint
    assert cell(model, 8, COL_TIME, BACKGROUND) is None  # the next click: not highlighted


def test_highlighting_repaints_only_the_visible_rows(qtbot, dock, bus, bridge) -> None:
    churn(bus, 500)  # 4,000 rows, far more than fit on screen
    bridge.flush()
    changes: list[tuple[int, int, list[int]]] = []
    resets: list[int] = []
    dock.model.dataChanged.connect(lambda a, b, roles: changes.append((a.row(), b.row(), roles)))
    dock.model.modelReset.connect(lambda: resets.append(1))
    dock.select_row(dock.proxy.rowCount() - 3)
    assert resets == []
    assert len(changes) == 1
    first, last, roles = changes[0]
    visible = dock.view.viewport().height() // dock.view.rowHeight(0) + 2
    assert last - first + 1 <= visible
    assert list(roles) == [Qt.ItemDataRole.BackgroundRole]
    assert last == dock.model.rowCount() - 1


def test_dark_palette_changes_the_stage_colours(qtbot, dock, bus, bridge) -> None:
    add(bus)
    bridge.flush()
    light = cell(dock.model, 0, COL_STAGE, FOREGROUND).color()
    palette = dock.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#17191d"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e6e8eb"))
    dock.setPalette(palette)
    dark = cell(dock.model, 0, COL_STAGE, FOREGROUND).color()
    assert dark != light
    assert dark.lightness() > light.lightness()  # lighter ink on a dark base


def test_object_and_accessible_names(dock) -> None:
    assert dock.objectName() == "eventLogDock" and dock.windowTitle() == "Event log"
    for cls, name in (
        (QTableView, "eventLogView"),
        (QComboBox, "eventLogFilter"),
        (QLineEdit, "eventLogSearch"),
        (QToolButton, "eventLogPauseButton"),
        (QPlainTextEdit, "eventDetails"),
    ):
        widget = dock.findChild(cls, name)
        assert widget is not None, name
        assert widget.accessibleName(), name
    assert dock.view is dock.findChild(QTableView, "eventLogView")
    assert dock.view.model() is dock.proxy and dock.proxy.sourceModel() is dock.model


def stage_records(n: int) -> list[StageRecord]:
    """``n`` distinct generated-stage records (one per message)."""
    out = []
    for i in range(n):
        env = Envelope.new(AddItem(item_id="green-tea", quantity=1), source=f"test-{i}")
        out.append(StageRecord((Stage.GENERATED, env, None, env.created_ns, 0, None)))
    return out


@pytest.mark.parametrize("batch", [1, 7, 30])
def test_at_the_cap_rows_leave_a_tenth_at_a_time_and_the_newest_stay(qapp, batch: int) -> None:
    model = EventLogModel(cap=100)
    proxy = EventLogFilter(model)
    removals: list[int] = []
    model.rowsRemoved.connect(lambda _parent, first, last: removals.append(last - first + 1))
    records = stage_records(1000)
    for start in range(0, len(records), batch):
        model.append_records(records[start : start + batch])
        assert model.kept <= 100
    # Each removal frees a tenth of the cap beyond what the batch needed, so the next batches
    # fit: fewer than 1,000 / 11 removals (trimming to the cap exactly would remove once per
    # batch past the cap: 900 times for single records).
    assert model.slack == 10
    assert all(count > model.slack for count in removals)
    assert model.remove_batches == len(removals) <= model.dropped // (model.slack + 1) < 91
    assert model.kept >= 100 - model.slack - batch
    assert model.records() == records[-model.kept :]  # the newest, in order
    assert [proxy.index(r, 0).data(RECORD_ROLE) for r in range(proxy.rowCount())] == (
        records[-model.kept :]
    )
    assert model.total == 1000 and model.dropped == sum(removals) == 1000 - model.kept


def test_a_batch_larger_than_the_cap_keeps_its_newest_cap_rows(qapp) -> None:
    model = EventLogModel(cap=100)
    records = stage_records(250)
    model.append_records(records[:50])
    model.append_records(records[50:])
    assert model.records() == records[-100:]
    assert model.kept == 100 and model.dropped == 150 and model.total == 250
    model.set_cap(40)  # lowering the cap trims to it exactly
    assert model.records() == records[-40:]


def test_model_rejects_a_bad_cap_and_ignores_empty_batches(qapp) -> None:
    with pytest.raises(ValueError):
        EventLogModel(cap=0)
    model = EventLogModel(cap=5)
    model.append_records([])
    assert model.total == 0 and model.insert_batches == 0
    assert model.data(QModelIndex()) is None
