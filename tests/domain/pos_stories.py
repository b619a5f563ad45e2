"""Helpers for the point-of-sale stories: a shop with categories, its coupon table, and
``when``/``rejected`` as in ``test_decider``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from cartapp.domain.cart import Cart
from cartapp.domain.catalog import Catalog, Product
from cartapp.domain.coupons import CouponTable, load_coupons
from cartapp.domain.decider import apply_all, decide
from cartapp.domain.events import Command, CommandRejected, Fact, ItemAdded
from cartapp.domain.ledger import OrderLedger

__all__ = ["COUPONS", "SHOP", "D", "added", "rejected", "when"]

SHOP = Catalog(
    products=tuple(
        Product(
            id=item_id,
            sku=item_id.upper(),
            name=name,
            category=category,
            unit_price=price,
            stock=stock,
            tax_rate=rate,
            icon="x.svg",
        )
        for item_id, name, category, price, stock, rate in (
            ("beans", "Espresso beans", "Coffee", "18.90", 25, "0.07"),
            ("croissant", "Croissant", "Bakery", "0.89", 40, "0.07"),
            ("bread", "Rye bread", "Bakery", "3.20", 10, "0.07"),
            ("soap", "Dish soap", "Household", "1.95", 48, "0.19"),
            ("pen", "Fountain pen", "Stationery", "29.50", 3, "0.19"),
        )
    )
)

COUPONS: CouponTable = load_coupons(
    b"""{"coupons": [
    {"code": "SPRING10", "percent": "10", "minimum_spend": "20.00",
     "valid_from": "2026-03-01", "valid_to": "2026-04-30"},
    {"code": "BAKERY5", "amount": "5.00", "minimum_spend": "4.00", "categories": ["Bakery"]},
    {"code": "TEA20", "percent": "20", "categories": ["Tea"]}
]}"""
)

SPRING = date(2026, 4, 1)


def D(text: str) -> Decimal:
    return Decimal(text)


def added(item_id: str, quantity: int) -> ItemAdded:
    p = SHOP[item_id]
    return ItemAdded(
        item_id=p.id, name=p.name, unit_price=p.unit_price, tax_rate=p.tax_rate, quantity=quantity
    )


def ledger_of(facts: list[Fact]) -> OrderLedger:
    """The past orders ``facts`` hold, as the handler's ledger keeps them."""
    ledger = OrderLedger()
    ledger.record_all(facts)
    return ledger


def when(given: list[Fact], command: Command) -> tuple[list[Fact], Cart, Cart]:
    """(facts decided, cart before, cart after applying them); past orders come from the
    ledger of ``given``."""
    before = apply_all(Cart(), given)
    facts = decide(before, command, SHOP, COUPONS, ledger_of(given))
    return facts, before, apply_all(before, facts)


def rejected(given: list[Fact], command: Command) -> str:
    """Assert ``command`` is rejected and changes nothing; return the reason."""
    facts, before, after = when(given, command)
    assert len(facts) == 1 and isinstance(facts[0], CommandRejected), facts
    assert facts[0].command == type(command).__name__
    assert after is before
    assert "\n" not in facts[0].reason and 0 < len(facts[0].reason) <= 200
    return facts[0].reason
