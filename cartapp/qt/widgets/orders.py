"""``OrdersDock`` (``ordersDock``): past orders, newest first, and the lines of the selected one.

The list comes from the store (``EventStore.orders``: one order per ``CheckedOut`` fact of the
live cart, with the refunds of each) and is read again when a ``CheckedOut`` or ``ItemsRefunded``
fact arrives through the bridge, only while the dock is visible (a hidden dock catches up when
it is shown). The search field keeps the orders that match (``OrdersFilter``). Selecting an
order shows its lines and totals; "Show events" (or a double-click, or Enter) emits
``show_events_requested`` with the ``Order``, and the app opens that order's messages in the
time-travel dock.

"Receipt…" emits ``receipt_requested`` with the ``Order``, and the window shows its receipt;
"Refund…" emits ``refund_requested``, and the window opens the refund dialog.

Like every view, the dock only reads: it never publishes a command.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QItemSelection, QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cartapp.domain.events import CheckedOut
from cartapp.domain.money import Money
from cartapp.domain.pos import ItemsRefunded
from cartapp.qt.i18n import QT_TRANSLATE_NOOP
from cartapp.qt.locale_text import datetime_text, money_text
from cartapp.qt.models.lines import COL_PRODUCT as LINE_PRODUCT
from cartapp.qt.models.lines import COL_TOTAL as LINE_TOTAL
from cartapp.qt.models.lines import LinesModel
from cartapp.qt.models.orders import COL_NUMBER, COL_TIME, OrdersFilter, OrdersModel
from cartapp.qt.widgets.lazy_dock import LazyDock
from cartapp.store.sessions import refunded_amounts
from cartapp.store.store import LIVE_STREAM

if TYPE_CHECKING:
    from cartapp.bus import Envelope
    from cartapp.qt.bridge import QtBridge
    from cartapp.store import EventStore, Order

__all__ = ["EMPTY_ORDERS_HINT", "OrdersDock"]

EMPTY_ORDERS_HINT = QT_TRANSLATE_NOOP(
    "OrdersDock", "No orders yet. Check out a cart and its order appears here."
)
"""The empty Orders tab's hint in English (shown translated)."""


def _table(parent: QWidget, name: str, accessible: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setHighlightSections(False)
    view.setMinimumSize(160, 60)
    return view


class OrdersDock(LazyDock):
    """See the module docstring. ``store`` is only read."""

    show_events_requested = Signal(object)
    """The user asked for an ``Order``'s events."""
    receipt_requested = Signal(object)
    """The user asked for an ``Order``'s receipt (to see, print or save it again)."""
    refund_requested = Signal(object)
    """The user wants to return lines of an ``Order``."""

    def __init__(
        self,
        store: EventStore,
        *,
        bridge: QtBridge | None = None,
        stream: str = LIVE_STREAM,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(QCoreApplication.translate("OrdersDock", "Orders"), "ordersDock", parent)
        self.store = store
        self.stream = stream
        self.model = OrdersModel(self)
        self.proxy = OrdersFilter(self)
        self.proxy.setSourceModel(self.model)
        self.lines_model = LinesModel(self)
        self._build()
        if bridge is not None:
            bridge.fact_published.connect(self._on_fact)

    def _build(self) -> None:
        body = QWidget(self)
        body.setObjectName("ordersBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 4)

        self.search = QLineEdit(body)
        self.search.setObjectName("ordersSearch")
        self.search.setAccessibleName(self.tr("Search orders"))
        self.search.setPlaceholderText(self.tr("Search orders: number, date, product or tender"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        layout.addWidget(self.search)
        self.view = _table(body, "ordersView", self.tr("Past orders"))
        self.view.setModel(self.proxy)
        header = self.view.horizontalHeader()
        metrics = self.view.fontMetrics()
        for column in range(self.model.columnCount()):
            caption = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            sample = money_text(Decimal("9999.99"), "EUR")
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(caption))
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width + 20)
        header.resizeSection(COL_TIME, metrics.horizontalAdvance("2099-12-31 23:59:59") + 20)
        header.resizeSection(COL_NUMBER, metrics.horizontalAdvance("#99999") + 20)
        self.view.selectionModel().selectionChanged.connect(self._on_selection)
        self.view.doubleClicked.connect(self._on_double_click)
        self.view.activated.connect(self._on_double_click)

        self.empty_label = QLabel(self.tr(EMPTY_ORDERS_HINT), body)
        self.empty_label.setObjectName("ordersEmptyHint")
        self.empty_label.setProperty("role", "emptyText")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget(body)
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.view)

        detail = QWidget(body)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        self.summary_label = QLabel(self.tr("Select an order to see its lines"), detail)
        self.summary_label.setObjectName("orderSummary")
        self.summary_label.setAccessibleName(self.tr("Selected order"))
        heading.addWidget(self.summary_label, 1)
        self.show_events_button = QPushButton(self.tr("Show events"), detail)
        self.show_events_button.setObjectName("orderShowEventsButton")
        self.show_events_button.setAccessibleName(self.tr("Show the order's events"))
        self.show_events_button.setToolTip(
            self.tr(
                "Step through this order's events in Time travel (double-click an order does too)"
            )
        )
        self.show_events_button.setAutoDefault(False)
        self.show_events_button.setEnabled(False)
        self.show_events_button.clicked.connect(self.request_events)
        heading.addWidget(self.show_events_button)
        self.receipt_button = QPushButton(self.tr("Receipt…"), detail)
        self.receipt_button.setObjectName("orderReceiptButton")
        self.receipt_button.setAccessibleName(self.tr("Show the order's receipt"))
        self.receipt_button.setToolTip(self.tr("Preview, print or save this order's receipt again"))
        self.receipt_button.setAutoDefault(False)
        self.receipt_button.setEnabled(False)
        self.receipt_button.clicked.connect(self.request_receipt)
        heading.addWidget(self.receipt_button)
        self.refund_button = QPushButton(self.tr("Refund…"), detail)
        self.refund_button.setObjectName("orderRefundButton")
        self.refund_button.setAccessibleName(self.tr("Refund lines of the order"))
        self.refund_button.setToolTip(
            self.tr("Take back some or all of this order's lines (not undoable)")
        )
        self.refund_button.setAutoDefault(False)
        self.refund_button.setEnabled(False)
        self.refund_button.clicked.connect(self.request_refund)
        heading.addWidget(self.refund_button)
        detail_layout.addLayout(heading)
        self.lines_view = _table(detail, "orderLinesView", self.tr("Lines of the selected order"))
        self.lines_view.setModel(self.lines_model)
        self.lines_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        lines_header = self.lines_view.horizontalHeader()
        lines_header.setSectionResizeMode(LINE_PRODUCT, QHeaderView.ResizeMode.Stretch)
        for column in range(1, LINE_TOTAL + 1):
            lines_header.resizeSection(column, metrics.horizontalAdvance("€99,999.99") + 20)
        detail_layout.addWidget(self.lines_view, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, body)
        self.splitter.setObjectName("ordersSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(detail)
        # The list has ten columns (time to refunds), the lines four: give the list the room.
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)
        self.setWidget(body)

    # -- public API -------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Read the orders from the store again."""
        self._stale = False
        self.model.set_orders(
            self.store.orders(self.stream), refunded_amounts(self.store, self.stream)
        )
        self.stack.setCurrentWidget(self.view if self.model.rowCount() else self.empty_label)

    def orders(self) -> list[Order]:
        """The orders listed, newest first."""
        return self.model.orders()

    def selected_order(self) -> Order | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.order_at(self.proxy.mapToSource(rows[0]).row())

    def select_order(self, order_number: int) -> bool:
        row = self.model.row_of(order_number)
        shown = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if shown is None or not shown.isValid():
            return False
        self.view.selectRow(shown.row())
        return True

    @Slot(str)
    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)

    @Slot()
    def request_receipt(self) -> None:
        """Ask for the selected order's receipt (``receipt_requested``)."""
        order = self.selected_order()
        if order is not None and order.checkout is not None:
            self.receipt_requested.emit(order)

    @Slot()
    def request_refund(self) -> None:
        """Ask to return lines of the selected order (``refund_requested``)."""
        order = self.selected_order()
        if order is not None:
            self.refund_requested.emit(order)

    @Slot()
    def request_events(self) -> None:
        """Ask for the selected order's events (``show_events_requested``)."""
        order = self.selected_order()
        if order is not None:
            self.show_events_requested.emit(order)

    # -- reactions --------------------------------------------------------------------------

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        order = self.selected_order()
        self.lines_model.set_order(order)
        self.show_events_button.setEnabled(order is not None)
        self.receipt_button.setEnabled(order is not None and order.checkout is not None)
        self.refund_button.setEnabled(order is not None)
        if order is None:
            self.summary_label.setText(self.tr("Select an order to see its lines"))
            return
        stamp = datetime_text(order.timestamp, seconds=True)
        total = money_text(Money(order.total, order.currency))
        count = order.item_count
        self.summary_label.setText(
            self.tr(
                "<b>Order #{number}</b> · {when} · %n item(s) · <b>{total}</b>", "", count
            ).format(number=order.order_number, when=stamp, total=total)
        )

    @Slot(QModelIndex)
    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid():
            self.view.selectRow(index.row())
            self.request_events()

    @Slot(object)
    def _on_fact(self, envelope: Envelope) -> None:
        if not isinstance(envelope.event, CheckedOut | ItemsRefunded):
            return
        if self.on_screen:
            self.refresh()
        else:
            self._stale = True
