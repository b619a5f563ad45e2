"""Refunds through real widgets: from an order in the Orders tab, return a line with a reason;
the money goes back by the tender chosen, the stock comes back, and never beyond what was sold."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from cartapp.domain.pos import ItemsRefunded, RefundItems, RefundLine
from cartapp.qt.widgets.refund import RefundDialog

__all__: list[str] = []

LEFT = Qt.MouseButton.LeftButton


def _sell(ui, qtbot) -> None:
    ui.window.confirm_checkout = lambda cart: True
    ui.add("pretzel", 3)  # 2.07 + 0.14 tax = 2.21
    ui.add("stapler", 1)
    qtbot.mouseClick(ui.cart.checkout_button, LEFT)
    assert ui.lines() == []


def _open_refund(ui, qtbot) -> RefundDialog:
    orders = ui.app.orders
    orders.raise_()
    qtbot.waitUntil(lambda: orders.on_screen)
    orders.refresh()
    assert orders.select_order(1)
    qtbot.mouseClick(orders.refund_button, LEFT)
    dialog = ui.window.refund_dialog
    assert isinstance(dialog, RefundDialog)
    return dialog


def test_refund_a_line_from_the_orders_tab(ui, qtbot, commands) -> None:
    _sell(ui, qtbot)
    stock = ui.window.catalog_model.stock_left("pretzel")
    dialog = _open_refund(ui, qtbot)
    spin = dialog.spins["pretzel"]
    assert spin.maximum() == 3 and dialog.spins["stapler"].maximum() == 1
    assert not dialog.refund_button.isEnabled()  # nothing chosen, no reason yet
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "2")
    qtbot.keyClicks(dialog.reason_edit, "stale")
    dialog.method.setCurrentIndex(dialog.method.findData("card"))
    assert dialog.total_label.text() == "€1.47"  # 2.21 x 2/3, rounded half up
    ui.window.bridge.flush()  # what the sale changed is announced: only the refund is left
    announced: list[int] = []
    ui.window.catalog_model.dataChanged.connect(
        lambda top, _bottom, _roles=(): announced.append(top.row())
    )
    qtbot.mouseClick(dialog.refund_button, LEFT)
    assert commands[-1].event == RefundItems(
        order_number=1,
        lines=(RefundLine(item_id="pretzel", quantity=2),),
        reason="stale",
        method="card",
    )
    assert isinstance(dialog.refund, ItemsRefunded) and dialog.refund.amount == Decimal("1.47")
    assert ui.window.refund_dialog is None
    assert ui.status() == "Refunded €1.47 of order #1"
    assert ui.window.catalog_model.stock_left("pretzel") == stock + 2  # back in stock
    ui.window.bridge.flush()  # the frame in which the catalog announces its changed rows
    assert ui.window.catalog_model.row_of("pretzel") in announced  # the view shows it too

    again = _open_refund(ui, qtbot)  # only what was not refunded yet can come back
    assert again.spins["pretzel"].maximum() == 1
    assert again.table.item(0, 2).text() == "2"
    again.spins["pretzel"].setValue(1)
    qtbot.keyClicks(again.reason_edit, "stale too")
    qtbot.mouseClick(again.refund_button, LEFT)
    assert again.refund is not None and again.refund.amount == Decimal("0.74")  # 2.21 in all
    third = _open_refund(ui, qtbot)
    assert not third.spins["pretzel"].isEnabled()
    qtbot.mouseClick(third.cancel_button, LEFT)
    assert ui.window.refund_dialog is None
