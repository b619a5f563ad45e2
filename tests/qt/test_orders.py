"""The orders dock: past orders newest first, the lines of the selected one, and its events.

Given checkouts made through the UI, then the dock lists each order (number, time, lines, items,
total) as the store has it, refreshes when a ``CheckedOut`` fact arrives, shows the selected
order's lines, and "Show events" (or a double-click) opens that order in time travel.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from cartapp.app import App, build
from cartapp.domain.events import AddItem, UpdateItem
from cartapp.qt.i18n import install_language
from cartapp.qt.locale_text import datetime_text
from cartapp.qt.models.lines import LinesModel
from cartapp.qt.models.orders import (
    COL_ITEMS,
    COL_LINES,
    COL_NUMBER,
    COL_TIME,
    COL_TOTAL,
    ORDER_ROLE,
    OrdersModel,
    format_when,
)
from cartapp.qt.widgets.orders import EMPTY_ORDERS_HINT, OrdersDock
from cartapp.store import LIVE_STREAM


def settle(app: App) -> None:
    assert app.bus.wait_idle(60.0)  # returns once idle: the wait bounds a hang, never a verdict
    app.bridge.flush()
    QApplication.processEvents()


def check_out(app: App, qtbot, *commands) -> None:
    """Fill the cart with ``commands`` and click Checkout (confirmed)."""
    for command in commands:
        app.window.send(command)
    settle(app)
    app.window.confirm_checkout = lambda cart: True
    qtbot.mouseClick(app.window.cart_panel.checkout_button, Qt.MouseButton.LeftButton)
    settle(app)


def cells(dock: OrdersDock, row: int) -> list[str]:
    model = dock.view.model()
    return [model.index(row, c).data() for c in range(model.columnCount())]


@pytest.fixture
def orders(cart_app: App, qtbot) -> OrdersDock:
    dock = cart_app.orders
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: dock.on_screen, timeout=30_000)
    return dock


def test_no_orders_yet_shows_a_hint(orders: OrdersDock) -> None:
    assert orders.model.rowCount() == 0
    assert orders.stack.currentWidget() is orders.empty_label
    assert orders.empty_label.text() == EMPTY_ORDERS_HINT
    assert not orders.show_events_button.isEnabled()


def test_checkouts_appear_newest_first_as_they_happen(
    cart_app: App, orders: OrdersDock, qtbot
) -> None:
    check_out(
        cart_app,
        qtbot,
        AddItem(item_id="espresso-beans", quantity=2),
        AddItem(item_id="butter-croissant", quantity=6),
    )
    assert orders.model.rowCount() == 1
    assert orders.stack.currentWidget() is orders.view
    check_out(cart_app, qtbot, AddItem(item_id="pretzel", quantity=3))
    stored = cart_app.live.store.orders(LIVE_STREAM)
    assert [o.order_number for o in orders.orders()] == [2, 1]
    newest, oldest = cells(orders, 0), cells(orders, 1)
    assert newest[COL_NUMBER] == "#2" and oldest[COL_NUMBER] == "#1"
    assert (oldest[COL_LINES], oldest[COL_ITEMS]) == ("2", "8")
    assert (newest[COL_LINES], newest[COL_ITEMS]) == ("1", "3")
    assert oldest[COL_TOTAL] == "€46.16"
    assert newest[COL_TIME] == datetime_text(stored[1].timestamp, seconds=True)
    assert orders.view.model().index(0, 0).data(ORDER_ROLE) == stored[1]


def test_a_new_order_keeps_the_selection(cart_app: App, orders: OrdersDock, qtbot) -> None:
    check_out(cart_app, qtbot, AddItem(item_id="pretzel", quantity=1))
    assert orders.select_order(1)
    inserted: list[tuple[int, int]] = []
    orders.model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    check_out(cart_app, qtbot, AddItem(item_id="apples-1kg", quantity=1))
    assert inserted == [(0, 0)]  # one row inserted at the top, no reset
    assert orders.selected_order().order_number == 1


def test_selecting_an_order_shows_its_lines(cart_app: App, orders: OrdersDock, qtbot) -> None:
    check_out(
        cart_app,
        qtbot,
        AddItem(item_id="espresso-beans", quantity=2),
        AddItem(item_id="butter-croissant", quantity=4),
        UpdateItem(item_id="butter-croissant", quantity=6),
    )
    index = orders.view.model().index(0, COL_NUMBER)
    qtbot.mouseClick(
        orders.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=orders.view.visualRect(index).center(),
    )
    lines = orders.lines_view.model()
    rows = [
        [lines.index(r, c).data() for c in range(lines.columnCount())]
        for r in range(lines.rowCount())
    ]
    assert rows == [
        ["Espresso beans 1 kg", "€18.90", "2", "€37.80"],
        ["Butter croissant", "€0.89", "6", "€5.34"],
    ]
    summary = orders.summary_label.text()
    assert "Order #1" in summary and "8 items" in summary and "€46.16" in summary
    assert orders.show_events_button.isEnabled()


def test_show_events_opens_the_order_in_time_travel(
    cart_app: App, orders: OrdersDock, qtbot
) -> None:
    check_out(cart_app, qtbot, AddItem(item_id="pretzel", quantity=2))
    check_out(cart_app, qtbot, AddItem(item_id="apples-1kg", quantity=5))
    travel = cart_app.time_travel
    orders.select_order(1)
    qtbot.mouseClick(orders.show_events_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: travel.on_screen, timeout=30_000)
    first = cart_app.live.store.orders(LIVE_STREAM)[0]
    assert travel.range.title == "Order #1"
    assert (travel.range.first, travel.range.last) == (first.first_version, first.version)
    assert [(line.item_id, line.quantity) for line in travel.cart.lines] == [("pretzel", 2)]
    assert "read only" in travel.banner_text()

    orders.raise_()
    qtbot.waitUntil(lambda: orders.on_screen, timeout=30_000)
    index = orders.view.model().index(orders.model.row_of(2), COL_NUMBER)  # double-click #2
    center = orders.view.visualRect(index).center()
    qtbot.mouseClick(orders.view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(
        orders.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=orders.view.visualRect(index).center(),
    )
    qtbot.waitUntil(lambda: travel.on_screen and travel.range.title == "Order #2", timeout=30_000)
    assert [(line.item_id, line.quantity) for line in travel.cart.lines] == [("apples-1kg", 5)]


def test_a_dock_behind_another_tab_catches_up_when_shown(cart_app: App, qtbot) -> None:
    dock = cart_app.orders
    cart_app.docks["eventLogDock"].raise_()
    QApplication.processEvents()
    assert not dock.on_screen
    reads: list[int] = []
    store = cart_app.live.store
    real = store.orders
    store.orders = lambda stream=LIVE_STREAM: reads.append(1) or real(stream)  # type: ignore[method-assign]
    try:
        check_out(cart_app, qtbot, AddItem(item_id="pretzel", quantity=1))
        check_out(cart_app, qtbot, AddItem(item_id="pretzel", quantity=1))
        assert reads == []  # nothing read while nobody can see it
        dock.raise_()
        qtbot.waitUntil(lambda: dock.model.rowCount() == 2, timeout=30_000)
        assert len(reads) == 1
    finally:
        del store.orders


def test_orders_survive_a_restart(cart_app: App, data_dir, qtbot, dispose) -> None:
    check_out(cart_app, qtbot, AddItem(item_id="pretzel", quantity=1))
    check_out(cart_app, qtbot, AddItem(item_id="apples-1kg", quantity=2))
    cart_app.orders.raise_()
    qtbot.waitUntil(lambda: cart_app.orders.model.rowCount() == 2, timeout=30_000)
    before = [cells(cart_app.orders, r) for r in range(2)]
    dispose(cart_app)
    app = build(data_dir)
    try:
        app.window.show()
        app.orders.raise_()
        qtbot.waitUntil(lambda: app.orders.model.rowCount() == 2, timeout=30_000)
        assert [cells(app.orders, r) for r in range(2)] == before
    finally:
        dispose(app)


def test_the_models_pass_the_model_tester(
    qtmodeltester, cart_app: App, orders: OrdersDock, qtbot
) -> None:
    check_out(cart_app, qtbot, AddItem(item_id="pretzel", quantity=1))
    check_out(cart_app, qtbot, AddItem(item_id="apples-1kg", quantity=2))
    listed = cart_app.live.store.orders(LIVE_STREAM)
    model = OrdersModel()
    qtmodeltester.check(model)
    model.set_orders(listed)
    qtmodeltester.check(model)
    lines = LinesModel()
    qtmodeltester.check(lines)
    lines.set_order(listed[0])
    qtmodeltester.check(lines)
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable == Qt.ItemFlag.NoItemFlags


def test_format_when_shows_the_date_only_for_other_days(qapp) -> None:
    now = time.mktime((2024, 5, 1, 18, 0, 0, 0, 0, -1))
    install_language(qapp, "en", system=QLocale("C"))
    assert format_when(now - 60, now) == "5:59:00\u202fPM"
    assert format_when(now - 86400 * 3, now) == "4/28/24 6:00\u202fPM"
    try:
        install_language(qapp, "zh_CN")
        assert format_when(now - 60, now) == "17:59:00"
        assert format_when(now - 86400 * 3, now) == "2024/4/28 18:00"
    finally:
        install_language(qapp, "en")
