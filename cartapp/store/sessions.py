"""Sessions and orders: views of a stream, computed from its checkouts (pure queries).

- An **order** is a ``CheckedOut`` fact: its time, lines and totals. Its events are the range of
  the stream from the message after the previous checkout up to and including the checkout.
- A **session** is one cart's life: the same ranges, plus the trailing open range after the last
  checkout (the cart being filled now). Session numbers count from 1 within a stream. The live
  stream always ends with its open session, even while it is empty; other streams list a trailing
  session only when it holds messages.
- The **current session** (``current_session``) is what the app calls "the session": the open
  one while it holds messages; right after a checkout, while the next cart is still empty, the
  session that checkout closed (the order just paid), also after a restart. Only a stream with
  no message at all has an empty current session.

Checkouts are found through the partial index ``events_checkouts``, so these listings cost one
index scan over the orders, not over the whole history.

``StoredLedger`` is the order ledger refunds read (``domain.ledger.SaleSource``): one order's
checkout and the refunds of it since, read when a refund is decided, so the cart keeps no past
orders. A refund is rare; reading its order costs one scan of the checkouts' index and one of the
messages after that checkout.
"""

from __future__ import annotations

import bisect
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from cartapp.domain.events import CheckedOut, LineSnapshot
from cartapp.domain.ledger import refunded, sale_of
from cartapp.domain.pos import ItemsRefunded
from cartapp.store.mapper import trusted_event
from cartapp.store.streams import LIVE_STREAM, MAX_VERSION

if TYPE_CHECKING:
    from cartapp.domain.cart import Sale
    from cartapp.store.store import EventStore

__all__ = [
    "Order",
    "Session",
    "StoredLedger",
    "current_session",
    "open_session",
    "orders",
    "recent_sessions",
    "refunded_amounts",
    "session_at",
    "sessions",
]


class Order(NamedTuple):
    stream: str
    order_number: int
    version: int
    """Version of the ``CheckedOut`` message."""
    first_version: int
    """Version of the order's first message (the message after the previous checkout)."""
    event_id: str
    timestamp: float
    currency: str
    lines: tuple[LineSnapshot, ...]
    subtotal: Decimal
    tax: Decimal
    total: Decimal
    checkout: CheckedOut | None = None
    """The ``CheckedOut`` fact itself: discounts, tenders and change (receipts need them)."""

    @property
    def discount(self) -> Decimal:
        return Decimal("0.00") if self.checkout is None else self.checkout.discount

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)


class Session(NamedTuple):
    stream: str
    number: int
    first: int
    """Version of the session's first message."""
    last: int
    """Version of its last message (``first - 1`` for an empty open session)."""
    started: float | None
    """Time of its first message (None while empty)."""
    ended: float | None
    """Time of its checkout (None while open)."""
    order_number: int | None

    @property
    def closed(self) -> bool:
        return self.order_number is not None

    @property
    def size(self) -> int:
        return self.last - self.first + 1


def _checkouts(store: EventStore, stream: str) -> list[tuple[int, str, float, CheckedOut]]:
    with store.lock:
        rows = (
            store.connection()
            .execute(
                "SELECT version, event_id, timestamp, payload FROM events"
                " WHERE stream = ? AND type = 'CheckedOut' ORDER BY version",
                (stream,),
            )
            .fetchall()
        )
    out = []
    for version, event_id, timestamp, payload in rows:
        fact = trusted_event("CheckedOut", payload)
        assert isinstance(fact, CheckedOut)
        out.append((int(version), str(event_id), float(timestamp), fact))
    return out


def orders(store: EventStore, stream: str) -> list[Order]:
    """The stream's orders, oldest first."""
    out: list[Order] = []
    first = 1
    for version, event_id, timestamp, fact in _checkouts(store, stream):
        out.append(
            Order(
                stream,
                fact.order_number,
                version,
                first,
                event_id,
                timestamp,
                fact.currency,
                fact.lines,
                fact.subtotal,
                fact.tax,
                fact.total,
                fact,
            )
        )
        first = version + 1
    return out


def refunded_amounts(store: EventStore, stream: str) -> dict[int, Decimal]:
    """What was refunded of each order of ``stream``, by order number (orders without a refund
    are left out)."""
    with store.lock:
        rows = (
            store.connection()
            .execute(
                "SELECT payload FROM events WHERE stream = ? AND type = 'ItemsRefunded'"
                " ORDER BY version",
                (stream,),
            )
            .fetchall()
        )
    out: dict[int, Decimal] = {}
    for (payload,) in rows:
        fact = trusted_event("ItemsRefunded", payload)
        assert isinstance(fact, ItemsRefunded)
        out[fact.order_number] = out.get(fact.order_number, Decimal("0.00")) + fact.amount
    return out


def _started(store: EventStore, stream: str, version: int) -> float | None:
    with store.lock:
        row = (
            store.connection()
            .execute(
                "SELECT timestamp FROM events WHERE stream = ? AND version = ?", (stream, version)
            )
            .fetchone()
        )
    return None if row is None else float(row[0])


def sessions(store: EventStore, stream: str) -> list[Session]:
    """The stream's sessions, oldest first (see the module docstring)."""
    out: list[Session] = []
    first = 1
    for number, (version, _, timestamp, fact) in enumerate(_checkouts(store, stream), 1):
        started = _started(store, stream, first)
        out.append(Session(stream, number, first, version, started, timestamp, fact.order_number))
        first = version + 1
    current = store.version(stream)
    if current >= first or stream == LIVE_STREAM:
        started = _started(store, stream, first) if current >= first else None
        out.append(Session(stream, len(out) + 1, first, current, started, None, None))
    return out


def recent_sessions(store: EventStore, stream: str, count: int) -> list[Session]:
    """The newest ``count`` sessions of ``sessions(store, stream)``, oldest first, from the last
    ``count`` checkouts (and how many there are) rather than from all of them."""
    if count <= 0:
        return []
    with store.lock:
        conn = store.connection()
        closed = int(
            conn.execute(
                "SELECT count(*) FROM events WHERE stream = ? AND type = 'CheckedOut'", (stream,)
            ).fetchone()[0]
        )
        rows = conn.execute(
            "SELECT version, timestamp, payload FROM events WHERE stream = ?"
            " AND type = 'CheckedOut' ORDER BY version DESC LIMIT ?",
            (stream, count + 1),
        ).fetchall()
    rows.reverse()
    # The oldest checkout read only bounds the first session listed (it ends the one before).
    bound = rows.pop(0) if len(rows) > count else None
    first = 1 if bound is None else int(bound[0]) + 1
    number = closed - len(rows)
    out: list[Session] = []
    for version, timestamp, payload in rows:
        fact = trusted_event("CheckedOut", payload)
        assert isinstance(fact, CheckedOut)
        number += 1
        started = _started(store, stream, first)
        out.append(
            Session(
                stream, number, first, int(version), started, float(timestamp), fact.order_number
            )
        )
        first = int(version) + 1
    current = store.version(stream)
    if current >= first or stream == LIVE_STREAM:
        started = _started(store, stream, first) if current >= first else None
        out.append(Session(stream, number + 1, first, current, started, None, None))
    return out[-count:]


def open_session(store: EventStore, stream: str) -> Session:
    """The session after the last checkout (the cart being filled), without listing the others.

    For the live stream this costs the same for any length of history: its order numbers run
    1, 2, 3 ... (``decide`` numbers them), so the open session's number is the last order's
    number + 1. Other streams (an import may start at any order number) count their checkouts.
    """
    with store.lock:
        conn = store.connection()
        row = conn.execute(
            "SELECT version, payload FROM events WHERE stream = ? AND type = 'CheckedOut'"
            " ORDER BY version DESC LIMIT 1",
            (stream,),
        ).fetchone()
        origin = conn.execute("SELECT origin FROM streams WHERE id = ?", (stream,)).fetchone()
        if row is None:
            last, closed = 0, 0
        elif origin is not None and origin[0] == "live":
            fact = trusted_event("CheckedOut", row[1])
            assert isinstance(fact, CheckedOut)
            last, closed = int(row[0]), fact.order_number
        else:
            last = int(row[0])
            closed = conn.execute(
                "SELECT count(*) FROM events WHERE stream = ? AND type = 'CheckedOut'", (stream,)
            ).fetchone()[0]
    first = last + 1
    current = store.version(stream)
    started = _started(store, stream, first) if current >= first else None
    return Session(stream, int(closed) + 1, first, current, started, None, None)


def current_session(store: EventStore, stream: str) -> Session:
    """The session "the session" means (see the module docstring): the open one, or the one the
    last checkout closed while the open one is empty. As cheap as ``open_session`` for the open
    one; right after a checkout it also reads the newest sessions (two checkouts)."""
    session = open_session(store, stream)
    if session.size > 0 or session.first == 1:
        return session
    closed = [s for s in recent_sessions(store, stream, 2) if s.closed]
    return closed[-1] if closed else session


def session_at(store: EventStore, stream: str, version: int) -> Session | None:
    """The session that holds message ``version`` of ``stream`` (None if there is none)."""
    listed = sessions(store, stream)
    index = bisect.bisect_left([s.last for s in listed], version)
    if index < len(listed) and listed[index].first <= version <= listed[index].last:
        return listed[index]
    return None


class StoredLedger:
    """The orders of ``stream`` as refunds need them, read from ``store`` when asked; with
    ``upto``, as they stood right after message ``upto`` (a what-if replays from there)."""

    def __init__(self, store: EventStore, stream: str, upto: int | None = None) -> None:
        self.store = store
        self.stream = stream
        self.upto = upto

    def sale(self, number: int) -> Sale | None:
        """Order ``number`` and what its refunds since took back (None: no such order)."""
        upto = MAX_VERSION if self.upto is None else self.upto
        with self.store.lock:
            conn = self.store.connection()
            row = conn.execute(
                "SELECT version, payload FROM events WHERE stream = ? AND type = 'CheckedOut'"
                " AND json_extract(payload, '$.order_number') = ? AND version <= ?"
                " ORDER BY version LIMIT 1",
                (self.stream, number, upto),
            ).fetchone()
            if row is None:
                return None
            refunds = conn.execute(
                "SELECT payload FROM events WHERE stream = ? AND version > ? AND version <= ?"
                " AND type = 'ItemsRefunded' AND json_extract(payload, '$.order_number') = ?"
                " ORDER BY version",
                (self.stream, int(row[0]), upto, number),
            ).fetchall()
        fact = trusted_event("CheckedOut", row[1])
        assert isinstance(fact, CheckedOut)
        sale = sale_of(fact)
        for (payload,) in refunds:
            back = trusted_event("ItemsRefunded", payload)
            assert isinstance(back, ItemsRefunded)
            sale = refunded(sale, back)
        return sale
