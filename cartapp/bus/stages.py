"""Stage records: the life of a message as a tap subscriber sees it.

The stages follow the design the app is built from:

- ``generated``: the message was published by its source. A fact a handler built before
  returning it (decided, then committed, then published) is generated when the bus publishes
  it (``Envelope.published_ns``), after its command's ``handled``: its latencies count from when
  it was decided (``created_ns``), and the details pane shows *decided* and *committed* as
  moments of their own, never as stages out of order.
- ``transmitted``: the bus delivered it to one handler (one record per handler).
- ``handled``: that handler returned; ``duration_ns`` is how long it ran.
- ``failed``: that handler raised; ``error`` says what (a ``HandlerFailed`` fact follows).
- ``consumed``: the message and every fact it caused have reached their consumers;
  ``duration_ns`` is the time since it was generated.
- ``dropped``: no handler was subscribed to it, so it went nowhere.

While dispatching, the bus only notes compact *trace entries* (a handful of integers per handler);
taps receive a ``TraceBatch`` per run-to-completion step, which turns the entries into
``StageRecord`` objects the first time somebody reads them. A tap that only counts or forwards a
batch never pays for record objects.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import StrEnum
from operator import itemgetter
from typing import TYPE_CHECKING, Any, overload

from cartapp.bus.stage_row import StageRow

if TYPE_CHECKING:
    from cartapp.bus.envelope import Envelope

__all__ = ["HELD", "SKIPPED", "Stage", "StageRecord", "StageRow", "TraceBatch", "make_record"]


class Stage(StrEnum):
    GENERATED = "generated"
    TRANSMITTED = "transmitted"
    HANDLED = "handled"
    FAILED = "failed"
    CONSUMED = "consumed"
    DROPPED = "dropped"


STAGES: tuple[Stage, ...] = tuple(Stage)

SKIPPED = object()
"""Marks a handler that was unsubscribed while its message was being dispatched."""

HELD = object()
"""Marks a step handler's slot: its handled/failed record comes at the end of the step."""

DISPATCH, ASYNC_DONE, CONSUMED_ENTRY = 0, 1, 2


class StageRecord(tuple):  # type: ignore[type-arg]
    """``(stage, envelope, handler, t_ns, duration_ns, error)``.

    A tuple subclass built with ``tuple.__new__``: cheaper than a class with ``__init__``, and
    still readable through named properties.
    """

    __slots__ = ()

    stage: Stage = property(itemgetter(0))  # type: ignore[assignment]
    envelope: Envelope = property(itemgetter(1))  # type: ignore[assignment]
    handler: str | None = property(itemgetter(2))  # type: ignore[assignment]
    t_ns: int = property(itemgetter(3))  # type: ignore[assignment]
    duration_ns: int = property(itemgetter(4))  # type: ignore[assignment]
    error: str | None = property(itemgetter(5))  # type: ignore[assignment]

    @property
    def latency_ns(self) -> int:
        """Time from the message's publication to this stage."""
        return int(self[3] - self[1].created_ns)

    @property
    def timestamp(self) -> float:
        """Wall-clock time of this stage, in seconds since the epoch."""
        env = self[1]
        return float(env.timestamp + (self[3] - env.created_ns) / 1e9)

    def to_row(self) -> StageRow:
        env = self[1]
        return StageRow(
            str(self[0]),
            env.event_id,
            type(env.event).__name__,
            getattr(env.event, "kind", "message"),
            env.correlation_id,
            env.causation_id,
            env.source,
            self[2],
            self.timestamp,
            self[4],
            self[3] - env.created_ns,
            self[5],
        )

    def __repr__(self) -> str:
        return (
            f"StageRecord({self[0]}, {self[1].event_type}, handler={self[2]!r}, "
            f"duration_ns={self[4]}, error={self[5]!r})"
        )


_new = tuple.__new__


def make_record(
    stage: Stage,
    envelope: Envelope,
    handler: str | None,
    t_ns: int,
    duration_ns: int = 0,
    error: str | None = None,
) -> StageRecord:
    return _new(StageRecord, (stage, envelope, handler, t_ns, duration_ns, error))


def expand(entries: list[tuple[Any, ...]]) -> list[StageRecord]:
    """Turn the bus's trace entries into stage records, in the order things happened."""
    out: list[StageRecord] = []
    add = out.append
    gen, tra, han, fai, con, dro = STAGES[0], STAGES[1], STAGES[2], STAGES[3], STAGES[4], STAGES[5]
    for entry in entries:
        kind = entry[0]
        if kind == DISPATCH:
            _, env, subs, times, errors = entry
            published = env.published_ns
            born = env.created_ns if published is None else published
            add(_new(StageRecord, (gen, env, None, born, 0, None)))
            if not subs:
                add(_new(StageRecord, (dro, env, None, times[0], 0, None)))
                continue
            for i, sub in enumerate(subs):
                error = errors.get(i) if errors else None
                if error is SKIPPED:
                    continue
                t0 = times[i]
                add(_new(StageRecord, (tra, env, sub.name, t0, 0, None)))
                if sub.is_async or error is HELD:
                    continue
                t1 = times[i + 1]
                if error is None:
                    add(_new(StageRecord, (han, env, sub.name, t1, t1 - t0, None)))
                else:
                    add(_new(StageRecord, (fai, env, sub.name, t1, t1 - t0, error)))
        elif kind == ASYNC_DONE:
            _, env, name, t0, t1, error = entry
            stage = han if error is None else fai
            add(_new(StageRecord, (stage, env, name, t1, t1 - t0, error)))
        else:
            _, env, t = entry
            add(_new(StageRecord, (con, env, None, t, t - env.created_ns, None)))
    return out


class TraceBatch(Sequence[StageRecord]):
    """The stage records of one run-to-completion step, made on first access."""

    __slots__ = ("_entries", "_records")

    def __init__(self, entries: list[tuple[Any, ...]]) -> None:
        self._entries = entries
        self._records: list[StageRecord] | None = None

    @property
    def records(self) -> list[StageRecord]:
        records = self._records
        if records is None:
            records = self._records = expand(self._entries)
        return records

    @property
    def message_count(self) -> int:
        """How many messages were dispatched in this step (without making records)."""
        return sum(1 for e in self._entries if e[0] == DISPATCH)

    def __len__(self) -> int:
        return len(self.records)

    @overload
    def __getitem__(self, index: int) -> StageRecord: ...
    @overload
    def __getitem__(self, index: slice) -> list[StageRecord]: ...
    def __getitem__(self, index: int | slice) -> StageRecord | list[StageRecord]:
        return self.records[index]

    def __iter__(self) -> Iterator[StageRecord]:
        return iter(self.records)

    def __repr__(self) -> str:
        return f"TraceBatch({len(self._entries)} entries)"
