"""Money: a ``Decimal`` amount with a currency, always exactly two decimal places.

Rounding rule (one rule, everywhere): amounts are rounded to the cent with ROUND_HALF_UP
("commercial rounding": 0.005 -> 0.01, 0.015 -> 0.02, -0.005 -> -0.01). Floats are never accepted
as amounts.

How a cart is priced (``Cart.priced()``), step by step, each step on the result of the one before:

1. Line gross: unit price x quantity (exact: prices have two decimals).
2. Line discount (``ApplyDiscount`` with an ``item_id``): a percent of the line gross, rounded
   half up per line; or an amount off the whole line, never more than the line gross (an amount
   that became larger because the quantity went down counts as the line gross).
3. Order discounts (``ApplyDiscount`` without an ``item_id``, and coupons), in the order they
   were applied. Each one's base is the net, after the steps before, of the lines it applies to
   (every line, or a coupon's categories). Its amount is a percent of that base, rounded half up
   once, or an amount, never more than the base; a coupon whose minimum spend the base does not
   reach (any more) gives nothing. The amount is spread over those lines in proportion to their
   net by the largest-remainder method in whole cents (ties go to the earlier line), so the
   parts add up exactly to the whole and no line goes below zero.
4. Tax per line, on the line's net after every discount, rounded half up per line.

The cart's ``subtotal`` is the sum of the line grosses, ``discount`` the sum of every discount,
``tax`` the sum of the rounded line taxes, and ``total = subtotal - discount + tax``.

A refund of ``k`` more units of an order line that sold ``q`` units for ``t`` (tax included,
after every discount), ``r`` units being refunded already, pays back
``round(t x (r + k) / q) - round(t x r / q)``, both rounded half up: the refunds of a line
always add up to exactly ``t`` once every unit is back, however they were split.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = [
    "CENT",
    "Money",
    "MoneyError",
    "parse_percent",
    "parse_price",
    "parse_rate",
    "round_cents",
]

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("1000000")


class MoneyError(ValueError):
    """An amount that is not a valid price: NaN, infinite, negative, too precise or a float."""


def round_cents(value: Decimal) -> Decimal:
    """Round ``value`` to the cent, half up (see the module docstring)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _to_decimal(value: object, what: str) -> Decimal:
    if isinstance(value, bool) or isinstance(value, float):
        raise MoneyError(f"{what} must be given as text or Decimal, not {type(value).__name__}")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        if len(value) > 32:
            raise MoneyError(f"{what} is too long to be an amount")
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            raise MoneyError(f"{what} {value!r} is not a number") from None
    if isinstance(value, Decimal):
        return value
    raise MoneyError(f"{what} must be a decimal amount, not {type(value).__name__}")


def parse_price(value: object, what: str = "price") -> Decimal:
    """Validate a price: finite, 0 <= price < 1,000,000 and at most two decimal places."""
    amount = _to_decimal(value, what)
    if not amount.is_finite():
        raise MoneyError(f"{what} must be a finite number")
    if amount < 0:
        raise MoneyError(f"{what} cannot be negative")
    if amount >= MAX_AMOUNT:
        raise MoneyError(f"{what} must be below {MAX_AMOUNT}")
    if amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise MoneyError(f"{what} {amount} has more than two decimal places")
    price = amount.quantize(CENT)
    return price if price else abs(price)  # "-0" is 0.00, not "-0.00" on a price tag


def parse_rate(value: object, what: str = "tax rate") -> Decimal:
    """Validate a tax rate: finite, 0 <= rate <= 1, at most four decimal places."""
    rate = _to_decimal(value, what)
    if not rate.is_finite() or rate < 0 or rate > 1:
        raise MoneyError(f"{what} must be between 0 and 1")
    if rate != rate.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP):
        raise MoneyError(f"{what} {rate} has more than four decimal places")
    return rate


def parse_percent(value: object, what: str = "percent") -> Decimal:
    """Validate a percentage: finite, 0 <= percent <= 100, at most two decimal places."""
    percent = _to_decimal(value, what)
    if not percent.is_finite() or percent < 0 or percent > 100:
        raise MoneyError(f"{what} must be between 0 and 100")
    if percent != percent.quantize(CENT, rounding=ROUND_HALF_UP):
        raise MoneyError(f"{what} {percent} has more than two decimal places")
    return percent.quantize(CENT)


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of one currency, held exactly to the cent."""

    amount: Decimal
    currency: str = "EUR"

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal) or not self.amount.is_finite():
            raise MoneyError("Money needs a finite Decimal amount")
        if len(self.currency) != 3 or not self.currency.isalpha() or not self.currency.isupper():
            raise MoneyError(f"currency {self.currency!r} is not a three-letter ISO code")
        object.__setattr__(self, "amount", round_cents(self.amount))

    @classmethod
    def zero(cls, currency: str = "EUR") -> Money:
        return cls(Decimal("0.00"), currency)

    def _check(self, other: Money) -> None:
        if self.currency != other.currency:
            raise MoneyError(f"cannot combine {self.currency} and {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._check(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._check(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: int | Decimal) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, int | Decimal):
            raise MoneyError("Money can only be multiplied by an int or a Decimal")
        return Money(self.amount * factor, self.currency)

    __rmul__ = __mul__

    def __str__(self) -> str:
        return f"{self.amount:,.2f} {self.currency}"

    def format(self) -> str:
        """Human-readable form with a currency symbol where one is well known."""
        symbol = {"EUR": "\u20ac", "USD": "$", "GBP": "\u00a3"}.get(self.currency)
        sign = "-" if self.amount < 0 else ""
        text = f"{abs(self.amount):,.2f}"
        return f"{sign}{symbol}{text}" if symbol else f"{sign}{text} {self.currency}"
