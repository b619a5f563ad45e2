"""``JetStreamLog``: a cart's messages on the shop's broker (the event-log port on NATS).

A cart ``C`` written by till ``T`` lives on ``shop.cart.T.C``; the cart's *version* is the number
of its messages, whichever till wrote them (``shop.cart.*.C``). ``append`` publishes a step's
envelopes as one JetStream atomic batch (nats-server 2.12+, ``allow_atomic``): all of them are
stored or none. The batch's first message carries ``Nats-Expected-Last-Subject-Sequence`` for
``shop.cart.*.C``, so it is stored only if the cart is still at the version the caller decided
against; otherwise ``ConcurrencyError``, exactly as the embedded store raises it. Each message
carries its envelope in the store's wire format and ``Nats-Msg-Id`` (the envelope id), so a retried
append is not stored twice.

What is read back is untrusted: ``read`` validates every message with the store's mapper and
refuses one that is not a valid envelope, or that is out of the cart's order, with
``ShopMessageError``. Which till wrote a message is what its subject says: the server's
permissions (``cartapp.shop.security``) let a till publish only under its own name.
"""

from __future__ import annotations

import contextlib
import json
from typing import TYPE_CHECKING, NamedTuple

from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from nats.js.errors import NotFoundError

from cartapp.shop.subjects import STREAM, ShopSubjects, till_of
from cartapp.store.errors import ConcurrencyError, StoreError
from cartapp.store.mapper import MappingError, envelope_to_json, record_from_json

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cartapp.bus.envelope import Envelope
    from cartapp.shop.link import ShopLink

__all__ = ["JetStreamLog", "ShopMessageError", "StoredShopMessage"]

VERSION_HEADER = "Cartapp-Version"
READ_BATCH = 512
WRONG_LAST_SEQUENCE = 10071


class ShopMessageError(StoreError):
    """A message on a shop subject that is not a valid envelope from the till its subject names."""

    def __init__(self, subject: str, seq: int, reason: str) -> None:
        super().__init__(f"message {seq} on {subject} refused: {reason}")
        self.subject, self.seq, self.reason = subject, seq, reason


class StoredShopMessage(NamedTuple):
    version: int
    till: str
    seq: int
    envelope: Envelope


class JetStreamLog:
    """Appends and reads carts on the shop's stream for the till of ``link``."""

    def __init__(self, link: ShopLink) -> None:
        self.link = link
        self.subjects = ShopSubjects(link.till)
        self._positions: dict[str, tuple[int, int]] = {}
        """cart -> (version, stream sequence of that version's message), as last seen."""

    async def version(self, cart: str) -> int:
        """The cart's version now (0 for a cart nobody wrote yet)."""
        return (await self._position(cart))[0]

    async def _position(self, cart: str) -> tuple[int, int]:
        try:
            last = await self.link.js.get_last_msg(STREAM, ShopSubjects.cart_any(cart))
        except NotFoundError:
            return 0, 0
        assert last.seq is not None
        headers = last.headers or {}
        try:
            version = int(headers.get(VERSION_HEADER, ""))
        except ValueError:
            raise ShopMessageError(
                last.subject or "?", last.seq, f"no valid {VERSION_HEADER} header"
            ) from None
        self._positions[cart] = (version, last.seq)
        return version, last.seq

    async def append(self, envelopes: Sequence[Envelope], cart: str, expected: int) -> int:
        """Store ``envelopes`` as the cart's next messages if it is at version ``expected``."""
        if not envelopes:
            return expected
        known = self._positions.get(cart)
        if known is None or known[0] != expected:
            known = await self._position(cart)
        version, seq = known
        if version != expected:
            raise ConcurrencyError(cart, expected, version)
        subject = self.subjects.cart(cart)
        batch = f"{self.link.till}-{envelopes[0].event_id}"
        nc = self.link.nc
        reply: dict[str, object] = {}
        for n, env in enumerate(envelopes, 1):
            headers = {
                "Nats-Batch-Id": batch,
                "Nats-Batch-Sequence": str(n),
                "Nats-Msg-Id": env.event_id,
                VERSION_HEADER: str(expected + n),
            }
            if n == 1:
                headers["Nats-Expected-Last-Subject-Sequence"] = str(seq)
                headers["Nats-Expected-Last-Subject-Sequence-Subject"] = ShopSubjects.cart_any(cart)
            body = envelope_to_json(env, version=expected + n).encode()
            if n < len(envelopes):
                await nc.publish(subject, body, headers=headers)
                continue
            headers["Nats-Batch-Commit"] = "1"
            answer = await nc.request(subject, body, headers=headers, timeout=5)
            reply = json.loads(answer.data)
        error = reply.get("error")
        if isinstance(error, dict):
            if error.get("err_code") == WRONG_LAST_SEQUENCE:
                self._positions.pop(cart, None)
                raise ConcurrencyError(cart, expected, (await self._position(cart))[0])
            raise StoreError(f"the shop refused the append: {error.get('description')}")
        new_seq = reply.get("seq")
        if not isinstance(new_seq, int):
            raise StoreError(f"the shop answered the append with {reply!r}")
        self._positions[cart] = (expected + len(envelopes), new_seq)
        return expected + len(envelopes)

    async def read(self, cart: str, after: int = 0) -> list[StoredShopMessage]:
        """The cart's messages after version ``after``, validated, in order.

        Read with an ephemeral pull consumer in batches (one request per ``READ_BATCH``
        messages, not one per message), so catching up after many missed messages is quick."""
        version, _ = await self._position(cart)
        if version <= after:
            return []
        config = ConsumerConfig(
            filter_subject=ShopSubjects.cart_any(cart),
            deliver_policy=DeliverPolicy.ALL,
            ack_policy=AckPolicy.NONE,
            inactive_threshold=30.0,
        )
        sub = await self.link.js.pull_subscribe(
            ShopSubjects.cart_any(cart), stream=STREAM, config=config
        )
        out: list[StoredShopMessage] = []
        seen = 0
        try:
            while seen < version:
                try:
                    # never ask for more than is there: the server would hold the request
                    batch = await sub.fetch(min(READ_BATCH, version - seen), timeout=5)
                except TimeoutError:
                    break
                for msg in batch:
                    seen += 1
                    stored = self._checked(msg.subject, msg.metadata.sequence.stream, msg.data)
                    if stored.version != seen:
                        raise ShopMessageError(
                            msg.subject, stored.seq, f"version {stored.version} out of order"
                        )
                    if stored.version > after:
                        out.append(stored)
        finally:
            with contextlib.suppress(Exception):
                await sub.unsubscribe()
        return out

    @staticmethod
    def _checked(subject: str, seq: int, data: bytes) -> StoredShopMessage:
        try:
            envelope, version = record_from_json(data or b"")
        except MappingError as exc:
            raise ShopMessageError(subject, seq, str(exc)) from None
        till = till_of(subject)
        if till is None or version is None:
            raise ShopMessageError(subject, seq, "not a cart message with a version")
        return StoredShopMessage(version, till, seq, envelope)
