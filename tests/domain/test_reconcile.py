"""Reconcile: the commands that take the live cart to another cart, decided like any other."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import hypothesis.strategies as st
from hypothesis import example, given, settings
from test_cart_machine import CATALOG

from cartapp.domain.cart import Cart
from cartapp.domain.coupons import load_coupons
from cartapp.domain.decider import apply_all, decide
from cartapp.domain.events import AddItem, Command, CommandRejected, RemoveItem, UpdateItem
from cartapp.domain.pos import ApplyCoupon, ApplyDiscount, RemoveDiscount
from cartapp.domain.reconcile import reconcile

__all__: list[str] = []

TODAY = date(2026, 6, 1)
COUPONS = load_coupons(
    '{"coupons": [{"code": "TEN", "percent": "10"},'
    ' {"code": "FIVE", "amount": "5.00", "minimum_spend": "5.00"}]}'
)
ITEMS = ["mug", "pen", "tea", "rice"]  # no yacht: three of them pass the order limit
QTY = st.integers(1, 5)
OFF = st.one_of(
    st.builds(lambda p: {"percent": Decimal(p)}, st.sampled_from(["10", "25"])),
    st.builds(lambda a: {"amount": Decimal(a)}, st.sampled_from(["0.10", "1.00"])),
)
COMMANDS = st.one_of(
    st.builds(AddItem, item_id=st.sampled_from(ITEMS), quantity=QTY),
    st.builds(RemoveItem, item_id=st.sampled_from(ITEMS), quantity=QTY),
    st.builds(UpdateItem, item_id=st.sampled_from(ITEMS), quantity=QTY),
    st.builds(
        lambda item, off: ApplyDiscount(item_id=item, **off),
        st.sampled_from([None, *ITEMS]),
        OFF,
    ),
    st.builds(RemoveDiscount, item_id=st.sampled_from([None, *ITEMS])),
    st.builds(ApplyCoupon, code=st.sampled_from(["TEN", "FIVE"]), today=st.just(TODAY)),
    st.builds(RemoveDiscount, code=st.sampled_from(["TEN", "FIVE"])),
)


def run(cart: Cart, commands: tuple[Command, ...]) -> tuple[Cart, list[str]]:
    refused = []
    for command in commands:
        facts = decide(cart, command, CATALOG, COUPONS)
        refused += [f.reason for f in facts if isinstance(f, CommandRejected)]
        cart = apply_all(cart, facts)
    return cart, refused


def state(cart: Cart) -> tuple[object, ...]:
    """What reconcile can make equal: the lines and discounts, and the totals they give in one
    order of lines. Commands cannot reorder lines, and an order discount's cents are spread by
    the largest remainder in line order, so the same lines in another order may differ by a
    cent of tax (the sandbox's cart then says the total its own order gives)."""
    lines = sorted((ln.item_id, ln.quantity, ln.discount) for ln in cart.lines)
    ordered = Cart(
        lines=tuple(sorted(cart.lines, key=lambda ln: ln.item_id)),
        discounts=cart.discounts,
        currency=cart.currency,
    )
    return lines, cart.discounts, ordered.totals()


@settings(max_examples=300, deadline=None)
@given(st.lists(COMMANDS, max_size=10).map(tuple), st.lists(COMMANDS, max_size=10).map(tuple))
@example(
    (AddItem(item_id="rice", quantity=1),),
    (
        AddItem(item_id="tea", quantity=1),
        AddItem(item_id="rice", quantity=1),
        UpdateItem(item_id="tea", quantity=3),
        ApplyCoupon(code="TEN", today=TODAY),
    ),
)
@example(
    (),
    (
        AddItem(item_id="rice", quantity=1),
        ApplyDiscount(item_id=None, percent=Decimal("10")),
        RemoveItem(item_id="rice", quantity=1),
    ),
)
@example(
    (),
    (
        AddItem(item_id="tea", quantity=5),
        ApplyCoupon(code="TEN", today=TODAY),
        RemoveItem(item_id="tea", quantity=5),
    ),
)
def test_its_commands_take_the_live_cart_to_the_target(
    to_live: tuple[Command, ...], to_target: tuple[Command, ...]
) -> None:
    live, _ = run(Cart(), to_live)
    target, _ = run(Cart(), to_target)
    plan = reconcile(live, target, today=TODAY)
    assert plan.blocked is None
    after, refused = run(live, plan.commands)
    if refused:  # only what the target got on a bigger cart than both are now
        # (a minimum spend, a limit, or a discount or coupon kept on a cart emptied after it was
        # applied: no command gives an empty cart one, and Apply says so)
        bigger = ("minimum spend", "is more than", "nothing in the cart does", "an empty cart")
        assert all(any(b in r for b in bigger) for r in refused), refused
    else:
        assert state(after) == state(target)
    assert plan.empty == (state(live) == state(target))


def test_a_cart_needs_no_commands_to_become_itself() -> None:
    cart, _ = run(
        Cart(), (AddItem(item_id="tea", quantity=2), ApplyCoupon(code="TEN", today=TODAY))
    )
    assert reconcile(cart, cart, today=TODAY).empty


def test_stock_goes_up_before_discounts_and_down_after() -> None:
    live, _ = run(Cart(), (AddItem(item_id="tea", quantity=4), AddItem(item_id="pen", quantity=1)))
    target, _ = run(
        Cart(), (AddItem(item_id="rice", quantity=3), AddItem(item_id="tea", quantity=1))
    )
    plan = reconcile(live, target, today=TODAY)
    assert plan.commands == (
        AddItem(item_id="rice", quantity=3),
        UpdateItem(item_id="tea", quantity=1),
        RemoveItem(item_id="pen", quantity=1),
    )


def test_orders_and_payments_cannot_be_reconciled() -> None:
    live, _ = run(Cart(), (AddItem(item_id="tea", quantity=1),))
    assert "order is final" in str(reconcile(live, live.evolve(orders=1), today=TODAY).blocked)
    paying = live.evolve(tenders=(("cash", Decimal("1.00")),))
    assert "payment is in progress" in str(reconcile(paying, live, today=TODAY).blocked)
    assert reconcile(paying, live, today=TODAY).commands == ()
