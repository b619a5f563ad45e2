"""Fixtures for the handler tests: a small catalog and a bus that reports handler failures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cartapp.bus import EventBus
from cartapp.domain.catalog import Catalog, Product
from cartapp.handlers import handler_failed


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    rows = (
        ("beans", "Espresso beans", "18.90", 25, "0.07"),
        ("pen", "Fountain pen", "29.50", 3, "0.19"),
        ("tea", "Chamomile tea", "1.99", 0, "0.07"),
    )
    return Catalog(
        products=tuple(
            Product(
                id=item_id,
                sku=item_id.upper(),
                name=name,
                category="Test",
                unit_price=price,
                stock=stock,
                tax_rate=rate,
                icon="test.svg",
            )
            for item_id, name, price, stock, rate in rows
        )
    )


@pytest.fixture
def bus() -> Iterator[EventBus]:
    bus = EventBus(failure_fact=handler_failed)
    yield bus
    bus.close()
