"""Park and resume through real widgets: two carts parked with names, ages and totals, their
stock still held, resumed in turn, and still parked after a restart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from cartapp.app import build
from cartapp.domain.parking import ParkCart, ResumeCart
from cartapp.qt.models.catalog import COL_STOCK
from cartapp.qt.widgets.parked import ParkedDock

__all__: list[str] = []

LEFT = Qt.MouseButton.LeftButton
T0 = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)


def _dock(ui, qtbot) -> ParkedDock:
    dock = ui.app.docks["parkedDock"]
    assert isinstance(dock, ParkedDock)
    dock.raise_()
    qtbot.waitUntil(dock.view.isVisible)
    return dock


def _rows(dock: ParkedDock) -> list[list[str]]:
    model = dock.model
    return [
        [model.index(row, col).data() for col in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def _stock(ui, item_id: str) -> str:
    return ui.catalog.proxy.index(ui.catalog_row(item_id), COL_STOCK).data()


def test_park_and_resume_two_carts(ui, qtbot, qtmodeltester, commands, data_dir, dispose) -> None:
    dock = _dock(ui, qtbot)
    clock = [T0]
    ui.window.now = lambda: clock[0]
    dock.model.now = lambda: T0 + timedelta(minutes=12)
    assert _stock(ui, "pretzel") == "55"
    ui.add("pretzel", 3)  # 2.07 + 0.14 tax
    qtbot.keyClicks(dock.name_edit, "Anna")
    qtbot.mouseClick(dock.park_button, LEFT)
    assert commands[-1].event == ParkCart(name="Anna", parked_at=T0)
    assert ui.lines() == []
    ui.settle()
    assert _stock(ui, "pretzel") == "52"  # held by the parked cart
    clock[0] = T0 + timedelta(minutes=5)
    ui.add("stapler", 1)  # 9.90 + 1.88 tax
    qtbot.keyClick(dock.name_edit, Qt.Key.Key_Return)  # Enter parks too, without a name
    assert _rows(dock) == [
        ["#1", "Anna", "12 min", "3", "€2.21"],
        ["#2", "", "7 min", "1", "€11.78"],
    ]
    assert dock.hint.text() == "2 parked carts; their products stay held."
    qtmodeltester.check(dock.model)
    assert dock.name_edit.text() == ""

    dock.view.selectRow(0)
    qtbot.mouseClick(dock.resume_button, LEFT)
    assert commands[-1].event == ResumeCart(number=1)
    assert ui.lines() == [("Pretzel", 3)]
    assert [row[0] for row in _rows(dock)] == ["#2"]
    dock.view.selectRow(0)
    qtbot.mouseClick(dock.resume_button, LEFT)  # the cart is not empty
    ui.settle()  # the rejection line is set in the next frame
    assert ui.cart.rejection.text() == (
        "Not done: the cart is not empty; park it or check it out before resuming #2"
    )
    ui.window.park_action.trigger()  # Cart > Park cart
    index = dock.model.index(dock.model.row_of(2), 0)
    center = dock.view.visualRect(index).center()
    qtbot.mouseClick(dock.view.viewport(), LEFT, pos=center)  # a view needs the press first
    qtbot.mouseDClick(dock.view.viewport(), LEFT, pos=center)
    assert ui.lines() == [("Stapler with 1000 staples", 1)]
    assert [row[:2] for row in _rows(dock)] == [["#3", ""]]
    dispose(ui.app)

    again = build(data_dir)  # parked carts survive a restart, still held
    try:
        model = again.docks["parkedDock"].model
        assert [model.index(0, c).data() for c in (0, 3, 4)] == ["#3", "3", "€2.21"]
        assert again.window.catalog_model.stock_left("pretzel") == 52
        assert again.service.cart.held_of("pretzel") == 3
    finally:
        dispose(again)


def test_the_ages_move_on_by_the_frame_clock_while_the_dock_is_on_screen(qtbot) -> None:
    """No timer of its own: the ages' refresh is a heartbeat job of the frame clock, stepped
    here by hand, and a dock behind another tab does no work until it is raised."""
    from PySide6.QtWidgets import QMainWindow

    from cartapp.domain.cart import Cart
    from cartapp.qt.frame_clock import FrameClock
    from cartapp.qt.models.cart import CartModel
    from cartapp.qt.widgets.parked import AGE_REFRESH_MS

    now = [0.0]
    frames = FrameClock(clock=lambda: now[0], drive=False)
    window = QMainWindow()
    qtbot.addWidget(window)
    dock = ParkedDock(CartModel(Cart()), parent=window, frames=frames)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.show()
    qtbot.waitExposed(window)
    refreshed: list[int] = []
    dock.model.refresh_ages = lambda: refreshed.append(1)  # type: ignore[method-assign]
    frames.tick()
    before = len(refreshed)
    now[0] += AGE_REFRESH_MS / 1000 + 0.1
    frames.tick()
    assert len(refreshed) == before + 1
    now[0] += 0.016
    frames.tick()  # not due again before another interval
    assert len(refreshed) == before + 1
