"""``ShopStock``: one stock for every till, reserved through the broker's optimistic concurrency.

A product's stock is the ledger ``shop.stock.<SKU>.*`` (one subject per till, see ``subjects``).
Each message is a ``StockChange``: which till, how many units taken (negative) or given back
(positive), and how many are ``left`` after it. To reserve, a till reads the newest message of the
product, checks that enough is left, and publishes its change with
``Nats-Expected-Last-Subject-Sequence`` (against the product's wildcard) set to the sequence it
read.
The server stores it only if no till wrote to that product in between; otherwise the till reads
again and decides again. Two tills can therefore never both sell the last unit: the loser gets a
``Refused`` that says who took it.

A retried publish carries the same ``Nats-Msg-Id`` (the command's id and the product), so a
publish that reached the server before a disconnect, but whose acknowledgement was lost, is not
stored twice.

Messages are untrusted input: a message that is not a valid ``StockChange``, or whose subject
names another till or product than its body (a forged till), is refused, logged and counted in
``refused``, and changes no level.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Annotated, NamedTuple

from nats.js.errors import APIError, NotFoundError
from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError

from cartapp.shop.subjects import STREAM, ShopSubjects, till_of

if TYPE_CHECKING:
    from collections.abc import Mapping

    from cartapp.shop.link import ShopLink

__all__ = ["MAX_CONTENTION", "Refused", "Reserved", "ShopStock", "StockChange"]

log = logging.getLogger(__name__)

WRONG_LAST_SEQUENCE = 10071
"""JetStream's error code: the expected last subject sequence did not match."""

MAX_CONTENTION = 10_000
"""Reads-and-retries of one reservation before it gives up (each retry means another till won)."""


class StockChange(BaseModel):
    """One message of a product's stock ledger."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    till: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,31}$")]
    sku: Annotated[str, Field(pattern=r"^[A-Z0-9][A-Z0-9-]{0,31}$")]
    change: Annotated[StrictInt, Field(ge=-1_000_000, le=1_000_000)]
    left: Annotated[StrictInt, Field(ge=0, le=1_000_000)]
    cause: Annotated[str, Field(min_length=1, max_length=128)]


class Reserved(NamedTuple):
    sku: str
    quantity: int
    left: int
    seq: int
    duplicate: bool


class Refused(NamedTuple):
    sku: str
    wanted: int
    left: int
    last_till: str | None
    """The till that wrote the product's newest change (who took the last units), if any."""


def parse_change(subject: str, data: bytes) -> StockChange:
    """The change a stored message holds; ``ValueError`` if it is not a valid one from the till and
    product its subject names."""
    try:
        change = StockChange.model_validate_json(data)
    except ValidationError as exc:
        raise ValueError(f"not a stock change: {exc.errors()[0]['msg']}") from None
    parts = subject.split(".")
    if till_of(subject) != change.till or len(parts) != 4 or parts[2] != change.sku:
        raise ValueError(f"{subject} carries a change of {change.sku} by till {change.till}")
    return change


class ShopStock:
    """The shop's stock as one till sees and takes it; ``initial`` is each SKU's opening stock."""

    def __init__(self, link: ShopLink, initial: Mapping[str, int]) -> None:
        self.link = link
        self.subjects = ShopSubjects(link.till)
        self.initial = dict(initial)
        self.refused = 0
        """Invalid or forged messages met while reading the ledger."""
        self.conflicts = 0
        """Publishes the server refused because another till changed the product first."""
        self._known: dict[str, tuple[int, StockChange]] = {}
        """sku -> (sequence, change) of the newest change this till knows of: a reservation
        first tries against it (one round trip instead of two) and reads again only if the
        server says another till came in between."""

    def observe(self, seq: int, change: StockChange) -> None:
        """A change seen on the ledger (the session's subscription): keep it if it is newer."""
        known = self._known.get(change.sku)
        if known is None or known[0] < seq:
            self._known[change.sku] = (seq, change)

    async def _last(self, sku: str) -> tuple[int, StockChange | None]:
        """The sequence of the product's newest message (0: none) and its newest valid change."""
        try:
            message = await self.link.js.get_last_msg(STREAM, ShopSubjects.stock_any(sku))
        except NotFoundError:
            return 0, None
        assert message.seq is not None and message.subject is not None
        try:
            return message.seq, parse_change(message.subject, message.data or b"")
        except ValueError as exc:
            self._refuse(message.subject, exc)
        return message.seq, await self._last_valid(sku, message.seq)

    async def _last_valid(self, sku: str, before: int) -> StockChange | None:
        """Walk back from ``before`` to the newest valid change (rare: only after bad input)."""
        newest: StockChange | None = None
        seq = 0
        while True:
            try:
                message = await self.link.js.get_msg(
                    STREAM, seq=seq + 1, subject=ShopSubjects.stock_any(sku), next=True
                )
            except NotFoundError:
                return newest
            assert message.seq is not None and message.subject is not None
            if message.seq >= before:
                return newest
            seq = message.seq
            try:
                newest = parse_change(message.subject, message.data or b"")
            except ValueError as exc:
                self._refuse(message.subject, exc)

    def _refuse(self, subject: str, exc: Exception) -> None:
        self.refused += 1
        log.warning("refused a message on %s: %s", subject, exc)

    async def level(self, sku: str) -> int:
        """Units of ``sku`` left in the shop now."""
        _, change = await self._last(sku)
        return self.initial.get(sku, 0) if change is None else change.left

    async def reserve(self, sku: str, quantity: int, cause: str) -> Reserved | Refused:
        """Take ``quantity`` units for the till, or refuse if fewer are left."""
        if quantity < 1:
            raise ValueError("a reservation takes at least one unit")
        return await self._change(sku, -quantity, cause)

    async def release(self, sku: str, quantity: int, cause: str) -> Reserved | Refused:
        """Give ``quantity`` units back (a removed line, a cleared cart, a refund)."""
        if quantity < 1:
            raise ValueError("a release gives back at least one unit")
        return await self._change(sku, quantity, cause)

    async def _change(self, sku: str, change: int, cause: str) -> Reserved | Refused:
        msg_id = f"{cause}:{sku}"
        for attempt in range(MAX_CONTENTION):
            known = self._known.get(sku) if attempt == 0 else None
            seq, last = known if known is not None else await self._last(sku)
            left = self.initial.get(sku, 0) if last is None else last.left
            if left + change < 0:
                return Refused(sku, -change, left, None if last is None else last.till)
            body = StockChange(
                till=self.link.till, sku=sku, change=change, left=left + change, cause=cause
            )
            headers = {
                "Nats-Msg-Id": msg_id,
                "Nats-Expected-Last-Subject-Sequence": str(seq),
                "Nats-Expected-Last-Subject-Sequence-Subject": ShopSubjects.stock_any(sku),
            }
            try:
                ack = await self.link.js.publish(
                    self.subjects.stock(sku), body.model_dump_json().encode(), headers=headers
                )
            except APIError as exc:
                if exc.err_code == WRONG_LAST_SEQUENCE:
                    self.conflicts += 1
                    await asyncio.sleep(0)
                    continue  # another till changed this product: read again, decide again
                raise
            if ack.duplicate:
                return await self._stored(sku, ack.seq, change)
            self.observe(ack.seq, body)
            return Reserved(sku, abs(change), body.left, ack.seq, False)
        raise TimeoutError(f"{sku}: the stock changed {MAX_CONTENTION} times while reserving")

    async def _stored(self, sku: str, seq: int, change: int) -> Reserved:
        """The reservation a retried publish had already stored at ``seq``."""
        message = await self.link.js.get_msg(STREAM, seq=seq)
        stored = parse_change(message.subject or "", message.data or b"")
        return Reserved(sku, abs(change), stored.left, seq, True)
