"""The payment step of a checkout: amount due, tenders by cash or card, change due.

``PaymentDialog`` never changes the cart either: "Cash" and "Card" publish ``TakePayment`` with
the amount typed (``send``), "Cancel" publishes ``CancelPayment`` when tenders were taken (the
cart is then exactly as it was) and closes. What it shows comes from the cart model (the amount
due is the total less the tenders taken, as the domain counts it) and from the facts: a
``PaymentTaken`` lists the tender, the ``CheckedOut`` that a covering tender brings shows the
change due in large type and turns the dialog into its "done" state; a rejection of a payment
is shown inside the dialog. A payment is not undoable (a till gives the money back by a
refund); the dialog says so.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cartapp.domain.events import CheckedOut, CommandRejected
from cartapp.domain.money import MAX_AMOUNT, Money, MoneyError, parse_price
from cartapp.domain.pos import CancelPayment, PaymentCancelled, PaymentTaken, TakePayment
from cartapp.qt.locale_text import money_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from cartapp.bus import Envelope
    from cartapp.domain.events import Command
    from cartapp.qt.bridge import QtBridge
    from cartapp.qt.models.cart import CartModel

__all__ = ["PaymentDialog", "parse_tendered"]

_PAYMENT_COMMANDS = ("TakePayment", "CancelPayment")


def parse_tendered(text: str) -> Decimal:
    """An amount as typed at the till ("20", "20.5", "20,50", "€ 20.50"); ``MoneyError`` if it
    is not one."""
    cleaned = text.strip().replace("\u20ac", "").replace(",", ".").strip()
    if not cleaned:
        raise MoneyError(QCoreApplication.translate("PaymentDialog", "type the amount given"))
    try:
        amount = parse_price(cleaned, "the amount")
    except MoneyError as exc:
        raise MoneyError(_not_an_amount(cleaned)) from exc
    if amount <= 0:
        raise MoneyError(
            QCoreApplication.translate("PaymentDialog", "the amount must be more than nothing")
        )
    return amount


def _not_an_amount(cleaned: str) -> str:
    """Why ``cleaned`` (as ``parse_price`` refused it) is not an amount, as one whole sentence."""
    try:
        value = Decimal(cleaned) if len(cleaned) <= 32 else None
    except InvalidOperation:
        value = None
    if value is None:
        return QCoreApplication.translate(
            "PaymentDialog", "the amount '{text}' is not a number"
        ).format(text=cleaned[:32])
    if not value.is_finite():
        return QCoreApplication.translate("PaymentDialog", "the amount must be a finite number")
    if value < 0:
        return QCoreApplication.translate("PaymentDialog", "the amount cannot be negative")
    if value >= MAX_AMOUNT:
        return QCoreApplication.translate(
            "PaymentDialog", "the amount must be below {most}"
        ).format(most=MAX_AMOUNT)
    return QCoreApplication.translate(
        "PaymentDialog", "the amount {amount} has more than two decimal places"
    ).format(amount=value)


def _big(label: QLabel, points: float) -> None:
    font = QFont(label.font())
    font.setPointSizeF(points)
    font.setBold(True)
    label.setFont(font)


class PaymentDialog(QDialog):
    """See the module docstring. ``completed`` carries the ``CheckedOut`` of the paid order."""

    completed = Signal(object)
    receipt_requested = Signal(object, float)
    """``(CheckedOut, timestamp)``: the paid order's receipt was asked for."""

    def __init__(
        self,
        cart_model: CartModel,
        bridge: QtBridge,
        send: Callable[[Command], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("paymentDialog")
        self.setWindowTitle(self.tr("Payment"))
        self.setModal(True)
        self.cart_model = cart_model
        self._send = send
        self.order: CheckedOut | None = None
        self.order_time = 0.0
        currency = cart_model.cart.currency
        self._currency = currency

        self.total_label = QLabel()
        self.total_label.setObjectName("paymentTotal")
        self.due_caption = QLabel(self.tr("Amount due"))
        self.due_label = QLabel()
        self.due_label.setObjectName("paymentDue")
        self.due_label.setAccessibleName(self.tr("Amount due"))
        _big(self.due_label, 22)
        self.tenders = QListWidget()
        self.tenders.setObjectName("paymentTenders")
        self.tenders.setAccessibleName(self.tr("Tenders taken"))
        self.tenders.setMaximumHeight(90)
        self.amount_edit = QLineEdit()
        self.amount_edit.setObjectName("paymentAmount")
        self.amount_edit.setAccessibleName(self.tr("Amount given"))
        self.amount_edit.setPlaceholderText(self.tr("amount given"))
        self.cash_button = QPushButton(self.tr("Ca&sh"))
        self.cash_button.setObjectName("payCashButton")
        self.cash_button.setToolTip(self.tr("Take the amount given in cash (change is given back)"))
        self.card_button = QPushButton(self.tr("Car&d"))
        self.card_button.setObjectName("payCardButton")
        self.card_button.setToolTip(self.tr("Take the amount by card (at most what is due)"))
        self.message = QLabel()
        self.message.setObjectName("paymentMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("severity", "error")
        self.message.hide()
        self.change_caption = QLabel(self.tr("Change due"))
        self.change_label = QLabel()
        self.change_label.setObjectName("paymentChange")
        self.change_label.setAccessibleName(self.tr("Change due"))
        _big(self.change_label, 28)
        note = QLabel(
            self.tr(
                "A payment cannot be undone: once the order is paid, money goes back by a refund."
            )
        )
        note.setObjectName("paymentNote")
        note.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("paymentCancelButton")
        self.cancel_button.setToolTip(self.tr("Drop the tenders taken and go back to the cart"))
        self.done_button = QPushButton(self.tr("Done"))
        self.done_button.setObjectName("paymentDoneButton")
        self.done_button.hide()
        self.receipt_button = QPushButton(self.tr("&Receipt…"))
        self.receipt_button.setObjectName("paymentReceiptButton")
        self.receipt_button.setToolTip(self.tr("Preview, print or save the receipt of the order"))
        self.receipt_button.setAutoDefault(False)
        self.receipt_button.hide()

        form = QFormLayout()
        form.addRow(self.tr("Total"), self.total_label)
        form.addRow(self.due_caption, self.due_label)
        form.addRow(self.tr("Tenders"), self.tenders)
        tender_row = QHBoxLayout()
        tender_row.addWidget(self.amount_edit, 1)
        tender_row.addWidget(self.cash_button)
        tender_row.addWidget(self.card_button)
        form.addRow(self.tr("Amount"), tender_row)
        form.addRow(self.change_caption, self.change_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.receipt_button)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(note)
        layout.addLayout(buttons)

        self.cash_button.clicked.connect(lambda: self.pay("cash"))
        self.card_button.clicked.connect(lambda: self.pay("card"))
        self.amount_edit.returnPressed.connect(lambda: self.pay("cash"))
        self.cancel_button.clicked.connect(self.reject)
        self.done_button.clicked.connect(self.accept)
        self.receipt_button.clicked.connect(
            lambda: self.order and self.receipt_requested.emit(self.order, self.order_time)
        )
        QShortcut(QKeySequence("Ctrl+K"), self, lambda: self.pay("card"))
        cart_model.cart_changed.connect(self._refresh)
        bridge.fact_published.connect(self._on_fact)
        self._refresh()
        self.amount_edit.setFocus()

    # -- what it shows -----------------------------------------------------------------------

    def _money(self, amount: Decimal) -> str:
        return money_text(Money(amount, self._currency))

    def _tender(self, method: str, amount: Decimal) -> str:
        """A tender as listed: "Cash: €20.00", "Card: €4.10"."""
        if method == "card":
            return self.tr("Card: {amount}").format(amount=self._money(amount))
        if method == "cash":
            return self.tr("Cash: {amount}").format(amount=self._money(amount))
        return f"{method.capitalize()}: {self._money(amount)}"

    def due(self) -> Decimal:
        """What the open cart still needs: its total less the tenders taken."""
        cart = self.cart_model.cart
        return max(Decimal("0.00"), cart.totals().total.amount - cart.paid)

    @Slot()
    def _refresh(self) -> None:
        if self.order is not None:
            return
        cart = self.cart_model.cart
        due = self.due()
        self.total_label.setText(money_text(cart.totals().total))
        self.due_label.setText(self._money(due))
        self.tenders.clear()
        for method, amount in cart.tenders:
            self.tenders.addItem(self._tender(method, amount))
        self.change_label.setText(self._money(Decimal("0.00")))
        self.amount_edit.setText(f"{due:.2f}")
        self.amount_edit.selectAll()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- what it asks for --------------------------------------------------------------------

    def pay(self, method: str) -> None:
        """Take the typed amount by ``method`` ("cash" or "card")."""
        if self.order is not None:
            return
        try:
            amount = parse_tendered(self.amount_edit.text())
        except MoneyError as exc:
            self.show_message(str(exc))
            return
        self.show_message("")
        self._send(TakePayment(method="card" if method == "card" else "cash", amount=amount))

    def reject(self) -> None:
        """Cancel: the tenders taken so far are dropped (``CancelPayment``), the cart stays."""
        if self.order is not None:
            self.accept()
            return
        if self.cart_model.cart.tenders:
            self._send(CancelPayment())
        super().reject()

    @Slot(object)
    def _on_fact(self, envelope: Envelope) -> None:
        fact = envelope.event
        if isinstance(fact, CommandRejected) and fact.command in _PAYMENT_COMMANDS:
            self.show_message(fact.reason_text())
        elif isinstance(fact, PaymentTaken | PaymentCancelled):
            self._refresh()
        elif isinstance(fact, CheckedOut) and self.order is None and self.isVisible():
            self.order_time = envelope.timestamp
            self._completed(fact)

    def _completed(self, order: CheckedOut) -> None:
        self.order = order
        self.tenders.clear()
        for tender in order.tenders:
            self.tenders.addItem(self._tender(tender.method, tender.amount))
        self.total_label.setText(self._money(order.total))
        self.due_label.setText(self._money(Decimal("0.00")))
        self.change_label.setText(self._money(order.change))
        self.setWindowTitle(self.tr("Order #{number} paid").format(number=order.order_number))
        for widget in (self.amount_edit, self.cash_button, self.card_button):
            widget.setEnabled(False)
        self.cancel_button.hide()
        self.receipt_button.show()
        self.done_button.show()
        self.done_button.setDefault(True)
        self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.show_message("")
        self.completed.emit(order)
