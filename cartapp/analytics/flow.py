"""``FlowStats``: the flow statistics of the event stream, updated one stage row at a time.

Input is ``StageRow`` (``StageRecord.to_row()`` live, or rows read back from the store), so live
and stored traffic go through the same code. ``observe(row)`` is O(1) amortised: a few dict updates,
one histogram bucket, one rate bucket and at most one Markov transition; nothing is ever rescanned.
``report()`` turns the counters into an immutable ``FlowReport`` (cheap: its size depends on the
number of event types, handlers and stages, not on the number of rows); ``to_csv()`` exports it.

To tell "transmitted at least once", "handled", "consumed", "rejected" and "accepted" apart per
*message*, the stats keep a small state for each message between its ``generated`` row and its
``consumed`` or ``dropped`` row (its cascade in flight). A ``CommandRejected`` fact marks the
message that caused it as rejected; any other fact it caused (not a ``HandlerFailed``) marks it as
having changed something. A command handled without either (an update to the quantity it already
had) is a *no-op*: handled and consumed, but not accepted. The definitions of the figures are in
``cartapp.analytics.report`` (``TypeStats``) and, for users, in ``cartapp.analytics.glossary``.
The in-flight table is capped at ``max_in_flight`` entries; beyond that the oldest entry is
forgotten (counted in ``evicted``) so a stream with missing ``consumed`` rows cannot grow it for
ever. Rows of messages whose ``generated`` row was never seen only enter the raw stage counts and
the timings, never the ratios, so every ratio stays in [0, 1].

Live ``StageRecord``s can be counted with ``observe_records`` without building their rows first:
their fields go into the same loop, laid out as ``to_row()`` would (tests check that live records
and the same traffic read back from the store give equal reports).

Not thread-safe: feed it from one thread (the GUI thread in the app).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

from cartapp.analytics.histogram import LogHistogram
from cartapp.analytics.markov import MarkovChain
from cartapp.analytics.rate import RateWindow
from cartapp.analytics.report import (
    FlowReport,
    FlowSnapshot,
    HandlerStats,
    Ratio,
    SourceFlow,
    TypeStats,
)
from cartapp.domain.names import (
    COMMAND_REJECTED,
    HANDLER_FAILED,
    REDO_SOURCE,
    UI_SOURCE,
    UNDO_SOURCE,
)

if TYPE_CHECKING:
    from cartapp.bus.stages import StageRecord, StageRow

__all__ = [
    "LATENCY_STAGES",
    "REDO_STATE",
    "UNDO_STATE",
    "ActionFilter",
    "FlowStats",
    "is_ui_command",
    "stats_from_rows",
    "user_action",
]

ActionFilter = Callable[["StageRow"], bool]

LATENCY_STAGES = ("transmitted", "handled", "failed", "consumed", "dropped")
"""Stages with a latency histogram (``generated`` is the origin: its latency is always 0)."""

STAGE_ORDER = ("generated", *LATENCY_STAGES)

REJECTED_TYPE = COMMAND_REJECTED
FAILED_TYPE = HANDLER_FAILED

_TRANSMITTED, _HANDLED, _REJECTED, _EFFECT = 1, 2, 4, 8
"""Flags of a message in flight; ``_EFFECT``: it caused a fact that is not a rejection or a
failure (the handler changed something: the command was accepted)."""


UNDO_STATE = "Undo"
REDO_STATE = "Redo"
"""The Markov states of an undo and a redo: user actions of their own."""

_STEP_STATES = {UNDO_SOURCE: UNDO_STATE, REDO_SOURCE: REDO_STATE}


def user_action(
    stage: str, kind: str, source: str, event_type: str, causation_id: str | None
) -> str | None:
    """The Markov state a row is, or None: a command the UI generated is its type's name; the
    first command of an undo (or redo) step is ``"Undo"`` (``"Redo"``), the others of the step
    (caused by that first one) are no state at all, so one Ctrl+Z is one action however many
    commands it publishes, and nothing is counted straight across it."""
    if stage != "generated" or kind != "command":
        return None
    if source == UI_SOURCE:
        return event_type
    step = _STEP_STATES.get(source)
    if step is not None and causation_id is None:
        return step
    return None


def is_ui_command(row: StageRow) -> bool:
    """The default Markov filter: a command the UI generated; with it, the chain's states are
    ``user_action``'s (undo and redo steps included)."""
    return row.stage == "generated" and row.kind == "command" and row.source == UI_SOURCE


class _Counts:
    """Mutable counters of one event type (see ``TypeStats`` for their meaning)."""

    __slots__ = (
        "accepted",
        "consumed",
        "deliveries",
        "dropped",
        "failed",
        "generated",
        "handled",
        "handled_commands",
        "handled_consumed",
        "handled_messages",
        "kind",
        "name",
        "no_op",
        "rejected",
        "stages",
        "transmitted",
    )

    def __init__(self, name: str, kind: str) -> None:
        self.name = name
        self.kind = kind
        self.stages: dict[str, int] = {}
        self.generated = self.transmitted = self.deliveries = self.handled = self.failed = 0
        self.handled_messages = self.handled_commands = self.consumed = 0
        self.handled_consumed = self.accepted = self.no_op = 0
        self.dropped = self.rejected = 0


class _Message:
    """What is known about one message in flight."""

    __slots__ = ("counts", "flags")

    def __init__(self, counts: _Counts) -> None:
        self.counts = counts
        self.flags = 0


class _Handler:
    __slots__ = ("durations", "failed", "handled", "rejected", "timing", "transmitted")

    def __init__(self) -> None:
        self.transmitted = self.handled = self.failed = self.rejected = 0
        self.timing = LogHistogram()
        self.durations: list[int] = []
        """Run times not yet folded into ``timing`` (folded at the end of every batch)."""


class _Source:
    __slots__ = ("commands", "facts", "generated")

    def __init__(self) -> None:
        self.generated = self.commands = self.facts = 0


class FlowStats:
    """Incremental flow statistics; see the module docstring.

    ``action_filter(row)`` picks the rows whose ``event_type`` feeds the Markov chain of user
    actions. By default (``is_ui_command``) the states are ``user_action``'s: the commands the UI
    generates, and ``Undo``/``Redo`` for each undo or redo step.
    """

    def __init__(
        self,
        *,
        action_filter: ActionFilter = is_ui_command,
        window_seconds: int = 60,
        max_in_flight: int = 100_000,
    ) -> None:
        self.action_filter = action_filter
        self._ui_commands = action_filter is is_ui_command
        self.max_in_flight = max_in_flight
        self.window_seconds = window_seconds
        self.markov = MarkovChain()
        self.rate = RateWindow(window_seconds)
        """Messages generated per second."""
        self.command_rate = RateWindow(window_seconds)
        """Commands generated per second."""
        self._init_counters()

    def _init_counters(self) -> None:
        self.rows = 0
        self.evicted = 0
        self._types: dict[str, _Counts] = {}
        self._handlers: dict[str, _Handler] = {}
        self._sources: dict[str, _Source] = {}
        self._latency = {stage: LogHistogram() for stage in LATENCY_STAGES}
        self._latency_pending: dict[str, list[int]] = {stage: [] for stage in LATENCY_STAGES}
        self._open: dict[str, _Message] = {}

    def reset(self) -> None:
        """Forget everything (the "clear" of a live panel)."""
        self._init_counters()
        self.markov.reset()
        self.rate.reset()
        self.command_rate.reset()

    # -- observing ----------------------------------------------------------------------------

    def observe(self, row: StageRow) -> None:
        """Account for one stage row, O(1) amortised."""
        self._consume((row,))

    def observe_many(self, rows: Iterable[StageRow]) -> None:
        """Account for many rows, in order (the same as ``observe`` on each, only faster)."""
        self._consume(rows)

    def observe_records(self, records: Iterable[StageRecord]) -> None:
        """Account for live ``StageRecord``s as if they were their ``to_row()``.

        The records' fields go straight into the same loop as rows, without building the row
        tuples (``to_row`` costs about as much as counting): same numbers, half the time.
        """
        if self._ui_commands:
            self._consume(_record_fields(records))
        else:
            self._consume(record.to_row() for record in records)

    def _consume(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """The one counting loop for rows (and record fields laid out like rows)."""
        types = self._types
        opened = self._open
        handlers = self._handlers
        latency = self._latency_pending
        markov = self.markov.observe
        ui_only = self._ui_commands
        action_filter = self.action_filter
        n = 0
        for row in rows:
            (
                stage,
                event_id,
                event_type,
                kind,
                _correlation,
                causation_id,
                source,
                handler_name,
                timestamp,
                duration_ns,
                latency_ns,
                _error,
            ) = row
            n += 1
            counts = types.get(event_type)
            if counts is None:
                counts = types[event_type] = _Counts(event_type, kind)
            stages = counts.stages
            stages[stage] = stages.get(stage, 0) + 1
            if ui_only:
                if stage == "generated" and kind == "command":
                    action = user_action(stage, kind, source, event_type, causation_id)
                    if action is not None:
                        markov(action)
            elif action_filter(cast("StageRow", row)):  # only real rows take this path
                markov(event_type)
            if stage == "generated":
                self._generated(event_id, kind, causation_id, source, timestamp, counts)
                continue
            pending = latency.get(stage)
            if pending is not None:
                pending.append(latency_ns)
            state = opened.get(event_id)
            if stage == "transmitted" or stage == "handled" or stage == "failed":
                handler = handlers.get(handler_name or "?")
                if handler is None:
                    handler = handlers[handler_name or "?"] = _Handler()
                if stage == "transmitted":
                    handler.transmitted += 1
                    if state is not None:
                        mine = state.counts
                        mine.deliveries += 1
                        if not state.flags & _TRANSMITTED:
                            state.flags |= _TRANSMITTED
                            mine.transmitted += 1
                    continue
                handler.durations.append(duration_ns)
                if stage == "handled":
                    handler.handled += 1
                    if state is not None:
                        mine = state.counts
                        mine.handled += 1
                        if not state.flags & _HANDLED:
                            state.flags |= _HANDLED
                            mine.handled_messages += 1
                            if mine.kind == "command":
                                mine.handled_commands += 1
                else:
                    handler.failed += 1
                    if state is not None:
                        state.counts.failed += 1
            elif stage == "consumed":
                if state is not None:
                    del opened[event_id]
                    mine = state.counts
                    mine.consumed += 1
                    flags = state.flags
                    if flags & _HANDLED:
                        mine.handled_consumed += 1
                        if mine.kind == "command" and not flags & _REJECTED:
                            if flags & _EFFECT:
                                mine.accepted += 1
                            else:
                                mine.no_op += 1
            elif stage == "dropped" and state is not None:
                del opened[event_id]
                state.counts.dropped += 1
        self.rows += n
        # Fold the batch's times into the histograms in one go (bounded by the batch's size).
        for stage, values in latency.items():
            if values:
                self._latency[stage].extend(values)
                values.clear()
        for handler in handlers.values():
            if handler.durations:
                handler.timing.extend(handler.durations)
                handler.durations.clear()

    def _generated(
        self,
        event_id: str,
        kind: str,
        causation_id: str | None,
        source_name: str,
        timestamp: float,
        counts: _Counts,
    ) -> None:
        counts.generated += 1
        source = self._sources.get(source_name)
        if source is None:
            source = self._sources[source_name] = _Source()
        source.generated += 1
        self.rate.add(timestamp)
        if kind == "command":
            source.commands += 1
            self.command_rate.add(timestamp)
        elif kind == "fact":
            source.facts += 1
        if counts.name == REJECTED_TYPE:
            # The rejecting handler is the fact's source (a decision, not a failure).
            rejecting = self._handlers.get(source_name)
            if rejecting is None:
                rejecting = self._handlers[source_name] = _Handler()
            rejecting.rejected += 1
        if causation_id is not None and kind == "fact":
            parent = self._open.get(causation_id)
            if parent is None:
                pass
            elif counts.name == REJECTED_TYPE:
                if not parent.flags & _REJECTED:
                    parent.flags |= _REJECTED
                    parent.counts.rejected += 1
            elif counts.name != FAILED_TYPE:
                parent.flags |= _EFFECT
        opened = self._open
        opened[event_id] = _Message(counts)
        if len(opened) > self.max_in_flight:
            del opened[next(iter(opened))]
            self.evicted += 1

    # -- reading ------------------------------------------------------------------------------

    @property
    def in_flight(self) -> int:
        return len(self._open)

    def type_stats(self) -> tuple[TypeStats, ...]:
        """Per event type, sorted by kind (commands first) then name."""
        total = sum(c.generated for c in self._types.values())
        ordered = sorted(self._types.values(), key=lambda c: (c.kind != "command", c.kind, c.name))
        return tuple(_type_stats(c, total) for c in ordered)

    def total_stats(self) -> tuple[TypeStats, tuple[TypeStats, ...]]:
        """The ``all`` aggregate and one aggregate per kind."""
        all_counts = _Counts("all", "all")
        kinds: dict[str, _Counts] = {}
        for c in self._types.values():
            kind = kinds.get(c.kind)
            if kind is None:
                kind = kinds[c.kind] = _Counts(c.kind, c.kind)
            _add(kind, c)
            _add(all_counts, c)
        total = all_counts.generated
        by_kind = tuple(
            _type_stats(kinds[k], total) for k in sorted(kinds, key=lambda k: (k != "command", k))
        )
        return _type_stats(all_counts, total), by_kind

    def handler_stats(self) -> tuple[HandlerStats, ...]:
        return tuple(
            HandlerStats(name, h.transmitted, h.handled, h.failed, h.timing.summary(), h.rejected)
            for name, h in sorted(self._handlers.items())
        )

    def latencies(self) -> tuple[tuple[str, LogHistogram], ...]:
        return tuple((stage, self._latency[stage]) for stage in LATENCY_STAGES)

    def flow(self) -> FlowSnapshot:
        """The chain ``source -> bus -> handlers -> consumers`` for the flow view."""
        total, _ = self.total_stats()
        sources = tuple(
            SourceFlow(name, s.generated, s.commands, s.facts)
            for name, s in sorted(self._sources.items(), key=lambda kv: (-kv[1].generated, kv[0]))
        )
        return FlowSnapshot(
            sources=sources,
            generated=total.generated,
            transmitted=total.transmitted,
            deliveries=total.deliveries,
            dropped=total.dropped,
            handlers=self.handler_stats(),
            handled=total.handled,
            failed=total.failed,
            consumed=total.consumed,
            accepted=total.accepted,
            no_op=total.no_op,
            rejected=self._types[REJECTED_TYPE].generated if REJECTED_TYPE in self._types else 0,
            in_flight=self.in_flight,
        )

    def report(self, end: float | None = None) -> FlowReport:
        """A snapshot of everything; the rate series ends at ``end`` (default: newest row)."""
        total, by_kind = self.total_stats()
        messages = self.rate.series(end)
        commands = self.command_rate.series(messages[-1][0] if messages else end)
        rate = tuple((s, n, c) for (s, n), (_, c) in zip(messages, commands, strict=False))
        markov = self.markov
        return FlowReport(
            rows=self.rows,
            total=total,
            by_kind=by_kind,
            types=self.type_stats(),
            latencies=tuple((stage, h.summary()) for stage, h in self.latencies()),
            handlers=self.handler_stats(),
            flow=self.flow(),
            markov=markov.matrix(),
            actions=tuple(sorted(markov.visits.items())),
            current_action=markov.current,
            prediction=markov.most_likely_next(),
            rate=rate,
        )

    def to_csv(self, end: float | None = None) -> str:
        """The report as CSV text, one titled table per metric (see ``report_to_csv``)."""
        from cartapp.analytics.export import report_to_csv

        return report_to_csv(self.report(end))

    def __repr__(self) -> str:
        return f"FlowStats(rows={self.rows}, types={len(self._types)}, in_flight={self.in_flight})"


def _add(into: _Counts, c: _Counts) -> None:
    for stage, n in c.stages.items():
        into.stages[stage] = into.stages.get(stage, 0) + n
    into.generated += c.generated
    into.transmitted += c.transmitted
    into.deliveries += c.deliveries
    into.handled += c.handled
    into.failed += c.failed
    into.handled_messages += c.handled_messages
    into.handled_commands += c.handled_commands
    into.consumed += c.consumed
    into.handled_consumed += c.handled_consumed
    into.accepted += c.accepted
    into.no_op += c.no_op
    into.dropped += c.dropped
    into.rejected += c.rejected


def _type_stats(c: _Counts, total_generated: int) -> TypeStats:
    stages = tuple((s, c.stages[s]) for s in STAGE_ORDER if s in c.stages)
    return TypeStats(
        name=c.name,
        kind=c.kind,
        generated=c.generated,
        transmitted=c.transmitted,
        deliveries=c.deliveries,
        handled=c.handled,
        failed=c.failed,
        handled_messages=c.handled_messages,
        handled_commands=c.handled_commands,
        consumed=c.consumed,
        handled_consumed=c.handled_consumed,
        accepted=c.accepted,
        no_op=c.no_op,
        dropped=c.dropped,
        rejected=c.rejected,
        p_e=Ratio(c.generated, total_generated),
        p_t=Ratio(c.transmitted, c.generated),
        p_h=Ratio(c.handled, c.deliveries),
        p_c=Ratio(c.handled_consumed, c.handled_messages),
        p_a=Ratio(c.accepted, c.handled_commands),
        stages=stages,
    )


_STAGE_NAMES: dict[str, str] = {}
_CLASS_INFO: dict[type, tuple[str, str]] = {}


def _record_fields(records: Iterable[StageRecord]) -> Iterator[tuple[Any, ...]]:
    """Each record's fields laid out as its ``to_row()`` (only what ``_consume`` reads).

    Correlation id and error are never read by the counting loop and stay None; the wall-clock
    time is only worked out for ``generated`` records, the only ones whose time is counted (for a
    generated record it equals the envelope's timestamp, exactly as ``to_row`` computes it).
    """
    names = _STAGE_NAMES
    info = _CLASS_INFO
    for record in records:
        stage_obj, env, handler, t_ns, duration_ns, _error = record
        stage = names.get(stage_obj)
        if stage is None:
            stage = names[stage_obj] = str(stage_obj)
        event = env.event
        cls = type(event)
        kind_name = info.get(cls)
        if kind_name is None:
            kind_name = info[cls] = (cls.__name__, getattr(event, "kind", "message"))
        if stage == "generated":
            yield (
                stage,
                env.event_id,
                kind_name[0],
                kind_name[1],
                None,
                env.causation_id,
                env.source,
                handler,
                env.timestamp + (t_ns - env.created_ns) / 1e9,
                duration_ns,
                t_ns - env.created_ns,
                None,
            )
        else:
            yield (
                stage,
                env.event_id,
                kind_name[0],
                kind_name[1],
                None,
                None,
                env.source,
                handler,
                0.0,
                duration_ns,
                t_ns - env.created_ns,
                None,
            )


def stats_from_rows(
    rows: Iterable[StageRow], *, action_filter: ActionFilter = is_ui_command
) -> FlowStats:
    """Recompute the statistics from scratch over ``rows`` (e.g. read back from the store)."""
    stats = FlowStats(action_filter=action_filter)
    stats.observe_many(rows)
    return stats
