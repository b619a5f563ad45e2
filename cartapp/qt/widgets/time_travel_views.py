"""The time travel dock's widgets: its step buttons with their painted icons, and its cart table.

``step_icon`` paints the first/previous/next/last triangles in the palette's colours (the style's
media icons are dark on dark, and some fonts lack the glyphs); ``step_button`` makes the buttons
that carry them. ``cart_view`` makes the read-only ``timeTravelCartView`` table over a
``LinesModel``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cartapp.qt.models.lines import COL_PRODUCT, LINE_COLUMNS

if TYPE_CHECKING:
    from cartapp.qt.models.lines import LinesModel

__all__ = ["banner_frame", "cart_view", "diff_pane", "step_button", "step_icon"]


def step_icon(step: int, colour: QColor, disabled: QColor) -> QIcon:
    """A triangle (with a bar for first/last) pointing the way ``step`` goes, in the palette's
    colours: the style's media icons are dark on dark and some fonts lack the glyphs."""
    result = QIcon()
    for mode, pen in ((QIcon.Mode.Normal, colour), (QIcon.Mode.Disabled, disabled)):
        pixmap = QPixmap(16, 16)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pen)
        if step < 0:
            triangle = QPolygonF([QPointF(12, 3), QPointF(12, 13), QPointF(5, 8)])
        else:
            triangle = QPolygonF([QPointF(4, 3), QPointF(4, 13), QPointF(11, 8)])
        painter.drawPolygon(triangle)
        if step == -2:
            painter.drawRect(QRectF(2.5, 3, 2, 10))
        elif step == 2:
            painter.drawRect(QRectF(11.5, 3, 2, 10))
        painter.end()
        result.addPixmap(pixmap, mode)
    return result


def step_button(parent: QWidget, name: str, tip: str, step: int) -> QToolButton:
    """An icon-only step button; its ``step`` property says where it goes (``step_icon``)."""
    button = QToolButton(parent)
    button.setObjectName(name)
    button.setText(tip)
    button.setProperty("step", step)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    button.setAccessibleName(tip)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    return button


def cart_view(parent: QWidget, model: LinesModel, row_height: int) -> QTableView:
    """The read-only table of the cart at the selected message, rows ``row_height`` high."""
    view = QTableView(parent)
    view.setObjectName("timeTravelCartView")
    view.setAccessibleName(
        QCoreApplication.translate("TimeTravelDock", "The cart at the selected message (read only)")
    )
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(row_height)
    view.setMinimumHeight(60)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    metrics = view.fontMetrics()
    for column, sample in ((1, "€9,999.99"), (2, "Qty"), (3, "€99,999.99")):
        caption = LINE_COLUMNS[column]
        width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(caption))
        header.resizeSection(column, width + 20)
    header.setSectionResizeMode(COL_PRODUCT, QHeaderView.ResizeMode.Stretch)
    return view


def banner_frame(parent: QWidget) -> tuple[QFrame, QLabel, QPushButton]:
    """The ``timeTravelBannerFrame`` with its ``timeTravelBanner`` label and the "Back to live"
    button (``timeTravelLiveButton``), which the dock connects."""
    frame = QFrame(parent)
    frame.setObjectName("timeTravelBannerFrame")
    banner_layout = QHBoxLayout(frame)
    banner_layout.setContentsMargins(10, 6, 6, 6)
    label = QLabel(frame)
    label.setObjectName("timeTravelBanner")
    label.setAccessibleName(
        QCoreApplication.translate("TimeTravelDock", "What the time travel view shows")
    )
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    banner_layout.addWidget(label, 1)
    button = QPushButton(QCoreApplication.translate("TimeTravelDock", "Back to live"), frame)
    button.setObjectName("timeTravelLiveButton")
    button.setAccessibleName(QCoreApplication.translate("TimeTravelDock", "Back to live"))
    button.setToolTip(
        QCoreApplication.translate("TimeTravelDock", "Show the current cart again and follow it")
    )
    button.setAutoDefault(False)
    banner_layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
    return frame, label, button


def diff_pane(parent: QWidget) -> tuple[QWidget, QLabel]:
    """The "Changed by this message" box and its ``timeTravelDiff`` label."""
    diff_box = QWidget(parent)
    diff_layout = QVBoxLayout(diff_box)
    diff_layout.setContentsMargins(0, 0, 0, 0)
    diff_caption = QLabel(
        QCoreApplication.translate("TimeTravelDock", "Changed by this message"), diff_box
    )
    diff_caption.setProperty("role", "hint")
    diff_layout.addWidget(diff_caption)
    label = QLabel(diff_box)
    label.setObjectName("timeTravelDiff")
    label.setAccessibleName(
        QCoreApplication.translate("TimeTravelDock", "What this message changed")
    )
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    diff_layout.addWidget(label, 1)
    return diff_box, label
