"""Discounts and coupons in the cart panel, through real widgets: a line discount shows on the
line, an order discount and a coupon in the totals, a refused coupon says why beside the cart."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt

from cartapp.domain.pos import ApplyCoupon, ApplyDiscount, RemoveDiscount
from cartapp.qt.models.cart import COL_LINE_TOTAL, COL_PRODUCT

__all__: list[str] = []

LEFT = Qt.MouseButton.LeftButton
MINUS = "\u2212"


def _type(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def _show(ui, qtbot) -> None:
    qtbot.mouseClick(ui.cart.discounts_toggle, LEFT)
    assert ui.cart.discount_frame.isVisible()


def _sent(commands) -> list:
    return [env.event for env in commands if env.source == "ui"]


def test_a_line_discount_shows_on_the_line_and_in_the_totals(ui, qtbot, commands) -> None:
    ui.add("espresso-beans", 2)  # 37.80
    ui.add("pretzel", 1)  # 0.69
    assert not ui.cart.discount_frame.isVisible()
    _show(ui, qtbot)
    ui.select_line("espresso-beans")
    _type(qtbot, ui.cart.discount_edit, "10 %")
    qtbot.mouseClick(ui.cart.line_discount_button, LEFT)
    assert _sent(commands)[-1] == ApplyDiscount(item_id="espresso-beans", percent=Decimal("10"))
    ui.settle()
    model = ui.window.cart_model
    row = model.row_of("espresso-beans")
    assert model.index(row, COL_PRODUCT).data() == f"Espresso beans 1 kg  ({MINUS}10 %)"
    assert model.index(row, COL_LINE_TOTAL).data() == "€34.02"
    assert model.index(model.row_of("pretzel"), COL_PRODUCT).data() == "Pretzel"
    # 38.49 - 3.78 = 34.71; tax 7 %: 34.02 -> 2.38, 0.69 -> 0.05; total 37.14
    assert ui.totals() == ("€38.49", "€2.43", "€37.14")
    assert ui.cart.discount_label.text() == f"{MINUS}€3.78"
    assert ui.cart.discount_caption.text() == "Discount (lines)"

    ui.select_line("espresso-beans")
    qtbot.mouseClick(ui.cart.remove_discount_button, LEFT)
    assert _sent(commands)[-1] == RemoveDiscount(item_id="espresso-beans")
    ui.settle()
    assert not ui.cart.discount_label.isVisible()  # shown only while there is a discount
    assert model.index(row, COL_LINE_TOTAL).data() == "€37.80"


def test_an_order_discount_and_a_coupon_and_a_refused_coupon(ui, qtbot, commands) -> None:
    ui.window.today = lambda: date(2026, 5, 2)
    ui.add("espresso-beans", 1)  # 18.90
    _show(ui, qtbot)
    _type(qtbot, ui.cart.discount_edit, "2,50")
    qtbot.mouseClick(ui.cart.order_discount_button, LEFT)
    assert _sent(commands)[-1] == ApplyDiscount(amount=Decimal("2.50"))
    ui.settle()
    assert ui.cart.discount_label.text() == f"{MINUS}€2.50"
    assert ui.cart.discount_caption.text() == f"Discount (order {MINUS}€2.50)"

    _type(qtbot, ui.cart.coupon_edit, "spring10")
    qtbot.keyClick(ui.cart.coupon_edit, Qt.Key.Key_Return)
    assert _sent(commands)[-1] == ApplyCoupon(code="spring10", today=date(2026, 5, 2))
    ui.settle()  # the rejection line is set in the next frame, with the status bar
    assert ui.cart.rejection.isVisible()
    assert ui.cart.rejection.text() == "Not done: coupon SPRING10 expired on 2026-04-30"

    _type(qtbot, ui.cart.coupon_edit, "WELCOME3")
    qtbot.mouseClick(ui.cart.coupon_button, LEFT)
    ui.settle()
    assert not ui.cart.rejection.isVisible()
    assert ui.cart.discount_caption.text() == (
        f"Discount (order {MINUS}€2.50, WELCOME3 {MINUS}€3.00)"
    )
    # 18.90 - 2.50 - 3.00 = 13.40; tax 7 % = 0.938 -> 0.94; total 14.34
    assert ui.totals() == ("€18.90", "€0.94", "€14.34")

    qtbot.mouseClick(ui.cart.remove_discount_button, LEFT)  # no line discount: the latest
    assert _sent(commands)[-1] == RemoveDiscount(code="WELCOME3")


def test_a_discount_that_is_not_one_is_said_and_sends_nothing(ui, qtbot, commands) -> None:
    ui.add("pretzel", 1)
    _show(ui, qtbot)
    sent = len(commands)
    _type(qtbot, ui.cart.discount_edit, "lots")
    qtbot.mouseClick(ui.cart.order_discount_button, LEFT)
    _type(qtbot, ui.cart.discount_edit, "120 %")
    qtbot.mouseClick(ui.cart.order_discount_button, LEFT)
    assert len(commands) == sent
    assert ui.cart.rejection.text() == "Not done: the percent must be between 0 and 100"
