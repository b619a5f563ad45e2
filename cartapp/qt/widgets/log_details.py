"""The event log's details pane: a record, its correlation's path and its envelope, as text.

``details_pane`` makes the read-only monospace ``eventDetails`` pane beside the log table;
``describe_record`` writes what it shows for the selected record: its stage, handler, duration,
latency and error, every kept record of its correlation (one click's whole path) with times
relative to the first, and the envelope as JSON through the store's mapper (the one wire format).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from cartapp.bus.stages import Stage
from cartapp.history.log_text import format_clock, format_duration, short_id, source_text
from cartapp.qt.models.event_log import stage_name

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from cartapp.bus import StageRecord

__all__ = ["describe_record", "details_pane", "path_lines"]


translate = QCoreApplication.translate


def _field(label: str, value: str) -> str:
    """A details line: the label in a column of its own ("  stage     handled")."""
    return f"  {label:<9} {value}"


def details_pane(parent: QWidget) -> QPlainTextEdit:
    """The ``eventDetails`` pane: read-only, monospace, not wrapped."""
    details = QPlainTextEdit(parent)
    details.setObjectName("eventDetails")
    details.setAccessibleName(QCoreApplication.translate("EventLogDock", "Event details"))
    details.setReadOnly(True)
    details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    mono.setStyleHint(QFont.StyleHint.Monospace)
    mono.setFixedPitch(True)
    details.setFont(mono)
    details.setPlaceholderText(
        QCoreApplication.translate(
            "EventLogDock", "Select a row to see its envelope and its whole path"
        )
    )
    return details


def describe_record(
    record: StageRecord,
    path: Sequence[StageRecord],
    who: Callable[[StageRecord], str] = source_text,
) -> str:
    """The details text: the record, its correlation's path (``path``: the kept records of its
    correlation, in order), and its envelope as JSON. ``who(record)`` is the log's Who cell
    (source, handler or consumers)."""
    env = record[1]
    stage = stage_name(record[0])
    lines = [
        f"{env.event_type} · {stage}",
        _field(translate("EventLogDetails", "stage"), stage),
        _field(translate("EventLogDetails", "handler"), record[2] or "—"),
        _field(translate("EventLogDetails", "who"), who(record)),
        _field(
            translate("EventLogDetails", "duration"),
            format_duration(record[4]) if record[4] else "—",
        ),
        _field(
            translate("EventLogDetails", "latency"), format_duration(record[3] - env.created_ns)
        ),
        _field(
            translate("EventLogDetails", "time"),
            format_clock(env.timestamp + (record[3] - env.created_ns) / 1e9),
        ),
        _field(translate("EventLogDetails", "source"), str(env.source)),
    ]
    if record[5]:
        lines.append(_field(translate("EventLogDetails", "error"), record[5]))
    decided, committed = env.published_ns is not None, env.committed_ns
    if decided:
        before = translate("EventLogDetails", "{duration} before generated").format(
            duration=format_duration(env.created_ns - record[3])
        )
        lines.append(_field(translate("EventLogDetails", "decided"), before))
    if committed is not None:
        after = translate("EventLogDetails", "{duration} after decided").format(
            duration=format_duration(committed - env.created_ns)
        )
        lines.append(_field(translate("EventLogDetails", "committed"), after))
    records = len(path)
    path_title = translate(
        "EventLogDetails", "Path of correlation {id} (%n record(s))", "", records
    )
    lines += ["", path_title.format(id=short_id(env.correlation_id))]
    if path:
        lines += path_lines(record, path, who)
    # imported on first use: the store package is not needed to start the app
    from cartapp.store.mapper import envelope_to_json

    lines += ["", translate("EventLogDetails", "Envelope"), envelope_to_json(env, indent=2)]
    return "\n".join(lines)


def path_lines(
    record: StageRecord,
    path: Sequence[StageRecord],
    who: Callable[[StageRecord], str] = source_text,
) -> list[str]:
    """One line per record of ``path`` in causal order (by time: every stage of a message comes
    after the one that caused it), times relative to the first. A fact the cart service decided
    before its commit also gets its two moments, *decided* and *committed*, marked ``·``: they
    are not stages, and they come where they happened (before its command's ``handled``)."""
    moments: list[tuple[int, int, str, str, str, str]] = []
    seen: set[int] = set()
    for order, r in enumerate(path):
        env = r[1]
        if env.published_ns is not None and id(env) not in seen:
            seen.add(id(env))
            decided = translate("EventLogDetails", "decided")
            moments.append((env.created_ns, -2, "·", decided, env.event_type, str(env.source)))
            if env.committed_ns is not None:
                committed, store = (
                    translate("EventLogDetails", "committed"),
                    translate("EventLogDetails", "event store"),
                )
                moments.append((env.committed_ns, -1, "·", committed, env.event_type, store))
        took = f"  {format_duration(r[4])}" if r[4] and r[0] != Stage.CONSUMED else ""
        error = f"  {r[5]}" if r[5] else ""
        mark = ">" if r is record else " "
        what = stage_name(r[0])
        moments.append((r[3], order, mark, what, env.event_type, f"{who(r)}{took}{error}"))
    moments.sort(key=lambda m: (m[0], m[1]))
    origin = moments[0][0]
    width = max(len(m[4]) for m in moments)
    return [
        f"{mark}{'+' + format_duration(t - origin):>9} {what:<11} {event_type:<{width}} {who}"
        for t, _, mark, what, event_type, who in moments
    ]
