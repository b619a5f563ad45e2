"""Time travel's models: a read-only cart table for a cart of the past, and what changed.

``cart_diff(before, after)`` compares two carts line by line (added, removed, quantity changed)
and the total. ``CartSnapshotModel`` shows one ``Cart`` (product, unit price, quantity, line
total) and tints the lines that the message added or changed; it has no way to change anything
and is never connected to the bus: a cart of the past is only ever replaced as a whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from cartapp.domain.cart import Cart, CartLine
from cartapp.domain.money import Money

__all__ = [
    "CHANGE_ROLE",
    "SNAPSHOT_COLUMNS",
    "CartDiff",
    "CartSnapshotModel",
    "cart_diff",
]

SCOL_PRODUCT, SCOL_UNIT_PRICE, SCOL_QUANTITY, SCOL_TOTAL = range(4)
SNAPSHOT_COLUMNS = ("Product", "Unit price", "Qty", "Line total")

CHANGE_ROLE = Qt.ItemDataRole.UserRole + 1
"""``data(index, CHANGE_ROLE)``: "added", "changed" or None for the row's line."""

_DISPLAY = Qt.ItemDataRole.DisplayRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_TINTS = {"added": ("#1a7f37", "#56d364"), "changed": ("#b45309", "#f0a04b")}

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class CartDiff:
    """What one message changed in the cart."""

    added: tuple[CartLine, ...]
    removed: tuple[CartLine, ...]
    changed: tuple[tuple[CartLine, CartLine], ...]
    """(before, after) of lines whose quantity changed."""
    total_delta: Decimal
    currency: str

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed) and not self.total_delta

    def lines(self) -> list[str]:
        """One sentence per change, for people: "+ 2 x Espresso beans", "Total +€5.20"."""
        out = [f"+ {line.quantity} x {line.name}" for line in self.added]
        out += [f"\u2212 {line.quantity} x {line.name}" for line in self.removed]
        out += [f"{a.name}: {a.quantity} → {b.quantity}" for a, b in self.changed]
        if self.total_delta:
            sign = "+" if self.total_delta > 0 else "\u2212"
            out.append(f"Total {sign}{Money(abs(self.total_delta), self.currency).format()}")
        return out

    def change_of(self, item_id: str) -> str | None:
        if any(line.item_id == item_id for line in self.added):
            return "added"
        if any(after.item_id == item_id for _, after in self.changed):
            return "changed"
        return None


def cart_diff(before: Cart, after: Cart) -> CartDiff:
    """The difference from ``before`` to ``after`` (lines in ``after``'s order)."""
    added = tuple(line for line in after.lines if before.line(line.item_id) is None)
    removed = tuple(line for line in before.lines if after.line(line.item_id) is None)
    changed = tuple(
        (old, line)
        for line in after.lines
        if (old := before.line(line.item_id)) is not None and old.quantity != line.quantity
    )
    delta = after.totals().total.amount - before.totals().total.amount
    return CartDiff(added, removed, changed, delta, after.currency)


class CartSnapshotModel(QAbstractTableModel):
    """One cart of the past, read-only; ``set_cart`` replaces it as a whole."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cart = Cart()
        self._diff: CartDiff | None = None
        self._dark = False

    @property
    def cart(self) -> Cart:
        return self._cart

    def set_cart(self, cart: Cart, diff: CartDiff | None = None) -> None:
        self.beginResetModel()
        self._cart = cart
        self._diff = diff
        self.endResetModel()

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        if self._cart.lines:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._cart.lines) - 1, len(SNAPSHOT_COLUMNS) - 1),
                [_BACKGROUND],
            )

    def _money(self, amount: Decimal) -> str:
        return Money(amount, self._cart.currency).format()

    # -- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cart.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(SNAPSHOT_COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(SNAPSHOT_COLUMNS):
            return None
        if role == _DISPLAY:
            return SNAPSHOT_COLUMNS[section]
        if role == _ALIGN:
            return _LEFT if section == SCOL_PRODUCT else _RIGHT
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        lines = self._cart.lines
        if not index.isValid() or not 0 <= index.row() < len(lines):
            return None
        line = lines[index.row()]
        column = index.column()
        if role in (_DISPLAY, _ACCESSIBLE):
            if column == SCOL_PRODUCT:
                return line.name
            if column == SCOL_UNIT_PRICE:
                return self._money(line.unit_price)
            if column == SCOL_QUANTITY:
                return str(line.quantity)
            if column == SCOL_TOTAL:
                return self._money(line.net)
            return None
        if role == _ALIGN:
            return _LEFT if column == SCOL_PRODUCT else _RIGHT
        change = self._diff.change_of(line.item_id) if self._diff is not None else None
        if role == CHANGE_ROLE:
            return change
        if role == _BACKGROUND and change is not None:
            colour = QColor(_TINTS[change][1 if self._dark else 0])
            colour.setAlpha(48)
            return QBrush(colour)
        if role == _TOOLTIP and change is not None:
            return "Added by this message" if change == "added" else "Changed by this message"
        return None
