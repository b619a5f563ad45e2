"""``RefundDialog``: return some or all lines of a past order, with a reason and a tender.

The order comes from the read side (a ``Sale``: per line what was sold, what it paid and what
has been refunded so far), so each line's "Return" box offers at most what can still come back.
"Refund" publishes one ``RefundItems`` (``send``); the dialog closes when ``ItemsRefunded``
arrives and shows a ``CommandRejected`` of it inside. The amounts shown are the ones the domain
will pay back (``SoldLine.refund_of``). A refund is not undoable: the dialog says so.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pydantic import ValidationError
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cartapp.domain.events import CommandRejected
from cartapp.domain.i18n import QT_TRANSLATE_NOOP
from cartapp.domain.money import Money
from cartapp.domain.pos import ItemsRefunded, RefundItems, RefundLine
from cartapp.qt.locale_text import money_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from cartapp.bus import Envelope
    from cartapp.domain.cart import Sale
    from cartapp.domain.events import Command
    from cartapp.qt.bridge import QtBridge

__all__ = ["RefundDialog"]

_COLUMNS = (
    QT_TRANSLATE_NOOP("RefundDialog", "Product"),
    QT_TRANSLATE_NOOP("RefundDialog", "Sold"),
    QT_TRANSLATE_NOOP("RefundDialog", "Refunded"),
    QT_TRANSLATE_NOOP("RefundDialog", "Return"),
    QT_TRANSLATE_NOOP("RefundDialog", "Pays back"),
)
_COL_PRODUCT, _COL_SOLD, _COL_REFUNDED, _COL_RETURN, _COL_AMOUNT = range(5)


class RefundDialog(QDialog):
    """See the module docstring."""

    def __init__(
        self,
        sale: Sale,
        currency: str,
        bridge: QtBridge,
        send: Callable[[Command], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("refundDialog")
        self.setWindowTitle(self.tr("Refund from order #{number}").format(number=sale.number))
        self.sale = sale
        self.currency = currency
        self._send = send
        self.refund: ItemsRefunded | None = None

        self.table = QTableWidget(len(sale.lines), len(_COLUMNS), self)
        self.table.setObjectName("refundLines")
        self.table.setAccessibleName(self.tr("Lines of the order"))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in _COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(
            _COL_PRODUCT, QHeaderView.ResizeMode.Stretch
        )
        self.spins: dict[str, QSpinBox] = {}
        for row, line in enumerate(sale.lines):
            self._cell(row, _COL_PRODUCT, line.name)
            self._cell(row, _COL_SOLD, str(line.quantity))
            self._cell(row, _COL_REFUNDED, str(line.refunded))
            spin = QSpinBox(self.table)
            spin.setObjectName(f"refundQuantity-{line.item_id}")
            spin.setAccessibleName(self.tr("Units of {name} to return").format(name=line.name))
            spin.setRange(0, line.refundable)  # never beyond what was sold
            spin.setEnabled(line.refundable > 0)
            spin.valueChanged.connect(self._update)
            self.table.setCellWidget(row, _COL_RETURN, spin)
            self.spins[line.item_id] = spin
            self._cell(row, _COL_AMOUNT, "")
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("refundReason")
        self.reason_edit.setAccessibleName(self.tr("Reason"))
        self.reason_edit.setPlaceholderText(self.tr("why it comes back, e.g. damaged"))
        self.reason_edit.setMaxLength(200)
        self.reason_edit.textChanged.connect(self._update)
        self.method = QComboBox(self)
        self.method.setObjectName("refundMethod")
        self.method.setAccessibleName(self.tr("Pay back by"))
        self.method.addItem(self.tr("Cash"), "cash")
        self.method.addItem(self.tr("Card"), "card")
        self.total_label = QLabel(self)
        self.total_label.setObjectName("refundTotal")
        self.message = QLabel(self)
        self.message.setObjectName("refundMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        note = QLabel(self.tr("A refund cannot be undone; the stock comes back at once."), self)
        note.setWordWrap(True)
        self.refund_button = QPushButton(self.tr("&Refund"), self)
        self.refund_button.setObjectName("refundButton")
        self.refund_button.setAutoDefault(False)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("refundCancelButton")
        self.cancel_button.setAutoDefault(False)
        self.refund_button.clicked.connect(self.request_refund)
        self.cancel_button.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&Reason"), self.reason_edit)
        form.addRow(self.tr("Pay back &by"), self.method)
        form.addRow(self.tr("Pays back"), self.total_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.refund_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(note)
        layout.addLayout(buttons)
        bridge.fact_published.connect(self._on_fact)
        self.resize(560, 360)
        self._update()

    def _cell(self, row: int, column: int, text: str) -> None:
        item = QTableWidgetItem(text)
        if column != _COL_PRODUCT:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, column, item)

    def _money(self, amount: Decimal) -> str:
        return money_text(Money(amount, self.currency))

    def wanted(self) -> list[tuple[str, int]]:
        """``(item_id, units)`` of every line with units to return."""
        return [(item_id, spin.value()) for item_id, spin in self.spins.items() if spin.value()]

    @Slot()
    def _update(self) -> None:
        total = Decimal("0.00")
        for row, line in enumerate(self.sale.lines):
            units = self.spins[line.item_id].value()
            amount = line.refund_of(units) if units else Decimal("0.00")
            total += amount
            item = self.table.item(row, _COL_AMOUNT)
            if item is not None:
                item.setText(self._money(amount) if units else "")
        self.total_label.setText(self._money(total))
        self.refund_button.setEnabled(bool(self.wanted()) and bool(self.reason_edit.text().strip()))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    @Slot()
    def request_refund(self) -> None:
        lines = tuple(RefundLine(item_id=i, quantity=q) for i, q in self.wanted())
        reason = self.reason_edit.text().strip()
        if not lines or not reason:
            self._say(self.tr("choose what comes back and say why"))
            return
        try:
            command = RefundItems(
                order_number=self.sale.number,
                lines=lines,
                reason=reason,
                method="card" if self.method.currentData() == "card" else "cash",
            )
        except ValidationError:
            self._say(self.tr("the reason must be plain text (no control characters)"))
            return
        self._say("")
        self._send(command)

    @Slot(object)
    def _on_fact(self, envelope: Envelope) -> None:
        fact = envelope.event
        if isinstance(fact, CommandRejected) and fact.command == "RefundItems":
            self._say(fact.reason_text())
        elif isinstance(fact, ItemsRefunded) and fact.order_number == self.sale.number:
            self.refund = fact
            self.accept()
