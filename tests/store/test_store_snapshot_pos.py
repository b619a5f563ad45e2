"""The snapshot keeps what the point of sale adds to the cart: line and order discounts,
coupons and tenders in progress, sealed and read as strictly as the rest of the snapshot; past
orders stay out of it, so it is the size of the open cart however long the history is."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from cartapp.domain.cart import Cart, CartLine, Discount, OrderDiscount
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
)


def test_a_point_of_sale_cart_survives_its_snapshot() -> None:
    again = decode_cart(encode_cart(CART))
    assert again == CART
    assert again.totals() == CART.totals()
    assert again.line("soap") == CART.line("soap")


def test_a_snapshot_from_before_discounts_is_not_read() -> None:
    old = json.loads(encode_cart(Cart(orders=1, sold=(("pen", 3),))))
    old["f"] = 1
    for key in ("discounts", "tenders"):
        del old[key]
    with pytest.raises(SnapshotError, match="format"):
        decode_cart(json.dumps(old))


def _sealed(data: dict[str, Any]) -> str:
    """``data`` written and sealed as ``encode_cart`` does, so only the strict checks can
    refuse it."""
    body = json.dumps(
        {k: v for k, v in data.items() if k != "sha256"}, separators=(",", ":"), ensure_ascii=False
    )
    return f'{body[:-1]},"sha256":"{hashlib.sha256(body.encode()).hexdigest()}"}}'


def test_the_snapshot_is_sealed_and_a_resealed_copy_still_reads() -> None:
    text = encode_cart(CART)
    assert text == _sealed(json.loads(text))
    assert decode_cart(_sealed(json.loads(text))) == CART
    with pytest.raises(SnapshotError, match="seal"):
        decode_cart(text.replace('"2.00"', '"12.00"'))


def test_the_earlier_formats_2_and_3_are_ignored() -> None:
    data = json.loads(encode_cart(CART))
    sealed_without_pos = {k: v for k, v in data.items() if k not in ("discounts", "tenders")}
    sealed_without_pos["f"] = 2
    for line in sealed_without_pos["lines"]:
        del line[5:]
    unsealed_with_pos = {k: v for k, v in data.items() if k != "sha256"}
    unsealed_with_pos["f"] = 2
    sealed_with_sales = {**data, "f": 3, "sales": [[1, [["pen", "Pen", 3, "3.00", 0, "0.00"]]]]}
    olds = (_sealed(sealed_without_pos), json.dumps(unsealed_with_pos), _sealed(sealed_with_sales))
    for old in olds:
        with pytest.raises(SnapshotError, match="unknown snapshot format"):
            decode_cart(old)


def _edit(path: tuple[object, ...], value: object) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


POS_EDITS: dict[str, Callable[[dict[str, Any]], None]] = {
    "line-percent-101": _edit(("lines", 0, 5, 0), "101"),
    "line-percent-as-number": _edit(("lines", 0, 5, 0), 10),
    "line-discount-null": _edit(("lines", 0, 5), None),
    "line-discount-both-terms": _edit(("lines", 0, 5), ["10", "1.00"]),
    "order-amount-nan": _edit(("discounts", 0, 1), "NaN"),
    "order-amount-three-places": _edit(("discounts", 0, 1), "1.005"),
    "order-amount-negative": _edit(("discounts", 0, 1), "-1.00"),
    "coupon-code-lower-case": _edit(("discounts", 1, 2), "bakery5"),
    "coupon-minimum-float": _edit(("discounts", 1, 3), 4.0),
    "coupon-bad-product": _edit(("discounts", 1, 4), ["Bread!"]),
    "tender-method-cheque": _edit(("tenders", 0, 0), "cheque"),
    "tender-amount-huge": _edit(("tenders", 0, 1), "1000000.00"),
    "tender-short": _edit(("tenders", 0), ["card"]),
    "sales-of-format-3": lambda data: data.update(sales=[]),
    "discounts-missing": lambda data: data.pop("discounts"),
}


@pytest.mark.parametrize("edit", POS_EDITS.values(), ids=POS_EDITS.keys())
def test_a_sealed_snapshot_with_a_bad_point_of_sale_field_is_refused(
    edit: Callable[[dict[str, Any]], None],
) -> None:
    data = json.loads(encode_cart(CART))
    edit(data)
    with pytest.raises(SnapshotError, match="damaged snapshot"):
        decode_cart(_sealed(data))


def test_the_snapshot_does_not_grow_with_past_orders() -> None:
    """However many orders the history holds, the snapshot is the open cart's size."""
    few = encode_cart(Cart(lines=CART.lines, orders=3, version=40, sold=(("pen", 9),)))
    many = encode_cart(Cart(lines=CART.lines, orders=30_000, version=400_000, sold=(("pen", 9),)))
    assert len(many) - len(few) == len("30000400000") - len("340")
