"""The snapshot codec: a ``Cart`` to compact JSON and back.

A snapshot is derived data (the fold of a stream's facts up to a version), so its format may
change freely: ``"f"`` names the format, and a snapshot in a format this code does not know is
ignored (the cart is then folded from an older snapshot or from the start). Amounts travel as
strings, never as floats::

    {"f": 2, "currency": "EUR", "version": 17, "orders": 2,
     "sold": [["espresso-beans", 3]],
     "lines": [["milk-1l", "Whole milk 1 l", "1.19", "0.07", 2, ["10.00", null]]],
     "discounts": [[null, "5.00", "SPRING10", "20.00", null]],
     "tenders": [["card", "5.00"]],
     "sales": [[1, [["milk-1l", "Whole milk 1 l", 3, "3.82", 1, "1.27"]]]]}

A sale line is ``[item_id, name, quantity, total, refunded, refunded_amount]``. A line's sixth
element is its discount (``[percent, amount]`` or null); a discount is
``[percent, amount, code, minimum_spend, applies_to]``. Format 1 (before discounts,
tenders and sales) is no longer read: it lacks the past orders that refunds need, so the store
folds such a stream from the start (and writes format 2 snapshots from then on).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from cartapp.domain.cart import Cart, CartLine, Discount, OrderDiscount, Sale, SoldLine

__all__ = ["SNAPSHOT_FORMAT", "SnapshotError", "decode_cart", "encode_cart"]

SNAPSHOT_FORMAT = 2


class SnapshotError(ValueError):
    """A snapshot that cannot be read (unknown format or damaged); callers fall back to a fold."""


def _terms(discount: Discount) -> list[str | None]:
    return [
        None if discount.percent is None else str(discount.percent),
        None if discount.amount is None else str(discount.amount),
    ]


def _discount(terms: list[Any]) -> Discount:
    percent, amount = terms
    return Discount(
        None if percent is None else Decimal(percent), None if amount is None else Decimal(amount)
    )


def encode_cart(cart: Cart) -> str:
    return json.dumps(
        {
            "f": SNAPSHOT_FORMAT,
            "currency": cart.currency,
            "version": cart.version,
            "orders": cart.orders,
            "sold": [[item, qty] for item, qty in cart.sold],
            "lines": [
                [
                    ln.item_id,
                    ln.name,
                    str(ln.unit_price),
                    str(ln.tax_rate),
                    ln.quantity,
                    None if ln.discount is None else _terms(ln.discount),
                ]
                for ln in cart.lines
            ],
            "discounts": [
                [
                    *_terms(d.discount),
                    d.code,
                    str(d.minimum_spend),
                    None if d.applies_to is None else sorted(d.applies_to),
                ]
                for d in cart.discounts
            ],
            "tenders": [[method, str(amount)] for method, amount in cart.tenders],
            "sales": [
                [
                    sale.number,
                    [
                        [
                            ln.item_id,
                            ln.name,
                            ln.quantity,
                            str(ln.total),
                            ln.refunded,
                            str(ln.refunded_amount),
                        ]
                        for ln in sale.lines
                    ],
                ]
                for sale in cart.sales
            ],
        },
        separators=(",", ":"),
        ensure_ascii=False,
    )


def decode_cart(text: str) -> Cart:
    """The cart of a snapshot; raises ``SnapshotError`` if it is not one this code wrote."""
    try:
        data: Any = json.loads(text)
        if not isinstance(data, dict) or data.get("f") != SNAPSHOT_FORMAT:
            raise SnapshotError("unknown snapshot format")
        lines = tuple(
            CartLine(
                str(i),
                str(n),
                Decimal(p),
                Decimal(r),
                int(q),
                None if not rest or rest[0] is None else _discount(rest[0]),
            )
            for i, n, p, r, q, *rest in data["lines"]
        )
        discounts = tuple(
            OrderDiscount(
                _discount([percent, amount]),
                None if code is None else str(code),
                Decimal(minimum),
                None if applies is None else frozenset(str(x) for x in applies),
            )
            for percent, amount, code, minimum, applies in data.get("discounts", ())
        )
        tenders = tuple((str(m), Decimal(a)) for m, a in data.get("tenders", ()))
        sales = tuple(
            Sale(
                int(number),
                tuple(
                    SoldLine(str(i), str(n), int(q), Decimal(t), int(r), Decimal(ra))
                    for i, n, q, t, r, ra in lines
                ),
            )
            for number, lines in data.get("sales", ())
        )
        sold = tuple((str(item), int(qty)) for item, qty in data["sold"])
        return Cart(
            lines=lines,
            sold=sold,
            orders=int(data["orders"]),
            version=int(data["version"]),
            currency=str(data["currency"]),
            discounts=discounts,
            tenders=tenders,
            sales=sales,
        )
    except SnapshotError:
        raise
    except (ValueError, TypeError, KeyError, ArithmeticError, RecursionError) as exc:
        raise SnapshotError(f"damaged snapshot: {exc}") from None
