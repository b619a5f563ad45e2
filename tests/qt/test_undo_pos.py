"""Undo and redo know the till's new facts: discounts, coupons and parking are taken back and
repeated by compensating commands; payments and refunds leave nothing to undo."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from PySide6.QtCore import Qt

from cartapp.domain.parking import ParkCart, ResumeCart
from cartapp.domain.pos import ApplyCoupon, RefundItems, RefundLine, RemoveDiscount

__all__: list[str] = []

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
T0 = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)


def _undo(ui) -> None:
    assert ui.window.undo_action.isEnabled()
    ui.window.undo_action.trigger()
    ui.settle()


def _redo(ui) -> None:
    assert ui.window.redo_action.isEnabled()
    ui.window.redo_action.trigger()
    ui.settle()


def test_discounts_and_coupons_are_undone_and_redone(ui, qtbot, commands) -> None:
    ui.window.today = lambda: date(2026, 4, 2)
    ui.add("espresso-beans", 1)  # 18.90
    ui.window.request_discount("espresso-beans", Decimal("10"), None)
    ui.window.request_coupon("welcome3")
    ui.settle()
    cart = ui.window.cart_model.cart
    assert cart.line("espresso-beans").discount is not None and cart.coupon("WELCOME3")
    _undo(ui)
    assert commands[-1].source == "undo"
    assert commands[-1].event == RemoveDiscount(code="WELCOME3")
    assert ui.window.cart_model.cart.discounts == ()
    _undo(ui)
    assert ui.window.cart_model.cart.line("espresso-beans").discount is None
    _redo(ui)
    _redo(ui)
    assert commands[-1].event == ApplyCoupon(code="WELCOME3", today=date(2026, 4, 2))
    assert ui.window.cart_model.cart.totals() == cart.totals()

    ui.select_line("espresso-beans")
    qtbot.mouseClick(ui.cart.remove_discount_button, LEFT)  # the line's discount comes off
    assert ui.window.cart_model.cart.line("espresso-beans").discount is None
    _undo(ui)  # ... and goes back on
    assert ui.window.cart_model.cart.line("espresso-beans").discount is not None


def test_parking_is_undone_and_redone_under_the_same_number(ui, qtbot, commands) -> None:
    ui.window.now = lambda: T0
    ui.add("pretzel", 2)
    ui.window.park_action.trigger()
    ui.settle()
    assert ui.lines() == [] and [p.number for p in ui.window.cart_model.cart.parked] == [1]
    _undo(ui)
    assert commands[-1].event == ResumeCart(number=1)
    assert ui.lines() == [("Pretzel", 2)] and ui.window.cart_model.cart.parked == ()
    _redo(ui)
    assert commands[-1].event == ParkCart(name=None, parked_at=T0, number=1)
    (parked,) = ui.window.cart_model.cart.parked
    assert (parked.number, parked.parked_at) == (1, T0)

    ui.window.request_resume(1)
    ui.settle()
    assert ui.lines() == [("Pretzel", 2)]
    _undo(ui)  # the resume is taken back: parked again, as it was
    (again,) = ui.window.cart_model.cart.parked
    assert (again.number, again.parked_at, again.item_count) == (1, T0, 2)


def test_payment_and_refund_leave_nothing_to_undo(ui, qtbot) -> None:
    ui.add("pretzel", 1)
    qtbot.mouseClick(ui.cart.checkout_button, LEFT)
    dialog = ui.window.payment_dialog
    assert dialog is not None
    assert "cannot be undone" in dialog.findChild(type(dialog.message), "paymentNote").text()
    qtbot.mouseClick(dialog.cash_button, LEFT)
    qtbot.mouseClick(dialog.done_button, LEFT)
    ui.settle()
    assert not ui.window.undo_action.isEnabled()  # the order is final
    ui.window.send(
        RefundItems(
            order_number=1,
            lines=(RefundLine(item_id="pretzel", quantity=1),),
            reason="x",
            method="cash",
        )
    )
    ui.settle()
    assert ui.status().startswith("Refunded")
    assert not ui.window.undo_action.isEnabled()
