"""The order ledger: past orders as refunds need them, kept out of the cart.

A refund reads the order it refunds: per line, what was sold, what it paid (tax included, after
every discount) and what has been refunded of it so far (a ``Sale``). The cart does not keep past
orders (its state and its snapshot stay the size of the open cart); ``decide()`` is given a
``SaleSource`` instead: the store's read side (``cartapp.store.sessions.StoredLedger``), or an
``OrderLedger`` folded from facts in memory.

``OrderLedger(base)`` is both: the sales it folded itself (``record``) in front of ``base``. The
handler records the facts of a step that is not yet committed, so a refund decided in the same
step sees the checkout or the refund before it, and ``forget()``s them once the step is committed
(``base`` holds them then) or failed (they never happened).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from typing import Protocol

from cartapp.domain.cart import Sale, SoldLine
from cartapp.domain.events import CheckedOut, Fact
from cartapp.domain.money import round_cents
from cartapp.domain.pos import ItemsRefunded

__all__ = ["OrderLedger", "SaleSource", "refunded", "sale_of"]


class SaleSource(Protocol):
    """Where ``decide()`` reads the order a refund names."""

    def sale(self, number: int) -> Sale | None:
        """Order ``number`` with what has been refunded of it so far (None: no such order)."""
        ...


def sale_of(fact: CheckedOut) -> Sale:
    """The order ``fact`` closed, as refunds need it (line totals after every discount)."""
    discounts = fact.line_discounts or tuple(Decimal("0.00") for _ in fact.lines)
    lines = []
    for line, discount in zip(fact.lines, discounts, strict=True):
        net = round_cents(line.unit_price * line.quantity) - discount
        total = net + round_cents(net * line.tax_rate)
        lines.append(SoldLine(line.item_id, line.name, line.quantity, total))
    return Sale(fact.order_number, tuple(lines))


def refunded(sale: Sale, fact: ItemsRefunded) -> Sale:
    """``sale`` after the refund ``fact`` (lines it does not name are unchanged)."""
    back = {line.item_id: line for line in fact.lines}
    return Sale(
        sale.number,
        tuple(
            replace(
                line,
                refunded=line.refunded + back[line.item_id].quantity,
                refunded_amount=line.refunded_amount + back[line.item_id].amount,
            )
            if line.item_id in back
            else line
            for line in sale.lines
        ),
    )


class OrderLedger:
    """Sales folded from facts, in front of an optional ``base`` (see the module docstring)."""

    def __init__(self, base: SaleSource | None = None) -> None:
        self.base = base
        self._sales: dict[int, Sale | CheckedOut] = {}
        """A checkout is kept as its fact until a refund asks for its sale (a replay of a long
        history records many orders and asks for few)."""

    def sale(self, number: int) -> Sale | None:
        own = self._sales.get(number)
        if isinstance(own, CheckedOut):
            own = self._sales[number] = sale_of(own)
        if own is not None or self.base is None:
            return own
        return self.base.sale(number)

    def record(self, fact: Fact) -> None:
        """Fold ``fact`` in: a checkout adds its order, a refund updates the order it names."""
        if isinstance(fact, CheckedOut):
            self._sales[fact.order_number] = fact
        elif isinstance(fact, ItemsRefunded):
            sale = self.sale(fact.order_number)
            if sale is not None:
                self._sales[sale.number] = refunded(sale, fact)

    def record_all(self, facts: Iterable[Fact]) -> None:
        for fact in facts:
            self.record(fact)

    def forget(self) -> None:
        """Drop what was recorded (``base`` answers for it from now on)."""
        self._sales.clear()

    def __len__(self) -> int:
        """How many sales this ledger holds itself (not counting ``base``)."""
        return len(self._sales)
