"""Carts between tills as stories: another till's parked cart comes in with its lines and
discounts; the parking till lets its cart go; neither moves stock; replay folds them as
``apply`` does."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pos_stories import SHOP, D, added, rejected, when

from cartapp.domain.cart import Cart
from cartapp.domain.decider import apply_all, available
from cartapp.domain.handover import (
    HandOverParkedCart,
    ParkedCartHandedOver,
    ParkedCartTaken,
    TakeParkedCart,
)
from cartapp.domain.parking import CartParked, ParkCart
from cartapp.domain.pos import ApplyDiscount
from cartapp.domain.replay import Replay
from cartapp.domain.stock import stock_taken

__all__: list[str] = []

AT = datetime(2026, 4, 1, 9, 30, tzinfo=UTC)

AT_TILL_1 = [added("bread", 2), added("croissant", 3)]
AT_TILL_1 += when(AT_TILL_1, ApplyDiscount(item_id="bread", percent=D("10")))[0]
AT_TILL_1 += when(AT_TILL_1, ApplyDiscount(amount=D("1.00")))[0]
PARKED = when(AT_TILL_1, ParkCart(name="Anna", parked_at=AT))[0]
(PARKED_FACT,) = PARKED
assert isinstance(PARKED_FACT, CartParked)


def take() -> TakeParkedCart:
    return TakeParkedCart(
        shared="p-abc-1",
        from_till="t1",
        number=PARKED_FACT.number,
        name=PARKED_FACT.name,
        parked_at=PARKED_FACT.parked_at,
        lines=PARKED_FACT.lines,
        discounts=PARKED_FACT.discounts,
    )


def test_another_tills_parked_cart_comes_in_with_its_lines_discounts_and_total() -> None:
    facts, _, cart = when([], take())
    (fact,) = facts
    assert isinstance(fact, ParkedCartTaken)
    assert (fact.from_till, fact.number, fact.name) == ("t1", 1, "Anna")
    parked_here = apply_all(Cart(), AT_TILL_1)
    assert cart.lines == parked_here.lines
    assert cart.discounts == parked_here.discounts
    assert cart.totals() == parked_here.totals()
    assert cart.parked == ()


def test_a_cart_is_taken_only_into_an_empty_cart() -> None:
    assert rejected([added("bread", 1)], take()) == (
        "the cart is not empty; park it or check it out before resuming parked cart #1 of till t1"
    )


def test_the_parking_till_lets_its_cart_go_and_only_the_one_it_parked() -> None:
    given = [*AT_TILL_1, *PARKED]
    facts, _, cart = when(given, HandOverParkedCart(number=1, parked_at=AT, to_till="t2"))
    assert facts == [ParkedCartHandedOver(number=1, name="Anna", to_till="t2")]
    assert cart.parked == () and cart.lines == ()
    # held no more here: the other till holds those units now
    assert available(cart, SHOP["bread"]) == SHOP["bread"].stock
    later = HandOverParkedCart(number=1, parked_at=AT + timedelta(minutes=1), to_till="t2")
    assert rejected(given, later) == "there is no parked cart #1 to hand over"
    assert rejected([], HandOverParkedCart(number=1, parked_at=AT, to_till="t2")) == (
        "there is no parked cart #1 to hand over"
    )


def test_neither_fact_moves_the_shops_stock() -> None:
    taken = when([], take())[0]
    handed = when([*AT_TILL_1, *PARKED], HandOverParkedCart(number=1, parked_at=AT, to_till="t2"))
    assert stock_taken([*taken, *handed[0]]) == {}


def test_replay_folds_a_hand_over_as_apply_does() -> None:
    taken = when([], take())[0]
    handed = when([*AT_TILL_1, *PARKED], HandOverParkedCart(number=1, parked_at=AT, to_till="t2"))
    for facts in (taken, [*AT_TILL_1, *PARKED, *handed[0]]):
        replay = Replay()
        for fact in facts:
            assert replay.check(fact) is None
            replay.apply(fact)
        assert replay.cart() == apply_all(Cart(), facts)
    assert Replay().check(handed[0][0]) == "ParkedCartHandedOver of #1, which is not parked"
    busy = Replay()
    busy.apply(added("bread", 1))
    assert busy.check(taken[0]) == "ParkedCartTaken while the cart holds lines"
