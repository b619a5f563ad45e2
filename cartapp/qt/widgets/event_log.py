"""``EventLogDock``: the live event log panel, where a click's whole path can be watched.

One row per stage record (generated, transmitted, handled, failed, consumed, dropped), filtered by
message class or type, by stage and by free text. The view can be paused (``PAUSE_MEANING``:
records keep being stored and counted, the view stops following; on resume it shows what came
meanwhile, so nothing appears only after a restart), the view follows new rows once per batch
when auto-scroll is on, and "Clear" empties the view. Selecting a row shows the full envelope as
JSON (the store's mapper, the one wire format), the record's stage, handler, duration and error,
and the path of its correlation; every row of that correlation is tinted so one click's path
stands out.

The selection is of a record, not of a row: the dock keeps the selected record, and after every
filter, stage or search change it selects that record's row again, or, when the filter hides it,
keeps describing it under ``HIDDEN_NOTE`` (its row comes back selected when the filter shows it
again). While rows leave, the view selects nothing (``log_view``), so a selection change never
arrives in the middle of a change of the proxy's rows.

The dock only listens to ``QtBridge.records_batch`` and never publishes. Records it receives are
held and taken into the model by its frame-clock job (``cartapp.qt.frame_clock``): one insert,
and so one repaint, at most every ``LOG_PERIOD_MS`` (a repaint of a full log view costs
milliseconds; measured in ``cartapp.qt.bench.ui``), or ``FLOOD_PERIOD_MS`` while a flood lasts,
and at once after a quiet spell, so a click's few rows are never held back. While the dock is not
on screen (closed, or behind another tab) it takes nothing: the records wait (at most twice
``cap``; older ones are counted as dropped) and are taken in one insert when it comes to the
front. ``flush()`` takes them now.

Its parts live beside it: the table (``EventLogView``) and its empty hints in ``log_view.py``, the
filters, search box and tool buttons in ``log_controls.py``, the details pane and its text in
``log_details.py``. ``EventLogView`` and the hints stay importable from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cartapp.bus.stages import Stage
from cartapp.qt.frame_clock import FrameClock, dock_on_screen, follow_visibility
from cartapp.qt.i18n import QT_TRANSLATE_NOOP
from cartapp.qt.models.event_log import (
    DEFAULT_CAP,
    EventLogModel,
)
from cartapp.qt.models.log_filter import (
    FILTER_ALL,
    EventLogFilter,
)
from cartapp.qt.widgets.log_cells import LogCellDelegate
from cartapp.qt.widgets.log_controls import (
    log_icon,
    search_box,
    stage_filter,
    tool_button,
    type_filter,
)
from cartapp.qt.widgets.log_details import describe_record, details_pane
from cartapp.qt.widgets.log_view import EMPTY_HINT, NO_MATCH_HINT, PAUSED_HINT, EventLogView

if TYPE_CHECKING:
    from cartapp.bus import StageRecord
    from cartapp.qt.bridge import QtBridge

__all__ = [
    "EMPTY_HINT",
    "HIDDEN_NOTE",
    "LEFT_NOTE",
    "NO_MATCH_HINT",
    "PAUSED_HINT",
    "PAUSE_MEANING",
    "EventLogDock",
    "EventLogView",
]

SEARCH_DELAY_MS = 120
"""Typing in the search box refilters after this pause (one refilter per word, not per key)."""
SUMMARY_MIN_WIDTH = 240
"""The summary column gets at least this much before the details pane gets more than its least."""
DETAILS_MIN_WIDTH = 240
LOG_PERIOD_MS = 33
"""New rows reach the view at most this often (about 30 times a second; the frame clock's
``period_ms`` for the log)."""
FLOOD_ROWS = 256
"""A take of this many rows or more (a screenful many times over) is a flood ..."""
FLOOD_PERIOD_MS = 100
"""... during which the log takes rows at most this often: each take repaints the whole
viewport (milliseconds; ``cartapp.qt.bench.ui``), and the rows fly past unread anyway. The
first smaller take returns to ``LOG_PERIOD_MS``."""
HIDDEN_NOTE = QT_TRANSLATE_NOOP("EventLogDock", "The selected record is hidden by the filter.")
"""The details pane's first line while the filter hides the selected record's row."""
PAUSE_MEANING = QT_TRANSLATE_NOOP(
    "EventLogDock",
    "Pause the view: every record is still stored and counted (Metrics and Flow go on), but "
    "the log stops following; Resume shows what came meanwhile",
)
"""What pausing the log means, on its button."""
LEFT_NOTE = QT_TRANSLATE_NOOP(
    "EventLogDock",
    "The record you selected has left the log: it keeps the newest {cap:,} records.\n"
    "Select a row to see its envelope and its whole path.",
)
"""What the details pane says once the cap took the selected record (never a stale one)."""


class EventLogDock(QDockWidget):
    """The event log panel; ``bridge.records_batch`` feeds it. See the module docstring.

    Attributes: ``model`` (``EventLogModel``), ``proxy`` (``EventLogFilter``), ``view``,
    ``details`` (the ``eventDetails`` pane).
    """

    record_selected = Signal(object)
    """The ``StageRecord`` of the row the user selected."""
    time_travel_requested = Signal(object)
    """The user asked to see the cart at a row's message (double-click or context menu)."""

    def __init__(
        self,
        bridge: QtBridge | None = None,
        parent: QWidget | None = None,
        *,
        cap: int = DEFAULT_CAP,
        frames: FrameClock | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Event log"))
        self.setObjectName("eventLogDock")
        self.setAccessibleName(self.tr("Event log"))
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.bridge = bridge
        self.model = EventLogModel(cap, self)
        self.proxy = EventLogFilter(self.model, self)
        self._selected: StageRecord | None = None
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self._held: list[StageRecord] = []
        self._paused = False
        if frames is None:
            frames = bridge.frames if bridge is not None else FrameClock(parent=self)
        self.frames = frames
        self._job = frames.register(
            "event log", self._take_held, period_ms=LOG_PERIOD_MS, on_screen=dock_on_screen(self)
        )
        follow_visibility(self, self._job)
        self._build()
        self._apply_palette()
        self.model.records_appended.connect(self._on_appended)
        self.model.counts_changed.connect(self._update_counts)
        self.model.rowsRemoved.connect(self._on_rows_left)
        if bridge is not None:
            bridge.records_batch.connect(self.take_batch)
            self.model.consumers_of = bridge.consumers_of
        self._update_counts()

    # -- construction -----------------------------------------------------------------------------

    def _build(self) -> None:
        body = QWidget(self)
        body.setObjectName("eventLogBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)

        bar = QHBoxLayout()
        bar.setSpacing(4)
        self.filter_combo = type_filter(body)
        self.filter_combo.currentIndexChanged.connect(self._on_filter_changed)
        bar.addWidget(self.filter_combo)

        self.stage_combo = stage_filter(body, self.model)
        self.stage_combo.currentIndexChanged.connect(self._on_filter_changed)
        bar.addWidget(self.stage_combo)

        self.search = search_box(body)
        self.search.textChanged.connect(self._on_search_edited)
        self.search.returnPressed.connect(self.apply_search)
        bar.addWidget(self.search, 1)

        self.pause_button = tool_button(
            self.widget() or self, "eventLogPauseButton", self.tr("Pause the view"), "pause"
        )
        self.pause_button.setCheckable(True)
        self.pause_button.setToolTip(self.tr(PAUSE_MEANING))
        self.pause_button.toggled.connect(self.set_paused)
        bar.addWidget(self.pause_button)

        self.autoscroll_button = tool_button(
            self.widget() or self, "eventLogAutoScroll", self.tr("Auto-scroll"), "scroll"
        )
        self.autoscroll_button.setCheckable(True)
        self.autoscroll_button.setChecked(True)
        self.autoscroll_button.setToolTip(self.tr("Follow new events (scroll to the newest row)"))
        self.autoscroll_button.toggled.connect(self._on_autoscroll_toggled)
        bar.addWidget(self.autoscroll_button)

        self.clear_button = tool_button(
            self.widget() or self, "eventLogClearButton", self.tr("Clear"), "clear"
        )
        self.clear_button.setToolTip(self.tr("Clear the view (counters keep counting)"))
        self.clear_button.clicked.connect(self.clear)
        bar.addWidget(self.clear_button)
        layout.addLayout(bar)

        self.view = EventLogView(body)
        self.view.setObjectName("eventLogView")
        self.view.setAccessibleName(self.tr("Event log records"))
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(LogCellDelegate(self.model, self.proxy, self.view))
        self.view.size_columns()
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.view.doubleClicked.connect(self._on_double_clicked)
        self.time_travel_action = QAction(self.tr("Show the cart at this moment"), self.view)
        self.time_travel_action.setObjectName("eventLogTimeTravelAction")
        self.time_travel_action.setStatusTip(self.tr("Open Time travel at this row's message"))
        self.time_travel_action.triggered.connect(self._request_time_travel)
        self.view.addAction(self.time_travel_action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.details = details_pane(body)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, body)
        self.splitter.setObjectName("eventLogSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([740, 390])  # the details fit a correlation's path
        self._user_split = False
        self.splitter.splitterMoved.connect(self._on_splitter_moved)
        layout.addWidget(self.splitter, 1)

        footer = QHBoxLayout()
        self.status_label = QLabel(body)
        self.status_label.setObjectName("eventLogStatus")
        self.status_label.setProperty("role", "hint")
        footer.addWidget(self.status_label, 1)
        self.paused_label = QLabel(body)
        self.paused_label.setObjectName("eventLogPausedHint")
        self.paused_label.setProperty("role", "hint")
        self.paused_label.hide()
        footer.addWidget(self.paused_label)
        layout.addLayout(footer)
        self.setWidget(body)

    # -- public API -------------------------------------------------------------------------------

    @property
    def cap(self) -> int:
        """Most rows kept; the oldest leave first (they are still counted)."""
        return self.model.cap

    @cap.setter
    def cap(self, value: int) -> None:
        self.model.set_cap(value)

    @property
    def paused(self) -> bool:
        """The view is paused: records are held (stored and counted), not shown yet."""
        return self._paused

    @property
    def auto_scroll(self) -> bool:
        return self.autoscroll_button.isChecked()

    def set_auto_scroll(self, on: bool) -> None:
        self.autoscroll_button.setChecked(on)

    @Slot(bool)
    def set_paused(self, paused: bool) -> None:
        """Pause or resume recording; the button follows."""
        if self.pause_button.isChecked() != paused:
            self.pause_button.setChecked(paused)  # comes back here through toggled
            return
        self.flush()  # what came before the pause is shown
        self._paused = paused
        if not paused:
            self.flush()  # ... and what came while paused
        self.pause_button.setIcon(log_icon("play" if paused else "pause"))
        self.pause_button.setText(
            self.tr("Resume the view") if paused else self.tr("Pause the view")
        )
        self.pause_button.setAccessibleName(self.pause_button.text())
        self.pause_button.setToolTip(
            self.tr("Resume: show the records that came while paused, and follow again")
            if paused
            else self.tr(PAUSE_MEANING)
        )
        self._update_counts()

    @Slot(object)
    def take_batch(self, records: Sequence[StageRecord]) -> None:
        """Hold a batch of records for the log's next frame (module docstring)."""
        held = self._held
        held.extend(records)
        cap = self.model.cap
        if len(held) > 2 * cap:  # off screen (or paused) for long: keep the newest cap
            skipped = len(held) - cap
            del held[:skipped]
            self.model.skip_records(skipped)
        if self._paused:
            self._update_counts()
            return
        self._job.request()

    def _take_held(self, _deadline: float) -> None:
        if not self._paused:
            self.flush()

    @Slot()
    def flush(self) -> None:
        """Take the held records into the model now, on screen or not (tests, restore, pause);
        while paused they stay held (the view does not follow)."""
        self._job.cancel()
        if self._paused:
            return
        held, self._held = self._held, []
        self._job.set_period(FLOOD_PERIOD_MS if len(held) >= FLOOD_ROWS else LOG_PERIOD_MS)
        if held:
            self.model.append_records(held)

    @property
    def held(self) -> int:
        """Records received but not in the model yet (waiting for the log's next frame)."""
        return len(self._held)

    @property
    def updates(self) -> int:
        """How many times the log's frame job ran (tests: one per frame, none off screen)."""
        return self._job.runs

    @Slot()
    def clear(self) -> None:
        """Empty the view and the details; totals keep counting."""
        self.flush()
        self.model.clear()
        self.model.set_highlight(None)
        self._selected = None
        self.details.clear()

    def set_filter(self, kind: str) -> None:
        """Select ``kind`` in the type filter (a class name or one of the group entries)."""
        index = self.filter_combo.findData(kind)
        if index < 0:
            raise ValueError(f"unknown event filter {kind!r}")
        self.filter_combo.setCurrentIndex(index)

    def set_stage_filter(self, stage: Stage | str | None) -> None:
        index = self.stage_combo.findData(str(stage) if stage else "")
        if index < 0:
            raise ValueError(f"unknown stage {stage!r}")
        self.stage_combo.setCurrentIndex(index)

    @Slot()
    def apply_search(self) -> None:
        """Filter by the search box's text now (typing applies it after a short pause)."""
        self._search_timer.stop()
        self._refilter(text=self.search.text())

    @property
    def selected_record(self) -> StageRecord | None:
        """The record the user last selected, also while the filter hides its row."""
        return self._selected

    def select_row(self, row: int) -> None:
        """Select proxy row ``row`` (as a click would)."""
        self.view.selectRow(row)

    def status_text(self) -> str:
        return self.status_label.text()

    # -- reactions --------------------------------------------------------------------------------

    @Slot(int)
    def _on_filter_changed(self, _index: int = 0) -> None:
        self._refilter(
            kind=self.filter_combo.currentData() or FILTER_ALL,
            stage=self.stage_combo.currentData() or None,
        )

    def _refilter(self, **criteria: str | None) -> None:
        """Apply filter criteria (``EventLogFilter.set_criteria``), then show the selection."""
        self.proxy.set_criteria(**criteria)
        self._show_selection()
        self._update_counts()

    @Slot()
    def _on_rows_left(self) -> None:
        """The cap took the oldest rows: if the selected record was one of them, the details
        pane stops describing it (it is never about a record no longer in the log)."""
        record = self._selected
        if record is not None and self.model.row_of(record) < 0:
            self._selected = None
            self.model.set_highlight(None)
            self.details.setPlainText(self.tr(LEFT_NOTE).format(cap=self.model.cap))

    def _show_selection(self) -> None:
        """Select the selected record's row again after a refilter, or say the filter hides it
        (a record the cap took is forgotten at once: ``_on_rows_left``)."""
        record = self._selected
        if record is None:
            return
        row = self.proxy.row_of(record)
        if row >= 0:
            index = self.proxy.index(row, 0)
            selection = self.view.selectionModel()
            if not selection.isRowSelected(row, QModelIndex()):
                selection.setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
            self.view.scrollTo(index)
        elif self.model.row_of(record) >= 0:
            self.details.setPlainText(f"{self.tr(HIDDEN_NOTE)}\n\n{self.describe(record)}")

    @Slot(str)
    def _on_search_edited(self, text: str) -> None:
        if not text:
            self.apply_search()
        else:
            self._search_timer.start()

    @Slot(int)
    def _on_appended(self, _count: int) -> None:
        if self.autoscroll_button.isChecked():
            self.view.scrollToBottom()

    @Slot(bool)
    def _on_autoscroll_toggled(self, on: bool) -> None:
        if on:
            self.view.scrollToBottom()

    @Slot()
    def _update_counts(self) -> None:
        model = self.model
        shown = self.proxy.rowCount()
        messages = model.messages
        text = self.tr("Showing {shown:,} of {total:,} records · %Ln message(s)", "", messages)
        text = text.format(shown=shown, total=model.total)
        if model.dropped:
            text += self.tr(" · oldest {dropped:,} dropped (keeps {cap:,})").format(
                dropped=model.dropped, cap=model.cap
            )
        if self.status_label.text() != text:
            self.status_label.setText(text)
            self.status_label.setToolTip(
                self.tr(
                    "A record is one stage of one message (generated, transmitted, handled, "
                    "consumed, ...): the {kept:,} records kept are about {messages:,} "
                    "messages, the count Metrics and Flow show. "
                    "{kept:,} kept in memory (cap {cap:,}); {total:,} seen; "
                    "{dropped:,} dropped by the cap; {cleared:,} cleared; "
                    "{held:,} waiting to be shown"
                ).format(
                    kept=model.kept,
                    messages=messages,
                    cap=model.cap,
                    total=model.total,
                    dropped=model.dropped,
                    cleared=model.cleared,
                    held=len(self._held),
                )
            )
        if self._paused:
            waiting = len(self._held)
            hint = self.tr(
                "Paused: %Ln new record(s) stored and counted, shown when you resume", "", waiting
            )
            if self.paused_label.text() != hint:
                self.paused_label.setText(hint)
            self.paused_label.show()
        else:
            self.paused_label.hide()
        if model.kept == 0:
            hint = PAUSED_HINT if self._paused else EMPTY_HINT
        else:
            hint = NO_MATCH_HINT
        hint = QCoreApplication.translate("EventLogView", hint)
        if hint != self.view.empty_hint:
            self.view.empty_hint = hint
            self.view.viewport().update()

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return  # the row left (filter, cap or clear): keep the record (_show_selection)
        record = self.proxy.record(rows[0].row())
        chosen = record is not self._selected  # not the same record shown again after a refilter
        self._selected = record
        correlation = record[1].correlation_id
        first, last = self._visible_source_rows()
        self.model.set_highlight(correlation, first, last)
        self.details.setPlainText(self.describe(record))
        if chosen:
            self.record_selected.emit(record)

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.time_travel_requested.emit(self.proxy.record(index.row()))

    @Slot()
    def _request_time_travel(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            self.time_travel_requested.emit(self.proxy.record(rows[0].row()))

    def _visible_source_rows(self) -> tuple[int, int]:
        """Source rows spanning what the view shows now (for a cheap repaint of the tint)."""
        count = self.proxy.rowCount()
        if not count:
            return 0, -1
        top = self.view.rowAt(0)
        bottom = self.view.rowAt(self.view.viewport().height() - 1)
        top = 0 if top < 0 else top
        bottom = count - 1 if bottom < 0 else bottom
        first = self.proxy.mapToSource(self.proxy.index(top, 0)).row()
        last = self.proxy.mapToSource(self.proxy.index(bottom, 0)).row()
        return first, last

    def describe(self, record: StageRecord) -> str:
        """The details text: the record, its correlation's path, and its envelope as JSON."""
        model = self.model
        return describe_record(record, model.records_of(record[1].correlation_id), model.who)

    # -- palette ----------------------------------------------------------------------------------

    def _apply_palette(self) -> None:
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        self.model.set_dark(dark, palette.color(QPalette.ColorRole.Highlight))
        for index, stage in enumerate(Stage, start=1):
            self.stage_combo.setItemIcon(index, self.model.stage_icon(stage))

    @Slot(int, int)
    def _on_splitter_moved(self, _pos: int, _index: int) -> None:
        self._user_split = True

    def split_state(self) -> QByteArray:
        """The table/details split, for the settings (``restore_split`` takes it back)."""
        return self.splitter.saveState()

    def restore_split(self, state: QByteArray | bytes) -> bool:
        """Give the details pane the width the user chose last time; False if ``state`` is not
        a split Qt saved (the default share stays)."""
        if not self.splitter.restoreState(QByteArray(state)):
            return False
        self._user_split = True
        return True

    def _balance_split(self) -> None:
        """Share the width: the table about two thirds, but never so little that the summary
        is squeezed while the details could give room (until the user moves the splitter)."""
        total = self.splitter.width() - self.splitter.handleWidth()
        if self._user_split or total <= 0:
            return
        scrollbar = self.view.verticalScrollBar().sizeHint().width()
        wanted = self.view.fixed_width + SUMMARY_MIN_WIDTH + scrollbar + 4
        table = min(max(total * 2 // 3, wanted), total - DETAILS_MIN_WIDTH)
        self.splitter.setSizes([max(table, 0), total - max(table, 0)])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._balance_split()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._balance_split()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_palette()
