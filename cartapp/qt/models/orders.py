"""Past orders as a table model: one row per order.

``OrdersModel`` lists the store's ``Order`` records newest first (order number, time, lines,
items, total). ``set_orders`` takes the whole list, oldest first as the store gives it; when the
new list only adds orders (a checkout), they are inserted at the top with one row insert, so a
selection stays where it was. It is read-only. An order's lines are shown by
``cartapp.qt.models.lines.LinesModel`` (``set_order``).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, Qt

from cartapp.domain.money import Money
from cartapp.qt.models.base import Index, ReadOnlyTable

if TYPE_CHECKING:
    from collections.abc import Sequence
    from decimal import Decimal

    from cartapp.store import Order

__all__ = [
    "COL_ITEMS",
    "COL_LINES",
    "COL_NUMBER",
    "COL_TIME",
    "COL_TOTAL",
    "ORDER_COLUMNS",
    "ORDER_ROLE",
    "OrdersModel",
    "format_when",
]

COL_NUMBER, COL_TIME, COL_LINES, COL_ITEMS, COL_TOTAL = range(5)
ORDER_COLUMNS = ("Order", "Time", "Lines", "Items", "Total")

ORDER_ROLE = Qt.ItemDataRole.UserRole + 1
"""``data(index, ORDER_ROLE)``: the row's ``Order``."""

_DISPLAY = Qt.ItemDataRole.DisplayRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole


def format_when(timestamp: float, now: float | None = None) -> str:
    """``18:02:11`` today, ``2024-05-01 18:02`` on another day (local time)."""
    moment = time.localtime(timestamp)
    today = time.localtime(time.time() if now is None else now)
    if moment[:3] == today[:3]:
        return time.strftime("%H:%M:%S", moment)
    return time.strftime("%Y-%m-%d %H:%M", moment)


def _money(amount: Decimal, currency: str) -> str:
    return Money(amount, currency).format()


class OrdersModel(ReadOnlyTable):
    """Orders newest first; see the module docstring."""

    COLUMNS = ORDER_COLUMNS
    RIGHT_COLUMNS = frozenset({COL_LINES, COL_ITEMS, COL_TOTAL})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Order] = []  # newest first

    def set_orders(self, orders: Sequence[Order]) -> None:
        """Show ``orders`` (oldest first, as ``EventStore.orders`` lists them)."""
        new = list(reversed(orders))
        old = self._rows
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
            if column == COL_NUMBER:
                return f"#{order.order_number}"
            if column == COL_TIME:
                return format_when(order.timestamp)
            if column == COL_LINES:
                return str(len(order.lines))
            if column == COL_ITEMS:
                return str(order.item_count)
            if column == COL_TOTAL:
                return _money(order.total, order.currency)
            return None
        if role == _ALIGN:
            return self.alignment(column)
        if role == _TOOLTIP:
            stamp = time.strftime("%A %d %B %Y, %H:%M:%S", time.localtime(order.timestamp))
            return (
                f"Order #{order.order_number}, {stamp}\n"
                f"Subtotal {_money(order.subtotal, order.currency)}, "
                f"tax {_money(order.tax, order.currency)}, "
                f"total {_money(order.total, order.currency)}"
            )
        if role == ORDER_ROLE:
            return order
        return None
