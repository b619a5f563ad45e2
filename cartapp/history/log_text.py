"""How a stage record reads in the event log: times, durations, short ids, one-line summaries.

Plain functions of a ``StageRecord`` (no Qt): ``format_clock`` (``hh:mm:ss.mmm``),
``format_duration`` (µs, ms or s, whichever reads best), ``short_id``, ``record_summary`` (the
message's ``summary()``, or a failed handler's error; given the catalog's names, a command says
its product's name as its facts do: "add 3 x Butter croissant"), ``source_text`` (the Who cell:
source, handler or consumers), ``is_alert`` (rows that must stand out) and ``search_text`` (what
the log's free-text search looks in). The event log's model formats its cells with them,
lazily, for the rows a view paints.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from cartapp.bus.stages import Stage
from cartapp.domain.i18n import translate
from cartapp.domain.names import COMMAND_REJECTED, HANDLER_FAILED

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from cartapp.bus import StageRecord
    from cartapp.domain.catalog import Product

__all__ = [
    "ALERT_TYPES",
    "NAMED_COMMANDS",
    "event_summary",
    "format_clock",
    "format_duration",
    "is_alert",
    "product_names",
    "record_summary",
    "search_text",
    "short_id",
    "source_text",
]

ALERT_TYPES = frozenset({COMMAND_REJECTED, HANDLER_FAILED})
"""Facts that mean something went wrong; their rows (and failed stages) stand out."""

_FAILED = Stage.FAILED
_HANDLER_STAGES = frozenset({Stage.TRANSMITTED, Stage.HANDLED, Stage.FAILED})


def format_clock(timestamp: float) -> str:
    """``hh:mm:ss.mmm`` in local time."""
    millis = int(timestamp * 1000.0) % 1000
    return f"{time.strftime('%H:%M:%S', time.localtime(timestamp))}.{millis:03d}"


def format_duration(ns: int) -> str:
    """A duration in the unit that reads best: ``850 µs``, ``12.4 ms``, ``1.25 s``."""
    if ns < 1_000_000:
        return f"{max(ns, 0) / 1000:.0f} µs"
    if ns < 1_000_000_000:
        return f"{ns / 1e6:.1f} ms"
    return f"{ns / 1e9:.2f} s"


def short_id(identifier: str, length: int = 6) -> str:
    """The last ``length`` characters of an id, marked as shortened."""
    return identifier if len(identifier) <= length else "…" + identifier[-length:]


_NO_NAMES: Mapping[str, str] = {}

NAMED_COMMANDS = frozenset(
    {"AddItem", "RemoveItem", "UpdateItem", "ApplyDiscount", "RemoveDiscount"}
)
"""Commands whose ``summary(name)`` takes the product's name (they carry only its id)."""


def product_names(products: Iterable[Product]) -> dict[str, str]:
    """The name lookup ``record_summary`` takes: product id -> product name."""
    return {p.id: p.name for p in products}


def record_summary(record: StageRecord, names: Mapping[str, str] = _NO_NAMES) -> str:
    """One line for the log: the message's ``summary()``, or the error of a failed handler.

    ``names`` (``product_names(catalog)``) gives a command about a product its name, as the
    facts say it; an id the lookup does not know stays as it is."""
    if record[0] is _FAILED and record[5]:
        return str(record[5])
    return event_summary(record[1].event, names)


def event_summary(event: object, names: Mapping[str, str] = _NO_NAMES) -> str:
    """A message's ``summary()``, a command about a product with the product's name from
    ``names`` (as its facts say it); ``repr`` for a payload that has no summary."""
    summary = getattr(event, "summary", None)
    if summary is None:
        return repr(event)
    if names:
        item_id = getattr(event, "item_id", None)
        if item_id is not None and type(event).__name__ in NAMED_COMMANDS:
            name = names.get(item_id)
            if name is not None:
                return str(summary(name))
    return str(summary())


def is_alert(record: StageRecord) -> bool:
    """A failed handler, a ``CommandRejected`` or a ``HandlerFailed``: rows that must stand out."""
    return record[0] is _FAILED or type(record[1].event).__name__ in ALERT_TYPES


_CONSUMED = Stage.CONSUMED


def source_text(record: StageRecord, consumers: Sequence[str] = ()) -> str:
    """Who, for this stage: the source that published the message (``generated`` and the rest),
    (→) the handler it went to (``transmitted``/``handled``/``failed``), or, for ``consumed``
    when ``consumers`` are known, who consumed it ("by cart view, event log")."""
    stage = record[0]
    if stage in _HANDLER_STAGES and record[2]:
        return f"→ {record[2]}"
    if stage is _CONSUMED and consumers:
        return translate("log_text", "by {consumers}").format(consumers=", ".join(consumers))
    return str(record[1].source)


def search_text(record: StageRecord) -> str:
    """What a free-text search looks in: summary, type, ids, source, handler, stage (casefolded)."""
    env = record[1]
    return " ".join(
        (
            record_summary(record),
            type(env.event).__name__,
            env.correlation_id,
            env.event_id,
            str(env.source),
            record[2] or "",
            str(record[0]),
        )
    ).casefold()
