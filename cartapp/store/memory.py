"""``MemoryEventLog``: the event-log port kept in memory, for tests, benchmarks and demos.

Same rules as the SQLite store (``cartapp.store.port``): versions without gaps, optimistic
concurrency, unique event ids across streams, all of an append or nothing. Nothing survives the
process. Safe from several threads (one lock).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from cartapp.domain.cart import Cart
from cartapp.domain.decider import apply
from cartapp.domain.events import Fact
from cartapp.store.errors import ConcurrencyError, DuplicateEventError
from cartapp.store.rows import StoredEvent
from cartapp.store.store import LoadedCart

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from cartapp.bus.envelope import Envelope

__all__ = ["MemoryEventLog"]


class MemoryEventLog:
    """See the module docstring."""

    def __init__(self) -> None:
        self._streams: dict[str, list[StoredEvent]] = {}
        self._snapshots: dict[str, tuple[int, Cart]] = {}
        self._ids: set[str] = set()
        self._seq = 0
        self._lock = threading.Lock()

    def version(self, stream: str) -> int:
        return len(self._streams.get(stream, ()))

    def append(
        self,
        envelopes: Sequence[Envelope],
        stream: str,
        expected_version: int,
        *,
        snapshot: Cart | None = None,
    ) -> int:
        with self._lock:
            events = self._streams.setdefault(stream, [])
            if len(events) != expected_version:
                raise ConcurrencyError(stream, expected_version, len(events))
            ids = [env.event_id for env in envelopes]
            seen: set[str] = set()
            for event_id in ids:
                if event_id in self._ids:
                    raise DuplicateEventError(event_id, "is already in the store")
                if event_id in seen:
                    raise DuplicateEventError(event_id, "appears twice in one append")
                seen.add(event_id)
            for env in envelopes:
                self._seq += 1
                events.append(StoredEvent(self._seq, stream, len(events) + 1, env))
            self._ids.update(ids)
            if snapshot is not None and envelopes:
                self._snapshots[stream] = (len(events), snapshot)
            return len(events)

    def iter_events(
        self, stream: str, first: int = 1, last: int | None = None
    ) -> Iterator[StoredEvent]:
        with self._lock:
            events = list(self._streams.get(stream, ()))
        end = len(events) if last is None else min(last, len(events))
        yield from events[max(0, first - 1) : end]

    def load_cart(self, stream: str, *, currency: str = "EUR") -> LoadedCart:
        with self._lock:
            version = len(self._streams.get(stream, ()))
            base, cart = self._snapshots.get(stream, (0, Cart(currency=currency)))
        for stored in self.iter_events(stream, base + 1, version):
            if isinstance(stored.envelope.event, Fact):
                cart = apply(cart, stored.envelope.event)
        return LoadedCart(cart, version, version - base)

    def save_snapshot(self, stream: str, version: int, cart: Cart) -> None:
        with self._lock:
            self._snapshots[stream] = (version, cart)
