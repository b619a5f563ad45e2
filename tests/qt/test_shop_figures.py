"""Two till windows in one shop: the figures per till and for the whole shop, tills as sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conftest import Ui

from cartapp.analytics.tills import THIS_TILL, WHOLE_SHOP, scope_key
from cartapp.app import build

if TYPE_CHECKING:
    from pathlib import Path

    from cartapp.analytics import FlowReport
    from cartapp.app import App
    from cartapp.qt.widgets.stats_parts import TillSelector
    from cartapp.shop.server import ShopServer

DECAF = "decaf-coffee-beans"  # 4 in the catalog


def _open(qtbot, folder: Path, url: str, till: str) -> App:
    app = build(folder, shop_url=url, till=till)
    app.window.resize(1280, 800)
    app.window.show()
    qtbot.waitExposed(app.window)
    return app


def _choose(qtbot, selector: TillSelector, key: str) -> None:
    """Choose ``key`` in the combo box (what picking its item in the popup does)."""
    index = selector.findData(key)
    assert index >= 0, f"{key} is not offered: {selector.scope_keys()}"
    selector.setFocus()
    selector.setCurrentIndex(index)
    selector.activated.emit(index)  # what choosing an item of the popup emits


def _generated(report: FlowReport) -> dict[str, int]:
    return {t.name: t.generated for t in report.types}


def _cell(app: App, row_name: str, column: int) -> str:
    model = app.docks["metricsPanel"].probabilities
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == row_name:
            return str(model.index(row, column).data())
    raise AssertionError(f"no row {row_name} in the probabilities table")


def test_a_till_reads_another_tills_figures_and_the_whole_shops(
    qtbot, shop_server: ShopServer, tmp_path: Path, dispose
) -> None:
    one = _open(qtbot, tmp_path / "t1", shop_server.url, "t1")
    two = _open(qtbot, tmp_path / "t2", shop_server.url, "t2")
    try:
        metrics, flow = two.docks["metricsPanel"], two.docks["flowView"]
        assert metrics.till_selector is not None and flow.till_selector is not None
        assert metrics.till_selector.objectName() == "metricsTill"
        assert metrics.till_selector.scope_keys() == [THIS_TILL, WHOLE_SHOP]
        assert metrics.till_selector.currentText() == "This till (t2)"
        # till 2 hears till 1's heartbeat, so it hears what till 1 shares from now on
        tills = two.docks["shopDock"].model
        qtbot.waitUntil(
            lambda: any(tills.index(r, 0).data() == "t1" for r in range(tills.rowCount())),
            timeout=30_000,
        )
        one.window.activateWindow()
        ui = Ui(qtbot, one)
        ui.add(DECAF, 1)
        ui.add(DECAF, 1)
        assert one.service.cart.quantity_of(DECAF) == 2
        one.docks["metricsPanel"].feed.flush()
        mine = one.docks["metricsPanel"].feed.stats.report()
        assert _generated(mine)["AddItem"] == 2

        # till 1 is offered at till 2 once its rows arrive; both docks follow one choice
        qtbot.waitUntil(
            lambda: scope_key("t1") in metrics.till_selector.scope_keys(), timeout=30_000
        )
        metrics.raise_()
        _choose(qtbot, metrics.till_selector, scope_key("t1"))
        assert flow.till_selector.currentData() == scope_key("t1")
        assert metrics.scope_selector is not None and not metrics.scope_selector.isEnabled()
        assert not metrics.reset_button.isEnabled()
        qtbot.waitUntil(lambda: _generated(metrics.report()) == _generated(mine), timeout=30_000)
        theirs = metrics.report()
        assert theirs.total == mine.total and theirs.types == mine.types
        adds = next(t for t in mine.types if t.name == "AddItem")
        assert _cell(two, "AddItem", 1).endswith(f"({adds.generated}/{mine.total.generated})")
        # the transition table is till 1's: AddItem followed by AddItem
        flow.raise_()
        flow.refresh()
        assert flow.heatmap.matrix is not None
        assert flow.heatmap.matrix == mine.markov

        # till 2 adds one itself: the whole shop counts three AddItems, and the one
        # transition of till 1 only (till 2's single action follows none of till 1's)
        two.window.activateWindow()
        Ui(qtbot, two).add(DECAF, 1)
        assert two.service.cart.quantity_of(DECAF) == 1
        _choose(qtbot, flow.till_selector, WHOLE_SHOP)
        assert metrics.till_selector.currentData() == WHOLE_SHOP
        two.docks["metricsPanel"].feed.flush()
        whole = flow.report()
        assert _generated(whole)["AddItem"] == 3
        flow.refresh()
        heatmap = flow.heatmap.matrix
        assert heatmap is not None and heatmap.states == ("AddItem",)
        assert heatmap.counts == ((1,),)

        # this till again: the time scopes are back, and till 1 is a source in the flow view
        _choose(qtbot, flow.till_selector, THIS_TILL)
        assert metrics.scope_selector.isEnabled()
        qtbot.waitUntil(lambda: "till t1" in flow.diagram.describe(), timeout=30_000)
        nodes, edges, _captions = flow.diagram.layout_diagram()
        till_node = next(n for n in nodes if n.key == "till:till t1")
        assert any(edge.remote for edge in edges)
        report = flow.report()
        (source,) = report.flow.tills
        assert source.name == "till t1" and source.commands == 2
        assert till_node.title == "till t1"
        assert f"till t1 {source.generated} (2 commands, {source.facts} facts)" in (
            flow.diagram.describe()
        )
        flow.diagram.resize(900, 600)  # room for every line: the till's box counts its commands
        nodes, _edges, _captions = flow.diagram.layout_diagram()
        till_node = next(n for n in nodes if n.key == "till:till t1")
        assert till_node.lines[0][0] == "2 commands"
    finally:
        dispose(two)
        dispose(one)


def test_alone_the_panels_have_no_till_scope(qtbot, tmp_path: Path, dispose) -> None:
    app = build(tmp_path / "alone")
    try:
        for name in ("metricsPanel", "flowView"):
            assert app.docks[name].till_selector is None and app.docks[name].tills is None
        assert app.docks["flowView"].report().flow.tills == ()
    finally:
        dispose(app)
