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
Given ``scopes`` it has a scope selector (``flowScope``) on the same scopes as the metrics
panel's, so both views always count the same traffic.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
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

from cartapp.analytics import SourceFlow
from cartapp.qt.models.event_log import format_duration
from cartapp.qt.models.metrics import feed_for, format_ratio
from cartapp.qt.style import accent_colors
from cartapp.qt.widgets.metrics import (
    AdaptiveSplitter,
    ScopeSelector,
    is_dark,
    save_text,
    scope_file_name,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

    from cartapp.analytics import FlowReport, FlowSnapshot, FlowStats, TransitionMatrix, TypeStats
    from cartapp.qt.bridge import QtBridge
    from cartapp.qt.models.metrics import FlowFeed
    from cartapp.qt.models.scopes import StatsScopes

__all__ = ["Edge", "FlowDiagram", "FlowDock", "Node", "TransitionHeatmap", "blend"]

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


def _arrow(
    painter: QPainter, start: QPointF, end: QPointF, colour: QColor, width: float, dashed: bool
) -> None:
    """A straight arrow with a filled head at ``end``."""
    style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
    painter.setPen(QPen(colour, width, style))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    dx, dy = end.x() - start.x(), end.y() - start.y()
    length = max((dx * dx + dy * dy) ** 0.5, 1e-6)
    ux, uy = dx / length, dy / length
    size = 5 + width
    painter.drawLine(start, QPointF(end.x() - ux * size * 0.8, end.y() - uy * size * 0.8))
    left = QPointF(end.x() - ux * size - uy * size * 0.6, end.y() - uy * size + ux * size * 0.6)
    right = QPointF(end.x() - ux * size + uy * size * 0.6, end.y() - uy * size - ux * size * 0.6)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPolygon(QPolygonF([end, left, right]))


@dataclass
class Node:
    """A box of the diagram: a title and lines of text (``(text, is_a_loss)``)."""

    key: str
    rect: QRectF
    title: str
    lines: list[tuple[str, bool]] = field(default_factory=list)
    loss: bool = False
    sink: bool = False


@dataclass
class Edge:
    """An arrow with its count; ``at`` is where along it the label sits (0..1)."""

    start: QPointF
    end: QPointF
    label: str = ""
    at: float = 0.5
    loss: bool = False
    sink: bool = False


MAX_BOXES = 5
"""Sources or handlers drawn per column; the rest are summed in a "+N more" box."""


class FlowDiagram(QWidget):
    """``sources -> bus -> handlers -> consumers`` with counts, probabilities and loss sinks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flowDiagram")
        self.setAccessibleName("Event flow diagram")
        # Four columns need the width; the height may shrink to the event log's (it clips).
        self.setMinimumSize(580, 80)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.flow: FlowSnapshot | None = None
        self.total: TypeStats | None = None

    def sizeHint(self) -> QSize:
        return QSize(620, 300)

    def set_flow(self, flow: FlowSnapshot, total: TypeStats) -> None:
        if flow == self.flow and total == self.total:
            return
        self.flow, self.total = flow, total
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self) -> str:
        """The diagram in words (accessibility and tests)."""
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

    # -- layout -----------------------------------------------------------------------------------

    def layout_diagram(self) -> tuple[list[Node], list[Edge], list[tuple[QRectF, str]]]:
        """Boxes, arrows and captions for the current size and numbers."""
        fm = self.fontMetrics()
        lh = float(fm.height())
        w, h = float(self.width()), float(self.height())
        flow = self.flow
        col_w = w / 4
        box_w = min(max(col_w * 0.64, 118.0), 200.0)  # room between the columns for the counts
        compact = h < 330
        sink_h = (1 if compact else 2) * lh + 10
        sink_y = h - sink_h - 6
        top = 8 + 2 * lh + 10
        bottom = sink_y - 18

        def cx(col: int) -> float:
            return col * col_w + col_w / 2

        def stack(col: int, nodes: list[Node]) -> list[Node]:
            for node in nodes:
                node.rect.setWidth(box_w)
                node.rect.setHeight((1 + len(node.lines)) * lh + 10)
            gap = 8.0
            needed = sum(n.rect.height() for n in nodes) + gap * (len(nodes) - 1)
            if needed > bottom - top:  # too tall: keep the titles and the loss lines only
                for node in nodes:
                    node.lines = [line for line in node.lines if line[1]][:1]
                    node.rect.setHeight((1 + len(node.lines)) * lh + 10)
                gap = 4.0
                needed = sum(n.rect.height() for n in nodes) + gap * (len(nodes) - 1)
            y = top + max(0.0, (bottom - top - needed) / 2)
            for node in nodes:
                node.rect.moveTopLeft(QPointF(cx(col) - box_w / 2, y))
                y += node.rect.height() + gap
            return nodes

        sources = list(flow.sources) if flow else []
        handlers = list(flow.handlers) if flow else []
        source_nodes = [
            Node(f"source:{s.name}", QRectF(), s.name) for s in sources[:MAX_BOXES]
        ] or [Node("source:ui", QRectF(), "ui")]
        if len(sources) > MAX_BOXES:
            rest = sum(s.generated for s in sources[MAX_BOXES:])
            source_nodes.append(Node("source:more", QRectF(), f"+{len(sources) - MAX_BOXES} more"))
            sources = [*sources[:MAX_BOXES], SourceFlow("more", rest, 0, 0)]
        stack(0, source_nodes)
        generated = flow.generated if flow else 0
        deliveries = flow.deliveries if flow else 0
        (bus,) = stack(
            1,
            [
                Node(
                    "bus",
                    QRectF(),
                    "Event bus",
                    [(f"{generated:,} messages", False), (f"{deliveries:,} deliveries", False)],
                )
            ],
        )
        handler_nodes = stack(
            2,
            [
                Node(
                    f"handler:{hs.name}",
                    QRectF(),
                    hs.name,
                    [
                        (f"{hs.handled:,} handled", False),
                        (f"{hs.failed:,} failed", hs.failed > 0),
                        *(
                            [(f"p50 {format_duration(hs.timing.p50)}", False)]
                            if hs.timing.count and not compact
                            else []
                        ),
                    ],
                    loss=hs.failed > 0,
                )
                for hs in handlers[:MAX_BOXES]
            ],
        )
        consumed = flow.consumed if flow else 0
        accepted = flow.consumed_ok if flow else 0
        (consumers,) = stack(
            3,
            [
                Node(
                    "consumers",
                    QRectF(),
                    "Consumers",
                    [(f"{consumed:,} consumed", False), (f"{accepted:,} accepted", False)],
                )
            ],
        )

        edges: list[Edge] = []
        for node, source in zip(source_nodes, sources, strict=False):
            a = QPointF(node.rect.right(), node.rect.center().y())
            b = QPointF(bus.rect.left(), bus.rect.center().y())
            edges.append(Edge(a, b, f"{source.generated:,}", 0.35))
        for node, hs in zip(handler_nodes, handlers, strict=False):
            a = QPointF(bus.rect.right(), bus.rect.center().y())
            b = QPointF(node.rect.left(), node.rect.center().y())
            edges.append(Edge(a, b, f"{hs.transmitted:,}", 0.68))
            c = QPointF(node.rect.right(), node.rect.center().y())
            d = QPointF(consumers.rect.left(), consumers.rect.center().y())
            edges.append(Edge(c, d, f"{hs.handled:,}", 0.32))

        dropped = flow.dropped if flow else 0
        failed = flow.failed if flow else 0
        rejected = flow.rejected if flow else 0
        handlers_bottom = max((n.rect.bottom() for n in handler_nodes), default=bus.rect.bottom())
        sinks = (
            ("dropped", 1, "Dropped", dropped, "no handler", bus.rect.bottom()),
            ("failed", 2, "Failed", failed, "handler raised", handlers_bottom),
            ("rejected", 3, "Rejected", rejected, "CommandRejected", consumers.rect.bottom()),
        )
        nodes = [*source_nodes, bus, *handler_nodes, consumers]
        for key, col, title, count, why, above in sinks:
            rect = QRectF(cx(col) - box_w / 2, sink_y, box_w, sink_h)
            text = f"{title} {count:,}"
            lines = [] if compact else [(why, count > 0)]
            nodes.append(Node(key, rect, text, lines, loss=count > 0, sink=True))
            edges.append(
                Edge(QPointF(cx(col), above), QPointF(cx(col), sink_y), loss=count > 0, sink=True)
            )

        total = self.total
        p_t, p_h, p_c = (
            (
                format_ratio(total.p_t, compact=True),
                format_ratio(total.p_h, compact=True),
                format_ratio(total.p_c, compact=True),
            )
            if total
            else ("—", "—", "—")
        )
        captions = [
            (QRectF(i * col_w, 4, col_w, lh), title)
            for i, title in enumerate(("Sources", "Bus", "Handlers", "Consumers"))
        ]
        captions += [
            (QRectF(1.5 * col_w - col_w / 2, 6 + lh, col_w, lh), f"P(t|e) {p_t}"),
            (QRectF(2.5 * col_w - col_w / 2, 6 + lh, col_w, lh), f"P(h|e) {p_h}"),
            (QRectF(3 * col_w, 6 + lh, col_w, lh), f"P(c|h) {p_c}"),
        ]
        return nodes, edges, captions

    # -- painting ---------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        dark = is_dark(palette)
        accents = accent_colors(dark)
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        line = palette.color(QPalette.ColorRole.Mid)
        box = palette.color(QPalette.ColorRole.AlternateBase)
        flow_colour = palette.color(QPalette.ColorRole.Highlight)
        danger = QColor(accents["danger"])
        danger_bg = QColor(accents["danger_bg"])
        painter.fillRect(self.rect(), base)
        fm = self.fontMetrics()
        lh = fm.height()
        bold = QFont(self.font())
        bold.setBold(True)
        nodes, edges, captions = self.layout_diagram()

        for i, (rect, caption) in enumerate(captions):
            painter.setFont(bold if i < 4 else self.font())
            painter.setPen(muted)
            painter.drawText(rect, _CENTER, caption)
        painter.setFont(self.font())

        for edge in edges:
            colour = danger if edge.loss else (line if edge.sink else flow_colour)
            _arrow(painter, edge.start, edge.end, colour, 1.5, edge.sink)
            if edge.label:
                x = edge.start.x() + (edge.end.x() - edge.start.x()) * edge.at
                y = edge.start.y() + (edge.end.y() - edge.start.y()) * edge.at
                width = fm.horizontalAdvance(edge.label) + 8
                rect = QRectF(x - width / 2, y - lh / 2 - 1, width, lh + 2)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(base)
                painter.drawRoundedRect(rect, 3, 3)
                painter.setPen(text)
                painter.drawText(rect, _CENTER, edge.label)

        for node in nodes:
            border = danger if node.loss else line
            painter.setPen(
                QPen(
                    border,
                    1.5 if node.loss else 1.0,
                    Qt.PenStyle.DashLine if node.sink else Qt.PenStyle.SolidLine,
                )
            )
            painter.setBrush(danger_bg if node.sink and node.loss else (base if node.sink else box))
            painter.drawRoundedRect(node.rect, 6, 6)
            inner = node.rect.adjusted(6, 5, -6, -5)
            painter.setFont(bold)
            if node.sink:
                painter.setPen(danger if node.loss else muted)
            else:
                painter.setPen(text)
            title = QFontMetrics(bold).elidedText(
                node.title, Qt.TextElideMode.ElideMiddle, int(inner.width())
            )
            painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), lh), _CENTER, title)
            painter.setFont(self.font())
            for i, (line_text, loss) in enumerate(node.lines, start=1):
                painter.setPen(danger if loss else (muted if node.sink else text))
                shown = fm.elidedText(line_text, Qt.TextElideMode.ElideRight, int(inner.width()))
                painter.drawText(
                    QRectF(inner.left(), inner.top() + i * lh, inner.width(), lh), _CENTER, shown
                )

        if self.flow is None or not self.flow.generated:
            col_w = self.width() / 4
            painter.setPen(muted)
            painter.drawText(
                QRectF(2 * col_w + 8, self.height() / 2 - 2 * lh, col_w - 16, 4 * lh),
                _CENTER | int(Qt.TextFlag.TextWordWrap),
                "Use the cart: its events will flow through here",
            )
        painter.end()


class TransitionHeatmap(QWidget):
    """The Markov transition matrix of user actions as a shaded grid; see the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transitionHeatmap")
        self.setAccessibleName("Transition matrix of user actions")
        self.setMinimumSize(240, 80)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.matrix: TransitionMatrix | None = None
        self.current: str | None = None
        self.prediction: tuple[str, float] | None = None
        self._cells: list[tuple[QRectF, str]] = []
        self.live = True
        """False for a closed past: its last action is not the current one."""

    def sizeHint(self) -> QSize:
        return QSize(520, 280)

    def set_matrix(
        self,
        matrix: TransitionMatrix,
        current: str | None,
        prediction: tuple[str, float] | None,
        *,
        live: bool = True,
    ) -> None:
        if (matrix, current, prediction, live) == (
            self.matrix,
            self.current,
            self.prediction,
            self.live,
        ):
            return
        self.matrix, self.current, self.prediction = matrix, current, prediction
        self.live = live
        self.setAccessibleDescription(self.caption())
        self.update()

    def caption(self) -> str:
        if self.current is None:
            return "No user actions yet."
        text = f"{'Now' if self.live else 'Last action'}: {self.current}"
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
        scopes: StatsScopes | None = None,
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
        self.scopes = scopes
        self.refreshes = 0
        self._build()
        self.feed.updated.connect(self.refresh)
        if scopes is not None:
            scopes.status_changed.connect(self._on_scope_status)
            self.visibilityChanged.connect(self._on_visibility)

    def _build(self) -> None:
        body = QWidget(self)
        body.setObjectName("flowBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        bar = QHBoxLayout()
        self.scope_selector: ScopeSelector | None = None
        if self.scopes is not None:
            self.scope_selector = ScopeSelector(self.scopes, "flowScope", body)
            bar.addWidget(self.scope_selector)
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
        self.heatmap.set_matrix(
            report.markov, report.current_action, report.prediction, live=self.feed.shown_live
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    @Slot(bool)
    def _on_visibility(self, visible: bool) -> None:
        if visible and self.scopes is not None:
            self.scopes.activate()  # the stored scope is read when first looked at

    @Slot(str)
    def _on_scope_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setToolTip("")
        # While another scope is read, what is shown is about to go: drawn greyed out.
        self.splitter.setEnabled(self.scopes is None or not self.scopes.loading)

    # -- export -----------------------------------------------------------------------------------

    def export_heatmap_png(self, path: str | Path) -> Path:
        """Render the heatmap (as it is now, with the latest numbers) to a PNG at ``path``."""
        self.feed.flush()
        self.show_report(self.feed.report())
        target = Path(path)
        if not self.heatmap.grab().save(str(target), "PNG"):
            raise OSError(f"could not write {target}")
        self.status_label.setText(f"Saved {target.name}")
        self.status_label.setToolTip(f"Heatmap saved to {target}")
        return target

    def export_csv(self, path: str | Path) -> Path:
        """Write the statistics shown as CSV to ``path``."""
        self.feed.flush()
        target = save_text(path, self.feed.shown.to_csv(end=time.time()))
        self.status_label.setText(f"Saved {target.name}")
        self.status_label.setToolTip(f"Statistics saved to {target}")
        return target

    @Slot()
    def ask_export_heatmap(self) -> None:
        name = "cartapp-transitions.png"
        if self.scopes is not None:
            name = scope_file_name("cartapp-transitions", self.scopes.label(), ".png")
        path, _ = QFileDialog.getSaveFileName(self, "Export heatmap", name, "PNG images (*.png)")
        if path:
            try:
                self.export_heatmap_png(path)
            except OSError as exc:
                self.status_label.setText(f"Could not save {path}: {exc}")

    @Slot()
    def ask_export_csv(self) -> None:
        name = "cartapp-statistics.csv"
        if self.scopes is not None:
            name = scope_file_name("cartapp-statistics", self.scopes.label(), ".csv")
        path, _ = QFileDialog.getSaveFileName(self, "Export statistics", name, "CSV files (*.csv)")
        if path:
            try:
                self.export_csv(path)
            except OSError as exc:
                self.status_label.setText(f"Could not save {path}: {exc}")
