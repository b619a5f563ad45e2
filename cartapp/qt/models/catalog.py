"""The catalog as a flat table model (one product per row) and its search/category filter proxy.

``CatalogModel`` shows each product's icon, name, sku, price and the stock still available
(catalog stock less what past orders sold less what is in the cart). It folds no facts itself:
it reads the cart of a ``CartModel`` (the views' one projection of the facts) and, on its
``cart_changed``, announces the rows whose stock changed, so the stock column follows every add,
remove, clear and checkout. Without a cart model it shows the stock of a fixed ``cart``. Given
``frames`` (the bridge's frame clock), ``data()`` answers from the latest cart at once but the
rows' ``dataChanged`` goes out once per frame, for every product any cart of the frame held, so
the views repaint once per frame, not once per fact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QSortFilterProxyModel,
    Qt,
    Slot,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from cartapp.domain.cart import Cart
from cartapp.domain.decider import available
from cartapp.domain.money import Money
from cartapp.qt.i18n import QT_TRANSLATE_NOOP
from cartapp.qt.locale_text import money_text
from cartapp.qt.models.base import Index, ReadOnlyTable
from cartapp.qt.style import icon

if TYPE_CHECKING:
    from cartapp.domain.catalog import Catalog, Product
    from cartapp.qt.frame_clock import FrameClock
    from cartapp.qt.models.cart import CartModel

__all__ = [
    "CATALOG_COLUMNS",
    "CATEGORY_NAMES",
    "CATEGORY_ROLE",
    "COL_NAME",
    "COL_PRICE",
    "COL_SKU",
    "COL_STOCK",
    "PRODUCT_ID_ROLE",
    "STOCK_LEFT_ROLE",
    "CatalogFilterProxy",
    "CatalogModel",
    "category_name",
]

COL_NAME, COL_SKU, COL_PRICE, COL_STOCK = range(4)
CATALOG_COLUMNS = (
    QT_TRANSLATE_NOOP("CatalogModel", "Product"),
    QT_TRANSLATE_NOOP("CatalogModel", "SKU"),
    QT_TRANSLATE_NOOP("CatalogModel", "Price"),
    QT_TRANSLATE_NOOP("CatalogModel", "In stock"),
)
"""The column captions in English (``headerData`` translates them)."""

CATEGORY_NAMES = (
    QT_TRANSLATE_NOOP("Catalog", "Bakery"),
    QT_TRANSLATE_NOOP("Catalog", "Coffee & Tea"),
    QT_TRANSLATE_NOOP("Catalog", "Dairy"),
    QT_TRANSLATE_NOOP("Catalog", "Fruit & Veg"),
    QT_TRANSLATE_NOOP("Catalog", "Household"),
    QT_TRANSLATE_NOOP("Catalog", "Stationery"),
)
"""The bundled catalog's categories, so that lupdate offers them for translation (a category
the list lacks is shown as the catalog names it)."""


def category_name(category: str) -> str:
    """A catalog category in the UI's language (context ``Catalog``)."""
    return QCoreApplication.translate("Catalog", category) if category else category


PRODUCT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 2
STOCK_LEFT_ROLE = Qt.ItemDataRole.UserRole + 3
SEARCH_TEXT_ROLE = Qt.ItemDataRole.UserRole + 4


class CatalogModel(ReadOnlyTable):
    """Products in catalog order; the stock column follows a ``CartModel``'s cart."""

    COLUMNS = CATALOG_COLUMNS
    RIGHT_COLUMNS = frozenset({COL_PRICE, COL_STOCK})

    def __init__(
        self,
        catalog: Catalog,
        *,
        cart_model: CartModel | None = None,
        cart: Cart | None = None,
        parent: QObject | None = None,
        frames: FrameClock | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._rows: tuple[Product, ...] = tuple(catalog)
        self._row_of = {p.id: row for row, p in enumerate(self._rows)}
        self._touched: dict[str, None] = {}
        """Products held by a cart since the last frame (their rows may have changed)."""
        self._job = None if frames is None else frames.register("catalog stock", self._on_frame)
        if cart_model is not None:
            cart = cart_model.cart
            cart_model.cart_changed.connect(self._on_cart_changed)
        self._cart = cart if cart is not None else Cart(currency=catalog.currency)
        self._shop_levels: dict[str, int] | None = None
        """sku -> units left in the shop, once ``set_shop_level`` was called (a till in a shop)."""

    # -- read-only API ----------------------------------------------------------------------

    @property
    def catalog(self) -> Catalog:
        return self._catalog

    def product_at(self, row: int) -> Product | None:
        if 0 <= row < len(self._rows):
            return self._rows[row]
        return None

    def row_of(self, item_id: str) -> int:
        """Row of a product id, or -1."""
        return self._row_of.get(item_id, -1)

    def stock_left(self, item_id: str) -> int:
        product = self._catalog.get(item_id)
        return 0 if product is None else self._left(product)

    def _left(self, product: Product) -> int:
        """What can still go into the cart: the shop's level when the till is in a shop (the
        shop's reservations already count this cart), else the catalog's stock less what was
        sold and what is in the cart."""
        if self._shop_levels is not None:
            return self._shop_levels.get(product.sku, 0)
        return available(self._cart, product)

    @Slot(str, int)
    def set_shop_level(self, sku: str, left: int) -> None:
        """The shop says ``left`` units of ``sku`` are left (every till sells from them)."""
        if self._shop_levels is None:
            self._shop_levels = {p.sku: available(self._cart, p) for p in self._rows}
        if self._shop_levels.get(sku) == left:
            return
        self._shop_levels[sku] = left
        row = next((r for r, p in enumerate(self._rows) if p.sku == sku), -1)
        if row >= 0:
            last = len(CATALOG_COLUMNS) - 1
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    # -- Qt model interface (rows, columns, flags and headers: ReadOnlyTable) ---------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row, col = index.row(), index.column()
        if not 0 <= row < len(self._rows) or not 0 <= col < len(CATALOG_COLUMNS):
            return None
        product = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(product, col)
        if role == PRODUCT_ID_ROLE:
            return product.id
        if role == CATEGORY_ROLE:
            return product.category
        if role == STOCK_LEFT_ROLE:
            return self._left(product)
        if role == SEARCH_TEXT_ROLE:
            return f"{product.name}\n{product.sku}".casefold()
        if role == Qt.ItemDataRole.DecorationRole and col == COL_NAME:
            return icon(product.icon)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(col)
        if role == Qt.ItemDataRole.ForegroundRole and self._left(product) <= 0:
            return QApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(product)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            left = self._left(product)
            stock = (
                QCoreApplication.translate("CatalogModel", "{left} in stock").format(left=left)
                if left
                else QCoreApplication.translate("CatalogModel", "out of stock")
            )
            price = money_text(Money(product.unit_price, self._catalog.currency))
            return f"{product.name}, {price}, {stock}"
        return None

    def _display(self, product: Product, col: int) -> str:
        if col == COL_NAME:
            return product.name
        if col == COL_SKU:
            return product.sku
        if col == COL_PRICE:
            return money_text(Money(product.unit_price, self._catalog.currency))
        left = self._left(product)
        return str(left) if left > 0 else QCoreApplication.translate("CatalogModel", "Out of stock")

    def _tooltip(self, product: Product) -> str:
        left = self._left(product)
        in_cart = self._cart.quantity_of(product.id)
        translate = QCoreApplication.translate
        stock = translate("CatalogModel", "{left} available").format(left=left)
        if in_cart:
            stock = translate("CatalogModel", "{left} available, {in_cart} in the cart").format(
                left=left, in_cart=in_cart
            )
        rate = f"{product.tax_rate * 100:.0f}"
        lines = [
            f"{product.name} ({product.sku})",
            translate("CatalogModel", "{category} · tax {rate} %").format(
                category=category_name(product.category), rate=rate
            ),
            stock,
        ]
        return "\n".join(lines)

    # -- following the cart -----------------------------------------------------------------

    @Slot(object)
    def _on_cart_changed(self, new: Cart) -> None:
        old, self._cart = self._cart, new
        ids = _stock_touched(old, new)
        if self._job is not None:  # the rows are announced in the frame
            self._touched.update(ids)
            self._job.request()
            return
        last = len(CATALOG_COLUMNS) - 1
        for item_id in ids:
            row = self._row_of.get(item_id, -1)
            if row >= 0 and _stock_of(old, item_id) != _stock_of(new, item_id):
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def _on_frame(self, _deadline: float) -> None:
        touched, self._touched = self._touched, {}
        last = len(CATALOG_COLUMNS) - 1
        for item_id in touched:
            row = self._row_of.get(item_id, -1)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))


def _stock_of(cart: Cart, item_id: str) -> tuple[int, int, int]:
    return cart.quantity_of(item_id), cart.sold_of(item_id), cart.held_of(item_id)


def _stock_touched(old: Cart, new: Cart) -> dict[str, None]:
    """The products whose stock left may differ between ``old`` and ``new``: those in either
    cart's lines, those whose sold count changed (a checkout, a refund) and those in a parked
    cart that came or went."""
    ids = dict.fromkeys(line.item_id for cart in (old, new) for line in cart.lines)
    if old.sold != new.sold:
        before, after = dict(old.sold), dict(new.sold)
        ids.update(
            dict.fromkeys(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        )
    if old.parked != new.parked:
        ids.update(
            dict.fromkeys(
                line.item_id
                for cart in (old, new)
                for parked in cart.parked
                for line in parked.lines
            )
        )
    return ids


class CatalogFilterProxy(QSortFilterProxyModel):
    """Filters the catalog by free text (name or sku, case-insensitive) and by category."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._terms: tuple[str, ...] = ()
        self._category: str | None = None

    @property
    def search_text(self) -> str:
        return " ".join(self._terms)

    @property
    def category(self) -> str | None:
        return self._category

    def set_search_text(self, text: str) -> None:
        terms = tuple(text.casefold().split())
        if terms != self._terms:
            self.beginFilterChange()
            self._terms = terms
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_category(self, category: str | None) -> None:
        category = category or None
        if category != self._category:
            self.beginFilterChange()
            self._category = category
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if model is None:
            return False
        index = model.index(source_row, 0, source_parent)
        if self._category is not None and model.data(index, CATEGORY_ROLE) != self._category:
            return False
        if not self._terms:
            return True
        haystack = model.data(index, SEARCH_TEXT_ROLE) or ""
        return all(term in haystack for term in self._terms)
