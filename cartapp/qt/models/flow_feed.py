"""``FlowFeed`` and ``LiveTail``: the metrics panels' feed of statistics, drained per frame.

``FlowFeed`` is the one place where bus traffic enters ``FlowStats`` in the app. It connects to
``QtBridge.records_batch`` and only *queues* each frame's batch there (one list append per frame,
nothing per record). Two jobs on the bridge's frame clock (``cartapp.qt.frame_clock``) do the
rest: "flow statistics" drains the queue into the statistics, at most ``budget_ms`` (default
4 ms) per frame, with the event loop running in between, and always, so the counts are right
whenever a panel is shown; "flow panels" emits ``updated`` at most every ``interval_ms``
(default 250 ms), a frame after the traffic (so a click's own rows are painted first), and by
itself once every ``HEARTBEAT_MS`` so the rate chart moves on when
idle, but only while a panel given to ``add_panel`` is on screen (a panel behind another tab
is not). Panels redraw on ``updated`` only. ``feed_for(bridge, stats)`` returns the feed of that
pair, so several panels share one feed and every record is counted once.

``stats`` always counts this run's live traffic. What the panels show is ``shown``: ``stats``, or
another ``FlowStats`` put there with ``show()`` (a scope read back from the store, see
``cartapp.qt.models.scopes``). Such a scope stays live through a ``LiveTail``: the feed numbers
the records it receives 0, 1, 2 ... (``received``), and hands those from the tail's ``start`` on
to the tail as it counts them, so the scope's stored part and its live part meet without a gap or
an overlap. While another scope is being read, its own tail (``follow()``) collects the records
meanwhile, and the scope shown stays live.

``add_observer(observe)`` hands every chunk the feed counts to ``observe`` too, in order (in a
shop: this till's part of the shop's figures, ``cartapp.analytics.tills.ShopFlow``); records a
``reset()`` drops before they were counted reach no observer either.
"""

from __future__ import annotations

import time
from collections import deque
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from cartapp.qt.frame_clock import dock_on_screen, follow_visibility

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from PySide6.QtWidgets import QDockWidget

    from cartapp.analytics import FlowReport, FlowStats
    from cartapp.bus import StageRecord
    from cartapp.qt.bridge import QtBridge

__all__ = ["CHUNK", "HEARTBEAT_MS", "FlowFeed", "LiveTail", "feed_for"]

CHUNK = 512
"""Records counted between two looks at the clock while draining."""
HEARTBEAT_MS = 1000
"""With no traffic, panels on screen redraw this often (the rate chart's time moves on)."""


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
    """Queues the bridge's record batches and drains them into ``stats`` per frame."""

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
        self._observers: list[Callable[[Sequence[StageRecord]], None]] = []
        self._panels: list[Callable[[], bool]] = []
        frames = bridge.frames
        self.frames = frames
        self.drain_job = frames.register("flow statistics", self._drain, budget_ms=budget_ms)
        self.update_job = frames.register(
            "flow panels",
            self._emit_updated,
            period_ms=interval_ms,
            heartbeat_ms=HEARTBEAT_MS,
            on_screen=self._any_panel_on_screen,
            lag_ms=frames.frame_ms,
        )
        bridge.records_batch.connect(self._on_batch)

    def add_panel(self, dock: QDockWidget) -> None:
        """``updated`` goes out while ``dock`` (or another panel given here) is on screen, and
        once more when it comes to the front. With no panel given, always."""
        self._panels.append(dock_on_screen(dock))
        follow_visibility(dock, self.update_job)

    def add_observer(self, observe: Callable[[Sequence[StageRecord]], None]) -> None:
        """``observe(records)`` for every chunk counted from now on (see the module docstring)."""
        self._observers.append(observe)

    def _any_panel_on_screen(self) -> bool:
        return not self._panels or any(on_screen() for on_screen in self._panels)

    @Slot(object)
    def _on_batch(self, records: list[StageRecord]) -> None:
        self._pending.append(records)
        self.received += len(records)
        self.drain_job.request()
        self.update_job.request()

    @property
    def pending(self) -> int:
        """Records queued but not yet counted."""
        return sum(len(batch) for batch in self._pending) - self._offset

    def _drain(self, deadline: float | None) -> bool:
        """Count queued records (until ``deadline``, frame-clock seconds, if given); True when
        more is queued (the frame clock's "work left").

        Records go in chunks of ``CHUNK`` (a frame's batch can hold thousands during a burst), so
        a slice overruns its budget by at most one chunk (about half a millisecond).
        """
        pending = self._pending
        if not pending:
            return False
        observe = self.stats.observe_records
        now = self.frames.now
        while pending:
            batch = pending[0]
            start = self._offset
            end = min(len(batch), start + CHUNK)
            chunk = batch[start:end] if start or end < len(batch) else batch
            observe(chunk)
            for observer in self._observers:
                observer(chunk)
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
            if deadline is not None and now() >= deadline:
                break
        return bool(pending)

    def _emit_updated(self, _deadline: float) -> None:
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
        self.frames.unregister(self.drain_job)
        self.frames.unregister(self.update_job)
        self.bridge.records_batch.disconnect(self._on_batch)


def feed_for(bridge: QtBridge, stats: FlowStats) -> FlowFeed:
    """The ``FlowFeed`` of ``bridge`` and ``stats``, made on first use (a child of the bridge)."""
    for feed in bridge.findChildren(FlowFeed):
        if feed.stats is stats:
            return feed
    return FlowFeed(bridge, stats)
