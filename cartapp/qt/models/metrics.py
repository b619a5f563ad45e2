"""The metrics panels' feed and table models.

``FlowFeed`` is the one place where bus traffic enters ``FlowStats`` in the app. It connects to
``QtBridge.records_batch`` and only *queues* each frame's batch there (one list append per frame,
nothing per record). A single-shot ``QTimer`` drains the queue into the statistics in slices of
at most ``budget_ms`` (default 4 ms) with the event loop running in between, and emits
``updated`` at most once per ``interval_ms`` (default 250 ms), in a pause: once no batch came
for ``QUIET_MS`` (20 ms), so a redraw never competes with the work a click is waiting for, or at
the latest ``MAX_STALE_MS`` (1 s) after the last update while traffic never pauses. A 1 s clock
emits it too, so the rate chart moves on when idle. Panels redraw on ``updated`` only, and only
while visible; the feed keeps counting while they are hidden, so they are right when shown.
``feed_for(bridge, stats)`` returns the feed of that pair, so several panels share one feed and
every record is counted once.

``stats`` always counts this run's live traffic. What the panels show is ``shown``: ``stats``, or
another ``FlowStats`` put there with ``show()`` (a scope read back from the store, see
``cartapp.qt.models.scopes``). Such a scope stays live through a ``LiveTail``: the feed numbers
the records it receives 0, 1, 2 ... (``received``), and hands those from the tail's ``start`` on
to the tail as it counts them, so the scope's stored part and its live part meet without a gap or
an overlap. While another scope is being read, its own tail (``follow()``) collects the records
meanwhile, and the scope shown stays live.

The table models (``ProbabilityModel``, ``LatencyModel``, ``HandlerModel``) are adapters over
one ``FlowReport`` each: ``set_report()`` replaces their rows, with ``dataChanged`` when the row
keys are the same and a model reset when an event type or handler appeared.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor

from cartapp.qt.models.event_log import format_duration
from cartapp.qt.style import accent_colors

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from cartapp.analytics import FlowReport, FlowStats, Percentiles, Ratio, TypeStats
    from cartapp.bus import StageRecord
    from cartapp.qt.bridge import QtBridge

__all__ = [
    "CHUNK",
    "COL_HANDLER_CALLS",
    "COL_HANDLER_FAILED",
    "COL_HANDLER_NAME",
    "COL_LATENCY_COUNT",
    "COL_LATENCY_STAGE",
    "COL_P50",
    "COL_PROB_LOSSES",
    "COL_PROB_P_C",
    "COL_PROB_P_E",
    "COL_PROB_P_H",
    "COL_PROB_P_T",
    "COL_PROB_SCOPE",
    "MAX_STALE_MS",
    "QUIET_MS",
    "VALUE_ROLE",
    "Cell",
    "FlowFeed",
    "HandlerModel",
    "LatencyModel",
    "LiveTail",
    "ProbabilityModel",
    "ReportTableModel",
    "feed_for",
    "format_count",
    "format_ratio",
]

CHUNK = 512
"""Records counted between two looks at the clock while draining."""
QUIET_MS = 20
"""Panels redraw once no batch arrived for this long (or once ``MAX_STALE_MS`` passed)."""
MAX_STALE_MS = 1000

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
"""``data(index, VALUE_ROLE)``: the cell's raw value (an int, a float, a ``Ratio`` or a str)."""

_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def format_count(n: int) -> str:
    """``9,999``, then three significant digits: ``13.1k``, ``250k``, ``1.25M``."""
    if abs(n) < 10_000:
        return f"{n:,}"
    value, unit = float(n), -1
    while abs(value) >= 999.5 and unit < len(_UNITS) - 1:
        value /= 1000
        unit += 1
    digits = 0 if abs(value) >= 99.95 else 1 if abs(value) >= 9.995 else 2
    return f"{value:.{digits}f}{_UNITS[unit]}"


_UNITS = ("k", "M", "G", "T")


def format_ratio(ratio: Ratio, *, compact: bool = False) -> str:
    """``0.875 (7/8)``, or ``— (0/0)`` when nothing was measured; ``compact`` shortens counts
    from 10,000 on (``0.526 (13.1k/25.0k)``) so that long histories fit their columns."""
    value = ratio.value
    shown = "—" if value is None else f"{value:.3f}"
    if compact:
        return f"{shown} ({format_count(ratio.numerator)}/{format_count(ratio.denominator)})"
    return f"{shown} ({ratio.numerator:,}/{ratio.denominator:,})"


# -- the feed -----------------------------------------------------------------------------------


class LiveTail:
    """The live part of another ``FlowStats`` than the feed's own.

    The feed hands it every record numbered ``start`` or later (numbers count every record the
    feed received, from 0) that ``accept`` lets through, in order, as it counts them. They wait
    in ``backlog`` while ``stats`` is None (its stored part is still being read) and go straight
    into ``stats`` once it is set; ``catch_up()`` counts the backlog.
    """

    __slots__ = ("accept", "backlog", "start", "stats", "taken")

    def __init__(self, start: int, accept: Callable[[StageRecord], bool] | None = None) -> None:
        self.start = start
        self.accept = accept
        self.stats: FlowStats | None = None
        self.backlog: list[StageRecord] = []
        self.taken = 0
        """Records handed over (after ``accept``)."""

    def take(self, records: Sequence[StageRecord]) -> None:
        accept = self.accept
        if accept is not None:
            records = [record for record in records if accept(record)]
        if not records:
            return
        self.taken += len(records)
        if self.stats is None or self.backlog:  # in order: after the backlog
            self.backlog.extend(records)
        else:
            self.stats.observe_records(records)

    def catch_up(self, limit: int | None = None) -> bool:
        """Count (at most ``limit`` of) the backlog into ``stats``; True when none is left."""
        if self.stats is None:
            return not self.backlog
        if limit is None or limit >= len(self.backlog):
            part, self.backlog = self.backlog, []
        else:
            part, self.backlog = self.backlog[:limit], self.backlog[limit:]
        if part:
            self.stats.observe_records(part)
        return not self.backlog


class FlowFeed(QObject):
    """Queues the bridge's record batches and drains them into ``stats`` on a timer."""

    updated = Signal()
    """The statistics moved on (or a second passed): visible panels redraw from ``report()``."""

    def __init__(
        self,
        bridge: QtBridge,
        stats: FlowStats,
        *,
        interval_ms: int = 250,
        budget_ms: float = 4.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else bridge)
        self.setObjectName("flowFeed")
        self.bridge = bridge
        self.stats = stats
        self.interval_ms = interval_ms
        self.budget_s = budget_ms / 1000.0
        self._pending: deque[list[StageRecord]] = deque()
        self._offset = 0
        """How much of the first queued batch is already counted."""
        self._report: FlowReport | None = None
        self.drained = 0
        """How many records went into the statistics so far."""
        self.received = 0
        """How many records the bridge handed over so far (also those a reset dropped)."""
        self._number = 0
        """The number of the next record to count (records are numbered from 0 as received)."""
        self.counted_from = 0
        """The number of the first record ``stats`` counts (0 until a reset)."""
        self.shown: FlowStats = stats
        """What the panels show: ``stats`` or a stored scope (see ``show``)."""
        self.shown_live = True
        """Whether ``shown`` goes on now (False: a closed past, whose rate ends at its end)."""
        self.tail: LiveTail | None = None
        """Keeps ``shown`` live when it is not ``stats``."""
        self.loading_tail: LiveTail | None = None
        """Collects the live records of a scope being read (see ``follow``)."""
        self._tails: tuple[LiveTail, ...] = ()
        self._last_tick = 0.0
        """When ``updated`` was last emitted (``perf_counter``)."""
        self._last_batch = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._on_clock)
        self._clock.start()
        bridge.records_batch.connect(self._on_batch)

    @Slot(object)
    def _on_batch(self, records: list[StageRecord]) -> None:
        self._pending.append(records)
        self.received += len(records)
        self._last_batch = time.perf_counter()
        if not self._timer.isActive():
            self._timer.start(self._wait_ms(self._last_batch))

    def _wait_ms(self, now: float) -> int:
        """Until the next update may be shown: a quiet moment, and an interval since the last."""
        since_update = (now - self._last_tick) * 1000.0
        since_batch = (now - self._last_batch) * 1000.0
        return max(1, int(QUIET_MS - since_batch), int(self.interval_ms - since_update))

    @Slot()
    def _on_clock(self) -> None:
        """Once a second, so the rate chart moves on while nothing happens."""
        if not self._timer.isActive():
            self._tick()

    @property
    def pending(self) -> int:
        """Records queued but not yet counted."""
        return sum(len(batch) for batch in self._pending) - self._offset

    def _drain(self, budget_s: float | None) -> bool:
        """Count queued records (within ``budget_s`` if given); True when the queue is empty.

        Records go in chunks of ``CHUNK`` (a frame's batch can hold thousands during a burst), so
        a slice overruns its budget by at most one chunk (about half a millisecond).
        """
        pending = self._pending
        if not pending:
            return True
        observe = self.stats.observe_records
        deadline = None if budget_s is None else time.perf_counter() + budget_s
        while pending:
            batch = pending[0]
            start = self._offset
            end = min(len(batch), start + CHUNK)
            chunk = batch[start:end] if start or end < len(batch) else batch
            observe(chunk)
            for tail in self._tails:
                if self._number + len(chunk) > tail.start:
                    skip = tail.start - self._number
                    tail.take(chunk[skip:] if skip > 0 else chunk)
            self._number += end - start
            self.drained += end - start
            if end == len(batch):
                pending.popleft()
                self._offset = 0
            else:
                self._offset = end
            if deadline is not None and time.perf_counter() > deadline:
                break
        return not pending

    @Slot()
    def _tick(self) -> None:
        if not self._drain(self.budget_s):
            # More queued than one slice: continue on the next event-loop turn, so clicks,
            # paints and timers get their turn between slices of at most ``budget_ms``.
            self._timer.start(0)
            return
        now = time.perf_counter()
        stale = (now - self._last_tick) * 1000.0 >= MAX_STALE_MS
        wait = self._wait_ms(now)
        if wait > 1 and not stale:
            # Traffic is still arriving (or the last update was just now): redraw later, in a
            # pause, so the panels never compete with the work a click is waiting for.
            self._timer.start(wait)
            return
        self._last_tick = now
        self._report = None
        self.updated.emit()

    def flush(self) -> None:
        """Count everything queued now (the bridge's frame too) and emit ``updated``."""
        self.bridge.flush()
        self._drain(None)
        self._report = None
        self.updated.emit()

    def report(self) -> FlowReport:
        """The current report of ``shown`` (computed at most once per tick, rate ending now)."""
        if self._report is None:
            self._report = self.shown.report(end=time.time() if self.shown_live else None)
        return self._report

    def show(self, stats: FlowStats, tail: LiveTail | None = None, *, live: bool = True) -> None:
        """Show ``stats`` (``self.stats``: this run) and keep it live with ``tail`` (None: no
        other statistics are fed). A tail being followed for it stops being extra: call it
        with the tail given to ``follow``. ``live`` False: a closed past (a finished session),
        whose rate series ends with its newest row rather than now. Emits ``updated``."""
        self.shown = stats
        self.shown_live = live
        self.tail = tail
        if self.loading_tail is tail:
            self.loading_tail = None
        self._set_tails()
        self._report = None
        self.updated.emit()

    def follow(self, tail: LiveTail | None) -> None:
        """Hand records to ``tail`` too (a scope being read), or stop that (None)."""
        self.loading_tail = tail
        self._set_tails()

    def _set_tails(self) -> None:
        self._tails = tuple(t for t in (self.tail, self.loading_tail) if t is not None)

    def reset(self) -> None:
        """Forget this run's statistics (queued records too)."""
        for tail in self._tails:  # a scope shown from the store keeps what this run forgets
            number, offset = self._number, self._offset
            for batch in self._pending:
                part = batch[offset:] if offset else batch
                offset = 0
                if number + len(part) > tail.start:
                    skip = tail.start - number
                    tail.take(part[skip:] if skip > 0 else part)
                number += len(part)
        self._number = self.counted_from = self.received
        self._pending.clear()
        self._offset = 0
        self.stats.reset()
        self._report = None
        self.updated.emit()

    def stop(self) -> None:
        self._timer.stop()
        self._clock.stop()
        self.bridge.records_batch.disconnect(self._on_batch)


def feed_for(bridge: QtBridge, stats: FlowStats) -> FlowFeed:
    """The ``FlowFeed`` of ``bridge`` and ``stats``, made on first use (a child of the bridge)."""
    for feed in bridge.findChildren(FlowFeed):
        if feed.stats is stats:
            return feed
    return FlowFeed(bridge, stats)


# -- table models -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell: text shown, raw value, tooltip, and whether it signals a loss."""

    text: str
    value: Any = None
    tooltip: str | None = None
    alert: bool = False
    numeric: bool = True


Row = tuple[str, tuple[Cell, ...]]


class ReportTableModel(QAbstractTableModel):
    """A read-only table of ``Cell`` rows keyed by name; subclasses turn a report into rows."""

    COLUMNS: tuple[str, ...] = ()
    HEADER_TIPS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._alert = QColor(accent_colors(False)["danger"])

    # -- Qt API ---------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        cells = self._rows[index.row()][1]
        if index.column() >= len(cells):
            return None
        cell = cells[index.column()]
        if role == _DISPLAY:
            return cell.text
        if role == VALUE_ROLE:
            return cell.value
        if role == _TOOLTIP:
            return cell.tooltip
        if role == _ALIGN:
            return _RIGHT if cell.numeric else _LEFT
        if role == _FOREGROUND and cell.alert:
            return self._alert
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == _DISPLAY:
            return self.COLUMNS[section]
        if role == _TOOLTIP and section < len(self.HEADER_TIPS):
            return self.HEADER_TIPS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- ours -----------------------------------------------------------------------------------

    def set_dark(self, dark: bool) -> None:
        self._alert = QColor(accent_colors(dark)["danger"])
        if self._rows:
            self._changed(0, len(self._rows) - 1)

    def row_key(self, row: int) -> str:
        return self._rows[row][0]

    def row_of(self, key: str) -> int:
        for i, (name, _) in enumerate(self._rows):
            if name == key:
                return i
        return -1

    def text(self, key: str, column: int) -> str:
        """What the cell of row ``key`` shows (tests and accessibility)."""
        row = self.row_of(key)
        return "" if row < 0 else self._rows[row][1][column].text

    def set_report(self, report: FlowReport) -> None:
        self.set_rows(self.rows_from(report))

    def rows_from(self, report: FlowReport) -> list[Row]:
        raise NotImplementedError

    def set_rows(self, rows: Sequence[Row]) -> None:
        new = list(rows)
        old = self._rows
        if [k for k, _ in new] != [k for k, _ in old]:
            self.beginResetModel()
            self._rows = new
            self.endResetModel()
            return
        changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
        self._rows = new
        if changed:
            self._changed(changed[0], changed[-1])

    def _changed(self, first: int, last: int) -> None:
        self.dataChanged.emit(
            self.index(first, 0),
            self.index(last, len(self.COLUMNS) - 1),
            [_DISPLAY, _TOOLTIP, _FOREGROUND, VALUE_ROLE],
        )


def _count(n: int, tooltip: str | None = None, alert: bool = False) -> Cell:
    return Cell(f"{n:,}", n, tooltip, alert and n > 0)


def _ns(ns: int, count: int) -> Cell:
    return Cell(format_duration(ns) if count else "—", ns)


def _ratio(ratio: Ratio, meaning: str, *, loss: bool = True) -> Cell:
    """A probability cell; ``loss``: below 1 means something was lost (drawn in red)."""
    value = ratio.value
    tip = f"{meaning}: {ratio.numerator:,} of {ratio.denominator:,}"
    shown = format_ratio(ratio, compact=True)
    return Cell(shown, ratio, tip, loss and value is not None and value < 1.0)


COL_PROB_SCOPE, COL_PROB_P_E, COL_PROB_P_T, COL_PROB_P_H, COL_PROB_P_C, COL_PROB_LOSSES = range(6)


def _losses(s: TypeStats) -> Cell:
    parts = [
        f"{n:,} {what}"
        for n, what in ((s.rejected, "rejected"), (s.failed, "failed"), (s.dropped, "dropped"))
        if n
    ]
    tip = (
        f"{s.rejected:,} answered by CommandRejected, {s.failed:,} handler calls raised, "
        f"{s.dropped:,} had no handler"
    )
    total = s.rejected + s.failed + s.dropped
    return Cell(", ".join(parts) or "—", total, tip, alert=total > 0, numeric=False)


class ProbabilityModel(ReportTableModel):
    """The design's four stage probabilities, for everything, per kind and per event type.

    Each probability cell reads ``value (numerator/denominator)`` and is drawn in the danger
    colour when it is below 1; "Losses" names the rejected, failed and dropped counts.
    """

    COLUMNS = ("Messages", "P(e)", "P(t|e)", "P(h|e)", "P(c|h)", "Losses")
    HEADER_TIPS = (
        "All messages, commands, facts, then each event type",
        "P(e): share of all generated messages (numerator: how many were generated)",
        "P(t|e): generated messages the bus delivered to at least one handler",
        "P(h|e): deliveries a handler finished without raising (failures lower it)",
        "P(c|h): handled messages whose result was consumed as an accepted effect "
        "(a CommandRejected answer lowers it)",
        "Rejected (CommandRejected), failed (handler raised) and dropped (no handler)",
    )

    def rows_from(self, report: FlowReport) -> list[Row]:
        labels = {"all": "All messages", "command": "Commands", "fact": "Facts"}
        rows: list[Row] = []
        aggregates = [report.total, *report.by_kind]
        for s in [*aggregates, *report.types]:
            aggregate = any(s is a for a in aggregates)
            key = f"[{s.name}]" if aggregate else s.name
            label = labels.get(s.name, s.name) if aggregate else s.name
            rows.append(
                (
                    key,
                    (
                        Cell(label, s.name, f"{s.kind}: {s.generated:,} generated", numeric=False),
                        _ratio(s.p_e, "share of generated messages", loss=False),
                        _ratio(s.p_t, "transmitted at least once"),
                        _ratio(s.p_h, "deliveries handled without error"),
                        _ratio(s.p_c, "handled and consumed as an accepted effect"),
                        _losses(s),
                    ),
                )
            )
        return rows


COL_LATENCY_STAGE, COL_LATENCY_COUNT, COL_P50 = 0, 1, 2


def _percentile_cells(p: Percentiles) -> tuple[Cell, ...]:
    return (
        _ns(p.p50, p.count),
        _ns(p.p95, p.count),
        _ns(p.p99, p.count),
        _ns(p.max, p.count),
    )


class LatencyModel(ReportTableModel):
    """Per stage: how long after its generation a message reached it (p50/p95/p99/max)."""

    COLUMNS = ("Stage", "Count", "p50", "p95", "p99", "Max")
    HEADER_TIPS = (
        "Stage of a message's path",
        "Stage records seen",
        "Median time since generation (within 1%)",
        "95th percentile (within 1%)",
        "99th percentile (within 1%)",
        "Slowest seen (exact)",
    )

    def rows_from(self, report: FlowReport) -> list[Row]:
        rows: list[Row] = []
        for stage, p in report.latencies:
            loss = stage in ("failed", "dropped") and p.count > 0
            name = Cell(stage, stage, numeric=False, alert=loss)
            rows.append((stage, (name, _count(p.count), *_percentile_cells(p))))
        return rows


COL_HANDLER_NAME, COL_HANDLER_CALLS, COL_HANDLER_FAILED = 0, 1, 2


class HandlerModel(ReportTableModel):
    """Per handler: calls, failures and how long it ran (p50/p95/p99/max)."""

    COLUMNS = ("Handler", "Calls", "Failed", "p50", "p95", "p99", "Max")
    HEADER_TIPS = (
        "Subscribed handler",
        "Messages delivered to it",
        "Calls that raised an exception",
        "Median run time (within 1%)",
        "95th percentile run time (within 1%)",
        "99th percentile run time (within 1%)",
        "Longest run (exact)",
    )

    def rows_from(self, report: FlowReport) -> list[Row]:
        return [
            (
                h.name,
                (
                    Cell(h.name, h.name, numeric=False),
                    _count(h.transmitted),
                    _count(h.failed, "calls that raised", alert=True),
                    *_percentile_cells(h.timing),
                ),
            )
            for h in report.handlers
        ]
