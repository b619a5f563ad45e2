"""The immutable results of ``FlowStats``: ratios with their counts, per-type, per-handler, flow.

Everything here is a frozen dataclass of plain values, so two reports compare with ``==`` (live and
recomputed statistics are checked that way) and can be handed to the Qt layer without copying.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cartapp.analytics.histogram import Percentiles
    from cartapp.analytics.markov import TransitionMatrix

__all__ = [
    "FlowReport",
    "FlowSnapshot",
    "HandlerStats",
    "Ratio",
    "SourceFlow",
    "TypeStats",
]


@dataclass(frozen=True, slots=True)
class Ratio:
    """A measured probability: ``numerator / denominator``, kept with both counts."""

    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        """The probability, or None when nothing was measured (denominator 0)."""
        return self.numerator / self.denominator if self.denominator else None

    def format(self, digits: int = 3) -> str:
        value = self.value
        shown = "n/a" if value is None else f"{value:.{digits}f}"
        return f"{shown} ({self.numerator}/{self.denominator})"

    def __str__(self) -> str:
        return self.format()


@dataclass(frozen=True, slots=True)
class TypeStats:
    """Counts and the four stage probabilities of one event type, kind ("command"...) or "all".

    Message-level counts only include messages whose ``generated`` row was observed:

    - ``generated``: messages published; ``p_e`` = generated / all generated messages.
    - ``transmitted``: messages delivered to at least one handler; ``p_t`` = transmitted/generated.
    - ``deliveries``, ``handled``, ``failed``: one per (message, handler); ``p_h`` =
      handled / deliveries, so a failure (or an async delivery still running) lowers it.
    - ``handled_messages``: messages handled without error by at least one handler;
      ``handled_commands`` the commands among them.
    - ``consumed``: messages whose whole cascade (the message and every fact it caused) reached
      its consumers; ``handled_consumed`` the handled ones among them, and ``p_c`` =
      handled_consumed / handled_messages: *consumption of the result*. A rejected command is
      consumed (its ``CommandRejected`` reached the views), so a rejection does not lower it.
    - ``accepted``: handled commands that changed something (they caused a fact other than
      ``CommandRejected``/``HandlerFailed``); ``p_a`` = accepted / handled_commands, the
      acceptance figure. ``no_op``: handled commands that caused no fact at all (an update to the
      quantity a line already has): neither accepted nor rejected. For facts ``p_a`` is 0/0.
    - ``dropped``: messages with no handler at all; ``rejected``: messages answered by
      ``CommandRejected``.
    - ``stages``: raw row counts per stage (every row, observed generation or not).
    """

    name: str
    kind: str
    generated: int
    transmitted: int
    deliveries: int
    handled: int
    failed: int
    handled_messages: int
    handled_commands: int
    consumed: int
    handled_consumed: int
    accepted: int
    no_op: int
    dropped: int
    rejected: int
    p_e: Ratio
    p_t: Ratio
    p_h: Ratio
    p_c: Ratio
    p_a: Ratio
    stages: tuple[tuple[str, int], ...]

    def stage_count(self, stage: str) -> int:
        return dict(self.stages).get(stage, 0)


@dataclass(frozen=True, slots=True)
class HandlerStats:
    """One handler: deliveries to it, their outcomes and its run time (``duration_ns``).

    ``rejected``: the commands it answered with ``CommandRejected`` (the facts it published of
    that type). A rejection is the handler's decision, handled without error: it is never a
    failure (``failed`` counts calls that raised).
    """

    name: str
    transmitted: int
    handled: int
    failed: int
    timing: Percentiles
    rejected: int = 0

    @property
    def p_h(self) -> Ratio:
        return Ratio(self.handled, self.transmitted)


@dataclass(frozen=True, slots=True)
class SourceFlow:
    """One source (``ui``, a handler publishing facts, ``bus`` for failures, ...)."""

    name: str
    generated: int
    commands: int
    facts: int


@dataclass(frozen=True, slots=True)
class FlowSnapshot:
    """The design's chain ``source -> bus -> handlers -> consumers`` with its counts and losses.

    ``sources`` feed ``generated`` messages into the bus; the bus passes ``transmitted`` of them on
    (``deliveries`` handler calls) and ``dropped`` the rest; each handler reports its outcomes;
    ``consumed`` messages reached their consumers; ``accepted`` commands changed something,
    ``no_op`` commands were handled without changing anything (neither accepted nor rejected).
    Losses: ``dropped`` (no handler), ``failed`` (handler raised), ``rejected`` (answered by
    ``CommandRejected``). ``in_flight`` messages are generated but not yet consumed or dropped.
    ``tills``: in a shop, the other tills as sources of the cart messages that reached this till
    through the shop (``cartapp.analytics.tills``); empty alone.
    """

    sources: tuple[SourceFlow, ...]
    generated: int
    transmitted: int
    deliveries: int
    dropped: int
    handlers: tuple[HandlerStats, ...]
    handled: int
    failed: int
    consumed: int
    accepted: int
    no_op: int
    rejected: int
    in_flight: int
    tills: tuple[SourceFlow, ...] = ()


@dataclass(frozen=True, slots=True)
class FlowReport:
    """Everything ``FlowStats`` knows, at one moment."""

    rows: int
    total: TypeStats
    by_kind: tuple[TypeStats, ...]
    types: tuple[TypeStats, ...]
    latencies: tuple[tuple[str, Percentiles], ...]
    handlers: tuple[HandlerStats, ...]
    flow: FlowSnapshot
    markov: TransitionMatrix
    actions: tuple[tuple[str, int], ...]
    current_action: str | None
    prediction: tuple[str, float] | None
    rate: tuple[tuple[int, int, int], ...]
    """``(second, messages, commands)`` per second of the rate window, oldest first."""

    def type_stats(self, name: str) -> TypeStats | None:
        for stats in (self.total, *self.by_kind, *self.types):
            if stats.name == name:
                return stats
        return None

    def latency(self, stage: str) -> Percentiles | None:
        return dict(self.latencies).get(stage)

    def handler(self, name: str) -> HandlerStats | None:
        for stats in self.handlers:
            if stats.name == name:
                return stats
        return None
