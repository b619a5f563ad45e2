"""Rows of the ``events`` table: envelopes to rows and back, the shared SQL, snapshot rows.

The columns' values come from the mapper (``stored_columns``: the payload as ``payload_json``
writes it, times rounded to the microsecond as the wire format carries them, so an export
re-imported elsewhere carries exactly the stored values); reading uses the mapper's trusted
codec, since only this package writes these rows.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from cartapp.bus.envelope import Envelope
from cartapp.store.mapper import stored_columns, trusted_event
from cartapp.store.snapshot import encode_cart

if TYPE_CHECKING:
    import sqlite3

    from cartapp.domain.cart import Cart

__all__ = [
    "INSERT_EVENT",
    "SELECT_EVENT",
    "StoredEvent",
    "decode_rows",
    "event_rows",
    "save_snapshot",
    "stream_version",
]

INSERT_EVENT = (
    "INSERT INTO events (event_id, stream, version, type, kind, correlation_id, causation_id,"
    " source, timestamp, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
SELECT_EVENT = (
    "SELECT seq, version, event_id, type, correlation_id, causation_id, source, timestamp,"
    " payload FROM events"
)


class StoredEvent(NamedTuple):
    """One stored message: its envelope and where it sits (``seq`` orders the whole file)."""

    seq: int
    stream: str
    version: int
    envelope: Envelope


def stream_version(conn: sqlite3.Connection, stream: str) -> int:
    row = conn.execute("SELECT max(version) FROM events WHERE stream = ?", (stream,)).fetchone()
    return int(row[0] or 0)


def event_rows(
    envelopes: Sequence[Envelope], stream: str, expected_version: int
) -> list[tuple[object, ...]]:
    """The ``INSERT_EVENT`` rows of ``envelopes`` as versions ``expected_version + 1`` on."""
    rows: list[tuple[object, ...]] = []
    version = expected_version
    for env in envelopes:
        event_id, type_name, kind, correlation, causation, source, timestamp, payload = (
            stored_columns(env)
        )
        version += 1
        rows.append(
            (
                event_id,
                stream,
                version,
                type_name,
                kind,
                correlation,
                causation,
                source,
                timestamp,
                payload,
            )
        )
    return rows


def save_snapshot(conn: sqlite3.Connection, stream: str, version: int, cart: Cart) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO snapshots (stream, version, created, cart) VALUES (?, ?, ?, ?)",
        (stream, version, time.time(), encode_cart(cart)),
    )


def decode_rows(rows: list[Any], stream: str) -> Iterator[StoredEvent]:
    new = Envelope.new
    decode = trusted_event
    for seq, version, event_id, type_name, corr, cause, source, ts, payload in rows:
        env = new(
            decode(type_name, payload),
            source=source,
            event_id=event_id,
            correlation_id=corr,
            causation_id=cause,
            timestamp=ts,
        )
        yield StoredEvent(seq, stream, version, env)
