"""The snapshot codec: a ``Cart`` to compact JSON and back.

A snapshot is derived data (the fold of a stream's facts up to a version), so its format may
change freely: ``"f"`` names the format, and a snapshot in a format this code does not know is
ignored (the cart is then folded from an older snapshot or from the start). Amounts travel as
strings, never as floats::

    {"f": 4, "currency": "EUR", "version": 17, "orders": 2,
     "sold": [["espresso-beans", 3]],
     "lines": [["milk-1l", "Whole milk 1 l", "1.19", "0.07", 2],
               ["soap", "Dish soap", "1.95", "0.19", 1, ["10.00", null]]],
     "discounts": [[null, "5.00", "SPRING10", "20.00", null]],
     "tenders": [["card", "5.00"]],
     "parked": [[1, "Anna", "2026-05-02T10:15:00+00:00", [<lines>], [<discounts>]]],
     "sha256": "<hex>"}

A line is ``[item_id, name, unit_price, tax_rate, quantity]``, followed by its discount
(``[percent, amount]``, exactly one of them set) when it has one. An order discount or coupon is
``[percent, amount, code, minimum_spend, applies_to]`` (``code`` null for the order's own
discount, ``applies_to`` null for every line, else the sorted item ids); a tender is
``[method, amount]``; a parked cart ``[number, name or null, parked_at (ISO 8601 with its
offset), lines, discounts]`` with lines and discounts as above. Past orders are not in it:
refunds read them from the store's read side (``history.StoredLedger``), so a snapshot is the
size of the open and parked carts, not of the history.

A snapshot is read as strictly as a message (every field's type and range: amounts and percents
by the rules of ``money``, ids, names, coupon codes, tender methods and counts as the messages
that put them there allow) and is sealed: its last key is the SHA-256 of the text before it (as
written without the seal), so a hand-edited snapshot (a quantity changed from 5 to 50) no longer
matches and is ignored like a damaged one; the cart is then folded from the messages.

Format 4 carries discounts, tenders and parked carts and is sealed. Older snapshots are ignored,
so such a stream is folded from its messages once and gets format 4 snapshots from then on: format 1
(unsealed, no point of sale), the sealed format 2 without discounts and tenders, the unsealed
format 2 and the sealed format 3 that also carried every past order.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime
from decimal import Decimal
from typing import Any

from cartapp.domain.cart import Cart, CartLine, Discount, OrderDiscount, ParkedCart
from cartapp.domain.money import MoneyError, parse_percent, parse_price
from cartapp.domain.text import MAX_TEXT, check_text
from cartapp.store.mapper import validated_line

__all__ = ["SNAPSHOT_FORMAT", "SnapshotError", "decode_cart", "encode_cart"]

SNAPSHOT_FORMAT = 4
_SEAL = ',"sha256":"'
_KEYS = {
    "f",
    "currency",
    "version",
    "orders",
    "sold",
    "lines",
    "discounts",
    "tenders",
    "parked",
}
_ITEM_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
_CODE = re.compile(r"[A-Z0-9][A-Z0-9_-]{0,31}")
"""A coupon code as ``pos.CouponCode`` allows it."""
_TENDER_METHODS = frozenset({"cash", "card"})
_MAX_APPLIES_TO = 100_000


class SnapshotError(ValueError):
    """A snapshot that cannot be read (unknown format or damaged); callers fall back to a fold."""


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _terms(discount: Discount) -> list[str | None]:
    return [
        None if discount.percent is None else str(discount.percent),
        None if discount.amount is None else str(discount.amount),
    ]


def _line_out(line: CartLine) -> list[object]:
    out: list[object] = [
        line.item_id,
        line.name,
        str(line.unit_price),
        str(line.tax_rate),
        line.quantity,
    ]
    if line.discount is not None:
        out.append(_terms(line.discount))
    return out


def _discount_out(d: OrderDiscount) -> list[object]:
    return [
        *_terms(d.discount),
        d.code,
        str(d.minimum_spend),
        None if d.applies_to is None else sorted(d.applies_to),
    ]


def encode_cart(cart: Cart) -> str:
    """The snapshot of ``cart``, sealed with the SHA-256 of its text (see the module docstring)."""
    body = json.dumps(
        {
            "f": SNAPSHOT_FORMAT,
            "currency": cart.currency,
            "version": cart.version,
            "orders": cart.orders,
            "sold": [[item, qty] for item, qty in cart.sold],
            "lines": [_line_out(ln) for ln in cart.lines],
            "discounts": [_discount_out(d) for d in cart.discounts],
            "tenders": [[method, str(amount)] for method, amount in cart.tenders],
            "parked": [
                [
                    p.number,
                    p.name,
                    p.parked_at.isoformat(),
                    [_line_out(ln) for ln in p.lines],
                    [_discount_out(d) for d in p.discounts],
                ]
                for p in cart.parked
            ],
        },
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return f'{body[:-1]}{_SEAL}{_digest(body)}"}}'


_MAX_COUNT = 2**62
_CURRENCY = re.compile(r"[A-Z]{3}")


def _damaged(why: str) -> SnapshotError:
    return SnapshotError(f"damaged snapshot: {why}")


def _count(value: object, what: str, low: int = 0, high: int = _MAX_COUNT - 1) -> int:
    if type(value) is not int or not low <= value <= high:
        raise _damaged(f"{what} is not a whole number in range")
    return value


def _list(value: object, what: str, length: int | None = None) -> list[Any]:
    if not isinstance(value, list) or (length is not None and len(value) != length):
        shape = "a list" if length is None else f"{length} values"
        raise _damaged(f"{what} is not {shape}")
    return value


def _amount(value: object, what: str) -> Decimal:
    """An amount as ``money.parse_price`` allows it, written as text (never a JSON number)."""
    if not isinstance(value, str):
        raise _damaged(f"{what} is not an amount written as text")
    try:
        return parse_price(value, what)
    except MoneyError as exc:
        raise _damaged(str(exc)) from None


def _item_id(value: object, what: str) -> str:
    if not isinstance(value, str) or not _ITEM_ID.fullmatch(value):
        raise _damaged(f"{what} has a bad product id")
    return value


def _name(value: object, what: str) -> str:
    """A name as ``text.SafeText`` allows it: 1..MAX_TEXT characters, no control characters."""
    if not isinstance(value, str) or not 1 <= len(value) <= MAX_TEXT:
        raise _damaged(f"{what} has a bad name")
    try:
        return check_text(value)
    except ValueError as exc:
        raise _damaged(f"{what}: {exc}") from None


def _discount(raw: object, what: str) -> Discount:
    percent, amount = _list(raw, what, 2)
    if (percent is None) == (amount is None):
        raise _damaged(f"{what} needs either a percent or an amount")
    if percent is not None:
        if not isinstance(percent, str):
            raise _damaged(f"{what} has a percent that is not text")
        try:
            return Discount(percent=parse_percent(percent, f"{what}'s percent"))
        except MoneyError as exc:
            raise _damaged(str(exc)) from None
    return Discount(amount=_amount(amount, f"{what}'s amount"))


def _line(raw: object) -> CartLine:
    if not isinstance(raw, list) or len(raw) not in (5, 6):
        raise _damaged("a line is not five values (six with a discount)")
    item_id, name, price, rate, quantity = raw[:5]
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
    discount = _discount(raw[5], "a line's discount") if len(raw) == 6 else None
    return CartLine(
        line.item_id, line.name, line.unit_price, line.tax_rate, line.quantity, discount
    )


def _order_discount(raw: object) -> OrderDiscount:
    percent, amount, code, minimum, applies = _list(raw, "an order discount", 5)
    if code is not None and (not isinstance(code, str) or not _CODE.fullmatch(code)):
        raise _damaged("an order discount has a bad coupon code")
    if applies is not None:
        ids = _list(applies, "a coupon's products")
        if len(ids) > _MAX_APPLIES_TO:
            raise _damaged("a coupon applies to too many products")
        applies = frozenset(_item_id(x, "a coupon's product") for x in ids)
    return OrderDiscount(
        _discount([percent, amount], "an order discount"),
        code,
        _amount(minimum, "a coupon's minimum spend"),
        applies,
    )


def _tender(raw: object) -> tuple[str, Decimal]:
    method, amount = _list(raw, "a tender", 2)
    if not isinstance(method, str) or method not in _TENDER_METHODS:
        raise _damaged("a tender has an unknown method")
    return method, _amount(amount, "a tender's amount")


_MAX_PARKED_NUMBER = 1_000_000


def _lines(raw: object, what: str) -> tuple[CartLine, ...]:
    lines = tuple(_line(line) for line in _list(raw, what))
    if len({line.item_id for line in lines}) != len(lines):
        raise _damaged(f"a product has two lines in {what}")
    return lines


def _parked(raw: object) -> ParkedCart:
    number, name, when, lines, discounts = _list(raw, "a parked cart", 5)
    if not isinstance(when, str) or len(when) > 40:
        raise _damaged("a parked cart's time is not text")
    try:
        parked_at = datetime.fromisoformat(when)
    except ValueError:
        raise _damaged("a parked cart's time is not a time") from None
    if parked_at.tzinfo is None:
        raise _damaged("a parked cart's time has no offset")
    parked_lines = _lines(lines, "a parked cart")
    if not parked_lines:
        raise _damaged("a parked cart has no lines")
    return ParkedCart(
        _count(number, "a parked cart's number", 1, _MAX_PARKED_NUMBER),
        None if name is None else _name(name, "a parked cart"),
        parked_at,
        parked_lines,
        tuple(_order_discount(d) for d in _list(discounts, "a parked cart's discounts")),
    )


def decode_cart(text: str) -> Cart:
    """The cart of a snapshot, checked as strictly as the messages it folds (types and ranges
    of every field); raises ``SnapshotError`` if it is not one this code wrote."""
    try:
        data: Any = json.loads(text)
        if not isinstance(data, dict) or data.get("f") != SNAPSHOT_FORMAT:
            raise SnapshotError("unknown snapshot format")
        at = text.rfind(_SEAL)
        if at < 0 or text[at + len(_SEAL) : -2] != _digest(text[:at] + "}"):
            raise _damaged("its text does not match its SHA-256 seal")
        del data["sha256"]
        if set(data) != _KEYS:
            raise _damaged(f"it has the keys {sorted(data)}")
        currency = data["currency"]
        if not isinstance(currency, str) or not _CURRENCY.fullmatch(currency):
            raise _damaged("the currency is not a three-letter code")
        lines = _lines(data["lines"], "lines")
        parked = tuple(_parked(p) for p in _list(data["parked"], "parked"))
        if len({p.number for p in parked}) != len(parked):
            raise _damaged("two parked carts have one number")
        sold = []
        for entry in _list(data["sold"], "sold"):
            if not isinstance(entry, list) or len(entry) != 2:
                raise _damaged("a sold entry is not [id, count]")
            sold.append((_item_id(entry[0], "a sold entry"), _count(entry[1], "a sold count", 1)))
        return Cart(
            lines=lines,
            sold=tuple(sold),
            orders=_count(data["orders"], "the order count"),
            version=_count(data["version"], "the version"),
            currency=currency,
            discounts=tuple(_order_discount(d) for d in _list(data["discounts"], "discounts")),
            tenders=tuple(_tender(t) for t in _list(data["tenders"], "tenders")),
            parked=parked,
        )
    except SnapshotError:
        raise
    except (ValueError, TypeError, KeyError, ArithmeticError, RecursionError) as exc:
        raise _damaged(str(exc)[:120]) from None
