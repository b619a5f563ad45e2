"""The coupon table: codes with their terms, validated by pydantic from ``coupons.json``'s bytes.

A coupon takes a percent or an amount (exactly one) off the lines of its ``categories`` (none
listed: every line), once their net reaches ``minimum_spend``, on the days from ``valid_from``
to ``valid_to`` inclusive (either may be left open). Codes are upper case and unique; the till
compares what is typed in upper case. Reading the file is the caller's business: this module
only parses bytes (``load_coupons``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from cartapp.domain import reasons as R
from cartapp.domain.pos import Amount, CouponCode, Percent
from cartapp.domain.reasons import say
from cartapp.domain.text import SafeText

__all__ = ["Coupon", "CouponTable", "load_coupons"]


class Coupon(BaseModel):
    """One coupon's terms."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: CouponCode
    percent: Percent | None = None
    amount: Amount | None = None
    minimum_spend: Amount = Decimal("0.00")
    categories: Annotated[tuple[SafeText, ...], Field(max_length=100)] = ()
    valid_from: date | None = None
    valid_to: date | None = None

    @model_validator(mode="after")
    def _terms(self) -> Coupon:
        if (self.percent is None) == (self.amount is None):
            raise ValueError(f"coupon {self.code} needs either a percent or an amount")
        if not (self.percent or self.amount):
            raise ValueError(f"coupon {self.code} takes nothing off")
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValueError(f"coupon {self.code} ends before it starts")
        return self

    def validity_problem(self, today: date) -> str | None:
        """Why the coupon cannot be used on ``today``, or None."""
        if self.valid_to is not None and today > self.valid_to:
            return say(R.COUPON_EXPIRED, code=self.code, day=self.valid_to.isoformat())
        if self.valid_from is not None and today < self.valid_from:
            return say(R.COUPON_NOT_YET, code=self.code, day=self.valid_from.isoformat())
        return None


class CouponTable(BaseModel):
    """Every coupon the till accepts, with a lookup by code."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    coupons: Annotated[tuple[Coupon, ...], Field(max_length=10_000)] = ()

    @model_validator(mode="after")
    def _unique(self) -> CouponTable:
        seen: set[str] = set()
        for coupon in self.coupons:
            if coupon.code in seen:
                raise ValueError(f"duplicate coupon code {coupon.code!r}")
            seen.add(coupon.code)
        return self

    def get(self, code: str) -> Coupon | None:
        """The coupon of ``code`` (compared trimmed and in upper case), or None."""
        wanted = code.strip().upper()
        for coupon in self.coupons:
            if coupon.code == wanted:
                return coupon
        return None

    def __iter__(self) -> Iterator[Coupon]:  # type: ignore[override]
        return iter(self.coupons)

    def __len__(self) -> int:
        return len(self.coupons)


def load_coupons(data: bytes | str) -> CouponTable:
    """Parse and validate ``coupons.json``; raises ``pydantic.ValidationError`` on bad data."""
    return CouponTable.model_validate_json(data)
