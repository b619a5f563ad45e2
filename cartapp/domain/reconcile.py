"""Reconcile: the commands that take one cart to another, as compensation does for one fact.

``reconcile(live, target, today=...)`` answers what a what-if sandbox's "apply" publishes: the
commands that, decided in order against ``live``, leave it holding ``target``'s lines (product,
quantity, line discount) and order discounts (the manual one and the coupons). Line order is not
reproduced (an added line joins at the end). The order of the commands is chosen so that each
is accepted on the cart the earlier ones leave wherever that can be known:

1. discounts that ``target`` lacks or holds on other terms come off (coupons, the order's, the
   lines');
2. lines ``target`` holds more of are raised and its new lines added (stock is counted per
   product, so nothing given back elsewhere would help);
3. ``target``'s discounts that ``live`` lacks go on (its order discount and coupons in
   ``target``'s order, a coupon checked against ``today`` as undo checks a coupon put back,
   then the lines'), while each line holds the most it will (a minimum spend or an amount off a
   line is checked on as much as possible);
4. lines ``target`` holds fewer of are lowered, and lines it lacks removed.

A discount that ``target`` got while its cart was bigger than both carts are now (a coupon's
minimum spend, an amount off a line since lowered) may still be refused; so may a command when
stock was taken meanwhile or a coupon expired: the caller publishes the commands and reports
what was refused. What commands cannot put right is reported instead of guessed at
(``Reconciliation.blocked``): checked-out orders and refunds (the orders, the stock sold),
payments in progress (either side's tenders) and parked carts.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from cartapp.domain.cart import Cart, CartLine, Discount, OrderDiscount
from cartapp.domain.events import AddItem, Command, RemoveItem, UpdateItem
from cartapp.domain.i18n import QT_TRANSLATE_NOOP
from cartapp.domain.pos import ApplyCoupon, ApplyDiscount, RemoveDiscount

__all__ = ["Reconciliation", "reconcile"]


class Reconciliation(NamedTuple):
    """The commands from ``live`` to ``target``, or why there can be none."""

    commands: tuple[Command, ...]
    blocked: str | None
    """Why the difference cannot be made by commands (None: it can; ``commands`` do it), in
    English: shown as ``translate("reconcile", blocked)``."""

    @property
    def empty(self) -> bool:
        return self.blocked is None and not self.commands


def _blocked(live: Cart, target: Cart) -> str | None:
    if live.tenders:
        return QT_TRANSLATE_NOOP(
            "reconcile", "a payment is in progress on the live cart; cancel it first"
        )
    if target.tenders:
        return QT_TRANSLATE_NOOP(
            "reconcile", "the what-if ends with a payment in progress, which cannot be applied"
        )
    if live.orders != target.orders or live.sold != target.sold:
        return QT_TRANSLATE_NOOP(
            "reconcile",
            "the what-if changes orders that were checked out or refunded; an order is final",
        )
    if live.parked != target.parked:
        return QT_TRANSLATE_NOOP(
            "reconcile", "the what-if parks or resumes other carts; park or resume them by hand"
        )
    return None


def _apply(item_id: str | None, discount: Discount) -> ApplyDiscount:
    return ApplyDiscount(item_id=item_id, percent=discount.percent, amount=discount.amount)


def _order_discounts(
    live: Cart, target: Cart
) -> tuple[list[OrderDiscount], list[OrderDiscount], list[OrderDiscount]]:
    """``live``'s order discounts to keep and to take off, and ``target``'s to put on. The
    order of a cart's discounts matters to its total (each applies to what the ones before it
    left), so when keeping some would put them out of ``target``'s order, all come off."""
    kept = [d for d in live.discounts if d in target.discounts]
    new = [d for d in target.discounts if d not in live.discounts]
    if kept + new != list(target.discounts):
        return [], list(live.discounts), list(target.discounts)
    return kept, [d for d in live.discounts if d not in target.discounts], new


def reconcile(live: Cart, target: Cart, *, today: date) -> Reconciliation:
    """The commands that take ``live`` to ``target`` (see the module docstring)."""
    blocked = _blocked(live, target)
    if blocked is not None:
        return Reconciliation((), blocked)
    out: list[Command] = []
    wanted = {line.item_id: line for line in target.lines}
    have = {line.item_id: line for line in live.lines}

    _kept, gone, new = _order_discounts(live, target)
    for d in gone:
        out.append(RemoveDiscount(code=d.code) if d.code is not None else RemoveDiscount())
    for item, line in have.items():
        goal = wanted.get(item)
        if line.discount is not None and goal is not None and goal.discount != line.discount:
            out.append(RemoveDiscount(item_id=item))

    removed = [
        RemoveItem(item_id=i, quantity=ln.quantity) for i, ln in have.items() if i not in wanted
    ]
    lowered: list[Command] = []
    for item, goal in wanted.items():
        now = have.get(item)
        if now is None:
            out.append(AddItem(item_id=item, quantity=goal.quantity))
        elif goal.quantity > now.quantity:
            out.append(UpdateItem(item_id=item, quantity=goal.quantity))
        elif goal.quantity < now.quantity:
            lowered.append(UpdateItem(item_id=item, quantity=goal.quantity))

    for d in new:
        if d.code is not None:
            out.append(ApplyCoupon(code=d.code, today=today))
        else:
            out.append(_apply(None, d.discount))
    for item, goal in wanted.items():
        before: CartLine | None = have.get(item)
        if goal.discount is not None and (before is None or before.discount != goal.discount):
            out.append(_apply(item, goal.discount))
    out += [*lowered, *removed]
    return Reconciliation(tuple(out), None)
