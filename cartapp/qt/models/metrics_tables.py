"""The metrics panel's table models, and how counts and ratios read in them.

The table models (``ProbabilityModel``, ``LatencyModel``, ``HandlerModel``) are adapters over
one ``FlowReport`` each: ``set_report()`` replaces their rows. When the row keys are the same,
old and new rows are compared cell by cell and ``dataChanged`` names only the runs of cells that
changed (a click changes a few cells: the other rows keep their pixels); a model reset happens
only when an event type or handler appeared. Each ``Cell`` keeps its display text, so ``data()``
is a lookup; roles the tables never serve (font, decoration, check state, background, size
hint) return ``None`` before the cell is looked up. ``widest()`` says how wide each column's
texts are, so that the panel re-measures its columns only when that changes.
``format_count`` and ``format_ratio`` are the panels' number formats (the flow diagram uses them
too); ``VALUE_ROLE`` gives a cell's raw value and the ``COL_*`` constants name the columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from cartapp.analytics.glossary import definition
from cartapp.qt.i18n import QT_TRANSLATE_NOOP
from cartapp.qt.models.event_log import format_duration
from cartapp.qt.style import accent_colors

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cartapp.analytics import FlowReport, HandlerStats, Percentiles, Ratio, TypeStats

__all__ = [
    "COL_HANDLER_CALLS",
    "COL_HANDLER_FAILED",
    "COL_HANDLER_NAME",
    "COL_HANDLER_REJECTED",
    "COL_LATENCY_COUNT",
    "COL_LATENCY_STAGE",
    "COL_P50",
    "COL_PROB_ACCEPTED",
    "COL_PROB_LOSSES",
    "COL_PROB_P_C",
    "COL_PROB_P_E",
    "COL_PROB_P_H",
    "COL_PROB_P_T",
    "COL_PROB_REJECTED",
    "COL_PROB_SCOPE",
    "REJECTION_TIP",
    "VALUE_ROLE",
    "Cell",
    "HandlerModel",
    "LatencyModel",
    "ProbabilityModel",
    "ReportTableModel",
    "format_count",
    "format_ratio",
    "rejection_share",
]

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
"""``data(index, VALUE_ROLE)``: the cell's raw value (an int, a float, a ``Ratio`` or a str)."""

_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_SERVED = frozenset(int(r) for r in (_DISPLAY, VALUE_ROLE, _TOOLTIP, _ALIGN, _FOREGROUND))
"""The roles a cell answers; a view asks for about eight per painted cell."""
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def format_count(n: int) -> str:
    """``9,999``, then three significant digits: ``13.1k``, ``250k``, ``1.25M``."""
    if abs(n) < 10_000:
        return f"{n:,}"
    value, unit = float(n), -1
    while abs(value) >= 999.5 and unit < len(_UNITS) - 1:
        value /= 1000
        unit += 1
    digits = 0 if abs(value) >= 99.95 else 1 if abs(value) >= 9.995 else 2
    return f"{value:.{digits}f}{_UNITS[unit]}"


_UNITS = ("k", "M", "G", "T")


def format_ratio(ratio: Ratio, *, compact: bool = False) -> str:
    """``0.875 (7/8)``, or ``— (0/0)`` when nothing was measured; ``compact`` shortens counts
    from 10,000 on (``0.526 (13.1k/25.0k)``) so that long histories fit their columns."""
    value = ratio.value
    shown = "—" if value is None else f"{value:.3f}"
    if compact:
        return f"{shown} ({format_count(ratio.numerator)}/{format_count(ratio.denominator)})"
    return f"{shown} ({ratio.numerator:,}/{ratio.denominator:,})"


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell: text shown, raw value, tooltip, and whether it signals a loss."""

    text: str
    value: Any = None
    tooltip: str | None = None
    alert: bool = False
    numeric: bool = True


Row = tuple[str, tuple[Cell, ...]]


class ReportTableModel(QAbstractTableModel):
    """A read-only table of ``Cell`` rows keyed by name; subclasses turn a report into rows."""

    COLUMNS: tuple[str, ...] = ()
    HEADER_TIPS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._alert = QColor(accent_colors(False)["danger"])

    # -- Qt API ---------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        if role not in _SERVED or not index.isValid() or index.row() >= len(self._rows):
            return None
        cells = self._rows[index.row()][1]
        if index.column() >= len(cells):
            return None
        cell = cells[index.column()]
        if role == _DISPLAY:
            return cell.text
        if role == VALUE_ROLE:
            return cell.value
        if role == _TOOLTIP:
            return cell.tooltip
        if role == _ALIGN:
            return _RIGHT if cell.numeric else _LEFT
        if role == _FOREGROUND and cell.alert:
            return self._alert
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        context = type(self).__name__  # the captions are English, marked for lupdate
        if role == _DISPLAY:
            return QCoreApplication.translate(context, self.COLUMNS[section])
        if role == _TOOLTIP and section < len(self.HEADER_TIPS):
            return QCoreApplication.translate(context, self.HEADER_TIPS[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- ours -----------------------------------------------------------------------------------

    def set_dark(self, dark: bool) -> None:
        self._alert = QColor(accent_colors(dark)["danger"])
        if self._rows:
            self._changed(0, len(self._rows) - 1)

    def row_of(self, key: str) -> int:
        for i, (name, _) in enumerate(self._rows):
            if name == key:
                return i
        return -1

    def text(self, key: str, column: int) -> str:
        """What the cell of row ``key`` shows (tests and accessibility)."""
        row = self.row_of(key)
        return "" if row < 0 else self._rows[row][1][column].text

    def set_report(self, report: FlowReport) -> None:
        self.set_rows(self.rows_from(report))

    def rows_from(self, report: FlowReport) -> list[Row]:
        raise NotImplementedError

    def widest(self) -> tuple[int, ...]:
        """Per column, the length of its longest text (the panel re-measures when it changes)."""
        widths = [0] * len(self.COLUMNS)
        for _, cells in self._rows:
            for column, cell in enumerate(cells[: len(widths)]):
                if len(cell.text) > widths[column]:
                    widths[column] = len(cell.text)
        return tuple(widths)

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Show ``rows``: a reset when the row keys differ, else ``dataChanged`` for each run of
        changed cells within a row (nothing at all when nothing changed)."""
        new = list(rows)
        old = self._rows
        if [k for k, _ in new] != [k for k, _ in old]:
            self.beginResetModel()
            self._rows = new
            self.endResetModel()
            return
        self._rows = new
        for row, ((_, before), (_, after)) in enumerate(zip(old, new, strict=True)):
            if before == after:
                continue
            first = -1
            for column in range(len(after) + 1):
                same = column == len(after) or (
                    column < len(before) and before[column] == after[column]
                )
                if not same and first < 0:
                    first = column
                elif same and first >= 0:
                    self._changed(row, row, first, column - 1)
                    first = -1

    def _changed(self, first: int, last: int, left: int = 0, right: int = -1) -> None:
        self.dataChanged.emit(
            self.index(first, left),
            self.index(last, len(self.COLUMNS) - 1 if right < 0 else right),
            [_DISPLAY, _TOOLTIP, _FOREGROUND, VALUE_ROLE],
        )


def _count(n: int, tooltip: str | None = None, alert: bool = False) -> Cell:
    return Cell(f"{n:,}", n, tooltip, alert and n > 0)


def _ns(ns: int, count: int) -> Cell:
    return Cell(format_duration(ns) if count else "—", ns)


def _ratio(ratio: Ratio, meaning: str, *, loss: bool = True) -> Cell:
    """A probability cell; ``loss``: below 1 means something was lost (drawn in red)."""
    value = ratio.value
    tip = QCoreApplication.translate("ReportTableModel", "{meaning}: {n:,} of {total:,}").format(
        meaning=meaning, n=ratio.numerator, total=ratio.denominator
    )
    shown = format_ratio(ratio, compact=True)
    return Cell(shown, ratio, tip, loss and value is not None and value < 1.0)


def _rejected_calls(h: HandlerStats) -> Cell:
    text = rejection_share(
        h.rejected, h.transmitted, QCoreApplication.translate("ReportTableModel", "calls")
    )
    tip = QCoreApplication.translate(
        "ReportTableModel",
        "{name} answered {rejected:,} of the {transmitted:,} messages delivered to it with "
        "CommandRejected: decisions, handled without error (not failures)",
    ).format(name=h.name, rejected=h.rejected, transmitted=h.transmitted)
    return Cell(text, h.rejected, tip)


(
    COL_PROB_SCOPE,
    COL_PROB_P_E,
    COL_PROB_P_T,
    COL_PROB_P_H,
    COL_PROB_P_C,
    COL_PROB_ACCEPTED,
    COL_PROB_REJECTED,
    COL_PROB_LOSSES,
) = range(8)


def rejection_share(rejected: int, commands: int, what: str | None = None) -> str:
    """A rejection count with its base, the same words everywhere: "1 of 8 commands"."""
    if what is None:
        what = QCoreApplication.translate("ReportTableModel", "commands")
    return QCoreApplication.translate(
        "ReportTableModel", "{rejected:,} of {commands:,} {what}"
    ).format(rejected=rejected, commands=commands, what=what)


REJECTION_TIP = QT_TRANSLATE_NOOP(
    "ReportTableModel",
    "Commands answered by CommandRejected: the handler decided not to change the cart (too few "
    "in stock, nothing to remove, ...). A rejection is a decision, handled without error and "
    "consumed: it is neither a loss nor a handler failure",
)
"""What a rejection is, in English (shown as ``translate("ReportTableModel", REJECTION_TIP)``)."""


def _rejected(s: TypeStats, commands: int) -> Cell:
    """The Rejected cell of a row: out of the row's commands (facts are never rejected)."""
    if s.kind == "fact":
        why = QCoreApplication.translate(
            "ReportTableModel", "Facts are not rejected: only commands are"
        )
        return Cell("—", None, why, numeric=False)
    if s.kind == "command" and s.name != "command":
        what = QCoreApplication.translate("ReportTableModel", "{name} commands")
        base, what = s.generated, what.format(name=s.name)
    else:
        base, what = commands, QCoreApplication.translate("ReportTableModel", "commands")
    text = rejection_share(s.rejected, base, what)
    tip = QCoreApplication.translate("ReportTableModel", "{share} rejected. {meaning}").format(
        share=text, meaning=QCoreApplication.translate("ReportTableModel", REJECTION_TIP)
    )
    return Cell(text, s.rejected, tip, numeric=False)


def _accepted(s: TypeStats) -> Cell:
    """The Accepted cell: handled commands that changed something (never a loss colour)."""
    if s.kind == "fact":
        why = QCoreApplication.translate(
            "ReportTableModel", "Facts are not accepted or rejected: only commands"
        )
        return Cell("—", None, why, numeric=False)
    tip = QCoreApplication.translate(
        "ReportTableModel",
        "{accepted:,} of {handled:,} handled commands changed something; {rejected:,} "
        "rejected, {no_op:,} no-op (nothing to change). {meaning}",
    ).format(
        accepted=s.accepted,
        handled=s.handled_commands,
        rejected=s.rejected,
        no_op=s.no_op,
        meaning=definition("Accepted").tooltip(),
    )
    return Cell(format_ratio(s.p_a, compact=True), s.p_a, tip)


def _losses(s: TypeStats) -> Cell:
    failed = QCoreApplication.translate("ReportTableModel", "{n:,} failed")
    dropped = QCoreApplication.translate("ReportTableModel", "{n:,} dropped")
    parts = [said.format(n=n) for n, said in ((s.failed, failed), (s.dropped, dropped)) if n]
    tip = QCoreApplication.translate(
        "ReportTableModel",
        "{failed:,} handler calls raised, {dropped:,} messages had no handler (rejections are "
        "not losses: see Rejected)",
    ).format(failed=s.failed, dropped=s.dropped)
    total = s.failed + s.dropped
    return Cell(", ".join(parts) or "—", total, tip, alert=total > 0, numeric=False)


class ProbabilityModel(ReportTableModel):
    """The design's four stage probabilities, for everything, per kind and per event type.

    Each probability cell reads ``value (numerator/denominator)`` and is drawn in the danger
    colour when something was lost; "Accepted" is the share of the handled commands that
    changed something (``cartapp.analytics.glossary`` defines every column); "Rejected" counts
    the commands answered by ``CommandRejected`` out of the row's commands ("1 of 8 commands": a
    decision, never drawn as a loss), "Losses" the failed and dropped messages.
    """

    COLUMNS = (
        QT_TRANSLATE_NOOP("ProbabilityModel", "Messages"),
        "P(e)",
        "P(t|e)",
        "P(h|e)",
        "P(c|h)",
        QT_TRANSLATE_NOOP("ProbabilityModel", "Accepted"),
        QT_TRANSLATE_NOOP("ProbabilityModel", "Rejected"),
        QT_TRANSLATE_NOOP("ProbabilityModel", "Losses"),
    )
    HEADER_TIPS = (
        QT_TRANSLATE_NOOP(
            "ProbabilityModel", "All messages, commands, facts, then each event type"
        ),
    )
    """The first column's tip; the others are the glossary's definitions, read when shown
    (``headerData``) so that they come in the language shown."""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == _TOOLTIP and horizontal and 1 <= section < len(self.COLUMNS):
            return definition(self.COLUMNS[section]).tooltip()
        return super().headerData(section, orientation, role)

    def rows_from(self, report: FlowReport) -> list[Row]:
        labels = {
            "all": self.tr("All messages"),
            "command": self.tr("Commands"),
            "fact": self.tr("Facts"),
        }
        kinds = {
            "all": self.tr("all: {n:,} generated"),
            "command": self.tr("command: {n:,} generated"),
            "fact": self.tr("fact: {n:,} generated"),
            "message": self.tr("message: {n:,} generated"),
        }

        def generated(s: TypeStats) -> str:
            said = kinds.get(s.kind)
            if said is None:
                return self.tr("{kind}: {n:,} generated").format(kind=s.kind, n=s.generated)
            return said.format(n=s.generated)

        rows: list[Row] = []
        commands = next((k.generated for k in report.by_kind if k.name == "command"), 0)
        aggregates = [report.total, *report.by_kind]
        for s in [*aggregates, *report.types]:
            aggregate = any(s is a for a in aggregates)
            key = f"[{s.name}]" if aggregate else s.name
            label = labels.get(s.name, s.name) if aggregate else s.name
            rows.append(
                (
                    key,
                    (
                        Cell(label, s.name, generated(s), numeric=False),
                        _ratio(s.p_e, self.tr("share of generated messages"), loss=False),
                        _ratio(s.p_t, self.tr("transmitted at least once")),
                        _ratio(s.p_h, self.tr("deliveries handled without error")),
                        _ratio(s.p_c, self.tr("handled messages whose result reached the views")),
                        _accepted(s),
                        _rejected(s, commands),
                        _losses(s),
                    ),
                )
            )
        return rows


COL_LATENCY_STAGE, COL_LATENCY_COUNT, COL_P50 = 0, 1, 2


def _percentile_cells(p: Percentiles) -> tuple[Cell, ...]:
    return (
        _ns(p.p50, p.count),
        _ns(p.p95, p.count),
        _ns(p.p99, p.count),
        _ns(p.max, p.count),
    )


class LatencyModel(ReportTableModel):
    """Per stage: how long after its generation a message reached it (p50/p95/p99/max)."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("LatencyModel", "Stage"),
        QT_TRANSLATE_NOOP("LatencyModel", "Count"),
        "p50",
        "p95",
        "p99",
        QT_TRANSLATE_NOOP("LatencyModel", "Max"),
    )
    HEADER_TIPS = (
        QT_TRANSLATE_NOOP("LatencyModel", "Stage of a message's path"),
        QT_TRANSLATE_NOOP("LatencyModel", "Stage records seen"),
        QT_TRANSLATE_NOOP("LatencyModel", "Median time since generation (within 1%)"),
        QT_TRANSLATE_NOOP("LatencyModel", "95th percentile (within 1%)"),
        QT_TRANSLATE_NOOP("LatencyModel", "99th percentile (within 1%)"),
        QT_TRANSLATE_NOOP("LatencyModel", "Slowest seen (exact)"),
    )

    def rows_from(self, report: FlowReport) -> list[Row]:
        rows: list[Row] = []
        for stage, p in report.latencies:
            loss = stage in ("failed", "dropped") and p.count > 0
            shown = QCoreApplication.translate("Stage", stage)  # marked in models.event_log
            name = Cell(shown, stage, numeric=False, alert=loss)
            rows.append((stage, (name, _count(p.count), *_percentile_cells(p))))
        return rows


COL_HANDLER_NAME, COL_HANDLER_CALLS, COL_HANDLER_FAILED, COL_HANDLER_REJECTED = 0, 1, 2, 3


class HandlerModel(ReportTableModel):
    """Per handler: calls, failures, rejections and how long it ran (p50/p95/p99/max)."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("HandlerModel", "Handler"),
        QT_TRANSLATE_NOOP("HandlerModel", "Calls"),
        QT_TRANSLATE_NOOP("HandlerModel", "Failed"),
        QT_TRANSLATE_NOOP("HandlerModel", "Rejected"),
        "p50",
        "p95",
        "p99",
        QT_TRANSLATE_NOOP("HandlerModel", "Max"),
    )
    HEADER_TIPS = (
        QT_TRANSLATE_NOOP("HandlerModel", "Subscribed handler"),
        QT_TRANSLATE_NOOP("HandlerModel", "Messages delivered to it"),
        QT_TRANSLATE_NOOP(
            "HandlerModel",
            "Calls that raised an exception, out of its calls (a rejection is not a failure)",
        ),
        QT_TRANSLATE_NOOP(
            "HandlerModel",
            "Commands it answered with CommandRejected, out of its calls: its decisions",
        ),
        QT_TRANSLATE_NOOP("HandlerModel", "Median run time (within 1%)"),
        QT_TRANSLATE_NOOP("HandlerModel", "95th percentile run time (within 1%)"),
        QT_TRANSLATE_NOOP("HandlerModel", "99th percentile run time (within 1%)"),
        QT_TRANSLATE_NOOP("HandlerModel", "Longest run (exact)"),
    )

    def rows_from(self, report: FlowReport) -> list[Row]:
        raised = self.tr("{failed:,} of {calls:,} calls raised")
        return [
            (
                h.name,
                (
                    Cell(h.name, h.name, numeric=False),
                    _count(h.transmitted),
                    _count(
                        h.failed, raised.format(failed=h.failed, calls=h.transmitted), alert=True
                    ),
                    _rejected_calls(h),
                    *_percentile_cells(h.timing),
                ),
            )
            for h in report.handlers
        ]
