"""Rows of the ``events`` table: envelopes to rows and back, the shared SQL, snapshot rows.

The columns' values come from the mapper (``stored_columns``: the payload as ``payload_json``
writes it, times rounded to the microsecond as the wire format carries them, so an export
re-imported elsewhere carries exactly the stored values); reading validates every row as the
boundary does (``decode_rows``): a row that fails is a ``DamagedMessageError`` naming its stream
and version.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from cartapp.bus.envelope import Envelope
from cartapp.store.chain import GENESIS
from cartapp.store.compact import json_string
from cartapp.store.errors import DamagedMessageError
from cartapp.store.mapper import DECODED, MAX_ID, MappingError, stored_columns, trusted_event
from cartapp.store.snapshot import encode_cart

if TYPE_CHECKING:
    import sqlite3

    from cartapp.domain.cart import Cart
    from cartapp.domain.events import Message

__all__ = [
    "INSERT_EVENT",
    "SELECT_EVENT",
    "Columns",
    "StoredEvent",
    "column_rows",
    "decode_message",
    "decode_rows",
    "event_rows",
    "head_digest",
    "save_snapshot",
    "stream_version",
]

INSERT_EVENT = (
    "INSERT INTO events (event_id, stream, version, type, kind, correlation_id, causation_id,"
    " source, timestamp, payload, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
SELECT_EVENT = (
    "SELECT seq, version, event_id, type, correlation_id, causation_id, source, timestamp,"
    " payload FROM events"
)


_UNSEEN = object()

_MAX_TIME = 32503680000.0
"""The year 3000, as the wire format's timestamps are bounded (``record_from_dict``)."""


class StoredEvent(NamedTuple):
    """One stored message: its envelope and where it sits (``seq`` orders the whole file)."""

    seq: int
    stream: str
    version: int
    envelope: Envelope


def stream_version(conn: sqlite3.Connection, stream: str) -> int:
    row = conn.execute("SELECT max(version) FROM events WHERE stream = ?", (stream,)).fetchone()
    return int(row[0] or 0)


Columns = tuple[str, str, str, str, str | None, str, float, str]
"""``(event_id, type, kind, correlation_id, causation_id, source, timestamp, payload)`` of a
message as the store keeps them (``stored_columns``)."""


def event_rows(
    envelopes: Sequence[Envelope], stream: str, expected_version: int, previous: bytes = GENESIS
) -> list[tuple[object, ...]]:
    """The ``INSERT_EVENT`` rows of ``envelopes`` as versions ``expected_version + 1`` on,
    chained after ``previous`` (the digest of version ``expected_version``); the last row's
    digest is its last value."""
    return column_rows(map(stored_columns, envelopes), stream, expected_version, previous)


def column_rows(
    columns: Iterable[Columns], stream: str, expected_version: int, previous: bytes = GENESIS
) -> list[tuple[object, ...]]:
    """``event_rows`` of messages already in their stored columns (an import builds them
    straight from its lines, never an envelope in between)."""
    rows: list[tuple[object, ...]] = []
    append = rows.append
    version = expected_version
    q = json_string
    quoted_stream = q(stream)
    sha256 = hashlib.sha256
    for event_id, type_name, kind, correlation, causation, source, timestamp, payload in columns:
        version += 1
        # typed_digest, inline with the stream quoted once (its canonical bytes, field by field)
        cause = "null" if causation is None else q(causation)
        canonical = (
            f"[{q(event_id)},{q(type_name)},{quoted_stream},{version:d},{q(correlation)},"
            f'{cause},{q(source)},"{timestamp!r}",{q(payload)}]'
        )
        previous = sha256(previous + canonical.encode("utf-8")).digest()
        append(
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
                previous,
            )
        )
    return rows


def head_digest(conn: sqlite3.Connection, stream: str, version: int) -> bytes:
    """The stored chain digest of message ``version`` of ``stream`` (``GENESIS`` for 0)."""
    if version == 0:
        return GENESIS
    row = conn.execute(
        "SELECT digest FROM events WHERE stream = ? AND version = ?", (stream, version)
    ).fetchone()
    return bytes(row[0]) if row and isinstance(row[0], bytes) else b""


def save_snapshot(
    conn: sqlite3.Connection, stream: str, version: int, cart: Cart, digest: bytes | None = None
) -> None:
    """Store ``cart`` as the state at ``version`` with the chain digest of that message
    (``digest``, or read from the row when not given)."""
    if digest is None:
        digest = head_digest(conn, stream, version)
    conn.execute(
        "INSERT OR REPLACE INTO snapshots (stream, version, created, cart, digest)"
        " VALUES (?, ?, ?, ?, ?)",
        (stream, version, time.time(), encode_cart(cart), digest),
    )


def _envelope_problem(
    event_id: object, corr: object, cause: object, source: object, ts: object
) -> str | None:
    """What is wrong with a row's envelope columns (the rules of ``record_from_dict``)."""
    for name, value in (("event id", event_id), ("correlation id", corr), ("source", source)):
        if not isinstance(value, str) or not 0 < len(value) <= MAX_ID or not value.isprintable():
            return f"its {name} is not a short printable text"
    if cause is not None and (
        not isinstance(cause, str) or not 0 < len(cause) <= MAX_ID or not cause.isprintable()
    ):
        return "its causation id is not a short printable text"
    if type(ts) is not float or not 0 <= ts < _MAX_TIME:  # also refuses NaN
        return "its timestamp is not seconds since 1970"
    return None


def decode_message(stream: str, version: int, type_name: object, payload: object) -> Message:
    """The validated message of one stored row; ``DamagedMessageError`` if it fails."""
    if not isinstance(type_name, str) or not isinstance(payload, str):
        raise DamagedMessageError(stream, version, "its type or payload is not text")
    try:
        return trusted_event(type_name, payload)
    except MappingError as exc:
        raise DamagedMessageError(stream, version, str(exc)) from None


def decode_rows(rows: list[Any], stream: str) -> Iterator[StoredEvent]:
    """The ``SELECT_EVENT`` rows of ``stream`` as stored events, each checked by type and range.

    Raises ``DamagedMessageError`` (with the stream and version) at the first row that fails.
    This loop is replay's hot path, so a row is first checked quickly against what the rows
    before it proved sound: its correlation id is the previous row's or its own id (a command
    and the facts it caused), its causation id is None or its correlation id, its source one
    already checked. A row that fails the quick check (a new source, a damaged value) is
    checked in full by ``_envelope_problem``, the one statement of the rules.
    """
    stored = Envelope.stored
    decode = trusted_event
    new_tuple = tuple.__new__
    sound_sources: set[str] = set()
    sound_corr: object = _UNSEEN  # equal to no stored value, not even NULL
    decoded = DECODED
    for seq, version, event_id, type_name, corr, cause, source, ts, payload in rows:
        known = decoded.get(type_name)
        event = None if known is None else known.get(payload)
        if event is None:
            try:
                event = decode(type_name, payload)
            except MappingError as exc:
                raise DamagedMessageError(stream, version, str(exc)) from None
        if not (
            type(event_id) is str
            and 0 < len(event_id) <= MAX_ID
            and event_id.isprintable()
            and corr in (sound_corr, event_id)
            and (cause is None or cause == corr)
            and source in sound_sources
            and type(ts) is float
            and 0 <= ts < _MAX_TIME
        ):
            problem = _envelope_problem(event_id, corr, cause, source, ts)
            if problem is not None:
                raise DamagedMessageError(stream, version, problem)
            sound_sources.add(source)
        sound_corr = corr
        env = stored(event, event_id, corr, cause, source, ts)
        yield new_tuple(StoredEvent, (seq, stream, version, env))
