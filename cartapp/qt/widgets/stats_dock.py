"""``StatsDock``: what the metrics panel and the flow view share.

One ``FlowFeed`` (so both count the same traffic), an optional ``StatsScopes``, redraws only
while on screen (the feed's "flow panels" frame job; once more when it comes to the front), the
scope being read when the dock first comes to the front, and "Export CSV..." of the statistics
shown. A subclass builds its widgets (with a ``status_label``), draws a report in
``show_report`` and says what a scope's status means for it in ``_on_scope_status``; it calls
``_connect()`` once its widgets exist.

In a shop, ``set_tills(tills, name)`` puts a ``TillSelector`` at the start of the top bar: the
dock then draws ``TillScopes.report()`` (this till's, another till's or the whole shop's), and
greys the time scope selector out while another till or the whole shop is chosen (their figures
count from when this till joined).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDockWidget, QFileDialog, QHBoxLayout, QLabel, QWidget

from cartapp.qt.frame_clock import dock_on_screen
from cartapp.qt.models.flow_feed import feed_for
from cartapp.qt.widgets.stats_parts import TillSelector, save_text, scope_file_name

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtGui import QShowEvent

    from cartapp.analytics import FlowReport, FlowStats
    from cartapp.qt.bridge import QtBridge
    from cartapp.qt.models.flow_feed import FlowFeed
    from cartapp.qt.models.scopes import StatsScopes
    from cartapp.qt.models.till_scopes import TillScopes
    from cartapp.qt.widgets.stats_parts import ScopeSelector

__all__ = ["StatsDock"]


class StatsDock(QDockWidget):
    """Base of ``MetricsDock`` and ``FlowDock``; see the module docstring."""

    status_label: QLabel
    bar: QHBoxLayout
    """The top bar (selectors, status, buttons)."""
    scope_selector: ScopeSelector | None

    def __init__(
        self,
        title: str,
        object_name: str,
        accessible_name: str,
        bridge: QtBridge,
        stats: FlowStats,
        parent: QWidget | None,
        feed: FlowFeed | None,
        scopes: StatsScopes | None,
    ) -> None:
        super().__init__(title, parent)
        self.setObjectName(object_name)
        self.setAccessibleName(accessible_name)
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.bridge = bridge
        self.stats = stats
        self.feed = feed or feed_for(bridge, stats)
        self.feed.add_panel(self)
        self.on_screen = dock_on_screen(self)
        """Whether the dock can be seen now (shown, and the front tab if tabbed)."""
        self.scopes = scopes
        self.refreshes = 0
        """How many times the dock redrew (tests check it stays per tick, not per event)."""
        self.tills: TillScopes | None = None
        self.till_selector: TillSelector | None = None

    def _connect(self) -> None:
        self.feed.updated.connect(self.refresh)
        if self.scopes is not None:
            self.scopes.status_changed.connect(self._on_scope_status)
            # Behind another tab a dock stays isVisible(); this signal says when it is in front.
            self.visibilityChanged.connect(self._on_visibility)

    # -- refreshing -------------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Redraw from the feed's current report (skipped while off screen, also behind another
        tab; the feed asks again when the dock comes to the front)."""
        if not self.on_screen():
            return
        self.show_report(self.report())

    def report(self) -> FlowReport:
        """The report of the scope shown (in a shop: of the till scope chosen)."""
        return self.feed.report() if self.tills is None else self.tills.report()

    # -- tills ------------------------------------------------------------------------------------

    def set_tills(self, tills: TillScopes, name: str) -> None:
        """In a shop: the till selector ``name`` at the start of the top bar (module docstring)."""
        self.tills = tills
        self.till_selector = TillSelector(tills, name, self.widget())
        self.bar.insertWidget(0, self.till_selector)
        tills.changed.connect(self._on_till_scope)
        self._on_till_scope()

    @Slot()
    def _on_till_scope(self, _key: str = "") -> None:
        local = self.tills is None or self.tills.local
        selector = self.scope_selector
        if selector is not None:
            selector.setEnabled(local)
            if local:
                selector.fill()  # its own tooltip again
            else:
                selector.setToolTip(
                    self.tr(
                        "The other tills are counted from when this till joined the shop; "
                        "choose this till for the time scopes"
                    )
                )
        self.refresh()

    def show_report(self, report: FlowReport) -> None:
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # right at once when shown; the feed's job keeps it current from here

    # -- scope ------------------------------------------------------------------------------------

    @Slot(bool)
    def _on_visibility(self, visible: bool) -> None:
        if visible and self.scopes is not None:
            self.scopes.activate()  # the stored scope is read when first looked at

    @Slot(str)
    def _on_scope_status(self, text: str) -> None:
        raise NotImplementedError

    # -- export -----------------------------------------------------------------------------------

    def _saved(self, target: Path, tip: str) -> None:
        """Say that ``target`` was saved; ``tip``: a translated "... saved to {path}"."""
        self.status_label.setText(self.tr("Saved {name}").format(name=target.name))
        self.status_label.setToolTip(tip.format(path=target))

    def export_csv(self, path: str | Path) -> Path:
        """Write the statistics shown (everything counted so far) as CSV to ``path``."""
        self.feed.flush()
        if self.tills is not None and not self.tills.local:
            target = save_text(path, self.tills.to_csv())
        else:
            target = save_text(path, self.feed.shown.to_csv(end=time.time()))
        self._saved(target, self.tr("Statistics saved to {path}"))
        return target

    def _ask_path(self, stem: str, suffix: str, title: str, kinds: str) -> str:
        name = f"{stem}{suffix}"
        if self.tills is not None and not self.tills.local:
            name = scope_file_name(stem, self.tills.label(), suffix)
        elif self.scopes is not None:
            name = scope_file_name(stem, self.scopes.label(), suffix)
        path, _ = QFileDialog.getSaveFileName(self, title, name, kinds)
        return path

    @Slot()
    def ask_export_csv(self) -> None:
        path = self._ask_path(
            "cartapp-statistics", ".csv", self.tr("Export statistics"), self.tr("CSV files (*.csv)")
        )
        if path:
            try:
                self.export_csv(path)
            except OSError as exc:
                self.status_label.setText(
                    self.tr("Could not save {path}: {error}").format(
                        path=path, error=exc.strerror or exc
                    )
                )
