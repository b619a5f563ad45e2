"""Time travel opens beside the event log, and its picker says what its banner says.

Given the app as it starts (the panels are tabs of one group, the event log in front), when the
user double-clicks a log row, then time travel is on screen beside the log, which stays in
view; "Show events" of an order opens it beside the orders dock. Whatever time travel shows, its
picker calls the live cart "Live cart" exactly while the banner says it follows the live cart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cartapp.domain.events import AddItem, Checkout, ItemUpdated, UpdateItem
from cartapp.qt.dock_places import side_by_side
from cartapp.qt.widgets.time_travel import LIVE_SOURCE

if TYPE_CHECKING:
    from cartapp.app import App
    from cartapp.qt.widgets.time_travel import TimeTravelDock


def settle(app: App) -> None:
    assert app.bus.wait_idle(60.0)  # returns once idle: the wait bounds a hang, never a verdict
    app.bridge.flush()
    app.docks["eventLogDock"].flush()
    QApplication.processEvents()


@pytest.fixture
def story(cart_app: App) -> App:
    for command in (
        AddItem(item_id="espresso-beans", quantity=2),
        AddItem(item_id="butter-croissant", quantity=4),
        UpdateItem(item_id="butter-croissant", quantity=6),
    ):
        cart_app.window.send(command)
    settle(cart_app)
    return cart_app


def double_click_row(qtbot, app: App, fact: type) -> None:
    log = app.docks["eventLogDock"]
    row = next(
        r
        for r in range(log.proxy.rowCount())
        if isinstance(log.proxy.record(r).envelope.event, fact)
    )
    index = log.proxy.index(row, 0)
    log.view.scrollTo(index)
    centre = log.view.visualRect(index).center()
    qtbot.mouseClick(log.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(log.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_double_clicking_a_log_row_opens_time_travel_beside_the_log(story: App, qtbot) -> None:
    window, log, travel = story.window, story.docks["eventLogDock"], story.time_travel
    assert travel in window.tabifiedDockWidgets(log)  # as it starts: a tab behind the log
    assert not travel.on_screen and log.isVisible()
    double_click_row(qtbot, story, ItemUpdated)
    qtbot.waitUntil(lambda: travel.on_screen, timeout=30_000)
    qtbot.waitUntil(lambda: side_by_side(window, log, travel), timeout=30_000)
    assert travel.version == 6
    assert window.dockWidgetArea(travel) == window.dockWidgetArea(log)
    assert not log.geometry().intersects(travel.geometry())
    # each gets about half the width once the layout has taken the split
    qtbot.waitUntil(lambda: min(travel.width(), log.width()) >= 500, timeout=30_000)
    # a second double-click leaves them where they are
    where = travel.geometry()
    double_click_row(qtbot, story, ItemUpdated)
    QApplication.processEvents()
    assert side_by_side(window, log, travel) and travel.geometry() == where


def test_show_events_of_an_order_opens_time_travel_beside_the_orders(story: App, qtbot) -> None:
    story.window.confirm_checkout = lambda cart: True
    story.window.send(Checkout())
    settle(story)
    window, orders, travel = story.window, story.orders, story.time_travel
    orders.show()
    orders.raise_()
    qtbot.waitUntil(lambda: orders.on_screen, timeout=30_000)
    orders.select_order(1)
    qtbot.mouseClick(orders.show_events_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: side_by_side(window, orders, travel), timeout=30_000)
    assert travel.range.title == "Order #1"


def agree(travel: TimeTravelDock) -> None:
    live = travel.banner.property("mode") == "live"
    picked = travel.source_combo.currentText()
    assert (picked == LIVE_SOURCE) == live, (picked, travel.banner_text())
    assert travel.banner_text().startswith("Live cart") == live
    assert travel.live_button.isVisible() != live


def test_the_picker_says_live_cart_exactly_while_the_banner_does(story: App, qtbot) -> None:
    travel = story.time_travel
    double_click_row(qtbot, story, ItemUpdated)
    qtbot.waitUntil(lambda: travel.on_screen, timeout=30_000)
    agree(travel)  # the last message, selected in the log: live
    qtbot.mouseClick(travel.prev_button, Qt.MouseButton.LeftButton)
    agree(travel)
    assert travel.source_combo.currentText() == travel.range.title
    qtbot.mouseClick(travel.first_button, Qt.MouseButton.LeftButton)
    agree(travel)
    qtbot.mouseClick(travel.live_button, Qt.MouseButton.LeftButton)
    agree(travel)
    assert travel.following_live
    story.window.send(AddItem(item_id="pretzel", quantity=1))
    settle(story)
    travel.refresh()
    agree(travel)


def test_the_banner_names_a_commands_product_as_the_log_does(story: App, qtbot) -> None:
    travel = story.time_travel
    double_click_row(qtbot, story, UpdateItem)
    qtbot.waitUntil(lambda: travel.on_screen, timeout=30_000)
    text = travel.banner_text()
    assert "after command '" in text and "Butter croissant" in text, text
    assert "butter-croissant" not in text
