"""Parking: the till serves the next customer while one fetches something.

``ParkCart`` (an optional name) puts the open cart aside as ``CartParked``: its lines with their
discounts and its order discounts and coupons, numbered, with the time it was parked (given by
the till, as ``ApplyCoupon`` is given the date, so ``decide()`` stays pure). ``ResumeCart``
brings parked cart ``number`` back as the open cart (``CartResumed``); the open cart must be
empty then (park it first). A parked cart's products stay held: ``decider.available`` counts
them as taken, so nobody else can sell them meanwhile. Parked carts are part of the cart's
state, so they are in its snapshot and survive a restart.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictInt

from cartapp.domain.catalog import Price, TaxRate
from cartapp.domain.i18n import translate
from cartapp.domain.message import Command, Fact
from cartapp.domain.pos import Amount, CouponCode, Percent
from cartapp.domain.text import ItemIdStr, SafeText

__all__ = [
    "MAX_PARKED",
    "PARKING_COMMAND_TYPES",
    "PARKING_FACT_TYPES",
    "CartParked",
    "CartResumed",
    "ParkCart",
    "ParkedDiscount",
    "ParkedLine",
    "ResumeCart",
]

MAX_PARKED = 20
"""The most carts that can be parked at once."""

ParkNumber = Annotated[StrictInt, Field(ge=1, le=1_000_000)]


class ParkedLine(BaseModel):
    """A line of a parked cart, with its own discount (percent or amount) if it had one."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    item_id: ItemIdStr
    name: SafeText
    unit_price: Price
    tax_rate: TaxRate
    quantity: Annotated[StrictInt, Field(ge=1, le=1_000_000)]
    percent: Percent | None = None
    amount: Amount | None = None


class ParkedDiscount(BaseModel):
    """An order discount (``code`` None) or coupon of a parked cart, with its terms."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    percent: Percent | None = None
    amount: Amount | None = None
    code: CouponCode | None = None
    minimum_spend: Amount = Decimal("0.00")
    applies_to: Annotated[tuple[ItemIdStr, ...], Field(max_length=100_000)] | None = None


class ParkCart(Command):
    """Put the open cart aside under ``name`` (optional); ``parked_at`` is the till's clock.
    ``number`` asks for the number it gets (undo and redo ask for the one it had before);
    None takes the next one, after the highest parked."""

    name: SafeText | None = None
    parked_at: AwareDatetime
    number: ParkNumber | None = None

    def summary(self) -> str:
        if self.name:
            return translate("messages", "park the cart as {name}").format(name=self.name)
        return translate("messages", "park the cart")


class ResumeCart(Command):
    """Bring parked cart ``number`` back as the open cart."""

    number: StrictInt

    def summary(self) -> str:
        return translate("messages", "resume parked cart #{number}").format(number=self.number)


class CartParked(Fact):
    """The open cart was parked as number ``number``; it is empty now."""

    number: ParkNumber
    name: SafeText | None = None
    parked_at: AwareDatetime
    lines: Annotated[tuple[ParkedLine, ...], Field(min_length=1, max_length=10_000)]
    discounts: Annotated[tuple[ParkedDiscount, ...], Field(max_length=100)] = ()

    def summary(self) -> str:
        count = sum(line.quantity for line in self.lines)
        if self.name:
            text = translate("messages", "Parked cart #{number} ({name}): %n items", None, count)
        else:
            text = translate("messages", "Parked cart #{number}: %n items", None, count)
        return text.format(number=self.number, name=self.name)


class CartResumed(Fact):
    """Parked cart ``number`` is the open cart again; ``parked_at`` is when it was parked (so
    that undoing the resume parks it as it was)."""

    number: ParkNumber
    name: SafeText | None = None
    parked_at: AwareDatetime | None = None

    def summary(self) -> str:
        if self.name:
            text = translate("messages", "Resumed parked cart #{number} ({name})")
        else:
            text = translate("messages", "Resumed parked cart #{number}")
        return text.format(number=self.number, name=self.name)


PARKING_COMMAND_TYPES: tuple[type[Command], ...] = (ParkCart, ResumeCart)
PARKING_FACT_TYPES: tuple[type[Fact], ...] = (CartParked, CartResumed)
