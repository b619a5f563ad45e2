"""Past orders as a table model: one row per order.

``OrdersModel`` lists the store's ``Order`` records newest first: date and time, order number,
lines, items, subtotal, discount, tax, total, how it was paid and what was refunded of it.
``set_orders`` takes the whole list, oldest first as the store gives it, and the refunded
amounts by order number; when the new list only adds orders (a checkout), they are inserted at
the top with one row insert, so a selection stays where it was; new refunds change only their
column. It is read-only. ``OrdersFilter`` keeps the orders that match a search (number, date,
product, tender). An order's lines are shown by
``cartapp.qt.models.lines.LinesModel`` (``set_order``).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)

from cartapp.domain.money import Money
from cartapp.qt.i18n import QT_TRANSLATE_NOOP
from cartapp.qt.locale_text import datetime_text, long_datetime_text, money_text, time_text
from cartapp.qt.models.base import Index, ReadOnlyTable

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from decimal import Decimal

    from cartapp.store import Order

__all__ = [
    "COL_DISCOUNT",
    "COL_ITEMS",
    "COL_LINES",
    "COL_NUMBER",
    "COL_PAYMENT",
    "COL_REFUNDS",
    "COL_SUBTOTAL",
    "COL_TAX",
    "COL_TIME",
    "COL_TOTAL",
    "ORDER_COLUMNS",
    "ORDER_ROLE",
    "OrdersFilter",
    "OrdersModel",
    "format_when",
    "order_matches",
    "payment_text",
    "tender_name",
]

(
    COL_TIME,
    COL_NUMBER,
    COL_LINES,
    COL_ITEMS,
    COL_SUBTOTAL,
    COL_DISCOUNT,
    COL_TAX,
    COL_TOTAL,
    COL_PAYMENT,
    COL_REFUNDS,
) = range(10)
ORDER_COLUMNS = (
    QT_TRANSLATE_NOOP("OrdersModel", "Date and time"),
    QT_TRANSLATE_NOOP("OrdersModel", "Order"),
    QT_TRANSLATE_NOOP("OrdersModel", "Lines"),
    QT_TRANSLATE_NOOP("OrdersModel", "Items"),
    QT_TRANSLATE_NOOP("OrdersModel", "Subtotal"),
    QT_TRANSLATE_NOOP("OrdersModel", "Discount"),
    QT_TRANSLATE_NOOP("OrdersModel", "Tax"),
    QT_TRANSLATE_NOOP("OrdersModel", "Total"),
    QT_TRANSLATE_NOOP("OrdersModel", "Payment"),
    QT_TRANSLATE_NOOP("OrdersModel", "Refunds"),
)
"""The column captions in English (``headerData`` translates them)."""

TENDER_NAMES = {
    "cash": QT_TRANSLATE_NOOP("OrdersModel", "Cash"),
    "card": QT_TRANSLATE_NOOP("OrdersModel", "Card"),
}
"""How a tender's method is shown (a method the table lacks is shown capitalised)."""


def tender_name(method: str) -> str:
    """A tender's method in the UI's language ("Cash", "现金")."""
    english = TENDER_NAMES.get(method)
    return (
        method.capitalize()
        if english is None
        else QCoreApplication.translate("OrdersModel", english)
    )


ORDER_ROLE = Qt.ItemDataRole.UserRole + 1
"""``data(index, ORDER_ROLE)``: the row's ``Order``."""

_DISPLAY = Qt.ItemDataRole.DisplayRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole


def format_when(timestamp: float, now: float | None = None) -> str:
    """The time (with seconds) today, the short date and time on another day, local time, as
    the locale writes them ("6:02:11 PM", "4/28/24 6:00 PM"; "18:02:11", "2024/4/28 18:00")."""
    moment = time.localtime(timestamp)
    today = time.localtime(time.time() if now is None else now)
    if moment[:3] == today[:3]:
        return time_text(timestamp, seconds=True)
    return datetime_text(timestamp)


def _money(amount: Decimal, currency: str) -> str:
    return money_text(Money(amount, currency))


def _stamp(timestamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(timestamp))


def payment_text(order: Order) -> str:
    """ "Cash", "Card + Cash" (in the order taken), or "" without the payment step."""
    fact = order.checkout
    if fact is None or not fact.tenders:
        return ""
    return " + ".join(dict.fromkeys(tender_name(t.method) for t in fact.tenders))


def order_matches(order: Order, text: str) -> bool:
    """Whether a search for ``text`` finds ``order``: its number ("12", "#12"), date and time,
    a product's name or id, or a tender ("card"); case does not matter."""
    needle = text.strip().casefold()
    if not needle:
        return True
    if needle.lstrip("#").isdigit():
        return int(needle.lstrip("#")) == order.order_number or needle in _stamp(order.timestamp)
    shown = datetime_text(order.timestamp, seconds=True).casefold()
    haystack = [_stamp(order.timestamp), shown, payment_text(order).casefold()]
    for line in order.lines:
        haystack += [line.name.casefold(), line.item_id]
    return any(needle in part for part in haystack)


class OrdersModel(ReadOnlyTable):
    """Orders newest first; see the module docstring."""

    COLUMNS = ORDER_COLUMNS
    RIGHT_COLUMNS = frozenset({COL_LINES, COL_ITEMS, COL_TOTAL})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Order] = []  # newest first
        self._refunds: Mapping[int, Decimal] = {}

    def set_orders(
        self, orders: Sequence[Order], refunds: Mapping[int, Decimal] | None = None
    ) -> None:
        """Show ``orders`` (oldest first, as ``EventStore.orders`` lists them) with what was
        refunded of each (by order number)."""
        new = list(reversed(orders))
        old = self._rows
        refunds = dict(refunds or {})
        if refunds != self._refunds:
            self._refunds = refunds
            if old:
                last = len(old) - 1
                self.dataChanged.emit(self.index(0, COL_REFUNDS), self.index(last, COL_REFUNDS))
        added = len(new) - len(old)
        if added > 0 and new[added:] == old:
            self.beginInsertRows(QModelIndex(), 0, added - 1)
            self._rows = new
            self.endInsertRows()
        elif new != old:
            self.beginResetModel()
            self._rows = new
            self.endResetModel()

    def order_at(self, row: int) -> Order | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, order_number: int) -> int:
        for row, order in enumerate(self._rows):
            if order.order_number == order_number:
                return row
        return -1

    def orders(self) -> list[Order]:
        """The orders shown, newest first."""
        return list(self._rows)

    # -- Qt model interface (rows, columns, flags and headers: ReadOnlyTable) ---------------

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        order = self._rows[index.row()]
        column = index.column()
        if role in (_DISPLAY, _ACCESSIBLE):
            return self._display(order, column)
        if role == _ALIGN:
            return self.alignment(column)
        if role == _TOOLTIP:
            tip = self.tr(
                "Order #{number}, {when}\nSubtotal {subtotal}, tax {tax}, total {total}"
            ).format(
                number=order.order_number,
                when=long_datetime_text(order.timestamp),
                subtotal=_money(order.subtotal, order.currency),
                tax=_money(order.tax, order.currency),
                total=_money(order.total, order.currency),
            )
            if order.checkout is not None and order.checkout.tenders:
                paid = ", ".join(
                    f"{tender_name(t.method)} {_money(t.amount, order.currency)}"
                    for t in order.checkout.tenders
                )
                tip += "\n" + self.tr("Paid {paid}; change {change}").format(
                    paid=paid, change=_money(order.checkout.change, order.currency)
                )
            return tip
        if role == ORDER_ROLE:
            return order
        return None

    def _display(self, order: Order, column: int) -> str | None:
        if column == COL_NUMBER:
            return f"#{order.order_number}"
        if column == COL_TIME:
            return datetime_text(order.timestamp, seconds=True)
        if column == COL_LINES:
            return str(len(order.lines))
        if column == COL_ITEMS:
            return str(order.item_count)
        if column == COL_SUBTOTAL:
            return _money(order.subtotal, order.currency)
        if column == COL_DISCOUNT:
            return _money(order.discount, order.currency) if order.discount else ""
        if column == COL_TAX:
            return _money(order.tax, order.currency)
        if column == COL_TOTAL:
            return _money(order.total, order.currency)
        if column == COL_PAYMENT:
            return payment_text(order)
        if column == COL_REFUNDS:
            refunded = self._refunds.get(order.order_number)
            return _money(refunded, order.currency) if refunded else ""
        return None


class OrdersFilter(QSortFilterProxyModel):
    """The orders that match ``set_search(text)`` (``order_matches``), in the model's order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, OrdersModel):
            return True
        order = model.order_at(source_row)
        return order is not None and order_matches(order, self._text)
