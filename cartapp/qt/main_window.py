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
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QObject,
    QSettings,
    QSize,
    Qt,
    QTimer,
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
from cartapp.qt.models.cart import COL_QUANTITY, CartModel
from cartapp.qt.models.catalog import CatalogModel
from cartapp.qt.style import THEMES, ThemeManager, icon
from cartapp.qt.undo import CartUndo
from cartapp.qt.widgets.cart import CartPanel
from cartapp.qt.widgets.catalog import CatalogPanel

if TYPE_CHECKING:
    from cartapp.bus import Envelope, EventBus
    from cartapp.domain.cart import Cart
    from cartapp.domain.catalog import Catalog
    from cartapp.qt.bridge import QtBridge

__all__ = ["MainWindow", "StatusMessage", "checkout_summary", "sync_private"]

WINDOW_TITLE = "cartapp"
log = logging.getLogger(__name__)

_GEOMETRY_KEY = "window/geometry"
_STATE_KEY = "window/state"
_SPLITTER_KEY = "window/splitter"
THEME_KEY = "ui/theme"
_STATE_VERSION = 1


def checkout_summary(cart: Cart) -> str:
    """The order as the confirmation shows it: one line per cart line, then the totals."""

    def money(amount: Decimal) -> str:
        return Money(amount, cart.currency).format()

    lines = [
        f"{line.quantity} x {line.name} @ {money(line.unit_price)} = {money(line.net)}"
        for line in cart.lines
    ]
    totals = cart.totals()
    lines += [
        "",
        f"Subtotal: {totals.subtotal.format()}",
        f"Tax: {totals.tax.format()}",
        f"Total: {totals.total.format()}",
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
        self.setWindowTitle(f"{WINDOW_TITLE} — event-driven shopping cart")
        self.setWindowIcon(icon("app"))
        self.bus = bus
        self.bridge = bridge
        self.catalog = catalog
        self.settings = settings
        self.theme = theme

        self.cart_model = CartModel(catalog, bridge, cart, parent=self)
        # One fold of the facts for the views: the stock column reads the cart model's cart.
        self.catalog_model = CatalogModel(catalog, cart_model=self.cart_model, parent=self)
        self.undo = CartUndo(bus, bridge, parent=self)
        self.confirm_checkout: Callable[[Cart], bool] = self._ask_checkout
        """Asks the user to confirm an order; tests replace it."""

        self.catalog_panel = CatalogPanel(self.catalog_model)
        self.cart_panel = CartPanel(self.cart_model)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
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

        self.status_label = StatusMessage("Ready")
        self.status_label.setObjectName("statusMessage")
        self.status_label.setAccessibleName("Last event")
        self.status_label.setProperty("severity", "info")
        self.statusBar().setObjectName("statusBar")
        self.statusBar().addWidget(self.status_label, 1)

        self._build_actions()
        self._build_menus()

        self.catalog_panel.add_requested.connect(self.request_add)
        self.cart_panel.update_requested.connect(self.request_update)
        self.cart_panel.remove_requested.connect(self.request_remove)
        self.cart_panel.clear_requested.connect(self.request_clear)
        self.cart_panel.checkout_requested.connect(self.request_checkout)
        # Enabled states follow the selection and the cart once per event-loop turn, not per fact.
        self._actions_timer = QTimer(self)
        self._actions_timer.setSingleShot(True)
        self._actions_timer.setInterval(0)
        self._actions_timer.timeout.connect(self._update_actions)
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
            action.setShortcuts(shortcuts)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        seq = QKeySequence
        self.quit_action = self._action(
            "quitAction", "&Quit", self.close, [seq(seq.StandardKey.Quit), seq("Ctrl+Q")]
        )
        self.undo_action = self.undo.stack.createUndoAction(self, "&Undo")
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setIcon(icon("undo"))
        self.undo_action.setShortcuts([seq("Ctrl+Z")])
        self.redo_action = self.undo.stack.createRedoAction(self, "&Redo")
        self.redo_action.setObjectName("redoAction")
        self.redo_action.setIcon(icon("redo"))
        self.redo_action.setShortcuts([seq("Ctrl+Shift+Z"), seq("Ctrl+Y")])
        self.find_action = self._action(
            "findAction",
            "&Find product…",
            self.catalog_panel.focus_search,
            [seq("Ctrl+F")],
            "search",
        )
        self.remove_action = self._action(
            "removeLineAction",
            "&Remove line",
            self.cart_panel.remove_selected,
            [seq(Qt.Key.Key_Delete)],
            "delete",
            "Remove the selected cart line",
        )
        self.increase_action = self._action(
            "increaseAction",
            "&Increase quantity",
            lambda: self.cart_panel.step_selected(1),
            [seq("+"), seq("="), seq(Qt.KeyboardModifier.KeypadModifier | Qt.Key.Key_Plus)],
            "add",
            "Add one more of the selected line",
        )
        self.decrease_action = self._action(
            "decreaseAction",
            "&Decrease quantity",
            lambda: self.cart_panel.step_selected(-1),
            [seq("-"), seq(Qt.KeyboardModifier.KeypadModifier | Qt.Key.Key_Minus)],
            "remove",
            "One less of the selected line",
        )
        self.edit_quantity_action = self._action(
            "editQuantityAction",
            "&Edit quantity…",
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
            "&Add to cart",
            self.catalog_panel.request_add,
            [seq("Ctrl+Return"), seq("Ctrl+Enter")],
            "add",
            "Add the selected product",
        )
        self.clear_action = self._action(
            "clearCartAction",
            "&Clear cart",
            self.request_clear,
            [seq("Ctrl+Shift+Delete")],
            "clear",
            "Empty the cart (can be undone)",
        )
        self.checkout_action = self._action(
            "checkoutAction",
            "Check&out…",
            self.request_checkout,
            [seq("Ctrl+Shift+Return")],
            "checkout",
            "Close the cart into an order",
        )
        self.about_action = self._action("aboutAction", "&About cartapp", self._about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.setObjectName("fileMenu")
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu("&Edit")
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

        cart_menu = bar.addMenu("&Cart")
        cart_menu.setObjectName("cartMenu")
        cart_menu.addActions([self.add_action, self.clear_action, self.checkout_action])

        self.view_menu = bar.addMenu("&View")
        self.view_menu.setObjectName("viewMenu")
        self.docks_separator = self.view_menu.addSeparator()
        theme_menu = QMenu("&Theme", self)
        theme_menu.setObjectName("themeMenu")
        self.theme_actions = QActionGroup(self)
        current = self.theme.preference if self.theme is not None else "system"
        for name in THEMES:
            action = theme_menu.addAction(name.capitalize())
            action.setObjectName(f"theme{name.capitalize()}Action")
            action.setCheckable(True)
            action.setChecked(name == current)
            action.setData(name)
            self.theme_actions.addAction(action)
        self.theme_actions.triggered.connect(self._on_theme)
        theme_menu.setEnabled(self.theme is not None)
        self.view_menu.addMenu(theme_menu)

        help_menu = bar.addMenu("&Help")
        help_menu.setObjectName("helpMenu")
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
        toggle = dock.toggleViewAction()
        self.view_menu.insertAction(self.docks_separator, toggle)

    # -- commands ---------------------------------------------------------------------------

    def send(self, command: Command) -> Envelope:
        """Publish a user's command on the bus (source ``"ui"``); undoable once its fact comes."""
        return self.undo.publish(command)

    @Slot(str, int)
    def request_add(self, item_id: str, quantity: int) -> None:
        self.send(AddItem(item_id=item_id, quantity=quantity))

    @Slot(str, int)
    def request_update(self, item_id: str, quantity: int) -> None:
        self.send(UpdateItem(item_id=item_id, quantity=quantity))

    @Slot(str, int)
    def request_remove(self, item_id: str, quantity: int) -> None:
        self.send(RemoveItem(item_id=item_id, quantity=quantity))

    @Slot()
    def request_clear(self) -> None:
        self.send(ClearCart())

    @Slot()
    def request_checkout(self) -> None:
        cart = self.cart_model.cart
        if cart.lines and not self.confirm_checkout(cart):
            self.show_status("Checkout cancelled", "info")
            return
        self.send(Checkout())

    def _ask_checkout(self, cart: Cart) -> bool:
        box = QMessageBox(self)
        box.setObjectName("checkoutConfirmation")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Confirm checkout")
        count = cart.item_count
        box.setText(
            f"Check out {count} item{'s' if count != 1 else ''} for "
            f"<b>{cart.totals().total.format()}</b>?"
        )
        box.setInformativeText(checkout_summary(cart).replace("\n", "<br>"))
        box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Ok).setText("Check out")
        box.setDefaultButton(QMessageBox.StandardButton.Ok)
        return box.exec() == QMessageBox.StandardButton.Ok

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
        fact = envelope.event
        if isinstance(fact, CommandRejected):
            self.show_status(fact.summary(), "error")
            self.cart_panel.show_rejection(fact.reason)
            return
        self.cart_panel.clear_rejection()
        if isinstance(fact, HandlerFailed):
            self.show_status(f"Error: {fact.summary()}", "error")
        elif isinstance(fact, CheckedOut):
            self.show_status(f"{fact.summary()} — thank you!", "success")
        else:
            self.show_status(fact.summary(), "info")
            if isinstance(fact, ItemAdded):
                self.cart_panel.select_item(fact.item_id)

    def show_status(self, text: str, severity: str = "info") -> None:
        """Show ``text`` in the status bar; ``severity`` "error" makes it stand out."""
        label = self.status_label
        if label.property("severity") != severity:
            label.setProperty("severity", severity)
            label.style().unpolish(label)
            label.style().polish(label)  # the font may change: set the text after this
        label.set_message(text)

    def refresh_pending(self) -> bool:
        """Whether a once-per-turn refresh (enabled actions, the cart's totals) is still due."""
        return self._actions_timer.isActive() or self.cart_panel.refresh_pending()

    @Slot()
    def _schedule_actions(self) -> None:
        if not self._actions_timer.isActive():
            self._actions_timer.start()

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

    @Slot()
    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About cartapp",
            f"<b>cartapp {__version__}</b><p>An event-driven shopping cart: every click is a "
            "command on an event bus, handlers answer with facts, and the views follow the "
            "facts. The event log shows each event's path.</p>",
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
