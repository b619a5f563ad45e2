"""Carts between tills: a parked cart resumed at another till of the shop.

A till that parks a cart shares it with the shop (``cartapp.shop.parked``); every other till
lists it. ``TakeParkedCart`` asks to bring such a cart, parked at till ``from_till``, into this
till's open cart: it carries the parked cart as the shop holds it (``shared`` names its shop
stream), so ``decide()`` stays pure. ``ParkedCartTaken`` makes its lines and discounts the open
cart's; the open cart must be empty (as for ``ResumeCart``). Before the fact is stored the shop
writes the claim at the parked cart's expected version, so when two tills take one cart at
once exactly one of them gets it and the other's command is rejected with the reason.

The till that parked it hears of the claim and decides ``HandOverParkedCart`` ->
``ParkedCartHandedOver``: the parked cart leaves its list. Neither fact moves stock: the shop's
ledger counts units, not owners, so the units stay held shop-wide through the hand-over.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AwareDatetime, Field, StrictInt

from cartapp.domain.i18n import translate
from cartapp.domain.message import Command, Fact
from cartapp.domain.parking import ParkedDiscount, ParkedLine
from cartapp.domain.text import SafeText

__all__ = [
    "HANDOVER_COMMAND_TYPES",
    "HANDOVER_FACT_TYPES",
    "HandOverParkedCart",
    "ParkedCartHandedOver",
    "ParkedCartTaken",
    "TakeParkedCart",
]

ParkNumber = Annotated[StrictInt, Field(ge=1, le=1_000_000)]
TillName = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,31}$")]
SharedId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")]


class TakeParkedCart(Command):
    """Resume here the cart ``from_till`` parked as ``number`` (the shop's stream ``shared``)."""

    shared: SharedId
    from_till: TillName
    number: ParkNumber
    name: SafeText | None = None
    parked_at: AwareDatetime
    lines: Annotated[tuple[ParkedLine, ...], Field(min_length=1, max_length=10_000)]
    discounts: Annotated[tuple[ParkedDiscount, ...], Field(max_length=100)] = ()

    def summary(self) -> str:
        return translate("messages", "resume parked cart #{number} of till {till}").format(
            number=self.number, till=self.from_till
        )


class ParkedCartTaken(Fact):
    """The cart ``from_till`` parked as ``number`` is this till's open cart now."""

    shared: SharedId
    from_till: TillName
    number: ParkNumber
    name: SafeText | None = None
    parked_at: AwareDatetime
    lines: Annotated[tuple[ParkedLine, ...], Field(min_length=1, max_length=10_000)]
    discounts: Annotated[tuple[ParkedDiscount, ...], Field(max_length=100)] = ()

    def summary(self) -> str:
        count = sum(line.quantity for line in self.lines)
        text = translate(
            "messages", "Resumed parked cart #{number} of till {till}: %n items", None, count
        )
        return text.format(number=self.number, till=self.from_till)


class HandOverParkedCart(Command):
    """Parked cart ``number`` (parked at ``parked_at``) was resumed at till ``to_till``."""

    number: ParkNumber
    parked_at: AwareDatetime
    to_till: TillName

    def summary(self) -> str:
        return translate("messages", "hand parked cart #{number} over to till {till}").format(
            number=self.number, till=self.to_till
        )


class ParkedCartHandedOver(Fact):
    """Parked cart ``number`` left this till: till ``to_till`` resumed it."""

    number: ParkNumber
    name: SafeText | None = None
    to_till: TillName

    def summary(self) -> str:
        return translate("messages", "Parked cart #{number} was resumed at till {till}").format(
            number=self.number, till=self.to_till
        )


HANDOVER_COMMAND_TYPES: tuple[type[Command], ...] = (TakeParkedCart, HandOverParkedCart)
HANDOVER_FACT_TYPES: tuple[type[Fact], ...] = (ParkedCartTaken, ParkedCartHandedOver)
