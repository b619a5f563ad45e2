"""Discounts and coupons as stories: given these facts, when this command, then these facts or
this rejection; and the totals they give, worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pos_stories import COUPONS, SHOP, SPRING, D, added, rejected, when
from pydantic import ValidationError

from cartapp.domain.cart import Cart
from cartapp.domain.coupons import load_coupons
from cartapp.domain.decider import apply_all, decide
from cartapp.domain.events import AddItem, CheckedOut, Checkout, ClearCart, RemoveItem
from cartapp.domain.pos import (
    ApplyCoupon,
    ApplyDiscount,
    CouponApplied,
    DiscountApplied,
    DiscountRemoved,
    RemoveDiscount,
)

__all__: list[str] = []

REPO = Path(__file__).resolve().parents[2]


def line_off(
    item_id: str, percent: str | None = None, amount: str | None = None
) -> DiscountApplied:
    p = SHOP[item_id]
    return DiscountApplied(
        item_id=p.id,
        name=p.name,
        percent=None if percent is None else D(percent),
        amount=None if amount is None else D(amount),
    )


# -- line discounts ---------------------------------------------------------------------------


def test_a_percent_off_a_line_is_rounded_half_up_on_the_line() -> None:
    facts, _, cart = when([added("croissant", 3)], ApplyDiscount(item_id="croissant", percent="15"))
    assert facts == [line_off("croissant", percent="15")]
    # 3 x 0.89 = 2.67; 15 % = 0.4005 -> 0.40; net 2.27; tax 7 % = 0.1589 -> 0.16
    totals = cart.totals()
    assert (totals.subtotal.amount, totals.discount.amount) == (D("2.67"), D("0.40"))
    assert (totals.tax.amount, totals.total.amount) == (D("0.16"), D("2.43"))
    line = cart.line("croissant")
    assert line is not None and line.line_discount == D("0.40") and line.total == D("2.43")


def test_an_amount_off_a_line_and_the_line_shrinking_below_it() -> None:
    given = [added("bread", 2), line_off("bread", amount="5.00")]
    cart = apply_all(Cart(), given)
    assert cart.totals().discount.amount == D("5.00")  # 6.40 - 5.00 = 1.40, tax 0.10
    assert cart.totals().total.amount == D("1.50")
    _, _, after = when(given, RemoveItem(item_id="bread", quantity=1))
    assert after.totals().discount.amount == D("3.20")  # never more than the line
    assert after.totals().total.amount == D("0.00")


def test_a_line_discount_larger_than_the_line_is_refused() -> None:
    reason = rejected([added("croissant", 1)], ApplyDiscount(item_id="croissant", amount="1.00"))
    assert reason == "a discount of €1.00 is more than Croissant's €0.89"


@pytest.mark.parametrize(
    ("command", "reason"),
    [
        (ApplyDiscount(item_id="pen", percent="10"), "'pen' is not in the cart"),
        (ApplyDiscount(item_id="soap"), "give a discount as either a percent or an amount"),
        (
            ApplyDiscount(item_id="soap", percent="10", amount="1.00"),
            "give a discount as either a percent or an amount",
        ),
        (ApplyDiscount(item_id="soap", percent="0"), "a discount must take something off"),
        (ApplyDiscount(percent="0.00"), "a discount must take something off"),
    ],
)
def test_line_discounts_that_make_no_sense(command: ApplyDiscount, reason: str) -> None:
    assert rejected([added("soap", 1)], command) == reason


def test_one_discount_per_line_and_per_order() -> None:
    given = [added("soap", 2), line_off("soap", percent="10"), DiscountApplied(percent=D("5"))]
    assert rejected(given, ApplyDiscount(item_id="soap", amount="0.50")) == (
        "Dish soap already has a discount; remove it first"
    )
    assert rejected(given, ApplyDiscount(amount="1.00")) == (
        "the order already has a discount; remove it first"
    )


def test_nothing_to_discount_in_an_empty_cart() -> None:
    assert rejected([], ApplyDiscount(percent="10")) == "cannot discount an empty cart"


def test_discount_terms_are_typed_at_the_boundary() -> None:
    for bad in ({"percent": 10.0}, {"percent": "101"}, {"percent": "1.234"}, {"amount": "-1"}):
        with pytest.raises(ValidationError):
            ApplyDiscount(item_id="soap", **bad)  # type: ignore[arg-type]


def test_a_line_keeps_its_discount_as_its_quantity_changes() -> None:
    given = [added("soap", 1), line_off("soap", percent="50")]
    _, _, cart = when(given, AddItem(item_id="soap", quantity=3))
    line = cart.line("soap")
    assert line is not None and line.quantity == 4 and line.line_discount == D("3.90")


# -- order discounts --------------------------------------------------------------------------


def test_an_order_discount_is_spread_over_the_lines_by_the_largest_remainder() -> None:
    given = [added("soap", 1), added("croissant", 1), added("bread", 1)]
    facts, _, cart = when(given, ApplyDiscount(amount="1.00"))
    assert facts == [DiscountApplied(amount=D("1.00"))]
    # nets 1.95, 0.89, 3.20 (6.04): 100 cents x net / 604 = 32.28, 14.73, 52.98 -> 32, 14, 52
    # and the two cents left go to the largest remainders (bread .98, croissant .73)
    shares = [p.order_discount for p in cart.priced().lines]
    assert shares == [D("0.32"), D("0.15"), D("0.53")]
    # taxes: (1.95-0.32) x 0.19 = 0.3097 -> 0.31; 0.74 x 0.07 = 0.0518 -> 0.05;
    # 2.67 x 0.07 = 0.1869 -> 0.19
    totals = cart.totals()
    assert totals.discount.amount == D("1.00")
    assert totals.tax.amount == D("0.55")
    assert totals.total.amount == D("5.59")


def test_a_percent_order_discount_comes_after_the_line_discounts() -> None:
    given = [added("beans", 1), line_off("beans", amount="0.90"), added("soap", 2)]
    _, _, cart = when(given, ApplyDiscount(percent="10"))
    # base 18.00 + 3.90 = 21.90; 10 % = 2.19 spread as 1.80 / 0.39
    assert [p.order_discount for p in cart.priced().lines] == [D("1.80"), D("0.39")]
    assert cart.totals().discount.amount == D("3.09")


def test_removing_discounts_puts_the_prices_back() -> None:
    given = [added("soap", 2), line_off("soap", percent="10"), DiscountApplied(amount=D("1.00"))]
    facts, _, cart = when(given, RemoveDiscount(item_id="soap"))
    assert facts == [
        DiscountRemoved(item_id="soap", name="Dish soap", percent=D("10.00"), amount=None)
    ]
    facts, _, cart = when([*given, *facts], RemoveDiscount())
    assert facts == [DiscountRemoved(amount=D("1.00"))]
    assert cart.totals().discount.amount == D("0.00")
    assert cart.totals() == apply_all(Cart(), [added("soap", 2)]).totals()


def test_removing_a_discount_that_is_not_there() -> None:
    given = [added("soap", 2)]
    assert rejected(given, RemoveDiscount(item_id="soap")) == "Dish soap has no discount"
    assert rejected(given, RemoveDiscount(item_id="pen")) == "'pen' is not in the cart"
    assert rejected(given, RemoveDiscount()) == "the order has no discount"
    assert rejected(given, RemoveDiscount(code="spring10")) == "coupon SPRING10 is not applied"


def test_clearing_the_cart_drops_its_discounts() -> None:
    given = [added("soap", 2), line_off("soap", percent="10"), DiscountApplied(amount=D("1.00"))]
    _, _, cart = when(given, ClearCart())
    assert cart.discounts == () and cart.totals().discount.amount == 0


# -- coupons ----------------------------------------------------------------------------------


def spring() -> CouponApplied:
    return CouponApplied(code="SPRING10", percent=D("10"), minimum_spend=D("20.00"))


def test_a_coupon_applies_with_the_terms_it_has_today() -> None:
    facts, _, cart = when([added("beans", 2)], ApplyCoupon(code=" spring10 ", today=SPRING))
    assert facts == [spring()]
    assert cart.totals().discount.amount == D("3.78")  # 10 % of 37.80
    assert cart.totals().total.amount == D("36.40")  # 34.02 + 2.38


@pytest.mark.parametrize(
    ("today", "reason"),
    [
        (date(2026, 5, 1), "coupon SPRING10 expired on 2026-04-30"),
        (date(2026, 2, 28), "coupon SPRING10 is valid from 2026-03-01"),
    ],
)
def test_a_coupon_outside_its_dates(today: date, reason: str) -> None:
    assert rejected([added("beans", 2)], ApplyCoupon(code="SPRING10", today=today)) == reason


def test_the_first_and_last_day_count() -> None:
    for day in (date(2026, 3, 1), date(2026, 4, 30)):
        facts, _, _ = when([added("beans", 2)], ApplyCoupon(code="SPRING10", today=day))
        assert facts == [spring()]


def test_a_coupon_below_its_minimum_spend() -> None:
    reason = rejected([added("beans", 1)], ApplyCoupon(code="SPRING10", today=SPRING))
    assert reason == "coupon SPRING10: minimum spend €20.00 not reached (€18.90 so far)"


def test_an_unknown_or_repeated_coupon() -> None:
    assert rejected([added("beans", 2)], ApplyCoupon(code="free", today=SPRING)) == (
        "unknown coupon code FREE"
    )
    assert rejected([added("beans", 2), spring()], ApplyCoupon(code="SPRING10", today=SPRING)) == (
        "coupon SPRING10 is already applied"
    )


def test_without_a_coupon_table_no_code_is_known() -> None:
    cart = apply_all(Cart(), [added("beans", 2)])
    (fact,) = decide(cart, ApplyCoupon(code="SPRING10", today=SPRING), SHOP)
    assert fact.summary() == "Rejected: unknown coupon code SPRING10"


def test_a_category_coupon_applies_to_its_categories_only() -> None:
    given = [added("beans", 1), added("croissant", 2), added("bread", 1)]
    facts, _, cart = when(given, ApplyCoupon(code="bakery5", today=SPRING))
    assert facts == [
        CouponApplied(
            code="BAKERY5",
            amount=D("5.00"),
            minimum_spend=D("4.00"),
            categories=("Bakery",),
            applies_to=("croissant", "bread"),
        )
    ]
    # bakery nets 1.78 + 3.20 = 4.98 reach 4.00; 5.00 is more than 4.98, so 4.98 comes off
    assert [p.order_discount for p in cart.priced().lines] == [D("0"), D("1.78"), D("3.20")]
    assert cart.totals().total.amount == D("20.22")  # 18.90 + 1.32 tax


def test_a_category_coupon_with_nothing_of_its_category() -> None:
    reason = rejected([added("beans", 1)], ApplyCoupon(code="TEA20", today=SPRING))
    assert reason == "coupon TEA20 applies to Tea only; nothing in the cart does"


def test_a_coupon_stops_counting_when_the_cart_falls_below_its_minimum() -> None:
    given = [added("beans", 2), spring()]
    _, _, cart = when(given, RemoveItem(item_id="beans", quantity=1))
    assert cart.totals().discount.amount == 0  # kept, but 18.90 is below 20.00
    assert cart.priced().order_discounts[0][1] == 0
    _, _, cart = when(
        [*given, *when(given, RemoveItem(item_id="beans", quantity=1))[0]],
        AddItem(item_id="beans", quantity=1),
    )
    assert cart.totals().discount.amount == D("3.78")


def test_removing_a_coupon() -> None:
    facts, _, cart = when([added("beans", 2), spring()], RemoveDiscount(code="Spring10"))
    assert facts == [DiscountRemoved(code="SPRING10", percent=D("10"))]
    assert cart.discounts == ()


def test_checkout_records_the_discount_per_line() -> None:
    given = [added("beans", 2), added("soap", 1), spring()]
    (fact,), before, after = when(given, Checkout())
    assert isinstance(fact, CheckedOut)
    totals = before.totals()
    assert (fact.subtotal, fact.discount, fact.tax, fact.total) == (
        totals.subtotal.amount,
        totals.discount.amount,
        totals.tax.amount,
        totals.total.amount,
    )
    assert fact.total == fact.subtotal - fact.discount + fact.tax
    assert sum(fact.line_discounts) == fact.discount == D("3.98")  # 10 % of 39.75
    assert after.discounts == () and after.lines == ()


def test_the_shipped_coupon_file_is_valid() -> None:
    table = load_coupons((REPO / "resources" / "coupons.json").read_bytes())
    spring10 = table.get("spring10")
    assert spring10 is not None and spring10.valid_to == date(2026, 4, 30)
    assert spring10.minimum_spend == Decimal("20.00")


@pytest.mark.parametrize(
    "body",
    [
        '{"coupons": [{"code": "X1"}]}',
        '{"coupons": [{"code": "X1", "percent": "5", "amount": "1.00"}]}',
        '{"coupons": [{"code": "x1", "percent": "5"}]}',
        '{"coupons": [{"code": "X1", "percent": 5.5}]}',
        '{"coupons": [{"code": "X1", "amount": "0"}]}',
        '{"coupons": [{"code": "X1", "percent": "5", "valid_from": "2026-05-01",'
        ' "valid_to": "2026-04-01"}]}',
        '{"coupons": [{"code": "X1", "percent": "5"}, {"code": "X1", "amount": "1.00"}]}',
        '{"coupons": [{"code": "X1", "percent": "5", "extra": 1}]}',
    ],
)
def test_a_bad_coupon_file_is_refused(body: str) -> None:
    with pytest.raises(ValidationError):
        load_coupons(body.encode())


def test_the_coupon_table_knows_its_codes() -> None:
    assert len(COUPONS) == 3 and next(c.code for c in COUPONS) == "SPRING10"
