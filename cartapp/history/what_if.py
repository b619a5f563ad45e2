"""What-if: replay a range of history with some of its commands skipped, in a sandbox.

A recorded range is a list of ``Step`` s: each stored command with the facts it caused then.
``replay_skipping(start, steps, skip, catalog)`` starts from the cart before the range and
decides every command that is not skipped again, in order, against the sandbox cart
(``domain.decider.decide``, then ``apply``), as the live handler would have. It reports per
command an ``Outcome`` (what happened then, what would happen now, and the reason of a refusal)
and the sandbox's cart at the end (``WhatIf``). Skipping nothing gives back the real history's
cart as long as the catalog is the one the history was decided with.

Nothing here writes: the sandbox is a fold in memory. The rules are the till's own
(``decide``); a shop's shared stock gate is not asked (the sandbox is one till's view), and
facts in the range that no command of it caused are left out of the sandbox. A refund is
decided against ``ledger`` (the orders as they stood before the range: ``read_range`` gives
``StoredLedger(upto=first - 1)``) with the sandbox's own checkouts and refunds in front of
it. ``recorded_steps(messages)`` groups stored messages into steps; ``read_range(store, span)``
reads a time-travel range once (the cart before it, its steps and facts, its ledger), so
toggling a skip replays in memory without asking the store again (a refund reads its order).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from cartapp.domain.decider import apply_all, available, decide
from cartapp.domain.events import Command, CommandRejected, Fact, HandlerFailed
from cartapp.domain.ledger import OrderLedger
from cartapp.store.sessions import StoredLedger

if TYPE_CHECKING:
    from cartapp.domain.cart import Cart
    from cartapp.domain.catalog import Catalog
    from cartapp.domain.coupons import CouponTable
    from cartapp.domain.ledger import SaleSource
    from cartapp.history.time_travel import Range
    from cartapp.store import EventStore, StoredEvent

__all__ = [
    "Outcome",
    "Recorded",
    "Status",
    "Step",
    "WhatIf",
    "read_range",
    "recorded_steps",
    "replay_skipping",
    "stock_left",
]


@dataclass(frozen=True)
class Step:
    """One stored command (at stream ``version``) and the facts it caused then."""

    version: int
    event_id: str
    command: Command
    facts: tuple[Fact, ...] = ()
    source: str = ""


class Status(Enum):
    """What became of a command in the sandbox, compared with the real history."""

    SKIPPED = "skipped"
    ACCEPTED = "accepted"
    """Accepted then and now."""
    REJECTED = "rejected"
    """Refused then and now."""
    NOW_REJECTED = "now rejected"
    """Accepted then, refused in the sandbox."""
    NOW_ACCEPTED = "now accepted"
    """Refused then, accepted in the sandbox."""


def _refusal(facts: Sequence[Fact]) -> str | None:
    for fact in facts:
        if isinstance(fact, CommandRejected):
            return fact.reason
        if isinstance(fact, HandlerFailed):
            return fact.summary()
    return None


@dataclass(frozen=True)
class Outcome:
    """A step's command in the sandbox: its facts then and now (none when skipped)."""

    step: Step
    facts: tuple[Fact, ...]
    skipped: bool

    @property
    def reason(self) -> str | None:
        """Why the sandbox refuses the command (None: it does not, or it was skipped)."""
        return None if self.skipped else _refusal(self.facts)

    @property
    def reason_then(self) -> str | None:
        """Why the command was refused in the real history (None: it was not)."""
        return _refusal(self.step.facts)

    @property
    def status(self) -> Status:
        if self.skipped:
            return Status.SKIPPED
        then, now = self.reason_then is not None, self.reason is not None
        if then and now:
            return Status.REJECTED
        if now:
            return Status.NOW_REJECTED
        if then:
            return Status.NOW_ACCEPTED
        return Status.ACCEPTED

    @property
    def changed(self) -> bool:
        """The sandbox decides other facts for this command than history did."""
        return not self.skipped and self.facts != self.step.facts


@dataclass(frozen=True)
class WhatIf:
    """A sandbox replay: where it started, the real and the sandbox cart at the end."""

    start: Cart
    real: Cart
    """The cart at the end of the range as it really is (every recorded fact folded)."""
    cart: Cart
    """The sandbox's cart at the end of the range."""
    outcomes: tuple[Outcome, ...]
    skipped: frozenset[int]
    """The skipped steps' versions."""

    def outcome_at(self, version: int) -> Outcome | None:
        return next((o for o in self.outcomes if o.step.version == version), None)

    @property
    def now_rejected(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.status is Status.NOW_REJECTED)


def recorded_steps(messages: Iterable[StoredEvent]) -> tuple[list[Step], list[Fact]]:
    """The steps of stored ``messages`` (a command with the facts it caused, by causation id),
    and every fact in order (for the real cart, also those no command of the range caused)."""
    steps: list[Step] = []
    by_id: dict[str, int] = {}
    facts: list[Fact] = []
    for message in messages:
        env = message.envelope
        event = env.event
        if isinstance(event, Command):
            by_id[env.event_id] = len(steps)
            steps.append(Step(message.version, env.event_id, event, (), env.source))
        elif isinstance(event, Fact):
            facts.append(event)
            index = by_id.get(env.causation_id or "")
            if index is not None:
                step = steps[index]
                steps[index] = Step(
                    step.version, step.event_id, step.command, (*step.facts, event), step.source
                )
    return steps, facts


@dataclass(frozen=True)
class Recorded:
    """A range as stored: the cart before its first message, its steps and all its facts."""

    start: Cart
    steps: tuple[Step, ...]
    facts: tuple[Fact, ...]
    ledger: SaleSource | None = None
    """The orders as they stood before the range (``StoredLedger(upto=first - 1)``)."""

    def replay(
        self,
        skip: Collection[int],
        catalog: Catalog,
        *,
        coupons: CouponTable | None = None,
        ledger: SaleSource | None = None,
    ) -> WhatIf:
        """``replay_skipping`` of this range (refunds read ``ledger``, else the range's own)."""
        sales = ledger if ledger is not None else self.ledger
        return replay_skipping(
            self.start, self.steps, skip, catalog, coupons=coupons, ledger=sales, facts=self.facts
        )


def read_range(store: EventStore, span: Range, currency: str = "EUR") -> Recorded:
    """``span`` of ``store`` as a ``Recorded`` (an empty range has no steps); a refund in it
    reads the orders as they stood before it, not as later refunds left them."""
    before = max(0, span.first - 1)
    start = store.cart_at(span.stream, before, currency=currency)
    ledger = StoredLedger(store, span.stream, upto=before)
    if span.empty:
        return Recorded(start, (), (), ledger)
    steps, facts = recorded_steps(store.iter_events(span.stream, span.first, span.last))
    return Recorded(start, tuple(steps), tuple(facts), ledger)


def replay_skipping(
    start: Cart,
    steps: Sequence[Step],
    skip: Collection[int],
    catalog: Catalog,
    *,
    coupons: CouponTable | None = None,
    ledger: SaleSource | None = None,
    facts: Sequence[Fact] | None = None,
) -> WhatIf:
    """Decide ``steps`` again from ``start``, leaving out the steps whose version is in
    ``skip`` (see the module docstring). ``facts`` are every recorded fact of the range, for the
    real cart (default: the steps' own facts)."""
    skipped = frozenset(s.version for s in steps if s.version in skip)
    sales = OrderLedger(ledger)
    cart = start
    outcomes: list[Outcome] = []
    for step in steps:
        if step.version in skipped:
            outcomes.append(Outcome(step, (), True))
            continue
        decided = tuple(decide(cart, step.command, catalog, coupons, sales))
        cart = apply_all(cart, decided)
        sales.record_all(decided)
        outcomes.append(Outcome(step, decided, False))
    recorded = facts if facts is not None else [f for s in steps for f in s.facts]
    real = apply_all(start, recorded)
    return WhatIf(start, real, cart, tuple(outcomes), skipped)


def stock_left(cart: Cart, catalog: Catalog, items: Iterable[str]) -> Mapping[str, int]:
    """Per product id of ``items`` (in order, unknown ids left out): how many more units
    ``cart`` could still take (``decider.available``: stock less sold, in the cart and parked)."""
    out: dict[str, int] = {}
    for item in items:
        product = catalog.get(item)
        if product is not None and item not in out:
            out[item] = available(cart, product)
    return out
