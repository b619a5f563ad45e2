"""The metrics panel and the flow view, standalone over a real bus and bridge, and in the app.

Given a bus with the cart handler, a bridge and one ``FlowStats`` shared by both docks, when
commands are published, then the panels show the numbers that a recompute from the same stage
rows gives, redraw per tick (not per event), stop redrawing while hidden, and export CSV and PNG.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDockWidget, QFileDialog, QSplitter

from cartapp.analytics import FlowStats, parse_csv_sections, stats_from_rows
from cartapp.bus import EventBus
from cartapp.bus.stages import StageRow, TraceBatch
from cartapp.domain.catalog import Catalog
from cartapp.domain.events import AddItem, Checkout, RemoveItem, UpdateItem
from cartapp.handlers import CartService, handler_failed
from cartapp.paths import resource_path
from cartapp.qt.bridge import QtBridge
from cartapp.qt.models.metrics import (
    COL_HANDLER_CALLS,
    COL_HANDLER_FAILED,
    COL_HANDLER_REJECTED,
    COL_LATENCY_COUNT,
    COL_PROB_ACCEPTED,
    COL_PROB_LOSSES,
    COL_PROB_P_C,
    COL_PROB_P_E,
    COL_PROB_P_H,
    COL_PROB_P_T,
    COL_PROB_REJECTED,
    VALUE_ROLE,
    FlowFeed,
    feed_for,
)
from cartapp.qt.style import accent_colors, build_palette
from cartapp.qt.widgets.flow import FlowDock
from cartapp.qt.widgets.metrics import MetricsDock, nice_ceiling

__all__: list[str] = []


@dataclass
class Rig:
    bus: EventBus
    bridge: QtBridge
    stats: FlowStats
    metrics: MetricsDock
    flow: FlowDock
    rows: list[StageRow]
    items: list[str]

    @property
    def feed(self) -> FlowFeed:
        return self.metrics.feed

    def publish(self, *commands: Any) -> None:
        for command in commands:
            self.bus.publish(command, source="ui")

    def settle(self) -> None:
        """Everything published so far is counted and shown."""
        self.feed.flush()


def boom(_envelope: Any) -> None:
    raise ValueError("audit log is down")


@pytest.fixture
def rig(qtbot: Any) -> Iterator[Rig]:
    catalog = Catalog.from_json(resource_path("catalog.json").read_bytes())
    bus = EventBus(failure_fact=handler_failed)
    CartService(catalog).attach(bus)
    bus.subscribe(RemoveItem, boom, name="AuditLog")
    rows: list[StageRow] = []

    def keep(batch: TraceBatch) -> None:
        rows.extend(record.to_row() for record in batch)

    bus.tap(keep)
    bridge = QtBridge(bus)
    stats = FlowStats()
    metrics = MetricsDock(bridge, stats)
    flow = FlowDock(bridge, stats)
    for dock in (metrics, flow):
        qtbot.addWidget(dock)
        dock.resize(1200, 320)
        dock.show()
    qtbot.waitExposed(flow)
    items = [p.id for p in catalog if p.stock >= 5][:3]
    yield Rig(bus, bridge, stats, metrics, flow, rows, items)
    metrics.feed.stop()
    bridge.close()
    bus.close()


def story(rig: Rig) -> None:
    """Add, add too many (rejected), update, remove (the audit handler raises), checkout."""
    a, b, _ = rig.items
    rig.publish(
        AddItem(item_id=a, quantity=1),
        AddItem(item_id=b, quantity=500),
        UpdateItem(item_id=a, quantity=2),
        RemoveItem(item_id=a, quantity=1),
        Checkout(),
    )


def test_both_docks_share_one_feed(rig: Rig) -> None:
    assert rig.flow.feed is rig.metrics.feed is feed_for(rig.bridge, rig.stats)
    assert rig.metrics.objectName() == "metricsPanel" and rig.flow.objectName() == "flowView"
    assert rig.metrics.accessibleName() == "Metrics panel"
    assert rig.flow.accessibleName() == "Flow view"


def test_the_panels_show_what_a_recompute_of_the_rows_gives(qtbot: Any, rig: Rig) -> None:
    story(rig)
    # No flush: the feed's own timer brings the numbers in.
    qtbot.waitUntil(lambda: rig.stats.rows == len(rig.rows) and rig.metrics.refreshes > 0)
    rig.settle()
    expected = stats_from_rows(rig.rows).report()
    commands = expected.type_stats("command")
    assert commands is not None and commands.generated == 5

    p = rig.metrics.probabilities
    # 5 commands, all delivered; 6 deliveries (RemoveItem also went to AuditLog), 1 failed;
    # handled: 5 commands, every result consumed (the rejection too) -> P(c|h) = 5/5; 1 of them
    # rejected -> accepted 4/5 (the add, the update, the remove, the checkout).
    assert p.text("[command]", COL_PROB_P_T) == "1.000 (5/5)"
    assert p.text("[command]", COL_PROB_P_H) == "0.833 (5/6)"
    assert p.text("[command]", COL_PROB_P_C) == "1.000 (5/5)"
    assert p.text("[command]", COL_PROB_ACCEPTED) == "0.800 (4/5)"
    assert p.text("AddItem", COL_PROB_P_C) == "1.000 (2/2)"
    assert p.text("AddItem", COL_PROB_ACCEPTED) == "0.500 (1/2)"
    assert p.text("[fact]", COL_PROB_ACCEPTED) == "—"
    # Every column says what it measures, in the words of the Help page.
    tip = p.headerData(COL_PROB_P_C, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "consumption of the result" in tip
    tip = p.headerData(COL_PROB_ACCEPTED, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Accepted: acceptance")
    # A rejection is its own figure, out of the row's commands; it is not a loss.
    assert p.text("AddItem", COL_PROB_REJECTED) == "1 of 2 AddItem commands"
    assert p.text("[command]", COL_PROB_REJECTED) == "1 of 5 commands"
    assert p.text("[all]", COL_PROB_REJECTED) == "1 of 5 commands"
    assert p.text("[fact]", COL_PROB_REJECTED) == "—"
    assert p.text("AddItem", COL_PROB_LOSSES) == "—"
    assert p.text("RemoveItem", COL_PROB_LOSSES) == "1 failed"
    all_row = p.row_of("[all]")
    assert p.index(all_row, COL_PROB_P_E).data(VALUE_ROLE) == expected.total.p_e
    for column, ratio in (
        (COL_PROB_P_T, expected.total.p_t),
        (COL_PROB_P_H, expected.total.p_h),
        (COL_PROB_P_C, expected.total.p_c),
    ):
        assert p.index(all_row, column).data(VALUE_ROLE) == ratio
    # Losses are drawn in the danger colour; complete ratios and rejections are not.
    danger = QColor(accent_colors(False)["danger"])
    row = p.row_of("[command]")
    assert p.index(row, COL_PROB_P_H).data(Qt.ItemDataRole.ForegroundRole) == danger
    assert p.index(row, COL_PROB_P_C).data(Qt.ItemDataRole.ForegroundRole) is None
    assert p.index(row, COL_PROB_REJECTED).data(Qt.ItemDataRole.ForegroundRole) is None
    assert p.index(row, COL_PROB_P_T).data(Qt.ItemDataRole.ForegroundRole) is None

    handlers = rig.metrics.handlers
    assert handlers.text("CartHandler", COL_HANDLER_CALLS) == "5"
    assert handlers.text("AuditLog", COL_HANDLER_FAILED) == "1"
    # The handler's rejection is a decision, not a failure.
    assert handlers.text("CartHandler", COL_HANDLER_FAILED) == "0"
    assert handlers.text("CartHandler", COL_HANDLER_REJECTED) == "1 of 5 calls"
    latency = rig.metrics.latencies
    assert latency.text("transmitted", COL_LATENCY_COUNT) == str(
        expected.total.stage_count("transmitted")
    )
    summary = rig.metrics.summary_label.text()
    assert f"Messages <b>{expected.total.generated}</b>" in summary
    assert "rejected <b>1</b> of 5 commands" in summary and "failed <b>1</b>" in summary
    assert f"of {expected.flow.deliveries} handler calls" in summary
    # The chart counted every message generated in the last minute.
    assert sum(m for _, m, _ in rig.metrics.chart.series) == expected.total.generated
    assert sum(c for _, _, c in rig.metrics.chart.series) == 5

    diagram = rig.flow.diagram
    assert diagram.flow == expected.flow
    text = diagram.describe()
    assert "ui 5" in text and "Rejected: 1 of 5 commands" in text
    assert "AuditLog 1 in, 0 handled, 1 failed" in text
    heatmap = rig.flow.heatmap
    assert heatmap.matrix == expected.markov
    assert heatmap.matrix is not None
    assert heatmap.matrix.states == ("AddItem", "Checkout", "RemoveItem", "UpdateItem")
    assert heatmap.matrix.probability("AddItem", "AddItem") == 0.5
    assert heatmap.current == "Checkout" and heatmap.prediction is None
    assert "Now: Checkout" in heatmap.caption()


def test_the_flow_diagram_marks_losses(rig: Rig) -> None:
    story(rig)
    rig.settle()
    nodes, edges, _ = rig.flow.diagram.layout_diagram()
    by_key = {n.key: n for n in nodes}
    assert not by_key["rejected"].loss and by_key["rejected"].title == "Rejected 1"
    assert by_key["failed"].loss and by_key["failed"].title == "Failed 1"
    assert not by_key["dropped"].loss and by_key["dropped"].title == "Dropped 0"
    assert by_key["handler:AuditLog"].loss
    assert not by_key["handler:CartHandler"].loss
    assert {e.label for e in edges if not e.sink} >= {"5"}
    assert sum(e.loss for e in edges) == 1  # the arrow into "failed" (a rejection is no loss)
    # Every box stays inside the widget.
    area = rig.flow.diagram.rect()
    assert all(area.contains(n.rect.toRect()) for n in nodes)


def test_a_burst_redraws_per_tick_not_per_event(rig: Rig) -> None:
    a = rig.items[0]
    before = rig.metrics.refreshes
    for _ in range(100):
        rig.publish(AddItem(item_id=a, quantity=1), RemoveItem(item_id=a, quantity=1))
    rig.settle()
    assert rig.stats.rows == len(rig.rows) > 1000
    # 200 commands, well over a thousand stage records, a handful of redraws at most.
    assert rig.metrics.refreshes - before <= 3


def test_a_hidden_panel_keeps_counting_but_does_not_redraw(qtbot: Any, rig: Rig) -> None:
    rig.metrics.hide()
    before = rig.metrics.refreshes
    story(rig)
    rig.settle()
    assert rig.stats.rows == len(rig.rows)
    assert rig.metrics.refreshes == before
    assert "Messages <b>0</b>" in rig.metrics.summary_label.text()
    rig.metrics.show()
    qtbot.waitUntil(lambda: "commands <b>5</b>" in rig.metrics.summary_label.text())


def test_models_pass_the_model_tester(qtmodeltester: Any, rig: Rig) -> None:
    for model in (rig.metrics.probabilities, rig.metrics.latencies, rig.metrics.handlers):
        qtmodeltester.check(model)
    story(rig)  # rows appear (model resets) and change (dataChanged) under the testers' eyes
    rig.settle()
    a = rig.items[0]
    rig.publish(AddItem(item_id=a, quantity=1))
    rig.settle()
    rig.metrics.reset_button.click()
    rig.settle()
    for model in (rig.metrics.probabilities, rig.metrics.latencies, rig.metrics.handlers):
        qtmodeltester.check(model)
        assert model.headerData(0, Qt.Orientation.Vertical) is None
        assert model.data(model.index(0, 99)) is None
    assert rig.metrics.handlers.rowCount() == 0
    assert rig.metrics.probabilities.rowCount() == 1  # "All messages", with nothing measured


def test_reset_starts_counting_again(rig: Rig) -> None:
    story(rig)
    rig.settle()
    rig.metrics.reset_button.click()
    assert rig.stats.rows == 0
    assert "Messages <b>0</b>" in rig.metrics.summary_label.text()
    rig.publish(Checkout())
    rig.settle()
    assert "Messages <b>2</b>" in rig.metrics.summary_label.text()  # Checkout + its rejection


def test_csv_export_writes_the_statistics(rig: Rig, tmp_path: Path) -> None:
    story(rig)
    target = rig.metrics.export_csv(tmp_path / "stats.csv")
    sections = parse_csv_sections(target.read_text(encoding="utf-8"))
    summary = dict(map(tuple, sections["summary"][1:]))
    expected = stats_from_rows(rig.rows).report()
    assert summary["generated"] == str(expected.total.generated)
    assert summary["rejected"] == "1" and summary["failed"] == "1"
    probabilities = {(s, p): (n, d) for s, p, n, d, _ in sections["probabilities"][1:]}
    assert probabilities[("command", "P(c|h)")] == ("5", "5")
    assert probabilities[("command", "accepted")] == ("4", "5")
    assert rig.metrics.status_label.text() == "Saved stats.csv"
    # Every table parses as CSV.
    for rows in sections.values():
        assert rows and all(len(r) == len(rows[0]) for r in rows)


def test_export_buttons_ask_for_a_file(
    rig: Rig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story(rig)
    answers = iter([str(tmp_path / "a.csv"), str(tmp_path / "b.png"), str(tmp_path / "c.csv")])
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (next(answers), ""))
    )
    rig.metrics.export_button.click()
    rig.flow.export_png_button.click()
    rig.flow.export_csv_button.click()
    from_metrics = parse_csv_sections((tmp_path / "a.csv").read_text(encoding="utf-8"))
    from_flow = parse_csv_sections((tmp_path / "c.csv").read_text(encoding="utf-8"))
    assert from_metrics["summary"] == from_flow["summary"]
    assert from_metrics["transition_counts"] == from_flow["transition_counts"]
    assert "c.csv" in rig.flow.status_label.text()
    image = QImage(str(tmp_path / "b.png"))
    assert not image.isNull()


def test_heatmap_png_is_the_heatmap(rig: Rig, tmp_path: Path) -> None:
    story(rig)
    target = rig.flow.export_heatmap_png(tmp_path / "heatmap.png")
    image = QImage(str(target))
    heatmap = rig.flow.heatmap
    ratio = heatmap.devicePixelRatioF()
    assert (image.width(), image.height()) == (
        round(heatmap.width() * ratio),
        round(heatmap.height() * ratio),
    )
    # Shaded cells: the image holds more than a handful of colours.
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 8


def test_export_to_a_bad_path_says_so(
    rig: Rig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "missing" / "x.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(bad), ""))
    )
    rig.metrics.export_button.click()
    assert "Could not save" in rig.metrics.status_label.text()
    assert not bad.exists()


def test_dark_palette_recolours_losses(qtbot: Any, rig: Rig) -> None:
    story(rig)
    rig.settle()
    rig.metrics.setPalette(build_palette(True))
    p = rig.metrics.probabilities
    index = p.index(p.row_of("[command]"), COL_PROB_P_H)
    qtbot.waitUntil(
        lambda: index.data(Qt.ItemDataRole.ForegroundRole) == QColor(accent_colors(True)["danger"])
    )


def test_layout_follows_the_dock_shape(qtbot: Any, rig: Rig) -> None:
    splitter = rig.metrics.findChild(QSplitter, "metricsSplitter")
    assert splitter is not None
    rig.metrics.resize(1300, 300)
    qtbot.waitUntil(lambda: splitter.orientation() == Qt.Orientation.Horizontal)
    rig.metrics.resize(480, 800)
    qtbot.waitUntil(lambda: splitter.orientation() == Qt.Orientation.Vertical)
    # Stacked, the dock still fits a narrow side area.
    assert rig.metrics.minimumSizeHint().width() < 480


def test_nice_ceiling() -> None:
    assert [nice_ceiling(v) for v in (0, 1, 3, 7, 11, 250, 501)] == [1, 1, 5, 10, 20, 500, 1000]


def test_csv_text_is_plain_csv(rig: Rig) -> None:
    story(rig)
    rig.settle()
    body = [ln for ln in rig.stats.to_csv().splitlines() if ln and not ln.startswith("# ")]
    assert all(list(csv.reader(io.StringIO("\n".join(body)))))


# -- in the app ---------------------------------------------------------------------------------


def test_the_app_docks_both_beside_the_event_log(qtbot: Any, cart_app: Any, ui: Any) -> None:
    window = cart_app.window
    metrics = window.findChild(QDockWidget, "metricsPanel")
    flow = window.findChild(QDockWidget, "flowView")
    log = window.findChild(QDockWidget, "eventLogDock")
    assert isinstance(metrics, MetricsDock) and isinstance(flow, FlowDock)
    assert metrics.feed is flow.feed
    tabbed = window.tabifiedDockWidgets(log) if log is not None else []
    assert metrics in tabbed and flow in tabbed
    toggles = [a.text() for a in window.view_menu.actions()]
    assert "Metrics" in toggles and "Flow" in toggles
    item = next(p.id for p in cart_app.catalog if p.stock >= 5)
    ui.add(item, 2)
    metrics.raise_()
    qtbot.waitUntil(lambda: "commands <b>1</b>" in metrics.summary_label.text(), timeout=30_000)
    assert metrics.probabilities.text("AddItem", COL_PROB_P_C) == "1.000 (1/1)"
