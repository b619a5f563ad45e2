"""``Replay``: a running cart that checks whether each fact can follow it, then folds it in.

An import (or anything else that replays facts from outside) asks, fact by fact, ``check(fact)``
(why the fact cannot follow the cart so far, or None) and then ``apply(fact)``. The state is
kept mutable and indexed by item id, so one step costs in proportion to the fact itself (the
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
    Message,
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
    """See the module docstring.

    The cart so far is kept mutable: ``_lines`` holds what each line was made from (the
    ``ItemAdded`` that brought it in, or the ``CartLine`` it was last discounted or restored as,
    whose ``quantity`` may be stale) and ``_quantity`` its quantity now, with the same keys in
    the cart's line order (insertion order); a quantity change is one dict write, and ``cart()``
    builds each line that changed once, at the end.
    """

    def __init__(self, currency: str = "EUR") -> None:
        self.currency = currency
        self._lines: dict[str, CartLine | ItemAdded] = {}
        self._quantity: dict[str, int] = {}
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
        replay._set_lines(cart.lines)
        replay.sold = dict(cart.sold)
        replay.orders = cart.orders
        replay.version = cart.version
        replay.discounts = list(cart.discounts)
        replay.tenders = list(cart.tenders)
        replay.parked = {parked.number: parked for parked in cart.parked}
        return replay

    def _set_lines(self, lines: tuple[CartLine, ...]) -> None:
        self._lines = {line.item_id: line for line in lines}
        self._quantity = {line.item_id: line.quantity for line in lines}

    def _clear_lines(self) -> None:
        self._lines.clear()
        self._quantity.clear()

    def _line(self, item_id: str) -> CartLine:
        """Line ``item_id`` as it is now."""
        made = self._lines[item_id]
        quantity = self._quantity[item_id]
        if type(made) is CartLine:
            return made if made.quantity == quantity else replace(made, quantity=quantity)
        return CartLine(made.item_id, made.name, made.unit_price, made.tax_rate, quantity)

    def _current_lines(self) -> tuple[CartLine, ...]:
        return tuple(self._line(item_id) for item_id in self._lines)

    # -- checking ---------------------------------------------------------------------------

    def _lines_differ(self, lines: tuple[LineSnapshot, ...]) -> bool:
        if len(lines) != len(self._quantity):
            return True
        return any(
            a.item_id != item_id or a.quantity != quantity
            for a, (item_id, quantity) in zip(lines, self._quantity.items(), strict=True)
        )

    def check(self, fact: Fact) -> str | None:
        """Why ``fact`` cannot follow the cart so far (None if it can)."""
        checker = _CHECKS.get(type(fact), _unknown)
        if checker is _unknown:
            checker = _check_of(type(fact))
        return None if checker is None else checker(self, fact)

    def _check_added(self, fact: ItemAdded) -> str | None:
        total = self._quantity.get(fact.item_id, 0) + fact.quantity
        if total > MAX_LINE_QUANTITY:
            return f"ItemAdded makes {total} x {fact.item_id}, more than {MAX_LINE_QUANTITY}"
        return None

    def _check_cleared(self, fact: CartCleared) -> str | None:
        if self._lines_differ(fact.lines):
            return "CartCleared lists other lines than the cart holds"
        return None

    def _check_discount(self, fact: DiscountApplied) -> str | None:
        if fact.item_id is not None and fact.item_id not in self._lines:
            return f"DiscountApplied to {fact.item_id!r}, which is not in the cart"
        return None

    def _check_parked(self, fact: CartParked) -> str | None:
        if [(ln.item_id, ln.quantity) for ln in fact.lines] != list(self._quantity.items()):
            return "CartParked lists other lines than the cart holds"
        if fact.number in self.parked:
            return f"CartParked as #{fact.number}, which is parked already"
        return None

    def _check_resumed(self, fact: CartResumed) -> str | None:
        if fact.number not in self.parked:
            return f"CartResumed of #{fact.number}, which is not parked"
        if self._lines:
            return "CartResumed while the cart holds lines"
        return None

    def _check_taken(self, fact: ParkedCartTaken) -> str | None:
        if self._lines:
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
        held = self._quantity.get(fact.item_id)
        name = type(fact).__name__
        if held is None:
            return f"{name} of {fact.item_id!r}, which is not in the cart"
        if isinstance(fact, ItemRemoved):
            if fact.quantity > held:
                return f"ItemRemoved of {fact.quantity} x {fact.item_id} but the cart holds {held}"
            return None
        if fact.previous_quantity != held:
            return (
                f"ItemUpdated from {fact.previous_quantity} x {fact.item_id} but the cart "
                f"holds {held}"
            )
        if fact.quantity > MAX_LINE_QUANTITY:
            return f"ItemUpdated to {fact.quantity}, more than {MAX_LINE_QUANTITY}"
        return None

    def _check_checkout(self, fact: CheckedOut) -> str | None:
        if not self._lines:
            return "CheckedOut of an empty cart"
        if self._lines_differ(fact.lines):
            return "CheckedOut lists other lines than the cart holds"
        priced = price(self._current_lines(), tuple(self.discounts)).lines
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

    def apply(self, fact: Message) -> None:
        """Fold ``fact`` in, as ``decider.apply`` does (facts that change nothing are ignored,
        and so is any message that is not a fact: a replay may pass every stored message)."""
        fold = _FOLDS.get(type(fact), _unknown)
        if fold is _unknown:
            fold = _fold_of(type(fact))
        if fold is not None and fold(self, fact) is not False:
            self.version += 1

    def _set_quantity(self, item_id: str, quantity: int) -> None:
        if quantity > 0:
            self._quantity[item_id] = quantity
        else:
            del self._lines[item_id]
            del self._quantity[item_id]

    def _added(self, fact: ItemAdded) -> None:
        held = self._quantity.get(fact.item_id)
        if held is None:
            self._lines[fact.item_id] = fact  # the line is built once, by cart()
            self._quantity[fact.item_id] = fact.quantity
        else:
            self._set_quantity(fact.item_id, held + fact.quantity)

    def _removed(self, fact: ItemRemoved) -> None:
        held = self._quantity.get(fact.item_id)
        if held is not None:
            self._set_quantity(fact.item_id, held - fact.quantity)

    def _updated(self, fact: ItemUpdated) -> None:
        if fact.item_id in self._quantity:
            self._set_quantity(fact.item_id, fact.quantity)

    def _cleared(self, fact: CartCleared) -> None:
        self._clear_lines()
        self.discounts.clear()

    def _checked_out(self, fact: CheckedOut) -> None:
        self._clear_lines()
        self.discounts.clear()
        self.tenders.clear()
        sold = self.sold
        for line in fact.lines:
            sold[line.item_id] = sold.get(line.item_id, 0) + line.quantity
        self.orders = fact.order_number
        self.ledger.record(fact)

    def _line_discount(self, item_id: str | None, discount: Discount | None) -> None:
        if item_id is not None and item_id in self._lines:
            self._lines[item_id] = replace(self._line(item_id), discount=discount)

    def _discount_applied(self, fact: DiscountApplied) -> None:
        discount = Discount(fact.percent, fact.amount)
        if fact.item_id is not None:
            self._line_discount(fact.item_id, discount)
        else:
            self.discounts.append(OrderDiscount(discount))

    def _coupon_applied(self, fact: CouponApplied) -> None:
        applies = None if fact.applies_to is None else frozenset(fact.applies_to)
        terms = Discount(fact.percent, fact.amount)
        self.discounts.append(OrderDiscount(terms, fact.code, fact.minimum_spend, applies))

    def _discount_removed(self, fact: DiscountRemoved) -> None:
        if fact.code is not None:
            self.discounts = [d for d in self.discounts if d.code != fact.code]
        elif fact.item_id is not None:
            self._line_discount(fact.item_id, None)
        else:
            self.discounts = [d for d in self.discounts if d.code is not None]

    def _payment_taken(self, fact: PaymentTaken) -> None:
        self.tenders.append((fact.method, fact.amount))

    def _payment_cancelled(self, fact: PaymentCancelled) -> None:
        self.tenders.clear()

    def _refund(self, fact: ItemsRefunded) -> None:
        """As ``decider.apply`` folds a refund (the stock sold goes back), and into the ledger."""
        self.ledger.record(fact)
        for line in fact.lines:
            left = self.sold.get(line.item_id, 0) - line.quantity
            if left > 0:
                self.sold[line.item_id] = left
            else:
                self.sold.pop(line.item_id, None)

    def _parked(self, fact: CartParked) -> None:
        self.parked[fact.number] = parked_of(fact)
        self._clear_lines()
        self.discounts.clear()

    def _resumed(self, fact: CartResumed) -> bool:
        parked = self.parked.pop(fact.number, None)
        if parked is None:
            return False
        self._set_lines(parked.lines)
        self.discounts = list(parked.discounts)
        return True

    def _taken(self, fact: ParkedCartTaken) -> None:
        taken = parked_of(fact)
        self._set_lines(taken.lines)
        self.discounts = list(taken.discounts)

    def _handed_over(self, fact: ParkedCartHandedOver) -> bool:
        return self.parked.pop(fact.number, None) is not None

    def cart(self) -> Cart:
        """The cart so far, as an immutable ``Cart``."""
        return Cart(
            lines=self._current_lines(),
            sold=tuple(sorted(self.sold.items())),
            orders=self.orders,
            version=self.version,
            currency=self.currency,
            discounts=tuple(self.discounts),
            tenders=tuple(self.tenders),
            parked=tuple(self.parked.values()),
        )


_Fold = Callable[[Replay, Any], "bool | None"]

_FOLDS: dict[type, _Fold | None] = {
    ItemAdded: Replay._added,
    ItemRemoved: Replay._removed,
    ItemUpdated: Replay._updated,
    CartCleared: Replay._cleared,
    CheckedOut: Replay._checked_out,
    DiscountApplied: Replay._discount_applied,
    CouponApplied: Replay._coupon_applied,
    DiscountRemoved: Replay._discount_removed,
    PaymentTaken: Replay._payment_taken,
    PaymentCancelled: Replay._payment_cancelled,
    ItemsRefunded: Replay._refund,
    CartParked: Replay._parked,
    CartResumed: Replay._resumed,
    ParkedCartTaken: Replay._taken,
    ParkedCartHandedOver: Replay._handed_over,
}
"""How each fact type folds in, by its exact type (one dict look-up per fact, not a chain of
``isinstance``); a fold that returns False changed nothing (the version stays). None: a type
that folds to nothing (a rejection, any other message), remembered by ``_fold_of``."""


def _unknown(replay: Replay, fact: Any) -> None:
    """Marks a type ``_FOLDS`` has not seen yet (never called)."""


def _fold_of(kind: type) -> _Fold | None:
    """The fold of ``kind``: that of the fact type it derives from (as ``isinstance`` would
    find it), or None; remembered in ``_FOLDS``."""
    fold = next((_FOLDS[base] for base in kind.__mro__ if _FOLDS.get(base) is not None), None)
    _FOLDS[kind] = fold
    return fold


_Check = Callable[[Replay, Any], "str | None"]

_CHECKS: dict[type, _Check | None] = {
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
"""``check``'s step for each fact type, by its exact type; None: nothing to check (remembered
by ``_check_of``)."""


def _check_of(kind: type) -> _Check | None:
    """The check of ``kind``: that of the fact type it derives from, or None; remembered."""
    check = next((_CHECKS[base] for base in kind.__mro__ if _CHECKS.get(base) is not None), None)
    _CHECKS[kind] = check
    return check
