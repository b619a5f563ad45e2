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

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cartapp.qt.models.flow_feed import feed_for
from cartapp.qt.widgets.flow_diagram import Edge, FlowDiagram, Node
from cartapp.qt.widgets.flow_heatmap import TransitionHeatmap, blend
from cartapp.qt.widgets.stats_parts import (
    AdaptiveSplitter,
    ScopeSelector,
    save_text,
    scope_file_name,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

    from cartapp.analytics import FlowReport, FlowStats
    from cartapp.qt.bridge import QtBridge
    from cartapp.qt.models.flow_feed import FlowFeed
    from cartapp.qt.models.scopes import StatsScopes

__all__ = ["Edge", "FlowDiagram", "FlowDock", "Node", "TransitionHeatmap", "blend"]


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
