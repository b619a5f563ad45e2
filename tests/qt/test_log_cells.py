"""The event log's cells, drawn by ``LogCellDelegate`` itself, look as Qt's own item painting
draws them from the model's roles: texts, stage dots and colours, the bold tinted rejection, the
alternate rows, the selection and the highlighted correlation, also after the highlight moves
(what a row looks like is kept for one paint pass only)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QStyledItemDelegate

from cartapp.bus import EventBus
from cartapp.domain.catalog import Catalog
from cartapp.domain.events import AddItem, RemoveItem
from cartapp.handlers import CartService, handler_failed
from cartapp.paths import resource_path
from cartapp.qt.bridge import QtBridge
from cartapp.qt.models.event_log import COL_SUMMARY
from cartapp.qt.widgets.event_log import EventLogDock
from cartapp.qt.widgets.log_cells import LogCellDelegate


class _ByRoles(LogCellDelegate):
    """The reference: the same options, drawn by Qt's ``QStyledItemDelegate.paint``."""

    paint = QStyledItemDelegate.paint  # type: ignore[assignment]


@pytest.fixture
def dock(qtbot, qapp: object) -> Iterator[EventLogDock]:
    catalog = Catalog.from_json(resource_path("catalog.json").read_text(encoding="utf-8"))
    bus = EventBus(failure_fact=handler_failed)
    CartService(catalog).attach(bus)
    bridge = QtBridge(bus)
    dock = EventLogDock(bridge)
    qtbot.addWidget(dock)
    dock.resize(1100, 500)
    dock.show()
    qtbot.waitExposed(dock)
    bus.publish(AddItem(item_id="espresso-beans", quantity=1), source="ui")
    bus.publish(AddItem(item_id="espresso-beans", quantity=500), source="ui")  # rejected
    bus.publish(AddItem(item_id="green-tea", quantity=2), source="ui")
    bus.publish(RemoveItem(item_id="green-tea", quantity=1), source="ui")
    bridge.flush()
    dock.flush()
    dock.set_auto_scroll(False)
    dock.view.scrollToTop()
    yield dock
    bridge.close()


def _grab(dock: EventLogDock, delegate: QStyledItemDelegate) -> QImage:
    dock.view.setItemDelegate(delegate)
    return dock.view.viewport().grab().toImage()


def _differing(a: QImage, b: QImage) -> int:
    assert a.size() == b.size()
    return sum(
        1 for y in range(a.height()) for x in range(a.width()) if a.pixel(x, y) != b.pixel(x, y)
    )


@pytest.mark.parametrize("focused", [False, True], ids=["unfocused", "focused"])
def test_cells_are_drawn_as_qt_draws_them_from_the_roles(dock: EventLogDock, focused: bool) -> None:
    shipped = dock.view.itemDelegate()
    assert isinstance(shipped, LogCellDelegate)
    reference = _ByRoles(dock.model, dock.proxy, dock.view)
    if focused:  # the current cell gets its focus frame
        dock.activateWindow()
        dock.view.setFocus()
        QApplication.processEvents()
        assert dock.view.hasFocus()
    else:
        dock.view.clearFocus()
    for row in (None, 3, 12):  # nothing selected, then one click highlighted, then another
        if row is not None:
            dock.select_row(row)
            assert dock.proxy.index(row, COL_SUMMARY).data() is not None
        ours = _grab(dock, shipped)
        theirs = _grab(dock, reference)
        assert not ours.isNull()
        assert _differing(ours, theirs) == 0, f"after selecting row {row}"
