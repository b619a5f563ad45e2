"""``EventLogFilter``: the event log's rows by message class or type, stage and free text.

A ``QSortFilterProxyModel`` over an ``EventLogModel`` with three criteria (``set_criteria``):
the kind (``FILTER_ALL``, ``FILTER_COMMANDS``, ``FILTER_FACTS``, ``FILTER_ALERTS`` or a message
type name), a stage, and a text matched against ``search_text``. The criteria are compiled into
one predicate per change. It stays unsorted; an appended batch is filtered incrementally (only
the new rows are checked) and a criteria change refilters once.

``dynamicSortFilter`` is off: a row's record never changes, so neither does whether it is
shown, and a ``dataChanged`` (the correlation tint, a palette change) is only passed on. With it
on, every repaint of the tint refiltered the rows it named, so a slot that tinted rows while the
proxy was removing rows made it remove rows again from inside its own removal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)

from cartapp.bus.stages import Stage
from cartapp.history.log_text import is_alert, search_text
from cartapp.qt.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from cartapp.bus import StageRecord
    from cartapp.qt.models.event_log import EventLogModel

__all__ = ["FILTER_ALERTS", "FILTER_ALL", "FILTER_COMMANDS", "FILTER_FACTS", "EventLogFilter"]

FILTER_ALL = QT_TRANSLATE_NOOP("EventLogFilter", "All events")
FILTER_COMMANDS = QT_TRANSLATE_NOOP("EventLogFilter", "Commands")
FILTER_FACTS = QT_TRANSLATE_NOOP("EventLogFilter", "Facts")
FILTER_ALERTS = QT_TRANSLATE_NOOP("EventLogFilter", "Rejections & failures")
"""The group entries of the type filter: the keys are English, the combo shows them
translated (context ``EventLogFilter``)."""

_Predicate = Callable[["StageRecord"], bool]
_KEEP: Any = object()


def _kind_predicate(kind: str) -> _Predicate | None:
    if kind == FILTER_ALL or not kind:
        return None
    if kind == FILTER_COMMANDS:
        return lambda r: getattr(r[1].event, "kind", "") == "command"
    if kind == FILTER_FACTS:
        return lambda r: getattr(r[1].event, "kind", "") == "fact"
    if kind == FILTER_ALERTS:
        return is_alert
    return lambda r: type(r[1].event).__name__ == kind


class EventLogFilter(QSortFilterProxyModel):
    """Rows of an ``EventLogModel`` by message class or type, stage and free text."""

    def __init__(self, model: EventLogModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._record = model.record  # per row filtered: one attribute lookup less
        self._kind = FILTER_ALL
        self._stage: Stage | None = None
        self._text = ""
        self._accept: _Predicate | None = None
        self.setDynamicSortFilter(False)  # records never change: see the module docstring
        self.setSourceModel(model)

    @property
    def kind(self) -> str:
        return self._kind

    @property
    def stage(self) -> Stage | None:
        return self._stage

    @property
    def text(self) -> str:
        return self._text

    @property
    def active(self) -> bool:
        return self._accept is not None

    def set_criteria(
        self,
        *,
        kind: str | None = None,
        stage: Stage | str | None = _KEEP,
        text: str | None = None,
    ) -> None:
        """Change some criteria (the others stay) and refilter once.

        ``kind``: ``FILTER_ALL``, ``FILTER_COMMANDS``, ``FILTER_FACTS``, ``FILTER_ALERTS`` or a
        message type name; ``stage``: a ``Stage``, or ``None`` for all (leave it out to keep
        it); ``text``: matched case-insensitively against summary, type, ids, source and handler.
        """
        new_kind = self._kind if kind is None else kind
        new_stage = self._stage if stage is _KEEP else (Stage(stage) if stage else None)
        new_text = self._text if text is None else text.strip().casefold()
        if (new_kind, new_stage, new_text) == (self._kind, self._stage, self._text):
            return
        self.beginFilterChange()
        self._kind, self._stage, self._text = new_kind, new_stage, new_text
        self._accept = self._compile()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _compile(self) -> _Predicate | None:
        tests: list[_Predicate] = []
        stage = self._stage
        if stage is not None:
            tests.append(lambda r: r[0] is stage)
        by_kind = _kind_predicate(self._kind)
        if by_kind is not None:
            tests.append(by_kind)
        text = self._text
        if text:
            tests.append(lambda r: text in search_text(r))
        if not tests:
            return None
        if len(tests) == 1:
            return tests[0]
        return lambda r: all(test(r) for test in tests)

    def filterAcceptsRow(
        self,
        source_row: int,
        source_parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        accept = self._accept
        if accept is None:
            return True
        return accept(self._record(source_row))

    def record(self, row: int) -> StageRecord:
        """The ``StageRecord`` behind proxy row ``row``."""
        return self._model.record(self.mapToSource(self.index(row, 0)).row())

    def row_of(self, record: StageRecord) -> int:
        """The proxy row showing ``record``; -1 if the filter hides it or the model dropped it."""
        source = self._model.row_of(record)
        if source < 0:
            return -1
        return self.mapFromSource(self._model.index(source, 0)).row()
