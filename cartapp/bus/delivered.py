"""``Delivered``: what a bus has already delivered, so that no envelope is delivered twice.

Two ways a message could come round again, and how each is caught:

- **The same envelope object** published a second time (a handler that returns the envelope it
  is handling, or one it saw earlier; a caller that publishes an envelope twice). Every envelope
  carries the bus that delivered it (``Envelope._sent``); checking that costs one attribute read,
  so it is done for every message.
- **Another envelope with an id already delivered** (a replayed or re-sent copy: what a broker's
  redelivery looks like). Ids are only compared when they exist as text at publication: an
  envelope built with an explicit id (``Envelope.new(event_id=...)``), or one whose id was read
  before it was published (the cart handler persists its facts, and so reads their ids, before
  it returns them). The ids the bus draws itself are unique within the process by construction
  (process prefix + counter), so an envelope whose id nobody has read yet cannot repeat one.
  The memory holds the newest ``capacity`` ids (65,536 by default, a few MB); a copy that comes
  back after more messages than that is no longer recognised.
"""

from __future__ import annotations

import threading
from collections import deque
from typing import TYPE_CHECKING

from cartapp.bus.envelope import Envelope

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["DEFAULT_CAPACITY", "Delivered", "DuplicateEnvelopeError"]

DEFAULT_CAPACITY = 65_536


class DuplicateEnvelopeError(ValueError):
    """An envelope (or its id) was already delivered by this bus; it is not delivered again."""

    def __init__(self, env: Envelope) -> None:
        super().__init__(
            f"envelope {env.event_id} ({env.event_type}) was already delivered; "
            "a message is delivered at most once"
        )
        self.event_id = env.event_id


class Delivered:
    """The bounded memory of delivered envelopes of one bus; safe from any thread."""

    __slots__ = ("_capacity", "_ids", "_lock", "_order", "_owner")

    def __init__(self, owner: object, capacity: int = DEFAULT_CAPACITY) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self._owner = owner
        self._capacity = capacity
        self._ids: set[str] = set()
        self._order: deque[str] = deque()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._ids)

    def seen(self, env: Envelope) -> bool:
        """Whether ``env`` (this object, or its id if it has one yet) was delivered already."""
        if env._sent is self._owner:
            return True
        eid = env._id
        return eid is not None and eid in self._ids

    def first_seen(self, messages: Sequence[object]) -> Envelope | None:
        """The first envelope among a handler's results that was delivered already or repeats an
        earlier one of the same results; None if there is none (nothing is marked)."""
        if len(messages) == 1:
            only = messages[0]
            return only if type(only) is Envelope and self.seen(only) else None
        objects: set[int] = set()
        ids: set[str] = set()
        for message in messages:
            if type(message) is not Envelope:
                continue
            eid = message._id
            if self.seen(message) or id(message) in objects or (eid is not None and eid in ids):
                return message
            objects.add(id(message))
            if eid is not None:
                ids.add(eid)
        return None

    def mark(self, env: Envelope) -> None:
        """Note ``env`` as delivered (call once it is queued for delivery)."""
        env._sent = self._owner
        if env._id is not None:
            with self._lock:
                self._remember(env._id)

    def claim(self, env: Envelope) -> bool:
        """Check and mark in one step (for ``publish_envelope`` from any thread): False if
        ``env`` was delivered already, in which case nothing changes."""
        with self._lock:
            if self.seen(env):
                return False
            env._sent = self._owner
            if env._id is not None:
                self._remember(env._id)
        return True

    def _remember(self, eid: str) -> None:
        """Add ``eid``, forgetting the oldest beyond ``capacity`` (hold the lock)."""
        if eid in self._ids:
            return
        self._ids.add(eid)
        self._order.append(eid)
        if len(self._order) > self._capacity:
            self._ids.discard(self._order.popleft())
