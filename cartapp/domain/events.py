"""Commands (imperative, from the UI) and facts (past tense, from handlers).

Every message is a frozen pydantic model with ``extra="forbid"``. Command fields are validated for
type at the boundary (a bool or a string where an int belongs is a ``ValidationError``); whether a
well-typed command makes sense for the current cart is decided by ``decide()``, which answers with a
``CommandRejected`` fact carrying a reason a person can read.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from cartapp.domain.catalog import Price, TaxRate
from cartapp.domain.handover import HANDOVER_COMMAND_TYPES, HANDOVER_FACT_TYPES
from cartapp.domain.i18n import translate
from cartapp.domain.message import Command, Fact, Message
from cartapp.domain.money import Money
from cartapp.domain.parking import (
    PARKING_COMMAND_TYPES,
    PARKING_FACT_TYPES,
    ParkedDiscount,
    ParkedLine,
)
from cartapp.domain.pos import POS_COMMAND_TYPES, POS_FACT_TYPES, RefundedLine, RefundLine, Tender
from cartapp.domain.reasons import reason_text
from cartapp.domain.text import ItemIdStr, SafeText

__all__ = [
    "COMMAND_TYPES",
    "FACT_TYPES",
    "MAX_SENT_QUANTITY",
    "MESSAGE_TYPES",
    "AddItem",
    "CartCleared",
    "CheckedOut",
    "Checkout",
    "ClearCart",
    "Command",
    "CommandRejected",
    "Fact",
    "HandlerFailed",
    "ItemAdded",
    "ItemRemoved",
    "ItemUpdated",
    "LineSnapshot",
    "Message",
    "RemoveItem",
    "UpdateItem",
    "prepare_validators",
]

MAX_SENT_QUANTITY = 10**12 - 1
"""The largest magnitude a command's quantity may have: anything larger is refused when the
command is built (a ``ValidationError``), so no stored command carries a number that cannot be
read back (Python refuses to parse ints of over 4,300 digits)."""

Quantity = Annotated[StrictInt, Field(ge=-MAX_SENT_QUANTITY, le=MAX_SENT_QUANTITY)]
"""A quantity as sent: an int (never a bool, str or float) of at most 12 digits; decide()
checks that it makes sense (1..99 per line) and answers a readable rejection if not."""

PositiveQuantity = Annotated[StrictInt, Field(ge=1, le=1_000_000)]


# -- commands ---------------------------------------------------------------------------------


class AddItem(Command):
    """Put ``quantity`` more of a product into the cart."""

    item_id: ItemIdStr
    quantity: Quantity

    def summary(self, name: str | None = None) -> str:
        """``name``: the product's name when the caller knows it (a fact says it; a command
        carries only the id)."""
        return translate("messages", "add {quantity} x {name}").format(
            quantity=self.quantity, name=name or self.item_id
        )


class RemoveItem(Command):
    """Take ``quantity`` of a product out of the cart (the whole line when it reaches 0)."""

    item_id: ItemIdStr
    quantity: Quantity

    def summary(self, name: str | None = None) -> str:
        return translate("messages", "remove {quantity} x {name}").format(
            quantity=self.quantity, name=name or self.item_id
        )


class UpdateItem(Command):
    """Set the quantity of a cart line."""

    item_id: ItemIdStr
    quantity: Quantity

    def summary(self, name: str | None = None) -> str:
        return translate("messages", "set {name} to {quantity}").format(
            name=name or self.item_id, quantity=self.quantity
        )


class ClearCart(Command):
    """Empty the cart."""

    def summary(self) -> str:
        return translate("messages", "clear the cart")


class Checkout(Command):
    """Close the cart into an order."""

    def summary(self) -> str:
        return translate("messages", "check out")


# -- facts ------------------------------------------------------------------------------------


class LineSnapshot(BaseModel):
    """A cart line as it was, carried by facts that close or empty the cart."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    item_id: ItemIdStr
    name: SafeText
    unit_price: Price
    tax_rate: TaxRate
    quantity: PositiveQuantity


class ItemAdded(Fact):
    """``quantity`` of a product went into the cart at ``unit_price``."""

    item_id: ItemIdStr
    name: SafeText
    unit_price: Price
    tax_rate: TaxRate
    quantity: PositiveQuantity

    def summary(self) -> str:
        return translate("messages", "Added {quantity} x {name}").format(
            quantity=self.quantity, name=self.name
        )


class ItemRemoved(Fact):
    """``quantity`` of a product left the cart."""

    item_id: ItemIdStr
    name: SafeText
    quantity: PositiveQuantity

    def summary(self) -> str:
        return translate("messages", "Removed {quantity} x {name}").format(
            quantity=self.quantity, name=self.name
        )


class ItemUpdated(Fact):
    """A cart line's quantity changed from ``previous_quantity`` to ``quantity``."""

    item_id: ItemIdStr
    name: SafeText
    quantity: PositiveQuantity
    previous_quantity: PositiveQuantity

    def summary(self) -> str:
        return translate("messages", "Changed {name} from {previous} to {quantity}").format(
            name=self.name, previous=self.previous_quantity, quantity=self.quantity
        )


class CartCleared(Fact):
    """The cart was emptied; ``lines`` is what it held."""

    lines: tuple[LineSnapshot, ...]

    def summary(self) -> str:
        count = sum(line.quantity for line in self.lines)
        if count == 1:
            return translate("messages", "Cleared the cart (%n item)", None, count)
        return translate("messages", "Cleared the cart (%n items)", None, count)


class CheckedOut(Fact):
    """The cart was closed into order number ``order_number``."""

    order_number: Annotated[StrictInt, Field(ge=1)]
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    lines: tuple[LineSnapshot, ...]
    subtotal: Price
    tax: Price
    total: Price
    discount: Price = Decimal("0.00")
    """Every discount of the order; ``total = subtotal - discount + tax``."""
    line_discounts: tuple[Price, ...] = ()
    """Each line's share of ``discount``, in the order of ``lines`` (empty: no discount)."""
    tenders: tuple[Tender, ...] = ()
    """How the order was paid (empty: checked out without the payment step)."""
    change: Price = Decimal("0.00")
    """Cash given back: what the tenders paid beyond the total."""

    def summary(self) -> str:
        return translate("messages", "Checked out order #{number}: {total}").format(
            number=self.order_number, total=Money(self.total, self.currency).format()
        )


class CommandRejected(Fact):
    """A command was refused; nothing changed."""

    command: Annotated[str, Field(max_length=64)]
    reason: SafeText

    def summary(self) -> str:
        return translate("messages", "Rejected: {reason}").format(reason=self.reason_text())

    def reason_text(self) -> str:
        """The reason in the language shown (``reasons.reason_text``); ``reason`` stays as
        stored, in English."""
        return reason_text(self.reason)


class HandlerFailed(Fact):
    """A handler raised while handling a message; the other handlers still ran."""

    handler: Annotated[str, Field(max_length=200)]
    message_type: Annotated[str, Field(max_length=64)]
    error_type: Annotated[str, Field(max_length=200)]
    error: Annotated[str, Field(max_length=2000)]

    def summary(self) -> str:
        return translate("messages", "{handler} failed on {message}: {error_type}: {error}").format(
            handler=self.handler,
            message=self.message_type,
            error_type=self.error_type,
            error=self.error,
        )


COMMAND_TYPES: tuple[type[Command], ...] = (
    AddItem,
    RemoveItem,
    UpdateItem,
    ClearCart,
    Checkout,
    *POS_COMMAND_TYPES,
    *PARKING_COMMAND_TYPES,
    *HANDOVER_COMMAND_TYPES,
)
FACT_TYPES: tuple[type[Fact], ...] = (
    ItemAdded,
    ItemRemoved,
    ItemUpdated,
    CartCleared,
    CheckedOut,
    CommandRejected,
    HandlerFailed,
    *POS_FACT_TYPES,
    *PARKING_FACT_TYPES,
    *HANDOVER_FACT_TYPES,
)
MESSAGE_TYPES: dict[str, type[Message]] = {t.__name__: t for t in COMMAND_TYPES + FACT_TYPES}
"""Every message type by name: the registry the mapper and importers use."""


def prepare_validators() -> None:
    """Build the deferred pydantic validators of every message type now.

    Messages use ``defer_build`` so that start-up does not pay for them; the app calls this once
    the window is on screen, so the first click does not pay either.
    """
    models: tuple[type[BaseModel], ...] = (
        Tender,
        RefundLine,
        RefundedLine,
        ParkedLine,
        ParkedDiscount,
        LineSnapshot,
        *MESSAGE_TYPES.values(),
    )
    for message_type in models:
        if not message_type.__pydantic_complete__:
            message_type.model_rebuild()
