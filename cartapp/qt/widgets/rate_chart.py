"""``RateChart`` (``eventsPerSecondChart``): messages and commands per second over the last 60 s.

Painted with ``QPainter`` in palette colours (axes, grid, labels, legend) so it reads in light and
dark themes; ``MetricsDock`` (``metrics.py``) feeds it one ``(second, messages, commands)`` series
per refresh, and the number of messages its scope counts (``set_total``). The chart shows only
the last 60 s (of now, or of a closed session's end) and says so: its title names the window and
``window_text()`` (under the title, and in the tooltip) says how many of the scope's messages fall
in it ("4 of 16 messages of the scope are in these 60 s"), so a longer session is never mistaken
for its last minute.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from cartapp.qt.style import accent_colors
from cartapp.qt.widgets.stats_parts import is_dark

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["RateChart", "nice_ceiling"]


def nice_ceiling(value: float) -> int:
    """The smallest 1, 2 or 5 times a power of ten that is >= ``value`` (at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return int(step * power)
    return int(10 * power)


class RateChart(QWidget):
    """Messages (bars) and commands (line) per second over the last ``len(series)`` seconds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventsPerSecondChart")
        self.setAccessibleName(self.tr("Events per second, last minute"))
        self.setMinimumSize(200, 80)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._series: tuple[tuple[int, int, int], ...] = ()
        self._total: int | None = None
        self.live = True
        """False for a closed past: the last second is its end, not now."""

    def sizeHint(self) -> QSize:
        return QSize(420, 160)

    def set_live(self, live: bool) -> None:
        if live != self.live:
            self.live = live
            self.setAccessibleName(
                self.tr("Events per second, last minute")
                if live
                else self.tr("Events per second, its last minute")
            )
            self._describe_window()
            self.update()

    @property
    def series(self) -> tuple[tuple[int, int, int], ...]:
        return self._series

    @property
    def seconds(self) -> int:
        return len(self._series) or 60

    def set_total(self, total: int | None) -> None:
        """How many messages the scope shown counts (None: unknown); see the docstring."""
        if total != self._total:
            self._total = total
            self._describe_window()
            self.update()

    def window_text(self) -> str:
        """What share of the scope the window shows, in words."""
        shown = sum(m for _, m, _ in self._series)
        span = (self.tr("these {n} s") if self.live else self.tr("its last {n} s")).format(
            n=self.seconds
        )
        total = self._total
        if total is None:
            text = (
                self.tr("{n} message in {span}")
                if shown == 1
                else self.tr("{n} messages in {span}")
            )
            return text.format(n=f"{shown:,}", span=span)
        if shown >= total:
            text = (
                self.tr("All {n} message of the scope are in {span}")
                if total == 1
                else self.tr("All {n} messages of the scope are in {span}")
            )
            return text.format(n=f"{total:,}", span=span)
        return self.tr(
            "{shown} of the {total} messages of the scope are in {span}; the rest are older"
        ).format(shown=f"{shown:,}", total=f"{total:,}", span=span)

    def _describe_window(self) -> None:
        text = (
            self.tr(
                "Messages (bars) and commands (line) per second over the last {n} s, up to now. "
                "{window}. The figures beside the chart count the whole scope."
            )
            if self.live
            else self.tr(
                "Messages (bars) and commands (line) per second over the last {n} s, up to the "
                "end of the session. {window}. The figures beside the chart count the whole scope."
            )
        )
        self.setToolTip(text.format(n=self.seconds, window=self.window_text()))

    def set_series(self, series: Sequence[tuple[int, int, int]]) -> None:
        """``(second, messages, commands)`` per second, oldest first."""
        series = tuple(series)
        if series == self._series:
            return
        self._series = series
        self._describe_window()
        now = series[-1] if series else (0, 0, 0)
        peak = max((m for _, m, _ in series), default=0)
        self.setAccessibleDescription(
            self.tr(
                "{messages} messages and {commands} commands in the current second; "
                "peak {peak} messages per second in the last {n} seconds"
            ).format(messages=now[1], commands=now[2], peak=peak, n=len(series))
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        dark = is_dark(palette)
        text = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        grid = palette.color(QPalette.ColorRole.Mid)
        bars = QColor(palette.color(QPalette.ColorRole.Highlight))
        bars.setAlpha(150 if dark else 130)
        line = QColor(accent_colors(dark)["success"])
        frame = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(grid, 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(frame, 4, 4)

        fm = self.fontMetrics()
        line_h = fm.height()
        series = self._series
        values = [m for _, m, _ in series]
        commands = [c for _, _, c in series]
        top = max(values + commands, default=0)
        y_max = nice_ceiling(top)

        # Title and legend on the first line, current and peak rate at the right.
        painter.setPen(text)
        bold = QFont(self.font())
        bold.setBold(True)
        bold_fm = QFontMetrics(bold)
        labels = (self.tr("messages"), self.tr("commands"))
        legend = sum(14 + fm.horizontalAdvance(label) + 12 for label in labels)
        title = self.tr("Events per second, last {n} s").format(n=self.seconds)
        if 8 + bold_fm.horizontalAdvance(title) + 12 + legend > self.width():
            # a narrow chart keeps its legend whole
            title = self.tr("Events/s, last {n} s").format(n=self.seconds)
        painter.setFont(bold)
        painter.drawText(QPointF(8, 4 + fm.ascent()), title)
        painter.setFont(self.font())
        x = 8.0 + bold_fm.horizontalAdvance(title) + 12
        for colour, label in zip((bars, line), labels, strict=True):
            painter.fillRect(QRectF(x, 4 + line_h / 2 - 4, 10, 8), colour)
            x += 14
            painter.setPen(text)
            painter.drawText(QPointF(x, 4 + fm.ascent()), label)
            x += fm.horizontalAdvance(label) + 12
        now = values[-1] if values else 0
        peak = max(values, default=0)
        status = (
            self.tr("now {now}/s · peak {peak}/s")
            if self.live
            else self.tr("at the end {now}/s · peak {peak}/s")
        ).format(now=now, peak=peak)
        if self._total is not None and sum(values) < self._total:
            status = self.tr("{shown} of {total} messages · {status}").format(
                shown=f"{sum(values):,}", total=f"{self._total:,}", status=status
            )
        status_x = self.width() - 8 - fm.horizontalAdvance(status)
        if status_x > x:  # only when it does not run into the legend
            painter.setPen(muted)
            painter.drawText(QPointF(status_x, 4 + fm.ascent()), status)

        left = 10 + fm.horizontalAdvance(f"{y_max:,}")
        plot = QRectF(left, 8 + line_h + 6, self.width() - left - 10, 0)
        plot.setBottom(self.height() - line_h - 8)
        if plot.height() < 10 or plot.width() < 30:
            painter.end()
            return

        # Horizontal grid with y labels at 0, half and the top.
        for fraction in (0.0, 0.5, 1.0):
            y = plot.bottom() - fraction * plot.height()
            pen = QPen(grid, 1, Qt.PenStyle.SolidLine if fraction == 0 else Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            label = f"{round(y_max * fraction):,}" if fraction != 0.5 or y_max > 1 else ""
            painter.setPen(muted)
            painter.drawText(
                QRectF(0, y - line_h / 2, left - 5, line_h),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
        # Vertical axis and x labels: seconds ago.
        painter.setPen(QPen(grid, 1))
        painter.drawLine(plot.topLeft(), plot.bottomLeft())
        n = len(series) or 60
        slot = plot.width() / n
        painter.setPen(muted)
        for ago in (60, 45, 30, 15, 0):
            if ago > n:
                continue
            x = plot.left() + (n - ago) * slot if ago else plot.right()
            if ago:
                label = self.tr("\u2212{n} s").format(n=ago)
            else:
                label = self.tr("now") if self.live else self.tr("end")
            width = fm.horizontalAdvance(label)
            tx = min(max(x - width / 2, plot.left()), plot.right() - width)
            painter.drawText(QPointF(tx, plot.bottom() + 4 + fm.ascent()), label)

        if not top:
            hint = (
                self.tr("No events in the last minute")
                if self.live
                else self.tr("No events in its last minute")
            )
            box = QRectF(0, 0, fm.horizontalAdvance(hint) + 16, line_h + 6)
            box.moveCenter(plot.center())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Base))
            painter.drawRect(box)
            painter.setPen(muted)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), hint)
            painter.end()
            return
        scale = plot.height() / y_max
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bars)
        gap = 1.0 if slot > 3 else 0.0
        for i, value in enumerate(values):
            if value:
                h = value * scale
                painter.drawRect(
                    QRectF(plot.left() + i * slot + gap / 2, plot.bottom() - h, slot - gap, h)
                )
        path = QPainterPath()
        for i, value in enumerate(commands):
            point = QPointF(plot.left() + (i + 0.5) * slot, plot.bottom() - value * scale)
            if i == 0:
                path.moveTo(point)
            else:
                path.lineTo(point)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(line, 2))
        painter.drawPath(path)
        painter.end()
