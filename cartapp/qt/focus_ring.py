"""``FocusRing``: a focus ring one can see, in the dark theme too.

Fusion marks the keyboard focus with its highlight colour darkened and mostly transparent (the
item views' and check boxes' dotted frame has alpha 80/255): on the dark palette that is dark
blue on near-black, which nobody sees. ``FocusRing`` follows the application's focus and draws a
solid 2 px ring just outside the widget that has it, in ``FOCUS_COLOURS`` (light blue on dark,
dark blue on light, both at least 3:1 against the window and base colours: WCAG's rule for marks
that are not text).

It is one ``QFocusFrame`` (moved to the focused widget, which it follows as it moves or resizes),
not a style: a Python style would be asked to draw every primitive of every paint, and made a
whole-window paint about twice as slow. As Fusion does, it shows once the focus has moved by the
keyboard in that window (``WA_KeyboardFocusChange``), and in a text field at any time (its caret
alone is easy to lose); never in a popup (menus, a combo box's list).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QRectF, Qt, Slot
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QFocusFrame,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

__all__ = ["FOCUS_COLOURS", "FocusRing", "contrast_ratio", "focus_colour"]

FOCUS_COLOURS = {"light": "#1d4ed8", "dark": "#7fb0ff"}
"""The ring's colour per theme."""
RING_WIDTH = 2.0
_TEXT_FIELDS = (QLineEdit, QAbstractSpinBox, QPlainTextEdit, QTextEdit)


def focus_colour(dark: bool) -> str:
    return FOCUS_COLOURS["dark" if dark else "light"]


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str | QColor, second: str | QColor) -> float:
    """WCAG's contrast ratio of two colours (1 to 21)."""
    a, b = sorted((_luminance(QColor(first)), _luminance(QColor(second))), reverse=True)
    return (a + 0.05) / (b + 0.05)


class _RingFrame(QFocusFrame):
    """The frame itself: Qt places it around the widget and masks it to a thin band."""

    def __init__(self, ring: FocusRing) -> None:
        super().__init__()
        self.setObjectName("focusRing")
        self._ring = ring

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pen = QPen(self._ring.colour, RING_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        half = RING_WIDTH / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(half, half, -half, -half), 3.0, 3.0)
        painter.end()


class FocusRing(QObject):
    """The ring of the module docstring, for every window of ``app``; it stops following the
    focus when ``parent`` (the theme manager) goes."""

    def __init__(
        self, app: QApplication, dark: bool = False, parent: QObject | None = None
    ) -> None:
        super().__init__(parent if parent is not None else app)
        self.setObjectName("focusRingTracker")
        self.colour = QColor(focus_colour(dark))
        self._frame: _RingFrame | None = None
        app.focusChanged.connect(self._on_focus_changed)

    def set_dark(self, dark: bool) -> None:
        self.colour = QColor(focus_colour(dark))
        frame = self._live_frame()
        if frame is not None:
            frame.update()

    def widget(self) -> QWidget | None:
        """The widget the ring is around now (None: it is hidden)."""
        frame = self._live_frame()
        if frame is None or not frame.isVisible():
            return None
        return frame.widget()

    @staticmethod
    def wanted(widget: QWidget) -> bool:
        """Whether ``widget``, which has the focus, gets the ring (see the module docstring)."""
        window = widget.window()
        if window.windowType() == Qt.WindowType.Popup:
            return False
        if isinstance(widget, _TEXT_FIELDS):
            return True
        return window.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)

    def _live_frame(self) -> _RingFrame | None:
        """The frame, unless it went with the widget it was in (a closed dialog)."""
        if self._frame is not None and not shiboken6.isValid(self._frame):
            self._frame = None
        return self._frame

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        frame = self._live_frame()
        if new is None or new.parentWidget() is None or not self.wanted(new):
            if frame is not None:
                frame.setWidget(None)  # type: ignore[arg-type]  # Qt takes nullptr: hide
            return
        if frame is None:
            frame = self._frame = _RingFrame(self)
        frame.setWidget(new)
