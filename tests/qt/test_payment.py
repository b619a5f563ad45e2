"""The payment step through real widgets: Checkout opens it, cash gives change, a split payment
completes once the tenders cover the total, Cancel leaves the cart as it was."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from cartapp.domain.events import CheckedOut, Command
from cartapp.domain.pos import CancelPayment, TakePayment
from cartapp.qt.widgets.payment import PaymentDialog

__all__: list[str] = []

LEFT = Qt.MouseButton.LeftButton


def _open(ui, qtbot) -> PaymentDialog:
    qtbot.mouseClick(ui.cart.checkout_button, LEFT)
    dialog = ui.window.payment_dialog
    assert isinstance(dialog, PaymentDialog)
    qtbot.waitExposed(dialog)
    return dialog


def _type_amount(qtbot, dialog: PaymentDialog, text: str) -> None:
    dialog.amount_edit.setFocus()
    dialog.amount_edit.selectAll()
    qtbot.keyClicks(dialog.amount_edit, text)


def _sent(commands) -> list[Command]:
    return [env.event for env in commands if env.source == "ui"]


def test_cash_with_change(ui, qtbot, commands) -> None:
    ui.add("pretzel", 3)  # 2.07 + 0.14 tax = 2.21
    ui.add("stapler", 1)  # 9.90 + 1.88 tax = 11.78 -> 13.99
    dialog = _open(ui, qtbot)
    assert dialog.due_label.text() == "€13.99"
    assert dialog.amount_edit.text() == "13.99"  # the exact amount, selected to be typed over
    _type_amount(qtbot, dialog, "20")
    qtbot.mouseClick(dialog.cash_button, LEFT)
    assert _sent(commands)[-1] == TakePayment(method="cash", amount=Decimal("20.00"))
    assert dialog.order is not None and dialog.order.change == Decimal("6.01")
    assert dialog.change_label.text() == "€6.01"
    assert dialog.change_label.font().pointSizeF() > dialog.total_label.font().pointSizeF()
    assert dialog.windowTitle() == "Order #1 paid"
    assert not dialog.cash_button.isEnabled() and dialog.done_button.isVisible()
    assert ui.lines() == []
    qtbot.mouseClick(dialog.done_button, LEFT)
    assert ui.window.payment_dialog is None
    assert "order #1" in ui.status()


def test_a_split_payment_completes_when_the_tenders_cover_the_total(ui, qtbot, commands) -> None:
    completed: list[CheckedOut] = []
    ui.add("stapler", 2)  # 19.80 + 3.76 tax = 23.56
    dialog = _open(ui, qtbot)
    dialog.completed.connect(completed.append)
    _type_amount(qtbot, dialog, "10")
    qtbot.mouseClick(dialog.card_button, LEFT)
    assert dialog.order is None
    assert dialog.due_label.text() == "€13.56"
    assert [dialog.tenders.item(i).text() for i in range(dialog.tenders.count())] == [
        "Card: €10.00"
    ]
    assert dialog.amount_edit.text() == "13.56"
    assert ui.lines() == [("Stapler with 1000 staples", 2)]  # not sold yet
    _type_amount(qtbot, dialog, "50")
    qtbot.mouseClick(dialog.card_button, LEFT)  # a card pays at most what is due
    assert dialog.message.isVisible()
    assert "a card pays at most what is due (€13.56)" in dialog.message.text()
    _type_amount(qtbot, dialog, "15,00")
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)  # Enter takes cash
    (order,) = completed
    assert [(t.method, t.amount) for t in order.tenders] == [
        ("card", Decimal("10.00")),
        ("cash", Decimal("15.00")),
    ]
    assert order.total == Decimal("23.56") and order.change == Decimal("1.44")
    assert dialog.change_label.text() == "€1.44"
    assert _sent(commands)[1:] == [
        TakePayment(method="card", amount=Decimal("10.00")),
        TakePayment(method="card", amount=Decimal("50.00")),
        TakePayment(method="cash", amount=Decimal("15.00")),
    ]


def test_cancel_leaves_the_cart_as_it_was(ui, qtbot, commands) -> None:
    ui.add("pretzel", 3)
    before = ui.window.cart_model.cart
    dialog = _open(ui, qtbot)
    _type_amount(qtbot, dialog, "1")
    qtbot.mouseClick(dialog.card_button, LEFT)
    assert ui.window.cart_model.cart.tenders == (("card", Decimal("1.00")),)
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert _sent(commands)[-1] == CancelPayment()
    after = ui.window.cart_model.cart
    assert after.lines == before.lines and after.tenders == () and after.orders == 0
    assert ui.window.payment_dialog is None
    assert ui.status() == "Payment cancelled; the cart is as it was"
    assert ui.lines() == [("Pretzel", 3)]


def test_a_typo_in_the_amount_is_said_in_the_dialog_and_sends_nothing(ui, qtbot, commands) -> None:
    ui.add("pretzel", 1)
    dialog = _open(ui, qtbot)
    sent = len(commands)
    _type_amount(qtbot, dialog, "12.3.4")
    qtbot.mouseClick(dialog.cash_button, LEFT)
    assert len(commands) == sent
    assert "is not a number" in dialog.message.text() and dialog.message.isVisible()
