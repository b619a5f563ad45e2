"""The Orders tab's till columns through real widgets: date and time, number, items, subtotal,
discount, tax, total, payment and refunds, and the search; the model passes qtmodeltester."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from cartapp.domain.pos import RefundItems, RefundLine
from cartapp.qt.locale_text import datetime_text
from cartapp.qt.models.orders import (
    COL_DISCOUNT,
    COL_ITEMS,
    COL_NUMBER,
    COL_PAYMENT,
    COL_REFUNDS,
    COL_SUBTOTAL,
    COL_TAX,
    COL_TIME,
    COL_TOTAL,
    ORDER_COLUMNS,
)

__all__: list[str] = []

LEFT = Qt.MouseButton.LeftButton


def _pay(ui, qtbot, *tenders: tuple[str, str]) -> None:
    qtbot.mouseClick(ui.cart.checkout_button, LEFT)
    dialog = ui.window.payment_dialog
    assert dialog is not None
    for method, amount in tenders:
        dialog.amount_edit.selectAll()
        qtbot.keyClicks(dialog.amount_edit, amount)
        button = dialog.card_button if method == "card" else dialog.cash_button
        qtbot.mouseClick(button, LEFT)
    assert dialog.order is not None
    qtbot.mouseClick(dialog.done_button, LEFT)


def _cells(orders, row: int) -> list[str]:
    model = orders.view.model()
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_the_orders_tab_shows_the_till_columns_and_searches(ui, qtbot, qtmodeltester) -> None:
    assert ORDER_COLUMNS[COL_TIME] == "Date and time"
    ui.add("pretzel", 3)  # 2.07 + 0.14 = 2.21
    _pay(ui, qtbot, ("cash", "5"))
    ui.add("espresso-beans", 1)  # 18.90
    ui.window.request_discount("", None, Decimal("2.00"))  # 16.90 + 1.18 tax = 18.08
    _pay(ui, qtbot, ("card", "10"), ("cash", "10"))
    ui.window.send(
        RefundItems(
            order_number=1,
            lines=(RefundLine(item_id="pretzel", quantity=1),),
            reason="dropped",
            method="cash",
        )
    )
    orders = ui.app.orders
    orders.raise_()
    qtbot.waitUntil(lambda: orders.on_screen)
    orders.refresh()
    newest, oldest = _cells(orders, 0), _cells(orders, 1)
    stamp = datetime_text(orders.model.order_at(0).timestamp, seconds=True)
    assert newest[COL_NUMBER] == "#2" and newest[COL_TIME] == stamp
    pick = [COL_ITEMS, COL_SUBTOTAL, COL_DISCOUNT, COL_TAX, COL_TOTAL, COL_PAYMENT, COL_REFUNDS]
    assert [newest[c] for c in pick] == [
        "1",
        "€18.90",
        "€2.00",
        "€1.18",
        "€18.08",
        "Card + Cash",
        "",
    ]
    assert [oldest[c] for c in pick] == ["3", "€2.07", "", "€0.14", "€2.21", "Cash", "€0.74"]
    qtmodeltester.check(orders.model)
    qtmodeltester.check(orders.proxy)

    for text, shown in (("card", ["#2"]), ("#1", ["#1"]), ("pretzel", ["#1"]), ("zzz", [])):
        orders.search.clear()
        qtbot.keyClicks(orders.search, text)
        assert [_cells(orders, r)[COL_NUMBER] for r in range(orders.view.model().rowCount())] == (
            shown
        )
    orders.search.clear()
    qtbot.keyClicks(orders.search, "espresso")
    assert orders.select_order(2) and not orders.select_order(1)  # #1 is filtered out
    assert orders.selected_order() is not None and orders.selected_order().order_number == 2
