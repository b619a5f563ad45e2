"""What the metrics and flow docks share: the scope selector, the adaptive splitter and helpers.

- ``ScopeSelector``: a combo box over ``StatsScopes.choices()`` that follows the choice made
  anywhere else, so both docks always count the same traffic;
- ``TillSelector``: in a shop, the same over ``TillScopes.choices()`` (this till, each other
  till, the whole shop);
- ``AdaptiveSplitter``: side by side in a wide dock area, stacked in a tall one;
- ``is_dark`` (palette), ``save_text`` and ``scope_file_name`` (exports).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QSplitter, QWidget

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtGui import QResizeEvent

    from cartapp.qt.models.scopes import StatsScopes
    from cartapp.qt.models.till_scopes import TillScopes

__all__ = [
    "AdaptiveSplitter",
    "ScopeSelector",
    "TillSelector",
    "is_dark",
    "save_text",
    "scope_file_name",
]


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def save_text(path: str | Path, text: str) -> Path:
    target = Path(path)
    target.write_text(text, encoding="utf-8", newline="")
    return target


def scope_file_name(stem: str, scope_label: str, suffix: str) -> str:
    """``cartapp-statistics-all-history.csv``: a default file name naming the scope."""
    slug = "-".join("".join(c if c.isalnum() else " " for c in scope_label.lower()).split())
    return f"{stem}-{slug}{suffix}" if slug else f"{stem}{suffix}"


class ScopeSelector(QComboBox):
    """Chooses the statistics' scope (``StatsScopes.choices()``) and follows the choice made
    anywhere else (the other panel's selector, the app)."""

    def __init__(self, scopes: StatsScopes, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scopes = scopes
        self.setObjectName(name)
        self.setAccessibleName(self.tr("Statistics scope"))
        self.setToolTip(self.tr("Which traffic the statistics count"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.fill()
        self.activated.connect(self._on_activated)
        scopes.choices_changed.connect(self.fill)
        scopes.changed.connect(self._follow)
        scopes.status_changed.connect(self._follow)

    def scope_keys(self) -> list[str]:
        return [str(self.itemData(i)) for i in range(self.count()) if self.itemData(i)]

    @Slot()
    def fill(self) -> None:
        """(Re)list the scopes, keeping the choice."""
        self.blockSignals(True)
        self.clear()
        past = False
        for choice in self.scopes.choices():
            if choice.key.startswith("session:") and not past:
                past = True
                self.insertSeparator(self.count())
            self.addItem(choice.label, choice.key)
            self.setItemData(self.count() - 1, choice.tooltip, Qt.ItemDataRole.ToolTipRole)
        self.blockSignals(False)
        self._follow()

    def _follow(self, *_args: object) -> None:
        index = self.findData(self.scopes.key)
        if index >= 0 and index != self.currentIndex():
            self.blockSignals(True)
            self.setCurrentIndex(index)
            self.blockSignals(False)
        tip = self.itemData(index, Qt.ItemDataRole.ToolTipRole) if index >= 0 else None
        self.setToolTip(
            self.tr("Which traffic the statistics count: {scope}").format(scope=tip) if tip else ""
        )

    @Slot(int)
    def _on_activated(self, index: int) -> None:
        key = self.itemData(index)
        if key:
            self.scopes.select(str(key))


class TillSelector(QComboBox):
    """Chooses whose traffic the statistics count in a shop (``TillScopes.choices()``) and
    follows the choice made anywhere else (the other panel's selector)."""

    def __init__(self, tills: TillScopes, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tills = tills
        self.setObjectName(name)
        self.setAccessibleName(self.tr("Till scope"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.fill()
        self.activated.connect(self._on_activated)
        tills.choices_changed.connect(self.fill)
        tills.changed.connect(self._follow)

    def scope_keys(self) -> list[str]:
        return [str(self.itemData(i)) for i in range(self.count())]

    @Slot()
    def fill(self) -> None:
        """(Re)list the tills, keeping the choice."""
        self.blockSignals(True)
        self.clear()
        for key, label, tip in self.tills.choices():
            self.addItem(label, key)
            self.setItemData(self.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.blockSignals(False)
        self._follow()

    def _follow(self, *_args: object) -> None:
        index = self.findData(self.tills.key)
        if index >= 0 and index != self.currentIndex():
            self.blockSignals(True)
            self.setCurrentIndex(index)
            self.blockSignals(False)
        tip = self.itemData(index, Qt.ItemDataRole.ToolTipRole) if index >= 0 else None
        self.setToolTip(str(tip) if tip else self.tr("Whose traffic the statistics count"))

    @Slot(int)
    def _on_activated(self, index: int) -> None:
        key = self.itemData(index)
        if key:
            self.tills.choose(str(key))


def _smart_minimum(widget: QWidget) -> QSize:
    """A widget's minimum as layouts see it: an explicit minimum size wins over the hint."""
    hint, explicit = widget.minimumSizeHint(), widget.minimumSize()
    return QSize(explicit.width() or hint.width(), explicit.height() or hint.height())


class AdaptiveSplitter(QSplitter):
    """Side by side when the dock is wide (bottom area), stacked when it is tall (side area).

    ``weights`` give the children's shares in each orientation; ``inner`` (a nested splitter)
    takes the other orientation, so two small tables stack beside a wide row and sit side by
    side under a tall column.
    """

    def __init__(
        self,
        parent: QWidget,
        *,
        wide: Sequence[int],
        tall: Sequence[int],
        inner: QSplitter | None = None,
        ratio: float = 1.6,
    ) -> None:
        # Start side by side: the docks open in the (wide) bottom area, and a stacked start would
        # make their minimum height the sum of their parts.
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setChildrenCollapsible(False)
        self.weights = {Qt.Orientation.Horizontal: list(wide), Qt.Orientation.Vertical: list(tall)}
        self.inner = inner
        self.ratio = ratio
        self.user_sized = False
        """True once the user dragged a handle (then their sizes stay, until the next flip)."""
        self.splitterMoved.connect(self._on_moved)

    def minimumSizeHint(self) -> QSize:
        """What either orientation needs at least across it: the dock area decides the rest
        (a narrow area gets the stacked layout, a low one the side-by-side layout)."""
        children = [self.widget(i) for i in range(self.count())]
        hints = [_smart_minimum(child) for child in children if child is not None]
        if not hints:
            return super().minimumSizeHint()
        return QSize(max(h.width() for h in hints), max(h.height() for h in hints))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = self.width() > self.ratio * self.height()
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if orientation != self.orientation():
            self.setOrientation(orientation)
            self.user_sized = False
            if self.inner is not None:
                self.inner.setOrientation(
                    Qt.Orientation.Vertical if wide else Qt.Orientation.Horizontal
                )
        if not self.user_sized:  # keep the shares until the user drags a handle
            weights = self.weights[orientation]
            length = self.width() if wide else self.height()
            self.blockSignals(True)
            self.setSizes([int(length * w / sum(weights)) for w in weights])
            self.blockSignals(False)

    @Slot(int, int)
    def _on_moved(self, _pos: int, _index: int) -> None:
        self.user_sized = True
