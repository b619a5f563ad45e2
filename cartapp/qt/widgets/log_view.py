"""``EventLogView``: the event log's table, and the hints it paints when it has no rows.

The view has fixed-height rows and no row header, sizes its columns from the font (never from the
rows, which may be tens of thousands) and paints a hint when it has no rows: ``EMPTY_HINT``,
``NO_MATCH_HINT`` or ``PAUSED_HINT``.

A row that leaves the view (hidden by a filter, dropped by the cap) takes the selection with it.
Qt's single-selection views instead select the row after it, a record the user never picked, and
do it in the middle of the model's removal, where a slot that answers the selection change by
touching the model re-enters a model that is half changed (this recursed until the app crashed).
The event log dock keeps the selected record itself and selects it again once it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from cartapp.qt.i18n import QT_TRANSLATE_NOOP
from cartapp.qt.models.event_log import (
    COL_CORRELATION,
    COL_LATENCY,
    COL_SOURCE,
    COL_STAGE,
    COL_SUMMARY,
    COL_TIME,
    COL_TYPE,
)
from cartapp.qt.widgets.log_cells import LogCellDelegate

__all__ = ["EMPTY_HINT", "NO_MATCH_HINT", "PAUSED_HINT", "EventLogView"]

EMPTY_HINT = QT_TRANSLATE_NOOP("EventLogView", "Events appear here as you use the cart")
NO_MATCH_HINT = QT_TRANSLATE_NOOP("EventLogView", "No recorded events match the filter")
PAUSED_HINT = QT_TRANSLATE_NOOP(
    "EventLogView", "The view is paused: records are stored and counted, shown when you resume"
)
"""The hints in English; the view paints them translated (context ``EventLogView``)."""


class EventLogView(QTableView):
    """The log table: fixed-height rows, no row header, and a hint painted when it is empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_hint = self.tr(EMPTY_HINT)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.setIconSize(QSize(12, 12))
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def size_columns(self) -> None:
        """Widths from the font, not from the rows (measuring 20,000 rows would be slow)."""
        bold = self.font()
        bold.setBold(True)  # rejections and failures are bold: size for them
        metrics = QFontMetrics(bold)
        pad = 16

        def width(sample: str) -> int:
            return metrics.horizontalAdvance(sample) + pad

        header = self.horizontalHeader()
        widths = {
            COL_TIME: width("00:00:00.000"),
            COL_STAGE: width("transmitted") + self.iconSize().width() + 6,
            COL_TYPE: width("CommandRejected"),
            COL_SOURCE: width("→ CartHandler"),
            COL_CORRELATION: width("Correlation"),
            COL_LATENCY: width("999.9 ms"),
        }
        for column, pixels in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, pixels)
        self.fixed_width = sum(widths.values())
        """Pixels taken by every column but the summary (the splitter leaves room for them)."""
        header.setSectionResizeMode(COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(metrics.horizontalAdvance("Time") + pad)
        # Summary stretches; keep latency (the last column) visible at the right edge.
        header.setStretchLastSection(False)

    def rowsAboutToBeRemoved(
        self, parent: QModelIndex | QPersistentModelIndex, start: int, end: int
    ) -> None:
        """Rows ``start..end`` are leaving: if the current row is one of them, select nothing
        (not the next row, as ``QAbstractItemView`` would; see the module docstring)."""
        current = self.currentIndex()
        if current.isValid() and current.parent() == parent and start <= current.row() <= end:
            self.selectionModel().clear()
        super().rowsAboutToBeRemoved(parent, start, end)

    def paintEvent(self, event: QPaintEvent) -> None:
        delegate = self.itemDelegate()
        if isinstance(delegate, LogCellDelegate):
            delegate.new_frame()  # it keeps what a row looks like for one paint pass only
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0 and self.empty_hint:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.viewport().rect().adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.empty_hint,
            )
            painter.end()
