"""``FocusRingStyle``: Fusion with a focus ring one can see, in the dark theme too.

Fusion marks the keyboard focus with its highlight colour darkened and mostly transparent (the
item views' and check boxes' dotted frame has alpha 80/255): on the dark palette that is dark
blue on near-black, which nobody sees. This proxy of the Fusion style draws, wherever the
keyboard focus is, a solid 2 px ring in ``FOCUS_COLOURS`` (light blue on dark, dark blue on
light, both at least 3:1 against the window and base colours, WCAG's rule for non-text marks):

- instead of Fusion's focus frame (``PE_FrameFocusRect``: table cells, check boxes, tool buttons,
  tabs), and
- around a push button, combo box, spin box, slider or table (a scroll area's frame) with the
  focus, and a line edit while it has the focus (its caret alone is easy to lose).

As Fusion does, buttons and the other controls show the ring only after the focus moved by the
keyboard (``State_KeyboardFocusChange``), not after a mouse click.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory

if TYPE_CHECKING:
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QStyleOption, QStyleOptionComplex, QWidget

__all__ = ["FOCUS_COLOURS", "FocusRingStyle", "contrast_ratio", "focus_colour"]

FOCUS_COLOURS = {"light": "#1d4ed8", "dark": "#7fb0ff"}
"""The ring's colour per theme."""
RING_WIDTH = 2.0

_PE = QStyle.PrimitiveElement
_CC = QStyle.ComplexControl
_HAS_FOCUS = QStyle.StateFlag.State_HasFocus
_KEYBOARD = QStyle.StateFlag.State_KeyboardFocusChange
_RINGED_PRIMITIVES = frozenset({_PE.PE_PanelButtonCommand, _PE.PE_FrameLineEdit, _PE.PE_Frame})
_RINGED_CONTROLS = frozenset({_CC.CC_ComboBox, _CC.CC_SpinBox, _CC.CC_Slider})


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


class FocusRingStyle(QProxyStyle):
    """Fusion, with the focus ring of the module docstring."""

    def __init__(self, dark: bool = False) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self.setObjectName("focusRingStyle")
        self.colour = QColor(focus_colour(dark))

    def set_dark(self, dark: bool) -> None:
        self.colour = QColor(focus_colour(dark))

    def ring(self, painter: QPainter, rect: QRect) -> None:
        """Draw the ring just inside ``rect``."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pen = QPen(self.colour, RING_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = RING_WIDTH / 2
        painter.drawRoundedRect(QRectF(rect).adjusted(half, half, -half, -half), 3.0, 3.0)
        painter.restore()

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == _PE.PE_FrameFocusRect:
            if option.state & _KEYBOARD:
                self.ring(painter, option.rect)
            return
        super().drawPrimitive(element, option, painter, widget)
        if (
            element in _RINGED_PRIMITIVES
            and option.state & _HAS_FOCUS
            and (element == _PE.PE_FrameLineEdit or option.state & _KEYBOARD)
        ):
            self.ring(painter, option.rect)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in _RINGED_CONTROLS and option.state & _HAS_FOCUS and option.state & _KEYBOARD:
            self.ring(painter, option.rect)
