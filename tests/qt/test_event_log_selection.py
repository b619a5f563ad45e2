"""The event log's selection survives every filter, stage and search change (issue 8, item 1).

Given the whole app with a few clicks' records in its log, when the user selects a row (or only
makes it current) and then picks a type or stage filter with the mouse or with Down on the combo,
or types a search, that hides the row, then the app keeps running, the table shows exactly the
rows its status line counts, and the details pane describes the selected record or says that the
filter hides it; when the filter shows the record again, its row is selected again.

Hiding the selected row used to recurse between the view's selection and the correlation tint
until the process died with a segfault, so the whole matrix runs first in a child interpreter
(``hiding_runs``): a regression fails these tests instead of killing the test run.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cartapp.bus import EventBus
from cartapp.domain.catalog import Catalog
from cartapp.domain.events import AddItem, RemoveItem
from cartapp.handlers import CartService, handler_failed
from cartapp.paths import resource_path
from cartapp.qt.bridge import QtBridge
from cartapp.qt.widgets.event_log import HIDDEN_NOTE, LEFT_NOTE, EventLogDock

REPO = Path(__file__).resolve().parents[2]

HIDE_CHILD = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from cartapp.app import build
    from cartapp.domain.events import AddItem
    from cartapp.qt.models.event_log import RECORD_ROLE

    app = build(sys.argv[1])
    window = app.window
    window.resize(1280, 800)
    window.show()
    QTest.qWaitForWindowExposed(window)
    dock = app.docks["eventLogDock"]
    dock.raise_()
    for item, quantity in [
        ("espresso-beans", 1), ("green-tea-bags", 2), ("espresso-beans", 500),
        ("butter-croissant", 1), ("green-tea-bags", 1), ("pretzel", 900), ("pretzel", 1),
    ]:
        app.bus.publish(AddItem(item_id=item, quantity=quantity), source="ui")
    app.bridge.flush()
    dock.flush()
    dock.set_auto_scroll(False)
    view, proxy = dock.view, dock.proxy
    emitted = []
    dock.record_selected.connect(emitted.append)

    def settle():
        QApplication.processEvents()  # the view's deferred layout, as the event loop runs it

    def reset():
        dock.search.clear()
        dock.filter_combo.setCurrentIndex(0)
        dock.stage_combo.setCurrentIndex(0)
        settle()

    def target(test):
        rows = [r for r in range(proxy.rowCount()) if test(proxy.record(r))]
        return rows[len(rows) // 2]  # one in the middle: rows before and after it

    def click_row(row):
        index = proxy.index(row, 5)
        view.scrollTo(index)
        at = view.visualRect(index).center()
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
        settle()

    def pick(combo, text):
        \"\"\"Open the popup with a click, move to the entry and click it.\"\"\"
        QTest.mouseClick(combo, Qt.MouseButton.LeftButton)
        popup = combo.view()
        QTest.qWaitForWindowExposed(popup.window())
        index = combo.model().index(combo.findText(text), 0)
        popup.scrollTo(index)
        rect = popup.visualRect(index)
        port = popup.viewport()
        at = QPoint(min(rect.center().x(), port.width() // 2), rect.center().y())
        QTest.mouseMove(port, QPoint(1, port.height() - 2))  # away from the opening click
        QTest.mouseMove(port, QPoint(1, 1))
        QTest.mouseMove(port, at)
        QTest.mouseClick(port, Qt.MouseButton.LeftButton, pos=at)
        assert combo.currentText() == text and not popup.isVisible(), combo.currentText()
        settle()

    def down(combo):
        combo.setFocus()
        QTest.keyClick(combo, Qt.Key.Key_Down)
        settle()

    def observe(way, step, record):
        text = dock.details.toPlainText()
        top = view.indexAt(QPoint(2, 2))
        out = {
            "way": way,
            "step": step,
            "shown": proxy.rowCount(),
            "status": dock.status_text(),
            "table_rows": view.verticalHeader().count(),
            "top_row": top.row() if top.isValid() else -1,
            "record_rows": [
                r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(RECORD_ROLE) is record
            ],
            "selected": [i.row() for i in view.selectionModel().selectedRows()],
            "kept": dock.selected_record is record,
            "first_line": text.split("\\n", 1)[0],
            "describes": f"{record.envelope.event_type} · {record.stage}" in text,
            "emitted": len(emitted),
        }
        print("step", json.dumps(out), flush=True)

    def scenario(way, test, steps, *, current_only=False):
        reset()
        row = target(test)
        record = proxy.record(row)
        emitted.clear()
        if current_only:
            view.selectionModel().clearSelection()
            view.selectionModel().setCurrentIndex(
                proxy.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        else:
            click_row(row)
        observe(way, "selected", record)
        for label, act in steps:
            act()
            observe(way, label, record)
        reset()
        observe(way, "reset", record)
        print("done", way, flush=True)

    fact = lambda r: getattr(r.envelope.event, "kind", "") == "fact" and str(r.stage) == "handled"
    command = lambda r: r.envelope.event_type == "AddItem" and str(r.stage) == "transmitted"
    handled = lambda r: str(r.stage) == "handled"
    generated = lambda r: str(r.stage) == "generated"
    tea = lambda r: "green-tea" in r.envelope.event.model_dump_json()
    types, stages = dock.filter_combo, dock.stage_combo

    # first, while nothing was ever chosen: only the keyboard's current row is there
    scenario("current row, keyboard", handled, [("down", lambda: down(stages))], current_only=True)
    every_type = [(f"down {i}", lambda: down(types)) for i in range(types.count())]
    scenario("type, keyboard", fact, every_type)
    scenario("type, mouse", command, [
        ("Facts", lambda: pick(types, "Facts")),
        ("Rejections", lambda: pick(types, "Rejections & failures")),
        ("AddItem", lambda: pick(types, "AddItem")),
    ])
    every_stage = [(f"down {i}", lambda: down(stages)) for i in range(stages.count())]
    scenario("stage, keyboard", handled, every_stage)
    scenario("stage, mouse", generated, [
        ("consumed", lambda: pick(stages, "consumed")),
        ("generated", lambda: pick(stages, "generated")),
        ("failed", lambda: pick(stages, "failed")),
    ])

    def search(text):
        dock.search.setFocus()
        QTest.keyClick(dock.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(dock.search, text)
        QTest.keyClick(dock.search, Qt.Key.Key_Return)  # Enter applies at once
        settle()

    scenario("search", tea, [
        ("croissant", lambda: search("croissant")),
        ("tea", lambda: search("tea")),
        ("pretzel", lambda: search("pretzel")),
    ])
    app.close()
    print("finished", flush=True)
    """
)
WAYS = {
    "type, keyboard",
    "type, mouse",
    "stage, keyboard",
    "stage, mouse",
    "search",
    "current row, keyboard",
}


@pytest.fixture(scope="module")
def hiding_runs(tmp_path_factory) -> list[dict]:
    """Every step of the matrix, observed in a child interpreter (it used to segfault)."""
    data = tmp_path_factory.mktemp("hide") / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", HIDE_CHILD, str(data)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    lines = done.stdout.splitlines()
    finished = [line[5:] for line in lines if line.startswith("done ")]
    if done.returncode != 0 or "finished" not in lines:
        pytest.fail(
            f"the app died (exit {done.returncode}) after {finished}:\n{done.stderr[-3000:]}"
        )
    return [json.loads(line[5:]) for line in lines if line.startswith("step ")]


def test_hiding_the_selected_row_never_crashes_with_mouse_keyboard_or_search(
    hiding_runs: list[dict],
) -> None:
    assert {step["way"] for step in hiding_runs} == WAYS
    for way in WAYS - {"current row, keyboard"}:
        steps = [s for s in hiding_runs if s["way"] == way]
        assert any(not s["record_rows"] for s in steps), f"{way}: never hid the row"
        assert steps[-1]["record_rows"], f"{way}: the reset did not show the row again"


def test_the_table_shows_the_rows_its_status_counts(hiding_runs: list[dict]) -> None:
    for step in hiding_runs:
        where = f"{step['way']} / {step['step']}"
        counted = int(re.match(r"Showing (\d+) of", step["status"]).group(1))
        assert step["shown"] == counted == step["table_rows"], where
        assert (step["top_row"] >= 0) == (step["shown"] > 0), where  # never a blank table


def test_the_details_follow_the_selection_or_say_the_filter_hides_it(
    hiding_runs: list[dict],
) -> None:
    for step in hiding_runs:
        if step["way"] == "current row, keyboard":
            continue
        where = f"{step['way']} / {step['step']}"
        assert step["kept"], where  # the record the user chose stays chosen
        assert step["describes"], where
        assert step["emitted"] == 1, where  # chosen once: showing it again is not a new choice
        if step["record_rows"]:
            assert step["selected"] == step["record_rows"], where
            assert step["first_line"] != HIDDEN_NOTE, where
        else:
            assert step["selected"] == [], where  # not the row after it
            assert step["first_line"] == HIDDEN_NOTE, where


def test_a_current_row_that_a_filter_hides_selects_nothing_else(hiding_runs: list[dict]) -> None:
    steps = [s for s in hiding_runs if s["way"] == "current row, keyboard"]
    assert [s["step"] for s in steps] == ["selected", "down", "reset"]
    assert not steps[1]["record_rows"]
    assert all(s["selected"] == [] and s["emitted"] == 0 for s in steps)


# -- in process, once the matrix above has run safely --------------------------------------------


@pytest.fixture
def log(qtbot, qapp: object) -> tuple[EventBus, QtBridge, EventLogDock]:
    catalog = Catalog.from_json(resource_path("catalog.json").read_text(encoding="utf-8"))
    bus = EventBus(failure_fact=handler_failed)
    CartService(catalog).attach(bus)
    bridge = QtBridge(bus)
    dock = EventLogDock(bridge, cap=40)
    qtbot.addWidget(dock)
    dock.resize(1100, 500)
    dock.show()
    qtbot.waitExposed(dock)
    yield bus, bridge, dock
    bridge.close()
    bus.close()


def test_the_cap_taking_the_selected_row_selects_no_other_row(
    qtbot, log, hiding_runs: list[dict]
) -> None:
    bus, bridge, dock = log
    bus.publish(AddItem(item_id="green-tea-bags", quantity=1), source="ui")
    bridge.flush()
    dock.set_auto_scroll(False)
    dock.view.scrollToTop()
    chosen: list[object] = []
    dock.record_selected.connect(chosen.append)
    rect = dock.view.visualRect(dock.proxy.index(0, 5))
    qtbot.mouseClick(dock.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    record = dock.selected_record
    assert chosen == [record]
    for i in range(8):  # more than the cap: the selected row leaves
        item = AddItem if i % 2 == 0 else RemoveItem
        bus.publish(item(item_id="green-tea-bags", quantity=1), source="ui")
        bridge.flush()
        dock.flush()
    assert dock.model.row_of(record) == -1
    assert chosen == [record]  # time travel was not sent to a record nobody picked
    assert dock.view.selectionModel().selectedRows() == []
    # The pane is never about a record no longer in the log (issue 12: no stale rejection).
    assert dock.selected_record is None
    assert dock.details.toPlainText() == LEFT_NOTE.format(cap=dock.model.cap)
