"""``StateDiffView`` (``stateDiffView``): the cart before and after a message, as a tree.

A read-only ``QTreeView`` over a ``StateDiffModel`` with What / Before / After columns: the
cart's lines, discounts, totals and stock per product, the changed values bold and tinted. The
sections and rows that changed are expanded, the rest collapsed, so the change is what one sees
first. ``show_carts(before, after)`` fills it; ``set_catalog`` gives the stock figures and the
names of products neither cart holds. Time travel shows it for the selected message, and so for
every row selected in the event log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from cartapp.history.state_diff import DiffNode, state_diff
from cartapp.qt.models.state_diff import COL_AFTER, COL_BEFORE, COL_WHAT, StateDiffModel

if TYPE_CHECKING:
    from cartapp.domain.cart import Cart
    from cartapp.domain.catalog import Catalog

__all__ = ["StateDiffView"]


class StateDiffView(QTreeView):
    """See the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stateDiffView")
        self.setAccessibleName(self.tr("The cart before and after this message"))
        self.setToolTip(self.tr("What this message changed: lines, discounts, totals and stock"))
        self.diff_model = StateDiffModel(self)
        self.setModel(self.diff_model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setIndentation(14)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_WHAT, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("Held by parked"))
        value_width = self.fontMetrics().horizontalAdvance("€9,999.99") + 16
        for column in (COL_BEFORE, COL_AFTER):  # room for a price; a longer value's tooltip
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, value_width)
        self._stock: dict[str, int] | None = None
        self._names: dict[str, str] | None = None
        self.root: DiffNode | None = None
        self._apply_palette()

    def set_catalog(self, catalog: Catalog) -> None:
        """Count what is left in stock against ``catalog`` (from the next ``show_carts``)."""
        self._stock = {p.id: p.stock for p in catalog.products}
        self._names = {p.id: p.name for p in catalog.products}

    def show_carts(self, before: Cart, after: Cart) -> DiffNode:
        """Show the difference from ``before`` to ``after``; returns its tree."""
        root = self.root = state_diff(before, after, self._stock, self._names)
        self.diff_model.set_diff(root)
        self._expand_changes(QModelIndex())
        return root

    def _expand_changes(self, parent: QModelIndex) -> None:
        model = self.diff_model
        for row in range(model.rowCount(parent)):
            index = model.index(row, COL_WHAT, parent)
            node = model.node(index)
            if node is not None and node.children:
                self.setExpanded(index, node.change != "same")
                self._expand_changes(index)

    def _apply_palette(self) -> None:
        self.diff_model.set_dark(self.palette().color(QPalette.ColorRole.Base).lightness() < 128)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_palette()
