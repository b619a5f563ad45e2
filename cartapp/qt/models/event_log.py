"""The event log's model: one row per stage record, coloured by stage, alerts standing out.

``EventLogModel`` keeps the ``StageRecord`` objects themselves (a record already holds its
envelope, so a row costs one list slot) and formats cells lazily in ``data()``: only the rows a
view paints are ever formatted, which is what lets it take tens of thousands of records per second.

A view paints a cell with one call: ``LogCellDelegate`` (``widgets/log_cells.py``) asks
``cell_texts``, ``background``, ``foreground``, ``bold`` and ``stage_icon`` directly instead of
Qt asking ``data()`` once per role; a row's seven texts are made once and kept for the rows
painted lately (``TEXT_CACHE`` of them). ``data()`` answers the same from the same methods.

Rows arrive in batches (``append_records``, connected to ``QtBridge.records_batch``, one list per
frame) and each batch is one ``beginInsertRows``/``endInsertRows``. Memory is bounded: at most
``cap`` rows are kept; when a batch goes over, the oldest rows leave in one ``beginRemoveRows``,
and a tenth of the cap more than needed, so that the next frames' batches fit without another
removal: a removal at the front shifts every row and makes a filter proxy remap all of them, so
at the cap it happens once per tenth of the cap, not once per frame. Every record seen is still
counted in ``total`` (and, while paused, in ``not_recorded``); ``dropped`` counts those the cap
took.

How a record reads (times, durations, summaries) lives in ``log_text``, and the filter the log
panel shows the model through in ``log_filter``. ``format_duration`` and the other text helpers
are still importable from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from cartapp.bus.stages import Stage
from cartapp.domain.names import HANDLER_FAILED
from cartapp.history.log_text import (
    ALERT_TYPES,
    format_clock,
    format_duration,
    is_alert,
    record_summary,
    short_id,
    source_text,
)
from cartapp.qt.i18n import QT_TRANSLATE_NOOP
from cartapp.qt.models.base import RIGHT, ReadOnlyTable

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from cartapp.bus import Envelope, StageRecord

__all__ = [
    "ALERT_TYPES",
    "COLUMNS",
    "COL_CORRELATION",
    "COL_LATENCY",
    "COL_SOURCE",
    "COL_STAGE",
    "COL_SUMMARY",
    "COL_TIME",
    "COL_TYPE",
    "CORRELATION_ROLE",
    "DEFAULT_CAP",
    "RECORD_ROLE",
    "STAGE_COLOURS",
    "EventLogModel",
    "format_clock",
    "format_duration",
    "is_alert",
    "record_summary",
    "short_id",
    "stage_name",
]

COL_TIME, COL_STAGE, COL_TYPE, COL_SOURCE, COL_CORRELATION, COL_SUMMARY, COL_LATENCY = range(7)
COLUMNS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("EventLogModel", "Time"),
    QT_TRANSLATE_NOOP("EventLogModel", "Stage"),
    QT_TRANSLATE_NOOP("EventLogModel", "Event"),
    QT_TRANSLATE_NOOP("EventLogModel", "Who"),
    QT_TRANSLATE_NOOP("EventLogModel", "Correlation"),
    QT_TRANSLATE_NOOP("EventLogModel", "Summary"),
    QT_TRANSLATE_NOOP("EventLogModel", "Latency"),
)
"""The column captions in English (``headerData`` translates them)."""
_HEADER_TIPS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("EventLogModel", "Local time of the stage (hh:mm:ss.mmm)"),
    QT_TRANSLATE_NOOP(
        "EventLogModel", "generated, transmitted, handled, failed, consumed or dropped"
    ),
    QT_TRANSLATE_NOOP("EventLogModel", "Message type"),
    QT_TRANSLATE_NOOP(
        "EventLogModel",
        "generated: the source that published it; transmitted, handled, failed: (→) the "
        "handler it went to; consumed: (by) the consumers it reached (cart view, event log, "
        "metrics, ...)",
    ),
    QT_TRANSLATE_NOOP(
        "EventLogModel",
        "Last characters of the correlation id shared by a click and everything it caused",
    ),
    QT_TRANSLATE_NOOP("EventLogModel", "What the message says (the error for a failed handler)"),
    QT_TRANSLATE_NOOP("EventLogModel", "Time since the message was generated"),
)

STAGE_NAMES = {
    Stage.GENERATED: QT_TRANSLATE_NOOP("Stage", "generated"),
    Stage.TRANSMITTED: QT_TRANSLATE_NOOP("Stage", "transmitted"),
    Stage.HANDLED: QT_TRANSLATE_NOOP("Stage", "handled"),
    Stage.FAILED: QT_TRANSLATE_NOOP("Stage", "failed"),
    Stage.CONSUMED: QT_TRANSLATE_NOOP("Stage", "consumed"),
    Stage.DROPPED: QT_TRANSLATE_NOOP("Stage", "dropped"),
}


def stage_name(stage: Stage) -> str:
    """A stage as the UI's language names it (context ``Stage``; English: its value)."""
    return QCoreApplication.translate("Stage", STAGE_NAMES.get(stage, str(stage)))


RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
"""``data(index, RECORD_ROLE)``: the row's ``StageRecord``."""
CORRELATION_ROLE = Qt.ItemDataRole.UserRole + 2
"""``data(index, CORRELATION_ROLE)``: the full correlation id."""

DEFAULT_CAP = 20_000
TEXT_CACHE = 4096
"""Rows whose cell texts are kept (a few screens' worth; forgotten all at once past it)."""

# (light palette, dark palette): mid-tones darkened for white bases, lightened for dark ones.
STAGE_COLOURS: dict[Stage, tuple[str, str]] = {
    Stage.GENERATED: ("#1d64c8", "#6cb6ff"),
    Stage.TRANSMITTED: ("#7c3aed", "#c4a5ff"),
    Stage.HANDLED: ("#1a7f37", "#56d364"),
    Stage.FAILED: ("#c62828", "#ff7b72"),
    Stage.CONSUMED: ("#0f766e", "#3dd6c6"),
    Stage.DROPPED: ("#6b7280", "#9ca3af"),
}
_WARNING = ("#b45309", "#f0a04b")  # rejections
_FAILURE = ("#c62828", "#ff7b72")  # failed handlers, HandlerFailed
_HIGHLIGHT_ALPHA = 70
_ALERT_ALPHA = 28

_FAILED = Stage.FAILED
_DISPLAY = Qt.ItemDataRole.DisplayRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FONT = Qt.ItemDataRole.FontRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole


def _dot(colour: QColor) -> QIcon:
    size = 12
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(2, 2, size - 4, size - 4)
    painter.end()
    return QIcon(pixmap)


class _Palette:
    """Brushes, icons and fonts for one palette flavour, made once."""

    def __init__(self, dark: bool, highlight: QColor | None) -> None:
        pick = 1 if dark else 0
        self.stage = {s: QBrush(QColor(c[pick])) for s, c in STAGE_COLOURS.items()}
        self.dots = {s: _dot(QColor(c[pick])) for s, c in STAGE_COLOURS.items()}
        self.warning = QBrush(QColor(_WARNING[pick]))
        self.failure = QBrush(QColor(_FAILURE[pick]))
        tint = QColor(_WARNING[pick])
        tint.setAlpha(_ALERT_ALPHA)
        self.warning_tint = QBrush(tint)
        tint = QColor(_FAILURE[pick])
        tint.setAlpha(_ALERT_ALPHA + 8)
        self.failure_tint = QBrush(tint)
        marked = QColor(highlight) if highlight is not None else QColor("#3b82f6")
        marked.setAlpha(_HIGHLIGHT_ALPHA)
        self.highlight = QBrush(marked)
        self.bold = QFont()
        self.bold.setBold(True)


# -- the model ----------------------------------------------------------------------------------


class EventLogModel(ReadOnlyTable):
    """Stage records as table rows, appended per batch and capped; see the module docstring."""

    COLUMNS = COLUMNS
    HEADER_TIPS = _HEADER_TIPS

    records_appended = Signal(int)
    """A batch was appended (the number of rows added; emitted after any trimming)."""
    counts_changed = Signal()
    """``total``, ``kept``, ``not_recorded`` or ``dropped`` changed."""
    highlight_changed = Signal(str)
    """The highlighted correlation id changed ("" for none)."""

    def __init__(self, cap: int = DEFAULT_CAP, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if cap < 1:
            raise ValueError(f"cap must be at least 1, not {cap}")
        self._rows: list[StageRecord] = []
        self.product_names: Mapping[str, str] = {}
        """Product id -> name: commands say their product's name (``log_text.product_names``)."""
        self.consumers_of: Callable[[Envelope], Sequence[str]] | None = None
        """Who consumes a message (the dock asks its bus and bridge); None: the Who cell of a
        consumed row says the source."""
        self._cap = cap
        self._paused = False
        self._highlight: str | None = None
        self._look: _Palette | None = None
        self._dark = False
        self._highlight_colour: QColor | None = None
        self.total = 0
        """Every record this model was given, recorded or not."""
        self.not_recorded = 0
        """Records that arrived while paused."""
        self.dropped = 0
        """Records that left because the cap was reached."""
        self.cleared = 0
        """Records removed by ``clear()``."""
        self.messages = 0
        """How many messages the kept rows are about: one ``generated`` record each (a
        message's other stages are further records of the same message)."""
        self.insert_batches = 0
        """How many ``beginInsertRows`` calls were made (one per appended batch)."""
        self.remove_batches = 0
        """How many ``beginRemoveRows`` calls the cap made."""
        self._texts: dict[int, tuple[StageRecord, tuple[str, ...], int]] = {}
        """id(record) -> ``_row(record)``; the record is kept so its id stays its own."""

    # -- state ----------------------------------------------------------------------------------

    @property
    def cap(self) -> int:
        return self._cap

    @cap.setter
    def cap(self, value: int) -> None:
        self.set_cap(value)

    def set_cap(self, cap: int) -> None:
        """Keep at most ``cap`` rows; lowering it drops the oldest rows now."""
        if cap < 1:
            raise ValueError(f"cap must be at least 1, not {cap}")
        self._cap = cap
        if len(self._rows) > cap:
            self._drop_oldest(len(self._rows) - cap)
            self.counts_changed.emit()

    @property
    def paused(self) -> bool:
        return self._paused

    def set_paused(self, paused: bool) -> None:
        """While paused, records are counted (``not_recorded``) but not added."""
        if paused != self._paused:
            self._paused = paused
            if not paused:
                self.not_recorded = 0
            self.counts_changed.emit()

    @property
    def kept(self) -> int:
        return len(self._rows)

    @property
    def highlight(self) -> str | None:
        return self._highlight

    def set_dark(self, dark: bool, highlight: QColor | None = None) -> None:
        """Choose colours for a dark (or light) palette; repaints every cell's colours."""
        self._dark = dark
        self._highlight_colour = QColor(highlight) if highlight is not None else None
        self._look = None
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._rows) - 1, len(COLUMNS) - 1),
                [_BACKGROUND, _FOREGROUND, _DECORATION],
            )

    def stage_icon(self, stage: Stage) -> QIcon:
        """The coloured dot of ``stage`` for the current palette."""
        return self._palette().dots[stage]

    def _palette(self) -> _Palette:
        look = self._look
        if look is None:
            look = self._look = _Palette(self._dark, self._highlight_colour)
        return look

    # -- rows -----------------------------------------------------------------------------------

    @Slot(object)
    def append_records(self, records: Sequence[StageRecord]) -> None:
        """Append one batch (one insert, at most one removal); counted even when paused."""
        count = len(records)
        if not count:
            return
        self.total += count
        if self._paused:
            self.not_recorded += count
            self.counts_changed.emit()
            return
        cap = self._cap
        if count > cap:
            self.dropped += count - cap
            records = records[count - cap :]
            count = cap
        overflow = len(self._rows) + count - cap
        if overflow > 0:
            # Room for the next batches too: one removal per tenth of the cap, not per frame.
            self._drop_oldest(min(len(self._rows), overflow + self.slack))
        rows = self._rows
        first = len(rows)
        self.messages += _generated(records)
        self.beginInsertRows(QModelIndex(), first, first + count - 1)
        rows.extend(records)
        self.endInsertRows()
        self.insert_batches += 1
        self.records_appended.emit(count)
        self.counts_changed.emit()

    def skip_records(self, count: int) -> None:
        """Count ``count`` records that were never appended (they came while the log was off
        screen and more than its cap waited): in ``total``, and in ``not_recorded`` while
        paused or else ``dropped``, as ``append_records`` would have."""
        if count <= 0:
            return
        self.total += count
        if self._paused:
            self.not_recorded += count
        else:
            self.dropped += count
        self.counts_changed.emit()

    @property
    def slack(self) -> int:
        """How many rows more than needed the cap drops at a time (a tenth of it)."""
        return self._cap // 10

    def _drop_oldest(self, count: int) -> None:
        if count <= 0:
            return
        self.messages -= _generated(self._rows[:count])
        self.beginRemoveRows(QModelIndex(), 0, count - 1)
        del self._rows[:count]
        self.endRemoveRows()
        self.dropped += count
        self.remove_batches += 1

    @Slot()
    def clear(self) -> None:
        """Remove every row (the counters of records seen stay)."""
        if not self._rows:
            return
        self.beginResetModel()
        self.cleared += len(self._rows)
        self._rows = []
        self.messages = 0
        self.endResetModel()
        self.counts_changed.emit()

    def record(self, row: int) -> StageRecord:
        return self._rows[row]

    def records(self) -> list[StageRecord]:
        """A copy of the rows kept, oldest first."""
        return list(self._rows)

    def row_of(self, record: StageRecord) -> int:
        """The row of ``record`` (this very object), or -1 if it is not kept (cap or clear)."""
        rows = self._rows
        for row in range(len(rows) - 1, -1, -1):  # the newest first: selections are mostly recent
            if rows[row] is record:
                return row
        return -1

    def records_of(self, correlation_id: str) -> list[StageRecord]:
        """The kept rows of one correlation, in order (a click's whole path)."""
        return [r for r in self._rows if r[1].correlation_id == correlation_id]

    def set_highlight(self, correlation_id: str | None, first: int = 0, last: int = -1) -> None:
        """Tint the rows of ``correlation_id``; repaint only rows ``first..last`` (those on screen).

        Rows outside that range get the new tint whenever a view paints them, so no reset is
        needed; ``last=-1`` means the last row.
        """
        self._highlight = correlation_id or None
        self.highlight_changed.emit(correlation_id or "")
        rows = len(self._rows)
        if not rows:
            return
        last = rows - 1 if last < 0 else min(last, rows - 1)
        first = max(0, min(first, last))
        self.dataChanged.emit(
            self.index(first, 0), self.index(last, len(COLUMNS) - 1), [_BACKGROUND]
        )

    # -- Qt model API (rows, columns, flags and headers: ReadOnlyTable) -------------------------

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return RIGHT if column == COL_LATENCY else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        row = index.row()
        if not index.isValid() or row >= len(self._rows):
            return None
        record = self._rows[row]
        column = index.column()
        if role in (_DISPLAY, _ACCESSIBLE):
            return self.cell_texts(record)[column]
        if role == _BACKGROUND:
            return self.background(record)
        if role == _FOREGROUND:
            return self.foreground(record, column)
        if role == _DECORATION:
            return self._palette().dots[record[0]] if column == COL_STAGE else None
        if role == _FONT:
            return self.bold(record)
        if role == _ALIGN:
            return RIGHT if column == COL_LATENCY else None
        if role == _TOOLTIP:
            return self._tooltip(record, column)
        if role == RECORD_ROLE:
            return record
        if role == CORRELATION_ROLE:
            return record[1].correlation_id
        return None

    # -- what a cell shows (``data()`` and ``LogCellDelegate`` both ask these) -------------------

    def cell_texts(self, record: StageRecord) -> tuple[str, ...]:
        """The seven cells' texts of ``record``'s row, made once while it is painted often."""
        return self._row(record)[1]

    def _row(self, record: StageRecord) -> tuple[StageRecord, tuple[str, ...], int]:
        """(record, its cell texts, 0 / 1 a rejection / 2 a failure), kept per painted row."""
        cache = self._texts
        kept = cache.get(id(record))
        if kept is not None and kept[0] is record:
            return kept
        texts = tuple(self._display(record, column) or "" for column in range(len(COLUMNS)))
        alert = (2 if self._is_failure(record) else 1) if is_alert(record) else 0
        if len(cache) >= TEXT_CACHE:
            cache.clear()
        kept = cache[id(record)] = (record, texts, alert)
        return kept

    def background(self, record: StageRecord) -> QBrush | None:
        """The row's tint: its correlation highlighted, or an alert's; None for none."""
        highlight = self._highlight
        if highlight is not None and record[1].correlation_id == highlight:
            return self._palette().highlight
        alert = self._row(record)[2]
        if alert:
            look = self._palette()
            return look.failure_tint if alert == 2 else look.warning_tint
        return None

    def foreground(self, record: StageRecord, column: int) -> QBrush | None:
        """The text colour of a cell: the stage's, an alert's, or None (the palette's)."""
        if column == COL_STAGE:
            return self._palette().stage[record[0]]
        if column in (COL_TYPE, COL_SUMMARY):
            alert = self._row(record)[2]
            if alert:
                look = self._palette()
                return look.failure if alert == 2 else look.warning
        return None

    def bold(self, record: StageRecord) -> QFont | None:
        """The bold font of an alert's row (rejections, failures), else None."""
        return self._palette().bold if self._row(record)[2] else None

    @staticmethod
    def _is_failure(record: StageRecord) -> bool:
        return record[0] is _FAILED or type(record[1].event).__name__ == HANDLER_FAILED

    def who(self, record: StageRecord) -> str:
        """The Who cell: source, (→) handler, or (by) the consumers (``consumers_of``)."""
        if record[0] is Stage.CONSUMED and self.consumers_of is not None:
            return source_text(record, self.consumers_of(record[1]))
        return source_text(record)

    def _display(self, record: StageRecord, column: int) -> str | None:
        env = record[1]
        if column == COL_TIME:
            return format_clock(env.timestamp + (record[3] - env.created_ns) / 1e9)
        if column == COL_STAGE:
            return stage_name(record[0])
        if column == COL_TYPE:
            return type(env.event).__name__
        if column == COL_SOURCE:
            return self.who(record)
        if column == COL_CORRELATION:
            return short_id(env.correlation_id)
        if column == COL_SUMMARY:
            return record_summary(record, self.product_names)
        if column == COL_LATENCY:
            return format_duration(record[3] - env.created_ns)
        return None

    def _tooltip(self, record: StageRecord, column: int) -> str | None:
        env = record[1]
        if column == COL_CORRELATION:
            return self.tr("correlation {correlation}\nevent {event}").format(
                correlation=env.correlation_id, event=env.event_id
            )
        if column == COL_SOURCE:
            if record[2]:
                return self.tr("handler {handler}, published by {source}").format(
                    handler=record[2], source=env.source
                )
            return self.tr("published by {source}").format(source=env.source)
        if column == COL_SUMMARY:
            return record_summary(record, self.product_names)
        if column == COL_LATENCY and record[4]:
            return self.tr("duration {duration}").format(duration=format_duration(record[4]))
        return None


def _generated(records: Sequence[StageRecord]) -> int:
    generated = Stage.GENERATED
    return sum(1 for record in records if record[0] is generated)
