"""``LinesModel``: cart lines as a read-only table (product, unit price, quantity, line total).

One model for every place that shows lines nobody can edit: an order's lines in the orders dock
(``set_order``) and a cart of the past in time travel (``set_cart``), where the lines that the
message added or changed are tinted and say so in ``CHANGE_ROLE``. A line is a ``CartLine`` or
the ``LineSnapshot`` a fact carries: both have a name, a unit price and a quantity. The model is
replaced as a whole (one reset) and is never connected to the bus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from cartapp.domain.money import Money
from cartapp.qt.i18n import QT_TRANSLATE_NOOP
from cartapp.qt.locale_text import money_text
from cartapp.qt.models.base import Index, ReadOnlyTable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cartapp.domain.cart import Cart, CartLine
    from cartapp.domain.events import LineSnapshot
    from cartapp.history.time_travel import CartDiff
    from cartapp.store import Order

__all__ = [
    "CHANGE_ROLE",
    "COL_PRODUCT",
    "COL_QUANTITY",
    "COL_TOTAL",
    "COL_UNIT_PRICE",
    "LINE_COLUMNS",
    "LinesModel",
]

COL_PRODUCT, COL_UNIT_PRICE, COL_QUANTITY, COL_TOTAL = range(4)
LINE_COLUMNS = (
    QT_TRANSLATE_NOOP("LinesModel", "Product"),
    QT_TRANSLATE_NOOP("LinesModel", "Unit price"),
    QT_TRANSLATE_NOOP("LinesModel", "Qty"),
    QT_TRANSLATE_NOOP("LinesModel", "Line total"),
)
"""The column captions in English (``headerData`` translates them)."""

CHANGE_ROLE = Qt.ItemDataRole.UserRole + 1
"""``data(index, CHANGE_ROLE)``: "added", "changed" or None for the row's line."""

_DISPLAY = Qt.ItemDataRole.DisplayRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_TINTS = {"added": ("#1a7f37", "#56d364"), "changed": ("#b45309", "#f0a04b")}


class LinesModel(ReadOnlyTable):
    """Lines of an order or of a past cart, read-only; see the module docstring."""

    COLUMNS = LINE_COLUMNS
    RIGHT_COLUMNS = frozenset({COL_UNIT_PRICE, COL_QUANTITY, COL_TOTAL})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: Sequence[CartLine | LineSnapshot] = ()
        self._currency = "EUR"
        self._diff: CartDiff | None = None
        self._dark = False

    def set_lines(
        self,
        lines: Sequence[CartLine | LineSnapshot],
        currency: str | None = None,
        diff: CartDiff | None = None,
    ) -> None:
        """Show ``lines`` (prices in ``currency``; the last one if None), tinted by ``diff``."""
        self.beginResetModel()
        self._rows = tuple(lines)
        self._currency = currency or self._currency
        self._diff = diff
        self.endResetModel()

    def set_order(self, order: Order | None) -> None:
        """Show the lines of ``order`` (none for None)."""
        if order is None:
            self.set_lines(())
        else:
            self.set_lines(order.lines, order.currency)

    def set_cart(self, cart: Cart, diff: CartDiff | None = None) -> None:
        """Show ``cart``'s lines; those ``diff`` added or changed are tinted."""
        self.set_lines(cart.lines, cart.currency, diff)

    def set_dark(self, dark: bool) -> None:
        """Tint for a dark (or light) palette."""
        self._dark = dark
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._rows) - 1, len(LINE_COLUMNS) - 1),
                [_BACKGROUND],
            )

    def _money(self, amount: Any) -> str:
        return money_text(Money(amount, self._currency))

    # -- Qt model interface (rows, columns, flags and headers: ReadOnlyTable) ---------------

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        lines = self._rows
        if not index.isValid() or not 0 <= index.row() < len(lines):
            return None
        line = lines[index.row()]
        column = index.column()
        if role in (_DISPLAY, _ACCESSIBLE):
            if column == COL_PRODUCT:
                return line.name
            if column == COL_UNIT_PRICE:
                return self._money(line.unit_price)
            if column == COL_QUANTITY:
                return str(line.quantity)
            if column == COL_TOTAL:
                return self._money(line.unit_price * line.quantity)
            return None
        if role == _ALIGN:
            return self.alignment(column)
        change = self._diff.change_of(line.item_id) if self._diff is not None else None
        if role == CHANGE_ROLE:
            return change
        if role == _BACKGROUND and change is not None:
            colour = QColor(_TINTS[change][1 if self._dark else 0])
            colour.setAlpha(48)
            return QBrush(colour)
        if role == _TOOLTIP and change is not None:
            if change == "added":
                return QCoreApplication.translate("LinesModel", "Added by this message")
            return QCoreApplication.translate("LinesModel", "Changed by this message")
        return None
