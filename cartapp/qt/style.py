"""Look and feel: Fusion style and a focus ring one can see (``focus_ring``), a light or dark
palette that follows the system, and a small stylesheet polish that takes its colours from palette
roles wherever it can.

Theme choice, strongest first: ``$CARTAPP_THEME`` (``light``, ``dark`` or ``system``), the saved
preference (View > Theme), then the system's colour scheme (``QStyleHints.colorScheme()``). With
"system", the app switches palettes when the desktop does.
"""

from __future__ import annotations

import os
from typing import Literal

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QStyleFactory, QWidget

from cartapp.paths import resource_path
from cartapp.qt.focus_ring import FocusRing, focus_colour

__all__ = [
    "THEMES",
    "THEME_ENV",
    "Theme",
    "ThemeManager",
    "accent_colors",
    "adopt_roles",
    "build_palette",
    "effective_theme",
    "icon",
    "stylesheet",
]

Theme = Literal["system", "light", "dark"]
THEMES: tuple[Theme, ...] = ("system", "light", "dark")
THEME_ENV = "CARTAPP_THEME"

_LIGHT = {
    QPalette.ColorRole.Window: "#f3f4f6",
    QPalette.ColorRole.WindowText: "#1f2328",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f6f7f9",
    QPalette.ColorRole.ToolTipBase: "#ffffff",
    QPalette.ColorRole.ToolTipText: "#1f2328",
    QPalette.ColorRole.PlaceholderText: "#80868f",
    QPalette.ColorRole.Text: "#1f2328",
    QPalette.ColorRole.Button: "#e9ebef",
    QPalette.ColorRole.ButtonText: "#1f2328",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Light: "#ffffff",
    QPalette.ColorRole.Midlight: "#e4e6ea",
    QPalette.ColorRole.Mid: "#c4c8cf",
    QPalette.ColorRole.Dark: "#9aa0a8",
    QPalette.ColorRole.Shadow: "#5c6168",
    QPalette.ColorRole.Highlight: "#2563eb",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#1d4ed8",
    QPalette.ColorRole.LinkVisited: "#6d28d9",
    QPalette.ColorRole.Accent: "#2563eb",
}

_DARK = {
    QPalette.ColorRole.Window: "#202328",
    QPalette.ColorRole.WindowText: "#e6e8eb",
    QPalette.ColorRole.Base: "#17191d",
    QPalette.ColorRole.AlternateBase: "#1c1f24",
    QPalette.ColorRole.ToolTipBase: "#2b2f35",
    QPalette.ColorRole.ToolTipText: "#e6e8eb",
    QPalette.ColorRole.PlaceholderText: "#7d838c",
    QPalette.ColorRole.Text: "#e6e8eb",
    QPalette.ColorRole.Button: "#2c3036",
    QPalette.ColorRole.ButtonText: "#e6e8eb",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Light: "#3a3f46",
    QPalette.ColorRole.Midlight: "#33373d",
    QPalette.ColorRole.Mid: "#44494f",
    QPalette.ColorRole.Dark: "#121417",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.Highlight: "#3b82f6",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#7fb0ff",
    QPalette.ColorRole.LinkVisited: "#b79cff",
    QPalette.ColorRole.Accent: "#3b82f6",
}

_DISABLED_TEXT = {"light": "#a0a5ad", "dark": "#6b7078"}


def accent_colors(dark: bool) -> dict[str, str]:
    """Colours with a meaning no palette role carries: danger (rejections), success, and the
    keyboard focus ring (``focus_ring``)."""
    if dark:
        colours = {"danger": "#ff7b72", "danger_bg": "#3d1d1f", "success": "#56d364"}
    else:
        colours = {"danger": "#b42318", "danger_bg": "#fdecea", "success": "#1a7f37"}
    return colours | {"focus": focus_colour(dark)}


def build_palette(dark: bool) -> QPalette:
    """The full light or dark palette (all groups; disabled text greyed)."""
    palette = QPalette()
    for role, colour in (_DARK if dark else _LIGHT).items():
        palette.setColor(role, QColor(colour))
    grey = QColor(_DISABLED_TEXT["dark" if dark else "light"])
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, grey)
    palette.setColor(
        QPalette.ColorGroup.Disabled,
        QPalette.ColorRole.Highlight,
        QColor("#3a3f46" if dark else "#c9ced6"),
    )
    return palette


def stylesheet(dark: bool) -> str:
    """The app's stylesheet with the few non-palette colours filled in."""
    text = resource_path("styles/app.qss").read_text(encoding="utf-8")
    for key, value in accent_colors(dark).items():
        text = text.replace(f"@{key}@", value)
    return text


_ICONS: dict[str, QIcon] = {}


def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>`` (``.svg`` added when missing), cached; null if absent."""
    if "." not in name:
        name = f"{name}.svg"
    cached = _ICONS.get(name)
    if cached is None:
        try:
            cached = QIcon(str(resource_path(f"icons/{name}")))
        except FileNotFoundError:
            cached = QIcon()
        _ICONS[name] = cached
    return cached


def _system_is_dark(app: QGuiApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def effective_theme(preference: str | None, app: QGuiApplication | None = None) -> str:
    """``"light"`` or ``"dark"`` for a preference, after ``$CARTAPP_THEME`` and the system."""
    env = os.environ.get(THEME_ENV, "").strip().lower()
    choice = env if env in THEMES else (preference if preference in THEMES else "system")
    if choice in ("light", "dark"):
        return choice
    app = app or QGuiApplication.instance()  # type: ignore[assignment]
    if app is not None and _system_is_dark(app):
        return "dark"
    return "light"


def adopt_roles(widget: QWidget) -> None:
    """Give the labels under ``widget`` the look of their ``role`` without a style sheet.

    The style sheet is set only on the widgets that need it (``ThemeManager.style_root``): one
    on the application would put every widget, the event log's table too, under Qt's style
    sheet style, which makes each cell's painting and each widget's first polish several times
    slower. The docks' labels only need the placeholder colour ("hint", "emptyText") or a
    heading's font ("heading", "emptyTitle"), which follow the palette this way; so do the
    main window's panels, all but the few widgets the sheet draws (``CartPanel.styled_parts``).
    """
    for label in widget.findChildren(QLabel):
        role = label.property("role")
        if role in ("hint", "emptyText"):
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        elif role in ("heading", "emptyTitle"):
            font = label.font()
            font.setPointSizeF(13.0)
            font.setWeight(QFont.Weight.DemiBold)
            label.setFont(font)
            if role == "heading":
                label.setContentsMargins(0, 2, 0, 4)  # the style sheet's padding for it


class ThemeManager(QObject):
    """Applies the chosen theme to the application and follows the system when asked to.

    The palette goes to the application; the style sheet only to the roots given to
    ``style_root`` (the cart's totals, checkout button and rejection, and the status bar; see
    ``adopt_roles``)."""

    def __init__(self, app: QApplication, preference: str = "system") -> None:
        super().__init__(app)
        self._app = app
        self.preference: str = preference if preference in THEMES else "system"
        self.current = ""
        self._roots: list[QWidget] = []
        self.focus_ring: FocusRing | None = None
        """The keyboard focus's ring (``focus_ring``), from the first ``apply``."""
        app.styleHints().colorSchemeChanged.connect(self._on_system_changed)

    def style_root(self, widget: QWidget) -> None:
        """Style ``widget`` and its children with the app's style sheet, now and on each theme."""
        self._roots.append(widget)
        widget.destroyed.connect(lambda _obj=None, w=widget: self._forget(w))
        if self.current:
            widget.setStyleSheet(stylesheet(self.is_dark))

    def _forget(self, widget: QWidget) -> None:
        self._roots = [w for w in self._roots if w is not widget]

    @property
    def is_dark(self) -> bool:
        return self.current == "dark"

    def apply(self, preference: str | None = None) -> str:
        """Apply ``preference`` (or the current one); returns ``"light"`` or ``"dark"``."""
        if preference is not None:
            self.preference = preference if preference in THEMES else "system"
        theme = effective_theme(self.preference, self._app)
        if self._app.style().name().lower() != "fusion":
            fusion = QStyleFactory.create("Fusion")
            if fusion is not None:
                self._app.setStyle(fusion)
        dark = theme == "dark"
        if self.focus_ring is None:
            self.focus_ring = FocusRing(self._app, dark, parent=self)
        else:
            self.focus_ring.set_dark(dark)
        self._app.setPalette(build_palette(dark))
        sheet = stylesheet(dark)
        for root in self._roots:
            root.setStyleSheet(sheet)
        self.current = theme
        return theme

    @Slot(Qt.ColorScheme)
    def _on_system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.preference == "system":
            self.apply()
