"""The cart as a table model: a read-only view of the cart service's cart.

``CartModel`` has no public way to change the cart and folds no facts. Its private slot,
connected to ``QtBridge.cart_changed``, receives the cart service's ``CartChanged`` (the cart
and version after each appended step), diffs the new cart against the one it shows and
announces the difference with the precise row signals (insert, remove, dataChanged);
``cart_changed`` tells the totals, the catalog's stock and the buttons. A fact published on the
bus by anyone but the service changes nothing here. The quantity column is editable only so that
a view opens the spin-box delegate, whose commit publishes an ``UpdateItem`` command: ``setData``
refuses.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
    Signal,
    Slot,
)

from cartapp.domain.cart import Cart, CartLine
from cartapp.domain.money import Money
from cartapp.qt.i18n import QT_TRANSLATE_NOOP
from cartapp.qt.locale_text import money_text
from cartapp.qt.models.base import NO_FLAGS, Index, ReadOnlyTable
from cartapp.qt.style import icon

if TYPE_CHECKING:
    from cartapp.domain.catalog import Catalog
    from cartapp.handlers import CartChanged
    from cartapp.qt.bridge import QtBridge

__all__ = [
    "CART_COLUMNS",
    "COL_LINE_TOTAL",
    "COL_PRODUCT",
    "COL_QUANTITY",
    "COL_REMOVE",
    "COL_UNIT_PRICE",
    "ITEM_ID_ROLE",
    "CartModel",
    "discount_text",
]

COL_PRODUCT, COL_UNIT_PRICE, COL_QUANTITY, COL_LINE_TOTAL, COL_REMOVE = range(5)
CART_COLUMNS = (
    QT_TRANSLATE_NOOP("CartModel", "Product"),
    QT_TRANSLATE_NOOP("CartModel", "Unit price"),
    QT_TRANSLATE_NOOP("CartModel", "Qty"),
    QT_TRANSLATE_NOOP("CartModel", "Line total"),
    "",
)
"""The column captions in English (``headerData`` translates them)."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("CartModel", text)


ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_CENTER = Qt.AlignmentFlag.AlignCenter

# Built once: flags() runs for every cell a view looks at, and enum `|` is slow in PySide.
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE_FLAGS = _FLAGS | Qt.ItemFlag.ItemIsEditable


def discount_text(line: CartLine, currency: str) -> str:
    """The line's own discount as a till shows it ("10 %", "€2.50"; "" without one)."""
    if line.discount is None:
        return ""
    if line.discount.percent is not None:
        return f"{line.discount.percent.normalize():f} %"
    return money_text(Money(line.discount.amount or Decimal(0), currency))


class CartModel(ReadOnlyTable):
    """One cart line per row; changes only when the cart service's change arrives.

    Read-only like the other tables, except that the quantity column is flagged editable (see
    the module docstring).
    """

    COLUMNS = CART_COLUMNS
    RIGHT_COLUMNS = frozenset({COL_UNIT_PRICE, COL_QUANTITY, COL_LINE_TOTAL})

    cart_changed = Signal(object)
    """The new ``Cart`` after a step of the cart service changed it."""

    def __init__(
        self,
        catalog: Catalog | None = None,
        bridge: QtBridge | None = None,
        cart: Cart | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        currency = catalog.currency if catalog is not None else "EUR"
        self._cart = cart if cart is not None else Cart(currency=currency)
        self.version: int | None = None
        """The live stream's version of the cart shown (None: as given, before any change)."""
        if bridge is not None:
            bridge.cart_changed.connect(self._on_change)

    # -- read-only API ----------------------------------------------------------------------

    @property
    def cart(self) -> Cart:
        """The cart shown: the service's as of its last change (immutable)."""
        return self._cart

    def line_at(self, row: int) -> CartLine | None:
        lines = self._cart.lines
        return lines[row] if 0 <= row < len(lines) else None

    def row_of(self, item_id: str) -> int:
        for row, line in enumerate(self._cart.lines):
            if line.item_id == item_id:
                return row
        return -1

    def money(self, amount: Any) -> str:
        return money_text(Money(amount, self._cart.currency))

    # -- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cart.lines)  # the rows are the cart's lines

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole)
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(CART_COLUMNS)
        ):
            remove = QT_TRANSLATE_NOOP("CartModel", "Remove")
            caption = remove if section == COL_REMOVE else CART_COLUMNS[section]
            return _tr(caption)
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return NO_FLAGS
        return _EDITABLE_FLAGS if index.column() == COL_QUANTITY else _FLAGS

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Always ``False``: the cart changes only through the service (edits publish commands)."""
        return False

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        line = self.line_at(index.row())
        col = index.column()
        if line is None or not 0 <= col < len(CART_COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(line, col)
        if role == Qt.ItemDataRole.EditRole:
            return line.quantity if col == COL_QUANTITY else self._display(line, col)
        if role == ITEM_ID_ROLE:
            return line.item_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER if col == COL_REMOVE else self.alignment(col)
        if role == Qt.ItemDataRole.DecorationRole:
            if col == COL_PRODUCT and self._catalog is not None:
                product = self._catalog.get(line.item_id)
                return icon(product.icon) if product is not None else None
            if col == COL_REMOVE:
                return icon("delete")
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_REMOVE:
                return self.tr("Remove {name} from the cart (Delete)").format(name=line.name)
            if col == COL_QUANTITY:
                return self.tr("Double-click or F2 to change the quantity; + and - step it")
            if col == COL_LINE_TOTAL and line.discount is not None:
                return self.tr(
                    "{net} less {discount} = {total}, before tax and the order's discounts"
                ).format(
                    net=self.money(line.net),
                    discount=discount_text(line, self._cart.currency),
                    total=self.money(line.net - line.line_discount),
                )
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if col == COL_REMOVE:
                return self.tr("Remove {name}").format(name=line.name)
            return f"{_tr(CART_COLUMNS[col])}: {self._display(line, col)}"
        return None

    def _display(self, line: CartLine, col: int) -> str:
        if col == COL_PRODUCT:
            off = discount_text(line, self._cart.currency)
            return f"{line.name}  (\u2212{off})" if off else line.name
        if col == COL_UNIT_PRICE:
            return self.money(line.unit_price)
        if col == COL_QUANTITY:
            return str(line.quantity)
        if col == COL_LINE_TOTAL:
            return self.money(line.net - line.line_discount)
        return ""

    # -- following the service --------------------------------------------------------------

    @Slot(object)
    def _on_change(self, change: CartChanged) -> None:
        self.version = change.version
        new = change.cart
        if new is self._cart or new == self._cart:
            return
        self._replace(new)
        self.cart_changed.emit(new)

    def _replace(self, new: Cart) -> None:
        """Swap in ``new``, announcing removed, appended and changed rows precisely."""
        old = self._cart
        old_ids = [line.item_id for line in old.lines]
        new_ids = [line.item_id for line in new.lines]
        new_set = set(new_ids)
        kept = [i for i in old_ids if i in new_set]
        if new_ids[: len(kept)] != kept:
            self.beginResetModel()
            self._cart = new
            self.endResetModel()
            return
        # Removed rows, bottom-up so the row numbers above stay valid.
        gone = [row for row, item_id in enumerate(old_ids) if item_id not in new_set]
        if gone:
            lines = list(old.lines)
            for row in reversed(gone):
                self.beginRemoveRows(QModelIndex(), row, row)
                del lines[row]
                self._cart = old.evolve(lines=tuple(lines), version=old.version)
                self.endRemoveRows()
        # Appended rows.
        if len(new_ids) > len(kept):
            self.beginInsertRows(QModelIndex(), len(kept), len(new_ids) - 1)
            self._cart = new
            self.endInsertRows()
        before = {line.item_id: line for line in old.lines}
        self._cart = new
        last = len(CART_COLUMNS) - 1
        for row, line in enumerate(new.lines[: len(kept)]):
            if before.get(line.item_id) != line:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
