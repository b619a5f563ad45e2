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
thread in slices of at most ``budget_ms``: windows of stage ids (``EventStore.stage_rows``) sized
to fit, with the event loop running in between; meanwhile the panels keep what they showed and
``status_changed`` says how far it got. A session's rows are those that share a correlation id
with its messages (its commands, facts, rejections and failures).

**Stored and live meet without gap or overlap.** The store records the same stage records the
feed receives, in the same order, up to half a second later (``LiveStore.record_stages``), and
stage ids count on by one per row. So, with ``base`` the newest stage id when this object was
made (before any traffic), record number ``n`` of this run (``FlowFeed.received`` counts them) is
stored with id ``base + n + 1``. A scope chosen when the feed had received ``P`` records reads the
rows with ids up to ``base + P`` (waiting up to ``WAIT_S`` for the store to write them) and takes
records ``P``, ``P + 1``, ... live through a ``LiveTail``. A session's live records are filtered
like its stored rows: the open session takes every correlation but the checkout's before it, a
closed session only its own.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from cartapp.analytics import FlowStats
from cartapp.domain.events import CheckedOut
from cartapp.qt.models.metrics import CHUNK, LiveTail
from cartapp.store.errors import StoreError
from cartapp.store.store import LIVE_STREAM

if TYPE_CHECKING:
    from collections.abc import Callable

    from cartapp.bus import Envelope, StageRecord
    from cartapp.qt.models.metrics import FlowFeed
    from cartapp.store.history import Session
    from cartapp.store.store import EventStore

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

RUN, CURRENT, ALL = "run", "current", "all"
PAST_SESSIONS = 20
"""How many of the newest closed sessions are offered."""
WAIT_S = 3.0
"""How long a scope waits for the store to write the rows it needs (it writes every 0.5 s);
after that it reads what is there (rows the store failed to write are missing from history)."""
_POLL_MS = 20
_MIN_WINDOW, _MAX_WINDOW = 256, 65_536


CURRENT_TIP = (
    "The session: every message since the last checkout; right after a checkout (also after a "
    "restart), the order just checked out. The same messages Time travel and File > Export "
    "session show"
)


def session_key(number: int) -> str:
    return f"session:{number}"


class ScopeChoice(NamedTuple):
    key: str
    label: str
    tooltip: str


@dataclass
class _Job:
    """One scope being read: stage ids ``after < id <= upto``, then the tail's backlog."""

    key: str
    tail: LiveTail
    after: int
    upto: int
    stream: str | None = None
    first: int = 1
    last: int | None = None
    stats: FlowStats = field(default_factory=FlowStats)
    start_id: int = 0
    window: int = 2048
    rows: int = 0
    started: float = 0.0
    """When the read began (the scopes' clock)."""
    waiting: float | None = None
    """Since when the store is behind (None: it is not)."""
    read_s: float = 0.0
    """Time spent reading and counting (without the pauses between slices)."""


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
        self.stream = stream
        self.budget_s = budget_ms / 1000.0
        self.clock = clock
        """Seconds: slices and the wait for the store are measured with it (tests set their own)."""
        self.base = store.last_stage_id()
        """The newest stage id before this run's traffic (see the module docstring)."""
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
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.step)
        feed.bridge.fact_published.connect(self._on_fact)
        self._begin(initial)

    # -- choosing -------------------------------------------------------------------------------

    def choices(self) -> list[ScopeChoice]:
        """This run, the current session, all history, then the newest closed sessions."""
        out = [
            ScopeChoice(RUN, "This run (live)", "Live traffic since cartapp started"),
            ScopeChoice(CURRENT, "Current session", CURRENT_TIP),
            ScopeChoice(
                ALL,
                "All history",
                "Every stored stage row (the newest 500,000 are kept), then live; "
                "what the event log shows",
            ),
        ]
        for session in reversed(self.past_sessions()):
            out.append(ScopeChoice(session_key(session.number), *_describe(session)))
        return out

    def past_sessions(self) -> list[Session]:
        """The newest closed sessions, oldest first (cached until the next checkout)."""
        if self._sessions is None:
            try:
                recent = self.store.recent_sessions(self.stream, PAST_SESSIONS + 1)
            except (StoreError, sqlite3.Error):
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

    def reload(self) -> None:
        """Read the chosen scope again."""
        self.select(self.key, again=True)

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
        except (StoreError, sqlite3.Error) as exc:
            self._fail(exc)
            return
        self._job = job
        self.feed.follow(job.tail)
        self.status_changed.emit(f"Reading {self.label(key).lower()}…")
        self._timer.start(0)

    def _make_job(self, key: str) -> _Job:
        store = self.store
        received = self.feed.received
        upto = self.base + received
        first_row = store.iter_stages(0, 1)
        after = min(first_row[0][0] - 1, self.base) if first_row else self.base
        accept: Callable[[StageRecord], bool] | None = None
        stream: str | None = None
        first, last = 1, None
        if key == CURRENT:
            session = store.current_session(self.stream)
            stream, first = self.stream, session.first
            self._current_closed = session.closed
            if session.closed:
                last = session.last
                accept = _only(frozenset(store.correlation_ids(self.stream, first, last)))
            elif first > 1:
                before = store.correlation_ids(self.stream, first - 1, first - 1)
                accept = _excluding(frozenset(before))
        elif key != ALL:
            closed = self._session(key)
            if closed is None:
                raise StoreError(f"session {key} is not stored")
            stream, first, last = self.stream, closed.first, closed.last
            accept = _only(frozenset(store.correlation_ids(self.stream, first, last)))
        tail = LiveTail(received, accept)
        job = _Job(key, tail, after, upto, stream, first, last, started=self.clock())
        job.start_id = job.after
        return job

    @Slot()
    def step(self) -> None:
        """Read one slice of the scope being read, now (its timer calls this after each
        event-loop turn; tests may call it by hand). Does nothing when no scope is being read."""
        self._timer.stop()
        job = self._job
        if job is None:
            return
        now_ = self.clock
        began = now_()
        deadline = began + self.budget_s
        try:
            while job.after < job.upto:
                top = self.store.last_stage_id()
                if top <= job.after:
                    # The store has not written this run's rows up to ``upto`` yet.
                    now = now_()
                    if job.waiting is None:
                        job.waiting = now
                    if now - job.waiting < WAIT_S:
                        job.read_s += now - began
                        self._timer.start(_POLL_MS)
                        return
                    job.upto = top
                    break
                job.waiting = None
                t0 = now_()
                upto = min(job.after + job.window, job.upto, top)
                rows = self.store.stage_rows(
                    job.after, upto, stream=job.stream, first=job.first, last=job.last
                )
                job.stats.observe_many(rows)
                job.rows += len(rows)
                job.after = upto
                took = now_() - t0
                # Aim at half a slice per window, so a slice overruns its budget by little.
                if took < self.budget_s / 4 and job.window < _MAX_WINDOW:
                    job.window *= 2
                elif took > self.budget_s / 2 and job.window > _MIN_WINDOW:
                    job.window //= 2
                if now_() > deadline:
                    job.read_s += now_() - began
                    self._progress(job)
                    self._timer.start(0)
                    return
        except (StoreError, sqlite3.Error) as exc:  # e.g. the store closed (the app is closing)
            self._fail(exc)
            return
        job.tail.stats = job.stats
        while not job.tail.catch_up(CHUNK):
            if now_() > deadline:
                job.read_s += now_() - began
                self._timer.start(0)
                return
        job.read_s += now_() - began
        self._job = None
        self.last_read = (job.key, job.rows, job.read_s, now_() - job.started)
        self._show(job.key, job.stats, job.tail)

    def _progress(self, job: _Job) -> None:
        span = max(1, job.upto - job.start_id)
        percent = int(100 * (job.after - job.start_id) / span)
        self.status_changed.emit(f"Reading {self.label(job.key).lower()}… {percent} %")

    def _show(self, key: str, stats: FlowStats, tail: LiveTail | None) -> None:
        self.shown_key = key
        self.feed.show(stats, tail, live=not key.startswith("session:"))
        self.status_changed.emit("")
        self.changed.emit(key)

    def _cancel(self) -> None:
        """Stop reading a scope (the one shown stays, and stays live)."""
        self._timer.stop()
        if self._job is not None:
            self._job = None
            self.feed.follow(None)

    def _fail(self, exc: Exception) -> None:
        self._job = None
        self.key = RUN
        self._show(RUN, self.feed.stats, None)
        self.status_changed.emit(f"Could not read the stored statistics: {exc}")

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


def _excluding(correlations: frozenset[str]) -> Callable[[StageRecord], bool]:
    return lambda record: record.envelope.correlation_id not in correlations


def _only(correlations: frozenset[str]) -> Callable[[StageRecord], bool]:
    return lambda record: record.envelope.correlation_id in correlations


def _describe(session: Session) -> tuple[str, str]:
    """A closed session's label and tooltip."""
    when = ""
    if session.ended is not None:
        ended = time.localtime(session.ended)
        same_day = time.localtime()[:3] == ended[:3]
        when = time.strftime("%H:%M" if same_day else "%d %b %H:%M", ended)
    label = f"Session {session.number} · order #{session.order_number}"
    if when:
        label += f" · {when}"
    tip = (
        f"The stored traffic of session {session.number} (messages {session.first:,} to "
        f"{session.last:,}), ending with order #{session.order_number}"
    )
    return label, tip
