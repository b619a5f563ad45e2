"""``TransitionHeatmap``: the Markov transition matrix of user actions, painted.

One cell per ``current -> next`` pair, shaded by probability with the probability (and count)
written in it, the stationary distribution as a last column, the current action's row outlined and
the most likely next action marked. An action never followed by anything (only seen last) has an
empty row. Painted with ``QPainter`` in palette colours; ``FlowDock`` (``flow.py``) hosts it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from cartapp.qt.style import accent_colors
from cartapp.qt.widgets.stats_parts import is_dark

if TYPE_CHECKING:
    from cartapp.analytics import TransitionMatrix

__all__ = ["TransitionHeatmap", "blend"]

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


class TransitionHeatmap(QWidget):
    """The Markov transition matrix of user actions as a shaded grid; see the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transitionHeatmap")
        self.setAccessibleName(self.tr("Transition matrix of user actions"))
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
            return self.tr("No user actions yet.")
        if self.prediction is None:
            if self.live:
                text = self.tr(
                    "Now: {action} · no prediction yet (never followed by another action)"
                )
            else:
                text = self.tr(
                    "Last action: {action} · no prediction yet (never followed by another action)"
                )
            return text.format(action=self.current)
        name, p = self.prediction
        if self.live:
            text = self.tr("Now: {action} · most likely next: {next} ({share})")
        else:
            text = self.tr("Last action: {action} · most likely next: {next} ({share})")
        return text.format(action=self.current, next=name, share=f"{p:.0%}")

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
        painter.drawText(QPointF(8, 6 + fm.ascent()), self.tr("User actions: P(next | current)"))
        painter.setFont(self.font())
        painter.setPen(muted)
        caption_y = self.height() - 6 - lh
        painter.drawText(QRectF(8, caption_y, self.width() - 16, lh), _LEFT, self.caption())

        m = self.matrix
        if m is None or not m.states:
            painter.drawText(
                QRectF(self.rect()),
                _CENTER | int(Qt.TextFlag.TextWordWrap),
                self.tr(
                    "The transition matrix fills in as you use the cart\n"
                    "(it needs two actions in a row)"
                ),
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
            self._cells.append((rect, self.tr("next action: {action}").format(action=state)))
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
                    tip = self.tr("{source} → {target}: {p} ({count} of {total})").format(
                        source=source, target=target, p=f"{p:.3f}", count=count, total=row_total
                    )
                else:
                    painter.setPen(QPen(grid, 0.5, Qt.PenStyle.DotLine))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(rect)
                    painter.setPen(muted)
                    painter.drawText(rect, _CENTER, "·")
                    tip = self.tr("{source} was never followed by another action yet").format(
                        source=source
                    )
                self._cells.append((rect, tip))
            pi = m.stationary[i] if i < len(m.stationary) else 0.0
            rect = QRectF(pi_left, y, cell_w, cell_h).adjusted(1, 1, -1, -1)
            painter.setPen(QPen(grid, 0.5))
            painter.setBrush(blend(base, pi_colour, pi))
            painter.drawRect(rect)
            painter.setPen(base if pi > 0.5 else text)
            painter.drawText(rect, _CENTER, f"{pi:.2f}")
            share = self.tr("stationary share of {source}: {pi}")
            self._cells.append((rect, share.format(source=source, pi=f"{pi:.3f}")))
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
