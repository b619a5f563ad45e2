"""``columns_from_export_line``: a CloudEvents line exactly as an export writes it, read by one
regular expression instead of a JSON parser and a dict.

``export_jsonl`` writes every CloudEvent with ``json.dumps`` in one order and spacing::

    {"specversion": "1.0", "id": "…", "source": "…", "type": "cartapp.AddItem", "time": "…",
     "datacontenttype": "application/json", "subject": "…", "data": {…},
     "correlationid": "…", "causationid": "…", "sequence": "12"}

(``causationid`` only when there is one). A line of exactly that shape, whose texts hold no
escape (no ``"``, ``\\`` or control character), is taken apart by ``_LINE``: the texts are the
strings as they are, and ``data`` is the payload's JSON text, validated once per distinct text
(``mapper.validated_payload_text``: a payload seen before is neither parsed nor keyed again).
Each value then passes the checks of ``columns_from_cloudevent`` (the same bounds, the same
``_export_time``), so the columns, message and sequence are the ones it gives for the parsed line.
The time is kept as ``float("<seconds>.<six digits>")`` without ``wire_timestamp`` (a
``round(t, 6)``, which costs more than the rest of the time): the double nearest to a number of
six decimals rounds back to itself below the year 3000 (its distance to that number, and to any
other of six decimals it could round to, stays under half its spacing), as a test checks.

The line is the JSON object the parser would build: the keys are fixed and distinct, the texts
are JSON strings without escapes, and ``data`` is refused here unless ``load`` parses it whole.
Anything else (other spacing or order, an escape, an unknown type, a value a check refuses, a
payload that fails) gives None, and the caller reads the line the general way, which accepts it
or words the refusal. So this path decides nothing on its own: it only skips work for the lines
that the general path would accept with these very values.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cartapp.domain.events import MESSAGE_TYPES, Message
from cartapp.store.cloudevents import _MAX_TIME, _MINUTES, _export_time
from cartapp.store.mapper import MAX_ID, MappingError, validated_payload_text
from cartapp.store.rows import Columns

__all__ = ["columns_from_export_line"]

_TEXT = r'([^"\\\x00-\x1f]*)'
"""A JSON string's content without any escape (the parser would return it as it is)."""
_ID = _TEXT.replace("*)", f"{{1,{MAX_ID}}})")
"""The same, 1 to ``MAX_ID`` characters long (an id's or a source's bounds)."""

_LINE = re.compile(
    r'\{"specversion": "1\.0", "id": ' + f'"{_ID}", "source": "{_ID}", '
    r'"type": "cartapp\.([A-Za-z]{1,60})", '
    r'"time": "([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}):([0-5][0-9])\.([0-9]{6})Z", '
    r'"datacontenttype": "application/json", ' + f'"subject": "{_TEXT}", '
    r'"data": (\{.*\}), ' + f'"correlationid": "{_ID}"(?:, "causationid": "{_ID}")?, '
    r'"sequence": "((?=[0-9]{1,18}"\}\Z)0*[1-9][0-9]*)"\}',
    re.DOTALL,
)
_NAMES = {name: (name, cls.kind) for name, cls in MESSAGE_TYPES.items()}


def columns_from_export_line(
    text: str, load: Callable[[str], object]
) -> tuple[Columns, Message, int] | None:
    """``(columns, message, sequence)`` of an export's line, or None (see the module
    docstring). ``load`` parses a payload's JSON text as the caller parses a line (with its
    limits); what it raises makes the answer None."""
    match = _LINE.fullmatch(text)
    if match is None:
        return None
    (
        event_id,
        source,
        type_name,
        minute_text,
        second,
        micros,
        _subject,
        data,
        corr,
        cause,
        sequence,
    ) = match.groups()
    named = _NAMES.get(type_name)
    if named is None or not f"{event_id}{corr}{source}{cause or ''}".isprintable():
        return None
    minute = _MINUTES.get(minute_text)
    if minute is None:  # _export_time fills the cache for the minute, or refuses the time
        if _export_time(f"{minute_text}:{second}.{micros}Z") is None:
            return None
        minute = _MINUTES[minute_text]
    whole = minute + int(second)
    if not 0 <= whole < _MAX_TIME:
        return None
    timestamp = float(f"{whole}.{micros}")  # == wire_timestamp(timestamp): see the docstring
    name, kind = named
    try:
        event, payload = validated_payload_text(name, data, load)
    except (MappingError, ValueError, RecursionError):
        return None
    columns = (event_id, name, kind, corr, cause, source, timestamp, payload)
    return columns, event, int(sequence)
