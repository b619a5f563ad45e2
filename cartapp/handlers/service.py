"""``CartService``: the one write path. Decide a bus step, append it, then tell who shows it.

The service subscribes to every ``Command`` as a *step handler* (``cartapp.bus.steps``): the bus
gives it all the commands of one run-to-completion step at once (a click is one step; a flood
from a worker thread is one step per slice of the bus's inbox). For a step it

1. decides each command in turn against the cart as it will be (``domain.decider.decide``, then
   ``apply`` of its facts: the one fold on the live path);
2. appends the commands and their facts, each command followed by its facts, in ONE transaction
   through the event-log port (``cartapp.store.port.EventLog``) at the version it last wrote;
   every ``snapshot_every`` messages the cart goes into the same append as a snapshot;
3. only then (each fact envelope noting the moment the commit returned, ``committed_ns``)
   takes the new cart and version, notifies its watchers with a ``CartChanged``
   (the cart, its version and the step's fact envelopes), and hands each command's fact
   envelopes to the bus, which publishes them (the stored ids are the published ids).

If the append raises (or deciding, or the shop's stock gate, raises for any command of the
step), nothing of the step is kept: the cart and version stay as they were, what the shop had
reserved for the step's earlier commands is given back, no watcher hears of it, and the bus turns
the error into one ``HandlerFailed`` per command of the step (none of them was acknowledged).
Every command is appended, also one that caused no fact, so the log comes back complete after a
restart. Nothing else appends to the live stream.

Views follow ``CartChanged`` (through the Qt bridge) and diff the cart they show against the new
one; a fact published on the bus by anyone else changes neither the service nor the views.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cartapp.bus.bus import EventBus
from cartapp.domain.cart import Cart
from cartapp.domain.decider import apply_all, decide, rejected
from cartapp.domain.events import Command
from cartapp.domain.ledger import OrderLedger
from cartapp.domain.names import CART_HANDLER
from cartapp.store import LIVE_STREAM
from cartapp.store.memory import MemoryEventLog

if TYPE_CHECKING:
    from cartapp.bus import Envelope, Subscription
    from cartapp.domain.catalog import Catalog
    from cartapp.domain.coupons import CouponTable
    from cartapp.domain.events import Fact
    from cartapp.domain.ledger import SaleSource
    from cartapp.handlers.stock import StockGate
    from cartapp.store.port import EventLog

__all__ = ["CartChanged", "CartService", "Watcher"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CartChanged:
    """What one step did: the cart after it, the stream's version after it, and its facts."""

    cart: Cart
    version: int
    facts: tuple[Envelope, ...]


Watcher = Callable[[CartChanged], object]


class CartService:
    """See the module docstring.

    ``log`` is the event log (the app passes its SQLite store; the default keeps the log in
    memory, for tests). ``cart`` and ``version`` are the stream's state as loaded; when ``cart``
    is omitted it is loaded from ``log``. ``stock`` is the shop's stock gate, when the till is
    part of a shop: facts the decider allowed become a ``CommandRejected`` with the gate's reason
    when the shop has not enough left, and what a failed append had reserved is given back.
    """

    name = CART_HANDLER

    def __init__(
        self,
        catalog: Catalog,
        log: EventLog | None = None,
        *,
        cart: Cart | None = None,
        version: int | None = None,
        stream: str = LIVE_STREAM,
        snapshot_every: int = 500,
        stock: StockGate | None = None,
        coupons: CouponTable | None = None,
        ledger: SaleSource | None = None,
    ) -> None:
        self.catalog = catalog
        self.coupons = coupons
        """The coupon codes a till accepts (``resources/coupons.json``); None: no coupons."""
        self.ledger: SaleSource = ledger if ledger is not None else OrderLedger()
        """Where a refund reads the order it names (the store's ``StoredLedger``, which holds
        what is stored; without one, the service keeps the orders it decided in memory)."""
        self._step = OrderLedger(self.ledger)
        """The checkouts and refunds of the step being decided, in front of ``ledger``: a refund
        sees a checkout decided just before it; forgotten once the step is stored or failed."""
        self.stock = stock
        """The shop's stock (``handlers.stock.StockGate``), asked after the decider; None alone."""
        self.log: EventLog = log if log is not None else MemoryEventLog()
        self.stream = stream
        if cart is None:
            loaded = self.log.load_cart(stream, currency=catalog.currency)
            cart, version = loaded.cart, loaded.version
        # not `cart or ...`: an empty Cart is falsy (len 0) but still holds orders and sold stock
        self.cart = cart
        self.version = version or 0
        self.snapshot_every = snapshot_every
        self._snapshot_version = self.version
        self._watchers: tuple[Watcher, ...] = ()
        self.appends = 0
        """Transactions appended so far (one per step)."""

    def attach(self, bus: EventBus) -> Subscription:
        """Subscribe to every command of ``bus`` as its step handler."""
        return bus.subscribe(Command, self.handle_step, name=self.name, mode="step")

    def watch(self, watcher: Watcher) -> Callable[[], None]:
        """Call ``watcher(change)`` after every step that was appended; returns the remover."""
        self._watchers = (*self._watchers, watcher)

        def remove() -> None:
            self._watchers = tuple(w for w in self._watchers if w is not watcher)

        return remove

    def handle_step(self, commands: Sequence[Envelope]) -> list[list[Envelope]]:
        """Decide, append and announce one step; returns each command's fact envelopes."""
        cart = self.cart
        per_command: list[list[Envelope]] = []
        batch: list[Envelope] = []
        admitted: list[tuple[list[Fact], str]] = []
        try:  # a later command that raises undoes the step's earlier reservations too
            for command in commands:
                facts = decide(cart, command.event, self.catalog, self.coupons, self._step)
                if self.stock is not None and facts:
                    reason = self.stock.admit(facts, command.event_id)
                    if reason is None:
                        admitted.append((facts, command.event_id))
                    else:
                        facts = [rejected(command.event, reason)]
                cart = apply_all(cart, facts)
                self._step.record_all(facts)
                children = [EventBus.child_envelope(f, command, self.name) for f in facts]
                per_command.append(children)
                batch.append(command)
                batch.extend(children)
            after = self.version + len(batch)
            snapshot = cart if after - self._snapshot_version >= self.snapshot_every else None
            version = self.log.append(batch, self.stream, self.version, snapshot=snapshot)
        except BaseException:
            self._step.forget()
            if self.stock is not None:
                for facts, cause in admitted:
                    self.stock.give_back(facts, cause)
            raise
        committed = time.perf_counter_ns()
        for children in per_command:
            for env in children:
                env.committed_ns = committed
        self.appends += 1
        self._step.forget()  # stored: the ledger holds them now
        if isinstance(self.ledger, OrderLedger):  # in memory: it keeps what was decided
            for children in per_command:
                self.ledger.record_all([env.event for env in children])
        if snapshot is not None:
            self._snapshot_version = version
        self.cart, self.version = cart, version
        change = CartChanged(cart, version, tuple(e for facts in per_command for e in facts))
        for watcher in self._watchers:
            try:
                watcher(change)
            except Exception:  # the step is stored: a broken view must not fail it
                log.exception("cart watcher %r failed", watcher)
        return per_command

    def snapshot(self) -> None:
        """Keep the cart as a snapshot at the current version now, if newer than the last one
        (at close, so that the next start-up folds nothing)."""
        if self.version > self._snapshot_version:
            self.log.save_snapshot(self.stream, self.version, self.cart)
            self._snapshot_version = self.version
