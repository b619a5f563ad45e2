"""The snapshot keeps what the point of sale adds to the cart: line and order discounts,
coupons, tenders in progress and past orders with their refunds."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from cartapp.domain.cart import Cart, CartLine, Discount, OrderDiscount, Sale, SoldLine
from cartapp.store.snapshot import SnapshotError, decode_cart, encode_cart

__all__: list[str] = []

CART = Cart(
    lines=(
        CartLine("soap", "Dish soap", Decimal("1.95"), Decimal("0.19"), 2, Discount(Decimal("10"))),
        CartLine("bread", "Rye bread", Decimal("3.20"), Decimal("0.07"), 1),
    ),
    sold=(("pen", 2),),
    orders=1,
    version=9,
    discounts=(
        OrderDiscount(Discount(amount=Decimal("1.00"))),
        OrderDiscount(
            Discount(percent=Decimal("5.00")), "BAKERY5", Decimal("4.00"), frozenset({"bread"})
        ),
    ),
    tenders=(("card", Decimal("2.00")),),
    sales=(Sale(1, (SoldLine("pen", "Fountain pen", 3, Decimal("105.32"), 1, Decimal("35.11")),)),),
)


def test_a_point_of_sale_cart_survives_its_snapshot() -> None:
    again = decode_cart(encode_cart(CART))
    assert again == CART
    assert again.totals() == CART.totals()
    assert again.line("soap") == CART.line("soap")


def test_a_snapshot_from_before_discounts_is_not_read() -> None:
    old = json.loads(encode_cart(Cart(orders=1, sold=(("pen", 3),))))
    old["f"] = 1
    for key in ("discounts", "tenders", "sales"):
        del old[key]
    with pytest.raises(SnapshotError, match="format"):
        decode_cart(json.dumps(old))
