"""The main window: catalog and cart side by side, menus, undo/redo, status bar, docks.

Every user action becomes a command published on the bus (source ``"ui"``) through
``CartUndo.publish``; nothing here changes the cart. The models and the status bar follow the
facts that come back through the bridge. Window geometry, dock layout and the splitter are kept
in the ``QSettings`` given to the window.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from pydantic import ValidationError
from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QObject,
    QSettings,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QWidget,
)

from cartapp import __version__
from cartapp.domain.events import (
    AddItem,
    CheckedOut,
    Checkout,
    ClearCart,
    Command,
    CommandRejected,
    HandlerFailed,
    ItemAdded,
    RemoveItem,
    UpdateItem,
)
from cartapp.domain.money import Money
from cartapp.domain.parking import ParkCart, ResumeCart
from cartapp.domain.pos import ApplyCoupon, ApplyDiscount, RemoveDiscount
from cartapp.qt.i18n import LanguageMenu
from cartapp.qt.locale_text import money_text
from cartapp.qt.models.cart import COL_QUANTITY, CartModel
from cartapp.qt.models.catalog import CatalogModel
from cartapp.qt.style import THEMES, ThemeManager, adopt_roles, icon
from cartapp.qt.undo import CartUndo
from cartapp.qt.widgets.cart import CartPanel
from cartapp.qt.widgets.catalog import CatalogPanel
from cartapp.qt.widgets.figures_help import FiguresHelp
from cartapp.qt.widgets.payment import PaymentDialog
from cartapp.qt.widgets.receipt import ReceiptDialog, ShopDetails
from cartapp.qt.widgets.refund import RefundDialog

if TYPE_CHECKING:
    from cartapp.bus import Envelope, EventBus
    from cartapp.domain.cart import Cart
    from cartapp.domain.catalog import Catalog
    from cartapp.domain.ledger import SaleSource
    from cartapp.qt.bridge import QtBridge

__all__ = ["MainWindow", "StatusMessage", "checkout_summary", "sync_private", "unique_shortcuts"]

WINDOW_TITLE = "cartapp"
log = logging.getLogger(__name__)

_GEOMETRY_KEY = "window/geometry"
_STATE_KEY = "window/state"
_SPLITTER_KEY = "window/splitter"
_DOCK_SPLIT_KEY = "docks/{}/split"
"""A dock's own split (the event log's table and details pane), by the dock's objectName."""
THEME_KEY = "ui/theme"
_STATE_VERSION = 1


def checkout_summary(cart: Cart) -> str:
    """The order as the confirmation shows it: one line per cart line, then the totals."""

    def money(amount: Decimal) -> str:
        return money_text(Money(amount, cart.currency))

    lines = [
        QCoreApplication.translate("MainWindow", "{quantity} x {name} @ {price} = {net}").format(
            quantity=line.quantity,
            name=line.name,
            price=money(line.unit_price),
            net=money(line.net),
        )
        for line in cart.lines
    ]
    totals = cart.totals()
    lines += [
        "",
        QCoreApplication.translate("MainWindow", "Subtotal: {amount}").format(
            amount=money_text(totals.subtotal)
        ),
        QCoreApplication.translate("MainWindow", "Tax: {amount}").format(
            amount=money_text(totals.tax)
        ),
        QCoreApplication.translate("MainWindow", "Total: {amount}").format(
            amount=money_text(totals.total)
        ),
    ]
    return "\n".join(lines)


class StatusMessage(QLabel):
    """The status bar's message: elided to the width it has, never widening the window."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(0)
        self.set_message(text)

    def message(self) -> str:
        """The whole message (the label may show it shortened)."""
        return self._full

    def set_message(self, text: str) -> None:
        self._full = " ".join(text.split())
        self.setToolTip(self._full if len(self._full) > 80 else "")
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._elide()

    def _elide(self) -> None:
        width = max(0, self.contentsRect().width() - 16)
        metrics = self.fontMetrics()
        shown = self._full
        if width and metrics.horizontalAdvance(shown) > width:
            shown = metrics.elidedText(shown, Qt.TextElideMode.ElideRight, width)
        self.setText(shown)


def unique_shortcuts(shortcuts: list[QKeySequence]) -> list[QKeySequence]:
    """``shortcuts`` without empty and repeated sequences, in order. A platform's standard key
    is often the spelled-out one too (Quit is Ctrl+Q on X11): Qt finds the same sequence twice,
    calls the shortcut ambiguous and ignores it, so Ctrl+Q did nothing."""
    unique = {key.toString(): key for key in shortcuts if not key.isEmpty()}
    return list(unique.values())


class MainWindow(QMainWindow):
    """cartapp's main window; see the module docstring."""

    closed = Signal()
    """The window was closed (its layout is saved); the app closes its store then."""

    def __init__(
        self,
        *,
        bus: EventBus,
        bridge: QtBridge,
        catalog: Catalog,
        cart: Cart | None = None,
        settings: QSettings | None = None,
        theme: ThemeManager | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("{app} — event-driven shopping cart").format(app=WINDOW_TITLE))
        self.setWindowIcon(icon("app"))
        self.bus = bus
        self.bridge = bridge
        self.catalog = catalog
        self.settings = settings
        self.theme = theme

        self.cart_model = CartModel(catalog, bridge, cart, parent=self)
        # One fold of the facts for the views: the stock column reads the cart model's cart.
        self.catalog_model = CatalogModel(
            catalog, cart_model=self.cart_model, parent=self, frames=bridge.frames
        )
        self.undo = CartUndo(bus, bridge, parent=self)
        self.confirm_checkout: Callable[[Cart], bool] | None = None
        """None: Checkout opens the payment step (``PaymentDialog``). A yes/no function instead
        checks out without taking payment when it answers yes (tests and scripts use it)."""
        self.payment_dialog: PaymentDialog | None = None
        """The payment step while it is open."""
        self.receipt_dialog: ReceiptDialog | None = None
        """The receipt last opened (from the payment step or the Orders tab)."""
        self.sales: SaleSource | None = None
        """Where refunds read past orders (the app gives the store's ledger)."""
        self.refund_dialog: RefundDialog | None = None
        self.today: Callable[[], date] = date.today
        """The till's date, which coupons are checked against; tests replace it."""
        self.now: Callable[[], datetime] = lambda: datetime.now(UTC)
        """The till's clock, which parked carts are stamped with; tests replace it."""
        self.undo.today = lambda: self.today()
        self.undo.now = lambda: self.now()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.catalog_panel = CatalogPanel(self.catalog_model, self.splitter)
        self.cart_panel = CartPanel(self.cart_model, self.splitter, frames=bridge.frames)
        if theme is not None:
            # The style sheet only on the few widgets it draws (see ``style.adopt_roles``): on
            # the whole splitter it put both tables under Qt's style sheet style, which made
            # building and polishing the window about 13 ms (CPU) slower at start-up.
            for root in (*self.cart_panel.styled_parts(), self.statusBar()):
                theme.style_root(root)
            adopt_roles(self.splitter)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.catalog_panel)
        self.splitter.addWidget(self.cart_panel)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.setCentralWidget(self.splitter)
        self.setTabOrder(self.catalog_panel.add_button, self.cart_panel.view)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
        )

        self.status_label = StatusMessage(self.tr("Ready"))
        self.status_label.setObjectName("statusMessage")
        self.status_label.setAccessibleName(self.tr("Last event"))
        self.status_label.setProperty("severity", "info")
        self.statusBar().setObjectName("statusBar")
        self.statusBar().addWidget(self.status_label, 1)

        self._build_actions()
        self._build_menus()

        self.catalog_panel.add_requested.connect(self.request_add)
        self.catalog_panel.scan_failed.connect(self._on_scan_failed)
        self.cart_panel.update_requested.connect(self.request_update)
        self.cart_panel.remove_requested.connect(self.request_remove)
        self.cart_panel.clear_requested.connect(self.request_clear)
        self.cart_panel.checkout_requested.connect(self.request_checkout)
        self.cart_panel.discount_requested.connect(self.request_discount)
        self.cart_panel.coupon_requested.connect(self.request_coupon)
        self.cart_panel.remove_discount_requested.connect(self.request_remove_discount)
        # Enabled states follow the selection and the cart once per frame, not per fact; so does
        # the status bar (the latest fact's sentence).
        self.actions_job = bridge.frames.register("enabled actions", self._on_actions_frame)
        self._latest_fact: Envelope | None = None
        self._added_item: str | None = None
        self._status_job = bridge.frames.register("status bar", self._on_status_frame)
        self.cart_panel.view.selectionModel().selectionChanged.connect(self._schedule_actions)
        self.cart_model.cart_changed.connect(self._schedule_actions)
        bridge.fact_published.connect(self._on_fact)
        # "Add to cart" in the menu does something exactly when the catalog's button does.
        self.catalog_panel.add_button.installEventFilter(self)
        self._update_actions()
        self.resize(self._default_size())

    def _default_size(self) -> QSize:
        """1280 x 800, or less on a small screen (before any saved geometry is restored)."""
        available = self.screen().availableGeometry()
        return (
            QSize(
                min(1280, max(800, int(available.width() * 0.92))),
                min(800, max(600, int(available.height() * 0.9))),
            )
            .boundedTo(available.size())
            .expandedTo(self.minimumSizeHint())
        )

    # -- actions and menus ------------------------------------------------------------------

    def _action(
        self,
        name: str,
        text: str,
        slot: Callable[[], object],
        shortcuts: list[QKeySequence] | None = None,
        icon_name: str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcuts:
            action.setShortcuts(unique_shortcuts(shortcuts))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        seq = QKeySequence
        self.quit_action = self._action(
            "quitAction", self.tr("&Quit"), self.close, [seq(seq.StandardKey.Quit), seq("Ctrl+Q")]
        )
        self.undo_action = self.undo.stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setIcon(icon("undo"))
        self.undo_action.setShortcuts([seq("Ctrl+Z")])
        self.redo_action = self.undo.stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setObjectName("redoAction")
        self.redo_action.setIcon(icon("redo"))
        self.redo_action.setShortcuts([seq("Ctrl+Shift+Z"), seq("Ctrl+Y")])
        self.find_action = self._action(
            "findAction",
            self.tr("&Find product…"),
            self.catalog_panel.focus_search,
            [seq("Ctrl+F")],
            "search",
        )
        self.remove_action = self._action(
            "removeLineAction",
            self.tr("&Remove line"),
            self.cart_panel.remove_selected,
            [seq(Qt.Key.Key_Delete)],
            "delete",
            self.tr("Remove the selected cart line"),
        )
        self.increase_action = self._action(
            "increaseAction",
            self.tr("&Increase quantity"),
            lambda: self.cart_panel.step_selected(1),
            [seq("+"), seq("="), seq(Qt.KeyboardModifier.KeypadModifier | Qt.Key.Key_Plus)],
            "add",
            self.tr("Add one more of the selected line"),
        )
        self.decrease_action = self._action(
            "decreaseAction",
            self.tr("&Decrease quantity"),
            lambda: self.cart_panel.step_selected(-1),
            [seq("-"), seq(Qt.KeyboardModifier.KeypadModifier | Qt.Key.Key_Minus)],
            "remove",
            self.tr("One less of the selected line"),
        )
        self.edit_quantity_action = self._action(
            "editQuantityAction",
            self.tr("&Edit quantity…"),
            self._edit_selected_quantity,
            [seq(Qt.Key.Key_F2)],
        )
        # Line actions act on the cart view only: Delete, + and - keep their usual meaning in
        # the search box and spin boxes.
        for action in (
            self.remove_action,
            self.increase_action,
            self.decrease_action,
            self.edit_quantity_action,
        ):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.cart_panel.view.addAction(action)
        self.add_action = self._action(
            "addToCartAction",
            self.tr("&Add to cart"),
            self.catalog_panel.request_add,
            [seq("Ctrl+Return"), seq("Ctrl+Enter")],
            "add",
            self.tr("Add the selected product"),
        )
        self.clear_action = self._action(
            "clearCartAction",
            self.tr("&Clear cart"),
            self.request_clear,
            [seq("Ctrl+Shift+Delete")],
            "clear",
            self.tr("Empty the cart (can be undone)"),
        )
        self.checkout_action = self._action(
            "checkoutAction",
            self.tr("Check&out…"),
            self.request_checkout,
            [seq("Ctrl+Shift+Return")],
            "checkout",
            self.tr("Close the cart into an order"),
        )
        self.park_action = self._action(
            "parkCartAction",
            self.tr("&Park cart"),
            self.request_park,
            [seq("Ctrl+Shift+P")],
            "pause",
            self.tr("Put the open cart aside to serve the next customer (can be undone)"),
        )
        self.about_action = self._action("aboutAction", self.tr("&About cartapp"), self._about)
        self.figures_help_action = self._action(
            "figuresHelpAction",
            self.tr("&Reading the figures"),
            self.show_figures_help,
            tip=self.tr("What P(e), P(t|e), P(h|e), P(c|h), Accepted and Rejected mean"),
        )
        self._figures_help: FiguresHelp | None = None

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.setObjectName("fileMenu")
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.setObjectName("editMenu")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions(
            [
                self.edit_quantity_action,
                self.increase_action,
                self.decrease_action,
                self.remove_action,
            ]
        )
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)

        cart_menu = bar.addMenu(self.tr("&Cart"))
        cart_menu.setObjectName("cartMenu")
        cart_menu.addActions(
            [self.add_action, self.clear_action, self.park_action, self.checkout_action]
        )

        self.view_menu = bar.addMenu(self.tr("&View"))
        self.view_menu.setObjectName("viewMenu")
        self.docks_separator = self.view_menu.addSeparator()
        theme_menu = QMenu(self.tr("&Theme"), self)
        theme_menu.setObjectName("themeMenu")
        self.theme_actions = QActionGroup(self)
        current = self.theme.preference if self.theme is not None else "system"
        theme_names = {
            "system": self.tr("System"),
            "light": self.tr("Light"),
            "dark": self.tr("Dark"),
        }
        for name in THEMES:
            action = theme_menu.addAction(theme_names[name])
            action.setObjectName(f"theme{name.capitalize()}Action")
            action.setCheckable(True)
            action.setChecked(name == current)
            action.setData(name)
            self.theme_actions.addAction(action)
        self.theme_actions.triggered.connect(self._on_theme)
        theme_menu.setEnabled(self.theme is not None)
        self.view_menu.addMenu(theme_menu)
        self.language_menu = LanguageMenu(self.settings, self)
        self.language_menu.language_chosen.connect(self._on_language)
        self.view_menu.addMenu(self.language_menu)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.setObjectName("helpMenu")
        help_menu.addAction(self.figures_help_action)
        help_menu.addAction(self.about_action)

    def add_dock(
        self,
        dock: QDockWidget,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.BottomDockWidgetArea,
    ) -> None:
        """Dock ``dock`` (it needs an objectName for the saved layout) and list it in View."""
        if not dock.objectName():
            raise ValueError("a dock needs an objectName so its place can be saved")
        self.addDockWidget(area, dock)
        adopt_roles(dock)
        toggle = dock.toggleViewAction()
        self.view_menu.insertAction(self.docks_separator, toggle)

    # -- commands ---------------------------------------------------------------------------

    def send(self, command: Command) -> Envelope:
        """Publish a user's command on the bus (source ``"ui"``); undoable once its fact comes."""
        return self.undo.publish(command)

    @Slot(str, int)
    def request_add(self, item_id: str, quantity: int) -> None:
        self.send(AddItem(item_id=item_id, quantity=quantity))

    @Slot(str)
    def _on_scan_failed(self, reason: str) -> None:
        self.show_status(self.tr("Scan: {reason}").format(reason=reason), "error")
        self.cart_panel.show_rejection(reason)

    @Slot(str, int)
    def request_update(self, item_id: str, quantity: int) -> None:
        self.send(UpdateItem(item_id=item_id, quantity=quantity))

    @Slot(str, int)
    def request_remove(self, item_id: str, quantity: int) -> None:
        self.send(RemoveItem(item_id=item_id, quantity=quantity))

    @Slot()
    def request_clear(self) -> None:
        self.send(ClearCart())

    @Slot(str, object, object)
    def request_discount(self, item_id: str, percent: object, amount: object) -> None:
        self.send(ApplyDiscount(item_id=item_id or None, percent=percent, amount=amount))

    @Slot(str)
    def request_coupon(self, code: str) -> None:
        try:
            command = ApplyCoupon(code=code, today=self.today())
        except ValidationError:
            self.cart_panel.show_rejection(
                self.tr("{code} is not a coupon code").format(code=repr(code[:40]))
            )
            return
        self.send(command)

    @Slot(str, str)
    def request_remove_discount(self, item_id: str, code: str) -> None:
        self.send(RemoveDiscount(item_id=item_id or None, code=code or None))

    @Slot(str)
    def request_park(self, name: str = "") -> None:
        try:
            command = ParkCart(name=name or None, parked_at=self.now())
        except ValidationError:
            self.show_status(
                self.tr("A parked cart's name must be plain text of at most 200 characters")
            )
            return
        self.send(command)

    @Slot(int)
    def request_resume(self, number: int) -> None:
        self.send(ResumeCart(number=number))

    @Slot()
    def request_checkout(self) -> None:
        cart = self.cart_model.cart
        if not cart.lines:
            self.send(Checkout())  # the domain says why not
            return
        if self.confirm_checkout is not None:
            if not self.confirm_checkout(cart):
                self.show_status(self.tr("Checkout cancelled"), "info")
                return
            self.send(Checkout())
            return
        self.open_payment()

    def open_payment(self) -> PaymentDialog:
        """Open the payment step for the open cart (window-modal; returns at once)."""
        if self.payment_dialog is not None:
            self.payment_dialog.raise_()
            return self.payment_dialog
        dialog = PaymentDialog(self.cart_model, self.bridge, self.send, parent=self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(self._payment_finished)
        dialog.receipt_requested.connect(self.show_receipt)
        self.payment_dialog = dialog
        dialog.open()
        return dialog

    @Slot(object, float)
    def show_receipt(self, order: CheckedOut, timestamp: float) -> ReceiptDialog:
        """Open the receipt of ``order`` (closed at ``timestamp``): preview, print, PDF."""
        if self.receipt_dialog is not None:
            self.receipt_dialog.close()
            self.receipt_dialog.deleteLater()
        dialog = ReceiptDialog(order, timestamp, ShopDetails.from_settings(self.settings), self)
        # Modal itself: opened from the (modal) payment step, a modeless receipt would be
        # blocked by it and take no click; closing it goes back to where it was opened.
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.receipt_dialog = dialog
        dialog.show()
        return dialog

    def open_refund(self, order_number: int) -> RefundDialog | None:
        """Open the refund dialog for past order ``order_number`` (window-modal)."""
        sale = self.sales.sale(order_number) if self.sales is not None else None
        if sale is None:
            self.show_status(
                self.tr("Order #{number} cannot be found for a refund").format(number=order_number),
                "error",
            )
            return None
        if self.refund_dialog is not None:
            self.refund_dialog.close()
        dialog = RefundDialog(sale, self.catalog.currency, self.bridge, self.send, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(self._refund_finished)
        self.refund_dialog = dialog
        dialog.open()
        return dialog

    @Slot(int)
    def _refund_finished(self, _result: int) -> None:
        dialog, self.refund_dialog = self.refund_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    @Slot(int)
    def _payment_finished(self, _result: int) -> None:
        dialog, self.payment_dialog = self.payment_dialog, None
        if dialog is None:
            return
        if dialog.order is None:
            self.show_status(self.tr("Payment cancelled; the cart is as it was"), "info")
        dialog.deleteLater()

    @Slot()
    def _edit_selected_quantity(self) -> None:
        view = self.cart_panel.view
        line = self.cart_panel.selected_line()
        if line is None:
            return
        index = self.cart_model.index(self.cart_model.row_of(line.item_id), COL_QUANTITY)
        view.setCurrentIndex(index)
        view.edit(index)

    # -- facts ------------------------------------------------------------------------------

    @Slot(object)
    def _on_fact(self, envelope: Envelope) -> None:
        self._latest_fact = envelope
        if isinstance(envelope.event, ItemAdded):
            self._added_item = envelope.event.item_id
        self._status_job.request()

    def _on_status_frame(self, _deadline: float) -> None:
        """Show what the latest fact of the frame says (and select the line last added)."""
        envelope, self._latest_fact = self._latest_fact, None
        added, self._added_item = self._added_item, None
        if envelope is None:
            return
        fact = envelope.event
        if added is not None:
            self.cart_panel.select_item(added)
        if isinstance(fact, CommandRejected):
            self._set_status(fact.summary(), "error")
            self.cart_panel.show_rejection(fact.reason)
            return
        self.cart_panel.clear_rejection()
        if isinstance(fact, HandlerFailed):
            self._set_status(self.tr("Error: {summary}").format(summary=fact.summary()), "error")
        elif isinstance(fact, CheckedOut):
            self._set_status(
                self.tr("{summary} — thank you!").format(summary=fact.summary()), "success"
            )
        else:
            self._set_status(fact.summary(), "info")

    def show_status(self, text: str, severity: str = "info") -> None:
        """Show ``text`` in the status bar; ``severity`` "error" makes it stand out. A fact's
        sentence still waiting for its frame is shown first, so the newer message stays."""
        if self._status_job.requested:
            self._status_job.cancel()
            self._on_status_frame(0.0)
        self._set_status(text, severity)

    def _set_status(self, text: str, severity: str) -> None:
        label = self.status_label
        if label.property("severity") != severity:
            label.setProperty("severity", severity)
            label.style().unpolish(label)
            label.style().polish(label)  # the font may change: set the text after this
        label.set_message(text)

    def refresh_pending(self) -> bool:
        """Whether a once-per-frame refresh (enabled actions, status, the cart's totals) is
        still due."""
        return (
            self.actions_job.requested
            or self._status_job.requested
            or self.cart_panel.refresh_pending()
        )

    @Slot()
    def _schedule_actions(self) -> None:
        self.actions_job.request()

    def _on_actions_frame(self, _deadline: float) -> None:
        self._update_actions()

    @Slot()
    def _update_actions(self) -> None:
        cart = self.cart_model.cart
        has_line = self.cart_panel.selected_line() is not None
        for action in (
            self.remove_action,
            self.increase_action,
            self.decrease_action,
            self.edit_quantity_action,
        ):
            action.setEnabled(has_line)
        self.clear_action.setEnabled(bool(cart.lines))
        self.park_action.setEnabled(bool(cart.lines))
        self.checkout_action.setEnabled(bool(cart.lines))
        self.add_action.setEnabled(self.catalog_panel.add_button.isEnabled())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.catalog_panel.add_button and event.type() == QEvent.Type.EnabledChange:
            self.add_action.setEnabled(self.catalog_panel.add_button.isEnabled())
        return super().eventFilter(watched, event)

    # -- theme, about -----------------------------------------------------------------------

    @Slot(QAction)
    def _on_theme(self, action: QAction) -> None:
        name = str(action.data())
        if self.theme is not None:
            self.theme.apply(name)
        if self.settings is not None:
            self.settings.setValue(THEME_KEY, name)
            sync_private(self.settings)

    @Slot(str)
    def _on_language(self, _code: str) -> None:
        if self.settings is not None:
            sync_private(self.settings)

    @Slot()
    def show_figures_help(self) -> FiguresHelp:
        """Open (or bring up) the *Reading the figures* page; it does not block the window."""
        if self._figures_help is None:
            self._figures_help = FiguresHelp(self)
        self._figures_help.show()
        self._figures_help.raise_()
        return self._figures_help

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About cartapp"),
            self.tr(
                "<b>cartapp {version}</b><p>An event-driven shopping cart: every click is a "
                "command on an event bus, handlers answer with facts, and the views follow the "
                "facts. The event log shows each event's path.</p>"
            ).format(version=__version__),
        )

    # -- settings ---------------------------------------------------------------------------

    def restore_layout(self) -> bool:
        """Restore geometry, dock layout and splitter from the settings (after docks are added).

        ``settings.ini`` is the user's file: a value edited by hand or cut short by a crash may
        be of any type. A value that is not the bytes Qt saved, or that Qt cannot restore, is
        ignored (logged) and the default layout stays."""
        if self.settings is None:
            return False
        restored = False
        geometry = _saved_bytes(self.settings, _GEOMETRY_KEY)
        if geometry is not None:
            restored = self.restoreGeometry(geometry) or restored
        state = _saved_bytes(self.settings, _STATE_KEY)
        if state is None or not self.restoreState(state, _STATE_VERSION):
            self._first_run_layout()
        else:
            restored = True
        splitter = _saved_bytes(self.settings, _SPLITTER_KEY)
        if splitter is not None:
            self.splitter.restoreState(splitter)
        for dock in self.findChildren(QDockWidget):
            split = _saved_bytes(self.settings, _DOCK_SPLIT_KEY.format(dock.objectName()))
            restore = getattr(dock, "restore_split", None)
            if split is not None and restore is not None:
                restore(split)
        return restored

    def _first_run_layout(self) -> None:
        """No saved layout yet: the docks at the bottom get about a third of the height, so the
        catalog and the cart (what a shopper came for) keep the larger part of the window."""
        bottom = [
            dock
            for dock in self.findChildren(QDockWidget)
            if self.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea
            and not dock.isFloating()
        ]
        if bottom:
            height = int(self.height() * 0.34)
            self.resizeDocks(bottom, [height] * len(bottom), Qt.Orientation.Vertical)

    def save_layout(self) -> None:
        if self.settings is None:
            return
        self.settings.setValue(_GEOMETRY_KEY, self.saveGeometry())
        self.settings.setValue(_STATE_KEY, self.saveState(_STATE_VERSION))
        self.settings.setValue(_SPLITTER_KEY, self.splitter.saveState())
        for dock in self.findChildren(QDockWidget):
            save = getattr(dock, "split_state", None)
            if save is not None:
                self.settings.setValue(_DOCK_SPLIT_KEY.format(dock.objectName()), save())
        sync_private(self.settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()


def _saved_bytes(settings: QSettings, key: str) -> QByteArray | None:
    """The bytes saved under ``key``, or None if missing or of another type (logged)."""
    value = settings.value(key)
    if value is None or (isinstance(value, QByteArray) and not value.isEmpty()):
        return value
    if isinstance(value, bytes) and value:
        return QByteArray(value)
    log.warning("ignoring %s in %s: not a saved layout (%r)", key, settings.fileName(), value)
    return None


def sync_private(settings: QSettings) -> None:
    """Write ``settings`` to disk and keep the file readable by its owner only (0600): Qt writes
    a new file under the process's umask and renames it over the old one."""
    settings.sync()
    if sys.platform != "win32" and settings.format() == QSettings.Format.IniFormat:
        with contextlib.suppress(OSError):
            os.chmod(settings.fileName(), 0o600)
