"""``FlowDock`` (``flowView``): where events go, and what users do next.

The dock shows ``FlowDiagram`` (``flow_diagram.py``: ``sources -> bus -> handlers -> consumers``
with live counts and loss sinks) above ``TransitionHeatmap`` (``flow_heatmap.py``: the Markov
transition matrix of user actions). It redraws on ``FlowFeed.updated`` while visible and exports the
heatmap as PNG (``QWidget.grab()``) and the statistics as CSV. Given ``scopes`` it has a scope
selector (``flowScope``) on the same scopes as the metrics panel's, so both views always count the
same traffic. ``FlowDiagram``, ``Node``, ``Edge``, ``TransitionHeatmap`` and ``blend`` stay
importable from here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cartapp.qt.widgets.flow_diagram import Edge, FlowDiagram, Node
from cartapp.qt.widgets.flow_heatmap import TransitionHeatmap, blend
from cartapp.qt.widgets.stats_dock import StatsDock
from cartapp.qt.widgets.stats_parts import AdaptiveSplitter, ScopeSelector

if TYPE_CHECKING:
    from cartapp.analytics import FlowReport, FlowStats
    from cartapp.qt.bridge import QtBridge
    from cartapp.qt.models.flow_feed import FlowFeed
    from cartapp.qt.models.scopes import StatsScopes

__all__ = ["Edge", "FlowDiagram", "FlowDock", "Node", "TransitionHeatmap", "blend"]


class FlowDock(StatsDock):
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
        super().__init__(
            QCoreApplication.translate("FlowDock", "Flow"),
            "flowView",
            QCoreApplication.translate("FlowDock", "Flow view"),
            bridge,
            stats,
            parent,
            feed,
            scopes,
        )
        self._build()
        self._connect()

    def _build(self) -> None:
        body = QWidget(self)
        body.setObjectName("flowBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        bar = self.bar = QHBoxLayout()
        self.scope_selector = None
        if self.scopes is not None:
            self.scope_selector = ScopeSelector(self.scopes, "flowScope", body)
            bar.addWidget(self.scope_selector)
        self.status_label = QLabel(body)
        self.status_label.setObjectName("flowStatus")
        self.status_label.setProperty("role", "hint")
        bar.addWidget(self.status_label, 1)
        self.export_png_button = QToolButton(body)
        self.export_png_button.setObjectName("flowExportHeatmap")
        self.export_png_button.setText(self.tr("Export heatmap PNG…"))
        self.export_png_button.setAccessibleName(self.tr("Export the heatmap as PNG"))
        self.export_png_button.clicked.connect(self.ask_export_heatmap)
        bar.addWidget(self.export_png_button)
        self.export_csv_button = QToolButton(body)
        self.export_csv_button.setObjectName("flowExportCsv")
        self.export_csv_button.setText(self.tr("Export CSV…"))
        self.export_csv_button.setAccessibleName(self.tr("Export statistics as CSV"))
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

    def show_report(self, report: FlowReport) -> None:
        self.refreshes += 1
        self.diagram.set_flow(report.flow, report.total)
        self.heatmap.set_matrix(
            report.markov, report.current_action, report.prediction, live=self.feed.shown_live
        )

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
        self.show_report(self.report())
        target = Path(path)
        if not self.heatmap.grab().save(str(target), "PNG"):
            raise OSError(f"could not write {target}")
        self._saved(target, self.tr("Heatmap saved to {path}"))
        return target

    @Slot()
    def ask_export_heatmap(self) -> None:
        path = self._ask_path(
            "cartapp-transitions", ".png", self.tr("Export heatmap"), self.tr("PNG images (*.png)")
        )
        if path:
            try:
                self.export_heatmap_png(path)
            except OSError as exc:
                self.status_label.setText(
                    self.tr("Could not save {path}: {error}").format(
                        path=path, error=exc.strerror or exc
                    )
                )
