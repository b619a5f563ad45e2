"""The one mapper: envelopes to plain dicts / JSON lines and back. The only place that knows the
wire format, used by the store, export/import and the event log's details pane.

Wire format (one JSON object per message)::

    {"event_id": "...", "correlation_id": "...", "causation_id": null | "...",
     "timestamp": 1764180000.123456, "source": "ui", "type": "AddItem", "kind": "command",
     "payload": {"item_id": "espresso-beans", "quantity": 2}}

Money and rates travel as strings ("18.90"), never as JSON numbers; times are rounded to the
microsecond (``wire_timestamp``). An exported line may also carry ``"version": 12``, the event's
position in its stream (1-based); importers check that the versions of a file have no gaps.

The store keeps the same fields in columns: ``stored_columns(env)`` gives them, with the payload
as ``payload_json`` writes it, so an exported row re-imported elsewhere carries exactly the
stored values.

Two ways back from the wire:

- ``envelope_from_dict`` / ``record_from_json`` validate everything (import, anything untrusted);
- ``trusted_event(type, payload)`` rebuilds a message from a stored row's payload JSON with
  the same validation (a stored row is untrusted too: a hand edit, another program, a bad
  disk). Messages are immutable, so equal payloads share one decoded message (a small per-type
  cache): replaying a long history validates each distinct payload once.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError

from cartapp.bus.envelope import Envelope
from cartapp.domain.events import (
    MESSAGE_TYPES,
    LineSnapshot,
    Message,
)
from cartapp.store.compact import compact_json

__all__ = [
    "DECODED",
    "MAX_ID",
    "MappingError",
    "clear_caches",
    "envelope_from_dict",
    "envelope_from_json",
    "envelope_to_dict",
    "envelope_to_json",
    "payload_json",
    "record_from_dict",
    "record_from_json",
    "stored_columns",
    "trusted_event",
    "validated_line",
    "validated_payload",
    "validated_payload_text",
    "wire_timestamp",
]

MAX_ID = 80
_FIELDS = ("event_id", "correlation_id", "causation_id", "timestamp", "source", "type", "payload")


class MappingError(ValueError):
    """A dict or JSON line that is not a valid message envelope; the text says why."""


def payload_json(event: Message) -> str:
    """The message's fields as compact JSON: the ``payload`` of the wire format.

    A message validated by ``record_from_dict`` had its JSON written once, when its payload was
    first seen (``_remember``); appending an import then costs no second dump per line.
    """
    hit = _JSON_OF.get(id(event))
    if hit is not None and hit[0] is event:
        return hit[1]
    return event.model_dump_json()


def wire_timestamp(timestamp: float) -> float:
    """A time as the wire format carries it: seconds since 1970, to the microsecond."""
    return round(timestamp, 6)


def stored_columns(env: Envelope) -> tuple[str, str, str, str, str | None, str, float, str]:
    """``(event_id, type, kind, correlation_id, causation_id, source, timestamp, payload)`` of
    ``env`` as the store keeps them (the wire format's values). Raises ``TypeError`` for an
    envelope that does not carry a message."""
    event = env.event
    if not isinstance(event, Message):
        raise TypeError(f"only messages can be stored, not {type(event).__name__}")
    hit = _JSON_OF.get(id(event))  # payload_json, inline: this runs once per stored message
    payload = hit[1] if hit is not None and hit[0] is event else event.model_dump_json()
    return (
        env.event_id,
        type(event).__name__,
        event.kind,
        env.correlation_id,
        env.causation_id,
        env.source,
        round(env.timestamp, 6),  # wire_timestamp
        payload,
    )


def envelope_to_dict(env: Envelope, *, version: int | None = None) -> dict[str, Any]:
    """The wire form of ``env``; ``version`` (its place in a stream) is added when given."""
    event = env.event
    data = {
        "event_id": env.event_id,
        "correlation_id": env.correlation_id,
        "causation_id": env.causation_id,
        "timestamp": wire_timestamp(env.timestamp),
        "source": env.source,
        "type": type(event).__name__,
        "kind": getattr(event, "kind", "message"),
        "payload": event.model_dump(mode="json") if isinstance(event, Message) else repr(event),
    }
    if version is not None:
        data["version"] = version
    return data


def envelope_to_json(
    env: Envelope, *, indent: int | None = None, version: int | None = None
) -> str:
    return json.dumps(envelope_to_dict(env, version=version), indent=indent, ensure_ascii=False)


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
    return record_from_dict(data)[0]


_ALLOWED = frozenset({*_FIELDS, "kind", "version"})
_REQUIRED = frozenset(_FIELDS)
_MAX_TIME = 32503680000
_KIND_OF = {name: cls.kind for name, cls in MESSAGE_TYPES.items()}


def record_from_dict(data: object) -> tuple[Envelope, int | None]:
    """Like ``envelope_from_dict``, also returning the line's ``version`` (None if absent).

    This is an import's hot path: the envelope's fields are checked inline (``_text`` says what
    is wrong only once a check failed), and a payload is validated by its message type once per
    distinct payload (``_payload_event``). The problems are found, and named, in this order:
    fields, type, kind, timestamp, version, payload, ids and source.
    """
    if not isinstance(data, dict):
        raise MappingError("an event must be a JSON object")
    keys = data.keys()
    if not keys <= _ALLOWED:
        unknown = set(data) - _ALLOWED
        raise MappingError(f"unknown field(s): {', '.join(sorted(unknown))}")
    if not keys >= _REQUIRED:
        missing = [k for k in _FIELDS if k not in data]
        raise MappingError(f"missing field(s): {', '.join(missing)}")
    type_name = data["type"]
    cls = MESSAGE_TYPES.get(type_name) if isinstance(type_name, str) else None
    if cls is None:
        raise MappingError(f"unknown event type {str(type_name)[:40]!r}")
    if "kind" in data and data["kind"] != _KIND_OF[type_name]:
        raise MappingError(f"'kind' of {type_name} must be {cls.kind!r}")
    timestamp = data["timestamp"]
    kind_of_time = type(timestamp)
    plain_time = (kind_of_time is float or kind_of_time is int) and 0 <= timestamp < _MAX_TIME
    if not plain_time and (  # NaN fails the comparison; the full rule then says why
        isinstance(timestamp, bool)
        or not isinstance(timestamp, int | float)
        or not math.isfinite(timestamp)
        or not 0 <= timestamp < _MAX_TIME
    ):
        raise MappingError("'timestamp' must be seconds since 1970 as a number")
    version = data.get("version")
    if version is not None and (
        isinstance(version, bool) or not isinstance(version, int) or not 1 <= version < 2**62
    ):
        raise MappingError("'version' must be a whole number of at least 1")
    event = _payload_event(cls, type_name, data["payload"])
    event_id = data["event_id"]
    corr = data["correlation_id"]
    cause = data["causation_id"]
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
        event_id = _text(data, "event_id")
        corr = _text(data, "correlation_id")
        cause = _text(data, "causation_id", optional=True)
        source = _text(data, "source")
    env = Envelope.new(
        event,
        source=source,
        event_id=event_id,
        correlation_id=corr,
        causation_id=cause,
        timestamp=float(timestamp),
    )
    return env, version


_key_of = compact_json
"""A payload's identity for the cache below: its compact JSON. Two payloads parsed from JSON
with the same compact text hold the same values of the same JSON types (1, 1.0, "1" and true
differ), so they validate to the same message."""

_VALIDATED: dict[str, dict[str, Message]] = {name: {} for name in MESSAGE_TYPES}
_JSON_OF: dict[int, tuple[Message, str]] = {}
"""``id(message) -> (message, payload_json)`` for the messages cached above (the message is
kept with its id, so an id reused by a later object is never mistaken for it)."""


def _remember(cache: dict[str, Message], key: str, event: Message) -> None:
    if len(cache) >= _CACHE_LIMIT:
        for dropped in list(cache.values()):
            _JSON_OF.pop(id(dropped), None)
        cache.clear()
    cache[key] = event
    _JSON_OF[id(event)] = (event, event.model_dump_json())


_LINES: dict[str, LineSnapshot] = {}
"""Validated cart lines by their compact JSON: a checkout's lines recur in other checkouts."""


def clear_caches() -> None:
    """Forget every decoded payload (benchmarks measure a first import or replay with it)."""
    for cache in (*_VALIDATED.values(), *_CACHES.values()):
        cache.clear()
    for pairs in (*_PAIRS.values(), *_TEXTS.values()):
        pairs.clear()
    _LINES.clear()
    _JSON_OF.clear()


def _cached_lines(payload: dict[str, Any]) -> dict[str, Any] | None:
    """``payload`` with each of its ``lines`` replaced by the validated ``LineSnapshot`` (once
    per distinct line); None when a line fails, so the whole payload's validation names it."""
    out = []
    for line in payload["lines"]:
        key = _key_of(line)
        snapshot = _LINES.get(key)
        if snapshot is None:
            try:
                snapshot = LineSnapshot.model_validate(line)
            except ValidationError:
                return None
            if len(_LINES) >= _CACHE_LIMIT:
                _LINES.clear()
            _LINES[key] = snapshot
        out.append(snapshot)
    return {**payload, "lines": out}


def _payload_event(cls: type[Message], type_name: str, payload: object) -> Message:
    """The message of ``payload``, validated by ``cls`` once per distinct payload (messages are
    immutable, so equal payloads share one); raises ``MappingError``."""
    cache = _VALIDATED[type_name]
    key: str | None
    try:
        key = _key_of(payload)
    except (TypeError, ValueError, RecursionError):  # not plain JSON data: validate, never cache
        key = None
    else:
        event = cache.get(key)
        if event is not None:
            return event
    event = _validate(cls, type_name, payload, cached_lines=key is not None)
    if key is not None and _CACHE_LIMIT > 0:
        _remember(cache, key, event)
    return event


def _validate(
    cls: type[Message], type_name: str, payload: object, *, cached_lines: bool
) -> Message:
    """``cls.model_validate(payload)`` (a checkout's lines from ``_LINES`` if ``cached_lines``:
    only for plain JSON data); raises ``MappingError``."""
    checked = None
    if cached_lines and type(payload) is dict and type(payload.get("lines")) is list:
        checked = _cached_lines(payload)
    try:
        return cls.model_validate(payload if checked is None else checked)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "payload"
        raise MappingError(f"{type_name}.{where}: {first.get('msg')}") from None


def validated_payload(type_name: str, payload: object) -> tuple[Message, str]:
    """The message of ``payload`` as a ``type_name`` (a key of ``MESSAGE_TYPES``), validated as
    ``record_from_dict`` validates it (once per distinct payload), with its ``payload_json``.
    Raises ``MappingError`` (the same reason ``record_from_dict`` gives) or ``KeyError`` for an
    unknown type."""
    pairs = _PAIRS[type_name]
    key: str | None
    try:
        key = _key_of(payload)
    except (TypeError, ValueError, RecursionError):
        key = None
    else:
        pair = pairs.get(key)
        if pair is not None:
            return pair
    event = _payload_event(MESSAGE_TYPES[type_name], type_name, payload)
    hit = _JSON_OF.get(id(event))
    pair = event, hit[1] if hit is not None and hit[0] is event else event.model_dump_json()
    if key is not None and _CACHE_LIMIT > 0:
        if len(pairs) >= _CACHE_LIMIT:
            pairs.clear()
        pairs[key] = pair
    return pair


_PAIRS: dict[str, dict[str, tuple[Message, str]]] = {name: {} for name in MESSAGE_TYPES}
"""``validated_payload``'s answers by payload key: one look-up for a payload seen before."""


def validated_payload_text(
    type_name: str, text: str, load: Callable[[str], object]
) -> tuple[Message, str]:
    """``validated_payload(type_name, load(text))``, once per distinct ``text`` (a payload's
    JSON as a line carries it): the same text always loads to the same values, so a payload
    seen before costs one look-up, neither parsing nor a key. ``load`` parses JSON (and refuses
    what the caller refuses); whatever it or the validation raises is raised, never cached.
    A text not seen before is validated as ``validated_payload`` validates it but without its
    payload keys (the text is the key: a checkout's payload is seldom seen twice, and its key
    cost a third of its validation)."""
    texts = _TEXTS[type_name]
    pair = texts.get(text)
    if pair is None:
        event = _validate(MESSAGE_TYPES[type_name], type_name, load(text), cached_lines=True)
        pair = event, event.model_dump_json()
        if _CACHE_LIMIT > 0:
            if len(texts) >= _CACHE_LIMIT:
                texts.clear()
            texts[text] = pair
    return pair


_TEXTS: dict[str, dict[str, tuple[Message, str]]] = {name: {} for name in MESSAGE_TYPES}
"""``validated_payload_text``'s answers by the payload's text."""


def envelope_from_json(line: str | bytes) -> Envelope:
    return record_from_json(line)[0]


def record_from_json(line: str | bytes) -> tuple[Envelope, int | None]:
    """Parse and validate one JSON line; the ``version`` is None when the line has none."""
    try:
        data = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise MappingError(f"malformed JSON: {exc}") from None
    return record_from_dict(data)


# -- decoding the store's own rows -----------------------------------------------------------

_CACHE_LIMIT = 4096


def _short(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "payload"
        text = f"{where}: {first.get('msg')}"
    else:
        text = str(exc) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


_DAMAGE = (ValueError, TypeError, KeyError, ArithmeticError, RecursionError)
"""What validating a damaged payload raises (pydantic's ``ValidationError`` is a ValueError)."""

_DECODERS: dict[str, Callable[[str], Message]] = {
    name: cls.model_validate_json for name, cls in MESSAGE_TYPES.items()
}
_CACHES: dict[str, dict[str, Message]] = {name: {} for name in _DECODERS}

DECODED: Mapping[str, Mapping[str, Message]] = _CACHES
"""What ``trusted_event`` decoded so far, by type name and then payload: a hot loop looks a
row up here first and calls ``trusted_event`` only for a payload not found (read only)."""


def validated_line(values: dict[str, object]) -> LineSnapshot:
    """A cart line (as a snapshot stores it) checked by the rules of ``LineSnapshot``."""
    try:
        return LineSnapshot.model_validate(values)
    except ValidationError as exc:
        raise MappingError(f"a line's {_short(exc)}") from None


def trusted_event(type_name: str, payload: str) -> Message:
    """The message of a stored row, validated exactly as a message is when it is built.

    A stored row is untrusted input (a hand edit, another program, a bad disk), so the payload
    passes the same type and range rules as at the boundary: a quantity "abc", -500 or 10^20,
    a price NaN or a currency "xx" is refused here, never folded into a wrong cart. Messages
    are immutable, so equal payloads share one decoded message (a small per-type cache):
    replaying a long history validates each distinct payload once.

    Raises ``MappingError`` (with a short reason) for an unknown type or a payload that fails.
    """
    cache = _CACHES.get(type_name)
    if cache is None:
        raise MappingError(f"unknown event type {str(type_name)[:40]!r}")
    event = cache.get(payload)
    if event is None:
        try:
            event = _DECODERS[type_name](payload)
        except _DAMAGE as exc:
            raise MappingError(f"stored {type_name} cannot be read: {_short(exc)}") from None
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[payload] = event
    return event
