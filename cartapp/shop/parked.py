"""``ShopParked``: the parked carts the shop's tills share, and who holds each of them.

A parked cart is its own cart on the shop's stream (``JetStreamLog``), ``p-<id of its
CartParked>``: message 1 is the ``CartParked`` (a copy, written under the parking till's name),
and the cart's *last* message says who holds it. While that is a ``CartParked`` (an odd
version) the cart is parked and any till may claim it: the claim is the next message (an even
version), appended at the cart's version under the claiming till's name (``CartResumed`` when
the parking till resumes it itself, ``ParkedCartTaken`` when another till takes it). The
version check makes the race honest: of two tills claiming at once exactly one is stored; the
other gets ``ConcurrencyError`` and its command the reason.

A claim can be **given back**: when the claiming till could not store its own resume (its local
append failed after the claim was stored), it appends the cart's ``CartParked`` again
(``give_back_envelope``) under its own name, at the claim's version, and the cart is parked for
every till once more (a hand-over the parking till already made stays made: the cart is the
shop's to resume, with ``TakeParkedCart``, at any till).

``ShopParked.seen(till, version, envelope)`` folds what the broker delivers (the last message of
each till on each such cart at start-up, then every new one); it refuses what does not fit (a
message 1 that is not a ``CartParked``, a claim that is neither of the two facts, a give-back by
a till that does not hold the cart or of another cart) and says so. ``refresh`` folds what the
broker holds of one cart (after a lost claim). Reads from any thread get copies.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, NamedTuple

from cartapp.bus.envelope import Envelope
from cartapp.domain.decider import parked_of
from cartapp.domain.handover import ParkedCartTaken, TakeParkedCart
from cartapp.domain.parking import CartParked, CartResumed

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime
    from decimal import Decimal

    from cartapp.shop.log import JetStreamLog

__all__ = [
    "PREFIX",
    "SharedParked",
    "ShopParked",
    "claim_envelope",
    "give_back_envelope",
    "shared_id",
    "shared_of",
    "take_command",
]

log = logging.getLogger(__name__)

PREFIX = "p-"
"""The shop cart id of a shared parked cart starts with this."""


class SharedParked(NamedTuple):
    shared: str
    """Its cart id on the shop's stream."""
    till: str
    """The till that parked it."""
    parked: CartParked
    held_by: str | None
    """The till that resumed it, or None while it is parked."""
    version: int = 1
    """The version of its last message seen (odd: parked; even: claimed)."""

    @property
    def number(self) -> int:
        return self.parked.number

    @property
    def name(self) -> str | None:
        return self.parked.name

    @property
    def parked_at(self) -> datetime:
        return self.parked.parked_at

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.parked.lines)

    def total(self) -> Decimal:
        return parked_of(self.parked).total()


def take_command(cart: SharedParked) -> TakeParkedCart:
    """The command that resumes ``cart`` at this till, with the cart as the shop holds it."""
    p = cart.parked
    return TakeParkedCart(
        shared=cart.shared,
        from_till=cart.till,
        number=p.number,
        name=p.name,
        parked_at=p.parked_at,
        lines=p.lines,
        discounts=p.discounts,
    )


def shared_id(parked: Envelope) -> str:
    """The shop cart id of the cart ``parked`` (a ``CartParked`` envelope) parked."""
    return f"{PREFIX}{parked.event_id}"


def shared_of(parked: Envelope) -> Envelope:
    """The copy of ``parked`` that opens its shared cart (its own id: the stream dedupes ids)."""
    return Envelope.new(
        parked.event,
        source=parked.source,
        event_id=f"{parked.event_id}-s",
        correlation_id=parked.correlation_id,
        causation_id=parked.event_id,
    )


def claim_envelope(fact: CartResumed | ParkedCartTaken, till: str, cause: str) -> Envelope:
    """The claim a till writes as message 2 of a shared cart."""
    return Envelope.new(fact, source=f"till {till}", causation_id=cause)


def give_back_envelope(cart: SharedParked, till: str, cause: str) -> Envelope:
    """The message that gives ``cart``'s claim back: its ``CartParked`` once more."""
    return Envelope.new(cart.parked, source=f"till {till}", causation_id=cause)


class ShopParked:
    """See the module docstring."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._carts: dict[str, SharedParked] = {}
        self._listeners: list[Callable[[SharedParked], None]] = []
        self.refused = 0

    def on_change(self, listener: Callable[[SharedParked], None]) -> None:
        """``listener(cart)`` whenever a shared cart is parked or claimed (broker thread)."""
        self._listeners.append(listener)

    def open(self) -> list[SharedParked]:
        """The shared carts still parked, oldest first."""
        with self._lock:
            carts = [c for c in self._carts.values() if c.held_by is None]
        return sorted(carts, key=lambda c: (c.parked_at, c.till, c.number))

    def all(self) -> list[SharedParked]:
        """Every shared cart seen, parked or resumed."""
        with self._lock:
            return list(self._carts.values())

    def get(self, shared: str) -> SharedParked | None:
        with self._lock:
            return self._carts.get(shared)

    def find_open(self, till: str, number: int) -> SharedParked | None:
        """The shared cart ``till`` parked as ``number`` and nobody resumed yet."""
        return next((c for c in self.open() if c.till == till and c.number == number), None)

    def seen(self, cart: str, till: str, version: int, envelope: Envelope) -> None:
        """Fold message ``version`` of shop cart ``cart``, written by ``till``."""
        if not cart.startswith(PREFIX):
            return
        fact = envelope.event
        with self._lock:
            known = self._carts.get(cart)
            if version == 1 and isinstance(fact, CartParked):
                if known is not None:
                    return
                changed = SharedParked(cart, till, fact, None, 1)
            elif version < 2 or not isinstance(fact, CartParked | CartResumed | ParkedCartTaken):
                changed = None
            elif known is None or version <= known.version:
                return  # its message 1 was not seen (never listed here), or seen already
            elif version % 2 == 0 and isinstance(fact, CartResumed | ParkedCartTaken):
                if isinstance(fact, CartResumed) and till != known.till:
                    self.refused += 1
                    log.warning("refused a resume of %s by till %s: not its cart", cart, till)
                    return
                changed = known._replace(held_by=till, version=version)
            elif (
                version % 2 == 1
                and isinstance(fact, CartParked)
                and fact == known.parked
                and (version > known.version + 1 or till == known.held_by)
            ):
                changed = known._replace(held_by=None, version=version)
            else:
                changed = None
            if changed is None:
                self.refused += 1
                log.warning("refused message %d of shared cart %s: %s", version, cart, fact)
                return
            self._carts[cart] = changed
        for listener in list(self._listeners):
            try:
                listener(changed)
            except Exception:
                log.exception("a shared parked cart listener failed")

    async def refresh(self, cart_log: JetStreamLog, cart: str) -> SharedParked | None:
        """Fold every message the broker holds of ``cart`` (after a lost claim); the cart now."""
        for message in await cart_log.read(cart, 0):
            self.seen(cart, message.till, message.version, message.envelope)
        return self.get(cart)
