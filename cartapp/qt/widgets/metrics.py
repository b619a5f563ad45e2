"""``MetricsDock`` (``metricsPanel``): events per second, the four stage probabilities, latencies.

The dock shows, from one shared ``FlowStats``:

- a summary line (messages, commands, rejected of the commands, failed of the handler calls,
  dropped of the messages, in flight): each count says what it is a share of;
- ``RateChart`` (``rate_chart.py``): messages and commands per second over the last 60 s, and
  how many of the scope's messages that window holds (it says so; the rest are older);
- the probabilities table (P(e), P(t|e), P(h|e), P(c|h) with their counts; losses in red);
- stage latency percentiles and per-handler timings (p50/p95/p99/max).

It redraws on ``FlowFeed.updated`` (a few times per second at most) and only while visible; it
never does anything per event. Its tables repaint only the cells that changed and measure their
columns only when the rows or the widest texts change. "Export CSV..." writes the statistics
shown as CSV to a file.

Given ``scopes`` (a ``StatsScopes``, as in the app), a ``ScopeSelector`` at the left of the top
bar chooses what is counted: this run, the current session, all history or a past session
(see ``cartapp.qt.models.scopes``); the flow view has its own selector on the same scopes, so
both always show the same. "Reset" forgets this run's live counts only, so it is offered in the
"This run" scope only. ``ScopeSelector``, ``AdaptiveSplitter`` and the helpers live in
``stats_parts.py`` (the flow view shares them); they, ``RateChart`` and ``nice_ceiling`` stay
importable from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cartapp.qt.models.metrics_tables import (
    HandlerModel,
    LatencyModel,
    ProbabilityModel,
    ReportTableModel,
    rejection_share,
)
from cartapp.qt.style import accent_colors
from cartapp.qt.widgets.rate_chart import RateChart, nice_ceiling
from cartapp.qt.widgets.stats_dock import StatsDock
from cartapp.qt.widgets.stats_parts import (
    AdaptiveSplitter,
    ScopeSelector,
    is_dark,
    save_text,
    scope_file_name,
)

if TYPE_CHECKING:
    from cartapp.analytics import FlowReport, FlowStats
    from cartapp.qt.bridge import QtBridge
    from cartapp.qt.models.flow_feed import FlowFeed
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
    # Measured when the rows or the widest texts change (``MetricsDock.show_report``), not
    # ResizeToContents, which re-measures every cell (eight data() calls each) on every update.
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    # a caption of two wide (CJK) characters, "数量", keeps some room on each side
    header.setMinimumSectionSize(header.fontMetrics().horizontalAdvance("\u6570\u91cf") + 8)
    header.setStretchLastSection(True)
    return view


class MetricsDock(StatsDock):
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
        super().__init__(
            QCoreApplication.translate("MetricsDock", "Metrics"),
            "metricsPanel",
            QCoreApplication.translate("MetricsDock", "Metrics panel"),
            bridge,
            stats,
            parent,
            feed,
            scopes,
        )
        self.probabilities = ProbabilityModel(self)
        self.latencies = LatencyModel(self)
        self.handlers = HandlerModel(self)
        self._build()
        self._apply_palette()
        self._connect()
        if scopes is not None:
            scopes.changed.connect(self._on_scope_changed)
            self._on_scope_changed()

    def _build(self) -> None:
        body = QWidget(self)
        body.setObjectName("metricsBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)

        bar = self.bar = QHBoxLayout()
        self.scope_selector = None
        if self.scopes is not None:
            self.scope_selector = ScopeSelector(self.scopes, "metricsScope", body)
            bar.addWidget(self.scope_selector)
        self.summary_label = QLabel(body)
        self.summary_label.setObjectName("metricsSummary")
        self.summary_label.setAccessibleName(self.tr("Metrics summary"))
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setWordWrap(True)
        bar.addWidget(self.summary_label, 1)
        self.status_label = QLabel(body)
        self.status_label.setObjectName("metricsStatus")
        self.status_label.setProperty("role", "hint")
        bar.addWidget(self.status_label)
        self.export_button = QToolButton(body)
        self.export_button.setObjectName("metricsExportCsv")
        self.export_button.setText(self.tr("Export CSV…"))
        self.export_button.setAccessibleName(self.tr("Export statistics as CSV"))
        self.export_button.setToolTip(self.tr("Save every statistic of this panel as CSV tables"))
        self.export_button.clicked.connect(self.ask_export_csv)
        bar.addWidget(self.export_button)
        self.reset_button = QToolButton(body)
        self.reset_button.setObjectName("metricsReset")
        self.reset_button.setText(self.tr("Reset"))
        self.reset_button.setAccessibleName(self.tr("Reset statistics"))
        self.reset_button.setToolTip(self.tr("Forget all statistics and start counting again"))
        self.reset_button.clicked.connect(self.feed.reset)
        bar.addWidget(self.reset_button)
        layout.addLayout(bar)

        self.chart = RateChart(body)

        self.probability_view = _table(
            body, "metricsProbabilities", self.tr("Stage probabilities"), self.probabilities
        )
        self.latency_view = _table(
            body, "metricsLatencies", self.tr("Stage latencies"), self.latencies
        )
        self.handler_view = _table(
            body, "metricsHandlers", self.tr("Handler timings"), self.handlers
        )
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

    def show_report(self, report: FlowReport) -> None:
        self.refreshes += 1
        total, flow = report.total, report.flow
        danger = accent_colors(is_dark(self.palette()))["danger"]

        def loss(text: str, n: int) -> str:
            return f'<span style="color:{danger}">{text}</span>' if n else text

        commands = next((k.generated for k in report.by_kind if k.name == "command"), 0)
        parts = [
            self.tr("Messages <b>{n}</b>").format(n=f"{total.generated:,}"),
            self.tr("commands <b>{n}</b>").format(n=f"{commands:,}"),
            self.tr("rejected <b>{n}</b> of {commands} commands").format(
                n=f"{flow.rejected:,}", commands=f"{commands:,}"
            ),
            self.tr("{failed} of {calls} handler calls").format(
                failed=loss(self.tr("failed <b>{n}</b>").format(n=f"{flow.failed:,}"), flow.failed),
                calls=f"{flow.deliveries:,}",
            ),
            self.tr("{dropped} of {messages} messages").format(
                dropped=loss(
                    self.tr("dropped <b>{n}</b>").format(n=f"{flow.dropped:,}"), flow.dropped
                ),
                messages=f"{total.generated:,}",
            ),
            self.tr("in flight <b>{n}</b>").format(n=f"{flow.in_flight:,}"),
        ]
        text = " · ".join(parts)
        if self.summary_label.text() != text:
            self.summary_label.setText(text)
            self.summary_label.setToolTip(
                self.tr(
                    "{messages} messages: {commands} commands and {facts} facts. Rejected: "
                    "{share} answered by CommandRejected (a decision, not a loss). Failed: "
                    "handler calls that raised, of all handler calls. Dropped: messages no "
                    "handler took, of all messages. In flight: generated, not yet consumed."
                ).format(
                    messages=f"{total.generated:,}",
                    commands=f"{commands:,}",
                    facts=f"{total.generated - commands:,}",
                    share=rejection_share(flow.rejected, commands),
                )
            )
        self.chart.set_live(self.feed.shown_live)
        self.chart.set_series(report.rate)
        self.chart.set_total(total.generated)
        for model, view in self._tables():
            before = (model.rowCount(), model.widest())
            model.set_report(report)
            if (model.rowCount(), model.widest()) != before:
                view.resizeColumnsToContents()

    def _tables(self) -> tuple[tuple[ReportTableModel, QTableView], ...]:
        return (
            (self.probabilities, self.probability_view),
            (self.latencies, self.latency_view),
            (self.handlers, self.handler_view),
        )

    # -- scope ------------------------------------------------------------------------------------

    @Slot()
    def _on_scope_changed(self, _key: str = "") -> None:
        live_run = (self.scopes is None or self.scopes.key == "run") and (
            self.tills is None or self.tills.local
        )
        self.reset_button.setEnabled(live_run)
        self.reset_button.setToolTip(
            self.tr("Forget all statistics and start counting again")
            if live_run
            else self.tr(
                "Only the live counts of this run can be reset (choose “This run”); "
                "stored history stays"
            )
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

    @Slot()
    def _on_till_scope(self, _key: str = "") -> None:
        super()._on_till_scope()
        self._on_scope_changed()

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
        elif event.type() in (QEvent.Type.LanguageChange, QEvent.Type.FontChange):
            for _, view in self._tables():  # captions and texts change width
                view.resizeColumnsToContents()
