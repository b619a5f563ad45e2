"""Parked carts as a table model: number, name, age, items and total, oldest first.

In a shop (``till`` given) a sixth column names the till that parked each cart, and the carts
the other tills parked (``set_shared``, from ``ShopSession.parked``) follow this till's own;
``data(index, PARKED_SHARED_ROLE)`` is such a row's shop cart id (None for this till's own).

``ParkedModel`` shows the ``parked`` carts of the cart the ``CartModel`` folded from the facts
(it never folds facts itself) and follows its ``cart_changed``. An age is measured from the time
the till gave when it parked the cart to ``now()`` (injectable: tests give a fixed clock); the
dock asks for the ages to be redrawn (``refresh_ages``) while it is on screen.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot

from cartapp.domain.money import Money
from cartapp.qt.i18n import QT_TRANSLATE_NOOP
from cartapp.qt.locale_text import money_text
from cartapp.qt.models.base import Index, ReadOnlyTable

if TYPE_CHECKING:
    from collections.abc import Callable

    from cartapp.domain.cart import Cart, ParkedCart
    from cartapp.qt.models.cart import CartModel
    from cartapp.shop.parked import SharedParked

__all__ = [
    "COL_AGE",
    "COL_ITEMS",
    "COL_NAME",
    "COL_NUMBER",
    "COL_TOTAL",
    "PARKED_COLUMNS",
    "PARKED_NUMBER_ROLE",
    "PARKED_SHARED_ROLE",
    "ParkedModel",
    "format_age",
]

COL_NUMBER, COL_NAME, COL_AGE, COL_ITEMS, COL_TOTAL, COL_TILL = range(6)
PARKED_COLUMNS = (
    QT_TRANSLATE_NOOP("ParkedModel", "Parked"),
    QT_TRANSLATE_NOOP("ParkedModel", "Name"),
    QT_TRANSLATE_NOOP("ParkedModel", "Age"),
    QT_TRANSLATE_NOOP("ParkedModel", "Items"),
    QT_TRANSLATE_NOOP("ParkedModel", "Total"),
)
"""The column captions in English (``headerData`` translates them)."""
PARKED_NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1
"""``data(index, PARKED_NUMBER_ROLE)``: the row's parked-cart number."""
PARKED_SHARED_ROLE = Qt.ItemDataRole.UserRole + 2
"""``data(index, PARKED_SHARED_ROLE)``: another till's parked cart's shop id, else None."""

_DISPLAY = Qt.ItemDataRole.DisplayRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole


def format_age(parked_at: datetime, now: datetime) -> str:
    """ "just now", "4 min", "1 h 05 min" (a clock that went back reads "just now")."""
    minutes = int((now - parked_at).total_seconds() // 60)
    if minutes < 1:
        return QCoreApplication.translate("ParkedModel", "just now")
    if minutes < 60:
        return QCoreApplication.translate("ParkedModel", "{minutes} min").format(minutes=minutes)
    return QCoreApplication.translate("ParkedModel", "{hours} h {minutes} min").format(
        hours=minutes // 60, minutes=f"{minutes % 60:02d}"
    )


class ParkedModel(ReadOnlyTable):
    """See the module docstring."""

    COLUMNS = PARKED_COLUMNS
    RIGHT_COLUMNS = frozenset({COL_NUMBER, COL_AGE, COL_ITEMS, COL_TOTAL})

    def __init__(
        self,
        cart_model: CartModel,
        now: Callable[[], datetime] | None = None,
        parent: QObject | None = None,
        *,
        till: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.now: Callable[[], datetime] = now or (lambda: datetime.now(UTC))
        self.till = till
        """This till's name in a shop (adds the Till column), else None."""
        if till is not None:
            self.COLUMNS = (*PARKED_COLUMNS, QT_TRANSLATE_NOOP("ParkedModel", "Till"))  # type: ignore[misc,assignment]
        self._currency = cart_model.cart.currency
        self._own: tuple[ParkedCart, ...] = cart_model.cart.parked
        self._shared: tuple[SharedParked, ...] = ()
        self._rows: tuple[ParkedCart | SharedParked, ...] = self._own
        cart_model.cart_changed.connect(self._on_cart)

    @property
    def own_count(self) -> int:
        """How many of the rows are this till's own parked carts (they come first)."""
        return len(self._own)

    def parked_at(self, row: int) -> ParkedCart | SharedParked | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, number: int) -> int:
        return next((i for i, p in enumerate(self._own) if p.number == number), -1)

    @Slot(object)
    def _on_cart(self, cart: Cart) -> None:
        if cart.parked == self._own:
            return
        self._reset(cart.parked, self._shared)

    def set_shared(self, carts: tuple[SharedParked, ...]) -> None:
        """The carts the other tills parked and nobody resumed yet, oldest first."""
        carts = tuple(c for c in carts if c.till != self.till)
        if carts != self._shared:
            self._reset(self._own, carts)

    def _reset(self, own: tuple[ParkedCart, ...], shared: tuple[SharedParked, ...]) -> None:
        self.beginResetModel()  # a handful of rows: one reset is cheaper than a diff
        self._own, self._shared = own, shared
        self._rows = (*own, *shared)
        self.endResetModel()

    def refresh_ages(self) -> None:
        if self._rows:
            last = len(self._rows) - 1
            self.dataChanged.emit(self.index(0, COL_AGE), self.index(last, COL_AGE))

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        parked = self._rows[index.row()]
        column = index.column()
        if role in (_DISPLAY, _ACCESSIBLE):
            if column == COL_NUMBER:
                return f"#{parked.number}"
            if column == COL_NAME:
                return parked.name or ""
            if column == COL_AGE:
                return format_age(parked.parked_at, self.now())
            if column == COL_ITEMS:
                return str(parked.item_count)
            if column == COL_TOTAL:
                return money_text(Money(parked.total(), self._currency))
            if column == COL_TILL and self.till is not None:
                return getattr(parked, "till", self.till)
            return None
        if role == _ALIGN:
            return self.alignment(column)
        if role == PARKED_NUMBER_ROLE:
            return parked.number
        if role == PARKED_SHARED_ROLE:
            return getattr(parked, "shared", None)
        return None
