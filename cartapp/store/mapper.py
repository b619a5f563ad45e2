"""The one mapper: envelopes to plain dicts / JSON lines and back. The only place that knows the
wire format, used by the store, export/import and the event log's details pane.

Wire format (one JSON object per message)::

    {"event_id": "...", "correlation_id": "...", "causation_id": null | "...",
     "timestamp": 1764180000.123456, "source": "ui", "type": "AddItem", "kind": "command",
     "payload": {"item_id": "espresso-beans", "quantity": 2}}

Money and rates travel as strings ("18.90"), never as JSON numbers.
"""

from __future__ import annotations

import json
import math
from typing import Any

from pydantic import ValidationError

from cartapp.bus.envelope import Envelope
from cartapp.domain.events import MESSAGE_TYPES, Message

__all__ = [
    "MAX_ID",
    "MappingError",
    "envelope_from_dict",
    "envelope_from_json",
    "envelope_to_dict",
    "envelope_to_json",
    "payload_json",
]

MAX_ID = 80
_FIELDS = ("event_id", "correlation_id", "causation_id", "timestamp", "source", "type", "payload")


class MappingError(ValueError):
    """A dict or JSON line that is not a valid message envelope; the text says why."""


def payload_json(event: Message) -> str:
    return event.model_dump_json()


def envelope_to_dict(env: Envelope) -> dict[str, Any]:
    event = env.event
    return {
        "event_id": env.event_id,
        "correlation_id": env.correlation_id,
        "causation_id": env.causation_id,
        "timestamp": round(env.timestamp, 6),
        "source": env.source,
        "type": type(event).__name__,
        "kind": getattr(event, "kind", "message"),
        "payload": event.model_dump(mode="json") if isinstance(event, Message) else repr(event),
    }


def envelope_to_json(env: Envelope, *, indent: int | None = None) -> str:
    return json.dumps(envelope_to_dict(env), indent=indent, ensure_ascii=False)


def _text(data: dict[str, Any], key: str, *, optional: bool = False) -> str | None:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value:
        raise MappingError(f"'{key}' must be a non-empty string")
    if len(value) > MAX_ID or not value.isprintable():
        raise MappingError(f"'{key}' is too long or has control characters")
    return value


def envelope_from_dict(data: object) -> Envelope:
    """Validate ``data`` and build the envelope; raises ``MappingError`` with a readable reason."""
    if not isinstance(data, dict):
        raise MappingError("an event must be a JSON object")
    unknown = set(data) - {*_FIELDS, "kind"}
    if unknown:
        raise MappingError(f"unknown field(s): {', '.join(sorted(unknown))}")
    missing = [k for k in _FIELDS if k not in data]
    if missing:
        raise MappingError(f"missing field(s): {', '.join(missing)}")
    type_name = data["type"]
    cls = MESSAGE_TYPES.get(type_name) if isinstance(type_name, str) else None
    if cls is None:
        raise MappingError(f"unknown event type {str(type_name)[:40]!r}")
    if "kind" in data and data["kind"] != cls.kind:
        raise MappingError(f"'kind' of {type_name} must be {cls.kind!r}")
    timestamp = data["timestamp"]
    if (
        isinstance(timestamp, bool)
        or not isinstance(timestamp, int | float)
        or not math.isfinite(timestamp)
        or not 0 <= timestamp < 32503680000
    ):
        raise MappingError("'timestamp' must be seconds since 1970 as a number")
    try:
        event = cls.model_validate(data["payload"])
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "payload"
        raise MappingError(f"{type_name}.{where}: {first.get('msg')}") from None
    return Envelope.new(
        event,
        source=_text(data, "source") or "import",
        event_id=_text(data, "event_id"),
        correlation_id=_text(data, "correlation_id"),
        causation_id=_text(data, "causation_id", optional=True),
        timestamp=float(timestamp),
    )


def envelope_from_json(line: str | bytes) -> Envelope:
    try:
        data = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise MappingError(f"malformed JSON: {exc}") from None
    return envelope_from_dict(data)
