"""One session, recorded through the widgets, then read after a restart in every panel.

Given a session recorded as a user would (three adds, a quantity change, one rejection, undo,
redo, checkout: 8 commands and their 8 facts), when the app is closed and built again on the
same data folder, then the event log, time travel, the metrics' and flow's "Current session" and
File > Export session all describe the same 16 messages, and each figure says what it counts.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QMenu

from cartapp.app import App, build
from cartapp.bus.stages import Stage
from cartapp.qt.models.catalog import PRODUCT_ID_ROLE
from cartapp.qt.models.metrics import (
    COL_HANDLER_FAILED,
    COL_HANDLER_REJECTED,
    COL_PROB_LOSSES,
    COL_PROB_REJECTED,
)
from cartapp.qt.models.scopes import CURRENT
from cartapp.qt.widgets.flow import FlowDock
from cartapp.qt.widgets.metrics import MetricsDock, ScopeSelector
from cartapp.qt.widgets.rate_chart import RateChart
from cartapp.store import LIVE_STREAM

__all__: list[str] = []

SESSION_MESSAGES = 16
SESSION_COMMANDS = 8


# -- helpers ------------------------------------------------------------------------------------


def settle(app: App) -> None:
    assert app.bus.wait_idle(60.0)  # returns once idle: the wait bounds a hang, never a verdict
    app.bridge.flush()
    app.docks["eventLogDock"].flush()
    assert app.live is not None
    app.live.flush_stages()
    metrics(app).feed.flush()
    QApplication.processEvents()


def dispose(app: App) -> None:
    app.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QApplication.processEvents()


def metrics(app: App) -> MetricsDock:
    dock = app.docks["metricsPanel"]
    assert isinstance(dock, MetricsDock)
    return dock


def flow(app: App) -> FlowDock:
    dock = app.docks["flowView"]
    assert isinstance(dock, FlowDock)
    return dock


def start(qtbot: Any, data_dir: Path) -> App:
    app = build(data_dir)
    app.window.resize(1280, 800)
    app.window.show()
    qtbot.waitExposed(app.window)
    return app


def choose(qtbot: Any, selector: ScopeSelector, label: str) -> None:
    """Pick ``label`` in a scope selector with the keyboard, as a user would."""
    target = selector.findText(label, Qt.MatchFlag.MatchStartsWith)
    assert target >= 0, f"{label!r} is not offered: {selector.scope_keys()}"
    selector.setFocus()
    while selector.currentIndex() != target:
        key = Qt.Key.Key_Down if selector.currentIndex() < target else Qt.Key.Key_Up
        before = selector.currentIndex()
        qtbot.keyClick(selector, key)
        assert selector.currentIndex() != before, "the selector did not move"


def show_current_session(qtbot: Any, app: App) -> None:
    dock = metrics(app)
    dock.show()
    dock.raise_()
    assert dock.scope_selector is not None
    choose(qtbot, dock.scope_selector, "Current session")
    scopes = dock.scopes
    assert scopes is not None
    qtbot.waitUntil(lambda: scopes.shown_key == CURRENT and not scopes.loading, timeout=60_000)
    settle(app)
    dock.refresh()


class Ui:
    """Clicks and keys on the real widgets (a few of ``tests/qt/conftest.py``'s)."""

    def __init__(self, qtbot: Any, app: App) -> None:
        self.qtbot, self.app, self.window = qtbot, app, app.window
        self.catalog, self.cart = app.window.catalog_panel, app.window.cart_panel

    def settle(self) -> None:
        self.qtbot.waitUntil(lambda: not self.window.refresh_pending(), timeout=30_000)

    def click_row(self, view: Any, row: int) -> None:
        index = view.model().index(row, 0)
        view.scrollTo(index)
        point = view.visualRect(index).center()
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        self.settle()

    def add(self, item_id: str, quantity: int) -> None:
        proxy = self.catalog.proxy
        row = next(
            r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(PRODUCT_ID_ROLE) == item_id
        )
        self.click_row(self.catalog.view, row)
        spin = self.catalog.quantity
        spin.setFocus()
        self.qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        self.qtbot.keyClicks(spin, str(quantity))
        spin.interpretText()
        self.qtbot.mouseClick(self.catalog.add_button, Qt.MouseButton.LeftButton)
        self.settle()

    def select_line(self, item_id: str) -> None:
        self.click_row(self.cart.view, self.window.cart_model.row_of(item_id))
        self.cart.view.setFocus()

    def lines(self) -> list[tuple[str, int]]:
        model = self.cart.view.model()
        return [
            (model.index(row, 0).data(), int(model.index(row, 2).data()))
            for row in range(model.rowCount())
        ]


def record_session(qtbot: Any, app: App) -> None:
    """Three adds, a quantity change, one rejection, undo, redo, checkout, through widgets."""
    ui = Ui(qtbot, app)
    ui.add("espresso-beans", 1)
    ui.add("whole-milk-1l", 2)
    ui.add("rye-bread", 2)  # the last two in stock
    ui.select_line("espresso-beans")
    qtbot.keyClick(ui.cart.view, Qt.Key.Key_Plus)  # a quantity change: 1 -> 2
    ui.settle()
    ui.select_line("rye-bread")
    qtbot.keyClick(ui.cart.view, Qt.Key.Key_Plus)  # a third loaf: rejected
    ui.settle()
    assert ui.cart.rejection.isVisible()
    app.window.undo_action.trigger()  # the quantity change
    settle(app)
    app.window.redo_action.trigger()
    settle(app)
    app.window.confirm_checkout = lambda cart: True
    qtbot.mouseClick(ui.cart.checkout_button, Qt.MouseButton.LeftButton)
    settle(app)
    assert ui.lines() == []


def log_messages(app: App) -> list[str]:
    """The ids of the messages the event log shows, in the order of their first record."""
    seen: dict[str, None] = {}
    for record in app.docks["eventLogDock"].model.records():
        seen.setdefault(record.envelope.event_id, None)
    return list(seen)


def travel_messages(app: App) -> list[str]:
    """Step through Time travel's range with its buttons, from the first message to the last."""
    dock = app.time_travel
    assert dock is not None
    dock.show()
    dock.raise_()
    dock.refresh()
    dock.first_button.click()
    ids = []
    while True:
        assert dock.message is not None
        ids.append(dock.message.envelope.event_id)
        if not dock.next_button.isEnabled():
            break
        dock.next_button.click()
    return ids


@pytest.fixture
def recorded(qtbot: Any, tmp_path: Path) -> Iterator[tuple[Path, list[str]]]:
    """A data folder holding one recorded session, the app closed; and its message ids."""
    data_dir = tmp_path / "data"
    app = start(qtbot, data_dir)
    record_session(qtbot, app)
    assert app.live is not None
    ids = [e.envelope.event_id for e in app.live.store.iter_events(LIVE_STREAM)]
    dispose(app)
    yield data_dir, ids


@pytest.fixture
def again(qtbot: Any, recorded: tuple[Path, list[str]]) -> Iterator[App]:
    app = start(qtbot, recorded[0])
    settle(app)
    yield app
    dispose(app)


# -- every panel agrees after a restart ----------------------------------------------------------


def test_after_a_restart_every_panel_describes_the_same_session(
    qtbot: Any, recorded: tuple[Path, list[str]], again: App, tmp_path: Path
) -> None:
    _, ids = recorded
    assert len(ids) == SESSION_MESSAGES
    kinds = Counter(type(e.envelope.event).__name__ for e in again.live.store.iter_events())  # type: ignore[union-attr]
    assert kinds["CommandRejected"] == 1

    # The event log: every stage of the 16 messages, each message once generated.
    assert log_messages(again) == ids
    records = again.docks["eventLogDock"].model.records()
    assert sum(1 for r in records if r.stage is Stage.GENERATED) == SESSION_MESSAGES

    # Time travel: the current session is the order just checked out, all 16 messages.
    assert travel_messages(again) == ids
    dock = again.time_travel
    assert dock is not None
    assert dock.title_label.text() == (
        f"Current session (order #1, checked out) · {SESSION_MESSAGES} messages"
    )

    # Metrics and Flow, "Current session": the same messages, type by type.
    show_current_session(qtbot, again)
    report = metrics(again).feed.report()
    assert report.total.generated == SESSION_MESSAGES
    by_type = Counter(r.envelope.event_type for r in records if r.stage is Stage.GENERATED)
    assert {t.name: t.generated for t in report.types} == dict(by_type)
    assert f"Messages <b>{SESSION_MESSAGES}</b>" in metrics(again).summary_label.text()
    flow(again).show()
    flow(again).raise_()
    flow(again).refresh()
    assert flow(again).scope_selector.currentText() == "Current session"  # type: ignore[union-attr]
    assert f"Bus: {SESSION_MESSAGES} generated" in flow(again).diagram.describe()

    # File > Export session (Ctrl+E): the same ids, in the same order.
    files = again.files
    assert files is not None
    target = tmp_path / "session.jsonl"
    files.choose_save_path = lambda caption, suggested: str(target)
    messages: list[object] = []
    files.show_message = lambda *args: messages.append(args)
    action = files.export_session_action
    assert action.isEnabled() and action.shortcut().toString() == "Ctrl+E"
    action.trigger()
    assert messages == []
    exported = [json.loads(line) for line in target.read_text().splitlines()]
    assert [line["id"] for line in exported] == ids  # CloudEvents: "id"


def test_the_current_session_goes_on_with_the_next_message(qtbot: Any, again: App) -> None:
    """The first message after the checkout opens the next session in every panel."""
    show_current_session(qtbot, again)
    Ui(qtbot, again).add("pretzel", 1)
    settle(again)
    scopes = metrics(again).scopes
    assert scopes is not None
    qtbot.waitUntil(
        lambda: not scopes.loading and metrics(again).feed.report().total.generated == 2,
        timeout=60_000,
    )
    dock = again.time_travel
    assert dock is not None
    dock.refresh()
    assert dock.range.title == "Current session" and dock.range.size == 2
    assert again.files is not None
    assert again.files.session_range() == (LIVE_STREAM, SESSION_MESSAGES + 1, SESSION_MESSAGES + 2)


# -- menu actions are enabled only when they will do something ----------------------------------


def menu_actions(app: App) -> dict[str, bool]:
    """Every action of every menu (not the dock toggles): object name -> enabled."""
    QApplication.processEvents()  # the once-per-turn refresh of the enabled states
    out = {}
    for menu in app.window.menuBar().findChildren(QMenu):
        for action in menu.actions():
            if action.objectName() and not action.isSeparator():
                out[action.objectName()] = action.isEnabled()
    return out


def test_a_new_cart_offers_no_export_and_nothing_to_undo(qtbot: Any, cart_app: App) -> None:
    enabled = menu_actions(cart_app)
    for name in ("exportSessionAction", "exportHistoryAction", "undoAction", "redoAction"):
        assert enabled[name] is False, name
    for name in ("clearCartAction", "checkoutAction", "removeLineAction", "addToCartAction"):
        assert enabled[name] is False, name  # nothing in the cart, nothing selected
    assert enabled["importSessionAction"] and enabled["quitAction"] and enabled["findAction"]
    ui = Ui(qtbot, cart_app)
    ui.add("pretzel", 1)
    settle(cart_app)
    qtbot.waitUntil(lambda: menu_actions(cart_app)["exportSessionAction"], timeout=30_000)
    enabled = menu_actions(cart_app)
    assert enabled["exportHistoryAction"] and enabled["clearCartAction"] and enabled["undoAction"]
    assert enabled["addToCartAction"]  # the product stays selected


def test_after_a_restart_ctrl_e_writes_the_session(
    qtbot: Any, recorded: tuple[Path, list[str]], again: App, tmp_path: Path
) -> None:
    enabled = menu_actions(again)
    assert enabled["exportSessionAction"] and enabled["exportHistoryAction"]
    assert not enabled["undoAction"] and not enabled["checkoutAction"]  # an order is final
    files = again.files
    assert files is not None
    target = tmp_path / "after-restart.jsonl"
    files.choose_save_path = lambda caption, suggested: str(target)
    again.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is again.window, timeout=30_000)
    again.window.catalog_panel.focus_search()  # where the focus is after a start
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(target.exists, timeout=30_000)
    ids = [json.loads(line)["id"] for line in target.read_text().splitlines()]
    assert ids == recorded[1]


def test_import_is_not_offered_while_an_import_runs(
    qtbot: Any, recorded: tuple[Path, list[str]], again: App, tmp_path: Path
) -> None:
    files = again.files
    assert files is not None
    files.show_message = lambda *args: None
    path = tmp_path / "s.jsonl"
    assert files.export_session(str(path)) == SESSION_MESSAGES
    with qtbot.waitSignal(files.import_ended, timeout=30_000):
        assert files.import_session(str(path))
        assert not files.import_action.isEnabled()
    qtbot.waitUntil(files.import_action.isEnabled, timeout=30_000)


# -- time travel's picker says what is shown -----------------------------------------------------


def test_the_picker_names_the_order_shown_and_goes_back_to_live(qtbot: Any, again: App) -> None:
    travel, orders = again.time_travel, again.orders
    assert travel is not None and orders is not None
    travel.show()
    travel.refresh()
    assert travel.source_combo.currentText() == "Live cart"
    orders.show()
    orders.raise_()
    orders.select_order(1)
    qtbot.mouseClick(orders.show_events_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: travel.on_screen, timeout=30_000)
    assert travel.range.title == "Order #1" and "read only" in travel.banner_text()
    assert travel.source_combo.currentText() == "Order #1"
    # Choosing the entry again (keyboard: open the list, Enter) goes back to live.
    combo = travel.source_combo
    combo.setFocus()
    combo.showPopup()
    qtbot.keyClick(combo.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: combo.currentText() == "Live cart", timeout=30_000)
    assert travel.following_live
    # Stepping back in the current session is the past too.
    travel.prev_button.click()
    assert not travel.following_live
    assert combo.currentText() == "Current session (order #1, checked out)"


# -- importing a file that is already in the store -----------------------------------------------


def test_importing_the_exported_session_opens_it_as_stored_history(
    qtbot: Any, recorded: tuple[Path, list[str]], again: App, tmp_path: Path
) -> None:
    files, travel = again.files, again.time_travel
    assert files is not None and travel is not None
    messages: list[tuple[object, str, str]] = []
    files.show_message = lambda *args: messages.append(args)
    path = tmp_path / "session.jsonl"
    assert files.export_session(str(path)) == SESSION_MESSAGES
    with qtbot.waitSignal(files.copy_opened, timeout=30_000) as opened:
        files.choose_open_path = lambda caption, directory: str(path)
        files.import_action.trigger()
    assert messages == [] and opened.args[0].events == SESSION_MESSAGES
    assert travel.on_screen and travel.range.title == "Copy of stored history: session.jsonl"
    assert travel_messages(again) == recorded[1]

    # A file of the session's messages and one new message is refused, saying so.
    lines = path.read_text().splitlines()
    extra = dict(json.loads(lines[0]), id="a-new-one", correlationid="a-new-one")
    extra.pop("sequence", None)
    mixed = tmp_path / "mixed.jsonl"
    plain = [json.loads(line) for line in lines]
    for line in plain:
        line.pop("sequence", None)
    mixed.write_text("\n".join(json.dumps(x) for x in [extra, *plain]) + "\n")
    store = again.live.store  # type: ignore[union-attr]
    before = (store.count(), store.streams())
    with qtbot.waitSignal(files.import_ended, timeout=30_000) as ended:
        files.import_session(str(mixed))
    assert ended.args[0] is None
    [(_, title, text)] = messages
    assert title == "Import refused" and "nothing was changed" in text
    assert (
        f"{SESSION_MESSAGES} of its {SESSION_MESSAGES + 1} messages are already in the store"
        in text
    )
    assert "message 2 of the file" in text
    assert (store.count(), store.streams()) == before


# -- a rejection is its own figure, with its base ------------------------------------------------


def test_the_rejection_is_one_of_the_commands_everywhere(qtbot: Any, again: App) -> None:
    show_current_session(qtbot, again)
    panel = metrics(again)
    share = f"1 of {SESSION_COMMANDS} commands"
    summary = panel.summary_label.text()
    assert f"rejected <b>1</b> of {SESSION_COMMANDS} commands" in summary
    assert "color" not in summary.split("rejected")[1].split("·")[0]  # not drawn as a loss
    assert share in panel.summary_label.toolTip()
    p = panel.probabilities
    assert p.text("[all]", COL_PROB_REJECTED) == share
    assert p.text("[command]", COL_PROB_REJECTED) == share
    types = {t.name: t for t in panel.feed.report().types}
    updates = types["UpdateItem"].generated  # the rejected "+" was an UpdateItem
    assert p.text("UpdateItem", COL_PROB_REJECTED) == f"1 of {updates} UpdateItem commands"
    assert (
        p.text("AddItem", COL_PROB_REJECTED)
        == f"0 of {types['AddItem'].generated} AddItem commands"
    )
    assert p.text("[all]", COL_PROB_LOSSES) == "—" and p.text("UpdateItem", COL_PROB_LOSSES) == "—"
    header = p.headerData(COL_PROB_REJECTED, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "out of the row's commands" in header
    tip = p.index(p.row_of("[command]"), COL_PROB_REJECTED).data(Qt.ItemDataRole.ToolTipRole)
    assert "neither a loss nor a handler failure" in tip
    h = panel.handlers
    assert h.text("CartHandler", COL_HANDLER_FAILED) == "0"
    assert h.text("CartHandler", COL_HANDLER_REJECTED) == f"1 of {SESSION_COMMANDS} calls"

    view = flow(again)
    view.show()
    view.raise_()
    view.refresh()
    assert f"Rejected: {share}" in view.diagram.describe()
    nodes = {n.key: n for n in view.diagram.layout_diagram()[0]}
    assert nodes["rejected"].title == "Rejected 1" and not nodes["rejected"].loss


# -- the events/s chart says it shows the last 60 s ----------------------------------------------


def test_the_rate_chart_says_how_much_of_the_session_its_minute_holds(
    qtbot: Any, again: App
) -> None:
    show_current_session(qtbot, again)
    chart = metrics(again).chart
    # However long ago the session was recorded, the chart names the scope's 16 messages.
    assert f"{SESSION_MESSAGES} messages of the scope are in these 60 s" in chart.window_text()
    assert "last 60 s" in chart.toolTip() and "count the whole scope" in chart.toolTip()


def test_a_session_longer_than_a_minute_is_not_shown_as_its_last_minute(qtbot: Any) -> None:
    chart = RateChart()
    qtbot.addWidget(chart)
    series = [(second, 0, 0) for second in range(60)]
    series[-1] = (59, 4, 2)  # the last 60 s hold 4 of the session's 16 messages
    chart.set_series(series)
    chart.set_total(16)
    text = "4 of the 16 messages of the scope are in these 60 s; the rest are older"
    assert chart.window_text() == text
    assert text in chart.toolTip()
    chart.set_live(False)  # a closed session: its last minute
    assert chart.window_text().endswith("are in its last 60 s; the rest are older")
    chart.set_total(4)
    assert chart.window_text() == "All 4 messages of the scope are in its last 60 s"


def test_the_log_count_names_records_and_the_messages_they_are_about(
    qtbot: Any, again: App
) -> None:
    dock = again.docks["eventLogDock"]
    records = dock.model.kept
    assert records >= 4 * SESSION_MESSAGES  # generated, transmitted, handled, consumed at least
    assert dock.status_text() == (
        f"Showing {records:,} of {records:,} records · {SESSION_MESSAGES} messages"
    )
    assert "A record is one stage of one message" in dock.status_label.toolTip()
    combo = dock.findChild(QComboBox, "eventLogFilter")
    combo.setCurrentIndex(combo.findData("Rejections & failures"))
    qtbot.waitUntil(lambda: dock.proxy.rowCount() < records, timeout=30_000)
    shown = dock.proxy.rowCount()
    assert dock.status_text().startswith(f"Showing {shown:,} of {records:,} records")


def test_the_panels_say_what_the_session_is(qtbot: Any, again: App) -> None:
    travel = again.time_travel
    assert travel is not None
    travel.refresh()
    selector = metrics(again).scope_selector
    assert selector is not None
    index = selector.findText("Current session")
    tip = selector.itemData(index, Qt.ItemDataRole.ToolTipRole)
    for said in (travel.title_label.toolTip(), tip):
        assert "every message since the last checkout" in said
        assert "right after a checkout (also after a restart), the order just checked out" in said
