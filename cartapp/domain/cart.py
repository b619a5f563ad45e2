"""The cart's state: immutable lines, the quantities already sold, and the totals."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from cartapp.domain.money import Money, round_cents

__all__ = ["Cart", "CartLine", "Totals"]


@dataclass(frozen=True, slots=True)
class CartLine:
    """One product in the cart, priced as it was when it was added."""

    item_id: str
    name: str
    unit_price: Decimal
    tax_rate: Decimal
    quantity: int

    @property
    def net(self) -> Decimal:
        """Unit price x quantity (exact: prices have two decimals)."""
        return round_cents(self.unit_price * self.quantity)

    @property
    def tax(self) -> Decimal:
        """Tax of this line, rounded half up to the cent."""
        return round_cents(self.net * self.tax_rate)

    @property
    def total(self) -> Decimal:
        return self.net + self.tax


@dataclass(frozen=True, slots=True)
class Totals:
    subtotal: Money
    tax: Money
    total: Money


@dataclass(frozen=True, slots=True)
class Cart:
    """The open cart. ``sold`` holds what past orders took from stock, by item id.

    ``version`` counts the state-changing facts applied so far.
    """

    lines: tuple[CartLine, ...] = ()
    sold: tuple[tuple[str, int], ...] = ()
    orders: int = 0
    version: int = 0
    currency: str = "EUR"
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

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)

    def totals(self) -> Totals:
        subtotal = sum((line.net for line in self.lines), Decimal("0.00"))
        tax = sum((line.tax for line in self.lines), Decimal("0.00"))
        return Totals(
            Money(subtotal, self.currency),
            Money(tax, self.currency),
            Money(subtotal + tax, self.currency),
        )

    def evolve(self, **changes: object) -> Cart:
        """A copy with ``changes`` and the version bumped."""
        changes.setdefault("version", self.version + 1)
        changes["_index"] = {}
        return replace(self, **changes)  # type: ignore[arg-type]
