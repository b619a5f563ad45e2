"""The snapshot codec: a ``Cart`` to compact JSON and back.

A snapshot is derived data (the fold of a stream's facts up to a version), so its format may
change freely: ``"f"`` names the format, and a snapshot in a format this code does not know is
ignored (the cart is then folded from an older snapshot or from the start). Amounts travel as
strings, never as floats::

    {"f": 1, "currency": "EUR", "version": 17, "orders": 2,
     "sold": [["espresso-beans", 3]],
     "lines": [["milk-1l", "Whole milk 1 l", "1.19", "0.07", 2]]}
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from cartapp.domain.cart import Cart, CartLine

__all__ = ["SNAPSHOT_FORMAT", "SnapshotError", "decode_cart", "encode_cart"]

SNAPSHOT_FORMAT = 1


class SnapshotError(ValueError):
    """A snapshot that cannot be read (unknown format or damaged); callers fall back to a fold."""


def encode_cart(cart: Cart) -> str:
    return json.dumps(
        {
            "f": SNAPSHOT_FORMAT,
            "currency": cart.currency,
            "version": cart.version,
            "orders": cart.orders,
            "sold": [[item, qty] for item, qty in cart.sold],
            "lines": [
                [ln.item_id, ln.name, str(ln.unit_price), str(ln.tax_rate), ln.quantity]
                for ln in cart.lines
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
            CartLine(str(i), str(n), Decimal(p), Decimal(r), int(q))
            for i, n, p, r, q in data["lines"]
        )
        sold = tuple((str(item), int(qty)) for item, qty in data["sold"])
        return Cart(
            lines=lines,
            sold=sold,
            orders=int(data["orders"]),
            version=int(data["version"]),
            currency=str(data["currency"]),
        )
    except SnapshotError:
        raise
    except (ValueError, TypeError, KeyError, ArithmeticError, RecursionError) as exc:
        raise SnapshotError(f"damaged snapshot: {exc}") from None
