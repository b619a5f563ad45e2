"""Past orders as table models: one row per order, and one row per line of an order.

``OrdersModel`` lists the store's ``Order`` records newest first (order number, time, lines,
items, total). ``set_orders`` takes the whole list, oldest first as the store gives it; when the
new list only adds orders (a checkout), they are inserted at the top with one row insert, so a
selection stays where it was. ``OrderLinesModel`` shows the ``LineSnapshot``s of one order.
Both are read-only.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from cartapp.domain.money import Money

if TYPE_CHECKING:
    from collections.abc import Sequence
    from decimal import Decimal

    from cartapp.domain.events import LineSnapshot
    from cartapp.store import Order

__all__ = [
    "COL_ITEMS",
    "COL_LINES",
    "COL_NUMBER",
    "COL_TIME",
    "COL_TOTAL",
    "LINE_COLUMNS",
    "ORDER_COLUMNS",
    "ORDER_ROLE",
    "OrderLinesModel",
    "OrdersModel",
    "format_when",
]

COL_NUMBER, COL_TIME, COL_LINES, COL_ITEMS, COL_TOTAL = range(5)
ORDER_COLUMNS = ("Order", "Time", "Lines", "Items", "Total")
LCOL_PRODUCT, LCOL_UNIT_PRICE, LCOL_QUANTITY, LCOL_TOTAL = range(4)
LINE_COLUMNS = ("Product", "Unit price", "Qty", "Line total")

ORDER_ROLE = Qt.ItemDataRole.UserRole + 1
"""``data(index, ORDER_ROLE)``: the row's ``Order``."""

_DISPLAY = Qt.ItemDataRole.DisplayRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

Index = QModelIndex | QPersistentModelIndex


def format_when(timestamp: float, now: float | None = None) -> str:
    """``18:02:11`` today, ``2024-05-01 18:02`` on another day (local time)."""
    moment = time.localtime(timestamp)
    today = time.localtime(time.time() if now is None else now)
    if moment[:3] == today[:3]:
        return time.strftime("%H:%M:%S", moment)
    return time.strftime("%Y-%m-%d %H:%M", moment)


def _money(amount: Decimal, currency: str) -> str:
    return Money(amount, currency).format()


class OrdersModel(QAbstractTableModel):
    """Orders newest first; see the module docstring."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._orders: list[Order] = []  # newest first

    def set_orders(self, orders: Sequence[Order]) -> None:
        """Show ``orders`` (oldest first, as ``EventStore.orders`` lists them)."""
        new = list(reversed(orders))
        old = self._orders
        added = len(new) - len(old)
        if added > 0 and new[added:] == old:
            self.beginInsertRows(QModelIndex(), 0, added - 1)
            self._orders = new
            self.endInsertRows()
        elif new != old:
            self.beginResetModel()
            self._orders = new
            self.endResetModel()

    def order_at(self, row: int) -> Order | None:
        return self._orders[row] if 0 <= row < len(self._orders) else None

    def row_of(self, order_number: int) -> int:
        for row, order in enumerate(self._orders):
            if order.order_number == order_number:
                return row
        return -1

    def orders(self) -> list[Order]:
        """The orders shown, newest first."""
        return list(self._orders)

    # -- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._orders)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ORDER_COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(ORDER_COLUMNS):
            return None
        if role == _DISPLAY:
            return ORDER_COLUMNS[section]
        if role == _ALIGN:
            return _LEFT if section in (COL_NUMBER, COL_TIME) else _RIGHT
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._orders):
            return None
        order = self._orders[index.row()]
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
            return _LEFT if column in (COL_NUMBER, COL_TIME) else _RIGHT
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


class OrderLinesModel(QAbstractTableModel):
    """The lines of one order (or none)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: tuple[LineSnapshot, ...] = ()
        self._currency = "EUR"

    def set_order(self, order: Order | None) -> None:
        self.beginResetModel()
        self._lines = order.lines if order is not None else ()
        self._currency = order.currency if order is not None else self._currency
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(LINE_COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(LINE_COLUMNS):
            return None
        if role == _DISPLAY:
            return LINE_COLUMNS[section]
        if role == _ALIGN:
            return _LEFT if section == LCOL_PRODUCT else _RIGHT
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role in (_DISPLAY, _ACCESSIBLE):
            if column == LCOL_PRODUCT:
                return line.name
            if column == LCOL_UNIT_PRICE:
                return _money(line.unit_price, self._currency)
            if column == LCOL_QUANTITY:
                return str(line.quantity)
            if column == LCOL_TOTAL:
                return _money(line.unit_price * line.quantity, self._currency)
            return None
        if role == _ALIGN:
            return _LEFT if column == LCOL_PRODUCT else _RIGHT
        return None
