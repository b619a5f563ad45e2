"""Compensation: the commands that take a fact back, and the commands that do it again.

History is never rewritten: undoing a fact means deciding new commands whose facts restore the
cart as it was before it. The table, as the undo stack uses it:

======================  =========================================  ==========================
fact                    undo (take it back)                        redo (do it again)
======================  =========================================  ==========================
ItemAdded(q)            RemoveItem(q)                              AddItem(q)
ItemUpdated(p -> q)     UpdateItem(p)                              UpdateItem(q)
ItemRemoved(q)          AddItem(q)                                 RemoveItem(q)
CartCleared(lines)      AddItem for each line                      ClearCart
DiscountApplied         RemoveDiscount (the line's, or the order's) ApplyDiscount (same terms)
CouponApplied(code)     RemoveDiscount(code)                       ApplyCoupon(code, today)
DiscountRemoved         ApplyDiscount / ApplyCoupon (same terms)   RemoveDiscount (same)
CartParked(n)           ResumeCart(n)                              ParkCart(name, time, n)
CartResumed(n)          ParkCart(name, time, n)                    ResumeCart(n)
======================  =========================================  ==========================

Any other fact (a checkout, a payment, a refund, a rejection, a failure) cannot be undone:
``compensation`` returns None. ``today`` is the till's date a coupon put back is checked against
(so an expired coupon is refused again); ``now`` stands in for a resumed cart's parking time when
its fact does not say it. Compensating commands are decided like any other, so one may be
refused (say, stock ran out meanwhile); what to do then is the caller's policy (the Qt undo stack
takes the whole step back).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import NamedTuple

from cartapp.domain.events import (
    AddItem,
    CartCleared,
    ClearCart,
    Command,
    Fact,
    ItemAdded,
    ItemRemoved,
    ItemUpdated,
    RemoveItem,
    UpdateItem,
)
from cartapp.domain.parking import CartParked, CartResumed, ParkCart, ResumeCart
from cartapp.domain.pos import (
    ApplyCoupon,
    ApplyDiscount,
    CouponApplied,
    DiscountApplied,
    DiscountRemoved,
    RemoveDiscount,
)

__all__ = ["UNDOABLE", "Compensation", "compensation"]


class Compensation(NamedTuple):
    """The commands that take a fact back (``undo``) and that repeat it (``redo``)."""

    undo: tuple[Command, ...]
    redo: tuple[Command, ...]


UNDOABLE: frozenset[type[Fact]] = frozenset(
    {
        ItemAdded,
        ItemUpdated,
        ItemRemoved,
        CartCleared,
        DiscountApplied,
        CouponApplied,
        DiscountRemoved,
        CartParked,
        CartResumed,
    }
)
"""The fact types that have a compensation."""


def compensation(
    fact: Fact, *, today: date | None = None, now: datetime | None = None
) -> Compensation | None:
    """The compensation of ``fact`` (see the module's table), or None if it cannot be undone."""
    today = today if today is not None else date.today()
    if isinstance(fact, DiscountApplied | CouponApplied | DiscountRemoved):
        return _discount(fact, today)
    if isinstance(fact, CartParked):
        again = ParkCart(name=fact.name, parked_at=fact.parked_at, number=fact.number)
        return Compensation((ResumeCart(number=fact.number),), (again,))
    if isinstance(fact, CartResumed):
        when = fact.parked_at or now or datetime.now(UTC)
        park = ParkCart(name=fact.name, parked_at=when, number=fact.number)
        return Compensation((park,), (ResumeCart(number=fact.number),))
    if isinstance(fact, ItemAdded):
        add = AddItem(item_id=fact.item_id, quantity=fact.quantity)
        return Compensation((RemoveItem(item_id=fact.item_id, quantity=fact.quantity),), (add,))
    if isinstance(fact, ItemUpdated):
        return Compensation(
            (UpdateItem(item_id=fact.item_id, quantity=fact.previous_quantity),),
            (UpdateItem(item_id=fact.item_id, quantity=fact.quantity),),
        )
    if isinstance(fact, ItemRemoved):
        return Compensation(
            (AddItem(item_id=fact.item_id, quantity=fact.quantity),),
            (RemoveItem(item_id=fact.item_id, quantity=fact.quantity),),
        )
    if isinstance(fact, CartCleared):
        restore = tuple(
            AddItem(item_id=line.item_id, quantity=line.quantity) for line in fact.lines
        )
        return Compensation(restore, (ClearCart(),))
    return None


def _discount(fact: DiscountApplied | CouponApplied | DiscountRemoved, today: date) -> Compensation:
    if isinstance(fact, DiscountApplied):
        again = ApplyDiscount(item_id=fact.item_id, percent=fact.percent, amount=fact.amount)
        return Compensation((RemoveDiscount(item_id=fact.item_id),), (again,))
    if isinstance(fact, CouponApplied):
        coupon = ApplyCoupon(code=fact.code, today=today)
        return Compensation((RemoveDiscount(code=fact.code),), (coupon,))
    if fact.code is not None:
        back: Command = ApplyCoupon(code=fact.code, today=today)
    else:
        back = ApplyDiscount(item_id=fact.item_id, percent=fact.percent, amount=fact.amount)
    remove = RemoveDiscount(item_id=None if fact.code else fact.item_id, code=fact.code)
    return Compensation((back,), (remove,))
