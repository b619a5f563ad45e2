"""Two till windows in one shop: one stock, each other's tills and messages, offline told."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from conftest import Ui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from cartapp.app import ShopConfigError, build, main

if TYPE_CHECKING:
    from pathlib import Path

    from cartapp.app import App
    from cartapp.shop.server import ShopServer

DECAF = "decaf-coffee-beans"  # 4 in the catalog


def _open(qtbot, folder: Path, url: str, till: str) -> App:
    app = build(folder, shop_url=url, till=till)
    app.window.resize(1280, 800)
    app.window.show()
    qtbot.waitExposed(app.window)
    return app


def test_two_tills_sell_one_stock_and_see_each_other(
    qtbot, shop_server: ShopServer, tmp_path: Path, dispose
) -> None:
    one = _open(qtbot, tmp_path / "t1", shop_server.url, "t1")
    two = _open(qtbot, tmp_path / "t2", shop_server.url, "t2")
    try:
        state = two.window.findChild(QLabel, "shopState")
        assert state is not None and state.text() == "Shop: till t2, online"
        one.window.activateWindow()
        Ui(qtbot, one).add(DECAF, 3)
        assert one.service.cart.quantity_of(DECAF) == 3
        # the other till's catalog follows the shop's stock
        qtbot.waitUntil(lambda: two.window.catalog_model.stock_left(DECAF) == 1, timeout=30_000)
        two.window.request_add(DECAF, 2)  # what the Add button sends
        two.bridge.flush()  # the frame that shows the rejection beside the cart
        assert two.service.cart.quantity_of(DECAF) == 0
        rejection = two.window.cart_panel.rejection
        assert rejection.isVisibleTo(two.window)
        assert "only 1 Decaf" in rejection.text() and "left in the shop" in rejection.text()
        two.window.request_add(DECAF, 1)
        assert two.service.cart.quantity_of(DECAF) == 1
        qtbot.waitUntil(lambda: one.window.catalog_model.stock_left(DECAF) == 0, timeout=30_000)

        # till 2 lists till 1, and its event log shows till 1's messages as they came
        tills = two.docks["shopDock"].model
        qtbot.waitUntil(
            lambda: any(tills.index(r, 0).data() == "t1" for r in range(tills.rowCount())),
            timeout=30_000,
        )
        log = two.docks["eventLogDock"].model
        qtbot.waitUntil(
            lambda: any(r.handler == "shop, from till t1" for r in log.records()), timeout=30_000
        )
    finally:
        dispose(two)
        dispose(one)


def test_a_till_whose_shop_is_down_starts_offline_and_says_so(
    qtbot, tmp_path: Path, dispose
) -> None:
    app = _open(qtbot, tmp_path / "t1", "nats://127.0.0.1:9", "t1")
    try:
        state = app.window.findChild(QLabel, "shopState")
        assert state is not None and "offline" in state.text()
        app.window.request_add(DECAF, 1)
        assert app.service.cart.quantity_of(DECAF) == 0
        app.bridge.flush()  # the frame that shows the rejection beside the cart
        assert "cannot be reached" in app.window.cart_panel.rejection.text()
    finally:
        dispose(app)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--shop", "nats://127.0.0.1:4222"], "give both --shop"),
        (["--till", "t1"], "give both --shop"),
        (["--shop", "http://x", "--till", "t1"], "nats:// or tls://"),
        (["--shop", "nats://127.0.0.1:4222", "--till", "Till 1"], "cannot name a till"),
        (["--shop", "nats://127.0.0.1:99999", "--till", "t1"], "a port from 1 to 65535"),
        (["--shop", "nats://:4222", "--till", "t1"], "needs a host"),
        (["--shop", "nats://127.0.0.1:4222,nats://h:x", "--till", "t1"], "'nats://h:x' needs"),
        (["--shop", "http://t1:s3cret@x", "--till", "t1"], "not 'http://x'"),
    ],
)
def test_wrong_shop_options_are_refused_with_a_message(
    tmp_path: Path, capsys, options: list[str], message: str
) -> None:
    assert main(["--data-dir", str(tmp_path / "d"), *options]) == 2
    assert message in capsys.readouterr().err


def test_a_credentials_file_readable_by_others_is_refused(tmp_path: Path) -> None:
    from cartapp.shop.security import ShopCredentials

    credentials = ShopCredentials.create(["t1"])
    path = credentials.save_till(tmp_path, "t1")
    path.chmod(0o644)
    with pytest.raises(ShopConfigError, match="can be read by others"):
        build(tmp_path / "d", shop_url="nats://127.0.0.1:9", till="t1", shop_credentials=path)


def test_a_cart_parked_at_till_1_is_listed_and_resumed_at_till_2(
    qtbot, qtmodeltester, shop_server: ShopServer, tmp_path: Path, dispose
) -> None:
    from datetime import UTC, datetime, timedelta

    from PySide6.QtWidgets import QPushButton

    from cartapp.qt.models.parked import COL_TILL, COL_TOTAL

    one = _open(qtbot, tmp_path / "t1", shop_server.url, "t1")
    two = _open(qtbot, tmp_path / "t2", shop_server.url, "t2")
    t0 = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
    one.window.now = lambda: t0
    try:
        one.window.request_add(DECAF, 2)
        one.window.request_park("Mrs Berg")
        assert len(one.service.cart.parked) == 1
        total = one.docks["parkedDock"].model.index(0, COL_TOTAL).data()
        qtbot.waitUntil(
            lambda: (
                one.window.catalog_model.stock_left(DECAF) == 2
                and two.window.catalog_model.stock_left(DECAF) == 2
            ),
            timeout=30_000,
        )

        dock = two.docks["parkedDock"]
        dock.model.now = lambda: t0 + timedelta(minutes=12)
        dock.name_edit.setText("Bo")  # till 2's cashier is typing a name meanwhile
        qtbot.waitUntil(lambda: dock.model.rowCount() == 1, timeout=30_000)
        assert dock.name_edit.text() == "Bo"  # another till's cart arriving keeps it
        qtmodeltester.check(dock.model)
        row = [dock.model.index(0, col).data() for col in range(dock.model.columnCount())]
        assert row == ["#1", "Mrs Berg", "12 min", "2", total, "t1"]
        assert dock.model.headerData(COL_TILL, Qt.Orientation.Horizontal) == "Till"
        dock.view.selectRow(0)
        resume = dock.findChild(QPushButton, "resumeButton")
        qtbot.mouseClick(resume, Qt.MouseButton.LeftButton)

        assert two.service.cart.quantity_of(DECAF) == 2
        assert not two.service.cart.parked
        qtbot.waitUntil(lambda: dock.model.rowCount() == 0, timeout=30_000)
        # till 1 hears of the claim and its Parked carts list lets the cart go
        qtbot.waitUntil(lambda: not one.service.cart.parked, timeout=30_000)
        assert one.docks["parkedDock"].model.rowCount() == 0
        # the units changed owner only: the shop's stock is as it was at both tills
        assert one.window.catalog_model.stock_left(DECAF) == 2
        assert two.window.catalog_model.stock_left(DECAF) == 2
        assert one.shop is not None and one.shop.levels == two.shop.levels  # type: ignore[union-attr]
    finally:
        dispose(two)
        dispose(one)
