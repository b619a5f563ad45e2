"""Fixtures for the domain tests: the shipped catalog and a small hand-made shop."""

from __future__ import annotations

from pathlib import Path

import pytest

from cartapp.domain.catalog import Catalog, Product

REPO = Path(__file__).resolve().parents[2]

SHOP = (
    # id, name, unit price, stock, tax rate
    ("beans", "Espresso beans", "18.90", 25, "0.07"),
    ("croissant", "Croissant", "0.89", 40, "0.07"),
    ("soap", "Dish soap", "1.95", 48, "0.19"),
    ("pen", "Fountain pen", "29.50", 3, "0.19"),
    ("tea", "Chamomile tea", "1.99", 0, "0.07"),
    ("garlic", "Garlic", "0.39", 200, "0.07"),
    ("stamp", "Stamp", "0.25", 50, "0.10"),
    ("card", "Postcard", "0.65", 50, "0.10"),
)


def product(item_id: str, name: str, price: str, stock: int, rate: str) -> Product:
    return Product(
        id=item_id,
        sku=item_id.upper(),
        name=name,
        category="Test",
        unit_price=price,
        stock=stock,
        tax_rate=rate,
        icon="test.svg",
    )


@pytest.fixture(scope="session")
def real_catalog() -> Catalog:
    return Catalog.from_json((REPO / "resources" / "catalog.json").read_bytes())


@pytest.fixture(scope="session")
def shop() -> Catalog:
    """Eight products with round-number prices, a low-stock pen and an out-of-stock tea."""
    return Catalog(products=tuple(product(*row) for row in SHOP))
