"""The keyboard focus can be seen, in the dark theme too.

The style sheet's focus rule and the style's ring use a colour with at least 3:1 contrast
(WCAG's rule for marks that are not text) against the theme's window and base colours; and in
the real window, in the dark theme, moving the focus with Tab paints that ring around each
widget it lands on, and only there.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from cartapp.qt.focus_ring import FOCUS_COLOURS, contrast_ratio
from cartapp.qt.style import build_palette, stylesheet

if TYPE_CHECKING:
    from cartapp.app import App


def focus_rules(sheet: str) -> dict[str, str]:
    """Selector -> body of every rule of ``sheet`` with ``:focus`` in its selector."""
    return {
        selector.strip(): body
        for selector, body in re.findall(
            r"([^{}]+)\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
        )
        if ":focus" in selector
    }


@pytest.mark.parametrize("dark", [True, False], ids=["dark", "light"])
def test_the_focus_colour_contrasts_with_the_background(dark: bool) -> None:
    palette = build_palette(dark)
    rules = focus_rules(stylesheet(dark))
    assert rules, "the style sheet has no focus rule"
    for body in rules.values():
        colour = re.search(r"#[0-9a-fA-F]{6}", body)
        assert colour is not None, body
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
            assert contrast_ratio(colour.group(), palette.color(role)) >= 3.0
    ring = FOCUS_COLOURS["dark" if dark else "light"]
    assert ring.lower() in "".join(rules.values()).lower()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        assert contrast_ratio(ring, palette.color(role)) >= 3.0


def test_contrast_ratio_is_wcags() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def ring_pixels(image: QImage, ring: QColor) -> int:
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if (
                max(
                    abs(c.red() - ring.red()),
                    abs(c.green() - ring.green()),
                    abs(c.blue() - ring.blue()),
                )
                < 24
            ):
                count += 1
    return count


def edge_ring_pixels(widget: QWidget, ring: QColor) -> int:
    """Ring-coloured pixels in the 4 px band just around ``widget`` (where the ring is drawn),
    as its parent paints it."""
    parent = widget.parentWidget()
    assert parent is not None
    area = widget.geometry().adjusted(-4, -4, 4, 4)
    image = parent.grab(area).toImage()
    inner = image.copy(4, 4, widget.width(), widget.height())
    return ring_pixels(image, ring) - ring_pixels(inner, ring)


def test_tab_shows_a_ring_around_each_widget_in_the_dark_theme(qtbot, cart_app: App) -> None:
    cart_app.theme.apply("dark")
    focus_ring = cart_app.theme.focus_ring
    assert focus_ring is not None and focus_ring.colour == QColor(FOCUS_COLOURS["dark"])
    ring = QColor(FOCUS_COLOURS["dark"])
    window = cart_app.window
    window.catalog_panel.focus_search()
    seen: list[str] = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        assert focus is not None and focus.window() is window
        qtbot.waitUntil(lambda f=focus: focus_ring.widget() is f)
        with_ring = edge_ring_pixels(focus, ring)
        # at least a quarter of the widget's outline is the ring's colour
        assert with_ring >= (focus.width() + focus.height()) // 2, (focus.objectName(), with_ring)
        seen.append(focus.objectName())
    assert len(set(seen)) == len(seen)
    # and a widget without the focus has none
    cart_app.docks["eventLogDock"].clear_button.setFocus(Qt.FocusReason.TabFocusReason)
    search = window.catalog_panel.findChild(QWidget, "catalogSearch")
    assert search is not None and not search.hasFocus()
    assert edge_ring_pixels(search, ring) == 0


def test_the_light_theme_rings_in_its_own_colour(cart_app: App) -> None:
    cart_app.theme.apply("light")
    focus_ring = cart_app.theme.focus_ring
    assert focus_ring is not None and focus_ring.colour == QColor(FOCUS_COLOURS["light"])


def test_the_ring_outlives_a_closed_dialog_it_was_in(qtbot, cart_app: App) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

    focus_ring = cart_app.theme.focus_ring
    assert focus_ring is not None
    dialog = QDialog(cart_app.window)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    field.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: focus_ring.widget() is field)  # a text field: also by the mouse
    dialog.close()
    dialog.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    cart_app.window.activateWindow()
    search = cart_app.window.catalog_panel.findChild(QWidget, "catalogSearch")
    search.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: focus_ring.widget() is search)
