"""A till that cannot store a parked cart it took from the shop gives it back, and says so."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from cartapp.app import build
from cartapp.shop.owed import OwedEventLog
from cartapp.store.errors import StoreError

if TYPE_CHECKING:
    from pathlib import Path

    from cartapp.app import App
    from cartapp.shop.server import ShopServer

DECAF = "decaf-coffee-beans"


class FullDisk:
    """The till's own event log, on a disk that is full: every append fails."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def append(self, *_args: Any, **_kwargs: Any) -> int:
        raise StoreError("database or disk is full")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def _open(qtbot, folder: Path, url: str, till: str) -> App:
    app = build(folder, shop_url=url, till=till)
    app.window.resize(1280, 800)
    app.window.show()
    qtbot.waitExposed(app.window)
    return app


def test_a_parked_cart_this_till_cannot_store_is_given_back_with_a_message(
    qtbot, shop_server: ShopServer, tmp_path: Path, dispose
) -> None:
    one = _open(qtbot, tmp_path / "t1", shop_server.url, "t1")
    two = _open(qtbot, tmp_path / "t2", shop_server.url, "t2")
    try:
        one.window.request_add(DECAF, 2)
        one.window.request_park("Mrs Berg")
        assert len(one.service.cart.parked) == 1
        dock = two.docks["parkedDock"]
        qtbot.waitUntil(lambda: dock.model.rowCount() == 1, timeout=30_000)
        # till 2's disk fills up: its service's log is the shop's adapter on a full disk
        owed = two.service.log
        assert isinstance(owed, OwedEventLog) and two.shop is not None
        two.service.log = OwedEventLog(FullDisk(owed.local), two.shop)
        dock.raise_()
        dock.view.selectRow(0)
        qtbot.mouseClick(dock.findChild(QPushButton, "resumeButton"), Qt.MouseButton.LeftButton)

        assert not two.service.cart.lines
        status = two.window.status_label
        qtbot.waitUntil(lambda: "parked in the shop again" in status.message(), timeout=30_000)
        assert status.message() == (
            "Parked cart #1 of till t1 could not be resumed here: this till could not store "
            "it. It is parked in the shop again, and any till can resume it"
        )
        # till 1 had handed it over when till 2 claimed it; now it offers it again, as the shop's
        qtbot.waitUntil(lambda: not one.service.cart.parked, timeout=30_000)
        mine = one.docks["parkedDock"].model
        qtbot.waitUntil(lambda: mine.rowCount() == 1, timeout=30_000)
        assert mine.own_count == 0 and mine.index(0, mine.columnCount() - 1).data() == "t1"
        # the cart is offered again at till 2, and resumes there once the disk has room
        qtbot.waitUntil(lambda: dock.model.rowCount() == 1, timeout=30_000)
        two.service.log = owed
        dock.view.selectRow(0)
        qtbot.mouseClick(dock.findChild(QPushButton, "resumeButton"), Qt.MouseButton.LeftButton)
        assert two.service.cart.quantity_of(DECAF) == 2
        qtbot.waitUntil(lambda: mine.rowCount() == 0, timeout=30_000)
    finally:
        dispose(two)
        dispose(one)
