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

from cartapp.domain.events import MESSAGE_TYPES
from cartapp.store.mapper import (
    MAX_ID,
    MappingError,
    envelope_to_dict,
    record_from_dict,
    stored_columns,
    validated_payload,
    wire_timestamp,
)

if TYPE_CHECKING:
    from cartapp.bus.envelope import Envelope
    from cartapp.domain.events import Message
    from cartapp.store.rows import Columns

__all__ = [
    "SPECVERSION",
    "TYPE_PREFIX",
    "columns_from_cloudevent",
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

_REQUIRED = frozenset({"specversion", "id", "source", "type", "time", "data", "correlationid"})
_MAX_TIME = 32503680000
_KIND_OF = {name: cls.kind for name, cls in MESSAGE_TYPES.items()}
_MINUTES: dict[str, int] = {}
"""Seconds since 1970 of ``YYYY-MM-DDTHH:MM`` (an export's times share a few minutes)."""


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
        if (
            not isinstance(sequence, str)
            or not sequence.isascii()  # "12²" is a digit to isdigit(), not to int()
            or not sequence.isdigit()
            or len(sequence) > 19
        ):
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


def _export_time(text: object) -> float | None:
    """``_timestamp`` of a time written as an export writes it (``...T12:34:56.123456Z``, seconds
    0-59), from a cache of its minute; None for any other time (``_timestamp`` then decides)."""
    if type(text) is not str or len(text) != 27 or text[26] != "Z":
        return None
    minute = _MINUTES.get(text[:16])
    if minute is not None:  # the minute was matched whole: the rest must be ":SS.ffffffZ"
        if not (
            text[16] == ":"
            and text[19] == "."
            and text.isascii()
            and text[17:19].isdigit()
            and text[20:26].isdigit()
        ):
            return None
    elif _TIME.fullmatch(text):  # a 27-character match ending in Z has ".ffffff" (6 digits)
        try:
            moment = datetime(
                int(text[:4]),
                int(text[5:7]),
                int(text[8:10]),
                int(text[11:13]),
                int(text[14:16]),
                tzinfo=UTC,
            )
        except ValueError:
            return None
        minute = int((moment - _EPOCH).total_seconds())
        if len(_MINUTES) >= 4096:
            _MINUTES.clear()
        _MINUTES[text[:16]] = minute
    else:
        return None
    second = int(text[17:19])
    whole = minute + second
    if second > 59 or not 0 <= whole < _MAX_TIME:
        return None
    return float(f"{whole}.{text[20:26]}")


def columns_from_cloudevent(data: dict[str, Any]) -> tuple[Columns, Message, int | None]:
    """``record_from_cloudevent`` of ``data`` as the store's columns: the same checks, in one
    pass over an export's event without building its envelope or its wire dict. ``(columns,
    message, sequence)``. Whatever this pass does not accept goes to ``record_from_cloudevent``,
    which accepts it or raises its ``MappingError``: the reasons are its own, word for word."""
    keys = data.keys()
    kind = data.get("type")
    sequence = data.get("sequence")
    subject = data.get("subject")
    timestamp = _export_time(data.get("time"))
    name = kind[8:] if type(kind) is str and kind.startswith(TYPE_PREFIX) else None
    if (
        timestamp is None
        or name not in _KIND_OF
        or data.get("specversion") != SPECVERSION
        or not keys <= _KNOWN
        or not keys >= _REQUIRED
        or data.get("datacontenttype", _CONTENT_TYPE) != _CONTENT_TYPE
        or not (subject is None or type(subject) is str)
        or not (
            sequence is None
            or (
                type(sequence) is str
                and 0 < len(sequence) <= 18  # below 2**62, as the mapper bounds versions
                and sequence.isascii()
                and sequence.isdigit()
                and sequence.lstrip("0")
            )
        )
    ):
        return _checked(data)
    assert name is not None
    event_id = data["id"]
    corr = data["correlationid"]
    cause = data.get("causationid")
    source = data["source"]
    if not (
        type(event_id) is str
        and type(corr) is str
        and type(source) is str
        and 0 < len(event_id) <= MAX_ID
        and 0 < len(corr) <= MAX_ID
        and 0 < len(source) <= MAX_ID
        and f"{event_id}{corr}{source}".isprintable()
        and (cause is None or (type(cause) is str and 0 < len(cause) <= MAX_ID))
        and (cause is None or cause.isprintable())
    ):
        return _checked(data)
    try:
        event, payload = validated_payload(name, data["data"])
    except MappingError:
        return _checked(data)
    stamp = wire_timestamp(timestamp)  # as stored_columns keeps it
    columns = (event_id, name, _KIND_OF[name], corr, cause, source, stamp, payload)
    return columns, event, None if sequence is None else int(sequence)


def _checked(data: dict[str, Any]) -> tuple[Columns, Message, int | None]:
    env, version = record_from_cloudevent(data)
    return stored_columns(env), env.event, version
