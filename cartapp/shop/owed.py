"""``OwedEventLog``: the till's own event log, with every stored step also owed to the shop.

An adapter of the event-log port (``cartapp.store.port.EventLog``) around the till's embedded
store: ``append`` stores in SQLite first (the till's durable record: a sale is kept whether or
not the shop can be reached) and, once that transaction committed, hands the same envelopes and
the new version to ``ShopSession.publish``, which sends them to the shop's stream in the
background, in order, with their ids. Reads go to the local store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from cartapp.bus.envelope import Envelope
    from cartapp.domain.cart import Cart
    from cartapp.shop.session import ShopSession
    from cartapp.store.port import EventLog
    from cartapp.store.rows import StoredEvent
    from cartapp.store.store import LoadedCart

__all__ = ["OwedEventLog"]


class OwedEventLog:
    """``local``'s appends, also owed to ``shop``; see the module docstring."""

    def __init__(self, local: EventLog, shop: ShopSession) -> None:
        self.local = local
        self.shop = shop

    def append(
        self,
        envelopes: Sequence[Envelope],
        stream: str,
        expected_version: int,
        *,
        snapshot: Cart | None = None,
    ) -> int:
        version = self.local.append(envelopes, stream, expected_version, snapshot=snapshot)
        self.shop.publish(envelopes, version)
        return version

    def iter_events(
        self, stream: str, first: int = 1, last: int | None = None
    ) -> Iterator[StoredEvent]:
        return self.local.iter_events(stream, first, last)

    def load_cart(self, stream: str, *, currency: str = "EUR") -> LoadedCart:
        return self.local.load_cart(stream, currency=currency)

    def save_snapshot(self, stream: str, version: int, cart: Cart) -> None:
        self.local.save_snapshot(stream, version, cart)
