"""CartService with a coupon table, on a real bus: a coupon typed at the till is looked up in
the table it was given, and a sale paid through the bus completes with its tenders."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from cartapp.bus import EventBus
from cartapp.domain.catalog import Catalog
from cartapp.domain.coupons import load_coupons
from cartapp.domain.events import AddItem, CheckedOut, CommandRejected, Fact
from cartapp.domain.pos import ApplyCoupon, CouponApplied, PaymentTaken, TakePayment
from cartapp.handlers import CartService, handler_failed

__all__: list[str] = []

REPO = Path(__file__).resolve().parents[2]


def test_a_coupon_and_a_cash_payment_through_the_bus() -> None:
    catalog = Catalog.from_json((REPO / "resources" / "catalog.json").read_bytes())
    coupons = load_coupons((REPO / "resources" / "coupons.json").read_bytes())
    bus = EventBus(failure_fact=handler_failed)
    handler = CartService(catalog, coupons=coupons)
    handler.attach(bus)
    facts: list[Fact] = []
    bus.subscribe(Fact, lambda env: facts.append(env.event))

    bus.publish(AddItem(item_id="espresso-beans", quantity=2), source="test")  # 37.80 net
    bus.publish(ApplyCoupon(code="spring10", today=date(2026, 5, 2)), source="test")
    assert isinstance(facts[-1], CommandRejected)
    assert facts[-1].reason == "coupon SPRING10 expired on 2026-04-30"
    bus.publish(ApplyCoupon(code="spring10", today=date(2026, 4, 2)), source="test")
    assert isinstance(facts[-1], CouponApplied)
    assert handler.cart.totals().total.amount == Decimal("36.40")  # 34.02 + 2.38 tax

    bus.publish(TakePayment(method="cash", amount=Decimal("50.00")), source="test")
    taken, order = facts[-2:]
    assert isinstance(taken, PaymentTaken) and isinstance(order, CheckedOut)
    assert (order.total, order.discount, order.change) == (
        Decimal("36.40"),
        Decimal("3.78"),
        Decimal("13.60"),
    )
    assert handler.cart.lines == () and handler.cart.orders == 1


def test_without_a_coupon_table_the_handler_knows_no_coupon() -> None:
    catalog = Catalog.from_json((REPO / "resources" / "catalog.json").read_bytes())
    bus = EventBus(failure_fact=handler_failed)
    handler = CartService(catalog)
    handler.attach(bus)
    facts: list[Fact] = []
    bus.subscribe(Fact, lambda env: facts.append(env.event))
    bus.publish(AddItem(item_id="espresso-beans", quantity=2), source="test")
    bus.publish(ApplyCoupon(code="SPRING10", today=date(2026, 4, 2)), source="test")
    assert isinstance(facts[-1], CommandRejected)
    assert facts[-1].reason == "unknown coupon code SPRING10"
