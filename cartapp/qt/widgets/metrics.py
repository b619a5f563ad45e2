"""``MetricsDock`` (``metricsPanel``): events per second, the four stage probabilities, latencies.

The dock shows, from one shared ``FlowStats``:

- a summary line (messages, commands, rejected, failed, dropped, in flight);
- ``RateChart``: messages and commands per second over the last 60 s, painted with ``QPainter``
  in palette colours (axes, grid, labels, legend) so it reads in light and dark themes;
- the probabilities table (P(e), P(t|e), P(h|e), P(c|h) with their counts; losses in red);
- stage latency percentiles and per-handler timings (p50/p95/p99/max).

It redraws on ``FlowFeed.updated`` (a few times per second at most) and only while visible; it
never does anything per event. "Export CSV..." writes the statistics shown as CSV to a file.

Given ``scopes`` (a ``StatsScopes``, as in the app), a ``ScopeSelector`` at the left of the top
bar chooses what is counted: this run, the current session, all history or a past session
(see ``cartapp.qt.models.scopes``); the flow view has its own selector on the same scopes, so
both always show the same. "Reset" forgets this run's live counts only, so it is offered in the
"This run" scope only.
"""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Slot
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
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cartapp.qt.models.metrics import (
    HandlerModel,
    LatencyModel,
    ProbabilityModel,
    ReportTableModel,
    feed_for,
)
from cartapp.qt.style import accent_colors

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtGui import QResizeEvent, QShowEvent

    from cartapp.analytics import FlowReport, FlowStats
    from cartapp.qt.bridge import QtBridge
    from cartapp.qt.models.metrics import FlowFeed
    from cartapp.qt.models.scopes import StatsScopes

__all__ = [
    "AdaptiveSplitter",
    "MetricsDock",
    "RateChart",
    "ScopeSelector",
    "is_dark",
    "nice_ceiling",
    "save_text",
    "scope_file_name",
]


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def nice_ceiling(value: float) -> int:
    """The smallest 1, 2 or 5 times a power of ten that is >= ``value`` (at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return int(step * power)
    return int(10 * power)


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
        self.setAccessibleName("Statistics scope")
        self.setToolTip("Which traffic the statistics count")
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
        self.setToolTip(f"Which traffic the statistics count: {tip}" if tip else "")

    @Slot(int)
    def _on_activated(self, index: int) -> None:
        key = self.itemData(index)
        if key:
            self.scopes.select(str(key))


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


class RateChart(QWidget):
    """Messages (bars) and commands (line) per second over the last ``len(series)`` seconds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventsPerSecondChart")
        self.setAccessibleName("Events per second, last minute")
        self.setMinimumSize(200, 80)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._series: tuple[tuple[int, int, int], ...] = ()
        self.live = True
        """False for a closed past: the last second is its end, not now."""

    def sizeHint(self) -> QSize:
        return QSize(420, 160)

    def set_live(self, live: bool) -> None:
        if live != self.live:
            self.live = live
            self.setAccessibleName(
                "Events per second, last minute" if live else "Events per second, its last minute"
            )
            self.update()

    @property
    def series(self) -> tuple[tuple[int, int, int], ...]:
        return self._series

    def set_series(self, series: Sequence[tuple[int, int, int]]) -> None:
        """``(second, messages, commands)`` per second, oldest first."""
        series = tuple(series)
        if series == self._series:
            return
        self._series = series
        now = series[-1] if series else (0, 0, 0)
        peak = max((m for _, m, _ in series), default=0)
        self.setAccessibleDescription(
            f"{now[1]} messages and {now[2]} commands in the current second; "
            f"peak {peak} messages per second in the last {len(series)} seconds"
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
        legend = sum(14 + fm.horizontalAdvance(label) + 12 for label in ("messages", "commands"))
        title = "Events per second"
        if 8 + bold_fm.horizontalAdvance(title) + 12 + legend > self.width():
            title = "Events/s"  # a narrow chart keeps its legend whole
        painter.setFont(bold)
        painter.drawText(QPointF(8, 4 + fm.ascent()), title)
        painter.setFont(self.font())
        x = 8.0 + bold_fm.horizontalAdvance(title) + 12
        for colour, label in ((bars, "messages"), (line, "commands")):
            painter.fillRect(QRectF(x, 4 + line_h / 2 - 4, 10, 8), colour)
            x += 14
            painter.setPen(text)
            painter.drawText(QPointF(x, 4 + fm.ascent()), label)
            x += fm.horizontalAdvance(label) + 12
        now = values[-1] if values else 0
        peak = max(values, default=0)
        status = f"{'now' if self.live else 'at the end'} {now}/s · peak {peak}/s"
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
            label = ("now" if self.live else "end") if ago == 0 else f"\u2212{ago} s"
            width = fm.horizontalAdvance(label)
            tx = min(max(x - width / 2, plot.left()), plot.right() - width)
            painter.drawText(QPointF(tx, plot.bottom() + 4 + fm.ascent()), label)

        if not top:
            hint = "No events in the last minute" if self.live else "No events in its last minute"
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


def _table(parent: QWidget, name: str, accessible: str, model: ReportTableModel) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setModel(model)
    view.setMinimumSize(160, 60)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 6)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


class MetricsDock(QDockWidget):
    """The metrics panel; see the module docstring. ``feed`` is shared with the flow view."""

    def __init__(
        self,
        bridge: QtBridge,
        stats: FlowStats,
        parent: QWidget | None = None,
        *,
        feed: FlowFeed | None = None,
        scopes: StatsScopes | None = None,
    ) -> None:
        super().__init__("Metrics", parent)
        self.setObjectName("metricsPanel")
        self.setAccessibleName("Metrics panel")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.bridge = bridge
        self.stats = stats
        self.feed = feed or feed_for(bridge, stats)
        self.scopes = scopes
        self.probabilities = ProbabilityModel(self)
        self.latencies = LatencyModel(self)
        self.handlers = HandlerModel(self)
        self.refreshes = 0
        """How many times the panel redrew (tests check it stays per tick, not per event)."""
        self._build()
        self._apply_palette()
        self.feed.updated.connect(self.refresh)
        if scopes is not None:
            scopes.changed.connect(self._on_scope_changed)
            scopes.status_changed.connect(self._on_scope_status)
            self._on_scope_changed()
            # Behind another tab a dock stays isVisible(); this signal says when it is in front.
            self.visibilityChanged.connect(self._on_visibility)

    def _build(self) -> None:
        body = QWidget(self)
        body.setObjectName("metricsBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)

        bar = QHBoxLayout()
        self.scope_selector: ScopeSelector | None = None
        if self.scopes is not None:
            self.scope_selector = ScopeSelector(self.scopes, "metricsScope", body)
            bar.addWidget(self.scope_selector)
        self.summary_label = QLabel(body)
        self.summary_label.setObjectName("metricsSummary")
        self.summary_label.setAccessibleName("Metrics summary")
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setWordWrap(True)
        bar.addWidget(self.summary_label, 1)
        self.status_label = QLabel(body)
        self.status_label.setObjectName("metricsStatus")
        self.status_label.setProperty("role", "hint")
        bar.addWidget(self.status_label)
        self.export_button = QToolButton(body)
        self.export_button.setObjectName("metricsExportCsv")
        self.export_button.setText("Export CSV…")
        self.export_button.setAccessibleName("Export statistics as CSV")
        self.export_button.setToolTip("Save every statistic of this panel as CSV tables")
        self.export_button.clicked.connect(self.ask_export_csv)
        bar.addWidget(self.export_button)
        self.reset_button = QToolButton(body)
        self.reset_button.setObjectName("metricsReset")
        self.reset_button.setText("Reset")
        self.reset_button.setAccessibleName("Reset statistics")
        self.reset_button.setToolTip("Forget all statistics and start counting again")
        self.reset_button.clicked.connect(self.feed.reset)
        bar.addWidget(self.reset_button)
        layout.addLayout(bar)

        self.chart = RateChart(body)

        self.probability_view = _table(
            body, "metricsProbabilities", "Stage probabilities", self.probabilities
        )
        self.latency_view = _table(body, "metricsLatencies", "Stage latencies", self.latencies)
        self.handler_view = _table(body, "metricsHandlers", "Handler timings", self.handlers)
        timings = QSplitter(Qt.Orientation.Vertical, body)
        timings.setObjectName("metricsTimingsSplitter")
        timings.setChildrenCollapsible(False)
        timings.setMinimumSize(160, 60)  # as low as the event log when docked at the bottom
        timings.addWidget(self.latency_view)
        timings.addWidget(self.handler_view)
        self.splitter = AdaptiveSplitter(body, wide=(2, 5, 3), tall=(2, 3, 2), inner=timings)
        self.splitter.setObjectName("metricsSplitter")
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(self.probability_view)
        self.splitter.addWidget(timings)
        layout.addWidget(self.splitter, 1)
        self.setWidget(body)

    # -- refreshing -------------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Redraw from the feed's current report (skipped while hidden; done again on show)."""
        if not self.isVisible():
            return
        self.show_report(self.feed.report())

    def show_report(self, report: FlowReport) -> None:
        self.refreshes += 1
        total, flow = report.total, report.flow
        danger = accent_colors(is_dark(self.palette()))["danger"]

        def loss(label: str, n: int) -> str:
            text = f"{label} <b>{n:,}</b>"
            return f'<span style="color:{danger}">{text}</span>' if n else text

        commands = next((k.generated for k in report.by_kind if k.name == "command"), 0)
        parts = [
            f"Messages <b>{total.generated:,}</b>",
            f"commands <b>{commands:,}</b>",
            loss("rejected", flow.rejected),
            loss("failed", flow.failed),
            loss("dropped", flow.dropped),
            f"in flight <b>{flow.in_flight:,}</b>",
        ]
        text = " · ".join(parts)
        if self.summary_label.text() != text:
            self.summary_label.setText(text)
        self.chart.set_live(self.feed.shown_live)
        self.chart.set_series(report.rate)
        for model, view in (
            (self.probabilities, self.probability_view),
            (self.latencies, self.latency_view),
            (self.handlers, self.handler_view),
        ):
            before = model.rowCount()
            model.set_report(report)
            if model.rowCount() != before:
                view.resizeColumnsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    # -- scope ------------------------------------------------------------------------------------

    @Slot(bool)
    def _on_visibility(self, visible: bool) -> None:
        if visible and self.scopes is not None:
            self.scopes.activate()  # the stored scope is read when first looked at

    @Slot()
    def _on_scope_changed(self, _key: str = "") -> None:
        live_run = self.scopes is None or self.scopes.key == "run"
        self.reset_button.setEnabled(live_run)
        self.reset_button.setToolTip(
            "Forget all statistics and start counting again"
            if live_run
            else "Only the live counts of this run can be reset (choose “This run”); "
            "stored history stays"
        )

    @Slot(str)
    def _on_scope_status(self, text: str) -> None:
        self._on_scope_changed()
        self.status_label.setText(text)
        self.status_label.setToolTip("")
        # While another scope is read, what is shown is about to go: drawn greyed out.
        reading = self.scopes is not None and self.scopes.loading
        self.summary_label.setEnabled(not reading)
        self.splitter.setEnabled(not reading)

    # -- export -----------------------------------------------------------------------------------

    def export_csv(self, path: str | Path) -> Path:
        """Write the statistics shown (everything counted so far) as CSV to ``path``."""
        self.feed.flush()
        target = save_text(path, self.feed.shown.to_csv(end=time.time()))
        self.status_label.setText(f"Saved {target.name}")
        self.status_label.setToolTip(f"Statistics saved to {target}")
        return target

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
                self.status_label.setText(f"Could not save {path}: {exc.strerror or exc}")

    # -- palette ----------------------------------------------------------------------------------

    def _apply_palette(self) -> None:
        dark = is_dark(self.palette())
        for model in (self.probabilities, self.latencies, self.handlers):
            model.set_dark(dark)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_palette()
            self.refresh()
