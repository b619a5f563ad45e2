"""``StatsScopes``: which traffic the metrics panel and the flow view count.

The scopes (``choices()``):

- **This run (live)** (``RUN``): the feed's own ``FlowStats``, the bus traffic since the app
  started (what the panels showed before scopes existed).
- **Current session** (``CURRENT``): what the whole app calls "the session"
  (``EventStore.current_session``): the messages since the last checkout, or, right after a
  checkout (also after a restart), the session that checkout closed, read back from the store's
  stage rows, then kept live. A checkout while it is shown closes the session it shows; the first
  fact after it belongs to the next session, so the scope is read again then.
- **All history** (``ALL``): every stored stage row (the store keeps the newest 500,000), then
  kept live.
- **Session n** (``"session:n"``): one of the ``PAST_SESSIONS`` newest closed sessions (one
  order each), read from the store; it only grows by the last rows of a checkout just made.

**The default is All history.** The event log is pre-filled from the store at start-up (its
newest 20,000 rows) and goes on live, so All history counts the messages the log shows, all of
them while the history fits in the log; "This run" would count none of the restored rows. On a
first start (no stored stage rows) All history *is* this run: the feed's own statistics are shown
and nothing is counted twice.

**Reading** happens when a scope is chosen while a panel is visible, or when a panel is first
shown (``activate()``), so a hidden panel costs nothing at start-up. The rows are read on the GUI
thread in slices of at most ``budget_ms``, one per frame (a job on the bridge's frame clock,
``cartapp.qt.frame_clock``; while the store is behind, it looks again each frame): windows of
stage ids (``EventStore.stage_rows``) sized to fit, with the event loop running in between;
meanwhile the panels keep what they showed and
``status_changed`` says how far it got. A session's rows are those that share a correlation id
with its messages (its commands, facts, rejections and failures).

**Stored and live meet by position.** The stage writer (``LiveStore.telemetry``, a
``Telemetry``) numbers this run's stage records in the order the bus's taps see them, as the feed
does (``FlowFeed.received``), and says up to which stage-log position the first ``P`` of them are
stored. A scope chosen when the feed had received ``P`` records reads the rows up to that position
(waiting up to ``WAIT_S`` for the writer to get there) and takes records ``P``, ``P + 1``, ... live
through a ``LiveTail``. A session's live records are filtered like its stored rows: the open
session takes every correlation but the checkout's before it, a closed session only its own. What
needs no event loop (the plan of a read, its slices, the labels) is ``cartapp.history.scopes``;
this module chooses, schedules the slices and keeps the result live. When the writer could not
store some rows, a stored scope says so in ``status_changed`` once it is shown.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from cartapp.analytics import FlowStats
from cartapp.domain.events import CheckedOut
from cartapp.domain.i18n import QT_TRANSLATE_NOOP
from cartapp.history.scopes import (
    ALL,
    CURRENT,
    PAST_SESSIONS,
    RUN,
    WAIT_S,
    ReadState,
    ScopeChoice,
    ScopeRead,
    describe,
    plan_read,
    session_key,
)
from cartapp.qt.models.metrics import CHUNK, LiveTail
from cartapp.store.errors import STORE_FAILURES, StoreError
from cartapp.store.store import LIVE_STREAM

if TYPE_CHECKING:
    from collections.abc import Callable

    from cartapp.bus import Envelope
    from cartapp.qt.models.metrics import FlowFeed
    from cartapp.store.sessions import Session
    from cartapp.store.store import EventStore
    from cartapp.store.telemetry import Telemetry

__all__ = [
    "ALL",
    "CURRENT",
    "CURRENT_TIP",
    "PAST_SESSIONS",
    "RUN",
    "WAIT_S",
    "ScopeChoice",
    "StatsScopes",
    "session_key",
]

CURRENT_TIP = QT_TRANSLATE_NOOP(
    "StatsScopes",
    "The session: every message since the last checkout; right after a checkout (also after a "
    "restart), the order just checked out. The same messages Time travel and File > Export "
    "session show",
)
"""The current session scope's tooltip (English; shown as ``tr(CURRENT_TIP)``)."""


@dataclass
class _Job:
    """One scope being read: its stored part, then the tail's backlog."""

    read: ScopeRead
    tail: LiveTail
    stats: FlowStats


class StatsScopes(QObject):
    """Chooses, reads and keeps live the statistics the panels show; see the module docstring."""

    changed = Signal(str)
    """The scope now shown (its key): the panels show ``feed.shown``."""
    choices_changed = Signal()
    """The list of scopes changed (a checkout closed a session)."""
    status_changed = Signal(str)
    """Progress while a scope is read ("" when done)."""

    def __init__(
        self,
        feed: FlowFeed,
        store: EventStore,
        telemetry: Telemetry,
        *,
        stream: str = LIVE_STREAM,
        initial: str = ALL,
        budget_ms: float = 5.0,
        parent: QObject | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        super().__init__(parent if parent is not None else feed)
        self.setObjectName("statsScopes")
        self.feed = feed
        self.store = store
        self.telemetry = telemetry
        """The stage writer: its cursor says where the stored part of a scope ends."""
        self.stream = stream
        self.budget_s = budget_ms / 1000.0
        self.clock = clock
        """Seconds: slices and the wait for the store are measured with it (tests set their own)."""
        self.key = initial
        """The scope chosen (shown once read)."""
        self.shown_key = RUN
        self.active = False
        """False until a panel was shown: nothing is read for hidden panels."""
        self.last_read: tuple[str, int, float, float] | None = None
        """(key, rows, seconds reading, seconds from start to shown) of the last scope read."""
        self._job: _Job | None = None
        self._current_closed = False
        """Whether Current session shows a closed session (the next fact starts a new one)."""
        self._sessions: list[Session] | None = None
        self._reading = feed.frames.register(
            "statistics scope", self._on_frame, budget_ms=budget_ms
        )
        feed.bridge.fact_published.connect(self._on_fact)
        self._begin(initial)

    @property
    def base(self) -> int:
        """The stage log's position before this run's traffic (see the module docstring)."""
        return self.telemetry.base

    # -- choosing -------------------------------------------------------------------------------

    def choices(self) -> list[ScopeChoice]:
        """This run, the current session, all history, then the newest closed sessions."""
        out = [
            ScopeChoice(
                RUN, self.tr("This run (live)"), self.tr("Live traffic since cartapp started")
            ),
            ScopeChoice(CURRENT, self.tr("Current session"), self.tr(CURRENT_TIP)),
            ScopeChoice(
                ALL,
                self.tr("All history"),
                self.tr(
                    "Every stored stage row (the newest 500,000 are kept), then live; "
                    "what the event log shows"
                ),
            ),
        ]
        for session in reversed(self.past_sessions()):
            out.append(ScopeChoice(session_key(session.number), *describe(session)))
        return out

    def past_sessions(self) -> list[Session]:
        """The newest closed sessions, oldest first (cached until the next checkout)."""
        if self._sessions is None:
            try:
                recent = self.store.recent_sessions(self.stream, PAST_SESSIONS + 1)
            except STORE_FAILURES:
                recent = []
            self._sessions = [s for s in recent if s.closed][-PAST_SESSIONS:]
        return self._sessions

    def label(self, key: str | None = None) -> str:
        key = self.key if key is None else key
        return next((c.label for c in self.choices() if c.key == key), key)

    @property
    def loading(self) -> bool:
        return self._job is not None

    def select(self, key: str, *, again: bool = False) -> None:
        """Show scope ``key``: at once for this run, else once its stored rows are read.

        Choosing the scope shown (or being read) again does nothing unless ``again``.
        """
        if key != RUN and key not in (CURRENT, ALL) and self._session(key) is None:
            raise ValueError(f"unknown statistics scope {key!r}")
        if key == self.key and (key == self.shown_key or self.loading) and not again:
            return
        self.key = key
        self._cancel()
        self._begin(key)

    def _begin(self, key: str) -> None:
        if key == RUN or self._is_this_run(key):
            self._show(key, self.feed.stats, None)
        elif self.active:
            self._start(key)
        else:
            self.status_changed.emit("")

    def activate(self) -> None:
        """A panel is visible: read the chosen scope if it was not read yet."""
        if self.active:
            return
        self.active = True
        if self.key != self.shown_key and self._job is None:
            self._begin(self.key)

    def _is_this_run(self, key: str) -> bool:
        """All history before any stage row was stored (and no reset): the feed's own stats."""
        return key == ALL and self.base == 0 and self.feed.counted_from == 0

    def _session(self, key: str) -> Session | None:
        if not key.startswith("session:"):
            return None
        try:
            number = int(key.partition(":")[2])
        except ValueError:
            return None
        found = next((s for s in self.past_sessions() if s.number == number), None)
        if found is None:
            found = next((s for s in self.store.sessions(self.stream) if s.number == number), None)
        return found if found is not None and found.closed else None

    # -- reading --------------------------------------------------------------------------------

    def _start(self, key: str) -> None:
        try:
            job = self._make_job(key)
        except STORE_FAILURES as exc:
            self._fail(exc)
            return
        self._job = job
        self.feed.follow(job.tail)
        self.status_changed.emit(self.tr("Reading {scope}…").format(scope=self.label(key).lower()))
        self._reading.request()

    def _make_job(self, key: str) -> _Job:
        closed = None
        if key == CURRENT:  # right after a checkout the current session is the closed order
            self._current_closed = self.store.current_session(self.stream).closed
        elif key != ALL:
            closed = self._session(key)
            if closed is None:
                raise StoreError(f"session {key} is not stored")
        stats = FlowStats()
        read = plan_read(
            self.store,
            self.telemetry,
            key,
            self.feed.received,
            self.stream,
            stats,
            closed,
            started=self.clock(),
        )
        return _Job(read, LiveTail(read.records, read.accept), stats)

    def _on_frame(self, _deadline: float) -> None:
        self.step()  # asks for the next frame itself while a slice is left

    @Slot()
    def step(self) -> None:
        """Read one slice of the scope being read, now (its frame job calls this once per
        frame; tests may call it by hand). Does nothing when no scope is being read."""
        self._reading.cancel()
        job = self._job
        if job is None:
            return
        now_ = self.clock
        read = job.read
        deadline = now_() + self.budget_s
        try:
            state = read.step(self.store, self.telemetry, deadline, self.budget_s, now_)
        except STORE_FAILURES as exc:  # e.g. the store closed (the app is closing)
            self._fail(exc)
            return
        if state is ReadState.WAIT:
            self._reading.request()  # the store is behind: look again next frame
            return
        if state is ReadState.MORE:
            reading = self.tr("Reading {scope}… {percent} %")
            scope = self.label(read.key).lower()
            self.status_changed.emit(reading.format(scope=scope, percent=read.percent))
            self._reading.request()
            return
        began = now_()
        job.tail.stats = job.stats
        while not job.tail.catch_up(CHUNK):
            if now_() > deadline:
                read.read_s += now_() - began
                self._reading.request()
                return
        read.read_s += now_() - began
        self._job = None
        self.last_read = (read.key, read.rows, read.read_s, now_() - read.started)
        self._show(read.key, job.stats, job.tail)

    def _show(self, key: str, stats: FlowStats, tail: LiveTail | None) -> None:
        self.shown_key = key
        self.feed.show(stats, tail, live=not key.startswith("session:"))
        problem = self.telemetry.problem if tail is not None else None
        self.status_changed.emit(problem or "")
        self.changed.emit(key)

    def _cancel(self) -> None:
        """Stop reading a scope (the one shown stays, and stays live)."""
        self._reading.cancel()
        if self._job is not None:
            self._job = None
            self.feed.follow(None)

    def _fail(self, exc: Exception) -> None:
        self._job = None
        self.key = RUN
        self._show(RUN, self.feed.stats, None)
        self.status_changed.emit(
            self.tr("Could not read the stored statistics: {error}").format(error=exc)
        )

    # -- live -----------------------------------------------------------------------------------

    @Slot(object)
    def _on_fact(self, envelope: Envelope) -> None:
        if not isinstance(envelope.event, CheckedOut):
            if self.key == CURRENT and self._current_closed:
                # The first fact after a checkout: its command (committed before the fact was
                # published) opened the next session, which is now the current one.
                self._current_closed = False
                self.select(CURRENT, again=True)
            return
        self._sessions = None
        self.choices_changed.emit()
        if self.key == CURRENT:
            # The session shown is closed by this checkout and stays the current one until the
            # next message; its live tail already takes the checkout's records.
            self._current_closed = True
