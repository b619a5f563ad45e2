"""``EventLog``: the event-log port, what the cart service needs of a store and no more.

- ``append(envelopes, stream, expected_version, snapshot=None) -> new version``: store the
  envelopes as the next versions of ``stream`` in one transaction, or nothing (raising) if the
  stream is not at ``expected_version`` (``ConcurrencyError``) or an id is stored already
  (``DuplicateEventError``); ``snapshot`` is the cart after them, kept with them.
- ``iter_events(stream, first, last)``: the stored messages from a position, in order.
- ``load_cart(stream, currency=)``: the stream's cart and version now (snapshot + what follows).
- ``save_snapshot(stream, version, cart)``: keep ``cart`` as the state at ``version``.

``EventStore`` (SQLite) and ``MemoryEventLog`` are its adapters; a broker-backed one maps
``expected_version`` to the broker's expected-last-sequence header. One shared test suite
(``tests/store/test_port.py``) runs against each.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from cartapp.bus.envelope import Envelope
    from cartapp.domain.cart import Cart
    from cartapp.store.rows import StoredEvent
    from cartapp.store.store import LoadedCart

__all__ = ["EventLog"]


class EventLog(Protocol):
    """See the module docstring."""

    def append(
        self,
        envelopes: Sequence[Envelope],
        stream: str,
        expected_version: int,
        *,
        snapshot: Cart | None = None,
    ) -> int: ...

    def iter_events(
        self, stream: str, first: int = 1, last: int | None = None
    ) -> Iterator[StoredEvent]: ...

    def load_cart(self, stream: str, *, currency: str = "EUR") -> LoadedCart: ...

    def save_snapshot(self, stream: str, version: int, cart: Cart) -> None: ...
