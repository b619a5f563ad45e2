"""Shared by the shop tests: a one-product catalog and a wait for a condition."""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import TYPE_CHECKING

from cartapp.domain.catalog import Catalog
from cartapp.domain.events import ItemAdded, ItemRemoved

if TYPE_CHECKING:
    from collections.abc import Callable

    from cartapp.shop.link import ShopLink

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


def until(condition: Callable[[], bool], timeout: float = 180.0) -> bool:
    """Whether ``condition`` holds within ``timeout`` seconds. The bound only says when to give up
    on a hang: a loaded machine fsyncs thousands of atomic batches slowly (two tills' contest
    owes the shop about 2,000 of them), so it is far beyond what a quiet machine needs."""
    done = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if condition():
            return True
        done.wait(0.01)
    return condition()


def stock_ledger(link: ShopLink, sku: str) -> list[dict[str, object]]:
    """Every stored change of ``sku``'s stock, oldest first, as the broker holds them."""
    import json

    from nats.js.errors import NotFoundError

    from cartapp.shop.subjects import STREAM

    async def read() -> list[dict[str, object]]:
        rows: list[dict[str, object]] = []
        seq = 0
        while True:
            try:
                msg = await link.js.get_msg(
                    STREAM, seq=seq + 1, subject=f"shop.stock.{sku}.*", next=True
                )
            except NotFoundError:  # past the last one
                return rows
            seq = msg.seq
            rows.append(json.loads(msg.data))

    result: list[dict[str, object]] = link.call(read())
    return result
