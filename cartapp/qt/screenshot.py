"""The ``--screenshot`` picture: a demo cart filled through the bus and the window rendered.

``take_screenshot(app, path)`` shows the window of a built app at ``SCREENSHOT_SIZE``, publishes
``demo_commands()`` (a few adds, an update and a rejected add, so the log shows a rejection), lets
the docks flush, selects the last click's path in the event log, and saves the window as a PNG
without a display. ``cartapp.app.main`` runs it on an app built in a throw-away folder; it is
handed as a ``Shown`` (the parts of ``cartapp.app.App`` it uses), so this module knows nothing of
the composition root above it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QTableView

from cartapp.domain.events import AddItem, UpdateItem

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QDockWidget

    from cartapp.bus import EventBus
    from cartapp.qt.bridge import QtBridge
    from cartapp.qt.main_window import MainWindow

__all__ = ["SCREENSHOT_SIZE", "Shown", "demo_commands", "take_screenshot"]

SCREENSHOT_SIZE = QSize(1400, 860)


def demo_commands() -> tuple[AddItem | UpdateItem, ...]:
    """The demo cart's clicks. Made when asked, not at import: a message built at import
    would build its pydantic validator before the window's first paint (the app builds them
    all right after it, ``prepare_validators``)."""
    return (
        AddItem(item_id="espresso-beans", quantity=2),
        AddItem(item_id="butter-croissant", quantity=4),
        AddItem(item_id="whole-milk-1l", quantity=2),
        AddItem(item_id="highlighters-4", quantity=1),
        UpdateItem(item_id="butter-croissant", quantity=6),
        AddItem(item_id="rye-bread", quantity=3),  # only 2 in stock: a rejection in the log
        AddItem(item_id="sourdough-loaf", quantity=1),
    )


class Shown(Protocol):
    """What a screenshot needs of a built app (``cartapp.app.App`` has all of it)."""

    @property
    def qapp(self) -> QApplication: ...
    @property
    def bus(self) -> EventBus: ...
    @property
    def bridge(self) -> QtBridge: ...
    @property
    def window(self) -> MainWindow: ...
    @property
    def docks(self) -> dict[str, QDockWidget]: ...


def take_screenshot(
    app: Shown, path: str | os.PathLike[str], size: QSize = SCREENSHOT_SIZE
) -> bool:
    """Fill a demo cart through the bus, render the window at ``size`` to ``path`` (PNG).

    The last click's path is selected in the event log (when it is there), so the picture shows
    what the app is about: one click, its command, its fact and where each went.
    """
    window = app.window
    window.resize(size)
    window.show()
    app.qapp.processEvents()
    for dock in app.docks.values():
        window.resizeDocks([dock], [int(size.height() * 0.4)], Qt.Orientation.Vertical)
    for command in demo_commands():
        window.send(command)
    window.catalog_panel.select_item("sourdough-loaf")
    app.bus.wait_idle(2.0)
    app.bridge.flush()
    for dock in app.docks.values():
        flush = getattr(dock, "flush", None)
        if callable(flush):
            flush()
    app.qapp.processEvents()
    _select_last_click_in_log(app)
    for _ in range(3):
        app.qapp.processEvents()
    return bool(window.grab().save(str(path), "PNG"))


def _select_last_click_in_log(app: Shown) -> None:
    view = app.window.findChild(QTableView, "eventLogView")
    if view is None or view.model() is None:
        return
    model = view.model()
    headers = [
        str(model.headerData(c, Qt.Orientation.Horizontal) or "").casefold()
        for c in range(model.columnCount())
    ]
    if "event" not in headers or "stage" not in headers:
        return
    event, stage = headers.index("event"), headers.index("stage")
    last_click = type(demo_commands()[-1]).__name__
    for row in range(model.rowCount() - 1, -1, -1):
        if (
            model.index(row, event).data() == last_click
            and model.index(row, stage).data() == "generated"
        ):
            view.selectRow(row)
            view.scrollTo(model.index(row, 0), QTableView.ScrollHint.PositionAtCenter)
            return
