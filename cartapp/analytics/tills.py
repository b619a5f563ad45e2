"""``ShopFlow``: a shop's flow statistics as one till sees them, per till and for the whole shop.

A till of a shop sees three kinds of traffic, and ``ShopFlow`` keeps each apart:

- **its own** stage records (``observe_local``): what its bus did, counted into ``own``, a
  ``FlowStats`` of their own (the panels' live statistics can be reset; these are not);
- **the other tills' stage rows** (``observe_rows(till, rows)``), which each till shares with
  the shop (``cartapp.shop.flowshare``): counted into that till's ``FlowStats``, so its P(e),
  P(t|e), P(h|e), P(c|h), latencies and Markov chain are exactly what that till counts itself
  (from when this till joined);
- **the other tills' cart messages** that reach this till through the shop
  (``observe_received(till, kind)``): the tills as *sources* of the flow view
  (``sources()``, ``FlowSnapshot.tills``).

Scopes (``scope_key``): ``THIS_TILL`` (``own``), ``"till:<name>"`` (one other till),
``WHOLE_SHOP`` (every till: ``whole`` counts every row of every till; its Markov chain is
``MarkovChain.combined`` of each till's own chain, because the tills' actions are separate
sequences: an AddItem at one till is never followed by a Checkout at another).

Not thread-safe: feed it from one thread (the GUI thread in the app).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from cartapp.analytics.flow import FlowStats
from cartapp.analytics.markov import MarkovChain
from cartapp.analytics.report import SourceFlow
from cartapp.domain.i18n import translate

if TYPE_CHECKING:
    from collections.abc import Iterable

    from cartapp.analytics.report import FlowReport
    from cartapp.bus.stages import StageRecord, StageRow

__all__ = ["THIS_TILL", "WHOLE_SHOP", "ShopFlow", "scope_key", "till_of_scope"]

THIS_TILL = "this"
WHOLE_SHOP = "shop"
_TILL = "till:"


def scope_key(till: str) -> str:
    """The scope of one other till."""
    return f"{_TILL}{till}"


def till_of_scope(key: str) -> str | None:
    """The till a ``scope_key`` names, or None for ``THIS_TILL``, ``WHOLE_SHOP`` or nonsense."""
    return key[len(_TILL) :] or None if key.startswith(_TILL) else None


class _Received:
    __slots__ = ("commands", "facts", "messages")

    def __init__(self) -> None:
        self.messages = self.commands = self.facts = 0


class ShopFlow:
    """See the module docstring; ``till`` is this till's name."""

    def __init__(self, till: str) -> None:
        self.till = till
        self.own = FlowStats()
        self.whole = FlowStats()
        """Every till's rows together (its own Markov chain is not used: see ``report``)."""
        self._tills: dict[str, FlowStats] = {}
        self._received: dict[str, _Received] = {}

    # -- observing ----------------------------------------------------------------------------

    def observe_local(self, records: Iterable[StageRecord]) -> None:
        """This till's own stage records (as the bus tap gives them)."""
        records = list(records)
        self.own.observe_records(records)
        self.whole.observe_records(records)

    def observe_rows(self, till: str, rows: Iterable[StageRow]) -> None:
        """Stage rows ``till`` shared (already checked); this till's own name is ignored."""
        if till == self.till:
            return
        rows = list(rows)
        stats = self._tills.get(till)
        if stats is None:
            stats = self._tills[till] = FlowStats()
        stats.observe_many(rows)
        self.whole.observe_many(rows)

    def observe_received(self, till: str, kind: str) -> None:
        """A cart message of ``till`` (a ``kind``: "command", "fact") reached this till."""
        if till == self.till:
            return
        seen = self._received.get(till)
        if seen is None:
            seen = self._received[till] = _Received()
        seen.messages += 1
        if kind == "command":
            seen.commands += 1
        elif kind == "fact":
            seen.facts += 1

    # -- reading ------------------------------------------------------------------------------

    def tills(self) -> tuple[str, ...]:
        """The other tills heard from (their rows or their messages), sorted by name."""
        return tuple(sorted((set(self._tills) | set(self._received)) - {self.till}))

    def sources(self) -> tuple[SourceFlow, ...]:
        """The other tills as sources of the messages that reached this till, most first; each
        named "till {name}" in the language shown (the flow view and its CSV show the name)."""
        return tuple(
            SourceFlow(
                translate("tills", "till {name}").format(name=name), r.messages, r.commands, r.facts
            )
            for name, r in sorted(self._received.items(), key=lambda kv: (-kv[1].messages, kv[0]))
        )

    def stats(self, key: str) -> FlowStats | None:
        """The statistics of one scope (``whole`` for ``WHOLE_SHOP``), None for a till unheard."""
        if key == THIS_TILL:
            return self.own
        if key == WHOLE_SHOP:
            return self.whole
        till = till_of_scope(key)
        return None if till is None else self._tills.get(till)

    def chain(self, key: str) -> MarkovChain:
        """The Markov chain of user actions of a scope: the whole shop's is every till's own
        chain combined (see the module docstring); an empty chain for a till unheard."""
        if key == WHOLE_SHOP:
            return MarkovChain.combined(
                [self.own.markov, *(s.markov for s in self._tills.values())]
            )
        stats = self.stats(key)
        return stats.markov if stats is not None else MarkovChain()

    def report(self, key: str, end: float | None = None) -> FlowReport:
        """The ``FlowReport`` of a scope (a till unheard: an empty one); the whole shop's with its
        combined chain, no current action and no prediction (the tills have one each)."""
        stats = self.stats(key)
        if stats is None:
            return FlowStats().report(end)
        report = stats.report(end)
        if key != WHOLE_SHOP:
            return report
        chain = self.chain(key)
        return dataclasses.replace(
            report,
            markov=chain.matrix(),
            actions=tuple(sorted(chain.visits.items())),
            current_action=None,
            prediction=None,
        )

    def with_sources(self, report: FlowReport) -> FlowReport:
        """``report`` with the other tills as sources in its flow (for this till's scopes)."""
        return dataclasses.replace(
            report, flow=dataclasses.replace(report.flow, tills=self.sources())
        )

    def __repr__(self) -> str:
        return f"ShopFlow(till={self.till!r}, tills={self.tills()!r})"
