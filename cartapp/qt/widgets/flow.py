"""``FlowDock`` (``flowView``): where events go, and what users do next.

- ``FlowDiagram`` paints the design's chain ``sources -> bus -> handlers -> consumers`` with live
  counts on the arrows and the stage probabilities between the columns. Losses get their own red
  sinks under the column where they happen: *dropped* under the bus (no handler), *failed* under the
  handlers (a handler raised), *rejected* under the consumers (answered by ``CommandRejected``).
- ``TransitionHeatmap`` paints the Markov transition matrix of user actions: one cell per
  ``current -> next`` pair, shaded by probability with the probability (and count) written in it,
  the stationary distribution as a last column, the current action's row outlined and the most
  likely next action marked. An action never followed by anything (only seen last) has an empty row.

Both are painted with ``QPainter`` in palette colours. The dock redraws on ``FlowFeed.updated``
while visible and exports the heatmap as PNG (``QWidget.grab()``) and the statistics as CSV.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from cartapp.qt.models.event_log import format_duration
from cartapp.qt.models.metrics import feed_for, format_ratio
from cartapp.qt.style import accent_colors
from cartapp.qt.widgets.metrics import AdaptiveSplitter, is_dark, save_text

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

    from cartapp.analytics import FlowReport, FlowSnapshot, FlowStats, TransitionMatrix, TypeStats
    from cartapp.qt.bridge import QtBridge
    from cartapp.qt.models.metrics import FlowFeed

__all__ = ["FlowDiagram", "FlowDock", "TransitionHeatmap", "blend"]

_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` (0..1) of the way to ``b``."""
    t = min(max(t, 0.0), 1.0)
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def _arrow(painter: QPainter, start: QPointF, end: QPointF, colour: QColor, width: float) -> None:
    """A straight arrow with a filled head at ``end``."""
    painter.setPen(QPen(colour, width, painter.pen().style()))
    painter.drawLine(start, end)
    dx, dy = end.x() - start.x(), end.y() - start.y()
    length = max((dx * dx + dy * dy) ** 0.5, 1e-6)
    ux, uy = dx / length, dy / length
    size = 5 + width
    left = QPointF(end.x() - ux * size - uy * size * 0.6, end.y() - uy * size + ux * size * 0.6)
    right = QPointF(end.x() - ux * size + uy * size * 0.6, end.y() - uy * size - ux * size * 0.6)
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPolygon(QPolygonF([end, left, right]))
    painter.restore()


@dataclass
class _Node:
    rect: QRectF
    title: str
    lines: list[tuple[str, bool]]  # (text, is a loss)
    loss: bool = False


class FlowDiagram(QWidget):
    """``sources -> bus -> handlers -> consumers`` with counts, probabilities and loss sinks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flowDiagram")
        self.setAccessibleName("Event flow diagram")
        self.setMinimumSize(420, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.flow: FlowSnapshot | None = None
        self.total: TypeStats | None = None

    def sizeHint(self) -> QSize:
        return QSize(560, 300)

    def set_flow(self, flow: FlowSnapshot, total: TypeStats) -> None:
        if flow == self.flow and total == self.total:
            return
        self.flow, self.total = flow, total
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self) -> str:
        """The diagram as one sentence per column (accessibility and tests)."""
        flow, total = self.flow, self.total
        if flow is None or total is None:
            return "No events yet."
        sources = ", ".join(f"{s.name} {s.generated}" for s in flow.sources) or "none"
        handlers = ", ".join(
            f"{h.name} {h.transmitted} in, {h.handled} handled, {h.failed} failed"
            for h in flow.handlers
        )
        return (
            f"Sources: {sources}. Bus: {flow.generated} generated, {flow.transmitted} "
            f"transmitted, {flow.dropped} dropped. Handlers: {handlers or 'none'}. "
            f"Consumers: {flow.consumed} consumed, {flow.consumed_ok} accepted, "
            f"{flow.rejected} rejected. P(t|e) {format_ratio(total.p_t)}, "
            f"P(h|e) {format_ratio(total.p_h)}, P(c|h) {format_ratio(total.p_c)}."
        )

    # -- painting ---------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        dark = is_dark(palette)
        colours = {
            "base": palette.color(QPalette.ColorRole.Base),
            "text": palette.color(QPalette.ColorRole.Text),
            "muted": palette.color(QPalette.ColorRole.PlaceholderText),
            "line": palette.color(QPalette.ColorRole.Mid),
            "box": palette.color(QPalette.ColorRole.AlternateBase),
            "flow": palette.color(QPalette.ColorRole.Highlight),
            "danger": QColor(accent_colors(dark)["danger"]),
            "danger_bg": QColor(accent_colors(dark)["danger_bg"]),
            "ok": QColor(accent_colors(dark)["success"]),
        }
        painter.fillRect(self.rect(), colours["base"])
        fm = self.fontMetrics()
        lh = fm.height()
        w, h = float(self.width()), float(self.height())
        flow, total = self.flow, self.total

        titles = ("Sources", "Bus", "Handlers", "Consumers")
        col_w = w / 4
        box_w = min(col_w - 24, 190.0)
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(colours["muted"])
        for i, title in enumerate(titles):
            painter.drawText(QRectF(i * col_w, 4, col_w, lh), _CENTER, title)
        painter.setFont(self.font())

        loss_h = 2 * lh + 10
        top = 8 + lh + 6 + lh  # column titles, then room for the probability captions
        bottom = h - loss_h - 16
        if bottom - top < 2 * lh:
            painter.end()
            return

        def cx(col: int) -> float:
            return col * col_w + col_w / 2

        def stack(col: int, nodes: list[tuple[str, list[tuple[str, bool]], bool]]) -> list[_Node]:
            heights = [(1 + len(lines)) * lh + 10 for _, lines, _ in nodes]
            gap = 8.0
            total_h = sum(heights) + gap * (len(nodes) - 1)
            y = top + max(0.0, (bottom - top - total_h) / 2)
            out = []
            for (title, lines, loss), height in zip(nodes, heights, strict=True):
                rect = QRectF(cx(col) - box_w / 2, y, box_w, height)
                out.append(_Node(rect, title, lines, loss))
                y += height + gap
            return out

        if flow is None or total is None:
            sources_nodes = stack(0, [("ui", [("0 generated", False)], False)])
            bus = stack(1, [("Event bus", [("0 messages", False)], False)])[0]
            handler_nodes: list[_Node] = []
            consumers = stack(3, [("Views", [("0 consumed", False)], False)])[0]
            dropped = failed = rejected = 0
            p_t = p_h = p_c = "—"
        else:
            sources_nodes = stack(
                0,
                [(s.name, [(f"{s.generated:,} generated", False)], False) for s in flow.sources[:5]]
                or [("ui", [("0 generated", False)], False)],
            )
            bus = stack(
                1,
                [
                    (
                        "Event bus",
                        [
                            (f"{flow.generated:,} messages", False),
                            (f"{flow.deliveries:,} deliveries", False),
                        ],
                        False,
                    )
                ],
            )[0]
            handler_nodes = stack(
                2,
                [
                    (
                        hs.name,
                        [
                            (f"{hs.handled:,} handled", False),
                            (f"{hs.failed:,} failed", hs.failed > 0),
                            (
                                f"p50 {format_duration(hs.timing.p50)}"
                                if hs.timing.count
                                else "p50 —",
                                False,
                            ),
                        ],
                        hs.failed > 0,
                    )
                    for hs in flow.handlers[:5]
                ],
            )
            consumers = stack(
                3,
                [
                    (
                        "Consumers",
                        [
                            (f"{flow.consumed:,} consumed", False),
                            (f"{flow.consumed_ok:,} accepted", False),
                        ],
                        False,
                    )
                ],
            )[0]
            dropped, failed, rejected = flow.dropped, flow.failed, flow.rejected
            p_t, p_h, p_c = (format_ratio(r) for r in (total.p_t, total.p_h, total.p_c))

        # Probability captions between the columns.
        painter.setPen(colours["muted"])
        for col, label in ((1.5, f"P(t|e) {p_t}"), (2.5, f"P(h|e) {p_h}")):
            painter.drawText(QRectF(col * col_w - col_w / 2, 6 + lh, col_w, lh), _CENTER, label)
        painter.drawText(QRectF(3 * col_w, 6 + lh, col_w, lh), _CENTER, f"P(c|h) {p_c}")

        # Arrows first, boxes over them.
        def label_on(a: QPointF, b: QPointF, text: str, colour: QColor) -> None:
            mid = QPointF((a.x() + b.x()) / 2, (a.y() + b.y()) / 2)
            width = fm.horizontalAdvance(text) + 8
            rect = QRectF(mid.x() - width / 2, mid.y() - lh / 2 - 1, width, lh + 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colours["base"])
            painter.drawRoundedRect(rect, 3, 3)
            painter.setPen(colours["text"] if colour == colours["flow"] else colour)
            painter.drawText(rect, _CENTER, text)

        flow_pen = colours["flow"]
        if flow is not None:
            for node, source in zip(sources_nodes, flow.sources[:5], strict=False):
                a = QPointF(node.rect.right(), node.rect.center().y())
                b = QPointF(bus.rect.left(), bus.rect.center().y())
                _arrow(painter, a, b, flow_pen, 1.5)
                label_on(a, b, f"{source.generated:,}", flow_pen)
            for node, hs in zip(handler_nodes, flow.handlers[:5], strict=False):
                a = QPointF(bus.rect.right(), bus.rect.center().y())
                b = QPointF(node.rect.left(), node.rect.center().y())
                _arrow(painter, a, b, flow_pen, 1.5)
                label_on(a, b, f"{hs.transmitted:,}", flow_pen)
                c = QPointF(node.rect.right(), node.rect.center().y())
                d = QPointF(consumers.rect.left(), consumers.rect.center().y())
                _arrow(painter, c, d, flow_pen, 1.5)
                label_on(c, d, f"{hs.handled:,}", flow_pen)

        # Loss sinks under bus, handlers and consumers.
        sinks = (
            (1, "Dropped", dropped, "no handler"),
            (2, "Failed", failed, "handler raised"),
            (3, "Rejected", rejected, "CommandRejected"),
        )
        sink_y = h - loss_h - 6
        for col, title, count, why in sinks:
            rect = QRectF(cx(col) - box_w / 2, sink_y, box_w, loss_h)
            lossy = count > 0
            colour = colours["danger"] if lossy else colours["line"]
            above = bus if col == 1 else consumers if col == 3 else None
            start_y = (
                above.rect.bottom()
                if above
                else (max((n.rect.bottom() for n in handler_nodes), default=bottom))
            )
            pen_style = Qt.PenStyle.DashLine
            painter.setPen(QPen(colour, 1.5, pen_style))
            _arrow(painter, QPointF(cx(col), start_y), QPointF(cx(col), rect.top()), colour, 1.5)
            painter.setPen(QPen(colour, 1.5 if lossy else 1, pen_style))
            painter.setBrush(colours["danger_bg"] if lossy else colours["base"])
            painter.drawRoundedRect(rect, 6, 6)
            painter.setPen(colours["danger"] if lossy else colours["muted"])
            painter.setFont(bold)
            painter.drawText(
                QRectF(rect.left(), rect.top() + 4, rect.width(), lh), _CENTER, f"{title} {count:,}"
            )
            painter.setFont(self.font())
            painter.drawText(
                QRectF(rect.left(), rect.top() + 4 + lh, rect.width(), lh), _CENTER, why
            )

        for node in [*sources_nodes, bus, *handler_nodes, consumers]:
            self._paint_node(painter, node, colours, bold, fm)
        if flow is None or not flow.generated:
            painter.setPen(colours["muted"])
            painter.drawText(
                QRectF(0, h / 2 - lh, w, 2 * lh).translated(0, -lh * 3),
                _CENTER,
                "Use the cart: its events will flow through here",
            )
        painter.end()

    @staticmethod
    def _paint_node(
        painter: QPainter, node: _Node, colours: dict[str, QColor], bold: QFont, fm: QFontMetrics
    ) -> None:
        lh = fm.height()
        border = colours["danger"] if node.loss else colours["line"]
        painter.setPen(QPen(border, 1.5 if node.loss else 1))
        painter.setBrush(colours["box"])
        painter.drawRoundedRect(node.rect, 6, 6)
        painter.setFont(bold)
        painter.setPen(colours["text"])
        inner = node.rect.adjusted(6, 5, -6, -5)
        title = QFontMetrics(bold).elidedText(
            node.title, Qt.TextElideMode.ElideMiddle, int(inner.width())
        )
        painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), lh), _CENTER, title)
        normal = QFont(bold)
        normal.setBold(False)
        painter.setFont(normal)
        for i, (text, loss) in enumerate(node.lines, start=1):
            painter.setPen(colours["danger"] if loss else colours["text"])
            painter.drawText(
                QRectF(inner.left(), inner.top() + i * lh, inner.width(), lh), _CENTER, text
            )


class TransitionHeatmap(QWidget):
    """The Markov transition matrix of user actions as a shaded grid; see the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transitionHeatmap")
        self.setAccessibleName("Transition matrix of user actions")
        self.setMinimumSize(360, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.matrix: TransitionMatrix | None = None
        self.current: str | None = None
        self.prediction: tuple[str, float] | None = None
        self._cells: list[tuple[QRectF, str]] = []

    def sizeHint(self) -> QSize:
        return QSize(520, 280)

    def set_matrix(
        self,
        matrix: TransitionMatrix,
        current: str | None,
        prediction: tuple[str, float] | None,
    ) -> None:
        if (matrix, current, prediction) == (self.matrix, self.current, self.prediction):
            return
        self.matrix, self.current, self.prediction = matrix, current, prediction
        self.setAccessibleDescription(self.caption())
        self.update()

    def caption(self) -> str:
        if self.current is None:
            return "No user actions yet."
        text = f"Now: {self.current}"
        if self.prediction is None:
            return text + " · no prediction yet (never followed by another action)"
        name, p = self.prediction
        return text + f" · most likely next: {name} ({p:.0%})"

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            for rect, tip in self._cells:
                if rect.contains(QPointF(event.pos())):
                    QToolTip.showText(event.globalPos(), tip, self)
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        dark = is_dark(palette)
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        grid = palette.color(QPalette.ColorRole.Mid)
        hot = palette.color(QPalette.ColorRole.Highlight)
        hot_text = palette.color(QPalette.ColorRole.HighlightedText)
        pi_colour = QColor(accent_colors(dark)["success"])
        painter.fillRect(self.rect(), base)
        fm = self.fontMetrics()
        lh = fm.height()
        bold = QFont(self.font())
        bold.setBold(True)
        self._cells = []

        painter.setFont(bold)
        painter.setPen(text)
        painter.drawText(QPointF(8, 6 + fm.ascent()), "User actions: P(next | current)")
        painter.setFont(self.font())
        painter.setPen(muted)
        caption_y = self.height() - 6 - lh
        painter.drawText(QRectF(8, caption_y, self.width() - 16, lh), _LEFT, self.caption())

        m = self.matrix
        if m is None or not m.states:
            painter.drawText(
                QRectF(self.rect()),
                _CENTER | int(Qt.TextFlag.TextWordWrap),
                "The transition matrix fills in as you use the cart\n"
                "(it needs two actions in a row)",
            )
            painter.end()
            return

        n = len(m.states)
        label_w = max(fm.horizontalAdvance(s) for s in m.states) + 22
        top = 6 + lh + 6 + lh + 4
        area_w = self.width() - 8 - label_w - 8
        area_h = caption_y - 6 - top
        gap = 10.0
        cell_w = max(24.0, min(90.0, (area_w - gap) / (n + 1)))
        cell_h = max(lh + 4.0, min(48.0, area_h / n))
        left = 8 + label_w
        show_counts = cell_h >= 2 * lh + 4
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))

        # Column headers: targets, then the stationary distribution.
        for j, state in enumerate(m.states):
            rect = QRectF(left + j * cell_w, top - lh - 2, cell_w, lh)
            shown = fm.elidedText(state, Qt.TextElideMode.ElideRight, int(cell_w - 2))
            painter.setPen(text)
            painter.drawText(rect, _CENTER, shown)
            self._cells.append((rect, f"next action: {state}"))
        pi_left = left + n * cell_w + gap
        painter.setPen(pi_colour)
        painter.setFont(bold)
        painter.drawText(QRectF(pi_left, top - lh - 2, cell_w, lh), _CENTER, "π")
        painter.setFont(self.font())

        predicted = self.prediction[0] if self.prediction else None
        for i, source in enumerate(m.states):
            y = top + i * cell_h
            is_current = source == self.current
            painter.setFont(bold if is_current else self.font())
            painter.setPen(text)
            label = ("▶ " if is_current else "") + source
            painter.drawText(QRectF(8, y, label_w - 6, cell_h), _RIGHT, label)
            painter.setFont(self.font())
            row_total = sum(m.counts[i])
            for j, target in enumerate(m.states):
                rect = QRectF(left + j * cell_w, y, cell_w, cell_h).adjusted(1, 1, -1, -1)
                p = m.probabilities[i][j]
                count = m.counts[i][j]
                if row_total:
                    fill = blend(base, hot, p)
                    painter.setPen(QPen(grid, 0.5))
                    painter.setBrush(fill)
                    painter.drawRect(rect)
                    painter.setPen(hot_text if p > 0.5 else (text if count else muted))
                    value = f"{p:.2f}"
                    if show_counts:
                        painter.drawText(rect.adjusted(0, 2, 0, -lh + 2), _CENTER, value)
                        painter.setFont(small)
                        painter.drawText(rect.adjusted(0, lh - 2, 0, 0), _CENTER, f"{count}")
                        painter.setFont(self.font())
                    else:
                        painter.drawText(rect, _CENTER, value)
                    tip = f"{source} → {target}: {p:.3f} ({count} of {row_total})"
                else:
                    painter.setPen(QPen(grid, 0.5, Qt.PenStyle.DotLine))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(rect)
                    painter.setPen(muted)
                    painter.drawText(rect, _CENTER, "·")
                    tip = f"{source} was never followed by another action yet"
                self._cells.append((rect, tip))
            pi = m.stationary[i] if i < len(m.stationary) else 0.0
            rect = QRectF(pi_left, y, cell_w, cell_h).adjusted(1, 1, -1, -1)
            painter.setPen(QPen(grid, 0.5))
            painter.setBrush(blend(base, pi_colour, pi))
            painter.drawRect(rect)
            painter.setPen(base if pi > 0.5 else text)
            painter.drawText(rect, _CENTER, f"{pi:.2f}")
            self._cells.append((rect, f"stationary share of {source}: {pi:.3f}"))
        # The current row and the predicted cell, outlined.
        if self.current in m.states:
            i = m.index(self.current)
            outline = QRectF(left, top + i * cell_h, n * cell_w, cell_h)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(text, 1.5))
            painter.drawRect(outline)
            if predicted in m.states:
                j = m.index(predicted)
                painter.setPen(QPen(pi_colour, 2.5))
                painter.drawRect(
                    QRectF(left + j * cell_w, top + i * cell_h, cell_w, cell_h).adjusted(
                        2, 2, -2, -2
                    )
                )
        painter.end()


class FlowDock(QDockWidget):
    """The flow view: diagram above, heatmap below, export buttons on top."""

    def __init__(
        self,
        bridge: QtBridge,
        stats: FlowStats,
        parent: QWidget | None = None,
        *,
        feed: FlowFeed | None = None,
    ) -> None:
        super().__init__("Flow", parent)
        self.setObjectName("flowView")
        self.setAccessibleName("Flow view")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.bridge = bridge
        self.stats = stats
        self.feed = feed or feed_for(bridge, stats)
        self.refreshes = 0
        self._build()
        self.feed.updated.connect(self.refresh)

    def _build(self) -> None:
        body = QWidget(self)
        body.setObjectName("flowBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        bar = QHBoxLayout()
        self.status_label = QLabel(body)
        self.status_label.setObjectName("flowStatus")
        self.status_label.setProperty("role", "hint")
        bar.addWidget(self.status_label, 1)
        self.export_png_button = QToolButton(body)
        self.export_png_button.setObjectName("flowExportHeatmap")
        self.export_png_button.setText("Export heatmap PNG…")
        self.export_png_button.setAccessibleName("Export the heatmap as PNG")
        self.export_png_button.clicked.connect(self.ask_export_heatmap)
        bar.addWidget(self.export_png_button)
        self.export_csv_button = QToolButton(body)
        self.export_csv_button.setObjectName("flowExportCsv")
        self.export_csv_button.setText("Export CSV…")
        self.export_csv_button.setAccessibleName("Export statistics as CSV")
        self.export_csv_button.clicked.connect(self.ask_export_csv)
        bar.addWidget(self.export_csv_button)
        layout.addLayout(bar)

        self.diagram = FlowDiagram(body)
        self.heatmap = TransitionHeatmap(body)
        self.splitter = AdaptiveSplitter(body, wide=(11, 9), tall=(1, 1), ratio=1.3)
        self.splitter.setObjectName("flowSplitter")
        self.splitter.addWidget(self.diagram)
        self.splitter.addWidget(self.heatmap)
        layout.addWidget(self.splitter, 1)
        self.setWidget(body)

    @Slot()
    def refresh(self) -> None:
        if not self.isVisible():
            return
        self.show_report(self.feed.report())

    def show_report(self, report: FlowReport) -> None:
        self.refreshes += 1
        self.diagram.set_flow(report.flow, report.total)
        self.heatmap.set_matrix(report.markov, report.current_action, report.prediction)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    # -- export -----------------------------------------------------------------------------------

    def export_heatmap_png(self, path: str | Path) -> Path:
        """Render the heatmap (as it is now, with the latest numbers) to a PNG at ``path``."""
        self.feed.flush()
        self.show_report(self.feed.report())
        target = Path(path)
        if not self.heatmap.grab().save(str(target), "PNG"):
            raise OSError(f"could not write {target}")
        self.status_label.setText(f"Heatmap saved to {target.name}")
        return target

    def export_csv(self, path: str | Path) -> Path:
        self.feed.flush()
        target = save_text(path, self.stats.to_csv(end=time.time()))
        self.status_label.setText(f"Statistics saved to {target.name}")
        return target

    @Slot()
    def ask_export_heatmap(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export heatmap", "cartapp-transitions.png", "PNG images (*.png)"
        )
        if path:
            try:
                self.export_heatmap_png(path)
            except OSError as exc:
                self.status_label.setText(f"Could not save {path}: {exc}")

    @Slot()
    def ask_export_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export statistics", "cartapp-statistics.csv", "CSV files (*.csv)"
        )
        if path:
            try:
                self.export_csv(path)
            except OSError as exc:
                self.status_label.setText(f"Could not save {path}: {exc}")
