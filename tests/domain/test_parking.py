"""Parking as stories: the open cart goes aside with its discounts, numbered; it comes back
exactly; its products stay held meanwhile; the rules say why when they refuse. Replay and the
snapshot keep parked carts as ``apply`` does."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from pos_stories import COUPONS, SHOP, SPRING, D, added, rejected, when

from cartapp.domain.cart import Cart
from cartapp.domain.decider import apply, apply_all, available, decide
from cartapp.domain.events import AddItem, Checkout, Command, Fact
from cartapp.domain.parking import MAX_PARKED, CartParked, CartResumed, ParkCart, ResumeCart
from cartapp.domain.pos import ApplyCoupon, ApplyDiscount, TakePayment
from cartapp.domain.replay import Replay
from cartapp.store.snapshot import decode_cart, encode_cart

__all__: list[str] = []

AT = datetime(2026, 4, 1, 9, 30, tzinfo=UTC)


def park(name: str | None = None) -> ParkCart:
    return ParkCart(name=name, parked_at=AT)


DISCOUNTED: list[Fact] = [added("bread", 2), added("croissant", 3)]
DISCOUNTED += when(DISCOUNTED, ApplyDiscount(item_id="bread", percent=D("10")))[0]
DISCOUNTED += when(DISCOUNTED, ApplyDiscount(amount=D("1.00")))[0]


def test_parking_puts_the_cart_aside_with_its_discounts_and_holds_its_stock() -> None:
    facts, before, cart = when(DISCOUNTED, park("  Anna  "))
    (fact,) = facts
    assert isinstance(fact, CartParked)
    assert (fact.number, fact.name, fact.parked_at) == (1, "Anna", AT)
    assert [(ln.item_id, ln.quantity, ln.percent) for ln in fact.lines] == [
        ("bread", 2, D("10")),
        ("croissant", 3, None),
    ]
    assert [(d.amount, d.code) for d in fact.discounts] == [(D("1.00"), None)]
    assert cart.lines == () and cart.discounts == ()
    (parked,) = cart.parked
    assert parked.total() == before.totals().total.amount
    # held: the 2 loaves are still not for sale while the cart is parked
    assert available(cart, SHOP["bread"]) == available(before, SHOP["bread"]) == 8
    assert rejected([*DISCOUNTED, fact], AddItem(item_id="bread", quantity=9)) == (
        "only 8 Rye bread left in stock"
    )


def test_resuming_brings_the_cart_back_exactly() -> None:
    given = [*DISCOUNTED, *when(DISCOUNTED, park("Anna"))[0]]
    facts, _, cart = when(given, ResumeCart(number=1))
    assert facts == [CartResumed(number=1, name="Anna", parked_at=AT)]
    assert cart.parked == ()
    assert cart.lines == apply_all(Cart(), DISCOUNTED).lines
    assert cart.totals() == apply_all(Cart(), DISCOUNTED).totals()


def test_two_parked_carts_are_numbered_and_resumed_in_any_order() -> None:
    given = [added("bread", 1), *when([added("bread", 1)], park("Anna"))[0]]
    given += [added("pen", 1)]
    given += when(given, park())[0]
    cart = apply_all(Cart(), given)
    assert [(p.number, p.name, p.item_count) for p in cart.parked] == [
        (1, "Anna", 1),
        (2, None, 1),
    ]
    given += when(given, ResumeCart(number=1))[0]
    given += when(given, park("Bo"))[0]  # numbers go on after the highest still parked
    assert [p.number for p in apply_all(Cart(), given).parked] == [2, 3]


def test_a_park_can_ask_for_its_number_as_undo_and_redo_do() -> None:
    given = [added("bread", 1)]
    given += when(given, ParkCart(parked_at=AT, number=5))[0]
    assert [p.number for p in apply_all(Cart(), given).parked] == [5]
    given += [added("pen", 1)]
    assert rejected(given, ParkCart(parked_at=AT, number=5)) == "parked cart #5 exists already"


def test_what_parking_refuses() -> None:
    assert rejected([], park()) == "cannot park an empty cart"
    given = [*DISCOUNTED, *when(DISCOUNTED, park())[0]]
    assert rejected(given, ResumeCart(number=7)) == "there is no parked cart #7"
    assert rejected([*given, added("pen", 1)], ResumeCart(number=1)) == (
        "the cart is not empty; park it or check it out before resuming #1"
    )
    paying = [*DISCOUNTED, *when(DISCOUNTED, TakePayment(method="card", amount=D("1.00")))[0]]
    assert rejected(paying, park()).startswith("a payment is in progress")
    full: list[Fact] = []
    for _ in range(MAX_PARKED):
        full += [added("croissant", 1)]
        full += when(full, park())[0]
    assert rejected([*full, added("croissant", 1)], park()) == (
        f"at most {MAX_PARKED} carts can be parked; resume one first"
    )


def _command(rng: random.Random, cart: Cart) -> Command:
    x = rng.random()
    if x < 0.45:
        return AddItem(item_id=rng.choice(["bread", "croissant", "soap"]), quantity=1)
    if x < 0.55:
        return ApplyDiscount(amount=D("0.50"))
    if x < 0.6:
        return ApplyCoupon(code="BAKERY5", today=SPRING)
    if x < 0.75:
        return ParkCart(name=rng.choice([None, "Anna"]), parked_at=AT + timedelta(minutes=x))
    if x < 0.92 and cart.parked:
        return ResumeCart(number=rng.choice(cart.parked).number)
    return Checkout()


def test_replay_and_the_snapshot_keep_parked_carts_as_apply_does() -> None:
    for seed in range(4):
        rng = random.Random(seed)
        cart = Cart()
        facts: list[Fact] = []
        for _ in range(150):
            for fact in decide(cart, _command(rng, cart), SHOP, COUPONS):
                facts.append(fact)
                cart = apply(cart, fact)
            assert decode_cart(encode_cart(cart)) == cart
        assert any(isinstance(f, CartResumed) for f in facts)
        replay = Replay()
        for fact in facts:
            assert replay.check(fact) is None, fact
            replay.apply(fact)
        assert replay.cart() == cart


def test_replay_refuses_a_resume_of_a_cart_never_parked() -> None:
    replay = Replay()
    assert "not parked" in (replay.check(CartResumed(number=1)) or "")
