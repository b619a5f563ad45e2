"""The envelope every message travels in: ids, correlation, causation, time and source."""

from __future__ import annotations

import os
import time
from itertools import count
from typing import Any

__all__ = ["PROCESS_PREFIX", "Envelope", "next_seq"]

PROCESS_PREFIX = os.urandom(8).hex()
"""Random 64-bit prefix drawn once per process: ids from different processes never collide."""

next_seq = count(1).__next__
"""Process-wide message counter (atomic under the GIL)."""

_WALL0 = time.time()
_new_object = object.__new__
_now_ns = time.perf_counter_ns
_MONO0 = time.perf_counter_ns()


class Envelope:
    """One message on its way through the bus.

    ``uuid4()`` costs about 1.4 us here, so ids are ``<process prefix>-<counter in hex>``, formatted
    only when first read: a message nobody persists or displays never pays for its id string.

    Attributes:
        event: the message itself (a command or a fact).
        event_id: unique id of this message.
        correlation_id: shared by a command and every fact it causes (its own id for a root).
        causation_id: id of the message whose handler produced this one (None for a root).
        source: who published it: "ui", a handler's name, "import", ...
        timestamp: wall-clock time of publication, seconds since the epoch.
        created_ns: ``time.perf_counter_ns()`` at publication, for latencies within a process.
            For a fact a handler built before returning it (the cart service decides a step's
            facts, commits them, and only then publishes them) it is when the fact was built:
            when it was *decided*; its timestamp is that moment too, and is what is stored.
        published_ns: for such a fact, when the bus published it (after the commit): its
            ``generated`` stage, so that time runs forward along a click's path; None for a
            message published as it was made.
        committed_ns: when the transaction that stored it was committed (set by the cart
            service once its append returned), or None.
    """

    __slots__ = (
        "_corr",
        "_id",
        "_parent",
        "_pending",
        "_sent",
        "_wall",
        "causation_id",
        "committed_ns",
        "created_ns",
        "event",
        "published_ns",
        "seq",
        "source",
    )

    def __init__(
        self,
        event: Any,
        seq: int,
        correlation_id: str | None,
        causation_id: str | None,
        source: str,
        created_ns: int,
    ) -> None:
        self.event = event
        self.seq = seq
        self._corr = correlation_id
        self.causation_id = causation_id
        self.source = source
        self.created_ns = created_ns
        self.published_ns: int | None = None
        self.committed_ns: int | None = None
        self._pending = 1
        self._parent: Envelope | None = None
        self._id: str | None = None
        self._wall: float | None = None
        self._sent: object = None
        """The bus that delivered this envelope (it refuses to deliver it a second time)."""

    @property
    def event_id(self) -> str:
        eid = self._id
        if eid is None:
            eid = self._id = f"{PROCESS_PREFIX}-{self.seq:x}"
        return eid

    @property
    def correlation_id(self) -> str:
        return self._corr or self.event_id

    @property
    def timestamp(self) -> float:
        wall = self._wall
        if wall is None:
            wall = self._wall = _WALL0 + (self.created_ns - _MONO0) * 1e-9
        return wall

    @property
    def event_type(self) -> str:
        return type(self.event).__name__

    @classmethod
    def new(
        cls,
        event: Any,
        *,
        source: str = "app",
        event_id: str | None = None,
        correlation_id: str | None = None,
        causation_id: str | None = None,
        timestamp: float | None = None,
    ) -> Envelope:
        """An envelope with given ids and time (replay, import, tests)."""
        env = cls(event, next_seq(), correlation_id, causation_id, source, time.perf_counter_ns())
        if event_id is not None:
            env._id = event_id
        if timestamp is not None:
            env._wall = timestamp
        return env

    @classmethod
    def stored(
        cls,
        event: Any,
        event_id: str,
        correlation_id: str,
        causation_id: str | None,
        source: str,
        timestamp: float,
    ) -> Envelope:
        """``new`` with every id and the time given, positionally (a replay builds one per
        stored row, so it sets the fields itself rather than through ``__init__``)."""
        env = _new_object(cls)
        env.event = event
        env.seq = next_seq()
        env._corr = correlation_id
        env.causation_id = causation_id
        env.source = source
        env.created_ns = _now_ns()
        env.published_ns = None
        env.committed_ns = None
        env._pending = 1
        env._parent = None
        env._id = event_id
        env._wall = timestamp
        env._sent = None
        return env

    def __repr__(self) -> str:
        return (
            f"Envelope({self.event_type}, id={self.event_id}, corr={self.correlation_id}, "
            f"cause={self.causation_id}, source={self.source!r})"
        )
