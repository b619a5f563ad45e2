"""``StateDiffModel``: the cart before and after a message as a tree with Before/After columns.

It shows the tree ``cartapp.history.state_diff.state_diff`` builds (lines, discounts, totals,
stock), one row per node under its section: column ``COL_WHAT`` names the node, ``COL_BEFORE``
and ``COL_AFTER`` give its values ("—" where it did not exist). A row that changed is tinted
(green added, red removed, amber changed) and its changed value is bold; ``CHANGE_ROLE`` says
how it changed. The model is replaced as a whole (``set_diff``: one reset) and is read-only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from cartapp.qt.models.base import READ_ONLY_FLAGS, RIGHT, Index

if TYPE_CHECKING:
    from cartapp.history.state_diff import DiffNode

__all__ = ["CHANGE_ROLE", "COL_AFTER", "COL_BEFORE", "COL_WHAT", "StateDiffModel", "label_of"]

COL_WHAT, COL_BEFORE, COL_AFTER = range(3)
CHANGE_ROLE = Qt.ItemDataRole.UserRole + 1
"""``data(index, CHANGE_ROLE)``: "added", "removed", "changed" or "same" for the row's node."""

_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_FONT = Qt.ItemDataRole.FontRole
_BRANCH_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
# (light, dark): text colour of a changed row
_TINTS = {
    "added": ("#1a7f37", "#56d364"),
    "removed": ("#b42318", "#ff7b72"),
    "changed": ("#b45309", "#f0a04b"),
}


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def label_of(node: DiffNode) -> str:
    """What the row calls ``node``, translated ("Quantity", "Coupon SAVE1", a product name)."""
    labels = {
        "cart": QCoreApplication.translate("StateDiffModel", "Cart"),
        "lines": QCoreApplication.translate("StateDiffModel", "Lines"),
        "quantity": QCoreApplication.translate("StateDiffModel", "Quantity"),
        "unit_price": QCoreApplication.translate("StateDiffModel", "Unit price"),
        "tax_rate": QCoreApplication.translate("StateDiffModel", "Tax rate"),
        "line_discount": QCoreApplication.translate("StateDiffModel", "Line discount"),
        "line_total": QCoreApplication.translate("StateDiffModel", "Line total"),
        "discounts": QCoreApplication.translate("StateDiffModel", "Discounts"),
        "order_discount": QCoreApplication.translate("StateDiffModel", "Order discount"),
        "coupon": QCoreApplication.translate("StateDiffModel", "Coupon %1"),
        "rule": QCoreApplication.translate("StateDiffModel", "Rule"),
        "off": QCoreApplication.translate("StateDiffModel", "Takes off"),
        "totals": QCoreApplication.translate("StateDiffModel", "Totals"),
        "items": QCoreApplication.translate("StateDiffModel", "Items"),
        "subtotal": QCoreApplication.translate("StateDiffModel", "Subtotal"),
        "discount": QCoreApplication.translate("StateDiffModel", "Discount"),
        "tax": QCoreApplication.translate("StateDiffModel", "Tax"),
        "total": QCoreApplication.translate("StateDiffModel", "Total"),
        "paid": QCoreApplication.translate("StateDiffModel", "Paid"),
        "stock": QCoreApplication.translate("StateDiffModel", "Stock"),
        "in_cart": QCoreApplication.translate("StateDiffModel", "In the cart"),
        "held": QCoreApplication.translate("StateDiffModel", "Held by parked carts"),
        "sold": QCoreApplication.translate("StateDiffModel", "Sold"),
        "left": QCoreApplication.translate("StateDiffModel", "Left in stock"),
    }
    return labels.get(node.kind, "%1").replace("%1", node.name)


class StateDiffModel(QAbstractItemModel):
    """The state diff tree, read-only; see the module docstring."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Every node shown, with the id of its parent (-1: a top-level row) and its row there.
        self._nodes: list[tuple[DiffNode, int, int]] = []
        self._children: dict[int, list[int]] = {-1: []}
        self._dark = False

    # -- our API -----------------------------------------------------------------------------

    def set_diff(self, root: DiffNode | None) -> None:
        """Show ``root``'s sections (none for None)."""
        self.beginResetModel()
        self._nodes = []
        self._children = {-1: []}
        if root is not None:
            for child in root.children:
                self._add(child, -1)
        self.endResetModel()

    def set_dark(self, dark: bool) -> None:
        if dark != self._dark:
            self._dark = dark
            if self._nodes:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(self.rowCount() - 1, COL_AFTER), [_FOREGROUND]
                )

    def node(self, index: Index) -> DiffNode | None:
        return self._nodes[index.internalId()][0] if index.isValid() else None

    def _add(self, node: DiffNode, parent: int) -> None:
        me = len(self._nodes)
        siblings = self._children[parent]
        self._nodes.append((node, parent, len(siblings)))
        siblings.append(me)
        self._children[me] = []
        for child in node.children:
            self._add(child, me)

    def _id(self, index: Index) -> int:
        return index.internalId() if index.isValid() else -1

    # -- Qt's model API ----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column > COL_AFTER or (parent.isValid() and parent.column() != 0):
            return QModelIndex()
        children = self._children.get(self._id(parent), [])
        if not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        _node, parent, _row = self._nodes[index.internalId()]
        if parent < 0:
            return QModelIndex()
        return self.createIndex(self._nodes[parent][2], 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children.get(self._id(parent), []))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 3

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _BRANCH_FLAGS if self._children[index.internalId()] else READ_ONLY_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section <= COL_AFTER:
            if role == _DISPLAY:
                return (
                    QCoreApplication.translate("StateDiffModel", "What"),
                    QCoreApplication.translate("StateDiffModel", "Before"),
                    QCoreApplication.translate("StateDiffModel", "After"),
                )[section]
            if role == _ALIGN and section != COL_WHAT:
                return RIGHT
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if role in (_DISPLAY, _ACCESSIBLE):
            if column == COL_WHAT:
                return label_of(node)
            value = node.before if column == COL_BEFORE else node.after
            if value is None:
                return "\u2014" if node.before is not None or node.after is not None else ""
            return value
        if role == CHANGE_ROLE:
            return node.change
        if role == _ALIGN:
            return RIGHT if column != COL_WHAT else None
        if role == _FOREGROUND and node.change in _TINTS:
            light, dark = _TINTS[node.change]
            return QBrush(QColor(dark if self._dark else light))
        if role == _FONT and node.change != "same" and not node.children:
            # the value the message made: After, or Before for what it took away
            shown = COL_BEFORE if node.change == "removed" else COL_AFTER
            return _bold() if column == shown else None
        if role == _TOOLTIP and column != COL_WHAT:
            value = node.before if column == COL_BEFORE else node.after
            return value if value is not None else None
        if role == _TOOLTIP and node.change != "same":
            return {
                "added": QCoreApplication.translate("StateDiffModel", "Added by this message"),
                "removed": QCoreApplication.translate("StateDiffModel", "Removed by this message"),
                "changed": QCoreApplication.translate("StateDiffModel", "Changed by this message"),
            }[node.change]
        return None
