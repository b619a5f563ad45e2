"""Live statistics equal statistics recomputed from the stage rows the SQLite store gave back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cartapp.analytics import FlowStats, Ratio, stats_from_rows
from cartapp.bus import EventBus
from cartapp.bus.stages import StageRow
from cartapp.domain.events import AddItem, Checkout, Fact, RemoveItem, UpdateItem
from cartapp.handlers import CartService, handler_failed
from cartapp.store.live import LiveStore

if TYPE_CHECKING:
    from pathlib import Path

    from cartapp.domain.catalog import Catalog

__all__: list[str] = []


def read_all(live_store: LiveStore, page: int = 64) -> list[StageRow]:
    """Every stored stage row, paging through ``iter_stages`` as a history view would."""
    rows: list[StageRow] = []
    after = 0
    while chunk := live_store.store.iter_stages(after, limit=page):
        rows.extend(row for _, row in chunk)
        after = chunk[-1][0]
    return rows


def test_live_equals_recomputed_from_the_store(tmp_path: Path, catalog: Catalog) -> None:
    live_store = LiveStore.open(tmp_path / "data", stage_flush_s=60.0)
    bus = EventBus(failure_fact=handler_failed)
    try:
        CartService(
            catalog, live_store.store, cart=live_store.cart, version=live_store.version
        ).attach(bus)
        bus.subscribe(Fact, lambda _env: None, name="view")
        live = FlowStats()
        bus.tap(live.observe_records)
        bus.tap(live_store.record_stages)
        ids = [p.id for p in catalog][:5]
        for i in range(30):
            bus.publish(AddItem(item_id=ids[i % 5], quantity=1), source="ui")
            if i % 4 == 3:
                bus.publish(UpdateItem(item_id=ids[i % 5], quantity=500), source="ui")  # rejected
            if i % 6 == 5:
                bus.publish(RemoveItem(item_id=ids[(i + 2) % 5], quantity=1), source="ui")
        bus.publish(Checkout(), source="ui")
        live_store.flush_stages()
        stored = read_all(live_store)
    finally:
        bus.close()
        live_store.close()

    assert len(stored) == live.rows
    recomputed = stats_from_rows(stored)
    report = live.report()
    assert recomputed.report() == report
    assert recomputed.to_csv() == live.to_csv()
    update = report.type_stats("UpdateItem")
    assert update is not None and (update.generated, update.p_a) == (7, Ratio(0, 7))
    assert report.actions[0] == ("AddItem", 30)
    assert report.markov.probability("AddItem", "AddItem") > 0.5
