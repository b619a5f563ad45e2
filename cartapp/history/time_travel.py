"""Time travel's models: the questions it asks the store, and what one message changed.

``History`` answers, from the store only (it never writes): which range of messages a message
belongs to (a ``Range``: a live session, a past order's session, or a whole imported stream),
and what the cart was right after a message (a ``Moment``: the message, the cart before and
after it, their difference). ``cart_diff(before, after)`` compares two carts line by line (added,
removed, quantity changed) and the total. The cart itself is shown by
``cartapp.qt.models.lines.LinesModel`` (``set_cart(cart, diff)``), which tints the lines that the
message added or changed.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from cartapp.domain.cart import Cart, CartLine
from cartapp.domain.decider import apply
from cartapp.domain.events import Fact
from cartapp.domain.i18n import QT_TRANSLATE_NOOP, translate
from cartapp.domain.money import Money
from cartapp.store.store import LIVE_STREAM

if TYPE_CHECKING:
    from cartapp.store import EventStore, Order, StoredEvent

__all__ = [
    "CURRENT_SESSION",
    "CartDiff",
    "History",
    "Moment",
    "Range",
    "cart_diff",
    "imported_name",
    "imported_title",
]

CURRENT_SESSION = QT_TRANSLATE_NOOP("time_travel", "Current session")
"""The live range's title (English; shown as ``translate("time_travel", CURRENT_SESSION)``)."""


def imported_title(name: str) -> str:
    """The title of an imported stream's range: "Imported: {name}" in the language shown."""
    return translate("time_travel", "Imported: {name}").format(name=name)


def imported_name(title: str) -> str:
    """The name in an ``imported_title`` (the title itself if it is not one)."""
    prefix, _, suffix = translate("time_travel", "Imported: {name}").partition("{name}")
    if title.startswith(prefix) and title.endswith(suffix) and len(title) >= len(prefix + suffix):
        return title[len(prefix) : len(title) - len(suffix)]
    return title


@dataclass(frozen=True)
class CartDiff:
    """What one message changed in the cart."""

    added: tuple[CartLine, ...]
    removed: tuple[CartLine, ...]
    changed: tuple[tuple[CartLine, CartLine], ...]
    """(before, after) of lines whose quantity changed."""
    total_delta: Decimal
    currency: str

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed) and not self.total_delta

    def lines(self) -> list[str]:
        """One sentence per change, for people: "+ 2 x Espresso beans", "Total +€5.20"."""
        out = [f"+ {line.quantity} x {line.name}" for line in self.added]
        out += [f"\u2212 {line.quantity} x {line.name}" for line in self.removed]
        out += [f"{a.name}: {a.quantity} → {b.quantity}" for a, b in self.changed]
        if self.total_delta:
            sign = "+" if self.total_delta > 0 else "\u2212"
            amount = sign + Money(abs(self.total_delta), self.currency).format()
            out.append(translate("time_travel", "Total {amount}").format(amount=amount))
        return out

    def change_of(self, item_id: str) -> str | None:
        if any(line.item_id == item_id for line in self.added):
            return "added"
        if any(after.item_id == item_id for _, after in self.changed):
            return "changed"
        return None


def cart_diff(before: Cart, after: Cart) -> CartDiff:
    """The difference from ``before`` to ``after`` (lines in ``after``'s order)."""
    added = tuple(line for line in after.lines if before.line(line.item_id) is None)
    removed = tuple(line for line in before.lines if after.line(line.item_id) is None)
    changed = tuple(
        (old, line)
        for line in after.lines
        if (old := before.line(line.item_id)) is not None and old.quantity != line.quantity
    )
    delta = after.totals().total.amount - before.totals().total.amount
    return CartDiff(added, removed, changed, delta, after.currency)


class Range(NamedTuple):
    """A range of a stream's versions to browse, and what to call it."""

    stream: str
    first: int
    last: int
    """``first - 1`` when the range is empty (a session nothing happened in yet)."""
    title: str
    live: bool
    """Whether this is the live cart's open session (it grows as messages come)."""

    @property
    def empty(self) -> bool:
        return self.last < self.first

    @property
    def size(self) -> int:
        return max(0, self.last - self.first + 1)


class Moment(NamedTuple):
    """The cart right after message ``version`` of a stream, and what that message changed."""

    version: int
    message: StoredEvent | None
    """None when there is no such message (an empty range)."""
    before: Cart
    cart: Cart
    diff: CartDiff


class History:
    """Read-only questions about a store's streams, for time travel (see the module docstring).

    Orders of a stream are read once and kept until ``forget_orders`` (call it when a
    ``CheckedOut`` arrives), so finding a message's session costs one bisection.
    """

    def __init__(self, store: EventStore, currency: str = "EUR") -> None:
        self.store = store
        self.currency = currency
        self._orders: dict[str, tuple[list[int], list[Order]]] = {}

    def live_range(self) -> Range:
        """The live cart's current session (``EventStore.current_session``): the messages
        since the last checkout, or, while the next cart is still empty, those of the order
        just checked out (also after a restart). Empty only before the first message."""
        session = self.store.current_session(LIVE_STREAM)
        title = translate("time_travel", CURRENT_SESSION)
        if session.closed:
            title = translate("time_travel", "Current session (order #{number}, checked out)")
            title = title.format(number=session.order_number)
        return Range(LIVE_STREAM, session.first, session.last, title, True)

    def stream_range(self, stream: str) -> Range | None:
        """A whole imported stream (None if there is no such stream)."""
        info = self.store.stream(stream)
        if info is None:
            return None
        return Range(stream, 1, info.version, imported_title(info.title or stream), False)

    @staticmethod
    def order_range(order: Order) -> Range:
        """An order's messages: from the one after the previous checkout to its checkout."""
        title = translate("time_travel", "Order #{number}").format(number=order.order_number)
        return Range(order.stream, order.first_version, order.version, title, False)

    def session_of(self, stream: str, version: int) -> Range:
        """The range holding message ``version``: its live session, or the whole import."""
        if stream != LIVE_STREAM:
            found = self.stream_range(stream)
            return found if found is not None else Range(stream, 1, 0, stream, False)
        current = self.live_range()
        if version >= current.first:
            return current
        versions, orders = self._orders_of(stream)
        index = bisect.bisect_left(versions, version)
        return self.order_range(orders[index]) if index < len(orders) else current

    def imported(self) -> list[tuple[str, str]]:
        """``(title, stream id)`` of every imported stream, oldest first."""
        return [
            (imported_title(s.title or s.id), s.id)
            for s in self.store.streams()
            if s.origin == "import"
        ]

    def moment(self, span: Range, version: int) -> Moment:
        """The cart right after message ``version`` of ``span``'s stream; outside the range
        (an empty session) there is no message and nothing changed."""
        stream = span.stream
        before = self.store.cart_at(stream, max(0, version - 1), currency=self.currency)
        message = None
        if version >= 1 and span.first <= version <= span.last:
            message = next(iter(self.store.iter_events(stream, version, version)), None)
        if message is None:
            cart = self.store.cart_at(stream, max(0, version), currency=self.currency)
            return Moment(version, None, cart, cart, cart_diff(cart, cart))
        event = message.envelope.event
        cart = apply(before, event) if isinstance(event, Fact) else before
        return Moment(version, message, before, cart, cart_diff(before, cart))

    def forget_orders(self, stream: str = LIVE_STREAM) -> None:
        self._orders.pop(stream, None)

    def _orders_of(self, stream: str) -> tuple[list[int], list[Order]]:
        cached = self._orders.get(stream)
        if cached is None:
            orders = self.store.orders(stream)
            cached = self._orders[stream] = ([o.version for o in orders], orders)
        return cached
