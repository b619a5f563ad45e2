"""The tills' stage rows on the shop: each till shares what its bus did, for the shop's figures.

A till publishes its stage rows (``StageRow``: what its own metrics count) on core NATS,
``flow.<till>``, in batches of at most ``MAX_ROWS``; every other till subscribes to ``flow.*``
and counts them per till (``cartapp.analytics.tills.ShopFlow``), so the Metrics and Flow docks
can show another till's P(e), P(t|e), P(h|e), P(c|h) and Markov chain, or the whole shop's.
These are figures, not records: they are not stored on the shop's stream, a till offline
shares nothing meanwhile, and a till counts another's rows from when it joined.

The body is ``{"till": NAME, "rows": [[12 values], ...]}``, the values in ``StageRow``'s order.
What arrives is untrusted: ``decode_rows`` refuses (``ValueError`` with the reason) a body that
is not that shape, names another till than its subject (the server's permissions let a till
publish only ``flow.<its name>``), or holds a row with a value of the wrong type or range.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

from cartapp.bus.stage_row import StageRow

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["FLOW_ANY", "MAX_ROWS", "decode_rows", "encode_rows", "flow_subject", "till_of_flow"]

MAX_ROWS = 1_000
"""Rows per message at most (at most a few hundred kB: below the server's 1 MB payload limit)."""
FLOW_ANY = "flow.*"
_STAGES = frozenset(("generated", "transmitted", "handled", "failed", "consumed", "dropped"))
_KINDS = frozenset(("command", "fact", "message"))
_MAX_TEXT = 200
_MAX_NS = 10**15
"""A duration or latency longer than about 11 days is not one."""


def flow_subject(till: str) -> str:
    return f"flow.{till}"


def till_of_flow(subject: str) -> str | None:
    parts = subject.split(".")
    return parts[1] if len(parts) == 2 and parts[0] == "flow" and parts[1] else None


def encode_rows(till: str, rows: Iterable[StageRow]) -> bytes:
    """The body of one message (an error text is cut to the length ``decode_rows`` keeps)."""
    out: list[list[object]] = []
    for row in rows:
        error = row.error
        if error is not None and len(error) > _MAX_TEXT:
            row = row._replace(error=error[:_MAX_TEXT])
        out.append(list(row))
    return json.dumps({"till": till, "rows": out}).encode()


def _text(value: Any, what: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value or len(value) > _MAX_TEXT:
        raise ValueError(f"{what} is not a text of 1 to {_MAX_TEXT} characters")
    return value


def _ns(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not -_MAX_NS < value < _MAX_NS:
        raise ValueError(f"{what} is not a number of nanoseconds")
    return value


def _row(values: Any) -> StageRow:
    if not isinstance(values, list) or len(values) != len(StageRow._fields):
        raise ValueError(f"a row is not a list of {len(StageRow._fields)} values")
    stage, event_id, event_type, kind, correlation, causation, source, handler = values[:8]
    timestamp, duration_ns, latency_ns, error = values[8:]
    if stage not in _STAGES:
        raise ValueError(f"{str(stage)[:40]!r} is not a stage")
    if kind not in _KINDS:
        raise ValueError(f"{str(kind)[:40]!r} is not a kind of message")
    if (
        isinstance(timestamp, bool)
        or not isinstance(timestamp, int | float)
        or not math.isfinite(timestamp)
        or timestamp < 0
    ):
        raise ValueError("the time is not a time")
    if error is not None and not isinstance(error, str):
        raise ValueError("the error is not a text")
    return StageRow(
        stage,
        _text(event_id, "the message id") or "",
        _text(event_type, "the message type") or "",
        kind,
        _text(correlation, "the correlation id") or "",
        _text(causation, "the causation id", optional=True),
        _text(source, "the source") or "",
        _text(handler, "the handler", optional=True),
        float(timestamp),
        _ns(duration_ns, "the duration"),
        _ns(latency_ns, "the latency"),
        None if error is None else error[:_MAX_TEXT],
    )


def decode_rows(subject: str, data: bytes) -> tuple[str, list[StageRow]]:
    """The till and the rows of one message on ``flow.<till>``; ``ValueError`` says what is
    wrong with it (see the module docstring)."""
    till = till_of_flow(subject)
    if till is None:
        raise ValueError("not a flow subject")
    try:
        body = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise ValueError("not JSON") from None
    if not isinstance(body, dict) or set(body) != {"till", "rows"}:
        raise ValueError("not a body of till and rows")
    if body["till"] != till:
        raise ValueError(f"it names till {str(body['till'])[:40]!r}, its subject till {till!r}")
    rows = body["rows"]
    if not isinstance(rows, list) or len(rows) > MAX_ROWS:
        raise ValueError(f"its rows are not a list of at most {MAX_ROWS}")
    return till, [_row(values) for values in rows]
