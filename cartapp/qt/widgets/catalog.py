"""The catalog panel: search, category filter, the product list, quantity and "Add to cart".

The panel publishes nothing itself and changes nothing: it emits ``add_requested(item_id,
quantity)`` and the main window turns that into an ``AddItem`` command on the bus. Enter or a
double-click on a product, Enter in the quantity box and the button all ask the same thing.
The quantity box goes back to 1 after each request and never offers more than the selected
product has left in stock.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cartapp.domain.barcode import ScanError, parse_scan
from cartapp.domain.decider import MAX_LINE_QUANTITY
from cartapp.qt.i18n import QT_TRANSLATE_NOOP
from cartapp.qt.locale_text import money_text
from cartapp.qt.models.catalog import (
    COL_NAME,
    COL_PRICE,
    COL_SKU,
    COL_STOCK,
    PRODUCT_ID_ROLE,
    STOCK_LEFT_ROLE,
    CatalogFilterProxy,
    CatalogModel,
    category_name,
)
from cartapp.qt.style import icon

if TYPE_CHECKING:
    from cartapp.domain.catalog import Catalog

__all__ = ["ALL_CATEGORIES", "CatalogPanel"]

ALL_CATEGORIES = QT_TRANSLATE_NOOP("CatalogPanel", "All categories")
ICON_SIZE = 24


def _named(widget: QWidget, name: str, accessible: str, description: str = "") -> None:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    if description:
        widget.setAccessibleDescription(description)


class CatalogPanel(QWidget):
    """Browse the catalog and ask for products to be added to the cart."""

    add_requested = Signal(str, int)
    """``(item_id, quantity)``: the user wants this many of this product in the cart."""
    scan_failed = Signal(str)
    """A code typed or scanned into the search field is no product's: why, for a person."""

    def __init__(self, model: CatalogModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalogPanel")
        self.model = model
        self.proxy = CatalogFilterProxy(self)
        self.proxy.setSourceModel(model)

        title = QLabel(self.tr("Catalog"))
        title.setProperty("role", "heading")

        self.search = QLineEdit()
        _named(
            self.search,
            "catalogSearch",
            self.tr("Search products"),
            self.tr("Filter by name or SKU"),
        )
        self.search.setPlaceholderText(self.tr("Search by name or SKU, or scan a code  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(self._on_search)
        self.search.installEventFilter(self)

        self.category = QComboBox()
        _named(self.category, "categoryFilter", self.tr("Category filter"))
        self.category.addItem(self.tr(ALL_CATEGORIES), None)
        catalog: Catalog = model.catalog
        for name in catalog.categories:
            first = next(p for p in catalog if p.category == name)
            self.category.addItem(icon(first.icon), category_name(name), name)
        self.category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category.currentIndexChanged.connect(self._on_category)

        self.view = QTableView()
        _named(
            self.view,
            "catalogView",
            self.tr("Products"),
            self.tr("One product per row; Enter adds it"),
        )
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(ICON_SIZE + 10)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        # Fixed widths measured once: ResizeToContents would re-measure all 48 rows on every
        # stock change (about 4 ms per fact), and the samples are the widest values shown.
        samples = {
            COL_SKU: "WWW-000",
            COL_PRICE: money_text(Decimal("9999.99"), model.catalog.currency),
            COL_STOCK: QCoreApplication.translate("CatalogModel", "Out of stock"),
        }
        metrics = self.view.fontMetrics()
        for col, sample in samples.items():
            caption = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(caption))
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width + 20)
        self.view.activated.connect(self._on_activated)
        self.view.selectionModel().currentRowChanged.connect(self._update_add_button)
        self.view.selectionModel().selectionChanged.connect(self._update_add_button)

        self.empty = self._build_empty_state()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_empty_state)
        model.dataChanged.connect(self._update_add_button)

        quantity_label = QLabel(self.tr("&Quantity"))
        self.quantity = QSpinBox()
        _named(self.quantity, "quantitySpin", self.tr("Quantity to add"))
        self.quantity.setRange(1, MAX_LINE_QUANTITY)
        self.quantity.setValue(1)
        self.quantity.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.quantity.setMinimumWidth(72)
        self.quantity.installEventFilter(self)
        quantity_label.setBuddy(self.quantity)

        self.add_button = QPushButton(icon("add"), self.tr("&Add to cart"))
        _named(self.add_button, "addToCartButton", self.tr("Add to cart"))
        self.add_button.setToolTip(self.tr("Add the selected product (Enter)"))
        self.add_button.setDefault(False)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.request_add)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.category)

        bottom = QHBoxLayout()
        self.selection_hint = QLabel()
        self.selection_hint.setProperty("role", "hint")
        # Its width is the row's rest, whatever it says: a hint that sized itself to its text
        # ("Tea: 4 available") changed the panel's minimum width on every add, and with it the
        # layout (and a repaint) of the whole main window.
        self.selection_hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bottom.addWidget(self.selection_hint, 1)
        bottom.addWidget(quantity_label)
        bottom.addWidget(self.quantity)
        bottom.addWidget(self.add_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 6, 8)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)

        self.setTabOrder(self.search, self.category)
        self.setTabOrder(self.category, self.view)
        self.setTabOrder(self.view, self.quantity)
        self.setTabOrder(self.quantity, self.add_button)
        self._update_add_button()

    def _build_empty_state(self) -> QWidget:
        page = QWidget()
        page.setObjectName("catalogEmptyState")
        icon_label = QLabel()
        icon_label.setPixmap(icon("search").pixmap(48, 48))
        icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_title = QLabel(self.tr("No products found"))
        self.empty_title.setProperty("role", "emptyTitle")
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text = QLabel()
        self.empty_text.setProperty("role", "emptyText")
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setWordWrap(True)
        reset = QPushButton(self.tr("Show all products"))
        reset.setObjectName("catalogResetFilters")
        reset.clicked.connect(self.reset_filters)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(icon_label)
        layout.addWidget(self.empty_title)
        layout.addWidget(self.empty_text)
        layout.addWidget(reset, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return page

    # -- queries ----------------------------------------------------------------------------

    def selected_item_id(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        index = rows[0] if rows else QModelIndex()
        if not index.isValid():
            return None
        value = index.data(PRODUCT_ID_ROLE)
        return str(value) if value else None

    def select_item(self, item_id: str) -> bool:
        """Select and scroll to a product (if the filter shows it)."""
        row = self.model.row_of(item_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)
        return True

    # -- actions ----------------------------------------------------------------------------

    @Slot()
    def request_add(self) -> None:
        """Ask for the selected product with the quantity in the spin box."""
        item_id = self.selected_item_id()
        if item_id is None:
            return
        self.quantity.interpretText()
        quantity = self.quantity.value()
        # As at a till: the next product starts again from one.
        self.quantity.setValue(1)
        self.add_requested.emit(item_id, quantity)

    def _scan(self) -> bool:
        """Enter in the search field after a barcode (``3*`` before it for three): add that
        product at once, with the scan's quantity (never the quantity box's), and clear the
        field for the next scan. False if the text is a search, not a code."""
        try:
            scan = parse_scan(self.search.text())
        except ScanError as exc:
            self.search.selectAll()
            self.scan_failed.emit(str(exc))
            return True
        if scan is None:
            return False
        product = self.model.catalog.by_barcode(scan.code)
        if product is None:
            self.search.selectAll()
            self.scan_failed.emit(
                self.tr("unknown code {code}: no product has it").format(code=scan.code)
            )
            return True
        self.search.clear()
        self.add_requested.emit(product.id, scan.quantity)
        return True

    @Slot()
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    @Slot()
    def reset_filters(self) -> None:
        self.search.clear()
        self.category.setCurrentIndex(0)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- private slots ----------------------------------------------------------------------

    @Slot(str)
    def _on_search(self, text: str) -> None:
        self.proxy.set_search_text(text)
        self._update_empty_state()

    @Slot(int)
    def _on_category(self, _row: int) -> None:
        self.proxy.set_category(self.category.currentData())
        self._update_empty_state()

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.view.selectRow(index.row())
            self.request_add()

    @Slot()
    def _update_empty_state(self) -> None:
        empty = self.proxy.rowCount() == 0
        if empty:
            what = self.search.text().strip()
            category = self.category.currentData()
            if what and category:
                said = self.tr("Nothing matches “{text}” in {category}.")
            elif what:
                said = self.tr("Nothing matches “{text}”.")
            elif category:
                said = self.tr("Nothing in {category}.")
            else:
                said = ""
            said = said.format(text=what, category=category_name(category or ""))
            again = self.tr("Try another word or category.")
            self.empty_text.setText(f"{said} {again}".strip())
        self.stack.setCurrentWidget(self.empty if empty else self.view)
        self._update_add_button()

    @Slot()
    def _update_add_button(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            self.add_button.setEnabled(False)
            self.quantity.setMaximum(MAX_LINE_QUANTITY)
            self.selection_hint.setText(self.tr("Select a product to add it"))
            return
        index = rows[0]
        left = index.data(STOCK_LEFT_ROLE) or 0
        name = index.siblingAtColumn(COL_NAME).data()
        # The box cannot ask for more than is left (the handler still decides, and says why).
        self.quantity.setMaximum(max(1, min(MAX_LINE_QUANTITY, left)))
        self.add_button.setEnabled(left > 0)
        if left > 0:
            self.selection_hint.setText(
                self.tr("{name}: {left} available").format(name=name, left=left)
            )
        else:
            self.selection_hint.setText(self.tr("{name} is out of stock").format(name=name))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if watched is self.quantity and enter and not event.modifiers():
                self.request_add()
                return True
            if watched is self.search and enter and self._scan():
                return True
            if watched is self.search and (enter or key == Qt.Key.Key_Down):
                if self.proxy.rowCount() > 0:
                    if not self.view.selectionModel().hasSelection():
                        self.view.selectRow(0)
                    self.view.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)
