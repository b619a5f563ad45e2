"""``LogCellDelegate``: paints an event-log cell with one Python call instead of one per role.

Qt's ``QStyledItemDelegate`` fills a cell's style option by asking the model's ``data()`` once
per role (font, alignment, foreground, check state, decoration, display, background: seven calls
from C++ into Python per cell, each through the filter proxy). A full log viewport is some 40
rows of 7 cells, repainted up to 30 times a second under a flood, so those calls were most of a
repaint. This delegate overrides ``initStyleOption`` once: it finds the row's record through the
proxy and asks the source model's plain Python methods (``cell_texts``, kept per row, and
``background``, ``foreground``, ``bold``, ``stage_icon``), which say the same as ``data()``
(tooltips and accessibility still ask ``data()``). ``cartapp.qt.bench.ui`` measures a repaint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from cartapp.qt.models.base import RIGHT
from cartapp.qt.models.event_log import COL_LATENCY, COL_STAGE

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from cartapp.qt.models.event_log import EventLogModel
    from cartapp.qt.models.log_filter import EventLogFilter

__all__ = ["LogCellDelegate"]

_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_HAS_DECORATION = QStyleOptionViewItem.ViewItemFeature.HasDecoration
_TEXT = QPalette.ColorRole.Text


class LogCellDelegate(QStyledItemDelegate):
    """The log view's delegate; see the module docstring."""

    def __init__(
        self, model: EventLogModel, proxy: EventLogFilter, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._proxy = proxy
        self._rows = model.record
        self._to_source = proxy.mapToSource

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        model = self._model
        source = self._to_source(index) if index.model() is self._proxy else index
        record = self._rows(source.row())
        column = index.column()
        option.index = index  # type: ignore[assignment]
        text = model.cell_texts(record)[column]
        if text:
            option.features = option.features | _HAS_DISPLAY
            option.text = text
        foreground = model.foreground(record, column)
        if foreground is not None:
            palette = option.palette
            palette.setBrush(_TEXT, foreground)
            option.palette = palette
        if column == COL_STAGE:
            option.features = option.features | _HAS_DECORATION
            option.icon = model.stage_icon(record[0])
        elif column == COL_LATENCY:
            option.displayAlignment = RIGHT
        background = model.background(record)
        if background is not None:
            option.backgroundBrush = background
        bold = model.bold(record)
        if bold is not None:
            font = bold.resolve(option.font)
            option.font = font
            option.fontMetrics = QFontMetrics(font)
        option.styleObject = None  # type: ignore[assignment]  # no style animations in a view
