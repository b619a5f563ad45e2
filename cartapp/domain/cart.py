"""The cart's state: immutable lines with their discounts, the order's discounts, the tenders
taken, the quantities already sold, and the totals (priced as ``money``'s docstring says).

Past orders are not part of it (``Sale`` is what ``ledger`` keeps of one for refunds), so the
cart and its snapshot stay the size of the open cart however long the history is."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal

from cartapp.domain.money import CENT, Money, round_cents

__all__ = [
    "Cart",
    "CartLine",
    "Discount",
    "OrderDiscount",
    "ParkedCart",
    "PricedCart",
    "PricedLine",
    "Sale",
    "SoldLine",
    "Totals",
    "discount_off",
    "price",
]

_ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class Discount:
    """A percent or an amount off (exactly one is set)."""

    percent: Decimal | None = None
    amount: Decimal | None = None


def discount_off(discount: Discount, base: Decimal) -> Decimal:
    """What ``discount`` takes off ``base``: the percent rounded half up, or the amount, never
    more than ``base`` (and nothing off a base of zero or less)."""
    if base <= 0:
        return _ZERO
    if discount.percent is not None:
        off = round_cents(base * discount.percent / 100)
    else:
        off = discount.amount or _ZERO
    return min(off, base)


@dataclass(frozen=True, slots=True)
class CartLine:
    """One product in the cart, priced as it was when it was added, with its own discount."""

    item_id: str
    name: str
    unit_price: Decimal
    tax_rate: Decimal
    quantity: int
    discount: Discount | None = None

    @property
    def net(self) -> Decimal:
        """Unit price x quantity (exact: prices have two decimals), before any discount."""
        return round_cents(self.unit_price * self.quantity)

    @property
    def line_discount(self) -> Decimal:
        """What the line's own discount takes off ``net``."""
        return _ZERO if self.discount is None else discount_off(self.discount, self.net)

    @property
    def tax(self) -> Decimal:
        """Tax of this line after its own discount (not the order's), rounded half up."""
        return round_cents((self.net - self.line_discount) * self.tax_rate)

    @property
    def total(self) -> Decimal:
        """The line after its own discount, tax included (the order's discounts not counted)."""
        return self.net - self.line_discount + self.tax


@dataclass(frozen=True, slots=True)
class OrderDiscount:
    """A discount on the whole order (``code`` None) or a coupon (``code`` set), applying to the
    lines whose item id is in ``applies_to`` (None: every line) once their net reaches
    ``minimum_spend``."""

    discount: Discount
    code: str | None = None
    minimum_spend: Decimal = _ZERO
    applies_to: frozenset[str] | None = None

    def covers(self, item_id: str) -> bool:
        return self.applies_to is None or item_id in self.applies_to


@dataclass(frozen=True, slots=True)
class Totals:
    subtotal: Money
    tax: Money
    total: Money
    discount: Money = field(default_factory=Money.zero)


@dataclass(frozen=True, slots=True)
class PricedLine:
    """A line as the order prices it: gross, its own discount, its share of the order's
    discounts, the net that is taxed, the tax and the total."""

    line: CartLine
    gross: Decimal
    line_discount: Decimal
    order_discount: Decimal
    net: Decimal
    tax: Decimal
    total: Decimal

    @property
    def discount(self) -> Decimal:
        return self.line_discount + self.order_discount


@dataclass(frozen=True, slots=True)
class PricedCart:
    """The priced lines and what each order discount took off (0 when a coupon's minimum
    spend is not reached)."""

    lines: tuple[PricedLine, ...]
    order_discounts: tuple[tuple[OrderDiscount, Decimal], ...]


def _spread(amount: Decimal, nets: list[Decimal]) -> list[Decimal]:
    """``amount`` split over ``nets`` pro rata, in whole cents, by the largest remainder."""
    total = sum(nets, Decimal(0))
    if total <= 0:
        return [_ZERO for _ in nets]
    cents, base = int(amount / CENT), int(total / CENT)
    parts = [divmod(cents * int(net / CENT), base) for net in nets]
    left = cents - sum(whole for whole, _ in parts)
    order = sorted(range(len(nets)), key=lambda i: (-parts[i][1], i))
    bonus = set(order[:left])
    return [Decimal(whole + (i in bonus)) * CENT for i, (whole, _) in enumerate(parts)]


def price(lines: tuple[CartLine, ...], order_discounts: tuple[OrderDiscount, ...]) -> PricedCart:
    """Price ``lines`` with ``order_discounts`` (see ``money`` for the rule)."""
    nets = [line.net - line.line_discount for line in lines]
    shares = [_ZERO for _ in lines]
    taken: list[tuple[OrderDiscount, Decimal]] = []
    for od in order_discounts:
        index = [i for i, line in enumerate(lines) if od.covers(line.item_id)]
        base = sum((nets[i] for i in index), _ZERO)
        off = _ZERO if base < od.minimum_spend else discount_off(od.discount, base)
        for i, part in zip(index, _spread(off, [nets[i] for i in index]), strict=True):
            nets[i] -= part
            shares[i] += part
        taken.append((od, off))
    priced = []
    for line, net, share in zip(lines, nets, shares, strict=True):
        tax = round_cents(net * line.tax_rate)
        priced.append(PricedLine(line, line.net, line.line_discount, share, net, tax, net + tax))
    return PricedCart(tuple(priced), tuple(taken))


@dataclass(frozen=True, slots=True)
class SoldLine:
    """A line of a past order: what it sold and paid (``total``, tax included, after every
    discount) and what has been refunded of it so far."""

    item_id: str
    name: str
    quantity: int
    total: Decimal
    refunded: int = 0
    refunded_amount: Decimal = _ZERO

    @property
    def refundable(self) -> int:
        return self.quantity - self.refunded

    def refund_of(self, quantity: int) -> Decimal:
        """What refunding ``quantity`` more units pays back: the line's total pro rata,
        cumulated and rounded half up, so that refunding every unit pays back exactly
        ``total`` however the units were split over refunds."""
        after = self.refunded + quantity
        return round_cents(self.total * after / self.quantity) - round_cents(
            self.total * self.refunded / self.quantity
        )


@dataclass(frozen=True, slots=True)
class Sale:
    """A past order as refunds need it: its number and its lines."""

    number: int
    lines: tuple[SoldLine, ...]

    def line(self, item_id: str) -> SoldLine | None:
        return next((line for line in self.lines if line.item_id == item_id), None)


@dataclass(frozen=True, slots=True)
class ParkedCart:
    """A cart put aside (``parking``): its lines and order discounts, as they were."""

    number: int
    name: str | None
    parked_at: datetime
    lines: tuple[CartLine, ...]
    discounts: tuple[OrderDiscount, ...] = ()

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)

    def total(self) -> Decimal:
        """What it would cost now, every discount and tax counted."""
        return sum((p.total for p in price(self.lines, self.discounts).lines), _ZERO)

    def quantity_of(self, item_id: str) -> int:
        return sum(line.quantity for line in self.lines if line.item_id == item_id)


@dataclass(frozen=True, slots=True)
class Cart:
    """The open cart. ``sold`` holds what past orders took from stock, by item id.

    ``discounts`` are the order's discounts and coupons in the order they were applied;
    ``tenders`` the payments taken for this cart so far (``(method, amount)``; while there are
    any, the cart is locked); ``parked`` the carts put aside, whose products stay held. Past
    orders live in the order ledger (``ledger``), not here.
    ``version`` counts the state-changing facts applied so far.
    """

    lines: tuple[CartLine, ...] = ()
    sold: tuple[tuple[str, int], ...] = ()
    orders: int = 0
    version: int = 0
    currency: str = "EUR"
    discounts: tuple[OrderDiscount, ...] = ()
    tenders: tuple[tuple[str, Decimal], ...] = ()
    parked: tuple[ParkedCart, ...] = ()
    _index: dict[str, int] = field(default_factory=dict, compare=False, repr=False, hash=False)

    def __post_init__(self) -> None:
        self._index.update({line.item_id: i for i, line in enumerate(self.lines)})

    def __iter__(self) -> Iterator[CartLine]:
        return iter(self.lines)

    def __len__(self) -> int:
        return len(self.lines)

    def line(self, item_id: str) -> CartLine | None:
        i = self._index.get(item_id)
        return None if i is None else self.lines[i]

    def quantity_of(self, item_id: str) -> int:
        line = self.line(item_id)
        return 0 if line is None else line.quantity

    def sold_of(self, item_id: str) -> int:
        for key, qty in self.sold:
            if key == item_id:
                return qty
        return 0

    def held_of(self, item_id: str) -> int:
        """How many of ``item_id`` the parked carts hold."""
        return sum(parked.quantity_of(item_id) for parked in self.parked)

    def parked_cart(self, number: int) -> ParkedCart | None:
        return next((p for p in self.parked if p.number == number), None)

    def order_discount(self) -> OrderDiscount | None:
        """The discount on the whole order (not a coupon), if any."""
        return next((d for d in self.discounts if d.code is None), None)

    def coupon(self, code: str) -> OrderDiscount | None:
        return next((d for d in self.discounts if d.code == code), None)

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def paid(self) -> Decimal:
        """What the tenders taken so far add up to."""
        return sum((amount for _, amount in self.tenders), _ZERO)

    def priced(self) -> PricedCart:
        """Every line priced with every discount (see ``money``)."""
        return price(self.lines, self.discounts)

    def totals(self) -> Totals:
        priced = self.priced().lines
        subtotal = sum((p.gross for p in priced), _ZERO)
        discount = sum((p.discount for p in priced), _ZERO)
        tax = sum((p.tax for p in priced), _ZERO)
        return Totals(
            Money(subtotal, self.currency),
            Money(tax, self.currency),
            Money(subtotal - discount + tax, self.currency),
            Money(discount, self.currency),
        )

    def evolve(self, **changes: object) -> Cart:
        """A copy with ``changes`` and the version bumped."""
        changes.setdefault("version", self.version + 1)
        changes["_index"] = {}
        return replace(self, **changes)  # type: ignore[arg-type]
