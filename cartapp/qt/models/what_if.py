"""``WhatIfModel``: the commands of a time-travel range, each with a Skip box and its outcome.

One row per recorded command (``history.what_if.Step``): the Skip check box (``COL_SKIP``,
the only editable cell), the message's position, the command in words (its product's name, as
the log says it), what happened then and what the sandbox decides now. Ticking a box changes
only the model's skip set and emits ``skips_changed``; whoever owns the sandbox replays and
hands the result back with ``set_result`` (same rows: ``dataChanged``; a new range:
``set_steps``, a reset). A row the sandbox now refuses is tinted and says why in its tooltip
(``STATUS_ROLE`` gives the ``Status`` value as text).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from cartapp.domain.reasons import reason_text
from cartapp.history.log_text import NAMED_COMMANDS
from cartapp.history.what_if import Outcome, Status, Step, WhatIf

if TYPE_CHECKING:
    from PySide6.QtCore import QPersistentModelIndex

    Index = QModelIndex | QPersistentModelIndex

__all__ = [
    "COL_COMMAND",
    "COL_NOW",
    "COL_POSITION",
    "COL_SKIP",
    "COL_THEN",
    "STATUS_ROLE",
    "VERSION_ROLE",
    "WhatIfModel",
]

COL_SKIP, COL_POSITION, COL_COMMAND, COL_THEN, COL_NOW = range(5)
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's ``Status`` value ("skipped", "now rejected", ...)."""
VERSION_ROLE = Qt.ItemDataRole.UserRole + 2
"""The stream version of the row's command."""

_DISPLAY = Qt.ItemDataRole.DisplayRole
_CHECK = Qt.ItemDataRole.CheckStateRole
_TIP = Qt.ItemDataRole.ToolTipRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_FONT = Qt.ItemDataRole.FontRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_TINTS = {Status.NOW_REJECTED: ("#cf222e", "#f85149"), Status.NOW_ACCEPTED: ("#1a7f37", "#56d364")}


def command_text(step: Step, names: Mapping[str, str]) -> str:
    """The command in words, with its product's name when ``names`` knows it."""
    command = step.command
    summary = getattr(command, "summary", None)
    if summary is None:
        return type(command).__name__
    item_id = getattr(command, "item_id", None)
    if item_id is not None and type(command).__name__ in NAMED_COMMANDS and item_id in names:
        return str(summary(names[item_id]))
    return str(summary())


class WhatIfModel(QAbstractTableModel):
    """See the module docstring."""

    skips_changed = Signal()
    """The user ticked or cleared a Skip box (``skipped`` is the new set)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps: tuple[Step, ...] = ()
        self._first = 1
        self._outcomes: dict[int, Outcome] = {}
        self._skip: set[int] = set()
        self.names: Mapping[str, str] = {}
        """Product id -> name, for the Command column."""
        self.dark = False
        self._headers = (
            self.tr("Skip"),
            self.tr("#"),
            self.tr("Command"),
            self.tr("Then"),
            self.tr("What if"),
        )

    # -- our API ----------------------------------------------------------------------------

    @property
    def skipped(self) -> frozenset[int]:
        return frozenset(self._skip)

    @property
    def steps(self) -> tuple[Step, ...]:
        return self._steps

    def set_steps(self, steps: Sequence[Step], first: int, skip: Collection[int] = ()) -> None:
        """A new range's commands (``first``: the range's first version, for the # column)."""
        self.beginResetModel()
        self._steps = tuple(steps)
        self._first = first
        versions = {s.version for s in self._steps}
        self._skip = {v for v in skip if v in versions}
        self._outcomes = {}
        self.endResetModel()

    def set_result(self, result: WhatIf) -> None:
        """The sandbox's outcome of each row (the rows stay; their cells change)."""
        self._outcomes = {o.step.version: o for o in result.outcomes}
        if self._steps:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._steps) - 1, len(self._headers) - 1)
            )

    def set_skipped(self, version: int, skipped: bool) -> bool:
        """Skip (or stop skipping) the command at ``version``; False if no row has it."""
        row = next((r for r, s in enumerate(self._steps) if s.version == version), None)
        if row is None:
            return False
        if (version in self._skip) != skipped:
            if skipped:
                self._skip.add(version)
            else:
                self._skip.discard(version)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._headers) - 1))
            self.skips_changed.emit()
        return True

    def clear_skips(self) -> None:
        if self._skip:
            self._skip.clear()
            if self._steps:
                last = self.index(len(self._steps) - 1, len(self._headers) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            self.skips_changed.emit()

    def row_of(self, version: int) -> int | None:
        """The row of the command at ``version`` or, for a fact, of the command before it."""
        found = None
        for row, step in enumerate(self._steps):
            if step.version > version:
                break
            found = row
        return found

    def step_at(self, row: int) -> Step | None:
        return self._steps[row] if 0 <= row < len(self._steps) else None

    # -- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._steps)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == _DISPLAY:
            return self._headers[section]
        if role == _TIP:
            return (
                self.tr("Leave the command out of the sandbox (Space)"),
                self.tr("Position of the command in the range"),
                self.tr("The command as it was given"),
                self.tr("What the command did in the real history"),
                self.tr("What the command would do with the skipped commands left out"),
            )[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_SKIP:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = _CHECK) -> bool:
        if not index.isValid() or index.column() != COL_SKIP or role != _CHECK:
            return False
        step = self.step_at(index.row())
        if step is None:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        return self.set_skipped(step.version, checked)

    def _then(self, step: Step) -> str:
        for fact in step.facts:
            reason = getattr(fact, "reason", None)
            if reason is not None:
                return self.tr("rejected")
        return self.tr("accepted")

    def _now(self, status: Status) -> str:
        return {
            Status.SKIPPED: self.tr("skipped"),
            Status.ACCEPTED: self.tr("accepted"),
            Status.REJECTED: self.tr("still rejected"),
            Status.NOW_REJECTED: self.tr("now rejected"),
            Status.NOW_ACCEPTED: self.tr("now accepted"),
        }[status]

    def _status(self, step: Step) -> Status | None:
        if step.version in self._skip:
            return Status.SKIPPED
        outcome = self._outcomes.get(step.version)
        return None if outcome is None else outcome.status

    def _tip(self, step: Step, column: int) -> str | None:
        outcome = self._outcomes.get(step.version)
        if column == COL_THEN and outcome is not None and outcome.reason_then:
            return self.tr("Rejected then: %1").replace("%1", reason_text(outcome.reason_then))
        if column == COL_SKIP:
            if step.version in self._skip:
                return self.tr("Skipped in the sandbox: tick off to put it back")
            return self.tr("Tick to leave this command out of the sandbox")
        if outcome is None or outcome.skipped:
            return None
        if outcome.reason:
            return self.tr("Would now be rejected: %1").replace("%1", reason_text(outcome.reason))
        if outcome.status is Status.NOW_ACCEPTED:
            return self.tr("Rejected in the real history; accepted in the sandbox")
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        step = self.step_at(index.row()) if index.isValid() else None
        if step is None:
            return None
        column = index.column()
        status = self._status(step)
        if role == _CHECK and column == COL_SKIP:
            skipped = step.version in self._skip
            return Qt.CheckState.Checked if skipped else Qt.CheckState.Unchecked
        if role in (_DISPLAY, _ACCESSIBLE):
            if column == COL_SKIP:
                return self.tr("skip") if role == _ACCESSIBLE else None
            if column == COL_POSITION:
                return str(step.version - self._first + 1)
            if column == COL_COMMAND:
                return command_text(step, self.names)
            if column == COL_THEN:
                return self._then(step)
            if column == COL_NOW:
                return "" if status is None else self._now(status)
            return None
        if role == _TIP:
            return self._tip(step, column)
        if role == STATUS_ROLE:
            return None if status is None else status.value
        if role == VERSION_ROLE:
            return step.version
        if role == _BACKGROUND and status in _TINTS:
            colour = QColor(_TINTS[status][1 if self.dark else 0])
            colour.setAlpha(56)
            return QBrush(colour)
        if role == _FONT and status is Status.SKIPPED and column == COL_COMMAND:
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None
