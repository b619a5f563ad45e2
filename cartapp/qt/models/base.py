"""``ReadOnlyTable``: the part every flat, read-only table model of the app has in common.

A subclass keeps its rows in ``self._rows`` (any sequence; the model is virtual: ``data()``
formats a cell only when a view asks for it), names its columns in ``COLUMNS`` and writes
``data()``. This base answers the rest of Qt's model questions the same way for all of them:
``rowCount``/``columnCount`` (0 under a valid parent: a table has no children), ``flags``
(enabled, selectable, never has children; nothing is editable), and ``headerData`` (the column
caption, its alignment from ``alignment(column)``, the tooltip from ``HEADER_TIPS``, both in
English and translated here with the model's class name as the context: write them as
``QT_TRANSLATE_NOOP("<ModelClass>", "...")`` so lupdate finds them). The flag
values are built once: ``flags()`` runs for every cell a view looks at.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

__all__ = ["LEFT", "NO_FLAGS", "READ_ONLY_FLAGS", "RIGHT", "Index", "ReadOnlyTable"]

Index = QModelIndex | QPersistentModelIndex

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
NO_FLAGS = Qt.ItemFlag.NoItemFlags
READ_ONLY_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)

_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_HORIZONTAL = Qt.Orientation.Horizontal


class ReadOnlyTable(QAbstractTableModel):
    """A flat table over ``self._rows`` with the columns ``COLUMNS``; see the module docstring."""

    COLUMNS: ClassVar[tuple[str, ...]] = ()
    """The column captions; their number is the column count."""
    RIGHT_COLUMNS: ClassVar[frozenset[int]] = frozenset()
    """Columns aligned right (numbers, money); the others are aligned left."""
    HEADER_TIPS: ClassVar[tuple[str, ...]] = ()
    """A tooltip per column header, or none."""

    _rows: Sequence[Any] = ()

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        """How ``column``'s cells and header are aligned (``None``: the view's default)."""
        return RIGHT if column in self.RIGHT_COLUMNS else LEFT

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return READ_ONLY_FLAGS if index.isValid() else NO_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != _HORIZONTAL or not 0 <= section < len(self.COLUMNS):
            return None
        if role == _DISPLAY:
            return QCoreApplication.translate(type(self).__name__, self.COLUMNS[section])
        if role == _ALIGN:
            return self.alignment(section)
        if role == _TOOLTIP and self.HEADER_TIPS:
            return QCoreApplication.translate(type(self).__name__, self.HEADER_TIPS[section])
        return None
