"""CloudEvents 1.0 (structured mode, JSON) for exported history: one event per message.

https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md and its JSON format. A message
becomes::

    {"specversion": "1.0", "id": "<event id>", "source": "ui", "type": "cartapp.AddItem",
     "time": "2026-12-02T00:30:00.123456Z", "datacontenttype": "application/json",
     "subject": "cart", "data": {"item_id": "espresso-beans", "quantity": 2},
     "correlationid": "<id>", "causationid": "<id>", "sequence": "12"}

- ``source`` is the envelope's source as it is (``ui``, ``CartHandler``, ``import``: relative
  URI references, as the spec allows); ``type`` is ``cartapp.`` and the message type;
- ``time`` is RFC 3339 in UTC to the microsecond, exactly the wire format's timestamp;
- ``subject`` is the stream (``cart``, the live cart); ``data`` is the mapper's payload;
- extension attributes (lower-case letters and digits only, as the spec requires):
  ``correlationid``, ``causationid`` (left out for a root message) and ``sequence``, the message's
  version in its stream as a decimal string (the spec's sequence extension is a string).

Reading (``record_from_cloudevent``) turns an event back into the mapper's wire dict and
validates it there, so a CloudEvents line passes exactly the checks of a cartapp line; an
attribute cartapp does not know, a ``datacontenttype`` other than JSON or ``data_base64`` is
refused with a reason. Only the mapper touches the messages; this module maps dicts.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from cartapp.store.mapper import MappingError, envelope_to_dict, record_from_dict, wire_timestamp

if TYPE_CHECKING:
    from cartapp.bus.envelope import Envelope

__all__ = [
    "SPECVERSION",
    "TYPE_PREFIX",
    "envelope_to_cloudevent",
    "is_cloudevent",
    "record_from_cloudevent",
]

SPECVERSION = "1.0"
TYPE_PREFIX = "cartapp."
_CONTENT_TYPE = "application/json"
_KNOWN = frozenset(
    {
        "specversion",
        "id",
        "source",
        "type",
        "time",
        "datacontenttype",
        "subject",
        "data",
        "correlationid",
        "causationid",
        "sequence",
    }
)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_TIME = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d\d):(\d\d))"
)


def _rfc3339(timestamp: float) -> str:
    """The wire timestamp as RFC 3339 UTC with six decimals, without a float in between."""
    seconds, _, micros = f"{wire_timestamp(timestamp):.6f}".partition(".")
    moment = _EPOCH + timedelta(seconds=int(seconds))
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{micros}Z"


def _timestamp(text: object) -> float:
    """Seconds since 1970 of an RFC 3339 time (to the microsecond; finer digits are cut)."""
    match = _TIME.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise MappingError("'time' must be an RFC 3339 time such as 2026-12-02T00:30:00Z")
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    try:
        moment = datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
        if match[9]:  # 9999-12-31T23:00:00-02:00 is past the last date datetime holds
            offset = timedelta(hours=int(match[10]), minutes=int(match[11]))
            moment -= offset if match[9] == "+" else -offset
    except (ValueError, OverflowError):
        raise MappingError(f"'time' {text!r} is not a date and time") from None
    whole = int((moment - _EPOCH).total_seconds()) + (second - min(second, 59))
    if whole < 0:
        raise MappingError("'time' must not be before 1970")
    micros = (match[7] or "").ljust(6, "0")[:6]
    return float(f"{whole}.{micros}")


def envelope_to_cloudevent(env: Envelope, *, stream: str, version: int) -> dict[str, Any]:
    """The CloudEvent of ``env``, message ``version`` of ``stream``."""
    wire = envelope_to_dict(env)
    event: dict[str, Any] = {
        "specversion": SPECVERSION,
        "id": wire["event_id"],
        "source": wire["source"],
        "type": f"{TYPE_PREFIX}{wire['type']}",
        "time": _rfc3339(wire["timestamp"]),
        "datacontenttype": _CONTENT_TYPE,
        "subject": stream,
        "data": wire["payload"],
        "correlationid": wire["correlation_id"],
    }
    if wire["causation_id"] is not None:
        event["causationid"] = wire["causation_id"]
    event["sequence"] = str(version)
    return event


def is_cloudevent(data: object) -> bool:
    """Whether a parsed line is a CloudEvent (it names its ``specversion``)."""
    return isinstance(data, dict) and "specversion" in data


def record_from_cloudevent(data: dict[str, Any]) -> tuple[Envelope, int | None]:
    """Validate a CloudEvent of an export and build its envelope; also its ``sequence`` (None
    if absent). Raises ``MappingError`` with a readable reason."""
    if data.get("specversion") != SPECVERSION:
        raise MappingError(f"'specversion' must be {SPECVERSION!r}")
    unknown = set(data) - _KNOWN
    if unknown:
        raise MappingError(f"unknown CloudEvents attribute(s): {', '.join(sorted(unknown))}")
    missing = [
        k for k in ("id", "source", "type", "time", "data", "correlationid") if k not in data
    ]
    if missing:
        raise MappingError(f"missing CloudEvents attribute(s): {', '.join(missing)}")
    content = data.get("datacontenttype", _CONTENT_TYPE)
    if content != _CONTENT_TYPE:
        raise MappingError(f"'datacontenttype' must be {_CONTENT_TYPE!r}")
    kind = data["type"]
    if not isinstance(kind, str) or not kind.startswith(TYPE_PREFIX):
        raise MappingError(f"'type' must be {TYPE_PREFIX}<message type>, not {str(kind)[:60]!r}")
    subject = data.get("subject")
    if subject is not None and not isinstance(subject, str):
        raise MappingError("'subject' must be a string")
    sequence = data.get("sequence")
    version: int | None = None
    if sequence is not None:
        if not isinstance(sequence, str) or not sequence.isdigit() or len(sequence) > 19:
            raise MappingError("'sequence' must be a whole number written as a string")
        version = int(sequence)
    wire = {
        "event_id": data["id"],
        "correlation_id": data["correlationid"],
        "causation_id": data.get("causationid"),
        "timestamp": _timestamp(data["time"]),
        "source": data["source"],
        "type": kind.removeprefix(TYPE_PREFIX),
        "payload": data["data"],
    }
    if version is not None:
        wire["version"] = version
    return record_from_dict(wire)
