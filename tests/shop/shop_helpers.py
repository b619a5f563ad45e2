"""Shared by the shop tests: a one-product catalog and a wait for a condition."""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import TYPE_CHECKING

from cartapp.domain.catalog import Catalog
from cartapp.domain.events import ItemAdded, ItemRemoved

if TYPE_CHECKING:
    from collections.abc import Callable

CATALOG = Catalog.model_validate(
    {
        "products": [
            {
                "id": "rye-bread",
                "sku": "RYE-1",
                "name": "Rye bread 1 kg",
                "category": "Bread",
                "unit_price": "3.20",
                "stock": 5,
                "tax_rate": "0.07",
                "icon": "bread.svg",
            }
        ]
    }
)


def added(n: int) -> ItemAdded:
    return ItemAdded(
        item_id="rye-bread",
        name="Rye bread 1 kg",
        unit_price=Decimal("3.20"),
        tax_rate=Decimal("0.07"),
        quantity=n,
    )


def removed(n: int) -> ItemRemoved:
    return ItemRemoved(item_id="rye-bread", name="Rye bread 1 kg", quantity=n)


def until(condition: Callable[[], bool], timeout: float = 30.0) -> bool:
    done = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if condition():
            return True
        done.wait(0.01)
    return condition()
