"""Where a dock goes when another one asks for it: beside the asking dock, never over it.

The panels start as tabs of one group under the cart (``cartapp.app``), so opening one by
raising it hid the panel the user was reading: a double-click in the event log switched the tab
away from the log to time travel. ``place_beside(window, anchor, dock)`` shows ``dock`` next
to ``anchor`` instead: if it shares ``anchor``'s tab group (or is closed) it leaves the group
and is docked in the same area, side by side with it (below it in a left or right area), each
with half the room; ``anchor`` stays the front tab of its group. A dock the user already put
elsewhere (another area, floating) is only shown and raised where it is.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

__all__ = ["place_beside", "side_by_side"]

_AREA = Qt.DockWidgetArea


def side_by_side(window: QMainWindow, anchor: QDockWidget, dock: QDockWidget) -> bool:
    """Whether ``anchor`` and ``dock`` are both on screen, neither a hidden tab of the other."""
    return (
        anchor.isVisible()
        and dock.isVisible()
        and dock not in window.tabifiedDockWidgets(anchor)
        and not anchor.visibleRegion().isEmpty()
        and not dock.visibleRegion().isEmpty()
    )


def place_beside(window: QMainWindow, anchor: QDockWidget, dock: QDockWidget) -> None:
    """Show ``dock`` beside ``anchor`` (see the module docstring)."""
    area = window.dockWidgetArea(anchor)
    movable = not dock.isFloating() and area != _AREA.NoDockWidgetArea and not anchor.isFloating()
    if movable and (dock.isHidden() or dock in window.tabifiedDockWidgets(anchor)):
        window.removeDockWidget(dock)
        across = area in (_AREA.BottomDockWidgetArea, _AREA.TopDockWidgetArea)
        orientation = Qt.Orientation.Horizontal if across else Qt.Orientation.Vertical
        window.addDockWidget(area, dock, orientation)
        dock.show()
        size = anchor.width() if across else anchor.height()
        layout = window.layout()
        if layout is not None:
            layout.activate()  # lay the new place out before sharing the room
        window.resizeDocks([anchor, dock], [size // 2, size - size // 2], orientation)
    dock.show()
    dock.raise_()
    anchor.raise_()  # the front tab of its own group again
