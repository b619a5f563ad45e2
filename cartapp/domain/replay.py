"""``Replay``: a running cart that checks whether each fact can follow it, then folds it in.

An import (or anything else that replays facts from outside) asks, fact by fact, ``check(fact)``
(why the fact cannot follow the cart so far, or None) and then ``apply(fact)``. The state is
kept mutable and indexed by item id, so one step costs in proportion to the fact itself (the
lines a checkout lists), never to the length of the history before it: replaying n facts is
linear in n. ``cart()`` builds the immutable ``Cart`` that ``decider.apply_all`` gives for the
same facts, also for facts that do not follow (``apply`` folds them as ``decider.apply`` does).
``Replay.starting_from(cart)`` continues from a cart (the store folds from a snapshot so).
"""

from __future__ import annotations

from decimal import Decimal

from cartapp.domain.cart import Cart, CartLine
from cartapp.domain.decider import MAX_LINE_QUANTITY
from cartapp.domain.events import (
    CartCleared,
    CheckedOut,
    Fact,
    ItemAdded,
    ItemRemoved,
    ItemUpdated,
    LineSnapshot,
)

__all__ = ["Replay"]


class Replay:
    """See the module docstring. ``lines`` keeps the cart's line order (insertion order)."""

    def __init__(self, currency: str = "EUR") -> None:
        self.currency = currency
        self.lines: dict[str, CartLine] = {}
        self.sold: dict[str, int] = {}
        self.orders = 0
        self.version = 0

    @classmethod
    def starting_from(cls, cart: Cart) -> Replay:
        """A replay whose cart so far is ``cart``."""
        replay = cls(cart.currency)
        replay.lines = {line.item_id: line for line in cart.lines}
        replay.sold = dict(cart.sold)
        replay.orders = cart.orders
        replay.version = cart.version
        return replay

    # -- checking ---------------------------------------------------------------------------

    def _lines_differ(self, lines: tuple[LineSnapshot, ...]) -> bool:
        if len(lines) != len(self.lines):
            return True
        return any(
            a.item_id != b.item_id or a.quantity != b.quantity
            for a, b in zip(lines, self.lines.values(), strict=True)
        )

    def check(self, fact: Fact) -> str | None:
        """Why ``fact`` cannot follow the cart so far (None if it can)."""
        if isinstance(fact, ItemAdded):
            line = self.lines.get(fact.item_id)
            total = (0 if line is None else line.quantity) + fact.quantity
            if total > MAX_LINE_QUANTITY:
                return f"ItemAdded makes {total} x {fact.item_id}, more than {MAX_LINE_QUANTITY}"
        elif isinstance(fact, ItemRemoved | ItemUpdated):
            return self._check_change(fact)
        elif isinstance(fact, CartCleared):
            if self._lines_differ(fact.lines):
                return "CartCleared lists other lines than the cart holds"
        elif isinstance(fact, CheckedOut):
            return self._check_checkout(fact)
        return None

    def _check_change(self, fact: ItemRemoved | ItemUpdated) -> str | None:
        line = self.lines.get(fact.item_id)
        name = type(fact).__name__
        if line is None:
            return f"{name} of {fact.item_id!r}, which is not in the cart"
        if isinstance(fact, ItemRemoved):
            if fact.quantity > line.quantity:
                return (
                    f"ItemRemoved of {fact.quantity} x {fact.item_id} but the cart holds "
                    f"{line.quantity}"
                )
            return None
        if fact.previous_quantity != line.quantity:
            return (
                f"ItemUpdated from {fact.previous_quantity} x {fact.item_id} but the cart "
                f"holds {line.quantity}"
            )
        if fact.quantity > MAX_LINE_QUANTITY:
            return f"ItemUpdated to {fact.quantity}, more than {MAX_LINE_QUANTITY}"
        return None

    def _check_checkout(self, fact: CheckedOut) -> str | None:
        if not self.lines:
            return "CheckedOut of an empty cart"
        if self._lines_differ(fact.lines):
            return "CheckedOut lists other lines than the cart holds"
        subtotal = sum((line.net for line in self.lines.values()), Decimal("0.00"))
        tax = sum((line.tax for line in self.lines.values()), Decimal("0.00"))
        total = subtotal + tax
        if (fact.subtotal, fact.tax, fact.total) != (subtotal, tax, total):
            return (
                f"CheckedOut totals {fact.subtotal}/{fact.tax}/{fact.total} differ from the "
                f"cart's {subtotal}/{tax}/{total}"
            )
        if fact.currency != self.currency:
            return f"CheckedOut in {fact.currency} but the cart is in {self.currency}"
        if fact.order_number <= self.orders:
            return f"order number {fact.order_number} does not follow order {self.orders}"
        return None

    # -- folding ----------------------------------------------------------------------------

    def _set_quantity(self, item_id: str, quantity: int) -> None:
        line = self.lines[item_id]
        if quantity > 0:
            self.lines[item_id] = CartLine(
                line.item_id, line.name, line.unit_price, line.tax_rate, quantity
            )
        else:
            del self.lines[item_id]

    def apply(self, fact: Fact) -> None:
        """Fold ``fact`` in, as ``decider.apply`` does (facts that change nothing are ignored)."""
        if isinstance(fact, ItemAdded):
            line = self.lines.get(fact.item_id)
            if line is None:
                self.lines[fact.item_id] = CartLine(
                    fact.item_id, fact.name, fact.unit_price, fact.tax_rate, fact.quantity
                )
            else:
                self._set_quantity(fact.item_id, line.quantity + fact.quantity)
        elif isinstance(fact, ItemRemoved):
            line = self.lines.get(fact.item_id)
            if line is not None:
                self._set_quantity(fact.item_id, line.quantity - fact.quantity)
        elif isinstance(fact, ItemUpdated):
            if fact.item_id in self.lines:
                self._set_quantity(fact.item_id, fact.quantity)
        elif isinstance(fact, CartCleared):
            self.lines.clear()
        elif isinstance(fact, CheckedOut):
            self.lines.clear()
            for sold in fact.lines:
                self.sold[sold.item_id] = self.sold.get(sold.item_id, 0) + sold.quantity
            self.orders = fact.order_number
        else:
            return
        self.version += 1

    def cart(self) -> Cart:
        """The cart so far, as an immutable ``Cart``."""
        return Cart(
            lines=tuple(self.lines.values()),
            sold=tuple(sorted(self.sold.items())),
            orders=self.orders,
            version=self.version,
            currency=self.currency,
        )
