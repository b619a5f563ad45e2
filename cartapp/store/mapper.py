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
- ``trusted_event(type, payload)`` rebuilds a message from the payload JSON *the store itself
  wrote*, without pydantic validation: a per-type codec that turns the money strings back into
  ``Decimal`` and the line lists into ``LineSnapshot`` tuples. Messages are immutable, so equal
  payloads share one decoded message (a small per-type cache): replaying a long history decodes
  each distinct payload once. Types without a codec fall back to validation.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from cartapp.bus.envelope import Envelope
from cartapp.domain.events import (
    MESSAGE_TYPES,
    CartCleared,
    CheckedOut,
    ItemAdded,
    LineSnapshot,
    Message,
)
from cartapp.domain.pos import Tender

__all__ = [
    "MAX_ID",
    "MappingError",
    "envelope_from_dict",
    "envelope_from_json",
    "envelope_to_dict",
    "envelope_to_json",
    "payload_json",
    "record_from_dict",
    "record_from_json",
    "stored_columns",
    "trusted_event",
    "wire_timestamp",
]

MAX_ID = 80
_FIELDS = ("event_id", "correlation_id", "causation_id", "timestamp", "source", "type", "payload")


class MappingError(ValueError):
    """A dict or JSON line that is not a valid message envelope; the text says why."""


def payload_json(event: Message) -> str:
    """The message's fields as compact JSON: the ``payload`` of the wire format."""
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
    return (
        env.event_id,
        type(event).__name__,
        event.kind,
        env.correlation_id,
        env.causation_id,
        env.source,
        wire_timestamp(env.timestamp),
        payload_json(event),
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


def record_from_dict(data: object) -> tuple[Envelope, int | None]:
    """Like ``envelope_from_dict``, also returning the line's ``version`` (None if absent)."""
    if not isinstance(data, dict):
        raise MappingError("an event must be a JSON object")
    unknown = set(data) - {*_FIELDS, "kind", "version"}
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
    version = data.get("version")
    if version is not None and (
        isinstance(version, bool) or not isinstance(version, int) or not 1 <= version < 2**62
    ):
        raise MappingError("'version' must be a whole number of at least 1")
    try:
        event = cls.model_validate(data["payload"])
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "payload"
        raise MappingError(f"{type_name}.{where}: {first.get('msg')}") from None
    env = Envelope.new(
        event,
        source=_text(data, "source") or "import",
        event_id=_text(data, "event_id"),
        correlation_id=_text(data, "correlation_id"),
        causation_id=_text(data, "causation_id", optional=True),
        timestamp=float(timestamp),
    )
    return env, version


def envelope_from_json(line: str | bytes) -> Envelope:
    return record_from_json(line)[0]


def record_from_json(line: str | bytes) -> tuple[Envelope, int | None]:
    """Parse and validate one JSON line; the ``version`` is None when the line has none."""
    try:
        data = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise MappingError(f"malformed JSON: {exc}") from None
    return record_from_dict(data)


# -- trusted decoding (the store's own rows) --------------------------------------------------

_set = object.__setattr__
_CACHE_LIMIT = 4096


def _construct(cls: type[Message], values: dict[str, Any], fields: frozenset[str]) -> Any:
    """What ``model_construct`` does for our plain frozen models, minus its generic loop."""
    obj = cls.__new__(cls)
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", set(fields))
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


_LINE_FIELDS = frozenset(LineSnapshot.model_fields)


def _lines(raw: list[dict[str, Any]]) -> tuple[LineSnapshot, ...]:
    out = []
    for d in raw:
        if d.keys() != _LINE_FIELDS:
            raise MappingError(f"a line has the fields {sorted(d)}")
        d["unit_price"] = Decimal(d["unit_price"])
        d["tax_rate"] = Decimal(d["tax_rate"])
        out.append(_construct(LineSnapshot, d, _LINE_FIELDS))  # type: ignore[arg-type]
    return tuple(out)


def _codec(cls: type[Message], convert: Callable[[dict[str, Any]], None] | None) -> Any:
    fields = frozenset(cls.model_fields)
    # fields added later with a default: a row written before them lacks them (older history)
    defaults = {
        name: info.default
        for name, info in cls.model_fields.items()
        if not info.is_required() and info.default_factory is None
    }
    loads = json.loads

    def decode(payload: str) -> Message:
        values = loads(payload)
        if values.keys() != fields:  # a missing field would only fail where it is used
            if not values.keys() <= fields or not fields - values.keys() <= defaults.keys():
                raise MappingError(f"it has the fields {sorted(values)}")
            present = frozenset(values)
            values = {**{k: defaults[k] for k in fields - present}, **values}
        else:
            present = fields
        if convert is not None:
            convert(values)
        result: Message = _construct(cls, values, present)
        return result

    return decode


def _item_added(d: dict[str, Any]) -> None:
    d["unit_price"] = Decimal(d["unit_price"])
    d["tax_rate"] = Decimal(d["tax_rate"])


def _cart_cleared(d: dict[str, Any]) -> None:
    d["lines"] = _lines(d["lines"])


_TENDER_FIELDS = frozenset(Tender.model_fields)


def _checked_out(d: dict[str, Any]) -> None:
    d["lines"] = _lines(d["lines"])
    d["subtotal"] = Decimal(d["subtotal"])
    d["tax"] = Decimal(d["tax"])
    d["total"] = Decimal(d["total"])
    d["discount"] = Decimal(d["discount"])
    d["change"] = Decimal(d["change"])
    d["line_discounts"] = tuple(Decimal(x) for x in d["line_discounts"])
    tenders = []
    for t in d["tenders"]:
        if not isinstance(t, dict) or t.keys() != _TENDER_FIELDS:
            raise MappingError("a tender has other fields")
        t["amount"] = Decimal(t["amount"])
        tenders.append(_construct(Tender, t, _TENDER_FIELDS))  # type: ignore[arg-type]
    d["tenders"] = tuple(tenders)


_CONVERTERS: dict[type[Message], Callable[[dict[str, Any]], None]] = {
    ItemAdded: _item_added,
    CartCleared: _cart_cleared,
    CheckedOut: _checked_out,
}
_PLAIN_FIELDS = (str, int)
"""Field types a trusted payload carries as they are (JSON gives them back unchanged)."""


def _needs_no_conversion(cls: type[Message]) -> bool:
    return all(f.annotation in _PLAIN_FIELDS for f in cls.model_fields.values())


def _make_decoders() -> dict[str, Callable[[str], Message]]:
    decoders: dict[str, Callable[[str], Message]] = {}
    for name, cls in MESSAGE_TYPES.items():
        if cls in _CONVERTERS:
            decoders[name] = _codec(cls, _CONVERTERS[cls])
        elif _needs_no_conversion(cls):
            decoders[name] = _codec(cls, None)
        else:  # a type this codec does not know yet: validate (slow but right)
            decoders[name] = cls.model_validate_json
    return decoders


_DAMAGE = (ValueError, TypeError, KeyError, AttributeError, ArithmeticError, RecursionError)
"""What decoding a damaged payload raises (``json``, the converters, ``_construct``)."""


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


_DECODERS = _make_decoders()
_CACHES: dict[str, dict[str, Message]] = {name: {} for name in _DECODERS}


def trusted_event(type_name: str, payload: str) -> Message:
    """The message of a stored row (written by ``payload_json``), without validation.

    Only for rows this store wrote; anything from outside goes through ``envelope_from_dict``.
    Raises ``MappingError`` for an unknown type and for a payload that is not what
    ``payload_json`` writes (not JSON, other fields, a price that is not a number: a damaged or
    tampered row). Field types are not checked: that is what validation is for.
    """
    cache = _CACHES.get(type_name)
    if cache is None:
        raise MappingError(f"unknown event type {str(type_name)[:40]!r}")
    event = cache.get(payload)
    if event is None:
        try:
            event = _DECODERS[type_name](payload)
        except _DAMAGE as exc:
            raise MappingError(f"stored {type_name} cannot be read: {_short(exc)}") from exc
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[payload] = event
    return event
