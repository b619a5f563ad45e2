"""Refunds read past orders from the store (``StoredLedger``), not from the cart: across a
restart, with the refunds made so far, never beyond what was sold; the snapshot stays the size
of the open cart."""

from __future__ import annotations

from pathlib import Path

from cartapp.bus import EventBus
from cartapp.domain.catalog import Catalog
from cartapp.domain.events import AddItem, CheckedOut, Checkout, CommandRejected, Fact
from cartapp.domain.pos import ItemsRefunded, RefundItems, RefundLine
from cartapp.handlers import CartService, handler_failed
from cartapp.store import LIVE_STREAM, LiveStore
from cartapp.store.sessions import StoredLedger

__all__: list[str] = []

REPO = Path(__file__).resolve().parents[2]
CATALOG = Catalog.from_json((REPO / "resources" / "catalog.json").read_bytes())


def _till(folder: Path) -> tuple[LiveStore, CartService, EventBus, list[Fact]]:
    live = LiveStore.open(folder, currency=CATALOG.currency, snapshot_every=5)
    handler = CartService(
        CATALOG,
        live.store,
        cart=live.cart,
        version=live.version,
        snapshot_every=5,
        ledger=StoredLedger(live.store, LIVE_STREAM),
    )
    bus = EventBus(failure_fact=handler_failed)
    handler.attach(bus)
    facts: list[Fact] = []
    bus.subscribe(Fact, lambda env: facts.append(env.event))
    return live, handler, bus, facts


def _refund(quantity: int, order: int = 1) -> RefundItems:
    return RefundItems(
        order_number=order,
        lines=(RefundLine(item_id="espresso-beans", quantity=quantity),),
        reason="damaged",
        method="cash",
    )


def test_a_refund_after_a_restart_reads_the_order_and_its_refunds_from_the_store(
    tmp_path: Path,
) -> None:
    live, handler, bus, facts = _till(tmp_path)
    bus.publish(AddItem(item_id="espresso-beans", quantity=3), source="ui")
    bus.publish(Checkout(), source="ui")
    assert isinstance(facts[-1], CheckedOut)
    bus.publish(_refund(1), source="ui")
    assert isinstance(facts[-1], ItemsRefunded)
    first = facts[-1].amount
    live.close()

    live, handler, bus, facts = _till(tmp_path)
    try:
        assert handler.cart.sold_of("espresso-beans") == 2
        assert StoredLedger(live.store, LIVE_STREAM).sale(2) is None
        sale = StoredLedger(live.store, LIVE_STREAM).sale(1)
        assert sale is not None and sale.line("espresso-beans") is not None
        assert sale.lines[0].refunded == 1 and sale.lines[0].refunded_amount == first
        bus.publish(_refund(3), source="ui")
        assert isinstance(facts[-1], CommandRejected)
        assert facts[-1].reason == (
            "only 2 x Espresso beans 1 kg of order #1 can still be refunded"
        )
        bus.publish(_refund(2), source="ui")
        assert isinstance(facts[-1], ItemsRefunded)
        assert first + facts[-1].amount == sale.lines[0].total  # all of it, to the cent
        assert handler.cart.sold_of("espresso-beans") == 0
    finally:
        live.close()


def test_the_snapshot_does_not_hold_past_orders(tmp_path: Path) -> None:
    live, _handler, bus, _facts = _till(tmp_path)
    for _ in range(12):
        bus.publish(AddItem(item_id="espresso-beans", quantity=1), source="ui")
        bus.publish(Checkout(), source="ui")
    live.close()
    live = LiveStore.open(tmp_path, currency=CATALOG.currency, snapshot_every=5)
    try:
        with live.store.lock:
            (text,) = (
                live.store.connection()
                .execute("SELECT cart FROM snapshots ORDER BY version DESC LIMIT 1")
                .fetchone()
            )
        assert '"orders":12' in text and "sales" not in text
        assert live.cart.orders == 12 and live.cart.lines == ()
    finally:
        live.close()
