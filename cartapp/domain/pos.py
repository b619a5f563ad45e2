"""The point of sale's commands and facts: discounts, coupons, payment and refunds.

Same rules as ``events``: frozen pydantic models with ``extra="forbid"``, types checked at the
boundary, sense decided by ``decide()`` (a ``CommandRejected`` with a reason a person can read).

==================  ======================  =====================================================
command             fact                    what it means
==================  ======================  =====================================================
ApplyDiscount       DiscountApplied         a percent or an amount off one line (``item_id``)
                                            or off the order (no ``item_id``)
ApplyCoupon         CouponApplied           a coupon of the coupon table, valid on ``today``
RemoveDiscount      DiscountRemoved         takes a line's, the order's or a coupon's discount off
TakePayment         PaymentTaken            one tender; the one that covers the total also
                                            checks out (``CheckedOut`` with tenders and change)
CancelPayment       PaymentCancelled        drops the tenders taken; the cart is as it was
RefundItems         ItemsRefunded           returns units of an order; stock comes back
==================  ======================  =====================================================

While a payment is in progress (a tender taken, the sale not complete) the cart is locked:
commands that would change its lines or discounts are rejected until the payment completes or
is cancelled. Money is ``Decimal`` with two places; see ``money`` for the order of discounts and
tax and how each is rounded.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
)

from cartapp.domain.i18n import translate
from cartapp.domain.message import Command, Fact
from cartapp.domain.money import Money, parse_percent, parse_price
from cartapp.domain.text import ItemIdStr, SafeText, check_text

__all__ = [
    "POS_COMMAND_TYPES",
    "POS_FACT_TYPES",
    "Amount",
    "ApplyCoupon",
    "ApplyDiscount",
    "CancelPayment",
    "CouponApplied",
    "CouponCode",
    "DiscountApplied",
    "DiscountRemoved",
    "ItemsRefunded",
    "PaymentCancelled",
    "PaymentTaken",
    "Percent",
    "RefundItems",
    "RefundLine",
    "RefundedLine",
    "RemoveDiscount",
    "TakePayment",
    "Tender",
    "TenderMethod",
]


def _percent(value: object) -> Decimal:
    return parse_percent(value)


def _amount(value: object) -> Decimal:
    return parse_price(value, "amount")


Percent = Annotated[Decimal, BeforeValidator(_percent)]
"""A percentage 0..100 with at most two decimals (text, int or Decimal; never float)."""

Amount = Annotated[Decimal, BeforeValidator(_amount)]
"""An amount of money: the same rules as a price."""

CouponCode = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9_-]{0,31}$")]
"""A coupon code as the coupon table and the facts write it: upper case, at most 32 characters."""

TypedCode = Annotated[
    str, StringConstraints(min_length=1, max_length=40), AfterValidator(check_text)
]
"""A coupon code as typed at the till; ``decide()`` trims it and compares it in upper case."""

TenderMethod = Literal["cash", "card"]

OrderNumber = Annotated[StrictInt, Field(ge=1)]
RefundQuantity = Annotated[StrictInt, Field(ge=1, le=1_000_000)]


def _off(percent: Decimal | None, amount: Decimal | None, currency: str = "EUR") -> str:
    if percent is not None:
        return f"{percent.normalize():f} %"
    return Money(amount or Decimal(0), currency).format()


class Tender(BaseModel):
    """One payment towards an order: cash handed over (may exceed what is due) or a card."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    method: TenderMethod
    amount: Amount


# -- commands ---------------------------------------------------------------------------------


class ApplyDiscount(Command):
    """Take ``percent`` or ``amount`` (exactly one) off the line ``item_id``, or off the order
    when ``item_id`` is None."""

    item_id: ItemIdStr | None = None
    percent: Percent | None = None
    amount: Amount | None = None

    def summary(self, name: str | None = None) -> str:
        off = _off(self.percent, self.amount)
        if not self.item_id:
            return translate("messages", "discount {off} off the order").format(off=off)
        return translate("messages", "discount {off} off {name}").format(
            off=off, name=name or self.item_id
        )


class ApplyCoupon(Command):
    """Redeem the coupon ``code``; validity is checked against ``today``, the till's date."""

    code: TypedCode
    today: date

    def summary(self) -> str:
        return f"apply coupon {self.code}"


class RemoveDiscount(Command):
    """Take a discount off: the coupon ``code``, else the line ``item_id``'s, else the order's."""

    item_id: ItemIdStr | None = None
    code: TypedCode | None = None

    def summary(self, name: str | None = None) -> str:
        what = self.code or (name or self.item_id if self.item_id else None)
        if not what:
            return translate("messages", "remove the discount of the order")
        return translate("messages", "remove the discount of {what}").format(what=what)


class TakePayment(Command):
    """Pay ``amount`` by ``method`` towards the open cart. Cash may be more than what is due
    (the change is given back); a card pays at most what is due."""

    method: TenderMethod
    amount: Amount

    def summary(self) -> str:
        amount = Money(self.amount).format()
        if self.method == "card":
            return translate("messages", "take {amount} by card").format(amount=amount)
        return translate("messages", "take {amount} by cash").format(amount=amount)


class CancelPayment(Command):
    """Drop the tenders taken for the open cart and unlock it."""

    def summary(self) -> str:
        return translate("messages", "cancel the payment")


class RefundLine(BaseModel):
    """``quantity`` units of the product ``item_id`` to take back."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    item_id: ItemIdStr
    quantity: StrictInt


class RefundItems(Command):
    """Take back ``lines`` of order ``order_number`` for ``reason``; the money goes back by
    ``method``."""

    order_number: StrictInt
    lines: Annotated[tuple[RefundLine, ...], Field(max_length=1000)]
    reason: SafeText
    method: TenderMethod

    def summary(self) -> str:
        return translate("messages", "refund order #{number}: {reason}").format(
            number=self.order_number, reason=self.reason
        )


# -- facts ------------------------------------------------------------------------------------


class DiscountApplied(Fact):
    """A discount was put on the line ``item_id`` (named ``name``) or, without one, the order."""

    item_id: ItemIdStr | None = None
    name: SafeText | None = None
    percent: Percent | None = None
    amount: Amount | None = None

    def summary(self) -> str:
        off = _off(self.percent, self.amount)
        if not self.name:
            return translate("messages", "Discount {off} off the order").format(off=off)
        return translate("messages", "Discount {off} off {name}").format(off=off, name=self.name)


class CouponApplied(Fact):
    """The coupon ``code`` was redeemed with the terms it had then. ``applies_to`` holds the ids
    of the catalog's products in its ``categories`` (None: every line), so the cart can be priced
    and replayed without the coupon table or the catalog."""

    code: CouponCode
    percent: Percent | None = None
    amount: Amount | None = None
    minimum_spend: Amount = Decimal("0.00")
    categories: Annotated[tuple[SafeText, ...], Field(max_length=100)] = ()
    applies_to: Annotated[tuple[ItemIdStr, ...], Field(max_length=100_000)] | None = None

    def summary(self) -> str:
        return translate("messages", "Coupon {code}: {off} off").format(
            code=self.code, off=_off(self.percent, self.amount)
        )


class DiscountRemoved(Fact):
    """The discount of the coupon ``code``, the line ``item_id`` or the order came off; its terms
    are repeated so that it can be put back."""

    item_id: ItemIdStr | None = None
    name: SafeText | None = None
    code: CouponCode | None = None
    percent: Percent | None = None
    amount: Amount | None = None

    def summary(self) -> str:
        what = self.code or self.name
        if not what:
            return translate("messages", "Removed the discount of the order")
        return translate("messages", "Removed the discount of {what}").format(what=what)


class PaymentTaken(Fact):
    """A tender was taken; ``due`` is what was still due before it."""

    method: TenderMethod
    amount: Amount
    due: Amount

    def summary(self) -> str:
        amount = Money(self.amount).format()
        if self.method == "card":
            return translate("messages", "Took {amount} by card").format(amount=amount)
        return translate("messages", "Took {amount} by cash").format(amount=amount)


class PaymentCancelled(Fact):
    """The tenders taken for the open cart were dropped; the cart is as it was before them."""

    tenders: tuple[Tender, ...]

    def summary(self) -> str:
        count = len(self.tenders)
        return translate("messages", "Cancelled the payment (%n tender(s))", None, count)


class RefundedLine(BaseModel):
    """Units of one order line taken back and the money they paid back (tax included)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    item_id: ItemIdStr
    name: SafeText
    quantity: RefundQuantity
    amount: Amount


class ItemsRefunded(Fact):
    """Lines of order ``order_number`` came back; ``amount`` went back by ``method``."""

    order_number: OrderNumber
    lines: tuple[RefundedLine, ...]
    reason: SafeText
    method: TenderMethod
    amount: Amount

    def summary(self) -> str:
        return translate("messages", "Refunded {amount} of order #{number}").format(
            amount=Money(self.amount).format(), number=self.order_number
        )


POS_COMMAND_TYPES: tuple[type[Command], ...] = (
    ApplyDiscount,
    ApplyCoupon,
    RemoveDiscount,
    TakePayment,
    CancelPayment,
    RefundItems,
)
POS_FACT_TYPES: tuple[type[Fact], ...] = (
    DiscountApplied,
    CouponApplied,
    DiscountRemoved,
    PaymentTaken,
    PaymentCancelled,
    ItemsRefunded,
)
