"""The event log's rows as they were: stage records rebuilt from the store at start-up.

While the app runs, every stage record reaches the store twice over: the message itself (command
or fact, appended by the ``CartService`` before anyone sees it) and its stage rows (``StageRow``,
written by the store's ``Telemetry`` off the GUI thread, up to half a second later).
``stored_records`` joins them back into ``StageRecord`` objects, oldest first, so the log shows
after a restart what it showed before:

- the newest ``cap`` stage rows, in the order they were recorded, each with its stored envelope
  (ids, correlation, time, payload) and the latency and duration it had;
- a stored message without any stage row (the app was killed before its rows were written) gets
  one ``generated`` row, placed after the rows of the messages stored before it. Rows are written
  one bus step at a time, so a lost write loses whole correlations; a message of a correlation
  that does have rows is not missing (the cap cut its own rows off);
- a ``HandlerFailed`` fact is not stored (the bus publishes it, no handler commits it); its
  message is rebuilt from the ``failed`` row that caused it. Rows whose message can be found
  nowhere are left out.

Stage rows are telemetry: a crash may lose the last flush of them, never a message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cartapp.bus.envelope import Envelope
from cartapp.bus.stages import Stage, StageRecord, StageRow, make_record
from cartapp.domain.events import HandlerFailed
from cartapp.domain.names import HANDLER_FAILED
from cartapp.store.store import LIVE_STREAM

if TYPE_CHECKING:
    from cartapp.store.store import EventStore

__all__ = ["stored_records"]

_STAGES = {str(stage): stage for stage in Stage}
_LOOKUPS = 64
"""How many leading stage rows may be looked up one by one to find where the window starts."""


def _rebuilt_failure(row: StageRow, failed: dict[str, StageRow]) -> Envelope | None:
    """The ``HandlerFailed`` of ``row`` rebuilt from the ``failed`` row of its cause."""
    cause = failed.get(row.causation_id or "")
    if cause is None:
        return None
    error_type, _, error = (cause.error or "").partition(": ")
    try:
        event = HandlerFailed(
            handler=(cause.handler or "?")[:200],
            message_type=cause.event_type[:64],
            error_type=error_type[:200] or "Exception",
            error=error or "(no message)",
        )
    except ValueError:
        return None
    return Envelope.new(
        event,
        source=row.source,
        event_id=row.event_id,
        correlation_id=row.correlation_id,
        causation_id=row.causation_id,
        timestamp=row.timestamp - row.latency_ns / 1e9,
    )


def stored_records(store: EventStore, cap: int, stream: str = LIVE_STREAM) -> list[StageRecord]:
    """The newest ``cap`` (at most) stage records of ``stream``, oldest first; see the module
    docstring."""
    if cap <= 0:
        return []
    rows = store.recent_stages(cap)
    current = store.version(stream)
    lowest = max(1, current - cap + 1)  # never read more than cap messages
    first = lowest
    # When the cap cut the stored rows, the messages start where the rows do; otherwise every
    # message in reach may need a row.
    for row in rows[:_LOOKUPS] if len(rows) >= cap else ():
        found = store.event(row.event_id)
        if found is not None and found.stream == stream:
            first = max(lowest, found.version)
            break
    stored = list(store.iter_events(stream, first)) if current else []
    envelopes: dict[str, Envelope] = {s.envelope.event_id: s.envelope for s in stored}
    version_of: dict[str, int] = {s.envelope.event_id: s.version for s in stored}

    failed = {r.event_id: r for r in rows if r.stage == Stage.FAILED}
    # Rows are written a whole bus step at a time, so a lost write loses whole correlations. A
    # message whose correlation has rows here but which has none itself had its rows before
    # the first one read (the cap cut through its step): it is not missing.
    with_rows = {r.event_id for r in rows}
    traced = {r.correlation_id for r in rows}
    missing = [
        s
        for s in stored
        if s.envelope.event_id not in with_rows and s.envelope.correlation_id not in traced
    ]
    missing.reverse()  # popped from the end: oldest first

    out: list[StageRecord] = []
    unknown: set[str] = set()
    for row in rows:
        env = envelopes.get(row.event_id)
        if env is None:
            if row.event_id in unknown:
                continue
            env = _find(store, row, failed, envelopes)
            if env is None:
                unknown.add(row.event_id)
                continue
        version = version_of.get(row.event_id)
        if version is not None:
            while missing and missing[-1].version < version:
                out.append(_generated(missing.pop().envelope))
        stage = _STAGES.get(row.stage)
        if stage is not None:
            out.append(
                make_record(
                    stage,
                    env,
                    row.handler,
                    env.created_ns + int(row.latency_ns),
                    int(row.duration_ns),
                    row.error,
                )
            )
    while missing:
        out.append(_generated(missing.pop().envelope))
    return out[-cap:]


def _find(
    store: EventStore, row: StageRow, failed: dict[str, StageRow], known: dict[str, Envelope]
) -> Envelope | None:
    """The envelope of a stage row whose message is outside the messages read: stored earlier,
    or a rebuilt ``HandlerFailed``; remembered in ``known``."""
    env: Envelope | None
    if row.event_type == HANDLER_FAILED:
        env = _rebuilt_failure(row, failed)
    else:
        found = store.event(row.event_id)
        env = None if found is None else found.envelope
    if env is not None:
        known[row.event_id] = env
    return env


def _generated(env: Envelope) -> StageRecord:
    return make_record(Stage.GENERATED, env, None, env.created_ns)
