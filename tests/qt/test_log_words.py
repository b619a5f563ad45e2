"""The event log says one thing with each word: time runs forward along a click's path, a fact
decided before the commit shows *decided* and *committed* as moments of their own, commands name
their products, and the details pane is always about the selected row.

Driven through a real bus, the cart service, the Qt bridge and the dock; frames are stepped with
``bridge.flush()``, never waited for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import pytest

from cartapp.bus import EventBus
from cartapp.domain.catalog import Catalog
from cartapp.domain.events import AddItem
from cartapp.domain.pos import ApplyDiscount
from cartapp.handlers import CartService, handler_failed
from cartapp.paths import resource_path
from cartapp.qt.bridge import QtBridge
from cartapp.qt.models.event_log import COL_TIME, RECORD_ROLE
from cartapp.qt.widgets.event_log import EventLogDock

__all__: list[str] = []

_UNITS = {"µs": 1_000, "ms": 1_000_000, "s": 1_000_000_000}


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
    bridge = QtBridge(bus, drive=False)
    yield bridge
    bridge.close()


@pytest.fixture
def dock(qtbot, bridge: QtBridge) -> EventLogDock:
    dock = EventLogDock(bridge)
    qtbot.addWidget(dock)
    dock.resize(1100, 500)
    dock.show()
    qtbot.waitExposed(dock)
    return dock


def offsets(text: str) -> list[tuple[int, str]]:
    """``(offset ns, line)`` of every path line of a details text (rounded as shown)."""
    out = []
    for line in text.splitlines():
        m = re.match(r"^[ >·]\s*\+([\d.]+) (µs|ms|s) ", line)
        if m:
            out.append((int(float(m.group(1)) * _UNITS[m.group(2)]), line))
    return out


def test_a_clicks_stages_run_forward_and_the_commit_is_its_own_moment(
    dock: EventLogDock, bus: EventBus, bridge: QtBridge, catalog: Catalog
) -> None:
    item = next(iter(catalog)).id
    bus.publish(AddItem(item_id=item, quantity=3), source="ui")
    bridge.flush()
    model = dock.model
    records = [model.index(r, 0).data(RECORD_ROLE) for r in range(model.rowCount())]
    # Every record comes no earlier than the one before it: the fact is generated when it is
    # published, after its command was handled (which includes the commit).
    times = [r.t_ns for r in records]
    assert times == sorted(times)
    kinds = [(str(r.stage), r.envelope.event_type) for r in records]
    handled = kinds.index(("handled", "AddItem"))
    generated = kinds.index(("generated", "ItemAdded"))
    assert handled < generated and records[handled].t_ns <= records[generated].t_ns
    # Per message: generated <= transmitted <= handled <= consumed.
    for env in {id(r.envelope): r.envelope for r in records}.values():
        mine = {str(r.stage): r.t_ns for r in records if r.envelope is env}
        order = [mine[s] for s in ("generated", "transmitted", "handled", "consumed") if s in mine]
        assert order == sorted(order), env.event_type
    # The clock column reads forward too.
    clocks = [model.index(r, COL_TIME).data() for r in range(model.rowCount())]
    assert clocks == sorted(clocks)

    dock.select_row(generated)
    text = dock.details.toPlainText()
    assert "  decided   " in text and "  committed " in text
    path = offsets(text)
    assert [t for t, _ in path] == sorted(t for t, _ in path)
    words = [re.split(r" (?:µs|ms|s) ", line, maxsplit=1)[1].split()[0] for _, line in path]
    # decided, then committed, then the command's handled, then the fact's own stages
    assert words.index("decided") < words.index("committed") < words.index("handled")
    assert words.count("decided") == 1 and words.count("generated") == 2
    assert [s for s in words if s not in ("decided", "committed")] == [
        str(r.stage) for r in records
    ]


def test_commands_name_their_product_and_consumed_rows_name_the_views(cart_app) -> None:
    """Through the whole app: the log's summary of a command says the product's name, and a
    consumed fact's Who cell names the views that took it."""
    from cartapp.qt.models.event_log import COL_SOURCE, COL_SUMMARY

    dock = cart_app.docks["eventLogDock"]
    dock.raise_()
    before = dock.model.rowCount()
    cart_app.bus.publish(AddItem(item_id="butter-croissant", quantity=3), source="ui")
    cart_app.bus.publish(
        ApplyDiscount(item_id="butter-croissant", percent=Decimal("10")), source="ui"
    )
    cart_app.bridge.flush()
    dock.flush()
    model = dock.model
    rows = range(before, model.rowCount())
    cells = {
        (str(r.stage), r.envelope.event_type): (
            model.index(i, COL_SUMMARY).data(),
            model.index(i, COL_SOURCE).data(),
        )
        for i in rows
        if (r := model.index(i, 0).data(RECORD_ROLE)) is not None
    }
    assert cells[("generated", "AddItem")] == ("add 3 x Butter croissant", "ui")
    assert cells[("generated", "ApplyDiscount")][0].endswith(" off Butter croissant")
    assert cells[("generated", "ItemAdded")][0] == "Added 3 x Butter croissant"
    assert cells[("transmitted", "AddItem")][1] == "→ CartHandler"
    assert cells[("consumed", "AddItem")][1] == "by CartHandler"
    who = cells[("consumed", "ItemAdded")][1]
    assert who.startswith("by cart view, catalog, undo")
    for view in ("event log", "metrics", "flow", "orders", "time travel"):
        assert view in who
    assert "QtBridge" not in who


def test_the_details_pane_is_resized_by_dragging_and_remembered(qtbot, data_dir, dispose) -> None:
    from PySide6.QtCore import QPoint, Qt

    from cartapp.app import build

    first = build(data_dir)
    first.window.resize(1280, 800)
    first.window.show()
    qtbot.waitExposed(first.window)
    dock = first.docks["eventLogDock"]
    dock.raise_()
    qtbot.waitUntil(lambda: dock.details.width() > 0)
    splitter = dock.splitter
    handle = splitter.handle(1)
    table_before, details_before = splitter.sizes()
    # Drag the handle 200 px to the left: the details pane gets 200 px more.
    middle = QPoint(handle.width() // 2, handle.height() // 2)
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseMove(handle, middle - QPoint(200, 0))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=middle - QPoint(200, 0))
    table, details = splitter.sizes()
    assert details == details_before + 200 and table == table_before - 200
    dispose(first)  # closing saves the layout

    second = build(data_dir)
    try:
        second.window.resize(1280, 800)
        second.window.show()
        qtbot.waitExposed(second.window)
        log = second.docks["eventLogDock"]
        log.raise_()
        qtbot.waitUntil(lambda: log.details.width() > 0)
        assert log.splitter.sizes() == [table, details]
    finally:
        dispose(second)


def test_the_details_pane_never_describes_a_record_that_left(
    dock: EventLogDock, bus: EventBus, bridge: QtBridge
) -> None:
    from cartapp.qt.widgets.event_log import LEFT_NOTE

    dock.cap = 20
    bus.publish(AddItem(item_id="no-such-product", quantity=1), source="ui")  # rejected
    bridge.flush()
    dock.flush()
    rejected = next(
        r
        for r in range(dock.proxy.rowCount())
        if dock.proxy.record(r).envelope.event_type == "CommandRejected"
    )
    dock.select_row(rejected)
    assert "CommandRejected" in dock.details.toPlainText().splitlines()[0]
    # Later clicks push it out of the log (cap 20 rows): the pane says so and forgets it.
    for _ in range(3):
        bus.publish(AddItem(item_id="butter-croissant", quantity=1), source="ui")
        bridge.flush()
        dock.flush()
    assert dock.model.row_of(dock.proxy.record(0)) == 0  # the log still has rows
    assert dock.selected_record is None
    text = dock.details.toPlainText()
    assert text == LEFT_NOTE.format(cap=20) and "CommandRejected" not in text
    # A new selection is described again.
    dock.select_row(dock.proxy.rowCount() - 1)
    assert dock.details.toPlainText().startswith("AddItem · consumed")


def test_help_reading_the_figures_defines_what_the_panels_show(cart_app, qtbot) -> None:
    from PySide6.QtWidgets import QMenu

    from cartapp.qt.widgets.flow_diagram import FlowDiagram

    window = cart_app.window
    help_menu = window.findChild(QMenu, "helpMenu")
    action = next(a for a in help_menu.actions() if a.objectName() == "figuresHelpAction")
    action.trigger()
    page = window.findChild(type(window.show_figures_help()), "figuresHelp")
    qtbot.waitExposed(page)
    text = page.text.toPlainText()
    # P(c|h) is consumption of the result, not acceptance; acceptance is its own figure and a
    # no-op is not accepted; undo and redo are Markov states.
    assert "P(c|h) — consumption of the result" in text
    assert "Accepted — acceptance" in text and "no-op" in text
    assert "Undo and Redo" in text
    diagram = window.findChild(FlowDiagram)
    assert diagram is not None and "P(c|h): consumption of the result" in diagram.toolTip()
