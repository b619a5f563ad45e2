"""Fixtures for the app's Qt tests: a freshly built app per test, in its own data directory.

Every test gets a new ``build()`` on a fresh ``tmp_path`` data dir (so settings never leak
between tests or into the user's), a shown and active window, and a teardown that closes the
window and deletes it before the next test starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from cartapp.app import App, build
from cartapp.bus import Envelope
from cartapp.domain.events import Command
from cartapp.qt.i18n import ensure_english_plurals
from cartapp.qt.models.catalog import PRODUCT_ID_ROLE


@pytest.fixture(autouse=True)
def english_plurals(qapp) -> None:
    """ "%n item(s)" reads "3 items" also for widgets a test builds without ``build()``."""
    ensure_english_plurals(qapp)


def _dispose(app: App) -> None:
    """Close ``app``'s window and really delete it (no windows leak into the next test)."""
    app.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QApplication.processEvents()


@pytest.fixture
def dispose():
    """``dispose(app)``: close and delete an app a test built itself."""
    return _dispose


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def cart_app(qtbot, data_dir: Path) -> Iterator[App]:
    """The whole app, built on a fresh data dir, window shown and active."""
    app = build(data_dir)
    window = app.window
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=30_000)
    yield app
    _dispose(app)


@pytest.fixture
def window(cart_app: App):
    return cart_app.window


@pytest.fixture
def commands(cart_app: App) -> list[Envelope]:
    """Every command published on the bus during the test, in order (envelopes)."""
    seen: list[Envelope] = []
    cart_app.bus.subscribe(Command, seen.append, name="test-recorder")
    return seen


class Ui:
    """Drives the main window like a user: real clicks and key presses through ``qtbot``."""

    def __init__(self, qtbot, app: App) -> None:
        self.qtbot = qtbot
        self.app = app
        self.window = app.window
        self.catalog = app.window.catalog_panel
        self.cart = app.window.cart_panel

    def click_cell(self, view: QAbstractItemView, row: int, column: int = 0) -> QPoint:
        index = view.model().index(row, column)
        assert index.isValid(), f"no row {row} in {view.objectName()}"
        view.scrollTo(index)
        center = view.visualRect(index).center()
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
        self.settle()
        return center

    def catalog_row(self, item_id: str) -> int:
        proxy = self.catalog.proxy
        for row in range(proxy.rowCount()):
            if proxy.index(row, 0).data(PRODUCT_ID_ROLE) == item_id:
                return row
        raise AssertionError(f"{item_id} is not shown in the catalog view")

    def select_product(self, item_id: str) -> None:
        self.click_cell(self.catalog.view, self.catalog_row(item_id))
        assert self.catalog.selected_item_id() == item_id

    def set_quantity(self, quantity: int) -> None:
        spin = self.catalog.quantity
        spin.setFocus()
        self.qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        self.qtbot.keyClicks(spin, str(quantity))
        spin.interpretText()

    def add(self, item_id: str, quantity: int = 1) -> None:
        """Select, type the quantity, click "Add to cart"."""
        self.select_product(item_id)
        self.set_quantity(quantity)
        self.qtbot.mouseClick(self.catalog.add_button, Qt.MouseButton.LeftButton)
        self.settle()

    def settle(self) -> None:
        """Let the window's once-per-turn refresh run (totals, buttons, enabled actions), as it
        does before a user's next click; a test reading them right after a click calls this."""
        self.qtbot.waitUntil(lambda: not self.window.refresh_pending(), timeout=30_000)

    def select_line(self, item_id: str) -> int:
        row = self.window.cart_model.row_of(item_id)
        assert row >= 0, f"{item_id} is not in the cart view"
        self.click_cell(self.cart.view, row, 0)
        self.cart.view.setFocus()
        return row

    def lines(self) -> list[tuple[str, int]]:
        """What the cart view shows: (product name, quantity) per row."""
        model = self.cart.view.model()
        return [
            (model.index(row, 0).data(), int(model.index(row, 2).data()))
            for row in range(model.rowCount())
        ]

    def totals(self) -> tuple[str, str, str]:
        return (
            self.cart.subtotal_label.text(),
            self.cart.tax_label.text(),
            self.cart.total_label.text(),
        )

    def status(self) -> str:
        """The status bar's message, once the frame that shows the latest fact's ran."""
        self.settle()
        return self.window.status_label.message()


@pytest.fixture
def ui(qtbot, cart_app: App) -> Ui:
    return Ui(qtbot, cart_app)
