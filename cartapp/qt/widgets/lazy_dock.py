"""``LazyDock``: a dock that refreshes only while the user can see it.

A tabbed dock behind another tab stays ``isVisible()``; ``visibilityChanged`` says when it is
really on screen. Work that arrives while it is not is remembered (``_stale``) and done once it
comes to the front. The orders and time-travel docks read the store this way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDockWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

__all__ = ["LazyDock"]


class LazyDock(QDockWidget):
    """Base of docks whose ``refresh()`` waits until they are on screen."""

    def __init__(self, title: str, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName(object_name)
        self.setAccessibleName(title)
        self._stale = True
        self._on_screen = False
        self.visibilityChanged.connect(self._on_visibility)

    def refresh(self) -> None:
        raise NotImplementedError

    @property
    def on_screen(self) -> bool:
        """Whether the dock can be seen (shown, and the front tab if it is tabbed)."""
        return self._on_screen

    @Slot(bool)
    def _on_visibility(self, visible: bool) -> None:
        self._on_screen = visible
        if visible and self._stale:
            self.refresh()
