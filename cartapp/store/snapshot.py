"""The snapshot codec: a ``Cart`` to compact JSON and back.

A snapshot is derived data (the fold of a stream's facts up to a version), so its format may
change freely: ``"f"`` names the format, and a snapshot in a format this code does not know is
ignored (the cart is then folded from an older snapshot or from the start). Amounts travel as
strings, never as floats::

    {"f": 2, "currency": "EUR", "version": 17, "orders": 2,
     "sold": [["espresso-beans", 3]],
     "lines": [["milk-1l", "Whole milk 1 l", "1.19", "0.07", 2]],
     "sha256": "<hex>"}

A snapshot is read as strictly as a message (every field's type and range) and is sealed: its
last key is the SHA-256 of the text before it (as written without the seal), so a hand-edited
snapshot (a quantity changed from 5 to 50) no longer matches and is ignored like a damaged one;
the cart is then folded from the messages. Format 1 (unsealed) snapshots are ignored too.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from cartapp.domain.cart import Cart, CartLine
from cartapp.store.mapper import validated_line

__all__ = ["SNAPSHOT_FORMAT", "SnapshotError", "decode_cart", "encode_cart"]

SNAPSHOT_FORMAT = 2
_SEAL = ',"sha256":"'
_KEYS = {"f", "currency", "version", "orders", "sold", "lines"}
_ITEM_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")


class SnapshotError(ValueError):
    """A snapshot that cannot be read (unknown format or damaged); callers fall back to a fold."""


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def encode_cart(cart: Cart) -> str:
    """The snapshot of ``cart``, sealed with the SHA-256 of its text (see the module docstring)."""
    body = json.dumps(
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
    return f'{body[:-1]}{_SEAL}{_digest(body)}"}}'


_MAX_COUNT = 2**62
_CURRENCY = re.compile(r"[A-Z]{3}")


def _count(value: object, what: str, low: int = 0) -> int:
    if type(value) is not int or not low <= value < _MAX_COUNT:
        raise SnapshotError(f"damaged snapshot: {what} is not a whole number in range")
    return value


def _line(raw: object) -> CartLine:
    if not isinstance(raw, list) or len(raw) != 5:
        raise SnapshotError("damaged snapshot: a line is not five values")
    item_id, name, price, rate, quantity = raw
    # the rules of the message that put the line there (LineSnapshot: id, text, price, rate, 1..)
    line = validated_line(
        {
            "item_id": item_id,
            "name": name,
            "unit_price": price,
            "tax_rate": rate,
            "quantity": quantity,
        }
    )
    return CartLine(line.item_id, line.name, line.unit_price, line.tax_rate, line.quantity)


def decode_cart(text: str) -> Cart:
    """The cart of a snapshot, checked as strictly as the messages it folds (types and ranges
    of every field); raises ``SnapshotError`` if it is not one this code wrote."""
    try:
        data: Any = json.loads(text)
        if not isinstance(data, dict) or data.get("f") != SNAPSHOT_FORMAT:
            raise SnapshotError("unknown snapshot format")
        at = text.rfind(_SEAL)
        if at < 0 or text[at + len(_SEAL) : -2] != _digest(text[:at] + "}"):
            raise SnapshotError("damaged snapshot: its text does not match its SHA-256 seal")
        del data["sha256"]
        if set(data) != _KEYS:
            raise SnapshotError(f"damaged snapshot: it has the keys {sorted(data)}")
        currency = data["currency"]
        if not isinstance(currency, str) or not _CURRENCY.fullmatch(currency):
            raise SnapshotError("damaged snapshot: the currency is not a three-letter code")
        if not isinstance(data["lines"], list) or not isinstance(data["sold"], list):
            raise SnapshotError("damaged snapshot: lines or sold is not a list")
        lines = tuple(_line(raw) for raw in data["lines"])
        if len({line.item_id for line in lines}) != len(lines):
            raise SnapshotError("damaged snapshot: a product has two lines")
        sold = []
        for entry in data["sold"]:
            if not isinstance(entry, list) or len(entry) != 2 or not isinstance(entry[0], str):
                raise SnapshotError("damaged snapshot: a sold entry is not [id, count]")
            if not _ITEM_ID.fullmatch(entry[0]):
                raise SnapshotError("damaged snapshot: a sold entry has a bad product id")
            sold.append((entry[0], _count(entry[1], "a sold count", 1)))
        return Cart(
            lines=lines,
            sold=tuple(sold),
            orders=_count(data["orders"], "the order count"),
            version=_count(data["version"], "the version"),
            currency=currency,
        )
    except SnapshotError:
        raise
    except (ValueError, TypeError, KeyError, ArithmeticError, RecursionError) as exc:
        raise SnapshotError(f"damaged snapshot: {str(exc)[:120]}") from None
