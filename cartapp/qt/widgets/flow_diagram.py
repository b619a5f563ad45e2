"""``FlowDiagram``: the design's chain ``sources -> bus -> handlers -> consumers``, painted.

Live counts sit on the arrows and the stage probabilities between the columns. Losses get their own
red sinks under the column where they happen: *dropped* under the bus (no handler), *failed* under
the handlers (a handler raised). *Rejected* sits under the consumers, not red: a command answered
by ``CommandRejected`` is a decision, not a loss, counted out of the commands ("1 of 8 commands").
Painted with ``QPainter`` in palette colours; ``FlowDock`` (``flow.py``) hosts it.

In a shop the other tills are sources too (``FlowSnapshot.tills``): one box per till under this
till's own sources, with the cart messages of that till that reached this one through the shop
(commands and facts); their dashed arrows end at the bus box, which says how many came from the
other tills. They are not published on this till's bus, so the bus's counts and the stage
probabilities stay this till's own. Alone there are no such boxes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from cartapp.analytics import SourceFlow
from cartapp.analytics.glossary import definition
from cartapp.qt.models.event_log import format_duration
from cartapp.qt.models.metrics_tables import format_ratio, rejection_share
from cartapp.qt.style import accent_colors
from cartapp.qt.widgets.stats_parts import is_dark

if TYPE_CHECKING:
    from cartapp.analytics import FlowSnapshot, TypeStats

__all__ = ["MAX_BOXES", "Edge", "FlowDiagram", "Node"]

_CENTER = int(Qt.AlignmentFlag.AlignCenter)


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
    remote: bool = False
    """From another till, through the shop (drawn dashed in the flow's colour)."""


MAX_BOXES = 5
"""Sources or handlers drawn per column; the rest are summed in a "+N more" box."""


def _commands(flow: FlowSnapshot) -> int:
    """How many commands the flow holds (the base of its rejections)."""
    return sum(source.commands for source in flow.sources)


class FlowDiagram(QWidget):
    """``sources -> bus -> handlers -> consumers`` with counts, probabilities and loss sinks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flowDiagram")
        self.setAccessibleName(self.tr("Event flow diagram"))
        # Four columns need the width; the height may shrink to the event log's (it clips).
        self.setMinimumSize(580, 80)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.flow: FlowSnapshot | None = None
        self.total: TypeStats | None = None
        self.setToolTip(
            "\n".join(
                definition(name).tooltip() for name in ("P(t|e)", "P(h|e)", "P(c|h)", "Accepted")
            )
            + "\n"
            + self.tr("Help > Reading the figures says more.")
        )

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
            return self.tr("No events yet.")
        none = self.tr("none")
        sources = ", ".join(f"{s.name} {s.generated}" for s in flow.sources) or none
        if flow.tills:
            tills = ", ".join(
                self.tr("{name} {generated} ({commands} commands, {facts} facts)").format(
                    name=t.name, generated=t.generated, commands=t.commands, facts=t.facts
                )
                for t in flow.tills
            )
            sources = self.tr("{sources}. Other tills, through the shop: {tills}").format(
                sources=sources, tills=tills
            )
        handlers = ", ".join(
            self.tr("{name} {transmitted} in, {handled} handled, {failed} failed").format(
                name=h.name, transmitted=h.transmitted, handled=h.handled, failed=h.failed
            )
            for h in flow.handlers
        )
        return self.tr(
            "Sources: {sources}. Bus: {generated} generated, {transmitted} transmitted, "
            "{dropped} dropped. Handlers: {handlers}. Consumers: {consumed} consumed. "
            "Commands: {accepted} accepted, {no_op} no-op. Rejected: {rejected} (decisions, "
            "not losses). P(t|e) {p_t}, P(h|e) {p_h}, P(c|h) {p_c}."
        ).format(
            sources=sources,
            generated=flow.generated,
            transmitted=flow.transmitted,
            dropped=flow.dropped,
            handlers=handlers or none,
            consumed=flow.consumed,
            accepted=flow.accepted,
            no_op=flow.no_op,
            rejected=rejection_share(flow.rejected, _commands(flow)),
            p_t=format_ratio(total.p_t),
            p_h=format_ratio(total.p_h),
            p_c=format_ratio(total.p_c),
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
            more = self.tr("+{n} more").format(n=len(sources) - MAX_BOXES)
            source_nodes.append(Node("source:more", QRectF(), more))
            sources = [*sources[:MAX_BOXES], SourceFlow("more", rest, 0, 0)]
        tills = list(flow.tills) if flow else []
        till_nodes = [
            Node(
                f"till:{t.name}",
                QRectF(),
                t.name,
                [
                    (self.tr("%1 commands").replace("%1", f"{t.commands:,}"), False),
                    (self.tr("%1 facts").replace("%1", f"{t.facts:,}"), False),
                ],
            )
            for t in tills[:MAX_BOXES]
        ]
        if len(tills) > MAX_BOXES:
            rest = sum(t.generated for t in tills[MAX_BOXES:])
            hidden = len(tills) - MAX_BOXES
            till_nodes.append(
                Node("till:more", QRectF(), self.tr("+%1 more tills").replace("%1", f"{hidden:,}"))
            )
            tills = [*tills[:MAX_BOXES], SourceFlow("more", rest, 0, 0)]
        stack(0, [*source_nodes, *till_nodes])
        generated = flow.generated if flow else 0
        deliveries = flow.deliveries if flow else 0
        remote = sum(t.generated for t in tills)
        bus_lines = [
            (self.tr("{n} messages").format(n=f"{generated:,}"), False),
            (self.tr("{n} deliveries").format(n=f"{deliveries:,}"), False),
        ]
        if remote:
            bus_lines.append((self.tr("+{n} from other tills").format(n=f"{remote:,}"), False))
        (bus,) = stack(1, [Node("bus", QRectF(), self.tr("Event bus"), bus_lines)])
        handler_nodes = stack(
            2,
            [
                Node(
                    f"handler:{hs.name}",
                    QRectF(),
                    hs.name,
                    [
                        (self.tr("{n} handled").format(n=f"{hs.handled:,}"), False),
                        (self.tr("{n} failed").format(n=f"{hs.failed:,}"), hs.failed > 0),
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
        accepted = flow.accepted if flow else 0
        (consumers,) = stack(
            3,
            [
                Node(
                    "consumers",
                    QRectF(),
                    self.tr("Consumers"),
                    [
                        (self.tr("{n} consumed").format(n=f"{consumed:,}"), False),
                        (self.tr("{n} accepted").format(n=f"{accepted:,}"), False),
                    ],
                )
            ],
        )

        edges: list[Edge] = []
        for node, source in zip(source_nodes, sources, strict=False):
            a = QPointF(node.rect.right(), node.rect.center().y())
            b = QPointF(bus.rect.left(), bus.rect.center().y())
            edges.append(Edge(a, b, f"{source.generated:,}", 0.35))
        for node, till in zip(till_nodes, tills, strict=False):
            a = QPointF(node.rect.right(), node.rect.center().y())
            b = QPointF(bus.rect.left(), bus.rect.center().y())
            edges.append(Edge(a, b, f"{till.generated:,}", 0.35, remote=True))
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
        commands = _commands(flow) if flow else 0
        sinks = (
            (
                "dropped",
                1,
                self.tr("Dropped {n}"),
                dropped,
                self.tr("no handler"),
                bus.rect.bottom(),
                True,
            ),
            (
                "failed",
                2,
                self.tr("Failed {n}"),
                failed,
                self.tr("handler raised"),
                handlers_bottom,
                True,
            ),
            (
                "rejected",
                3,
                self.tr("Rejected {n}"),
                rejected,
                self.tr("of {n} commands").format(n=f"{commands:,}"),
                consumers.rect.bottom(),
                False,  # a decision, not a loss
            ),
        )
        nodes = [*source_nodes, *till_nodes, bus, *handler_nodes, consumers]
        for key, col, title, count, why, above, is_loss in sinks:
            rect = QRectF(cx(col) - box_w / 2, sink_y, box_w, sink_h)
            text = title.format(n=f"{count:,}")
            lost = is_loss and count > 0
            lines = [] if compact else [(why, lost)]
            nodes.append(Node(key, rect, text, lines, loss=lost, sink=True))
            edges.append(
                Edge(QPointF(cx(col), above), QPointF(cx(col), sink_y), loss=lost, sink=True)
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
            for i, title in enumerate(
                (self.tr("Sources"), self.tr("Bus"), self.tr("Handlers"), self.tr("Consumers"))
            )
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
            _arrow(painter, edge.start, edge.end, colour, 1.5, edge.sink or edge.remote)
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
                self.tr("Use the cart: its events will flow through here"),
            )
        painter.end()
