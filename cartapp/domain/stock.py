"""How facts move stock: the units a fact takes from the shelf (or, negative, puts back).

A line added or raised holds stock for the cart; a line removed, lowered or cleared gives it
back; a checkout keeps what its lines held (sold); a parked cart keeps holding its lines' stock
(parking and resuming move nothing); a refund puts the returned units back. With one till, the
catalog's stock less what the cart holds and sold is the rule (``decider.available``); with a
shop of tills the same numbers are reserved shop-wide (``cartapp.shop``), and this is the one
place that says what each fact means for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cartapp.domain.events import CartCleared, ItemAdded, ItemRemoved, ItemUpdated
from cartapp.domain.pos import ItemsRefunded

if TYPE_CHECKING:
    from collections.abc import Iterable

    from cartapp.domain.events import Fact

__all__ = ["stock_taken"]


def stock_taken(facts: Iterable[Fact]) -> dict[str, int]:
    """Per product id, the units ``facts`` take from stock (negative: units given back);
    products whose net change is zero are left out."""
    taken: dict[str, int] = {}
    for fact in facts:
        if isinstance(fact, ItemAdded):
            taken[fact.item_id] = taken.get(fact.item_id, 0) + fact.quantity
        elif isinstance(fact, ItemRemoved):
            taken[fact.item_id] = taken.get(fact.item_id, 0) - fact.quantity
        elif isinstance(fact, ItemUpdated):
            change = fact.quantity - fact.previous_quantity
            taken[fact.item_id] = taken.get(fact.item_id, 0) + change
        elif isinstance(fact, CartCleared):
            for line in fact.lines:
                taken[line.item_id] = taken.get(line.item_id, 0) - line.quantity
        elif isinstance(fact, ItemsRefunded):
            for back in fact.lines:
                taken[back.item_id] = taken.get(back.item_id, 0) - back.quantity
    return {item: units for item, units in taken.items() if units}
