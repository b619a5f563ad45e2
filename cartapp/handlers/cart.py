"""``CartHandler``: decides every cart command against the current cart and returns the facts.

Given the facts so far (its ``cart``), when a command arrives, then the facts from
``decide()`` are folded into its cart and returned to the bus, which publishes them as facts
caused by the command. The handler holds the authoritative state; views hold projections.

Durability: with ``commit`` (the store's ``GroupCommitter.persist``), the handler builds the facts'
envelopes itself (``EventBus.child_envelope``), calls ``commit(command_envelope, fact_envelopes)``
and returns those envelopes, so the stored ids are the published ids. Nothing is folded or
published before ``commit`` returned; if it raises, the cart is unchanged and the bus turns the
error into ``HandlerFailed``. Every command is committed, also one that produced no fact, so the
event log comes back complete after a restart.

Past orders: ``decide()`` reads the order a refund names from ``ledger`` (the store's
``StoredLedger``, which holds what is committed; without one, the handler keeps the orders it
decided in memory). In front of it, an ``OrderLedger`` records the checkouts and refunds of the
step not yet committed and forgets them once the step is committed or failed, so a refund sees
a checkout decided just before it, and nothing grows with the history.

Group commit: with ``commit_many`` (the store's ``append`` of a list of envelopes, one
transaction) instead, the handler decides each command at once against the cart as it will be,
returns ``DEFERRED`` and collects the command and its fact envelopes; at the end of the bus's
run-to-completion step (``on_step_end``) it commits everything collected in one transaction and
only then releases the commands, whose facts the bus publishes. A click is one step (one commit,
as before); a flood from a worker thread commits each slice of the bus's inbox together. If that
commit fails, the cart goes back to what it was before the step and every command of the step
fails with ``HandlerFailed``: none of them was acknowledged.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from cartapp.bus.bus import DEFERRED, EventBus
from cartapp.domain.cart import Cart
from cartapp.domain.decider import apply_all, decide
from cartapp.domain.events import Command, Fact, HandlerFailed
from cartapp.domain.ledger import OrderLedger

if TYPE_CHECKING:
    from collections.abc import Callable

    from cartapp.bus import Envelope, Subscription
    from cartapp.domain.catalog import Catalog
    from cartapp.domain.coupons import CouponTable
    from cartapp.domain.ledger import SaleSource

__all__ = ["CartHandler", "handler_failed"]


def handler_failed(handler: str, message_type: str, exc: BaseException) -> HandlerFailed:
    """The fact the bus publishes when ``handler`` raised ``exc`` on a ``message_type``."""
    text = str(exc).replace("\n", " ")[:2000] or "(no message)"
    return HandlerFailed(
        handler=handler[:200],
        message_type=message_type[:64],
        error_type=type(exc).__name__[:200],
        error=text,
    )


class CartHandler:
    """The cart aggregate's command handler."""

    name = "CartHandler"

    def __init__(
        self,
        catalog: Catalog,
        cart: Cart | None = None,
        *,
        persist: Callable[[Envelope, list[Fact]], None] | None = None,
        commit: Callable[[Envelope, list[Envelope]], None] | None = None,
        commit_many: Callable[[list[Envelope]], object] | None = None,
        coupons: CouponTable | None = None,
        ledger: SaleSource | None = None,
    ) -> None:
        self.catalog = catalog
        self.coupons = coupons
        self.ledger: SaleSource = ledger if ledger is not None else OrderLedger()
        self._step = OrderLedger(self.ledger)
        # not `cart or ...`: an empty Cart is falsy (len 0) but still holds orders and sold stock
        self.cart = cart if cart is not None else Cart(currency=catalog.currency)
        self._persist = persist
        self._commit = commit
        self._commit_many = commit_many
        self._bus: EventBus | None = None
        self._batch: list[tuple[Envelope, list[Envelope], int]] = []
        self._batch_base = self.cart

    def attach(self, bus: EventBus) -> Subscription:
        if self._commit_many is not None:
            self._bus = bus
            bus.on_step_end(self.commit_pending)
        return bus.subscribe(Command, self.handle, name=self.name)

    def handle(self, envelope: Envelope) -> Any:
        started = time.perf_counter_ns()
        facts = decide(self.cart, envelope.event, self.catalog, self.coupons, self._step)
        if self._bus is not None:
            if not self._batch:
                self._batch_base = self.cart
            children = [EventBus.child_envelope(f, envelope, self.name) for f in facts]
            self._batch.append((envelope, children, started))
            self.cart = apply_all(self.cart, facts)
            self._step.record_all(facts)  # until committed: the ledger does not hold them yet
            return DEFERRED
        if self._commit is not None:
            children = [EventBus.child_envelope(f, envelope, self.name) for f in facts]
            self._commit(envelope, children)
            self.cart = apply_all(self.cart, facts)
            self._remember(facts)
            return children
        if self._persist is not None and facts:
            self._persist(envelope, facts)
        self.cart = apply_all(self.cart, facts)
        self._remember(facts)
        return facts

    def _remember(self, facts: list[Fact]) -> None:
        """Committed facts: the in-memory ledger keeps their orders (a store already has them)."""
        if isinstance(self.ledger, OrderLedger):
            self.ledger.record_all(facts)

    def commit_pending(self) -> None:
        """Commit the step's commands and facts in one transaction, then let the bus publish."""
        bus, batch = self._bus, self._batch
        if bus is None or not batch or self._commit_many is None:
            return
        self._batch = []
        envelopes = [e for command, children, _ in batch for e in (command, *children)]
        try:
            self._commit_many(envelopes)
        except Exception as exc:
            self.cart = self._batch_base
            self._step.forget()
            for command, _children, started in batch:
                bus.release(command, handler=self.name, error=exc, started_ns=started)
            return
        self._step.forget()  # committed: the ledger holds them now
        for _command, children, _started in batch:
            self._remember([child.event for child in children])
        # A command's "handled" duration runs from its decision to its commit (durable).
        for command, children, started in batch:
            bus.release(command, children, handler=self.name, started_ns=started)
