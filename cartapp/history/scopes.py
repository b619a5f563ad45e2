"""Statistics scopes, the Qt-free part: what each scope counts and how its stored rows are read.

The scopes (``RUN``, ``CURRENT``, ``ALL``, ``session_key(n)``) and their labels are described in
``cartapp.qt.models.scopes``, whose ``StatsScopes`` chooses one, runs the reading on the event
loop and keeps it live. This module holds what needs no event loop:

- ``ScopeChoice`` and ``describe(session)``: a scope's key, label and tooltip;
- ``plan_read(...)``: a ``ScopeRead`` for a scope chosen when this run's metrics feed had received
  ``records`` stage records: which stored rows it counts (a window of stage-log positions, and for
  a session only the rows of its correlations) and which live records it takes on (``accept``,
  from record ``records`` on);
- ``ScopeRead.step(...)``: read one slice of at most a budget of the scope's rows into its
  ``FlowStats``.

**Stored and live meet by position.** The stored part ends at ``telemetry.position_after(records)``
(``cartapp.store.telemetry``): the position up to which the first ``records`` records of this run
are accounted for in the stage log, as the writer recorded it. So the stored part holds each of
those records at most once (a record the writer could not store is missing, never counted twice)
and none of the records from ``records`` on, which the live tail takes. Until the writer has
handled them (it writes every half second) the read waits, up to ``WAIT_S``; after that it reads
what is there (records the writer had not reached are missing from the scope).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple, Protocol

from cartapp.domain.i18n import translate

if TYPE_CHECKING:
    from cartapp.bus.stage_row import StageRow
    from cartapp.bus.stages import StageRecord
    from cartapp.store import EventStore, Session
    from cartapp.store.telemetry import Telemetry

__all__ = [
    "ALL",
    "CURRENT",
    "PAST_SESSIONS",
    "RUN",
    "WAIT_S",
    "Counter",
    "ReadState",
    "ScopeChoice",
    "ScopeRead",
    "describe",
    "plan_read",
    "session_key",
]

RUN, CURRENT, ALL = "run", "current", "all"
PAST_SESSIONS = 20
"""How many of the newest closed sessions are offered."""
WAIT_S = 3.0
"""How long a scope waits for the stage writer to handle the records it needs (it writes every
0.5 s); after that it reads what is there (rows it failed to write are missing from history)."""
_MIN_WINDOW, _MAX_WINDOW = 256, 65_536


def session_key(number: int) -> str:
    return f"session:{number}"


class ScopeChoice(NamedTuple):
    key: str
    label: str
    tooltip: str


class Counter(Protocol):
    """What counts a scope's rows (``cartapp.analytics.FlowStats``; the caller chooses)."""

    def observe_many(self, rows: Iterable[StageRow]) -> None: ...


class ReadState(Enum):
    """What ``ScopeRead.step`` left to do."""

    WAIT = "wait"
    """The writer has not handled the records the stored part ends with: ask again soon."""
    MORE = "more"
    """The slice's budget ran out: call again after the event loop had its turn."""
    DONE = "done"
    """Every stored row of the scope is counted."""


@dataclass
class ScopeRead:
    """One scope's stored part being read: positions ``after < p <= upto`` into ``stats``."""

    key: str
    stats: Counter
    records: int
    """This run's records the stored part covers (0 .. records - 1); the live part starts there."""
    after: int
    upto: int | None = None
    """The last position to read (None until the writer has handled ``records``)."""
    stream: str | None = None
    first: int = 1
    last: int | None = None
    accept: Callable[[StageRecord], bool] | None = None
    """Which live records belong to the scope (None: all)."""
    start_id: int = 0
    window: int = 2048
    rows: int = 0
    started: float = 0.0
    """When the read began (the caller's clock)."""
    waiting: float | None = None
    """Since when the writer is behind (None: it is not)."""
    read_s: float = 0.0
    """Time spent reading and counting (without the pauses between slices)."""

    @property
    def percent(self) -> int:
        """How far the stored part is read (0 while its end is not known)."""
        if self.upto is None:
            return 0
        span = max(1, self.upto - self.start_id)
        return int(100 * (self.after - self.start_id) / span)

    def step(
        self,
        store: EventStore,
        telemetry: Telemetry,
        deadline: float,
        budget_s: float,
        clock: Callable[[], float] = time.perf_counter,
    ) -> ReadState:
        """Read rows until ``clock()`` passes ``deadline`` (windows sized to about half of
        ``budget_s``). Store errors propagate (``STORE_FAILURES``)."""
        began = clock()
        if self.upto is None:
            upto = telemetry.position_after(self.records)
            if upto is None:
                now = clock()
                if self.waiting is None:
                    self.waiting = now
                if now - self.waiting < WAIT_S:
                    self.read_s += now - began
                    return ReadState.WAIT
                upto = telemetry.position_after(telemetry.handled)
            self.upto = upto if upto is not None else self.after
            self.waiting = None
        while self.after < self.upto:
            t0 = clock()
            upto = min(self.after + self.window, self.upto)
            rows = store.stage_rows(
                self.after, upto, stream=self.stream, first=self.first, last=self.last
            )
            self.stats.observe_many(rows)
            self.rows += len(rows)
            self.after = upto
            took = clock() - t0
            # Aim at half a slice per window, so a slice overruns its budget by little.
            if took < budget_s / 4 and self.window < _MAX_WINDOW:
                self.window *= 2
            elif took > budget_s / 2 and self.window > _MIN_WINDOW:
                self.window //= 2
            if clock() > deadline:
                self.read_s += clock() - began
                return ReadState.MORE
        self.read_s += clock() - began
        return ReadState.DONE


def plan_read(
    store: EventStore,
    telemetry: Telemetry,
    key: str,
    records: int,
    stream: str,
    stats: Counter,
    closed: Session | None = None,
    started: float = 0.0,
) -> ScopeRead:
    """What scope ``key`` reads, chosen when the feed had received ``records`` records of this
    run: ``ALL`` every stored row, ``CURRENT`` the rows of ``stream``'s current session, a closed
    session (``closed``) only its own (see the module docstring); its rows are counted by
    ``stats``."""
    base = telemetry.base
    first_row = store.iter_stages(0, 1)
    after = min(first_row[0][0] - 1, base) if first_row else base
    accept: Callable[[StageRecord], bool] | None = None
    read_stream: str | None = None
    first, last = 1, None
    if key == CURRENT:
        # "The session" (``EventStore.current_session``): the open one, or, right after a
        # checkout and until the next message, the order just checked out.
        session = store.current_session(stream)
        read_stream, first = stream, session.first
        if session.closed:
            last = session.last
            accept = _only(frozenset(store.correlation_ids(stream, first, last)))
        else:
            before = store.correlation_ids(stream, first - 1, first - 1) if first > 1 else set()
            if before:
                accept = _excluding(frozenset(before))
    elif key != ALL:
        if closed is None:
            raise ValueError(f"scope {key!r} needs its closed session")
        read_stream, first, last = stream, closed.first, closed.last
        accept = _only(frozenset(store.correlation_ids(stream, first, last)))
    return ScopeRead(
        key,
        stats,
        records,
        after,
        stream=read_stream,
        first=first,
        last=last,
        accept=accept,
        start_id=after,
        started=started,
    )


def _excluding(correlations: frozenset[str]) -> Callable[[StageRecord], bool]:
    return lambda record: record.envelope.correlation_id not in correlations


def _only(correlations: frozenset[str]) -> Callable[[StageRecord], bool]:
    return lambda record: record.envelope.correlation_id in correlations


def describe(session: Session) -> tuple[str, str]:
    """A closed session's label and tooltip."""
    when = ""
    if session.ended is not None:
        ended = time.localtime(session.ended)
        same_day = time.localtime()[:3] == ended[:3]
        when = time.strftime("%H:%M" if same_day else "%d %b %H:%M", ended)
    if when:
        label = translate("scopes", "Session {number} · order #{order} · {when}")
    else:
        label = translate("scopes", "Session {number} · order #{order}")
    label = label.format(number=session.number, order=session.order_number, when=when)
    tip = translate(
        "scopes",
        "The stored traffic of session {number} (messages {first} to {last}), ending with "
        "order #{order}",
    ).format(
        number=session.number,
        first=f"{session.first:,}",
        last=f"{session.last:,}",
        order=session.order_number,
    )
    return label, tip
