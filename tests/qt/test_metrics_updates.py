"""The metrics tables announce only the cells that changed, and their columns keep fitting.

Given the metrics panel over a real bus and bridge, when one more command is counted, then the
tables' ``dataChanged`` signals name exactly the cells whose text, value, tooltip or colour
changed (one row per signal, no reset while the rows stay the same), nothing when nothing
changed, and the columns, measured only when the texts' widths change, still fit every text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from cartapp.analytics import FlowStats
from cartapp.bus import EventBus
from cartapp.domain.catalog import Catalog
from cartapp.domain.events import AddItem, RemoveItem
from cartapp.handlers import CartService, handler_failed
from cartapp.paths import resource_path
from cartapp.qt.bridge import QtBridge
from cartapp.qt.models.metrics import VALUE_ROLE, ReportTableModel
from cartapp.qt.widgets.metrics import MetricsDock

__all__: list[str] = []

_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.ForegroundRole,
    VALUE_ROLE,
)


@pytest.fixture
def panel(qtbot: Any) -> Iterator[tuple[EventBus, MetricsDock, list[str]]]:
    catalog = Catalog.from_json(resource_path("catalog.json").read_bytes())
    bus = EventBus(failure_fact=handler_failed)
    CartService(catalog).attach(bus)
    bridge = QtBridge(bus)
    metrics = MetricsDock(bridge, FlowStats())
    qtbot.addWidget(metrics)
    metrics.resize(1200, 320)
    metrics.show()
    qtbot.waitExposed(metrics)
    items = [p.id for p in catalog if p.stock >= 5][:2]
    yield bus, metrics, items
    metrics.feed.stop()
    bridge.close()
    bus.close()


def _cells(model: ReportTableModel) -> dict[tuple[int, int], tuple[Any, ...]]:
    return {
        (row, column): tuple(repr(model.index(row, column).data(role)) for role in _ROLES)
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    }


class _Announced:
    def __init__(self, model: ReportTableModel) -> None:
        self.cells: set[tuple[int, int]] = set()
        self.ranges: list[tuple[int, int, int, int]] = []
        self.resets = 0
        model.dataChanged.connect(self._changed)
        model.modelReset.connect(self._reset)

    def _changed(self, top_left: QModelIndex, bottom_right: QModelIndex, _roles: Any) -> None:
        box = (top_left.row(), top_left.column(), bottom_right.row(), bottom_right.column())
        self.ranges.append(box)
        for row in range(box[0], box[2] + 1):
            for column in range(box[1], box[3] + 1):
                self.cells.add((row, column))

    def _reset(self) -> None:
        self.resets += 1


def _count(bus: EventBus, metrics: MetricsDock, *commands: Any) -> None:
    for command in commands:
        bus.publish(command, source="ui")
    metrics.feed.flush()


def test_one_more_command_announces_exactly_the_changed_cells(panel: Any) -> None:
    bus, metrics, (a, b) = panel
    _count(bus, metrics, AddItem(item_id=a, quantity=1), AddItem(item_id=b, quantity=1))
    _count(bus, metrics, RemoveItem(item_id=b, quantity=1), AddItem(item_id=b, quantity=1))
    for model in (metrics.probabilities, metrics.latencies, metrics.handlers):
        before = _cells(model)
        announced = _Announced(model)
        _count(bus, metrics, AddItem(item_id=a, quantity=1))
        after = _cells(model)
        changed = {cell for cell in after if after[cell] != before[cell]}
        assert announced.resets == 0, type(model).__name__
        assert announced.cells == changed, type(model).__name__
        assert all(top == bottom for top, _, bottom, _ in announced.ranges)
    # The share of every event type moved; most other cells of the probabilities did not.
    assert len(changed) < len(after)


def test_the_same_rows_again_announce_nothing(panel: Any) -> None:
    bus, metrics, (a, _) = panel
    _count(bus, metrics, AddItem(item_id=a, quantity=1))
    model = metrics.probabilities
    announced = _Announced(model)
    model.set_report(metrics.feed.report())
    assert announced.ranges == []
    assert announced.resets == 0


def test_a_new_event_type_resets_the_rows(panel: Any) -> None:
    bus, metrics, (a, _) = panel
    _count(bus, metrics, AddItem(item_id=a, quantity=1))
    announced = _Announced(metrics.probabilities)
    _count(bus, metrics, RemoveItem(item_id=a, quantity=1))
    assert announced.resets == 1
    assert metrics.probabilities.row_of("RemoveItem") >= 0


def test_columns_grow_with_their_texts(panel: Any) -> None:
    bus, metrics, (a, _) = panel
    _count(bus, metrics, AddItem(item_id=a, quantity=1), RemoveItem(item_id=a, quantity=1))
    view = metrics.probability_view
    for _ in range(6):  # counts go from one digit to four: "0.500 (1,200/2,400)"
        _count(bus, metrics, *[AddItem(item_id=a, quantity=1) for _ in range(200)])
        _count(bus, metrics, *[RemoveItem(item_id=a, quantity=1) for _ in range(200)])
    header = view.horizontalHeader()
    for column in range(metrics.probabilities.columnCount() - 1):  # the last one stretches
        assert header.sectionSize(column) >= view.sizeHintForColumn(column), column
