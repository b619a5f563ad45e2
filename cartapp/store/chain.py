"""The tamper-evident chain: each stored message's digest covers the one before it in its stream.

``digest(v) = SHA-256(digest(v - 1) || canonical bytes of message v)``, with 32 zero bytes
before the first message. The canonical bytes are the compact JSON array
``[event_id, type, stream, version, correlation_id, causation_id, source, timestamp, payload]``
(the timestamp as ``repr`` of the stored float, the payload as stored), UTF-8 encoded. Editing any
of these columns of a message, or removing or reordering messages, changes its digest and every
one after it: ``first_break`` finds the first version whose stored digest does not match.

A snapshot stores the digest of the message it was taken at, so start-up verifies only from the
newest snapshot on, and a snapshot whose digest no longer matches its messages is ignored.
``verify_in_background`` checks a whole stream off the caller's thread (the app starts it after
its first paint) and reports the first broken version (None: sound) through a callback.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from cartapp.store.compact import compact_json, json_string

if TYPE_CHECKING:
    from cartapp.store.store import EventStore

__all__ = ["GENESIS", "first_break", "message_digest", "typed_digest", "verify_in_background"]

GENESIS = bytes(32)
"""The digest "before" a stream's first message."""

_dumps = compact_json
_sha256 = hashlib.sha256


def message_digest(
    previous: bytes,
    event_id: str,
    type_name: str,
    stream: str,
    version: int,
    correlation_id: str,
    causation_id: str | None,
    source: str,
    timestamp: float,
    payload: str,
) -> bytes:
    """The chain digest of one message row, after ``previous`` (see the module docstring)."""
    canonical = _dumps(
        [
            event_id,
            type_name,
            stream,
            version,
            correlation_id,
            causation_id,
            source,
            repr(timestamp),
            payload,
        ]
    )
    return _sha256(previous + canonical.encode("utf-8")).digest()


def typed_digest(
    previous: bytes,
    event_id: str,
    type_name: str,
    stream: str,
    version: int,
    correlation_id: str,
    causation_id: str | None,
    source: str,
    timestamp: float,
    payload: str,
) -> bytes:
    """``message_digest`` of values known to have their types (the texts ``str``, ``version`` an
    ``int``, ``timestamp`` a ``float``): the same canonical bytes, written field by field
    instead of by the general encoder. ``rows.column_rows`` writes them so inline (a store's
    own rows on the write path, the stream quoted once)."""
    q = json_string
    cause = "null" if causation_id is None else q(causation_id)
    canonical = (
        f"[{q(event_id)},{q(type_name)},{q(stream)},{version:d},{q(correlation_id)},{cause},"
        f'{q(source)},"{timestamp!r}",{q(payload)}]'
    )
    return _sha256(previous + canonical.encode("utf-8")).digest()


def first_break(previous: bytes, rows: Iterable[Sequence[Any]], stream: str) -> tuple[int, bytes]:
    """Check ``rows`` (``version, event_id, type, correlation_id, causation_id, source,
    timestamp, payload, digest``, in version order) after ``previous``.

    Returns ``(version, previous)``: the first version that does not match (a wrong digest or a
    value of the wrong type; 0 when all match) and the last matching digest.
    """
    for version, event_id, type_name, corr, cause, source, ts, payload, stored in rows:
        try:
            expected = message_digest(
                previous, event_id, type_name, stream, version, corr, cause, source, ts, payload
            )
        except (TypeError, ValueError):
            return int(version), previous
        if stored != expected:
            return int(version), previous
        previous = expected
    return 0, previous


def verify_in_background(
    store: EventStore,
    stream: str,
    on_done: Callable[[int | None], None],
    *,
    on_error: Callable[[BaseException], None] | None = None,
) -> threading.Thread:
    """Verify the whole chain of ``stream`` on a daemon thread and call ``on_done`` (on that
    thread) with the first broken version, or None if every message matches. An error while
    reading (the store was closed meanwhile, an I/O error) goes to ``on_error`` if given."""

    def run() -> None:
        try:
            broken = store.verify_chain(stream)
        except BaseException as exc:  # reported, never lost on a thread nobody joins
            if on_error is not None:
                on_error(exc)
            return
        on_done(broken)

    thread = threading.Thread(target=run, name=f"verify-chain-{stream}", daemon=True)
    thread.start()
    return thread
