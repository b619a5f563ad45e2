"""``LogCellDelegate``: paints an event-log cell itself, with one Python call and a few draws.

Qt's ``QStyledItemDelegate`` fills a cell's style option by asking the model's ``data()`` once
per role (font, alignment, foreground, check state, decoration, display, background: seven calls
from C++ into Python per cell, each through the filter proxy), then lets the style lay the cell
out and draw it. A full log viewport is some 40 rows of 7 cells, repainted up to 30 times a
second under a flood, so that was most of a repaint.

This delegate draws the cell the way Fusion draws a view item (the alternate base, the row's
tint, the selection, the stage's dot, the text elided at the right, the focus frame) from the
source model's plain Python methods (``cell_texts``, kept per row, and ``background``,
``foreground``, ``bold``, ``stage_icon``), which say the same as ``data()``. What a row looks like
is worked out once per paint pass, for its first cell, and kept for its other six:
``EventLogView.paintEvent`` calls ``new_frame()`` before each pass. Elided texts are kept per
(text, width, font), as most cells of a log repeat a few words (stages, types, sources).
``initStyleOption`` says the same for Qt's other callers (size hints); tooltips and accessibility
still ask ``data()``. ``cartapp.qt.bench.ui`` measures a repaint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, cast

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
)

from cartapp.qt.models.base import RIGHT
from cartapp.qt.models.event_log import COL_LATENCY, COL_STAGE, COLUMNS

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from cartapp.qt.models.event_log import EventLogModel
    from cartapp.qt.models.log_filter import EventLogFilter

__all__ = ["LogCellDelegate"]

_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_HAS_DECORATION = QStyleOptionViewItem.ViewItemFeature.HasDecoration
_ALTERNATE = QStyleOptionViewItem.ViewItemFeature.Alternate
_TEXT = QPalette.ColorRole.Text
_HIGHLIGHTED_TEXT = QPalette.ColorRole.HighlightedText
_HIGHLIGHT = QPalette.ColorRole.Highlight
_ALTERNATE_BASE = QPalette.ColorRole.AlternateBase
_BASE = QPalette.ColorRole.Base
_SELECTED = QStyle.StateFlag.State_Selected
_HAS_FOCUS = QStyle.StateFlag.State_HasFocus
_ACTIVE = QStyle.StateFlag.State_Active
_KEYBOARD_FOCUS = QStyle.StateFlag.State_KeyboardFocusChange
_ITEM = QStyle.StateFlag.State_Item
_ACTIVE_GROUP = QPalette.ColorGroup.Active
_INACTIVE_GROUP = QPalette.ColorGroup.Inactive
_FOCUS_FRAME = QStyle.PrimitiveElement.PE_FrameFocusRect
_ELIDE = Qt.TextElideMode.ElideRight
_NORMAL_ICON = QIcon.Mode.Normal
_SELECTED_ICON = QIcon.Mode.Selected
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_MARGIN = 3
"""Pixels around a cell's dot and around its text, as Fusion lays a view item out (its item
margin, ``PM_FocusFrameHMargin`` + 1)."""
_ELIDED_KEPT = 4096


class _RowLook(NamedTuple):
    """How one row is drawn in the current paint pass (the same for its seven cells)."""

    fills: tuple[QBrush, ...]
    texts: tuple[str, ...]
    pens: tuple[QColor, ...]
    font: QFont
    bold: bool
    dot: QPixmap
    current: bool
    selected: bool


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
        self._frame: dict[int, _RowLook] = {}
        self._elided: dict[tuple[str, int, bool], str] = {}
        self._pixmaps: dict[tuple[int, bool], tuple[QIcon, QPixmap]] = {}

    def new_frame(self) -> None:
        """A paint pass begins: rows are looked at anew (the model or the palette may have
        changed since the last one)."""
        self._frame.clear()

    # -- painting ---------------------------------------------------------------------------

    def _pixmap(self, icon: QIcon, size: int, selected: bool) -> QPixmap:
        """``icon`` as a ``size`` pixmap, made once per icon and mode (a selected row's dot is
        Qt's selected variant, tinted by the highlight, as Qt draws it)."""
        key = (id(icon), selected)
        kept = self._pixmaps.get(key)
        if kept is None or kept[0] is not icon or kept[1].width() != size:
            if len(self._pixmaps) > 64:
                self._pixmaps.clear()
            mode = _SELECTED_ICON if selected else _NORMAL_ICON
            kept = self._pixmaps[key] = (icon, icon.pixmap(size, size, mode))
        return kept[1]

    def _look(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> _RowLook:
        """How ``index``'s row is drawn, from the model and the view's option."""
        model = self._model
        source = self._to_source(index) if index.model() is self._proxy else index
        record = self._rows(source.row())
        state = option.state
        group = _ACTIVE_GROUP if state & _ACTIVE else _INACTIVE_GROUP
        selected = bool(state & _SELECTED)
        # copies, all of them: Qt hands out references into the option's palette, which is
        # gone once this cell is painted, and the look is kept for the row's other cells
        palette = option.palette
        fills: tuple[QBrush, ...]
        if selected:
            fills = (QBrush(palette.brush(group, _HIGHLIGHT)),)
        elif option.features & _ALTERNATE:
            fills = (QBrush(palette.brush(group, _ALTERNATE_BASE)),)
        else:
            fills = ()
        if not selected:
            background = model.background(record)
            if background is not None:
                fills = (*fills, QBrush(background))
        if selected:
            pens = (QColor(palette.color(group, _HIGHLIGHTED_TEXT)),) * len(COLUMNS)
        else:
            text = QColor(palette.color(group, _TEXT))
            pens = tuple(
                text if brush is None else QColor(brush.color())
                for brush in (model.foreground(record, column) for column in range(len(COLUMNS)))
            )
        bold = model.bold(record)
        font = QFont(option.font) if bold is None else bold.resolve(option.font)
        dot = self._pixmap(model.stage_icon(record[0]), option.decorationSize.height(), selected)
        view = option.widget
        current = view is not None and view.currentIndex().row() == index.row()  # type: ignore[attr-defined]
        look = _RowLook(
            fills, model.cell_texts(record), pens, font, bold is not None, dot, current, selected
        )
        self._frame[index.row()] = look
        return look

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Draw the cell (see the module docstring)."""
        look = self._frame.get(index.row())
        if look is None:
            look = self._look(option, index)
        rect = option.rect
        for brush in look.fills:
            painter.fillRect(rect, brush)
        left, top, width, height = cast("tuple[int, int, int, int]", rect.getRect())
        right = left + width - _MARGIN
        left += _MARGIN
        column = index.column()
        if column == COL_STAGE:
            dot = look.dot
            painter.drawPixmap(left, top + (height - dot.height()) // 2, dot)
            left += dot.width() + 2 * _MARGIN  # the dot's margin, then the text's
        text = look.texts[column]
        if text:
            painter.setFont(look.font)
            painter.setPen(look.pens[column])
            room = right - left
            key = (text, room, look.bold)
            elided = self._elided.get(key)
            if elided is None:
                if len(self._elided) >= _ELIDED_KEPT:
                    self._elided.clear()
                elided = self._elided[key] = painter.fontMetrics().elidedText(text, _ELIDE, room)
            align = _RIGHT if column == COL_LATENCY else _LEFT
            painter.drawText(left, top, room, height, align, elided)
        if look.current and option.state & _HAS_FOCUS:
            _focus_frame(painter, option, look.selected)

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


def _focus_frame(painter: QPainter, option: QStyleOptionViewItem, selected: bool) -> None:
    """The current cell's focus frame, as ``QCommonStyle`` draws it for a view item."""
    widget = option.widget
    style = widget.style() if widget is not None else None
    if style is None:
        return
    frame = QStyleOptionFocusRect()
    frame.rect = option.rect
    frame.state = option.state | _KEYBOARD_FOCUS | _ITEM
    frame.palette = option.palette
    frame.backgroundColor = option.palette.color(_HIGHLIGHT if selected else _BASE)
    style.drawPrimitive(_FOCUS_FRAME, frame, painter, widget)
