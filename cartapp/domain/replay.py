"""``Replay``: a running cart that checks whether each fact can follow it, then folds it in.

An import (or anything else that replays facts from outside) asks, fact by fact, ``check(fact)``
(why the fact cannot follow the cart so far, or None) and then ``apply(fact)``. The state is
kept mutable and indexed by item id, and each step is found by the fact's type in a table
(``_CHECKS``, ``_FOLDS``), so one step costs in proportion to the fact itself (the
lines a checkout lists), never to the length of the history before it: replaying n facts is
linear in n. Discounts, coupons, payments and refunds (``pos``) are folded as ``decider.apply``
folds them; a checkout's totals are checked against the cart priced with its discounts. A
refund is checked against the orders replayed so far, kept in an ``OrderLedger`` beside the
cart (the cart itself holds no past orders). ``cart()`` builds the immutable ``Cart`` that
``decider.apply_all`` gives for the same facts, also for facts that do not follow (``apply``
folds them as ``decider.apply`` does). ``Replay.starting_from(cart)`` continues from a cart (the
store folds from a snapshot so).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from cartapp.domain.cart import Cart, CartLine, Discount, OrderDiscount, ParkedCart, price
from cartapp.domain.decider import MAX_LINE_QUANTITY, parked_of
from cartapp.domain.events import (
    CartCleared,
    CheckedOut,
    Fact,
    ItemAdded,
    ItemRemoved,
    ItemUpdated,
    LineSnapshot,
)
from cartapp.domain.handover import ParkedCartHandedOver, ParkedCartTaken
from cartapp.domain.ledger import OrderLedger
from cartapp.domain.parking import CartParked, CartResumed
from cartapp.domain.pos import (
    CouponApplied,
    DiscountApplied,
    DiscountRemoved,
    ItemsRefunded,
    PaymentCancelled,
    PaymentTaken,
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
        self.discounts: list[OrderDiscount] = []
        self.tenders: list[tuple[str, Decimal]] = []
        self.ledger = OrderLedger()
        self.parked: dict[int, ParkedCart] = {}

    @classmethod
    def starting_from(cls, cart: Cart) -> Replay:
        """A replay whose cart so far is ``cart``."""
        replay = cls(cart.currency)
        replay.lines = {line.item_id: line for line in cart.lines}
        replay.sold = dict(cart.sold)
        replay.orders = cart.orders
        replay.version = cart.version
        replay.discounts = list(cart.discounts)
        replay.tenders = list(cart.tenders)
        replay.parked = {parked.number: parked for parked in cart.parked}
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
        checker = _CHECKS.get(type(fact), _UNSEEN)
        if checker is _UNSEEN:
            checker = _resolve(_CHECKS, type(fact))
        return None if checker is None else checker(self, fact)

    def _check_added(self, fact: ItemAdded) -> str | None:
        line = self.lines.get(fact.item_id)
        total = (0 if line is None else line.quantity) + fact.quantity
        if total > MAX_LINE_QUANTITY:
            return f"ItemAdded makes {total} x {fact.item_id}, more than {MAX_LINE_QUANTITY}"
        return None

    def _check_cleared(self, fact: CartCleared) -> str | None:
        if self._lines_differ(fact.lines):
            return "CartCleared lists other lines than the cart holds"
        return None

    def _check_discount(self, fact: DiscountApplied) -> str | None:
        if fact.item_id is not None and fact.item_id not in self.lines:
            return f"DiscountApplied to {fact.item_id!r}, which is not in the cart"
        return None

    def _check_parked(self, fact: CartParked) -> str | None:
        if [(ln.item_id, ln.quantity) for ln in fact.lines] != [
            (ln.item_id, ln.quantity) for ln in self.lines.values()
        ]:
            return "CartParked lists other lines than the cart holds"
        if fact.number in self.parked:
            return f"CartParked as #{fact.number}, which is parked already"
        return None

    def _check_resumed(self, fact: CartResumed) -> str | None:
        if fact.number not in self.parked:
            return f"CartResumed of #{fact.number}, which is not parked"
        if self.lines:
            return "CartResumed while the cart holds lines"
        return None

    def _check_taken(self, fact: ParkedCartTaken) -> str | None:
        if self.lines:
            return "ParkedCartTaken while the cart holds lines"
        return None

    def _check_handed_over(self, fact: ParkedCartHandedOver) -> str | None:
        if fact.number not in self.parked:
            return f"ParkedCartHandedOver of #{fact.number}, which is not parked"
        return None

    def _check_refund(self, fact: ItemsRefunded) -> str | None:
        sale = self.ledger.sale(fact.order_number)
        if sale is None:
            return f"ItemsRefunded of order {fact.order_number}, which is not a past order"
        for back in fact.lines:
            line = sale.line(back.item_id)
            if line is None:
                return f"ItemsRefunded of {back.item_id!r}, which order {sale.number} did not sell"
            if back.quantity > line.refundable:
                return (
                    f"ItemsRefunded of {back.quantity} x {back.item_id} but only "
                    f"{line.refundable} of order {sale.number} can still be refunded"
                )
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
        priced = price(tuple(self.lines.values()), tuple(self.discounts)).lines
        subtotal = sum((p.gross for p in priced), Decimal("0.00"))
        discount = sum((p.discount for p in priced), Decimal("0.00"))
        tax = sum((p.tax for p in priced), Decimal("0.00"))
        total = subtotal - discount + tax
        if (fact.subtotal, fact.tax, fact.total) != (subtotal, tax, total):
            return (
                f"CheckedOut totals {fact.subtotal}/{fact.tax}/{fact.total} differ from the "
                f"cart's {subtotal}/{tax}/{total}"
            )
        if fact.discount != discount:
            return f"CheckedOut discount {fact.discount} differs from the cart's {discount}"
        shares = tuple(p.discount for p in priced)
        if fact.line_discounts and fact.line_discounts != shares:  # () before there were any
            given = "/".join(map(str, fact.line_discounts))
            return (
                f"CheckedOut line discounts {given} differ from the cart's "
                f"{'/'.join(map(str, shares))}"
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
            self.lines[item_id] = replace(line, quantity=quantity)
        else:
            del self.lines[item_id]

    def apply(self, fact: Fact) -> None:
        """Fold ``fact`` in, as ``decider.apply`` does (facts that change nothing are ignored)."""
        folder = _FOLDS.get(type(fact), _UNSEEN)
        if folder is _UNSEEN:
            folder = _resolve(_FOLDS, type(fact))
        if folder is not None and folder(self, fact) is not False:
            self.version += 1

    def _fold_added(self, fact: ItemAdded) -> None:
        line = self.lines.get(fact.item_id)
        if line is None:
            self.lines[fact.item_id] = CartLine(
                fact.item_id, fact.name, fact.unit_price, fact.tax_rate, fact.quantity
            )
        else:
            self._set_quantity(fact.item_id, line.quantity + fact.quantity)

    def _fold_removed(self, fact: ItemRemoved) -> None:
        line = self.lines.get(fact.item_id)
        if line is not None:
            self._set_quantity(fact.item_id, line.quantity - fact.quantity)

    def _fold_updated(self, fact: ItemUpdated) -> None:
        if fact.item_id in self.lines:
            self._set_quantity(fact.item_id, fact.quantity)

    def _fold_cleared(self, fact: CartCleared) -> None:
        self.lines.clear()
        self.discounts.clear()

    def _fold_checkout(self, fact: CheckedOut) -> None:
        self.lines.clear()
        self.discounts.clear()
        self.tenders.clear()
        for sold in fact.lines:
            self.sold[sold.item_id] = self.sold.get(sold.item_id, 0) + sold.quantity
        self.orders = fact.order_number
        self.ledger.record(fact)

    def _line_discount(self, item_id: str | None, discount: Discount | None) -> None:
        line = self.lines.get(item_id) if item_id is not None else None
        if line is not None:
            self.lines[line.item_id] = replace(line, discount=discount)

    def _apply_pos(self, fact: Fact) -> bool:
        """Fold a point-of-sale fact in; False for a fact that is not one (nothing changes)."""
        if isinstance(fact, DiscountApplied):
            discount = Discount(fact.percent, fact.amount)
            if fact.item_id is not None:
                self._line_discount(fact.item_id, discount)
            else:
                self.discounts.append(OrderDiscount(discount))
        elif isinstance(fact, CouponApplied):
            applies = None if fact.applies_to is None else frozenset(fact.applies_to)
            terms = Discount(fact.percent, fact.amount)
            self.discounts.append(OrderDiscount(terms, fact.code, fact.minimum_spend, applies))
        elif isinstance(fact, DiscountRemoved):
            if fact.code is not None:
                self.discounts = [d for d in self.discounts if d.code != fact.code]
            elif fact.item_id is not None:
                self._line_discount(fact.item_id, None)
            else:
                self.discounts = [d for d in self.discounts if d.code is not None]
        elif isinstance(fact, PaymentTaken):
            self.tenders.append((fact.method, fact.amount))
        elif isinstance(fact, PaymentCancelled):
            self.tenders.clear()
        elif isinstance(fact, ItemsRefunded):
            self._refund(fact)
        elif isinstance(fact, CartParked):
            self.parked[fact.number] = parked_of(fact)
            self.lines.clear()
            self.discounts.clear()
        elif isinstance(fact, CartResumed):
            parked = self.parked.pop(fact.number, None)
            if parked is None:
                return False
            self.lines = {line.item_id: line for line in parked.lines}
            self.discounts = list(parked.discounts)
        elif isinstance(fact, ParkedCartTaken):
            taken = parked_of(fact)
            self.lines = {line.item_id: line for line in taken.lines}
            self.discounts = list(taken.discounts)
        elif isinstance(fact, ParkedCartHandedOver):
            if self.parked.pop(fact.number, None) is None:
                return False
        else:
            return False
        return True

    def _refund(self, fact: ItemsRefunded) -> None:
        """As ``decider.apply`` folds a refund (the stock sold goes back), and into the ledger."""
        self.ledger.record(fact)
        for line in fact.lines:
            left = self.sold.get(line.item_id, 0) - line.quantity
            if left > 0:
                self.sold[line.item_id] = left
            else:
                self.sold.pop(line.item_id, None)

    def cart(self) -> Cart:
        """The cart so far, as an immutable ``Cart``."""
        return Cart(
            lines=tuple(self.lines.values()),
            sold=tuple(sorted(self.sold.items())),
            orders=self.orders,
            version=self.version,
            currency=self.currency,
            discounts=tuple(self.discounts),
            tenders=tuple(self.tenders),
            parked=tuple(self.parked.values()),
        )


_Step = Callable[[Replay, Any], object]
_UNSEEN: Any = object()
_CHECKS: dict[type, _Step | None] = {
    ItemAdded: Replay._check_added,
    ItemRemoved: Replay._check_change,
    ItemUpdated: Replay._check_change,
    CartCleared: Replay._check_cleared,
    CheckedOut: Replay._check_checkout,
    DiscountApplied: Replay._check_discount,
    ItemsRefunded: Replay._check_refund,
    CartParked: Replay._check_parked,
    CartResumed: Replay._check_resumed,
    ParkedCartTaken: Replay._check_taken,
    ParkedCartHandedOver: Replay._check_handed_over,
}
"""``check``'s step for each type of fact; a type not listed has nothing to check."""
_POS = (
    DiscountApplied,
    CouponApplied,
    DiscountRemoved,
    PaymentTaken,
    PaymentCancelled,
    ItemsRefunded,
    CartParked,
    CartResumed,
    ParkedCartTaken,
    ParkedCartHandedOver,
)
_FOLDS: dict[type, _Step | None] = {
    ItemAdded: Replay._fold_added,
    ItemRemoved: Replay._fold_removed,
    ItemUpdated: Replay._fold_updated,
    CartCleared: Replay._fold_cleared,
    CheckedOut: Replay._fold_checkout,
    **dict.fromkeys(_POS, Replay._apply_pos),
}
"""``apply``'s step for each type of fact (False from a step: the fact changed nothing); a
type not listed changes nothing."""
_KNOWN = (frozenset(_CHECKS), frozenset(_FOLDS))


def _resolve(table: dict[type, _Step | None], kind: type) -> _Step | None:
    """The step of ``kind`` as ``isinstance`` finds it (its nearest listed base class), or None;
    remembered in ``table``, so each type is looked up once by its class alone."""
    known = _KNOWN[0] if table is _CHECKS else _KNOWN[1]
    step = next((table[base] for base in kind.__mro__ if base in known), None)
    table[kind] = step
    return step
