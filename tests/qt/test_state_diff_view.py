"""Time travel's state diff tree: the cart before and after the selected message.

Given a cart built through the bus, when the user selects a message (a row of the event log, the
step buttons), then the tree beside the cart shows that message's change with Before and After
columns: the changed rows expanded, tinted and bold, the rest collapsed; the stock left counts
against the catalog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from cartapp.domain.events import AddItem, ItemUpdated, UpdateItem
from cartapp.domain.pos import ApplyCoupon
from cartapp.qt.models.state_diff import (
    CHANGE_ROLE,
    COL_AFTER,
    COL_BEFORE,
    COL_WHAT,
    StateDiffModel,
)

if TYPE_CHECKING:
    from cartapp.app import App
    from cartapp.qt.widgets.time_travel import TimeTravelDock


def settle(app: App) -> None:
    assert app.bus.wait_idle(60.0)  # returns once idle: the wait bounds a hang, never a verdict
    app.bridge.flush()
    app.docks["eventLogDock"].flush()
    QApplication.processEvents()


@pytest.fixture
def story(cart_app: App, qtbot) -> App:
    for command in (
        AddItem(item_id="espresso-beans", quantity=2),  # v1, v2
        AddItem(item_id="butter-croissant", quantity=4),  # v3, v4
        UpdateItem(item_id="butter-croissant", quantity=6),  # v5, v6 ItemUpdated
    ):
        cart_app.window.send(command)
    settle(cart_app)
    dock = cart_app.time_travel
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: dock.on_screen, timeout=30_000)
    return cart_app


def rows(model: StateDiffModel, parent: QModelIndex | None = None) -> dict[str, QModelIndex]:
    parent = parent or QModelIndex()
    return {
        model.index(r, COL_WHAT, parent).data(): model.index(r, COL_WHAT, parent)
        for r in range(model.rowCount(parent))
    }


def cells(index: QModelIndex) -> tuple[str, str]:
    return (
        index.siblingAtColumn(COL_BEFORE).data(),
        index.siblingAtColumn(COL_AFTER).data(),
    )


def test_a_log_row_shows_its_change_as_a_before_after_tree(story: App, qtbot) -> None:
    dock: TimeTravelDock = story.time_travel
    log = story.docks["eventLogDock"]
    row = next(
        r
        for r in range(log.proxy.rowCount())
        if isinstance(log.proxy.record(r).envelope.event, ItemUpdated)
    )
    index = log.proxy.index(row, 0)
    log.view.scrollTo(index)
    qtbot.mouseClick(
        log.view.viewport(), Qt.MouseButton.LeftButton, pos=log.view.visualRect(index).center()
    )
    assert dock.version == 6
    view = dock.state_view
    model = view.diff_model
    assert model.headerData(COL_BEFORE, Qt.Orientation.Horizontal) == "Before"
    top = rows(model)
    assert list(top) == ["Lines", "Discounts", "Totals", "Stock"]
    croissant = rows(model, top["Lines"])["Butter croissant"]
    quantity = rows(model, croissant)["Quantity"]
    assert cells(quantity) == ("4", "6")
    assert quantity.data(CHANGE_ROLE) == "changed"
    assert quantity.siblingAtColumn(COL_AFTER).data(Qt.ItemDataRole.FontRole).bold()
    assert rows(model, croissant)["Unit price"].data(CHANGE_ROLE) == "same"
    beans = rows(model, top["Lines"])["Espresso beans 1 kg"]
    assert beans.data(CHANGE_ROLE) == "same"
    # what changed is open, the rest is folded away
    assert view.isExpanded(top["Lines"]) and view.isExpanded(croissant)
    assert not view.isExpanded(beans) and not view.isExpanded(top["Discounts"])
    assert view.isExpanded(top["Totals"])
    croissant_stock = rows(model, top["Stock"])["Butter croissant"]
    stock = rows(model, croissant_stock)
    assert cells(stock["In the cart"]) == ("4", "6")
    product = story.catalog.get("butter-croissant")
    left = cells(stock["Left in stock"])
    assert left == (str(product.stock - 4), str(product.stock - 6))
    total = rows(model, top["Totals"])["Total"]
    assert cells(total)[1] == story.service.cart.totals().total.format()
    assert total.data(CHANGE_ROLE) == "changed"


def test_a_command_changes_nothing_and_a_coupon_shows_under_discounts(story: App, qtbot) -> None:
    dock: TimeTravelDock = story.time_travel
    story.window.send(ApplyCoupon(code="WELCOME3", today=story.window.today()))
    settle(story)
    dock.refresh()
    qtbot.mouseClick(dock.prev_button, Qt.MouseButton.LeftButton)  # the command
    model = dock.state_view.diff_model
    assert all(rows(model)[name].data(CHANGE_ROLE) == "same" for name in rows(model))
    qtbot.mouseClick(dock.next_button, Qt.MouseButton.LeftButton)  # its fact
    discounts = rows(model, rows(model)["Discounts"])
    coupon = discounts["Coupon WELCOME3"]
    assert coupon.data(CHANGE_ROLE) == "added"
    assert cells(coupon) == ("\u2014", "€3.00")  # what it takes off
    assert dock.state_view.isExpanded(rows(model)["Discounts"])


def test_the_model_passes_qtmodeltester(story: App, qtmodeltester) -> None:
    dock: TimeTravelDock = story.time_travel
    dock.set_version(6)
    qtmodeltester.check(dock.state_view.diff_model)
    dock.set_version(1)
    qtmodeltester.check(dock.state_view.diff_model)
